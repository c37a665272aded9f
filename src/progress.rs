//! Progress arithmetic (progress.md): the expected path, achievement,
//! expected share, pace, gap, status, grade, staleness and roll-ups.
//!
//! Pure: plain data in, plain data out. Every figure is an exact decimal;
//! ratios are divided exactly (28 significant digits) and compared exactly
//! against the cut-offs.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use crate::bands::Figure;
use crate::plan::{Basis, Direction, GradeBand, Kpi, PathShape, Plan, Point, Scoring};
use crate::review::YearReview;
use crate::series::Remark;
pub use crate::series::Series;
use crate::status::Status;
use crate::year::FiscalYear;

pub mod category;
pub mod compare;
pub mod coverage;
pub mod detail;
pub mod gap;
pub mod judged;
pub mod query;
pub mod verdict;

pub use detail::{year_rows, KpiDetail, YearRow};
pub mod remarks;
pub use query::{Query, Scope, StatusFilter};

/// Everything `kpi` says about one KPI as of a year.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiProgress {
    /// Index of the KPI in `plan.kpis`.
    pub kpi: usize,
    /// The latest scored actual: after the baseline year, at or before the as-of year.
    pub latest: Option<Point>,
    /// `E(y)` at the latest actual's year.
    pub expected_value: Option<Decimal>,
    pub achievement: Option<Decimal>,
    pub expected: Option<Decimal>,
    pub pace: Option<Decimal>,
    pub gap: Option<Decimal>,
    /// `s * (a - b) / |b|` (progress.md, "Grades"); undefined when `b == 0`.
    pub improvement: Option<Decimal>,
    pub status: Status,
    pub grade: Option<String>,
    pub stale: bool,
    /// Due figures missing after the latest (`Kpi::overdue`); `None`
    /// without an as-of year.
    pub overdue: Option<i32>,
    /// The basis this KPI was scored on (the plan's, unless `target` could not apply).
    pub basis: Basis,
    /// Decimals to print this KPI's values with: the most any of its values shows.
    pub decimals: u32,
    /// The latest figure's note and preliminary flag, if it has either
    /// (`remarks::attach`).
    /// Boxed, as `assessed`: most KPIs have none, and a national plan's
    /// evaluation holds 100,000 of these side by side.
    pub remark: Option<Box<Remark>>,
    /// The revision of the KPI's target in force (an index into
    /// `kpi.revisions`), if any.
    pub revision: Option<usize>,
    /// The KPI as that revision states it (`Kpi::revised`); see `kpi_of`.
    pub revised: Option<Box<Kpi>>,
    /// The trend column's points (`detail::trend`); empty unless the query
    /// asks for trends.
    pub trend: Vec<Point>,
    /// The year table and chart (`detail::detail`); `None` unless the query
    /// asks for charts.
    pub detail: Option<Box<KpiDetail>>,
    /// The office's judgement of the as-of year (`judged::attach`), printed
    /// after the status, never in its place.
    pub assessed: Option<Box<crate::judgement::Assessment>>,
    /// The as-of year's review has a `comment` for this KPI
    /// (`judged::attach`; `kpi check --fail-on unexplained`).
    pub explained: bool,
    /// Its categories' figures and statuses (breakdowns.md), for a KPI
    /// with breakdowns when the command asks for them (`category::attach`).
    pub categories: Option<Box<category::Categories>>,
}

impl KpiProgress {
    /// The KPI as it was judged: with the revised target in force, if any.
    /// Every renderer reads the KPI through this, so that the target, path
    /// and figures it prints are the ones the evaluation used.
    pub fn kpi_of<'a>(&'a self, plan: &'a Plan) -> &'a Kpi {
        self.revised.as_deref().unwrap_or(&plan.kpis[self.kpi])
    }
}

/// Counts per status for a goal or a measure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts(pub BTreeMap<Status, usize>);

impl Counts {
    pub fn get(&self, status: Status) -> usize {
        self.0.get(&status).copied().unwrap_or(0)
    }

    pub fn total(&self) -> usize {
        self.0.values().sum()
    }

    fn add(&mut self, status: Status) {
        *self.0.entry(status).or_insert(0) += 1;
    }
}

