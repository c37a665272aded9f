//! `kpi validate`'s warning for a figure in a year that is not one of its
//! KPI's due years (evaluation-cycle.md §1): kept and scored like any
//! other (surveys do come early), said once per figure.

use crate::ledger::Ledger;
use crate::plan::Plan;
use crate::problem::{Location, Problem};
use crate::series::Series;
use crate::year::FiscalYear;

/// The figures (KPI index, year) of KPIs with a schedule that fall in a
/// year after the baseline year, within the plan's span, that is not due.
/// History and figures after every target year have their own rules.
pub fn off_schedule(plan: &Plan, series: &[Series]) -> Vec<(usize, FiscalYear)> {
    let mut found = Vec::new();
    for (i, (kpi, s)) in plan.kpis.iter().zip(series).enumerate() {
        if matches!(kpi.schedule.every, crate::schedule::Every::Years(1)) {
            continue;
        }
        let (y0, last) = (kpi.baseline.year, kpi.last_target_year());
        for &year in s.range(FiscalYear(y0.0 + 1)..=last).map(|(y, _)| y) {
            if !kpi.is_due(year) {
                found.push((i, year));
            }
        }
    }
    found
}

/// One warning per figure of `found`, at its ledger file and line (read
/// from `ledger`, the ledger read in full).
pub fn warnings(plan: &Plan, found: &[(usize, FiscalYear)], ledger: &Ledger) -> Vec<Problem> {
    let style = plan.year_style;
    found
        .iter()
        .map(|&(i, year)| {
            let kpi = &plan.kpis[i];
            let at = ledger
                .series
                .get(i)
                .and_then(|s| s.get(&year))
                .map_or_else(|| Location::file(&plan.path), |a| a.location.clone());
            let due: Vec<String> = kpi.due_years().iter().map(|y| y.label(style)).collect();
            Problem::warning(
                at,
                format!(
                    "`{}` {}: not one of its due years ({}); the figure is kept and scored",
                    kpi.id,
                    year.label(style),
                    if due.is_empty() {
                        "none".to_string()
                    } else {
                        due.join(", ")
                    }
                ),
            )
            .hint("check the year; or, if the survey now comes in this year, add it to due_years")
        })
        .collect()
}
