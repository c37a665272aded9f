//! What a KPI's year table, chart and trend column show (`kpi show`, the
//! report, the status table): plain data computed here, once per KPI, so
//! that renderers only draw it.

use rust_decimal::Decimal;

use super::{expected_value, figures, gap, Figures, KpiProgress, Series};
use crate::plan::{Kpi, Point, Scoring};
use crate::year::FiscalYear;

/// The year table and the chart's series of one KPI as of a year.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiDetail {
    /// Every year from the earliest of baseline and figures to the latest
    /// of target and figures (`year_rows`).
    pub years: Vec<YearRow>,
    /// Every figure shown, history (at or before the baseline year) included.
    pub actuals: Vec<Point>,
    /// `E(y)` for every year from the baseline year to the target year.
    pub expected: Vec<Point>,
    /// `E(y)` of the original target, baseline year to its target year, when
    /// a revised target is in force (the chart draws it faintly); else empty.
    pub original_expected: Vec<Point>,
    /// Where the least-squares trend lands at the target year: `kpi gap`'s
    /// projection, where `kpi gap` gives one (a latest actual before the
    /// target year, not yet achieved or missed).
    pub projection: Option<Point>,
    /// The as-of year of the evaluation (whether a due year's figure is
    /// owed by then: `render::schedule`).
    pub as_of: Option<FiscalYear>,
}

/// The detail of the KPI `progress` evaluated, as of the same year.
pub fn detail(
    kpi: &Kpi,
    series: &Series,
    scoring: &Scoring,
    progress: &KpiProgress,
    as_of: Option<FiscalYear>,
) -> KpiDetail {
    let years = year_rows(kpi, series, scoring, as_of);
    let actuals = years
        .iter()
        .filter_map(|r| {
            r.actual.map(|value| Point {
                year: r.year,
                value,
            })
        })
        .collect();
    let expected = years
        .iter()
        .filter(|r| r.year >= kpi.baseline.year && r.year <= kpi.target.year)
        .map(|r| Point {
            year: r.year,
            value: r.expected_value,
        })
        .collect();
    let projection = gap::gap(kpi, series, progress).map(|g| Point {
        year: g.projection.year,
        value: g.projection.value,
    });
    KpiDetail {
        years,
        actuals,
        expected,
        original_expected: Vec::new(),
        projection,
        as_of,
    }
}

/// `E(y)` for every year from the baseline year to the target year of `kpi`.
pub fn expected_path(kpi: &Kpi, scoring: &Scoring) -> Vec<Point> {
    (kpi.baseline.year.0..=kpi.target.year.0)
        .map(|y| Point {
            year: FiscalYear(y),
            value: expected_value(kpi, scoring.path, FiscalYear(y)),
        })
        .collect()
}

/// The points of the status table's trend column: the baseline (the plan's
/// value, unless the ledger has one for that year) and every figure after
/// it up to `as_of`, by year; history before the baseline year is left out
/// (docs/report.md). None when the ledger has no figure in that span.
pub fn trend(kpi: &Kpi, series: &Series, as_of: Option<FiscalYear>) -> Vec<Point> {
    let y0 = kpi.baseline.year;
    if as_of.is_some_and(|a| a < y0) {
        return Vec::new();
    }
    let mut points: Vec<Point> = series
        .range(y0..)
        .filter(|(y, _)| as_of.is_none_or(|a| **y <= a))
        .map(|(&year, &value)| Point { year, value })
        .collect();
    if points.is_empty() {
        return points;
    }
    if points[0].year != y0 {
        points.insert(0, kpi.baseline);
    }
    points
}

/// One year of `kpi show`: the actual (if any), the expected value, and the
/// figures of that actual as if it were the latest.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    pub year: FiscalYear,
    pub actual: Option<Decimal>,
    pub expected_value: Decimal,
    pub milestone: Option<Decimal>,
    pub is_baseline: bool,
    pub is_target: bool,
    /// A year after the target year: its figure is shown, never scored.
    pub after_target: bool,
    /// The figure's note (備考) and whether it is preliminary (速報値),
    /// from the ledger (`remarks::attach_one`).
    pub note: Option<String>,
    pub preliminary: bool,
    /// Figures of this year's actual; `None` for history (at or before the
    /// baseline year) and after the target year.
    pub figures: Option<Figures>,
}

