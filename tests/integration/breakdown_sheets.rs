//! Issue 28, the collection side of breakdowns (docs/design/breakdowns.md
//! "Commands" and "Details": missing, Templates, Import;
//! docs/breakdowns.md "Missing, templates and import"): the category
//! figures `kpi missing` lists, the CSV template's rows, and `kpi import`
//! of a wide sheet with a column per category. Every figure is worked by
//! hand in the comments.

use crate::common::Workdir;

/// `waiting` (保育課; by age, then sex; total = "sum"), `rate` (産業課; by
/// sex, with codes; total = "reported") and `visits` (保育課; no breakdowns).
const PLAN: &str = r#"[plan]
title = "t"
baseline_year = 2019
target_year = 2024

[[goal]]
id = "1"
name = "g"

[[dimension]]
id = "age"
name = "年齢"
categories = ["0歳", "1・2歳", "3歳以上"]

[[dimension]]
id = "sex"
name = "性別"
categories = ["男", "女"]
codes = ["1", "2"]

[[kpi]]
id = "waiting"
name = "待機児童数"
goal = "1"
unit = "人"
owner = "保育課"
baseline = 21
target = 0
breakdowns = ["age", "sex"]
total = "sum"

[[kpi]]
id = "rate"
name = "就業率"
goal = "1"
unit = "%"
owner = "産業課"
baseline = 50
target = 60
breakdowns = ["sex"]
total = "reported"

[[kpi]]
id = "visits"
name = "来訪者数"
goal = "1"
owner = "保育課"
baseline = 100
target = 200
"#;

/// FY2020: waiting's ages all in (5 + 14 + 1 = 20, its derived total) and
/// 男 12 alone; rate's 男 50 and 女 60 but no total (a rate's total is
/// reported, never derived); nothing for visits.
const LEDGER_2020: &str = "kpi,year,value,age,sex\nwaiting,2020,5,0歳,\nwaiting,2020,14,1・2歳,\n\
    waiting,2020,1,3歳以上,\nwaiting,2020,12,,男\nrate,2020,50,,男\nrate,2020,60,,女\n";

fn work() -> Workdir {
    Workdir::with_ledger(PLAN, &[("2020.csv", LEDGER_2020)]).english()
}

#[test]
fn missing_lists_the_categories_owed_and_not_a_total_that_is_derived() {
    let wd = work();
    // 2020: waiting's total is derived (every age is in) and its ages are
    // in; of sex only 女 is owed. rate's categories are in, its total is
    // owed. visits owes its total. 3 figures.
    let run = wd.run(&["missing", "--year", "2020", "--format", "csv"]);
    run.expect_code(1);
    assert_eq!(
        run.stdout,
        "owner,id,name,source,last_reported_year,dimension,category\n\
         保育課,waiting,待機児童数,,,sex,女\n\
         保育課,visits,来訪者数,,,,\n\
         産業課,rate,就業率,,,,\n"
    );
    let run = wd.run(&["missing", "--year", "2020"]);
    run.expect_code(1);
    for text in [
        "3 not yet reported",
        "待機児童数 (性別=女)",
        "就業率 (total)",
        "来訪者数",
        "保育課 (2 figures)",
        "産業課 (1 figure)",
    ] {
        assert!(run.stdout.contains(text), "{text}: {run}");
    }
    assert!(!run.stdout.contains("性別=男"), "{run}");
    assert!(!run.stdout.contains("待機児童数 (total)"), "{run}");
}

