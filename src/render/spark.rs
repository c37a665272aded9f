//! The trend column of `kpi status`: a sparkline of a KPI's figures, one
//! character a year, from the baseline to the as-of year (docs/report.md).
//!
//! Block elements (▁…█) are ambiguous-width: terminals set up for Japanese
//! draw them two columns wide, which breaks the table. `--ascii` draws the
//! same line with `_.-=#`.

use rust_decimal::prelude::ToPrimitive;

use crate::plan::Point;
use crate::year::FiscalYear;

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII: [char; 5] = ['_', '.', '-', '=', '#'];
/// At most this many years, the newest: a column stays narrow.
const MAX_YEARS: i32 = 12;

/// `points` (`KpiProgress::trend`: the baseline and the figures after it
/// up to the as-of year, by year) low to high, one character a year from
/// the first point to `through` (the as-of year; the last point's year
/// without one), at most the newest `MAX_YEARS`; a year with no figure is a
/// space. A flat line, or a single point, sits in the middle: `▄`, or `=`
/// under ASCII, never `-`, the mark of no figure. `-` when there is no
/// figure to draw in those years.
pub fn sparkline(points: &[Point], through: Option<FiscalYear>, ascii: bool) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return "-".to_string();
    };
    let last = through.unwrap_or(last.year).max(last.year);
    let first = FiscalYear(first.year.0.max(last.0 - MAX_YEARS + 1));
    let shown: Vec<(FiscalYear, f64)> = points
        .iter()
        .filter(|p| p.year >= first && p.year <= last)
        .map(|p| (p.year, p.value.to_f64().unwrap_or(0.0)))
        .collect();
    if shown.is_empty() {
        return "-".to_string();
    }
    let lo = shown.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = shown.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (levels, flat): (&[char], char) = if ascii {
        (&ASCII, '=')
    } else {
        (&BLOCKS, BLOCKS[3])
    };
    let top = (levels.len() - 1) as f64;
    (first.0..=last.0)
        .map(|y| match shown.iter().find(|p| p.0 .0 == y) {
            None => ' ',
            // A flat line: its level says nothing but "no change".
            Some(_) if hi <= lo => flat,
            Some(&(_, v)) => {
                let level = ((v - lo) / (hi - lo) * top).round();
                levels[(level.max(0.0) as usize).min(levels.len() - 1)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn points(points: &[(i32, i64)]) -> Vec<Point> {
        points
            .iter()
            .map(|&(y, v)| Point {
                year: FiscalYear(y),
                value: Decimal::from(v),
            })
            .collect()
    }

    #[test]
    fn fair_exhibitors_by_hand() {
        // Baseline 63 (H26), figures 64, 65, 65, 66: lo 63, hi 66, span 3.
        // Blocks (8 levels, top 7): 63 → 0 ▁; 64 → 7/3 = 2.33 → 2 ▃; 65 → 14/3 = 4.67 → 5 ▆;
        // 66 → 7 █. ASCII (top 4): 0 _, 4/3 = 1.33 → 1 ., 8/3 = 2.67 → 3 =, 4 #.
        let p = points(&[(2014, 63), (2015, 64), (2016, 65), (2017, 65), (2018, 66)]);
        assert_eq!(sparkline(&p, None, false), "▁▃▆▆█");
        assert_eq!(sparkline(&p, None, true), "_.==#");
        // As of H28: 63, 64, 65 → 0, 3.5 → 4 (half away from zero) ▅, 7 █.
        assert_eq!(sparkline(&p[..3], None, false), "▁▅█");
    }

    #[test]
    fn gaps_flat_lines_and_no_figures() {
        // 10 (H26), none in H27, 12 (H28): ▁, space, █.
        assert_eq!(
            sparkline(&points(&[(2014, 10), (2016, 12)]), None, false),
            "▁ █"
        );
        // Flat 10, 10: the middle, ▄; under ASCII `=`, not `-` (no figure).
        let flat = points(&[(2014, 10), (2015, 10)]);
        assert_eq!(sparkline(&flat, None, false), "▄▄");
        assert_eq!(sparkline(&flat, None, true), "==");
        assert_eq!(sparkline(&[], None, false), "-");
        assert_eq!(sparkline(&[], None, true), "-");
    }

    #[test]
    fn a_single_point_draws_as_a_point() {
        // Issue 17, item 5: one figure (the ledger's own baseline-year
        // figure) is a point, not the no-figure mark, even under ASCII.
        let one = points(&[(2014, 10)]);
        assert_eq!(sparkline(&one, None, false), "▄");
        assert_eq!(sparkline(&one, None, true), "=");
        assert_eq!(sparkline(&one, Some(FiscalYear(2016)), true), "=  ");
    }

    #[test]
    fn the_line_runs_to_the_as_of_year() {
        // Figures 63 (2014), 66 (2016), as of 2018: 2017 and 2018 have no
        // figure and show as spaces. lo 63, hi 66: ▁ space █ space space.
        let p = points(&[(2014, 63), (2016, 66)]);
        assert_eq!(sparkline(&p, Some(FiscalYear(2018)), false), "▁ █  ");
        assert_eq!(sparkline(&p, Some(FiscalYear(2018)), true), "_ #  ");
        // An as-of year at the last figure changes nothing.
        assert_eq!(sparkline(&p, Some(FiscalYear(2016)), false), "▁ █");
        // The newest twelve years end at the as-of year: as of 2027, 2016
        // is the first drawn: one figure, then eleven spaces. As of 2030
        // (from 2019) no figure is left to draw: `-`.
        let line = sparkline(&p, Some(FiscalYear(2027)), true);
        assert_eq!(line, format!("={}", " ".repeat(11)));
        assert_eq!(sparkline(&p, Some(FiscalYear(2030)), false), "-");
    }

    #[test]
    fn only_the_newest_twelve_years_are_drawn() {
        // 2000..=2014 rising by 1: the line starts at 2003, 12 years to 2014;
        // lo 3, hi 14, span 11: 3 → ▁, 14 → █.
        let p: Vec<(i32, i64)> = (2000..=2014).map(|y| (y, i64::from(y - 2000))).collect();
        let line = sparkline(&points(&p), None, false);
        assert_eq!(line.chars().count(), 12);
        assert!(line.starts_with('▁') && line.ends_with('█'), "{line}");
    }
}
