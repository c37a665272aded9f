//! `kpi import`, `kpi record`, `kpi missing` and `kpi template` in a
//! workspace (workspace.md, "Commands across a workspace"): one ledger at
//! the root, written under the root's lock, whichever folder the command
//! runs in; rows that name a series by its id, a member KPI's id or a name
//! of one series; figures owed once per series, with the plans that need
//! them. Every figure below is worked by hand from the plans written here.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{changed, kpi_command, Run, Workdir};

/// The workspace file: the register holds `waiting` (待機児童数, used by
/// both members) and `old` (used by none).
const WORKSPACE: &str = r#"[workspace]
name = "Test city"
members = ["plans/*"]
ledger = ["ledger"]
fiscal_year_start = 4

[[indicator]]
id = "waiting"
name = "待機児童数"
unit = "人"
owner = "保育課"

[[indicator]]
id = "old"
name = "旧指標"
unit = "件"
"#;

/// A member plan from `baseline` to `target` with a goal and a measure.
fn member(title: &str, baseline: i32, target: i32, kpis: &str) -> String {
    format!(
        "[plan]\ntitle = \"{title}\"\nbaseline_year = {baseline}\ntarget_year = {target}\n\n\
         [[goal]]\nid = \"1\"\nname = \"G\"\n\n\
         [[measure]]\nid = \"1.1\"\ngoal = \"1\"\nname = \"M\"\n\n{kpis}"
    )
}

/// Member `a` (2019 → 2024): `a-wait` on the shared series, and `jobs`
/// (雇用者数, its own series). Due a figure in 2020 … 2024.
const A_KPIS: &str = r#"[[kpi]]
id = "a-wait"
indicator = "waiting"
measures = ["1.1"]
baseline = { value = 14 }
target = { value = 0 }

[[kpi]]
id = "jobs"
name = "雇用者数"
measures = ["1.1"]
unit = "人"
owner = "産業課"
baseline = { value = 100 }
target = { value = 200 }
"#;

/// Member `b` (2021 → 2026): `b-wait` on the shared series, `seats`
/// (保育定員) and `b-jobs`, whose name 雇用者数 is also `jobs`'s. Due a
/// figure in 2022 … 2026.
const B_KPIS: &str = r#"[[kpi]]
id = "b-wait"
indicator = "waiting"
measures = ["1.1"]
baseline = { value = 21 }
target = { value = 0 }

[[kpi]]
id = "seats"
name = "保育定員"
measures = ["1.1"]
unit = "人"
owner = "保育課"
baseline = { value = 3650 }
target = { value = 4200 }

[[kpi]]
id = "b-jobs"
name = "雇用者数"
measures = ["1.1"]
unit = "人"
baseline = { value = 50 }
target = { value = 80 }
"#;

/// The workspace: 2020's figures of `a`'s series, and `jobs` for 2022.
fn workspace() -> Workdir {
    let ws = Workdir::new().english();
    ws.write("kpi-workspace.toml", WORKSPACE);
    ws.write("plans/a/kpi.toml", member("Plan A", 2019, 2024, A_KPIS));
    ws.write("plans/b/kpi.toml", member("Plan B", 2021, 2026, B_KPIS));
    ws.write(
        "ledger/2020.csv",
        "kpi,year,value\nwaiting,2020,12\njobs,2020,120\n",
    );
    ws.write("ledger/2022.csv", "kpi,year,value\njobs,2022,150\n");
    ws
}

/// `kpi --lang en --color never ARGS` in `dir` (a member's folder).
fn command_in(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = kpi_command();
    cmd.current_dir(dir)
        .args(["--lang", "en", "--color", "never"])
        .env("NO_COLOR", "1")
        .args(args);
    cmd
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run::of(&mut command_in(dir, args))
}

/// Every `kpi,year,value` of the root ledger, from every file in it.
fn ledger_rows(ws: &Workdir) -> BTreeSet<String> {
    let mut rows = BTreeSet::new();
    for entry in std::fs::read_dir(ws.file("ledger")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines().skip(1) {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split(',').collect();
            rows.insert(cells[..3].join(","));
        }
    }
    rows
}

