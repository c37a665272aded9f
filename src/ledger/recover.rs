//! After a ledger write was interrupted between its renames
//! (`super::journal`): finish it where that is safe, say so where it is
//! not, and the two ways out the user may choose (`kpi recover --finish`,
//! `kpi recover --abandon`). Every function here runs holding the lock.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::journal::{self, shown, FileChange, Journal, State, WAY_OUT, WAY_OUT_GONE};
use crate::atomic::{self, parent_or_dot, sync_folder, TMP_SUFFIX};
use crate::problem::{Location, Problem, Problems};

/// Where temporary files of a ledger write may be left: a ledger folder
/// (`of: None`: any of them), or beside one file elsewhere (only its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strays {
    pub folder: PathBuf,
    pub of: Option<String>,
}

impl Strays {
    /// A ledger folder: any temporary file in it.
    pub fn folder(folder: &Path) -> Strays {
        Strays {
            folder: folder.to_path_buf(),
            of: None,
        }
    }

    fn holds(&self, name: &str) -> bool {
        name.starts_with('.')
            && name.ends_with(TMP_SUFFIX)
            && self
                .of
                .as_ref()
                .is_none_or(|file| name.starts_with(&format!(".{file}.")))
    }
}

/// What a recovery did, for the messages.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// Files given their new content now.
    pub finished: Vec<PathBuf>,
    /// Of those, files that had changed since (only `finish` writes them).
    pub overwritten: Vec<PathBuf>,
    /// Files left as they are (`abandon`), with where each stood.
    pub left: Vec<(PathBuf, State)>,
    /// Temporary files removed.
    pub removed: usize,
}

