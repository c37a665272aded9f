//! Gap to target (progress.md, "Gap to target"): for a KPI with a latest
//! actual before its target year and not yet achieved, what is left, what
//! it takes per year, what was seen per year, and where the least-squares
//! trend lands at the target year.
//!
//! Pure and exact: the least-squares line over integer years is rational
//! arithmetic, so every sum is an exact integer (`exact`) and each figure is
//! a single division at the end; whether the projection reaches the target
//! is decided without dividing at all. Arithmetic is checked: sums too large
//! for exact integers give no projection rather than a rounded one.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::{Evaluation, KpiProgress, Series};
use crate::plan::{Direction, Kpi, Plan, Point};
use crate::status::Status;
use crate::year::FiscalYear;

/// The figures of `kpi gap` for one KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// `s * (t - a)`: still to go, in the KPI's unit (the `gap` of progress.md).
    pub remaining: Decimal,
    /// `y1 - y`: at least 1, since a figure of the target year is achieved or missed.
    pub years_left: i32,
    /// `(t - a) / (y1 - y)`, signed in the KPI's unit (negative for a fall).
    pub needed_per_year: Decimal,
    /// `(a - b) / (y - y0)`, signed in the KPI's unit.
    pub seen_per_year: Decimal,
    /// `needed / seen`: how many times the pace seen so far it takes; `None`
    /// when nothing changed so far. Negative when the change so far went the
    /// wrong way.
    pub ratio: Option<Decimal>,
    pub projection: Projection,
}

/// The least-squares line through `(y0, b)` and every scored actual.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// The target year `y1` the line is read at.
    pub year: FiscalYear,
    /// The line's value at `y1`.
    pub value: Decimal,
    /// The line's slope: change per year.
    pub per_year: Decimal,
    /// How many points the line was fitted to (the baseline included).
    pub points: usize,
    /// `s * (value - t) >= 0`, decided exactly.
    pub reaches: bool,
    /// `(value - b) / (t - b)`: the share of the promised change the trend
    /// reaches by `y1`; `None` when `t == b`. The sort key of `kpi gap`.
    pub achievement: Option<Decimal>,
}

/// The gap figures of a KPI, or `None` where progress.md prints none: no
/// latest actual, or already achieved or missed.
pub fn gap(kpi: &Kpi, series: &Series, progress: &KpiProgress) -> Option<Gap> {
    if matches!(
        progress.status,
        Status::NoData | Status::Achieved | Status::Missed
    ) {
        return None;
    }
    let latest = progress.latest?;
    let (b, t, a) = (kpi.baseline.value, kpi.target.value, latest.value);
    let (y0, y1, y) = (kpi.baseline.year.0, kpi.target.year.0, latest.year.0);
    if y <= y0 || y >= y1 {
        return None;
    }
    let years_left = y1 - y;
    let seen_per_year = (a.checked_sub(b)?).checked_div(Decimal::from(y - y0))?;
    let needed_per_year = (t.checked_sub(a)?).checked_div(Decimal::from(years_left))?;
    let ratio = if seen_per_year.is_zero() {
        None
    } else {
        Some(needed_per_year.checked_div(seen_per_year)?)
    };
    // The scored actuals: after the baseline year, up to the latest (which is
    // the newest at or before the as-of year).
    let scored = series.range(FiscalYear(y0 + 1)..=latest.year);
    let mut points = vec![kpi.baseline];
    points.extend(scored.map(|(&year, &value)| Point { year, value }));
    Some(Gap {
        remaining: progress.gap?,
        years_left,
        needed_per_year,
        seen_per_year,
        ratio,
        projection: project(kpi, &points)?,
    })
}

