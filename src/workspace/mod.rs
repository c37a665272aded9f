//! Workspaces (workspace.md): several plans, their members, on one ledger
//! keyed by series. `find` says where a command stands (a plan alone, a
//! member, or a workspace's root); `open` reads the workspace file and
//! finds its members; `link` joins the members' KPIs to their series and
//! checks the rules across plans; `load` reads every member and the one
//! ledger, and gives each member its figures as a plan alone would see them.

pub mod edit;
pub mod file;
mod link;
mod load;

use std::path::{Path, PathBuf};

pub use file::{Indicator, WorkspaceFile, WORKSPACE_FILE};
pub use link::{ledger_plan, link, Linked, MemberPlan};
pub use load::{link_members, load, load_all, LoadedMember, LoadedWorkspace};

use crate::plan::find_plan;
use crate::problem::{Location, Problem, Problems};

const PLAN_FILE: &str = "kpi.toml";

/// A workspace file and its members, found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub file: WorkspaceFile,
    /// In the order their patterns list them, each pattern's matches sorted.
    pub members: Vec<Member>,
    /// `default_members`, as indexes into `members`.
    pub defaults: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The folder's name: what `-p` takes and what tables print.
    pub name: String,
    pub dir: PathBuf,
    pub plan: PathBuf,
}

impl Workspace {
    pub fn root(&self) -> &Path {
        self.file.root()
    }

    pub fn member_named(&self, name: &str) -> Option<usize> {
        self.members.iter().position(|m| m.name == name)
    }

    /// The member whose plan is `plan`, comparing the files themselves.
    pub fn member_of(&self, plan: &Path) -> Option<usize> {
        let wanted = std::fs::canonicalize(plan).ok()?;
        self.members
            .iter()
            .position(|m| std::fs::canonicalize(&m.plan).ok().as_ref() == Some(&wanted))
    }

    pub fn names(&self) -> Vec<&str> {
        self.members.iter().map(|m| m.name.as_str()).collect()
    }
}

/// Where a command stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A plan with no workspace that lists it: today's behaviour.
    Plan(PathBuf),
    /// A member's plan, in the workspace of this file.
    Member { workspace: PathBuf, plan: PathBuf },
    /// A workspace's root (its file), in no member.
    Root(PathBuf),
}

/// Find where a command stands (workspace.md, "Finding it"): `workspace`
/// (`--workspace` or `$KPI_WORKSPACE`) names a workspace; else `plan`
/// (`--plan` or `$KPI_PLAN`) or the nearest `kpi.toml` upward from `cwd`,
/// then the nearest `kpi-workspace.toml` upward that lists it; else the
/// nearest workspace file upward from `cwd`, as its root.
pub fn find(plan: Option<&Path>, workspace: Option<&Path>, cwd: &Path) -> Result<Found, Problems> {
    if let Some(given) = workspace {
        let file = if given.is_dir() {
            given.join(WORKSPACE_FILE)
        } else {
            given.to_path_buf()
        };
        if !file.is_file() {
            return Err(one(Problem::error(Location::file(&file), "no workspace file here").hint(
                "give --workspace the path of a kpi-workspace.toml or of the folder holding one (or set KPI_WORKSPACE)",
            )));
        }
        return Ok(match plan {
            Some(p) => Found::Member {
                workspace: file,
                plan: find_plan(Some(p), cwd).map_err(one)?,
            },
            None => Found::Root(file),
        });
    }
    if let Some(given) = plan {
        // `--plan` naming a workspace's root (or its file) stands there.
        let ws_file = if given.is_dir() {
            given.join(WORKSPACE_FILE)
        } else {
            given.to_path_buf()
        };
        let is_ws_file = ws_file.file_name().is_some_and(|n| n == WORKSPACE_FILE);
        if is_ws_file && ws_file.is_file() && !(given.is_dir() && given.join(PLAN_FILE).is_file()) {
            return Ok(Found::Root(ws_file));
        }
        let plan = find_plan(Some(given), cwd).map_err(one)?;
        return membership(plan);
    }
    // Upward from here: the first folder with a plan or a workspace file.
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        if d.join(PLAN_FILE).exists() {
            let plan = find_plan(None, d).map_err(one)?;
            return membership(plan);
        }
        if d.join(WORKSPACE_FILE).is_file() {
            return Ok(Found::Root(d.join(WORKSPACE_FILE)));
        }
        dir = d.parent();
    }
    // Neither: the plan finder's own error.
    find_plan(None, cwd).map(Found::Plan).map_err(one)
}

/// A plan is a member of the nearest workspace file above it that lists it.
/// A workspace file with errors still makes the plan a member if it lists
/// it (the command then reports them all; `kpi validate` with the rest);
/// one that might have listed it, but whose errors hide whether it does,
/// is an error: the plan is never read alone by mistake.
fn membership(plan: PathBuf) -> Result<Found, Problems> {
    let Some(ws_file) = nearest_workspace(&plan) else {
        return Ok(Found::Plan(plan));
    };
    let (workspace, problems) = open_all(&ws_file)?;
    Ok(match workspace.member_of(&plan) {
        Some(_) => Found::Member {
            workspace: ws_file,
            plan,
        },
        None if problems.has_errors() => return Err(problems.sorted()),
        None => Found::Plan(plan),
    })
}

