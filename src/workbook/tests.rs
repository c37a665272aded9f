//! Workbooks written with rust_xlsxwriter (a library that is not the one
//! that reads them), read back through `read`.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use super::*;

fn book(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    build(&mut workbook);
    workbook.save_to_buffer().expect("write the workbook")
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn date(year: i32, month: u32, day: u32) -> Cell {
    Cell::Date(Date { year, month, day })
}

fn number(shown: &str) -> Cell {
    Cell::Number {
        shown: shown.to_string(),
        percent: false,
    }
}

#[test]
fn cells_are_read_as_the_spreadsheet_shows_them() {
    let bytes = book(|wb| {
        let ws = wb.add_worksheet().set_name("実績").unwrap();
        ws.write_string(0, 0, "令和元年度 実績報告 保育課").unwrap();
        ws.write_string(2, 0, "指標").unwrap();
        ws.write_string(2, 1, "年度").unwrap();
        ws.write_string(2, 2, "実績値").unwrap();
        ws.write_string(3, 0, "waiting-children").unwrap();
        ws.write_number(3, 1, 2019.0).unwrap();
        // 2.4 with binary noise: 2.4000000000000004, one step above 2.4.
        ws.write_number(3, 2, f64::from_bits(2.4f64.to_bits() + 1))
            .unwrap();
        ws.write_string(4, 0, "short-hours-ideal").unwrap();
        ws.write_number(4, 1, 2019.0).unwrap();
        ws.write_number_with_format(4, 2, 0.19, &Format::new().set_num_format("0%"))
            .unwrap();
        ws.write_number_with_format(5, 2, 0.1905, &Format::new().set_num_format("0.00%"))
            .unwrap();
        // A formula with its result saved, as Excel saves it: 0.1 + 0.2.
        ws.write_formula(
            6,
            2,
            Formula::new("=0.1+0.2").set_result("0.30000000000000004"),
        )
        .unwrap();
        ws.write_boolean(7, 2, true).unwrap();
        let date = ExcelDateTime::from_ymd(2019, 4, 1).unwrap();
        ws.write_datetime_with_format(8, 1, &date, &Format::new().set_num_format("yyyy/m/d"))
            .unwrap();
        ws.write_string(9, 2, "2,788人").unwrap();
    });
    let sheets = read(&bytes, Kind::detect(&bytes).expect("an xlsx")).unwrap();
    assert_eq!(sheets.len(), 1);
    let sheet = &sheets[0];
    assert_eq!(sheet.name, "実績");
    assert_eq!(sheet.cell(0, 0), &text("令和元年度 実績報告 保育課"));
    assert_eq!(sheet.cell(1, 0), &Cell::Empty);
    assert_eq!(sheet.cell(3, 1), &number("2019"));
    assert_eq!(sheet.cell(3, 2), &number("2.4"));
    assert_eq!(
        sheet.cell(4, 2),
        &Cell::Number {
            shown: "0.19".into(),
            percent: true
        }
    );
    assert_eq!(
        sheet.cell(5, 2),
        &Cell::Number {
            shown: "0.1905".into(),
            percent: true
        }
    );
    assert_eq!(sheet.cell(6, 2), &number("0.3"));
    assert_eq!(sheet.cell(7, 2), &Cell::Bool(true));
    assert_eq!(sheet.cell(8, 1), &date(2019, 4, 1));
    assert_eq!(sheet.cell(9, 2), &text("2,788人"));
    assert_eq!(sheet.cell(99, 99), &Cell::Empty);
}

#[test]
fn a_merged_header_names_every_column_it_spans_and_every_sheet_is_read() {
    let bytes = book(|wb| {
        let ws = wb.add_worksheet().set_name("産業振興課").unwrap();
        ws.merge_range(0, 1, 0, 3, "実績値", &Format::new())
            .unwrap();
        ws.write_string(1, 0, "指標").unwrap();
        let second = wb.add_worksheet().set_name("メモ").unwrap();
        second.write_string(0, 0, "連絡先").unwrap();
    });
    let sheets = read(&bytes, Kind::Xlsx).unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["産業振興課", "メモ"]);
    for col in 1..=3 {
        assert_eq!(sheets[0].cell(0, col), &text("実績値"), "column {col}");
    }
    assert_eq!(sheets[0].cell(0, 4), &Cell::Empty);
    assert_eq!(sheets[1].cell(0, 0), &text("連絡先"));
}

