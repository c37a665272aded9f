//! Writing the ledger safely. Each file is replaced atomically
//! (`crate::atomic`): its new bytes go to a hidden temporary file in the
//! same folder, flushed to disk, then renamed over the old file, and the
//! folder is flushed. When several files change,
//! a journal listing the renames is written first, so that a run killed
//! between two renames is finished by the next one (`recover`). A lock file
//! beside the plan keeps two imports from writing at once.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::atomic::{self, parent_or_dot, sync_folder, TMP_SUFFIX};
use crate::problem::{Location, Problem};

/// The lock file's name, in the plan's folder.
pub const LOCK_NAME: &str = ".kpi.lock";
/// The journal's name, in the plan's folder.
pub const JOURNAL_NAME: &str = ".kpi-journal.json";

/// A held lock on the ledger: an OS file lock (`flock`) on `.kpi.lock`,
/// which the OS lets go of when the process ends however it ends, so a
/// killed import never leaves a lock that blocks the next one. The file
/// holds the process id for the message another import prints.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: Option<File>,
}

impl Lock {
    /// Take the lock in `dir`, or fail at once naming who holds it.
    pub fn acquire(dir: &Path) -> Result<Lock, Problem> {
        let path = dir.join(LOCK_NAME);
        let fail = |e: io::Error| {
            Problem::error(
                Location::file(&path),
                format!("cannot lock the ledger: {e}"),
            )
            .hint("check that the plan's folder can be written")
        };
        // The file may be removed by its holder between our opening it and
        // locking it: then the lock is on a file no one else will see, so
        // open it again.
        for _ in 0..100 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(fail)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    let holder = holder.trim();
                    let who = if holder.is_empty() {
                        "another kpi import or kpi record".to_string()
                    } else {
                        format!("another kpi import or kpi record (process {holder})")
                    };
                    return Err(Problem::error(
                        Location::file(&path),
                        format!("the ledger is locked by {who}"),
                    )
                    .hint(
                        "wait for it to finish and run this again; the operating system \
                         releases the lock when that process ends, so if no kpi process is \
                         running, just run this again",
                    ));
                }
                Err(TryLockError::Error(e)) => return Err(fail(e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0).map_err(fail)?;
            writeln!(file, "{}", std::process::id()).map_err(fail)?;
            return Ok(Lock {
                path,
                file: Some(file),
            });
        }
        Err(fail(io::Error::other("the lock file keeps changing")))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    /// Remove the file while still holding the lock, then let go of it.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// Replace every file with its new bytes, all or (after a crash, once
/// `recover` has run) all. `state` is the folder of the lock and journal.
pub fn commit(state: &Path, files: &[(PathBuf, Vec<u8>)]) -> io::Result<()> {
    // Every file is written before any is renamed; a failure removes
    // those written (each `Staged` dropped).
    let mut staged = Vec::with_capacity(files.len());
    for (target, bytes) in files {
        fs::create_dir_all(parent_or_dot(target))?;
        staged.push(atomic::stage(target, bytes)?);
    }
    let mut renames = Vec::with_capacity(staged.len());
    for file in staged {
        let target = file.target().to_path_buf();
        renames.push((file.keep()?, target));
    }
    let journal = state.join(JOURNAL_NAME);
    if renames.len() > 1 {
        let text = journal_text(&renames)?;
        atomic::replace(&journal, text.as_bytes())?;
    }
    finish(&renames)?;
    if renames.len() > 1 {
        fs::remove_file(&journal)?;
        sync_folder(state)?;
    }
    Ok(())
}

/// Rename each temporary file still there over its target; flush folders.
fn finish(renames: &[(PathBuf, PathBuf)]) -> io::Result<()> {
    let mut folders = BTreeSet::new();
    for (tmp, target) in renames {
        if tmp.exists() {
            fs::rename(tmp, target)?;
        }
        folders.insert(parent_or_dot(target).to_path_buf());
    }
    for dir in folders {
        sync_folder(&dir)?;
    }
    Ok(())
}

fn journal_text(renames: &[(PathBuf, PathBuf)]) -> io::Result<String> {
    let mut pairs = Vec::with_capacity(renames.len());
    for (tmp, target) in renames {
        let abs = |p: &Path| -> io::Result<String> {
            std::path::absolute(p)?
                .to_str()
                .map(str::to_string)
                .ok_or_else(|| io::Error::other(format!("{} is not a UTF-8 path", p.display())))
        };
        pairs.push(serde_json::json!([abs(tmp)?, abs(target)?]));
    }
    Ok(serde_json::json!({ "renames": pairs }).to_string())
}

/// Finish a write that a crash interrupted, then remove stray temporary
/// files in `folders` (the ledger's). Run it holding the lock. Returns the
/// files it finished, for the message.
pub fn recover(state: &Path, folders: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let journal = state.join(JOURNAL_NAME);
    let mut finished = Vec::new();
    match fs::read_to_string(&journal) {
        Ok(text) => {
            let renames = parse_journal(&text);
            finished = renames
                .iter()
                .filter(|(tmp, _)| tmp.exists())
                .map(|(_, target)| target.clone())
                .collect();
            finish(&renames)?;
            fs::remove_file(&journal)?;
            sync_folder(state)?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    // A write killed before its journal was complete left temporary files
    // that nothing will rename: the old files stand.
    for dir in folders {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(TMP_SUFFIX) {
                fs::remove_file(entry.path())?;
            }
        }
    }
    Ok(finished)
}

/// The renames of a journal; a journal cut short (it is written atomically,
/// so only by hand) gives none.
fn parse_journal(text: &str) -> Vec<(PathBuf, PathBuf)> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    value["renames"]
        .as_array()
        .map(|pairs| {
            pairs
                .iter()
                .filter_map(|pair| {
                    let tmp = pair.get(0)?.as_str()?;
                    let target = pair.get(1)?.as_str()?;
                    Some((PathBuf::from(tmp), PathBuf::from(target)))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary file beside `target`, as `commit` leaves one.
    fn temporary(target: &Path) -> PathBuf {
        let name = target.file_name().unwrap().to_string_lossy();
        target.with_file_name(format!(".{name}.x1y2z3{TMP_SUFFIX}"))
    }

    #[test]
    fn a_second_lock_fails_naming_the_holder_and_is_free_after() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(dir.path()).unwrap();
        let err = Lock::acquire(dir.path()).unwrap_err();
        assert!(err.message.contains("locked by"), "{err}");
        assert!(
            err.message.contains(&std::process::id().to_string()),
            "{err}"
        );
        assert_eq!(err.location.file, dir.path().join(LOCK_NAME));
        drop(lock);
        assert!(!dir.path().join(LOCK_NAME).exists());
        let again = Lock::acquire(dir.path()).unwrap();
        drop(again);
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(LOCK_NAME), "999999\n").unwrap();
        let lock = Lock::acquire(dir.path()).unwrap();
        drop(lock);
    }

    #[test]
    fn commit_replaces_every_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("actuals/2015.csv");
        let b = dir.path().join("actuals/2016.csv");
        fs::create_dir_all(a.parent().unwrap()).unwrap();
        fs::write(&a, "old").unwrap();
        commit(
            dir.path(),
            &[
                (a.clone(), b"new a".to_vec()),
                (b.clone(), b"new b".to_vec()),
            ],
        )
        .unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"new a");
        assert_eq!(fs::read(&b).unwrap(), b"new b");
        let mut names: Vec<String> = fs::read_dir(a.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["2015.csv", "2016.csv"]);
        assert!(!dir.path().join(JOURNAL_NAME).exists());
    }

    #[test]
    fn recover_finishes_the_renames_of_a_journal() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("2015.csv");
        let b = dir.path().join("2016.csv");
        fs::write(&a, "new a").unwrap(); // renamed before the crash
        fs::write(temporary(&b), "new b").unwrap(); // not yet
        fs::write(&b, "old b").unwrap();
        let renames = vec![(temporary(&a), a.clone()), (temporary(&b), b.clone())];
        fs::write(
            dir.path().join(JOURNAL_NAME),
            journal_text(&renames).unwrap(),
        )
        .unwrap();
        let finished = recover(dir.path(), &[dir.path().to_path_buf()]).unwrap();
        assert_eq!(finished, vec![b.clone()]);
        assert_eq!(fs::read(&a).unwrap(), b"new a");
        assert_eq!(fs::read(&b).unwrap(), b"new b");
        assert!(!dir.path().join(JOURNAL_NAME).exists());
    }

    #[test]
    fn recover_without_a_journal_removes_stray_temporaries_only() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("2015.csv");
        fs::write(&a, "old").unwrap();
        fs::write(temporary(&a), "half").unwrap();
        fs::write(dir.path().join(".notes"), "kept").unwrap();
        assert!(recover(dir.path(), &[dir.path().to_path_buf()])
            .unwrap()
            .is_empty());
        assert_eq!(fs::read(&a).unwrap(), b"old");
        assert!(!temporary(&a).exists());
        assert!(dir.path().join(".notes").exists());
    }
}
