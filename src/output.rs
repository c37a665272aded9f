//! Where a command's output goes: stdout, or `-o FILE` replaced whole
//! (never the plan or a ledger file), for every command with an `-o`
//! (`status`, `gap`, `missing`, `report`, `template`, `export`). A workbook
//! is never written to a terminal: it needs `-o FILE` or a stdout that is
//! a file or a pipe.

use std::io::Write;
use std::path::Path;

use crate::atomic;
use crate::error::{Error, Result};
use crate::ledger::import::decode::{self, Encoding};
use crate::render::many::{Format, Many, Output, Part, Tabular};
use crate::render::Style;
use crate::scope::Scope;

/// Refuse, before any work, a workbook bound for a terminal, and an
/// `-o` that names no file that can be written; `example` is a file name
/// to suggest (`report.html`).
pub fn check(output: Option<&Path>, workbook: bool, example: &str) -> Result<()> {
    match output {
        None if workbook && crate::settings::env().stdout_is_terminal() => Err(Error::Usage(
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

/// Where a command's output goes: stdout, or `-o FILE`. A file is
/// guarded once, when the sink is opened (never over what the scope reads,
/// `Scope::check_output`), held in memory, and replaced whole by `finish`
/// (`atomic::replace`): a reader never sees half of it, and a failure
/// leaves any earlier file as it was. On stdout, bytes are streamed (a
/// national plan's JSON is too big to hold twice); a reader that stops
/// early is `main`'s to forgive (a broken pipe).
pub struct Sink<'a> {
    to: To<'a>,
}

enum To<'a> {
    Stdout(&'a mut dyn Write),
    File { path: &'a Path, bytes: Vec<u8> },
}

impl<'a> Sink<'a> {
    /// The sink for `output` (else stdout), refused before any work if it
    /// would write over what `scope` reads.
    pub fn open(
        scope: &Scope,
        output: Option<&'a Path>,
        out: &'a mut dyn Write,
    ) -> Result<Sink<'a>> {
        scope.check_output(output)?;
        let to = match output {
            None => To::Stdout(out),
            Some(path) => To::File {
                path,
                bytes: Vec::new(),
            },
        };
        Ok(Sink { to })
    }

    /// Whether the output goes to a file (not laid out for a terminal).
    pub fn is_file(&self) -> bool {
        matches!(self.to, To::File { .. })
    }

    /// Write the file, if the output is one; stdout is flushed by `main`.
    pub fn finish(self) -> Result<()> {
        match self.to {
            To::Stdout(_) => Ok(()),
            To::File { path, bytes } => {
                check_path(path)?;
                atomic::replace_or_say(path, &bytes)
                    .map_err(|p| Error::Invalid(crate::problem::Problems(vec![p])))
            }
        }
    }

    /// `bytes`, whole, then `finish`.
    pub fn write_whole(mut self, bytes: &[u8]) -> Result<()> {
        self.write_all(bytes)?;
        self.finish()
    }

    /// A CSV sheet (the template, the exported plan) in `encoding`, then `finish`.
    pub fn write_sheet(self, text: &str, encoding: Encoding) -> Result<()> {
        let bytes = decode::encode(text, encoding).map_err(unencodable)?;
        self.write_whole(&bytes)
    }
}

impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.to {
            To::Stdout(out) => out.write(buf),
            To::File { bytes, .. } => {
                bytes.extend_from_slice(buf);
                Ok(buf.len())
            }
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.to {
            To::Stdout(out) => out.write_all(buf),
            To::File { bytes, .. } => {
                bytes.extend_from_slice(buf);
                Ok(())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.to {
            To::Stdout(out) => out.flush(),
            To::File { .. } => Ok(()),
        }
    }
}

/// `--encoding` of a command's CSV output (`status`, `gap`, `missing`):
/// utf-8, as without it, utf-8-bom or cp932; for any other format it is a
/// usage error, as the other formats are UTF-8 (or a workbook).
pub fn csv_encoding(label: Option<&str>, csv: bool) -> Result<Encoding> {
    match label {
        None => Ok(Encoding::Utf8),
        Some(_) if !csv => Err(Error::Usage(
            "--encoding is for --format csv: the other formats are UTF-8 (or a workbook)"
                .to_string(),
        )),
        Some(label) => encoding_arg(label),
    }
}

/// A CSV's text in `encoding` (UTF-8 as it is).
pub fn encoded(text: &str, encoding: Encoding) -> Result<Vec<u8>> {
    decode::encode(text, encoding).map_err(unencodable)
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

/// A character CP932 cannot write.
pub fn unencodable(c: char) -> Error {
    Error::Usage(format!(
        "the character `{c}` (U+{:04X}) cannot be written in CP932; use --encoding utf-8-bom",
        u32::from(c)
    ))
}

/// The covered members' documents, as `Output`: one member's alone (it
/// prints what the plan alone prints), or several in a workspace's frame.
pub fn of<'a, D>(scope: &'a Scope, docs: Vec<D>) -> Output<'a, D> {
    match scope.workspace() {
        Some(loaded) if docs.len() != 1 => {
            let root = loaded.workspace.root();
            let parts = scope
                .covered_members()
                .zip(docs)
                .map(|(m, doc)| Part {
                    name: &m.name,
                    path: crate::render::many::relative(&m.plan.path, root),
                    doc,
                })
                .collect();
            Output::Many(Many {
                name: &loaded.workspace.file.name,
                parts,
            })
        }
        _ => match docs.into_iter().next() {
            Some(doc) => Output::One(doc),
            None => Output::Many(Many {
                name: "",
                parts: Vec::new(),
            }),
        },
    }
}

/// The style every member's is made from (each prints its own plan's
/// years): a file is not laid out for the terminal's width.
pub fn base_style(global: &crate::settings::Settings, file: bool) -> Style {
    let mut style = Style::of(global, Default::default());
    if file {
        style.width = None;
    }
    style
}

/// A table-like command's output (`status`, `gap`) in `format`, into
/// `sink`: one member as the plan alone prints it, several as the
/// workspace does, `summary` above their sections in a terminal table.
pub fn emit<D: Tabular>(
    output: Output<'_, D>,
    format: Format,
    base: &Style,
    summary: impl FnOnce(&Many<'_, D>) -> String,
    encoding: Encoding,
    mut sink: Sink,
) -> Result<()> {
    let style_of = |d: &D| crate::render::many::style_for(d.plan(), base);
    let bytes = match (format, &output) {
        // Streamed: a national-scale plan's JSON is too big to hold twice.
        (Format::Json, Output::One(doc)) => {
            doc.write_json(&mut sink)?;
            return finish_output(sink, output);
        }
        (Format::Json, Output::Many(many)) => {
            many.write_json(&NoExtra {}, &mut sink)?;
            return finish_output(sink, output);
        }
        (Format::Table, Output::One(doc)) => doc.text(&style_of(doc)).into_bytes(),
        (Format::Table, Output::Many(many)) => {
            many.sections(base, summary(many), None).into_bytes()
        }
        (Format::Markdown, Output::One(doc)) => doc.markdown(&style_of(doc)).into_bytes(),
        (Format::Markdown, Output::Many(many)) => many.markdown(base).into_bytes(),
        (Format::Csv, Output::One(doc)) => {
            encoded(&doc.table().csv().map_err(csv_error)?, encoding)?
        }
        (Format::Csv, Output::Many(many)) => {
            encoded(&many.table().csv().map_err(csv_error)?, encoding)?
        }
        (Format::Xlsx, Output::One(doc)) => {
            crate::workbook::write::tables(&[doc.sheet(base.lang)]).map_err(xlsx_error)?
        }
        (Format::Xlsx, Output::Many(many)) => {
            crate::workbook::write::tables(&many.sheets(base.lang)).map_err(xlsx_error)?
        }
    };
    sink.write_all(&bytes)?;
    finish_output(sink, output)
}

/// `emit` with nothing above several members' sections (`gap`, `compare`).
pub fn emit_plain<D: Tabular>(
    output: Output<'_, D>,
    format: Format,
    base: &Style,
    encoding: Encoding,
    sink: Sink,
) -> Result<()> {
    emit(output, format, base, |_| String::new(), encoding, sink)
}

/// No entries beyond the workspace's own in its JSON document.
#[derive(serde::Serialize)]
pub struct NoExtra {}

fn finish_output<D>(sink: Sink, output: Output<'_, D>) -> Result<()> {
    sink.finish()?;
    // Left to the operating system, as a command leaves what it read (`cmd::finish`).
    std::mem::forget(output);
    Ok(())
}

fn csv_error(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e))
}

/// Whether to write a workbook: as `--format` says (`Some(true)` for
/// xlsx), else as the output file's name says. A CSV asked for into a
/// `.xlsx` file, or a workbook into another name, is refused: the file
/// would not open.
pub fn workbook_format(asked: Option<bool>, output: Option<&Path>) -> Result<bool> {
    let named = names_workbook(output);
    match (asked, output) {
        (None, _) => Ok(named),
        (Some(false), Some(path)) if named => Err(Error::Usage(format!(
            "--format csv, but {} is named as a workbook; name it .csv, or give --format xlsx",
            path.display()
        ))),
        (Some(true), Some(path)) if !named => Err(Error::Usage(format!(
            "--format xlsx, but {} is not named .xlsx (Excel would not open it); name it .xlsx",
            path.display()
        ))),
        (Some(workbook), _) => Ok(workbook),
    }
}

/// An `--encoding` for a sheet kpi writes: utf-8-bom, cp932 or utf-8.
pub fn encoding_arg(label: &str) -> Result<Encoding> {
    Encoding::from_label(label).ok_or_else(|| {
        Error::Usage(format!(
            "--encoding: unknown encoding \"{label}\"; use utf-8-bom, cp932 or utf-8"
        ))
    })
}
