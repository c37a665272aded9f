//! What a KPI's chart shows, whatever draws it (SVG in the report, characters
//! in `kpi show`): the actuals, the expected path through the milestones, the
//! baseline, the target, the projection; and a value axis with round ticks.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::plan::{Kpi, Point};
use crate::progress::{KpiDetail, KpiProgress};
use crate::year::FiscalYear;

/// The year table and chart series of an evaluated KPI: evaluation computed
/// them because the query asked for charts (`Query::charts`).
pub fn detail(k: &KpiProgress) -> &KpiDetail {
    k.detail
        .as_deref()
        .expect("a KPI is charted only when its query asks for charts")
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The years across: the earliest of baseline and figures to the latest
    /// of target and figures.
    pub first: FiscalYear,
    pub last: FiscalYear,
    /// Every figure shown, history (at or before the baseline year) included.
    pub actuals: Vec<Point>,
    /// `E(y)` for every year from the baseline year to the target year.
    pub expected: Vec<Point>,
    /// The original target's path when a revised one is in force, else empty.
    pub original_expected: Vec<Point>,
    pub milestones: Vec<Point>,
    pub baseline: Point,
    pub target: Point,
    /// The latest scored actual, which the projection starts from.
    pub latest: Option<Point>,
    /// Where the trend lands at the target year, where `kpi gap` gives one.
    pub projection: Option<Point>,
    pub scale: Scale,
}

impl Chart {
    /// The chart of an evaluated KPI (see `detail`).
    pub fn of(kpi: &Kpi, k: &KpiProgress) -> Chart {
        Chart::new(kpi, detail(k), k.latest)
    }

    /// The chart of `detail`, whose latest scored actual is `latest`.
    pub fn new(kpi: &Kpi, detail: &KpiDetail, latest: Option<Point>) -> Chart {
        let first = detail.years.first().map_or(kpi.baseline.year, |r| r.year);
        let last = detail.years.last().map_or(kpi.target.year, |r| r.year);
        let (actuals, expected) = (detail.actuals.clone(), detail.expected.clone());
        let projection = detail.projection;
        let values = actuals
            .iter()
            .chain(&expected)
            .chain(&detail.original_expected)
            .chain(&kpi.milestones)
            .chain([&kpi.baseline, &kpi.target])
            .chain(projection.as_ref())
            .map(|p| p.value);
        let (lo, hi) = values.fold((kpi.baseline.value, kpi.baseline.value), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        Chart {
            first,
            last,
            actuals,
            expected,
            original_expected: detail.original_expected.clone(),
            milestones: kpi.milestones.clone(),
            baseline: kpi.baseline,
            target: kpi.target,
            latest,
            projection,
            scale: Scale::nice(lo, hi),
        }
    }

    /// Where a year sits across, from 0 (first) to 1 (last).
    pub fn x(&self, year: FiscalYear) -> f64 {
        let span = f64::from(self.last.0 - self.first.0);
        if span <= 0.0 {
            0.5
        } else {
            f64::from(year.0 - self.first.0) / span
        }
    }

    /// The projection as drawn: from the latest actual to where the trend
    /// lands; nothing when either end is missing or the projection is not ahead.
    pub fn projection_line(&self) -> Option<(Point, Point)> {
        match (self.latest, self.projection) {
            (Some(a), Some(p)) if p.year > a.year => Some((a, p)),
            _ => None,
        }
    }

    pub fn years(&self) -> impl Iterator<Item = FiscalYear> {
        (self.first.0..=self.last.0).map(FiscalYear)
    }
}

/// A value axis from `lo` to `hi` with ticks at round steps (1, 2 or 5
/// times a power of ten), printed with the step's decimals.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub lo: Decimal,
    pub hi: Decimal,
    pub ticks: Vec<Decimal>,
    pub places: u32,
}

impl Scale {
    /// About five ticks covering `min..=max`; a flat range gets room around it.
    pub fn nice(min: Decimal, max: Decimal) -> Scale {
        Self::try_nice(min, max).unwrap_or(Scale {
            lo: min,
            hi: max,
            ticks: vec![min, max],
            places: min.scale().max(max.scale()),
        })
    }

