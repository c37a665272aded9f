//! Every way a plan or its ledger can be invalid, through the real binary.
//!
//! The contract (cli.md "Exit codes", plan-format.md "Validation",
//! actuals-format.md "The ledger"): exit 2, nothing on stdout, and on stderr
//! one line per problem, `error: FILE:LINE[:COL]: …`, naming the offending
//! text and what to do; every problem in one run, not only the first.
//!
//! Each plan below is `HEAD` (lines 1-14, see tests/common/mod.rs) followed by
//! what the test appends, so the first appended line is line 15. The line of
//! each problem is written beside it.

use crate::common::{assert_names, kpi_block, Run, Workdir, HEAD};

/// A plan of `HEAD` + `rest`, checked with `kpi validate`.
fn validate(rest: &str) -> (Workdir, Run) {
    let wd = Workdir::new();
    wd.plan(&format!("{HEAD}{rest}"));
    let run = wd.run_plan(&["validate"]);
    (wd, run)
}

/// The one `error:` line that names `file:line:`; there must be exactly one.
fn error_line<'r>(run: &'r Run, file: &str, line: usize) -> &'r str {
    let place = format!("{file}:{line}:");
    let found: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: ") && l.contains(&place))
        .collect();
    assert_eq!(found.len(), 1, "one error must name {place}; {run}");
    found[0]
}

// ---------------------------------------------------------------------------
// Finding the plan
// ---------------------------------------------------------------------------

#[test]
fn plan_flag_to_a_folder_without_kpi_toml() {
    let wd = Workdir::new();
    wd.write("empty/README", "no plan here\n");
    let folder = wd.path().join("empty");
    let run = Run::of(
        wd.command(&["validate", "--plan"])
            .arg(&folder)
            .current_dir(wd.path()),
    );
    let first = run.failed()[0];
    // A missing file has no line; the message names the path it looked for.
    assert!(
        first.contains("empty/kpi.toml") || first.contains("empty\\kpi.toml"),
        "must name the plan file it looked for; {run}"
    );
    assert!(first.contains("--plan"), "must say what to do; {run}");
}

#[test]
fn no_kpi_toml_in_the_current_folder_or_any_parent() {
    let wd = Workdir::new();
    let start = wd.path().join("x/y");
    std::fs::create_dir_all(&start).unwrap();
    // Discovery walks up to the root: this test means something only when no
    // folder above the temporary folder holds a kpi.toml.
    let stray = start.ancestors().find(|d| d.join("kpi.toml").is_file());
    assert!(stray.is_none(), "a kpi.toml at {stray:?} spoils this test");
    let run = Run::of(wd.command(&["validate"]).current_dir(&start));
    let first = run.failed()[0];
    assert!(first.contains("kpi.toml"), "must name kpi.toml; {run}");
    assert!(first.contains("--plan"), "must say what to do; {run}");
}

// ---------------------------------------------------------------------------
// The plan file
// ---------------------------------------------------------------------------

#[test]
fn toml_syntax_error() {
    // line 17: name = "KPI a   (the string never ends)
    let (_wd, run) = validate(
        "[[kpi]]\n\
         id = \"a\"\n\
         name = \"KPI a\n\
         measures = [\"1.1\"]\n",
    );
    run.error_at("kpi.toml", 17, &["TOML syntax error"]);
}

/// `kpi_block("a")` (lines 15-21 after `HEAD`) with one piece changed.
fn kpi_a_with(from: &str, to: &str) -> String {
    let block = kpi_block("a");
    assert!(block.contains(from), "kpi_block has no `{from}`");
    block.replacen(from, to, 1)
}

#[test]
fn unknown_field_names_it_and_suggests_the_right_one() {
    // line 21: taget = … (a typo for target; the KPI then also lacks a target)
    let (_wd, run) = validate(&kpi_a_with("target =", "taget ="));
    run.failed();
    let line = error_line(&run, "kpi.toml", 21);
    assert!(line.contains("`taget`"), "must name `taget`: {line}");
    assert!(line.contains("`target`"), "must suggest `target`: {line}");
}

