//! One module per subcommand; this one holds what they share: finding and
//! loading the plan and ledger, choosing the output style, selecting KPIs.

pub mod check;
pub mod export;
pub mod gap;
pub mod import;
pub mod init;
pub mod missing;
pub mod record;
pub mod report;
pub mod show;
pub mod status;
pub mod template;
pub mod validate;

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::{ColorArg, GlobalArgs, LangArg, Scope, Selection};
use crate::environment;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::ledger::{self, LedgerValues};
use crate::plan::{self, Plan};
use crate::problem::Problems;
use crate::progress::{self, Evaluation, Query, Series, StatusFilter};
use crate::render::Style;
use crate::status::Status;
use crate::year::FiscalYear;

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

/// Load the plan and the ledger; every problem of both, or both with warnings.
pub fn load(global: &GlobalArgs) -> Result<Loaded> {
    let path = plan_path(global)?;
    let (plan, mut warnings) = plan::load(&path).map_err(Error::Invalid)?;
    // A ledger without any problem, the usual case, is read for its values
    // alone; otherwise the full reader says what is wrong and where.
    let ledger = match ledger::read_clean(&plan) {
        Some(figures) => figures,
        None => {
            let (ledger, ledger_warnings) = ledger::read(&plan).map_err(Error::Invalid)?;
            warnings.extend(ledger_warnings);
            LedgerValues::from(ledger)
        }
    };
    Ok(Loaded {
        plan,
        ledger,
        warnings,
    })
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
/// from `--ascii` or `KPI_ASCII` (a yes or no, `environment::flag`).
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
    Style {
        lang,
        color,
        // KPI_ASCII is read (and a bad value warned about) only without --ascii.
        ascii: global.ascii || environment::ascii(),
        year_style: plan.year_style,
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

pub fn parse_year(text: &str) -> Result<FiscalYear> {
    FiscalYear::parse(text).map_err(|e| Error::Usage(format!("--year: {e}")))
}

/// `--status` (or `--fail-on`) names: status names, and `stale` for stale KPIs.
pub fn status_filter(flag: &str, names: &[String]) -> Result<StatusFilter> {
    let mut f = StatusFilter::default();
    let mut unknown = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if name == "stale" {
            f.stale = true;
        } else if let Ok(st) = name.parse::<Status>() {
            f.statuses.push(st);
        } else {
            unknown.push(format!("`{name}`"));
        }
    }
    if !unknown.is_empty() {
        // Every unknown name at once, so one fix is enough.
        let known: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
        return Err(Error::Usage(format!(
            "{flag}: unknown status {}; write a comma list of {}, or stale",
            unknown.join(", "),
            known.join(", ")
        )));
    }
    Ok(f)
}

/// Refuse a `--goal`, `--measure` or `--owner` the plan does not have.
pub fn check_scope(plan: &Plan, sel: &progress::Scope) -> Result<()> {
    if let Some(g) = &sel.goal {
        if plan.goal(g).is_none() {
            let known: Vec<&str> = plan.goals.iter().map(|g| g.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--goal: the plan has no goal \"{g}\"; its goals are: {}",
                known.join(", ")
            )));
        }
    }
    if let Some(m) = &sel.measure {
        if plan.measure(m).is_none() {
            let known: Vec<&str> = plan.measures.iter().map(|m| m.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--measure: the plan has no measure \"{m}\"; its measures are: {}",
                known.join(", ")
            )));
        }
    }
    if let Some(o) = &sel.owner {
        if !plan
            .kpis
            .iter()
            .any(|k| k.owner.as_deref() == Some(o.as_str()))
        {
            let mut known: Vec<&str> = plan
                .kpis
                .iter()
                .filter_map(|k| k.owner.as_deref())
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err(Error::Usage(format!(
                "--owner: no KPI is owned by \"{o}\"; the owners are: {}",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// The KPIs `scope` keeps, in plan order, once it is checked against the plan.
pub fn select_kpis(plan: &Plan, scope: &progress::Scope) -> Result<Vec<usize>> {
    check_scope(plan, scope)?;
    Ok(scope.kpis(plan))
}

/// The query `sel` asks: its year, scope and status filter (checked).
pub fn query(sel: &Selection) -> Result<Query> {
    let year = sel.year.as_deref().map(parse_year).transpose()?;
    let statuses = status_filter("--status", &sel.status)?;
    Ok(Query {
        year,
        scope: scope(sel),
        statuses,
        ..Query::default()
    })
}

/// The KPIs `--goal`, `--measure` and `--owner` name, for evaluation.
pub fn scope(sel: &Scope) -> progress::Scope {
    progress::Scope {
        goal: sel.goal.clone(),
        measure: sel.measure.clone(),
        owner: sel.owner.clone(),
    }
}

/// Evaluate `query` once its scope is checked against the plan.
pub fn evaluate(loaded: &Loaded, query: &Query) -> Result<Evaluation> {
    check_scope(&loaded.plan, &query.scope)?;
    Ok(query.evaluate(&loaded.plan, loaded.series()))
}
