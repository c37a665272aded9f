//! What a command covers (workspace.md, "What a command covers"): a plan
//! alone, as always; or members of a workspace: the one whose folder the
//! command runs in, the default members at the root (else every member),
//! every member with `--all`, or those `-p NAME` picks.

use std::path::{Path, PathBuf};

use super::Loaded;
use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::problem::{Problem, Problems};
use crate::workspace::{self, Found, LoadedMember, LoadedWorkspace};

/// What a command reads and covers. (A plan alone, the usual case, is
/// kept unboxed: it is moved once, and every command matches on it.)
#[allow(clippy::large_enum_variant)]
pub enum Scope {
    /// A plan with no workspace: today's behaviour, byte for byte.
    Plan(Loaded),
    Workspace(Box<Covered>),
}

/// A workspace read whole, and the members a command covers.
pub struct Covered {
    pub loaded: LoadedWorkspace,
    /// Indexes into `loaded.members`, in workspace order.
    pub members: Vec<usize>,
}

impl Covered {
    /// The one member covered, if only one is.
    pub fn single(&self) -> Option<usize> {
        match self.members[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    pub fn member(&self, i: usize) -> &LoadedMember {
        &self.loaded.members[i]
    }

    /// The members covered, in order.
    pub fn covered(&self) -> impl Iterator<Item = &LoadedMember> {
        self.members.iter().map(|&i| &self.loaded.members[i])
    }

    /// Refuse an `-o/--output` over the workspace file, any member's plan,
    /// reviews or evaluations, the root ledger, or the root's journal and
    /// lock (`super::check_output`).
    pub fn check_output(&self, output: Option<&Path>) -> Result<()> {
        let Some(output) = output else {
            return Ok(());
        };
        let workspace = &self.loaded.workspace;
        let root = workspace.root();
        let mut ledger = workspace.file.ledger.clone();
        ledger.push(crate::ledger::journal::path(root));
        ledger.push(root.join(crate::ledger::write::LOCK_NAME));
        let plans =
            std::iter::once(&workspace.file.path).chain(workspace.members.iter().map(|m| &m.plan));
        for plan in plans {
            crate::output_path::Protected::new(plan, &ledger)
                .check(output)
                .map_err(|refused| Error::Usage(refused.to_string()))?;
        }
        // Each member's reviews and published evaluations too.
        for member in &self.loaded.members {
            crate::output_path::Protected::of_plan(&member.plan, &ledger)
                .check(output)
                .map_err(|refused| Error::Usage(refused.to_string()))?;
        }
        Ok(())
    }

    /// Member `i` as a plan alone, the workspace's warnings with it.
    pub fn into_member(self, i: usize) -> Loaded {
        let mut loaded = self.loaded;
        let member = loaded.members.swap_remove(i);
        Loaded {
            plan: member.plan,
            ledger: member.ledger,
            warnings: loaded.warnings,
        }
    }
}

/// Where the command stands, from `--workspace`/`$KPI_WORKSPACE`,
/// `--plan`/`$KPI_PLAN` and the current folder.
pub fn find(global: &GlobalArgs) -> Result<Found> {
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let plan = global.plan.clone().or_else(|| env("KPI_PLAN"));
    let ws = global.workspace.clone().or_else(|| env("KPI_WORKSPACE"));
    let cwd = std::env::current_dir()?;
    let found = workspace::find(plan.as_deref(), ws.as_deref(), &cwd).map_err(Error::Invalid)?;
    if let Found::Plan(_) = found {
        if global.all || !global.members.is_empty() {
            let flag = if global.all { "--all" } else { "-p" };
            return Err(Error::Usage(format!(
                "{flag} picks members of a workspace, and this plan is in none (no kpi-workspace.toml above it lists it)"
            )));
        }
    }
    Ok(found)
}

/// Load what the command covers. `strict`: a pending journal is an error.
pub fn load(global: &GlobalArgs, strict: bool) -> Result<Scope> {
    let (ws_file, plan) = match find(global)? {
        Found::Plan(_) => return super::load_with(global, strict).map(Scope::Plan),
        Found::Member { workspace, plan } => (workspace, Some(plan)),
        Found::Root(workspace) => (workspace, None),
    };
    super::check_today()?;
    let (workspace, warnings) = workspace::open(&ws_file).map_err(Error::Invalid)?;
    let members = covered(global, &workspace, plan.as_deref())?;
    let mut loaded = workspace::load(workspace, strict).map_err(Error::Invalid)?;
    let mut all = warnings;
    all.extend(std::mem::take(&mut loaded.warnings));
    loaded.warnings = all;
    Ok(Scope::Workspace(Box::new(Covered { loaded, members })))
}

/// The members a command covers: `-p NAME`s, `--all`, the member whose
/// plan `plan` is, else the default members, else every member.
pub fn covered(
    global: &GlobalArgs,
    workspace: &workspace::Workspace,
    plan: Option<&Path>,
) -> Result<Vec<usize>> {
    let every = || (0..workspace.members.len()).collect::<Vec<_>>();
    if global.all {
        if !global.members.is_empty() {
            return Err(Error::Usage(
                "--all covers every member; -p picks some: give one or the other".into(),
            ));
        }
        return Ok(every());
    }
    if !global.members.is_empty() {
        let mut picked = Vec::new();
        let mut problems = Problems::default();
        for name in &global.members {
            match workspace.member_named(name) {
                Some(i) if !picked.contains(&i) => picked.push(i),
                Some(_) => {}
                None => problems.push(
                    Problem::error(
                        crate::problem::Location::file(&workspace.file.path),
                        format!("no member is named `{name}`"),
                    )
                    .hint(crate::suggest::unknown_id(
                        name,
                        "member",
                        &workspace.names(),
                        "-p takes a member's folder name",
                    )),
                ),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        picked.sort_unstable();
        return Ok(picked);
    }
    if let Some(plan) = plan {
        if let Some(i) = workspace.member_of(plan) {
            return Ok(vec![i]);
        }
    }
    if !workspace.defaults.is_empty() {
        let mut d = workspace.defaults.clone();
        d.sort_unstable();
        return Ok(d);
    }
    Ok(every())
}

/// `f` on every covered member, in parallel on the machine's cores (a
/// city's 総合計画 and sector plans are many), the results in order.
pub fn each_member<T: Send>(
    covered: &Covered,
    f: impl Fn(&LoadedMember) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let members: Vec<&LoadedMember> = covered.covered().collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(members.len());
    if threads <= 1 {
        return members.into_iter().map(f).collect();
    }
    let chunk = members.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = members
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|m| f(m)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a member's evaluation panicked"))
            .collect()
    })
}
