//! Writing the ledger safely. Each file is replaced atomically
//! (`crate::atomic`): its new bytes go to a hidden temporary file in the
//! same folder, flushed to disk, then renamed over the old file, and the
//! folder is flushed. When several files change,
//! a journal (`super::journal`) listing the files, with digests of their old
//! and new content, is written first, so that a run killed between two
//! renames can be finished by the next one, or given up
//! (`super::recover`). A lock file beside the plan keeps two imports from
//! writing at once.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::journal::{self, FileChange, Journal};
use crate::atomic::{self, parent_or_dot, sync_folder};
use crate::problem::{Location, Problem};

pub use super::journal::JOURNAL_NAME;

/// The lock file's name, in the plan's folder.
pub const LOCK_NAME: &str = ".kpi.lock";

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
/// A failure names the file, what failed and what to do; before the first
/// rename it leaves every ledger file as it was and no temporary file.
pub fn commit(state: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), Problem> {
    let unchanged = |mut p: Problem| {
        p.message.push_str("; no ledger file was changed");
        p
    };
    // Every file is written before any is renamed; a failure removes
    // those written (each `Staged` dropped).
    let mut staged = Vec::with_capacity(files.len());
    for (target, bytes) in files {
        let folder = parent_or_dot(target);
        fs::create_dir_all(folder)
            .map_err(|e| unchanged(atomic::failed(folder, "create the ledger folder", &e)))?;
        let file = atomic::stage(target, bytes)
            .map_err(|e| unchanged(atomic::failed(target, "write the new ledger file", &e)))?;
        staged.push((file, bytes));
    }
    if staged.len() == 1 {
        // One file: its rename is the whole write, and needs no journal.
        let (file, _) = staged.pop().expect("one file");
        let target = file.target().to_path_buf();
        return file
            .persist()
            .map_err(|e| unchanged(atomic::failed(&target, "replace the ledger file", &e)));
    }
    let mut entries: Vec<FileChange> = Vec::with_capacity(staged.len());
    // From here the temporary files are no longer removed when dropped:
    // until the journal is written, remove them on any failure.
    let give_up = |entries: &[FileChange], problem: Problem| {
        for e in entries {
            let _ = fs::remove_file(&e.temporary);
        }
        unchanged(problem)
    };
    let mut staged = staged.into_iter();
    while let Some((file, bytes)) = staged.next() {
        let target = file.target().to_path_buf();
        let kept = match file.keep() {
            Ok(kept) => kept,
            Err(e) => {
                drop(staged);
                return Err(give_up(
                    &entries,
                    atomic::failed(&target, "write the new ledger file", &e),
                ));
            }
        };
        match FileChange::new(target.clone(), kept.clone(), bytes) {
            Ok(entry) => entries.push(entry),
            Err(e) => {
                let _ = fs::remove_file(&kept);
                drop(staged);
                return Err(give_up(
                    &entries,
                    atomic::failed(&target, "read the ledger file", &e),
                ));
            }
        }
    }
    let journal = journal::path(state);
    Journal::write(state, &entries).map_err(|e| {
        give_up(
            &entries,
            atomic::failed(&journal, "write the import's journal", &e),
        )
    })?;
    let mut folders = BTreeSet::new();
    for (done, e) in entries.iter().enumerate() {
        fs::rename(&e.temporary, &e.file).map_err(|err| {
            let mut p = atomic::failed(&e.file, "replace the ledger file", &err);
            p.message.push_str(&format!(
                "; {done} of {} files were replaced before it, and the journal {} keeps the rest",
                entries.len(),
                journal::shown(&journal).display()
            ));
            p.hint = Some(format!(
                "{}; when the cause is fixed, the next kpi import or kpi record finishes the write ({})",
                p.hint.unwrap_or_default(),
                journal::WAY_OUT
            ));
            p
        })?;
        crate::fault::renamed();
        folders.insert(parent_or_dot(&e.file).to_path_buf());
    }
    let after = |what: &str, path: &Path, e: io::Error| {
        let mut p = atomic::failed(path, what, &e);
        p.message
            .push_str("; every ledger file was replaced, but the write may not outlive a crash");
        p
    };
    for dir in folders {
        sync_folder(&dir).map_err(|e| after("flush the ledger folder", &dir, e))?;
    }
    fs::remove_file(&journal).map_err(|e| after("remove the journal", &journal, e))?;
    sync_folder(state).map_err(|e| after("flush the plan's folder", state, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
