//! Which figures the ledger still lacks: the planning office's spring
//! question "who still owes figures for the year being collected". An
//! evaluation of the ledger's figures against the plan, so it lives with
//! the rest of evaluation, not in `ledger`.
//!
//! Pure: plan and figures in, the missing KPIs out.

use std::collections::BTreeMap;

use crate::plan::{Kpi, Plan};
use crate::series::Series;
use crate::year::FiscalYear;

/// A KPI is due a figure for year `y` when `y` lies after its baseline year
/// and no later than its target year in force for `y` (a revision may move
/// it): before, there is nothing to report against; after, the plan's
/// period is over.
pub fn is_due(kpi: &Kpi, year: FiscalYear) -> bool {
    kpi.baseline.year < year && year <= kpi.target_as_of(year).year
}

/// The year being collected: the newest year in the ledger while a KPI due
/// that year still lacks its figure; once every due KPI has one, the year
/// after. With an empty ledger, the first year after the earliest baseline.
/// Never past the plan's last target year: once that year's figures are
/// in, there is nothing more to collect (`plan_complete`).
pub fn collecting_year(plan: &Plan, series: &[Series]) -> Option<FiscalYear> {
    let last = crate::ledger::years::last_target_year(plan)?;
    open_year(plan, series).map(|year| year.min(last))
}

/// True when every KPI due a figure in any year up to the plan's last
/// target year, as of `year`, has it for `year`, and `year` is that last
/// target year or after: the plan's years are complete.
pub fn plan_complete(plan: &Plan, series: &[Series], year: FiscalYear) -> bool {
    let Some(last) = crate::ledger::years::last_target_year(plan) else {
        return false;
    };
    year >= last
        && plan
            .kpis
            .iter()
            .zip(series)
            .all(|(kpi, s)| !is_due(kpi, last) || s.contains_key(&last))
}

fn open_year(plan: &Plan, series: &[Series]) -> Option<FiscalYear> {
    let newest = series
        .iter()
        .filter_map(|s| s.keys().next_back())
        .max()
        .copied();
    match newest {
        Some(year) => {
            let complete = plan
                .kpis
                .iter()
                .zip(series)
                .all(|(kpi, s)| !is_due(kpi, year) || s.contains_key(&year));
            Some(if complete {
                FiscalYear(year.0 + 1)
            } else {
                year
            })
        }
        None => plan
            .kpis
            .iter()
            .map(|k| FiscalYear(k.baseline.year.0 + 1))
            .min(),
    }
}

/// One KPI without a figure for the year asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingFigure {
    /// Index of the KPI in `plan.kpis`.
    pub kpi: usize,
    /// The newest year at or before the year asked for that the KPI did
    /// report, if any: a figure sent for a later year is not the one owed.
    pub last_reported: Option<FiscalYear>,
}

/// The missing figures by owning office (`None` for KPIs with no owner).
pub type ByOwner = BTreeMap<Option<String>, Vec<MissingFigure>>;

/// The KPIs among `selected` due a figure for `year` that have none,
/// grouped by owner (`None` for KPIs with no owner), in plan order within each.
pub fn missing(plan: &Plan, series: &[Series], year: FiscalYear, selected: &[usize]) -> ByOwner {
    let mut by_owner = ByOwner::new();
    for &i in selected {
        let kpi = &plan.kpis[i];
        let s = &series[i];
        if is_due(kpi, year) && !s.contains_key(&year) {
            by_owner
                .entry(kpi.owner.clone())
                .or_default()
                .push(MissingFigure {
                    kpi: i,
                    last_reported: s.range(..=year).next_back().map(|(y, _)| *y),
                });
        }
    }
    by_owner
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
                last_reported: Some(FiscalYear(2015))
            }]
        );
        assert_eq!(
            m[&None],
            vec![MissingFigure {
                kpi: 2,
                last_reported: None
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
                last_reported: Some(FiscalYear(2015))
            }]
        );
        // b reported only 2017: before 2016 it never did.
        assert_eq!(
            m[&Some("産業振興課".to_string())],
            vec![MissingFigure {
                kpi: 1,
                last_reported: None
            }]
        );
    }
}
