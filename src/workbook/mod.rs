//! The workbooks offices send back (`.xlsx`, `.xlsm`, `.xls`, `.ods`), read
//! into a grid of typed cells for `kpi import` (actuals-format.md).
//!
//! Values come from the `calamine` crate; what calamine does not expose
//! (percent number formats, formulas without a cached value, merged cells
//! of OpenDocument) is read from the file's own records (`xml_facts`,
//! `biff`). The import turns the grid into the same rows of text a CSV
//! gives (`rows`), so one path reads every file.

mod biff;
mod limits;
pub mod number;
mod ods_facts;
pub mod rows;
mod wide;
pub mod write;
mod xlsx;
mod xml_facts;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader};

pub use number::Date;
pub use xml_facts::Region;
use xml_facts::{Place, SheetFacts};

/// Which kind of workbook, told from the file's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Office Open XML: `.xlsx`, `.xlsm`.
    Xlsx,
    /// The binary Excel 97–2003 format: `.xls`.
    Xls,
    /// OpenDocument: `.ods`.
    Ods,
}

const ZIP: &[u8] = b"PK\x03\x04";
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Kind {
    /// The kind of a workbook's bytes, or `None` for anything else (a CSV).
    /// A zip is an OpenDocument when it says so in its `mimetype` entry.
    pub fn detect(bytes: &[u8]) -> Option<Kind> {
        if bytes.starts_with(CFB) {
            // Also an encrypted .xlsx: calamine's Xls reader says so.
            Some(Kind::Xls)
        } else if bytes.starts_with(ZIP) {
            let head = &bytes[..bytes.len().min(200)];
            let ods = b"application/vnd.oasis.opendocument.spreadsheet";
            Some(if head.windows(ods.len()).any(|w| w == ods) {
                Kind::Ods
            } else {
                Kind::Xlsx
            })
        } else {
            None
        }
    }

    /// A workbook by its file name alone (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
    pub fn by_name(name: &str) -> Option<Kind> {
        let lower = name.to_lowercase();
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        match ext {
            "xlsx" | "xlsm" => Some(Kind::Xlsx),
            "xls" => Some(Kind::Xls),
            "ods" => Some(Kind::Ods),
            _ => None,
        }
    }
}

/// One cell as the workbook holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number, as the decimal the spreadsheet shows (`number::shown`);
    /// `percent` when its number format shows it as a percent (0.19 as 19%).
    Number {
        shown: String,
        percent: bool,
    },
    Date(Date),
    Bool(bool),
    /// An error value: `#DIV/0!`, `#N/A`, …
    Error(String),
    /// A formula whose result was never computed and saved.
    Uncached,
    /// A time span, which no figure is.
    Duration(String),
}

/// Whether a worksheet shows in the workbook's tabs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Visibility {
    #[default]
    Visible,
    /// Hidden (右クリック › 再表示 shows it again).
    Hidden,
    /// Very hidden: only a macro or the file's XML shows it again.
    VeryHidden,
}

/// One worksheet: its cells by 0-based row and column from A1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    pub visibility: Visibility,
    /// The hidden rows (0-based) that hold cells.
    pub hidden_rows: Vec<usize>,
    /// The merged regions of more than one cell.
    pub merged: Vec<Region>,
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Encrypted with a password.
    Protected,
    /// Not readable as the workbook it claims to be.
    Damaged(String),
    /// An Excel binary workbook (`.xlsb`), whose number formats kpi cannot
    /// read (a percent cell would be off by a factor of 100).
    Binary,
    /// Past a limit of `limits`: what, and what to do.
    TooLarge(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Protected => write!(
                f,
                "the workbook is password-protected; open it in Excel, remove the password (ファイル › 情報 › ブックの保護) and save it again"
            ),
            OpenError::Damaged(why) => write!(
                f,
                "the workbook cannot be read ({why}); it may be damaged: open it in Excel or LibreOffice and save it again"
            ),
            OpenError::TooLarge(why) => write!(f, "{why}"),
            OpenError::Binary => write!(
                f,
                "the file is an Excel binary workbook (.xlsb), which kpi does not read; save it from Excel as an Excel workbook (.xlsx)"
            ),
        }
    }
}

