//! Which figures the ledger still lacks: the planning office's spring
//! question "who still owes figures for the year being collected". An
//! evaluation of the ledger's figures against the plan, so it lives with
//! the rest of evaluation, not in `ledger`.
//!
//! Pure: plan and figures in, the missing KPIs out.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::breakdown::CategoryKey;
use crate::ledger::values::CategoryValues;
use crate::plan::{Kpi, Plan};
use crate::series::Series;
use crate::year::FiscalYear;

/// A KPI is due a figure for year `y` when its schedule names `y`, after
/// its baseline year and no later than its target year in force for `y` (a
/// revision may move it): before, there is nothing to report against;
/// after, the plan's period is over (`Kpi::is_due`).
pub fn is_due(kpi: &Kpi, year: FiscalYear) -> bool {
    kpi.is_due(year)
}

/// The last collection year in which any KPI owes a figure (its last due
/// year plus its lag); for yearly KPIs with no lag, the plan's last target
/// year.
pub fn last_collection_year(plan: &Plan) -> Option<FiscalYear> {
    plan.kpis.iter().filter_map(Kpi::last_collection_year).max()
}

/// The year being collected (evaluation-cycle.md §5): the newest year `C`
/// with a figure in the ledger while some KPI still lacks the figure it
/// owes in `C`; once none does, the year after; with an empty ledger, the
/// first collection year in which any KPI owes a figure. Never past the
/// last collection year in which any KPI owes one (`plan_complete`).
pub fn collecting_year(plan: &Plan, series: &[Series]) -> Option<FiscalYear> {
    let last = last_collection_year(plan)?;
    open_year(plan, series).map(|year| year.min(last))
}

/// True when `year` is the last collection year or after and every KPI
/// owing a figure in the last collection year has it: the plan's years
/// are complete.
pub fn plan_complete(plan: &Plan, series: &[Series], year: FiscalYear) -> bool {
    let Some(last) = last_collection_year(plan) else {
        return false;
    };
    year >= last && all_in(plan, series, last)
}

/// Every KPI owing a figure in collection year `c` has it.
fn all_in(plan: &Plan, series: &[Series], c: FiscalYear) -> bool {
    plan.kpis
        .iter()
        .zip(series)
        .all(|(kpi, s)| kpi.owed_in(c).is_none_or(|y| s.contains_key(&y)))
}

fn open_year(plan: &Plan, series: &[Series]) -> Option<FiscalYear> {
    let newest = series
        .iter()
        .filter_map(|s| s.keys().next_back())
        .max()
        .copied();
    match newest {
        Some(year) => Some(if all_in(plan, series, year) {
            FiscalYear(year.0 + 1)
        } else {
            year
        }),
        None => plan.kpis.iter().filter_map(first_collection_year).min(),
    }
}

/// The first collection year in which a KPI owes a figure.
pub fn first_collection_year(kpi: &Kpi) -> Option<FiscalYear> {
    if kpi.schedule.is_yearly() {
        // Today's rule, whatever the revisions: the year after the baseline.
        return Some(FiscalYear(kpi.baseline.year.0 + 1));
    }
    let first = kpi.due_years().first().copied().or_else(|| {
        (0..kpi.revisions.len()).find_map(|r| kpi.revised(r).due_years().first().copied())
    })?;
    Some(FiscalYear(first.0 + kpi.schedule.lag))
}

/// One KPI without a figure for the year asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingFigure {
    /// Index of the KPI in `plan.kpis`.
    pub kpi: usize,
    /// The year of the figure owed: the collection year less the KPI's lag.
    pub year: FiscalYear,
    /// The newest year at or before the year asked for that the KPI did
    /// report, if any: a figure sent for a later year is not the one owed.
    pub last_reported: Option<FiscalYear>,
    /// A category figure owed (breakdowns.md, "missing"): (position in
    /// the KPI's `breakdowns`, category); `None` for the KPI's total.
    pub category: Option<(usize, usize)>,
}

