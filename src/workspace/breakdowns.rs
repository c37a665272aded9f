//! Breakdowns across a workspace (breakdowns.md, "Workspaces"): each
//! member's dimensions are the register's followed by its own; one id
//! declared twice with other categories (or name, or codes), in the
//! register or in any two members, is an error naming both places; a
//! member KPI on a registered series takes the series' `breakdowns` and
//! `total` and may restate them only as they are; and the plan of the
//! series carries every dimension and each series' breakdown, so that the
//! ledger's dimension columns are checked against it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Indicator, Workspace};
use crate::breakdown::{Breakdown, Dimension, Total};
use crate::plan::dimensions::{clash, resolve, Given};
use crate::plan::{Kpi, Plan};
use crate::problem::{Location, Problem, Problems};

/// True when nothing in the workspace is broken down: nothing to do.
fn none_anywhere(workspace: &Workspace, plans: &[Plan]) -> bool {
    let file = &workspace.file;
    file.dimensions.is_empty()
        && file.indicators.iter().all(|i| i.breakdown.is_none())
        && plans.iter().all(|p| {
            p.dimensions.is_empty()
                && p.written_breakdowns.is_empty()
                && p.kpis.iter().all(|k| k.breakdown.is_none())
        })
}

/// Each member's dimensions (the register's, then its own) and its KPIs'
/// breakdowns, matched with them; every problem pushed. Run once the
/// register's facts (the unit) are in the members' KPIs.
pub fn members(workspace: &Workspace, plans: &mut [Plan], problems: &mut Problems) {
    if none_anywhere(workspace, plans) {
        return;
    }
    let file = &workspace.file;
    // The first declaration of each member's own dimension, and where.
    let mut own_first: Vec<(Dimension, PathBuf)> = Vec::new();
    for plan in plans.iter_mut() {
        let own = std::mem::take(&mut plan.dimensions);
        let mut dims = file.dimensions.clone();
        for d in &own {
            let earlier = file
                .dimensions
                .iter()
                .map(|r| (r, file.path.as_path()))
                .chain(own_first.iter().map(|(o, p)| (o, p.as_path())))
                .find(|(o, _)| o.id == d.id);
            match earlier {
                Some(first) => problems.0.extend(clash(first, (d, &plan.path))),
                None => own_first.push((d.clone(), plan.path.clone())),
            }
            if !dims.iter().any(|o| o.id == d.id) {
                dims.push(d.clone());
            }
        }
        // A KPI matched already (a plan read alone) names its own dimensions.
        for kpi in plan.kpis.iter_mut() {
            if let Some(b) = kpi.breakdown.as_mut() {
                b.dimensions = renumbered(&b.dimensions, &own, &dims);
            }
        }
        plan.dimensions = dims;
        kpis(file, plan, problems);
    }
}

/// Positions in `from` as positions in `to`, by id.
fn renumbered(positions: &[usize], from: &[Dimension], to: &[Dimension]) -> Vec<usize> {
    positions
        .iter()
        .filter_map(|&p| {
            let id = &from.get(p)?.id;
            to.iter().position(|d| &d.id == id)
        })
        .collect()
}

/// A member's KPIs' breakdowns: as written, or as their series'.
fn kpis(file: &super::WorkspaceFile, plan: &mut Plan, problems: &mut Problems) {
    let register: HashMap<&str, &Indicator> = file
        .indicators
        .iter()
        .filter(|i| i.breakdown.is_some())
        .map(|i| (i.id.as_str(), i))
        .collect();
    let written = std::mem::take(&mut plan.written_breakdowns);
    let mut next = written.iter().peekable();
    for k in 0..plan.kpis.len() {
        let mine = next.next_if(|w| w.kpi == k);
        let series = plan.kpis[k]
            .indicator
            .as_ref()
            .and_then(|l| register.get(l.id.as_str()));
        if mine.is_none() && series.is_none() {
            continue;
        }
        let origin =
            series.map(|i| format!("the register ({}, line {})", file.path.display(), i.line));
        let given = series.zip(origin.as_deref()).and_then(|(i, origin)| {
            let b = i.breakdown.as_ref()?;
            Some(Given {
                dimensions: &b.dimensions,
                total: b.total,
                origin,
            })
        });
        let found = resolve(
            &plan.path,
            &plan.dimensions,
            &plan.kpis[k],
            mine,
            given,
            problems,
        );
        plan.kpis[k].breakdown = found.map(Box::new);
    }
}

