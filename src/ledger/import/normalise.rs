//! Reading the cells of an import file's rows into figures: the KPI by id or
//! name, the year, the value as people write it, the note and source.
//! Every bad cell is a problem naming its line, its column and its text.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::shape::{Header, Shape};
use super::Figure;
use crate::breakdown::CategoryKey;
use crate::csv_cells::{
    cells_past_header, row_inside, row_inside_a_cell, unneutralise, Column, Row,
};
use crate::ledger::years::{far_past, FigureYears};
use crate::plan::Plan;
use crate::problem::{control_name, first_control, quoted};
use crate::problem::{Location, Problem, Problems, SheetRef};
use crate::value::parse_lenient;
use crate::workbook::rows::Special;
use crate::year::{narrow_ascii, FiscalYear, YearStyle};

use super::find::fold;
pub use super::find::{Aliases, Found, KpiFinder};

mod years;

/// What the reader of a file needs besides its rows.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub kpis: &'a KpiFinder<'a>,
    pub path: &'a Path,
    /// `--year`: the year of rows that give none, and the only year allowed.
    pub year: Option<FiscalYear>,
    /// The worksheet the rows come from, when they do; `None` for CSV.
    pub sheet: Option<&'a SheetCells>,
    /// The years a figure may be for.
    pub years: FigureYears,
}

/// What a worksheet adds to its rows of text: its name, and the cells
/// whose text alone would hide what they are (`workbook::rows::Special`).
pub struct SheetCells {
    pub sheet: Arc<SheetRef>,
    /// By 0-based row and column.
    pub special: BTreeMap<(usize, usize), Special>,
}

const YEAR_HINT: &str = "write it as 2015, FY2015, 2015年度, H27 or 平成27年度";

