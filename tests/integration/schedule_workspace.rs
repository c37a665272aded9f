//! Issue 27, the register's part of §1 ("and in the workspace register for
//! a series"): `frequency`, `due_years` and `lag` on an `[[indicator]]`,
//! taken by every member KPI on the series. Worked by hand:
//!
//! - `census`: frequency 5, lag 1. alpha (baseline 2015, target 2025) is
//!   due 2020 and 2025; beta (2015 → 2022) 2020 only. Collection year C
//!   owes the figure of C − 1: 2021 owes 2020, 2022 owes nothing (2021 is
//!   not a due year), 2020 owes nothing (2019 is not).
//! - `gdp`: yearly, lag 2, alpha only. C owes C − 2: 2020 owes 2018 (in),
//!   2021 owes 2019, 2022 owes 2020 (both absent).
//! - The ledger: gdp 2016, 2017, 2018. The newest year with a figure is
//!   2018; every figure owed in 2018 is in (gdp's 2016; census owes
//!   nothing), so the default collection year is 2019, where nothing is
//!   owed and absent either (gdp's 2017 is in).

use crate::common::{Run, Workdir};

const WORKSPACE: &str = r#"[workspace]
name = "Testshi"
members = ["plans/*"]
ledger = ["ledger"]

[[indicator]]
id = "census"
name = "Population"
unit = "人"
frequency = 5
lag = 1

[[indicator]]
id = "gdp"
name = "Output"
lag = 2
"#;

const ALPHA: &str = r#"[plan]
title = "Alpha"
baseline_year = 2015
target_year = 2025

[[goal]]
id = "1"
name = "g"

[[kpi]]
id = "a-census"
indicator = "census"
goal = "1"
baseline = { value = 100 }
target = { value = 110 }

[[kpi]]
id = "a-gdp"
indicator = "gdp"
goal = "1"
baseline = { value = 10 }
target = { value = 20 }
"#;

/// b-census's `[[kpi]]` is on line 10; its target on line 14.
const BETA: &str = r#"[plan]
title = "Beta"
baseline_year = 2015
target_year = 2022

[[goal]]
id = "1"
name = "g"

[[kpi]]
id = "b-census"
indicator = "census"
goal = "1"
baseline = { value = 100 }
target = { value = 105 }
"#;

fn workspace(register: &str, beta: &str) -> Workdir {
    let wd = Workdir::new().english().env("KPI_TODAY", "2024-01-01");
    wd.write("kpi-workspace.toml", register)
        .write("plans/alpha/kpi.toml", ALPHA)
        .write("plans/beta/kpi.toml", beta)
        .write(
            "ledger/all.csv",
            "kpi,year,value\ngdp,2016,11\ngdp,2017,12\ngdp,2018,13\n",
        );
    wd
}

/// The (series, figure year) rows of `missing --all --format json`.
fn owed(run: &Run) -> Vec<(String, i64)> {
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
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

fn rows(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(k, y)| (k.to_string(), *y)).collect()
}

