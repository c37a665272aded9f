//! `kpi validate` of the evaluations folder (evaluation-cycle.md §5): each
//! file valid JSON of the published schema, named by its year (or kept by
//! `--replace` as `YEAR.replaced-N.json`) and holding that year; a KPI
//! the plan no longer has is a warning.

use std::path::Path;

use super::{read, year_of_name};
use crate::plan::Plan;
use crate::problem::{Location, Problem, Problems};
use crate::year::FiscalYear;

/// The year a file kept by `--replace` is of: `2018.replaced-3.json`.
fn year_of_replaced(name: &str) -> Option<FiscalYear> {
    let (year, rest) = name.split_once(".replaced-")?;
    let n = rest.strip_suffix(".json")?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .then(|| year_of_name(&format!("{year}.json")))
        .flatten()
}

/// Every problem of the plan's evaluations folder (none when it is missing).
pub fn folder(plan: &Plan) -> Problems {
    let mut problems = Problems::default();
    // A file where the folder should be: publish could never write there.
    if plan.evaluations.exists() && !plan.evaluations.is_dir() {
        problems.push(
            Problem::error(
                Location::file(&plan.evaluations),
                "the evaluations folder is a file, not a folder: kpi publish cannot write there",
            )
            .hint("move the file away (the evaluations folder is made by kpi publish), or name another folder with `evaluations` under [plan]"),
        );
        return problems;
    }
    let Ok(entries) = std::fs::read_dir(&plan.evaluations) else {
        return problems;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Hidden files: a temporary file of a write under way, an editor's.
        if name.starts_with('.') || path.is_dir() {
            continue;
        }
        problems.0.extend(file(plan, &path, &name));
    }
    problems
}

fn file(plan: &Plan, path: &Path, name: &str) -> Vec<Problem> {
    let (year, current) = match (year_of_name(name), year_of_replaced(name)) {
        (Some(y), _) => (y, true),
        (None, Some(y)) => (y, false),
        (None, None) => {
            return vec![Problem::error(
                Location::file(path),
                "the name of a published evaluation is not a year".to_string(),
            )
            .hint("name it YEAR.json (2018.json), as kpi publish does, or move it out of the evaluations folder")]
        }
    };
    let snap = match read::read(path) {
        Ok(snap) => snap,
        Err(problem) => return vec![problem],
    };
    if snap.year != year {
        return vec![Problem::error(
            Location::file(path),
            format!(
                "the published evaluation is of {} (plan.as_of.year), not of {} as its name says",
                snap.year.0, year.0
            ),
        )
        .hint(format!(
            "rename it {}.json, or publish {} again with kpi publish --year {} --replace",
            snap.year.0, year.0, year.0
        ))];
    }
    if !current {
        return Vec::new();
    }
    snap.kpis
        .iter()
        .filter(|k| plan.kpis.iter().all(|p| p.id != k.id))
        .map(|k| {
            Problem::warning(
                Location::file(path),
                format!(
                    "KPI `{}` ({}) of the published evaluation is no longer in the plan",
                    k.id, k.name
                ),
            )
            .hint("the published file stays as published; kpi diff lists the KPI as removed")
        })
        .collect()
}
