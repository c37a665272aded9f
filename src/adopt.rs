//! Bringing an existing plan folder into a workspace as a member (`kpi
//! workspace adopt DIR`, workspace.md "Commands across a workspace"). Its
//! own ledger's figures are merged into the root ledger through the
//! import's merge (a figure the root ledger has otherwise is a conflict:
//! every one is listed and nothing is written), its `actuals` line is taken
//! out of its `kpi.toml`, and its folder is added to `members` when no
//! pattern lists it. Everything is checked before the first write: the plan
//! linked with the other members (a KPI id another member's own series or
//! the register already uses is refused, for the user to rename or to give
//! `indicator`), the merge, and the edits of both files. Not a command:
//! what is said on stdout is `cmd::workspace`'s (as `ingest` for import).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ledger::import::merge::{self, Change};
use crate::ledger::import::Figure;
use crate::ledger::{self, edit, recover, write};
use crate::plan::{self, Plan};
use crate::problem::{Location, Problem, Problems};
use crate::workspace::{self, edit as text_edit, Member, Workspace, WORKSPACE_FILE};

/// What `adopt` did, for the command to say.
pub struct Adopted {
    pub dir: PathBuf,
    pub name: String,
    pub ws_file: PathBuf,
    pub plan_path: PathBuf,
    /// The folder as `members` writes it.
    pub member: String,
    /// Already a member before, and nothing of the plan changed.
    pub already: bool,
    /// `actuals` taken out of the plan: the plan's own ledger files.
    pub actuals_removed: Option<Vec<PathBuf>>,
    /// The folder added to `members`.
    pub added_to_members: bool,
    /// Figures merged: all, added, already there, preliminary made final.
    pub figures: usize,
    pub added: usize,
    pub unchanged: usize,
    pub replaced: usize,
    /// The ledger files written.
    pub written: Vec<PathBuf>,
}

const ACTUALS_GONE: &str =
    "# actuals: the workspace's ledger (kpi-workspace.toml); kpi workspace adopt merged this plan's figures into it";

/// Adopt the plan `given` (its folder or its `kpi.toml`) into the workspace
/// `named` (`--workspace`, `$KPI_WORKSPACE`), else the nearest above it.
pub fn adopt(named: Option<&Path>, given: &Path) -> Result<Adopted> {
    let mut at = locate(named, given)?;
    let mut warnings = std::mem::take(&mut at.warnings);

    // The plan as it stands alone, and its own ledger.
    let (own, plan_warnings) = plan::load(&at.plan_path).map_err(Error::Invalid)?;
    warnings.extend(plan_warnings);
    if let Some(pending) = ledger::journal::pending_problem(&at.dir) {
        return Err(Error::Invalid(Problems(vec![Problem {
            severity: crate::problem::Severity::Error,
            ..pending
        }])));
    }
    // Every member, the adopted one with no `actuals`, linked.
    let mut plans = read_members(&at.with, at.index, &own)?;
    plans[at.index].actuals_explicit = false;
    let (linked, link_problems) = workspace::link(&at.with, plans);
    if link_problems.has_errors() {
        let mut all = Problems(vec![Problem::error(
            Location::file(&at.plan_path),
            format!("{} cannot join the workspace as it is; nothing was written", at.dir.display()),
        )
        .hint("a KPI id that another member or the register already uses: rename the KPI, or write indicator = \"ID\" to read that series")]);
        all.extend(link_problems.sorted());
        return Err(Error::Invalid(all));
    }
    warnings.extend(link_problems);
    let (own_ledger, ledger_warnings) = ledger::read(&own).map_err(|mut p| {
        p.push(
            Problem::error(
                Location::file(&at.plan_path),
                "the plan's own ledger has the problems above; nothing was adopted",
            )
            .hint("fix them (kpi validate --plan DIR lists them) and adopt it again"),
        );
        Error::Invalid(p)
    })?;
    warnings.extend(ledger_warnings);

    let series = &linked.series;
    let series_of = &linked.members[at.index].series_of;

    // The edits of the two files, before anything is written.
    let (new_plan, new_ws) = file_edits(&own, &at.ws, &at.plan_path, &at.ws_file, &at.member)?;

    // The root ledger, under the root's lock; an interrupted write finished.
    let root = at.ws.root().to_path_buf();
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
                Location::file(&at.ws_file),
                "the workspace's ledger has the problems above; nothing was adopted",
            )
            .hint("fix them (kpi validate at the root lists them) and adopt again"),
        );
        Error::Invalid(p)
    })?;
    warnings.extend(root_warnings);

    // The plan's figures, by series, through the import's merge.
    let figures = by_series(&own_ledger, series_of);
    let years = workspace::adopt::figure_years(series, &figures);
    let mut merged = merge::merge(series, &root_ledger, figures, false);
    merged.problems = workspace::adopt::without_replace(merged.problems);
    let conflict = merged.problems.has_errors();
    merged.problems.extend(years);
    if merged.problems.has_errors() {
        let mut all = Problems(vec![workspace::adopt::refused(
            &at.plan_path,
            &at.dir,
            conflict,
        )]);
        all.extend(merged.problems.clone().sorted());
        return Err(Error::Invalid(all));
    }
    warnings.extend(merged.problems.clone());
    for w in warnings.warnings() {
        eprintln!("{w}");
    }
    let changes: Vec<_> = merged.changes().collect();
    let files = edit::edits(series, &root_ledger.files, &changes, None).map_err(Error::Invalid)?;

    // The writes: the ledger first, then the plan, then the workspace file;
    // a run stopped between them is finished by adopting again (the figures
    // merged are then the ledger's, unchanged).
    if !files.is_empty() {
        write::commit(&root, &files).map_err(|p| Error::Invalid(Problems(vec![p])))?;
    }
    for (path, text) in [(&at.plan_path, &new_plan), (&at.ws_file, &new_ws)] {
        if let Some(text) = text {
            crate::atomic::replace_or_say(path, text.as_bytes())
                .map_err(|p| Error::Invalid(Problems(vec![p])))?;
        }
    }

    let count = |f: fn(&Change) -> bool| merged.rows.iter().filter(|m| f(&m.change)).count();
    Ok(Adopted {
        already: at.was_member && new_plan.is_none(),
        actuals_removed: new_plan.map(|_| own.actuals.clone()),
        added_to_members: new_ws.is_some(),
        figures: merged.rows.len(),
        added: count(|c| matches!(c, Change::Added)),
        unchanged: count(|c| matches!(c, Change::Unchanged)),
        replaced: count(|c| matches!(c, Change::Replaced { .. })),
        written: files.into_iter().map(|(p, _)| p).collect(),
        dir: at.dir,
        name: at.name,
        ws_file: at.ws_file,
        plan_path: at.plan_path,
        member: at.member,
    })
}

