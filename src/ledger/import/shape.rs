//! The shape of an import file: where its header row is, which column is
//! which, and whether it is long (`kpi,year,value`) or wide (`kpi,H27,H28`).
//! Cells come out as text with their place; `normalise` reads them.

use crate::breakdown::Dimension;
use crate::csv_cells::{bracketed, find_row, heading_key, Column, Row};
use crate::year::{narrow_ascii, FiscalYear};

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
    /// `flag` / `区分`: 速報 (preliminary) or 確定 (final).
    Flag,
    /// The KPI's unit (`unit`, `単位`): checked against the plan's.
    Unit,
    /// Known columns that carry nothing to import (`owner`, `担当課`, and
    /// any heading marked `（参考）` or `(reference)`).
    Info,
}

/// What a header cell names: the name as it is, or without a trailing
/// bracketed part (`実績値（人）`, `value (%)`).
fn role(name: &str) -> Option<Role> {
    let name = heading_key(name);
    // A column marked as for reference (`前年度実績（参考）`, as the
    // template writes it) carries nothing to import.
    if bracketed(&name).is_some_and(|(_, inside)| crate::columns::REFERENCE.contains(&inside)) {
        return Some(Role::Info);
    }
    exact_role(&name).or_else(|| exact_role(unbracketed(&name)?))
}

/// `実績値(人)` → `実績値`: the text before a trailing `(…)`.
fn unbracketed(name: &str) -> Option<&str> {
    bracketed(name).map(|(before, _)| before)
}

/// A year heading of a wide file: a year, also with `実績`, `実績値` or a
/// bracketed part after it (`H27実績`, `2015年度（実績）`).
fn year_heading(cell: &str) -> Option<FiscalYear> {
    let narrow = narrow_ascii(cell);
    let mut name = narrow.trim();
    if let Some(rest) = unbracketed(name) {
        name = rest;
    }
    for suffix in ["実績値", "実績"] {
        if let Some(rest) = name.strip_suffix(suffix) {
            name = rest.trim_end();
            break;
        }
    }
    FiscalYear::parse(name).ok()
}

fn exact_role(name: &str) -> Option<Role> {
    use crate::columns as c;
    let roles = [
        (c::KPI_ID, Role::KpiId),
        (c::KPI_NAME, Role::KpiName),
        (c::YEAR, Role::Year),
        (c::VALUE, Role::Value),
        (c::NOTE, Role::Note),
        (c::SOURCE, Role::Source),
        (c::FLAG, Role::Flag),
        (c::UNIT, Role::Unit),
        (c::INFO, Role::Info),
    ];
    roles
        .into_iter()
        .find(|(words, _)| words.contains(&name))
        .map(|(_, role)| role)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// One figure per row.
    Long { year: Option<Column>, value: Column },
    /// One row per KPI, one column per year.
    Wide { years: Vec<(Column, FiscalYear)> },
    /// One row per KPI and year, one column per category of a dimension
    /// and one for the total (breakdowns.md: `0歳,1・2歳,3歳以上,計`).
    Categories {
        year: Option<Column>,
        columns: Vec<(Column, super::categories::Heading)>,
    },
}

/// The header row, found and read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub line: usize,
    /// The KPI columns, the id columns first.
    pub kpi: Vec<Column>,
    /// How many of `kpi` name the KPI by id (`kpi`, `id`); the rest by name.
    pub kpi_ids: usize,
    /// The unit column, checked against each KPI's unit.
    pub unit: Option<Column>,
    pub note: Option<Column>,
    pub source: Option<Column>,
    pub flag: Option<Column>,
    pub shape: Shape,
    /// How many cells the header has, trailing empty ones left out.
    pub width: usize,
    /// Header cells that name nothing `kpi import` reads.
    pub unknown: Vec<Column>,
    /// Roles named by more than one column: (role's first column, second).
    pub duplicates: Vec<(Column, Column)>,
    /// A long file's category columns (breakdowns.md): each headed by a
    /// dimension's id or name, with its position in `plan.dimensions`.
    pub dimensions: Vec<(Column, usize)>,
}

impl Header {
    pub fn is_wide(&self) -> bool {
        matches!(self.shape, Shape::Wide { .. })
    }

    /// Take a long file's columns headed by a dimension's id or name out
    /// of the columns not read: they are its category columns.
    pub fn take_dimensions(&mut self, dimensions: &[crate::breakdown::Dimension]) {
        if dimensions.is_empty() || self.is_wide() {
            return;
        }
        let of = |c: &Column| {
            let key = heading_key(&c.name);
            dimensions
                .iter()
                .position(|d| heading_key(&d.id) == key || heading_key(&d.name) == key)
        };
        let mut taken: Vec<(Column, usize)> = Vec::new();
        let mut twice = Vec::new();
        self.unknown.retain(|c| {
            let Some(d) = of(c) else {
                return true;
            };
            match taken.iter().find(|(_, e)| *e == d) {
                Some((first, _)) => twice.push((first.clone(), c.clone())),
                None => taken.push((c.clone(), d)),
            }
            false
        });
        self.duplicates.extend(twice);
        self.dimensions = taken;
    }
}

