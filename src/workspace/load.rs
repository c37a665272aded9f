//! Reading a whole workspace: every member's plan (in parallel: a city's
//! 総合計画 and its sector plans are many files), the links between them,
//! and the one ledger, read once against the plan of the series; then each
//! member's figures, by its own KPIs, as a plan alone would see them.

use std::collections::{BTreeMap, HashSet};

use super::{link, Linked, Workspace};
use crate::ledger::{self, LedgerValues};
use crate::plan::{self, Plan};
use crate::problem::{Kind, Location, Problem, Problems, Severity};

/// A workspace read: its members linked, the ledger by series, and each
/// member with its own figures.
pub struct LoadedWorkspace {
    pub workspace: Workspace,
    /// The series plan and the links (`Linked`), the members' plans moved out.
    pub series: Plan,
    pub users: Vec<Vec<(usize, usize)>>,
    pub registered: Vec<Option<usize>>,
    /// The ledger's figures by series (index = index in `series.kpis`).
    pub ledger: LedgerValues,
    pub members: Vec<LoadedMember>,
    /// The members whose plans could not be read, left out of `workspace`
    /// and `members`, each with its problems.
    pub unread: Vec<Unread>,
    pub warnings: Problems,
}

/// A member whose plan could not be read (a typo in its `kpi.toml`).
pub struct Unread {
    /// Its index in the workspace as opened (`Workspace::members`).
    pub index: usize,
    pub member: super::Member,
    /// Every problem its plan's reader found; for a member that waits, the
    /// series it reads that only an unread member may hold.
    pub problems: Problems,
    /// It read, but reads a series that only an unread member may hold.
    pub waits: bool,
}

pub struct LoadedMember {
    pub name: String,
    /// The member's plan, facts filled in from its series, with the root's
    /// ledger and fiscal year.
    pub plan: Plan,
    /// Its KPIs' figures (index = index in `plan.kpis`).
    pub ledger: LedgerValues,
    /// Per KPI: its series, an index into `LoadedWorkspace::series.kpis`.
    pub series_of: Vec<usize>,
}

impl LoadedWorkspace {
    /// The series of `id` (a series id), if any member uses it.
    pub fn series_index(&self, id: &str) -> Option<usize> {
        self.series.kpi_index(id)
    }
}

/// Read every member and the ledger for a command covering `covered`
/// (indexes into `workspace.members`); `strict`: a pending journal is an
/// error (for `validate` and `check`), else a warning. A member whose plan
/// cannot be read stops only the commands that cover it (issue 24, item
/// 18): covering it is an error with its problems; otherwise it is left
/// out, with one warning naming it. Returns the workspace read and
/// `covered` as indexes into its members.
pub fn load(
    workspace: Workspace,
    strict: bool,
    covered: &[usize],
) -> Result<(LoadedWorkspace, Vec<usize>), Problems> {
    let path = workspace.file.path.clone();
    let (mut loaded, mut problems) = load_all(workspace, strict);
    // Covering a member that waits shows the typos it waits for, once.
    let waited = loaded
        .unread
        .iter()
        .any(|u| u.waits && covered.contains(&u.index));
    for unread in &loaded.unread {
        if covered.contains(&unread.index) || (waited && !unread.waits) {
            problems.extend(unread.problems.clone());
        } else {
            problems.push(unread_warning(unread));
        }
    }
    if problems.has_errors() {
        // Errors first: the notes of members left out come after.
        let (mut errors, warnings): (Vec<Problem>, Vec<Problem>) =
            problems.sorted().0.into_iter().partition(Problem::is_error);
        errors.extend(warnings);
        return Err(super::unmatched_first(&path, Problems(errors)));
    }
    let unread: Vec<usize> = loaded.unread.iter().map(|u| u.index).collect();
    let covered = covered
        .iter()
        .map(|&c| c - unread.iter().filter(|&&u| u < c).count())
        .collect();
    loaded.warnings = problems;
    Ok((loaded, covered))
}

/// The note that a member not covered was left out for its errors.
fn unread_warning(unread: &Unread) -> Problem {
    let errors = unread.problems.0.iter().filter(|p| p.is_error()).count();
    let why = if unread.waits {
        "it reads a series of a member that cannot be read (commands that cover it stop until that is fixed)".to_string()
    } else {
        format!(
            "its plan has {} (commands that cover it stop until they are fixed)",
            crate::lang::count(errors, "error", "errors")
        )
    };
    Problem::warning(
        crate::problem::Location::file(&unread.member.plan),
        format!("member {} is left out: {why}", unread.member.name),
    )
    .hint("run kpi validate to see them")
}

