//! `check`, `gap`, `report` and `show` across a workspace (workspace.md,
//! "Commands across a workspace"), on a small workspace written here: one
//! registered series, `jobs`, that two plans judge against their own
//! baselines and targets, with one figure, 16 in FY2020.
//!
//! Hand-worked (progress.md):
//! - alpha: baseline 10 (FY2019), target 20 (FY2020). The target year's
//!   figure is in and short of 20: `missed`. Achievement (16-10)/(20-10) =
//!   60.0 %; E(2020) = 20, so expected 100.0 % and pace 60.0 %; gap 20-16 = 4.
//! - beta: baseline 12 (FY2019), target 24 (FY2023): the path rises 3 a
//!   year (12, 15, 18, 21, 24). E(2020) = 15: pace (16-12)/(15-12) =
//!   133.3 %, at least 0.95: `on_track`; achievement 4/12 = 33.3 %, expected 3/12 = 25.0 %,
//!   gap 24-16 = 8; three years left, 4 a year seen, (16-12)/1.

use std::path::Path;

use crate::common::{kpi_command, Run, Workdir};

const WORKSPACE: &str = r#"[workspace]
name = "Testshi"
members = ["plans/*"]
ledger = ["ledger"]

[[indicator]]
id = "jobs"
name = "Jobs created"
unit = "件"
"#;

/// The `[[kpi]]` of alpha is on line 10.
const ALPHA: &str = r#"[plan]
title = "Alpha plan"
baseline_year = 2019
target_year = 2020

[[goal]]
id = "1"
name = "Goal one"

[[kpi]]
id = "a-jobs"
indicator = "jobs"
goal = "1"
baseline = { value = 10 }
target = { value = 20 }
"#;

/// The `[[kpi]]` of beta is on line 12; its title is markup to escape.
const BETA: &str = r#"[plan]
title = "Beta <plan> & co"
baseline_year = 2019
target_year = 2023

[[goal]]
id = "1"
name = "Goal one"

# The shared series, judged against this plan's own baseline and target.

[[kpi]]
id = "b-jobs"
indicator = "jobs"
goal = "1"
baseline = { value = 12 }
target = { value = 24 }
"#;

const LEDGER: &str = "kpi,year,value\njobs,2020,16\n";

fn two_plans() -> Workdir {
    let wd = Workdir::new();
    wd.write("kpi-workspace.toml", WORKSPACE)
        .write("plans/alpha/kpi.toml", ALPHA)
        .write("plans/beta/kpi.toml", BETA)
        .write("ledger/2020.csv", LEDGER);
    wd
}

/// `kpi --lang en --color never ARGS` in `dir` (relative to the workdir).
fn run_in(wd: &Workdir, dir: &str, args: &[&str]) -> Run {
    let mut cmd = wd.command(&["--lang", "en", "--color", "never"]);
    cmd.args(args)
        .current_dir(wd.file(dir))
        .env("NO_COLOR", "1");
    Run::of(&mut cmd)
}

