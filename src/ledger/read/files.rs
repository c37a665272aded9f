//! Which files the ledger is: each entry of `plan.actuals` in turn; a
//! folder gives its `*.csv` files (not sub-folders, not names starting with
//! `.`) sorted by name. A file named twice is read once.

use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::ReadProblems;
use crate::plan::Plan;
use crate::problem::{Location, Problem};

/// The files to read, in order; a problem finding them goes to `report`.
pub(super) fn ledger_files(plan: &Plan, report: &mut ReadProblems) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for entry in &plan.actuals {
        let found = match fs::metadata(entry) {
            Ok(meta) if meta.is_dir() => folder_files(entry, report),
            Ok(_) => vec![entry.clone()],
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if plan.actuals_explicit {
                    report.problem(|| {
                        Problem::error(
                            Location::file(entry),
                            "the ledger folder or file named in plan.actuals does not exist",
                        )
                        .hint(format!(
                            "create it, or fix `actuals` under [plan] in {}",
                            plan.path.display()
                        ))
                    });
                }
                // The default `actuals/` missing is just an empty ledger.
                Vec::new()
            }
            Err(e) => {
                report.problem(|| {
                    Problem::error(
                        Location::file(entry),
                        format!("cannot read the ledger: {e}"),
                    )
                    .hint("check that the folder or file can be read")
                });
                Vec::new()
            }
        };
        for file in found {
            let key = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if seen.insert(key) {
                files.push(file);
            }
        }
    }
    files
}

fn folder_files(dir: &Path, report: &mut ReadProblems) -> Vec<PathBuf> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            report.problem(|| {
                Problem::error(
                    Location::file(dir),
                    format!("cannot list the ledger folder: {e}"),
                )
                .hint("check that the folder can be read")
            });
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| is_ledger_file(path))
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    files
}

/// A `*.csv` file directly in a ledger folder, not hidden (`kpi import`
/// writes its temporary files with a leading `.`).
fn is_ledger_file(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    !name.to_string_lossy().starts_with('.')
        && path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"))
        && path.is_file()
}
