//! `kpi missing` (who still owes figures) and `kpi init` through the binary.

use crate::common::{kpi_block, run_asaka, Run, Workdir, HEAD};

/// Three KPIs of HEAD's plan (baseline H26 = 2014, target R1 = 2019), two
/// owners and one with none.
fn plan_with_owners() -> String {
    let mut text = HEAD.to_string();
    text.push_str(&kpi_block("a"));
    text.push_str("owner = \"保育課\"\nsource = \"保育課資料\"\n\n");
    text.push_str(&kpi_block("b"));
    text.push_str("owner = \"産業振興課\"\n\n");
    text.push_str(&kpi_block("c"));
    text
}

#[test]
fn a_ledger_with_gaps_lists_what_each_owner_owes_and_exits_1() {
    let w = Workdir::new();
    w.plan(&plan_with_owners()).write(
        "actuals/2015.csv",
        "kpi,year,value\na,2015,11\nb,2015,11\nc,2015,11\n",
    );
    w.write("actuals/2016.csv", "kpi,year,value\na,2016,12\n");
    // Newest year 2016: b and c lack it, so 2016 is the year being collected.
    let run = w.run_plan(&["missing", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["year"], 2016);
    assert_eq!(doc["missing"], 2);
    let owners = doc["owners"].as_array().unwrap();
    assert_eq!(owners.len(), 2);
    assert_eq!(owners[0]["owner"], "産業振興課");
    assert_eq!(owners[0]["count"], 1);
    assert_eq!(owners[0]["kpis"][0]["id"], "b");
    assert_eq!(owners[0]["kpis"][0]["last_reported"]["year"], 2015);
    // The KPI with no owner comes last.
    assert_eq!(owners[1]["owner"], serde_json::Value::Null);
    assert_eq!(owners[1]["kpis"][0]["id"], "c");
}

#[test]
fn last_reported_is_at_or_before_the_year_asked() {
    // Issue 17, item 8. a reported 2015 and 2017; chasing 2016, its last
    // report is 2015, not 2017, a year after the one being chased.
    let w = Workdir::new();
    w.plan(&plan_with_owners()).write(
        "actuals/2015.csv",
        "kpi,year,value\na,2015,11\nb,2015,11\nc,2015,11\n",
    );
    w.write(
        "actuals/2017.csv",
        "kpi,year,value\na,2017,13\nb,2017,13\nc,2017,13\n",
    );
    let run = w.run_plan(&["missing", "--year", "2016", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for owner in doc["owners"].as_array().unwrap() {
        for k in owner["kpis"].as_array().unwrap() {
            assert_eq!(k["last_reported"]["year"], 2015, "{k}");
        }
    }
    let run = w.run_plan(&["--lang", "en", "missing", "--year", "2016"]);
    assert!(
        run.stdout.contains("FY2015") && !run.stdout.contains("FY2017"),
        "{run}"
    );
}

#[test]
fn a_complete_year_moves_collection_to_the_next_and_owner_filters() {
    let w = Workdir::new();
    w.plan(&plan_with_owners()).write(
        "actuals/2015.csv",
        "kpi,year,value\na,2015,11\nb,2015,11\nc,2015,11\n",
    );
    // 2015 is complete: everybody owes 2016.
    let run = w.run_plan(&["missing", "--format", "csv"]);
    assert_eq!(run.code, Some(1), "{run}");
    let mut rows = csv::Reader::from_reader(run.stdout.as_bytes());
    let ids: Vec<String> = rows.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert_eq!(ids, vec!["a", "b", "c"]);
    // --owner keeps one office; --year asks for a year already complete: exit 0.
    let run = w.run_plan(&["missing", "--owner", "保育課", "--format", "json"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout.matches("\"id\"").count(), 1);
    let run = w.run_plan(&["missing", "--year", "H27"]);
    assert_eq!(run.code, Some(0), "{run}");
}

#[test]
fn bad_input_exits_2() {
    let w = Workdir::new();
    w.plan(&plan_with_owners());
    w.run_plan(&["missing", "--year", "next year"]).failed();
    w.run_plan(&["missing", "--owner", "no such office"])
        .failed();
}

#[test]
fn the_seed_plan_owes_r1_figures_and_status_says_how_many() {
    // From tests/asaka.rs: only four KPIs have an R1 (2019) figure, so the
    // other nine are missing for R1, the newest year.
    let run = run_asaka(&["missing", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["label"], "R1");
    assert_eq!(doc["missing"], 9);
    let status = run_asaka(&["status", "--format", "json"]).json();
    assert_eq!(status["plan"]["missing"], 9);
    let table = run_asaka(&["status", "--lang", "en", "--color", "never"]);
    assert!(table
        .ok()
        .lines()
        .next()
        .unwrap()
        .contains("9 figures missing"));
}

#[test]
fn init_makes_a_plan_that_validates_and_never_overwrites() {
    let w = Workdir::new();
    let dir = w.path().join("new");
    let run = Run::of(crate::common::kpi_command().arg("init").arg(&dir));
    run.ok();
    assert!(dir.join("actuals").is_dir());
    assert!(dir.join("README.md").is_file());
    let mut validate = crate::common::kpi_command();
    validate.arg("validate").arg("--plan").arg(&dir);
    Run::of(&mut validate).ok();
    let before = std::fs::read(dir.join("kpi.toml")).unwrap();
    let again = Run::of(crate::common::kpi_command().arg("init").arg(&dir));
    let lines = again.failed();
    assert!(lines[0].contains("already exists"), "{again}");
    assert_eq!(std::fs::read(dir.join("kpi.toml")).unwrap(), before);
}
