//! The workspace core (docs/design/workspace.md): where a command stands
//! (discovery from each folder, `--workspace`, `$KPI_WORKSPACE`, `--plan`
//! naming the root), what it covers (`-p`, `--all`, `default_members`),
//! every validation rule with its file and line, all in one run, the checks
//! `kpi validate` makes across plans, a series that two plans judge against
//! their own baselines and targets (figures worked by hand from
//! docs/design/progress.md), and a workspace of one equal byte for byte to
//! the same plan alone.

use serde_json::Value;

use crate::common::{kpi_command, Run, Workdir};

/// The register of the good workspace: one shared indicator, `waiting`.
const WORKSPACE: &str = concat!(
    "[workspace]\n",                  // 1
    "name = \"Test city\"\n",         // 2
    "members = [\"plans/*\"]\n",      // 3
    "ledger = [\"ledger\"]\n",        // 4
    "fiscal_year_start = 4\n",        // 5
    "\n",                             // 6
    "[[indicator]]\n",                // 7
    "id = \"waiting\"\n",             // 8
    "name = \"Waiting children\"\n",  // 9
    "unit = \"人\"\n",                // 10
    "owner = \"Childcare office\"\n", // 11
    "cumulative = false\n",           // 12
);

/// A plan's head: a title, its years, goal 1 and measure 1.1 (14 lines, as
/// `common::HEAD`; the next line written is line 15).
fn head(title: &str, baseline_year: &str, target_year: &str) -> String {
    format!(
        "[plan]\ntitle = \"{title}\"\nbaseline_year = \"{baseline_year}\"\ntarget_year = \"{target_year}\"\n\n\
         [[goal]]\nid = \"1\"\nname = \"Goal one\"\n\n\
         [[measure]]\nid = \"1.1\"\ngoal = \"1\"\nname = \"Measure one\"\n\n"
    )
}

/// A KPI reading the registered `waiting` (a decrease): `baseline` in the
/// plan's baseline year, `target` in its target year.
fn waiting(id: &str, baseline: u32, target: u32) -> String {
    format!(
        "[[kpi]]\nid = \"{id}\"\nindicator = \"waiting\"\nmeasures = [\"1.1\"]\n\
         baseline = {{ value = {baseline} }}\ntarget = {{ value = {target} }}\n\n"
    )
}

/// The first term: waiting children 40 (H30) → 20 (R4).
fn first() -> String {
    head("First plan", "H30", "R4") + &waiting("f-wait", 40, 20)
}

/// The second: waiting children 30 (R1) → 10 (R2), and its own jobs KPI,
/// 100 件 (R1) → 120 件 (R2).
fn second() -> String {
    head("Second plan", "R1", "R2")
        + &waiting("s-wait", 30, 10)
        + "[[kpi]]\nid = \"s-jobs\"\nname = \"Jobs\"\nmeasures = [\"1.1\"]\nunit = \"件\"\n\
           baseline = { value = 100 }\ntarget = { value = 120 }\n"
}

/// The one ledger: waiting children 30 in R1 and 24 in R2; jobs 121 in R2.
const LEDGER_2019: &str = "kpi,year,value,note\nwaiting,2019,30,\n";
const LEDGER_2020: &str = "kpi,year,value,note\nwaiting,2020,24,\ns-jobs,2020,121,\n";

/// A plan under the root that no member pattern lists, with its own ledger.
fn drafts(wd: &Workdir) {
    wd.write(
        "drafts/kpi.toml",
        head("Drafts", "H26", "R1") + &crate::common::kpi_block("d1"),
    );
    wd.write(
        "drafts/actuals/2015.csv",
        "kpi,year,value,note\nd1,2015,12,\n",
    );
}

/// The good workspace: members `first` and `second` on one ledger.
fn workspace(extra: &str) -> Workdir {
    let wd = Workdir::new().english();
    wd.write("kpi-workspace.toml", format!("{WORKSPACE}{extra}"));
    wd.write("plans/first/kpi.toml", first());
    wd.write("plans/second/kpi.toml", second());
    wd.write("ledger/2019.csv", LEDGER_2019);
    wd.write("ledger/2020.csv", LEDGER_2020);
    wd
}

