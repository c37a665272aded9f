//! A member whose `kpi.toml` has a typo (issue 24, item 18): commands
//! covering only sound members run; covering the broken one is exit 2 with
//! its errors; `validate` reports every member's problems with file and
//! line. Worked from workspace.md and the issue.

use crate::common::{Run, Workdir};

/// A plan from 2019 to 2024 with one own KPI `id`, 100 → 200.
fn plan(id: &str) -> String {
    format!(
        "[plan]\ntitle = \"X\"\nbaseline_year = 2019\ntarget_year = 2024\n\n\
         [[goal]]\nid = \"1\"\nname = \"G\"\n\n\
         [[kpi]]\nid = \"{id}\"\nname = \"N {id}\"\ngoal = \"1\"\nunit = \"人\"\n\
         baseline = {{ value = 100 }}\ntarget = {{ value = 200 }}\n"
    )
}

/// Members `a` (KPI `jobs`), `b` (KPI `visits`) and `c` (KPI `trees`);
/// `b`'s line 15 and `c`'s line 16 have typos. The ledger has a figure
/// of each series.
fn workspace() -> Workdir {
    let wd = Workdir::new().english();
    wd.write(
        "kpi-workspace.toml",
        "[workspace]\nname = \"T\"\nmembers = [\"plans/*\"]\nledger = [\"ledger\"]\nfiscal_year_start = 4\n",
    );
    wd.write("plans/a/kpi.toml", plan("jobs"));
    // Line 15: a number with a letter O for a zero.
    let b = plan("visits").replace("baseline = { value = 100 }", "baseline = { value = 1O0 }");
    wd.write("plans/b/kpi.toml", b);
    // Line 16: a target written as text.
    let c = plan("trees").replace("target = { value = 200 }", "target = { value = \"2OO\" }");
    wd.write("plans/c/kpi.toml", c);
    wd.write(
        "ledger/2020.csv",
        "kpi,year,value\njobs,2020,150\nvisits,2020,120\ntrees,2020,130\n",
    );
    wd
}

#[test]
fn a_command_covering_only_sound_members_runs() {
    let wd = workspace();
    let run = wd.run(&["status", "-p", "a", "--format", "json"]);
    let doc = run.json();
    // jobs: 150 in 2020, (150-100)/(200-100) = 0.5.
    assert_eq!(doc["kpis"][0]["id"], "jobs", "{run}");
    assert_eq!(doc["kpis"][0]["latest"]["value"], 150, "{run}");
    assert_eq!(doc["kpis"][0]["achievement"], 0.5, "{run}");
    // Each member left out is named once, as a warning.
    for name in ["member b is left out", "member c is left out"] {
        assert!(run.stderr.contains(name), "{run}");
    }
    assert!(!run.stderr.contains("error:"), "{run}");
    // In the member's own folder, every reading command.
    for args in [
        &["status"][..],
        &["check"],
        &["gap"],
        &["show", "jobs"],
        &["missing", "--year", "2020"],
        &["report"],
    ] {
        let mut cmd = wd.command(args);
        let run = Run::of(cmd.current_dir(wd.file("plans/a")));
        assert_eq!(run.code, Some(0), "{run}");
    }
}

#[test]
fn covering_a_broken_member_is_an_error_with_its_problems() {
    let wd = workspace();
    for args in [
        &["status", "-p", "b"][..],
        &["status", "--all"],
        &["check", "-p", "a", "-p", "b"],
    ] {
        let run = wd.run(args);
        let lines = run.failed();
        assert!(
            lines.iter().any(|l| l.contains("plans/b/kpi.toml:15")),
            "{run}"
        );
    }
    // From the broken member's folder.
    let mut cmd = wd.command(&["status"]);
    let run = Run::of(cmd.current_dir(wd.file("plans/b")));
    let lines = run.failed();
    assert!(lines[0].contains("plans/b/kpi.toml:15"), "{run}");
    // Only the members covered: c's problem is not b's.
    let run = wd.run(&["status", "-p", "b"]);
    assert!(!run.stderr.contains("plans/c/kpi.toml:16"), "{run}");
}

#[test]
fn validate_reports_every_members_problems() {
    let wd = workspace();
    for cwd in ["", "plans/a"] {
        let mut cmd = wd.command(&["validate"]);
        let run = Run::of(cmd.current_dir(wd.file(cwd)));
        run.failed();
        for place in ["plans/b/kpi.toml:15", "plans/c/kpi.toml:16"] {
            assert!(run.stderr.contains(place), "{place}; {run}");
        }
    }
}

#[test]
fn a_broken_members_files_stay_guarded() {
    let wd = workspace();
    let before = wd.read("plans/b/kpi.toml");
    for out in ["plans/b/kpi.toml", "plans/b/reviews/2020.toml"] {
        let run = wd.run(&["status", "-p", "a", "--format", "csv", "-o", out]);
        run.failed();
    }
    assert_eq!(wd.read("plans/b/kpi.toml"), before);
    assert!(!wd.file("plans/b/reviews").exists());
}

#[test]
fn writing_the_shared_ledger_waits_for_every_member() {
    // import and record check each row against every member's series.
    let wd = workspace();
    wd.write("in.csv", "kpi,year,value\njobs,2021,160\n");
    let before = wd.read("ledger/2020.csv");
    let run = wd.run(&["import", "in.csv"]);
    let lines = run.failed();
    assert!(
        lines.iter().any(|l| l.contains("plans/b/kpi.toml:15")),
        "{run}"
    );
    assert_eq!(wd.read("ledger/2020.csv"), before);
    assert!(!wd.file("ledger/2021.csv").exists());
}

/// `a` sound, `b` broken (line 15), and `d` following `b` as
/// `kpi init --successor` writes it: its KPI `visits` reads b's series
/// `visits` (issue 24, item 18, found by the sweep).
fn successor_of_a_broken_member() -> Workdir {
    let wd = workspace();
    std::fs::remove_dir_all(wd.file("plans/c")).unwrap();
    let d = plan("visits").replace(
        "id = \"visits\"\n",
        "id = \"visits\"\nindicator = \"visits\"\n",
    );
    wd.write("plans/d/kpi.toml", d);
    wd
}

#[test]
fn a_member_reading_a_broken_members_series_waits_for_it_alone() {
    let wd = successor_of_a_broken_member();
    // `a` reads nothing of b's: it runs, the two left out named.
    let run = wd.run(&["status", "-p", "a", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(run.json()["kpis"][0]["latest"]["value"], 150, "{run}");
    assert!(!run.stderr.contains("error:"), "{run}");
    assert!(run.stderr.contains("member d is left out"), "{run}");
    // `d` is stopped by b's typo, said at d's KPI (line 10) and b's line 15,
    // never as a KPI of d that reads itself.
    for args in [&["status", "-p", "d"][..], &["validate"]] {
        let run = wd.run(args);
        let lines = run.failed();
        assert!(
            lines.iter().any(|l| l.contains("plans/b/kpi.toml:15")),
            "{run}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.contains("plans/d/kpi.toml:10") && l.contains("member b")),
            "{run}"
        );
        assert!(!run.stderr.contains("itself reads"), "{run}");
    }
}
