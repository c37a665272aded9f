//! When a KPI's figures come (evaluation-cycle.md §1): `frequency`,
//! `due_years` and `lag`, and the one set of rules every command asks of
//! them (due years, the year owed in a collection year, overdue figures,
//! the final due year).
//!
//! The default schedule (a figure every year, no lag) gives exactly the
//! rules of progress.md as they were before schedules existed.

pub mod check;

use serde::{Deserialize, Serialize};

use crate::plan::Kpi;
use crate::year::FiscalYear;

/// How often a KPI's figures are due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Every {
    /// `frequency = N`: baseline + N, baseline + 2N, …
    Years(i32),
    /// `due_years = [...]`: the years listed, ascending, each once, each
    /// after the baseline year.
    Listed(Vec<FiscalYear>),
}

/// A KPI's schedule: when figures are due and how late they come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub every: Every,
    /// The figure for year Y becomes available in year Y + lag.
    pub lag: i32,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            every: Every::Years(1),
            lag: 0,
        }
    }
}

impl Schedule {
    /// A yearly schedule with no lag: the plan uses none of §1.
    pub fn is_yearly(&self) -> bool {
        *self == Schedule::default()
    }

    /// `frequency`, or `None` for a `due_years` schedule (the JSON's `null`).
    pub fn frequency(&self) -> Option<i32> {
        match self.every {
            Every::Years(n) => Some(n),
            Every::Listed(_) => None,
        }
    }

    /// Whether the schedule names `year`, counted from `baseline`, with no
    /// end: the target year is applied by the callers that need it.
    pub fn names(&self, baseline: FiscalYear, year: FiscalYear) -> bool {
        match &self.every {
            Every::Years(n) => year > baseline && (year.0 - baseline.0) % (*n).max(1) == 0,
            Every::Listed(years) => years.binary_search(&year).is_ok(),
        }
    }

    /// How many years the schedule names in `after < y <= upto` (counted
    /// arithmetically, so that the work does not grow with the span).
    fn count_between(&self, baseline: FiscalYear, after: FiscalYear, upto: FiscalYear) -> i32 {
        if upto <= after {
            return 0;
        }
        match &self.every {
            Every::Years(n) => {
                let n = (*n).max(1);
                // Multiples k >= 1 of n with after < baseline + k·n <= upto.
                let steps = |y: FiscalYear| (y.0 - baseline.0).max(0).div_euclid(n);
                steps(upto) - steps(after)
            }
            Every::Listed(years) => {
                years.iter().filter(|y| after < **y && **y <= upto).count() as i32
            }
        }
    }
}

impl Kpi {
    /// Whether a figure for `year` is due: named by the schedule, after the
    /// baseline year and at or before the target year in force for `year`
    /// (a revision may move it). The one rule `missing`, `template`, the
    /// status heading's count and `show` ask.
    pub fn is_due(&self, year: FiscalYear) -> bool {
        self.baseline.year < year
            && year <= self.target_as_of(year).year
            && self.schedule.names(self.baseline.year, year)
    }

    /// The due years up to this KPI's own target year, ascending: called
    /// on the KPI as judged (`KpiProgress::kpi_of`), whose target is the
    /// one in force as of the evaluation.
    pub fn due_years(&self) -> Vec<FiscalYear> {
        let (y0, y1) = (self.baseline.year, self.target.year);
        match &self.schedule.every {
            Every::Years(n) => {
                let n = (*n).max(1);
                let mut years = Vec::new();
                let mut y = y0.0 + n;
                while y <= y1.0 {
                    years.push(FiscalYear(y));
                    y += n;
                }
                years
            }
            Every::Listed(years) => years
                .iter()
                .copied()
                .filter(|&y| y0 < y && y <= y1)
                .collect(),
        }
    }

    /// The final due year `y_f`: the last due year at or before the target
    /// year; the target year itself when the schedule names none (a KPI is
    /// then judged as a yearly one would be).
    pub fn final_due_year(&self) -> FiscalYear {
        self.due_years().last().copied().unwrap_or(self.target.year)
    }

    /// The year of the figure collected in collection year `c`: `c` less
    /// the lag (a lag-2 KPI's row in the R3 template says R1).
    pub fn figure_year(&self, c: FiscalYear) -> FiscalYear {
        FiscalYear(c.0 - self.schedule.lag)
    }

    /// The year whose figure the KPI owes in collection year `c`: `c − lag`,
    /// when that is a due year.
    pub fn owed_in(&self, c: FiscalYear) -> Option<FiscalYear> {
        let year = self.figure_year(c);
        self.is_due(year).then_some(year)
    }

    /// The last collection year in which the KPI owes a figure: its last
    /// due year (with every revision in force) plus its lag.
    pub fn last_collection_year(&self) -> Option<FiscalYear> {
        let last = self.last_target_year();
        let kpi = match self.revisions.len() {
            0 => std::borrow::Cow::Borrowed(self),
            n => std::borrow::Cow::Owned(self.revised(n - 1)),
        };
        let due = kpi.due_years().into_iter().rfind(|&y| y <= last)?;
        Some(FiscalYear(due.0 + self.schedule.lag))
    }

    /// `overdue` as of `as_of`: the due years `y` with `L < y <= A − lag`,
    /// `L` the latest scored figure's year (the baseline year when there is
    /// none). The schedule is followed past the target year here, so that a
    /// yearly KPI with no lag counts `A − L`, progress.md's staleness rule.
    pub fn overdue(&self, latest: Option<FiscalYear>, as_of: FiscalYear) -> i32 {
        let after = latest.unwrap_or(self.baseline.year);
        let upto = FiscalYear(as_of.0 - self.schedule.lag);
        self.schedule.count_between(self.baseline.year, after, upto)
    }
}

#[cfg(test)]
mod tests;
