//! `kpi validate`: the plan and the ledger, every problem with its place;
//! in a workspace, every member, the register and the ledger, and the
//! checks across plans (workspace.md), all in one run.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::lang::count;
use crate::problem::{Problem, Problems};
use crate::scope;
use crate::settings::Settings;
use crate::workspace::{self, Found};

pub fn run(global: &Settings, out: &mut dyn Write) -> Result<i32> {
    match scope::find(global)? {
        Found::Plan(path) => plan_alone(&path, out),
        Found::Member { workspace, plan } => whole_workspace(global, &workspace, Some(&plan), out),
        Found::Root(workspace) => whole_workspace(global, &workspace, None, out),
    }
}

/// A plan with no workspace: as always.
fn plan_alone(path: &Path, out: &mut dyn Write) -> Result<i32> {
    let (loaded, mut warnings) = scope::read_alone(path, scope::Reads::LedgerStrict)?;
    // Only validate warns of KPIs that share a name (import and record
    // refuse the name itself); every other command would repeat it.
    warnings.0.extend(crate::plan::shared_names(&loaded.plan));
    let plan = &loaded.plan;
    // A figure in a year that is not due (evaluation-cycle.md §1): the
    // ledger is read again in full only to say where each one is.
    let off = crate::schedule::check::off_schedule(plan, &loaded.ledger.series);
    if !off.is_empty() {
        if let Ok((ledger, _)) = crate::ledger::read(plan) {
            warnings
                .0
                .extend(crate::schedule::check::warnings(plan, &off, &ledger));
        }
    }
    // Every review file is checked too (plan-format.md, "Yearly reviews").
    let (reviews, mut review_problems) = crate::review::read_all(&plan.reviews, plan);
    // And every published evaluation (evaluation-cycle.md §5).
    review_problems.extend(crate::evaluations::check::folder(plan));
    if review_problems.has_errors() {
        super::print_warnings(&warnings);
        return Err(Error::Invalid(review_problems));
    }
    super::print_warnings(&warnings);
    super::print_warnings(&review_problems);
    let warnings = warnings.warnings().count() + review_problems.warnings().count();
    let reviewed = if reviews.is_empty() {
        String::new()
    } else {
        format!("; reviews: {}", count(reviews.len(), "file", "files"))
    };
    writeln!(
        out,
        "ok: {}: {}, {}, {}; ledger: {}, {}{reviewed}; {}",
        plan.path.display(),
        count(plan.goals.len(), "goal", "goals"),
        count(plan.measures.len(), "measure", "measures"),
        count(plan.kpis.len(), "KPI", "KPIs"),
        count(loaded.ledger.files.len(), "file", "files"),
        count(loaded.ledger.figure_count(), "figure", "figures"),
        count(warnings, "warning", "warnings"),
    )?;
    super::finish(loaded);
    Ok(0)
}

/// A workspace, whole wherever it is run from (its rules are across
/// plans): every problem in one run (`cross_plan::every_problem`), errors
/// first, each with its file and line. `plan`: the plan `--plan` or the
/// current folder names, which must be a member.
fn whole_workspace(
    global: &Settings,
    ws_file: &Path,
    plan: Option<&Path>,
    out: &mut dyn Write,
) -> Result<i32> {
    let (loaded, problems, reviews) = crate::cross_plan::every_problem(global, ws_file, plan)?;
    let (errors, warnings): (Vec<Problem>, Vec<Problem>) =
        problems.0.into_iter().partition(Problem::is_error);
    let warnings = Problems(warnings).sorted();
    if !errors.is_empty() {
        let mut all = Problems(errors).sorted();
        all.extend(warnings);
        return Err(Error::Invalid(workspace::unmatched_first(ws_file, all)));
    }
    super::print_warnings(&warnings);
    let registered = loaded.registered.iter().flatten().count();
    let kpis: usize = loaded.members.iter().map(|m| m.plan.kpis.len()).sum();
    let reviewed = if reviews == 0 {
        String::new()
    } else {
        format!("; reviews: {}", count(reviews, "file", "files"))
    };
    writeln!(
        out,
        "ok: {}: {}, {}, {} ({} registered); ledger: {}, {}{reviewed}; {}",
        loaded.workspace.file.path.display(),
        count(loaded.members.len(), "member", "members"),
        count(kpis, "KPI", "KPIs"),
        count(loaded.series.kpis.len(), "series", "series"),
        registered,
        count(loaded.ledger.files.len(), "file", "files"),
        count(loaded.ledger.figure_count(), "figure", "figures"),
        count(warnings.0.len(), "warning", "warnings"),
    )?;
    // Left to the operating system, as a plan alone is (`super::finish`).
    super::finish(loaded);
    Ok(0)
}
