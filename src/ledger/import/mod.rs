//! `kpi import`'s lenient gate into the strict ledger (actuals-format.md,
//! "What `kpi import` accepts"): decode the bytes people send, find the
//! table's shape, read each cell into a figure, then merge the figures with
//! the ledger. Nothing here writes: `ledger::edit` and `ledger::write` do.

pub mod decode;
pub mod kept;
pub mod merge;
pub mod normalise;
pub mod shape;

use std::path::Path;

use rust_decimal::Decimal;

pub use decode::Encoding;
use normalise::{Context, KpiFinder};
use shape::{Header, Shape, HEADER_EXPECTED};

use crate::csv_cells;
use crate::ledger::years::FigureYears;
use crate::plan::Plan;
use crate::problem::{Location, Problem, Problems};
use crate::unterminated::unterminated_quote;
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
    /// Where it was read.
    pub location: Location,
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
}

/// What was found in one import file, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    pub encoding: Encoding,
    pub shape: FileShape,
    pub figures: usize,
    /// Cells that held no figure (empty, `-`, `—`, `―`).
    pub empty: usize,
}

/// One import file read: its figures, or the problems that refuse it
/// (warnings ride along either way).
pub struct FileRead {
    pub figures: Vec<Figure>,
    pub problems: Problems,
    pub info: Option<FileInfo>,
}

/// Read one import file's bytes against the plan. Never panics, whatever
/// the bytes; every problem is reported, not just the first.
pub fn read_file(
    plan: &Plan,
    kpis: &KpiFinder,
    path: &Path,
    bytes: &[u8],
    options: Options,
) -> FileRead {
    let mut problems = Problems::default();
    let mut figures = Vec::new();
    let (text, encoding) = match decode::decode(bytes, options.encoding) {
        Ok(decoded) => decoded,
        Err(e) => {
            problems.push(e.problem(path));
            return FileRead {
                figures,
                problems,
                info: None,
            };
        }
    };
    // A quote left open would swallow every row after it into one cell.
    if let Some(line) = unterminated_quote(&text) {
        problems.push(crate::ledger::read::unterminated(path, line));
        return FileRead {
            figures,
            problems,
            info: None,
        };
    }
    // Rows are read as they come: those above the header are kept (to find
    // it, or to say why there is none), the others read into figures.
    let mut records = csv_cells::Records::new(&text);
    let mut unreadable = Problems::default();
    let mut above = Vec::new();
    let mut found = None;
    for record in records.by_ref() {
        match record {
            Ok(row) => match shape::find_header(std::slice::from_ref(&row)) {
                Some((_, header)) => {
                    found = Some((row, header));
                    break;
                }
                None => above.push(row),
            },
            Err((line, message)) => unreadable.push(csv_cells::unreadable(path, line, &message)),
        }
    }
    let Some((header_row, header)) = found else {
        problems.extend(unreadable);
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
        return FileRead {
            figures,
            problems,
            info: None,
        };
    };
    drop(above);
    let mut header_problems_found = Problems::default();
    header_problems(plan, path, &header, options, &mut header_problems_found);
    let context = Context {
        plan,
        kpis,
        path,
        year: options.year,
        years: FigureYears::new(plan),
    };
    // A file with an unreadable record or a bad header is refused with
    // those problems alone (its rows are not read into figures, but every
    // unreadable record is still found).
    let mut reading = !unreadable.has_errors() && !header_problems_found.has_errors();
    let mut row_problems = Problems::default();
    let mut empty = 0;
    for record in records {
        match record {
            Err((line, message)) => {
                unreadable.push(csv_cells::unreadable(path, line, &message));
                reading = false;
            }
            // The header again (sheets pasted one under another) is no data.
            Ok(row) if !reading || row.is_blank() || row.cells == header_row.cells => {}
            Ok(row) => empty += context.row(&header, &row, &mut figures, &mut row_problems),
        }
    }
    problems.extend(unreadable);
    problems.extend(header_problems_found);
    if problems.has_errors() {
        return FileRead {
            figures: Vec::new(),
            problems,
            info: None,
        };
    }
    problems.extend(row_problems);
    let shape = match &header.shape {
        Shape::Long { .. } => FileShape::Long,
        Shape::Wide { years } => FileShape::Wide {
            year_columns: years.len(),
        },
    };
    let info = FileInfo {
        encoding,
        shape,
        figures: figures.len(),
        empty,
    };
    FileRead {
        figures,
        problems,
        info: Some(info),
    }
}

/// Problems of the header itself: a column named twice, a missing year,
/// columns that are not read.
fn header_problems(
    plan: &Plan,
    path: &Path,
    header: &Header,
    options: Options,
    problems: &mut Problems,
) {
    let at = || Location::line(path, header.line);
    // A wide file's year headings: a year not begun, or after the plan, said once.
    if let Shape::Wide { years } = &header.shape {
        let allowed = FigureYears::new(plan);
        for (column, year) in years {
            let what = || format!("column {} `{}`", column.index + 1, column.name);
            problems.extend(Problems(
                allowed
                    .problem_of(plan, *year, at, what)
                    .into_iter()
                    .collect(),
            ));
        }
    }
    for (first, second) in &header.duplicates {
        problems.push(csv_cells::duplicate_columns(at(), first, second));
    }
    match (&header.shape, options.year) {
        (Shape::Long { year: None, .. }, None) => problems.push(
            Problem::error(at(), "the header has no year column (year, 年度)")
                .hint("add a year column, or give the year with --year"),
        ),
        (Shape::Wide { years }, Some(wanted)) => {
            for (column, year) in years.iter().filter(|(_, y)| *y != wanted) {
                problems.push(
                    Problem::error(
                        at(),
                        format!(
                            "column {} `{}` is for {}, but --year says {}",
                            column.index + 1,
                            column.name,
                            year.0,
                            wanted.0
                        ),
                    )
                    .hint("import a file with year columns without --year"),
                );
            }
        }
        _ => {}
    }
    for column in &header.unknown {
        problems.push(csv_cells::unread_column(
            at(),
            column,
            "kpi import reads kpi (指標), year (年度), value (実績値), note (備考) and source (出典)",
        ));
    }
}
