//! `kpi compare`'s order and ranks (breakdowns.md, "Details"): the
//! categories of one dimension ranked by achievement when the KPI has
//! category targets, else by the latest figure in the KPI's better
//! direction; or by `--sort value|change|name`. Equal values share a rank
//! (1, 1, 3) and keep the dimension's order; rows with nothing to rank by
//! come after the others, in that order, without a rank.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::category::{Categories, CategoryProgress};
use crate::plan::Kpi;

/// What the rows are ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Achievement,
    /// The latest figure, the better first in the KPI's direction.
    Value,
    /// `latest − baseline`, the better first in the KPI's direction.
    Change,
    /// The dimension's category order; ranks are the default order's.
    Name,
}

impl SortBy {
    /// The name JSON gives it.
    pub fn name(self) -> &'static str {
        match self {
            SortBy::Achievement => "achievement",
            SortBy::Value => "value",
            SortBy::Change => "change",
            SortBy::Name => "name",
        }
    }
}

/// One row: a category and its rank.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked<'a> {
    pub category: &'a CategoryProgress,
    pub rank: Option<usize>,
}

/// What the rows are ranked by when `--sort` is not given (or is `name`).
pub fn default_sort(kpi: &Kpi) -> SortBy {
    match kpi.breakdown.as_deref() {
        Some(b) if b.category_target.is_some() => SortBy::Achievement,
        _ => SortBy::Value,
    }
}

/// The categories of the KPI's `dimension`-th breakdown, ordered by
/// `sort` and ranked (by the default order when `sort` is `Name`).
pub fn rank<'a>(
    kpi: &Kpi,
    categories: &'a Categories,
    dimension: usize,
    sort: SortBy,
) -> Vec<Ranked<'a>> {
    let ranking = match sort {
        SortBy::Name => default_sort(kpi),
        other => other,
    };
    let s = kpi.direction.sign();
    // Higher is better for every key: a change and a value are turned by
    // the direction, an achievement already points the right way.
    let key = |c: &CategoryProgress| match ranking {
        SortBy::Achievement => c.achievement(),
        SortBy::Value => c.latest.map(|p| s * p.value),
        SortBy::Change => c.change().map(|v| s * v),
        SortBy::Name => None,
    };
    let rows: Vec<(&CategoryProgress, Option<Decimal>)> = categories
        .of_dimension(dimension)
        .map(|c| (c, key(c)))
        .collect();
    let rank_of = |v: Decimal| {
        1 + rows
            .iter()
            .filter(|(_, k)| k.is_some_and(|k| k > v))
            .count()
    };
    let mut ranked: Vec<(Ranked, Option<Decimal>)> = rows
        .iter()
        .map(|&(category, k)| {
            let rank = k.map(rank_of);
            (Ranked { category, rank }, k)
        })
        .collect();
    if sort != SortBy::Name {
        // Stable: equal values keep the dimension's order; none come last.
        ranked.sort_by(|(_, a), (_, b)| match (a, b) {
            (Some(a), Some(b)) => b.cmp(a),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
    }
    ranked.into_iter().map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::breakdown::CategoryTarget;
    use crate::progress::category::evaluate;
    use crate::progress::category::tests::{dimension, figures, plan};
    use crate::year::FiscalYear;

    /// Waiting children 47 (2015) → 0 (2020), by five areas.
    const WAITING: &str = "baseline = { value = 47, year = 2015 }\n\
                           target = { value = 0, year = 2020 }";

    fn ranked(target: Option<CategoryTarget>, sort: Option<SortBy>) -> Vec<(usize, Option<usize>)> {
        let area = dimension("area", &["A", "B", "C", "D", "E"], &[]);
        let plan = plan(WAITING, vec![area], target);
        // Baselines and latest figures (2018):
        //   A 10 → 4: achievement (4-10)/(0-10) = 0.6, change -6
        //   B 20 → 8: achievement (8-20)/(0-20) = 0.6, change -12
        //   C 5 → 4:  achievement (4-5)/(0-5) = 0.2,   change -1
        //   D no baseline, latest 1: no achievement, no change
        //   E nothing at all
        let figs = figures(&[
            (2015, &[Some(0)], "10"),
            (2018, &[Some(0)], "4"),
            (2015, &[Some(1)], "20"),
            (2018, &[Some(1)], "8"),
            (2015, &[Some(2)], "5"),
            (2018, &[Some(2)], "4"),
            (2018, &[Some(3)], "1"),
        ]);
        let c = evaluate(&plan, 0, Some(&figs), Some(FiscalYear(2018))).unwrap();
        let kpi = &plan.kpis[0];
        let sort = sort.unwrap_or_else(|| default_sort(kpi));
        rank(kpi, &c, 0, sort)
            .iter()
            .map(|r| (r.category.category, r.rank))
            .collect()
    }

    #[test]
    fn by_achievement_ties_share_a_rank_and_rows_without_one_come_last() {
        // A and B tie at 0.6 (rank 1, 1, in category order), C 0.2 is 3rd;
        // D (no baseline) and E (no figure) after them, in order, unranked.
        assert_eq!(
            ranked(Some(CategoryTarget::Same), None),
            [
                (0, Some(1)),
                (1, Some(1)),
                (2, Some(3)),
                (3, None),
                (4, None)
            ]
        );
    }

    #[test]
    fn without_targets_the_latest_figure_ranks_lower_first_for_a_decreasing_kpi() {
        // Latest: A 4, B 8, C 4, D 1 (lower is better): D 1st, A and C tie
        // 2nd (category order), B 4th; E has no figure.
        assert_eq!(
            ranked(None, None),
            [
                (3, Some(1)),
                (0, Some(2)),
                (2, Some(2)),
                (1, Some(4)),
                (4, None)
            ]
        );
    }

    #[test]
    fn sort_by_change_and_by_name() {
        // Change, lower is better: B -12, A -6, C -1; D and E have none.
        assert_eq!(
            ranked(Some(CategoryTarget::Same), Some(SortBy::Change)),
            [
                (1, Some(1)),
                (0, Some(2)),
                (2, Some(3)),
                (3, None),
                (4, None)
            ]
        );
        // Name: the dimension's order, ranked by achievement as by default.
        assert_eq!(
            ranked(Some(CategoryTarget::Same), Some(SortBy::Name)),
            [
                (0, Some(1)),
                (1, Some(1)),
                (2, Some(3)),
                (3, None),
                (4, None)
            ]
        );
        // Value with targets: by the latest figure, as without them.
        assert_eq!(
            ranked(Some(CategoryTarget::Same), Some(SortBy::Value)),
            [
                (3, Some(1)),
                (0, Some(2)),
                (2, Some(2)),
                (1, Some(4)),
                (4, None)
            ]
        );
    }
}
