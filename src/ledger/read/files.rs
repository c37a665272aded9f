//! Which files the ledger is: each entry of `plan.actuals` in turn; a
//! folder gives its `*.csv` files (not sub-folders, not names starting with
//! `.`) sorted by name. A file named twice is read once. Nothing is passed
//! over in silence: an entry named `*.csv` that is a symlink to nothing, a
//! FIFO or a device is an error, a folder so named a warning.

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
            Ok(meta) if meta.is_file() => vec![entry.clone()],
            Ok(meta) => {
                report.problem(|| not_a_file(entry, &meta));
                Vec::new()
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if let Ok(target) = fs::read_link(entry) {
                    // A symlink that points nowhere is no empty ledger.
                    report.problem(|| dangling(entry, &target));
                } else if plan.actuals_explicit {
                    report.problem(|| {
                        let (key, place) = crate::ledger::setting(plan);
                        Problem::error(
                            Location::file(entry),
                            format!("the ledger folder or file named in {key} does not exist"),
                        )
                        .hint(format!(
                            "create it, or fix {place} in {}",
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

/// The ledger folder, or one of its entries, cannot be listed.
fn cannot_list(dir: &Path, e: &std::io::Error, report: &mut ReadProblems) {
    report.problem(|| {
        Problem::error(
            Location::file(dir),
            format!("cannot list the ledger folder: {e}"),
        )
        .hint("check that the folder can be read")
    });
}

fn folder_files(dir: &Path, report: &mut ReadProblems) -> Vec<PathBuf> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            cannot_list(dir, &e, report);
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(e) => {
                cannot_list(dir, &e, report);
                continue;
            }
        };
        if !is_ledger_name(&path) {
            continue;
        }
        // Followed through symlinks: a ledger file may be a link.
        match fs::metadata(&path) {
            Ok(meta) if meta.is_file() => files.push(path),
            Ok(meta) if meta.is_dir() => report.problem(|| {
                Problem::warning(
                    Location::file(&path),
                    "a folder named like a ledger file is not read (the ledger reads the *.csv files directly in its folders)",
                )
                .hint("rename the folder, or move its files up into the ledger folder")
            }),
            Ok(meta) => report.problem(|| not_a_file(&path, &meta)),
            Err(e) => report.problem(|| match fs::read_link(&path) {
                Ok(target) if e.kind() == ErrorKind::NotFound => dangling(&path, &target),
                _ => Problem::error(Location::file(&path), format!("cannot read the file: {e}"))
                    .hint("check that the file can be read"),
            }),
        }
    }
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    files
}

/// A name the ledger reads in a folder: `*.csv`, not hidden (`kpi import`
/// writes its temporary files with a leading `.`).
fn is_ledger_name(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    !name.to_string_lossy().starts_with('.')
        && path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"))
}

/// A ledger entry that is a symlink to nothing.
fn dangling(path: &Path, target: &Path) -> Problem {
    Problem::error(
        Location::file(path),
        format!(
            "the ledger file is a symlink to {}, which does not exist",
            target.display()
        ),
    )
    .hint("point the link at the ledger file, or remove it")
}

/// A ledger entry that is neither a file nor a folder: a FIFO, a socket, a device.
fn not_a_file(path: &Path, meta: &fs::Metadata) -> Problem {
    Problem::error(
        Location::file(path),
        format!(
            "the ledger entry is {}, not a file; the ledger reads only CSV files",
            kind(meta)
        ),
    )
    .hint("replace it with the CSV file, or remove it")
}

#[cfg(unix)]
fn kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "something other than a file"
    }
}

#[cfg(not(unix))]
fn kind(_meta: &fs::Metadata) -> &'static str {
    "something other than a file"
}