#[test]
fn missing_in_json_names_each_category_owed_and_the_year_it_was_last_reported() {
    let wd = work();
    // 2021: nothing is in. waiting owes its total, 3 ages and 2 sexes (6);
    // rate its total and 2 sexes (3); visits its total (1): 10. Combinations
    // are never owed.
    let run = wd.run(&["missing", "--year", "2021", "--format", "json"]);
    run.expect_code(1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["missing"], 10);
    let nursery = &json["owners"][0];
    assert_eq!(nursery["owner"], "保育課");
    assert_eq!(nursery["count"], 7);
    let kpis = nursery["kpis"].as_array().unwrap();
    // The total first, without a category; then the ages, then the sexes.
    assert_eq!(kpis[0]["id"], "waiting");
    assert!(kpis[0].get("category").is_none(), "{}", kpis[0]);
    // The total of 2020 was derived: it counts as reported.
    assert_eq!(kpis[0]["last_reported"]["year"], 2020);
    let cats: Vec<(String, String)> = kpis[1..6]
        .iter()
        .map(|k| {
            (
                k["dimension"].as_str().unwrap().to_string(),
                k["category"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        cats,
        [
            ("age", "0歳"),
            ("age", "1・2歳"),
            ("age", "3歳以上"),
            ("sex", "男"),
            ("sex", "女")
        ]
        .map(|(d, c)| (d.to_string(), c.to_string()))
    );
    // 0歳 and 男 were reported in 2020, 女 never; sex has codes.
    assert_eq!(kpis[1]["last_reported"]["year"], 2020);
    assert_eq!(kpis[4]["code"], "1");
    assert!(kpis[5]["last_reported"].is_null(), "{}", kpis[5]);
    assert_eq!(kpis[6]["id"], "visits");
    assert_eq!(json["owners"][1]["count"], 3);
}

#[test]
fn the_csv_template_has_a_total_row_and_a_row_per_category() {
    let wd = work();
    let run = wd.ok(&[
        "template",
        "--year",
        "2021",
        "--format",
        "csv",
        "--encoding",
        "utf-8",
    ]);
    let lines: Vec<&str> = run.stdout.split("\r\n").collect();
    // The dimension columns after the name, headed by their ids.
    assert_eq!(lines[1], "id,name,age,sex,unit,year,value,note,flag");
    assert_eq!(
        lines[2..=11],
        [
            "waiting,待機児童数,,,人,FY2021,,,",
            "waiting,待機児童数,0歳,,人,FY2021,,,",
            "waiting,待機児童数,1・2歳,,人,FY2021,,,",
            "waiting,待機児童数,3歳以上,,人,FY2021,,,",
            "waiting,待機児童数,,男,人,FY2021,,,",
            "waiting,待機児童数,,女,人,FY2021,,,",
            "rate,就業率,,,%,FY2021,,,",
            "rate,就業率,,男,%,FY2021,,,",
            "rate,就業率,,女,%,FY2021,,,",
            "visits,来訪者数,,,,FY2021,,,",
        ]
    );
    // Filled in, it imports as it is: 0歳 4 + 1・2歳 10 + 3歳以上 2 = 16
    // and 男 9 + 女 7 = 16, the total.
    let filled = run
        .stdout
        .replace(
            "waiting,待機児童数,,,人,FY2021,,,",
            "waiting,待機児童数,,,人,FY2021,16,,",
        )
        .replace("0歳,,人,FY2021,,,", "0歳,,人,FY2021,4,,")
        .replace("1・2歳,,人,FY2021,,,", "1・2歳,,人,FY2021,10,,")
        .replace("3歳以上,,人,FY2021,,,", "3歳以上,,人,FY2021,2,,")
        .replace(",男,人,FY2021,,,", ",男,人,FY2021,9,,")
        .replace(",女,人,FY2021,,,", ",女,人,FY2021,7,,");
    wd.write("filled.csv", &filled);
    wd.ok(&["import", "filled.csv"]);
    assert_eq!(
        wd.read("actuals/2021.csv"),
        "kpi,year,value,note,age,sex\nwaiting,2021,16,,,\nwaiting,2021,4,,0歳,\n\
         waiting,2021,10,,1・2歳,\nwaiting,2021,2,,3歳以上,\nwaiting,2021,9,,,男\n\
         waiting,2021,7,,,女\n"
    );
}

#[test]
fn a_plan_without_breakdowns_keeps_its_csv_template() {
    let plain = "[plan]\ntitle = \"t\"\nbaseline_year = 2019\ntarget_year = 2024\n\
                 [[goal]]\nid = \"1\"\nname = \"g\"\n[[kpi]]\nid = \"v\"\nname = \"V\"\n\
                 goal = \"1\"\nbaseline = 1\ntarget = 2\n";
    let wd = Workdir::with_ledger(plain, &[]).english();
    let run = wd.ok(&[
        "template",
        "--year",
        "2021",
        "--format",
        "csv",
        "--encoding",
        "utf-8",
    ]);
    assert_eq!(
        run.stdout,
        "t: actual figures for FY2021\r\nid,name,unit,year,value,note,flag\r\nv,V,,FY2021,,,\r\n"
    );
}

#[test]
fn import_of_a_wide_sheet_with_a_column_per_category_and_the_total() {
    let wd = Workdir::with_ledger(PLAN, &[]).english();
    // A row per KPI and year: 0歳 5 + 1・2歳 14 + 3歳以上 2 = 21 = 計.
    // rate's columns are headed by sex's codes (1 = 男, 2 = 女) and 合計.
    wd.write(
        "wide.csv",
        "指標,年度,0歳,1・2歳,3歳以上,計,備考\nwaiting,2020,5,14,2,21,4月1日現在\n",
    );
    let run = wd.ok(&["import", "wide.csv"]);
    assert!(
        run.stdout.contains("wide, 4 category columns: 4 figures"),
        "{run}"
    );
    wd.write("codes.csv", "kpi,year,1,2,合計\nrate,2020,50.5,60.1,55\n");
    wd.ok(&["import", "codes.csv"]);
    // The note is the row's, so each of its figures has it.
    assert_eq!(
        wd.read("actuals/2020.csv"),
        "kpi,year,value,note,age,sex\nwaiting,2020,21,4月1日現在,,\n\
         waiting,2020,5,4月1日現在,0歳,\nwaiting,2020,14,4月1日現在,1・2歳,\n\
         waiting,2020,2,4月1日現在,3歳以上,\nrate,2020,55,,,\nrate,2020,50.5,,,男\n\
         rate,2020,60.1,,,女\n"
    );
    wd.validate();
}

#[test]
fn a_wide_sheet_that_does_not_add_up_or_names_a_category_the_kpi_lacks_is_refused() {
    let wd = Workdir::with_ledger(PLAN, &[]).english();
    // 5 + 14 + 3 = 22 against 計 21: they differ by 1.
    wd.write(
        "off.csv",
        "kpi,year,0歳,1・2歳,3歳以上,計\nwaiting,2021,5,14,3,21\n",
    );
    let stderr = wd.refused(&["import", "off.csv"]);
    assert!(stderr.contains("differ by 1"), "{stderr}");
    assert!(stderr.contains("off.csv:2"), "{stderr}");
    // rate is not broken down by age: its 0歳 cell is an error at its line.
    wd.write("lacks.csv", "kpi,year,0歳,計\nrate,2021,5,55\n");
    let stderr = wd.refused(&["import", "lacks.csv"]);
    assert!(
        stderr.contains("lacks.csv:2") && stderr.contains("`rate` is not broken down by 年齢"),
        "{stderr}"
    );
}

/// The merged ranges of each sheet, as openpyxl reads them.
const MERGED: &str = r#"
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: sorted(str(r) for r in ws.merged_cells.ranges) for ws in wb}, ensure_ascii=False))
"#;

