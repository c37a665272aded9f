//! `kpi validate`: the plan and the ledger, every problem with its place;
//! in a workspace, every member, the register and the ledger, and the
//! checks across plans (workspace.md), all in one run.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::lang::count;
use crate::problem::{Location, Problem, Problems};
use crate::scope;
use crate::settings::Settings;
use crate::workspace::{self, Found, LoadedWorkspace};

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
/// plans): the workspace file, every member and its reviews, the links
/// between them and the ledger, then the checks across plans; every
/// problem in one run, errors first, each with its file and line.
/// `plan`: the plan `--plan` or the current folder names, which must be a
/// member.
fn whole_workspace(
    global: &Settings,
    ws_file: &Path,
    plan: Option<&Path>,
    out: &mut dyn Write,
) -> Result<i32> {
    scope::check_today()?;
    let (workspace, mut problems) = workspace::open_all(ws_file).map_err(Error::Invalid)?;
    if let Some(plan) = plan {
        scope::member_index(&workspace, plan)?;
    }
    if !problems.has_errors() {
        // `-p` names a member (validate reads them all: its rules span plans).
        scope::covered(global, &workspace, None)?;
    }
    let unlisted = workspace::unlisted_plans(&workspace);
    let listed = workspace.members.len();
    let (loaded, load_problems) = workspace::load_all(workspace.clone(), true);
    problems.extend(load_problems);
    for unread in &loaded.unread {
        problems.extend(unread.problems.clone());
    }
    let mut reviews = 0;
    for member in &loaded.members {
        problems.0.extend(crate::plan::shared_names(&member.plan));
        let (read, review_problems) = crate::review::read_all(&member.plan.reviews, &member.plan);
        reviews += read.len();
        problems.extend(review_problems);
        problems.extend(crate::evaluations::check::folder(&member.plan));
    }
    problems.extend(baseline_drift(&loaded));
    problems.extend(workspace::id_clashes(&loaded));
    if loaded.members.len() == listed {
        problems.extend(unused_indicators(&loaded));
    }
    for plan in unlisted {
        let at = workspace
            .file
            .members
            .first()
            .map_or(Location::file(&workspace.file.path), |(_, line)| {
                Location::line(&workspace.file.path, *line)
            });
        problems.push(
            Problem::warning(
                at,
                format!(
                    "{} is a plan under the workspace's root that no members pattern lists: it is read as a plan alone, not on this ledger",
                    plan.display()
                ),
            )
            .hint("add its folder to members, or move it out of the workspace"),
        );
    }
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

/// Baseline drift (workspace.md, "Baselines are pinned"): a member's
/// pinned baseline that differs from the ledger's final figure for its
/// series and year, or from another member's baseline for the same series
/// and year. Warnings: a baseline is the number a plan published.
fn baseline_drift(loaded: &LoadedWorkspace) -> Problems {
    let mut problems = Problems::default();
    let mut ledger_rows: Option<crate::ledger::Ledger> = None;
    for (s, users) in loaded.users.iter().enumerate() {
        let series_id = &loaded.series.kpis[s].id;
        let mut first_at_year: Vec<(crate::year::FiscalYear, usize, usize)> = Vec::new();
        for &(m, k) in users {
            let member = &loaded.members[m];
            let plan = &member.plan;
            let kpi = &plan.kpis[k];
            let (year, value) = (kpi.baseline.year, kpi.baseline.value);
            let label = year.label(plan.year_style);
            // Read from the plan file only for a warning.
            let here = || baseline_location(&plan.path, kpi.line);
            let preliminary = loaded
                .ledger
                .remarks
                .get(&(s, year))
                .is_some_and(|r| r.preliminary);
            match loaded.ledger.series[s].get(&year) {
                Some(&figure) if !preliminary && figure != value => {
                    let rows = ledger_rows.get_or_insert_with(|| {
                        crate::ledger::read(&loaded.series)
                            .map(|(l, _)| l)
                            .unwrap_or_else(|_| {
                                crate::ledger::Ledger::empty(loaded.series.kpis.len())
                            })
                    });
                    let row = rows.series[s]
                        .get(&year)
                        .map_or(String::new(), |a| format!(" ({})", a.location));
                    problems.push(
                        Problem::warning(
                            here(),
                            format!(
                                "baseline drift: KPI {} pins its baseline at {value} for {label}, but the ledger's final figure for series `{series_id}` in {label} is {figure}{row}",
                                kpi.id
                            ),
                        )
                        .hint("a baseline is the figure the plan published and stays pinned; if the plan published another number, correct the baseline, else leave it (the ledger's figure was revised)"),
                    );
                }
                _ => {}
            }
            match first_at_year.iter().find(|(y, _, _)| *y == year) {
                Some(&(_, om, ok)) => {
                    let other_plan = &loaded.members[om].plan;
                    let other = &other_plan.kpis[ok];
                    if other.baseline.value != value {
                        problems.push(
                            Problem::warning(
                                here(),
                                format!(
                                    "baseline drift: KPI {} pins its baseline at {value} for {label}, but KPI {} of member {} pins {} for the same series `{series_id}` and year ({}, line {})",
                                    kpi.id,
                                    other.id,
                                    loaded.members[om].name,
                                    other.baseline.value,
                                    other_plan.path.display(),
                                    other.line
                                ),
                            )
                            .hint("two plans read one series: the same year's figure should be the same baseline; correct the one that was not published"),
                        );
                    }
                }
                None => first_at_year.push((year, m, k)),
            }
        }
    }
    problems
}

/// The line of `baseline` in the KPI block starting at `kpi_line`, else
/// the block's own line.
fn baseline_location(plan: &Path, kpi_line: usize) -> Location {
    let text = std::fs::read_to_string(plan).unwrap_or_default();
    let found = text
        .lines()
        .enumerate()
        .skip(kpi_line)
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix("baseline")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
    Location::line(plan, found.map_or(kpi_line, |(i, _)| i + 1))
}

/// A registered indicator that no member's KPI reads.
fn unused_indicators(loaded: &LoadedWorkspace) -> Problems {
    let file = &loaded.workspace.file;
    let mut problems = Problems::default();
    for (i, indicator) in file.indicators.iter().enumerate() {
        let twice = file.indicators[..i].iter().any(|o| o.id == indicator.id);
        if twice || loaded.registered.contains(&Some(i)) {
            continue;
        }
        problems.push(
            Problem::warning(
                Location::line(&file.path, indicator.line),
                format!(
                    "indicator `{}` is registered, but no member's KPI reads it",
                    indicator.id
                ),
            )
            .hint(format!(
                "write indicator = \"{}\" in the KPIs that measure it, or remove the [[indicator]]",
                indicator.id
            )),
        );
    }
    problems
}
