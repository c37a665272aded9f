//! Changing ledger files as text: a figure set in its row, a new row put in
//! its place (plan order of KPIs, then year), every other byte kept, so that
//! a year's import is a small, reviewable diff. A new file is canonical:
//! `kpi,year,value,note` (and `source` when a row has one), `\n` line ends.

mod file;
mod layout;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

pub use file::LedgerFile;

use super::import::merge::{Change, Merged};
use super::read::id_index;
use crate::breakdown::CategoryKey;
use crate::plan::{FastHash, Plan};
use crate::problem::{Location, Problem, Problems};
use crate::year::FiscalYear;

/// (index of the KPI in the plan, year): the order rows are written in.
type Key = (usize, FiscalYear);

/// The folder new year files go into: the first folder `plan.actuals`
/// names (created when it is the default `actuals/` not made yet).
pub fn write_folder(plan: &Plan) -> Result<PathBuf, Problem> {
    if let Some(dir) = plan.actuals.iter().find(|p| p.is_dir()) {
        return Ok(dir.clone());
    }
    if let Some(dir) = plan
        .actuals
        .iter()
        .find(|p| !p.exists() && p.extension().is_none())
    {
        return Ok(dir.clone());
    }
    let (key, place) = super::setting(plan);
    let example = if key == "plan.actuals" {
        "actuals = [\"actuals\"]"
    } else {
        "ledger = [\"ledger\"]"
    };
    Err(Problem::error(
        Location::file(&plan.path),
        format!("{key} names no folder for the year files of the ledger"),
    )
    .hint(format!("add a folder to {place}, e.g. {example}")))
}

