//! Replacing a file whole, so that a reader sees its old bytes or its new
//! ones, never half: the new bytes go to a hidden temporary file in the
//! target's folder (`.name.XXXXXX.kpi-tmp`; the ledger's reader skips names
//! starting with `.`), flushed to disk, then renamed over the target, and
//! the folder is flushed so that the rename outlives a crash. The replaced
//! file keeps its permissions, owner and group (as far as the user may set
//! them); a new one gets those of any new file. A target that is a symlink
//! stays one: the file it points at is replaced. On a failure the temporary
//! file is removed and the target left as it was.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// What temporary files end with, so that strays can be found (`ledger::write::recover`).
pub const TMP_SUFFIX: &str = ".kpi-tmp";

/// The folder a path is in: its parent, or `.` for a bare file name.
pub fn parent_or_dot(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Replace `target` with `bytes`.
pub fn replace(target: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(target, bytes)?.persist()
}

/// Replace `target` with what `write` writes, for bytes too many to
/// gather first (the plan cache writes a copy of the plan, 25 MB for a
/// national one).
pub fn replace_with(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    stage_with(target, write)?.persist()
}

/// A file's new bytes, written and flushed beside it, not yet in its place.
/// Dropped, it is removed.
#[derive(Debug)]
pub struct Staged {
    file: NamedTempFile,
    target: PathBuf,
}

/// Write `bytes` to a temporary file beside `target` (beside the file it
/// points at, when it is a symlink), with the target's permissions, owner
/// and group if it exists, and flush it to disk.
pub fn stage(target: &Path, bytes: &[u8]) -> io::Result<Staged> {
    stage_with(target, |w| w.write_all(bytes))
}

/// `stage`, with the bytes written by `write`.
pub fn stage_with(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<Staged> {
    let target = &through_links(target);
    let old = fs::metadata(target).ok();
    if old.is_some() {
        not_held_open(target)?;
    }
    let kept = old.as_ref().map(|m| m.permissions());
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TMP_SUFFIX);
    #[cfg(unix)]
    if kept.is_none() {
        // As any new file: 0666 less the umask (a temporary file is 0600).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(parent_or_dot(target))?;
    crate::fault::staging()?;
    let mut buffered = io::BufWriter::with_capacity(1 << 16, file.as_file_mut());
    write(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    if let Some(old) = &old {
        keep_owner(file.as_file(), old);
    }
    if let Some(permissions) = kept {
        file.as_file().set_permissions(permissions)?;
    }
    file.as_file().sync_all()?;
    Ok(Staged {
        file,
        target: target.to_path_buf(),
    })
}

impl Staged {
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Rename it over its target and flush the folder.
    pub fn persist(self) -> io::Result<()> {
        let folder = parent_or_dot(&self.target).to_path_buf();
        self.file.persist(&self.target).map_err(|e| e.error)?;
        sync_folder(&folder)
    }

    /// Leave it where it is, for a rename later (a journal names it);
    /// its path.
    pub fn keep(self) -> io::Result<PathBuf> {
        self.file.into_temp_path().keep().map_err(|e| e.error)
    }
}

/// The file a path names once symlinks are followed (to where a link that
/// points nowhere points); the path itself when it is no link.
pub fn through_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // As the operating system does, give up on a chain of links too long.
    for _ in 0..40 {
        match fs::read_link(&path) {
            Ok(to) => path = parent_or_dot(&path).join(to),
            Err(_) => break,
        }
    }
    path
}

/// On Windows, fail as the rename would when another program (Excel) holds
/// `target` open, before any new bytes are written: a ledger write of
/// several files then changes none. Opening for writing, without
/// truncating, changes nothing. Elsewhere a rename replaces a file that
/// is open, and this does nothing.
#[cfg(windows)]
fn not_held_open(target: &Path) -> io::Result<()> {
    match fs::OpenOptions::new().append(true).open(target) {
        Ok(_) => Ok(()),
        Err(e) if held_open(e.raw_os_error()) => Err(e),
        // Any other reason (a read-only file, a folder) is the rename's to say.
        Err(_) => Ok(()),
    }
}

#[cfg(not(windows))]
fn not_held_open(_target: &Path) -> io::Result<()> {
    Ok(())
}

/// Whether a Windows error code says another program has the file open:
/// ERROR_SHARING_VIOLATION (32) or ERROR_LOCK_VIOLATION (33).
fn held_open(code: Option<i32>) -> bool {
    matches!(code, Some(32 | 33))
}

/// Give `file` the owner and group of the file it replaces: the owner only
/// as root may, the group where the user belongs to it; otherwise the new
/// file is the user's, as with any editor.
#[cfg(unix)]
fn keep_owner(file: &File, old: &fs::Metadata) {
    use std::os::unix::fs::{fchown, MetadataExt};
    let (uid, gid) = (old.uid(), old.gid());
    if let Ok(new) = file.metadata() {
        if (new.uid(), new.gid()) == (uid, gid) {
            return;
        }
    }
    if fchown(file, Some(uid), Some(gid)).is_err() {
        let _ = fchown(file, None, Some(gid));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _old: &fs::Metadata) {}

/// Why writing `path` failed, for people: the path, what was being done,
/// the system's reason, and what to do.
pub fn failed(path: &Path, doing: &str, e: &io::Error) -> crate::problem::Problem {
    use crate::problem::{Location, Problem};
    let folder = parent_or_dot(path);
    if let Some((message, hint)) = open_elsewhere(path, doing, e.raw_os_error(), cfg!(windows)) {
        return Problem::error(Location::file(path), message).hint(hint);
    }
    let hint = match e.kind() {
        io::ErrorKind::PermissionDenied => format!(
            "check that you may write in {} (its permissions and owner)",
            folder.display()
        ),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            format!("free some space on the disk of {}", folder.display())
        }
        io::ErrorKind::ReadOnlyFilesystem => format!(
            "{} is on a read-only file system: write somewhere else",
            folder.display()
        ),
        io::ErrorKind::NotFound => format!("check that the folder {} exists", folder.display()),
        io::ErrorKind::IsADirectory => format!(
            "{} is a folder: name a file, e.g. {}",
            path.display(),
            path.join("out.csv").display()
        ),
        _ => format!("check {} and try again", folder.display()),
    };
    Problem::error(Location::file(path), format!("cannot {doing}: {e}")).hint(hint)
}

/// On Windows, the words for a file another program holds open (Excel
/// keeps a workbook or CSV it shows open): which file, and to close it.
/// A rename over such a file is refused as a sharing violation or, for
/// some programs, as access denied (ERROR_ACCESS_DENIED, 5), which also
/// means a read-only file: that hint names both.
fn open_elsewhere(
    path: &Path,
    doing: &str,
    code: Option<i32>,
    windows: bool,
) -> Option<(String, String)> {
    if !windows {
        return None;
    }
    // The problem's place names the path; the hint names the file as
    // Excel's title bar and Explorer show it.
    let text = path.to_string_lossy();
    let name = text.rsplit(['\\', '/']).next().unwrap_or(&text);
    if held_open(code) {
        Some((
            format!("cannot {doing}: the file is open in another program"),
            format!("close {name} in the program that has it open (Excel, an editor), then run the command again"),
        ))
    } else if code == Some(5) {
        Some((
            format!("cannot {doing}: access to the file is denied"),
            format!("if {name} is open in another program (Excel, an editor), close it there; if it is read-only, clear that in its properties; then run the command again"),
        ))
    } else {
        None
    }
}

/// `replace`, its failure said as `failed` says it: the output was not
/// written and no temporary file is left.
pub fn replace_or_say(target: &Path, bytes: &[u8]) -> Result<(), crate::problem::Problem> {
    replace(target, bytes).map_err(|e| {
        let mut problem = failed(target, "write the file", &e);
        problem.message.push_str("; nothing was written");
        problem
    })
}

/// Flush a folder's entries (a rename) to disk. Not every platform can.
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_content_is_replaced_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.html");
        replace(&target, b"first").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"first");
        replace(&target, b"second").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"second");
        assert_eq!(names(dir.path()), ["report.html"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_replaced_files_permissions_are_kept_and_a_new_file_is_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("2015.csv");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        replace(&target, b"new").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), 0o640);
        // A new file is as `File::create` makes it, not the 0600 of a temporary file.
        let fresh = dir.path().join("fresh.csv");
        replace(&fresh, b"new").unwrap();
        let plain = dir.path().join("plain.csv");
        File::create(&plain).unwrap();
        assert_eq!(mode(&fresh), mode(&plain));
    }

    #[test]
    fn a_failed_write_leaves_the_target_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder that does not exist: nothing is written, even as root.
        let missing = dir.path().join("no-such-folder/report.html");
        assert!(replace(&missing, b"x").is_err());
        assert!(!dir.path().join("no-such-folder").exists());
        // A target that is a folder: the rename fails after the write,
        // and the temporary file is removed.
        let folder = dir.path().join("actuals");
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("2015.csv"), "kept").unwrap();
        assert!(replace(&folder, b"x").is_err());
        assert_eq!(names(dir.path()), ["actuals"]);
        assert_eq!(fs::read(folder.join("2015.csv")).unwrap(), b"kept");
    }

    #[test]
    fn a_staged_file_kept_waits_under_a_hidden_name_beside_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("2015.csv");
        let staged = stage(&target, b"new").unwrap();
        assert_eq!(staged.target(), target);
        let tmp = staged.keep().unwrap();
        assert_eq!(tmp.parent(), Some(dir.path()));
        let name = tmp.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(".2015.csv.") && name.ends_with(TMP_SUFFIX),
            "{name}"
        );
        assert_eq!(fs::read(&tmp).unwrap(), b"new");
        assert!(!target.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_symlink_and_the_file_it_points_at_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("shared")).unwrap();
        let real = dir.path().join("shared/2015.csv");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("2015.csv");
        std::os::unix::fs::symlink("shared/2015.csv", &link).unwrap();
        replace(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(names(&dir.path().join("shared")), ["2015.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_replaced_files_owner_and_group_are_kept_where_the_user_may() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("2015.csv");
        fs::write(&target, "old").unwrap();
        // Only root can give a file away; others keep their own files' owner.
        let given = std::os::unix::fs::chown(&target, Some(65534), Some(65534)).is_ok();
        let before = fs::metadata(&target).unwrap();
        replace(&target, b"new").unwrap();
        let after = fs::metadata(&target).unwrap();
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        if given {
            assert_eq!(after.uid(), 65534);
        }
    }

    #[test]
    fn the_folder_of_a_bare_name_is_here() {
        assert_eq!(parent_or_dot(Path::new("report.html")), Path::new("."));
        assert_eq!(
            parent_or_dot(Path::new("out/report.html")),
            Path::new("out")
        );
        assert_eq!(parent_or_dot(Path::new("/report.html")), Path::new("/"));
    }

    #[test]
    fn a_file_open_in_another_windows_program_is_named_with_what_to_do() {
        let path = Path::new(r"actuals\2019.csv");
        let (message, hint) =
            open_elsewhere(path, "replace the ledger file", Some(32), true).unwrap();
        assert_eq!(
            message,
            "cannot replace the ledger file: the file is open in another program"
        );
        assert_eq!(
            hint,
            "close 2019.csv in the program that has it open (Excel, an editor), then run the command again"
        );
        let (message, hint) = open_elsewhere(path, "write the file", Some(5), true).unwrap();
        assert_eq!(
            message,
            "cannot write the file: access to the file is denied"
        );
        assert!(
            hint.starts_with("if 2019.csv is open in another program"),
            "{hint}"
        );
        assert!(open_elsewhere(path, "write the file", Some(33), true).is_some());
        // Other codes, and every code elsewhere, are said as before.
        assert_eq!(open_elsewhere(path, "write the file", Some(2), true), None);
        assert_eq!(
            open_elsewhere(path, "write the file", Some(32), false),
            None
        );
        assert_eq!(open_elsewhere(path, "write the file", None, true), None);
    }
}