#[test]
#[ignore = "needs python3 with openpyxl (dev/install-test-programs)"]
fn the_workbook_template_has_a_column_per_category_and_imports_back() {
    use crate::workbook::{describe, fill, need_openpyxl, python};
    need_openpyxl();
    let wd = Workdir::with_ledger(PLAN, &[("2020.csv", LEDGER_2020)]);
    wd.ok(&["--lang", "ja", "template", "--year", "2021", "-o", "t.xlsx"]);
    let book = describe(&wd, "t.xlsx");
    let sheets = book.as_array().unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s["name"].as_str().unwrap()).collect();
    // 保育課's KPI without breakdowns on its sheet, waiting on its own;
    // 産業課 has only rate, by sex.
    assert_eq!(names, ["保育課", "保育課 年齢・性別別", "産業課 性別別"]);
    let waiting = &sheets[1];
    let cell = |r: usize, c: usize| &waiting["cells"][r][c]["v"];
    let header: Vec<&str> = (0..14).map(|c| cell(2, c).as_str().unwrap()).collect();
    assert_eq!(
        header,
        [
            "id",
            "指標名",
            "単位",
            "年度",
            "前年度実績（参考）",
            "目標値（参考）",
            "0歳",
            "1・2歳",
            "3歳以上",
            "男",
            "女",
            "計",
            "備考",
            "区分"
        ]
    );
    // Each dimension's name over its columns, merged.
    assert_eq!(cell(1, 6), "年齢");
    assert_eq!(cell(1, 9), "性別");
    wd.write("merged.py", MERGED);
    let merged: serde_json::Value =
        serde_json::from_str(&python(&["merged.py", "t.xlsx"], wd.path())).unwrap();
    assert_eq!(
        merged["保育課 年齢・性別別"],
        serde_json::json!(["G2:I2", "J2:K2"])
    );
    // One row: waiting, its previous total the 2020 figure derived from
    // the ages (5 + 14 + 1 = 20), its target.
    assert_eq!(cell(3, 0), "waiting");
    assert_eq!(cell(3, 4), 20);
    assert_eq!(cell(3, 5), "0人 (FY2024)");
    assert!(waiting["cells"].as_array().unwrap().len() == 4, "{waiting}");
    // The category and total cells take a number; 区分 a word of the list.
    assert_eq!(waiting["validations"][0]["sqref"], "G4:L4");
    assert_eq!(waiting["validations"][1]["sqref"], "N4");
    for c in 0..14 {
        let unlocked = c >= 6;
        assert_eq!(waiting["cells"][3][c]["locked"], !unlocked, "column {c}");
    }
    let rate = &sheets[2];
    let header: Vec<&str> = (6..9)
        .map(|c| rate["cells"][2][c]["v"].as_str().unwrap())
        .collect();
    assert_eq!(header, ["男", "女", "計"]);
    // Filled in as an office would: 0歳 4 + 1・2歳 10 + 3歳以上 2 = 16 and
    // 男 9 + 女 7 = 16, the total; rate 男 51, 女 61, total 56; visits 150.
    fill(
        &wd,
        "t.xlsx",
        "filled.xlsx",
        &[
            "保育課 年齢・性別別!G4=4",
            "保育課 年齢・性別別!H4=10",
            "保育課 年齢・性別別!I4=2",
            "保育課 年齢・性別別!J4=9",
            "保育課 年齢・性別別!K4=7",
            "保育課 年齢・性別別!L4=16",
            "産業課 性別別!G4=51",
            "産業課 性別別!H4=61",
            "産業課 性別別!I4=56",
            "保育課!G4=150",
        ],
    );
    let run = wd.ok(&["import", "filled.xlsx"]);
    assert!(
        run.stdout
            .contains("sheet 保育課 年齢・性別別, wide, 6 category columns: 6 figures"),
        "{run}"
    );
    assert_eq!(
        wd.read("actuals/2021.csv"),
        "kpi,year,value,note,age,sex\nwaiting,2021,16,,,\nwaiting,2021,4,,0歳,\n\
         waiting,2021,10,,1・2歳,\nwaiting,2021,2,,3歳以上,\nwaiting,2021,9,,,男\n\
         waiting,2021,7,,,女\nrate,2021,56,,,\nrate,2021,51,,,男\nrate,2021,61,,,女\n\
         visits,2021,150,,,\n"
    );
    // Filled so that the parts do not add up (4 + 10 + 2 = 16, not 17):
    // refused, naming the cells.
    fill(
        &wd,
        "t.xlsx",
        "off.xlsx",
        &[
            "保育課 年齢・性別別!G4=4",
            "保育課 年齢・性別別!H4=10",
            "保育課 年齢・性別別!I4=2",
            "保育課 年齢・性別別!L4=17",
        ],
    );
    let stderr = wd.refused(&["import", "--replace", "off.xlsx"]);
    assert!(stderr.contains("differ by 1"), "{stderr}");
    assert!(stderr.contains("L4"), "{stderr}");
}

