//! One module per subcommand. Each owns its arguments (`StatusArgs`, a
//! clap `Args`) and turns them into its settings (`StatusSettings`) before
//! any file is read: `run` below checks them first, and a command's `run`
//! takes only the checked settings. This module holds what the commands
//! share: finding and loading the plan and ledger, and the output style;
//! `select` holds the shared arguments that choose KPIs.

pub mod check;
pub mod completions;
pub mod export;
pub mod gap;
pub mod import;
pub mod init;
pub mod man;
pub mod missing;
pub mod output;
pub mod record;
pub mod recover;
pub mod report;
pub mod scope;
pub mod select;
pub mod show;
pub mod status;
pub mod template;
pub mod validate;
pub mod workspace;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::atomic;
use crate::cli::{Cli, ColorArg, Command, GlobalArgs, LangArg};
use crate::environment;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::ledger::{self, LedgerValues};
use crate::plan::{self, Plan};
use crate::problem::{Problem, Problems, Severity};
use crate::progress::{self, Evaluation, Query, Series};
use crate::render::Style;
use crate::year::FiscalYear;

/// Run the command `cli` names, its arguments checked before anything is
/// read; the exit code (0, or 1 for `check`'s and `missing`'s verdict).
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<i32> {
    let global = &cli.global;
    match &cli.command {
        Command::Status(args) => status::run(global, &args.settings()?, out),
        Command::Show(args) => show::run(global, &args.settings()?, out),
        Command::Validate => validate::run(global, out),
        Command::Import(args) => import::run(global, &args.settings()?, out),
        Command::Template(args) => template::run(global, &args.settings()?, out),
        // Every argument of `record` is checked against the plan, together.
        Command::Record(args) => record::run(global, args, out),
        Command::Recover(args) => recover::run(global, args, out),
        Command::Check(args) => check::run(global, &args.settings()?, out),
        Command::Gap(args) => gap::run(global, &args.settings()?, out),
        Command::Report(args) => report::run(global, &args.settings()?, out),
        Command::Missing(args) => missing::run(global, &args.settings()?, out),
        Command::Init(args) => init::run(global, &args.settings(global)?, out),
        Command::Workspace(args) => workspace::run(global, args, out),
        Command::Export(args) => export::run(global, &args.settings()?, out),
        Command::Completions(args) => completions::run(args, out),
        Command::Man => man::run(out),
    }
}

/// A valid plan and its ledger's figures, with the warnings met on the way.
/// (`kpi import` reads the ledger in full, with `ledger::read`.)
pub struct Loaded {
    pub plan: Plan,
    pub ledger: LedgerValues,
    pub warnings: Problems,
}

impl Loaded {
    /// Each KPI's figures as plain decimals, for evaluation.
    pub fn series(&self) -> &[Series] {
        &self.ledger.series
    }

    /// Evaluate `query` once its scope is checked against the plan, with
    /// the ledger's notes and the review text of the as-of year beside it.
    pub fn evaluate(&self, query: &Query) -> Result<Evaluation> {
        evaluate(&self.plan, &self.ledger, query)
    }
}

/// Evaluate `query` on a plan and its figures (a plan alone's, or a
/// workspace member's), its scope checked against the plan, with the
/// ledger's notes and the review text of the as-of year beside it.
pub fn evaluate(plan: &Plan, ledger: &LedgerValues, query: &Query) -> Result<Evaluation> {
    select::check_scope(plan, &query.scope)?;
    select::check_year_begun(plan, query.year)?;
    let mut eval = query.evaluate(plan, &ledger.series);
    progress::remarks::attach(&mut eval, &ledger.remarks);
    if let Some(year) = eval.as_of {
        eval.review = year_review(plan, year)?;
    }
    Ok(eval)
}

/// The plan file named by `--plan` or `$KPI_PLAN`, else found upwards from here.
pub fn plan_path(global: &GlobalArgs) -> Result<PathBuf> {
    let from_env = std::env::var_os("KPI_PLAN")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let given = global.plan.clone().or(from_env);
    let cwd = std::env::current_dir()?;
    plan::find_plan(given.as_deref(), &cwd).map_err(|p| Error::Invalid(Problems(vec![p])))
}

/// The plan alone, with its warnings (`template`, `export`, `import`).
pub fn load_plan(global: &GlobalArgs) -> Result<(Plan, Problems)> {
    check_today()?;
    let path = plan_path(global)?;
    let (plan, warnings) = plan::load(&path).map_err(Error::Invalid)?;
    alone(&plan)?;
    Ok((plan, warnings))
}

