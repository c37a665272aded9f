//! Per-category evaluation (breakdowns.md, "Evaluation" and "Details"):
//! each single-dimension category of a KPI with `category_target` is
//! judged with the KPI's direction, path kind, basis, cut-offs and
//! staleness rule, against its own baseline (its figure in the KPI's
//! baseline year) and its category target at the KPI's target year; no
//! milestones, no revisions. The arithmetic is `evaluate_kpi`'s, on a KPI
//! made for the category, so that no formula is written twice. Category
//! results never change the KPI's own status.
//!
//! Pure: the plan, the KPI's category figures and the as-of year in.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{decimals_as_of, evaluate_kpi, latest, Evaluation, Series};
use crate::breakdown::CategoryKey;
use crate::plan::{Kpi, Plan, Point, Scoring};
use crate::status::Status;
use crate::year::FiscalYear;

/// One KPI's category figures, by (year, categories) (`LedgerValues.categories`).
pub type Figures = BTreeMap<(FiscalYear, CategoryKey), Decimal>;

/// What is said of one KPI's categories as of a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Categories {
    /// One per category of each of the KPI's dimensions: the dimensions in
    /// `breakdowns` order, each one's categories in the plan's order.
    pub singles: Vec<CategoryProgress>,
    /// The latest figure of each combination of categories that has one
    /// (several dimensions), in key order.
    pub combinations: Vec<(CategoryKey, Point)>,
    /// The decimals the KPI's values print with, its category figures counted.
    pub decimals: u32,
    /// Its figures by year for the tables and charts of `kpi show` and
    /// `kpi report` (`attach_history`); empty otherwise.
    pub history: History,
}

/// A KPI's figures up to the as-of year: its totals (written or derived),
/// its category figures, and the years whose total was derived.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    pub totals: Series,
    pub figures: Figures,
    pub derived: Vec<FiscalYear>,
}

impl Categories {
    /// The categories of the KPI's `dimension`-th breakdown, in order.
    pub fn of_dimension(&self, dimension: usize) -> impl Iterator<Item = &CategoryProgress> {
        self.singles
            .iter()
            .filter(move |c| c.dimension == dimension)
    }
}

/// One category of one dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryProgress {
    /// Position in the KPI's `breakdowns`.
    pub dimension: usize,
    /// Position in that dimension's categories.
    pub category: usize,
    /// Its figure in the KPI's baseline year.
    pub baseline: Option<Decimal>,
    /// Its category target (`Breakdown::target_of`); `None` without one.
    pub target: Option<Decimal>,
    /// Its latest scored figure: after the KPI's baseline year, at or
    /// before the as-of year and the KPI's target year (progress.md).
    pub latest: Option<Point>,
    /// Its judgement against its target; `None` when it has no target.
    pub judged: Option<Judged>,
}

impl CategoryProgress {
    /// `latest − baseline`, exactly, in the KPI's unit.
    pub fn change(&self) -> Option<Decimal> {
        Some(self.latest?.value - self.baseline?)
    }

    pub fn achievement(&self) -> Option<Decimal> {
        self.judged.as_ref()?.achievement
    }

    pub fn status(&self) -> Option<Status> {
        self.judged.as_ref().map(|j| j.status)
    }
}

/// A category's figures and status against its target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judged {
    pub achievement: Option<Decimal>,
    pub pace: Option<Decimal>,
    pub status: Status,
    pub stale: bool,
}

/// Evaluate the categories of every evaluated KPI with breakdowns, as of
/// the evaluation's year (`kpi status`); a plan without dimensions is
/// passed over at once.
pub fn attach(plan: &Plan, eval: &mut Evaluation, figures: &BTreeMap<usize, Figures>) {
    if plan.dimensions.is_empty() {
        return;
    }
    let as_of = eval.as_of;
    for k in &mut eval.kpis {
        k.categories = evaluate(plan, k.kpi, figures.get(&k.kpi), as_of).map(Box::new);
    }
}

