//! `kpi import`'s lenient gate into the strict ledger (actuals-format.md,
//! "What `kpi import` accepts"): decode the bytes people send (a CSV file,
//! or a workbook's worksheets as rows of text, `book`), find the table's
//! shape, read each cell into a figure (`table`, one path whatever the
//! file), then merge the figures with the ledger. Nothing here writes:
//! `ledger::edit` and `ledger::write` do.

mod book;
mod book_checks;
mod categories;
pub mod decode;
mod find;
pub mod kept;
pub mod merge;
pub mod normalise;
pub mod shape;
mod sums;
mod table;

use std::path::Path;

use rust_decimal::Decimal;

pub use decode::Encoding;
use normalise::{Context, KpiFinder};
use shape::HEADER_EXPECTED;

use crate::csv_cells;
use crate::ledger::years::FigureYears;
use crate::plan::Plan;
use crate::problem::{Location, Problem, Problems};
use crate::unterminated::unterminated_quote;
use crate::workbook;
use crate::year::FiscalYear;

/// One figure read from an import file (or given to `kpi record`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Index of the KPI in `plan.kpis`.
    pub kpi: usize,
    pub year: FiscalYear,
    pub value: Decimal,
    pub note: Option<String>,
    pub source: Option<String>,
    /// A preliminary figure (速報値): `区分` / `flag`, `kpi record --preliminary`.
    pub preliminary: bool,
    /// Where it was read.
    pub location: Location,
    /// The categories of a category figure (breakdowns.md); none for the
    /// KPI's total.
    pub categories: Option<crate::breakdown::CategoryKey>,
}

impl Figure {
    /// A ledger's figure as an import brings it (a plan's ledger taken
    /// into its workspace's), for KPI `kpi`.
    pub fn of_actual(
        kpi: usize,
        year: FiscalYear,
        actual: &crate::ledger::Actual,
        categories: Option<crate::breakdown::CategoryKey>,
    ) -> Figure {
        Figure {
            kpi,
            year,
            value: actual.value,
            note: actual.note.clone(),
            source: actual.source.clone(),
            preliminary: actual.preliminary,
            location: actual.location.clone(),
            categories,
        }
    }
}

/// How an import file is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--encoding`: `None` detects it.
    pub encoding: Option<Encoding>,
    /// `--year`: the year of a long file without a year column.
    pub year: Option<FiscalYear>,
}

/// How an import file lays its figures out (actuals-format.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileShape {
    /// A row per figure: kpi, year, value.
    Long,
    /// A row per KPI, a column per year.
    Wide { year_columns: usize },
    /// A row per KPI and year, a column per category (and the total).
    Categories { columns: usize },
}

/// How one table of an import was read: a CSV file in its encoding, or a
/// worksheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadAs {
    Csv(Encoding),
    Sheet { kind: workbook::Kind, name: String },
}

/// What was found in one table of an import (a CSV file, or a worksheet),
/// for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    pub read_as: ReadAs,
    pub shape: FileShape,
    pub figures: usize,
    /// Cells that held no figure (empty, `-`, `—`, `―`).
    pub empty: usize,
}

impl FileInfo {
    /// The worksheet the table was read from, if it is one.
    pub fn sheet(&self) -> Option<&str> {
        match &self.read_as {
            ReadAs::Csv(_) => None,
            ReadAs::Sheet { name, .. } => Some(name),
        }
    }
}

/// One import file read: its figures, or the problems that refuse it
/// (warnings ride along either way); a table per CSV file or worksheet read,
/// and the notes to tell (a worksheet skipped).
pub struct FileRead {
    pub figures: Vec<Figure>,
    pub problems: Problems,
    pub infos: Vec<FileInfo>,
    pub notes: Vec<String>,
}

impl FileRead {
    fn refused(problem: Problem) -> FileRead {
        FileRead {
            figures: Vec::new(),
            problems: Problems(vec![problem]),
            infos: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Read one import file's bytes against the plan: a CSV file, or every
/// worksheet of a workbook. Never panics, whatever the bytes; every problem
/// is reported, not just the first.
pub fn read_file(
    plan: &Plan,
    kpis: &KpiFinder,
    path: &Path,
    bytes: &[u8],
    options: Options,
) -> FileRead {
    read_input(plan, kpis, path, bytes, options, None)
}

/// `read_file`, with `--sheet`: only the worksheet of that name or 1-based
/// number, in a workbook. A workbook is told by its content (`.xlsx`,
/// `.xlsm`, `.xls`, `.ods`); a file named like one whose content is not one
/// is refused.
pub fn read_input(
    plan: &Plan,
    kpis: &KpiFinder,
    path: &Path,
    bytes: &[u8],
    options: Options,
    sheet: Option<&str>,
) -> FileRead {
    let name = path.file_name().map(|n| n.to_string_lossy());
    match workbook::Kind::detect(bytes) {
        Some(kind) => book::read(plan, kpis, path, bytes, kind, options, sheet),
        None => match name.as_deref().and_then(workbook::Kind::by_name) {
            Some(_) => FileRead::refused(
                Problem::error(
                    Location::file(path),
                    "the file is named as a workbook, but its content is not one (.xlsx, .xlsm, .xls or .ods)",
                )
                .hint(
                    "it may be damaged, or another kind of file renamed: open it in Excel and save it again as a workbook or as CSV",
                ),
            ),
            None => read_csv(plan, kpis, path, bytes, options),
        },
    }
}

/// A CSV file: decoded, then its records through the one table reader.
fn read_csv(
    plan: &Plan,
    kpis: &KpiFinder,
    path: &Path,
    bytes: &[u8],
    options: Options,
) -> FileRead {
    let (text, encoding) = match decode::decode(bytes, options.encoding) {
        Ok(decoded) => decoded,
        Err(e) => return FileRead::refused(e.problem(path)),
    };
    // A quote left open would swallow every row after it into one cell.
    if let Some(line) = unterminated_quote(&text) {
        return FileRead::refused(crate::ledger::read::unterminated(path, line));
    }
    let context = Context {
        plan,
        kpis,
        path,
        year: options.year,
        sheet: None,
        years: FigureYears::new(plan),
    };
    let unreadable = |line: usize, message: &str| csv_cells::unreadable(path, line, message);
    match table::read(&context, csv_cells::Records::new(&text), unreadable) {
        table::Read::NoHeader {
            above,
            mut problems,
        } => {
            // Excel's "Text (tab delimited)" and European CSV look like one column.
            let separator = above
                .iter()
                .flat_map(|r| &r.cells)
                .find_map(|c| ['\t', ';'].into_iter().find(|&s| c.contains(s)));
            let hint = match separator {
                Some('\t') => format!(
                    "the file looks tab-separated: save it from Excel as CSV; it needs {HEADER_EXPECTED}"
                ),
                Some(_) => format!(
                    "the file looks separated by `;`: save it as CSV with commas; it needs {HEADER_EXPECTED}"
                ),
                None => format!("the file needs {HEADER_EXPECTED}"),
            };
            problems.push(Problem::error(Location::file(path), "no header row found").hint(hint));
            FileRead {
                figures: Vec::new(),
                problems,
                infos: Vec::new(),
                notes: Vec::new(),
            }
        }
        table::Read::Table(found) => FileRead {
            infos: found
                .info
                .map(|(shape, empty)| FileInfo {
                    read_as: ReadAs::Csv(encoding),
                    shape,
                    figures: found.figures.len(),
                    empty,
                })
                .into_iter()
                .collect(),
            figures: found.figures,
            problems: found.problems,
            notes: Vec::new(),
        },
    }
}
