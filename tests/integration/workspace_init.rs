//! Starting and growing a workspace (workspace.md): `kpi init --workspace`,
//! `kpi init` inside one (the member's line added), `kpi init --successor`
//! (baselines pinned from the ledger, preliminary and missing figures
//! marked) and `kpi workspace adopt` (a plan's own ledger merged into the
//! root's; a conflict refused with nothing written).
//!
//! Hand-worked figures for the successor (progress.md): the old plan runs
//! 2014 → 2019; the ledger has, for 2019, visitors 150, waiting 12 (速報,
//! preliminary), done 7 and nothing for firms (2018: 14 only). The new plan,
//! baseline year 2019, target year 2019 + 5 = 2024 (the placeholder):
//! - visitors: baseline 150, target 160 carried. The 2020 figure 155:
//!   achievement (155 - 150)/(160 - 150) = 0.5, expected (2020 - 2019)/(2024 - 2019)
//!   = 0.2, pace 0.5/0.2 = 2.5 → on_track. The old plan, 100 → 160 by 2019,
//!   is past its target year short of it → missed: one R2 figure, two verdicts.
//! - kids (the registered indicator `waiting`): baseline 12, marked 速報値;
//!   target 0 carried.
//! - firms: no 2019 figure: the old baseline 10 (2014) is kept, marked 要確認.
//! - done: 0 → 5 in the old plan, 7 in 2019 already meets it: the target is
//!   the baseline, 7, marked 要確認, with the old direction written.

use std::fs;

use crate::common::{changed, Workdir};

const WORKSPACE: &str = "# the city\n[workspace]\nname = \"Test city\"\nmembers = [\"plans/*\"]  # every plan\nledger = [\"ledger\"]\nfiscal_year_start = 4\n\n[[indicator]]\nid = \"waiting\"\nname = \"待機児童数\"\nunit = \"人\"\n";

const OLD: &str = r#"[plan]
title = "First term"
year_style = "western"
baseline_year = 2014
target_year = 2019

[[goal]]
id = "G"
name = "Growth"
aim = """
Two lines
of aim."""

[[measure]]
id = "M"
goal = "G"
name = "Measure"

[[kpi]]
id = "visitors"
name = "Visitors"
goal = "G"
baseline = { value = 100 }
target = { value = 160 }

[[kpi]]
id = "kids"
indicator = "waiting"
measures = ["M"]
baseline = { value = 40 }
target = { value = 0 }

[[kpi]]
id = "firms"
name = "Firms"
measures = ["M"]
unit = "件"
baseline = { value = 10 }
target = { value = 20 }
milestones = { 2017 = 15 }

[[kpi]]
id = "done"
name = "Done"
goal = "G"
baseline = { value = 0 }
target = { value = 5 }
note = "a note"
"#;

const LEDGER_2018: &str = "kpi,year,value\nfirms,2018,14\n";
const LEDGER_2019: &str =
    "kpi,year,value,flag\nvisitors,2019,150,\nwaiting,2019,12,preliminary\ndone,2019,7,\n";
const LEDGER_2020: &str = "kpi,year,value\nvisitors,2020,155\n";

fn workspace() -> Workdir {
    let wd = Workdir::new().english();
    wd.write("kpi-workspace.toml", WORKSPACE);
    wd.write("ledger/2018.csv", LEDGER_2018);
    wd.write("ledger/2019.csv", LEDGER_2019);
    wd.write("ledger/2020.csv", LEDGER_2020);
    wd.write("plans/old/kpi.toml", OLD);
    wd
}