/// Where the plan and its workspace are, and the workspace with the plan
/// as a member (`with`, the plan at `index`).
struct Place {
    plan_path: PathBuf,
    dir: PathBuf,
    ws_file: PathBuf,
    ws: Workspace,
    with: Workspace,
    member: String,
    name: String,
    index: usize,
    was_member: bool,
    warnings: Problems,
}

fn locate(named: Option<&Path>, given: &Path) -> Result<Place> {
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
    let ws_file = workspace_file(named, &dir)?;
    let (ws, warnings) = workspace::open(&ws_file).map_err(Error::Invalid)?;
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
    Ok(Place {
        plan_path,
        dir,
        ws_file,
        ws,
        with,
        member,
        name,
        index,
        was_member,
        warnings,
    })
}

/// The plan's text without `actuals` (if it gives it) and the workspace
/// file's with the member added (if no pattern lists it).
fn file_edits(
    own: &Plan,
    ws: &Workspace,
    plan_path: &Path,
    ws_file: &Path,
    member: &str,
) -> Result<(Option<String>, Option<String>)> {
    let plan_text = std::fs::read_to_string(plan_path)?;
    let new_plan =
        if own.actuals_explicit {
            match text_edit::replace_plan_key(&plan_text, "actuals", ACTUALS_GONE) {
                Ok(found) => found,
                Err(text_edit::NotOnItsLine) => return Err(invalid(
                    plan_path,
                    "cannot take `actuals` out of [plan]: it is not written on a line of its own"
                        .to_string(),
                    "remove actuals from the plan by hand, then adopt it again",
                )),
            }
        } else {
            None
        };
    let listed = text_edit::listed(ws, member);
    let new_ws = if listed {
        None
    } else {
        let text = std::fs::read_to_string(ws_file)?;
        Some(text_edit::add_member(&text, member).ok_or_else(|| {
            invalid(
                ws_file,
                "cannot find `members = [...]` in [workspace] to add the plan to".to_string(),
                &format!("add \"{member}\" to members by hand"),
            )
        })?)
    };
    Ok((new_plan, new_ws))
}

/// The plan's own figures, keyed by the series its KPIs read.
fn by_series(own: &ledger::Ledger, series_of: &[usize]) -> Vec<Figure> {
    let mut figures: Vec<Figure> = Vec::new();
    for (k, by_year) in own.series.iter().enumerate() {
        // Alone, the plan keyed its rows by its own KPI ids; here they are
        // the series'. Two KPIs of one series giving one year is refused
        // by the merge, as a pair given twice.
        figures.extend(
            by_year
                .iter()
                .map(|(&year, actual)| Figure::of_actual(series_of[k], year, actual, None)),
        );
    }
    // Category figures carry over as they are: the series takes the
    // KPI's breakdowns, so their keys are the same.
    for (&k, by_key) in &own.categories {
        figures.extend(by_key.iter().map(|((year, key), actual)| {
            Figure::of_actual(series_of[k], *year, actual, Some(key.clone()))
        }));
    }
    figures
}

/// The workspace the plan joins: `--workspace` or `$KPI_WORKSPACE`, else
/// the nearest `kpi-workspace.toml` above the plan's folder.
fn workspace_file(named: Option<&Path>, dir: &Path) -> Result<PathBuf> {
    if let Some(given) = named.map(Path::to_path_buf) {
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