/// Members that read a series neither the register nor a member that reads
/// holds, while some member could not be read (issue 24, item 18): the
/// series may be the unread member's (a successor reads its predecessor's),
/// so such a member waits for it, as if it could not be read, rather than
/// be linked to a series that is not there. Repeated until none is left:
/// a member that waits may hold a series another reads. Returns whether
/// each member waits.
fn wait_for_unread(workspace: &Workspace, plans: &mut [PlanRead]) -> Vec<bool> {
    let mut waits = vec![false; plans.len()];
    let unread: Vec<&str> = plans
        .iter()
        .zip(&workspace.members)
        .filter(|(p, _)| p.is_err())
        .map(|(_, m)| m.name.as_str())
        .collect();
    if unread.is_empty() {
        return waits;
    }
    let names = unread.join(", ");
    let unread_files: Vec<String> = plans
        .iter()
        .zip(&workspace.members)
        .filter(|(p, _)| p.is_err())
        .map(|(_, m)| m.plan.display().to_string())
        .collect();
    loop {
        let waiting: Vec<(usize, Problem)> = {
            let mut known: HashSet<&str> = workspace
                .file
                .indicators
                .iter()
                .map(|i| i.id.as_str())
                .collect();
            for (plan, _) in plans.iter().flatten() {
                known.extend(
                    plan.kpis
                        .iter()
                        .filter(|k| k.indicator.is_none())
                        .map(|k| k.id.as_str()),
                );
            }
            plans
                .iter()
                .enumerate()
                .filter_map(|(m, read)| {
                    let (plan, _) = read.as_ref().ok()?;
                    let mut missing = plan.kpis.iter().filter(|k| {
                        k.indicator
                            .as_ref()
                            .is_some_and(|l| !known.contains(l.id.as_str()))
                    });
                    let first = missing.next()?;
                    let more = missing.count();
                    let series = first.indicator.as_ref().map_or("", |l| l.id.as_str());
                    let others = if more == 0 {
                        String::new()
                    } else {
                        format!(" (and {more} of its other KPIs)")
                    };
                    let problem = Problem::error(
                        Location::line(&plan.path, first.line),
                        format!(
                            "KPI {} of member {} reads series `{series}`{others}, which neither the register nor a member that reads holds: member {names} cannot be read, and may hold it",
                            first.id, workspace.members[m].name
                        ),
                    )
                    .hint(format!(
                        "fix {} first (kpi validate lists its errors); if no member holds `{series}`, fix `indicator`",
                        unread_files.join(", ")
                    ));
                    Some((m, problem))
                })
                .collect()
        };
        if waiting.is_empty() {
            return waits;
        }
        for (m, problem) in waiting {
            plans[m] = Err(Problems(vec![problem]));
            waits[m] = true;
        }
    }
}

/// `load`, going as far as it can past errors (`kpi validate`): the
/// members that read are linked, and the ledger is read against their
/// series. The workspace read (its `members` those that read, the others
/// in `unread` with their problems; its ledger empty if the ledger could
/// not be read); its `warnings` are empty: every other problem, errors
/// too, is in the second half.
pub fn load_all(workspace: Workspace, strict: bool) -> (LoadedWorkspace, Problems) {
    let mut problems = Problems::default();
    let mut plans = read_members(&workspace);
    let waits = wait_for_unread(&workspace, &mut plans);
    let mut read = Vec::with_capacity(plans.len());
    let mut unread_members = Vec::new();
    for (m, result) in plans.into_iter().enumerate() {
        match result {
            Ok((plan, warnings)) => {
                problems.extend(warnings);
                read.push(plan);
            }
            Err(found) => unread_members.push(Unread {
                index: m,
                member: workspace.members[m].clone(),
                problems: found,
                waits: waits[m],
            }),
        }
    }
    let unread: Vec<usize> = unread_members.iter().map(|u| u.index).collect();
    // Link the members that read; the rest are left out (their problems said).
    let workspace = if unread.is_empty() {
        workspace
    } else {
        let mut kept = workspace.clone();
        let mut m = 0;
        kept.members.retain(|_| {
            m += 1;
            !unread.contains(&(m - 1))
        });
        kept.defaults = kept
            .defaults
            .iter()
            .filter(|d| !unread.contains(d))
            .map(|&d| d - unread.iter().filter(|&&u| u < d).count())
            .collect();
        kept
    };
    let (linked, link_problems) = link(&workspace, read);
    problems.extend(link_problems);
    let Linked {
        series,
        members,
        users,
        registered,
    } = linked;
    let pending = ledger::journal::pending_problem(workspace.root()).map(|p| {
        if strict {
            Problem {
                severity: Severity::Error,
                ..p
            }
        } else {
            p
        }
    });
    let clean = if problems.has_errors() {
        None
    } else {
        ledger::read_clean(&series)
    };
    let values = match clean {
        Some(values) => Some(values),
        None => {
            // Rows of a series only an unread member uses are left out
            // (`unknown_series`); the rest of the ledger still reads.
            let (ledger, found) = ledger::read_past_errors(&series);
            let found = unknown_series(found, &series, &members, !unread.is_empty());
            let read = !found.has_errors();
            problems.extend(found);
            read.then(|| LedgerValues::of(ledger, &series))
        }
    };
    problems.0.extend(pending);
    let values = values.unwrap_or_else(|| LedgerValues {
        series: vec![Default::default(); series.kpis.len()],
        remarks: Default::default(),
        files: Vec::new(),
        categories: Default::default(),
        derived: Default::default(),
    });
    let members = members
        .into_iter()
        .map(|m| LoadedMember {
            ledger: project(&values, &m.series_of),
            name: m.name,
            plan: m.plan,
            series_of: m.series_of,
        })
        .collect();
    let loaded = LoadedWorkspace {
        workspace,
        series,
        users,
        registered,
        ledger: values,
        members,
        unread: unread_members,
        warnings: Problems::default(),
    };
    (loaded, problems)
}