#[test]
fn init_workspace_writes_a_commented_file_and_an_empty_ledger_and_never_overwrites() {
    let wd = Workdir::new().english();
    let out = wd.ok(&["init", "--workspace", "city"]).stdout.clone();
    assert!(out.starts_with("created city: kpi-workspace.toml"), "{out}");
    let text = wd.read("city/kpi-workspace.toml");
    for line in [
        "members = [\"plans/*\"]",
        "ledger = [\"ledger\"]",
        "fiscal_year_start = 4",
        "# [[indicator]]",
        "# id = \"waiting-children\"",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    assert!(
        !text.contains("\n[[indicator]]"),
        "the example is commented out"
    );
    assert!(wd.file("city/ledger").is_dir());
    // Again: refused, nothing written.
    let run = wd.fails_writing_nothing(&["init", "--workspace", "city"]);
    assert!(run.stderr.contains("already exists"), "{run}");
    // A member started in it, then `kpi status` there reads the workspace.
    wd.ok(&["init", "city/plans/first"]);
    let run = wd.ok(&["--plan", "city/plans/first", "status", "--format", "json"]);
    assert_eq!(run.json()["kpis"].as_array().unwrap().len(), 2);
}

#[test]
fn init_inside_a_workspace_makes_a_member_and_adds_its_line_when_no_pattern_lists_it() {
    let wd = workspace();
    // plans/a: `plans/*` lists it; the workspace file is left alone.
    let out = wd.ok(&["init", "plans/a"]).stdout.clone();
    assert!(
        out.contains("its members already list \"plans/a\""),
        "{out}"
    );
    assert_eq!(wd.read("kpi-workspace.toml"), WORKSPACE);
    let plan = wd.read("plans/a/kpi.toml");
    assert!(!plan.contains("\nactuals ="), "{plan}");
    assert!(!plan.contains("\nfiscal_year_start ="), "{plan}");
    assert!(!wd.file("plans/a/actuals").exists());
    // From a folder below the root: sector/b is listed by no pattern.
    fs::create_dir_all(wd.file("sector")).unwrap();
    let run = crate::common::Run::of(
        crate::common::kpi_command()
            .current_dir(wd.file("sector"))
            .args(["init", "b"]),
    );
    let out = run.ok();
    assert!(out.contains("added \"sector/b\" to members in"), "{out}");
    assert_eq!(
        wd.read("kpi-workspace.toml"),
        WORKSPACE.replace(
            "members = [\"plans/*\"]",
            "members = [\"plans/*\", \"sector/b\"]"
        )
    );
    assert!(wd.file("sector/b/kpi.toml").is_file());
    // A second member named `b`: refused, nothing written.
    let run = wd.fails_writing_nothing(&["init", "other/b"]);
    assert!(
        run.stderr.contains("already has a member named `b`"),
        "{run}"
    );
}

/// Found by the issue-24 sweep: a workspace that lists its members by name
/// before they exist could not be grown, for `kpi init` of a listed
/// member was refused as "does not exist; create it with kpi init".
#[test]
fn init_creates_members_the_workspace_already_lists_by_name() {
    let wd = Workdir::new().english();
    let file = WORKSPACE.replace(
        "members = [\"plans/*\"]",
        "members = [\"plans/a\", \"plans/b\"]",
    );
    wd.write("kpi-workspace.toml", &file);
    fs::create_dir_all(wd.file("ledger")).unwrap();
    // Before either exists, a reading command says what is missing.
    let stderr = wd.refused(&["status"]);
    assert!(
        stderr.contains("member `plans/a` does not exist"),
        "{stderr}"
    );
    // plans/a is created while plans/b is still to come; the file is kept.
    let out = wd.ok(&["init", "plans/a"]).stdout.clone();
    assert!(
        out.contains("its members already list \"plans/a\""),
        "{out}"
    );
    assert!(wd.file("plans/a/kpi.toml").is_file());
    assert_eq!(wd.read("kpi-workspace.toml"), file);
    let stderr = wd.refused(&["status"]);
    assert!(
        stderr.contains("member `plans/b` does not exist"),
        "{stderr}"
    );
    assert!(!stderr.contains("plans/a` does not exist"), "{stderr}");
    // Then plans/b, and the workspace reads.
    wd.ok(&["init", "plans/b"]);
    wd.ok(&["status"]);
}

#[test]
fn a_successor_copies_every_kpi_with_its_series_and_pins_the_ledgers_baselines() {
    let wd = workspace();
    let out = wd
        .ok(&[
            "init",
            "--successor",
            "plans/old",
            "--baseline-year",
            "2019",
            "plans/new",
        ])
        .stdout
        .clone();
    assert!(
        out.contains("baselines: 3 from the ledger's 2019 figures (1 preliminary, marked 速報値); 1 without a 2019 figure kept the old baseline (marked 要確認)"),
        "{out}"
    );
    assert_eq!(wd.read("kpi-workspace.toml"), WORKSPACE, "plans/* lists it");
    let text = wd.read("plans/new/kpi.toml");
    let doc: toml::Table = text.parse().unwrap();
    let plan = doc["plan"].as_table().unwrap();
    assert_eq!(plan["succeeds"].as_str(), Some("old"));
    assert_eq!(plan["baseline_year"].as_str(), Some("2019"));
    assert_eq!(plan["target_year"].as_str(), Some("2024"));
    assert!(!plan.contains_key("actuals"));
    assert_eq!(doc["goal"][0]["aim"].as_str(), Some("Two lines\nof aim."));
    assert_eq!(doc["measure"][0]["goal"].as_str(), Some("G"));
    let kpis = doc["kpi"].as_array().unwrap();
    let ids: Vec<&str> = kpis.iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["visitors", "kids", "firms", "done"]);
    let field = |k: usize, f: &str| kpis[k][f].clone();
    let value = |k: usize, f: &str| kpis[k][f]["value"].as_integer().unwrap();
    // The series: the old indicator, else the old KPI's id.
    let series: Vec<&str> = kpis
        .iter()
        .map(|k| k["indicator"].as_str().unwrap())
        .collect();
    assert_eq!(series, ["visitors", "waiting", "firms", "done"]);
    assert_eq!((value(0, "baseline"), value(0, "target")), (150, 160));
    assert_eq!((value(1, "baseline"), value(1, "target")), (12, 0));
    assert_eq!((value(2, "baseline"), value(2, "target")), (10, 20));
    assert_eq!(kpis[2]["baseline"]["year"].as_str(), Some("2014"));
    assert!(kpis[2].get("milestones").is_none());
    assert_eq!((value(3, "baseline"), value(3, "target")), (7, 7));
    assert_eq!(field(3, "direction").as_str(), Some("increase"));
    assert_eq!(field(3, "note").as_str(), Some("a note"));
    assert_eq!(field(1, "measures")[0].as_str(), Some("M"));
    // The comments, on the lines they speak of.
    let line_of = |start: &str| {
        text.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("{start}: {text}"))
    };
    assert!(line_of("baseline = { value = 12 }").contains("# 速報値 (preliminary)"));
    assert!(text.contains(
        "# 要確認: no figure for 2019 in the ledger; old's baseline (2014) is kept until it is in:\n# record it (kpi record), then write it here as baseline = { value = … }\nbaseline = { value = 10, year = \"2014\" }\n"
    ), "{text}");
    assert!(line_of("target = { value = 160 }")
        .contains("# 目標値: 計画で定めること (set by the planners); old's target 160 (2019)"));
    assert!(line_of("target_year = ").contains("計画で定めること (set by the planners)"));
    assert!(text.contains("# 要確認: the baseline already meets old's target 5 (2019)"));

    // Both plans on one ledger: the 2020 figure 155 judged twice.
    let run = wd.ok(&["status", "--all", "--format", "json"]);
    let doc = run.json();
    let plans = doc["plans"].as_array().unwrap();
    let visitors = |p: usize| {
        plans[p]["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == "visitors")
            .unwrap()
            .clone()
    };
    // Members in pattern order, sorted: new, old.
    let new = visitors(0);
    assert_eq!(new["baseline"]["value"], 150);
    assert_eq!(new["latest"]["value"], 155);
    assert_eq!(new["achievement"], 0.5);
    assert_eq!(new["expected"], 0.2);
    assert_eq!(new["pace"], 2.5);
    assert_eq!(new["status"], "on_track");
    assert_eq!(visitors(1)["status"], "missed");
}