/// Each file of a journal with where it stands; an entry that cannot be
/// looked at is a problem naming it.
fn states(entries: &[FileChange]) -> Result<Vec<(&FileChange, State)>, Problems> {
    let mut out = Vec::with_capacity(entries.len());
    let mut problems = Problems::default();
    for e in entries {
        match e.state() {
            Ok(state) => out.push((e, state)),
            Err(err) => problems.push(atomic::failed(&e.file, "read the ledger file", &err)),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn read(state: &Path) -> Result<Option<Journal>, Problems> {
    Journal::read(state).map_err(|e| {
        Problems(vec![atomic::failed(
            &journal::path(state),
            "read the import's journal",
            &e,
        )])
    })
}

/// What `kpi import` and `kpi record` do first: finish an interrupted write
/// when every file of its journal still holds its old content (or its new
/// one), then remove temporary files no journal names. When a file was
/// changed since, nothing is replaced and every such file is an error, with
/// the way out. Returns the files finished, for the message.
pub fn recover(state: &Path, folders: &[Strays]) -> Result<Vec<PathBuf>, Problems> {
    let journal_path = journal::path(state);
    let Some(found) = read(state)? else {
        remove_strays(folders)?;
        return Ok(Vec::new());
    };
    let entries = match found {
        Journal::Current(entries) => entries,
        Journal::Legacy(_) => {
            return Err(Problems(vec![Problem::error(
                Location::file(&journal_path),
                "an import was interrupted, and its journal, written by an older kpi, cannot tell \
                 whether a ledger file changed since; nothing was replaced",
            )
            .hint(WAY_OUT)]))
        }
        Journal::Unreadable(why) => {
            return Err(Problems(vec![Problem::error(
                Location::file(&journal_path),
                format!("an import was interrupted, and its journal cannot be read: {why}; nothing was replaced"),
            )
            .hint("run `kpi recover --abandon` to remove it and keep every ledger file as it is now, then import again")]))
        }
    };
    let states = states(&entries)?;
    let mut problems = Problems::default();
    for (e, state) in &states {
        if matches!(state, State::Changed) || state.unfinishable() {
            problems.push(
                Problem::error(
                    Location::file(&shown(&e.file)),
                    format!(
                        "an interrupted import (journal {}) was to replace this file, which {}; nothing was replaced",
                        shown(&journal_path).display(),
                        state.words()
                    ),
                )
                .hint(if state.unfinishable() { WAY_OUT_GONE } else { WAY_OUT }),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let done = finish_entries(state, &states, false).map_err(|p| Problems(vec![p]))?;
    remove_strays(folders)?;
    Ok(done.finished)
}

/// Rename each pending file (and, with `overwrite`, each changed one) into
/// place, remove the journal and what temporary files are left.
fn finish_entries(
    state: &Path,
    states: &[(&FileChange, State)],
    overwrite: bool,
) -> Result<Recovered, Problem> {
    let mut done = Recovered::default();
    let mut folders = BTreeSet::new();
    for (e, st) in states {
        let write = matches!(st, State::Pending) || (overwrite && *st == State::Changed);
        if write {
            fs::rename(&e.temporary, &e.file)
                .map_err(|err| atomic::failed(&e.file, "replace the ledger file", &err))?;
            done.finished.push(shown(&e.file));
            if *st == State::Changed {
                done.overwritten.push(shown(&e.file));
            }
            folders.insert(parent_or_dot(&e.file).to_path_buf());
        } else if remove_if_there(&e.temporary)? {
            done.removed += 1;
        }
    }
    for dir in folders {
        sync_folder(&dir).map_err(|e| atomic::failed(&dir, "flush the ledger folder", &e))?;
    }
    remove_journal(state)?;
    Ok(done)
}

fn remove_journal(state: &Path) -> Result<(), Problem> {
    let path = journal::path(state);
    fs::remove_file(&path).map_err(|e| atomic::failed(&path, "remove the import's journal", &e))?;
    sync_folder(state).map_err(|e| atomic::failed(state, "flush the plan's folder", &e))
}

fn remove_if_there(path: &Path) -> Result<bool, Problem> {
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(atomic::failed(path, "remove the temporary file", &e)),
    }
}

/// A write killed before its journal was complete left temporary files
/// that nothing will rename: the old files stand. Remove them.
fn remove_strays(places: &[Strays]) -> Result<usize, Problems> {
    let mut removed = 0;
    for place in places {
        let Ok(entries) = fs::read_dir(&place.folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if place.holds(&name) {
                fs::remove_file(entry.path()).map_err(|e| {
                    Problems(vec![atomic::failed(
                        &entry.path(),
                        "remove the temporary file",
                        &e,
                    )])
                })?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// A file of a pending journal and where it stands (`None`: not known, for
/// a journal of an older kpi).
pub type Standing = (PathBuf, Option<State>);

/// Each file of the pending journal and where it stands, for `kpi recover`
/// without a choice; `None` when there is no journal.
pub fn describe(state: &Path) -> Result<Option<Vec<Standing>>, Problems> {
    let Some(found) = read(state)? else {
        return Ok(None);
    };
    Ok(Some(match found {
        Journal::Current(entries) => states(&entries)?
            .into_iter()
            .map(|(e, st)| (shown(&e.file), Some(st)))
            .collect(),
        Journal::Legacy(renames) => renames.into_iter().map(|(_, f)| (f, None)).collect(),
        Journal::Unreadable(_) => Vec::new(),
    }))
}

/// `kpi recover --finish`: give every file of the journal the interrupted
/// import's new content, also a file changed since (it is named). A file
/// whose new content is gone cannot be finished: then nothing is done.
pub fn finish(state: &Path, folders: &[Strays]) -> Result<Option<Recovered>, Problems> {
    let journal_path = journal::path(state);
    let Some(found) = read(state)? else {
        return Ok(None);
    };
    let mut done = match found {
        Journal::Current(entries) => {
            let states = states(&entries)?;
            let lost: Vec<Problem> = states
                .iter()
                .filter(|(_, st)| st.unfinishable())
                .map(|(e, st)| {
                    Problem::error(
                        Location::file(&shown(&e.file)),
                        format!(
                            "this file {}, so the interrupted import cannot be finished; nothing was replaced",
                            st.words()
                        ),
                    )
                    .hint("run `kpi recover --abandon` to keep every ledger file as it is now, then import again")
                })
                .collect();
            if !lost.is_empty() {
                return Err(Problems(lost));
            }
            finish_entries(state, &states, true).map_err(|p| Problems(vec![p]))?
        }
        Journal::Legacy(renames) => {
            // No digests: rename what is still waiting, as older kpi did.
            let mut done = Recovered::default();
            for (tmp, target) in renames {
                if tmp.exists() {
                    fs::rename(&tmp, &target).map_err(|e| {
                        Problems(vec![atomic::failed(&target, "replace the ledger file", &e)])
                    })?;
                    done.finished.push(target);
                }
            }
            remove_journal(state).map_err(|p| Problems(vec![p]))?;
            done
        }
        Journal::Unreadable(why) => {
            return Err(Problems(vec![Problem::error(
                Location::file(&journal_path),
                format!("the journal cannot be read ({why}), so the interrupted import cannot be finished; nothing was replaced"),
            )
            .hint("run `kpi recover --abandon` to keep every ledger file as it is now, then import again")]))
        }
    };
    done.removed += remove_strays(folders)?;
    Ok(Some(done))
}

/// `kpi recover --abandon`: leave every ledger file as it is now; remove
/// the journal and every temporary file of the ledger.
pub fn abandon(state: &Path, folders: &[Strays]) -> Result<Recovered, Problems> {
    let mut done = Recovered::default();
    if let Some(found) = read(state)? {
        let temporaries: Vec<PathBuf> = match &found {
            Journal::Current(entries) => {
                // Where each file stands, for the message; a file that
                // cannot be read is left as it is all the same.
                for e in entries {
                    if let Ok(st) = e.state() {
                        done.left.push((shown(&e.file), st));
                    }
                }
                entries.iter().map(|e| e.temporary.clone()).collect()
            }
            Journal::Legacy(renames) => renames.iter().map(|(t, _)| t.clone()).collect(),
            Journal::Unreadable(_) => Vec::new(),
        };
        for tmp in temporaries {
            if remove_if_there(&tmp).map_err(|p| Problems(vec![p]))? {
                done.removed += 1;
            }
        }
        remove_journal(state).map_err(|p| Problems(vec![p]))?;
    }
    done.removed += remove_strays(folders)?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A journal in `dir` for 2015.csv (renamed already) and 2016.csv (not
    /// yet), as a write killed between its renames leaves them.
    fn interrupted(dir: &Path) -> (PathBuf, PathBuf) {
        let a = dir.join("2015.csv");
        let b = dir.join("2016.csv");
        let (ta, tb) = (
            dir.join(".2015.csv.x1.kpi-tmp"),
            dir.join(".2016.csv.x2.kpi-tmp"),
        );
        fs::write(&a, "old a").unwrap();
        fs::write(&b, "old b").unwrap();
        fs::write(&ta, "new a").unwrap();
        fs::write(&tb, "new b").unwrap();
        let entries = vec![
            FileChange::new(a.clone(), ta.clone(), b"new a").unwrap(),
            FileChange::new(b.clone(), tb, b"new b").unwrap(),
        ];
        Journal::write(dir, &entries).unwrap();
        fs::rename(&ta, &a).unwrap();
        (a, b)
    }

    #[test]
    fn an_interrupted_write_whose_files_are_unchanged_is_finished() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = interrupted(dir.path());
        let finished = recover(dir.path(), &[Strays::folder(dir.path())]).unwrap();
        assert_eq!(finished, vec![b.clone()]);
        assert_eq!(fs::read(&a).unwrap(), b"new a");
        assert_eq!(fs::read(&b).unwrap(), b"new b");
        assert!(!journal::is_pending(dir.path()));
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temporary file left");
    }

    #[test]
    fn a_file_changed_since_is_never_replaced_without_being_asked() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = interrupted(dir.path());
        fs::write(&b, "edited by hand").unwrap();
        let problems = recover(dir.path(), &[Strays::folder(dir.path())]).unwrap_err();
        assert_eq!(problems.0.len(), 1);
        assert_eq!(problems.0[0].location.file, b);
        assert!(
            problems.0[0].message.contains("was changed since"),
            "{}",
            problems.0[0]
        );
        assert!(problems.0[0].to_string().contains("kpi recover --abandon"));
        assert_eq!(fs::read(&b).unwrap(), b"edited by hand");
        assert!(journal::is_pending(dir.path()));
        // Abandon: every file as it is now, nothing temporary left.
        let done = abandon(dir.path(), &[Strays::folder(dir.path())]).unwrap();
        assert_eq!(done.removed, 1);
        assert_eq!(
            done.left,
            vec![(a.clone(), State::Done), (b.clone(), State::Changed)]
        );
        assert_eq!(fs::read(&b).unwrap(), b"edited by hand");
        assert!(!journal::is_pending(dir.path()));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn finish_writes_over_a_change_when_asked_and_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let (_, b) = interrupted(dir.path());
        fs::write(&b, "edited by hand").unwrap();
        let done = finish(dir.path(), &[Strays::folder(dir.path())])
            .unwrap()
            .unwrap();
        assert_eq!(done.overwritten, vec![b.clone()]);
        assert_eq!(fs::read(&b).unwrap(), b"new b");
        assert!(!journal::is_pending(dir.path()));
        assert_eq!(finish(dir.path(), &[]).unwrap(), None);
    }

    #[test]
    fn finish_refuses_a_file_changed_after_its_rename_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = interrupted(dir.path());
        fs::write(&a, "new a, edited").unwrap();
        let problems = finish(dir.path(), &[Strays::folder(dir.path())]).unwrap_err();
        assert_eq!(problems.0.len(), 1);
        assert_eq!(problems.0[0].location.file, a);
        assert_eq!(fs::read(&a).unwrap(), b"new a, edited");
        assert_eq!(fs::read(&b).unwrap(), b"old b");
        assert!(journal::is_pending(dir.path()));
    }
}
