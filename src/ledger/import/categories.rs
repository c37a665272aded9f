//! The category cells of a long import file (breakdowns.md, "Import"): a
//! column headed by a dimension's id or name holds the category's name or
//! code, or nothing, `計`, `合計`, `総数` or `total` for the total over that
//! dimension (unless that word is one of its categories). And the columns
//! of a wide sheet headed by categories (`0歳,1・2歳,3歳以上,計`): each
//! column a category figure, the total word the KPI's total.

use super::normalise::Context;
use super::shape::Header;
use crate::breakdown::{CategoryKey, Dimension};
use crate::csv_cells::{heading_key, Column, Row};
use crate::problem::{quoted, Problem, Problems};
use crate::year::narrow_ascii;

/// The words of a cell that means the total over its dimension.
const TOTAL_WORDS: &[&str] = &["計", "合計", "総数", "total"];

/// Whether `text` means the total over `dim`: blank, or a total word
/// that is not one of its categories.
fn is_total(dim: &Dimension, text: &str) -> bool {
    text.is_empty()
        || (TOTAL_WORDS.iter().any(|w| w.eq_ignore_ascii_case(text))
            && dim.category(text).is_none())
}

/// What a column heading of a wide sheet by category names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The categories it may be, by name or code: (position in the plan's
    /// dimensions, category); a row's KPI has one of them among its
    /// breakdowns, else it is not broken down by them.
    pub categories: Vec<(usize, u16)>,
    /// It is a word for the total (計, 合計, 総数, total): the KPI's total
    /// where it is no category of the row's KPI.
    pub total: bool,
}

/// The category a heading names in `dim`, by name or code, compared as
/// headings are (width, case, spaces).
fn category_named(dim: &Dimension, text: &str) -> Option<u16> {
    let key = heading_key(text);
    let found = dim.category(text.trim()).or_else(|| {
        (dim.categories.iter().chain(&dim.codes))
            .position(|c| heading_key(c) == key)
            .map(|i| i % dim.categories.len().max(1))
    });
    found.and_then(|c| u16::try_from(c).ok())
}

/// What heading `text` names: categories of `dimensions` (`0歳`; or
/// `年齢=0歳`, `age=0歳` when two dimensions share a name), or the total.
fn heading_of(dimensions: &[Dimension], text: &str) -> Option<Heading> {
    let mut categories: Vec<(usize, u16)> = dimensions
        .iter()
        .enumerate()
        .filter_map(|(d, dim)| Some((d, category_named(dim, text)?)))
        .collect();
    if categories.is_empty() {
        if let Some((name, category)) = text.split_once('=') {
            let key = heading_key(name);
            categories.extend(dimensions.iter().enumerate().filter_map(|(d, dim)| {
                let named = heading_key(&dim.id) == key || heading_key(&dim.name) == key;
                named.then(|| Some((d, category_named(dim, category)?)))?
            }));
        }
    }
    let narrow = narrow_ascii(text.trim());
    let total = TOTAL_WORDS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(narrow.trim()));
    (total || !categories.is_empty()).then_some(Heading { categories, total })
}

/// Take the columns of `unknown` headed by a category or the total.
pub fn take_headings(
    dimensions: &[Dimension],
    unknown: &mut Vec<Column>,
) -> Vec<(Column, Heading)> {
    let mut taken = Vec::new();
    unknown.retain(|c| match heading_of(dimensions, &c.name) {
        Some(h) => {
            taken.push((c.clone(), h));
            false
        }
        None => true,
    });
    taken
}

/// The category columns of a header, when one at least is a category (a
/// header of a total alone is none); the same heading twice goes to
/// `duplicates`.
pub fn checked(
    columns: Vec<(Column, Heading)>,
    duplicates: &mut Vec<(Column, Column)>,
) -> Option<Vec<(Column, Heading)>> {
    if columns.iter().all(|(_, h)| h.categories.is_empty()) {
        return None;
    }
    for (i, (second, h)) in columns.iter().enumerate() {
        if let Some((first, _)) = columns[..i].iter().find(|(_, e)| e == h) {
            duplicates.push((first.clone(), second.clone()));
        }
    }
    Some(columns)
}