#[test]
fn a_successor_that_cannot_be_made_writes_nothing() {
    let wd = workspace();
    for args in [
        &[
            "init",
            "--successor",
            "plans/none",
            "--baseline-year",
            "2019",
            "plans/new",
        ][..],
        &[
            "init",
            "--successor",
            "plans/old",
            "--baseline-year",
            "someday",
            "plans/new",
        ],
        &[
            "init",
            "--successor",
            "plans/old",
            "--baseline-year",
            "2019",
            "plans/old",
        ],
        &[
            "init",
            "--successor",
            "plans/old",
            "--baseline-year",
            "2019",
            "/elsewhere/new",
        ],
        &["init", "--successor", "plans/old", "plans/new"],
    ] {
        wd.fails_writing_nothing(args);
    }
    // A broken ledger: every problem, nothing written.
    wd.write("ledger/2020.csv", "kpi,year,value\nnobody,2020,1\n");
    wd.fails_writing_nothing(&[
        "init",
        "--successor",
        "plans/old",
        "--baseline-year",
        "2019",
        "plans/new",
    ]);
}

/// A plan that has its own ledger: `beta` (own series) and `kids` (the
/// registered indicator `waiting`, keyed by its own id while alone).
const STANDALONE: &str = r#"[plan]
title = "Sector plan"
year_style = "western"
baseline_year = 2014
target_year = 2020
actuals = ["actuals"]   # its own ledger

