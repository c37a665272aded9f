//! What a command reads and covers, opened once (architecture.md, "The
//! flow"): where the command stands (`find`), what it reads (`Reads`), and
//! the members it covers (workspace.md, "What a command covers"). A plan
//! alone is a workspace of one: one implicit member, so that a command has
//! one path for one member, whether it stands in a plan alone or in a
//! workspace, and one for several. A workspace with no member yet is a
//! case of the scope, said once here for every command.

use std::path::Path;

use crate::atomic;
use crate::error::{Error, Result};
use crate::ledger::{self, LedgerValues};
use crate::plan::{self, Plan};
use crate::problem::{Location, Problem, Problems, Severity};
use crate::settings::Settings;
use crate::workspace::{self, Found, LoadedMember, LoadedWorkspace};

/// A member of the scope: a workspace's member, or a plan alone.
pub type Member = LoadedMember;

/// What a command reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// The plan and the ledger; a pending journal is a warning.
    Ledger,
    /// The plan and the ledger; a pending journal is an error (`validate`,
    /// `check`: a half-written ledger must not pass).
    LedgerStrict,
    /// A plan alone without its ledger (the CSV template, `import`, which
    /// reads the ledger itself under its lock); a workspace reads its ledger.
    Plan,
    /// `Plan`, the plan as written: no `KPI_TODAY` check, and a KPI may take
    /// its name from an indicator (`export plan` writes the plan back out).
    PlanAsWritten,
}

/// What a command reads and covers.
pub struct Scope {
    pub root: Root,
    /// Indexes into `members()`, in workspace order; never empty.
    pub covered: Vec<usize>,
}

/// A plan alone, or a workspace read whole.
pub enum Root {
    /// A plan with no workspace: its one implicit member, and the warnings
    /// met reading it.
    Alone(Box<Member>, Problems),
    Workspace(Box<LoadedWorkspace>),
}

/// How many members a command covers, and what it needs of them.
pub enum View<'a> {
    /// One member (a plan alone, a member's folder, `-p` once): it prints
    /// what the plan alone prints.
    One(&'a Member),
    /// Several members of a workspace.
    Many(&'a LoadedWorkspace, &'a [usize]),
}

impl Scope {
    /// Find, read and link what the command covers, once.
    pub fn open(global: &Settings, reads: Reads) -> Result<Scope> {
        let (ws_file, plan) = match find(global)? {
            Found::Plan(path) => return open_alone(&path, reads),
            Found::Member { workspace, plan } => (workspace, Some(plan)),
            Found::Root(workspace) => (workspace, None),
        };
        check_today()?;
        let (workspace, warnings) = workspace::open(&ws_file).map_err(Error::Invalid)?;
        let covered = covered(global, &workspace, plan.as_deref())?;
        if covered.is_empty() {
            return Err(no_member(&workspace, warnings));
        }
        let strict = reads == Reads::LedgerStrict;
        let (mut loaded, covered) =
            workspace::load(workspace, strict, &covered).map_err(Error::Invalid)?;
        let mut all = warnings;
        all.extend(std::mem::take(&mut loaded.warnings));
        loaded.warnings = all;
        Ok(Scope {
            root: Root::Workspace(Box::new(loaded)),
            covered,
        })
    }

    /// Every member, covered or not (a plan alone: its one).
    pub fn members(&self) -> &[Member] {
        match &self.root {
            Root::Alone(member, _) => std::slice::from_ref(member),
            Root::Workspace(loaded) => &loaded.members,
        }
    }

    /// The members covered, in order.
    pub fn covered_members(&self) -> impl Iterator<Item = &Member> {
        self.covered.iter().map(|&i| &self.members()[i])
    }

    /// What to say after "no KPI `wanted`" (`kpi show`, `kpi explain`):
    /// the covered members' KPI ids (and `more`, e.g. the register's
    /// series) or names close to it, else the ids, sorted.
    pub fn kpi_hint(&self, wanted: &str, more: &[&str]) -> String {
        let mut ids: Vec<&str> = self
            .covered_members()
            .flat_map(|m| m.plan.kpis.iter().map(|k| k.id.as_str()))
            .chain(more.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let names: Vec<&str> = self
            .covered_members()
            .flat_map(|m| m.plan.kpis.iter().map(|k| k.name.as_str()))
            .collect();
        crate::suggest::unknown_id_or_name(
            wanted,
            "KPI",
            &ids,
            &names,
            "`kpi status --format csv` lists each KPI's id",
        )
    }

    /// The warnings met reading the plans, the workspace and the ledger.
    pub fn warnings(&self) -> &Problems {
        match &self.root {
            Root::Alone(_, warnings) => warnings,
            Root::Workspace(loaded) => &loaded.warnings,
        }
    }

    /// The workspace, if the command stands in one.
    pub fn workspace(&self) -> Option<&LoadedWorkspace> {
        match &self.root {
            Root::Alone(..) => None,
            Root::Workspace(loaded) => Some(loaded),
        }
    }

    /// One member covered, or several.
    pub fn view(&self) -> View<'_> {
        match (&self.root, &self.covered[..]) {
            (Root::Workspace(loaded), covered) if covered.len() > 1 => View::Many(loaded, covered),
            (_, covered) => View::One(&self.members()[covered[0]]),
        }
    }