/// Least squares over `x = year - y0` (small integers, so the sums stay
/// small): with `n` points, `D = nΣx² - (Σx)²` and `N = nΣxv - ΣxΣv`, the
/// slope is `N / D` and the value at `X1 = y1 - y0` is
/// `(Σv·D + N·(n·X1 - Σx)) / (n·D)`. `D > 0` because the baseline year and
/// the latest year differ. The sums are exact integers (`exact`): values
/// count `10^-scale` at the most decimals any point shows.
fn project(kpi: &Kpi, points: &[Point]) -> Option<Projection> {
    let y0 = kpi.baseline.year.0;
    let (b, t) = (kpi.baseline.value, kpi.target.value);
    let vs = points.iter().map(|p| p.value.scale()).max().unwrap_or(0);
    let n = i128::try_from(points.len()).ok()?;
    let (mut sx, mut sv, mut sxx, mut sxv) = (0i128, 0i128, 0i128, 0i128);
    for p in points {
        let x = i128::from(p.year.0 - y0);
        let v = exact::scaled(p.value, vs)?;
        sx = sx.checked_add(x)?;
        sv = sv.checked_add(v)?;
        sxx = sxx.checked_add(x.checked_mul(x)?)?;
        sxv = sxv.checked_add(x.checked_mul(v)?)?;
    }
    let d = n.checked_mul(sxx)?.checked_sub(sx.checked_mul(sx)?)?;
    let slope_num = n.checked_mul(sxv)?.checked_sub(sx.checked_mul(sv)?)?;
    if d <= 0 {
        return None;
    }
    let x1 = i128::from(kpi.target.year.0 - y0);
    let lever = n.checked_mul(x1)?.checked_sub(sx)?;
    // value = num / den (at scale vs), with den = n·D > 0
    let num = sv
        .checked_mul(d)?
        .checked_add(slope_num.checked_mul(lever)?)?;
    let den = n.checked_mul(d)?;
    // s·(value - t) >= 0  ⇔  s·(num - t·den) >= 0, as den > 0; at the scale
    // of whichever of the sums and the target shows more decimals.
    let ts = vs.max(t.scale());
    let num_ts = num.checked_mul(10i128.checked_pow(ts - vs)?)?;
    let short = num_ts.checked_sub(exact::scaled(t, ts)?.checked_mul(den)?)?;
    let reaches = match kpi.direction {
        Direction::Increase => short >= 0,
        Direction::Decrease => short <= 0,
    };
    // (value - b) / (t - b) = (num - b·den) / ((t - b)·den)
    let achievement = if t == b {
        None
    } else {
        let over = num.checked_sub(exact::scaled(b, vs)?.checked_mul(den)?)?;
        let bs = t.scale().max(b.scale());
        let promised = exact::scaled(t, bs)?.checked_sub(exact::scaled(b, bs)?)?;
        Some(exact::quotient(over, vs, promised.checked_mul(den)?, bs)?)
    };
    Some(Projection {
        year: kpi.target.year,
        value: exact::quotient(num, vs, den, 0)?,
        per_year: exact::quotient(slope_num, vs, d, 0)?,
        points: points.len(),
        reaches,
        achievement,
    })
}

/// One row of `kpi gap`: a KPI not yet achieved or missed.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into `evaluation.kpis`.
    pub row: usize,
    /// `None` for a KPI with no latest actual (no data).
    pub gap: Option<Gap>,
}

/// The KPIs of `eval` not yet achieved or missed, worst first (`worst_first`).
/// `series[i]` holds the figures of `plan.kpis[i]`.
pub fn rows(plan: &Plan, series: &[Series], eval: &Evaluation) -> Vec<Row> {
    let empty = Series::new();
    let mut rows: Vec<Row> = eval
        .kpis
        .iter()
        .enumerate()
        .filter(|(_, k)| !matches!(k.status, Status::Achieved | Status::Missed))
        .map(|(row, k)| Row {
            row,
            gap: gap(k.kpi_of(plan), series.get(k.kpi).unwrap_or(&empty), k),
        })
        .collect();
    rows.sort_by(|a, b| worst_first(a.gap.as_ref(), b.gap.as_ref()));
    rows
}

/// "How far behind", worst first: by the share of the promised change the
/// trend reaches at the target year, lowest first. A KPI whose target is its
/// baseline promised no change and has no share; not being achieved, it is
/// worse than its baseline, so it sorts before every share. KPIs without
/// gap figures (no data) come last. Ties keep plan order (the sort is stable).
pub fn worst_first(a: Option<&Gap>, b: Option<&Gap>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => match (x.projection.achievement, y.projection.achievement) {
            (Some(p), Some(q)) => p.cmp(&q),
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

mod exact;

#[cfg(test)]
mod tests;
