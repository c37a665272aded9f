//! The shape of an import file: where its header row is, which column is
//! which, and whether it is long (`kpi,year,value`) or wide (`kpi,H27,H28`).
//! Cells come out as text with their place; `normalise` reads them.

use crate::ledger::read::line_of;
use crate::problem::LineIndex;
use crate::year::{narrow_ascii, FiscalYear};

/// One CSV record with the 1-based line it starts on, its cells trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(String::is_empty)
    }
}

/// Every record of the text; a record the CSV reader cannot read is
/// returned as its line and the reader's message.
pub fn rows(text: &str) -> (Vec<Row>, Vec<(usize, String)>) {
    let lines = LineIndex::new(text);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for result in csv.records() {
        match result {
            Ok(record) => {
                let line = record
                    .position()
                    .map_or(1, |p| line_of(text, &lines, p.byte()));
                rows.push(Row {
                    line,
                    cells: record.iter().map(|c| c.trim().to_string()).collect(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| line_of(text, &lines, p.byte()));
                bad.push((line, e.to_string()));
            }
        }
    }
    (rows, bad)
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The KPI by id (`kpi`, `id`): preferred.
    KpiId,
    /// The KPI by name (`指標`, `指標名`, `name`): read when the id cell is
    /// empty or names no KPI.
    KpiName,
    Year,
    Value,
    Note,
    Source,
    /// Known columns that carry nothing to import (`unit`, `単位`, `owner`, `担当課`).
    Info,
}

fn role(name: &str) -> Option<Role> {
    let name = narrow_ascii(name).trim().to_lowercase();
    Some(match name.as_str() {
        "kpi" | "id" => Role::KpiId,
        "指標" | "指標名" | "name" => Role::KpiName,
        "year" | "年度" => Role::Year,
        "value" | "実績値" | "実績" | "値" => Role::Value,
        "note" | "備考" => Role::Note,
        "source" | "出典" => Role::Source,
        "unit" | "単位" | "owner" | "担当課" => Role::Info,
        _ => return None,
    })
}

/// A column: its index in the row and its header text, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// One figure per row.
    Long { year: Option<Column>, value: Column },
    /// One row per KPI, one column per year.
    Wide { years: Vec<(Column, FiscalYear)> },
}

/// The header row, found and read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub line: usize,
    /// The KPI columns, the id column first.
    pub kpi: Vec<Column>,
    pub note: Option<Column>,
    pub source: Option<Column>,
    pub shape: Shape,
    /// How many cells the header has, trailing empty ones left out.
    pub width: usize,
    /// Header cells that name nothing `kpi import` reads.
    pub unknown: Vec<Column>,
    /// Roles named by more than one column: (role's first column, second).
    pub duplicates: Vec<(Column, Column)>,
}

impl Header {
    pub fn is_wide(&self) -> bool {
        matches!(self.shape, Shape::Wide { .. })
    }
}

/// What a header must name, for the message when none is found.
pub const HEADER_EXPECTED: &str = "a header row naming the columns kpi, year and value \
     (指標, 年度, 実績値), or a KPI column followed by years (kpi,H27,H28)";

/// The header: the first row that names a KPI column and a value column, or
/// a KPI column and years. Rows above it (titles, blank lines) are skipped.
pub fn find_header(rows: &[Row]) -> Option<(usize, Header)> {
    rows.iter()
        .enumerate()
        .find_map(|(i, row)| header(row).map(|h| (i, h)))
}

fn header(row: &Row) -> Option<Header> {
    let column = |index: usize| Column {
        index,
        name: row.cells[index].clone(),
    };
    let mut found: Vec<(Role, Column)> = Vec::new();
    let mut years = Vec::new();
    let mut unknown = Vec::new();
    let mut duplicates = Vec::new();
    for (index, cell) in row.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        if let Some(role) = role(cell) {
            let multiple = matches!(role, Role::KpiId | Role::KpiName | Role::Info);
            match found.iter().find(|(r, _)| *r == role) {
                Some((_, first)) if !multiple => duplicates.push((first.clone(), column(index))),
                _ => found.push((role, column(index))),
            }
        } else if let Ok(year) = FiscalYear::parse(cell) {
            years.push((column(index), year));
        } else {
            unknown.push(column(index));
        }
    }
    let take = |role: Role| {
        found
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c.clone())
    };
    let mut kpi: Vec<Column> = found
        .iter()
        .filter(|(r, _)| *r == Role::KpiId)
        .chain(found.iter().filter(|(r, _)| *r == Role::KpiName))
        .map(|(_, c)| c.clone())
        .collect();
    if kpi.is_empty() {
        return None;
    }
    let shape = match (take(Role::Value), take(Role::Year)) {
        (Some(value), year) => {
            // Year-like cells beside a value column are columns it does not read.
            unknown.extend(years.drain(..).map(|(c, _)| c));
            Shape::Long { year, value }
        }
        (None, None) if !years.is_empty() => Shape::Wide { years },
        _ => return None,
    };
    unknown.sort_by_key(|c| c.index);
    kpi.dedup();
    Some(Header {
        line: row.line,
        kpi,
        note: take(Role::Note),
        source: take(Role::Source),
        shape,
        width: row
            .cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |i| i + 1),
        unknown,
        duplicates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_header(text: &str) -> Option<Header> {
        let (rows, bad) = rows(text);
        assert!(bad.is_empty(), "{bad:?}");
        find_header(&rows).map(|(_, h)| h)
    }

    #[test]
    fn long_header_below_a_title_with_japanese_names() {
        let h =
            first_header("令和元年度 実績報告\n\n指標名,年度,実績値,備考,,\nx,H27,3,,,\n").unwrap();
        assert_eq!(h.line, 3);
        assert_eq!(h.kpi[0].name, "指標名");
        assert_eq!(h.width, 4);
        let Shape::Long { year, value } = &h.shape else {
            panic!("{h:?}")
        };
        assert_eq!(year.as_ref().unwrap().index, 1);
        assert_eq!(value.name, "実績値");
        assert_eq!(h.note.unwrap().index, 3);
    }

    #[test]
    fn the_id_column_comes_before_the_name_column() {
        let h = first_header("name,unit,KPI,value\n").unwrap();
        let names: Vec<&str> = h.kpi.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["KPI", "name"]);
        assert!(h.unknown.is_empty());
    }

    #[test]
    fn wide_header_with_years_in_any_form() {
        let h = first_header("ｋｐｉ,H27,平成28年度,2017,R1,remarks\n").unwrap();
        let Shape::Wide { years } = &h.shape else {
            panic!("{h:?}")
        };
        let ys: Vec<i32> = years.iter().map(|(_, y)| y.0).collect();
        assert_eq!(ys, [2015, 2016, 2017, 2019]);
        assert_eq!(h.unknown[0].name, "remarks");
    }

    #[test]
    fn no_header_without_a_kpi_column_and_values_or_years() {
        assert!(first_header("kpi,year\nx,2015\n").is_none());
        assert!(first_header("fair,2015,3\n").is_none());
        assert!(first_header("value,2015\n").is_none());
    }

    #[test]
    fn a_second_value_column_is_a_duplicate() {
        let h = first_header("kpi,year,value,実績値\n").unwrap();
        assert_eq!(h.duplicates.len(), 1);
        assert_eq!(h.duplicates[0].1.name, "実績値");
    }
}