/// `kpi --lang en --color never ARGS` in `dir` (relative to the workdir).
fn run_in(wd: &Workdir, dir: &str, args: &[&str]) -> Run {
    let mut cmd = wd.command(args);
    cmd.current_dir(wd.file(dir));
    Run::of(&mut cmd)
}

/// The titles of the plans a `status --format json` covered: one for a
/// single-plan object, each member's for the workspace's.
fn titles(json: &Value) -> Vec<String> {
    let title = |plan: &Value| plan["plan"]["title"].as_str().unwrap().to_string();
    match json.get("plans") {
        Some(plans) => {
            assert_eq!(json["schema_version"], 1);
            assert!(json["workspace"].is_object(), "{json}");
            plans.as_array().unwrap().iter().map(title).collect()
        }
        None => {
            assert!(json.get("workspace").is_none(), "{json}");
            vec![title(json)]
        }
    }
}

fn covered(run: &Run) -> Vec<String> {
    titles(&run.json())
}

const BOTH: [&str; 2] = ["First plan", "Second plan"];

/// The problem lines of a run's stderr that name `path:line:` and every text.
fn assert_problem(run: &Run, severity: &str, path: &str, line: usize, texts: &[&str]) {
    let place = format!("{path}:{line}:");
    let found = run.stderr.lines().any(|l| {
        l.starts_with(&format!("{severity}: "))
            && l.contains(&place)
            && texts.iter().all(|t| l.contains(t))
    });
    assert!(found, "no {severity} at `{place}` naming {texts:?}; {run}");
}

// ---------------------------------------------------------------- discovery

#[test]
fn at_the_root_a_command_covers_every_member() {
    let wd = workspace("");
    assert_eq!(covered(&wd.run(&["status", "--format", "json"])), BOTH);
    let run = wd.ok(&["validate"]);
    assert!(run.stdout.starts_with("ok: "), "{run}");
    assert!(
        run.stdout.contains("kpi-workspace.toml: 2 members"),
        "{run}"
    );
}

#[test]
fn in_a_member_folder_or_below_it_a_command_covers_that_member() {
    let wd = workspace("");
    wd.write("plans/first/notes/readme.txt", "notes");
    for dir in ["plans/first", "plans/first/notes"] {
        let run = run_in(&wd, dir, &["status", "--format", "json"]);
        let json = run.json();
        assert_eq!(titles(&json), ["First plan"], "in {dir}");
        // Its figures come from the root's ledger, by its series.
        assert_eq!(json["kpis"][0]["latest"]["value"], 24, "in {dir}");
    }
    assert_eq!(
        covered(&run_in(
            &wd,
            "plans/second",
            &["status", "--format", "json"]
        )),
        ["Second plan"]
    );
}

#[test]
fn a_plan_under_the_root_that_no_pattern_lists_stays_a_plan_alone() {
    let wd = workspace("");
    drafts(&wd);
    let run = run_in(&wd, "drafts", &["status", "--format", "json"]);
    let json = run.json();
    assert_eq!(titles(&json), ["Drafts"]);
    // Its own actuals/, not the workspace's ledger: d1 is 12 in FY2015.
    assert_eq!(json["kpis"][0]["latest"]["value"], 12);
    let run = run_in(&wd, "drafts", &["validate"]);
    assert!(run.ok().contains("drafts/kpi.toml: 1 goal"), "{run}");
}

#[test]
fn workspace_and_its_variable_and_plan_naming_the_root_find_it_from_anywhere() {
    let wd = workspace("");
    let elsewhere = tempfile::tempdir().unwrap();
    let root = wd.path().to_str().unwrap().to_string();
    let file = wd.file("kpi-workspace.toml").to_str().unwrap().to_string();
    for given in [&root, &file] {
        let run = Run::of(kpi_command().current_dir(elsewhere.path()).args([
            "--workspace",
            given,
            "status",
            "--format",
            "json",
        ]));
        assert_eq!(covered(&run), BOTH, "--workspace {given}");
        let run = Run::of(
            kpi_command()
                .current_dir(elsewhere.path())
                .env("KPI_WORKSPACE", given)
                .args(["status", "--format", "json"]),
        );
        assert_eq!(covered(&run), BOTH, "KPI_WORKSPACE={given}");
    }
    let run = Run::of(
        kpi_command()
            .current_dir(elsewhere.path())
            .args(["--plan", &root, "status", "--format", "json"]),
    );
    assert_eq!(covered(&run), BOTH, "--plan naming the root");
    // --workspace with --plan: that member.
    let member = wd.file("plans/second").to_str().unwrap().to_string();
    let run = Run::of(kpi_command().current_dir(elsewhere.path()).args([
        "--workspace",
        &root,
        "--plan",
        &member,
        "status",
        "--format",
        "json",
    ]));
    assert_eq!(covered(&run), ["Second plan"]);
    // A folder with no workspace file, given as one, is refused.
    let run = Run::of(kpi_command().current_dir(elsewhere.path()).args([
        "--workspace",
        elsewhere.path().to_str().unwrap(),
        "status",
    ]));
    run.failed();
    assert!(run.stderr.contains("no workspace file here"), "{run}");
}