/// The nearest workspace file in the plan's folder or above it.
fn nearest_workspace(plan: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(plan).ok()?;
    let mut dir = absolute.parent();
    while let Some(d) = dir {
        let candidate = d.join(WORKSPACE_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

fn one(p: Problem) -> Problems {
    Problems(vec![p])
}

/// Read the workspace file and find its members: every folder a
/// `members` pattern matches that holds a `kpi.toml`.
pub fn open(path: &Path) -> Result<(Workspace, Problems), Problems> {
    let (workspace, problems) = open_all(path)?;
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    Ok((workspace, problems))
}

/// `open`, but the workspace as far as it could be read beside every
/// problem, errors too (`kpi validate`); `Err` only when the file itself
/// cannot be read as TOML (`file::read_all`).
pub fn open_all(path: &Path) -> Result<(Workspace, Problems), Problems> {
    let (file, mut problems) = file::read_all(path)?;
    let root = file.root().to_path_buf();
    let mut members: Vec<Member> = Vec::new();
    for (pattern, line) in &file.members {
        let here = Location::line(&file.path, *line);
        let full = root.join(pattern);
        let is_glob = pattern.contains(['*', '?', '[']);
        let matches: Vec<PathBuf> = match glob::glob(&full.to_string_lossy()) {
            Ok(paths) => {
                let mut found: Vec<PathBuf> = paths.filter_map(|p| p.ok()).collect();
                found.sort();
                found
            }
            Err(e) => {
                problems.push(
                    Problem::error(
                        here,
                        format!("member pattern `{pattern}` is not a glob: {}", e.msg),
                    )
                    .hint("write a folder, or a pattern such as \"plans/*\""),
                );
                continue;
            }
        };
        let mut any = false;
        for dir in matches {
            let plan = dir.join(PLAN_FILE);
            if !plan.is_file() {
                if !is_glob {
                    problems.push(
                        Problem::error(
                            here.clone(),
                            format!("member `{pattern}` holds no kpi.toml"),
                        )
                        .hint("create the plan there (kpi init), or remove it from members"),
                    );
                }
                continue;
            }
            any = true;
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| pattern.clone());
            if let Some(other) = members.iter().find(|m| m.name == name) {
                if std::fs::canonicalize(&other.dir).ok() == std::fs::canonicalize(&dir).ok() {
                    continue;
                }
                problems.push(
                    Problem::error(
                        here.clone(),
                        format!(
                            "two members are named `{name}`: {} and {}",
                            other.dir.display(),
                            dir.display()
                        ),
                    )
                    .hint("a member is named by its folder (kpi -p NAME): rename one folder"),
                );
                continue;
            }
            members.push(Member { name, dir, plan });
        }
        if !any && is_glob {
            problems.push(
                Problem::warning(
                    here,
                    format!("member pattern `{pattern}` matches no plan folder"),
                )
                .hint("a member is a folder holding a kpi.toml"),
            );
        } else if !any && !is_glob && !full.exists() {
            problems.push(
                Problem::error(here, format!("member `{pattern}` does not exist"))
                    .hint("create it with kpi init, or remove it from members"),
            );
        }
    }
    let mut defaults = Vec::new();
    for (given, line) in &file.default_members {
        let dir = root.join(given);
        let found = members.iter().position(|m| {
            m.name == *given
                || std::fs::canonicalize(&m.dir).ok() == std::fs::canonicalize(&dir).ok()
        });
        match found {
            Some(i) if !defaults.contains(&i) => defaults.push(i),
            Some(_) => {}
            None => {
                let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
                problems.push(
                    Problem::error(
                        Location::line(&file.path, *line),
                        format!("default member `{given}` is not a member of the workspace"),
                    )
                    .hint(crate::suggest::unknown_id(
                        given,
                        "member",
                        &names,
                        "list members' folders only",
                    )),
                );
            }
        }
    }
    Ok((
        Workspace {
            file,
            members,
            defaults,
        },
        problems,
    ))
}

/// The plan files under the root that no member pattern lists (for
/// `kpi validate`'s warning): a plan left out by mistake is read by no one.
pub fn unlisted_plans(workspace: &Workspace) -> Vec<PathBuf> {
    let members: Vec<PathBuf> = workspace
        .members
        .iter()
        .filter_map(|m| std::fs::canonicalize(&m.plan).ok())
        .collect();
    let mut found = Vec::new();
    let mut stack = vec![(workspace.root().to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let hidden = name.to_string_lossy().starts_with('.') || name == "target";
            if path.is_dir() && !hidden && depth < 4 {
                stack.push((path, depth + 1));
            } else if name == PLAN_FILE && path.is_file() {
                let known = std::fs::canonicalize(&path).is_ok_and(|c| members.contains(&c));
                if !known {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    found
}