/// `(6, 2)` → `C7`: a 0-based row and column as a spreadsheet names the cell.
pub fn cell_ref(row: usize, col: usize) -> String {
    format!("{}{}", crate::problem::column_letters(col + 1), row + 1)
}

/// Every worksheet of a workbook, in order. The work is bounded
/// (`limits`): a zip part that decompresses past its limit, or a sheet
/// whose cells reach past the cell limit, refuses the workbook.
pub fn read(bytes: &[u8], kind: Kind) -> Result<Vec<Sheet>, OpenError> {
    let damaged = |e: &dyn std::fmt::Display| OpenError::Damaged(e.to_string());
    let cursor = || Cursor::new(bytes.to_vec());
    if matches!(kind, Kind::Xlsx | Kind::Ods) {
        limits::check_zip(bytes)?;
    }
    match kind {
        Kind::Xlsx if xml_facts::is_xlsb(bytes) => Err(OpenError::Binary),
        Kind::Xlsx => Ok(xlsx::read(bytes)?
            .into_iter()
            .map(|s| {
                let hidden = s.hidden_rows.iter().map(|&r| (r, 1)).collect::<Vec<_>>();
                grid(s.name, s.visibility, s.cells, s.merged, &hidden)
            })
            .collect()),
        Kind::Xls => {
            // calamine fills each sheet's whole used range when it opens
            // the file: its extent is checked first.
            let facts = biff::facts(bytes);
            checked(&facts)?;
            let mut book: calamine::Xls<_> =
                calamine::open_workbook_from_rs(cursor()).map_err(|e| match e {
                    calamine::XlsError::Password => OpenError::Protected,
                    e => {
                        // An encrypted .xlsx is a compound file with an EncryptedPackage.
                        if bytes
                            .windows(32)
                            .any(|w| w == utf16("EncryptedPackage").as_slice())
                        {
                            OpenError::Protected
                        } else {
                            damaged(&e)
                        }
                    }
                })?;
            let mut facts = facts;
            for name in book.sheet_names() {
                if let Ok(regions) = book.merge_cells_by_sheet_name(&name) {
                    let entry = facts.entry(name.clone()).or_default();
                    entry.merged = regions_of(&regions);
                }
            }
            worksheets(&mut book, &facts)
        }
        Kind::Ods => {
            let facts = ods_facts::ods(bytes);
            checked(&facts)?;
            let mut book: calamine::Ods<_> =
                calamine::open_workbook_from_rs(cursor()).map_err(|e| match e {
                    calamine::OdsError::Password => OpenError::Protected,
                    e => damaged(&e),
                })?;
            worksheets(&mut book, &facts)
        }
    }
}

/// Refuses a workbook one of whose sheets reaches past the cell limit.
fn checked(facts: &HashMap<String, SheetFacts>) -> Result<(), OpenError> {
    let mut names: Vec<&String> = facts.keys().collect();
    names.sort();
    names
        .into_iter()
        .try_for_each(|name| facts[name].extent.check(name))
}

/// calamine's merged regions as ours.
fn regions_of(dimensions: &[calamine::Dimensions]) -> Vec<Region> {
    dimensions
        .iter()
        .map(|d| Region {
            first: d.start,
            last: d.end,
        })
        .collect()
}