// ---------------------------------------------------------------- coverage

/// A third member, for default_members: its own KPI only.
fn third(wd: &Workdir) {
    wd.write(
        "plans/third/kpi.toml",
        head("Third plan", "H26", "R1") + &crate::common::kpi_block("t1"),
    );
}

#[test]
fn default_members_all_and_p_pick_what_a_command_covers() {
    let wd = workspace("");
    third(&wd);
    let all = ["First plan", "Second plan", "Third plan"];
    let status = ["status", "--format", "json"];
    assert_eq!(
        covered(&wd.run(&status)),
        all,
        "no default_members: every member"
    );
    // default_members, given as a path or a folder name, in member order.
    let with_defaults = WORKSPACE.replace(
        "ledger = [\"ledger\"]\n",
        "ledger = [\"ledger\"]\ndefault_members = [\"third\", \"plans/first\"]\n",
    );
    wd.write("kpi-workspace.toml", with_defaults);
    assert_eq!(covered(&wd.run(&status)), ["First plan", "Third plan"]);
    let with = |lead: &[&str]| {
        let args: Vec<&str> = lead.iter().chain(status.iter()).copied().collect();
        wd.run(&args)
    };
    assert_eq!(covered(&with(&["--all"])), all);
    assert_eq!(covered(&with(&["-p", "second"])), ["Second plan"]);
    assert_eq!(
        covered(&with(&["-p", "third", "-p", "second", "-p", "third"])),
        ["Second plan", "Third plan"]
    );
    // In a member's folder, --all covers every member, -p another.
    let run = run_in(&wd, "plans/first", &["--all", "status", "--format", "json"]);
    assert_eq!(covered(&run), all);
    let run = run_in(
        &wd,
        "plans/first",
        &["-p", "third", "status", "--format", "json"],
    );
    assert_eq!(covered(&run), ["Third plan"]);
    // Mistakes: exit 2, nothing on stdout.
    let run = with(&["-p", "secnod"]);
    run.failed();
    assert!(
        run.stderr.contains("no member is named `secnod`") && run.stderr.contains("`second`"),
        "{run}"
    );
    let run = with(&["--all", "-p", "first"]);
    run.failed();
    assert!(run.stderr.contains("give one or the other"), "{run}");
}

#[test]
fn all_and_p_outside_a_workspace_are_refused() {
    let wd = Workdir::with_ledger(
        &(crate::common::HEAD.to_string() + &crate::common::kpi_block("a")),
        &[("2015.csv", "kpi,year,value,note\na,2015,12,\n")],
    )
    .english();
    for lead in [&["--all"][..], &["-p", "a"][..]] {
        let args: Vec<&str> = lead.iter().copied().chain(["status"]).collect();
        let run = wd.run(&args);
        let lines = run.failed();
        assert!(lines[0].contains("this plan is in none"), "{run}");
        let args: Vec<&str> = lead.iter().copied().chain(["validate"]).collect();
        wd.run(&args).failed();
    }
    // Without them, the plan alone as always.
    assert!(wd.ok(&["validate"]).stdout.contains("1 KPI"));
}

// ---------------------------------------------------------------- validation rules

