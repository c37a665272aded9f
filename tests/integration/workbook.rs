//! Workbooks in and out through the real binary: `kpi import` of
//! workbooks made by other programs (LibreOffice's fixtures in
//! tests/fixtures/workbooks, and openpyxl's, written by cases.py there),
//! every figure worked by hand from the cells; and kpi's own template and
//! tables (`--format xlsx`) opened by openpyxl and by LibreOffice.
//!
//! Tests that need python3 with openpyxl or LibreOffice's `soffice` are
//! `#[ignore = "needs …"]`: `cargo test -- --include-ignored` runs them
//! (`dev/test-all` installs both), and they fail, never pass, where the
//! program is missing (`common::programs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::programs::{need, LIBREOFFICE, OPENPYXL, SCRIPT};
use crate::common::{Run, Workdir};

/// The test plan of cases.py: visitors 人 and loans 件 under measure 1.1,
/// rate % and balance (no unit) as numeric targets of goal 1; H30 → R6;
/// fiscal years from April.
const PLAN: &str = r#"[plan]
title = "テスト市総合戦略"
fiscal_year_start = 4
year_style = "era"
baseline_year = "H30"
target_year = "R6"

[[goal]]
id = "1"
name = "にぎわい"

[[measure]]
id = "1.1"
goal = "1"
name = "観光の振興"

[[kpi]]
id = "visitors"
name = "来訪者数"
measures = ["1.1"]
unit = "人"
baseline = { value = 1000 }
target = { value = 3000 }
owner = "観光課"

[[kpi]]
id = "rate"
name = "満足度"
goal = "1"
unit = "%"
baseline = { value = 10 }
target = { value = 30 }
owner = "企画課"

[[kpi]]
id = "loans"
name = "融資件数"
measures = ["1.1"]
unit = "件"
baseline = { value = 5 }
target = { value = 50 }

[[kpi]]
id = "balance"
name = "収支"
goal = "1"
baseline = { value = -5 }
target = { value = 0 }
owner = "企画課"
"#;

/// The KPIs of LibreOffice's fixture (office.csv), `unit` for
/// short-hours-ideal, and the month the fiscal year starts.
fn office_plan(rate_unit: &str, fiscal_year_start: u32) -> String {
    let kpi = |id: &str, unit: &str| {
        format!(
            "[[kpi]]\nid = \"{id}\"\nname = \"{id}\"\ngoal = \"1\"\nunit = \"{unit}\"\n\
             baseline = {{ value = 1 }}\ntarget = {{ value = 9999 }}\n\n"
        )
    };
    format!(
        "[plan]\ntitle = \"t\"\nbaseline_year = 2014\ntarget_year = 2024\n\
         fiscal_year_start = {fiscal_year_start}\n\n[[goal]]\nid = \"1\"\nname = \"g\"\n\n{}{}{}{}",
        kpi("waiting-children", "人"),
        kpi("short-hours-ideal", rate_unit),
        kpi("sme-loans", "件"),
        kpi("fair-exhibitors", "事業所"),
    )
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/workbooks")
        .join(name)
}

/// A folder holding `plan`, where kpi runs in English (LANG=C) unless a
/// test says `--lang ja`.
fn work(plan: &str) -> Workdir {
    Workdir::with_plan(plan)
        .env("LANG", "C")
        .env("NO_COLOR", "1")
}

fn copy_fixture(work: &Workdir, name: &str) {
    work.write(name, std::fs::read(fixture(name)).unwrap());
}

// ---------------------------------------------------------------------------
// Workbooks LibreOffice saved (checked in; no program needed to run these).

#[test]
fn libreoffice_workbooks_import_as_their_cells_show() {
    // office.csv, read by Calc: 12 with 速報 in 備考; 2019/4/1 (a date) and
    // 19% (0.19, percent-formatted); R1 and "2,788" (Calc made it 2788);
    // 2019 and 2.4. The date is in FY2019, which starts on April 1st.
    for ext in ["xlsx", "xls", "ods"] {
        let work = work(&office_plan("%", 4));
        let name = format!("office.{ext}");
        copy_fixture(&work, &name);
        let run = work.ok(&["import", &name]);
        assert!(
            run.stdout.contains(&format!(
                "{name}: sheet office, long: 4 figures (4 added, 0 unchanged, 0 replaced), 0 empty"
            )),
            "{ext}: {}",
            run.stdout
        );
        assert_eq!(
            work.read("actuals/2019.csv"),
            "kpi,year,value,note\n\
             waiting-children,2019,12,速報\n\
             short-hours-ideal,2019,19,\n\
             sme-loans,2019,2788,\n\
             fair-exhibitors,2019,2.4,\n",
            "{ext}"
        );
        // The same workbook again changes nothing.
        let again = work.ok(&["import", &name]);
        assert!(
            again.stdout.contains("nothing to write"),
            "{}",
            again.stdout
        );
    }
}

