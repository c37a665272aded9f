//! Items 8, 9 and 12: KPIs that share a name, id and name columns that
//! disagree, a unit that is not the KPI's, a running total that must fall,
//! and control characters, in the plan and in import cells.

use crate::common::import::{workdir, workdir_with, PLAN};
use crate::common::{assert_names, Workdir};

/// PLAN with a fifth KPI, `visitors-2`, named as `visitors` is (line 47).
fn twins() -> Workdir {
    let plan = format!(
        "{PLAN}\n[[kpi]]\nid = \"visitors-2\"\nname = \"①来訪者数（㈱髙島屋調べ）\"\ngoal = \"1\"\nunit = \"人\"\nbaseline = {{ value = 1 }}\ntarget = {{ value = 2 }}\n"
    );
    workdir_with(&plan)
}

#[test]
fn a_name_two_kpis_share_is_a_warning_and_naming_one_by_it_an_error() {
    let work = twins();
    let run = work.ok(&["validate"]);
    let warning = run.stderr.lines().next().unwrap_or_default();
    assert_names(
        warning,
        "kpi.toml",
        47,
        &["KPI visitors-2 has the same name as KPI visitors (line 11)"],
        &run,
    );
    // Every other command is quiet about it.
    assert!(work.ok(&["status"]).stderr.is_empty());

    let run = work.fails_writing_nothing(&["record", "①来訪者数（㈱髙島屋調べ）", "H27", "5"]);
    let first = run.failed()[0];
    assert!(
        first.contains(
            "`①来訪者数（㈱髙島屋調べ）` is the name of 2 KPIs: `visitors`, `visitors-2`"
        ),
        "{run}"
    );
    assert!(first.contains("name the KPI by its id"), "{run}");
    work.write(
        "in.csv",
        "指標名,年度,実績値\n①来訪者数（㈱髙島屋調べ）,H27,5\n",
    );
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    run.error_at(
        "in.csv",
        2,
        &[
            "column `指標名`:",
            "is the name of 2 KPIs: `visitors`, `visitors-2`",
        ],
    );
    // By id it is plain; an id column beside the shared name settles it.
    work.ok(&["record", "visitors-2", "H27", "5"]);
    work.write(
        "in.csv",
        "id,指標名,年度,実績値\nvisitors,①来訪者数（㈱髙島屋調べ）,H27,1000\n",
    );
    work.ok(&["import", "in.csv"]);
}

#[test]
fn id_and_name_columns_naming_different_kpis_are_an_error() {
    let work = workdir();
    work.write(
        "in.csv",
        "id,name,year,value\nvisitors,満足度,H27,55\nrate,満足度,H27,55\n",
    );
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    run.error_at(
        "in.csv",
        2,
        &["column `id` names `visitors` (KPI `visitors`) but column `name` names `満足度` (KPI `rate`)", "correct the id or the name"],
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    // A name that names no KPI (changed in the plan since) leaves the id to decide.
    work.write("in.csv", "id,name,year,value\nrate,旧い名前,H27,55\n");
    work.ok(&["import", "in.csv"]);
}

#[test]
fn a_unit_column_that_is_not_the_kpis_unit_is_an_error() {
    let work = workdir();
    work.write(
        "in.csv",
        "id,単位,年度,実績値\nvisitors,件,H27,1000\nrate,％,H27,55\nbalance,,H27,3\n",
    );
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    run.error_at(
        "in.csv",
        2,
        &["column `単位`: the unit `件` is not the unit of `visitors` (`人`)"],
    );
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "`％` is `%`, and empty agrees: {run}"
    );
    work.write("in.csv", "id,unit,year,value\nbalance,円,H27,3\n");
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    assert!(
        run.failed()[0].contains("is not the unit of `balance` (it has none)"),
        "{run}"
    );
}

#[test]
fn a_running_total_whose_target_is_below_its_baseline_is_a_plan_error() {
    let plan = PLAN.replace(
        "target = { value = 50 }\ncumulative = true",
        "target = { value = 5 }\ncumulative = true",
    );
    assert_ne!(plan, PLAN);
    let work = workdir_with(&plan);
    for args in [
        &["validate"][..],
        &["status"],
        &["template", "--year", "H27"],
    ] {
        work.run(args).error_at(
            "kpi.toml",
            29,
            &["KPI startups is a running total (cumulative = true), but its target 5 (R1) is below its baseline 10 (H26)"],
        );
    }
}