/// The broken workspace's file: a default member that is no member (line
/// 4) and an indicator registered twice (the second at line 16).
const BROKEN: &str = concat!(
    "[workspace]\n",                          // 1
    "name = \"Broken city\"\n",               // 2
    "members = [\"plans/*\"]\n",              // 3
    "default_members = [\"plans/nosuch\"]\n", // 4
    "ledger = [\"ledger\"]\n",                // 5
    "fiscal_year_start = 4\n",                // 6
    "\n",                                     // 7
    "[[indicator]]\n",                        // 8
    "id = \"waiting\"\n",                     // 9
    "name = \"Waiting children\"\n",          // 10
    "unit = \"人\"\n",                        // 11
    "owner = \"Childcare office\"\n",         // 12
    "source = \"Childcare records\"\n",       // 13
    "cumulative = false\n",                   // 14
    "\n",                                     // 15
    "[[indicator]]\n",                        // 16
    "id = \"waiting\"\n",                     // 17
    "name = \"Waiting children again\"\n",    // 18
);

/// Member a: sets actuals (line 5) and another fiscal year (line 6); KPI
/// `shared` with no indicator (line 17); a KPI naming an unknown indicator
/// (line 24).
const MEMBER_A: &str = concat!(
    "[plan]\n",                        // 1
    "title = \"Plan A\"\n",            // 2
    "baseline_year = \"R1\"\n",        // 3
    "target_year = \"R6\"\n",          // 4
    "actuals = [\"actuals\"]\n",       // 5
    "fiscal_year_start = 1\n",         // 6
    "\n",                              // 7
    "[[goal]]\n",                      // 8
    "id = \"1\"\n",                    // 9
    "name = \"Goal one\"\n",           // 10
    "\n",                              // 11
    "[[measure]]\n",                   // 12
    "id = \"1.1\"\n",                  // 13
    "goal = \"1\"\n",                  // 14
    "name = \"Measure one\"\n",        // 15
    "\n",                              // 16
    "[[kpi]]\n",                       // 17
    "id = \"shared\"\n",               // 18
    "name = \"Shared by accident\"\n", // 19
    "measures = [\"1.1\"]\n",          // 20
    "baseline = { value = 10 }\n",     // 21
    "target = { value = 20 }\n",       // 22
    "\n",                              // 23
    "[[kpi]]\n",                       // 24
    "id = \"a-unknown\"\n",            // 25
    "name = \"Reads no series\"\n",    // 26
    "indicator = \"nosuch-series\"\n", // 27
    "measures = [\"1.1\"]\n",          // 28
    "baseline = { value = 10 }\n",     // 29
    "target = { value = 20 }\n",       // 30
);

/// Member b: `shared` again (line 15), a KPI with the register's id and no
/// indicator (line 22), and one restating unit, owner, source and
/// cumulative differently from the register (line 29).
const MEMBER_B: &str = concat!(
    "[plan]\n",                            // 1
    "title = \"Plan B\"\n",                // 2
    "baseline_year = \"R1\"\n",            // 3
    "target_year = \"R6\"\n",              // 4
    "\n",                                  // 5
    "[[goal]]\n",                          // 6
    "id = \"1\"\n",                        // 7
    "name = \"Goal one\"\n",               // 8
    "\n",                                  // 9
    "[[measure]]\n",                       // 10
    "id = \"1.1\"\n",                      // 11
    "goal = \"1\"\n",                      // 12
    "name = \"Measure one\"\n",            // 13
    "\n",                                  // 14
    "[[kpi]]\n",                           // 15
    "id = \"shared\"\n",                   // 16
    "name = \"Shared by accident too\"\n", // 17
    "measures = [\"1.1\"]\n",              // 18
    "baseline = { value = 10 }\n",         // 19
    "target = { value = 20 }\n",           // 20
    "\n",                                  // 21
    "[[kpi]]\n",                           // 22
    "id = \"waiting\"\n",                  // 23
    "name = \"Waiting, undeclared\"\n",    // 24
    "measures = [\"1.1\"]\n",              // 25
    "baseline = { value = 30 }\n",         // 26
    "target = { value = 0 }\n",            // 27
    "\n",                                  // 28
    "[[kpi]]\n",                           // 29
    "id = \"b-restates\"\n",               // 30
    "indicator = \"waiting\"\n",           // 31
    "measures = [\"1.1\"]\n",              // 32
    "unit = \"件\"\n",                     // 33
    "owner = \"Another office\"\n",        // 34
    "source = \"Another source\"\n",       // 35
    "cumulative = true\n",                 // 36
    "baseline = { value = 10 }\n",         // 37
    "target = { value = 20 }\n",           // 38
);

