//! Grade band conditions (progress.md, "Grades"): `_at_least` (>=),
//! `_above` (>, 超え), `_at_most` (<=, 以下) and `_below` (<, 未満) on
//! `pace`, `achievement` and `improvement`; whether a band's conditions
//! can hold together at all, and whether an earlier band always catches
//! every KPI a later one would (`kpi validate`).

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The figures a band may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Figure {
    Pace,
    Achievement,
    Improvement,
}

impl Figure {
    pub const ALL: [Figure; 3] = [Figure::Pace, Figure::Achievement, Figure::Improvement];

    pub fn name(self) -> &'static str {
        match self {
            Figure::Pace => "pace",
            Figure::Achievement => "achievement",
            Figure::Improvement => "improvement",
        }
    }
}

/// How a condition compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Compare {
    AtLeast,
    Above,
    AtMost,
    Below,
}

impl Compare {
    pub const ALL: [Compare; 4] = [
        Compare::AtLeast,
        Compare::Above,
        Compare::AtMost,
        Compare::Below,
    ];

    /// The field suffix: `_at_least`, …
    pub fn suffix(self) -> &'static str {
        match self {
            Compare::AtLeast => "at_least",
            Compare::Above => "above",
            Compare::AtMost => "at_most",
            Compare::Below => "below",
        }
    }

    /// Whether a figure that compares to the bound as `ordering` passes.
    pub fn passes(self, ordering: Ordering) -> bool {
        match self {
            Compare::AtLeast => ordering != Ordering::Less,
            Compare::Above => ordering == Ordering::Greater,
            Compare::AtMost => ordering != Ordering::Greater,
            Compare::Below => ordering == Ordering::Less,
        }
    }
}

/// One condition of a band: `pace_above = 1.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Condition {
    pub figure: Figure,
    pub compare: Compare,
    #[serde(with = "crate::exact")]
    pub bound: Decimal,
}

impl Condition {
    /// The field name: `pace_above`.
    pub fn field(&self) -> String {
        format!("{}_{}", self.figure.name(), self.compare.suffix())
    }

    /// Whether it holds for a figure `compared` to its bound; an undefined
    /// figure (`None`) holds no condition.
    pub fn holds(&self, compared: Option<Ordering>) -> bool {
        compared.is_some_and(|o| self.compare.passes(o))
    }
}

/// The values a figure may take under a band's conditions on it: an
/// interval, each end open or closed, or unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Interval {
    /// (bound, inclusive)
    low: Option<(Decimal, bool)>,
    high: Option<(Decimal, bool)>,
}

impl Interval {
    fn of(conditions: &[Condition], figure: Figure) -> Option<Interval> {
        let mut iv = Interval {
            low: None,
            high: None,
        };
        let mut any = false;
        for c in conditions.iter().filter(|c| c.figure == figure) {
            any = true;
            match c.compare {
                Compare::AtLeast => iv.raise((c.bound, true)),
                Compare::Above => iv.raise((c.bound, false)),
                Compare::AtMost => iv.lower((c.bound, true)),
                Compare::Below => iv.lower((c.bound, false)),
            }
        }
        any.then_some(iv)
    }

    fn raise(&mut self, low: (Decimal, bool)) {
        self.low = Some(match self.low {
            Some(old) if old.0 > low.0 || (old.0 == low.0 && !old.1) => old,
            _ => low,
        });
    }

    fn lower(&mut self, high: (Decimal, bool)) {
        self.high = Some(match self.high {
            Some(old) if old.0 < high.0 || (old.0 == high.0 && !old.1) => old,
            _ => high,
        });
    }

    fn is_empty(&self) -> bool {
        match (self.low, self.high) {
            (Some((lo, lo_in)), Some((hi, hi_in))) => lo > hi || (lo == hi && !(lo_in && hi_in)),
            _ => false,
        }
    }

    /// Whether every value in `self` is in `other`.
    fn within(&self, other: &Interval) -> bool {
        let low_ok = match (other.low, self.low) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((o, o_in)), Some((s, s_in))) => s > o || (s == o && (o_in || !s_in)),
        };
        let high_ok = match (other.high, self.high) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((o, o_in)), Some((s, s_in))) => s < o || (s == o && (o_in || !s_in)),
        };
        low_ok && high_ok
    }
}