#[test]
fn control_characters_in_plan_text_are_errors_and_never_printed_raw() {
    let plan = PLAN
        .replace("name = \"満足度\"", "name = \"満足\\u001b[2J度\"")
        .replace(
            "owner = \"観光課\"\n\n[[kpi]]\nid = \"rate\"",
            "owner = \"観光\\r課\"\n\n[[kpi]]\nid = \"rate\"",
        );
    let work = workdir_with(&plan);
    let run = work.run(&["validate"]);
    let lines = run.failed();
    assert_names(
        lines[0],
        "kpi.toml",
        11,
        &["`owner` of KPI visitors holds the control character U+000D (CR)"],
        &run,
    );
    assert_names(
        lines[1],
        "kpi.toml",
        20,
        &[
            "`name` of KPI rate holds the control character U+001B (ESC)",
            "満足\\u{1b}[2J度",
        ],
        &run,
    );
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\r'),
        "{run}"
    );
    // A line break and a tab in a description are fine.
    let plan = PLAN.replace(
        "owner = \"企画課\"",
        "owner = \"企画課\"\nnote = \"一行目\\n二行目\\tタブ\"",
    );
    workdir_with(&plan).ok(&["validate"]);
}

#[test]
fn control_characters_in_import_cells_are_errors_naming_the_cell() {
    let work = workdir();
    work.write(
        "in.csv",
        "kpi,year,value,note\nvisitors,H27,1000,\"ok\u{1b}]0;title\u{7}\"\nrate,H27,5\u{0}5,\n",
    );
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    let lines = run.failed();
    assert_names(
        lines[0],
        "in.csv",
        2,
        &["column `note`:", "U+001B (ESC) (character 3)"],
        &run,
    );
    assert_names(
        lines[1],
        "in.csv",
        3,
        &["column `value`:", "U+0000 (NUL)"],
        &run,
    );
    for c in ['\u{1b}', '\u{7}', '\u{0}'] {
        assert!(!run.stderr.contains(c), "raw {c:?} on stderr; {run}");
    }
    // A line break inside a note (Alt+Enter in Excel) is kept.
    work.write(
        "in.csv",
        "kpi,year,value,note\nvisitors,H27,1000,\"一行目\n二行目\"\n",
    );
    work.ok(&["import", "in.csv"]);
    assert!(work.read("actuals/2015.csv").contains("\"一行目\n二行目\""));
    // The same in kpi record's --note.
    let run = work.fails_writing_nothing(&["record", "rate", "H27", "55", "--note", "a\u{1b}b"]);
    assert!(
        run.failed()[0].contains("--note `a\\u{1b}b` holds the control character U+001B (ESC)"),
        "{run}"
    );
}

#[test]
fn an_error_quotes_at_most_about_eighty_characters_of_a_cell() {
    let work = workdir();
    let long = "あ".repeat(500);
    work.write("in.csv", format!("kpi,year,value\nvisitors,H27,{long}\n"));
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    let first = run.failed()[0];
    assert!(
        first.contains(&format!("`{}… (500 characters)`", "あ".repeat(80))),
        "{run}"
    );
    assert!(first.chars().count() < 300, "{first}");
    work.write("in.csv", format!("kpi,year,value\n{long},H27,1\n"));
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    assert!(run.failed()[0].contains("(500 characters)"), "{run}");
}

#[test]
fn github_annotations_escape_what_would_end_a_workflow_command() {
    // A flagged KPI whose name holds `%`: escaped as GitHub's toolkit does;
    // CR and LF cannot be in a name (they are plan errors, above).
    let plan = PLAN.replace("name = \"満足度\"", "name = \"満足度 100%\"");
    let work = workdir_with(&plan);
    work.write("actuals/2017.csv", "kpi,year,value\nrate,2017,40\n");
    let run = work.run(&["check", "--format", "github"]);
    assert_eq!(run.code, Some(1), "{run}");
    let line = run.stdout.lines().find(|l| l.contains("rate")).unwrap();
    assert!(line.contains("満足度 100%25 (rate)"), "{line}");
    assert!(!run.stdout.contains('\r'));
    assert_eq!(
        run.stdout.lines().count(),
        run.stdout.matches("::").count() / 2
    );
}