impl Context<'_> {
    /// A row: its line in a CSV file; in a worksheet, the row.
    fn at(&self, line: usize) -> Location {
        match self.sheet {
            None => Location::line(self.path, line),
            Some(s) => Location {
                line: Some(line),
                ..Location::sheet(self.path, &s.sheet)
            },
        }
    }

    /// A cell (0-based column): its line in a CSV file (as it always was
    /// named); in a worksheet, the cell (`実績!C7`).
    pub fn cell_at(&self, line: usize, column: usize) -> Location {
        match self.sheet {
            None => Location::line(self.path, line),
            Some(s) => Location::cell(self.path, &s.sheet, line, column + 1),
        }
    }

    /// What only a workbook knows of a cell (0-based column).
    fn special(&self, line: usize, column: usize) -> Option<&Special> {
        self.sheet?.special.get(&(line.checked_sub(1)?, column))
    }

    /// A row with no text and nothing special in it (a formula with no
    /// saved value has no text but is not blank).
    pub fn is_blank(&self, row: &Row) -> bool {
        row.is_blank() && (0..row.cells.len()).all(|c| self.special(row.line, c).is_none())
    }

    /// A text cell as it was meant: a CSV cell that `kpi template`
    /// neutralised (`'=…`) comes back; a worksheet's text is what it says.
    fn text<'t>(&self, text: &'t str) -> &'t str {
        match self.sheet {
            None => unneutralise(text),
            Some(_) => text,
        }
    }

    /// The error for a cell that holds no text a figure, year or name can
    /// be read from: a formula never calculated, an error value; and, in
    /// a value column, a date, a boolean or a time span.
    fn unreadable_cell(
        &self,
        line: usize,
        column: &Column,
        text: &str,
        value_column: bool,
    ) -> Option<Problem> {
        let at = || self.cell_at(line, column.index);
        let name = &column.name;
        let (message, hint) = match self.special(line, column.index)? {
            Special::Uncached => (
                format!("column `{name}`: the cell holds a formula whose result was never saved, so its value is unknown"),
                "open and save it in Excel (or LibreOffice), which calculates and saves every formula's value, then import it again",
            ),
            Special::Error => (
                format!("column `{name}`: the cell holds the error value `{text}`"),
                "fix the formula (or the cells it uses) in the workbook; leave the cell empty if there is no figure",
            ),
            Special::Date(d) if value_column => (
                format!("column `{name}`: the cell holds a date ({d}), not a figure"),
                "type the figure as a number; if Excel turned it into a date, format the cell as a number (Format Cells › Number) and type it again",
            ),
            Special::Bool if value_column => (
                format!("column `{name}`: the cell holds {text}, a true/false value, not a figure"),
                "type the figure as a number, or leave the cell empty if there is no figure",
            ),
            Special::Duration if value_column => (
                format!("column `{name}`: the cell holds a time span, not a figure"),
                "type the figure as a number (Format Cells › Number)",
            ),
            _ => return None,
        };
        Some(Problem::error(at(), message).hint(hint))
    }

    /// A percent-formatted cell (0.19 shown as 19%) is 19 for a KPI in
    /// `%`; for any other unit it is an error, never a figure off by a
    /// factor of 100.
    fn percent_cell(
        &self,
        line: usize,
        column: &Column,
        kpi: usize,
        text: &str,
    ) -> Option<Problem> {
        if self.special(line, column.index) != Some(&Special::Percent) {
            return None;
        }
        let kpi = &self.plan.kpis[kpi];
        let unit = kpi.unit.as_deref().map(|u| narrow_ascii(u.trim()));
        if unit.as_deref() == Some("%") {
            return None;
        }
        let counted = match kpi.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => format!("is counted in {u}"),
            None => "has no unit".to_string(),
        };
        Some(
            Problem::error(
                self.cell_at(line, column.index),
                format!(
                    "column `{}`: the cell is formatted as a percent ({text}), but `{}` {counted}",
                    column.name, kpi.id
                ),
            )
            .hint(format!(
                "remove the percent format from the cell (Format Cells › Number) and type the figure in {}",
                kpi.unit.as_deref().unwrap_or("its unit")
            )),
        )
    }

    fn style(&self) -> YearStyle {
        self.plan.year_style
    }

    /// The figures of one data row; its problems go to `problems`. Returns
    /// how many cells held no figure.
    pub fn row(
        &self,
        header: &Header,
        row: &Row,
        figures: &mut Vec<Figure>,
        problems: &mut Problems,
    ) -> usize {
        let cell = |c: &Column| row.cells.get(c.index).map_or("", String::as_str);
        match self.sheet {
            None => problems.0.extend(cells_past_header(
                &self.at(row.line),
                row,
                header.width,
                "note",
            )),
            Some(_) => self.cells_past_header(row, header.width, problems),
        }
        if self.controls(header, row, problems) || self.swallowed(row, header, problems) {
            return 0;
        }
        let kpi = self.kpi(header, row, problems);
        let Ok(categories) = self.categories(header, row, kpi, problems) else {
            return 0;
        };
        let mut optional = |c: &Option<Column>| {
            let c = c.as_ref()?;
            if let Some(p) = self.unreadable_cell(row.line, c, cell(c), false) {
                problems.push(p);
            }
            Some(self.text(cell(c)).trim().replace("\r\n", "\n")).filter(|t| !t.is_empty())
        };
        let note = optional(&header.note);
        let source = optional(&header.source);
        let preliminary = match optional(&header.flag) {
            None => false,
            Some(flag) => match preliminary_flag(&flag) {
                Some(p) => p,
                None => {
                    let column = header.flag.as_ref().map_or("flag", |c| c.name.as_str());
                    problems.push(
                        Problem::error(
                            self.at(row.line),
                            format!("column `{column}`: `{flag}` is neither 速報 nor 確定"),
                        )
                        .hint("write 速報 (or preliminary) for a preliminary figure, 確定 or nothing for a final one"),
                    );
                    return 0;
                }
            },
        };
        if let (Some(kpi), Some(column)) = (kpi, &header.unit) {
            if !self.unit_agrees(kpi, cell(column)) {
                let unit = self.plan.kpis[kpi].unit.as_deref();
                problems.push(
                    Problem::error(
                        self.cell_at(row.line, column.index),
                        format!(
                            "column `{}`: the unit `{}` is not the unit of `{}` ({})",
                            column.name,
                            quoted(cell(column)),
                            self.plan.kpis[kpi].id,
                            unit.map_or("it has none".to_string(), |u| format!("`{u}`"))
                        ),
                    )
                    .hint("check that the row is for this KPI and its figure in the plan's unit; write the plan's unit or leave the cell empty"),
                );
                return 0;
            }
        }
        let mut empty = 0;
        let cells: Vec<(Option<FiscalYear>, &Column, Option<CategoryKey>)> = match &header.shape {
            Shape::Long { year, value } => {
                let year = self.long_year(row, year.as_ref(), problems);
                vec![(year, value, categories)]
            }
            Shape::Wide { years } => years
                .iter()
                .map(|(c, y)| {
                    let year = self.check_year(row.line, c, *y, problems);
                    (year, c, categories.clone())
                })
                .collect(),
            Shape::Categories { year, columns } => {
                let year = self.long_year(row, year.as_ref(), problems);
                let base = categories.as_ref();
                (self
                    .category_cells(columns, row, kpi, base, problems)
                    .into_iter())
                .map(|(c, key)| (year, c, key))
                .collect()
            }
        };
        for (year, column, categories) in cells {
            let text = cell(column);
            if let Some(p) = self.unreadable_cell(row.line, column, text, true) {
                problems.push(p);
                continue;
            }
            let Some(kpi) = kpi else {
                continue;
            };
            if let Some(p) = self.percent_cell(row.line, column, kpi, text) {
                problems.push(p);
                continue;
            }
            let unit = self.plan.kpis[kpi].unit.as_deref();
            let at = || self.cell_at(row.line, column.index);
            match parse_lenient(text, unit) {
                Ok(None) => empty += 1,
                Ok(Some(value)) => {
                    let Some(year) = year else { continue };
                    if !self.year_allowed(header, kpi, year, at, problems) {
                        continue;
                    }
                    figures.push(Figure {
                        kpi,
                        year,
                        value,
                        note: note.clone(),
                        source: source.clone(),
                        preliminary,
                        location: at(),
                        categories,
                    });
                }
                Err(expected) => problems.push(
                    Problem::error(
                        at(),
                        format!(
                            "column `{}`: `{}` is not a figure for `{}`",
                            column.name,
                            quoted(text),
                            self.plan.kpis[kpi].id
                        ),
                    )
                    .hint(format!("expected {expected}")),
                ),
            }
        }
        empty
    }

    /// A worksheet's cells right of the header's last heading that hold
    /// something: each an error (it may be a figure with no column).
    fn cells_past_header(&self, row: &Row, width: usize, problems: &mut Problems) {
        for (index, text) in row.cells.iter().enumerate().skip(width) {
            if text.is_empty() && self.special(row.line, index).is_none() {
                continue;
            }
            problems.push(
                Problem::error(
                    self.cell_at(row.line, index),
                    format!(
                        "`{}` is in column {} of the row, which has no heading (the header has {width} columns)",
                        quoted(text),
                        index + 1
                    ),
                )
                .hint("give the column a heading kpi import reads, or delete the cell"),
            );
        }
    }

    /// True when a figure of `kpi` for `year` may be imported. A long
    /// file's row says why not (a year not begun) or warns (after every
    /// target year); a wide file says so once, at its year heading
    /// (`super::header_problems`).
    fn year_allowed(
        &self,
        header: &Header,
        kpi: usize,
        year: FiscalYear,
        at: impl Fn() -> Location,
        problems: &mut Problems,
    ) -> bool {
        // A year far before the KPI's baseline: a warning at the cell.
        if let Some(problem) = far_past(self.plan, kpi, year, &at) {
            problems.push(problem);
        }
        if header.is_wide() {
            return !self.years.not_begun(year);
        }
        match self.years.problem(self.plan, kpi, year, at) {
            Some(problem) => {
                let allowed = !problem.is_error();
                problems.push(problem);
                allowed
            }
            None => true,
        }
    }

    /// A unit cell agrees with the KPI's unit when it is empty or the same
    /// unit, compared as names are (width, case, CP932's twins).
    fn unit_agrees(&self, kpi: usize, text: &str) -> bool {
        let text = self.text(text).trim();
        text.is_empty()
            || self.plan.kpis[kpi]
                .unit
                .as_deref()
                .is_some_and(|unit| fold(unit) == fold(text))
    }

    /// True, with the error, when a cell runs over several lines and one of
    /// them starts with a KPI and a comma: a quote left open swallowed the
    /// rows up to the next quote.
    fn swallowed(&self, row: &Row, header: &Header, problems: &mut Problems) -> bool {
        let is_row = |line: &str| {
            line.split_once(',').is_some_and(|(kpi, _)| {
                self.kpis.lookup(unneutralise(kpi.trim())) != Found::Unknown
            })
        };
        for (i, cell) in row.cells.iter().enumerate() {
            if let Some((_, inner)) = row_inside(cell, is_row) {
                let name = header_name(header, i);
                problems.push(row_inside_a_cell(self.cell_at(row.line, i), &name, inner));
                return true;
            }
        }
        false
    }

    /// A control character in a cell the import reads is an error naming
    /// the cell (a note or source may hold line breaks and tabs); true when
    /// the row has one, and is not read further.
    fn controls(&self, header: &Header, row: &Row, problems: &mut Problems) -> bool {
        fn texts(c: &Column) -> (&Column, bool) {
            (c, false)
        }
        fn notes(c: &Column) -> (&Column, bool) {
            (c, true)
        }
        let mut columns: Vec<(&Column, bool)> = header.kpi.iter().map(texts).collect();
        columns.extend(header.unit.iter().map(texts));
        columns.extend(header.note.iter().map(notes));
        columns.extend(header.source.iter().map(notes));
        columns.extend(header.flag.iter().map(texts));
        match &header.shape {
            Shape::Long { year, value } => {
                columns.extend(year.iter().map(texts));
                columns.push((value, false));
            }
            Shape::Wide { years } => columns.extend(years.iter().map(|(c, _)| (c, false))),
            Shape::Categories { year, columns: by } => {
                columns.extend(year.iter().map(texts));
                columns.extend(by.iter().map(|(c, _)| (c, false)));
            }
        }
        let mut found = false;
        for (column, note) in columns {
            let text = row.cells.get(column.index).map_or("", String::as_str);
            let allowed = |c: char| note && matches!(c, '\n' | '\t' | '\r');
            let Some((place, c)) = first_control(text, allowed) else {
                continue;
            };
            found = true;
            problems.push(
                Problem::error(
                    self.cell_at(row.line, column.index),
                    format!(
                        "column `{}`: `{}` holds the control character {} (character {place})",
                        column.name,
                        quoted(text),
                        control_name(c)
                    ),
                )
                .hint("delete the character (it often comes with a copy and paste); kpi writes no control characters into the ledger"),
            );
        }
        found
    }

    /// The KPI the row names. The id column is read first; a name column
    /// must not name another KPI, and a name that several KPIs share names
    /// none.
    fn kpi(&self, header: &Header, row: &Row, problems: &mut Problems) -> Option<usize> {
        let mut named: Option<(&Column, &str, usize)> = None;
        let mut shared: Option<(&Column, &str, Vec<usize>)> = None;
        let mut unknown: Option<(&Column, &str)> = None;
        let at = || self.cell_at(row.line, header.kpi[0].index);
        for (i, column) in header.kpi.iter().enumerate() {
            let text = row.cells.get(column.index).map_or("", String::as_str);
            if let Some(p) = self.unreadable_cell(row.line, column, text, false) {
                problems.push(p);
                return None;
            }
            let text = self.text(text).trim();
            if text.is_empty() {
                continue;
            }
            let by_id = i < header.kpi_ids;
            match self.kpis.lookup(text) {
                Found::Kpi(kpi) => match named {
                    None => named = Some((column, text, kpi)),
                    Some((first, first_text, other)) if other != kpi => {
                        problems.push(self.disagree(
                            at(),
                            (first, first_text, other),
                            (column, text, kpi),
                        ));
                        return None;
                    }
                    Some(_) => {}
                },
                Found::Shared(kpis) => {
                    shared.get_or_insert((column, text, kpis));
                }
                // An id Excel turned into a date (`1-2`), or a name the plan
                // has since changed: another column may still name the KPI.
                Found::Unknown => {
                    if by_id || unknown.is_none() {
                        unknown.get_or_insert((column, text));
                    }
                }
            }
        }
        match (named, shared) {
            (Some((column, text, kpi)), Some((other, other_text, kpis)))
                if !kpis.contains(&kpi) =>
            {
                let (message, _) = self.kpis.shared(other_text, &kpis);
                problems.push(
                    Problem::error(
                        at(),
                        format!(
                            "column `{}` names `{}` but column `{}`: {message}",
                            column.name,
                            quoted(text),
                            other.name
                        ),
                    )
                    .hint("check which KPI the row is for, and correct the id or the name"),
                );
                None
            }
            (Some((_, _, kpi)), _) => Some(kpi),
            (None, Some((column, text, kpis))) => {
                let (message, hint) = self.kpis.shared(text, &kpis);
                problems.push(
                    Problem::error(at(), format!("column `{}`: {message}", column.name)).hint(hint),
                );
                None
            }
            (None, None) => {
                let (message, hint) = match unknown {
                    Some((column, text)) => (
                        format!("column `{}`: {}", column.name, self.kpis.unknown(text)),
                        self.kpis.hint(text),
                    ),
                    None => (
                        format!("column `{}`: the row names no KPI", header.kpi[0].name),
                        "write the KPI's id or its name from the plan, or delete the row"
                            .to_string(),
                    ),
                };
                problems.push(Problem::error(at(), message).hint(hint));
                None
            }
        }
    }

    /// Two KPI columns of a row that name different KPIs.
    fn disagree(
        &self,
        at: Location,
        (first, first_text, a): (&Column, &str, usize),
        (second, second_text, b): (&Column, &str, usize),
    ) -> Problem {
        let id = |i: usize| &self.plan.kpis[i].id;
        Problem::error(
            at,
            format!(
                "column `{}` names `{}` (KPI `{}`) but column `{}` names `{}` (KPI `{}`)",
                first.name,
                quoted(first_text),
                id(a),
                second.name,
                quoted(second_text),
                id(b)
            ),
        )
        .hint("check which KPI the row is for, and correct the id or the name")
    }
}

