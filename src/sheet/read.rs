//! Reading a KPI sheet's rows: the header, the title above it, and each
//! row's goal, measure and KPI. Every bad cell is a problem naming its line,
//! its column, its text and what was expected; every one is reported.

use std::path::Path;

use rust_decimal::Decimal;

use super::cells::{self, Numbered};
use super::columns::{find_header, Header, Role, HEADER_EXPECTED};
use crate::csv_cells::{
    cells_past_header, rows_or_problems_keeping_quoted, unneutralise, Column, Row,
};
use crate::lang::Lang;
use crate::plan::{Direction, Point};
use crate::problem::{Location, Problem, Problems};
use crate::value::parse_lenient;
use crate::year::{FiscalYear, YearStyle};

/// The KPI a row gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiRow {
    pub id: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub baseline: Point,
    pub target: Point,
    pub milestones: Vec<Point>,
    pub direction: Option<Direction>,
    pub cumulative: bool,
    /// `frequency`, `due_years`, `lag`: every year with no lag unless the
    /// sheet's columns say otherwise.
    pub schedule: crate::schedule::Schedule,
    pub owner: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
}

/// One row of the sheet: its goal (from the goal cell, or the first part of
/// a dotted measure number), its measure, and its KPI; a row without a KPI
/// only names its goal and measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: usize,
    pub goal: Numbered,
    pub measure: Option<Numbered>,
    /// The measure cell says `数値目標`: a numeric target of the goal, even
    /// after rows of a measure (docs/sheet.md, "Goals and measures").
    pub numeric_target: bool,
    pub kpi: Option<KpiRow>,
}

/// What a measure cell says to mark a goal's numeric target.
pub const NUMERIC_TARGET: &str = "数値目標";

/// A sheet read.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The first text above the header (a spreadsheet's title line).
    pub title: Option<String>,
    /// The style of the first year the sheet writes.
    pub year_style: YearStyle,
    pub header: Header,
    pub rows: Vec<SheetRow>,
}

const YEAR_HINT: &str = "expected a fiscal year: 2014, FY2014, 2014年度, H26 or 平成26年度";
/// Columns that only a KPI fills: a row without a KPI name leaves them empty.
const KPI_ONLY: &[Role] = &[
    Role::Id,
    Role::Unit,
    Role::Baseline,
    Role::Target,
    Role::Direction,
    Role::Cumulative,
    Role::Frequency,
    Role::DueYears,
    Role::Lag,
    Role::Owner,
    Role::Source,
    Role::Note,
];

/// Read a sheet's text. The problems hold every error and warning found;
/// the sheet comes back whenever a header was found.
pub fn read(path: &Path, text: &str) -> (Option<Sheet>, Problems) {
    let (rows, mut problems) = rows_or_problems_keeping_quoted(path, text);
    let Some((at, header)) = find_header(&rows) else {
        problems.push(
            Problem::error(Location::file(path), "no header row found")
                .hint(format!("the sheet needs {HEADER_EXPECTED}")),
        );
        return (None, problems);
    };
    problems.extend(header.problems(path));
    let title = rows[..at]
        .iter()
        .flat_map(|r| &r.cells)
        .find(|c| !c.is_empty())
        .map(|c| unneutralise(c).to_string());
    let mut reader = Reader {
        path,
        header: &header,
        problems,
        first_year: None,
    };
    for (_, text) in [&header.baseline_year, &header.target_year]
        .into_iter()
        .flatten()
    {
        reader.saw_year(text);
    }
    let mut sheet_rows = Vec::new();
    for row in &rows[at + 1..] {
        // The header again (sheets pasted one under another) is no data.
        if row.is_blank() || row.cells == rows[at].cells {
            continue;
        }
        if let Some(sheet_row) = reader.sheet_row(row) {
            sheet_rows.push(sheet_row);
        }
    }
    let year_style = reader
        .first_year
        .as_deref()
        .map_or(YearStyle::Era, cells::year_style);
    let problems = reader.problems;
    let sheet = Sheet {
        title,
        year_style,
        header,
        rows: sheet_rows,
    };
    (Some(sheet), problems)
}

struct Reader<'a> {
    path: &'a Path,
    header: &'a Header,
    problems: Problems,
    first_year: Option<String>,
}

