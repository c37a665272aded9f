//! `kpi workspace adopt DIR` (workspace.md, "Commands across a workspace"):
//! bring an existing plan folder in as a member. Its own ledger's figures
//! are merged into the root ledger through the import's merge (a figure the
//! root ledger has otherwise is a conflict: every one is listed and nothing
//! is written), its `actuals` line is taken out of its `kpi.toml`, and its
//! folder is added to `members` when no pattern lists it. Everything is
//! checked before the first write: the plan linked with the other members
//! (a KPI id another member's own series or the register already uses is
//! refused, for the user to rename or to give `indicator`), the merge, and
//! the edits of both files.

pub use crate::args::workspace::{AdoptArgs, WorkspaceArgs, WorkspaceCommand};

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ledger::import::merge::{self, Change};
use crate::ledger::import::Figure;
use crate::ledger::{self, edit, recover, write};
use crate::plan::{self, Plan};
use crate::problem::{Location, Problem, Problems};
use crate::settings::Settings;
use crate::workspace::{self, edit as text_edit, Member, Workspace, WORKSPACE_FILE};

pub fn run(global: &Settings, args: &WorkspaceArgs, out: &mut dyn Write) -> Result<i32> {
    match &args.command {
        WorkspaceCommand::Adopt(adopt) => run_adopt(global, &adopt.dir, out),
    }
}

const ACTUALS_GONE: &str =
    "# actuals: the workspace's ledger (kpi-workspace.toml); kpi workspace adopt merged this plan's figures into it";