/// The plan of the series: every dimension of the workspace (the
/// register's, then each member's own, in member order) and each series'
/// breakdown, its dimensions as positions in these; two members whose
/// KPIs break one series down differently are an error naming both.
pub fn of_series(
    workspace: &Workspace,
    series: &mut Plan,
    plans: &[Plan],
    users: &[Vec<(usize, usize)>],
    problems: &mut Problems,
) {
    if none_anywhere(workspace, plans) {
        return;
    }
    let mut unique: Vec<Dimension> = workspace.file.dimensions.clone();
    for d in plans.iter().flat_map(|p| &p.dimensions) {
        if !unique.iter().any(|o| o.id == d.id) {
            unique.push(d.clone());
        }
    }
    for (s, users) in users.iter().enumerate() {
        // The first user's breakdown, by dimension ids, and who that is.
        let mut chosen: Option<(Vec<String>, Total, (usize, usize))> = None;
        for &(m, k) in users {
            let Some(b) = &plans[m].kpis[k].breakdown else {
                continue;
            };
            let ids: Vec<String> = b
                .dimensions
                .iter()
                .filter_map(|&p| Some(plans[m].dimensions.get(p)?.id.clone()))
                .collect();
            match &chosen {
                None => chosen = Some((ids, b.total, (m, k))),
                Some((first, total, at)) if *first != ids || *total != b.total => {
                    problems.push(differs(workspace, plans, *at, (m, k), &series.kpis[s].id))
                }
                Some(_) => {}
            }
        }
        series.kpis[s].breakdown = chosen.map(|(ids, total, _)| {
            Box::new(Breakdown {
                dimensions: ids
                    .iter()
                    .filter_map(|id| unique.iter().position(|d| &d.id == id))
                    .collect(),
                total,
                category_target: None,
            })
        });
    }
    series.dimensions = unique;
}

/// Two members' KPIs on one series, broken down differently.
fn differs(
    workspace: &Workspace,
    plans: &[Plan],
    first: (usize, usize),
    second: (usize, usize),
    series: &str,
) -> Problem {
    let describe = |(m, k): (usize, usize)| {
        let kpi: &Kpi = &plans[m].kpis[k];
        let b = kpi.breakdown.as_deref();
        let ids: Vec<&str> = b.map_or(Vec::new(), |b| {
            b.dimensions
                .iter()
                .filter_map(|&p| Some(plans[m].dimensions.get(p)?.id.as_str()))
                .collect()
        });
        let total = b.map_or("reported", |b| crate::plan::dimensions::total_name(b.total));
        format!("breakdowns = [{}], total = \"{total}\"", quoted(&ids))
    };
    let (fm, fk) = first;
    let (m, k) = second;
    let here = Location::line(&plans[m].path, plans[m].kpis[k].line);
    Problem::error(
        here,
        format!(
            "KPI {} of member {} breaks series `{series}` down as {}, but KPI {} of member {} ({}, line {}) as {}",
            plans[m].kpis[k].id,
            workspace.members[m].name,
            describe(second),
            plans[fm].kpis[fk].id,
            workspace.members[fm].name,
            display(&plans[fm].path),
            plans[fm].kpis[fk].line,
            describe(first)
        ),
    )
    .hint("one series has one set of ledger columns: write breakdowns and total in its [[indicator]] in the register, or make the KPIs agree")
}