#[test]
fn every_validation_rule_is_reported_with_its_file_and_line_in_one_run() {
    let wd = Workdir::new().english();
    wd.write("kpi-workspace.toml", BROKEN);
    wd.write("plans/a/kpi.toml", MEMBER_A);
    wd.write("plans/b/kpi.toml", MEMBER_B);
    // A row whose series no member uses (line 3).
    wd.write(
        "ledger/2019.csv",
        "kpi,year,value,note\nwaiting,2019,30,\nghost,2019,5,\n",
    );
    for dir in [".", "plans/a", "plans/b"] {
        let before = wd.snapshot();
        let run = run_in(&wd, dir, &["validate"]);
        run.failed();
        assert_eq!(wd.snapshot(), before, "validate wrote something");
        let ws = "kpi-workspace.toml";
        let (a, b) = ("plans/a/kpi.toml", "plans/b/kpi.toml");
        assert_problem(&run, "error", ws, 4, &["default member `plans/nosuch`"]);
        assert_problem(
            &run,
            "error",
            ws,
            16,
            &["`waiting` is registered twice", "line 8"],
        );
        assert_problem(&run, "error", a, 5, &["member a sets plan.actuals", ws]);
        assert_problem(
            &run,
            "error",
            a,
            6,
            &["fiscal_year_start = 1", "workspace's is 4", ws],
        );
        assert_problem(
            &run,
            "error",
            a,
            24,
            &["a-unknown", "`nosuch-series`", "neither registered"],
        );
        assert_problem(
            &run,
            "error",
            b,
            15,
            &["KPI shared is also a KPI of member a", a, "line 17"],
        );
        assert_problem(
            &run,
            "error",
            b,
            22,
            &["registered indicator `waiting`", "no `indicator`"],
        );
        for restated in [
            ["restates unit as \"件\"", "\"人\""],
            [
                "restates owner as \"Another office\"",
                "\"Childcare office\"",
            ],
            [
                "restates source as \"Another source\"",
                "\"Childcare records\"",
            ],
            ["restates cumulative = true", "cumulative = false"],
        ] {
            let mut texts = vec!["b-restates", "line 8"];
            texts.extend(restated);
            assert_problem(&run, "error", b, 29, &texts);
        }
        assert_problem(
            &run,
            "error",
            "ledger/2019.csv",
            3,
            &["no member of the workspace uses series `ghost`"],
        );
        // Twelve errors, counted at the end.
        assert!(
            run.stderr
                .ends_with("error: 12 problems found; nothing was done\n"),
            "{run}"
        );
    }
}

#[test]
fn a_ledger_row_naming_a_member_kpi_instead_of_its_series_says_which_to_write() {
    let wd = workspace("");
    wd.write("ledger/2021.csv", "kpi,year,value,note\ns-wait,2021,20,\n");
    let run = wd.run(&["validate"]);
    run.failed();
    assert_problem(
        &run,
        "error",
        "ledger/2021.csv",
        2,
        &[
            "no member of the workspace uses series `s-wait`",
            "member second",
            "write `waiting`",
        ],
    );
    // Every command refuses the ledger the same way.
    let run = wd.run(&["status"]);
    run.failed();
    assert!(
        run.stderr
            .contains("no member of the workspace uses series `s-wait`"),
        "{run}"
    );
}

// ---------------------------------------------------------------- across plans

/// The drift workspace: `first`, `second` and a third member reading
/// `waiting` from 31 in R1; an indicator no member reads (line 14).
fn drift() -> Workdir {
    let wd = workspace("\n[[indicator]]\nid = \"unused\"\nname = \"Nobody reads this\"\n");
    wd.write(
        "plans/third/kpi.toml",
        head("Third plan", "R1", "R6") + &waiting("t-wait", 31, 5),
    );
    drafts(&wd);
    // 41 in H30, preliminary: no drift against first's 40.
    wd.write(
        "ledger/2018.csv",
        "kpi,year,value,flag,note\nwaiting,2018,41,preliminary,\n",
    );
    wd
}