#[test]
fn duplicate_kpi_id_names_both_lines() {
    // KPI a: lines 15-21 (id on line 16); line 22 blank; KPI a again: lines
    // 23-29 (id on line 24).
    let (_wd, run) = validate(&format!("{}\n{}", kpi_block("a"), kpi_block("a")));
    let first = run.error_at("kpi.toml", 24, &["\"a\"", "duplicate"]);
    assert!(
        first.contains("line 16"),
        "must name the first line: {first}"
    );
}

#[test]
fn dangling_measure_reference() {
    // line 18: measures = ["9.9"]
    let (_wd, run) = validate(
        "[[kpi]]\n\
         id = \"a\"\n\
         name = \"KPI a\"\n\
         measures = [\"9.9\"]\n\
         baseline = { value = 10, year = \"H26\" }\n\
         target = { value = 20, year = \"R1\" }\n",
    );
    run.error_at("kpi.toml", 18, &["\"9.9\""]);
}

#[test]
fn measure_with_an_unknown_parent() {
    // line 17: parent = "7.7"
    let (_wd, run) = validate(
        "[[measure]]\n\
         id = \"1.2\"\n\
         parent = \"7.7\"\n\
         name = \"Orphan\"\n",
    );
    run.error_at("kpi.toml", 17, &["\"7.7\"", "1.2"]);
}

#[test]
fn cycle_of_parents() {
    // 1.2 → 1.3 (line 17), 1.3 → 1.2 (line 22): each member reports the cycle.
    let (_wd, run) = validate(
        "[[measure]]\n\
         id = \"1.2\"\n\
         parent = \"1.3\"\n\
         name = \"M2\"\n\
         \n\
         [[measure]]\n\
         id = \"1.3\"\n\
         parent = \"1.2\"\n\
         name = \"M3\"\n",
    );
    run.error_at("kpi.toml", 17, &["cycle", "1.2", "1.3"]);
    let second = error_line(&run, "kpi.toml", 22);
    assert!(second.contains("cycle"), "{second}");
}

#[test]
fn target_year_before_its_baseline() {
    // line 20: baseline year H26 (2014); line 21: target year H25 (2013), the
    // offending text, so the error points at the target's line.
    let (_wd, run) = validate(&kpi_a_with("year = \"R1\"", "year = \"H25\""));
    let first = run.failed()[0].to_string();
    assert!(first.contains("not after"), "{first}");
    assert_names(&first, "kpi.toml", 21, &["KPI a", "2013"], &run);
}

#[test]
fn equal_baseline_and_target_without_direction() {
    // The KPI of lines 15-21 as a whole (baseline 10 on line 20, target 10 on
    // line 21): it is reported at its [[kpi]] line, 15, and says what to add.
    let (_wd, run) = validate(&kpi_a_with("value = 20", "value = 10"));
    run.error_at("kpi.toml", 15, &["KPI a", "10", "direction"]);
}

#[test]
fn direction_that_contradicts_baseline_and_target() {
    // line 22: direction = "decrease", but 10 → 20 goes up.
    let (_wd, run) = validate(&format!("{}direction = \"decrease\"\n", kpi_block("a")));
    run.error_at("kpi.toml", 22, &["\"decrease\"", "20", "10"]);
}

#[test]
fn milestone_outside_the_span() {
    // line 22: milestones = { H25 = 12 }: H25 = 2013, before the baseline H26 = 2014.
    let (_wd, run) = validate(&format!("{}milestones = {{ H25 = 12 }}\n", kpi_block("a")));
    run.error_at("kpi.toml", 22, &["milestone", "2013"]);
}

#[test]
fn bad_year_h0() {
    // line 20: baseline year "H0": Heisei starts at H1.
    let (_wd, run) = validate(&kpi_a_with("year = \"H26\"", "year = \"H0\""));
    run.error_at("kpi.toml", 20, &["`H0`"]);
}

#[test]
fn bad_year_in_words() {
    // line 21: target year "next year".
    let (_wd, run) = validate(&kpi_a_with("year = \"R1\"", "year = \"next year\""));
    run.error_at("kpi.toml", 21, &["`next year`"]);
}

