//! One module per subcommand. Each owns its arguments (`StatusArgs`, a
//! clap `Args`) and turns them into its settings (`StatusSettings`) before
//! any file is read: `run` below checks them first, and a command's `run`
//! takes only the checked settings. No command imports another: what they
//! share is the scope (`crate::scope`), the checked arguments that choose
//! KPIs (`crate::select`), the output (`crate::output`), and the few
//! helpers below.

pub mod check;
pub mod compare;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod export;
pub mod gap;
pub mod import;
pub mod init;
pub mod man;
pub mod missing;
pub mod publish;
pub mod record;
pub mod recover;
pub mod report;
pub mod show;
pub mod status;
pub mod template;
pub mod validate;
pub mod workspace;

use std::io::Write;

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};
use crate::ledger::LedgerValues;
use crate::plan::Plan;
use crate::problem::Problems;
use crate::progress::{self, Evaluation, Query};
use crate::render::Style;
use crate::settings::Settings;
use crate::year::FiscalYear;

/// Run the command `cli` names, its arguments checked before anything is
/// read; the exit code (0, or 1 for `check`'s and `missing`'s verdict).
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<i32> {
    let global = &crate::settings::Settings::new(&cli.global, crate::settings::env());
    match &cli.command {
        Command::Status(args) => status::run(global, &args.settings()?, out),
        Command::Show(args) => show::run(global, &args.settings()?, out),
        Command::Explain(args) => explain::run(global, &args.settings()?, out),
        Command::Validate => validate::run(global, out),
        Command::Import(args) => import::run(global, &args.settings()?, out),
        Command::Template(args) => template::run(global, &args.settings()?, out),
        // Every argument of `record` is checked against the plan, together.
        Command::Record(args) => record::run(global, args, out),
        Command::Recover(args) => recover::run(global, args, out),
        Command::Check(args) => check::run(global, &args.settings()?, out),
        Command::Gap(args) => gap::run(global, &args.settings()?, out),
        Command::Compare(args) => compare::run(global, &args.settings()?, out),
        Command::Report(args) => report::run(global, &args.settings()?, out),
        Command::Publish(args) => publish::run(global, &args.settings()?, out),
        Command::Diff(args) => diff::run(global, &args.settings()?, out),
        Command::Missing(args) => missing::run(global, &args.settings()?, out),
        Command::Init(args) => init::run(global, &args.settings(global)?, out),
        Command::Workspace(args) => workspace::run(global, args, out),
        Command::Export(args) => export::run(global, &args.settings()?, out),
        Command::Completions(args) => completions::run(args, out),
        Command::Man => man::run(out),
    }
}

/// Evaluate `query` on a plan and its figures (a plan alone's, or a
/// workspace member's), its scope checked against the plan, with the
/// ledger's notes and the review text of the as-of year beside it.
pub fn evaluate(plan: &Plan, ledger: &LedgerValues, query: &Query) -> Result<Evaluation> {
    crate::select::check_scope(plan, &query.scope)?;
    crate::select::check_year_begun(plan, query.year)?;
    let mut eval = query.evaluate(plan, &ledger.series);
    progress::remarks::attach(&mut eval, &ledger.remarks);
    if let Some(year) = eval.as_of {
        eval.review = year_review(plan, year)?;
        progress::judged::attach(plan, &mut eval);
    }
    eval.beside = crate::evaluations::beside::of(plan, &eval)?;
    Ok(eval)
}

/// A KPI with breakdowns gets its categories, evaluated as of `as_of`,
/// with their figures by year and the years its total was derived
/// (`kpi show`, `kpi report`); any other KPI is left as it is.
pub fn attach_history(
    plan: &Plan,
    ledger: &LedgerValues,
    k: &mut progress::KpiProgress,
    as_of: Option<crate::year::FiscalYear>,
) {
    if plan.kpis[k.kpi].breakdown.is_none() {
        return;
    }
    let i = k.kpi;
    let (lo, hi) = (
        crate::year::FiscalYear(i32::MIN),
        crate::year::FiscalYear(i32::MAX),
    );
    let derived = ledger.derived.range((i, lo)..=(i, hi)).map(|&(_, y)| y);
    progress::category::attach_history(
        plan,
        k,
        ledger.series.get(i),
        ledger.categories.get(&i),
        derived,
        as_of,
    );
}

/// Leave what a command read to the operating system at its end: freeing
/// a national-scale ledger figure by figure (a million allocations) takes
/// longer than writing the command's output.
pub fn finish<T>(read: T) {
    std::mem::forget(read);
}

pub fn print_warnings(problems: &Problems) {
    for w in problems.warnings() {
        eprintln!("{w}");
    }
}

/// The style for people (the decided `Settings`), years as the plan prints them.
pub fn style(global: &Settings, plan: &Plan) -> Style {
    style_years(global, plan.year_style)
}

/// `style` for a year style (each member of a workspace its own).
/// ASCII from `--ascii`, else `KPI_ASCII` (a yes or no, warned about once if
/// neither, and read only without `--ascii`).
pub fn style_years(global: &Settings, year_style: crate::year::YearStyle) -> Style {
    Style::of(global, year_style)
}

/// The review file of `year` (empty when there is none); a broken one is
/// an error with its file and line, as a broken plan is.
pub fn year_review(plan: &Plan, year: FiscalYear) -> Result<crate::review::YearReview> {
    let (review, problems) = crate::review::read_year(&plan.reviews, year, plan);
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    print_warnings(&problems);
    Ok(review)
}
