//! The checks of a workspace that only `kpi validate` makes, across its
//! plans (workspace.md): every problem of the whole workspace gathered in
//! one run, baseline drift, registered indicators no KPI reads, and plans
//! under the root that no members pattern lists. Not a command: what is
//! said is `cmd::validate`'s.

use std::path::Path;

use crate::error::{Error, Result};
use crate::problem::{Location, Problem, Problems};
use crate::scope;
use crate::settings::Settings;
use crate::workspace::{self, LoadedWorkspace};

/// Every problem of a workspace, whole (`kpi validate`): the workspace
/// file, every member and its reviews, the links between them and the
/// ledger, then the checks across plans; `plan`, if given, must be a
/// member. With the workspace read and the number of review files.
pub fn every_problem(
    global: &Settings,
    ws_file: &Path,
    plan: Option<&Path>,
) -> Result<(LoadedWorkspace, Problems, usize)> {
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
    Ok((loaded, problems, reviews))
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
