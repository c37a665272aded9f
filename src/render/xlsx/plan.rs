//! `kpi export plan --format xlsx`: the office KPI sheet (`sheet::write`)
//! as a workbook: the same columns and rows, values and years that are
//! numbers as number cells, text as text (never a formula).

use rust_xlsxwriter::XlsxError;

use crate::plan::Plan;
use crate::render::Lang;
use crate::sheet::write::{grid, Cell};
use crate::workbook::write::{tables, TableSheet, Value};

/// The workbook, and what `kpi init --from` would read back differently.
pub fn render(plan: &Plan, lang: Lang) -> Result<(Vec<u8>, Vec<String>), XlsxError> {
    let grid = grid(plan, lang);
    let rows = grid
        .rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| match cell {
                    Cell::Text(t) => super::text(&t),
                    Cell::Plain(t) if t.is_empty() => Value::Empty,
                    Cell::Plain(t) => Value::Number(t),
                })
                .collect()
        })
        .collect();
    let sheet = TableSheet {
        name: grid.title,
        header: grid.header,
        rows,
    };
    Ok((tables(&[sheet])?, grid.warnings))
}
