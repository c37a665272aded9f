//! The running-total check (actuals-format.md): a cumulative KPI's figures
//! never fall below its baseline (after the baseline year) or below the
//! figure of the nearest earlier year. Written once: the reader reports
//! each fall with its places, a values-only read only asks whether there
//! is one, and the import checks the series as they would be once merged.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::ledger::Actual;
use crate::plan::{Kpi, Plan};
use crate::problem::{Location, Problem};
use crate::series::Series;
use crate::year::FiscalYear;

/// How a running total's figure falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fall {
    /// Below the figure of this earlier year, the one before it.
    BelowEarlier(FiscalYear),
    /// Below the baseline, after the baseline year.
    BelowBaseline,
}

/// The years in which a running total's `figures` (by year, in order) fall.
pub(crate) fn falls(
    kpi: &Kpi,
    figures: impl Iterator<Item = (FiscalYear, Decimal)>,
) -> impl Iterator<Item = (FiscalYear, Fall)> {
    let baseline = (kpi.baseline.year, kpi.baseline.value);
    let mut previous: Option<(FiscalYear, Decimal)> = None;
    figures.filter_map(move |(year, value)| {
        let fall = match previous {
            Some((earlier, before)) if value < before => Some(Fall::BelowEarlier(earlier)),
            _ if year > baseline.0 && value < baseline.1 => Some(Fall::BelowBaseline),
            _ => None,
        };
        previous = Some((year, value));
        fall.map(|f| (year, f))
    })
}

/// Whether no running total falls, for a values-only read.
pub(crate) fn running_totals_hold(plan: &Plan, series: &[Series]) -> bool {
    plan.kpis.iter().zip(series).all(|(kpi, s)| {
        !kpi.cumulative || falls(kpi, s.iter().map(|(&y, &v)| (y, v))).next().is_none()
    })
}

/// A figure the running-total check can name: its value and where it is
/// (a ledger's figure, or an import's before it is written).
pub(crate) trait Placed {
    fn value(&self) -> Decimal;
    fn location(&self) -> &Location;
}

impl Placed for Actual {
    fn value(&self) -> Decimal {
        self.value
    }

    fn location(&self) -> &Location {
        &self.location
    }
}

/// Every fall of every running total, as an error naming its place.
pub(crate) fn running_total_problems<F: Placed>(
    plan: &Plan,
    series: &[BTreeMap<FiscalYear, F>],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let style = plan.year_style;
    for (kpi, series) in plan.kpis.iter().zip(series) {
        if !kpi.cumulative {
            continue;
        }
        let id = &kpi.id;
        let figures = series.iter().map(|(&y, f)| (y, f.value()));
        for (year, fall) in falls(kpi, figures) {
            let actual = &series[&year];
            let label = year.label(style);
            let problem = match fall {
                Fall::BelowEarlier(earlier) => {
                    let prev = &series[&earlier];
                    Problem::error(
                        actual.location().clone(),
                        format!(
                            "`{id}` is cumulative, but its {label} figure `{}` is below its \
                             {} figure `{}` (at {})",
                            actual.value(),
                            earlier.label(style),
                            prev.value(),
                            prev.location()
                        ),
                    )
                    .hint(
                        "a running total never goes down: fix the figure, or remove \
                         `cumulative = true` from the KPI if it is not a running total",
                    )
                }
                Fall::BelowBaseline => Problem::error(
                    actual.location().clone(),
                    format!(
                        "`{id}` is cumulative, but its {label} figure `{}` is below its \
                         {} baseline `{}`",
                        actual.value(),
                        kpi.baseline.year.label(style),
                        kpi.baseline.value
                    ),
                )
                .hint(
                    "a running total never falls below its baseline: fix the figure, \
                     or the baseline in the plan",
                ),
            };
            problems.push(problem);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A running total with a baseline of `baseline` in 2014.
    fn kpi(baseline: i64) -> Kpi {
        let toml = crate::test_plans::plan(
            2019,
            &[crate::test_plans::kpi(
                "t",
                "t",
                &format!("value = {baseline}"),
                "value = 200",
                "cumulative = true\n",
            )],
        );
        let (plan, _) = crate::plan::load_str(std::path::Path::new("/p/kpi.toml"), &toml)
            .unwrap_or_else(|p| panic!("{p:?}"));
        plan.kpis[0].clone()
    }

    #[test]
    fn a_fall_is_found_against_the_year_before_or_the_baseline() {
        let kpi = kpi(50);
        let figures = [(2013, 10), (2015, 60), (2016, 55), (2017, 49), (2018, 70)]
            .map(|(y, v)| (FiscalYear(y), Decimal::from(v)));
        let found: Vec<_> = falls(&kpi, figures.into_iter()).collect();
        assert_eq!(
            found,
            [
                (FiscalYear(2016), Fall::BelowEarlier(FiscalYear(2015))),
                (FiscalYear(2017), Fall::BelowEarlier(FiscalYear(2016))),
            ]
        );
        // Below the baseline after its year, but not below the year before.
        let figures = [(2014, 40), (2015, 45)].map(|(y, v)| (FiscalYear(y), Decimal::from(v)));
        let found: Vec<_> = falls(&kpi, figures.into_iter()).collect();
        assert_eq!(found, [(FiscalYear(2015), Fall::BelowBaseline)]);
    }
}
