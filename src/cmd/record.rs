//! `kpi record`: record one figure by hand, through the same checks, the
//! same merge and the same atomic write as `kpi import`.

pub use crate::args::record::RecordArgs;

use std::io::Write;
use std::path::Path;

use crate::error::Result;
use crate::ledger::import::normalise::Found;
use crate::ledger::import::Figure;
use crate::ledger::years::{far_past, FigureYears};
use crate::problem::{control_name, first_control, quoted, Location, Problem, Problems};
use crate::settings::Settings;
use crate::value::parse_lenient;
use crate::year::FiscalYear;

use crate::ingest::Session;

pub fn run(global: &Settings, args: &RecordArgs, out: &mut dyn Write) -> Result<i32> {
    let mut session = Session::start(global, args.dry_run)?;
    session.show_rows = true;
    session.show_fields = true;
    let plan = &session.plan;
    // Problems are placed on the command line itself.
    let at = || Location::file(Path::new("kpi record"));
    let mut problems = Problems::default();
    let finder = session.finder();
    let kpi = match finder.lookup(&args.kpi) {
        Found::Kpi(kpi) => Some(kpi),
        Found::Shared(kpis) => {
            let (message, hint) = finder.shared(&args.kpi, &kpis);
            problems.push(Problem::error(at(), message).hint(hint));
            None
        }
        Found::Unknown => {
            let hint = finder.hint(&args.kpi);
            problems.push(Problem::error(at(), finder.unknown(&args.kpi)).hint(hint));
            None
        }
    };
    for (flag, text) in [("--note", &args.note), ("--source", &args.source)] {
        let Some(text) = text else { continue };
        if let Some((place, c)) = first_control(text, |c| matches!(c, '\n' | '\t')) {
            problems.push(
                Problem::error(
                    at(),
                    format!(
                        "{flag} `{}` holds the control character {} (character {place})",
                        quoted(text),
                        control_name(c)
                    ),
                )
                .hint("delete the character; kpi writes no control characters into the ledger"),
            );
        }
    }
    let year = match FiscalYear::parse(&args.year) {
        Ok(year) => Some(year),
        Err(e) => {
            problems.push(Problem::error(at(), e.to_string()));
            None
        }
    };
    let mut figures = Vec::new();
    if let Some(kpi) = kpi {
        match parse_lenient(&args.value, plan.kpis[kpi].unit.as_deref()) {
            Ok(Some(value)) => {
                let year = year.filter(|&year| {
                    if let Some(problem) = far_past(plan, kpi, year, at) {
                        problems.push(problem);
                    }
                    match FigureYears::new(plan).problem(plan, kpi, year, at) {
                        Some(problem) => {
                            let allowed = !problem.is_error();
                            problems.push(problem);
                            allowed
                        }
                        None => true,
                    }
                });
                if let Some(year) = year {
                    let text = |t: &Option<String>| {
                        t.as_deref()
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_string)
                    };
                    figures.push(Figure {
                        kpi,
                        year,
                        value,
                        note: text(&args.note),
                        source: text(&args.source),
                        preliminary: args.preliminary,
                        location: at(),
                        categories: None,
                    });
                }
            }
            Ok(None) => problems.push(
                Problem::error(at(), format!("`{}` is no figure", quoted(&args.value)))
                    .hint("give the figure to record, such as 2788 or 19%"),
            ),
            Err(expected) => problems.push(
                Problem::error(at(), format!("`{}` is not a figure", quoted(&args.value)))
                    .hint(format!("expected {expected}")),
            ),
        }
    }
    session.finish(figures, problems, &[], args.replace, out)
}
