//! The category cells of a long import file (breakdowns.md, "Import"): a
//! column headed by a dimension's id or name holds the category's name or
//! code, or nothing, `計`, `合計`, `総数` or `total` for the total over that
//! dimension (unless that word is one of its categories).

use super::normalise::Context;
use super::shape::Header;
use crate::breakdown::{CategoryKey, Dimension};
use crate::csv_cells::Row;
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

impl Context<'_> {
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
