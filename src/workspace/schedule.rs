//! A registered series' `frequency`, `due_years` and `lag`
//! (evaluation-cycle.md §1, "and in the workspace register for a series"):
//! read from an `[[indicator]]` with the same rules and bounds as a KPI's,
//! each problem at its line. The series has no baseline of its own, so a
//! due year is not checked against one here: each member's KPI on it counts
//! only the due years after its own baseline year.

use toml::de::{DeTable, DeValue};

use crate::problem::{Location, Problem, Problems};
use crate::schedule::{Every, Schedule};
use crate::year::FiscalYear;

pub const SCHEDULE_KEYS: &[&str] = &["frequency", "due_years", "lag"];

/// The schedule written in `table` (an `[[indicator]]` named `what`);
/// `None` when it writes none of the three fields or one has a problem
/// (pushed to `problems`, which then refuse the workspace).
pub fn read(
    table: &DeTable<'_>,
    what: &str,
    at: &dyn Fn(usize) -> Location,
    problems: &mut Problems,
) -> Option<Schedule> {
    let field = |key: &str| {
        table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    };
    let (frequency, due_years, lag) = (field("frequency"), field("due_years"), field("lag"));
    if frequency.is_none() && due_years.is_none() && lag.is_none() {
        return None;
    }
    let before = problems.0.len();
    let mut schedule = Schedule::default();
    if let Some(v) = lag {
        let hint = "lag is how many fiscal years after its year a figure is published: 0 or more (at most 100)";
        match whole(v.get_ref()) {
            Some(n) if (0..=100).contains(&n) => schedule.lag = n as i32,
            Some(n) => problems.push(error(
                at(v.span().start),
                format!("`lag` of {what} is {n}"),
                hint,
            )),
            None => problems.push(error(
                at(v.span().start),
                format!("`lag` of {what} must be a whole number"),
                hint,
            )),
        }
    }
    match (frequency, due_years) {
        (Some(_), Some(years)) => problems.push(error(
            at(years.span().start),
            format!("{what} has both `frequency` and `due_years`"),
            "keep `frequency` for a regular survey, or `due_years` for irregular ones",
        )),
        (Some(v), None) => {
            let hint = "frequency is a figure every N fiscal years: 1 or more (at most 100)";
            match whole(v.get_ref()) {
                Some(n) if (1..=100).contains(&n) => schedule.every = Every::Years(n as i32),
                Some(n) => problems.push(error(
                    at(v.span().start),
                    format!("`frequency` of {what} is {n}"),
                    hint,
                )),
                None => problems.push(error(
                    at(v.span().start),
                    format!("`frequency` of {what} must be a whole number"),
                    hint,
                )),
            }
        }
        (None, Some(v)) => {
            if let Some(years) = listed(v.get_ref(), v.span().start, what, at, problems) {
                schedule.every = Every::Listed(years);
            }
        }
        (None, None) => {}
    }
    (problems.0.len() == before).then_some(schedule)
}

fn whole(value: &DeValue<'_>) -> Option<i64> {
    match value {
        DeValue::Integer(n) => n.as_str().replace('_', "").parse().ok(),
        _ => None,
    }
}

/// `due_years`: a non-empty list of years, each once, sorted.
fn listed(
    value: &DeValue<'_>,
    start: usize,
    what: &str,
    at: &dyn Fn(usize) -> Location,
    problems: &mut Problems,
) -> Option<Vec<FiscalYear>> {
    let DeValue::Array(items) = value else {
        problems.push(error(
            at(start),
            format!("`due_years` of {what} must be a list of years"),
            "write due_years = [\"H29\", \"R1\"]",
        ));
        return None;
    };
    if items.is_empty() {
        problems.push(error(
            at(start),
            format!("`due_years` of {what} is empty"),
            "list the fiscal years a figure is expected, or remove `due_years`",
        ));
        return None;
    }
    let mut years = Vec::new();
    let mut ok = true;
    for item in items {
        let here = at(item.span().start);
        let text = match item.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Integer(n) => n.as_str().to_string(),
            _ => {
                problems.push(error(
                    here,
                    format!("a year of `due_years` of {what} must be a year"),
                    "write a year such as 2014, \"FY2014\" or \"H26\"",
                ));
                ok = false;
                continue;
            }
        };
        match FiscalYear::parse(&text) {
            Ok(year) if years.contains(&year) => {
                problems.push(Problem::error(
                    here,
                    format!("due year {text} of {what} is given twice"),
                ));
                ok = false;
            }
            Ok(year) => years.push(year),
            Err(e) => {
                problems.push(Problem::error(
                    here,
                    format!("a year of `due_years` of {what}: {e}"),
                ));
                ok = false;
            }
        }
    }
    years.sort();
    ok.then_some(years)
}