/// Counts of any statuses: `kpis.iter().map(|k| k.status).collect()`.
impl FromIterator<Status> for Counts {
    fn from_iter<I: IntoIterator<Item = Status>>(statuses: I) -> Counts {
        let mut counts = Counts::default();
        for status in statuses {
            counts.add(status);
        }
        counts
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    /// Index of the goal or measure in the plan.
    pub index: usize,
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The as-of year `A`; `None` when the ledger is empty and no year was asked for.
    pub as_of: Option<FiscalYear>,
    pub kpis: Vec<KpiProgress>,
    /// Per goal in plan order, counting the KPIs evaluated (each once per goal).
    pub goals: Vec<Rollup>,
    /// Per measure in plan order, counting the KPIs under it and its sub-measures.
    pub measures: Vec<Rollup>,
    /// How many of the evaluated KPIs are due a figure for the as-of year
    /// and have none (0 without an as-of year).
    pub missing: usize,
    /// The planning office's review text of the as-of year
    /// (`reviews/YEAR.toml`), empty when there is none: it is printed beside
    /// the figures, never part of them.
    pub review: YearReview,
    /// The previous and published evaluations beside this one
    /// (`evaluations/`, evaluation-cycle.md §2); empty when none was
    /// published: printed beside the figures, never part of them.
    pub beside: crate::evaluations::Beside,
}

impl Evaluation {
    pub fn for_kpi(&self, index: usize) -> Option<&KpiProgress> {
        self.kpis.iter().find(|k| k.kpi == index)
    }
}

/// Evaluate the KPIs `selected` (indexes into `plan.kpis`) as of `as_of`.
/// `series[i]` holds the figures of `plan.kpis[i]`. (`Query::evaluate`
/// is the whole evaluation a command asks for: scope, status filter, detail.)
pub fn evaluate(
    plan: &Plan,
    series: &[Series],
    as_of: Option<FiscalYear>,
    selected: &[usize],
) -> Evaluation {
    let empty = Series::new();
    let kpis: Vec<KpiProgress> = selected
        .iter()
        .map(|&i| {
            let s = series.get(i).unwrap_or(&empty);
            evaluate_kpi(i, &plan.kpis[i], s, as_of, &plan.scoring)
        })
        .collect();
    tally(plan, series, as_of, kpis)
}

/// The evaluation of `kpis`: their roll-ups and how many of them miss a
/// figure for the as-of year.
fn tally(
    plan: &Plan,
    series: &[Series],
    as_of: Option<FiscalYear>,
    kpis: Vec<KpiProgress>,
) -> Evaluation {
    // Each KPI adds its status to every goal and measure it leads up to:
    // one pass over the KPIs, not one per goal and measure.
    let mut goal_counts = vec![Counts::default(); plan.goals.len()];
    let mut measure_counts = vec![Counts::default(); plan.measures.len()];
    for k in &kpis {
        let kpi = k.kpi_of(plan);
        for gi in plan.kpi_goal_indexes(kpi) {
            goal_counts[gi].add(k.status);
        }
        for mi in plan.kpi_measure_indexes(kpi) {
            measure_counts[mi].add(k.status);
        }
    }
    let rollups = |counts: Vec<Counts>| -> Vec<Rollup> {
        counts
            .into_iter()
            .enumerate()
            .map(|(index, counts)| Rollup { index, counts })
            .collect()
    };
    let goals = rollups(goal_counts);
    let measures = rollups(measure_counts);
    let missing = as_of.map_or(0, |a| {
        let evaluated: Vec<usize> = kpis.iter().map(|k| k.kpi).collect();
        coverage::missing_count(plan, series, a, &evaluated)
    });
    Evaluation {
        as_of,
        kpis,
        goals,
        measures,
        missing,
        review: YearReview::default(),
        beside: Default::default(),
    }
}

/// A plan's as-of year: the one asked for (`--year`), else the newest year
/// with a figure for one of its KPIs, capped at the last target year in
/// force then among its KPIs. A finished plan sharing series with a newer
/// one is judged as of its own last target year, not as of the other
/// plan's figures (issue 24, item 10).
pub fn plan_as_of(asked: Option<FiscalYear>, plan: &Plan, series: &[Series]) -> Option<FiscalYear> {
    if asked.is_some() {
        return asked;
    }
    let newest = as_of_year(None, series)?;
    let last = plan.kpis.iter().map(|k| k.target_as_of(newest).year).max();
    Some(last.map_or(newest, |last| newest.min(last)))
}

/// The as-of year: the one asked for, else the newest year with any figure.
pub fn as_of_year(asked: Option<FiscalYear>, series: &[Series]) -> Option<FiscalYear> {
    asked.or_else(|| {
        series
            .iter()
            .filter_map(|s| s.keys().next_back())
            .max()
            .copied()
    })
}

/// An exact ratio `num / den` with `den > 0`. Dividing once, at the end,
/// keeps a pace such as 31.8 / 53 exactly 0.6, where dividing a rounded
/// `E(y)` (82.333…) again would land just below the cut-off.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratio {
    pub num: Decimal,
    pub den: Decimal,
}

