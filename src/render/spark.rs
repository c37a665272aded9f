//! The trend column of `kpi status`: a sparkline of a KPI's figures, one
//! character a year, from the baseline to the as-of year.
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

/// `points` (`KpiProgress::trend`: the baseline and the figures up to the
/// as-of year, by year) low to high; a year with no figure is a space.
/// `-` when there is no figure to draw.
pub fn sparkline(points: &[Point], ascii: bool) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return "-".to_string();
    };
    let (first, last) = (first.year, last.year);
    let first = FiscalYear(first.0.max(last.0 - MAX_YEARS + 1));
    let shown: Vec<(FiscalYear, f64)> = points
        .iter()
        .filter(|p| p.year >= first)
        .map(|p| (p.year, p.value.to_f64().unwrap_or(0.0)))
        .collect();
    let lo = shown.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = shown.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let levels: &[char] = if ascii { &ASCII } else { &BLOCKS };
    let top = (levels.len() - 1) as f64;
    (first.0..=last.0)
        .map(|y| match shown.iter().find(|p| p.0 .0 == y) {
            None => ' ',
            Some(&(_, v)) => {
                // A flat line sits in the middle: level says nothing then.
                let level = if hi > lo {
                    ((v - lo) / (hi - lo) * top).round()
                } else {
                    (top / 2.0).floor()
                };
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
        assert_eq!(sparkline(&p, false), "▁▃▆▆█");
        assert_eq!(sparkline(&p, true), "_.==#");
        // As of H28: 63, 64, 65 → 0, 3.5 → 4 (half away from zero) ▅, 7 █.
        assert_eq!(sparkline(&p[..3], false), "▁▅█");
    }

    #[test]
    fn gaps_flat_lines_and_no_figures() {
        // 10 (H26), none in H27, 12 (H28): ▁, space, █.
        assert_eq!(sparkline(&points(&[(2014, 10), (2016, 12)]), false), "▁ █");
        // Flat 10, 10: middle level, 7/2 floored = 3 ▄; ASCII 4/2 = 2 -.
        let flat = points(&[(2014, 10), (2015, 10)]);
        assert_eq!(sparkline(&flat, false), "▄▄");
        assert_eq!(sparkline(&flat, true), "--");
        assert_eq!(sparkline(&[], false), "-");
    }

    #[test]
    fn only_the_newest_twelve_years_are_drawn() {
        // 2000..=2014 rising by 1: the line starts at 2003, 12 years to 2014;
        // lo 3, hi 14, span 11: 3 → ▁, 14 → █.
        let p: Vec<(i32, i64)> = (2000..=2014).map(|y| (y, i64::from(y - 2000))).collect();
        let line = sparkline(&points(&p), false);
        assert_eq!(line.chars().count(), 12);
        assert!(line.starts_with('▁') && line.ends_with('█'), "{line}");
    }
}