[[goal]]
id = "S"
name = "Sector"

[[kpi]]
id = "beta"
name = "Beta"
goal = "S"
baseline = { value = 10 }
target = { value = 20 }

[[kpi]]
id = "kids"
indicator = "waiting"
name = "Waiting children"
unit = "人"
goal = "S"
baseline = { value = 30 }
target = { value = 0 }
"#;

/// `old/b`, the standalone plan, with its figures: beta 2015 12, 2016 15;
/// kids 2019 as given (the root's waiting 2019 is 12, preliminary: the
/// plan's final figure replaces it, 速報値 → 確定値).
fn with_standalone(kids_2019: &str) -> Workdir {
    let wd = workspace();
    wd.write("old/b/kpi.toml", STANDALONE);
    wd.write(
        "old/b/actuals/2015.csv",
        "kpi,year,value\nbeta,2015,12\nbeta,2016,15\n",
    );
    wd.write(
        "old/b/actuals/2019.csv",
        format!("kpi,year,value\nkids,2019,{kids_2019}\n"),
    );
    wd
}

#[test]
fn adopt_merges_the_plans_figures_into_the_root_ledger_and_its_status_is_unchanged() {
    let wd = with_standalone("12");
    let before = wd
        .ok(&["--plan", "old/b", "status", "--format", "json"])
        .stdout
        .clone();
    let out = wd.ok(&["workspace", "adopt", "old/b"]).stdout.clone();
    assert!(out.contains("figures: 3 merged into the workspace's ledger: 2 added, 0 already there, 1 preliminary figure made final"), "{out}");
    assert!(out.starts_with("old/b adopted as member b of"), "{out}");
    assert!(out.contains("added \"old/b\" to members"), "{out}");
    // The member's line, and nothing else of the workspace file, changed.
    assert_eq!(
        wd.read("kpi-workspace.toml"),
        WORKSPACE.replace(
            "members = [\"plans/*\"]",
            "members = [\"plans/*\", \"old/b\"]"
        )
    );
    // Its actuals line is gone, every other line as it was.
    let plan = wd.read("old/b/kpi.toml");
    assert!(!plan.contains("actuals = "), "{plan}");
    assert_eq!(
        plan.lines()
            .filter(|l| !l.starts_with("# actuals"))
            .collect::<Vec<_>>(),
        STANDALONE
            .lines()
            .filter(|l| !l.starts_with("actuals"))
            .collect::<Vec<_>>()
    );
    // The figures are in the root ledger, by series.
    let mut root = String::new();
    for f in ["2015", "2016", "2019"] {
        if let Ok(t) = fs::read_to_string(wd.file(&format!("ledger/{f}.csv"))) {
            root.push_str(&t);
        }
    }
    assert!(root.contains("beta,2015,12"), "{root}");
    assert!(root.contains("beta,2016,15"), "{root}");
    assert!(root.contains("waiting,2019,12"), "{root}");
    assert!(!root.contains("kids,"), "{root}");
    // The adopted member's status is the plan's before.
    let after = wd
        .ok(&["--plan", "old/b", "status", "--format", "json"])
        .stdout
        .clone();
    assert_eq!(after, before);
    // The whole workspace reads.
    wd.ok(&["status", "--all"]);
}