/// What a header must name, for the message when none is found.
pub const HEADER_EXPECTED: &str = "a header row naming the columns kpi, year and value \
     (指標, 年度, 実績値), or a KPI column followed by years (kpi,H27,H28)";

/// The header: the first row that names a KPI column and a value column, or
/// a KPI column and years. Rows above it (titles, blank lines) are skipped.
pub fn find_header(rows: &[Row]) -> Option<(usize, Header)> {
    find_row(rows, |row| header(row, &[]))
}

/// `find_header`, with the plan's dimensions: a header with no value
/// column and no years whose other headings are categories of them (and
/// the total) reads as `Shape::Categories`.
pub fn find_header_with(rows: &[Row], dimensions: &[Dimension]) -> Option<(usize, Header)> {
    find_row(rows, |row| header(row, dimensions))
}

/// A header over two rows: `upper` names the KPI column and a group
/// heading over the year columns (`指標名,実績値,実績値` where a merged
/// `実績値` spans them, or `指標名,実績値,` as a CSV saves the merge), and
/// `lower`, the next row, holds only years, under the group (`,R1,R2`).
/// The header is then each column's lower heading, else its upper one
/// (`指標名,R1,R2`). `upper_header` is what `upper` read as alone; it must
/// be one that cannot be read: a column named twice, or a value column
/// with no year column.
pub fn two_row_header(upper: &[String], upper_header: &Header, lower: &Row) -> Option<Header> {
    let incomplete = !upper_header.duplicates.is_empty()
        || matches!(upper_header.shape, Shape::Long { year: None, .. });
    if !incomplete {
        return None;
    }
    let filled: Vec<&String> = lower.cells.iter().filter(|c| !c.is_empty()).collect();
    if filled.is_empty() || !filled.iter().all(|c| year_heading(c).is_some()) {
        return None;
    }
    if upper_header
        .kpi
        .iter()
        .any(|k| lower.cells.get(k.index).is_some_and(|c| !c.is_empty()))
    {
        return None;
    }
    let width = upper.len().max(lower.cells.len());
    let cells = (0..width)
        .map(|i| match lower.cells.get(i).filter(|c| !c.is_empty()) {
            Some(below) => below.clone(),
            None => upper.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    let combined = header(
        &Row {
            line: upper_header.line,
            cells,
        },
        &[],
    )?;
    (combined.is_wide() && combined.duplicates.is_empty()).then_some(combined)
}

fn header(row: &Row, dimensions: &[Dimension]) -> Option<Header> {
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
        } else if let Some(year) = year_heading(cell) {
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
    let kpi_ids = found.iter().filter(|(r, _)| *r == Role::KpiId).count();
    if kpi.is_empty() {
        // A wide sheet whose first column has no heading, or one that names
        // nothing we know (`,H27,H28`, `項目,H27,H28`): the KPIs are in the
        // first column when every other heading is a year, from the second
        // on, and there are two years at least (`x,2015` is a data row).
        let first_is_label = row.cells.first().is_some_and(|c| role(c).is_none())
            && years.len() >= 2
            && years.first().is_some_and(|(c, _)| c.index == 1)
            && years.len() + usize::from(!row.cells[0].is_empty())
                == row.cells.iter().filter(|c| !c.is_empty()).count();
        if !first_is_label {
            return None;
        }
        unknown.retain(|c| c.index != 0);
        kpi.push(Column {
            index: 0,
            name: if row.cells[0].is_empty() {
                "#1".to_string()
            } else {
                row.cells[0].clone()
            },
        });
    }
    let shape = match (take(Role::Value), take(Role::Year)) {
        (Some(value), year) => {
            // Year-like cells beside a value column are columns it does not read.
            unknown.extend(years.drain(..).map(|(c, _)| c));
            Shape::Long { year, value }
        }
        (None, None) if !years.is_empty() => Shape::Wide { years },
        (None, year) if years.is_empty() && !dimensions.is_empty() => {
            let columns = super::categories::take_headings(dimensions, &mut unknown);
            Shape::Categories {
                year,
                columns: super::categories::checked(columns, &mut duplicates)?,
            }
        }
        _ => return None,
    };
    unknown.sort_by_key(|c| c.index);
    kpi.dedup();
    Some(Header {
        line: row.line,
        kpi,
        kpi_ids,
        unit: take(Role::Unit),
        note: take(Role::Note),
        source: take(Role::Source),
        flag: take(Role::Flag),
        shape,
        width: row
            .cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |i| i + 1),
        unknown,
        duplicates,
        dimensions: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_heading_reads_as_its_column() {
        use crate::columns::{Heading, WORKBOOK_TEMPLATE};
        use crate::lang::Lang;
        for lang in [Lang::Ja, Lang::En] {
            for h in WORKBOOK_TEMPLATE.into_iter().chain([Heading::Plans]) {
                let want = match h {
                    Heading::Id => Some(Role::KpiId),
                    Heading::Name => Some(Role::KpiName),
                    Heading::Unit => Some(Role::Unit),
                    Heading::Year => Some(Role::Year),
                    Heading::Previous | Heading::Target | Heading::Plans => Some(Role::Info),
                    Heading::Value => Some(Role::Value),
                    Heading::Note => Some(Role::Note),
                    Heading::Flag => Some(Role::Flag),
                };
                assert_eq!(role(h.word(lang)), want, "{}", h.word(lang));
            }
        }
    }
    use crate::csv_cells::rows;
    use crate::csv_cells::rows as csv_rows;

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
    fn headings_with_a_unit_in_brackets() {
        let h = first_header("指標名,年度（西暦）,実績値（人）\n").unwrap();
        let Shape::Long { year, value } = &h.shape else {
            panic!("{h:?}")
        };
        assert_eq!(year.as_ref().unwrap().name, "年度（西暦）");
        assert_eq!(value.name, "実績値（人）");
        let h = first_header("kpi,H27実績,平成28年度（実績値）\n").unwrap();
        let Shape::Wide { years } = &h.shape else {
            panic!("{h:?}")
        };
        assert_eq!(years.len(), 2);
        assert!(first_header("指標,実績値(\n").is_none());
    }

    #[test]
    fn a_wide_sheet_whose_first_column_has_no_kpi_heading() {
        for text in [",H27,H28\n", "項目,H27,H28\n"] {
            let h = first_header(text).unwrap();
            assert_eq!(h.kpi[0].index, 0, "{text}");
            assert!(h.is_wide());
            assert!(h.unknown.is_empty());
        }
        // A title beside a year, or years not right after the first column: no header.
        assert!(first_header("報告,2015年度,作成者\n").is_none());
        assert!(first_header(",,H30\n").is_none());
        assert!(first_header("H27,H28\n").is_none());
        assert!(first_header("fair,2015\n").is_none());
    }

    #[test]
    fn a_header_over_two_rows_takes_the_years_below_a_group_heading() {
        let (rows, _) = csv_rows("指標名,実績値,実績値,備考\n,R1,R2,\nx,1,2,\n");
        let (_, upper) = find_header(&rows).unwrap();
        assert_eq!(upper.duplicates.len(), 1);
        let h = two_row_header(&rows[0].cells, &upper, &rows[1]).unwrap();
        assert_eq!(h.line, 1);
        assert_eq!(h.kpi[0].name, "指標名");
        assert_eq!(h.note.as_ref().unwrap().index, 3);
        let Shape::Wide { years } = &h.shape else {
            panic!("{h:?}")
        };
        let found: Vec<(usize, i32)> = years.iter().map(|(c, y)| (c.index, y.0)).collect();
        assert_eq!(found, [(1, 2019), (2, 2020)]);
        // As a CSV saves the merge: the heading in its first cell only.
        let (rows, _) = csv_rows("指標名,実績値,\n,H30,R1\n");
        let (_, upper) = find_header(&rows).unwrap();
        assert!(two_row_header(&rows[0].cells, &upper, &rows[1]).is_some());
        // A complete header, or a data row below, stays as it is.
        let (rows, _) = csv_rows("kpi,year,value\n,2019,3\n");
        let (_, upper) = find_header(&rows).unwrap();
        assert!(two_row_header(&rows[0].cells, &upper, &rows[1]).is_none());
        let (rows, _) = csv_rows("指標名,実績値\nx,R1\n");
        let (_, upper) = find_header(&rows).unwrap();
        assert!(two_row_header(&rows[0].cells, &upper, &rows[1]).is_none());
        let (rows, _) = csv_rows("指標名,実績値\n,12\n");
        let (_, upper) = find_header(&rows).unwrap();
        assert!(two_row_header(&rows[0].cells, &upper, &rows[1]).is_none());
    }

    #[test]
    fn a_second_value_column_is_a_duplicate() {
        let h = first_header("kpi,year,value,実績値\n").unwrap();
        assert_eq!(h.duplicates.len(), 1);
        assert_eq!(h.duplicates[0].1.name, "実績値");
    }
}