impl Ratio {
    /// `None` when the denominator is 0: the ratio is undefined.
    pub fn new(num: Decimal, den: Decimal) -> Option<Ratio> {
        if den.is_zero() {
            None
        } else if den < Decimal::ZERO {
            Some(Ratio {
                num: -num,
                den: -den,
            })
        } else {
            Some(Ratio { num, den })
        }
    }

    /// The quotient, to rust_decimal's 28 significant digits.
    pub fn value(self) -> Option<Decimal> {
        self.num.checked_div(self.den)
    }

    /// `num / den >= cut`, compared exactly by cross-multiplying.
    pub fn at_least(self, cut: Decimal) -> bool {
        self.compare(cut) != Ordering::Less
    }

    /// How `num / den` compares to `bound`, exactly by cross-multiplying
    /// (`den > 0`); through the quotient only if the product would overflow.
    pub fn compare(self, bound: Decimal) -> Ordering {
        match bound.checked_mul(self.den) {
            Some(scaled) => self.num.cmp(&scaled),
            None => self.value().map_or(Ordering::Less, |v| v.cmp(&bound)),
        }
    }
}

impl From<Decimal> for Ratio {
    fn from(value: Decimal) -> Self {
        Ratio {
            num: value,
            den: Decimal::ONE,
        }
    }
}

/// The expected value `E(y)`: the path through the baseline, the milestones
/// and the target; the baseline before it starts and the target after it ends.
pub fn expected_value(kpi: &Kpi, shape: PathShape, year: FiscalYear) -> Decimal {
    let e = expected_ratio(kpi, shape, year);
    e.value().unwrap_or(e.num)
}

/// `E(y)` as an exact ratio: on a linear segment from `p` to `q` it is
/// `(p * span + (q - p) * done) / span`.
pub fn expected_ratio(kpi: &Kpi, shape: PathShape, year: FiscalYear) -> Ratio {
    if year <= kpi.baseline.year {
        return kpi.baseline.value.into();
    }
    if year >= kpi.target.year {
        return kpi.target.value.into();
    }
    // The path's points by year: `year` is past each `p` once the pairs
    // before have not held it.
    let points = kpi.path_points();
    for pair in points.windows(2) {
        let (p, q) = (pair[0], pair[1]);
        if year == p.year {
            return p.value.into();
        }
        if year < q.year {
            return between(p, q, year, shape);
        }
    }
    kpi.target.value.into()
}

fn between(p: Point, q: Point, year: FiscalYear, shape: PathShape) -> Ratio {
    let done = Decimal::from(year.0 - p.year.0);
    let span = Decimal::from(q.year.0 - p.year.0);
    let linear = Ratio {
        num: p.value * span + (q.value - p.value) * done,
        den: span,
    };
    match shape {
        PathShape::Linear => linear,
        PathShape::Geometric => {
            // Validation guarantees every point is above 0. A fractional power
            // has no exact decimal form; f64 carries 15-16 significant digits.
            let (pv, qv) = (p.value.to_f64(), q.value.to_f64());
            let (done, span) = ((year.0 - p.year.0) as f64, (q.year.0 - p.year.0) as f64);
            match (pv, qv) {
                (Some(pv), Some(qv)) if pv > 0.0 && qv > 0.0 => {
                    Decimal::from_f64(pv * (qv / pv).powf(done / span)).map_or(linear, Ratio::from)
                }
                _ => linear,
            }
        }
    }
}