#[test]
fn adopt_refuses_a_conflicting_figure_and_writes_nothing() {
    // A KPI reading plans/old's own series `visitors`: the plan says 2019 =
    // 151, the root's final figure is 150. (Its kids 2019, 13, may replace
    // the root's preliminary 12: 速報値 → 確定値 is no conflict.)
    let wd = with_standalone("13");
    let mut plan = STANDALONE.to_string();
    plan.push_str("\n[[kpi]]\nid = \"guests\"\nindicator = \"visitors\"\nname = \"Guests\"\ngoal = \"S\"\nbaseline = { value = 100 }\ntarget = { value = 160 }\n");
    wd.write("old/b/kpi.toml", plan);
    wd.write(
        "old/b/actuals/2019.csv",
        "kpi,year,value\nkids,2019,13\nguests,2019,151\n",
    );
    let before = wd.snapshot();
    let run = wd.run(&["workspace", "adopt", "old/b"]);
    let lines = run.failed();
    assert!(
        lines[0].contains("conflict with the workspace's ledger; nothing was written"),
        "{run}"
    );
    assert!(
        run.stderr
            .contains("`visitors` 2019: the import says `151` but the ledger has `150`"),
        "{run}"
    );
    let after = wd.snapshot();
    assert!(before == after, "{:?}", changed(&before, &after));
}

#[test]
fn adopt_refuses_a_kpi_id_another_member_owns_and_writes_nothing() {
    let wd = with_standalone("12");
    // `visitors` is plans/old's own series.
    wd.write(
        "old/b/kpi.toml",
        STANDALONE.replace("id = \"beta\"", "id = \"visitors\""),
    );
    wd.write(
        "old/b/actuals/2015.csv",
        "kpi,year,value\nvisitors,2015,12\n",
    );
    let run = wd.fails_writing_nothing(&["workspace", "adopt", "old/b"]);
    assert!(
        run.stderr.contains("cannot join the workspace as it is"),
        "{run}"
    );
    assert!(
        run.stderr
            .contains("KPI visitors is also a KPI of member old"),
        "{run}"
    );
}

#[test]
fn adopt_keeps_a_crlf_plan_and_workspace_file_crlf() {
    // Issue 24, item 28: the comment replacing `actuals` ended in LF alone.
    let wd = with_standalone("12");
    let crlf = |t: &str| t.replace('\n', "\r\n");
    wd.write("old/b/kpi.toml", crlf(STANDALONE));
    wd.write("kpi-workspace.toml", crlf(WORKSPACE));
    wd.ok(&["workspace", "adopt", "old/b"]);
    // The actuals line (with its comment) is one comment line, ending as
    // every other line does; the rest byte for byte.
    let expected_plan = crlf(STANDALONE).replace(
        "actuals = [\"actuals\"]   # its own ledger\r\n",
        "# actuals: the workspace's ledger (kpi-workspace.toml); kpi workspace adopt merged this plan's figures into it\r\n",
    );
    assert_eq!(wd.read("old/b/kpi.toml"), expected_plan);
    assert_eq!(
        wd.read("kpi-workspace.toml"),
        crlf(WORKSPACE).replace(
            "members = [\"plans/*\"]",
            "members = [\"plans/*\", \"old/b\"]"
        )
    );
}