impl Context<'_> {
    /// The cells of a wide row by category, each with its figure's
    /// categories (`None` for the KPI's total): `base` is the row's own
    /// (from dimension columns), which a column's category refines. A
    /// filled cell whose category the row's KPI lacks is an error, and
    /// left out.
    pub(super) fn category_cells<'h>(
        &self,
        columns: &'h [(Column, Heading)],
        row: &Row,
        kpi: Option<usize>,
        base: Option<&CategoryKey>,
        problems: &mut Problems,
    ) -> Vec<(&'h Column, Option<CategoryKey>)> {
        let Some(kpi) = kpi else {
            return columns.iter().map(|(c, _)| (c, None)).collect();
        };
        let kpi_dims = self.plan.kpis[kpi]
            .breakdown
            .as_deref()
            .map_or(&[][..], |b| &b.dimensions[..]);
        let mut cells = Vec::new();
        for (column, heading) in columns {
            let text = row.cells.get(column.index).map_or("", String::as_str);
            let blank = text.trim().is_empty();
            let of_kpi: Vec<(usize, u16)> = heading
                .categories
                .iter()
                .filter_map(|&(d, c)| Some((kpi_dims.iter().position(|&e| e == d)?, c)))
                .collect();
            let mut key = base
                .map(|k| k.0.to_vec())
                .unwrap_or_else(|| vec![None; kpi_dims.len()]);
            match of_kpi[..] {
                [(at, c)] if key[at].is_none() => {
                    key[at] = Some(c);
                    cells.push((column, Some(CategoryKey(key.into_boxed_slice()))));
                }
                [] if heading.total => cells.push((column, base.cloned())),
                _ if blank => cells.push((column, None)),
                _ => problems.push(self.no_category(row.line, column, kpi, heading, &of_kpi)),
            }
        }
        cells
    }

    /// Why a filled cell of a category column gives no figure of `kpi`.
    fn no_category(
        &self,
        line: usize,
        column: &Column,
        kpi: usize,
        heading: &Heading,
        of_kpi: &[(usize, u16)],
    ) -> Problem {
        let id = &self.plan.kpis[kpi].id;
        let at = self.cell_at(line, column.index);
        let dims = || -> Vec<String> {
            heading
                .categories
                .iter()
                .map(|&(d, _)| {
                    let dim = &self.plan.dimensions[d];
                    format!("{} (`{}`)", dim.name, dim.id)
                })
                .collect()
        };
        match of_kpi.len() {
            0 => Problem::error(
                at,
                format!(
                    "column `{}`: `{id}` is not broken down by {}",
                    column.name,
                    dims().join(" or ")
                ),
            )
            .hint("leave the cell empty (the KPI's figures go in its own columns), or add the dimension to the KPI's breakdowns in the plan"),
            1 => Problem::error(
                at,
                format!(
                    "column `{}`: the row's category column already gives this dimension",
                    column.name
                ),
            )
            .hint("give the category once: in the category column or in the column headed by the category"),
            _ => Problem::error(
                at,
                format!(
                    "column `{}` is a category of several of `{id}`'s dimensions: {}",
                    column.name,
                    dims().join(", ")
                ),
            )
            .hint(format!("head the column `DIMENSION={}` (e.g. with the dimension's name)", column.name)),
        }
    }

    /// A row's categories, one cell per dimension of its KPI's breakdowns:
    /// `Ok(None)` for the KPI's total; `Err` after a problem (or when the
    /// KPI is unknown and a category cell is filled).
    pub(super) fn categories(
        &self,
        header: &Header,
        row: &Row,
        kpi: Option<usize>,
        problems: &mut Problems,
    ) -> Result<Option<CategoryKey>, ()> {
        let mut cells: Option<Vec<Option<u16>>> = None;
        let mut ok = true;
        for (column, d) in &header.dimensions {
            let raw = row.cells.get(column.index).map_or("", String::as_str);
            let text = narrow_ascii(raw.trim());
            let text = text.trim();
            let dim = &self.plan.dimensions[*d];
            if is_total(dim, text) {
                continue;
            }
            let at = || self.cell_at(row.line, column.index);
            let Some(category) = dim.category(text).and_then(|c| u16::try_from(c).ok()) else {
                problems.push(
                    Problem::error(
                        at(),
                        format!(
                            "column `{}`: `{}` is not a category of {} (`{}`)",
                            column.name,
                            quoted(text),
                            dim.name,
                            dim.id
                        ),
                    )
                    .hint(format!(
                        "write one of {}, or 計 / total (or nothing) for the total",
                        dim.categories.join(", ")
                    )),
                );
                ok = false;
                continue;
            };
            let Some(kpi) = kpi else {
                ok = false;
                continue;
            };
            let b = self.plan.kpis[kpi].breakdown.as_deref();
            let Some((at_d, len)) = b.and_then(|b| {
                Some((
                    b.dimensions.iter().position(|e| e == d)?,
                    b.dimensions.len(),
                ))
            }) else {
                let id = &self.plan.kpis[kpi].id;
                problems.push(
                    Problem::error(
                        at(),
                        format!("column `{}`: `{id}` is not broken down by {} (`{}`)", column.name, dim.name, dim.id),
                    )
                    .hint(format!(
                        "leave the cell empty for the KPI's own figure, or add \"{}\" to the KPI's breakdowns in the plan",
                        dim.id
                    )),
                );
                ok = false;
                continue;
            };
            cells.get_or_insert_with(|| vec![None; len])[at_d] = Some(category);
        }
        if !ok {
            return Err(());
        }
        Ok(cells.map(|c| CategoryKey(c.into_boxed_slice())))
    }
}

#[cfg(test)]
mod tests;