#[test]
fn missing_across_members_follows_the_registers_schedule() {
    let wd = workspace(WORKSPACE, BETA);
    let run = wd.run(&["missing", "--all", "--year", "2020", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(owed(&run), rows(&[]), "{run}");
    let run = wd.run(&["missing", "--all", "--year", "2021", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(
        owed(&run),
        rows(&[("census", 2020), ("gdp", 2019)]),
        "{run}"
    );
    let run = wd.run(&["missing", "--all", "--year", "2022", "--format", "json"]);
    assert_eq!(owed(&run), rows(&[("gdp", 2020)]), "{run}");
    // Both plans need the census of 2020; only alpha the output.
    let run = wd.run(&["missing", "--all", "--year", "2021"]);
    assert!(
        run.stdout.contains("Population (figure for FY2020)"),
        "{run}"
    );
    assert!(run.stdout.contains("alpha, beta"), "{run}");
    // The default collection year.
    let run = wd.run(&["missing", "--all", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["year"], 2019, "{run}");
}

#[test]
fn the_template_across_members_has_each_series_row_for_its_own_year() {
    let wd = workspace(WORKSPACE, BETA);
    let run = wd.ok(&["template", "--all", "--year", "2021", "--encoding", "utf-8"]);
    let body: Vec<&str> = run.stdout.lines().skip(2).collect();
    assert_eq!(
        body,
        [
            "census,Population,人,FY2020,,,,\"alpha, beta\"",
            "gdp,Output,,FY2019,,,,alpha"
        ],
        "{run}"
    );
    // 2022: the census owes nothing and is left out.
    let run = wd.ok(&["template", "--all", "--year", "2022", "--encoding", "utf-8"]);
    let body: Vec<&str> = run.stdout.lines().skip(2).collect();
    assert_eq!(body, ["gdp,Output,,FY2020,,,,alpha"], "{run}");
}

#[test]
fn a_member_kpi_takes_the_series_schedule_into_its_json() {
    let wd = workspace(WORKSPACE, BETA);
    let doc = wd.run(&["status", "-p", "beta", "--format", "json"]).json();
    let k = &doc["kpis"][0];
    assert_eq!(k["frequency"], 5, "{k}");
    assert_eq!(k["lag"], 1, "{k}");
    // beta's target year is 2022: 2025 is not due for it.
    assert_eq!(
        k["due_years"],
        serde_json::json!([{"year": 2020, "label": "FY2020"}])
    );
    let doc = wd
        .run(&["status", "-p", "alpha", "--format", "json"])
        .json();
    let years: Vec<i64> = doc["kpis"][0]["due_years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2020, 2025]);
    assert_eq!(doc["kpis"][1]["frequency"], 1);
    assert_eq!(doc["kpis"][1]["lag"], 2);
}

#[test]
fn a_member_kpi_may_restate_the_series_schedule_only_as_it_is() {
    let same = BETA.replace("value = 105 }\n", "value = 105 }\nfrequency = 5\nlag = 1\n");
    workspace(WORKSPACE, &same).validate();
    let other = BETA.replace("value = 105 }\n", "value = 105 }\nfrequency = 4\n");
    let run = workspace(WORKSPACE, &other).run(&["validate"]);
    run.error_at(
        "kpi.toml",
        10,
        &[
            "b-census",
            "frequency = 4, lag = 0",
            "`census` has frequency = 5, lag = 1",
        ],
    );
    // A lag alone is a schedule of its own too (yearly, lag 1): refused.
    let lag = BETA.replace("value = 105 }\n", "value = 105 }\nlag = 1\n");
    workspace(WORKSPACE, &lag)
        .run(&["status", "--all"])
        .error_at("kpi.toml", 10, &["b-census", "frequency = 1, lag = 1"]);
}

#[test]
fn a_series_without_a_schedule_leaves_each_member_its_own() {
    // gdp has none in this register: b states frequency 3 (due 2018, 2021).
    let register = WORKSPACE.replace("lag = 2\n", "");
    let beta = BETA
        .replace("indicator = \"census\"", "indicator = \"gdp\"")
        .replace("value = 105 }\n", "value = 105 }\nfrequency = 3\n");
    let wd = workspace(&register, &beta);
    let doc = wd.run(&["status", "-p", "beta", "--format", "json"]).json();
    assert_eq!(doc["kpis"][0]["frequency"], 3);
    let doc = wd
        .run(&["status", "-p", "alpha", "--format", "json"])
        .json();
    assert_eq!(doc["kpis"][1]["frequency"], 1);
    assert_eq!(doc["kpis"][1]["lag"], 0);
}

#[test]
fn members_off_the_grid_of_a_registered_frequency_are_warned_of() {
    // beta from 2017 counts 5 years to 2022; alpha from 2015 to 2020.
    let beta = BETA.replace("baseline_year = 2015", "baseline_year = 2017");
    let run = workspace(WORKSPACE, &beta).run(&["validate"]);
    assert_eq!(run.code, Some(0), "{run}");
    let warning = run
        .stderr
        .lines()
        .find(|l| l.starts_with("warning: ") && l.contains("kpi-workspace.toml:6:"))
        .unwrap_or_else(|| panic!("a warning at the register's line; {run}"));
    assert!(
        warning.contains("alpha from FY2015, beta from FY2017"),
        "{run}"
    );
    assert!(warning.contains("due_years"), "{run}");
    // On the grid (both from 2015): no warning.
    let run = workspace(WORKSPACE, BETA).run(&["validate"]);
    assert!(!run.stderr.contains("warning"), "{run}");
}

#[test]
fn every_problem_of_a_registered_schedule_is_an_error_at_its_line() {
    let register = format!(
        "{WORKSPACE}\n[[indicator]]\nid = \"x\"\nname = \"X\"\nfrequency = 0\n\n\
         [[indicator]]\nid = \"y\"\nname = \"Y\"\nfrequency = 2\ndue_years = [\"R2\"]\n\n\
         [[indicator]]\nid = \"z\"\nname = \"Z\"\ndue_years = [\"R2\", 2020]\nlag = -1\n"
    );
    let wd = workspace(&register, BETA);
    let run = wd.run(&["validate"]);
    run.failed();
    // Lines: x's frequency 21; y's due_years 27; z's due_years 32, lag 33.
    for (line, text) in [
        (21, "`frequency` of indicator `x` is 0"),
        (27, "indicator `y` has both `frequency` and `due_years`"),
        (32, "due year 2020 of indicator `z` is given twice"),
        (33, "`lag` of indicator `z` is -1"),
    ] {
        let place = format!("kpi-workspace.toml:{line}:");
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("error: ") && l.contains(&place) && l.contains(text)),
            "`{text}` at line {line}; {run}"
        );
    }
    // Any other command refuses the workspace too, writing nothing.
    wd.fails_writing_nothing(&["template", "--all", "--year", "2021", "-o", "t.csv"]);
}

#[test]
fn the_template_across_members_defaults_to_the_year_being_collected() {
    let wd = workspace(WORKSPACE, BETA);
    // 2019 (worked above): gdp owes its 2017 figure; the census nothing.
    let run = wd.ok(&["template", "--all", "--encoding", "utf-8"]);
    let body: Vec<&str> = run.stdout.lines().skip(2).collect();
    assert_eq!(body, ["gdp,Output,,FY2017,,,,alpha"], "{run}");
}
