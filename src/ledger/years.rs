//! Which years a figure may be for (actuals-format.md): not a fiscal year
//! that has not begun yet (judged from today's date and the plan's
//! `fiscal_year_start`), which is an error; a year after every target year
//! of the plan is accepted with a warning. The ledger reader, `kpi import`
//! and `kpi record` all ask here.

use crate::plan::Plan;
use crate::problem::{Location, Problem};
use crate::year::FiscalYear;

/// The years a plan's figures may be for, worked out once per read.
#[derive(Debug, Clone)]
pub struct FigureYears {
    /// The newest fiscal year that has begun; `None` when today's date
    /// cannot be known (a bad `KPI_TODAY`, which the commands refuse first).
    current: Option<FiscalYear>,
    /// The plan's last target year.
    last_target: Option<FiscalYear>,
}

impl FigureYears {
    pub fn new(plan: &Plan) -> FigureYears {
        FigureYears {
            current: crate::settings::current_fiscal_year(plan.fiscal_year_start).ok(),
            last_target: last_target_year(plan),
        }
    }

    /// With the newest fiscal year begun given, not read from today's date.
    pub fn with_current(plan: &Plan, current: FiscalYear) -> FigureYears {
        FigureYears {
            current: Some(current),
            last_target: last_target_year(plan),
        }
    }

    /// True when `year` has not begun yet: a figure for it is an error.
    pub fn not_begun(&self, year: FiscalYear) -> bool {
        self.current.is_some_and(|current| year > current)
    }

    /// The problem with a figure of KPI `kpi` for `year`, at `at`: an
    /// error for a year not begun, a warning for one after every target
    /// year, else none.
    pub fn problem(
        &self,
        plan: &Plan,
        kpi: usize,
        year: FiscalYear,
        at: impl FnOnce() -> Location,
    ) -> Option<Problem> {
        self.problem_of(plan, year, at, || {
            format!("`{}` {}", plan.kpis[kpi].id, labelled(plan, year))
        })
    }

    /// The same for a column of figures for `year` (a wide sheet's year
    /// heading), named `what`.
    pub fn problem_of(
        &self,
        plan: &Plan,
        year: FiscalYear,
        at: impl FnOnce() -> Location,
        what: impl FnOnce() -> String,
    ) -> Option<Problem> {
        if let Some(current) = self.current.filter(|&c| year > c) {
            let today = crate::settings::today()
                .map(|d| d.to_string())
                .unwrap_or_default();
            return Some(
                Problem::error(
                    at(),
                    format!(
                        "{}: fiscal year {} has not begun yet (today is {today}, in fiscal year {})",
                        what(),
                        year.0,
                        labelled(plan, current)
                    ),
                )
                .hint("check the year: a figure can be recorded once its fiscal year has begun"),
            );
        }
        let last = self.last_target?;
        (year > last).then(|| {
            Problem::warning(
                at(),
                format!(
                    "{} is after every target year of the plan (the last is {})",
                    what(),
                    labelled(plan, last)
                ),
            )
            .hint("the figure is kept; check the year, or add a later target to the plan")
        })
    }
}

/// How many years before its KPI's baseline year a figure may be without
/// a warning. An era slip (`H2` typed for `R2`) moves a year 30 years back,
/// a year cell formatted as a date 115; a plan's figures reach a few years
/// before its baseline (issue 24, item 14).
pub const FAR_PAST_YEARS: i32 = 10;

/// The warning for a figure of KPI `kpi` more than `FAR_PAST_YEARS` before
/// the KPI's baseline year, at `at`: the figure is kept (`kpi import` and
/// `kpi record` say it; the ledger itself does not).
pub fn far_past(
    plan: &Plan,
    kpi: usize,
    year: FiscalYear,
    at: impl FnOnce() -> Location,
) -> Option<Problem> {
    let k = &plan.kpis[kpi];
    let before = k.baseline.year.0 - year.0;
    (before > FAR_PAST_YEARS).then(|| {
        Problem::warning(
            at(),
            format!(
                "`{}` {}: the year is {before} years before the KPI's baseline year {}",
                k.id,
                labelled(plan, year),
                labelled(plan, k.baseline.year)
            ),
        )
        .hint("the figure is kept; check the year (an era slip such as H2 for R2, or a year cell formatted as a date, gives a year far in the past)")
    })
}

/// The latest target year in force of any KPI of the plan, revisions
/// taken into account (`Kpi::last_target_year`).
pub fn last_target_year(plan: &Plan) -> Option<FiscalYear> {
    plan.kpis.iter().map(|k| k.last_target_year()).max()
}

/// A year as the plan prints it, with its western number when that differs
/// (`R1 (2019)`).
pub fn labelled(plan: &Plan, year: FiscalYear) -> String {
    let label = year.label(plan.year_style);
    if label == year.0.to_string() {
        label
    } else {
        format!("{label} ({})", year.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans::fair_and_startups;
    use std::path::Path;

    #[test]
    fn a_year_not_begun_is_an_error_and_one_after_the_plan_a_warning() {
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &fair_and_startups()).unwrap();
        let last = last_target_year(&plan).unwrap();
        let years = FigureYears::with_current(&plan, FiscalYear(last.0 + 3));
        let at = || Location::file(Path::new("x.csv"));
        assert_eq!(years.problem(&plan, 0, last, at), None);
        let after = years.problem(&plan, 0, FiscalYear(last.0 + 3), at).unwrap();
        assert!(!after.is_error(), "{after}");
        assert!(after.message.contains("after every target year"), "{after}");
        let future = years.problem(&plan, 0, FiscalYear(last.0 + 4), at).unwrap();
        assert!(future.is_error(), "{future}");
        assert!(future.message.contains("has not begun yet"), "{future}");
        assert!(years.not_begun(FiscalYear(last.0 + 4)));
        assert!(!years.not_begun(FiscalYear(last.0 + 3)));
    }
}
