//! The dimension cells of a ledger row (breakdowns.md, "The ledger"): a
//! blank cell is the total over its dimension; any other is a category of
//! the dimension (its name, or its code when the dimension gives codes),
//! on a row whose KPI is broken down by that dimension.

use super::{Reader, Row, Sink};
use crate::breakdown::{CategoryKey, Dimension};
use crate::problem::{quoted, Problem};

/// How many categories a message lists before it stops.
const LISTED: usize = 12;

impl<S: Sink> Reader<'_, S> {
    /// The row's categories, one cell per dimension of its KPI's
    /// breakdowns: `Ok(None)` when every dimension cell is blank (the
    /// KPI's total), `Err` when a cell is wrong (reported here) or the
    /// KPI is unknown (reported by the caller).
    pub(super) fn categories(
        &mut self,
        kpi: Option<usize>,
        row: &Row<'_>,
    ) -> Result<Option<CategoryKey>, ()> {
        let plan = self.plan;
        let mut cells: Option<Vec<Option<u16>>> = None;
        let mut ok = true;
        for &(column, d) in &row.columns.dimensions {
            let text = row.field(column);
            if text.is_empty() {
                continue;
            }
            let dim = &plan.dimensions[d];
            let Some(category) = dim.category(text).and_then(|c| u16::try_from(c).ok()) else {
                self.report.problem(|| unknown_category(row, dim, text));
                ok = false;
                continue;
            };
            let Some(kpi) = kpi else {
                ok = false;
                continue;
            };
            let breakdown = plan.kpis[kpi].breakdown.as_deref();
            let place = breakdown.and_then(|b| {
                let at = b.dimensions.iter().position(|&e| e == d)?;
                Some((at, b.dimensions.len()))
            });
            let Some((at, len)) = place else {
                let id = &plan.kpis[kpi].id;
                self.report.problem(|| {
                    Problem::error(
                        row.location(),
                        format!(
                            "`{id}` is not broken down by `{}`, but its row holds `{}` in column `{}`",
                            dim.id,
                            quoted(text),
                            dim.id
                        ),
                    )
                    .hint(format!(
                        "leave the cell blank for the KPI's own figure, or add \"{}\" to the \
                         KPI's breakdowns in the plan",
                        dim.id
                    ))
                });
                ok = false;
                continue;
            };
            cells.get_or_insert_with(|| vec![None; len])[at] = Some(category);
        }
        if !ok {
            return Err(());
        }
        Ok(cells.map(|c| CategoryKey(c.into_boxed_slice())))
    }
}

fn unknown_category(row: &Row<'_>, dim: &Dimension, text: &str) -> Problem {
    let mut listed: Vec<&str> = dim
        .categories
        .iter()
        .take(LISTED)
        .map(String::as_str)
        .collect();
    if dim.categories.len() > LISTED {
        listed.push("…");
    }
    Problem::error(
        row.location(),
        format!(
            "`{}` in column `{}` is not a category of {} (`{}`)",
            quoted(text),
            dim.id,
            dim.name,
            dim.id
        ),
    )
    .hint(format!(
        "write one of its categories ({}), or leave the cell blank for the total",
        listed.join(", ")
    ))
}