fn rows(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The rows the workspace starts with.
const START: [&str; 3] = ["jobs,2020,120", "jobs,2022,150", "waiting,2020,12"];

/// Run in `dir`, which must fail (exit 2, nothing on stdout) and leave
/// every file of the workspace as it was; returns stderr.
fn refused_in(ws: &Workdir, dir: &Path, args: &[&str]) -> String {
    let before = ws.snapshot();
    let run = run_in(dir, args);
    run.failed();
    let after = ws.snapshot();
    assert!(
        before == after,
        "the workspace changed: {:?}; {run}",
        changed(&before, &after)
    );
    run.stderr
}

#[test]
fn an_import_at_the_root_names_series_by_id_member_kpi_id_and_name() {
    let ws = workspace();
    // The series id, a member KPI's id (b's seats is its own series), the
    // register's name of the shared series, and a name of one series.
    ws.write(
        "in.csv",
        "kpi,year,value\nwaiting,2021,10\nseats,2022,3700\n待機児童数,2022,8\n保育定員,2023,3800\n",
    );
    ws.ok(&["import", "in.csv"]);
    let mut want = rows(&START);
    want.extend(rows(&[
        "waiting,2021,10",
        "seats,2022,3700",
        "waiting,2022,8",
        "seats,2023,3800",
    ]));
    assert_eq!(ledger_rows(&ws), want);
    // The members' folders gain no ledger, lock or journal of their own.
    for m in ["plans/a", "plans/b"] {
        let names: Vec<String> = std::fs::read_dir(ws.file(m))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["kpi.toml"], "{m}");
    }
}

#[test]
fn an_import_from_a_members_folder_writes_the_root_ledger() {
    let ws = workspace();
    ws.write("plans/a/in.csv", "kpi,year,value\na-wait,2021,10\n");
    let run = run_in(&ws.file("plans/a"), &["import", "in.csv"]);
    run.ok();
    // Member b's KPI, by its id, from member a's folder: the same series.
    ws.write(
        "plans/a/in2.csv",
        "kpi,year,value\nb-wait,2022,8\nb-jobs,2022,60\n",
    );
    run_in(&ws.file("plans/a"), &["import", "in2.csv"]).ok();
    let mut want = rows(&START);
    want.extend(rows(&[
        "waiting,2021,10",
        "waiting,2022,8",
        "b-jobs,2022,60",
    ]));
    assert_eq!(ledger_rows(&ws), want);
    assert!(!ws.file("plans/a/actuals").exists());
    assert!(!ws.file("plans/a/.kpi.lock").exists());
}

#[test]
fn an_import_that_differs_from_the_root_ledger_is_refused_then_replaced() {
    let ws = workspace();
    // b-wait reads `waiting`, whose 2020 figure is 12.
    ws.write("plans/b/in.csv", "kpi,year,value\nb-wait,2020,11\n");
    let err = refused_in(&ws, &ws.file("plans/b"), &["import", "in.csv"]);
    assert!(
        err.contains("`waiting` FY2020: the import says `11` but the ledger has `12`"),
        "{err}"
    );
    run_in(&ws.file("plans/b"), &["import", "in.csv", "--replace"]).ok();
    assert_eq!(
        ledger_rows(&ws),
        rows(&["jobs,2020,120", "jobs,2022,150", "waiting,2020,11"])
    );
}

#[test]
fn a_name_two_series_share_is_refused_listing_them() {
    let ws = workspace();
    ws.write(
        "in.csv",
        "kpi,year,value\nwaiting,2021,10\n雇用者数,2021,130\n",
    );
    let before = ws.snapshot();
    let run = ws.run(&["import", "in.csv"]);
    run.failed();
    assert_eq!(ws.snapshot(), before, "nothing written");
    assert!(
        run.stderr.contains(
            "in.csv:3: column `kpi`: `雇用者数` names 2 series of the workspace: `jobs` (a), `b-jobs` (b)"
        ),
        "{}",
        run.stderr
    );
    // kpi record says the same of its argument.
    let err = refused_in(
        &ws,
        &ws.file("plans/b"),
        &["record", "雇用者数", "2021", "130"],
    );
    assert!(
        err.contains(
            "kpi record: `雇用者数` names 2 series of the workspace: `jobs` (a), `b-jobs` (b)"
        ),
        "{err}"
    );
}

