//! The journal of a ledger write that replaces several files
//! (`.kpi-journal.json` beside the plan). It is written after every new
//! file is in place beside its old one and before the first rename, and
//! removed after the last, so that a write killed between two renames can
//! be finished later, or given up.
//!
//! For each file it names the file, its temporary file (both relative to
//! the plan's folder, so that a moved or cloned folder keeps its journal),
//! the digest of the content it replaces (`null` for a new file) and of the
//! content it writes. A file is finished only while it still holds the old
//! content; a file that holds neither was changed since (edited by hand, or
//! another commit checked out), and is never written over without being
//! asked (`kpi recover --finish`).

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::problem::{Location, Problem};

/// The journal's name, in the plan's folder.
pub const JOURNAL_NAME: &str = ".kpi-journal.json";

/// The journal format this build writes.
const FORMAT: u32 = 2;

/// The way out, said with every problem of a journal that cannot be
/// finished on its own.
pub const WAY_OUT: &str = "run `kpi recover` to see each file; then `kpi recover --abandon` keeps \
     every ledger file as it is now (import again afterwards), or `kpi recover --finish` writes \
     the interrupted import's version of each file, over any change since";

/// The way out for a file whose new version is gone: `--finish` cannot.
pub const WAY_OUT_GONE: &str = "run `kpi recover` to see each file; then `kpi recover --abandon` keeps \
     every ledger file as it is now (import again afterwards); `kpi recover --finish` cannot, as the \
     import's version of this file is gone";

/// The digest of some content, as the journal writes it.
pub fn digest(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in hash.iter() {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

/// The digest of a file's content; `None` when there is no such file.
fn file_digest(path: &Path) -> io::Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(digest(&bytes))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// One file a write replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// The file renamed over (a symlink's target, not the link).
    pub file: PathBuf,
    /// Its new content, waiting beside it.
    pub temporary: PathBuf,
    /// The digest of the content it replaces; `None` for a new file.
    pub old: Option<String>,
    /// The digest of the content it writes.
    pub new: String,
}

/// Where an entry of a journal found stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The file holds its old content and its new one waits: the rename
    /// is still to be done.
    Pending,
    /// The file holds its new content already.
    Done,
    /// The file holds neither: it was changed since the write began; its
    /// new content still waits beside it.
    Changed,
    /// The file holds neither, and its new content is gone: most likely it
    /// was renamed in place, then changed. Nothing can give it the new
    /// content now (issue 24, item 22).
    ChangedAndGone,
    /// The file holds its old content, but its new content is gone (the
    /// temporary file was removed or changed).
    Lost,
}

impl State {
    /// True when `kpi recover --finish` cannot give the file the import's
    /// new content: it is gone.
    pub fn unfinishable(self) -> bool {
        matches!(self, State::Lost | State::ChangedAndGone)
    }

    /// What `kpi recover --finish` does to the file.
    pub fn finish_words(self) -> &'static str {
        match self {
            State::Pending => "--finish puts the new version in place",
            State::Done => "--finish leaves it as it is",
            State::Changed => "--finish writes the import's new version over the changes",
            State::Lost | State::ChangedAndGone => "--finish cannot give it that version",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            State::Pending => {
                "still holds its old content; the import's new version waits beside it"
            }
            State::Done => "already holds the import's new content",
            State::Changed => "was changed since the import began to replace it",
            State::ChangedAndGone => {
                "was changed since, and the import's new version of it is gone"
            }
            State::Lost => "holds its old content, but the import's new version of it is gone",
        }
    }
}

/// A journal found beside the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Journal {
    /// Written by this build: every file with its digests.
    Current(Vec<FileChange>),
    /// Written by a build before digests (absolute paths, renames only):
    /// no file can be known to be unchanged.
    Legacy(Vec<(PathBuf, PathBuf)>),
    /// Not a journal that can be read (edited or cut by hand).
    Unreadable(String),
}