impl Reader<'_> {
    fn at(&self, line: usize) -> Location {
        Location::line(self.path, line)
    }

    /// A cell's text, as it was before export neutralised it; `None` when
    /// the sheet has no such column or the cell is blank. A quoted cell
    /// keeps the spaces around its text (`csv_cells::Records::keeping_quoted`).
    fn cell<'r>(&self, row: &'r Row, role: Role) -> Option<(Column, &'r str)> {
        let column = self.header.column(role)?;
        let text = row.cells.get(column.index).map_or("", |c| unneutralise(c));
        (!text.trim().is_empty()).then(|| (column.clone(), text))
    }

    fn bad(&mut self, line: usize, column: &Column, text: &str, what: &str, hint: &str) {
        self.problems.push(
            Problem::error(
                self.at(line),
                format!("column `{}`: `{text}` {what}", column.name),
            )
            .hint(hint),
        );
    }

    /// How many problems so far; a row's problems are all errors, so a
    /// change in the count says the row had one.
    fn count(&self) -> usize {
        self.problems.0.len()
    }

    fn saw_year(&mut self, text: &str) {
        self.first_year.get_or_insert_with(|| text.to_string());
    }

    /// One data row; `None` when its place (goal, measure) is unknown. A
    /// row with other problems keeps its place and loses its KPI. Every
    /// problem is pushed.
    fn sheet_row(&mut self, row: &Row) -> Option<SheetRow> {
        let errors_before = self.count();
        let past = cells_past_header(&self.at(row.line), row, self.header.width, "text");
        self.problems.extend(Problems(past));
        let before_place = self.count();
        let goal = self.numbered(row, Role::Goal, Role::GoalName);
        let numeric_target = self
            .cell(row, Role::Measure)
            .is_some_and(|(_, text)| text == NUMERIC_TARGET);
        let measure = if numeric_target {
            None
        } else {
            self.numbered(row, Role::Measure, Role::MeasureName)
        };
        // A bad goal or measure cell leaves the row's place unknown: the
        // row is then read for its problems only.
        let placed = self.count() == before_place;
        let kpi = match self.cell(row, Role::Name) {
            Some((_, name)) => self.kpi(row, name),
            None => {
                self.no_kpi(row);
                None
            }
        };
        let goal = match (goal, &measure) {
            (Some(goal), _) => Some(goal),
            (None, Some(m)) => match cells::goal_of_number(&m.id) {
                Some(g) => Some(Numbered {
                    id: g.to_string(),
                    name: None,
                }),
                None => {
                    let hint =
                        "fill in the row's 基本目標 (goal), or number the measure by its goal: 1.1";
                    self.problems.push(
                        Problem::error(
                            self.at(row.line),
                            format!("measure `{}` names no goal", m.id),
                        )
                        .hint(hint),
                    );
                    None
                }
            },
            // A row whose every read cell is empty (text in columns not
            // read, such as a section heading) carries nothing.
            (None, None) if placed && kpi.is_some() => {
                self.problems.push(
                    Problem::error(self.at(row.line), "the row names no goal or measure")
                        .hint("fill in 基本目標 (goal) or 施策 (measure); cells merged in the spreadsheet must be filled in on every row"),
                );
                None
            }
            (None, None) => None,
        };
        if !placed {
            return None;
        }
        // A row with problems still places its goal and measure, so that
        // what they conflict with is found too; its KPI is left out.
        let kpi = kpi.filter(|_| self.count() == errors_before);
        Some(SheetRow {
            line: row.line,
            goal: goal?,
            measure,
            numeric_target,
            kpi,
        })
    }

    /// A goal or measure: its number cell, and its name from that cell or
    /// from the name column (which must then agree).
    fn numbered(&mut self, row: &Row, number: Role, name: Role) -> Option<Numbered> {
        let (prefixes, expected) = match number {
            Role::Goal => (cells::GOAL_PREFIXES, cells::GOAL_EXPECTED),
            _ => (cells::MEASURE_PREFIXES, cells::MEASURE_EXPECTED),
        };
        let named = self.cell(row, name);
        let Some((column, text)) = self.cell(row, number) else {
            if let Some((c, text)) = named {
                let heading = self
                    .header
                    .column(number)
                    .map_or(number.heading(Lang::Ja), |c| c.name.as_str());
                let hint = format!("fill in its number in column `{heading}`");
                self.bad(row.line, &c, text, "is named but not numbered", &hint);
            }
            return None;
        };
        let Some(mut found) = cells::numbered(text, prefixes) else {
            self.bad(row.line, &column, text, "is not a number", expected);
            return None;
        };
        if let Some((c, name)) = named {
            match &found.name {
                Some(given) if given != name => {
                    let what = format!(
                        "names {} differently from column `{}` (`{given}`)",
                        found.id, column.name
                    );
                    self.bad(
                        row.line,
                        &c,
                        name,
                        &what,
                        "give the name once, or the same in both",
                    );
                    return None;
                }
                _ => found.name = Some(name.to_string()),
            }
        }
        Some(found)
    }

    /// A row without a KPI name must leave the KPI's cells empty.
    fn no_kpi(&mut self, row: &Row) {
        let filled: Vec<(Column, &str)> = KPI_ONLY
            .iter()
            .filter_map(|&r| self.cell(row, r))
            .chain(self.header.milestones.iter().filter_map(|(c, _)| {
                let text = row.cells.get(c.index).map_or("", |t| t.trim());
                (!text.is_empty()).then(|| (c.clone(), text))
            }))
            .collect();
        if let Some((column, text)) = filled.first() {
            let name = self
                .header
                .column(Role::Name)
                .map_or("", |c| c.name.as_str());
            self.bad(
                row.line,
                column,
                text,
                &format!("is on a row with no KPI name (column `{name}` is empty)"),
                "fill in the KPI's name, or delete the row's figures",
            );
        }
    }

    fn kpi(&mut self, row: &Row, name: &str) -> Option<KpiRow> {
        let errors_before = self.count();
        let text = |role| self.cell(row, role).map(|(_, t)| t.to_string());
        let (id, unit) = (text(Role::Id), text(Role::Unit));
        let (owner, source, note) = (text(Role::Owner), text(Role::Source), text(Role::Note));
        let baseline = self.point(
            row,
            name,
            unit.as_deref(),
            Role::Baseline,
            Role::BaselineYear,
        );
        let target = self.point(row, name, unit.as_deref(), Role::Target, Role::TargetYear);
        let mut milestones = Vec::new();
        let header = self.header;
        for (column, year) in &header.milestones {
            let cell = row.cells.get(column.index).map_or("", |t| t.trim());
            if let Some(value) = self.value(row.line, column, cell, unit.as_deref()) {
                milestones.push(Point { year: *year, value });
            }
        }
        let direction = match self.cell(row, Role::Direction) {
            Some((column, t)) => match cells::direction(t) {
                Ok(d) => d,
                Err(expected) => {
                    self.bad(row.line, &column, t, "is not a direction", expected);
                    None
                }
            },
            None => None,
        };
        let cumulative = match self.cell(row, Role::Cumulative) {
            Some((column, t)) => cells::flag(t).unwrap_or_else(|| {
                self.bad(
                    row.line,
                    &column,
                    t,
                    "is not a 累計 (running total) mark",
                    cells::FLAG_EXPECTED,
                );
                false
            }),
            None => false,
        };
        let schedule = self.schedule(row, baseline.as_ref().map(|b| b.year));
        if self.count() > errors_before {
            return None;
        }
        Some(KpiRow {
            id,
            name: name.to_string(),
            unit,
            baseline: baseline?,
            target: target?,
            milestones,
            direction,
            cumulative,
            schedule,
            owner,
            source,
            note,
        })
    }

    /// The row's 調査周期, 調査年度 and 公表の遅れ (`sheet::schedule`), each
    /// bad cell reported; due years after `baseline`, and not with a
    /// frequency.
    fn schedule(&mut self, row: &Row, baseline: Option<FiscalYear>) -> crate::schedule::Schedule {
        use super::schedule as sched;
        use crate::schedule::{Every, Schedule};
        let mut schedule = Schedule::default();
        if let Some((column, t)) = self.cell(row, Role::Lag) {
            match sched::whole(t, 0..=100) {
                Some(n) => schedule.lag = n,
                None => self.bad(row.line, &column, t, "is not a lag", sched::LAG_EXPECTED),
            }
        }
        let frequency = self.cell(row, Role::Frequency);
        if let Some((column, t)) = &frequency {
            match sched::whole(t, 1..=100) {
                Some(n) => schedule.every = Every::Years(n),
                None => self.bad(
                    row.line,
                    column,
                    t,
                    "is not a frequency",
                    sched::FREQUENCY_EXPECTED,
                ),
            }
        }
        if let Some((column, t)) = self.cell(row, Role::DueYears) {
            if frequency.is_some() {
                let hint = "keep 調査周期 (frequency) for a regular survey, or 調査年度 (due years) for irregular ones";
                self.bad(row.line, &column, t, "is given with a frequency", hint);
                return schedule;
            }
            match sched::due_years(t) {
                Ok(years) => match years.iter().find(|&&y| baseline.is_some_and(|b| y <= b)) {
                    Some(y) => {
                        let what = format!(
                            "has {}, not after the baseline year",
                            y.label(
                                self.first_year
                                    .as_deref()
                                    .map_or(YearStyle::Era, cells::year_style)
                            )
                        );
                        self.bad(row.line, &column, t, &what, sched::DUE_YEARS_EXPECTED);
                    }
                    None => schedule.every = Every::Listed(years),
                },
                Err(part) => {
                    let what = format!("has `{part}`, not a year or given twice");
                    self.bad(row.line, &column, t, &what, sched::DUE_YEARS_EXPECTED);
                }
            }
        }
        schedule
    }

    /// A baseline or target: its value, and its year from the year column
    /// or the heading's brackets.
    fn point(
        &mut self,
        row: &Row,
        kpi: &str,
        unit: Option<&str>,
        value: Role,
        year: Role,
    ) -> Option<Point> {
        let column = self.header.column(value)?.clone();
        let cell = row.cells.get(column.index).map_or("", |t| t.trim());
        let value_read = self.value(row.line, &column, cell, unit);
        if cell_is_blank(cell) {
            self.problems.push(
                Problem::error(
                    self.at(row.line),
                    format!(
                        "column `{}`: KPI `{kpi}` has no {}",
                        column.name,
                        what(value)
                    ),
                )
                .hint(format!(
                    "every KPI needs its {}: fill in the number",
                    what(value)
                )),
            );
        }
        let bracket = match value {
            Role::Baseline => self.header.baseline_year.clone(),
            _ => self.header.target_year.clone(),
        };
        let year = match self.cell(row, year) {
            Some((column, t)) => match FiscalYear::parse(t) {
                Ok(y) => {
                    self.saw_year(t);
                    Some(y)
                }
                Err(_) => {
                    self.bad(row.line, &column, t, "is not a fiscal year", YEAR_HINT);
                    None
                }
            },
            None => match bracket {
                Some((y, _)) => Some(y),
                None => {
                    if let Some(c) = self.header.column(year) {
                        let c = c.clone();
                        self.problems.push(
                            Problem::error(
                                self.at(row.line),
                                format!(
                                    "column `{}`: KPI `{kpi}` has no {} year",
                                    c.name,
                                    what(value)
                                ),
                            )
                            .hint(YEAR_HINT),
                        );
                    }
                    None
                }
            },
        };
        Some(Point {
            year: year?,
            value: value_read?,
        })
    }

    /// A figure as people write it (`2,788`, `50.０`, `19%`), for a KPI in
    /// `unit`; `None` for an empty cell or a bad one (reported).
    fn value(
        &mut self,
        line: usize,
        column: &Column,
        text: &str,
        unit: Option<&str>,
    ) -> Option<Decimal> {
        match parse_lenient(text, unit) {
            Ok(v) => v,
            Err(expected) => {
                self.bad(
                    line,
                    column,
                    text,
                    "is not a number",
                    &format!("expected {expected}"),
                );
                None
            }
        }
    }
}

/// What `parse_lenient` reads as no figure.
fn cell_is_blank(text: &str) -> bool {
    matches!(parse_lenient(text, None), Ok(None))
}

fn what(role: Role) -> &'static str {
    match role {
        Role::Baseline => "baseline",
        _ => "target",
    }
}