#[test]
fn validate_warns_of_baseline_drift_unlisted_plans_and_unused_indicators() {
    let wd = drift();
    let run = wd.ok(&["validate"]);
    let third = "plans/third/kpi.toml";
    // Line 19: the `baseline` of the KPI whose block starts at line 15.
    assert_problem(
        &run,
        "warning",
        third,
        19,
        &[
            "baseline drift",
            "t-wait pins its baseline at 31 for FY2019",
            "final figure for series `waiting` in FY2019 is 30",
            "2019.csv:2",
        ],
    );
    assert_problem(
        &run,
        "warning",
        third,
        19,
        &[
            "baseline drift",
            "KPI s-wait of member second pins 30",
            "plans/second/kpi.toml, line 15",
        ],
    );
    assert_problem(
        &run,
        "warning",
        "kpi-workspace.toml",
        14,
        &["indicator `unused`", "no member's KPI reads it"],
    );
    assert_problem(
        &run,
        "warning",
        "kpi-workspace.toml",
        3,
        &["drafts/kpi.toml", "no members pattern lists"],
    );
    assert!(
        !run.stderr.contains("f-wait"),
        "first's 40 is set against a preliminary 41; {run}"
    );
    assert_eq!(run.stderr.lines().count(), 4, "{run}");
    // 3 members; 4 KPIs on 2 series (waiting, registered, and s-jobs);
    // figures: waiting in 2018, 2019 and 2020, s-jobs in 2020.
    let path = wd.file("kpi-workspace.toml");
    assert_eq!(
        run.stdout,
        format!(
            "ok: {}: 3 members, 4 KPIs, 2 series (1 registered); ledger: 3 files, 4 figures; 4 warnings\n",
            path.display()
        )
    );
}

#[test]
fn a_clean_workspace_validates_with_no_warning_from_any_folder() {
    let wd = workspace("");
    let expected = format!(
        "ok: {}: 2 members, 3 KPIs, 2 series (1 registered); ledger: 2 files, 3 figures; 0 warnings\n",
        wd.file("kpi-workspace.toml").display()
    );
    for dir in [".", "plans/first", "plans/second"] {
        let run = run_in(&wd, dir, &["validate"]);
        assert_eq!(run.ok(), expected, "in {dir}");
        assert_eq!(run.stderr, "", "in {dir}");
    }
}

/// progress.md by hand, as of R2 (2020), the newest year of the ledger.
///
/// first, f-wait: b = 40 (H30 = 2018), t = 20 (R4 = 2022), a = 24 (R2).
/// E(2020) = 40 + (20 − 40) × 2/4 = 30; achievement = (24 − 40) / (20 − 40)
/// = 0.8; expected = (30 − 40) / (20 − 40) = 0.5; pace = (24 − 40) / (30 −
/// 40) = 1.6 ≥ 0.95; gap = −1 × (20 − 24) = 4; not achieved (24 > 20),
/// target year not reached, better than the baseline: on_track.
///
/// second, s-wait: b = 30 (R1 = 2019), t = 10 (R2 = 2020), a = 24 (R2).
/// achievement = (24 − 30) / (10 − 30) = 0.3; E(2020) = 10, expected = 1,
/// pace = 0.3; gap = −1 × (10 − 24) = 14; the target year's figure is in and
/// short: missed. s-jobs: 100 → 120, a = 121: achievement 21/20 = 1.05, gap
/// 120 − 121 = −1, achieved.
#[test]
fn one_figure_is_on_track_for_one_plan_and_missed_for_the_other() {
    let wd = workspace("");
    let json = wd.run(&["status", "--all", "--format", "json"]).json();
    let members: Vec<&str> = json["workspace"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["first", "second"]);
    let kpi = |plan: usize, k: usize| json["plans"][plan]["kpis"][k].clone();
    let (f, s, jobs) = (kpi(0, 0), kpi(1, 0), kpi(1, 1));
    assert_eq!(f["id"], "f-wait");
    assert_eq!(f["name"], "Waiting children", "the register's name");
    assert_eq!(f["unit"], "人", "the register's unit");
    assert_eq!(f["owner"], "Childcare office");
    assert_eq!(f["latest"]["value"], 24);
    assert_eq!(f["latest"]["label"], "FY2020");
    assert_eq!(f["status"], "on_track");
    assert_eq!(f["achievement"].as_f64(), Some(0.8));
    assert_eq!(f["expected"].as_f64(), Some(0.5));
    assert_eq!(f["pace"].as_f64(), Some(1.6));
    assert_eq!(f["gap"], 4);
    assert_eq!(s["id"], "s-wait");
    assert_eq!(s["latest"]["value"], 24, "the same R2 figure");
    assert_eq!(s["baseline"]["value"], 30);
    assert_eq!(s["target"]["value"], 10);
    assert_eq!(s["status"], "missed");
    assert_eq!(s["achievement"].as_f64(), Some(0.3));
    assert_eq!(s["expected"].as_f64(), Some(1.0));
    assert_eq!(s["pace"].as_f64(), Some(0.3));
    assert_eq!(s["gap"], 14);
    assert_eq!(jobs["id"], "s-jobs");
    assert_eq!(jobs["status"], "achieved");
    assert_eq!(jobs["achievement"].as_f64(), Some(1.05));
    assert_eq!(jobs["gap"], -1);
}