#[test]
fn a_date_in_the_year_column_is_the_fiscal_year_that_contains_it() {
    // With the fiscal year starting in May, 2019/4/1 is in FY2018.
    let work = work(&office_plan("%", 5));
    copy_fixture(&work, "office.xlsx");
    work.ok(&["import", "office.xlsx"]);
    assert_eq!(
        work.read("actuals/2018.csv"),
        "kpi,year,value,note\nshort-hours-ideal,2018,19,\n"
    );
    assert!(work
        .read("actuals/2019.csv")
        .contains("sme-loans,2019,2788,"));
}

#[test]
fn a_percent_cell_for_a_kpi_not_in_percent_is_an_error_naming_the_cell() {
    for ext in ["xlsx", "xls", "ods"] {
        let work = work(&office_plan("人", 4));
        let name = format!("office.{ext}");
        copy_fixture(&work, &name);
        let stderr = work.refused(&["import", &name]);
        assert!(
            stderr.starts_with(&format!(
                "error: {name}: office!C5: column `実績値`: the cell is formatted as a percent (19%), but `short-hours-ideal` is counted in 人;"
            )),
            "{ext}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(!work.file("actuals").exists());
    }
}

#[test]
fn a_password_protected_or_damaged_workbook_is_an_error_that_says_so() {
    let work = work(&office_plan("%", 4));
    copy_fixture(&work, "protected.xlsx");
    let stderr = work.refused(&["import", "protected.xlsx"]);
    assert!(
        stderr.starts_with("error: protected.xlsx: the workbook is password-protected;"),
        "{stderr}"
    );
    let mut bytes = std::fs::read(fixture("office.xlsx")).unwrap();
    bytes.truncate(bytes.len() / 2);
    work.write("broken.xlsx", bytes);
    let stderr = work.refused(&["import", "broken.xlsx"]);
    assert!(
        stderr.starts_with("error: broken.xlsx: the workbook cannot be read (")
            && stderr.contains("it may be damaged"),
        "{stderr}"
    );
    // A CSV file named like a workbook is not read as one, nor guessed at.
    work.write("renamed.xlsx", "kpi,year,value\nsme-loans,2019,1\n");
    let stderr = work.refused(&["import", "renamed.xlsx"]);
    assert!(
        stderr
            .contains("renamed.xlsx: the file is named as a workbook, but its content is not one"),
        "{stderr}"
    );
}

#[test]
fn a_workbook_is_told_by_its_content_whatever_its_name() {
    let work = work(&office_plan("%", 4));
    work.write("figures.dat", std::fs::read(fixture("office.ods")).unwrap());
    work.ok(&["import", "figures.dat"]);
    assert!(work
        .read("actuals/2019.csv")
        .contains("fair-exhibitors,2019,2.4,"));
}

#[test]
fn nothing_is_written_unless_every_file_is_clean() {
    let work = work(&office_plan("人", 4));
    copy_fixture(&work, "office.xls");
    work.write("ok.csv", "kpi,year,value\nsme-loans,2020,5\n");
    let stderr = work.refused(&["import", "ok.csv", "office.xls"]);
    assert!(stderr.contains("office.xls: office!C5:"), "{stderr}");
    assert!(!work.file("actuals").exists());
}

#[test]
fn sheet_names_a_worksheet_and_a_csv_has_none() {
    let work = work(&office_plan("%", 4));
    copy_fixture(&work, "office.xlsx");
    work.ok(&["import", "--sheet", "office", "office.xlsx", "--dry-run"]);
    let stderr = work.refused(&["import", "--sheet", "2", "office.xlsx"]);
    assert!(
        stderr.starts_with("error: office.xlsx: --sheet 2: the workbook has 1 worksheet;")
            && stderr.contains("1 `office`"),
        "{stderr}"
    );
    work.write("ok.csv", "kpi,year,value\nsme-loans,2020,5\n");
    let stderr = work.refused(&["import", "--sheet", "1", "ok.csv"]);
    assert!(
        stderr.contains("--sheet chooses a worksheet of a workbook"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// Workbooks openpyxl writes (cases.py).

/// Fail, never skip, where python3 or openpyxl is missing.
pub(crate) fn need_openpyxl() {
    need(&OPENPYXL);
}

/// Run python3 with `args`, which must succeed; its stdout.
pub(crate) fn python(args: &[&str], cwd: &Path) -> String {
    let out = Command::new("python3")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "python3 {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("python3 prints UTF-8")
}

/// A folder with the test plan and cases.py's workbooks in `cases/`.
fn cases() -> Workdir {
    need(&OPENPYXL);
    let work = work(PLAN);
    let script = fixture("cases.py");
    python(&[script.to_str().unwrap(), "cases"], work.path());
    work
}

#[test]
#[ignore = "needs openpyxl"]
fn a_title_a_blank_column_a_percent_cell_and_a_unit_in_a_text_cell() {
    let work = cases();
    let run = work.ok(&["import", "cases/long_with_title.xlsx"]);
    // 2399.999999999999 shows as 2400 (15 digits); 0.19 as 19%; "2,788件".
    assert_eq!(
        work.read("actuals/2020.csv"),
        "kpi,year,value,note\nvisitors,2020,2400,速報値\nrate,2020,19,\nloans,2020,2788,\n"
    );
    assert!(
        run.stdout.contains(
            "cases/long_with_title.xlsx: sheet 実績, long: 3 figures (3 added, 0 unchanged, 0 replaced), 0 empty"
        ),
        "{}",
        run.stdout
    );
    // The contact sheet has no table: skipped, and said so.
    assert!(
        run.stderr
            .contains("note: cases/long_with_title.xlsx: 連絡先: no KPI table on this worksheet"),
        "{}",
        run.stderr
    );
}

#[test]
#[ignore = "needs openpyxl"]
fn values_as_people_type_them_in_text_cells() {
    let work = cases();
    let run = work.ok(&["import", "cases/text_values.xlsx"]);
    // １,２００ and 2,400人; 19％ and ―; △3 and -2.999999999999999 (shown
    // -3); - and an empty cell: three cells with no figure.
    assert_eq!(
        work.read("actuals/2019.csv"),
        "kpi,year,value,note\nvisitors,2019,1200,\nrate,2019,19,\nbalance,2019,-3,\n"
    );
    assert_eq!(
        work.read("actuals/2020.csv"),
        "kpi,year,value,note\nvisitors,2020,2400,\nbalance,2020,-3,\n"
    );
    assert!(
        run.stdout.contains(
            "wide, 2 year columns: 5 figures (5 added, 0 unchanged, 0 replaced), 3 empty"
        ),
        "{}",
        run.stdout
    );
}

#[test]
#[ignore = "needs openpyxl"]
fn dates_in_the_year_column_are_fiscal_years() {
    let work = cases();
    work.ok(&["import", "cases/date_years.xlsx"]);
    // 2021/3/31 is in FY2020 (R2), 2021/4/1 in FY2021 (R3).
    assert_eq!(
        work.read("actuals/2020.csv"),
        "kpi,year,value,note\nvisitors,2020,2500,\n"
    );
    assert_eq!(
        work.read("actuals/2021.csv"),
        "kpi,year,value,note\nvisitors,2021,2600,\n"
    );
}

#[test]
#[ignore = "needs openpyxl"]
fn dates_booleans_error_values_and_percents_in_value_columns_are_errors_naming_the_cell() {
    let work = cases();
    let stderr = work.refused(&["import", "cases/date_year_and_bad_cells.xlsx"]);
    let f = "cases/date_year_and_bad_cells.xlsx: 実績";
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 5, "{stderr}");
    for (line, start) in lines.iter().zip([
        format!("error: {f}!C3: column `value`: the cell holds a date (2021-05-01), not a figure;"),
        format!("error: {f}!C4: column `value`: the cell holds the error value `#DIV/0!`;"),
        format!("error: {f}!C5: column `value`: the cell holds TRUE, a true/false value, not a figure;"),
        format!("error: {f}!C6: column `value`: the cell is formatted as a percent (50%), but `loans` is counted in 件;"),
        "error: 4 problems found; nothing was done".to_string(),
    ]) {
        assert!(line.starts_with(&start), "`{line}` must start `{start}`");
    }
}

#[test]
#[ignore = "needs openpyxl"]
fn a_formula_without_a_saved_value_must_be_opened_and_saved_in_excel() {
    let work = cases();
    let stderr = work.refused(&["import", "cases/formula_without_value.xlsx"]);
    assert!(
        stderr.starts_with(
            "error: cases/formula_without_value.xlsx: 実績!C2: column `value`: the cell holds a formula whose result was never saved"
        ) && stderr.contains("open and save it in Excel"),
        "{stderr}"
    );
    // Also in a wide sheet under a merged heading.
    let stderr = work.refused(&["import", "cases/wide_merged_header.xlsx"]);
    assert!(
        stderr.starts_with("error: cases/wide_merged_header.xlsx: 推移!C4: column `R2`:"),
        "{stderr}"
    );
}

#[test]
#[ignore = "needs openpyxl"]
fn every_sheet_is_read_or_the_one_sheet_names() {
    let work = cases();
    work.ok(&["import", "--dry-run", "cases/several_sheets.xlsx"]);
    let run = work.ok(&["import", "--sheet", "2", "cases/several_sheets.xlsx"]);
    assert!(
        run.stdout.contains("sheet 産業振興課, long: 1 figure ("),
        "{}",
        run.stdout
    );
    assert_eq!(
        work.read("actuals/2020.csv"),
        "kpi,year,value,note\nloans,2020,12,\n"
    );
    work.ok(&["import", "--sheet", "保育課", "cases/several_sheets.xlsx"]);
    assert_eq!(
        work.read("actuals/2020.csv"),
        "kpi,year,value,note\nvisitors,2020,2400,\nloans,2020,12,\n"
    );
    let stderr = work.refused(&["import", "--sheet", "総務課", "cases/several_sheets.xlsx"]);
    assert!(
        stderr.contains("--sheet 総務課: the workbook has no worksheet of that name")
            && stderr.contains("1 `保育課`, 2 `産業振興課`"),
        "{stderr}"
    );
}

#[test]
#[ignore = "needs openpyxl"]
fn a_workbook_without_a_kpi_table_is_an_error() {
    let work = cases();
    let stderr = work.refused(&["import", "cases/no_table.xlsx"]);
    assert!(
        stderr.starts_with(
            "error: cases/no_table.xlsx: the workbook's only worksheet has no KPI table;"
        ),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// Workbooks LibreOffice saves in the test (formulas get their values).

/// `soffice --headless --convert-to TO --outdir OUT FILES` in `cwd`, with
/// a profile of its own (two instances sharing one would collide).
pub(crate) fn soffice(cwd: &Path, to: &str, out: &str, files: &[&str]) {
    need(&LIBREOFFICE);
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir", out])
        .args(files)
        .current_dir(cwd)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run soffice");
    assert!(
        status.success(),
        "soffice --convert-to {to} {files:?} failed"
    );
}

#[test]
#[ignore = "needs openpyxl, libreoffice"]
fn formulas_are_read_by_the_value_libreoffice_saved_and_merged_headings_name_their_columns() {
    let work = cases();
    soffice(
        work.path(),
        "xlsx",
        "saved",
        &[
            "cases/wide_merged_header.xlsx",
            "cases/formula_without_value.xlsx",
        ],
    );
    // 実績値 merged over R1 and R2; 融資件数 R2 is =0.1+0.2, shown 0.3.
    work.ok(&["import", "saved/wide_merged_header.xlsx"]);
    assert_eq!(
        work.read("actuals/2019.csv"),
        "kpi,year,value,note\nvisitors,2019,2000,\nloans,2019,10,\n"
    );
    assert_eq!(
        work.read("actuals/2020.csv"),
        "kpi,year,value,note\nvisitors,2020,2400,\nloans,2020,0.3,\n"
    );
    // =1000+1500 for visitors in 2020: 2500, a conflict with the 2400 above.
    let stderr = work.refused(&["import", "saved/formula_without_value.xlsx"]);
    assert!(
        stderr.contains("saved/formula_without_value.xlsx: 実績!C2: `visitors` R2: the import says `2500` but the ledger has `2400`"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// kpi's template, filled in and imported back.

/// The test plan with R1's figures in the ledger: visitors 2000, rate 12.
pub(crate) fn with_r1() -> Workdir {
    let work = work(PLAN);
    work.write(
        "actuals/2019.csv",
        "kpi,year,value,note\nvisitors,2019,2000,\nrate,2019,12,\n",
    );
    work
}

/// What openpyxl reads of a template: per sheet, its name, protection,
/// frozen panes, validations, column widths, and every cell with its
/// number format and whether it is locked.
const DESCRIBE: &str = r#"
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb:
    cells = [[{"v": c.value, "fmt": c.number_format, "locked": c.protection.locked}
              for c in row] for row in ws.iter_rows()]
    out.append({
        "name": ws.title,
        "protected": ws.protection.sheet,
        "password": ws.protection.password,
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "validations": [{"type": d.type, "operator": d.operator, "sqref": str(d.sqref),
                         "f1": d.formula1, "f2": d.formula2, "prompt": d.prompt,
                         "show": d.showInputMessage, "error": d.showErrorMessage,
                         "blank": d.allow_blank}
                        for d in ws.data_validations.dataValidation],
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        "cells": cells,
    })
print(json.dumps(out, ensure_ascii=False))
"#;

pub(crate) fn describe(work: &Workdir, file: &str) -> serde_json::Value {
    work.write("describe.py", DESCRIBE);
    let out = python(&["describe.py", file], work.path());
    serde_json::from_str(&out).expect("describe.py prints JSON")
}

/// Fill cells of a workbook with openpyxl as an office would: each
/// `SHEET!CELL=VALUE` (a number, or `N%` for a percent-formatted number,
/// as Excel stores a typed 19%).
const FILL: &str = r#"
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for item in sys.argv[3:]:
    where, value = item.split("=", 1)
    sheet, cell = where.split("!")
    if value.endswith("%"):
        wb[sheet][cell] = float(value[:-1]) / 100
        wb[sheet][cell].number_format = "0%"
    elif value.replace(".", "", 1).isdigit():
        wb[sheet][cell] = float(value) if "." in value else int(value)
    else:
        wb[sheet][cell] = value
wb.save(sys.argv[2])
"#;

pub(crate) fn fill(work: &Workdir, from: &str, to: &str, cells: &[&str]) {
    work.write("fill.py", FILL);
    let mut args = vec!["fill.py", from, to];
    args.extend(cells);
    python(&args, work.path());
}

#[test]
#[ignore = "needs openpyxl"]
fn the_template_is_a_protected_sheet_per_office_with_validation_for_the_values() {
    need(&OPENPYXL);
    let work = with_r1();
    work.ok(&["--lang", "ja", "template", "--year", "R2", "-o", "R2.xlsx"]);
    let book = describe(&work, "R2.xlsx");
    let names: Vec<&str> = book
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["観光課", "企画課", "担当課なし"]);
    let sheet = &book[1];
    let cell = |r: usize, c: usize| &sheet["cells"][r][c];
    assert_eq!(
        cell(0, 0)["v"],
        "テスト市総合戦略 令和2年度 実績値（企画課）"
    );
    let header: Vec<&str> = (0..9).map(|c| cell(2, c)["v"].as_str().unwrap()).collect();
    assert_eq!(
        header,
        [
            "id",
            "指標名",
            "単位",
            "年度",
            "前年度実績（参考）",
            "目標値（参考）",
            "実績値",
            "備考",
            "区分"
        ]
    );
    // rate: 12 in R1 as a number cell; the target for reference; empty value and note.
    let row: Vec<&serde_json::Value> = (0..8).map(|c| &cell(3, c)["v"]).collect();
    assert_eq!(
        row[..4],
        [
            &serde_json::Value::from("rate"),
            &serde_json::Value::from("満足度"),
            &serde_json::Value::from("%"),
            &serde_json::Value::from("R2")
        ]
    );
    assert_eq!(row[4], 12);
    assert_eq!(row[5], "30% (R6)");
    assert!(row[6].is_null() && row[7].is_null(), "{row:?}");
    // balance: no figure in R1 (nor a baseline for R1): no reference.
    assert_eq!(cell(4, 0)["v"], "balance");
    assert!(cell(4, 4)["v"].is_null());
    assert_eq!(cell(4, 5)["v"], "0 (R6)");
    // Protected without a password: only the value, note and 区分 cells unlocked.
    assert_eq!(sheet["protected"], true);
    assert!(sheet["password"].is_null(), "{}", sheet["password"]);
    for r in 0..5 {
        for c in 0..9 {
            let unlocked = r >= 3 && c >= 6;
            assert_eq!(cell(r, c)["locked"], !unlocked, "row {r} column {c}");
        }
    }
    // The value cells take a decimal number, with a message in Japanese.
    let v = &sheet["validations"][0];
    // And the 区分 cells a list of 速報値 / 確定値 (the second validation).
    assert_eq!(sheet["validations"].as_array().unwrap().len(), 2);
    let flag = &sheet["validations"][1];
    assert_eq!(flag["type"], "list");
    assert_eq!(flag["f1"], "\"速報値,確定値\"");
    assert_eq!(flag["sqref"], "I4:I5");
    assert_eq!(flag["blank"], true);
    // A decimal between ±10^15 (the values kpi takes); `between` is the
    // default operator, which the file leaves unsaid.
    assert_eq!(v["type"], "decimal");
    assert!(v["operator"].is_null() || v["operator"] == "between", "{v}");
    assert_eq!(v["f1"], "-1000000000000000");
    assert_eq!(v["f2"], "1000000000000000");
    assert_eq!(v["blank"], true);
    assert_eq!(v["sqref"], "G4:G5");
    assert_eq!(v["show"], true);
    assert_eq!(v["error"], true);
    assert!(
        v["prompt"]
            .as_str()
            .unwrap()
            .starts_with("数値で入力してください"),
        "{v}"
    );
    assert_eq!(sheet["freeze"], "A4");
    // Columns fitted to the text: 指標名's column is wider than the id's
    // default, and wide enough for the longest heading in full-width.
    let widths = &sheet["widths"];
    let e = widths["E"].as_f64().unwrap();
    assert!(e >= 18.0, "{widths}");
    // The sheet of the office with one KPI, and the one for no owner.
    assert_eq!(book[0]["cells"][3][0]["v"], "visitors");
    assert_eq!(book[0]["cells"][3][4]["v"], 2000);
    assert_eq!(book[0]["validations"][0]["sqref"], "G4");
    assert_eq!(
        book[2]["cells"][0][0]["v"],
        "テスト市総合戦略 令和2年度 実績値"
    );
    assert_eq!(book[2]["cells"][3][0]["v"], "loans");
}

#[test]
#[ignore = "needs openpyxl"]
fn a_filled_template_imports_back_and_an_unfilled_one_has_nothing_to_import() {
    need(&OPENPYXL);
    let work = with_r1();
    work.ok(&["--lang", "ja", "template", "--year", "R2", "-o", "R2.xlsx"]);
    // Unfilled: nothing to import, said so, nothing written.
    let before = work.ledger();
    let run = work.ok(&["import", "R2.xlsx"]);
    assert!(
        run.stdout
            .contains("nothing to import: no cell holds a figure (4 empty)"),
        "{}",
        run.stdout
    );
    assert_eq!(work.ledger(), before);
    // Filled in by the offices: 19% typed into rate's cell is 0.19 formatted
    // as a percent, which is 19 for a KPI in %.
    fill(
        &work,
        "R2.xlsx",
        "filled.xlsx",
        &[
            "観光課!G4=2400",
            "観光課!H4=速報値",
            "企画課!G4=19%",
            "企画課!G5=2.5",
            "担当課なし!G4=12",
        ],
    );
    let run = work.ok(&["import", "filled.xlsx"]);
    assert!(
        run.stdout
            .contains("filled.xlsx: sheet 企画課, long: 2 figures (2 added, 0 unchanged, 0 replaced), 0 empty"),
        "{}",
        run.stdout
    );
    assert_eq!(
        work.read("actuals/2020.csv"),
        "kpi,year,value,note\nvisitors,2020,2400,速報値\nrate,2020,19,\nloans,2020,12,\nbalance,2020,2.5,\n"
    );
    // An English template, a figure typed as text with a comma.
    let work = with_r1();
    work.ok(&[
        "template",
        "--year",
        "R2",
        "--owner",
        "観光課",
        "--format",
        "xlsx",
        "-o",
        "en.xlsx",
    ]);
    fill(&work, "en.xlsx", "en-filled.xlsx", &["観光課!G4=2,400"]);
    work.ok(&["import", "en-filled.xlsx"]);
    assert_eq!(
        work.read("actuals/2020.csv"),
        "kpi,year,value,note\nvisitors,2020,2400,\n"
    );
}

// ---------------------------------------------------------------------------
// kpi's tables as workbooks.

/// visitors: 2000 in R1 (2019). From 1000 in H30 (2018) to 3000 in R6
/// (2024): achievement (2000 - 1000) / (3000 - 1000) = 0.5, expected
/// (2019 - 2018) / (2024 - 2018) = 1/6, pace 0.5 / (1/6) = 3: on track;
/// gap 1000. rate: 12 in R1: achievement (12 - 10) / (30 - 10) = 0.1,
/// pace 0.1 / (1/6) = 0.6: at risk (0.6 is the at-risk cut-off); gap 18.
#[test]
#[ignore = "needs openpyxl"]
fn status_as_a_workbook_has_numbers_percents_words_and_places() {
    need(&OPENPYXL);
    let work = with_r1();
    work.ok(&[
        "--lang",
        "ja",
        "status",
        "--format",
        "xlsx",
        "-o",
        "status.xlsx",
    ]);
    let book = describe(&work, "status.xlsx");
    let sheet = &book[0];
    assert_eq!(sheet["name"], "状況 R1時点");
    assert_eq!(sheet["freeze"], "A2");
    assert_eq!(sheet["filter"], "A1:R5");
    let row = |r: usize| -> Vec<serde_json::Value> {
        sheet["cells"][r]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["v"].clone())
            .collect()
    };
    let header = row(0);
    assert_eq!(
        header[..5],
        ["基本目標", "施策", "ID", "指標名", "単位"].map(serde_json::Value::from)
    );
    assert_eq!(
        header[11..16],
        ["達成率", "期待達成率", "ペース", "目標までの差", "状況"].map(serde_json::Value::from)
    );
    // Numeric targets first (rate, balance), then measure 1.1 (visitors, loans).
    let ids: Vec<serde_json::Value> = (1..5).map(|r| row(r)[2].clone()).collect();
    assert_eq!(
        ids,
        ["rate", "balance", "visitors", "loans"].map(serde_json::Value::from)
    );
    let rate = row(1);
    assert_eq!(rate[0], "1 にぎわい");
    assert_eq!(rate[1], "数値目標");
    assert_eq!(rate[9], 12);
    assert_eq!(rate[10], "R1");
    assert!((rate[11].as_f64().unwrap() - 0.1).abs() < 1e-12);
    assert!((rate[13].as_f64().unwrap() - 0.6).abs() < 1e-12);
    assert_eq!(rate[14], 18);
    assert_eq!(rate[15], "要注意");
    let visitors = row(3);
    assert_eq!(visitors[1], "(1) 観光の振興");
    assert_eq!(visitors[5], 1000);
    assert_eq!(visitors[6], "H30");
    assert_eq!(visitors[11], 0.5);
    assert!((visitors[12].as_f64().unwrap() - 1.0 / 6.0).abs() < 1e-12);
    assert!((visitors[13].as_f64().unwrap() - 3.0).abs() < 1e-12);
    assert_eq!(visitors[14], 1000);
    assert_eq!(visitors[15], "順調");
    assert_eq!(visitors[17], "観光課");
    // Ratios percent-formatted, values plain numbers.
    let fmt = |r: usize, c: usize| sheet["cells"][r][c]["fmt"].as_str().unwrap().to_string();
    for c in 11..14 {
        assert_eq!(fmt(3, c), "0.0%", "column {c}");
    }
    assert_eq!(fmt(3, 5), "General");
    // No data yet: empty cells, the status in words.
    assert!(row(4)[9].is_null());
    assert_eq!(row(4)[15], "データなし");
}

#[test]
#[ignore = "needs openpyxl"]
fn gap_missing_and_the_plan_as_workbooks() {
    need(&OPENPYXL);
    let work = with_r1();
    work.ok(&["gap", "--format", "xlsx", "-o", "gap.xlsx"]);
    let gap = &describe(&work, "gap.xlsx")[0];
    assert_eq!(gap["name"], "gap as of R1");
    let cells = |r: usize| -> Vec<serde_json::Value> {
        gap["cells"][r]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["v"].clone())
            .collect()
    };
    let header = cells(0);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    // rate (worst): 18 left over 5 years: 3.6 a year needed, 2 seen
    // (12 - 10 over one year), 1.8 times the pace; the line through (2018,
    // 10) and (2019, 12) reaches 22 in 2024: (22 - 10) / (30 - 10) = 0.6.
    let rate = cells(1);
    assert_eq!(rate[at("id")], "rate");
    assert_eq!(rate[at("gap to target")], 18);
    assert_eq!(rate[at("years left")], 5);
    assert_eq!(rate[at("needed per year")], 3.6);
    assert_eq!(rate[at("seen per year")], 2);
    assert_eq!(rate[at("needed/seen")], 1.8);
    assert_eq!(rate[at("trend at target year")], 22);
    assert_eq!(rate[at("trend at target year (achievement)")], 0.6);
    assert_eq!(
        gap["cells"][1][at("trend at target year (achievement)")]["fmt"],
        "0.0%"
    );
    assert_eq!(rate[at("reaches")], "no");
    assert_eq!(rate[at("status")], "at risk");

    let run = work.run(&[
        "missing",
        "--year",
        "R1",
        "--format",
        "xlsx",
        "-o",
        "missing.xlsx",
    ]);
    run.expect_code(1);
    let missing = &describe(&work, "missing.xlsx")[0];
    assert_eq!(missing["name"], "missing R1");
    let owner_and_id: Vec<(String, String)> = missing["cells"]
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|r| {
            (
                r[0]["v"].as_str().unwrap().to_string(),
                r[3]["v"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // By owner in name order, no owner last: 企画課 balance, then loans.
    assert_eq!(
        owner_and_id,
        [
            ("企画課".to_string(), "balance".to_string()),
            ("none given".to_string(), "loans".to_string())
        ]
    );
    assert_eq!(missing["cells"][2][2]["v"], "(1) 観光の振興");

    work.ok(&["export", "plan", "-o", "plan.xlsx"]);
    let plan = &describe(&work, "plan.xlsx")[0];
    assert_eq!(plan["name"], "テスト市総合戦略");
    assert_eq!(plan["cells"][0][0]["v"], "id");
    let visitors = plan["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0]["v"] == "visitors")
        .unwrap();
    let header = plan["cells"][0].as_array().unwrap();
    let col = |name: &str| header.iter().position(|h| h["v"] == name).unwrap();
    assert_eq!(visitors[col("baseline")]["v"], 1000);
    assert_eq!(visitors[col("target")]["v"], 3000);
    assert_eq!(visitors[col("baseline year")]["v"], "H30");
    assert_eq!(visitors[col("owner")]["v"], "観光課");
}

#[test]
#[ignore = "needs libreoffice"]
fn libreoffice_reads_the_template_and_the_status_workbook_as_meant() {
    let work = with_r1();
    work.ok(&["--lang", "ja", "template", "--year", "R2", "-o", "R2.xlsx"]);
    work.ok(&[
        "--lang",
        "ja",
        "status",
        "--format",
        "xlsx",
        "-o",
        "status.xlsx",
    ]);
    // Every sheet to its own CSV (UTF-8, cells as shown: the 9th option).
    soffice(
        work.path(),
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        "csv",
        &["R2.xlsx", "status.xlsx"],
    );
    assert_eq!(
        work.read("csv/R2-企画課.csv"),
        "テスト市総合戦略 令和2年度 実績値（企画課）,,,,,,,,\n\
         ,,,,,,,,\n\
         id,指標名,単位,年度,前年度実績（参考）,目標値（参考）,実績値,備考,区分\n\
         rate,満足度,%,R2,12,30% (R6),,,\n\
         balance,収支,,R2,,0 (R6),,,\n"
    );
    assert!(work.file("csv/R2-観光課.csv").exists());
    assert!(work.file("csv/R2-担当課なし.csv").exists());
    let status = work.read("csv/status-状況 R1時点.csv");
    let lines: Vec<&str> = status.lines().collect();
    assert_eq!(lines.len(), 5, "{status}");
    // As Calc shows them: 50.0%, 16.7%, 300.0%.
    assert_eq!(
        lines[3],
        "1 にぎわい,(1) 観光の振興,visitors,来訪者数,人,1000,H30,3000,R6,2000,R1,50.0%,16.7%,300.0%,1000,順調,,観光課"
    );
    assert_eq!(
        lines[1],
        "1 にぎわい,数値目標,rate,満足度,%,10,H30,30,R6,12,R1,10.0%,16.7%,60.0%,18,要注意,,企画課"
    );
}

#[test]
fn a_workbook_is_never_written_to_a_terminal() {
    // `script` gives the command a terminal for its stdout.
    need(&SCRIPT);
    let work = with_r1();
    let kpi = env!("CARGO_BIN_EXE_kpi");
    for args in [
        "status --format xlsx",
        "gap --format xlsx",
        "missing --format xlsx",
        "template --year R2 --format xlsx",
        "export plan --format xlsx",
    ] {
        let out = Command::new("script")
            .args(["-qec", &format!("{kpi} --lang en {args}"), "/dev/null"])
            .current_dir(work.path())
            .env("LANG", "C")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "{args}: {text}");
        assert!(
            text.contains("error: a workbook is not written to a terminal: give -o FILE.xlsx"),
            "{args}: {text}"
        );
        assert!(!text.contains("PK"), "{args}: {text}");
    }
    // To a pipe it is written.
    let run = Run::of_bytes(&mut work.command(&["status", "--format", "xlsx"]));
    run.expect_code(0);
    assert!(run.bytes.starts_with(b"PK\x03\x04"));
}

#[test]
fn an_output_named_xlsx_chooses_the_workbook_and_formats_must_agree() {
    let work = with_r1();
    work.ok(&["template", "--year", "R2", "-o", "t.xlsx"]);
    assert!(std::fs::read(work.file("t.xlsx"))
        .unwrap()
        .starts_with(b"PK\x03\x04"));
    let run = work.run(&[
        "template", "--year", "R2", "--format", "csv", "-o", "t2.xlsx",
    ]);
    assert!(run.failed()[0].contains("--format csv, but t2.xlsx is named as a workbook"));
    let run = work.run(&[
        "template", "--year", "R2", "--format", "xlsx", "-o", "t.csv",
    ]);
    assert!(run.failed()[0].contains("is not named .xlsx"));
    // Never over the plan or the ledger.
    let run = work.run(&["status", "--format", "xlsx", "-o", "actuals/2019.csv"]);
    assert!(run.failed()[0].contains("that is in the ledger"), "{run}");
    assert!(work.read("actuals/2019.csv").starts_with("kpi,year,value"));
}