/// A `区分` / `flag` cell: `Some(true)` for a preliminary figure (速報,
/// 速報値, preliminary), `Some(false)` for a final one (確定, 確定値, final),
/// `None` for anything else (actuals-format.md).
pub fn preliminary_flag(text: &str) -> Option<bool> {
    let t = text.trim();
    match t {
        _ if crate::columns::PRELIMINARY.contains(&t) => Some(true),
        _ if t.is_empty() || crate::columns::FINAL.contains(&t) => Some(false),
        _ if t.eq_ignore_ascii_case("preliminary") => Some(true),
        _ if t.eq_ignore_ascii_case("final") => Some(false),
        _ => None,
    }
}

/// The heading of column `index`, for messages: as the header writes it.
fn header_name(header: &Header, index: usize) -> String {
    let mut columns: Vec<&Column> = header.kpi.iter().collect();
    columns.extend(header.unit.iter());
    columns.extend(header.note.iter());
    columns.extend(header.source.iter());
    columns.extend(header.flag.iter());
    match &header.shape {
        Shape::Long { year, value } => {
            columns.extend(year.iter());
            columns.push(value);
        }
        Shape::Wide { years } => columns.extend(years.iter().map(|(c, _)| c)),
        Shape::Categories { year, columns: by } => {
            columns.extend(year.iter());
            columns.extend(by.iter().map(|(c, _)| c));
        }
    }
    columns
        .iter()
        .find(|c| c.index == index)
        .map_or_else(|| format!("#{}", index + 1), |c| c.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_width_case_and_cp932_twins() {
        assert_eq!(fold("ＦＡＩＲ"), "fair");
        assert_eq!(fold("件数（累計）"), fold("件数(累計)"));
        assert_eq!(fold("10〜19人"), fold("10～19人"));
        assert_eq!(fold("¥"), fold("\\"));
    }
}