/// The first figure whose conditions can never hold together, with the
/// fields that contradict each other (`pace_above = 1` and `pace_below = 0.5`).
pub fn never_holds(conditions: &[Condition]) -> Option<(Figure, Vec<String>)> {
    Figure::ALL.into_iter().find_map(|figure| {
        let iv = Interval::of(conditions, figure)?;
        iv.is_empty().then(|| {
            let fields = conditions
                .iter()
                .filter(|c| c.figure == figure)
                .map(|c| format!("{} = {}", c.field(), c.bound))
                .collect();
            (figure, fields)
        })
    })
}

/// Whether every KPI `later`'s conditions take is also taken by `earlier`'s
/// (figure conditions only; statuses are the caller's): then `later` can
/// never give its grade. A figure `earlier` constrains and `later` does not
/// lets through KPIs whose figure is undefined, which `earlier` does not take.
pub fn catches_all(earlier: &[Condition], later: &[Condition]) -> bool {
    Figure::ALL
        .into_iter()
        .all(|figure| match Interval::of(earlier, figure) {
            None => true,
            Some(e) => match Interval::of(later, figure) {
                None => false,
                Some(l) => l.is_empty() || l.within(&e),
            },
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(figure: Figure, compare: Compare, bound: &str) -> Condition {
        Condition {
            figure,
            compare,
            bound: bound.parse().unwrap(),
        }
    }

    use Compare::*;
    use Figure::*;

    #[test]
    fn each_comparison_at_and_around_its_bound() {
        // A pace of exactly 1.0 against each comparison with 1.0.
        let cases = [
            (AtLeast, [false, true, true]),
            (Above, [false, false, true]),
            (AtMost, [true, true, false]),
            (Below, [true, false, false]),
        ];
        for (compare, expect) in cases {
            let cond = c(Pace, compare, "1.0");
            let got: Vec<bool> = [Ordering::Less, Ordering::Equal, Ordering::Greater]
                .map(|o| cond.holds(Some(o)))
                .to_vec();
            assert_eq!(got, expect, "{compare:?}");
            assert!(!cond.holds(None), "an undefined figure holds no condition");
        }
        assert_eq!(c(Improvement, Below, "0").field(), "improvement_below");
    }

    #[test]
    fn a_band_that_can_never_hold() {
        let (figure, fields) = never_holds(&[c(Pace, Above, "1"), c(Pace, Below, "0.5")]).unwrap();
        assert_eq!(figure, Pace);
        assert_eq!(fields, ["pace_above = 1", "pace_below = 0.5"]);
        // Touching ends: >= 1 and <= 1 hold at 1; > 1 and <= 1 never.
        assert!(never_holds(&[c(Pace, AtLeast, "1"), c(Pace, AtMost, "1")]).is_none());
        assert!(never_holds(&[c(Pace, Above, "1"), c(Pace, AtMost, "1")]).is_some());
        assert!(never_holds(&[c(Pace, AtLeast, "1"), c(Pace, Below, "1")]).is_some());
        // Conditions on different figures never contradict.
        assert!(never_holds(&[c(Pace, Above, "1"), c(Achievement, Below, "0.5")]).is_none());
        assert!(never_holds(&[]).is_none());
    }

    #[test]
    fn an_earlier_band_that_always_catches_first() {
        // A: pace >= 0.8, then B: pace >= 1.0 is never reached.
        assert!(catches_all(
            &[c(Pace, AtLeast, "0.8")],
            &[c(Pace, AtLeast, "1.0")]
        ));
        assert!(!catches_all(
            &[c(Pace, AtLeast, "1.0")],
            &[c(Pace, AtLeast, "0.8")]
        ));
        // > 1 does not catch >= 1 (a pace of exactly 1 gets through).
        assert!(!catches_all(
            &[c(Pace, Above, "1")],
            &[c(Pace, AtLeast, "1")]
        ));
        assert!(catches_all(
            &[c(Pace, AtLeast, "1")],
            &[c(Pace, Above, "1")]
        ));
        // A catch-all band catches everything after it.
        assert!(catches_all(&[], &[c(Achievement, Below, "0.2")]));
        // A band on pace does not catch one with no pace condition: a KPI
        // with no pace gets past the first.
        assert!(!catches_all(&[c(Pace, AtLeast, "0")], &[]));
        // Two figures: the later must lie within both.
        let earlier = [c(Pace, AtLeast, "0.5"), c(Improvement, AtLeast, "-0.1")];
        assert!(catches_all(
            &earlier,
            &[c(Pace, AtLeast, "0.9"), c(Improvement, Above, "0")]
        ));
        assert!(!catches_all(&earlier, &[c(Pace, AtLeast, "0.9")]));
    }
}
