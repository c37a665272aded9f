//! Writing `evaluations/A.json` (`kpi publish`): never over a published
//! file unless asked (`--replace`), and then the replaced one is kept as
//! `A.replaced-N.json`; the new file appears whole or not at all.

use std::path::{Path, PathBuf};

use crate::atomic;
use crate::problem::{Location, Problem};
use crate::year::FiscalYear;

/// What `write` did.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub file: PathBuf,
    /// Where the replaced file was kept, with `--replace` over one.
    pub kept: Option<PathBuf>,
}

/// The first `A.replaced-N.json` (N from 1) not yet in `folder`.
pub fn replaced_name(folder: &Path, year: FiscalYear) -> PathBuf {
    (1..)
        .map(|n| folder.join(format!("{}.replaced-{n}.json", year.0)))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| folder.join(format!("{}.replaced.json", year.0)))
}

/// Refuse to write over a published file without `replace`: exit 2,
/// naming it. Asked before any work.
pub fn check_free(folder: &Path, year: FiscalYear, replace: bool) -> Result<(), Problem> {
    let file = super::file_of(folder, year);
    if replace || std::fs::symlink_metadata(&file).is_err() {
        return Ok(());
    }
    Err(Problem::error(
        Location::file(&file),
        format!(
            "the evaluation of {} is already published; nothing was written",
            year.0
        ),
    )
    .hint("a published evaluation stays as published; to publish it again, give --replace (the file now there is kept as YEAR.replaced-N.json)"))
}

/// Write `bytes` as the published evaluation of `year` in `folder`
/// (created if needed). With `replace`, an existing file is first kept
/// under `replaced_name` (a hard link, else a copy), then the new one is
/// renamed over it.
pub fn write(
    folder: &Path,
    year: FiscalYear,
    bytes: &[u8],
    replace: bool,
) -> Result<Written, Problem> {
    check_free(folder, year, replace)?;
    let file = super::file_of(folder, year);
    std::fs::create_dir_all(folder).map_err(|e| {
        Problem::error(
            Location::file(folder),
            format!("cannot create the evaluations folder: {e}; nothing was written"),
        )
    })?;
    // Staged first: a failure leaves every published file as it was.
    let staged = atomic::stage(&file, bytes)
        .map_err(|e| with_nothing(atomic::failed(&file, "write the file", &e)))?;
    let kept = match std::fs::symlink_metadata(&file) {
        Ok(_) => {
            let kept = replaced_name(folder, year);
            keep(&file, &kept)
                .map_err(|e| with_nothing(atomic::failed(&kept, "keep the replaced file", &e)))?;
            Some(kept)
        }
        Err(_) => None,
    };
    staged
        .persist()
        .map_err(|e| atomic::failed(&file, "write the file", &e))?;
    Ok(Written { file, kept })
}

/// `file` also under the name `kept`: a hard link (instant, the same
/// bytes), else a copy written whole.
fn keep(file: &Path, kept: &Path) -> std::io::Result<()> {
    if std::fs::hard_link(file, kept).is_ok() {
        return Ok(());
    }
    let bytes = std::fs::read(file)?;
    atomic::replace(kept, &bytes)
}

fn with_nothing(mut p: Problem) -> Problem {
    p.message.push_str("; nothing was written");
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_file_is_kept_when_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("evaluations");
        let year = FiscalYear(2018);
        let first = write(&folder, year, b"first", false).unwrap();
        assert_eq!(first.kept, None);
        let refused = write(&folder, year, b"second", false).unwrap_err();
        assert!(refused.message.contains("already published"), "{refused:?}");
        assert_eq!(std::fs::read(&first.file).unwrap(), b"first");
        let second = write(&folder, year, b"second", true).unwrap();
        let kept = second.kept.unwrap();
        assert!(kept.ends_with("2018.replaced-1.json"), "{kept:?}");
        assert_eq!(std::fs::read(&kept).unwrap(), b"first");
        assert_eq!(std::fs::read(&second.file).unwrap(), b"second");
        let third = write(&folder, year, b"third", true).unwrap();
        assert!(third.kept.unwrap().ends_with("2018.replaced-2.json"));
        assert_eq!(std::fs::read(&kept).unwrap(), b"first");
    }
}