fn run_adopt(global: &Settings, given: &Path, out: &mut dyn Write) -> Result<i32> {
    crate::scope::check_today()?;
    let plan_path = if given.is_dir() {
        given.join("kpi.toml")
    } else {
        given.to_path_buf()
    };
    if !plan_path.is_file() {
        return Err(invalid(
            &plan_path,
            "no plan here".to_string(),
            "give kpi workspace adopt the folder of an existing plan (its kpi.toml)",
        ));
    }
    let dir = crate::atomic::parent_or_dot(&plan_path).to_path_buf();
    let ws_file = workspace_file(global, &dir)?;
    let (ws, mut warnings) = workspace::open(&ws_file).map_err(Error::Invalid)?;
    let Some(member) = text_edit::member_path(ws.root(), &dir) else {
        return Err(invalid(
            &ws_file,
            format!(
                "{} is not below the workspace's root {}",
                dir.display(),
                ws.root().display()
            ),
            "move the plan's folder below the root (e.g. to plans/NAME), then adopt it",
        ));
    };
    let name = member.rsplit('/').next().unwrap_or(&member).to_string();
    let mut with = ws.clone();
    let was_member = with.member_of(&plan_path).is_some();
    let index = match with.member_of(&plan_path) {
        Some(i) => i,
        None => {
            if let Some(i) = ws.member_named(&name) {
                return Err(invalid(
                    &ws_file,
                    format!(
                        "the workspace already has a member named `{name}` ({}); members are named by their folder",
                        ws.members[i].dir.display()
                    ),
                    "rename the plan's folder, then adopt it",
                ));
            }
            with.members.push(Member {
                name: name.clone(),
                dir: dir.clone(),
                plan: plan_path.clone(),
            });
            with.members.len() - 1
        }
    };

    // The plan as it stands alone, and its own ledger.
    let (own, plan_warnings) = plan::load(&plan_path).map_err(Error::Invalid)?;
    warnings.extend(plan_warnings);
    if let Some(pending) = ledger::journal::pending_problem(&dir) {
        return Err(Error::Invalid(Problems(vec![Problem {
            severity: crate::problem::Severity::Error,
            ..pending
        }])));
    }
    // Every member, the adopted one with no `actuals`, linked.
    let mut plans = read_members(&with, index, &own)?;
    plans[index].actuals_explicit = false;
    let (linked, link_problems) = workspace::link(&with, plans);
    if link_problems.has_errors() {
        let mut all = Problems(vec![Problem::error(
            Location::file(&plan_path),
            format!("{} cannot join the workspace as it is; nothing was written", dir.display()),
        )
        .hint("a KPI id that another member or the register already uses: rename the KPI, or write indicator = \"ID\" to read that series")]);
        all.extend(link_problems.sorted());
        return Err(Error::Invalid(all));
    }
    warnings.extend(link_problems);
    let (own_ledger, ledger_warnings) = ledger::read(&own).map_err(|mut p| {
        p.push(
            Problem::error(
                Location::file(&plan_path),
                "the plan's own ledger has the problems above; nothing was adopted",
            )
            .hint("fix them (kpi validate --plan DIR lists them) and adopt it again"),
        );
        Error::Invalid(p)
    })?;
    warnings.extend(ledger_warnings);

    let series = &linked.series;
    let series_of = &linked.members[index].series_of;

    // The edits of the two files, before anything is written.
    let plan_text = std::fs::read_to_string(&plan_path)?;
    let new_plan =
        if own.actuals_explicit {
            match text_edit::replace_plan_key(&plan_text, "actuals", ACTUALS_GONE) {
                Ok(found) => found,
                Err(text_edit::NotOnItsLine) => return Err(invalid(
                    &plan_path,
                    "cannot take `actuals` out of [plan]: it is not written on a line of its own"
                        .to_string(),
                    "remove actuals from the plan by hand, then adopt it again",
                )),
            }
        } else {
            None
        };
    let listed = text_edit::listed(&ws, &member);
    let new_ws = if listed {
        None
    } else {
        let text = std::fs::read_to_string(&ws_file)?;
        Some(text_edit::add_member(&text, &member).ok_or_else(|| {
            invalid(
                &ws_file,
                "cannot find `members = [...]` in [workspace] to add the plan to".to_string(),
                &format!("add \"{member}\" to members by hand"),
            )
        })?)
    };

    // The root ledger, under the root's lock; an interrupted write finished.
    let root = ws.root().to_path_buf();
    let _lock = write::Lock::acquire(&root).map_err(|p| Error::Invalid(Problems(vec![p])))?;
    let folders = crate::ingest::temporary_folders(series);
    for file in recover::recover(&root, &folders).map_err(Error::Invalid)? {
        eprintln!(
            "note: {}: finished writing it, as an interrupted import had begun to",
            file.display()
        );
    }
    let (root_ledger, root_warnings) = ledger::read(series).map_err(|mut p| {
        p.push(
            Problem::error(
                Location::file(&ws_file),
                "the workspace's ledger has the problems above; nothing was adopted",
            )
            .hint("fix them (kpi validate at the root lists them) and adopt again"),
        );
        Error::Invalid(p)
    })?;
    warnings.extend(root_warnings);

    // The plan's figures, by series, through the import's merge.
    let mut figures: Vec<Figure> = Vec::new();
    for (k, by_year) in own_ledger.series.iter().enumerate() {
        // Alone, the plan keyed its rows by its own KPI ids; here they are
        // the series'. Two KPIs of one series giving one year is refused
        // by the merge, as a pair given twice.
        figures.extend(by_year.iter().map(|(year, actual)| Figure {
            kpi: series_of[k],
            year: *year,
            value: actual.value,
            note: actual.note.clone(),
            source: actual.source.clone(),
            preliminary: actual.preliminary,
            location: actual.location.clone(),
        }));
    }
    let years = workspace::adopt::figure_years(series, &figures);
    let mut merged = merge::merge(series, &root_ledger, figures, false);
    merged.problems = workspace::adopt::without_replace(merged.problems);
    let conflict = merged.problems.has_errors();
    merged.problems.extend(years);
    if merged.problems.has_errors() {
        let mut all = Problems(vec![workspace::adopt::refused(&plan_path, &dir, conflict)]);
        all.extend(merged.problems.clone().sorted());
        return Err(Error::Invalid(all));
    }
    warnings.extend(merged.problems.clone());
    super::print_warnings(&warnings);
    let changes: Vec<_> = merged.changes().collect();
    let files = edit::edits(series, &root_ledger.files, &changes, None).map_err(Error::Invalid)?;

    // The writes: the ledger first, then the plan, then the workspace file;
    // a run stopped between them is finished by adopting again (the figures
    // merged are then the ledger's, unchanged).
    if !files.is_empty() {
        write::commit(&root, &files).map_err(|p| Error::Invalid(Problems(vec![p])))?;
    }
    if let Some(text) = &new_plan {
        crate::atomic::replace_or_say(&plan_path, text.as_bytes())
            .map_err(|p| Error::Invalid(Problems(vec![p])))?;
    }
    if let Some(text) = &new_ws {
        crate::atomic::replace_or_say(&ws_file, text.as_bytes())
            .map_err(|p| Error::Invalid(Problems(vec![p])))?;
    }

    let count = |f: fn(&Change) -> bool| merged.rows.iter().filter(|m| f(&m.change)).count();
    let added = count(|c| matches!(c, Change::Added));
    let unchanged = count(|c| matches!(c, Change::Unchanged));
    let replaced = count(|c| matches!(c, Change::Replaced { .. }));
    let done = if was_member && new_plan.is_none() {
        "is already"
    } else {
        "adopted as"
    };
    writeln!(
        out,
        "{} {done} member {name} of {}",
        dir.display(),
        ws_file.display()
    )?;
    let written: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    writeln!(
        out,
        "figures: {} merged into the workspace's ledger: {added} added, {unchanged} already there, {}{}",
        merged.rows.len(),
        crate::lang::count(
            replaced,
            "preliminary figure made final",
            "preliminary figures made final"
        ),
        if written.is_empty() {
            String::new()
        } else {
            format!(" (wrote {})", written.join(", "))
        }
    )?;
    if new_plan.is_some() {
        writeln!(
            out,
            "removed actuals from {}; its own ledger ({}) is no longer read: remove it once you are satisfied",
            plan_path.display(),
            own.actuals
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    match new_ws {
        Some(_) => writeln!(
            out,
            "added \"{member}\" to members in {}",
            ws_file.display()
        )?,
        None => writeln!(out, "the workspace's members already list \"{member}\"")?,
    }
    Ok(0)
}

/// The workspace the plan joins: `--workspace` or `$KPI_WORKSPACE`, else
/// the nearest `kpi-workspace.toml` above the plan's folder.
fn workspace_file(global: &Settings, dir: &Path) -> Result<PathBuf> {
    let named = global.workspace.clone();
    if let Some(given) = named {
        return Ok(if given.is_dir() {
            given.join(WORKSPACE_FILE)
        } else {
            given
        });
    }
    let absolute = std::path::absolute(dir)?;
    let mut at = absolute.parent();
    while let Some(d) = at {
        let candidate = d.join(WORKSPACE_FILE);
        if candidate.is_file() {
            return Ok(candidate);
        }
        at = d.parent();
    }
    Err(Error::Usage(format!(
        "no {WORKSPACE_FILE} above {}: start a workspace with kpi init --workspace ROOT, or name one with --workspace",
        dir.display()
    )))
}

/// Every member's plan, in order, the adopted one (`index`) as read.
fn read_members(ws: &Workspace, index: usize, own: &Plan) -> Result<Vec<Plan>> {
    let mut problems = Problems::default();
    let mut plans = Vec::with_capacity(ws.members.len());
    for (i, m) in ws.members.iter().enumerate() {
        if i == index {
            plans.push(own.clone());
            continue;
        }
        match plan::load_member(&m.plan) {
            Ok((p, _)) => plans.push(p),
            Err(found) => problems.extend(found),
        }
    }
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    Ok(plans)
}

fn invalid(file: &Path, message: String, hint: &str) -> Error {
    Error::Invalid(Problems(vec![Problem::error(
        Location::file(file),
        message,
    )
    .hint(hint)]))
}
