//! The template's sheets for KPIs with breakdowns (breakdowns.md,
//! "Templates"): a value column per category of each dimension, headed by
//! the category, the dimension's name over its columns in the row above
//! the header, and the total's column last, so that an office fills a row
//! per KPI and year as it keeps them in Excel. `kpi import` reads the
//! header row (categories and the total) as a wide sheet by category.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::write::{TemplateSheet, TEMPLATE_VALUE_COLUMN};

/// The headings of a sheet's value columns: every category of each
/// dimension, then the total; none for a sheet of one value column.
pub fn value_headings(sheet: &TemplateSheet) -> Vec<String> {
    if sheet.blocks.is_empty() {
        return Vec::new();
    }
    let mut headings: Vec<String> = sheet
        .blocks
        .iter()
        .flat_map(|(_, categories)| categories.iter().cloned())
        .collect();
    headings.push(sheet.total.clone());
    headings
}

/// The header: the template's, its one value column replaced by `values`
/// when there are any.
pub fn header_names(template: &[&str], values: &[String]) -> Vec<String> {
    let at = TEMPLATE_VALUE_COLUMN as usize;
    let mut names: Vec<String> = template.iter().map(|n| n.to_string()).collect();
    if !values.is_empty() && names.len() > at {
        names.splice(at..=at, values.iter().cloned());
    }
    names
}

/// Each dimension's name over its category columns, in the row above the
/// header (merged over them when there are several).
pub fn dimension_names(
    ws: &mut Worksheet,
    sheet: &TemplateSheet,
    format: &Format,
) -> Result<(), XlsxError> {
    let mut first = TEMPLATE_VALUE_COLUMN;
    for (name, categories) in &sheet.blocks {
        let last = first + categories.len().max(1) as u16 - 1;
        if last > first {
            ws.merge_range(1, first, 1, last, name, format)?;
        } else {
            ws.write_string_with_format(1, first, name, format)?;
        }
        first = last + 1;
    }
    Ok(())
}