#[test]
#[ignore = "needs python3 with openpyxl (dev/install-test-programs)"]
fn the_missing_workbook_gives_each_rows_dimension_and_category() {
    use crate::workbook::{describe, need_openpyxl};
    need_openpyxl();
    let wd = Workdir::with_ledger(PLAN, &[("2020.csv", LEDGER_2020)]);
    // As the CSV: 女 of waiting, visits' and rate's totals (3 rows).
    let run = wd.run(&[
        "--lang", "ja", "missing", "--year", "2020", "--format", "xlsx", "-o", "m.xlsx",
    ]);
    run.expect_code(1);
    let book = describe(&wd, "m.xlsx");
    let cells = book[0]["cells"].as_array().unwrap();
    let width = cells[0].as_array().unwrap().len();
    let last_two = |r: usize| {
        (
            cells[r][width - 2]["v"].clone(),
            cells[r][width - 1]["v"].clone(),
        )
    };
    assert_eq!(last_two(0), ("内訳".into(), "項目".into()));
    assert_eq!(cells.len(), 4, "{cells:?}");
    assert_eq!(last_two(1), ("性別".into(), "女".into()));
    assert_eq!(
        last_two(2),
        (serde_json::Value::Null, serde_json::Value::Null)
    );
}

#[test]
fn across_a_workspace_a_series_owes_its_categories_from_the_workspace_ledger() {
    let register = "[workspace]\nname = \"w\"\nmembers = [\"plans/*\"]\n\n\
                    [[dimension]]\nid = \"age\"\nname = \"年齢\"\ncategories = [\"0歳\", \"1・2歳\", \"3歳以上\"]\n\n\
                    [[indicator]]\nid = \"waiting\"\nname = \"待機児童数\"\nunit = \"人\"\n\
                    breakdowns = [\"age\"]\ntotal = \"sum\"\n";
    let member = "[plan]\ntitle = \"m\"\nbaseline_year = 2019\ntarget_year = 2024\n\
                  [[goal]]\nid = \"1\"\nname = \"g\"\n[[kpi]]\nid = \"w\"\n\
                  indicator = \"waiting\"\ngoal = \"1\"\nbaseline = 21\ntarget = 0\n";
    let wd = Workdir::new().english();
    wd.write("kpi-workspace.toml", register)
        .write("plans/a/kpi.toml", member)
        .write("plans/b/kpi.toml", member)
        .write(
            "ledger/2020.csv",
            "kpi,year,value,age\nwaiting,2020,5,0歳\nwaiting,2020,14,1・2歳\n",
        );
    // 2020: 0歳 and 1・2歳 are in, 3歳以上 is not, so no total is derived:
    // the series owes its total and 3歳以上, once, for both plans.
    let run = wd.run(&["missing", "--all", "--year", "2020", "--format", "csv"]);
    run.expect_code(1);
    assert_eq!(
        run.stdout,
        "owner,id,name,plans,source,last_reported_year,dimension,category\n\
         ,waiting,待機児童数,\"a, b\",,,,\n\
         ,waiting,待機児童数,\"a, b\",,,age,3歳以上\n"
    );
}

/// A sheet by category whose 0歳 cell is merged over 1・2歳.
const MERGED_CELL: &str = r#"
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "年齢別"
ws.append(["kpi", "year", "0歳", "1・2歳", "3歳以上", "計"])
ws.append(["waiting", 2021, 5, None, 2, 7])
ws.merge_cells("C2:D2")
wb.save("merged.xlsx")
"#;

#[test]
#[ignore = "needs python3 with openpyxl (dev/install-test-programs)"]
fn a_figure_merged_across_categories_is_refused_at_its_cell() {
    use crate::workbook::{need_openpyxl, python};
    need_openpyxl();
    let wd = Workdir::with_ledger(PLAN, &[]).english();
    wd.write("make.py", MERGED_CELL);
    python(&["make.py"], wd.path());
    let stderr = wd.refused(&["import", "merged.xlsx"]);
    assert!(
        stderr.contains("年齢別!C2") && stderr.contains("merged across categories (C2:D2)"),
        "{stderr}"
    );
}