#[test]
fn rows_for_a_series_no_member_uses_are_refused_and_nothing_is_written() {
    let ws = workspace();
    // `old` is registered but no member reads it; `nothing` is no series.
    ws.write(
        "in.csv",
        "kpi,year,value\nwaiting,2021,10\nold,2021,3\nnothing,2021,4\n",
    );
    let err = refused_in(&ws, ws.path(), &["import", "in.csv"]);
    for line in [3, 4] {
        assert!(
            err.contains(&format!("in.csv:{line}: column `kpi`: unknown KPI `")),
            "{err}"
        );
    }
    assert!(
        err.contains("unknown KPI `old`: no member of the workspace uses such a series or KPI"),
        "{err}"
    );
    // The dry run refuses the same, with nothing on stdout.
    refused_in(&ws, &ws.file("plans/a"), &["import", "in.csv", "--dry-run"]);
    assert_eq!(ledger_rows(&ws), rows(&START));
}

#[test]
fn a_ledger_row_for_a_series_no_member_uses_says_so() {
    let ws = workspace();
    ws.write(
        "ledger/2021.csv",
        "kpi,year,value\nwaiting,2021,10\nold,2021,3\n",
    );
    ws.write("in.csv", "kpi,year,value\nwaiting,2022,8\n");
    let err = refused_in(&ws, ws.path(), &["import", "in.csv"]);
    assert!(
        err.contains(&format!(
            "{}:3: no member of the workspace uses series `old` (column `kpi`)",
            ws.file("ledger/2021.csv").display()
        )),
        "{err}"
    );
}

#[test]
fn record_writes_the_root_ledger_from_a_members_folder() {
    let ws = workspace();
    let b = ws.file("plans/b");
    // A dry run writes nothing.
    let before = ws.snapshot();
    let run = run_in(&b, &["record", "b-wait", "2023", "5", "--dry-run"]);
    run.ok();
    assert!(run.stdout.contains("waiting"), "{run}");
    assert_eq!(ws.snapshot(), before);
    run_in(&b, &["record", "b-wait", "2023", "5"]).ok();
    run_in(
        &b,
        &["record", "保育定員", "2023", "3,800", "--preliminary"],
    )
    .ok();
    // At the root, by the series id.
    ws.ok(&["record", "waiting", "2024", "2"]);
    let mut want = rows(&START);
    want.extend(rows(&[
        "waiting,2023,5",
        "seats,2023,3800",
        "waiting,2024,2",
    ]));
    assert_eq!(ledger_rows(&ws), want);
    // An unknown KPI, and a figure that differs, write nothing.
    let err = refused_in(&ws, &b, &["record", "nothing", "2023", "1"]);
    assert!(
        err.contains("kpi record: unknown KPI `nothing`: no member of the workspace uses such a series or KPI"),
        "{err}"
    );
    let err = refused_in(&ws, &b, &["record", "a-wait", "2023", "6"]);
    assert!(err.contains("the ledger has `5`"), "{err}");
}

#[test]
fn the_root_lock_refuses_an_import_from_a_members_folder() {
    let ws = workspace();
    ws.write("plans/a/in.csv", "kpi,year,value\na-wait,2021,10\n");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(ws.file(".kpi.lock"))
        .unwrap();
    std::fs::write(ws.file(".kpi.lock"), "4242\n").unwrap();
    lock.lock().unwrap();
    let err = refused_in(&ws, &ws.file("plans/a"), &["import", "in.csv"]);
    assert!(
        err.starts_with(&format!(
            "error: {}: the ledger is locked by another kpi import or kpi record (process 4242)",
            ws.file(".kpi.lock").display()
        )),
        "{err}"
    );
    drop(lock);
    run_in(&ws.file("plans/a"), &["import", "in.csv"]).ok();
    assert!(ledger_rows(&ws).contains("waiting,2021,10"));
}