fn quoted(ids: &[&str]) -> String {
    ids.iter()
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{file, link, Member, Workspace};
    use crate::breakdown::Total;
    use crate::plan::load_member_str;

    const REGISTER: &str = "[workspace]\nname = \"w\"\nmembers = [\"plans/*\"]\n\
        [[dimension]]\nid = \"sex\"\nname = \"性別\"\ncategories = [\"男\", \"女\"]\n\
        [[indicator]]\nid = \"pop\"\nname = \"人口\"\nbreakdowns = [\"sex\"]\n";

    fn member(fields: &str) -> String {
        format!(
            "[plan]\ntitle = \"m\"\nbaseline_year = 2019\ntarget_year = 2024\n\
             [[goal]]\nid = \"1\"\nname = \"g\"\n{fields}"
        )
    }

    #[test]
    fn members_and_the_series_plan_number_dimensions_their_own_way() {
        let (file, problems) =
            file::parse(Path::new("w/kpi-workspace.toml"), REGISTER.as_bytes()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let a = member(
            "[[kpi]]\nid = \"k-a\"\nname = \"a\"\ngoal = \"1\"\nbaseline = 1\ntarget = 2\n\
             breakdowns = [\"age\", \"sex\"]\ntotal = \"sum\"\n\
             [[dimension]]\nid = \"age\"\nname = \"年齢\"\ncategories = [\"0歳\", \"1歳\"]\n",
        );
        let b = member(
            "[[dimension]]\nid = \"area\"\nname = \"地域\"\ncategories = [\"北\", \"南\"]\n\
             [[kpi]]\nid = \"k-b\"\nindicator = \"pop\"\ngoal = \"1\"\nbaseline = 1\ntarget = 2\n",
        );
        let plans = [("a", &a), ("b", &b)]
            .iter()
            .map(|(name, text)| {
                load_member_str(&Path::new("w/plans").join(name).join("kpi.toml"), text)
                    .unwrap()
                    .0
            })
            .collect();
        let members = ["a", "b"]
            .iter()
            .map(|n| Member {
                name: n.to_string(),
                dir: Path::new("w/plans").join(n),
                plan: Path::new("w/plans").join(n).join("kpi.toml"),
            })
            .collect();
        let workspace = Workspace {
            file,
            members,
            defaults: Vec::new(),
        };
        let (linked, problems) = link(&workspace, plans);
        assert!(!problems.has_errors(), "{problems:?}");
        let ids = |dims: &[crate::breakdown::Dimension]| -> Vec<String> {
            dims.iter().map(|d| d.id.clone()).collect()
        };
        // a: the register's sex, then its own age; k-a by [age, sex] = [1, 0].
        let a = &linked.members[0].plan;
        assert_eq!(ids(&a.dimensions), ["sex", "age"]);
        let ka = a.kpis[0].breakdown.as_ref().unwrap();
        assert_eq!((ka.dimensions.clone(), ka.total), (vec![1, 0], Total::Sum));
        // b: sex, then area; k-b takes pop's [sex] = [0], total not written: reported.
        let b = &linked.members[1].plan;
        assert_eq!(ids(&b.dimensions), ["sex", "area"]);
        let kb = b.kpis[0].breakdown.as_ref().unwrap();
        assert_eq!(
            (kb.dimensions.clone(), kb.total),
            (vec![0], Total::Reported)
        );
        // The series: sex, age (a's), area (b's); pop first (registered), then k-a.
        let series = &linked.series;
        assert_eq!(ids(&series.dimensions), ["sex", "age", "area"]);
        assert_eq!(series.kpis[0].id, "pop");
        assert_eq!(
            series.kpis[0].breakdown.as_ref().unwrap().dimensions,
            vec![0]
        );
        assert_eq!(series.kpis[1].id, "k-a");
        let s = series.kpis[1].breakdown.as_ref().unwrap();
        assert_eq!((s.dimensions.clone(), s.total), (vec![1, 0], Total::Sum));
        assert_eq!(s.category_target, None);
    }
}