    fn try_nice(min: Decimal, max: Decimal) -> Option<Scale> {
        let (min, max) = (min.min(max), min.max(max));
        let span = if max > min {
            max.checked_sub(min)?
        } else {
            // A flat line: a tenth of the value each side, at least 1.
            (max.abs() / Decimal::TEN).max(Decimal::ONE)
        };
        let raw = span.to_f64()? / 4.0;
        let exp = raw.log10().floor() as i32;
        let frac = raw / 10f64.powi(exp);
        // The nearest round step ("nice numbers", Heckbert 1990).
        let mantissa: i64 = match frac {
            f if f < 1.5 => 1,
            f if f < 3.0 => 2,
            f if f < 7.0 => 5,
            _ => 10,
        };
        if !(-20..=20).contains(&exp) {
            return None;
        }
        let step = if exp >= 0 {
            Decimal::from(mantissa).checked_mul(Decimal::from(10i64.checked_pow(exp as u32)?))?
        } else {
            Decimal::new(mantissa, exp.unsigned_abs())
        }
        .normalize();
        let mut lo = (min.checked_div(step)?).floor().checked_mul(step)?;
        let mut hi = (max.checked_div(step)?).ceil().checked_mul(step)?;
        if lo == hi {
            lo = lo.checked_sub(step)?;
            hi = hi.checked_add(step)?;
        }
        let mut ticks = Vec::new();
        let mut t = lo;
        while t <= hi && ticks.len() < 20 {
            ticks.push(t.normalize());
            t = t.checked_add(step)?;
        }
        Some(Scale {
            lo: lo.normalize(),
            hi: hi.normalize(),
            ticks,
            places: step.scale(),
        })
    }

    /// Where a value sits up the axis, from 0 (`lo`) to 1 (`hi`).
    pub fn y(&self, v: Decimal) -> f64 {
        self.y_f64(v.to_f64().unwrap_or(0.0))
    }

    /// `y` for a value already in drawing precision.
    pub fn y_f64(&self, v: f64) -> f64 {
        let (lo, hi) = (
            self.lo.to_f64().unwrap_or(0.0),
            self.hi.to_f64().unwrap_or(1.0),
        );
        if hi > lo {
            (v - lo) / (hi - lo)
        } else {
            0.5
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn round_ticks() {
        // 63..68: span 5, raw step 5/4 = 1.25 → mantissa 1 (1.25 < 1.5), step 1;
        // lo = 63, hi = 68: six ticks 63..68.
        let s = Scale::nice(d("63"), d("68"));
        assert_eq!(s.ticks.first(), Some(&d("63")));
        assert_eq!(s.ticks.last(), Some(&d("68")));
        assert_eq!(s.ticks.len(), 6);
        assert_eq!(s.places, 0);
        // 0..1000: raw 250 → exp 2, frac 2.5 → 2 (< 3), step 200: 0, 200, …, 1000.
        let s = Scale::nice(d("0"), d("1000"));
        assert_eq!(s.ticks.len(), 6);
        assert_eq!(s.ticks[1], d("200"));
        // 1.7..2.4: span 0.7, raw 0.175 → exp -1, frac 1.75 → 2 (< 3), step 0.2;
        // lo = floor(8.5)·0.2 = 1.6, hi = ceil(12)·0.2 = 2.4.
        let s = Scale::nice(d("1.7"), d("2.4"));
        assert_eq!(s.lo, d("1.6"));
        assert_eq!(s.hi, d("2.4"));
        assert_eq!(s.ticks.len(), 5);
        assert_eq!(s.places, 1);
        // 0..172: raw 43 → exp 1, frac 4.3 → 5 (< 7), step 50: 0, 50, 100, 150, 200.
        let s = Scale::nice(d("0"), d("172"));
        assert_eq!(s.ticks, vec![d("0"), d("50"), d("100"), d("150"), d("200")]);
    }

    #[test]
    fn flat_and_extreme_ranges_do_not_panic() {
        // Flat at 5: span max(0.5, 1) = 1, raw 0.25 → exp -1, frac 2.5 → 2, step 0.2;
        // 5/0.2 = 25 exactly, so lo = hi = 5 and one step is added each side: 4.8..5.2.
        let s = Scale::nice(d("5"), d("5"));
        assert_eq!((s.lo, s.hi), (d("4.8"), d("5.2")));
        let s = Scale::nice(Decimal::MIN, Decimal::MAX);
        assert!(!s.ticks.is_empty());
        let s = Scale::nice(
            d("0.0000000000000000000000001"),
            d("0.0000000000000000000000002"),
        );
        assert!(!s.ticks.is_empty());
    }
}
