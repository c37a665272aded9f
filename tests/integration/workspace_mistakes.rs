//! Workspaces under the mistakes people make (issue 24, items 9, 11, 12,
//! 13, 19, 20, 21): members outside the root or reached through a symlink,
//! a stray workspace file between a member and its root, a second `kpi
//! init`, a KPI id that is another series' id, a typo in `members`, the
//! ledger's setting named where it is written, and `workspace adopt` of a
//! figure for a year not begun. Every expectation is worked from
//! workspace.md and the issue, not copied from a run.

use crate::common::Workdir;

/// A workspace file: `members` written on line 3.
fn ws_file(members: &str, ledger: &str) -> String {
    format!(
        "[workspace]\nname = \"T\"\nmembers = [{members}]\nledger = [{ledger}]\nfiscal_year_start = 4\n"
    )
}

/// A plan from 2019 to 2024 holding `kpis`; its first `[[kpi]]` is line 10.
fn plan(kpis: &str) -> String {
    format!(
        "[plan]\ntitle = \"X\"\nbaseline_year = 2019\ntarget_year = 2024\n\n[[goal]]\nid = \"1\"\nname = \"G\"\n\n{kpis}"
    )
}

fn own_kpi(id: &str) -> String {
    format!("[[kpi]]\nid = \"{id}\"\nname = \"N {id}\"\ngoal = \"1\"\nunit = \"人\"\nbaseline = {{ value = 100 }}\ntarget = {{ value = 200 }}\n")
}

/// A workspace at the folder's top with member `plans/a` (KPI `jobs`) and
/// a ledger figure jobs 2020 = 110.
fn workspace(members: &str) -> Workdir {
    let wd = Workdir::new().english();
    wd.write("kpi-workspace.toml", ws_file(members, "\"ledger\""));
    wd.write("plans/a/kpi.toml", plan(&own_kpi("jobs")));
    wd.write("ledger/2020.csv", "kpi,year,value,note\njobs,2020,110,\n");
    wd
}

