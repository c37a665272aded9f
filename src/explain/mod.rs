//! `kpi explain` (evaluation-cycle.md §4): every term of the arithmetic
//! behind one KPI's status and grade, as plain data. Built from the
//! `KpiProgress` that `status` computes (the same `cmd::evaluate`) and the
//! same functions of `progress`: the terms restate, never re-decide.

pub mod fraction;
mod terms;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::plan::{Kpi, PathShape, Plan, Point};
use crate::progress::{exact_figures, ExactFigures, KpiProgress};
use crate::value::{ratio_json, value_json};
use crate::year::{FiscalYear, YearStyle};

pub use terms::{Band, Rule, Term};

/// The explanation of one KPI as of a year.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub schema_version: u32,
    pub kpi: Head,
    pub as_of: Option<YearDoc>,
    /// `baseline` or `target` (progress.md): the basis this KPI was scored on.
    pub basis: &'static str,
    /// `linear` or `geometric`.
    pub path: &'static str,
    pub baseline: PointDoc,
    /// The target in force as of the year.
    pub target: PointDoc,
    /// The plan's own target, when a revision is in force.
    pub original_target: Option<PointDoc>,
    pub revision: Option<RevisionDoc>,
    pub schedule: Schedule,
    pub latest: Option<PointDoc>,
    /// `E(y)` at the latest figure's year, with its formula.
    pub expected_value: Option<Term>,
    pub achievement: Option<Term>,
    /// The share of the change the plan expected by the latest year.
    pub expected: Option<Term>,
    pub pace: Option<Term>,
    pub gap: Option<Term>,
    pub improvement: Option<Term>,
    pub status: StatusDoc,
    pub grade: GradeDoc,
    pub staleness: Staleness,
    /// The office's judgement of the year (evaluation-cycle.md §3).
    pub assessed: Option<Value>,
    /// The previous published evaluation and the published one of the
    /// year (evaluation-cycle.md §2), as status's JSON has them; `null`
    /// when none was published. `revised_since_publication` with the
    /// published one: what changed since is in `revisions`.
    pub previous: Option<Value>,
    pub published: Option<Value>,
    pub revised_since_publication: Option<bool>,
    pub revisions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Head {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub direction: &'static str,
    /// The KPI's decimals (its values print with them).
    pub decimals: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearDoc {
    pub year: i32,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PointDoc {
    pub year: i32,
    pub label: String,
    pub value: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevisionDoc {
    pub from: YearDoc,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    /// `null` for a `due_years` KPI.
    pub frequency: Option<i32>,
    pub lag: i32,
    pub due_years: Vec<YearDoc>,
    /// `y_f`: the last due year at or before the target year in force.
    pub final_due_year: YearDoc,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusDoc {
    pub name: &'static str,
    pub on_track: Value,
    pub at_risk: Value,
    /// The rules of progress.md in order, up to the one that holds.
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeDoc {
    pub label: Option<String>,
    /// The plan's bands in order, up to the one that matched (all of them
    /// when none did).
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Staleness {
    pub stale: bool,
    /// Due figures missing after the latest: the due years `y` with
    /// `L < y ≤ A − lag`.
    pub overdue: Option<i32>,
    pub stale_after: i32,
    pub rule: String,
}

fn year_doc(y: FiscalYear, style: YearStyle) -> YearDoc {
    YearDoc {
        year: y.0,
        label: y.label(style),
    }
}

fn point_doc(p: Point, style: YearStyle) -> PointDoc {
    PointDoc {
        year: p.year.0,
        label: p.year.label(style),
        value: value_json(p.value),
    }
}

/// What every term needs: the KPI as judged, its figures, the style.
pub(crate) struct Ctx<'a> {
    pub plan: &'a Plan,
    pub k: &'a KpiProgress,
    pub kpi: &'a Kpi,
    pub exact: Option<ExactFigures>,
    pub style: YearStyle,
    pub as_of: Option<FiscalYear>,
}

impl Ctx<'_> {
    /// A value with the KPI's decimals, grouped: `2,788`.
    pub fn num(&self, v: Decimal) -> String {
        crate::value::grouped(v, self.k.decimals)
    }

    pub fn year(&self, y: FiscalYear) -> String {
        y.label(self.style)
    }
}

/// Explain `k`, which `cmd::evaluate` (the evaluation of `kpi status`)
/// made of `plan` as of `as_of`, beside the published evaluations
/// `beside` that evaluation read.
pub fn explain(
    plan: &Plan,
    k: &KpiProgress,
    as_of: Option<FiscalYear>,
    beside: &crate::evaluations::Beside,
    words: &crate::render::Style,
) -> Explanation {
    let kpi = k.kpi_of(plan);
    let style = plan.year_style;
    let ctx = Ctx {
        plan,
        k,
        kpi,
        exact: k.latest.map(|p| exact_figures(kpi, &plan.scoring, p)),
        style,
        as_of,
    };
    let original = &plan.kpis[k.kpi];
    let kpi_beside = beside.of(&kpi.id);
    let history = kpi_beside.map_or((None, None), |b| {
        crate::render::published::values(beside, b, style)
    });
    let published_kpi = kpi_beside.and_then(|b| b.published.as_ref());
    Explanation {
        schema_version: crate::render::json::SCHEMA_VERSION,
        kpi: Head {
            id: kpi.id.clone(),
            name: kpi.name.clone(),
            unit: kpi.unit.clone(),
            direction: kpi.direction.name(),
            decimals: k.decimals,
        },
        as_of: as_of.map(|a| year_doc(a, style)),
        basis: k.basis.name(),
        path: match plan.scoring.path {
            PathShape::Linear => "linear",
            PathShape::Geometric => "geometric",
        },
        baseline: point_doc(kpi.baseline, style),
        target: point_doc(kpi.target, style),
        original_target: k.revision.map(|_| point_doc(original.target, style)),
        revision: k.revision.map(|r| RevisionDoc {
            from: year_doc(original.revisions[r].from, style),
            note: original.revisions[r].note.clone(),
        }),
        schedule: Schedule {
            frequency: kpi.schedule.frequency(),
            lag: kpi.schedule.lag,
            due_years: kpi
                .due_years()
                .into_iter()
                .map(|y| year_doc(y, style))
                .collect(),
            final_due_year: year_doc(kpi.final_due_year(), style),
        },
        latest: k.latest.map(|p| point_doc(p, style)),
        expected_value: terms::expected_value(&ctx),
        achievement: terms::achievement(&ctx),
        expected: terms::expected_share(&ctx),
        pace: terms::pace(&ctx),
        gap: terms::gap(&ctx),
        improvement: terms::improvement(&ctx),
        status: StatusDoc {
            name: k.status.name(),
            on_track: ratio_json(plan.scoring.on_track),
            at_risk: ratio_json(plan.scoring.at_risk),
            rules: terms::rules(&ctx),
        },
        grade: GradeDoc {
            label: k.grade.clone(),
            bands: terms::bands(&ctx),
        },
        staleness: terms::staleness(&ctx),
        assessed: k
            .assessed
            .as_ref()
            .map(|a| serde_json::json!({ "label": a.label, "reason": a.reason })),
        previous: history.0,
        published: history.1,
        revised_since_publication: published_kpi.and(kpi_beside.map(|b| b.revised())),
        revisions: kpi_beside
            .map(|b| {
                b.changes
                    .iter()
                    .map(|c| crate::render::published::change(kpi, k, c, words))
                    .collect()
            })
            .unwrap_or_default(),
    }
}
