//! Reading the cells of an import file's rows into figures: the KPI by id or
//! name, the year, the value as people write it, the note and source.
//! Every bad cell is a problem naming its line, its column and its text.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;

use super::decode::cp932_twin;
use super::shape::{Header, Shape};
use super::Figure;
use crate::csv_cells::{cells_past_header, unneutralise, Column, Row};
use crate::plan::{FastHash, Plan};
use crate::problem::{Location, Problem, Problems};
use crate::suggest;
use crate::value::parse_lenient;
use crate::year::{narrow_ascii, FiscalYear, YearStyle};

/// Finding a plan's KPI from what a cell says: its id or its exact name;
/// failing that, the same compared without regard to letter case, width
/// (`ＡＢＣ`, `（`) or the characters CP932 writes differently (`〜`/`～`).
pub struct KpiFinder<'p> {
    plan: &'p Plan,
    /// Each name to the first KPI that has it.
    exact: HashMap<&'p str, usize, FastHash>,
    /// Folded id or name → the KPI, or `None` when two KPIs fold alike;
    /// made at the first name that is not exact (folding 200,000 ids and
    /// names of a national plan costs more than reading its figures).
    folded: OnceCell<HashMap<String, Option<usize>, FastHash>>,
}

fn fold(text: &str) -> String {
    let twin: String = text
        .chars()
        .map(|c| if c == '¥' { '\\' } else { cp932_twin(c) })
        .collect();
    narrow_ascii(&twin).trim().to_lowercase()
}

impl<'p> KpiFinder<'p> {
    pub fn new(plan: &'p Plan) -> Self {
        // Ids are found through the plan's own index; names need a map.
        let mut exact = HashMap::default();
        for (i, k) in plan.kpis.iter().enumerate() {
            exact.entry(k.name.as_str()).or_insert(i);
        }
        KpiFinder {
            plan,
            exact,
            folded: OnceCell::new(),
        }
    }

    fn folded(&self) -> &HashMap<String, Option<usize>, FastHash> {
        self.folded.get_or_init(|| {
            let mut folded: HashMap<String, Option<usize>, FastHash> = HashMap::default();
            for (i, k) in self.plan.kpis.iter().enumerate() {
                for key in [fold(&k.id), fold(&k.name)] {
                    folded
                        .entry(key)
                        .and_modify(|e| {
                            if *e != Some(i) {
                                *e = None;
                            }
                        })
                        .or_insert(Some(i));
                }
            }
            folded
        })
    }

    pub fn find(&self, text: &str) -> Option<usize> {
        let text = text.trim();
        if let Some(i) = self.plan.kpi_index(text) {
            return Some(i);
        }
        if let Some(&i) = self.exact.get(text) {
            return Some(i);
        }
        self.folded().get(&fold(text)).copied().flatten()
    }

    /// What to say about `text`, a KPI the plan does not have.
    pub fn hint(&self, text: &str) -> String {
        let ids: Vec<&str> = self.plan.kpis.iter().map(|k| k.id.as_str()).collect();
        let names: Vec<&str> = self.plan.kpis.iter().map(|k| k.name.as_str()).collect();
        suggest::unknown_id_or_name(
            text,
            "KPI",
            &ids,
            &names,
            "name the KPI by its id or its exact name in the plan",
        )
    }
}

/// What the reader of a file needs besides its rows.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub kpis: &'a KpiFinder<'a>,
    pub path: &'a Path,
    /// `--year`: the year of rows that give none, and the only year allowed.
    pub year: Option<FiscalYear>,
}

const YEAR_HINT: &str = "write it as 2015, FY2015, 2015年度, H27 or 平成27年度";

impl Context<'_> {
    fn at(&self, line: usize) -> Location {
        Location::line(self.path, line)
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
        for p in cells_past_header(&self.at(row.line), row, header.width, "note") {
            problems.push(p);
        }
        let kpi = self.kpi(header, row, problems);
        let optional = |c: &Option<Column>| {
            c.as_ref()
                .map(|c| unneutralise(cell(c)).trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let note = optional(&header.note);
        let source = optional(&header.source);
        let mut empty = 0;
        let cells: Vec<(Option<FiscalYear>, &Column)> = match &header.shape {
            Shape::Long { year, value } => {
                let year = match year {
                    Some(c) if !cell(c).is_empty() => {
                        self.year_cell(row.line, c, cell(c), problems)
                    }
                    _ => self.default_year(row.line, problems),
                };
                vec![(year, value)]
            }
            Shape::Wide { years } => years
                .iter()
                .map(|(c, y)| (self.check_year(row.line, c, *y, problems), c))
                .collect(),
        };
        for (year, column) in cells {
            let text = cell(column);
            let Some(kpi) = kpi else {
                continue;
            };
            let unit = self.plan.kpis[kpi].unit.as_deref();
            match parse_lenient(text, unit) {
                Ok(None) => empty += 1,
                Ok(Some(value)) => {
                    if let Some(year) = year {
                        figures.push(Figure {
                            kpi,
                            year,
                            value,
                            note: note.clone(),
                            source: source.clone(),
                            location: self.at(row.line),
                        });
                    }
                }
                Err(expected) => problems.push(
                    Problem::error(
                        self.at(row.line),
                        format!(
                            "column `{}`: `{text}` is not a figure for `{}`",
                            column.name, self.plan.kpis[kpi].id
                        ),
                    )
                    .hint(format!("expected {expected}")),
                ),
            }
        }
        empty
    }

    /// The KPI the row names: its first KPI column that names one.
    fn kpi(&self, header: &Header, row: &Row, problems: &mut Problems) -> Option<usize> {
        let mut first: Option<(&Column, &str)> = None;
        for column in &header.kpi {
            let text = row.cells.get(column.index).map_or("", String::as_str);
            let text = unneutralise(text).trim();
            if text.is_empty() {
                continue;
            }
            if let Some(kpi) = self.kpis.find(text) {
                return Some(kpi);
            }
            first.get_or_insert((column, text));
        }
        let (message, hint) = match first {
            Some((column, text)) => (
                format!("column `{}`: unknown KPI `{text}`", column.name),
                self.kpis.hint(text),
            ),
            None => (
                format!("column `{}`: the row names no KPI", header.kpi[0].name),
                "write the KPI's id or its name from the plan, or delete the row".to_string(),
            ),
        };
        problems.push(Problem::error(self.at(row.line), message).hint(hint));
        None
    }

    fn year_cell(
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
                        self.at(line),
                        format!("column `{}`: `{text}` is not a fiscal year", column.name),
                    )
                    .hint(YEAR_HINT),
                );
                None
            }
        }
    }

    /// A year given in the file must be `--year` when that is given.
    fn check_year(
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
                        self.at(line),
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

    fn default_year(&self, line: usize, problems: &mut Problems) -> Option<FiscalYear> {
        if self.year.is_none() {
            problems.push(
                Problem::error(self.at(line), "the row gives no year")
                    .hint(format!("fill in the year ({YEAR_HINT}), or give --year")),
            );
        }
        self.year
    }
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