/// The ledger reader's "unknown KPI" said of a workspace: a row whose
/// series no member uses. With a member that could not be read (`partial`),
/// such rows may be that member's: they are left out, and one note says so.
fn unknown_series(
    found: Problems,
    series: &Plan,
    members: &[super::MemberPlan],
    partial: bool,
) -> Problems {
    let mut out = Problems::default();
    let mut left_out = false;
    for mut problem in found.0 {
        let Some(Kind::UnknownKpi(id)) = problem.kind_of().cloned() else {
            out.push(problem);
            continue;
        };
        if partial {
            left_out = true;
            continue;
        }
        let shown = crate::problem::quoted(&id);
        problem.message =
            format!("no member of the workspace uses series `{shown}` (column `kpi`)");
        let ids: Vec<&str> = series.kpis.iter().map(|k| k.id.as_str()).collect();
        let member_kpi = members.iter().find_map(|m| {
            m.plan
                .kpi(&id)
                .filter(|k| k.series_id() != id)
                .map(|k| (m, k))
        });
        problem.hint = Some(match (member_kpi, crate::suggest::closest(&id, &ids)) {
            (Some((m, k)), _) => format!(
                "`{shown}` is a KPI of member {}, which reads series `{}`: the ledger keys figures by series; write `{}`",
                m.name,
                k.series_id(),
                k.series_id()
            ),
            (None, Some(near)) => format!("did you mean `{near}`?"),
            (None, None) => "a row's kpi is a series: a registered indicator's id, or the id of a member's KPI that names no indicator; fix the id, or add the KPI to a member".to_string(),
        });
        out.push(problem);
    }
    if left_out {
        out.push(Problem::warning(
            crate::problem::Location::file(&series.path),
            "the ledger's rows were not checked against the members' series: a member's plan could not be read",
        ).hint("fix that plan, then run kpi validate again"));
    }
    out
}

/// Every member's plan read and linked, the ledger left unread (`kpi
/// import` and `kpi record` read it under the root lock): the links and
/// the warnings, or every problem found.
pub fn link_members(workspace: &Workspace) -> Result<(Linked, Problems), Problems> {
    let mut problems = Problems::default();
    let plans = read_members(workspace);
    let mut read = Vec::with_capacity(plans.len());
    for result in plans {
        match result {
            Ok((plan, warnings)) => {
                problems.extend(warnings);
                read.push(plan);
            }
            Err(found) => problems.extend(found),
        }
    }
    let first = |found: Problems| super::unmatched_first(&workspace.file.path, found);
    if problems.has_errors() {
        return Err(first(problems));
    }
    let (linked, link_problems) = link(workspace, read);
    problems.extend(link_problems);
    if problems.has_errors() {
        return Err(first(problems.sorted()));
    }
    Ok((linked, problems))
}

/// A member's plan and its warnings, or every problem its reader found.
type PlanRead = Result<(Plan, Problems), Problems>;

/// Every member's plan, read in parallel on the machine's cores.
fn read_members(workspace: &Workspace) -> Vec<PlanRead> {
    let paths: Vec<&std::path::Path> = workspace.members.iter().map(|m| m.plan.as_path()).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len().max(1));
    if threads <= 1 || paths.len() < 4 {
        return paths.into_iter().map(plan::load_member).collect();
    }
    let chunk = paths.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| plan::load_member(p))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a plan reader panicked"))
            .collect()
    })
}

/// A member's figures: each KPI's series' figures, and their remarks.
fn project(values: &LedgerValues, series_of: &[usize]) -> LedgerValues {
    let mut kpis_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &s) in series_of.iter().enumerate() {
        kpis_of.entry(s).or_default().push(k);
    }
    let mut remarks = crate::series::Remarks::new();
    for (&(s, year), remark) in &values.remarks {
        for &k in kpis_of.get(&s).into_iter().flatten() {
            remarks.insert((k, year), remark.clone());
        }
    }
    // Category keys follow the series' breakdowns, which the member's
    // KPI takes as its own: they carry over unchanged.
    let members = |s: usize| kpis_of.get(&s).into_iter().flatten().copied();
    let categories = values
        .categories
        .iter()
        .flat_map(|(&s, figures)| members(s).map(move |k| (k, figures.clone())))
        .collect();
    let derived = values
        .derived
        .iter()
        .flat_map(|&(s, year)| members(s).map(move |k| (k, year)))
        .collect();
    LedgerValues {
        series: series_of
            .iter()
            .map(|&s| values.series[s].clone())
            .collect(),
        remarks,
        files: values.files.clone(),
        categories,
        derived,
    }
}