/// The latest scored actual: the greatest year `y` with
/// `y0 < y <= min(A, y1)`. Figures after the target year are what happened
/// after the plan: shown, never scored (progress.md).
pub fn latest(kpi: &Kpi, series: &Series, as_of: Option<FiscalYear>) -> Option<Point> {
    let upto = as_of?.min(kpi.target.year);
    if upto <= kpi.baseline.year {
        return None;
    }
    series
        .range(FiscalYear(kpi.baseline.year.0 + 1)..=upto)
        .next_back()
        .map(|(&year, &value)| Point { year, value })
}

/// The figures of progress.md for one actual `a` in year `y`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    pub expected_value: Decimal,
    pub achievement: Option<Decimal>,
    pub expected: Option<Decimal>,
    pub pace: Option<Decimal>,
    pub gap: Decimal,
    /// `s * (a - b) / |b|`: the change over the baseline as a share of it.
    pub improvement: Option<Decimal>,
    pub basis: Basis,
}

/// `Figures` with the exact ratios behind `achievement` and `pace`, for
/// the cut-offs. (Kept apart so that a year table, which holds `Figures`
/// for every year of every KPI, does not carry them.)
#[derive(Debug, Clone, Copy)]
pub struct ExactFigures {
    pub figures: Figures,
    pub achievement: Option<Ratio>,
    pub pace: Option<Ratio>,
    pub improvement: Option<Ratio>,
}

pub fn figures(kpi: &Kpi, scoring: &Scoring, actual: Point) -> Figures {
    exact_figures(kpi, scoring, actual).figures
}

/// `figures` with the exact ratios (`kpi explain` prints them as fractions).
pub fn exact_figures(kpi: &Kpi, scoring: &Scoring, actual: Point) -> ExactFigures {
    let (a, b, t) = (actual.value, kpi.baseline.value, kpi.target.value);
    let e = expected_ratio(kpi, scoring.path, actual.year);
    // E(y) - b = (num - b * den) / den
    let e_minus_b = e.num - b * e.den;
    let s = kpi.direction.sign();
    let expected = Ratio::new(e_minus_b, e.den * (t - b)).and_then(Ratio::value);
    let gap = s * (t - a);
    let zero = Decimal::ZERO;
    let (achievement, pace, basis) =
        if scoring.basis == Basis::Target && a > zero && t > zero && e.num > zero {
            match kpi.direction {
                Direction::Increase => (
                    Ratio::new(a, t),
                    Ratio::new(a * e.den, e.num),
                    Basis::Target,
                ),
                Direction::Decrease => (
                    Ratio::new(t, a),
                    Ratio::new(e.num, e.den * a),
                    Basis::Target,
                ),
            }
        } else {
            (
                Ratio::new(a - b, t - b),
                Ratio::new((a - b) * e.den, e_minus_b),
                Basis::Baseline,
            )
        };
    // Undefined when b == 0 (progress.md, "Grades").
    let improvement = Ratio::new(s * (a - b), b.abs());
    ExactFigures {
        figures: Figures {
            expected_value: e.value().unwrap_or(e.num),
            achievement: achievement.and_then(Ratio::value),
            expected,
            pace: pace.and_then(Ratio::value),
            gap,
            improvement: improvement.and_then(Ratio::value),
            basis,
        },
        achievement,
        pace,
        improvement,
    }
}

/// The status rules of progress.md, first that holds.
/// `missed` uses the KPI's final due year `y_f` (evaluation-cycle.md §1):
/// the latest figure is of `y_f` or later and the as-of year has reached
/// the target year; for a yearly KPI, `y >= y1`.
pub fn status(
    kpi: &Kpi,
    scoring: &Scoring,
    actual: Option<Point>,
    pace: Option<Ratio>,
    as_of: Option<FiscalYear>,
) -> Status {
    let Some(actual) = actual else {
        return Status::NoData;
    };
    let (a, b, t) = (actual.value, kpi.baseline.value, kpi.target.value);
    let s = kpi.direction.sign();
    if s * (a - t) >= Decimal::ZERO {
        return Status::Achieved;
    }
    let final_year = if kpi.schedule.is_yearly() {
        kpi.target.year
    } else {
        kpi.final_due_year()
    };
    if actual.year >= final_year && as_of.is_some_and(|a| a >= kpi.target.year) {
        return Status::Missed;
    }
    if s * (a - b) < Decimal::ZERO {
        return Status::Worsening;
    }
    match pace {
        Some(p) if p.at_least(scoring.on_track) => Status::OnTrack,
        Some(p) if p.at_least(scoring.at_risk) => Status::AtRisk,
        Some(_) => Status::OffTrack,
        // progress.md: with pace undefined, `on_track` when s·(a - b) >= 0,
        // else `off_track`. Not worsening, s·(a - b) >= 0 holds here.
        None => Status::OnTrack,
    }
}

