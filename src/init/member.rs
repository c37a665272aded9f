//! Starting plans in workspaces: `kpi init --workspace DIR` starts one (a
//! commented `kpi-workspace.toml` and an empty `ledger/`); a plan started
//! inside one is a member, with no `actuals`, and its folder is added to
//! `members` when no pattern lists it yet.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::problem::{Location, Problem, Problems};
use crate::workspace::{self, edit, WORKSPACE_FILE};

/// The commented workspace file `kpi init --workspace` writes.
pub const BLANK_WORKSPACE: &str = include_str!("workspace.toml");

/// `kpi init --workspace DIR`: the workspace file and an empty `ledger/`;
/// the file written, or nothing left on a failure.
pub fn create_workspace(dir: &Path) -> Result<PathBuf> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: that is a file, not a folder; kpi init --workspace creates a workspace in a folder: name a new or empty one",
            dir.display()
        )));
    }
    let file = dir.join(WORKSPACE_FILE);
    if file.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; kpi init never overwrites: choose another folder or remove it",
            file.display()
        )));
    }
    if let Some(outer) = std::path::absolute(dir)
        .ok()
        .and_then(|d| nearest_workspace_above(&d))
    {
        return Err(Error::Usage(format!(
            "{} is inside the workspace of {}; workspaces do not nest: start a member there with kpi init instead",
            dir.display(),
            outer.display()
        )));
    }
    let mut created: Vec<PathBuf> = Vec::new();
    let result = (|| -> Result<()> {
        super::create_folders(&dir.join("ledger"), &mut created)?;
        let keep = dir.join("ledger").join(".gitkeep");
        super::write_new(&keep, "")?;
        created.push(keep);
        super::write_new(&file, BLANK_WORKSPACE)?;
        created.push(file.clone());
        Ok(())
    })();
    if let Err(e) = result {
        super::undo(&created);
        return Err(e);
    }
    Ok(file)
}

/// A new member joining its workspace: the workspace file, and its new
/// text when the member's folder must be added to `members`.
#[derive(Debug)]
pub struct Joining {
    pub file: PathBuf,
    /// The folder relative to the root, as `members` writes it.
    pub member: String,
    /// The workspace file with the member added; `None` when a pattern
    /// lists it already.
    pub new_text: Option<String>,
    workspace: workspace::Workspace,
    dir: PathBuf,
    /// What `member_text` renamed, said by `kpi init`.
    renamed: std::cell::RefCell<Vec<(String, String)>>,
}

impl Joining {
    /// The new plan's text as a member's (`as_member`), checked against the
    /// other members before anything is written (issue 24, item 13). The
    /// blank plan's (`template`) example KPI ids are numbered apart from the
    /// ids in use (`goal-rate-2`): a template is to be edited, and a second
    /// `kpi init` must not leave the workspace unloadable. Ids the user
    /// chose (a sheet's) are never changed: a clash is refused at its line.
    pub fn member_text(&self, text: &str, template: bool) -> Result<String> {
        let mut text = as_member(text);
        if template {
            let taken = workspace::join::taken_ids(&self.workspace);
            let (numbered, renamed) = workspace::join::number_apart(&text, &taken);
            text = numbered;
            *self.renamed.borrow_mut() = renamed;
        }
        let name = self.member.rsplit('/').next().unwrap_or(&self.member);
        let found = workspace::join::check(&self.workspace, &self.dir, name, &text);
        if found.has_errors() {
            let mut all = Problems(vec![Problem::error(
                Location::file(&self.dir.join("kpi.toml")),
                format!(
                    "{} cannot join the workspace {} as it is (the lines below are of the kpi.toml it would write); nothing was written",
                    self.dir.display(),
                    self.file.display()
                ),
            )
            .hint("rename each KPI below in the sheet (or write indicator = \"ID\" in the plan afterwards to read that series), then run kpi init again")]);
            all.extend(found.sorted());
            return Err(Error::Invalid(all));
        }
        Ok(text)
    }

    /// Write the workspace file, if it changes.
    pub fn write(&self) -> Result<()> {
        match &self.new_text {
            Some(text) => crate::atomic::replace_or_say(&self.file, text.as_bytes())
                .map_err(|p| Error::Invalid(Problems(vec![p]))),
            None => Ok(()),
        }
    }

