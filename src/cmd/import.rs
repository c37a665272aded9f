//! `kpi import`: year-end import of CSV files and workbooks into the ledger
//! (actuals-format.md, "What `kpi import` accepts"). Also the steps that
//! `kpi record` shares: lock, finish an interrupted write, merge, summarise,
//! write.

pub use crate::args::import::ImportArgs;

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::ingest::Session;
use crate::ledger::import::{self, decode, Encoding, Options};
use crate::problem::{Location, Problem, Problems};
use crate::select;
use crate::settings::Settings;

/// `kpi import`'s arguments, checked.
#[derive(Debug)]
pub struct ImportSettings {
    pub files: Vec<PathBuf>,
    /// `--sheet`: the one worksheet of each workbook to read.
    pub sheet: Option<String>,
    pub options: Options,
    pub replace: bool,
    pub dry_run: bool,
}

impl ImportArgs {
    pub fn settings(&self) -> Result<ImportSettings> {
        let encoding = self
            .encoding
            .as_deref()
            .map(|label| {
                Encoding::from_label(label).ok_or_else(|| {
                    Error::Usage(format!(
                        "--encoding: unknown encoding \"{label}\"; use one of {}",
                        decode::LABELS
                    ))
                })
            })
            .transpose()?;
        let year = self.year.as_deref().map(select::parse_year).transpose()?;
        Ok(ImportSettings {
            files: self.files.clone(),
            sheet: self.sheet.clone(),
            options: Options { encoding, year },
            replace: self.replace,
            dry_run: self.dry_run,
        })
    }
}

pub fn run(global: &Settings, settings: &ImportSettings, out: &mut dyn Write) -> Result<i32> {
    let options = settings.options;
    let session = Session::start(global, settings.dry_run)?;
    let kpis = session.finder();
    let mut figures = Vec::new();
    let mut problems = Problems::default();
    let mut infos = Vec::new();
    let mut workbooks = 0;
    for path in &settings.files {
        // A folder or a FIFO is named, not read (a FIFO would block for ever).
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() {
                let what = if meta.is_dir() {
                    "a folder"
                } else {
                    "not a regular file (a FIFO, a socket or a device)"
                };
                problems.push(
                    Problem::error(
                        Location::file(path),
                        format!("this is {what}, not a file to import"),
                    )
                    .hint("name the CSV or workbook file to import"),
                );
                continue;
            }
        }
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.push(
                    Problem::error(Location::file(path), format!("cannot read the file: {e}"))
                        .hint("check the file's name and that it can be read"),
                );
                continue;
            }
        };
        workbooks += usize::from(crate::workbook::Kind::detect(&bytes).is_some());
        let read = import::read_input(
            &session.plan,
            &kpis,
            path,
            &bytes,
            options,
            settings.sheet.as_deref(),
        );
        if figures.is_empty() {
            figures = read.figures; // one file, the usual case: no copy
        } else {
            figures.extend(read.figures);
        }
        problems.extend(read.problems);
        for note in read.notes {
            eprintln!("note: {note}");
        }
        infos.extend(read.infos.into_iter().map(|info| (path.clone(), info)));
    }
    if settings.sheet.is_some() && workbooks == 0 && !problems.has_errors() {
        return Err(Error::Usage(
            "--sheet chooses a worksheet of a workbook (.xlsx, .xlsm, .xls, .ods), but no file given is one"
                .to_string(),
        ));
    }
    // A national import holds a hundred thousand figures until written.
    figures.shrink_to_fit();
    session.finish(figures, problems, &infos, settings.replace, out)
}
