//! What a worksheet hides from the eye, checked once its figures are
//! read (issue 24, item 15): figures in hidden rows are imported with a
//! warning naming the rows; a figure whose cell is merged across rows (or,
//! in a wide sheet, across years) is an error naming the merged range.

use std::path::Path;
use std::sync::Arc;

use super::{Figure, FileShape};
use crate::problem::{Location, Problem, Problems, SheetRef};
use crate::workbook::{cell_ref, Region, Sheet, Visibility};

/// The note for a hidden sheet skipped because `--sheet` did not name it.
pub fn hidden_note(path: &Path, sheet: &Arc<SheetRef>, visibility: Visibility) -> String {
    let how = match visibility {
        Visibility::VeryHidden => "very hidden (only a macro or the file shows it)",
        _ => "hidden",
    };
    format!(
        "{}: the worksheet is {how}; skipped (name it with --sheet to read it)",
        Location::sheet(path, sheet)
    )
}

/// The problems of a sheet's figures: hidden rows, merged value cells.
pub fn check(
    path: &Path,
    sheet: &Arc<SheetRef>,
    book: &Sheet,
    shape: Option<FileShape>,
    figures: &[Figure],
) -> Problems {
    let mut problems = Problems::default();
    let mut hidden: Vec<usize> = figures
        .iter()
        .filter_map(|f| f.location.line)
        .filter(|line| book.hidden_rows.contains(&(line - 1)))
        .collect();
    hidden.sort_unstable();
    hidden.dedup();
    if !hidden.is_empty() {
        let rows: Vec<String> = hidden.iter().map(usize::to_string).collect();
        let (word, them) = if rows.len() == 1 {
            ("row", "is")
        } else {
            ("rows", "are")
        };
        problems.push(
            Problem::warning(
                Location::sheet(path, sheet),
                format!(
                    "{word} {} {them} hidden in the workbook, and {} figures are imported",
                    rows.join(", "),
                    if rows.len() == 1 { "its" } else { "their" }
                ),
            )
            .hint("check the hidden rows (右クリック › 再表示) hold figures meant for the ledger"),
        );
    }
    // A figure's cell merged across columns of a wide sheet (by year or
    // by category) stands for several figures.
    let by_category = matches!(shape, Some(FileShape::Categories { .. }));
    let wide = by_category || matches!(shape, Some(FileShape::Wide { .. }));
    for figure in figures {
        let (Some(line), Some(column)) = (figure.location.line, figure.location.column) else {
            continue;
        };
        let place = ((line - 1) as u32, (column - 1) as u32);
        let Some(region) = book.merged.iter().find(|r| contains(r, place)) else {
            continue;
        };
        let rows = region.last.0 > region.first.0;
        let columns = region.last.1 > region.first.1;
        if !(rows || (wide && columns)) {
            continue;
        }
        let range = format!(
            "{}:{}",
            cell_ref(region.first.0 as usize, region.first.1 as usize),
            cell_ref(region.last.0 as usize, region.last.1 as usize)
        );
        let across = match (rows, by_category) {
            (true, _) => "rows",
            (false, true) => "categories",
            (false, false) => "years",
        };
        problems.push(
            Problem::error(
                figure.location.clone(),
                format!("the figure's cell is merged across {across} ({range}), so which figure it gives is unclear"),
            )
            .hint(format!(
                "unmerge {range} (ホーム › セルを結合して中央揃え) and give each {} its own figure",
                if by_category { "row and category" } else { "row and year" }
            )),
        );
    }
    problems
}

fn contains(region: &Region, (row, col): (u32, u32)) -> bool {
    (region.first.0..=region.last.0).contains(&row)
        && (region.first.1..=region.last.1).contains(&col)
}
