//! Workbooks `kpi` writes (rust_xlsxwriter): the template an office fills
//! in, and tables (`--format xlsx`) that can be sorted and filtered.
//! Both take plain rows; the commands decide what goes in them.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatBorder, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A number cell; the text is the exact decimal (Excel keeps 15 digits).
    Number(String),
    /// A ratio shown as a percent (0.95 as 95.0%).
    Percent(f64),
}

/// A sheet of a table workbook: a header row (frozen, filterable) and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct TableSheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// One KPI's row of the template.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateRow {
    pub id: String,
    pub name: String,
    pub unit: String,
    /// The year label the figure is for (`R2`).
    pub year: String,
    /// The previous year's figure, for reference.
    pub previous: Option<String>,
    /// Whether that figure is preliminary (速報値): it shows as such.
    pub previous_preliminary: bool,
    /// The target in force, for reference (`75件 (R1)`).
    pub target: String,
}

/// One sheet of the template: an office's KPIs.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateSheet {
    pub name: String,
    /// The title row: plan, year, office.
    pub title: String,
    pub rows: Vec<TemplateRow>,
    /// KPIs with breakdowns (breakdowns.md): per dimension, its name and
    /// its categories' headings, a value column each, then the total's
    /// (`total`); empty for a sheet of one value column.
    pub blocks: Vec<(String, Vec<String>)>,
    /// The heading of the total's column of a sheet with `blocks`.
    pub total: String,
}

/// The template's header, in the plan's language (`columns::WORKBOOK_TEMPLATE`).
/// `kpi import` reads the id, 年度, 実績値, 備考 and 区分 columns and passes
/// over the others.
pub fn template_header(lang: Lang) -> Vec<&'static str> {
    crate::columns::WORKBOOK_TEMPLATE
        .iter()
        .map(|c| c.word(lang))
        .collect()
}

/// The columns of the template an office edits: the value, the note and
/// the 区分 (a list of 速報値 / 確定値).
pub const TEMPLATE_VALUE_COLUMN: u16 = 6;
pub const TEMPLATE_NOTE_COLUMN: u16 = 7;
pub const TEMPLATE_FLAG_COLUMN: u16 = 8;

/// A name Excel takes for a sheet: at most 31 characters, none of `[]:*?/\`,
/// not blank, and different from the names before it.
pub fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let base: String = if clean.is_empty() {
        "Sheet".to_string()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!(" ({n})");
        name = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    name
}

/// A column width, in Excel's units (about one ASCII character), for text
/// that is `display` columns wide; East Asian wide characters count two.
fn width_for(texts: impl Iterator<Item = usize>) -> f64 {
    let widest = texts.max().unwrap_or(8);
    (widest as f64 * 1.1 + 2.0).clamp(6.0, 60.0)
}

fn display(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(FormatBorder::Thin)
}

/// A number cell from an exact decimal's text; Excel holds doubles.
fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A workbook of tables, one sheet each.
pub fn tables(sheets: &[TableSheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut taken = Vec::new();
    let header = header_format();
    let percent = Format::new().set_num_format("0.0%");
    for sheet in sheets {
        let name = sheet_name(&sheet.name, &taken);
        taken.push(name.clone());
        let ws = workbook.add_worksheet().set_name(&name)?;
        for (c, text) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, text, &header)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, value) in row.iter().enumerate() {
                let c = c as u16;
                match value {
                    Value::Empty => {}
                    Value::Text(text) => {
                        ws.write_string(r, c, text)?;
                    }
                    Value::Number(text) => match number(text) {
                        Some(v) => {
                            ws.write_number(r, c, v)?;
                        }
                        None => {
                            ws.write_string(r, c, text)?;
                        }
                    },
                    Value::Percent(v) => {
                        ws.write_number_with_format(r, c, *v, &percent)?;
                    }
                }
            }
        }
        fit_columns(ws, &sheet.header, &sheet.rows);
        ws.set_freeze_panes(1, 0)?;
        if !sheet.header.is_empty() {
            ws.autofilter(0, 0, sheet.rows.len() as u32, sheet.header.len() as u16 - 1)?;
        }
    }
    workbook.save_to_buffer()
}

fn fit_columns(ws: &mut Worksheet, header: &[String], rows: &[Vec<Value>]) {
    for (c, name) in header.iter().enumerate() {
        let texts =
            std::iter::once(display(name) + 2).chain(rows.iter().map(|row| match row.get(c) {
                Some(Value::Text(t)) | Some(Value::Number(t)) => display(t),
                Some(Value::Percent(_)) => 7,
                _ => 0,
            }));
        let _ = ws.set_column_width(c as u16, width_for(texts));
    }
}