#[test]
fn non_finite_value() {
    // line 20: baseline value = inf (valid TOML, not a decimal).
    let (_wd, run) = validate(&kpi_a_with("value = 10", "value = inf"));
    run.error_at("kpi.toml", 20, &["`inf`"]);
}

#[test]
fn geometric_path_through_zero() {
    // KPI lines 15-21 with baseline 0 (line 20); line 22 blank; line 23
    // [evaluation]; line 24 path = "geometric". A whole-KPI problem: line 15.
    let (_wd, run) = validate(&format!(
        "{}\n[evaluation]\npath = \"geometric\"\n",
        kpi_a_with("value = 10", "value = 0")
    ));
    run.error_at("kpi.toml", 15, &["KPI a", "geometric"]);
}

#[test]
fn three_problems_on_three_lines_all_reported() {
    // line 22: colour = "red"          unknown field in KPI a (lines 15-22)
    // line 27: measures = ["9.9"]      dangling reference of KPI b (lines 24-30)
    // line 38: target value = inf      non-finite value in KPI c (lines 32-38)
    let rest = format!(
        "{}colour = \"red\"\n\n{}\n{}",
        kpi_block("a"),
        kpi_block("b").replace("[\"1.1\"]", "[\"9.9\"]"),
        kpi_block("c").replace("value = 20", "value = inf"),
    );
    for cmd in ["validate", "status"] {
        let wd = Workdir::new();
        wd.plan(&format!("{HEAD}{rest}"));
        let run = wd.run_plan(&[cmd]);
        let lines = run.failed();
        let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("error: ")).collect();
        // Three problems and a closing summary line.
        assert_eq!(errors.len(), 4, "{cmd}: three problems + summary; {run}");
        assert_names(errors[0], "kpi.toml", 22, &["`colour`"], &run);
        assert_names(errors[1], "kpi.toml", 27, &["\"9.9\""], &run);
        assert_names(errors[2], "kpi.toml", 38, &["`inf`"], &run);
        assert!(errors[3].contains('3'), "summary counts 3; {run}");
    }
}

#[test]
fn missing_required_field() {
    // KPI of lines 15-19 without `name`: reported at its [[kpi]] line, 15.
    let (_wd, run) = validate(
        "[[kpi]]\n\
         id = \"a\"\n\
         measures = [\"1.1\"]\n\
         baseline = { value = 10, year = \"H26\" }\n\
         target = { value = 20, year = \"R1\" }\n",
    );
    run.error_at("kpi.toml", 15, &["KPI a", "`name`"]);
}

#[test]
fn kpi_with_both_goal_and_measures() {
    // line 18: goal = "1"; line 19: measures = ["1.1"] (the second of the two).
    let (_wd, run) = validate(
        "[[kpi]]\n\
         id = \"a\"\n\
         name = \"A\"\n\
         goal = \"1\"\n\
         measures = [\"1.1\"]\n\
         baseline = { value = 10, year = \"H26\" }\n\
         target = { value = 20, year = \"R1\" }\n",
    );
    let first = run.failed()[0].to_string();
    assert!(
        first.contains("kpi.toml:18:") || first.contains("kpi.toml:19:"),
        "must point at goal or measures; {run}"
    );
    assert!(
        first.contains("`goal`") && first.contains("`measures`"),
        "{run}"
    );
}

#[test]
fn kpi_with_neither_goal_nor_measures() {
    let (_wd, run) = validate(
        "[[kpi]]\n\
         id = \"a\"\n\
         name = \"A\"\n\
         baseline = { value = 10, year = \"H26\" }\n\
         target = { value = 20, year = \"R1\" }\n",
    );
    run.error_at("kpi.toml", 15, &["KPI a", "`goal`", "`measures`"]);
}

#[test]
fn duplicate_goal_id() {
    // HEAD defines goal "1" (id on line 7); lines 15-17 define it again (id on line 16).
    let (_wd, run) = validate("[[goal]]\nid = \"1\"\nname = \"Again\"\n");
    let first = run.error_at("kpi.toml", 16, &["\"1\"", "duplicate"]);
    assert!(
        first.contains("line 7"),
        "must name the first line: {first}"
    );
}