// ---------------------------------------------------------------- a workspace of one

/// A plan of its own KPIs (no indicator), the same file alone and as a
/// workspace's only member.
fn solo_plan() -> String {
    head("Solo plan", "H26", "R1")
        + &crate::common::kpi_block("a")
        + "\n"
        + &crate::common::kpi_block("b").replace("value = 20", "value = 5")
}

const SOLO_2015: &str = "kpi,year,value,note\na,2015,12,\nb,2015,9,速報\n";
const SOLO_2016: &str = "kpi,year,value,note\na,2016,13.5,\nb,2016,8,\n";

#[test]
fn a_workspace_of_one_prints_what_the_plan_alone_prints() {
    let alone = Workdir::with_ledger(
        &solo_plan(),
        &[("2015.csv", SOLO_2015), ("2016.csv", SOLO_2016)],
    )
    .english();
    let ws = Workdir::new().english();
    ws.write(
        "kpi-workspace.toml",
        "[workspace]\nname = \"One\"\nmembers = [\"plans/solo\"]\n",
    );
    ws.write("plans/solo/kpi.toml", solo_plan());
    ws.write("ledger/2015.csv", SOLO_2015);
    ws.write("ledger/2016.csv", SOLO_2016);
    let formats: [&[&str]; 4] = [
        &["status"],
        &["status", "--format", "json"],
        &["status", "--format", "csv"],
        &["status", "--format", "markdown"],
    ];
    for args in formats {
        let want = alone.run(args);
        assert!(want.ok().len() > 100, "{want}");
        for dir in [".", "plans/solo"] {
            let got = run_in(&ws, dir, args);
            assert_eq!(got.bytes, want.bytes, "kpi {args:?} in {dir}; {got}");
            assert_eq!(got.stderr, want.stderr, "kpi {args:?} in {dir}");
        }
        let got = run_in(&ws, ".", &[&["--all"][..], args].concat());
        assert_eq!(got.bytes, want.bytes, "kpi --all {args:?}; {got}");
    }
}

#[test]
fn a_member_that_cannot_be_read_does_not_hide_the_others_problems() {
    let wd = workspace("");
    // third: a TOML mistake on line 2; second: a restated unit (line 15).
    wd.write("plans/third/kpi.toml", "[plan]\ntitle = \n");
    wd.write(
        "plans/second/kpi.toml",
        second().replace(
            "indicator = \"waiting\"\n",
            "indicator = \"waiting\"\nunit = \"件\"\n",
        ),
    );
    wd.write("ledger/2021.csv", "kpi,year,value,note\nt-only,2021,1,\n");
    let run = wd.run(&["validate"]);
    run.failed();
    assert_problem(&run, "error", "plans/third/kpi.toml", 2, &[]);
    assert_problem(
        &run,
        "error",
        "plans/second/kpi.toml",
        15,
        &["restates unit as \"件\""],
    );
    // The ledger's ids cannot be judged without third's KPIs: said once.
    assert!(!run.stderr.contains("t-only"), "{run}");
    assert!(
        run.stderr
            .contains("the ledger's rows were not checked against the members' series"),
        "{run}"
    );
}