/// The missing figures by owning office (`None` for KPIs with no owner).
pub type ByOwner = BTreeMap<Option<String>, Vec<MissingFigure>>;

/// The KPIs among `selected` owing a figure in collection year `year`
/// (for `year` less their lag) that have none,
/// grouped by owner (`None` for KPIs with no owner), in plan order within each.
pub fn missing(plan: &Plan, series: &[Series], year: FiscalYear, selected: &[usize]) -> ByOwner {
    missing_figures(plan, series, &CategoryValues::new(), year, selected)
}

/// `missing`, with the category figures owed (breakdowns.md): a KPI with
/// breakdowns owes its total (unless it is in `series`, written or derived
/// from a complete dimension) and every category of each of its
/// dimensions; never a combination. Rows of a KPI: the total, then its
/// dimensions' categories in `breakdowns` order.
pub fn missing_figures(
    plan: &Plan,
    series: &[Series],
    categories: &CategoryValues,
    year: FiscalYear,
    selected: &[usize],
) -> ByOwner {
    let mut by_owner = ByOwner::new();
    for &i in selected {
        let kpi = &plan.kpis[i];
        let Some(owed) = kpi.owed_in(year) else {
            continue;
        };
        let figures = owed_figures(plan, i, owed, &series[i], categories.get(&i));
        if !figures.is_empty() {
            by_owner
                .entry(kpi.owner.clone())
                .or_default()
                .extend(figures);
        }
    }
    by_owner
}

/// The figures of KPI `index` for year `owed` that `totals` and
/// `categories` (its category figures) lack.
pub fn owed_figures(
    plan: &Plan,
    index: usize,
    owed: FiscalYear,
    totals: &Series,
    categories: Option<&BTreeMap<(FiscalYear, CategoryKey), Decimal>>,
) -> Vec<MissingFigure> {
    let mut out = Vec::new();
    if !totals.contains_key(&owed) {
        out.push(MissingFigure {
            kpi: index,
            year: owed,
            last_reported: totals.range(..=owed).next_back().map(|(y, _)| *y),
            category: None,
        });
    }
    let Some(breakdown) = plan.kpis[index].breakdown.as_deref() else {
        return out;
    };
    for (d, &dimension) in breakdown.dimensions.iter().enumerate() {
        for c in 0..plan.dimensions[dimension].categories.len() {
            let mut cells = vec![None; breakdown.dimensions.len()];
            cells[d] = u16::try_from(c).ok();
            let key = CategoryKey(cells.into_boxed_slice());
            let years = categories
                .into_iter()
                .flat_map(|m| m.keys())
                .filter(|(y, k)| *y <= owed && *k == key)
                .map(|(y, _)| *y);
            let last = years.max();
            if last != Some(owed) {
                out.push(MissingFigure {
                    kpi: index,
                    year: owed,
                    last_reported: last,
                    category: Some((d, c)),
                });
            }
        }
    }
    out
}

