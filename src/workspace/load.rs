//! Reading a whole workspace: every member's plan (in parallel: a city's
//! 総合計画 and its sector plans are many files), the links between them,
//! and the one ledger, read once against the plan of the series; then each
//! member's figures, by its own KPIs, as a plan alone would see them.

use std::collections::BTreeMap;

use super::{link, Linked, Workspace};
use crate::ledger::{self, LedgerValues};
use crate::plan::{self, Plan};
use crate::problem::{Problem, Problems, Severity};

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
    pub warnings: Problems,
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

/// Read every member and the ledger. `strict`: a pending journal is an
/// error (for `validate` and `check`), else a warning.
pub fn load(workspace: Workspace, strict: bool) -> Result<LoadedWorkspace, Problems> {
    let path = workspace.file.path.clone();
    let (mut loaded, problems) = load_all(workspace, strict);
    if problems.has_errors() {
        return Err(super::unmatched_first(&path, problems.sorted()));
    }
    loaded.warnings = problems;
    Ok(loaded)
}

/// `load`, going as far as it can past errors, every problem of every
/// member, the links and the ledger in one run (`kpi validate`): the
/// members that read are linked, and the ledger is read against their
/// series. The workspace read (its `members` those that read; its ledger
/// empty if the ledger could not be read); its `warnings` are empty: every
/// problem, errors too, is in the second half.
pub fn load_all(workspace: Workspace, strict: bool) -> (LoadedWorkspace, Problems) {
    let mut problems = Problems::default();
    let plans = read_members(&workspace);
    let mut read = Vec::with_capacity(plans.len());
    let mut unread = Vec::new();
    for (m, result) in plans.into_iter().enumerate() {
        match result {
            Ok((plan, warnings)) => {
                problems.extend(warnings);
                read.push(plan);
            }
            Err(found) => {
                problems.extend(found);
                unread.push(m);
            }
        }
    }
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
        None => match ledger::read(&series) {
            Ok((ledger, warnings)) => {
                problems.extend(unknown_series(
                    warnings,
                    &series,
                    &members,
                    !unread.is_empty(),
                ));
                Some(LedgerValues::from(ledger))
            }
            Err(found) => {
                problems.extend(unknown_series(found, &series, &members, !unread.is_empty()));
                None
            }
        },
    };
    problems.0.extend(pending);
    let values = values.unwrap_or_else(|| LedgerValues {
        series: vec![Default::default(); series.kpis.len()],
        remarks: Default::default(),
        files: Vec::new(),
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
        let id = problem
            .message
            .strip_prefix("unknown KPI `")
            .and_then(|rest| rest.strip_suffix("` in column `kpi`"))
            .or_else(|| {
                problem
                    .message
                    .strip_prefix("no member of the workspace uses series `")
                    .and_then(|rest| rest.strip_suffix("` (column `kpi`)"))
            })
            .map(str::to_string);
        let Some(id) = id else {
            out.push(problem);
            continue;
        };
        if partial {
            left_out = true;
            continue;
        }
        problem.message = format!("no member of the workspace uses series `{id}` (column `kpi`)");
        let ids: Vec<&str> = series.kpis.iter().map(|k| k.id.as_str()).collect();
        let member_kpi = members.iter().find_map(|m| {
            m.plan
                .kpi(&id)
                .filter(|k| k.series_id() != id)
                .map(|k| (m, k))
        });
        problem.hint = Some(match (member_kpi, crate::suggest::closest(&id, &ids)) {
            (Some((m, k)), _) => format!(
                "`{id}` is a KPI of member {}, which reads series `{}`: the ledger keys figures by series; write `{}`",
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

/// Every member's plan, read in parallel on the machine's cores.
fn read_members(workspace: &Workspace) -> Vec<Result<(Plan, Problems), Problems>> {
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
    LedgerValues {
        series: series_of
            .iter()
            .map(|&s| values.series[s].clone())
            .collect(),
        remarks,
        files: values.files.clone(),
    }
}
