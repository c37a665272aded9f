//! Issue 27, part 1 (evaluation-cycle.md §1 and §5): `frequency`,
//! `due_years` and `lag`. Every figure below is worked by hand from the
//! contract.
//!
//! The plan: H26 (2014) → R2 (2020), five KPIs, 10 → 20:
//! `yearly`; `lag1` and `lag2` (yearly, published 1 and 2 years late);
//! `survey` (every 3 years: 2017, 2020); `early` (due 2016 and 2018 only,
//! so its final due year 2018 is before its target year 2020).
//! The ledger: lag2 2015 = 11; lag1 2016 = 12; early 2016 = 12, 2018 = 15;
//! yearly 2017 = 14; survey 2017 = 15.

use crate::common::Workdir;

const PLAN: &str = r#"[plan]
title = "Schedules"
year_style = "era"
fiscal_year_start = 4
baseline_year = 2014
target_year = 2020

[[goal]]
id = "1"
name = "g"

[[kpi]]
id = "yearly"
name = "Yearly"
goal = "1"
baseline = { value = 10 }
target = { value = 20 }

[[kpi]]
id = "lag1"
name = "Lag one"
goal = "1"
baseline = { value = 10 }
target = { value = 20 }
lag = 1

[[kpi]]
id = "lag2"
name = "Lag two"
goal = "1"
baseline = { value = 10 }
target = { value = 20 }
lag = 2

[[kpi]]
id = "survey"
name = "Survey"
goal = "1"
baseline = { value = 10 }
target = { value = 20 }
frequency = 3

[[kpi]]
id = "early"
name = "Early"
goal = "1"
baseline = { value = 10 }
target = { value = 20 }
due_years = [2016, 2018]
"#;

const LEDGER: &str = "kpi,year,value\nlag2,2015,11\nlag1,2016,12\nearly,2016,12\n\
                      yearly,2017,14\nsurvey,2017,15\nearly,2018,15\n";

fn work() -> Workdir {
    Workdir::with_ledger(PLAN, &[("all.csv", LEDGER)])
        .english()
        .env("KPI_TODAY", "2030-06-01")
}

/// The ids and figure years of `missing --format json`'s rows.
fn owed(doc: &serde_json::Value) -> Vec<(String, i64)> {
    let mut rows = Vec::new();
    for owner in doc["owners"].as_array().unwrap() {
        for k in owner["kpis"].as_array().unwrap() {
            rows.push((
                k["id"].as_str().unwrap().to_string(),
                k["year"]["year"].as_i64().unwrap(),
            ));
        }
    }
    rows
}