#[derive(Serialize, Deserialize)]
struct Document {
    kpi_journal: u32,
    files: Vec<DocumentEntry>,
}

#[derive(Serialize, Deserialize)]
struct DocumentEntry {
    file: String,
    temporary: String,
    old: Option<String>,
    new: String,
}

/// The path of the journal in `state`, the plan's folder.
pub fn path(state: &Path) -> PathBuf {
    state.join(JOURNAL_NAME)
}

/// True when a journal is waiting in `state`: an interrupted write.
pub fn is_pending(state: &Path) -> bool {
    fs::symlink_metadata(path(state)).is_ok()
}

/// The warning every command that reads the ledger gives while a journal
/// is pending (an error for `validate` and `check`).
pub fn pending_problem(state: &Path) -> Option<Problem> {
    is_pending(state).then(|| {
        Problem::warning(
            Location::file(&path(state)),
            "an import was interrupted while it replaced ledger files, so the ledger may be part old, part new",
        )
        .hint(
            "run `kpi recover` to see each file; the next `kpi import` or `kpi record` finishes the \
             interrupted import when no file has changed since",
        )
    })
}

impl FileChange {
    /// An entry for replacing `file` (already through its links) with
    /// `new` bytes waiting in `temporary`.
    pub fn new(file: PathBuf, temporary: PathBuf, new: &[u8]) -> io::Result<FileChange> {
        let old = file_digest(&file)?;
        Ok(FileChange {
            file,
            temporary,
            old,
            new: digest(new),
        })
    }

    /// Where the file stands now.
    pub fn state(&self) -> io::Result<State> {
        let now = file_digest(&self.file)?;
        if now.as_deref() == Some(self.new.as_str()) {
            return Ok(State::Done);
        }
        let waiting = file_digest(&self.temporary)?.is_some_and(|w| w == self.new);
        Ok(match (now == self.old, waiting) {
            (true, true) => State::Pending,
            (true, false) => State::Lost,
            (false, true) => State::Changed,
            (false, false) => State::ChangedAndGone,
        })
    }
}

