//! A sheet's cells as the rows of text a CSV would give, for the one import
//! path, and what only a workbook knows about its cells, for the import to
//! check once it knows which column is which (`Special`).

use std::collections::BTreeMap;

use super::{number, Cell, Date, Sheet};

/// What a cell was, where its text alone would hide it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Special {
    /// A percent-formatted number; its text is already in percent (`19%`).
    Percent,
    /// A date; its text is `YYYY-MM-DD`.
    Date(Date),
    Bool,
    /// An error value (`#DIV/0!`).
    Error,
    /// A formula with no saved result.
    Uncached,
    /// A time span.
    Duration,
}

/// One sheet row: its 1-based row number and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRow {
    pub row: usize,
    pub cells: Vec<String>,
}

/// A sheet as text rows, and its special cells by (0-based row, column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextSheet {
    pub rows: Vec<TextRow>,
    pub special: BTreeMap<(usize, usize), Special>,
}

/// The text of every cell: text as written, numbers as the spreadsheet
/// shows them (`2.4`), percent cells in percent (`19%`), dates as
/// `YYYY-MM-DD`, booleans `TRUE`/`FALSE`, error values as shown (`#N/A`).
pub fn text_rows(sheet: &Sheet) -> TextSheet {
    let mut out = TextSheet::default();
    for (r, cells) in sheet.rows.iter().enumerate() {
        let mut texts = Vec::with_capacity(cells.len());
        for (c, cell) in cells.iter().enumerate() {
            let (text, special) = match cell {
                Cell::Empty => (String::new(), None),
                Cell::Text(t) => (t.trim().to_string(), None),
                Cell::Number {
                    shown,
                    percent: false,
                } => (shown.clone(), None),
                Cell::Number {
                    shown,
                    percent: true,
                } => match number::percent_of(shown) {
                    Some(p) => (format!("{p}%"), Some(Special::Percent)),
                    None => (shown.clone(), None),
                },
                // A year typed into a date-formatted cell reads as the year
                // (a wide sheet's year heading too); a value column still
                // refuses the date.
                Cell::Date(d) => (
                    d.typed_year()
                        .map_or_else(|| d.to_string(), |y| y.to_string()),
                    Some(Special::Date(*d)),
                ),
                Cell::Bool(b) => (
                    (if *b { "TRUE" } else { "FALSE" }).to_string(),
                    Some(Special::Bool),
                ),
                Cell::Error(e) => (e.clone(), Some(Special::Error)),
                Cell::Uncached => (String::new(), Some(Special::Uncached)),
                Cell::Duration(d) => (d.clone(), Some(Special::Duration)),
            };
            if let Some(s) = special {
                out.special.insert((r, c), s);
            }
            texts.push(text);
        }
        out.rows.push(TextRow {
            row: r + 1,
            cells: texts,
        });
    }
    out
}

/// The fiscal year a date falls in, for fiscal years starting in month
/// `start` (`fiscal_year_start`): with April, 2020-03-31 is in FY2019.
pub fn fiscal_year_of(date: Date, start: u32) -> i32 {
    if date.month >= start.clamp(1, 12) {
        date.year
    } else {
        date.year - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_become_the_text_a_csv_would_hold() {
        let sheet = Sheet {
            name: "実績".into(),
            rows: vec![
                vec![
                    Cell::Text(" 指標 ".into()),
                    Cell::Empty,
                    Cell::Text("実績値".into()),
                ],
                vec![
                    Cell::Number {
                        shown: "2019".into(),
                        percent: false,
                    },
                    Cell::Date(Date {
                        year: 2019,
                        month: 4,
                        day: 1,
                    }),
                    Cell::Number {
                        shown: "0.19".into(),
                        percent: true,
                    },
                ],
                vec![
                    Cell::Bool(true),
                    Cell::Error("#DIV/0!".into()),
                    Cell::Uncached,
                ],
            ],
            ..Sheet::default()
        };
        let t = text_rows(&sheet);
        assert_eq!(
            t.rows[0],
            TextRow {
                row: 1,
                cells: vec!["指標".into(), "".into(), "実績値".into()]
            }
        );
        assert_eq!(t.rows[1].cells, ["2019", "2019-04-01", "19%"]);
        assert_eq!(t.rows[2].cells, ["TRUE", "#DIV/0!", ""]);
        assert_eq!(t.special.get(&(1, 2)), Some(&Special::Percent));
        assert_eq!(
            t.special.get(&(1, 1)),
            Some(&Special::Date(Date {
                year: 2019,
                month: 4,
                day: 1
            }))
        );
        assert_eq!(t.special.get(&(2, 1)), Some(&Special::Error));
        assert_eq!(t.special.get(&(2, 2)), Some(&Special::Uncached));
        assert_eq!(t.special.get(&(1, 0)), None);
    }

    #[test]
    fn a_date_is_in_the_fiscal_year_that_contains_it() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(fiscal_year_of(d(2020, 3, 31), 4), 2019);
        assert_eq!(fiscal_year_of(d(2020, 4, 1), 4), 2020);
        assert_eq!(fiscal_year_of(d(2020, 1, 1), 1), 2020);
        assert_eq!(fiscal_year_of(d(2020, 12, 31), 1), 2020);
        assert_eq!(fiscal_year_of(d(2020, 9, 30), 10), 2019);
    }
}