    /// `f` on every covered member, in parallel on the machine's cores (a
    /// city's 総合計画 and sector plans are many), the results in order.
    pub fn each_covered<'s, T: Send>(
        &'s self,
        f: impl Fn(&'s Member) -> Result<T> + Sync,
    ) -> Result<Vec<T>> {
        let members: Vec<&'s Member> = self.covered_members().collect();
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
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    }

    /// What an `-o/--output` may never write over: the plans, the ledger's
    /// files and folders, the import's journal and lock (`output_path`).
    pub fn protected(&self) -> Vec<crate::output_path::Protected> {
        match &self.root {
            Root::Alone(member, _) => vec![protected_plan(&member.plan)],
            Root::Workspace(loaded) => {
                let workspace = &loaded.workspace;
                let root = workspace.root();
                let mut ledger = workspace.file.ledger.clone();
                ledger.push(crate::ledger::journal::path(root));
                ledger.push(root.join(crate::ledger::write::LOCK_NAME));
                let mut all: Vec<_> = std::iter::once(&workspace.file.path)
                    .chain(workspace.members.iter().map(|m| &m.plan))
                    .map(|plan| crate::output_path::Protected::new(plan, &ledger))
                    .collect();
                // A member left out for its errors keeps its folders guarded.
                all.extend(
                    loaded.unread.iter().map(|u| {
                        crate::output_path::Protected::of_folders(&u.member.plan, &ledger)
                    }),
                );
                // Each member's reviews and published evaluations too.
                all.extend(
                    loaded
                        .members
                        .iter()
                        .map(|m| crate::output_path::Protected::of_plan(&m.plan, &ledger)),
                );
                all
            }
        }
    }

    /// Refuse an `-o/--output` over what kpi reads (`protected`).
    pub fn check_output(&self, output: Option<&Path>) -> Result<()> {
        check_output(&self.protected(), output)
    }
}

/// Refuse an `-o/--output` over any of `protected`.
pub fn check_output(
    protected: &[crate::output_path::Protected],
    output: Option<&Path>,
) -> Result<()> {
    let Some(output) = output else {
        return Ok(());
    };
    for p in protected {
        p.check(output)
            .map_err(|refused| Error::Usage(refused.to_string()))?;
    }
    Ok(())
}

/// A plan's own guard: the plan, its ledger, the journal and lock beside it.
pub fn protected_plan(plan: &Plan) -> crate::output_path::Protected {
    let state = atomic::parent_or_dot(&plan.path);
    let mut ledger = plan.actuals.clone();
    ledger.push(ledger::journal::path(state));
    ledger.push(state.join(ledger::write::LOCK_NAME));
    crate::output_path::Protected::of_plan(plan, &ledger)
}

/// A workspace with no member yet (what `kpi init --workspace` makes): no
/// command has anything to read; each says how to add one.
pub fn no_member(workspace: &crate::workspace::Workspace, warnings: Problems) -> Error {
    let ws_file = &workspace.file.path;
    let mut all = Problems(vec![Problem::error(
        Location::file(ws_file),
        "the workspace has no member yet, so there is nothing to read",
    )
    .hint("add a member: run `kpi init plans/NAME` in the workspace's folder (or list a plan's folder in `members`)")]);
    all.extend(warnings);
    // With a plan under the root that no pattern lists, a `members` pattern
    // that matches nothing is the likelier cause (a typo): named first, as
    // an error (issue 24, item 20). A new workspace has no plan yet.
    if workspace::unlisted_plans(workspace).is_empty() {
        Error::Invalid(all)
    } else {
        Error::Invalid(workspace::unmatched_first(ws_file, all))
    }
}

/// A plan alone (found by `find`), read as `reads` says: its one implicit member.
pub fn open_alone(path: &Path, reads: Reads) -> Result<Scope> {
    let (member, warnings) = read_alone(path, reads)?;
    Ok(Scope {
        root: Root::Alone(Box::new(member), warnings),
        covered: vec![0],
    })
}