/// A plan read alone may not leave a KPI's name to a workspace's
/// indicator: the register that would give it is the workspace's.
fn alone(plan: &Plan) -> Result<()> {
    let problems: Vec<Problem> = plan
        .kpis
        .iter()
        // One that names itself reads its own rows, as any KPI of a plan
        // alone (a plan about to be adopted into a workspace).
        .filter_map(|k| k.indicator.as_ref().map(|l| (k, l)))
        .filter(|(_, l)| !l.name_written)
        .map(|(k, l)| {
            Problem::error(
                crate::problem::Location::line(&plan.path, k.line),
                format!(
                    "KPI {} takes its name from indicator `{}`, a series of a workspace, but no kpi-workspace.toml above this plan lists it as a member",
                    k.id, l.id
                ),
            )
            .hint("add the plan's folder to `members` in the workspace file (or run with --workspace PATH), or remove `indicator`")
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// Load the plan and the ledger; every problem of both, or both with
/// warnings. A pending journal (an import interrupted between its renames)
/// is a warning: the ledger may be half-written.
pub fn load(global: &GlobalArgs) -> Result<Loaded> {
    load_with(global, false)
}

/// `load` for the commands whose verdict a half-written ledger must not
/// pass (`validate`, `check`): a pending journal is an error.
pub fn load_strict(global: &GlobalArgs) -> Result<Loaded> {
    load_with(global, true)
}

pub(crate) fn load_with(global: &GlobalArgs, strict: bool) -> Result<Loaded> {
    let (plan, mut warnings) = load_plan(global)?;
    let pending = ledger::journal::pending_problem(atomic::parent_or_dot(&plan.path)).map(|p| {
        if strict {
            Problem {
                severity: Severity::Error,
                ..p
            }
        } else {
            p
        }
    });
    // A ledger without any problem, the usual case, is read for its values
    // alone; otherwise the full reader says what is wrong and where.
    let ledger = match ledger::read_clean(&plan) {
        Some(figures) => figures,
        None => {
            let (ledger, ledger_warnings) = ledger::read(&plan).map_err(|mut problems| {
                problems.0.extend(pending.clone());
                Error::Invalid(problems)
            })?;
            warnings.extend(ledger_warnings);
            LedgerValues::from(ledger)
        }
    };
    if let Some(pending) = pending {
        if pending.is_error() {
            let mut all = Problems(vec![pending]);
            all.extend(warnings);
            return Err(Error::Invalid(all));
        }
        warnings.push(pending);
    }
    Ok(Loaded {
        plan,
        ledger,
        warnings,
    })
}

/// Refuse an `-o/--output` that would write over what kpi reads: the plan,
/// a ledger file or anything in a ledger folder, the import's journal and
/// lock, however the path is spelled (`crate::output_path`).
pub fn check_output(plan: &Plan, output: Option<&Path>) -> Result<()> {
    let Some(output) = output else {
        return Ok(());
    };
    let state = atomic::parent_or_dot(&plan.path);
    let mut ledger = plan.actuals.clone();
    ledger.push(ledger::journal::path(state));
    ledger.push(state.join(ledger::write::LOCK_NAME));
    crate::output_path::Protected::of_plan(plan, &ledger)
        .check(output)
        .map_err(|refused| Error::Usage(refused.to_string()))
}

/// A `KPI_TODAY` that is no date is refused before any work.
pub fn check_today() -> Result<()> {
    crate::today::today().map(|_| ()).map_err(Error::Usage)
}

/// Leave the plan and ledger to the operating system at the end of a
/// command: freeing a national-scale ledger figure by figure (a million
/// allocations) takes longer than writing the command's output.
pub fn finish(loaded: Loaded) {
    std::mem::forget(loaded);
}

pub fn print_warnings(problems: &Problems) {
    for w in problems.warnings() {
        eprintln!("{w}");
    }
}

/// The style for people: language from `--lang` or the locale; colour from
/// `--color`, `NO_COLOR`, `TERM` and whether stdout is a terminal; ASCII
/// from `--ascii` or `KPI_ASCII` (a yes or no, `environment::flag`); the
/// width from `--width`, the terminal or `COLUMNS` (environment.rs).
pub fn style(global: &GlobalArgs, plan: &Plan) -> Style {
    let lang = lang(global);
    let color = match global.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            let var = |name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
            environment::auto_colour(
                std::io::stdout().is_terminal(),
                var("NO_COLOR").as_deref(),
                var("TERM").as_deref(),
            )
        }
    };
    let width = environment::table_width(
        global.width,
        environment::stdout_terminal_width(),
        std::env::var("COLUMNS").ok().as_deref(),
    );
    Style {
        lang,
        color,
        // KPI_ASCII is read (and a bad value warned about) only without --ascii.
        ascii: global.ascii || environment::ascii(),
        year_style: plan.year_style,
        width,
    }
}

/// The language for people: `--lang`, else the locale.
pub fn lang(global: &GlobalArgs) -> Lang {
    match global.lang {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
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
