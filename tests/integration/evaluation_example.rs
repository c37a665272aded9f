//! The invented plan in data/evaluation-example (issue 27, item 5) shows
//! what its README says it shows. Every figure is worked by hand from the
//! plan and the ledger (progress.md: on track from a pace of 0.95, at risk
//! from 0.8), never copied from the program's output.

use std::path::{Path, PathBuf};

use crate::common::{json_kpi as kpi, run_english, Run};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/evaluation-example")
}

fn json(args: &[&str]) -> serde_json::Value {
    run_english(&example(), args).json()
}

fn years(k: &serde_json::Value) -> Vec<i64> {
    k["due_years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect()
}

#[test]
fn the_schedules_are_a_census_a_lag_and_a_survey() {
    let doc = json(&["status", "--format", "json"]);
    assert_eq!(doc["plan"]["as_of"]["year"], 2020);
    // Every 5 years from H27 (2015) up to R6 (2024): 2020 only.
    let population = kpi(&doc, "population");
    assert_eq!(population["frequency"], 5);
    assert_eq!(years(population), [2020]);
    // Lag 2: in R2 the latest figure is H30's (2018).
    let product = kpi(&doc, "gross-product");
    assert_eq!(product["lag"], 2);
    assert_eq!(product["latest"]["year"], 2018);
    let survey = kpi(&doc, "satisfaction");
    assert_eq!(survey["frequency"], serde_json::Value::Null);
    assert_eq!(years(survey), [2017, 2020, 2023]);
}

#[test]
fn r2_is_judged_beside_r1_as_published() {
    let doc = json(&["status", "--format", "json"]);
    // visitors: (125 − 120) / 30 = 1/6 against 5/9: pace 0.3, off track;
    // the R1 evaluation had it on track.
    let visitors = kpi(&doc, "visitors");
    assert_eq!(visitors["status"], "off_track");
    assert_eq!(visitors["previous"]["year"], 2019);
    assert_eq!(visitors["previous"]["status"], "on_track");
    // population: (68,800 − 68,500) / 1,500 = 0.2 against 5/9: pace 0.36.
    assert_eq!(kpi(&doc, "population")["status"], "off_track");
    assert_eq!(kpi(&doc, "population")["previous"]["status"], "no_data");
    // R2 is published and nothing changed since: no KPI is marked.
    for k in doc["kpis"].as_array().unwrap() {
        assert_eq!(k["revised_since_publication"], false, "{k}");
    }
}

#[test]
fn r1_now_differs_from_r1_as_published_by_the_revised_figure() {
    let doc = json(&["status", "--year", "R1", "--format", "json"]);
    let visitors = kpi(&doc, "visitors");
    // Published: 136, (136 − 120)/30 against 4/9, pace 1.2: on track.
    // Now: 131, 11/30 against 4/9, pace 0.825: at risk.
    assert_eq!(visitors["published"]["status"], "on_track");
    assert_eq!(visitors["published"]["value"].as_f64(), Some(136.0));
    assert_eq!(visitors["latest"]["value"].as_f64(), Some(131.0));
    assert_eq!(visitors["status"], "at_risk");
    assert_eq!(visitors["revised_since_publication"], true);
    // The footnote names it and the figure's change.
    let run = run_english(&example(), &["status", "--year", "R1"]);
    assert!(run.ok().contains("at risk (published: on track*)"), "{run}");
    let diff = json(&["diff", "2019", "now:2019", "--format", "json"]);
    let changed = diff["kpis"].as_array().unwrap();
    let visitors = changed.iter().find(|k| k["id"] == "visitors").unwrap();
    assert_eq!(visitors["figure_revised"]["year"], 2019);
    assert_eq!(visitors["figure_revised"]["from"].as_f64(), Some(136.0));
    assert_eq!(visitors["figure_revised"]["to"].as_f64(), Some(131.0));
}

#[test]
fn the_published_files_are_of_their_years_and_say_what_was_published() {
    let dir = example().join("evaluations");
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    let r1 = read("2019.json");
    assert_eq!(r1["published"]["date"], "2020-09-30");
    assert_eq!(
        kpi(&r1, "visitors")["latest"]["value"].as_f64(),
        Some(136.0)
    );
    let r2 = read("2020.json");
    assert_eq!(r2["published"]["date"], "2021-09-30");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // validate reads them: no error, no warning.
    let run: Run = run_english(&example(), &["validate"]);
    assert!(run.ok().contains("0 warnings"), "{run}");
}

#[test]
fn the_off_track_kpi_without_a_comment_is_visitors() {
    // reviews/2020.toml explains population, not visitors (for
    // `check --fail-on unexplained`, issue 27 §3).
    let doc = json(&["status", "--format", "json"]);
    let visitors = kpi(&doc, "visitors");
    assert!(visitors["review"].is_null() || visitors["review"]["comment"].is_null());
    assert!(kpi(&doc, "population")["review"]["comment"].is_string());
    let run = run_english(&example(), &["check"]);
    run.expect_code(1);
}

#[test]
fn check_fails_on_visitors_alone_as_unexplained_and_gross_product_is_assessed() {
    // Off track as of R2: population (explained) and visitors (not);
    // `--fail-on unexplained` alone flags off track, worsening and missed
    // KPIs without a comment: visitors only.
    let run = run_english(
        &example(),
        &["check", "--fail-on", "unexplained", "--format", "json"],
    );
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let flagged: Vec<&str> = doc["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["visitors"], "{doc}");
    // gross-product: at risk by the arithmetic (pace 0.75, 0.6 ≤ 0.75 < 0.95),
    // judged not assessable by the office; the status stays at_risk.
    let doc = json(&["status", "--format", "json"]);
    let gp = kpi(&doc, "gross-product");
    assert_eq!(gp["status"], "at_risk");
    assert_eq!(gp["assessed"]["label"], "not_assessable");
    assert!(gp["assessed"]["reason"].as_str().unwrap().contains("H30"));
}