#[cfg(unix)]
#[test]
fn a_member_reached_through_a_symlink_out_of_the_root_is_an_error_naming_it_and_the_root() {
    // Issue 24, item 11: plans/o -> ../../outside/o passed validate.
    let top = Workdir::new().english();
    top.write(
        "root/kpi-workspace.toml",
        ws_file("\"plans/*\"", "\"ledger\""),
    );
    top.write("root/plans/a/kpi.toml", plan(&own_kpi("jobs")));
    top.write(
        "root/ledger/2020.csv",
        "kpi,year,value,note\njobs,2020,110,\n",
    );
    top.write("outside/o/kpi.toml", plan(&own_kpi("o1")));
    std::os::unix::fs::symlink("../../outside/o", top.file("root/plans/o")).unwrap();
    for args in [&["validate"][..], &["status", "--all"]] {
        let mut cmd = top.command(args);
        let run = crate::common::Run::of(cmd.current_dir(top.file("root")));
        let first = run.error_at(
            "kpi-workspace.toml",
            3,
            &[
                "member `plans/*`",
                "plans/o",
                "outside the workspace's root",
            ],
        );
        assert!(
            first.contains(&top.file("root").display().to_string()),
            "{run}"
        );
        // The plan is not also called "a plan under the root no pattern lists".
        assert!(!run.stderr.contains("no members pattern lists"), "{run}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_alias_of_a_member_is_an_error_naming_the_link() {
    // Issue 24, item 11: plans/alias -> a was read as a second member, and
    // the error said to rename one KPI.
    let wd = workspace("\"plans/*\"");
    std::os::unix::fs::symlink("a", wd.file("plans/alias")).unwrap();
    let run = wd.run(&["validate"]);
    let first = run.error_at(
        "kpi-workspace.toml",
        3,
        &["member `alias`", "symlink", "`a`"],
    );
    assert!(!first.contains("member `a` is"), "{run}");
    assert!(!run.stderr.contains("rename one"), "{run}");
    // Every command says the same.
    wd.run(&["status", "--all"])
        .error_at("kpi-workspace.toml", 3, &["member `alias`", "symlink"]);
}

#[cfg(unix)]
#[test]
fn a_member_listed_through_a_symlink_inside_the_root_is_one_member_read_where_it_is() {
    // plans/b -> ../other/real: one member, `b`, whose folder is other/real.
    let wd = workspace("\"plans/*\"");
    wd.write("other/real/kpi.toml", plan(&own_kpi("seats")));
    std::os::unix::fs::symlink("../other/real", wd.file("plans/b")).unwrap();
    let out = wd.ok(&["validate"]).stdout.clone();
    assert!(out.contains("2 members, 2 KPIs"), "{out}");
    let mut cmd = wd.command(&["status", "--format", "json"]);
    let run = crate::common::Run::of(cmd.current_dir(wd.file("other/real")));
    let json = run.json();
    assert_eq!(json["kpis"][0]["id"], "seats", "{run}");
}

#[test]
fn a_stray_workspace_file_between_a_member_and_its_root_is_passed_over_with_a_warning() {
    // Issue 24, item 12: plans/kpi-workspace.toml lists only x/*; plans/a is
    // listed by the root's. `record` in plans/a wrote plans/a/actuals/.
    let wd = workspace("\"plans/*\"");
    wd.write("plans/kpi-workspace.toml", ws_file("\"x/*\"", "\"ledger\""));
    let mut cmd = wd.command(&["record", "jobs", "2021", "120"]);
    let run = crate::common::Run::of(cmd.current_dir(wd.file("plans/a")));
    run.ok();
    assert!(
        !wd.file("plans/a/actuals").exists(),
        "a stray actuals/: {run}"
    );
    assert!(
        !wd.file("plans/ledger").exists(),
        "the stray workspace's ledger: {run}"
    );
    assert!(
        wd.read("ledger/2021.csv").contains("jobs,2021,120"),
        "{run}"
    );
    let warning = run
        .stderr
        .lines()
        .find(|l| l.contains("passed over"))
        .unwrap_or_else(|| panic!("no warning naming the stray file; {run}"));
    assert!(warning.starts_with("warning: "), "{run}");
    assert!(warning.contains("plans/kpi-workspace.toml"), "{run}");
}

#[test]
fn an_unmatched_members_pattern_is_named_first_by_every_command() {
    // Issue 24, item 20: `plan/*` for `plans/*`; the ledger's jobs row then
    // belongs to no member. Only validate named the pattern, and not first.
    let wd = workspace("\"plan/*\"");
    for args in [
        &["validate"][..],
        &["status"],
        &["check"],
        &["import", "ledger/2020.csv", "--dry-run"],
        &["record", "jobs", "2021", "120"],
    ] {
        let run = wd.run(args);
        run.error_at(
            "kpi-workspace.toml",
            3,
            &["`plan/*`", "matches no plan folder"],
        );
        // Said once.
        assert_eq!(run.stderr.matches("`plan/*`").count(), 1, "{run}");
    }
    assert!(!wd.file("ledger/2021.csv").exists());
}

#[test]
fn a_missing_workspace_ledger_names_ledger_under_workspace() {
    // Issue 24, item 21: the hint said to fix `actuals` under [plan].
    let wd = Workdir::new().english();
    wd.write("kpi-workspace.toml", ws_file("\"plans/*\"", "\"ledgr\""));
    wd.write("plans/a/kpi.toml", plan(&own_kpi("jobs")));
    let run = wd.run(&["status"]);
    run.failed();
    assert!(
        run.stderr.contains("fix `ledger` under [workspace] in"),
        "{run}"
    );
    assert!(run.stderr.contains("workspace.ledger"), "{run}");
    assert!(!run.stderr.contains("[plan]"), "{run}");
    assert!(!run.stderr.contains("plan.actuals"), "{run}");
}

#[test]
fn validate_names_a_member_kpi_whose_id_is_another_members_series() {
    // Issue 24, item 19: b's KPI `jobs` reads `waiting`, and `jobs` is a's
    // own series: the id names two series.
    let wd = workspace("\"plans/*\"");
    let mut file = ws_file("\"plans/*\"", "\"ledger\"");
    file.push_str("\n[[indicator]]\nid = \"waiting\"\nname = \"待機児童数\"\nunit = \"人\"\n");
    wd.write("kpi-workspace.toml", file);
    wd.write(
        "plans/b/kpi.toml",
        plan("[[kpi]]\nid = \"jobs\"\nindicator = \"waiting\"\ngoal = \"1\"\nbaseline = { value = 14 }\ntarget = { value = 0 }\n"),
    );
    let run = wd.ok(&["validate"]);
    let warning = run
        .stderr
        .lines()
        .find(|l| l.starts_with("warning: ") && l.contains("plans/b/kpi.toml:10:"))
        .unwrap_or_else(|| panic!("validate names no clash at plans/b/kpi.toml:10; {run:?}"));
    assert!(warning.contains("series `waiting`"), "{warning}");
    assert!(warning.contains("series `jobs`"), "{warning}");
    assert!(warning.contains("plans/a/kpi.toml line 10"), "{warning}");
    assert!(run.stdout.contains("1 warning"), "{run:?}");
    // record's refusal no longer says to use the very id that is ambiguous.
    let refused = wd.run(&["record", "jobs", "2021", "120"]);
    refused.failed();
    assert!(
        !refused.stderr.contains("name the series by its id"),
        "{refused}"
    );
    assert!(refused.stderr.contains("rename that KPI"), "{refused}");
}

/// A workspace with no member yet, and a plan alone in old/n with its own
/// ledger (no fiscal_year_start: its year starts in January).
fn with_alone(figures: &str) -> Workdir {
    let wd = Workdir::new().english().env("KPI_TODAY", "2024-02-01");
    wd.write("kpi-workspace.toml", ws_file("\"plans/*\"", "\"ledger\""));
    wd.write("ledger/.gitkeep", "");
    let alone = plan(&own_kpi("n1")).replace(
        "title = \"X\"\n",
        "title = \"X\"\nactuals = [\"actuals\"]\n",
    );
    wd.write("old/n/kpi.toml", alone);
    wd.write("old/n/actuals/figures.csv", figures);
    wd
}

#[test]
fn adopt_refuses_a_figure_for_a_year_the_workspace_has_not_begun() {
    // Issue 24, item 9: 2024-02-01 is in FY2024 for the plan alone
    // (January) but in FY2023 for the workspace (April): its 2024 figure
    // made every command fail once adopted.
    let wd = with_alone("kpi,year,value,note\nn1,2023,105,\nn1,2024,110,\n");
    let run = wd.fails_writing_nothing(&["workspace", "adopt", "old/n"]);
    assert!(run.stderr.contains("nothing was written"), "{run}");
    let year = run
        .stderr
        .lines()
        .find(|l| l.contains("has not begun"))
        .unwrap_or_else(|| panic!("no error for the 2024 figure; {run}"));
    assert!(year.contains("actuals/figures.csv:3:"), "{run}");
    assert!(!run.stderr.contains("--replace"), "{run}");
}

#[test]
fn adopt_warns_of_a_figure_far_before_its_kpis_baseline_as_import_does() {
    // Issue 24, items 9 and 14: H2 typed for R2 gives 1990, 29 years
    // before n1's baseline year 2019; kpi import warns at the row, and adopt
    // runs every check import runs (found by the sweep).
    let wd = with_alone("kpi,year,value,note\nn1,1990,105,\nn1,2022,110,\n");
    let run = wd.run(&["workspace", "adopt", "old/n"]);
    assert_eq!(run.code, Some(0), "{run}");
    let warning = run
        .stderr
        .lines()
        .find(|l| l.contains("29 years before"))
        .unwrap_or_else(|| panic!("no warning for the 1990 figure; {run}"));
    assert!(warning.starts_with("warning:"), "{run}");
    assert!(warning.contains("actuals/figures.csv:2"), "{run}");
    // The figure is kept, as import keeps it.
    assert!(wd.read("ledger/1990.csv").contains("n1,1990,105"), "{run}");
}

#[test]
fn adopts_conflict_hint_offers_nothing_adopt_does_not_take() {
    // Issue 24, item 9: the merge's hint said "give --replace".
    let wd = with_alone("kpi,year,value,note\nn1,2022,111,\n");
    wd.write("ledger/2022.csv", "kpi,year,value,note\nn1,2022,110,\n");
    let run = wd.fails_writing_nothing(&["workspace", "adopt", "old/n"]);
    assert!(
        run.stderr.contains("conflict with the workspace's ledger"),
        "{run}"
    );
    assert!(!run.stderr.contains("--replace"), "{run}");
    assert!(run.stderr.contains("kpi record"), "{run}");
}

#[test]
fn a_second_kpi_init_in_a_workspace_leaves_it_loadable() {
    // Issue 24, item 13: both members carried goal-rate and measure-count.
    let wd = Workdir::new().english();
    wd.ok(&["init", "--workspace", "."]);
    wd.ok(&["init", "plans/a"]);
    let out = wd.ok(&["init", "plans/b"]).stdout.clone();
    assert!(out.contains("`goal-rate-2`"), "{out}");
    let b = wd.read("plans/b/kpi.toml");
    assert!(b.contains("id = \"goal-rate-2\""), "{b}");
    assert!(b.contains("id = \"measure-count-2\""), "{b}");
    // The first member's template is as it always was.
    assert!(wd.read("plans/a/kpi.toml").contains("id = \"goal-rate\""));
    let ok = wd.ok(&["validate"]).stdout.clone();
    assert!(ok.contains("2 members, 4 KPIs, 4 series"), "{ok}");
    // A third goes on numbering.
    wd.ok(&["init", "plans/c"]);
    assert!(wd.read("plans/c/kpi.toml").contains("id = \"goal-rate-3\""));
    wd.validate();
}

#[test]
fn init_from_a_members_exported_sheet_is_refused_naming_each_clash() {
    // Issue 24, item 13: the sheet's ids are the user's; a clash is refused
    // before anything is written, each KPI named.
    let wd = Workdir::new().english();
    wd.ok(&["init", "--workspace", "."]);
    wd.ok(&["init", "plans/a"]);
    wd.ok(&["export", "plan", "-p", "a", "-o", "a.csv"]);
    let run = wd.fails_writing_nothing(&["init", "--from", "a.csv", "plans/c"]);
    assert!(
        run.stderr
            .lines()
            .next()
            .unwrap()
            .contains("nothing was written"),
        "{run}"
    );
    assert!(
        run.stderr
            .contains("KPI goal-rate is also a KPI of member a"),
        "{run}"
    );
    assert!(
        run.stderr
            .contains("KPI measure-count is also a KPI of member a"),
        "{run}"
    );
    assert!(!wd.file("plans/c").exists());
}

#[test]
fn a_member_listed_twice_is_one_member_and_no_alias() {
    // The same folder by a glob and by its path (`./plans/a`), the
    // workspace named relatively: no symlink, so no alias.
    let wd = workspace("\"plans/*\", \"./plans/a\"");
    let out = wd.ok(&["--workspace", ".", "validate"]).stdout.clone();
    assert!(out.contains("1 member, 1 KPI"), "{out}");
}

#[test]
fn a_plan_that_is_not_a_member_of_the_workspace_given_is_an_error_naming_both() {
    // Issue 24, item 8: under --workspace (or KPI_WORKSPACE) the plan named
    // by --plan, or the one of the folder a command runs in, was dropped in
    // silence, and `record` wrote the workspace's `jobs` for another plan.
    let wd = workspace("\"plans/*\"");
    wd.write("elsewhere/b/kpi.toml", plan(&own_kpi("jobs")));
    let ws = wd.file("kpi-workspace.toml").display().to_string();
    let names_both = |run: &crate::common::Run| {
        assert_eq!(run.code, Some(2), "{run}");
        assert!(run.stdout.is_empty(), "{run}");
        assert!(run.stderr.contains("elsewhere/b/kpi.toml"), "{run}");
        assert!(
            run.stderr
                .contains(&format!("this plan is not a member of the workspace {ws}")),
            "{run}"
        );
    };
    let before = wd.snapshot();
    // --plan under --workspace.
    let run = wd.run(&[
        "--workspace",
        &ws,
        "--plan",
        "elsewhere/b",
        "record",
        "jobs",
        "2021",
        "5",
    ]);
    names_both(&run);
    // The folder it runs in, under KPI_WORKSPACE and under --workspace.
    let mut cmd = wd.command(&["record", "jobs", "2021", "5"]);
    cmd.current_dir(wd.file("elsewhere/b"))
        .env("KPI_WORKSPACE", &ws);
    names_both(&crate::common::Run::of(&mut cmd));
    let mut cmd = wd.command(&["--workspace", &ws, "status"]);
    cmd.current_dir(wd.file("elsewhere/b"));
    names_both(&crate::common::Run::of(&mut cmd));
    assert_eq!(wd.snapshot(), before, "nothing written");
    // A member's folder, and the root, still read as before.
    let mut cmd = wd.command(&["--workspace", &ws, "status", "--format", "csv"]);
    cmd.current_dir(wd.file("plans/a"));
    let run = crate::common::Run::of(&mut cmd);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("jobs"), "{run}");
    let mut cmd = wd.command(&["--workspace", &ws, "status", "--format", "csv"]);
    cmd.current_dir(wd.file("ledger"));
    assert_eq!(crate::common::Run::of(&mut cmd).code, Some(0));
}

#[test]
fn validate_and_recover_refuse_a_plan_that_is_not_a_member_too() {
    // Issue 24, item 8, the rest: validate and recover took the workspace
    // given and never checked the plan named (or the folder's) was in it.
    let wd = workspace("\"plans/*\"");
    wd.write("elsewhere/b/kpi.toml", plan(&own_kpi("jobs")));
    let ws = wd.file("kpi-workspace.toml").display().to_string();
    let before = wd.snapshot();
    for command in ["validate", "recover"] {
        let named = wd.run(&["--workspace", &ws, "--plan", "elsewhere/b", command]);
        let mut cmd = wd.command(&[command]);
        cmd.current_dir(wd.file("elsewhere/b"))
            .env("KPI_WORKSPACE", &ws);
        let here = crate::common::Run::of(&mut cmd);
        for run in [named, here] {
            let first = run.failed()[0].to_string();
            assert!(first.contains("elsewhere/b/kpi.toml"), "{run}");
            assert!(
                first.contains(&format!("this plan is not a member of the workspace {ws}")),
                "{run}"
            );
        }
        // A member, named or where it is, is still the workspace's.
        let member = wd.run(&["--workspace", &ws, "--plan", "plans/a", command]);
        assert_eq!(member.code, Some(0), "{member}");
    }
    assert_eq!(wd.snapshot(), before, "nothing written");
}

#[test]
fn a_members_own_kpi_shows_as_the_members_and_the_indicator_view_is_asked_for() {
    // Issue 24, item 7: in sousei-1's folder, `show waiting-children` (its
    // KPI, on the registered indicator of that id) gave the cross-plan
    // indicator view: no pace, no status, no review.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka-workspace");
    let wd = Workdir::new().english();
    let show = |dir: &std::path::Path, extra: &[&str]| {
        let mut args = vec!["show", "waiting-children", "--format", "json"];
        args.extend_from_slice(extra);
        let mut cmd = wd.command(&args);
        cmd.current_dir(dir).env("KPI_TODAY", "2024-06-01");
        let run = crate::common::Run::of(&mut cmd);
        assert_eq!(run.code, Some(0), "{run}");
        serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()
    };
    let member = root.join("plans/sousei-1");
    // The member's view: its KPI with a status, and the other plans on it.
    let own = show(&member, &[]);
    assert_eq!(own["kpi"]["id"], "waiting-children", "{own}");
    assert!(own["kpi"]["status"].is_string(), "{own}");
    assert!(own.get("also_in").is_some(), "{own}");
    assert!(own.get("indicator").is_none(), "{own}");
    // Asked for, the indicator's view, as at the root.
    let asked = show(&member, &["--indicator"]);
    assert_eq!(asked["indicator"]["id"], "waiting-children", "{asked}");
    assert!(asked.get("kpi").is_none(), "{asked}");
    let at_root = show(&root, &[]);
    assert_eq!(at_root["indicator"], asked["indicator"]);
    // A plan alone has no indicators to show.
    let mut cmd = wd.command(&["show", "waiting-children", "--indicator"]);
    cmd.current_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka"));
    let run = crate::common::Run::of(&mut cmd);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("this plan is in no workspace"), "{run}");
}