#[test]
fn two_members_imports_racing_share_the_root_lock_and_lose_no_write() {
    let ws = workspace();
    for round in 0..6 {
        // From a's folder, a-wait (waiting) for 2021 + round; from b's, seats
        // for 2022 + round: different files, the same lock.
        let year_a = 2021 + round;
        let year_b = 2022 + round;
        ws.write(
            "plans/a/in.csv",
            format!("kpi,year,value\na-wait,{year_a},{}\n", 10 + round),
        );
        ws.write(
            "plans/b/in.csv",
            format!("kpi,year,value\nseats,{year_b},{}\n", 3700 + round),
        );
        let spawn = |m: &str| {
            command_in(&ws.file(m), &["import", "in.csv"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (first, second) = (spawn("plans/a"), spawn("plans/b"));
        let outputs = [
            first.wait_with_output().unwrap(),
            second.wait_with_output().unwrap(),
        ];
        let ledger = ledger_rows(&ws);
        let expected = [
            format!("waiting,{year_a},{}", 10 + round),
            format!("seats,{year_b},{}", 3700 + round),
        ];
        for (out, row) in outputs.iter().zip(&expected) {
            let stderr = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => assert!(
                    ledger.contains(row),
                    "round {round}: {row} lost: {ledger:?}"
                ),
                Some(2) => {
                    assert!(
                        stderr.contains("the ledger is locked by another kpi import or kpi record"),
                        "round {round}: {stderr}"
                    );
                    assert!(out.stdout.is_empty());
                    assert!(
                        !ledger.contains(row),
                        "round {round}: a refused import wrote"
                    );
                }
                other => panic!("round {round}: exit {other:?}: {stderr}"),
            }
        }
    }
    // No lock, journal or temporary file is left anywhere.
    let left: Vec<_> = ws
        .snapshot()
        .into_keys()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with('.') || name.contains("journal") || name.contains(".tmp")
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn missing_lists_a_shared_series_once_with_the_plans_that_need_it() {
    let ws = workspace();
    // 2022: waiting is due in a (2019 < 2022 <= 2024) and b (2021 < 2022
    // <= 2026) and has no figure; jobs has 150; seats and b-jobs (b) none.
    let run = ws.run(&["missing", "--year", "2022", "--format", "json"]);
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["workspace"]["name"], "Test city");
    assert_eq!(doc["workspace"]["members"], serde_json::json!(["a", "b"]));
    assert_eq!(doc["missing"], 3);
    let owners = doc["owners"].as_array().unwrap();
    let ids = |i: usize| -> Vec<(String, Vec<String>)> {
        owners[i]["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| {
                let plans = k["plans"].as_array().unwrap();
                (
                    k["id"].as_str().unwrap().to_string(),
                    plans
                        .iter()
                        .map(|p| p.as_str().unwrap().to_string())
                        .collect(),
                )
            })
            .collect()
    };
    assert_eq!(owners[0]["owner"], "保育課");
    assert_eq!(
        ids(0),
        [
            (
                "waiting".to_string(),
                vec!["a".to_string(), "b".to_string()]
            ),
            ("seats".to_string(), vec!["b".to_string()]),
        ]
    );
    assert_eq!(owners[0]["kpis"][0]["last_reported"]["year"], 2020);
    assert_eq!(owners[1]["owner"], serde_json::Value::Null);
    assert_eq!(ids(1), [("b-jobs".to_string(), vec!["b".to_string()])]);

    // 2021: b's KPIs are not due (2021 is b's baseline year): only a's
    // waiting (jobs 2021 is missing too).
    let run = ws.run(&["missing", "--year", "2021", "--format", "csv"]);
    run.expect_code(1);
    assert_eq!(
        run.stdout,
        "owner,id,name,plans,source,last_reported_year\n\
         保育課,waiting,待機児童数,a,,2020\n\
         産業課,jobs,雇用者数,a,,2020\n"
    );
    // 2020: a's two series are in, and b is not due: nothing missing, exit 0.
    ws.run(&["missing", "--year", "2020"]).expect_code(0);
    // Without --year: the newest year in the ledger (2022, jobs) still
    // lacks due figures, so it is the year chased.
    let run = ws.run(&["missing", "--format", "json"]);
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["year"]["year"], 2022);
}

