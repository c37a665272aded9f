//! A workbook's worksheets as import tables: each sheet (or the one
//! `--sheet` names) turned into rows of text (`workbook::rows`) and read by
//! the same table reader as a CSV file, with its special cells (percent,
//! dates, formulas with no value, error values) for the reader to check.
//! A sheet with no KPI table is skipped with a note; a workbook with none
//! is an error.

use std::path::Path;
use std::sync::Arc;

use super::normalise::{Context, KpiFinder, SheetCells};
use super::{book_checks, table, FileInfo, FileRead, Options, ReadAs, HEADER_EXPECTED};
use crate::csv_cells::Row;
use crate::ledger::years::FigureYears;
use crate::plan::Plan;
use crate::problem::{Location, Problem, Problems, SheetRef};
use crate::workbook::{self, rows, Kind, Sheet, Visibility};

/// Every worksheet of the workbook, or the one `sheet` names.
pub fn read(
    plan: &Plan,
    kpis: &KpiFinder,
    path: &Path,
    bytes: &[u8],
    kind: Kind,
    options: Options,
    sheet: Option<&str>,
) -> FileRead {
    let sheets = match workbook::read(bytes, kind) {
        Ok(sheets) => sheets,
        Err(e) => return FileRead::refused(Problem::error(Location::file(path), e.to_string())),
    };
    let wanted = sheet;
    let chosen: Vec<(usize, &Sheet)> = match sheet {
        None => sheets.iter().enumerate().collect(),
        Some(wanted) => match choose(&sheets, wanted) {
            Ok(i) => vec![(i, &sheets[i])],
            Err(problem) => return FileRead::refused(problem.located(path)),
        },
    };
    let mut out = FileRead {
        figures: Vec::new(),
        problems: Problems::default(),
        infos: Vec::new(),
        notes: Vec::new(),
    };
    let mut skipped = Vec::new();
    let mut tables = 0;
    let mut hidden = Vec::new();
    for (index, sheet) in chosen {
        // A hidden sheet is read only when `--sheet` names it.
        if sheet.visibility != Visibility::Visible && wanted.is_none() {
            let at = Arc::new(SheetRef {
                index,
                name: sheet.name.clone(),
            });
            hidden.push(book_checks::hidden_note(path, &at, sheet.visibility));
            continue;
        }
        let text = rows::text_rows(sheet);
        let cells = SheetCells {
            sheet: Arc::new(SheetRef {
                index,
                name: sheet.name.clone(),
            }),
            special: text.special,
        };
        let context = Context {
            plan,
            kpis,
            path,
            year: options.year,
            sheet: Some(&cells),
            years: FigureYears::new(plan),
        };
        let records = text.rows.into_iter().map(|r| {
            Ok(Row {
                line: r.row,
                cells: r.cells,
            })
        });
        // Every row of a worksheet is read (only a CSV record can be
        // unreadable), so this is never called.
        let never = |line: usize, message: &str| {
            Problem::error(Location::line(path, line), message.to_string())
        };
        match table::read(&context, records, never) {
            table::Read::NoHeader { .. } => skipped.push(cells.sheet),
            table::Read::Table(found) => {
                tables += 1;
                let shape = found.info.as_ref().map(|(shape, _)| *shape);
                out.problems.extend(book_checks::check(
                    path,
                    &cells.sheet,
                    sheet,
                    shape,
                    &found.figures,
                ));
                if let Some((shape, empty)) = found.info {
                    out.infos.push(FileInfo {
                        read_as: ReadAs::Sheet {
                            kind,
                            name: sheet.name.clone(),
                        },
                        shape,
                        figures: found.figures.len(),
                        empty,
                    });
                }
                out.figures.extend(found.figures);
                out.problems.extend(found.problems);
            }
        }
    }
    // The notes of hidden sheets come first, whatever follows.
    out.notes.append(&mut hidden);
    if tables == 0 {
        let what = match (sheet, sheets.len()) {
            (Some(_), _) => "the worksheet has no KPI table".to_string(),
            (None, 1) => "the workbook's only worksheet has no KPI table".to_string(),
            (None, n) => format!("none of the workbook's {n} worksheets has a KPI table"),
        };
        let place = match (sheet, skipped.first()) {
            (Some(_), Some(s)) => Location::sheet(path, s),
            _ => Location::file(path),
        };
        out.problems.push(Problem::error(place, what).hint(format!(
            "a sheet needs {HEADER_EXPECTED}; title rows and blank rows above it are fine"
        )));
        return out;
    }
    for s in skipped {
        out.notes.push(format!(
            "{}: no KPI table on this worksheet (no header row naming kpi, year and value); skipped",
            Location::sheet(path, &s)
        ));
    }
    out
}

/// Why `--sheet` names no worksheet; placed once the file is known.
struct NoSuchSheet {
    message: String,
    hint: String,
}

impl NoSuchSheet {
    fn located(self, path: &Path) -> Problem {
        Problem::error(Location::file(path), self.message).hint(self.hint)
    }
}

/// The worksheet `--sheet` names: by its name (exactly, then ignoring
/// case and surrounding spaces), else by its 1-based number.
fn choose(sheets: &[Sheet], wanted: &str) -> Result<usize, NoSuchSheet> {
    if let Some(i) = sheets.iter().position(|s| s.name == wanted) {
        return Ok(i);
    }
    let folded = wanted.trim().to_lowercase();
    if let Some(i) = sheets
        .iter()
        .position(|s| s.name.trim().to_lowercase() == folded)
    {
        return Ok(i);
    }
    let names: Vec<String> = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{} `{}`", i + 1, s.name))
        .collect();
    let hint = format!(
        "name a worksheet or give its number; the workbook has {}",
        names.join(", ")
    );
    match crate::year::narrow_ascii(wanted).trim().parse::<usize>() {
        Ok(n) if (1..=sheets.len()).contains(&n) => Ok(n - 1),
        Ok(n) => Err(NoSuchSheet {
            message: format!(
                "--sheet {n}: the workbook has {} worksheet{}",
                sheets.len(),
                if sheets.len() == 1 { "" } else { "s" }
            ),
            hint,
        }),
        Err(_) => Err(NoSuchSheet {
            message: format!("--sheet {wanted}: the workbook has no worksheet of that name"),
            hint,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheets(names: &[&str]) -> Vec<Sheet> {
        names
            .iter()
            .map(|n| Sheet {
                name: n.to_string(),
                ..Sheet::default()
            })
            .collect()
    }

    #[test]
    fn a_sheet_is_chosen_by_name_then_by_number() {
        let book = sheets(&["実績", "Memo", "2"]);
        assert_eq!(choose(&book, "実績").ok(), Some(0));
        assert_eq!(choose(&book, " memo ").ok(), Some(1));
        // A sheet named `2` is that sheet, not the second.
        assert_eq!(choose(&book, "2").ok(), Some(2));
        assert_eq!(choose(&book, "1").ok(), Some(0));
        assert_eq!(choose(&book, "３").ok(), Some(2));
        let err = choose(&book, "4").err().unwrap();
        assert_eq!(err.message, "--sheet 4: the workbook has 3 worksheets");
        assert!(
            err.hint.contains("1 `実績`, 2 `Memo`, 3 `2`"),
            "{}",
            err.hint
        );
        let err = choose(&book, "保育課").err().unwrap();
        assert!(err.message.contains("no worksheet of that name"));
    }
}