/// The template workbook: a sheet per office, each protected (without a
/// password) so that only the value and note cells can be edited; value
/// cells take a decimal number, with a message in the plan's language.
pub fn template(sheets: &[TemplateSheet], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut taken = Vec::new();
    let header_names = template_header(lang);
    let header = header_format().set_text_wrap();
    let title = Format::new().set_bold().set_font_size(14);
    let reference = Format::new().set_font_color(Color::RGB(0x595959));
    // A preliminary previous figure shows as such: `1100（速報値）`, still a number.
    let preliminary = reference.clone().set_num_format(match lang {
        Lang::Ja => "General\"（速報値）\"",
        Lang::En => "General\" (preliminary)\"",
    });
    let editable = Format::new()
        .set_unlocked()
        .set_background_color(Color::RGB(0xFFF2CC))
        .set_border(FormatBorder::Thin);
    for sheet in sheets {
        let name = sheet_name(&sheet.name, &taken);
        taken.push(name.clone());
        let ws = workbook.add_worksheet().set_name(&name)?;
        ws.write_string_with_format(0, 0, &sheet.title, &title)?;
        // The columns: the reference columns, a value column each (one,
        // or a category's and the total's), the note and the 区分.
        let values = super::wide::value_headings(sheet);
        let names = super::wide::header_names(&header_names, &values);
        for (c, text) in names.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, text, &header)?;
        }
        super::wide::dimension_names(ws, sheet, &header)?;
        let editable_columns = values.len().max(1) as u16 + 2;
        for (i, row) in sheet.rows.iter().enumerate() {
            let r = i as u32 + 3;
            ws.write_string(r, 0, &row.id)?;
            ws.write_string(r, 1, &row.name)?;
            ws.write_string(r, 2, &row.unit)?;
            ws.write_string(r, 3, &row.year)?;
            let previous_format = if row.previous_preliminary {
                &preliminary
            } else {
                &reference
            };
            match row.previous.as_deref().and_then(number) {
                Some(v) => ws.write_number_with_format(r, 4, v, previous_format)?,
                None => ws.write_string_with_format(
                    r,
                    4,
                    row.previous.as_deref().unwrap_or(""),
                    &reference,
                )?,
            };
            ws.write_string_with_format(r, 5, &row.target, &reference)?;
            for c in 0..editable_columns {
                ws.write_blank(r, TEMPLATE_VALUE_COLUMN + c, &editable)?;
            }
        }
        if !sheet.rows.is_empty() {
            let values = editable_columns - 2;
            validate(ws, sheet.rows.len() as u32 + 2, values, lang)?;
        }
        let widths = template_widths(sheet, &names);
        for (c, w) in widths.into_iter().enumerate() {
            ws.set_column_width(c as u16, w)?;
        }
        ws.set_freeze_panes(3, 0)?;
        let options = ProtectionOptions {
            select_locked_cells: true,
            select_unlocked_cells: true,
            format_columns: true,
            ..ProtectionOptions::default()
        };
        ws.protect_with_options(&options);
    }
    workbook.save_to_buffer()
}

/// The value cells of rows 3 to `last` (from 0; `values` columns from
/// `TEMPLATE_VALUE_COLUMN`) take a decimal number and the flag cells a
/// word of the list, each with a message in the plan's language.
fn validate(ws: &mut Worksheet, last: u32, values: u16, lang: Lang) -> Result<(), XlsxError> {
    let flags = crate::columns::flag_words(lang);
    let (flag_title, flag_message) = match lang {
        Lang::Ja => (
            "区分",
            "速報値の場合は「速報値」を選んでください。確定値は空欄のままでも構いません。",
        ),
        Lang::En => (
            "Flag",
            "Choose preliminary for a preliminary figure; a final one may stay empty.",
        ),
    };
    let (input_title, input_message) = match lang {
        Lang::Ja => ("実績値", "数値で入力してください（例: 2788、19.5）。単位は入力しません。未提出の場合は空欄のままにしてください。"),
        Lang::En => ("Value", "Type a number (e.g. 2788 or 19.5), without the unit. Leave the cell empty if there is no figure yet."),
    };
    let (error_title, error_message) = match lang {
        Lang::Ja => ("数値ではありません", "実績値は数値で入力してください。"),
        Lang::En => ("Not a number", "The value must be a number."),
    };
    let validation = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
        .ignore_blank(true)
        .set_input_title(input_title)?
        .set_input_message(input_message)?
        .set_error_title(error_title)?
        .set_error_message(error_message)?;
    let last_value = TEMPLATE_VALUE_COLUMN + values - 1;
    ws.add_data_validation(3, TEMPLATE_VALUE_COLUMN, last, last_value, &validation)?;
    let flag_column = last_value + 2;
    let flag = DataValidation::new()
        .allow_list_strings(&flags)?
        .ignore_blank(true)
        .set_input_title(flag_title)?
        .set_input_message(flag_message)?;
    ws.add_data_validation(3, flag_column, last, flag_column, &flag)?;
    Ok(())
}