#[test]
fn cell_references_are_written_as_a_spreadsheet_names_them() {
    assert_eq!(cell_ref(0, 0), "A1");
    assert_eq!(cell_ref(6, 2), "C7");
    assert_eq!(cell_ref(0, 25), "Z1");
    assert_eq!(cell_ref(0, 26), "AA1");
    assert_eq!(cell_ref(9, 701), "ZZ10");
    assert_eq!(cell_ref(0, 702), "AAA1");
}

#[test]
fn the_kind_is_told_by_content_and_by_name() {
    let xlsx = book(|wb| {
        wb.add_worksheet();
    });
    assert_eq!(Kind::detect(&xlsx), Some(Kind::Xlsx));
    assert_eq!(Kind::detect(b"kpi,year,value\n"), None);
    assert_eq!(
        Kind::detect(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
        Some(Kind::Xls)
    );
    assert_eq!(Kind::by_name("保育課.XLSX"), Some(Kind::Xlsx));
    assert_eq!(Kind::by_name("a.xlsm"), Some(Kind::Xlsx));
    assert_eq!(Kind::by_name("a.ods"), Some(Kind::Ods));
    assert_eq!(Kind::by_name("a.xls"), Some(Kind::Xls));
    assert_eq!(Kind::by_name("a.csv"), None);
}

#[test]
fn a_damaged_workbook_says_so() {
    let mut bytes = book(|wb| {
        wb.add_worksheet().write_string(0, 0, "x").unwrap();
    });
    bytes.truncate(bytes.len() / 2);
    let err = read(&bytes, Kind::Xlsx).unwrap_err();
    assert!(matches!(err, OpenError::Damaged(_)), "{err:?}");
    assert!(err.to_string().contains("may be damaged"), "{err}");
}

#[test]
fn a_binary_workbook_is_named_as_one() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("xl/workbook.bin", options).unwrap();
    zip.write_all(b"\x83\x01\x00").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(Kind::detect(&bytes), Some(Kind::Xlsx));
    let err = read(&bytes, Kind::Xlsx).unwrap_err();
    assert_eq!(err, OpenError::Binary);
    assert!(err.to_string().contains(".xlsb"), "{err}");
}

#[test]
fn an_encrypted_workbook_is_password_protected() {
    // tests/fixtures/workbooks/make.sh: office.xlsx encrypted with msoffcrypto-tool.
    let path = format!(
        "{}/tests/fixtures/workbooks/protected.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    let kind = Kind::detect(&bytes).unwrap();
    assert_eq!(read(&bytes, kind).unwrap_err(), OpenError::Protected);
}

/// The fixtures LibreOffice saved from tests/fixtures/workbooks/office.csv
/// (make.sh there): the same table in each format.
fn office(ext: &str) -> Sheet {
    let path = format!(
        "{}/tests/fixtures/workbooks/office.{ext}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap();
    let kind = Kind::detect(&bytes).unwrap_or_else(|| panic!("{path}: not told as a workbook"));
    assert_eq!(
        Some(kind),
        Kind::by_name(&path),
        "{path}: content and name disagree"
    );
    let mut sheets = read(&bytes, kind).unwrap();
    assert_eq!(sheets.len(), 1, "{path}");
    sheets.remove(0)
}

#[test]
fn workbooks_saved_by_libreoffice_read_as_their_cells_show() {
    for ext in ["xlsx", "xls", "ods"] {
        let sheet = office(ext);
        assert_eq!(sheet.cell(0, 0), &text("令和元年度 実績報告"), "{ext}");
        assert_eq!(sheet.cell(2, 0), &text("指標"), "{ext}");
        assert_eq!(sheet.cell(2, 3), &text("備考"), "{ext}");
        assert_eq!(sheet.cell(3, 1), &number("2019"), "{ext}");
        assert_eq!(sheet.cell(3, 2), &number("12"), "{ext}");
        assert_eq!(sheet.cell(3, 3), &text("速報"), "{ext}");
        // Calc read 2019/4/1 as a date and 19% as a percent-formatted 0.19.
        assert_eq!(sheet.cell(4, 1), &date(2019, 4, 1), "{ext}");
        assert_eq!(
            sheet.cell(4, 2),
            &Cell::Number {
                shown: "0.19".into(),
                percent: true
            },
            "{ext}"
        );
        assert_eq!(sheet.cell(5, 1), &text("R1"), "{ext}");
        assert_eq!(sheet.cell(5, 2), &number("2788"), "{ext}");
        assert_eq!(sheet.cell(6, 2), &number("2.4"), "{ext}");
    }
}