/// Runs of cells separated by the table's rules, for comparing a row.
fn cells(line: &str) -> Vec<String> {
    line.split(['│', '┆'])
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

fn row_starting(text: &str, first: &str) -> Vec<String> {
    text.lines()
        .map(cells)
        .find(|c| c.first().is_some_and(|f| f == first))
        .unwrap_or_else(|| panic!("no row starting {first}:\n{text}"))
}

#[test]
fn check_flags_each_member_and_fails_if_any_does() {
    let wd = two_plans();
    let run = run_in(&wd, ".", &["check"]);
    run.expect_code(1);
    let text = &run.stdout;
    // A section per member, under its heading.
    let alpha = text.find("■ alpha\n").expect("alpha's heading");
    let beta = text.find("■ beta\n").expect("beta's heading");
    assert!(alpha < beta, "{text}");
    assert!(
        text.contains("a-jobs [missed] Jobs created: latest 16件 (FY2020), target 20件 (FY2020)\n"),
        "{text}"
    );
    assert!(!text.contains("b-jobs ["), "beta is on track: {text}");
    assert!(
        text.ends_with(
            "kpi check (Testshi): 1 of 2 KPIs flagged in 1 of 2 plans (fail-on: off_track,worsening,missed): missed 1\n"
        ),
        "{text}"
    );
    // Only beta, on track: passes.
    run_in(&wd, ".", &["check", "-p", "beta"]).expect_code(0);
    // In alpha's folder, alpha alone, as a plan alone prints it.
    let alone = run_in(&wd, "plans/alpha", &["check"]);
    alone.expect_code(1);
    assert!(!alone.stdout.contains('■'), "{alone}");
    // --quiet: the verdict only.
    let quiet = run_in(&wd, ".", &["check", "--quiet"]);
    quiet.expect_code(1);
    assert_eq!(quiet.stdout, "");
}

#[test]
fn github_annotations_land_on_each_members_file_and_line() {
    let wd = two_plans();
    let run = run_in(
        &wd,
        ".",
        &[
            "check",
            "--format",
            "github",
            "--fail-on",
            "missed,on_track",
        ],
    );
    run.expect_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run}");
    assert!(
        lines[0].starts_with("::error file=plans/alpha/kpi.toml,line=10,title=a-jobs%3A missed::"),
        "{run}"
    );
    assert!(
        lines[0].ends_with(
            "achievement 60.0%25, expected by now 100.0%25, pace 60.0%25, gap to target 4件"
        ),
        "{run}"
    );
    assert!(
        lines[1]
            .starts_with("::warning file=plans/beta/kpi.toml,line=12,title=b-jobs%3A on_track::"),
        "{run}"
    );
    assert!(
        lines[1].ends_with(
            "achievement 33.3%25, expected by now 25.0%25, pace 133.3%25, gap to target 8件"
        ),
        "{run}"
    );
    // Relative to $GITHUB_WORKSPACE when the plans are inside it.
    let mut cmd = kpi_command();
    cmd.current_dir(wd.file("plans/beta"))
        .env("GITHUB_WORKSPACE", wd.path().parent().unwrap())
        .args(["--lang", "en", "--all", "check", "--format", "github"]);
    let run = Run::of(&mut cmd);
    run.expect_code(1);
    let name = wd
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        run.stdout.starts_with(&format!(
            "::error file={name}/plans/alpha/kpi.toml,line=10,"
        )),
        "{run}"
    );
}