impl Journal {
    /// The journal in `state`, if there is one.
    pub fn read(state: &Path) -> io::Result<Option<Journal>> {
        let text = match fs::read(path(state)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(Some(Journal::parse(state, &text)))
    }

    fn parse(state: &Path, text: &[u8]) -> Journal {
        if let Ok(doc) = serde_json::from_slice::<Document>(text) {
            if doc.kpi_journal == FORMAT {
                let at = |rel: &str| state.join(rel);
                return Journal::Current(
                    doc.files
                        .into_iter()
                        .map(|e| FileChange {
                            file: at(&e.file),
                            temporary: at(&e.temporary),
                            old: e.old,
                            new: e.new,
                        })
                        .collect(),
                );
            }
            return Journal::Unreadable(format!(
                "it is of format {}, which this kpi does not know",
                doc.kpi_journal
            ));
        }
        match serde_json::from_slice::<serde_json::Value>(text) {
            Ok(value) if value.get("renames").is_some() => {
                let renames = value["renames"]
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
                    .unwrap_or_default();
                Journal::Legacy(renames)
            }
            Ok(_) => Journal::Unreadable("it is not a journal kpi wrote".to_string()),
            Err(e) => Journal::Unreadable(format!("it is not valid JSON ({e})")),
        }
    }

    /// Write the journal of `entries` into `state`, atomically, with paths
    /// relative to `state`.
    pub fn write(state: &Path, entries: &[FileChange]) -> io::Result<()> {
        let base = real_folder(state)?;
        let mut files = Vec::with_capacity(entries.len());
        for e in entries {
            let rel = |p: &Path| -> io::Result<String> {
                let real = real_folder(crate::atomic::parent_or_dot(p))?
                    .join(p.file_name().unwrap_or_default());
                let rel = relative(&base, &real);
                rel.to_str()
                    .map(str::to_string)
                    .ok_or_else(|| io::Error::other(format!("{} is not a UTF-8 path", p.display())))
            };
            files.push(DocumentEntry {
                file: rel(&e.file)?,
                temporary: rel(&e.temporary)?,
                old: e.old.clone(),
                new: e.new.clone(),
            });
        }
        let doc = Document {
            kpi_journal: FORMAT,
            files,
        };
        let text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
        crate::atomic::replace(&path(state), text.as_bytes())
    }
}

/// A folder as the file system finds it, symlinks followed.
fn real_folder(dir: &Path) -> io::Result<PathBuf> {
    fs::canonicalize(dir)
}

/// `path` relative to `base`, both absolute and free of `.` and `..`.
pub fn relative(base: &Path, path: &Path) -> PathBuf {
    let base: Vec<Component> = base.components().collect();
    let path_parts: Vec<Component> = path.components().collect();
    let common = base
        .iter()
        .zip(&path_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for part in &path_parts[common..] {
        out.push(part);
    }
    out
}

/// A path as messages show it: without a leading `./`.
pub fn shown(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_plans_folder() {
        assert_eq!(
            relative(Path::new("/a/plan"), Path::new("/a/plan/actuals/2015.csv")),
            Path::new("actuals/2015.csv")
        );
        assert_eq!(
            relative(Path::new("/a/plan"), Path::new("/a/shared/2015.csv")),
            Path::new("../shared/2015.csv")
        );
    }

    #[test]
    fn a_journal_written_in_one_folder_reads_in_another_it_was_copied_to() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first");
        fs::create_dir_all(first.join("actuals")).unwrap();
        let file = first.join("actuals/2015.csv");
        fs::write(&file, "old").unwrap();
        let tmp = first.join("actuals/.2015.csv.x.kpi-tmp");
        fs::write(&tmp, "new").unwrap();
        let entry = FileChange::new(file.clone(), tmp.clone(), b"new").unwrap();
        assert_eq!(entry.old, Some(digest(b"old")));
        assert_eq!(entry.state().unwrap(), State::Pending);
        Journal::write(&first, std::slice::from_ref(&entry)).unwrap();
        let text = fs::read_to_string(path(&first)).unwrap();
        assert!(text.contains("\"actuals/2015.csv\""), "{text}");
        assert!(!text.contains(&dir.path().display().to_string()), "{text}");
        // The folder moved: the journal names the files in their new place.
        let second = dir.path().join("second");
        fs::rename(&first, &second).unwrap();
        let Some(Journal::Current(entries)) = Journal::read(&second).unwrap() else {
            panic!("no journal");
        };
        assert_eq!(entries[0].file, second.join("actuals/2015.csv"));
        assert_eq!(entries[0].state().unwrap(), State::Pending);
        // Edited by hand: changed. Holding the new content: done.
        fs::write(&entries[0].file, "edited").unwrap();
        assert_eq!(entries[0].state().unwrap(), State::Changed);
        fs::write(&entries[0].file, "new").unwrap();
        assert_eq!(entries[0].state().unwrap(), State::Done);
        // Old content, but the new one gone: lost.
        fs::write(&entries[0].file, "old").unwrap();
        fs::remove_file(&entries[0].temporary).unwrap();
        assert_eq!(entries[0].state().unwrap(), State::Lost);
    }

    #[test]
    fn an_older_journal_and_a_damaged_one_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            path(dir.path()),
            r#"{"renames":[["/x/.a.kpi-tmp","/x/a"]]}"#,
        )
        .unwrap();
        assert!(matches!(
            Journal::read(dir.path()).unwrap(),
            Some(Journal::Legacy(r)) if r.len() == 1
        ));
        fs::write(path(dir.path()), "{\"kpi_jour").unwrap();
        assert!(matches!(
            Journal::read(dir.path()).unwrap(),
            Some(Journal::Unreadable(_))
        ));
        fs::remove_file(path(dir.path())).unwrap();
        assert_eq!(Journal::read(dir.path()).unwrap(), None);
    }
}