/// `EncryptedPackage` as a compound file names its streams (UTF-16LE), 32 bytes.
fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Every sheet of an `.xls` or `.ods` workbook, its values from calamine and
/// the rest from its facts.
fn worksheets<R, RS>(
    book: &mut R,
    facts: &HashMap<String, SheetFacts>,
) -> Result<Vec<Sheet>, OpenError>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
    R::Error: std::fmt::Display,
{
    let sheets: Vec<(String, Visibility)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), xlsx::visibility(&s.visible)))
        .collect();
    sheets
        .into_iter()
        .map(|(name, visibility)| {
            let range = book
                .worksheet_range(&name)
                .map_err(|e| OpenError::Damaged(format!("sheet {name}: {e}")))?;
            let facts = facts.get(&name).cloned().unwrap_or_default();
            let cells = range
                .used_cells()
                .map(|(r, c, data)| {
                    let place = (
                        range.start().unwrap_or_default().0 + r as u32,
                        range.start().unwrap_or_default().1 + c as u32,
                    );
                    (place, cell(data, facts.percent.contains(&place), false))
                })
                .filter(|(_, c)| *c != Cell::Empty)
                .collect();
            Ok(grid(name, visibility, cells, facts.merged, &facts.hidden))
        })
        .collect()
}

/// A sheet's grid from the cells that hold something. A merged cell names
/// (or holds) what it says in every cell it spans, as far as the sheet's
/// cells reach.
fn grid(
    name: String,
    visibility: Visibility,
    cells: Vec<(Place, Cell)>,
    merged: Vec<Region>,
    hidden: &[(u32, u32)],
) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for ((r, c), cell) in cells {
        put(&mut rows, r as usize, c as usize, cell);
    }
    // At most as many cells filled as a sheet may span, however large or
    // many the regions.
    let mut budget = limits::CELL_LIMIT;
    for region in &merged {
        let (top, left) = (region.first.0 as usize, region.first.1 as usize);
        let first = rows
            .get(top)
            .and_then(|r| r.get(left))
            .cloned()
            .unwrap_or(Cell::Empty);
        if !matches!(first, Cell::Text(_)) {
            continue;
        }
        'fill: for r in top..=region.last.0 as usize {
            for c in left..=region.last.1 as usize {
                if budget == 0 {
                    break 'fill;
                }
                if (r, c) != (top, left) {
                    budget -= 1;
                    put(&mut rows, r, c, first.clone());
                }
            }
        }
    }
    let hidden_rows = (0..rows.len())
        .filter(|&r| !rows[r].is_empty())
        .filter(|&r| {
            hidden
                .iter()
                .any(|&(first, n)| (first as usize..first as usize + n as usize).contains(&r))
        })
        .collect();
    let merged = merged.into_iter().filter(|m| m.first != m.last).collect();
    Sheet {
        name,
        rows,
        visibility,
        hidden_rows,
        merged,
    }
}

fn put(rows: &mut Vec<Vec<Cell>>, row: usize, col: usize, cell: Cell) {
    if rows.len() <= row {
        rows.resize(row + 1, Vec::new());
    }
    let cells = &mut rows[row];
    if cells.len() <= col {
        cells.resize(col + 1, Cell::Empty);
    }
    cells[col] = cell;
}

fn cell(data: &Data, percent: bool, uncached: bool) -> Cell {
    match data {
        Data::Empty if uncached => Cell::Uncached,
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number {
            shown: i.to_string(),
            percent,
        },
        Data::Float(f) => Cell::Number {
            shown: number::shown(*f),
            percent,
        },
        Data::Bool(b) => Cell::Bool(*b),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::DateTime(dt) if dt.is_duration() => Cell::Duration(dt.as_f64().to_string()),
        Data::DateTime(dt) => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            Cell::Date(Date {
                year: i32::from(year),
                month: u32::from(month),
                day: u32::from(day),
            })
        }
        Data::DateTimeIso(text) => match Date::parse_iso(text) {
            Some(date) => Cell::Date(date),
            None => Cell::Text(text.clone()),
        },
        Data::DurationIso(text) => Cell::Duration(text.clone()),
    }
}

#[cfg(test)]
mod tests;