/// Issue 24, item 17: a baseline year that has not begun is refused, as a
/// figure for it is. Fiscal years start in April (the workspace's
/// `fiscal_year_start = 4`): on 2030-06-01 fiscal year 2030 has begun and
/// 2031 has not; on 2031-03-31 it is still fiscal year 2030.
#[test]
fn a_successor_baseline_year_not_begun_is_refused() {
    let wd = workspace();
    let args = [
        "init",
        "--successor",
        "plans/old",
        "--baseline-year",
        "2031",
        "plans/new",
    ];
    let run = wd.fails_writing_nothing(&args);
    assert!(
        run.stderr.contains(
            "--baseline-year 2031: fiscal year 2031 has not begun yet (today is 2030-06-01, in fiscal year 2030)"
        ),
        "{run}"
    );
    assert!(run.stderr.contains("name 2030 or an earlier year"), "{run}");
    let before = wd.snapshot();
    let run = crate::common::Run::of(wd.command(&args).env("KPI_TODAY", "2031-03-31"));
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr
            .contains("has not begun yet (today is 2031-03-31"),
        "{run}"
    );
    assert_eq!(wd.snapshot(), before);
    // The year begun is taken (its figures are not in: the old baselines kept).
    let run = wd.ok(&[
        "init",
        "--successor",
        "plans/old",
        "--baseline-year",
        "2030",
        "plans/new",
    ]);
    assert!(
        run.stdout.contains("0 from the ledger's 2030 figures"),
        "{run}"
    );
}

/// Issue 24, item 4: a geometric path cannot start at 0. The old plan
/// follows one (its values all above 0); the ledger's 2019 figure of
/// `done` is 0. The successor is written on a linear path, the comment and
/// the summary naming `done`, and it validates.
#[test]
fn a_successor_of_a_geometric_plan_with_a_zero_baseline_is_linear_and_says_why() {
    let wd = workspace();
    let geometric = OLD
        .replace(
            "target_year = 2019\n",
            "target_year = 2019\n\n[evaluation]\npath = \"geometric\"\non_track = 0.9\n",
        )
        .replace(
            "baseline = { value = 40 }\ntarget = { value = 0 }",
            "baseline = { value = 40 }\ntarget = { value = 5 }",
        )
        .replace(
            "baseline = { value = 0 }\ntarget = { value = 5 }",
            "baseline = { value = 1 }\ntarget = { value = 5 }",
        );
    wd.write("plans/old/kpi.toml", &geometric);
    wd.ok(&["validate", "--plan", "plans/old"]);
    wd.write(
        "ledger/2019.csv",
        "kpi,year,value\nvisitors,2019,150\nwaiting,2019,12\ndone,2019,0\n",
    );
    let run = wd.ok(&[
        "init",
        "--successor",
        "plans/old",
        "--baseline-year",
        "2019",
        "plans/new",
    ]);
    assert!(
        run.stdout.contains("path: linear, not old's geometric: a geometric path cannot start at 0 or below, and the 2019 baseline of KPI done is (marked 要確認)"),
        "{run}"
    );
    let text = wd.read("plans/new/kpi.toml");
    let doc: toml::Table = text.parse().unwrap();
    assert_eq!(doc["evaluation"]["path"].as_str(), Some("linear"), "{text}");
    assert_eq!(
        doc["evaluation"]["on_track"].as_float(),
        Some(0.9),
        "{text}"
    );
    assert!(
        text.contains("path = \"linear\"  # 要確認: old's path is \"geometric\", which cannot start at 0 or below, and the 2019 baseline of KPI done is;"),
        "{text}"
    );
    wd.ok(&["validate", "--plan", "plans/new"]);
    // With every baseline above 0 the path stays geometric.
    wd.write(
        "ledger/2019.csv",
        "kpi,year,value\nvisitors,2019,150\nwaiting,2019,12\ndone,2019,2\n",
    );
    std::fs::remove_dir_all(wd.file("plans/new")).unwrap();
    let run = wd.ok(&[
        "init",
        "--successor",
        "plans/old",
        "--baseline-year",
        "2019",
        "plans/new",
    ]);
    assert!(!run.stdout.contains("path: linear"), "{run}");
    let doc: toml::Table = wd.read("plans/new/kpi.toml").parse().unwrap();
    assert_eq!(doc["evaluation"]["path"].as_str(), Some("geometric"));
}
