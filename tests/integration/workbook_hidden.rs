//! What a workbook hides from the eye (issue 24, item 15): hidden and very
//! hidden sheets, hidden rows, figures merged across rows or years; and the
//! workbook template's 区分 column (item 16). Workbooks written by hand
//! (`workbook_bounds`'s builders), but for the template, read by openpyxl.

use crate::common::import::workdir;
use crate::workbook_bounds::{number, row, sheet_xml, table, text, xlsx};

#[test]
fn hidden_sheets_are_skipped_with_a_note_unless_named() {
    let other = [
        row(
            1,
            &[text("A1", "kpi"), text("B1", "year"), text("C1", "value")],
        ),
        row(
            2,
            &[text("A2", "rate"), number("B2", "2015"), number("C2", "55")],
        ),
    ]
    .concat();
    let old = [
        row(
            1,
            &[text("A1", "kpi"), text("B1", "year"), text("C1", "value")],
        ),
        row(
            2,
            &[
                text("A2", "balance"),
                number("B2", "2015"),
                number("C2", "-3"),
            ],
        ),
    ]
    .concat();
    let book = xlsx(
        &[
            ("実績", "", sheet_xml(&table(), "")),
            ("旧", "hidden", sheet_xml(&other, "")),
            ("作業用", "veryHidden", sheet_xml(&old, "")),
        ],
        &[],
    );
    let work = workdir();
    work.write("book.xlsx", &book);
    let run = work.ok(&["import", "book.xlsx"]);
    assert_eq!(
        run.stderr,
        "note: book.xlsx: 旧: the worksheet is hidden; skipped (name it with --sheet to read it)\n\
         note: book.xlsx: 作業用: the worksheet is very hidden (only a macro or the file shows it); skipped (name it with --sheet to read it)\n"
    );
    assert_eq!(
        work.read("actuals/2015.csv"),
        "kpi,year,value,note\nvisitors,2015,1100,\n"
    );
    // Named, a hidden sheet is read.
    let work = workdir();
    work.write("book.xlsx", &book);
    let run = work.ok(&["import", "--sheet", "作業用", "book.xlsx"]);
    assert_eq!(run.stderr, "");
    assert_eq!(
        work.read("actuals/2015.csv"),
        "kpi,year,value,note\nbalance,2015,-3,\n"
    );
}

#[test]
fn figures_in_hidden_rows_are_imported_with_a_warning_naming_the_rows() {
    let rows = [
        table(),
        r#"<row r="3" hidden="1">"#.to_string()
            + &text("A3", "rate")
            + &number("B3", "2015")
            + &number("C3", "55")
            + "</row>",
        r#"<row r="4" hidden="1"/>"#.to_string(),
        r#"<row r="5" hidden="1">"#.to_string()
            + &text("A5", "balance")
            + &number("B5", "2015")
            + &number("C5", "-3")
            + "</row>",
    ]
    .concat();
    let work = workdir();
    work.write(
        "rows.xlsx",
        xlsx(&[("実績", "", sheet_xml(&rows, ""))], &[]),
    );
    let run = work.ok(&["import", "rows.xlsx"]);
    assert!(
        run.stderr.starts_with(
            "warning: rows.xlsx: 実績: rows 3, 5 are hidden in the workbook, and their figures are imported;"
        ),
        "{run}"
    );
    assert_eq!(
        work.read("actuals/2015.csv"),
        "kpi,year,value,note\nvisitors,2015,1100,\nrate,2015,55,\nbalance,2015,-3,\n"
    );
}

#[test]
fn a_value_cell_merged_across_rows_or_years_is_an_error_naming_the_range() {
    // Long: C2 merged down over C3 (rate's row); a value merged with its
    // note in the same row (C4:D4) says one figure, and is read.
    let long = [
        row(
            1,
            &[
                text("A1", "kpi"),
                text("B1", "year"),
                text("C1", "value"),
                text("D1", "note"),
            ],
        ),
        row(
            2,
            &[
                text("A2", "visitors"),
                number("B2", "2015"),
                number("C2", "1100"),
            ],
        ),
        row(3, &[text("A3", "rate"), number("B3", "2015")]),
        row(
            4,
            &[
                text("A4", "balance"),
                number("B4", "2015"),
                number("C4", "-3"),
            ],
        ),
    ]
    .concat();
    let merges =
        r#"<mergeCells count="2"><mergeCell ref="C2:C3"/><mergeCell ref="C4:D4"/></mergeCells>"#;
    let work = workdir();
    work.write(
        "merged.xlsx",
        xlsx(&[("実績", "", sheet_xml(&long, merges))], &[]),
    );
    let stderr = work.refused(&["import", "merged.xlsx"]);
    assert!(
        stderr.starts_with(
            "error: merged.xlsx: 実績!C2: the figure's cell is merged across rows (C2:C3), so which figure it gives is unclear; unmerge C2:C3"
        ),
        "{stderr}"
    );
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("error: merged"))
            .count(),
        1,
        "{stderr}"
    );

    // Wide: B2 merged across H27 and H28.
    let wide = [
        row(
            1,
            &[text("A1", "kpi"), text("B1", "H27"), text("C1", "H28")],
        ),
        row(2, &[text("A2", "visitors"), number("B2", "1100")]),
    ]
    .concat();
    let merges = r#"<mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells>"#;
    let work = workdir();
    work.write(
        "wide.xlsx",
        xlsx(&[("実績", "", sheet_xml(&wide, merges))], &[]),
    );
    let stderr = work.refused(&["import", "wide.xlsx"]);
    assert!(
        stderr.starts_with(
            "error: wide.xlsx: 実績!B2: the figure's cell is merged across years (B2:C2)"
        ),
        "{stderr}"
    );
}

#[test]
#[ignore = "needs openpyxl"]
fn the_workbook_template_has_a_flag_list_and_shows_a_preliminary_previous_figure() {
    use crate::workbook::{describe, fill, need_openpyxl, with_r1};
    need_openpyxl();
    let work = with_r1();
    // R1's rate figure (12) is preliminary.
    work.write(
        "actuals/2019.csv",
        "kpi,year,value,note,flag\nvisitors,2019,2000,,\nrate,2019,12,,preliminary\n",
    );
    work.ok(&["--lang", "ja", "template", "--year", "R2", "-o", "R2.xlsx"]);
    let book = describe(&work, "R2.xlsx");
    // 企画課: rate's previous figure is the number 12, shown as 12（速報値）;
    // visitors' (観光課) is final.
    let rate = &book[1]["cells"][3][4];
    assert_eq!(rate["v"], 12);
    assert_eq!(rate["fmt"], "General\"（速報値）\"");
    assert_eq!(book[0]["cells"][3][4]["fmt"], "General");
    assert_eq!(book[1]["cells"][2][8]["v"], "区分");
    // Filled in with 速報値 in 区分 from the list, it imports as preliminary.
    fill(
        &work,
        "R2.xlsx",
        "filled.xlsx",
        &["企画課!G4=14", "企画課!I4=速報値", "企画課!G5=1"],
    );
    work.ok(&["import", "filled.xlsx"]);
    assert_eq!(
        work.read("actuals/2020.csv"),
        "kpi,year,value,note,flag\nrate,2020,14,,preliminary\nbalance,2020,1,,\n"
    );
}