fn error(at: Location, message: String, hint: &str) -> Problem {
    Problem::error(at, message).hint(hint)
}

/// A member KPI that states a schedule of its own on a series that has
/// one: an error unless it is the same (workspace.md: a member restates a
/// series' facts only with the same value), since the ledger holds one
/// series and `missing` asks for its figures once.
pub fn restated(
    kpi: &crate::plan::Kpi,
    here: Location,
    style: crate::year::YearStyle,
    series: &str,
    theirs: &Option<Schedule>,
    origin: &str,
) -> Option<Problem> {
    let theirs = theirs.as_ref()?;
    let written = kpi.indicator.as_ref().is_some_and(|l| l.schedule_written);
    if !written || kpi.schedule == *theirs {
        return None;
    }
    Some(
        Problem::error(
            here,
            format!(
                "KPI {} states its own schedule ({}), but its series `{series}` has {} in {origin}",
                kpi.id,
                describe(&kpi.schedule, style),
                describe(theirs, style)
            ),
        )
        .hint("remove frequency, due_years and lag from the KPI (they come from the series), or correct them"),
    )
}

/// A schedule as the plan file writes it: `frequency = 5, lag = 2`.
fn describe(schedule: &Schedule, style: crate::year::YearStyle) -> String {
    let every = match &schedule.every {
        Every::Years(n) => format!("frequency = {n}"),
        Every::Listed(years) => format!(
            "due_years = [{}]",
            years
                .iter()
                .map(|y| format!("\"{}\"", y.label(style)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!("{every}, lag = {}", schedule.lag)
}

/// A registered `frequency` is counted from each member's own baseline
/// year (evaluation-cycle.md §1 counts it from the baseline, and a series
/// has none); members whose baselines are not a multiple of it apart
/// would expect the series in different years: a warning at the
/// register's line naming them, with the remedy (`due_years`).
pub fn grids(
    file: &super::WorkspaceFile,
    members: &[(String, &crate::plan::Plan)],
) -> Vec<Problem> {
    let mut found = Vec::new();
    for indicator in &file.indicators {
        let Some(Schedule {
            every: Every::Years(n),
            ..
        }) = indicator.schedule
        else {
            continue;
        };
        let mut baselines: Vec<(&str, FiscalYear, crate::year::YearStyle)> = Vec::new();
        for (name, plan) in members {
            for kpi in &plan.kpis {
                let link = kpi.indicator.as_ref();
                if link.is_some_and(|l| l.id == indicator.id && !l.schedule_written)
                    && !baselines
                        .iter()
                        .any(|(m, y, _)| m == name && *y == kpi.baseline.year)
                {
                    baselines.push((name, kpi.baseline.year, plan.year_style));
                }
            }
        }
        let Some(&(_, first, _)) = baselines.first() else {
            continue;
        };
        if baselines.iter().all(|(_, y, _)| (y.0 - first.0) % n == 0) {
            continue;
        }
        let listed: Vec<String> = baselines
            .iter()
            .map(|(m, y, style)| format!("{m} from {}", y.label(*style)))
            .collect();
        found.push(
            Problem::warning(
                Location::line(&file.path, indicator.line),
                format!(
                    "indicator `{}` is due every {n} years counted from each plan's baseline year, and its plans' baselines are not {n} years apart ({}): they expect its figures in different years",
                    indicator.id,
                    listed.join(", ")
                ),
            )
            .hint("name the years the figures come with due_years = [...] in the [[indicator]] instead of frequency"),
        );
    }
    found
}
