//! `kpi show KPI` for a KPI with breakdowns: after its own table, its
//! figures by category and year (`categories::blocks`) as terminal tables,
//! and a chart per dimension with one line per category. A table wider
//! than `--width` is cut into several, each with the year column, so that
//! no category is left out.

use super::categories::{self, Block};
use super::grid::{self, Align, Cell, Column, Row};
use super::table::{draw_tables, status_cell};
use super::{fit, Style, Text};
use crate::plan::Plan;
use crate::progress::KpiProgress;
use crate::year::FiscalYear;

/// The tables and charts; empty for a KPI without breakdowns.
pub fn text(plan: &Plan, k: &KpiProgress, as_of: Option<FiscalYear>, style: &Style) -> String {
    let blocks = categories::blocks(plan, k, as_of, style);
    if blocks.is_empty() {
        return String::new();
    }
    let kpi = k.kpi_of(plan);
    let mut out = String::new();
    for block in &blocks {
        out.push('\n');
        let mut heading = block.title.clone();
        if let Some(unit) = kpi.unit.as_deref().filter(|u| !u.is_empty()) {
            let u = style.lang.text(Text::Unit);
            heading.push_str(&match style.lang {
                super::Lang::Ja => format!("（{u}{unit}）"),
                super::Lang::En => format!(" ({u}{unit})"),
            });
        }
        fit::push_line(&mut out, &heading, style);
        for columns in chunks(block, style) {
            out.push_str(&draw(block, &columns, style));
        }
    }
    for (name, lines) in categories::lines(plan, k) {
        let chart = super::plot::plot_lines(kpi.unit.as_deref(), &lines, style);
        if chart.is_empty() {
            continue;
        }
        out.push('\n');
        fit::push_line(&mut out, &categories::title(style.lang, &name), style);
        out.push_str(&chart);
    }
    out
}

/// Every row of a block as text, the header first (to measure).
fn all_rows(block: &Block, style: &Style) -> Vec<Vec<String>> {
    let mut rows = vec![block.header.clone()];
    rows.extend(block.rows.iter().cloned());
    rows.extend(block.targets.iter().cloned());
    if let Some((label, statuses)) = &block.statuses {
        let mut row = vec![label.clone()];
        row.extend(statuses.iter().map(|s| match s {
            Some(s) => style.status_word(*s).to_string(),
            None => "-".to_string(),
        }));
        rows.push(row);
    }
    rows
}

/// The columns of each table a block is drawn as: all of them without a
/// width; else as many as fit, the first column (the year) in each.
fn chunks(block: &Block, style: &Style) -> Vec<Vec<usize>> {
    let n = block.header.len();
    let Some(width) = style.width else {
        return vec![(0..n).collect()];
    };
    let rows = all_rows(block, style);
    let need = |c: usize| {
        rows.iter()
            .map(|r| r.get(c).map_or(0, |t| grid::width(t, style.ascii)))
            .max()
            .unwrap_or(0)
            + 3
    };
    let first = need(0) + 1;
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current = vec![0];
    let mut used = first;
    for c in 1..n {
        let w = need(c);
        if current.len() > 1 && used + w > width {
            out.push(std::mem::replace(&mut current, vec![0]));
            used = first;
        }
        current.push(c);
        used += w;
    }
    out.push(current);
    out
}

/// One table of a block: `columns` of its header and rows.
fn draw(block: &Block, columns: &[usize], style: &Style) -> String {
    let grid_columns: Vec<Column> = columns
        .iter()
        .map(|&c| {
            let align = if c < block.labels {
                Align::Left
            } else {
                Align::Right
            };
            Column::new(block.header[c].clone(), align)
        })
        .collect();
    let pick = |row: &[String]| -> Vec<Cell> {
        columns
            .iter()
            .map(|&c| Cell::from(row.get(c).cloned().unwrap_or_default()))
            .collect()
    };
    let mut rows: Vec<Row> = block.rows.iter().map(|r| Row::Cells(pick(r))).collect();
    if let Some(targets) = &block.targets {
        rows.push(Row::Cells(pick(targets)));
    }
    if let Some((label, statuses)) = &block.statuses {
        let cells = columns
            .iter()
            .map(|&c| match c {
                0 => Cell::from(label.as_str()),
                _ => match statuses.get(c - 1).copied().flatten() {
                    Some(s) => status_cell(s, style),
                    None => Cell::from("-"),
                },
            })
            .collect();
        rows.push(Row::Cells(cells));
    }
    let (drawn, note) = draw_tables(&grid_columns, &[rows], style);
    drawn.concat() + &note
}