#[test]
fn command_line_errors_exit_2() {
    // clap's own usage errors keep the contract too: exit 2, `error:` first.
    let wd = Workdir::new();
    wd.plan(&format!("{HEAD}{}", kpi_block("a")));
    for args in [
        &["status", "--lang", "xx"][..],
        &["status", "--format", "yaml"],
        &["status", "--color", "sometimes"],
        &["nonsense"],
    ] {
        let run = wd.run_plan(args);
        run.failed();
    }
}

// ---------------------------------------------------------------------------
// The ledger
// ---------------------------------------------------------------------------

/// `HEAD` + KPI a (10 件 in H26 → 20 件 in R1, a running total), with
/// ledger files `(name, text)` under actuals/.
fn ledger(files: &[(&str, &str)]) -> (Workdir, Run) {
    let wd = Workdir::new();
    wd.plan(&format!("{HEAD}{}cumulative = true\n", kpi_block("a")));
    for (name, text) in files {
        wd.write(&format!("actuals/{name}"), text);
    }
    let run = wd.run_plan(&["validate"]);
    (wd, run)
}

#[test]
fn ledger_value_with_a_thousands_separator() {
    // 2015.csv line 2: "2,788" is not a plain decimal (kpi import reads it).
    let (_wd, run) = ledger(&[("2015.csv", "kpi,year,value,note\na,2015,\"2,788\",\n")]);
    run.error_at("2015.csv", 2, &["`2,788`"]);
}

#[test]
fn ledger_bad_year() {
    let (_wd, run) = ledger(&[("2015.csv", "kpi,year,value,note\na,FY20X5,12,\n")]);
    run.error_at("2015.csv", 2, &["`FY20X5`"]);
}

#[test]
fn ledger_unknown_kpi_id() {
    let (_wd, run) = ledger(&[("2015.csv", "kpi,year,value,note\nzz,2015,12,\n")]);
    run.error_at("2015.csv", 2, &["`zz`"]);
}

#[test]
fn ledger_conflicting_figures_name_both_files() {
    // FY2015 of a: 12 in 2015.csv line 2, 13 (as H27) in late.csv line 2.
    let (_wd, run) = ledger(&[
        ("2015.csv", "kpi,year,value,note\na,2015,12,\n"),
        ("late.csv", "kpi,year,value\na,H27,13\n"),
    ]);
    let first = run.failed()[0].to_string();
    assert!(
        first.contains("2015.csv:2") && first.contains("late.csv:2"),
        "must name both places; {run}"
    );
    assert!(first.contains("12") && first.contains("13"), "{run}");
}

#[test]
fn cumulative_figure_that_falls() {
    // a is a running total: 12 in FY2015, then 11 in FY2016 (2016.csv line 2).
    let (_wd, run) = ledger(&[
        ("2015.csv", "kpi,year,value,note\na,2015,12,\n"),
        ("2016.csv", "# a comment line\nkpi,year,value\na,2016,11\n"),
    ]);
    // 2016.csv: line 1 comment, line 2 header, line 3 the row.
    run.error_at("2016.csv", 3, &["`11`", "`12`", "cumulative"]);
}

#[test]
fn cumulative_figure_below_its_baseline() {
    // Baseline 10; FY2015 figure 9 (2015.csv line 2).
    let (_wd, run) = ledger(&[("2015.csv", "kpi,year,value,note\na,2015,9,\n")]);
    run.error_at("2015.csv", 2, &["`9`", "cumulative"]);
}

#[test]
fn ledger_errors_stop_every_command() {
    // status and show load the same ledger: same error, same exit code.
    let files = [("2015.csv", "kpi,year,value\nzz,2015,12\n")];
    let (wd, _) = ledger(&files);
    for args in [
        &["status"][..],
        &["show", "a"],
        &["status", "--format", "json"],
    ] {
        wd.run_plan(args).error_at("2015.csv", 2, &["`zz`"]);
    }
}