#[test]
fn missing_asks_each_kpi_for_the_collection_year_less_its_lag() {
    let work = work();
    // Collection year 2017: yearly owes 2017, lag1 2016, lag2 2015, survey
    // 2017 (a due year), early nothing (2017 is not due): all are in.
    let run = work.run(&["missing", "--year", "2017", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(run.json()["missing"], 0, "{run}");
    // Collection year 2018: yearly owes 2018, lag1 2017, lag2 2016 (all
    // absent); survey nothing (2018 is not due); early 2018 is in.
    let run = work.run(&["missing", "--year", "2018", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["missing"], 3, "{run}");
    let want = [("yearly", 2018), ("lag1", 2017), ("lag2", 2016)];
    let want: Vec<(String, i64)> = want.iter().map(|(k, y)| (k.to_string(), *y)).collect();
    assert_eq!(owed(&doc), want, "{run}");
    // The default: the newest year with a figure is 2018 (early's), and
    // figures owed in 2018 are still absent: 2018 is being collected.
    let run = work.run(&["missing", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["year"], 2018, "{run}");
    // The table names the year of a lagged figure.
    let run = work.run(&["missing", "--year", "2018"]);
    assert!(run.stdout.contains("Lag two (figure for H28)"), "{run}");
    assert!(run.stdout.contains("┆ Yearly "), "{run}");
}

#[test]
fn a_lagged_kpis_template_row_carries_its_own_year() {
    let work = work();
    let run = work.ok(&["template", "--year", "2018", "--encoding", "utf-8"]);
    let rows: Vec<&str> = run.stdout.lines().skip(2).collect();
    // survey owes nothing in 2018 and is left out; lag2's row says H28 (2016).
    assert_eq!(
        rows,
        [
            "yearly,Yearly,,H30,,,",
            "lag1,Lag one,,H29,,,",
            "lag2,Lag two,,H28,,,",
            "early,Early,,H30,,,",
        ],
        "{run}"
    );
}

/// `(status, stale, overdue)` of each KPI as of `year`, in plan order.
fn judged(work: &Workdir, year: &str) -> Vec<(String, bool, i64)> {
    let run = work.ok(&["status", "--format", "json", "--year", year]);
    run.json()["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["status"].as_str().unwrap().to_string(),
                k["stale"].as_bool().unwrap(),
                k["overdue"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn stale_counts_the_due_figures_missed_since_the_latest() {
    let work = work();
    let s = |x: &str| x.to_string();
    // As of 2018 (stale_after 2). yearly: latest 2017, due 2018 missed: 1.
    // lag1: latest 2016; 2017 <= 2018 − 1 missed: 1. lag2: latest 2015;
    // 2016 <= 2018 − 2 missed: 1 (A − L would be 3). survey: latest 2017,
    // nothing due in 2018: 0. early: latest 2018: 0.
    let as_of_2018 = judged(&work, "2018");
    let overdue: Vec<i64> = as_of_2018.iter().map(|k| k.2).collect();
    assert_eq!(overdue, [1, 1, 1, 0, 0]);
    assert!(as_of_2018.iter().all(|k| !k.1), "{as_of_2018:?}");
    // As of 2020: yearly misses 2018-2020 (3), lag1 2017-2019 (3), lag2
    // 2016-2018 (3): stale; survey misses 2020 (1) and early nothing:
    // not stale, though A − L is 3 and 2.
    let as_of_2020 = judged(&work, "2020");
    let overdue: Vec<i64> = as_of_2020.iter().map(|k| k.2).collect();
    assert_eq!(overdue, [3, 3, 3, 1, 0]);
    let stale: Vec<bool> = as_of_2020.iter().map(|k| k.1).collect();
    assert_eq!(stale, [true, true, true, false, false]);
    // early's final due year is 2018, before its target year 2020: its
    // 2018 figure (15 < 20) is short, so as of 2020 it is missed; as of
    // 2019 the target year has not come: pace (15 − 10) / (E(2018) − 10)
    // = 5 / (20/3) = 0.75, at risk.
    assert_eq!(as_of_2020[4].0, s("missed"));
    assert_eq!(judged(&work, "2019")[4].0, s("at_risk"));
    // A yearly KPI whose target-year figure is not in is not missed.
    assert_eq!(as_of_2020[0].0, s("at_risk"));
}

#[test]
fn json_carries_the_schedule_of_every_kpi() {
    let work = work();
    let run = work.ok(&["status", "--format", "json", "--year", "2020"]);
    let doc = run.json();
    let k = |i: usize| &doc["kpis"][i];
    let years = |i: usize| -> Vec<i64> {
        k(i)["due_years"]
            .as_array()
            .unwrap()
            .iter()
            .map(|y| y["year"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(k(0)["frequency"], 1);
    assert_eq!(k(0)["lag"], 0);
    assert_eq!(years(0), [2015, 2016, 2017, 2018, 2019, 2020]);
    assert_eq!(k(2)["lag"], 2);
    assert_eq!(k(3)["frequency"], 3);
    assert_eq!(years(3), [2017, 2020]);
    assert_eq!(k(3)["due_years"][1]["label"], "R2");
    assert!(k(4)["frequency"].is_null());
    assert_eq!(years(4), [2016, 2018]);
    // The heading's count: figures owed in collection year 2020 and absent:
    // yearly 2020, lag1 2019, lag2 2018, survey 2020 (early owes none).
    assert_eq!(doc["plan"]["missing"], 4, "{run}");
    // check and show carry the same fields.
    let run = work.run(&["check", "--format", "json", "--year", "2020"]);
    assert!(run.stdout.contains("\"due_years\""), "{run}");
    let run = work.ok(&["show", "survey", "--format", "json", "--year", "2020"]);
    assert_eq!(run.json()["kpi"]["overdue"], 1, "{run}");
}

/// The actual column of `kpi show`'s row for `year`.
fn actual_cell(stdout: &str, year: &str) -> String {
    let row = stdout
        .lines()
        .find(|l| l.starts_with(&format!("│ {year} ")))
        .unwrap_or_else(|| panic!("no row {year}: {stdout}"));
    row.split('┆').nth(1).unwrap().trim().to_string()
}

#[test]
fn show_states_the_schedule_and_marks_due_years_without_a_figure() {
    let work = work();
    let run = work.ok(&["show", "survey", "--year", "2020"]);
    assert!(
        run.stdout
            .contains("schedule: figures every 3 years: H29, R2\n"),
        "{run}"
    );
    // R2 (2020) is due and has no figure; H30 (2018) is not due: blank.
    assert_eq!(actual_cell(&run.stdout, "R2"), "missing", "{run}");
    assert_eq!(actual_cell(&run.stdout, "H30"), "", "{run}");
    // A lag-2 KPI as of 2018: the 2016 figure is owed (missing), 2017's not yet (-).
    let run = work.ok(&["show", "lag2", "--year", "2018"]);
    assert!(
        run.stdout.contains("each published 2 years after its year"),
        "{run}"
    );
    assert_eq!(actual_cell(&run.stdout, "H28"), "missing", "{run}");
    assert_eq!(actual_cell(&run.stdout, "H29"), "-", "{run}");
    // early is judged on its last due figure, and show says so.
    let run = work.ok(&["show", "early", "--year", "2020"]);
    assert!(
        run.stdout
            .contains("judged on the H30 figure, the last due before the target year R2"),
        "{run}"
    );
    // Japanese.
    let ja = Workdir::with_ledger(PLAN, &[("all.csv", LEDGER)]).env("KPI_TODAY", "2030-06-01");
    let run = ja.ok(&["--lang", "ja", "show", "survey", "--year", "2020"]);
    assert!(run.stdout.contains("3年ごと: H29, R2"), "{run}");
    assert!(run.stdout.contains("未提出"), "{run}");
}

#[test]
fn validate_warns_once_per_figure_in_a_year_that_is_not_due() {
    let work = work();
    work.write(
        "actuals/extra.csv",
        "kpi,year,value\nsurvey,2018,16\nearly,2017,13\n",
    );
    let run = work.ok(&["validate"]);
    assert!(run.stdout.contains("2 warnings"), "{run}");
    assert_eq!(
        run.stderr.matches("not one of its due years").count(),
        2,
        "{run}"
    );
    assert!(run.stderr.contains("extra.csv:2: `survey` H30"), "{run}");
    assert!(run.stderr.contains("extra.csv:3: `early` H29"), "{run}");
}

#[test]
fn schedule_problems_are_errors_with_file_and_line() {
    let plan = PLAN.replace("frequency = 3", "frequency = 3\ndue_years = [2017]");
    let work = Workdir::with_plan(&plan).english();
    let stderr = work.refused(&["status"]);
    assert!(stderr.contains("kpi.toml:42"), "{stderr}");
    assert!(
        stderr.contains("both `frequency` and `due_years`"),
        "{stderr}"
    );
    let plan = PLAN.replace("due_years = [2016, 2018]", "due_years = [2014, 2018]");
    let stderr = Workdir::with_plan(&plan).english().refused(&["validate"]);
    assert!(stderr.contains("kpi.toml:49"), "{stderr}");
    assert!(stderr.contains("not after its baseline year"), "{stderr}");
    let plan = PLAN.replace("lag = 2", "lag = -1");
    let stderr = Workdir::with_plan(&plan).english().refused(&["validate"]);
    assert!(
        stderr.contains("kpi.toml:33") && stderr.contains("`lag`"),
        "{stderr}"
    );
}

#[test]
fn the_template_defaults_to_the_year_being_collected() {
    let work = work();
    // `missing` finds 2018 (see above): the same rows as --year 2018.
    let run = work.ok(&["template", "--encoding", "utf-8"]);
    let rows: Vec<&str> = run.stdout.lines().skip(2).collect();
    assert_eq!(
        rows,
        [
            "yearly,Yearly,,H30,,,",
            "lag1,Lag one,,H29,,,",
            "lag2,Lag two,,H28,,,",
            "early,Early,,H30,,,",
        ],
        "{run}"
    );
    // The workbook too: its title names the year, as the CSV's does.
    let csv_title = run.stdout.lines().next().unwrap().to_string();
    assert!(csv_title.contains("H30"), "{run}");
    work.ok(&["template", "-o", "t.xlsx"]);
    assert!(work.file("t.xlsx").exists());
}

#[test]
fn a_lagged_figure_collected_after_the_target_year_is_no_year_after_the_plan() {
    let work = work();
    // Collection year 2021 (R3), after the target year 2020: lag1 owes
    // 2020, lag2 2019; yearly keeps its row (a yearly KPI always does);
    // survey and early owe nothing. No warning: lag2 is collected until 2022.
    let run = work.ok(&["template", "--year", "2021", "--encoding", "utf-8"]);
    let rows: Vec<&str> = run.stdout.lines().skip(2).collect();
    assert_eq!(
        rows,
        [
            "yearly,Yearly,,R3,,,",
            "lag1,Lag one,,R2,,,",
            "lag2,Lag two,,R1,,,"
        ],
        "{run}"
    );
    assert!(!run.stderr.contains("warning"), "{run}");
    // 2023 is after lag2's last collection year (2022): warned.
    let run = work.ok(&["template", "--year", "2023", "--encoding", "utf-8"]);
    assert!(run.stderr.contains("after every target year"), "{run}");
}