#[test]
fn junit_has_a_suite_per_member() {
    let wd = two_plans();
    let run = run_in(&wd, ".", &["check", "--format", "junit"]);
    run.expect_code(1);
    let xml = &run.stdout;
    assert!(
        xml.contains(
            r#"<testsuites name="kpi check" tests="2" failures="1" errors="0" skipped="0" time="0">"#
        ),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<testsuite name="alpha" tests="1" failures="1" errors="0" skipped="0" time="0" file="plans/alpha/kpi.toml">"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<testsuite name="beta" tests="1" failures="0" errors="0" skipped="0" time="0" file="plans/beta/kpi.toml">"#),
        "{xml}"
    );
    // The plan's title, escaped, as a property.
    assert!(
        xml.contains(r#"<property name="title" value="Beta &lt;plan&gt; &amp; co"/>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<testcase classname="1" name="b-jobs Jobs created" file="plans/beta/kpi.toml" line="12" time="0"/>"#),
        "{xml}"
    );
    assert_eq!(xml.matches("<testsuite ").count(), 2);
    assert_eq!(xml.matches("<failure ").count(), 1);
}

#[test]
fn check_json_is_the_workspace_document_around_each_members() {
    let wd = two_plans();
    let run = run_in(&wd, ".", &["check", "--format", "json"]);
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["workspace"]["name"], "Testshi");
    assert_eq!(
        doc["workspace"]["members"][1]["plan"],
        "plans/beta/kpi.toml"
    );
    assert_eq!(doc["passed"], false);
    assert_eq!(doc["exit_code"], 1);
    let plans = doc["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0]["plan"]["title"], "Alpha plan");
    assert_eq!(plans[0]["plan"]["file"], "plans/alpha/kpi.toml");
    assert_eq!(plans[0]["flagged_count"], 1);
    assert_eq!(plans[0]["flagged"][0]["id"], "a-jobs");
    assert_eq!(plans[0]["flagged"][0]["status"], "missed");
    assert_eq!(plans[0]["flagged"][0]["line"], 10);
    assert_eq!(plans[1]["passed"], true);
    assert_eq!(plans[1]["flagged_count"], 0);
    // Each member's object is the one its plan alone prints, byte for byte
    // but for its indentation: the whole parses back to the same values.
    let alone = run_in(&wd, "plans/beta", &["check", "--format", "json"]);
    alone.expect_code(0);
    let mut beta: serde_json::Value = serde_json::from_str(&alone.stdout).unwrap();
    beta["plan"]["file"] = "plans/beta/kpi.toml".into();
    assert_eq!(plans[1], beta);
}

#[test]
fn gap_has_a_section_per_member_and_a_plan_column_in_csv() {
    let wd = two_plans();
    let run = run_in(&wd, ".", &["gap"]);
    let text = run.ok();
    assert!(text.starts_with("■ alpha\n"), "{text}");
    assert!(text.contains("\n■ beta\n"), "{text}");
    let csv = run_in(&wd, ".", &["gap", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.ok().as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "plan");
    assert_eq!(&header[1], "id");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // alpha's one KPI is missed: gap leaves it out, the header stays once.
    assert_eq!(rows.len(), 1);
    assert_eq!((&rows[0][0], &rows[0][1]), ("beta", "b-jobs"));
    assert_eq!(&rows[0][col("gap")], "8");
    assert_eq!(&rows[0][col("years_left")], "3");
    assert_eq!(&rows[0][col("seen_per_year")], "4");
    // The least-squares line through (2019, 12) and (2020, 16) rises 4 a
    // year: 16 + 3·4 = 28 in 2023, past the target of 24.
    assert_eq!(&rows[0][col("projection")], "28");
    assert_eq!(&rows[0][col("reaches")], "true");
    let json = run_in(&wd, ".", &["gap", "--format", "json"]).json();
    assert_eq!(json["workspace"]["name"], "Testshi");
    assert_eq!(json["plans"][0]["kpis"], serde_json::json!([]));
    assert_eq!(json["plans"][1]["kpis"][0]["id"], "b-jobs");
    assert_eq!(json["plans"][1]["kpis"][0]["years_left"], 3);
}

#[test]
fn show_a_member_kpi_says_where_else_its_series_is_used() {
    let wd = two_plans();
    let run = run_in(&wd, "plans/alpha", &["show", "a-jobs"]);
    let text = run.ok();
    assert!(text.starts_with("Jobs created (a-jobs)\n"), "{text}");
    assert!(
        text.ends_with("\nalso in: beta (b-jobs) — on track\n"),
        "{text}"
    );
    let ja = Run::of(
        wd.command(&["--lang", "ja", "show", "b-jobs"])
            .current_dir(wd.file("plans/beta")),
    );
    assert!(
        ja.ok().ends_with("\n他の計画: alpha (a-jobs) — 未達成\n"),
        "{ja}"
    );
    // What comes before the line is the plan alone's output.
    let json = run_in(&wd, "plans/alpha", &["show", "a-jobs", "--format", "json"]).json();
    assert_eq!(json["kpi"]["status"], "missed");
    assert_eq!(json["plan"], "alpha");
    assert_eq!(json["also_in"][0]["plan"], "beta");
    assert_eq!(json["also_in"][0]["kpi"], "b-jobs");
    assert_eq!(json["also_in"][0]["status"], "on_track");
}

#[test]
fn show_an_indicator_puts_every_plans_path_on_its_figures() {
    let wd = two_plans();
    for dir in [".", "plans/alpha"] {
        let run = run_in(&wd, dir, &["show", "jobs"]);
        let text = run.ok();
        assert!(
            text.starts_with("Jobs created (jobs)\n  unit: 件\n"),
            "{text}"
        );
        assert!(
            text.contains("  plans: alpha (a-jobs), beta (b-jobs)\n"),
            "{text}"
        );
        assert_eq!(
            row_starting(text, "alpha"),
            [
                "alpha",
                "a-jobs",
                "10件 (FY2019)",
                "20件 (FY2020)",
                "16件 (FY2020)",
                "60.0%",
                "missed"
            ]
        );
        assert_eq!(
            row_starting(text, "beta"),
            [
                "beta",
                "b-jobs",
                "12件 (FY2019)",
                "24件 (FY2023)",
                "16件 (FY2020)",
                "33.3%",
                "on track"
            ]
        );
        // Figures by year beside each path: beta's rises 3 a year.
        assert_eq!(
            row_starting(text, "FY2019"),
            ["FY2019", "-", "10件 (baseline)", "12件 (baseline)"]
        );
        assert_eq!(
            row_starting(text, "FY2020"),
            ["FY2020", "16件", "20件 (target)", "15件"]
        );
        assert_eq!(row_starting(text, "FY2022"), ["FY2022", "-", "21件"]);
        assert_eq!(
            row_starting(text, "FY2023"),
            ["FY2023", "-", "24件 (target)"]
        );
        // One chart: each plan's path by its number in the legend.
        assert!(
            text.contains(
                "● actual  1 alpha expected path  2 beta expected path  ◎ target  □ baseline"
            ),
            "{text}"
        );
    }
    let json = run_in(&wd, ".", &["show", "jobs", "--format", "json"]).json();
    assert_eq!(json["indicator"]["id"], "jobs");
    assert_eq!(json["indicator"]["unit"], "件");
    assert_eq!(json["figures"][0]["year"], 2020);
    assert_eq!(json["figures"][0]["value"], 16);
    assert_eq!(json["plans"][0]["plan"], "alpha");
    assert_eq!(json["plans"][0]["kpi"]["status"], "missed");
    assert_eq!(json["plans"][1]["kpi"]["status"], "on_track");
    let path: Vec<i64> = json["plans"][1]["kpi"]["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_i64().unwrap())
        .collect();
    assert_eq!(path, [12, 15, 18, 21, 24]);
    // An unknown id is an error naming what there is.
    let run = run_in(&wd, ".", &["show", "job"]);
    run.failed();
    assert!(run.stderr.contains("`job`"), "{run}");
}

#[test]
fn report_has_a_chapter_per_member_and_the_shared_indicators() {
    let wd = two_plans();
    let md = run_in(&wd, ".", &["report", "--format", "markdown"]);
    let md = md.ok();
    assert!(md.starts_with("# Testshi — 2 plans\n"), "{md}");
    let alpha = md
        .find("\n# ■ alpha\n\n# Alpha plan — as of FY2020\n")
        .expect("alpha's chapter");
    // Plan text is escaped: the title's markup is text.
    let beta = md
        .find("\n# ■ beta\n\n# Beta &lt;plan&gt; &amp; co — as of FY2020\n")
        .expect("beta's chapter");
    let appendix = md
        .find("\n# Appendix: shared indicators across plans\n")
        .expect("the appendix");
    assert!(alpha < beta && beta < appendix, "{md}");
    let tail = &md[appendix..];
    assert!(
        tail.contains("\n## Jobs created (jobs) (unit: 件)\n"),
        "{tail}"
    );
    assert!(
        tail.contains(
            "| alpha | a-jobs | 10件 (FY2019) | 20件 (FY2020) | 16件 (FY2020) | 60.0% | missed |\n"
        ),
        "{tail}"
    );
    assert!(
        tail.contains("| beta | b-jobs | 12件 (FY2019) | 24件 (FY2023) | 16件 (FY2020) | 33.3% | on track |\n"),
        "{tail}"
    );
    assert!(
        tail.contains("| FY2020 | 16件 | 20件 (target) | 15件 |\n"),
        "{tail}"
    );
    let html = run_in(&wd, ".", &["report", "--format", "html"]);
    let html = html.ok();
    assert_eq!(html.matches("<article class=\"plan\"").count(), 2);
    assert!(html.contains("<h1 class=\"member\">■ alpha</h1>"), "{html}");
    assert!(html.contains("Beta &lt;plan&gt; &amp; co"));
    assert!(!html.contains("<plan>"), "plan text is escaped");
    assert!(html.contains("Appendix: shared indicators across plans"));
    // Each chapter's ids are its own: the same KPI id in two plans does not clash.
    assert!(html.contains("id=\"p0-kpi-a-jobs\""), "{html}");
    assert!(html.contains("id=\"p1-kpi-b-jobs\""), "{html}");
    assert!(html.contains("<td class=\"num\">15件</td>"), "{html}");
}

/// A plan with no indicator, as a workspace's only member and alone.
const SOLO: &str = r#"[plan]
title = "Solo plan"
baseline_year = 2019
target_year = 2023

[[goal]]
id = "1"
name = "Goal one"

[[kpi]]
id = "visitors"
name = "Visitors"
goal = "1"
unit = "人"
baseline = { value = 100 }
target = { value = 140 }

[[kpi]]
id = "events"
name = "Events"
goal = "1"
baseline = { value = 5 }
target = { value = 3 }
"#;

const SOLO_LEDGER: &str = "kpi,year,value\nvisitors,2020,104\nevents,2020,6\nvisitors,2021,125\n";

#[test]
fn a_workspace_of_one_prints_what_the_plan_alone_prints() {
    let ws = Workdir::new();
    ws.write(
        "kpi-workspace.toml",
        "[workspace]\nname = \"One\"\nmembers = [\"plans/*\"]\nledger = [\"ledger\"]\n",
    )
    .write("plans/solo/kpi.toml", SOLO)
    .write("ledger/2021.csv", SOLO_LEDGER);
    let alone = Workdir::with_ledger(SOLO, &[("2021.csv", SOLO_LEDGER)]);
    let commands: [&[&str]; 16] = [
        &["check"],
        &["check", "--fail-on", "on_track,worsening"],
        &["check", "--format", "json"],
        &[
            "check",
            "--format",
            "github",
            "--fail-on",
            "on_track,worsening",
        ],
        &["check", "--format", "junit"],
        &["gap"],
        &["gap", "--format", "json"],
        &["gap", "--format", "csv"],
        &["gap", "--format", "markdown"],
        &["report", "--format", "html"],
        &["report", "--format", "markdown"],
        &["show", "visitors"],
        &["show", "events", "--format", "json"],
        &["show", "Visitors"],
        &["--lang", "ja", "show", "events"],
        &["--lang", "ja", "report", "--format", "markdown"],
    ];
    for args in commands {
        let theirs = run_in(&alone, ".", args);
        for dir in ["plans/solo", "."] {
            if dir == "." && args[0] == "check" && args.len() > 1 && args[1] == "--format" {
                // At the root, the plan's file is named from there.
                continue;
            }
            let ours = run_in(&ws, dir, args);
            assert_eq!(ours.code, theirs.code, "{args:?} in {dir}: {ours}");
            assert!(
                ours.bytes == theirs.bytes,
                "{args:?} in {dir}:\n--- workspace\n{}\n--- alone\n{}",
                ours.stdout,
                theirs.stdout
            );
        }
    }
    // The two plans' files say the same, but for where the figures are.
    assert!(Path::new(&ws.file("plans/solo/kpi.toml")).exists());
}

#[test]
fn output_is_never_written_over_the_workspaces_files() {
    let wd = two_plans();
    for args in [
        ["report", "-o", "ledger/2020.csv"],
        ["gap", "-o", "plans/beta/kpi.toml"],
        ["report", "-o", "kpi-workspace.toml"],
    ] {
        let before = wd.snapshot();
        let run = run_in(&wd, ".", &args);
        run.failed();
        assert!(wd.snapshot() == before, "{args:?} changed the folder");
    }
    // A file elsewhere is written: the same document as on stdout.
    let stdout = run_in(&wd, ".", &["report", "--format", "markdown"]);
    run_in(&wd, ".", &["report", "-o", "out.md"]).ok();
    assert_eq!(wd.read("out.md"), stdout.ok());
}
