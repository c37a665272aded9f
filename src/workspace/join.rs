//! A new member checked against the others before `kpi init` writes it
//! (issue 24, item 13): the blank plan's example KPI ids, which every
//! member started from the template carries, are numbered apart from the
//! ids the workspace already uses; and any plan (one built from a sheet)
//! is linked with the other members, so that a KPI id shared by accident is
//! refused, at its line, before anything is written.

use std::collections::HashSet;
use std::path::Path;

use super::{link, Member, Workspace};
use crate::plan;
use crate::problem::Problems;

/// The KPI ids in use: the register's and every readable member's.
pub fn taken_ids(workspace: &Workspace) -> HashSet<String> {
    let mut taken: HashSet<String> = workspace
        .file
        .indicators
        .iter()
        .map(|i| i.id.clone())
        .collect();
    for member in &workspace.members {
        if let Ok((plan, _)) = plan::load_member(&member.plan) {
            taken.extend(plan.kpis.into_iter().map(|k| k.id));
        }
    }
    taken
}

/// `text` (a plan) with each KPI id that is `taken` renamed `ID-2` (or the
/// first free number): the renames, as (old, new).
pub fn number_apart(text: &str, taken: &HashSet<String>) -> (String, Vec<(String, String)>) {
    let Ok((plan, _)) = plan::load_member_str(Path::new("kpi.toml"), text) else {
        return (text.to_string(), Vec::new());
    };
    let mut out = text.to_string();
    let mut renames = Vec::new();
    for kpi in &plan.kpis {
        if !taken.contains(&kpi.id) {
            continue;
        }
        let Some(new) = (2..)
            .map(|n| format!("{}-{n}", kpi.id))
            .find(|id| !taken.contains(id))
        else {
            continue;
        };
        let written = format!("id = \"{}\"", kpi.id);
        if out.contains(&written) {
            out = out.replacen(&written, &format!("id = \"{new}\""), 1);
            renames.push((kpi.id.clone(), new));
        }
    }
    (out, renames)
}

/// The errors of the new plan `text` in `dir`, named `name`, linked with
/// the other members: only those at the new plan (a workspace already
/// broken elsewhere is not the new member's to fix).
pub fn check(workspace: &Workspace, dir: &Path, name: &str, text: &str) -> Problems {
    let path = dir.join("kpi.toml");
    let Ok((new_plan, _)) = plan::load_member_str(&path, text) else {
        return Problems::default();
    };
    let mut with = workspace.clone();
    let mut plans = Vec::new();
    with.members.retain(|m| match plan::load_member(&m.plan) {
        Ok((p, _)) => {
            plans.push(p);
            true
        }
        Err(_) => false,
    });
    with.members.push(Member {
        name: name.to_string(),
        dir: dir.to_path_buf(),
        plan: path.clone(),
    });
    plans.push(new_plan);
    let (_, problems) = link(&with, plans);
    Problems(
        problems
            .0
            .into_iter()
            .filter(|p| p.is_error() && p.location.file == path)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_example_ids_are_numbered_apart_and_free_ones_kept() {
        let text = "[plan]\ntitle = \"t\"\nbaseline_year = 2019\ntarget_year = 2024\n\n[[goal]]\nid = \"1\"\nname = \"G\"\n\n\
            [[kpi]]\nid = \"goal-rate\"\nname = \"r\"\ngoal = \"1\"\nbaseline = { value = 1 }\ntarget = { value = 2 }\n\n\
            [[kpi]]\nid = \"other\"\nname = \"o\"\ngoal = \"1\"\nbaseline = { value = 1 }\ntarget = { value = 2 }\n";
        let taken: HashSet<String> = ["goal-rate", "goal-rate-2"].map(String::from).into();
        let (out, renamed) = number_apart(text, &taken);
        assert_eq!(
            renamed,
            [("goal-rate".to_string(), "goal-rate-3".to_string())]
        );
        assert_eq!(
            out,
            text.replace("id = \"goal-rate\"", "id = \"goal-rate-3\"")
        );
        let (same, none) = number_apart(text, &HashSet::new());
        assert_eq!((same.as_str(), none.len()), (text, 0));
    }
}
