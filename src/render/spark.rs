//! The trend column of `kpi status`: a sparkline of a KPI's figures, one
//! character a year, from the baseline to the as-of year.
//!
//! Block elements (▁…█) are ambiguous-width: terminals set up for Japanese
//! draw them two columns wide, which breaks the table. `--ascii` draws the
//! same line with `_.-=#`.

use rust_decimal::prelude::ToPrimitive;

use crate::plan::Kpi;
use crate::series::Series;
use crate::year::FiscalYear;

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII: [char; 5] = ['_', '.', '-', '=', '#'];
/// At most this many years, the newest: a column stays narrow.
const MAX_YEARS: i32 = 12;

/// The baseline (the plan's value, unless the ledger has one for that year)
/// and every figure up to `as_of`, low to high; a year with no figure is a
/// space. `-` when the ledger has no figure to draw.
pub fn sparkline(kpi: &Kpi, series: &Series, as_of: Option<FiscalYear>, ascii: bool) -> String {
    let mut points: Series = series
        .iter()
        .filter(|(y, _)| as_of.is_none_or(|a| **y <= a))
        .map(|(y, v)| (*y, *v))
        .collect();
    if points.is_empty() {
        return "-".to_string();
    }
    points
        .entry(kpi.baseline.year)
        .or_insert(kpi.baseline.value);
    let (Some((&first, _)), Some((&last, _))) = (points.first_key_value(), points.last_key_value())
    else {
        return "-".to_string();
    };
    let first = FiscalYear(first.0.max(last.0 - MAX_YEARS + 1));
    let shown: Vec<(FiscalYear, f64)> = points
        .range(first..=last)
        .map(|(y, v)| (*y, v.to_f64().unwrap_or(0.0)))
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
    use crate::plan::{Attachment, Direction, Point};
    use rust_decimal::Decimal;

    fn kpi(b: i64, t: i64) -> Kpi {
        Kpi {
            id: "k".into(),
            name: "k".into(),
            attachment: Attachment::Goal("1".into()),
            unit: None,
            baseline: Point {
                year: FiscalYear(2014),
                value: Decimal::from(b),
            },
            target: Point {
                year: FiscalYear(2019),
                value: Decimal::from(t),
            },
            direction: Direction::Increase,
            milestones: vec![],
            cumulative: false,
            source: None,
            owner: None,
            note: None,
            line: 1,
        }
    }

    fn series(points: &[(i32, i64)]) -> Series {
        points
            .iter()
            .map(|(y, v)| (FiscalYear(*y), Decimal::from(*v)))
            .collect()
    }

    #[test]
    fn fair_exhibitors_by_hand() {
        // Baseline 63 (H26), figures 64, 65, 65, 66: lo 63, hi 66, span 3.
        // Blocks (8 levels, top 7): 63 → 0 ▁; 64 → 7/3 = 2.33 → 2 ▃; 65 → 14/3 = 4.67 → 5 ▆;
        // 66 → 7 █. ASCII (top 4): 0 _, 4/3 = 1.33 → 1 ., 8/3 = 2.67 → 3 =, 4 #.
        let k = kpi(63, 68);
        let s = series(&[(2015, 64), (2016, 65), (2017, 65), (2018, 66)]);
        assert_eq!(sparkline(&k, &s, None, false), "▁▃▆▆█");
        assert_eq!(sparkline(&k, &s, None, true), "_.==#");
        // As of H28: 63, 64, 65 → 0, 3.5 → 4 (half away from zero) ▅, 7 █.
        assert_eq!(sparkline(&k, &s, Some(FiscalYear(2016)), false), "▁▅█");
    }

    #[test]
    fn gaps_flat_lines_and_no_figures() {
        let k = kpi(10, 20);
        // 10 (H26), none in H27, 12 (H28): ▁, space, █.
        assert_eq!(sparkline(&k, &series(&[(2016, 12)]), None, false), "▁ █");
        // Flat 10, 10: middle level, 7/2 floored = 3 ▄; ASCII 4/2 = 2 -.
        assert_eq!(sparkline(&k, &series(&[(2015, 10)]), None, false), "▄▄");
        assert_eq!(sparkline(&k, &series(&[(2015, 10)]), None, true), "--");
        assert_eq!(sparkline(&k, &Series::new(), None, false), "-");
    }
}