/// The template's column widths: the widest cell or heading, the cells to
/// fill in 14 at least.
fn template_widths(sheet: &TemplateSheet, header_names: &[String]) -> Vec<f64> {
    (0..header_names.len())
        .map(|c| {
            let cells = sheet.rows.iter().map(|row| {
                display(match c {
                    0 => &row.id,
                    1 => &row.name,
                    2 => &row.unit,
                    3 => &row.year,
                    4 if row.previous_preliminary => "0000000（速報値）",
                    4 => row.previous.as_deref().unwrap_or(""),
                    5 => &row.target,
                    _ => "",
                })
            });
            let floor = if c >= TEMPLATE_VALUE_COLUMN as usize {
                14
            } else {
                0
            };
            width_for(std::iter::once(display(&header_names[c]).max(floor)).chain(cells))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{read, Cell, Kind};

    #[test]
    fn sheet_names_excel_accepts() {
        assert_eq!(sheet_name("保育課", &[]), "保育課");
        assert_eq!(sheet_name("a/b:c", &[]), "a_b_c");
        assert_eq!(sheet_name("", &[]), "Sheet");
        assert_eq!(sheet_name("保育課", &["保育課".to_string()]), "保育課 (2)");
        let long = "あ".repeat(40);
        assert_eq!(sheet_name(&long, &[]).chars().count(), 31);
        let taken = vec![sheet_name(&long, &[])];
        let second = sheet_name(&long, &taken);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"));
    }

    #[test]
    fn a_table_reads_back_as_written() {
        let bytes = tables(&[TableSheet {
            name: "status".into(),
            header: vec!["id".into(), "latest".into(), "achievement".into()],
            rows: vec![
                vec![
                    Value::Text("sme-loans".into()),
                    Value::Number("54".into()),
                    Value::Percent(0.75),
                ],
                vec![Value::Text("=x".into()), Value::Empty, Value::Empty],
            ],
        }])
        .unwrap();
        let sheets = read(&bytes, Kind::Xlsx).unwrap();
        let s = &sheets[0];
        assert_eq!(s.name, "status");
        assert_eq!(s.cell(0, 1), &Cell::Text("latest".into()));
        assert_eq!(
            s.cell(1, 1),
            &Cell::Number {
                shown: "54".into(),
                percent: false
            }
        );
        assert_eq!(
            s.cell(1, 2),
            &Cell::Number {
                shown: "0.75".into(),
                percent: true
            }
        );
        // Text stays text: a cell starting with = is no formula.
        assert_eq!(s.cell(2, 0), &Cell::Text("=x".into()));
    }

    #[test]
    fn the_template_has_a_title_a_header_and_a_row_per_kpi() {
        let bytes = template(
            &[TemplateSheet {
                name: "保育課".into(),
                title: "朝霞市 令和2年度 実績値（保育課）".into(),
                rows: vec![TemplateRow {
                    id: "waiting-children".into(),
                    name: "待機児童数".into(),
                    unit: "人".into(),
                    year: "R2".into(),
                    previous: Some("12".into()),
                    previous_preliminary: false,
                    target: "0人 (R1)".into(),
                }],
                blocks: Vec::new(),
                total: String::new(),
            }],
            Lang::Ja,
        )
        .unwrap();
        let sheets = read(&bytes, Kind::Xlsx).unwrap();
        let s = &sheets[0];
        assert_eq!(s.name, "保育課");
        assert_eq!(
            s.cell(0, 0),
            &Cell::Text("朝霞市 令和2年度 実績値（保育課）".into())
        );
        assert_eq!(s.cell(2, 6), &Cell::Text("実績値".into()));
        assert_eq!(s.cell(3, 0), &Cell::Text("waiting-children".into()));
        assert_eq!(
            s.cell(3, 4),
            &Cell::Number {
                shown: "12".into(),
                percent: false
            }
        );
        assert_eq!(s.cell(3, 6), &Cell::Empty);
    }
}