/// The figures a grade band may name, as exact ratios.
#[derive(Debug, Clone, Copy, Default)]
pub struct Graded {
    pub pace: Option<Ratio>,
    pub achievement: Option<Ratio>,
    pub improvement: Option<Ratio>,
}

impl Graded {
    pub fn of(&self, figure: Figure) -> Option<Ratio> {
        match figure {
            Figure::Pace => self.pace,
            Figure::Achievement => self.achievement,
            Figure::Improvement => self.improvement,
        }
    }
}

/// The first band whose conditions all hold (progress.md, "Grades"): a
/// condition on a figure that is undefined does not hold; `no_data` is
/// graded only by a band that names it.
pub fn grade(bands: &[GradeBand], status: Status, figures: Graded) -> Option<String> {
    bands
        .iter()
        .find(|band| {
            let names_status = band.status.as_ref().is_some_and(|s| s.contains(&status));
            if status == Status::NoData && !names_status {
                return false;
            }
            let status_ok = band.status.is_none() || names_status;
            status_ok
                && band
                    .conditions
                    .iter()
                    .all(|c| c.holds(figures.of(c.figure).map(|r| r.compare(c.bound))))
        })
        .map(|band| band.label.clone())
}

/// The decimals a KPI prints with: the most any plan value or figure shows.
pub fn decimals(kpi: &Kpi, series: &Series) -> u32 {
    decimals_as_of(kpi, series, None)
}

/// `decimals`, counting only the figures at or before `as_of`: figures after
/// the as-of year are ignored, so they must not change the printout either.
pub fn decimals_as_of(kpi: &Kpi, series: &Series, as_of: Option<FiscalYear>) -> u32 {
    kpi.path_points()
        .iter()
        .map(|p| p.value.scale())
        .chain(
            series
                .iter()
                .filter(|(y, _)| as_of.is_none_or(|a| **y <= a))
                .map(|(_, v)| v.scale()),
        )
        .max()
        .unwrap_or(0)
}

pub fn evaluate_kpi(
    index: usize,
    kpi: &Kpi,
    series: &Series,
    as_of: Option<FiscalYear>,
    scoring: &Scoring,
) -> KpiProgress {
    // A revised target in force as of the year is the target for every
    // figure, status, grade, gap and chart (progress.md, "Revised targets").
    let revision = kpi.revision_in_force(as_of);
    let revised = revision.map(|r| Box::new(kpi.revised(r)));
    let kpi = revised.as_deref().unwrap_or(kpi);
    let latest = latest(kpi, series, as_of);
    let exact = latest.map(|p| exact_figures(kpi, scoring, p));
    let graded = Graded {
        pace: exact.and_then(|f| f.pace),
        achievement: exact.and_then(|f| f.achievement),
        improvement: exact.and_then(|f| f.improvement),
    };
    let pace = graded.pace;
    let figs = exact.map(|f| f.figures);
    let status = status(kpi, scoring, latest, pace, as_of);
    // Stale counts overdue due figures (evaluation-cycle.md §1): for a
    // yearly KPI with no lag, `A − L`, progress.md's rule.
    let overdue = as_of.map(|a| kpi.overdue(latest.map(|p| p.year), a));
    let stale = latest.is_some() && overdue.is_some_and(|n| n >= scoring.stale_after);
    KpiProgress {
        kpi: index,
        latest,
        expected_value: figs.map(|f| f.expected_value),
        achievement: figs.and_then(|f| f.achievement),
        expected: figs.and_then(|f| f.expected),
        pace: figs.and_then(|f| f.pace),
        gap: figs.map(|f| f.gap),
        status,
        improvement: figs.and_then(|f| f.improvement),
        grade: grade(&scoring.grades, status, graded),
        stale,
        overdue,
        basis: figs.map_or(scoring.basis, |f| f.basis),
        decimals: decimals_as_of(kpi, series, as_of),
        remark: None,
        revision,
        revised,
        trend: Vec::new(),
        detail: None,
        assessed: None,
        explained: false,
        categories: None,
    }
}

#[cfg(test)]
mod tests;
