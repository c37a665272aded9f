//! One KPI's object in `kpi status --format json` (and in `kpi check`'s
//! flagged KPIs), written field by field into a buffer (`pretty::Obj`):
//! a national plan's document holds 100,000 of them. A new field is one
//! more line in `KpiDoc::entries`, in its place in the object.

use std::sync::OnceLock;

use serde_json::json;

use super::pretty::{Arr, Obj};
use crate::plan::{Plan, Point};
use crate::progress::{Evaluation, KpiProgress};
use crate::review::{Review, YearReview};
use crate::value::ValueText;
use crate::year::{FiscalYear, Label, YearStyle};

/// One KPI's object, with its review text of the year, if any.
pub(crate) struct KpiDoc<'a> {
    pub plan: &'a Plan,
    pub k: &'a KpiProgress,
    /// The KPI's review text of the as-of year (`reviews/YEAR.toml`).
    pub review: Option<&'a Review>,
    /// Its previous and published verdicts (`evaluations/`), if any.
    pub beside: Option<(
        &'a crate::evaluations::Beside,
        &'a crate::evaluations::KpiBeside,
    )>,
}

impl<'a> KpiDoc<'a> {
    pub fn new(plan: &'a Plan, k: &'a KpiProgress, review: &'a YearReview) -> Self {
        KpiDoc {
            plan,
            k,
            review: review.kpis.get(&plan.kpis[k.kpi].id),
            beside: None,
        }
    }

    /// With the KPI's previous and published verdicts from `eval`.
    pub fn beside(mut self, eval: &'a Evaluation) -> Self {
        let id = &self.plan.kpis[self.k.kpi].id;
        self.beside = eval.beside.of(id).map(|b| (&eval.beside, b));
        self
    }

    /// The object, at `depth`.
    pub fn write(&self, buf: &mut Vec<u8>, depth: usize) {
        let mut o = Obj::open(buf, depth);
        self.entries(&mut o);
        o.close();
    }

    /// The object's entries, for an object that adds its own after them
    /// (`kpi check`'s flagged KPIs).
    pub(crate) fn entries(&self, o: &mut Obj) {
        let (plan, k) = (self.plan, self.k);
        let kpi = k.kpi_of(plan);
        let style = plan.year_style;
        let goals = plan.kpi_goal_indexes(kpi);
        o.str("id", &kpi.id);
        o.str("name", &kpi.name);
        o.opt_str("unit", kpi.unit.as_deref());
        o.opt_str("goal", goals.first().map(|&g| plan.goals[g].id.as_str()));
        strings(o.arr("goals"), goals.iter().map(|&g| &plan.goals[g].id));
        strings(o.arr("measures"), kpi.measure_ids());
        o.str("direction", kpi.direction.name());
        o.bool("cumulative", kpi.cumulative);
        o.opt_str("owner", kpi.owner.as_deref());
        o.opt_str("source", kpi.source.as_deref());
        point(o.obj("baseline"), kpi.baseline, style).close();
        point(o.obj("target"), kpi.target, style).close();
        // Only when a revised target is in force (cli.md).
        if let Some(r) = k.revision {
            let original = &plan.kpis[k.kpi];
            point(o.obj("original_target"), original.target, style).close();
            let rev = &original.revisions[r];
            let mut revision = o.obj("revision");
            year(revision.obj("from"), rev.from, style).close();
            revision.opt_str("note", rev.note.as_deref());
            revision.close();
        }
        let mut milestones = o.arr("milestones");
        for p in &kpi.milestones {
            point(milestones.obj(), *p, style).close();
        }
        milestones.close();
        match k.latest {
            Some(p) => {
                let mut latest = point(o.obj("latest"), p, style);
                let remark = k.remark.as_ref();
                latest.opt_str("note", remark.and_then(|r| r.note.as_deref()));
                latest.bool("preliminary", remark.is_some_and(|r| r.preliminary));
                latest.close();
            }
            None => o.null("latest"),
        }
        o.value("expected_value", k.expected_value);
        o.ratio("achievement", k.achievement);
        o.ratio("expected", k.expected);
        o.ratio("pace", k.pace);
        o.value("gap", k.gap);
        o.ratio("improvement", k.improvement);
        o.str("status", k.status.name());
        o.opt_str("grade", k.grade.as_deref());
        o.bool("stale", k.stale);
        // When figures come (evaluation-cycle.md §1).
        o.opt_int("frequency", kpi.schedule.frequency());
        o.int("lag", kpi.schedule.lag);
        let mut due = o.arr("due_years");
        for y in kpi.due_years() {
            year(due.obj(), y, style).close();
        }
        due.close();
        o.opt_int("overdue", k.overdue);
        o.str("basis", k.basis.name());
        o.int("decimals", k.decimals);
        match self.review {
            Some(r) => o.serde("review", &json!({ "comment": r.comment, "next": r.next })),
            None => o.null("review"),
        }
        // The office's judgement (evaluation-cycle.md §3), beside `status`.
        match &k.assessed {
            Some(a) => o.serde("assessed", &json!({ "label": a.label, "reason": a.reason })),
            None => o.null("assessed"),
        }
        // Only for a KPI with breakdowns, when the command evaluated its
        // categories (breakdowns.md, "Status JSON `breakdowns`").
        if let Some(categories) = k.categories.as_deref() {
            let doc = crate::render::breakdowns::BreakdownsDoc {
                plan,
                kpi: k.kpi,
                categories,
            };
            o.serde("breakdowns", &doc);
        }
        if let Some((all, b)) = self.beside {
            crate::render::published::json_entries(all, b, style, o);
        }
    }
}

/// An array of strings, closed.
fn strings<S: AsRef<str>>(mut a: Arr, items: impl IntoIterator<Item = S>) {
    for s in items {
        a.str(s.as_ref());
    }
    a.close();
}

/// `{ "year", "label" }` into an open object, left open.
fn year(mut o: Obj, y: FiscalYear, style: YearStyle) -> Obj {
    o.int("year", y.0);
    match labels(style).get(y.0.wrapping_sub(FIRST_LABEL) as usize) {
        Some(label) => o.plain_str("label", label),
        None => o.plain_str("label", Label(y, style)),
    }
    o
}

/// The first year whose label is made once (`labels`).
const FIRST_LABEL: i32 = 1900;

/// The labels of the years from 1900 to 2199 in a style, made once: a
/// status document writes some ten a KPI.
fn labels(style: YearStyle) -> &'static [String] {
    static MADE: [OnceLock<Vec<String>>; 3] = [const { OnceLock::new() }; 3];
    let at = match style {
        YearStyle::Western => 0,
        YearStyle::Fiscal => 1,
        YearStyle::Era => 2,
    };
    MADE[at].get_or_init(|| {
        (FIRST_LABEL..FIRST_LABEL + 300)
            .map(|y| FiscalYear(y).label(style))
            .collect()
    })
}

/// `{ "year", "label", "value" }` into an open object, left open for the
/// latest figure's note.
fn point(o: Obj, p: Point, style: YearStyle) -> Obj {
    let mut o = year(o, p.year, style);
    o.num("value", ValueText(p.value));
    o
}
