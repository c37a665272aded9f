//! A KPI's `frequency`, `due_years` and `lag` (evaluation-cycle.md §1),
//! each problem with its line.

use super::Reader;
use crate::plan::tree::{Table, Value};
use crate::schedule::{Every, Schedule};
use crate::year::FiscalYear;

impl Reader<'_> {
    /// The schedule of the KPI `what`, whose baseline year is `baseline`;
    /// the default (yearly, no lag) for what is missing or wrong.
    pub(super) fn schedule(&mut self, table: &Table, what: &str, baseline: FiscalYear) -> Schedule {
        let mut schedule = Schedule::default();
        if let Some((lag, span)) = self.integer(table, "lag", what) {
            if !(0..=100).contains(&lag) {
                self.error(
                    span,
                    format!("`lag` of {what} is {lag}"),
                    Some("lag is how many fiscal years after its year a figure is published: 0 or more (at most 100)"),
                );
            } else {
                schedule.lag = lag as i32;
            }
        }
        let frequency = self.integer(table, "frequency", what);
        if let (Some(_), Some(years)) = (&frequency, table.get("due_years")) {
            self.error(
                years.span.clone(),
                format!("{what} has both `frequency` and `due_years`"),
                Some("keep `frequency` for a regular survey, or `due_years` for irregular ones"),
            );
            return schedule;
        }
        if let Some((n, span)) = frequency {
            if !(1..=100).contains(&n) {
                self.error(
                    span,
                    format!("`frequency` of {what} is {n}"),
                    Some("frequency is a figure every N fiscal years: 1 or more (at most 100)"),
                );
            } else {
                schedule.every = Every::Years(n as i32);
            }
        } else if let Some(years) = self.due_years(table, what, baseline) {
            schedule.every = Every::Listed(years);
        }
        schedule
    }

    /// `due_years`: a list of years, each after the baseline year; `None`
    /// when it is absent or has a problem.
    fn due_years(
        &mut self,
        table: &Table,
        what: &str,
        baseline: FiscalYear,
    ) -> Option<Vec<FiscalYear>> {
        let value = table.get("due_years")?;
        let Value::Array(items) = &value.value else {
            self.error(
                value.span.clone(),
                format!(
                    "`due_years` of {what} must be a list of years, not {}",
                    value.value.type_str()
                ),
                Some("write due_years = [\"H29\", \"R1\"]"),
            );
            return None;
        };
        if items.is_empty() {
            self.error(
                value.span.clone(),
                format!("`due_years` of {what} is empty"),
                Some("list the fiscal years a figure is expected, or remove `due_years`"),
            );
            return None;
        }
        let style = self.year_style;
        let mut years = Vec::new();
        let mut ok = true;
        for item in items.iter() {
            let Some(year) = self.year(item, format_args!("a year of `due_years` of {what}"))
            else {
                ok = false;
                continue;
            };
            if year <= baseline {
                self.error(
                    item.span.clone(),
                    format!(
                        "due year {} of {what} is not after its baseline year {}",
                        year.label(style),
                        baseline.label(style)
                    ),
                    Some("a figure is due only after the baseline year: remove the year or fix it"),
                );
                ok = false;
            } else if years.contains(&year) {
                self.error(
                    item.span.clone(),
                    format!("due year {} of {what} is given twice", year.label(style)),
                    None,
                );
                ok = false;
            } else {
                years.push(year);
            }
        }
        years.sort();
        ok.then_some(years)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::schedule::Every;
    use crate::year::FiscalYear;

    fn text(fields: &str) -> String {
        format!(
            "[plan]\ntitle = \"t\"\n\n[[goal]]\nid = \"1\"\nname = \"g\"\n\n\
             [[kpi]]\nid = \"k\"\nname = \"k\"\ngoal = \"1\"\n\
             baseline = {{ value = 10, year = 2015 }}\n\
             target = {{ value = 20, year = 2025 }}\n{fields}\n"
        )
    }

    fn problems(fields: &str) -> Vec<String> {
        match crate::plan::load_str(Path::new("kpi.toml"), &text(fields)) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.0.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn the_schedule_reads_with_its_defaults() {
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text("")).unwrap();
        assert!(plan.kpis[0].schedule.is_yearly());
        let (plan, _) =
            crate::plan::load_str(Path::new("kpi.toml"), &text("frequency = 5\nlag = 2")).unwrap();
        assert_eq!(plan.kpis[0].schedule.every, Every::Years(5));
        assert_eq!(plan.kpis[0].schedule.lag, 2);
        let (plan, _) = crate::plan::load_str(
            Path::new("kpi.toml"),
            &text("due_years = [\"R1\", \"H29\"]"),
        )
        .unwrap();
        // Sorted: H29 = 2017, R1 = 2019.
        assert_eq!(
            plan.kpis[0].schedule.every,
            Every::Listed(vec![FiscalYear(2017), FiscalYear(2019)])
        );
    }

    #[test]
    fn every_problem_of_a_schedule_is_an_error_with_its_line() {
        // The KPI's fields start on line 14.
        let p = problems("frequency = 2\ndue_years = [2017]");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].contains("kpi.toml:15") && p[0].contains("both `frequency` and `due_years`"),
            "{p:?}"
        );
        let p = problems("due_years = [2015, \"R1\"]");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].contains("kpi.toml:14") && p[0].contains("not after its baseline year"),
            "{p:?}"
        );
        let p = problems("frequency = 0");
        assert!(p[0].contains("kpi.toml:14") && p[0].contains("`frequency`"));
        let p = problems("lag = -1");
        assert!(p[0].contains("kpi.toml:14") && p[0].contains("`lag`"));
        let p = problems("lag = \"2\"");
        assert!(p[0].contains("must be a whole number"), "{p:?}");
        let p = problems("due_years = \"R1\"");
        assert!(p[0].contains("must be a list of years"), "{p:?}");
    }
}