/// A plan alone read as `reads` says, as a member, with its warnings.
pub fn read_alone(path: &Path, reads: Reads) -> Result<(Member, Problems)> {
    if reads != Reads::PlanAsWritten {
        check_today()?;
    }
    let (plan, mut warnings) = plan::load(path).map_err(Error::Invalid)?;
    if reads != Reads::PlanAsWritten {
        alone(&plan)?;
    }
    let ledger = match reads {
        Reads::Plan | Reads::PlanAsWritten => LedgerValues {
            series: Vec::new(),
            remarks: Default::default(),
            files: Vec::new(),
            categories: Default::default(),
            derived: Default::default(),
        },
        Reads::Ledger | Reads::LedgerStrict => {
            read_ledger(&plan, reads == Reads::LedgerStrict, &mut warnings)?
        }
    };
    let name = atomic::parent_or_dot(&plan.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let member = Member {
        name,
        series_of: (0..plan.kpis.len()).collect(),
        plan,
        ledger,
    };
    Ok((member, warnings))
}

/// A plan read alone may not leave a KPI's name to a workspace's
/// indicator: the register that would give it is the workspace's.
fn alone(plan: &Plan) -> Result<()> {
    let problems: Vec<Problem> = plan
        .kpis
        .iter()
        // One that names itself reads its own rows, as any KPI of a plan
        // alone (a plan about to be adopted into a workspace).
        .filter_map(|k| k.indicator.as_ref().map(|l| (k, l)))
        .filter(|(_, l)| !l.name_written)
        .map(|(k, l)| {
            Problem::error(
                Location::line(&plan.path, k.line),
                format!(
                    "KPI {} takes its name from indicator `{}`, a series of a workspace, but no kpi-workspace.toml above this plan lists it as a member",
                    k.id, l.id
                ),
            )
            .hint("add the plan's folder to `members` in the workspace file (or run with --workspace PATH), or remove `indicator`")
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// A plan alone's ledger; every problem of both, or its figures with the
/// warnings added to `warnings`. A pending journal (an import interrupted
/// between its renames) is a warning, or with `strict` an error: the
/// ledger may be half-written.
fn read_ledger(plan: &Plan, strict: bool, warnings: &mut Problems) -> Result<LedgerValues> {
    let pending = ledger::journal::pending_problem(atomic::parent_or_dot(&plan.path)).map(|p| {
        if strict {
            Problem {
                severity: Severity::Error,
                ..p
            }
        } else {
            p
        }
    });
    // A ledger without any problem, the usual case, is read for its values
    // alone; otherwise the full reader says what is wrong and where.
    let ledger = match ledger::read_clean(plan) {
        Some(figures) => figures,
        None => {
            let (ledger, ledger_warnings) = ledger::read(plan).map_err(|mut problems| {
                problems.0.extend(pending.clone());
                Error::Invalid(problems)
            })?;
            warnings.extend(ledger_warnings);
            LedgerValues::of(ledger, plan)
        }
    };
    if let Some(pending) = pending {
        if pending.is_error() {
            let mut all = Problems(vec![pending]);
            all.extend(std::mem::take(warnings));
            return Err(Error::Invalid(all));
        }
        warnings.push(pending);
    }
    Ok(ledger)
}

/// A `KPI_TODAY` that is no date is refused before any work.
pub fn check_today() -> Result<()> {
    crate::settings::today().map(|_| ()).map_err(Error::Usage)
}

/// Where the command stands, from `--workspace`/`$KPI_WORKSPACE`,
/// `--plan`/`$KPI_PLAN` and the current folder.
pub fn find(global: &Settings) -> Result<Found> {
    let cwd = crate::settings::env().cwd()?;
    let found = workspace::find(global.plan.as_deref(), global.workspace.as_deref(), &cwd)
        .map_err(Error::Invalid)?;
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
/// The members a command covers: `-p NAME`s, `--all`, the member whose
/// plan `plan` is, else the default members, else every member.
pub fn covered(
    global: &Settings,
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
        return member_index(workspace, plan).map(|i| vec![i]);
    }
    if !workspace.defaults.is_empty() {
        let mut d = workspace.defaults.clone();
        d.sort_unstable();
        return Ok(d);
    }
    Ok(every())
}

/// The member whose plan is `plan` (the plan `--plan` or the current
/// folder names), or an error naming both: never dropped in silence, for a
/// command would read, or `record` write, the workspace's figures for
/// another plan's KPIs (issue 24, item 8).
pub fn member_index(workspace: &workspace::Workspace, plan: &Path) -> Result<usize> {
    workspace.member_of(plan).ok_or_else(|| {
        Error::Invalid(Problems(vec![Problem::error(
            crate::problem::Location::file(plan),
            format!(
                "this plan is not a member of the workspace {}",
                workspace.file.path.display()
            ),
        )
        .hint("add its folder to `members` in that kpi-workspace.toml, or run without --workspace (and KPI_WORKSPACE) to read the plan alone")]))
    })
}