/// Every year from the earliest of baseline and figures to the latest of
/// target and figures (at or before `as_of` when given).
pub fn year_rows(
    kpi: &Kpi,
    series: &Series,
    scoring: &Scoring,
    as_of: Option<FiscalYear>,
) -> Vec<YearRow> {
    let shown: Vec<(FiscalYear, Decimal)> = series
        .iter()
        .filter(|(y, _)| as_of.is_none_or(|a| **y <= a))
        .map(|(y, v)| (*y, *v))
        .collect();
    let first = shown
        .first()
        .map_or(kpi.baseline.year, |f| f.0.min(kpi.baseline.year));
    let last = shown
        .last()
        .map_or(kpi.target.year, |l| l.0.max(kpi.target.year));
    (first.0..=last.0)
        .map(|y| {
            let year = FiscalYear(y);
            let actual = shown.iter().find(|(fy, _)| *fy == year).map(|(_, v)| *v);
            let figures = actual
                .filter(|_| year > kpi.baseline.year && year <= kpi.target.year)
                .map(|value| figures(kpi, scoring, Point { year, value }));
            YearRow {
                year,
                actual,
                expected_value: expected_value(kpi, scoring.path, year),
                milestone: kpi
                    .milestones
                    .iter()
                    .find(|m| m.year == year)
                    .map(|m| m.value),
                is_baseline: year == kpi.baseline.year,
                is_target: year == kpi.target.year,
                after_target: year > kpi.target.year,
                note: None,
                preliminary: false,
                figures,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::test_plans::{kpi, plan, point as p};

    fn series(points: &[(i32, i64)]) -> Series {
        points
            .iter()
            .map(|&(y, v)| (FiscalYear(y), Decimal::from(v)))
            .collect()
    }

    /// Baseline 63 in 2014 (H26), target 68 in 2019.
    fn fair() -> Kpi {
        let text = plan(2019, &[kpi("f", "fair", "value = 63", "value = 68", "")]);
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap();
        plan.kpis[0].clone()
    }

    #[test]
    fn the_trend_starts_from_the_baseline_and_stops_at_the_as_of_year() {
        let k = fair();
        let s = series(&[(2015, 64), (2016, 65), (2017, 65), (2018, 66)]);
        let all = [
            p(2014, 63),
            p(2015, 64),
            p(2016, 65),
            p(2017, 65),
            p(2018, 66),
        ];
        assert_eq!(trend(&k, &s, None), all);
        assert_eq!(trend(&k, &s, Some(FiscalYear(2016))), all[..3]);
        // A year without a figure is left out; the line shows the gap.
        assert_eq!(
            trend(&k, &series(&[(2016, 12)]), None),
            [p(2014, 63), p(2016, 12)]
        );
    }

    #[test]
    fn the_ledgers_baseline_year_figure_is_kept_and_history_left_out() {
        let k = fair();
        // The ledger's own 2014 figure stands for the plan's baseline; 2012
        // and 2013 are history before the baseline year (issue 17, item 5).
        let s = series(&[(2012, 58), (2013, 60), (2014, 62), (2015, 64)]);
        assert_eq!(trend(&k, &s, None), [p(2014, 62), p(2015, 64)]);
        let s = series(&[(2013, 60), (2015, 64)]);
        assert_eq!(trend(&k, &s, None), [p(2014, 63), p(2015, 64)]);
        // Nothing to draw: no figure, none by the as-of year, only history,
        // or an as-of year before the baseline.
        assert!(trend(&k, &Series::new(), None).is_empty());
        assert!(trend(&k, &series(&[(2016, 1)]), Some(FiscalYear(2015))).is_empty());
        assert!(trend(&k, &series(&[(2012, 1), (2013, 2)]), None).is_empty());
        assert!(trend(&k, &series(&[(2012, 1)]), Some(FiscalYear(2013))).is_empty());
    }
}