/// The ledger files the changes touch, with their new bytes, in path
/// order. A figure replaced is changed where it is; a figure added fills an
/// empty row for its KPI and year if the ledger has one, else goes into its
/// year's file, `<folder>/<year>.csv`. `ledger_files` are the ledger's
/// files, as read. `holding`, when the caller's own
/// read of the ledger found them, names every file with a row for a pair
/// that changes; otherwise the files are scanned here to find them.
pub fn edits(
    plan: &Plan,
    ledger_files: &[PathBuf],
    changes: &[&Merged],
    holding: Option<&[PathBuf]>,
) -> Result<Vec<(PathBuf, Vec<u8>)>, Problems> {
    let mut problems = Problems::default();
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    let ids = id_index(plan);
    // Every row of the ledger for a KPI and year that changes is found
    // below; only the files that hold one, and the added years' own files,
    // are read for changing: a national ledger's import of next year's
    // figures reads none of the past years' files.
    let wanted: HashSet<Key, FastHash> = changes
        .iter()
        .map(|m| (m.figure.kpi, m.figure.year))
        .collect();
    let mut files = touched_files(
        plan,
        &ids,
        ledger_files,
        changes,
        holding,
        &wanted,
        &mut problems,
    );
    if problems.has_errors() {
        return Err(problems);
    }
    let folder = if changes.iter().any(|m| m.change == Change::Added) {
        Some(write_folder(plan).map_err(|p| Problems(vec![p]))?)
    } else {
        None
    };
    let rows = rows_of(&files, &wanted);
    let in_folder = folder
        .as_deref()
        .map(|f| by_name(ledger_files, f))
        .unwrap_or_default();
    for merged in changes {
        let figure = &merged.figure;
        let found = rows
            .get(&(figure.kpi, figure.year))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|r| r.3 == figure.categories);
        // A replaced figure changes in every row that holds it; an added
        // one fills the first row that has none, or goes in its year's file.
        let targets: Vec<_> = match (&merged.change, &folder) {
            (Change::Replaced { .. }, _) => found.filter(|r| !r.2).collect(),
            (Change::Added, Some(_)) => found.filter(|r| r.2).take(1).collect(),
            _ => continue,
        };
        if let (Change::Added, Some(folder), true) = (&merged.change, &folder, targets.is_empty()) {
            let name = format!("{}.csv", figure.year.0);
            let path = match in_folder.get(&name) {
                Some(path) => path.clone(),
                None => folder.join(name),
            };
            files
                .entry(path.clone())
                .or_insert_with(|| LedgerFile::new(path))
                .inserts
                .push(figure);
            continue;
        }
        if targets.is_empty() {
            problems.push(Problem::error(
                figure.location.clone(),
                "internal error: the ledger row to change was not found; nothing was written",
            ));
        }
        for (path, index, _, _) in targets {
            if let Some(file) = files.get_mut(path) {
                file.sets.insert(*index, figure);
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files
        .into_values()
        .filter(LedgerFile::is_changed)
        .map(|file| {
            let bytes = file.render(plan);
            (file.path, bytes)
        })
        .collect())
}

/// The ledger files that hold a row for a KPI and year in `wanted`, or
/// are an added year's own file (of `holding` when the read that found
/// the changes knows them), read for changing.
fn touched_files<'f>(
    plan: &Plan,
    ids: &HashMap<&str, usize, FastHash>,
    ledger_files: &[PathBuf],
    changes: &[&Merged],
    holding: Option<&[PathBuf]>,
    wanted: &HashSet<Key, FastHash>,
    problems: &mut Problems,
) -> BTreeMap<PathBuf, LedgerFile<'f>> {
    let mut files: BTreeMap<PathBuf, LedgerFile<'f>> = BTreeMap::new();
    let added_files: HashSet<String> = changes
        .iter()
        .filter(|m| m.change == Change::Added)
        .map(|m| format!("{}.csv", m.figure.year.0))
        .collect();
    let added_year_file = |path: &Path| {
        path.file_name()
            .is_some_and(|n| added_files.contains(&n.to_string_lossy().to_lowercase()))
    };
    for path in ledger_files {
        let known = holding.map(|h| h.contains(path) || added_year_file(path));
        if known == Some(false) {
            continue;
        }
        let parsed = fs::read(path)
            .map_err(|e| format!("cannot read the file: {e}"))
            .and_then(|bytes| {
                let touched = known.unwrap_or_else(|| {
                    added_year_file(path)
                        || LedgerFile::holds_any(ids, &plan.dimensions, &bytes, wanted)
                });
                if touched {
                    LedgerFile::parse(ids, plan, path.clone(), &bytes).map(Some)
                } else {
                    Ok(None)
                }
            });
        match parsed {
            Ok(Some(file)) => {
                files.insert(path.clone(), file);
            }
            Ok(None) => {}
            Err(message) => problems.push(
                Problem::error(Location::file(path), message)
                    .hint("run `kpi validate` and fix the ledger first"),
            ),
        }
    }
    files
}

/// Every row of the ledger for a KPI and year that changes: the ledger
/// may hold a figure twice (with the same value), and rows with no figure.
/// Rows of a KPI and year are told apart by their categories (none
/// for the KPI's total).
type Found = Vec<(PathBuf, usize, bool, Option<CategoryKey>)>;

/// The rows of `files` for the KPIs and years in `wanted`.
fn rows_of(
    files: &BTreeMap<PathBuf, LedgerFile<'_>>,
    wanted: &HashSet<Key, FastHash>,
) -> HashMap<Key, Found, FastHash> {
    let mut rows: HashMap<Key, Found, FastHash> = HashMap::default();
    for (path, file) in files {
        for (index, rec) in file.records.iter().enumerate() {
            if let Some(key) = rec.key.filter(|k| wanted.contains(k)) {
                rows.entry(key).or_default().push((
                    path.clone(),
                    index,
                    rec.empty_value,
                    rec.categories.clone(),
                ));
            }
        }
    }
    rows
}

/// The ledger files directly in `folder`, by lower-case name: so that
/// `2015.CSV` is found as the file for 2015.
fn by_name(files: &[PathBuf], folder: &Path) -> HashMap<String, PathBuf> {
    files
        .iter()
        .filter(|p| p.parent() == Some(folder))
        .filter_map(|p| Some((p.file_name()?.to_string_lossy().to_lowercase(), p.clone())))
        .collect()
}

#[cfg(test)]
mod categories_tests;
