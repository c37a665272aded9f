//! Where a command's output goes: stdout, or `-o FILE` replaced whole
//! (never the plan or a ledger file), for every command with an `-o`
//! (`status`, `gap`, `missing`, `report`, `template`, `export`). A workbook
//! is never written to a terminal: it needs `-o FILE` or a stdout that is
//! a file or a pipe.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::atomic;
use crate::error::{Error, Result};
use crate::ledger::import::decode::{self, Encoding};
use crate::scope::Scope;

/// Refuse, before any work, a workbook bound for a terminal, and an
/// `-o` that names no file that can be written; `example` is a file name
/// to suggest (`report.html`).
pub fn check(output: Option<&Path>, workbook: bool, example: &str) -> Result<()> {
    match output {
        None if workbook && std::io::stdout().is_terminal() => Err(Error::Usage(
            "a workbook is not written to a terminal: give -o FILE.xlsx, or redirect stdout (> FILE.xlsx)"
                .to_string(),
        )),
        None => Ok(()),
        Some(path) if path.as_os_str().is_empty() => Err(Error::Usage(format!(
            "--output: the file name is empty; name the file to write, e.g. --output {example}"
        ))),
        Some(_) => Ok(()),
    }
}

/// Whether `path` can be written as a file: not a folder. Asked after
/// `check_output` (once the plan is read), so that a ledger folder is named
/// as that, however it is spelled.
fn check_path(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(Error::Usage(format!(
            "--output {}: is a folder; name a file in it",
            path.display()
        )));
    }
    let dir = atomic::parent_or_dot(path);
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "--output {}: the folder {} does not exist; create it first; nothing was written",
            path.display(),
            dir.display()
        )));
    }
    Ok(())
}

/// Write `bytes` to `output`, or to stdout. The file is replaced whole
/// (`atomic::replace`): a reader never sees half of it, and a failure
/// leaves any earlier file as it was.
pub fn write(
    scope: &Scope,
    bytes: &[u8],
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    match output {
        None => out.write_all(bytes)?,
        Some(path) => {
            scope.check_output(Some(path))?;
            check_path(path)?;
            atomic::replace_or_say(path, bytes)
                .map_err(|p| Error::Invalid(crate::problem::Problems(vec![p])))?;
        }
    }
    Ok(())
}

/// Whether an output file's name asks for a workbook (`.xlsx`).
pub fn names_workbook(output: Option<&Path>) -> bool {
    output
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// A workbook writer's error (it only fails on what kpi gave it).
pub fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io(std::io::Error::other(format!("writing the workbook: {e}")))
}

/// A CSV sheet (the template, the exported plan) in `encoding`, to
/// `output` or stdout.
pub fn write_sheet(
    scope: &Scope,
    text: &str,
    encoding: Encoding,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let bytes = decode::encode(text, encoding).map_err(unencodable)?;
    write(scope, &bytes, output, out)
}

/// A character CP932 cannot write.
pub fn unencodable(c: char) -> Error {
    Error::Usage(format!(
        "the character `{c}` (U+{:04X}) cannot be written in CP932; use --encoding utf-8-bom",
        u32::from(c)
    ))
}
