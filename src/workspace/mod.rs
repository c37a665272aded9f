//! Workspaces (workspace.md): several plans, their members, on one ledger
//! keyed by series. `find` says where a command stands (a plan alone, a
//! member, or a workspace's root); `open` reads the workspace file and
//! finds its members; `link` joins the members' KPIs to their series and
//! checks the rules across plans; `load` reads every member and the one
//! ledger, and gives each member its figures as a plan alone would see them.

pub mod adopt;
mod breakdowns;
mod clash;
pub mod dimensions;
pub mod edit;
pub mod file;
pub mod join;
mod link;
mod load;
mod schedule;

use std::path::{Path, PathBuf};

pub use clash::id_clashes;
pub use file::{Indicator, WorkspaceFile, WORKSPACE_FILE};
pub use link::{ledger_plan, link, Linked, MemberPlan};
pub use load::{link_members, load, load_all, LoadedMember, LoadedWorkspace, Unread};

use crate::plan::find_plan;
use crate::problem::{Kind, Location, Problem, Problems};

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
        // The plan named, or the one of the folder this runs in: a member
        // of the workspace given, or an error naming both (issue 24, item 8).
        let plan = match plan {
            Some(p) => Some(find_plan(Some(p), cwd).map_err(one)?),
            None => plan_here(cwd),
        };
        return Ok(match plan {
            Some(plan) => Found::Member {
                workspace: file,
                plan,
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

/// The plan of the folder `cwd` (or of the nearest folder above it with a
/// plan), unless a workspace file is nearer: then none.
fn plan_here(cwd: &Path) -> Option<PathBuf> {
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        if d.join(PLAN_FILE).is_file() {
            return find_plan(None, d).ok();
        }
        if d.join(WORKSPACE_FILE).is_file() {
            return None;
        }
        dir = d.parent();
    }
    None
}

/// A plan is a member of the nearest workspace file above it that lists it
/// (workspace.md, "Finding it"). A workspace file passed over on the way
/// (a stray one between a member and its root) is named in a warning on
/// stderr when a farther one lists the plan (issue 24, item 12).
/// A workspace file with errors still makes the plan a member if it lists
/// it (the command then reports them all; `kpi validate` with the rest);
/// one that might have listed it, but whose errors hide whether it does,
/// is an error: the plan is never read alone by mistake.
fn membership(plan: PathBuf) -> Result<Found, Problems> {
    let mut passed: Vec<PathBuf> = Vec::new();
    for ws_file in workspaces_above(&plan) {
        let (workspace, problems) = open_all(&ws_file)?;
        if workspace.member_of(&plan).is_some() {
            for stray in &passed {
                warn_passed_over(stray, &plan, &ws_file);
            }
            return Ok(Found::Member {
                workspace: ws_file,
                plan,
            });
        }
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        passed.push(ws_file);
    }
    Ok(Found::Plan(plan))
}

/// The warning for a workspace file that does not list the plan, passed
/// over for a farther one that does; said once per process.
fn warn_passed_over(stray: &Path, plan: &Path, ws_file: &Path) {
    static SAID: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if said.iter().any(|s| s == stray) {
        return;
    }
    said.push(stray.to_path_buf());
    let warning = Problem::warning(
        Location::file(stray),
        format!(
            "this workspace file lies between {} and its workspace {}, and does not list it: passed over",
            plan.display(),
            ws_file.display()
        ),
    )
    .hint("workspaces do not nest: remove the stray kpi-workspace.toml, or move it out of the workspace");
    eprintln!("{warning}");
}

/// The workspace files in the plan's folder and above it, nearest first.
fn workspaces_above(plan: &Path) -> Vec<PathBuf> {
    let Ok(absolute) = std::path::absolute(plan) else {
        return Vec::new();
    };
    absolute
        .ancestors()
        .skip(1)
        .map(|d| d.join(WORKSPACE_FILE))
        .filter(|f| f.is_file())
        .collect()
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

/// `open` for `kpi init` of a member folder: members the workspace lists
/// that do not exist yet are what init is there to create, not errors
/// (one is created now, the others later, one `kpi init` each).
pub fn open_creating(path: &Path) -> Result<(Workspace, Problems), Problems> {
    let (workspace, problems) = open_all(path)?;
    let problems = Problems(
        problems
            .0
            .into_iter()
            .filter(|p| !matches!(p.kind_of(), Some(Kind::MissingMember)))
            .collect(),
    );
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    Ok((workspace, problems))
}

/// The folders a member pattern matches, in name order.
fn matching(full: &Path, pattern: &str, here: &Location) -> Result<Vec<PathBuf>, Problem> {
    match glob::glob(&full.to_string_lossy()) {
        Ok(paths) => {
            let mut found: Vec<PathBuf> = paths.filter_map(|p| p.ok()).collect();
            found.sort();
            Ok(found)
        }
        Err(e) => Err(Problem::error(
            here.clone(),
            format!("member pattern `{pattern}` is not a glob: {}", e.msg),
        )
        .hint("write a folder, or a pattern such as \"plans/*\"")),
    }
}

/// Two members, in different folders, named alike.
fn named_twice(here: &Location, name: &str, other: &Path, dir: &Path) -> Problem {
    Problem::error(
        here.clone(),
        format!(
            "two members are named `{name}`: {} and {}",
            other.display(),
            dir.display()
        ),
    )
    .hint("a member is named by its folder (kpi -p NAME): rename one folder")
}

/// `open`, but the workspace as far as it could be read beside every
/// problem, errors too (`kpi validate`); `Err` only when the file itself
/// cannot be read as TOML (`file::read_all`).
pub fn open_all(path: &Path) -> Result<(Workspace, Problems), Problems> {
    let (file, mut problems) = file::read_all(path)?;
    let root = file.root().to_path_buf();
    let mut members: Vec<Member> = Vec::new();
    // Per member: its real folder, and whether a symlink led to it.
    let mut real: Vec<(Option<PathBuf>, bool)> = Vec::new();
    let real_root = std::fs::canonicalize(&root).ok();
    for (pattern, line) in &file.members {
        let here = Location::line(&file.path, *line);
        let full = root.join(pattern);
        let is_glob = pattern.contains(['*', '?', '[']);
        let matches = match matching(&full, pattern, &here) {
            Ok(matches) => matches,
            Err(problem) => {
                problems.push(problem);
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
            // Issue 24, item 11: a member resolves inside the root, and
            // one reached through a symlink is read from where it is.
            let resolved = match place(&root, real_root.as_deref(), &dir) {
                Placed::Inside {
                    dir: resolved,
                    real: at,
                    linked,
                } => (resolved, Some(at), linked),
                Placed::Outside(at) => {
                    problems.push(outside(&here, pattern, &dir, &at, &root));
                    continue;
                }
                Placed::Unknown => (dir.clone(), None, false),
            };
            let (dir, at, linked) = resolved;
            let plan = dir.join(PLAN_FILE);
            let same = real.iter().position(|(r, _)| r.is_some() && *r == at);
            if let Some(i) = same {
                if members[i].name == name && !linked && !real[i].1 {
                    continue; // the same folder listed twice
                }
                // An alias: name the link (the one a symlink led to).
                let (link, other) = if linked || !real[i].1 {
                    (name.clone(), members[i].name.clone())
                } else {
                    let other = std::mem::replace(
                        &mut members[i],
                        Member {
                            name: name.clone(),
                            dir: dir.clone(),
                            plan: plan.clone(),
                        },
                    );
                    real[i].1 = false;
                    (other.name, name.clone())
                };
                problems.push(alias(&here, &root, &link, &other, at.as_deref()));
                continue;
            }
            if let Some(other) = members.iter().find(|m| m.name == name) {
                problems.push(named_twice(&here, &name, &other.dir, &dir));
                continue;
            }
            members.push(Member { name, dir, plan });
            real.push((at, linked));
        }
        if !any && is_glob {
            problems.push(unmatched(here, pattern));
        } else if !any && !is_glob && !full.exists() {
            problems.push(
                Problem::error(here, format!("member `{pattern}` does not exist"))
                    .hint("create it with kpi init, or remove it from members")
                    .kind(Kind::MissingMember),
            );
        }
    }
    let defaults = default_members(&file, &members, &mut problems);
    Ok((
        Workspace {
            file,
            members,
            defaults,
        },
        problems,
    ))
}

/// `default_members`, as indexes into `members`; one that is no member is
/// an error at its line.
fn default_members(
    file: &WorkspaceFile,
    members: &[Member],
    problems: &mut Problems,
) -> Vec<usize> {
    let root = file.root();
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
    defaults
}

/// Where a member's folder really is.
enum Placed {
    /// Below the root: the folder as read (the root as written, joined to
    /// its real path below the real root), its real path, and whether a
    /// symlink led there.
    Inside {
        dir: PathBuf,
        real: PathBuf,
        linked: bool,
    },
    /// Outside the root, at this real path.
    Outside(PathBuf),
    /// Not resolvable (the folder or the root cannot be read): as written.
    Unknown,
}

fn place(root: &Path, real_root: Option<&Path>, dir: &Path) -> Placed {
    let (Some(real_root), Ok(real)) = (real_root, std::fs::canonicalize(dir)) else {
        return Placed::Unknown;
    };
    let Ok(below) = real.strip_prefix(real_root) else {
        return Placed::Outside(real);
    };
    if below.as_os_str().is_empty() {
        // The root itself holds the plan: a member at the root.
        return Placed::Inside {
            dir: dir.to_path_buf(),
            real,
            linked: false,
        };
    }
    // A symlink on the way from the root to the folder (the folder as the
    // pattern matched it: glob may write `plans/a` for `./plans/a`).
    let linked = dir
        .ancestors()
        .take_while(|a| *a != root && !a.as_os_str().is_empty())
        .any(|a| std::fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink()));
    let resolved = root.join(below);
    Placed::Inside {
        dir: if linked { resolved } else { dir.to_path_buf() },
        real,
        linked,
    }
}

fn outside(here: &Location, pattern: &str, dir: &Path, real: &Path, root: &Path) -> Problem {
    let shown = if dir == real {
        dir.display().to_string()
    } else {
        format!("{} (really {})", dir.display(), real.display())
    };
    Problem::error(
        here.clone(),
        format!(
            "member `{pattern}`: {shown} is outside the workspace's root {}",
            root.display()
        ),
    )
    .hint("a member's folder lies below the root (not reached through a symlink out of it): move the plan below the root, or remove it from members")
}

fn alias(here: &Location, root: &Path, link: &str, other: &str, real: Option<&Path>) -> Problem {
    let real = real.map_or(String::new(), |r| format!(" ({})", r.display()));
    Problem::error(
        here.clone(),
        format!(
            "member `{link}` is a symlink to the folder of member `{other}`{real}: one plan would be read twice under two names in {}",
            root.display()
        ),
    )
    .hint(format!(
        "a member is named once: remove the symlink `{link}`, or leave it out of members"
    ))
}

/// An unmatched `members` pattern (a warning: `kpi init --workspace`'s
/// `plans/*` matches nothing until the first member).
fn unmatched(here: Location, pattern: &str) -> Problem {
    Problem::warning(
        here,
        format!("member pattern `{pattern}` matches no plan folder"),
    )
    .hint("a member is a folder holding a kpi.toml")
    .kind(Kind::UnmatchedMember)
}

/// `problems` (a workspace that cannot be read, at `path`) with every
/// `members` pattern that matches no plan folder named first, as an
/// error: the rows and KPIs of a member it was meant to list are what the
/// errors after it are about (issue 24, item 20).
pub fn unmatched_first(path: &Path, problems: Problems) -> Problems {
    let is_workspace = path.file_name().is_some_and(|n| n == WORKSPACE_FILE);
    if !is_workspace || !problems.has_errors() {
        return problems;
    }
    let Ok((_, found)) = open_all(path) else {
        return problems;
    };
    let mut first: Vec<Problem> = found
        .0
        .into_iter()
        .filter(|p| !p.is_error() && p.kind_of() == Some(&Kind::UnmatchedMember))
        .map(|p| Problem {
            severity: crate::problem::Severity::Error,
            hint: Some(
                "a member is a folder holding a kpi.toml; fix the pattern first: the problems below may be about a member it was meant to list"
                    .to_string(),
            ),
            ..p
        })
        .collect();
    if first.is_empty() {
        return problems;
    }
    // Said once: as the error first, not again as the warning.
    let rest = problems
        .0
        .into_iter()
        .filter(|p| p.kind_of() != Some(&Kind::UnmatchedMember));
    first.extend(rest);
    Problems(first)
}

/// The plan files under the root that no member pattern lists (for
/// `kpi validate`'s warning): a plan left out by mistake is read by no one.
pub fn unlisted_plans(workspace: &Workspace) -> Vec<PathBuf> {
    let members: Vec<PathBuf> = workspace
        .members
        .iter()
        .filter_map(|m| std::fs::canonicalize(&m.plan).ok())
        .collect();
    let real_root = std::fs::canonicalize(workspace.root()).ok();
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
                let real = std::fs::canonicalize(&path).ok();
                let known = real.as_ref().is_some_and(|c| members.contains(c));
                // A plan reached through a symlink out of the root is
                // not under it (a member so reached is an error of its own).
                let outside = real
                    .as_ref()
                    .zip(real_root.as_ref())
                    .is_some_and(|(c, r)| !c.starts_with(r));
                if !known && !outside {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    found
}