/// How many figures are missing for `year` among `selected` (for the
/// status heading).
pub fn missing_count(
    plan: &Plan,
    series: &[Series],
    year: FiscalYear,
    selected: &[usize],
) -> usize {
    missing(plan, series, year, selected)
        .values()
        .map(Vec::len)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans::{kpi, plan};
    use rust_decimal::Decimal;
    use std::path::Path;

    /// a (保育課) and b (産業振興課) from 2014, c (no owner) from 2016.
    fn plan_text() -> String {
        plan(
            2019,
            &[
                kpi("a", "A", "value = 1", "value = 2", "owner = \"保育課\"\n"),
                kpi(
                    "b",
                    "B",
                    "value = 1",
                    "value = 2",
                    "owner = \"産業振興課\"\n",
                ),
                kpi("c", "C", "value = 1, year = 2016", "value = 2", ""),
            ],
        )
    }

    fn series(years: &[&[i32]]) -> Vec<Series> {
        years
            .iter()
            .map(|ys| ys.iter().map(|y| (FiscalYear(*y), Decimal::ONE)).collect())
            .collect()
    }

    #[test]
    fn the_collecting_year_is_the_newest_until_it_is_complete() {
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &plan_text()).unwrap();
        // Nothing yet: the first year after the earliest baseline (2014).
        assert_eq!(
            collecting_year(&plan, &series(&[&[], &[], &[]])),
            Some(FiscalYear(2015))
        );
        // 2015 in for a and b; c is not due until after 2016: 2015 is complete.
        assert_eq!(
            collecting_year(&plan, &series(&[&[2015], &[2015], &[]])),
            Some(FiscalYear(2016))
        );
        // 2017 has a only: b and c still owe 2017.
        assert_eq!(
            collecting_year(&plan, &series(&[&[2015, 2017], &[2015], &[]])),
            Some(FiscalYear(2017))
        );
    }

    #[test]
    fn the_collecting_year_never_passes_the_plans_last_target_year() {
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &plan_text()).unwrap();
        // Every KPI reported 2019, the last target year: still 2019, complete.
        let done = series(&[&[2019], &[2019], &[2019]]);
        assert_eq!(collecting_year(&plan, &done), Some(FiscalYear(2019)));
        assert!(plan_complete(&plan, &done, FiscalYear(2019)));
        // A figure after the plan (a warning in the ledger) does not move it.
        let after = series(&[&[2019, 2023], &[2019], &[]]);
        assert_eq!(collecting_year(&plan, &after), Some(FiscalYear(2019)));
        assert!(!plan_complete(&plan, &after, FiscalYear(2019)));
        assert!(!plan_complete(&plan, &done, FiscalYear(2018)));
    }

    #[test]
    fn missing_figures_are_grouped_by_owner_with_the_last_year_reported() {
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &plan_text()).unwrap();
        let s = series(&[&[2015, 2017], &[2015], &[]]);
        let m = missing(&plan, &s, FiscalYear(2017), &[0, 1, 2]);
        // a reported 2017; b (産業振興課) last reported 2015; c (no owner) never.
        assert_eq!(m.len(), 2);
        assert_eq!(
            m[&Some("産業振興課".to_string())],
            vec![MissingFigure {
                kpi: 1,
                year: FiscalYear(2017),
                last_reported: Some(FiscalYear(2015)),
                category: None,
            }]
        );
        assert_eq!(
            m[&None],
            vec![MissingFigure {
                kpi: 2,
                year: FiscalYear(2017),
                last_reported: None,
                category: None,
            }]
        );
        assert_eq!(missing_count(&plan, &s, FiscalYear(2017), &[0, 1, 2]), 2);
        // a and b lack 2016; c is not due then (2016 is its baseline year).
        assert_eq!(missing_count(&plan, &s, FiscalYear(2016), &[0, 1, 2]), 2);
        assert_eq!(missing_count(&plan, &s, FiscalYear(2016), &[2]), 0);
    }

    #[test]
    fn last_reported_is_the_newest_figure_at_or_before_the_year_asked() {
        // Issue 17, item 8. a has 2015 and 2017; chasing 2016, a's last
        // report is 2015, not 2017 (a year after the one being chased).
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &plan_text()).unwrap();
        let s = series(&[&[2015, 2017], &[2017], &[]]);
        let m = missing(&plan, &s, FiscalYear(2016), &[0, 1]);
        assert_eq!(
            m[&Some("保育課".to_string())],
            vec![MissingFigure {
                kpi: 0,
                year: FiscalYear(2016),
                last_reported: Some(FiscalYear(2015)),
                category: None,
            }]
        );
        // b reported only 2017: before 2016 it never did.
        assert_eq!(
            m[&Some("産業振興課".to_string())],
            vec![MissingFigure {
                kpi: 1,
                year: FiscalYear(2016),
                last_reported: None,
                category: None,
            }]
        );
    }
}
