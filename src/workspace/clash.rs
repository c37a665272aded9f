//! A member KPI whose id is another series' id (issue 24, item 19): the
//! ledger, `kpi import` and `kpi record` take a series id and a member
//! KPI's id alike, so such an id names two series and neither can be named
//! by it. Not an error (every figure still reads), but `kpi validate`
//! names each clash at the KPI's file and line, and the series it hides.

use super::LoadedWorkspace;
use crate::problem::{Location, Problem, Problems};

/// Every member KPI that reads one series under the id of another.
pub fn id_clashes(loaded: &LoadedWorkspace) -> Problems {
    let mut problems = Problems::default();
    for member in &loaded.members {
        for (kpi, &s) in member.plan.kpis.iter().zip(&member.series_of) {
            let Some(t) = loaded.series.kpi_index(&kpi.id) else {
                continue;
            };
            if t == s {
                continue;
            }
            let read = &loaded.series.kpis[s].id;
            let hidden = where_series(loaded, t);
            problems.push(
                Problem::warning(
                    Location::line(&member.plan.path, kpi.line),
                    format!(
                        "KPI {} of member {} reads series `{read}`, but `{}` is also the id of series `{}` ({hidden}): a ledger row, kpi import or kpi record cannot name either by it",
                        kpi.id, member.name, kpi.id, kpi.id
                    ),
                )
                .hint(format!(
                    "rename KPI {} in {} (its figures are keyed by `{read}` and stay where they are), so that `{}` names one series",
                    kpi.id,
                    member.plan.path.display(),
                    kpi.id
                )),
            );
        }
    }
    problems
}

/// Where series `s` is defined, for a message: the register's line, else
/// the first member KPI that is it.
fn where_series(loaded: &LoadedWorkspace, s: usize) -> String {
    let file = &loaded.workspace.file;
    if let Some(i) = loaded.registered.get(s).copied().flatten() {
        return format!(
            "registered in {}, line {}",
            file.path.display(),
            file.indicators[i].line
        );
    }
    match loaded.users[s].first() {
        Some(&(m, k)) => {
            let member = &loaded.members[m];
            format!(
                "KPI {} of member {}, {} line {}",
                member.plan.kpis[k].id,
                member.name,
                member.plan.path.display(),
                member.plan.kpis[k].line
            )
        }
        None => "a series of the workspace".to_string(),
    }
}
