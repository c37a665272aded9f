//! The year of an import row: its year cell (text, or a worksheet's
//! date), else `--year`, which a year given must agree with.

use super::{Context, YEAR_HINT};
use crate::csv_cells::{Column, Row};
use crate::problem::{quoted, Problem, Problems};
use crate::workbook::rows::{fiscal_year_of, Special};
use crate::year::FiscalYear;

impl Context<'_> {
    pub(super) fn year_cell(
        &self,
        line: usize,
        column: &Column,
        text: &str,
        problems: &mut Problems,
    ) -> Option<FiscalYear> {
        match FiscalYear::parse(text) {
            Ok(year) => self.check_year(line, column, year, problems),
            Err(_) => {
                problems.push(
                    Problem::error(
                        self.cell_at(line, column.index),
                        format!(
                            "column `{}`: `{}` is not a fiscal year",
                            column.name,
                            quoted(text)
                        ),
                    )
                    .hint(YEAR_HINT),
                );
                None
            }
        }
    }

    /// A worksheet's year cell that is not text: a date is in the fiscal
    /// year that contains it (`fiscal_year_start`); a formula with no value
    /// or an error value is an error; anything else is read as its text.
    pub(super) fn special_year(
        &self,
        line: usize,
        column: &Column,
        text: &str,
        problems: &mut Problems,
    ) -> Option<FiscalYear> {
        if let Some(p) = self.unreadable_cell(line, column, text, false) {
            problems.push(p);
            return None;
        }
        match self.special(line, column.index) {
            Some(Special::Date(date)) => {
                // A year typed into a cell formatted as a date (2020 shown
                // as 1905-07-12) is that year; any other date is the fiscal
                // year that contains it.
                let year = date
                    .typed_year()
                    .unwrap_or_else(|| fiscal_year_of(*date, self.plan.fiscal_year_start));
                self.check_year(line, column, FiscalYear(year), problems)
            }
            _ => self.year_cell(line, column, text, problems),
        }
    }

    /// The year of a row of a file with a year column (or none): its
    /// cell, a worksheet's date, else `--year`.
    pub(super) fn long_year(
        &self,
        row: &Row,
        year: Option<&Column>,
        problems: &mut Problems,
    ) -> Option<FiscalYear> {
        let cell = |c: &Column| row.cells.get(c.index).map_or("", String::as_str);
        match year {
            Some(c) if self.special(row.line, c.index).is_some() => {
                self.special_year(row.line, c, cell(c), problems)
            }
            Some(c) if !cell(c).is_empty() => self.year_cell(row.line, c, cell(c), problems),
            _ => self.default_year(row.line, year, problems),
        }
    }

    /// A year given in the file must be `--year` when that is given.
    pub(super) fn check_year(
        &self,
        line: usize,
        column: &Column,
        year: FiscalYear,
        problems: &mut Problems,
    ) -> Option<FiscalYear> {
        match self.year {
            Some(wanted) if wanted != year => {
                problems.push(
                    Problem::error(
                        self.cell_at(line, column.index),
                        format!(
                            "column `{}`: the figure is for {} but --year says {}",
                            column.name,
                            year.label(self.style()),
                            wanted.label(self.style())
                        ),
                    )
                    .hint("import this file without --year, or fix the year"),
                );
                None
            }
            _ => Some(year),
        }
    }

    /// The year of a row whose year cell is empty (or that has none): `--year`.
    pub(super) fn default_year(
        &self,
        line: usize,
        column: Option<&Column>,
        problems: &mut Problems,
    ) -> Option<FiscalYear> {
        if self.year.is_none() {
            let at = match column {
                Some(c) => self.cell_at(line, c.index),
                None => self.at(line),
            };
            problems.push(
                Problem::error(at, "the row gives no year")
                    .hint(format!("fill in the year ({YEAR_HINT}), or give --year")),
            );
        }
        self.year
    }
}