/// The categories of `plan.kpis[index]` as of `as_of`; `None` for a KPI
/// without breakdowns. `figures` are its category figures, if any.
pub fn evaluate(
    plan: &Plan,
    index: usize,
    figures: Option<&Figures>,
    as_of: Option<FiscalYear>,
) -> Option<Categories> {
    let kpi = &plan.kpis[index];
    let breakdown = kpi.breakdown.as_deref()?;
    let empty = Figures::new();
    let figures = figures.unwrap_or(&empty);
    let (series, combinations) = split(figures);
    // The KPI as a category sees it: made once, its baseline and target
    // set per category below.
    let mut own = Kpi {
        milestones: Vec::new(),
        revisions: Vec::new(),
        breakdown: None,
        ..kpi.clone()
    };
    let none = Series::new();
    let mut singles = Vec::new();
    for (d, &dim) in breakdown.dimensions.iter().enumerate() {
        let Some(dimension) = plan.dimensions.get(dim) else {
            continue;
        };
        for c in 0..dimension.categories.len() {
            let s = series.get(&(d, c)).unwrap_or(&none);
            let target = breakdown.target_of(d, c, kpi.target.value);
            singles.push(category(&mut own, &plan.scoring, s, (d, c), target, as_of));
        }
    }
    let combinations = combinations
        .into_iter()
        .filter_map(|(key, s)| latest(kpi, &s, as_of).map(|p| (key, p)))
        .collect();
    let decimals = decimals_as_of(kpi, &none, as_of).max(
        figures
            .iter()
            .filter(|((y, _), _)| as_of.is_none_or(|a| *y <= a))
            .map(|(_, v)| v.scale())
            .max()
            .unwrap_or(0),
    );
    Some(Categories {
        singles,
        combinations,
        decimals,
        history: History::default(),
    })
}

/// Give the evaluated KPI `k` its categories (as `attach`) and their
/// history up to `as_of`, for `kpi show` and `kpi report`. `totals` is its
/// series (written and derived totals), `derived` the years derived.
pub fn attach_history(
    plan: &Plan,
    k: &mut super::KpiProgress,
    totals: Option<&Series>,
    figures: Option<&Figures>,
    derived: impl Iterator<Item = FiscalYear>,
    as_of: Option<FiscalYear>,
) {
    let Some(mut c) = evaluate(plan, k.kpi, figures, as_of) else {
        return;
    };
    let upto = |y: &FiscalYear| as_of.is_none_or(|a| *y <= a);
    c.history = History {
        totals: totals
            .into_iter()
            .flatten()
            .filter(|(y, _)| upto(y))
            .map(|(y, v)| (*y, *v))
            .collect(),
        figures: figures
            .into_iter()
            .flatten()
            .filter(|((y, _), _)| upto(y))
            .map(|(key, v)| (key.clone(), *v))
            .collect(),
        derived: derived.filter(upto).collect(),
    };
    k.categories = Some(Box::new(c));
}

/// One category: `own` is the KPI stripped of milestones and revisions,
/// its baseline and target replaced by the category's here.
fn category(
    own: &mut Kpi,
    scoring: &Scoring,
    series: &Series,
    (dimension, category): (usize, usize),
    target: Option<Decimal>,
    as_of: Option<FiscalYear>,
) -> CategoryProgress {
    let baseline = series.get(&own.baseline.year).copied();
    let latest = latest(own, series, as_of);
    let judged = target.map(|t| match baseline {
        // No figure in the baseline year: nothing to measure from.
        None => Judged {
            achievement: None,
            pace: None,
            status: Status::NoData,
            stale: false,
        },
        Some(b) => {
            own.baseline.value = b;
            own.target.value = t;
            let k = evaluate_kpi(0, own, series, as_of, scoring);
            Judged {
                achievement: k.achievement,
                pace: k.pace,
                status: k.status,
                stale: k.stale,
            }
        }
    });
    CategoryProgress {
        dimension,
        category,
        baseline,
        target,
        latest,
        judged,
    }
}

/// The single-dimension figures as a series per (dimension, category), and
/// the combinations' series per key.
type Split = (
    BTreeMap<(usize, usize), Series>,
    BTreeMap<CategoryKey, Series>,
);

fn split(figures: &Figures) -> Split {
    let mut singles: BTreeMap<(usize, usize), Series> = BTreeMap::new();
    let mut combinations: BTreeMap<CategoryKey, Series> = BTreeMap::new();
    for ((year, key), &value) in figures {
        if let Some(one) = key.single() {
            singles.entry(one).or_default().insert(*year, value);
        } else if key.is_combination() {
            combinations
                .entry(key.clone())
                .or_default()
                .insert(*year, value);
        }
    }
    (singles, combinations)
}

#[cfg(test)]
pub(crate) mod tests;