#[test]
fn missing_in_a_members_folder_is_that_plan_alone() {
    let ws = workspace();
    // In b's folder: b's own KPIs, by its ids, as a plan alone prints them.
    let run = run_in(
        &ws.file("plans/b"),
        &["missing", "--year", "2022", "--format", "csv"],
    );
    run.expect_code(1);
    assert_eq!(
        run.stdout,
        "owner,id,name,source,last_reported_year\n\
         保育課,b-wait,待機児童数,,2020\n\
         保育課,seats,保育定員,,\n\
         ,b-jobs,雇用者数,,\n"
    );
}

#[test]
fn a_template_at_the_root_is_a_row_per_series_and_imports_back() {
    let ws = workspace();
    let run = ws.run(&["template", "--year", "2022", "--encoding", "utf-8"]);
    let text = run.ok().to_string();
    let lines: Vec<&str> = text.split("\r\n").collect();
    // The register's series first, then the members' own in member order;
    // all four are due in 2022, waiting in both plans.
    assert_eq!(
        lines[1..],
        [
            "id,name,unit,year,value,note,flag,plans (reference)",
            "waiting,待機児童数,人,FY2022,,,,\"a, b\"",
            "jobs,雇用者数,人,FY2022,,,,a",
            "seats,保育定員,人,FY2022,,,,b",
            "b-jobs,雇用者数,人,FY2022,,,,b",
            "",
        ]
    );
    // Filled in (jobs left empty: it is already in), it imports at the root.
    let filled = text
        .replace(
            "waiting,待機児童数,人,FY2022,,",
            "waiting,待機児童数,人,FY2022,9,",
        )
        .replace(
            "seats,保育定員,人,FY2022,,",
            "seats,保育定員,人,FY2022,3720,",
        )
        .replace(
            "b-jobs,雇用者数,人,FY2022,,",
            "b-jobs,雇用者数,人,FY2022,61,",
        );
    ws.write("filled.csv", filled);
    ws.ok(&["import", "filled.csv"]);
    let mut want = rows(&START);
    want.extend(rows(&[
        "waiting,2022,9",
        "seats,2022,3720",
        "b-jobs,2022,61",
    ]));
    assert_eq!(ledger_rows(&ws), want);

    // 2021: b is not due (its baseline year), so only a's series.
    let run = ws.run(&["template", "--year", "2021", "--encoding", "utf-8"]);
    let lines: Vec<&str> = run.ok().split("\r\n").skip(2).collect();
    assert_eq!(
        lines,
        [
            "waiting,待機児童数,人,FY2021,,,,a",
            "jobs,雇用者数,人,FY2021,,,,a",
            ""
        ]
    );
}

#[test]
fn a_workbook_template_at_the_root_imports_back() {
    let ws = workspace();
    ws.ok(&["template", "--year", "2022", "-o", "t.xlsx"]);
    // Empty as written: every row's series is found, and no figure read.
    let run = ws.run(&["import", "t.xlsx", "--dry-run"]);
    run.ok();
    let all = format!("{}{}", run.stdout, run.stderr);
    // 保育課: waiting and seats; 産業課: jobs; no owner: b-jobs.
    assert!(all.contains("0 figures"), "{all}");
    assert!(!all.contains("unknown"), "{all}");
    assert_eq!(ledger_rows(&ws), rows(&START));
}