    /// The example KPIs `member_text` renamed, as (old, new).
    pub fn renamed(&self) -> Vec<(String, String)> {
        self.renamed.borrow().clone()
    }
}

/// Whether a plan created in `dir` joins a workspace: the one `--workspace`
/// names, else the nearest `kpi-workspace.toml` above `dir`. `None`: no
/// workspace, a plan alone as always.
pub fn joining(named: Option<&Path>, dir: &Path) -> Result<Option<Joining>> {
    let file = match named {
        Some(given) if given.is_dir() => given.join(WORKSPACE_FILE),
        Some(given) => given.to_path_buf(),
        None => {
            let absolute = std::path::absolute(dir)?;
            match nearest_workspace_above(&absolute)
                .or_else(|| Some(absolute.join(WORKSPACE_FILE)).filter(|f| f.is_file()))
            {
                Some(file) => file,
                None => return Ok(None),
            }
        }
    };
    let (ws, _) = workspace::open_creating(&file).map_err(Error::Invalid)?;
    let Some(member) = edit::member_path(ws.root(), dir) else {
        return Err(refused(
            &file,
            format!(
                "{} is not a folder below the workspace's root {}",
                dir.display(),
                ws.root().display()
            ),
            "a member lives below the root, e.g. plans/NAME: create it there",
        ));
    };
    let name = member.rsplit('/').next().unwrap_or(&member).to_string();
    if let Some(i) = ws.member_named(&name) {
        return Err(refused(
            &file,
            format!(
                "the workspace already has a member named `{name}` ({}); members are named by their folder",
                ws.members[i].dir.display()
            ),
            "choose another folder name",
        ));
    }
    let new_text = if edit::listed(&ws, &member) {
        None
    } else {
        let text = std::fs::read_to_string(&file)?;
        Some(edit::add_member(&text, &member).ok_or_else(|| {
            refused(
                &file,
                "cannot find `members = [...]` in [workspace] to add the new member to".to_string(),
                &format!("add \"{member}\" to members by hand"),
            )
        })?)
    };
    Ok(Some(Joining {
        file,
        member,
        new_text,
        workspace: ws,
        dir: dir.to_path_buf(),
        renamed: Default::default(),
    }))
}

fn refused(file: &Path, message: String, hint: &str) -> Error {
    Error::Invalid(Problems(vec![Problem::error(
        Location::file(file),
        message,
    )
    .hint(hint)]))
}

/// The nearest workspace file in a folder above `dir` (not in `dir` itself).
fn nearest_workspace_above(dir: &Path) -> Option<PathBuf> {
    let mut at = dir.parent();
    while let Some(d) = at {
        let candidate = d.join(WORKSPACE_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        at = d.parent();
    }
    None
}

/// A plan's text as a member's: `actuals` and `fiscal_year_start` of
/// `[plan]` are the workspace's, so their lines become comments saying so.
pub fn as_member(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_plan = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_plan = trimmed.starts_with("[plan]");
        }
        let key = |k: &str| {
            trimmed
                .strip_prefix(k)
                .is_some_and(|r| r.trim_start().starts_with('='))
        };
        if in_plan && key("actuals") {
            out.push_str(
                "# actuals: none; a member's figures are the workspace's ledger (kpi-workspace.toml)\n",
            );
        } else if in_plan && key("fiscal_year_start") {
            out.push_str("# fiscal_year_start: the workspace's (kpi-workspace.toml)\n");
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blank_workspace_reads_and_the_blank_member_plan_validates() {
        let (file, warnings) =
            workspace::file::parse(Path::new(WORKSPACE_FILE), BLANK_WORKSPACE.as_bytes()).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(file.members, [("plans/*".to_string(), 7)]);
        assert_eq!(file.fiscal_year_start, 4);
        assert!(file.indicators.is_empty());
        let member = as_member(super::super::BLANK_PLAN);
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &member).unwrap();
        assert!(!plan.actuals_explicit && !plan.fiscal_year_explicit);
    }
}
