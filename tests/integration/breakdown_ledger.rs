//! Issue 28, the ledger's side of breakdowns (docs/design/breakdowns.md
//! "The ledger", docs/breakdowns.md "Ledger"): dimension columns read,
//! parts checked against their total, a missing total derived, and `kpi
//! import` of a long file with category columns. Every figure is worked
//! by hand in the comments.

use crate::common::Workdir;

/// Lines 1–19: two dimensions; `waiting` (by age, then sex; total = "sum")
/// and `rate` (by sex; total = "reported") follow.
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
baseline = 21
target = 0
breakdowns = ["age", "sex"]
total = "sum"

[[kpi]]
id = "rate"
name = "就業率"
goal = "1"
unit = "%"
baseline = 50
target = 60
breakdowns = ["sex"]
total = "reported"
"#;

fn work(files: &[(&str, &str)]) -> Workdir {
    Workdir::with_ledger(PLAN, files).english()
}

#[test]
fn a_derived_total_is_evaluated_as_the_latest_figure() {
    // 2020 has no total: 0歳 5 + 1・2歳 14 + 3歳以上 1 = 20. The rate's
    // categories (男 50.5, 女 60.1) are not its total, which is 55.
    let wd = work(&[(
        "2020.csv",
        "kpi,year,value,age,sex\nwaiting,2020,5,0歳,\nwaiting,2020,14,1・2歳,\n\
         waiting,2020,1,3歳以上,\nrate,2020,55,,\nrate,2020,50.5,,男\nrate,2020,60.1,,2\n",
    )]);
    let json = wd.ok(&["status", "--format", "json"]).json();
    let waiting = &json["kpis"][0];
    assert_eq!(waiting["latest"]["year"], 2020);
    assert_eq!(waiting["latest"]["value"].to_string(), "20");
    assert_eq!(json["kpis"][1]["latest"]["value"].to_string(), "55");
    // Six figures written; the derived total is none of them.
    let run = wd.ok(&["validate"]);
    assert!(
        run.stderr.contains("6 figures") || run.stdout.contains("6 figures"),
        "{run}"
    );
}

#[test]
fn parts_off_by_one_are_an_error_naming_the_rows_and_the_difference() {
    // 5 + 14 + 3 = 22 against the total 21: they differ by 1.
    let wd = work(&[(
        "2020.csv",
        "kpi,year,value,age,sex\nwaiting,2020,21,,\nwaiting,2020,5,0歳,\n\
         waiting,2020,14,1・2歳,\nwaiting,2020,3,3歳以上,\n",
    )]);
    for args in [&["validate"][..], &["status"][..]] {
        let run = wd.run(args);
        run.error_at(
            "2020.csv",
            2,
            &[
                "2020.csv:3",
                "2020.csv:4",
                "2020.csv:5",
                "add up to `22`",
                "differ by 1",
            ],
        );
    }
}

#[test]
fn a_category_the_plan_lacks_or_a_column_the_kpi_lacks_is_an_error() {
    let wd = work(&[("2020.csv", "kpi,year,value,age\nwaiting,2020,5,4歳\n")]);
    wd.run(&["validate"])
        .error_at("2020.csv", 2, &["`4歳`", "not a category of 年齢"]);
    let wd = work(&[("2020.csv", "kpi,year,value,age\nrate,2020,5,0歳\n")]);
    wd.run(&["validate"])
        .error_at("2020.csv", 2, &["`rate` is not broken down by `age`"]);
}

#[test]
fn a_combination_that_does_not_add_up_is_an_error() {
    // 男 = 10, and 男×0歳 3 + 男×1・2歳 4 + 男×3歳以上 2 = 9: they differ by 1.
    let wd = work(&[(
        "2020.csv",
        "kpi,year,value,age,sex\nwaiting,2020,10,,男\nwaiting,2020,3,0歳,男\n\
         waiting,2020,4,1・2歳,男\nwaiting,2020,2,3歳以上,男\n",
    )]);
    wd.run(&["validate"]).error_at(
        "2020.csv",
        2,
        &[
            "its figure for sex=男 is `10`",
            "add up to `9`",
            "differ by 1",
        ],
    );
}

#[test]
fn import_of_a_long_file_with_two_category_columns_writes_them_to_the_ledger() {
    // Headings by name (性別) and id (age); 計 is the total; `2` is the
    // code of 女. 男 6 + 女 5 = 11 = the total; 0歳 4 + 1・2歳 4 + 3歳以上
    // 3 = 11 too.
    let wd = work(&[("2020.csv", "kpi,year,value,note\nrate,2020,55,\n")]);
    wd.write(
        "in.csv",
        "指標,年度,実績値,性別,age\nwaiting,2020,11,計,\nwaiting,2020,6,男,\n\
         waiting,2020,5,2,計\nwaiting,2020,4,,0歳\nwaiting,2020,4,,1・2歳\n\
         waiting,2020,3,,3歳以上\n",
    );
    wd.ok(&["import", "in.csv"]);
    // The file's columns, then the dimensions a figure needs, in the plan's
    // order; rows of a KPI and year in the order total, then categories
    // (by breakdowns: age first, then sex).
    assert_eq!(
        wd.read("actuals/2020.csv"),
        "kpi,year,value,note,age,sex\nwaiting,2020,11,,,\nwaiting,2020,4,,0歳,\n\
         waiting,2020,4,,1・2歳,\nwaiting,2020,3,,3歳以上,\nwaiting,2020,6,,,男\n\
         waiting,2020,5,,,女\nrate,2020,55,,,\n"
    );
    wd.validate();
    // Importing the same file again changes nothing.
    let before = wd.ledger();
    wd.ok(&["import", "in.csv"]);
    assert_eq!(wd.ledger(), before);
    // An import whose parts would not add up is refused, writing nothing.
    wd.write("off.csv", "kpi,year,value,sex\nwaiting,2020,7,男\n");
    let stderr = wd.refused(&["import", "--replace", "off.csv"]);
    assert!(stderr.contains("differ by 1"), "{stderr}");
}

#[test]
fn a_workspace_ledger_derives_each_members_total_from_the_series_categories() {
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
        .write("plans/b/kpi.toml", member);
    // The series' categories, imported into the workspace's ledger: 5 + 14
    // + 1 = 20, each member's derived total.
    wd.write(
        "in.csv",
        "kpi,year,value,age\nwaiting,2020,5,0歳\nwaiting,2020,14,1・2歳\nwaiting,2020,1,3歳以上\n",
    );
    wd.ok(&["import", "in.csv"]);
    assert_eq!(
        wd.read("ledger/2020.csv"),
        "kpi,year,value,note,age\nwaiting,2020,5,,0歳\nwaiting,2020,14,,1・2歳\nwaiting,2020,1,,3歳以上\n"
    );
    for member in ["a", "b"] {
        let json = wd.ok(&["status", "--format", "json", "-p", member]).json();
        assert_eq!(
            json["kpis"][0]["latest"]["value"].to_string(),
            "20",
            "{member}"
        );
    }
}
