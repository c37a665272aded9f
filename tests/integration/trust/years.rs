//! Items 6 and 7: a figure for a fiscal year that has not begun is an
//! error in import, record and the ledger; one after every target year is
//! accepted with a warning; `kpi missing` never moves past the plan's last
//! target year, and `kpi template` after it says so.

use super::with_ledger;
use crate::common::import::{workdir, PLAN};
use crate::common::{Run, Workdir};

#[test]
fn a_figure_for_a_year_not_begun_is_refused_by_record_import_and_the_ledger() {
    let work = with_ledger();
    // Today is 2030-06-01: R12 (2030) has begun, R13 (2031) has not.
    for (year, shown) in [
        ("R99", "R99 (2117)"),
        ("2091", "R73 (2091)"),
        ("R13", "R13 (2031)"),
    ] {
        let run = work.fails_writing_nothing(&["record", "visitors", year, "1"]);
        let first = run.failed()[0];
        assert!(
            first.contains(&format!("`visitors` {shown}: fiscal year")),
            "{run}"
        );
        assert!(
            first.contains("has not begun yet (today is 2030-06-01, in fiscal year R12 (2030))"),
            "{run}"
        );
        assert!(first.contains("check the year"), "{run}");
    }
    // A long file: the row's line. A wide file: its year heading, once.
    work.write(
        "in.csv",
        "kpi,year,value\nvisitors,2017,1200\nrate,2091,51\n",
    );
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    run.error_at(
        "in.csv",
        3,
        &["`rate` R73 (2091): fiscal year 2091 has not begun yet"],
    );
    work.write("in.csv", "kpi,2017,2031\nvisitors,1200,1300\nrate,51,52\n");
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    run.error_at(
        "in.csv",
        1,
        &["column 3 `2031`: fiscal year 2031 has not begun yet"],
    );
    assert_eq!(run.stderr.lines().count(), 1, "said once: {run}");

    // In the ledger, by hand.
    work.write("actuals/2091.csv", "kpi,year,value\nvisitors,2091,1\n");
    for args in [&["validate"][..], &["status"], &["missing"]] {
        work.run(args)
            .error_at("2091.csv", 2, &["fiscal year 2091 has not begun yet"]);
    }
}

#[test]
fn the_fiscal_year_begins_in_the_month_the_plan_says() {
    let plan = PLAN.replace(
        "year_style = \"era\"",
        "year_style = \"era\"\nfiscal_year_start = 4",
    );
    let work = Workdir::with_plan(&plan)
        .env("LANG", "C")
        .env("KPI_TODAY", "2025-03-31");
    // On 31 March 2025 fiscal year 2025 (R7) has not begun; R6 has.
    let run = work.fails_writing_nothing(&["record", "visitors", "R7", "1"]);
    assert!(
        run.failed()[0].contains("in fiscal year R6 (2024)"),
        "{run}"
    );
    let run = work.ok(&["record", "visitors", "R6", "1"]);
    assert!(
        run.stderr
            .contains("after every target year of the plan (the last is R1 (2019))"),
        "{run}"
    );
}

#[test]
fn a_figure_after_every_target_year_is_kept_with_a_warning() {
    let work = with_ledger();
    let run = work.ok(&["record", "visitors", "R2", "1400"]);
    assert!(
        run.stderr.contains("warning: kpi record: `visitors` R2 (2020) is after every target year of the plan (the last is R1 (2019))"),
        "{run}"
    );
    assert!(work.read("actuals/2020.csv").contains("visitors,2020,1400"));
    let run = work.ok(&["validate"]);
    assert!(
        run.stderr
            .contains("2020.csv:2: `visitors` R2 (2020) is after every target year"),
        "{run}"
    );
}

#[test]
fn missing_stays_at_the_last_target_year_and_says_when_the_plan_is_complete() {
    let work = workdir();
    let mut all = String::from("kpi,year,value\n");
    for (kpi, v) in [
        ("visitors", 1900),
        ("rate", 59),
        ("startups", 45),
        ("balance", 0),
    ] {
        all.push_str(&format!("{kpi},2019,{v}\n"));
    }
    // visitors lacks H31: it is still owed, for H31, not for a year after.
    work.write("actuals/2019.csv", all.replace("visitors,2019,1900\n", ""));
    let run = work.run(&["missing", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["year"], 2019);
    assert_eq!(doc["missing"], 1);
    // Every figure in: still H31, nothing missing, and the plan is complete.
    work.write("actuals/2019.csv", &all);
    let run = work.run(&["missing", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["year"], 2019);
    assert_eq!(doc["missing"], 0);
    assert!(
        run.stderr.contains("the plan's years are complete"),
        "{run}"
    );
    // A figure after the plan (a warning) does not move the year on.
    work.write("actuals/2021.csv", "kpi,year,value\nvisitors,2021,2100\n");
    let run = work.run(&["missing", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["year"], 2019, "{run}");
    // Asked for a year after the plan: nothing is due, and it says why.
    let run = work.run(&["missing", "--year", "2022"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stderr.contains("R4 (2022) is after every target year of the plan (the last is R1 (2019)): no KPI is due a figure then"), "{run}");
}

#[test]
fn a_template_after_every_target_year_says_so() {
    let work = workdir();
    let run = Run::of(&mut work.command(&["template", "--year", "R3"]));
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stderr.contains("warning: --year R3 (2021): after every target year of the plan (the last is R1 (2019))"),
        "{run}"
    );
    let run = work.ok(&["template", "--year", "H31"]);
    assert!(run.stderr.is_empty(), "{run}");
}
