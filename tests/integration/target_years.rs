//! Issue 24, items 5 and 30: every rule that uses a target year uses the
//! one in force. A revision that moves `visitors`' target year from H31
//! (2019) to R3 (2021) makes it due a figure for 2020 and 2021, and the
//! plan's last target year R3: a figure or a template for 2020 or 2021 is
//! not "after every target year", one for 2022 is.

use crate::common::import::{workdir_with, PLAN};
use crate::common::Workdir;

/// `common::import::PLAN` (H26 → H31, fiscal years from January), with
/// visitors' target revised from H30 on to 2500 in R3.
fn revised() -> Workdir {
    let plan = PLAN.replacen(
        "owner = \"観光課\"",
        "owner = \"観光課\"\nrevisions = [{ from = \"H30\", target = 2500, target_year = \"R3\" }]",
        1,
    );
    assert_ne!(plan, PLAN);
    let work = workdir_with(&plan);
    // Every KPI's H31 (2019) figure: the original target year is complete.
    work.write(
        "actuals/2019.csv",
        "kpi,year,value\nvisitors,2019,1800\nrate,2019,58\nstartups,2019,40\nbalance,2019,-1\n",
    );
    work
}

const AFTER: &str = "after every target year";

#[test]
fn missing_chases_the_years_a_revision_adds() {
    let work = revised();
    // 2019 is complete, so 2020 is the year being collected: visitors owes it.
    let run = work.run(&["missing", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["year"], 2020, "{run}");
    assert_eq!(doc["missing"], 1, "{run}");
    assert_eq!(doc["owners"][0]["kpis"][0]["id"], "visitors", "{run}");
    assert!(!run.stderr.contains(AFTER), "{run}");
    // R3 (2021) is still owed; R4 (2022) is after every target year.
    let run = work.run(&["missing", "--year", "R3"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.contains("visitors"), "{run}");
    let run = work.run(&["missing", "--year", "R4"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stderr
            .contains("R4 (2022) is after every target year of the plan (the last is R3 (2021))"),
        "{run}"
    );
    // Once 2020 and 2021 are in, the plan's years are complete.
    work.write("actuals/2020.csv", "kpi,year,value\nvisitors,2020,2000\n");
    work.write("actuals/2021.csv", "kpi,year,value\nvisitors,2021,2400\n");
    let run = work.run(&["missing"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stderr.contains("(R3 (2021)) is in"), "{run}");
}

#[test]
fn import_record_and_validate_take_a_figure_before_the_revised_target_year_without_a_warning() {
    let work = revised();
    work.write(
        "in.csv",
        "kpi,year,value\nvisitors,2020,2000\nrate,2021,59\n",
    );
    let run = work.ok(&["import", "in.csv"]);
    assert!(!run.stderr.contains(AFTER), "{run}");
    let run = work.ok(&["record", "visitors", "R3", "2400"]);
    assert!(run.stderr.is_empty(), "{run}");
    let run = work.ok(&["validate"]);
    assert!(run.stdout.contains("0 warnings"), "{run}");
    // After R3, the warning names R3 as the last target year.
    work.write("in.csv", "kpi,year,value\nvisitors,2022,2600\n");
    let run = work.ok(&["import", "in.csv"]);
    assert!(
        run.stderr
            .contains("after every target year of the plan (the last is R3 (2021))"),
        "{run}"
    );
    let run = work.ok(&["record", "rate", "R4", "60"]);
    assert!(run.stderr.contains("(the last is R3 (2021))"), "{run}");
}

#[test]
fn the_template_warns_after_the_target_year_in_force_to_stdout_or_to_a_file() {
    let work = revised();
    for output in [None, Some("t.csv"), Some("t.xlsx")] {
        let with = |year: &'static str| {
            let mut args = vec!["template", "--year", year];
            if let Some(o) = output {
                args.extend(["-o", o]);
            }
            work.ok(&args)
        };
        let run = with("R3");
        assert!(!run.stderr.contains(AFTER), "{run}");
        let run = with("R4");
        assert!(
            run.stderr.contains(
                "warning: --year R4 (2022): after every target year of the plan (the last is R3 (2021))"
            ),
            "{run}"
        );
    }
}

#[test]
fn a_workspace_takes_its_members_revised_target_years_too() {
    let member = revised();
    let work = Workdir::new().env("LANG", "C");
    work.write(
        "kpi-workspace.toml",
        "[workspace]\nname = \"W\"\nmembers = [\"plans/*\"]\nledger = [\"ledger\"]\n",
    )
    .write("plans/one/kpi.toml", member.read("kpi.toml"))
    .write("ledger/2019.csv", member.read("actuals/2019.csv"));
    let run = work.run(&["missing", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["year"], 2020, "{run}");
    work.write("in.csv", "kpi,year,value\nvisitors,2021,2400\n");
    let run = work.ok(&["import", "in.csv"]);
    assert!(!run.stderr.contains(AFTER), "{run}");
    work.write("in.csv", "kpi,year,value\nvisitors,2022,2600\n");
    let run = work.ok(&["import", "in.csv"]);
    assert!(run.stderr.contains("(the last is R3 (2021))"), "{run}");
}
