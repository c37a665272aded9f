//! `kpi check` through the real binary: every exit code, every format read
//! back by an ordinary parser (serde_json, roxmltree, a regex that follows
//! GitHub's documented workflow-command syntax), and the line numbers the
//! annotations carry.
//!
//! The statuses below are worked by hand from design/progress.md. Every KPI
//! has y0 = 2014 and, unless said, y1 = 2019, a linear path and the default
//! cut-offs (on_track pace ≥ 0.95, at_risk ≥ 0.60, stale when A - y ≥ 2).
//! The ledger's newest year is 2017, so A = 2017 by default, and E(2017)
//! lies 3/5 of the way from b to t.
//!
//! | KPI (line of `[[kpi]]`) | b → t        | latest     | working                                             | status      |
//! | ----------------------- | ------------ | ---------- | --------------------------------------------------- | ----------- |
//! | on-track (15)           | 10 → 20      | 16 (2017)  | E = 16, pace 6/6 = 1                                | on_track    |
//! | off-track (22)          | 100 → 200    | 110 (2017) | E = 160, pace 10/60 = 1/6                           | off_track   |
//! | worse (30)              | 50 → 30, dec | 55 (2017)  | s·(a-b) = -(55-50) = -5 < 0                         | worsening   |
//! | risky (38)              | 0 → 10       | 4 (2017)   | E = 6, pace 4/6 = 0.67                              | at_risk     |
//! | old (45)                | 0.0 → 10.0   | 2.0 (2015) | E(2015) = 2, pace 1; 2017 - 2015 = 2 ≥ 2 → stale    | on_track, stale |
//! | none (53)               | 1 → 2        | -          | no figure                                           | no_data     |
//! | done (60)               | 0 → 10       | 10 (2016)  | s·(a-t) = 0 ≥ 0                                     | achieved    |
//! | late (67)               | 5 → 9 (2016) | 8 (2016)   | not reached, y = 2016 ≥ y1 = 2016                   | missed      |

use crate::common::{asaka, run_english, Run, Workdir};
use regex::Regex;
use serde_json::{json, Value};

/// Line 1 is `[plan]`; the `[[kpi]]` headers are on the lines in the table above.
const PLAN: &str = r#"[plan]
title = "Test city"
baseline_year = 2014
target_year = 2019

[[goal]]
id = "G1"
name = "Jobs"

[[measure]]
id = "M1"
goal = "G1"
name = "Business"

[[kpi]]
id = "on-track"
name = "Firms supported"
measures = ["M1"]
baseline = { value = 10 }
target = { value = 20 }

[[kpi]]
id = "off-track"
name = "Jobs: 100% \"new\", <local> & more"
goal = "G1"
unit = "jobs"
baseline = { value = 100 }
target = { value = 200 }

[[kpi]]
id = "worse"
name = "Waiting list"
goal = "G1"
unit = "人"
baseline = { value = 50 }
target = { value = 30 }

[[kpi]]
id = "risky"
name = "Events"
goal = "G1"
baseline = { value = 0 }
target = { value = 10 }

[[kpi]]
id = "old"
name = "Survey share"
goal = "G1"
unit = "%"
baseline = { value = 0.0 }
target = { value = 10.0 }

[[kpi]]
id = "none"
name = "Satisfaction"
goal = "G1"
baseline = { value = 1 }
target = { value = 2 }

[[kpi]]
id = "done"
name = "Shops"
measures = ["M1"]
baseline = { value = 0 }
target = { value = 10 }

[[kpi]]
id = "late"
name = "Nurseries"
goal = "G1"
baseline = { value = 5 }
target = { value = 9, year = 2016 }
"#;

const LEDGER: &str = "kpi,year,value
on-track,2017,16
off-track,2017,110
worse,2017,55
risky,2017,4
old,2015,2.0
done,2016,10
late,2016,8
";

/// The `[[kpi]]` header lines, counted by hand in PLAN above.
const LINES: [(&str, usize); 8] = [
    ("on-track", 15),
    ("off-track", 22),
    ("worse", 30),
    ("risky", 38),
    ("old", 45),
    ("none", 53),
    ("done", 60),
    ("late", 67),
];

fn line_of(id: &str) -> usize {
    LINES
        .iter()
        .find(|(k, _)| *k == id)
        .map(|(_, l)| *l)
        .unwrap()
}

fn city() -> Workdir {
    Workdir::with_ledger(PLAN, &[("all.csv", LEDGER)]).english()
}

#[test]
fn hand_counted_lines_are_the_kpi_headers() {
    // A check of the table above against the text, independent of kpi.
    let lines: Vec<&str> = PLAN.lines().collect();
    for (id, line) in LINES {
        assert_eq!(lines[line - 1], "[[kpi]]", "{id}");
        assert_eq!(lines[line], format!("id = \"{id}\""), "{id}");
    }
}

// ------------------------------------------------------------------ exit codes

#[test]
fn exit_1_when_a_kpi_is_in_a_default_failing_status() {
    // Default --fail-on off_track,worsening,missed: off-track, worse, late.
    let wd = city();
    let run = wd.run(&["check"]);
    run.expect_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "three flags and a summary:\n{}", run.stdout);
    assert!(lines[0].starts_with("off-track [off_track] Jobs: 100% \"new\", <local> & more: "));
    // Latest 110 jobs (2017), target 200 jobs (2019); the plan's year style is fiscal.
    assert!(
        lines[0].contains("latest 110 jobs (FY2017)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("target 200 jobs (FY2019)"),
        "{}",
        lines[0]
    );
    assert!(lines[1]
        .starts_with("worse [worsening] Waiting list: latest 55人 (FY2017), target 30人 (FY2019)"));
    assert!(lines[2].starts_with("late [missed] Nurseries: latest 8 (FY2016), target 9 (FY2016)"));
    assert_eq!(
        lines[3],
        "kpi check: 3 of 8 KPIs flagged as of FY2017 (fail-on: off_track,worsening,missed): \
         off track 1, worsening 1, missed 1"
    );
}

#[test]
fn exit_0_when_nothing_is_flagged() {
    let wd = city();
    // Under measure M1: on-track (on_track) and done (achieved): nothing to flag.
    let run = wd.run(&["check", "--measure", "M1"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "kpi check: 0 of 2 KPIs flagged as of FY2017 (fail-on: off_track,worsening,missed)\n"
    );
    // As of 2015 only old (2.0 in 2015: on_track) has a scored figure; late's 2016
    // figure is after the as-of year, so it is no_data, not missed.
    wd.run(&["check", "--year", "2015"]).expect_code(0);
    wd.run(&["check", "--year", "H27", "-q"]).expect_code(0);
}

#[test]
fn fail_on_names_other_statuses_and_stale() {
    let wd = city();
    let flagged = |fail_on: &str| -> Vec<String> {
        let run = wd.run(&["check", "--fail-on", fail_on, "--format", "json"]);
        let doc: Value = serde_json::from_str(&run.stdout).unwrap();
        let ids: Vec<String> = doc["flagged"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["id"].as_str().unwrap().to_string())
            .collect();
        run.expect_code(if ids.is_empty() { 0 } else { 1 });
        ids
    };
    assert_eq!(flagged("at_risk"), ["risky"]);
    assert_eq!(flagged("stale"), ["old"]);
    assert_eq!(flagged("no_data"), ["none"]);
    assert_eq!(flagged("achieved"), ["done"]);
    assert_eq!(flagged("on_track"), ["on-track", "old"]);
    assert_eq!(
        flagged("stale,at_risk,off_track"),
        ["off-track", "risky", "old"]
    );
    // Spaces around names are forgiven, a name given twice counts once.
    assert_eq!(flagged(" missed , missed"), ["late"]);
    // As of 2016 only late's figure (8 in 2016, missed) and done's are scored.
    let run = wd.run(&["check", "--year", "2016"]);
    run.expect_code(1);
    assert!(run.stdout.starts_with("late [missed] "), "{}", run.stdout);
}

#[test]
fn quiet_prints_nothing_and_keeps_the_verdict() {
    let wd = city();
    for format in ["text", "json", "github", "junit"] {
        let run = wd.run(&["check", "--quiet", "--format", format]);
        run.expect_code(1);
        assert_eq!(run.stdout, "", "{format}");
        assert_eq!(run.stderr, "", "{format}");
    }
    let run = wd.run(&["check", "-q", "--fail-on", "at_risk", "--goal", "G1"]);
    run.expect_code(1);
    assert_eq!(run.stdout, "");
    let run = wd.run(&["check", "-q", "--measure", "M1"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "");
}

#[test]
fn exit_2_on_invalid_input_with_nothing_on_stdout() {
    let wd = city();
    let cases: [(&[&str], &str); 7] = [
        (
            &["check", "--fail-on", "bogus,off_track,late"],
            "--fail-on: unknown status `bogus`, `late`",
        ),
        (&["check", "--fail-on", ""], "--fail-on: no status given"),
        (
            &["check", "--fail-on", "on-track"],
            "unknown status `on-track`",
        ),
        (
            &["check", "--goal", "G9"],
            "error: --goal: the plan has no goal `G9`; did you mean `G1`?\n",
        ),
        (
            &["check", "--owner", "nobody"],
            "error: --owner: no KPI is owned by `nobody`; the plan has no owners\n",
        ),
        (
            &["check", "--year", "banana"],
            "--year: `banana` is not a fiscal year",
        ),
        (&["check", "--format", "xml"], "invalid value 'xml'"),
    ];
    for (args, message) in cases {
        let run = wd.run(args);
        run.expect_code(2);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
    // --quiet does not hide an invalid input: still 2, and the error on stderr.
    let run = wd.run(&["check", "-q", "--fail-on", "bogus"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("bogus"));
}

#[test]
fn exit_2_on_an_invalid_plan_or_ledger_naming_file_and_line() {
    // A plan with a TOML error on line 2.
    let wd = Workdir::with_plan("[plan]\ntitle = \n").english();
    let run = wd.run(&["check", "--format", "github"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("kpi.toml:2"), "{}", run.stderr);

    // A ledger naming a KPI the plan does not have, on line 3 of all.csv.
    let wd = Workdir::with_ledger(
        PLAN,
        &[(
            "all.csv",
            "kpi,year,value\non-track,2017,16\nghost,2017,1\n",
        )],
    )
    .english();
    let run = wd.run(&["check", "--format", "junit"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("all.csv:3"), "{}", run.stderr);

    // No plan at all.
    let empty = tempfile::tempdir().unwrap();
    let run = run_english(empty.path(), &["check"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
}

// ----------------------------------------------------------------------- json

#[test]
fn json_has_the_verdict_the_counts_and_each_flagged_kpi() {
    let wd = city();
    let run = wd.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let doc: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["plan"]["title"], "Test city");
    assert_eq!(doc["plan"]["file"], "kpi.toml");
    assert_eq!(
        doc["plan"]["as_of"],
        json!({ "year": 2017, "label": "FY2017" })
    );
    assert_eq!(doc["fail_on"], json!(["off_track", "worsening", "missed"]));
    assert_eq!(doc["passed"], false);
    assert_eq!(doc["exit_code"], 1);
    assert_eq!(doc["total"], 8);
    assert_eq!(doc["flagged_count"], 3);
    assert_eq!(doc["stale_count"], 1);
    // All eight: on-track and old on_track; the rest one each.
    assert_eq!(
        doc["counts"],
        json!({ "achieved": 1, "on_track": 2, "at_risk": 1, "off_track": 1, "worsening": 1, "missed": 1, "no_data": 1 })
    );
    assert_eq!(
        doc["flagged_counts"],
        json!({ "achieved": 0, "on_track": 0, "at_risk": 0, "off_track": 1, "worsening": 1, "missed": 1, "no_data": 0 })
    );
    let flagged = doc["flagged"].as_array().unwrap();
    let summary: Vec<(&str, &str, u64, &str)> = flagged
        .iter()
        .map(|k| {
            (
                k["id"].as_str().unwrap(),
                k["status"].as_str().unwrap(),
                k["line"].as_u64().unwrap(),
                k["level"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("off-track", "off_track", 22, "error"),
            ("worse", "worsening", 30, "error"),
            ("late", "missed", 67, "error"),
        ]
    );
    // off-track: achievement (110-100)/(200-100) = 0.1; expected 3/5 = 0.6;
    // pace 10/60 = 1/6; gap 200 - 110 = 90.
    let k = &flagged[0];
    assert_eq!(k["name"], "Jobs: 100% \"new\", <local> & more");
    assert_eq!(k["flagged_by"], json!(["off_track"]));
    assert_eq!(
        k["latest"],
        // cli.md: latest carries the figure's note and preliminary flag too.
        json!({ "year": 2017, "label": "FY2017", "value": 110, "note": null, "preliminary": false })
    );
    assert!((k["achievement"].as_f64().unwrap() - 0.1).abs() < 1e-12);
    assert!((k["expected"].as_f64().unwrap() - 0.6).abs() < 1e-12);
    assert!((k["pace"].as_f64().unwrap() - 1.0 / 6.0).abs() < 1e-12);
    assert_eq!(k["gap"], 90);
    // worse (lower is better): gap s·(t - a) = -(30 - 55) = 25.
    assert_eq!(flagged[1]["gap"], 25);
}

#[test]
fn json_when_passing() {
    let wd = city();
    let run = wd.run(&["check", "--format", "json", "--measure", "M1"]);
    run.expect_code(0);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["passed"], true);
    assert_eq!(doc["exit_code"], 0);
    assert_eq!(doc["total"], 2);
    assert_eq!(doc["flagged"], json!([]));
}

#[test]
fn json_marks_flags_for_other_statuses_and_stale_as_warnings() {
    let wd = city();
    let run = wd.run(&["check", "--format", "json", "--fail-on", "stale,at_risk"]);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let levels: Vec<(&str, &str, Value)> = doc["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["id"].as_str().unwrap(),
                k["level"].as_str().unwrap(),
                k["flagged_by"].clone(),
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("risky", "warning", json!(["at_risk"])),
            ("old", "warning", json!(["stale"])),
        ]
    );
}

// --------------------------------------------------------------------- github

/// GitHub's workflow command for an annotation:
/// `::error file={name},line={line},title={title}::{message}` (and `::warning`).
/// Properties are escaped so that they hold no `,`, `:`, CR or LF; the message
/// holds no CR or LF; `%` appears only as the start of an escape.
fn annotation_regex() -> Regex {
    Regex::new(
        r"^::(error|warning) file=([^,:\r\n]+),line=([1-9][0-9]*),title=([^,:\r\n]*)::([^\r\n]*)$",
    )
    .unwrap()
}

/// Undo GitHub's escapes; `%25` last, so `%253A` stays `%3A`.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

fn only_escapes_use_percent(s: &str) {
    for (i, _) in s.match_indices('%') {
        let code = s.get(i + 1..i + 3).unwrap_or("");
        assert!(
            ["25", "0D", "0A", "3A", "2C"].contains(&code),
            "a bare % at {i} in {s}"
        );
    }
}

struct Annotation {
    level: String,
    file: String,
    line: usize,
    title: String,
    message: String,
}

fn annotations(stdout: &str) -> Vec<Annotation> {
    let re = annotation_regex();
    stdout
        .lines()
        .map(|l| {
            let c = re
                .captures(l)
                .unwrap_or_else(|| panic!("not a GitHub annotation: {l}"));
            for part in [&c[2], &c[4], &c[5]] {
                only_escapes_use_percent(part);
            }
            Annotation {
                level: c[1].to_string(),
                file: unescape(&c[2]),
                line: c[3].parse().unwrap(),
                title: unescape(&c[4]),
                message: unescape(&c[5]),
            }
        })
        .collect()
}

#[test]
fn github_annotations_land_on_each_flagged_kpis_line() {
    let wd = city();
    let run = wd.run(&["check", "--format", "github"]);
    run.expect_code(1);
    let found = annotations(&run.stdout);
    let got: Vec<(&str, &str, usize, &str)> = found
        .iter()
        .map(|a| (a.level.as_str(), a.file.as_str(), a.line, a.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "error",
                "kpi.toml",
                line_of("off-track"),
                "off-track: off_track"
            ),
            ("error", "kpi.toml", line_of("worse"), "worse: worsening"),
            ("error", "kpi.toml", line_of("late"), "late: missed"),
        ]
    );
    // The name's `%`, `:` and `,` survive the escaping; its figures follow.
    let m = &found[0].message;
    assert!(
        m.starts_with("Jobs: 100% \"new\", <local> & more (off-track): off_track; "),
        "{m}"
    );
    assert!(
        m.contains("latest 110 jobs (FY2017), target 200 jobs (FY2019)"),
        "{m}"
    );
    // achievement 0.1 → 10.0%; expected 0.6 → 60.0%; pace 1/6 → 16.7%; gap 90 jobs
    // (in the words of issue 25 item 5: expected by now, gap to target).
    assert!(
        m.ends_with("achievement 10.0%, expected by now 60.0%, pace 16.7%, gap to target 90 jobs"),
        "{m}"
    );
    assert!(found[1]
        .message
        .starts_with("Waiting list (worse): worsening; "));
}

#[test]
fn github_warnings_for_stale_and_other_chosen_statuses() {
    let wd = city();
    let run = wd.run(&[
        "check",
        "--format",
        "github",
        "--fail-on",
        "at_risk,stale,no_data,worsening",
    ]);
    run.expect_code(1);
    let got: Vec<(String, usize, String)> = annotations(&run.stdout)
        .into_iter()
        .map(|a| (a.level, a.line, a.title))
        .collect();
    assert_eq!(
        got,
        [
            ("error".to_string(), 30, "worse: worsening".to_string()),
            ("warning".to_string(), 38, "risky: at_risk".to_string()),
            (
                "warning".to_string(),
                45,
                "old: on_track, stale".to_string()
            ),
            ("warning".to_string(), 53, "none: no_data".to_string()),
        ]
    );
}

#[test]
fn github_prints_nothing_when_nothing_is_flagged() {
    let run = city().run(&["check", "--format", "github", "--measure", "M1"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "");
}

#[test]
fn github_file_is_the_plan_relative_to_the_workspace_or_the_current_folder() {
    let wd = Workdir::with_plan("").english();
    wd.write("plans/city/kpi.toml", PLAN);
    wd.write("plans/city/actuals/all.csv", LEDGER);
    // From the repository root, as given.
    let run = wd.run(&["check", "--format", "github", "--plan", "plans/city"]);
    let files: Vec<String> = annotations(&run.stdout)
        .into_iter()
        .map(|a| a.file)
        .collect();
    assert_eq!(files, ["plans/city/kpi.toml"; 3]);
    // From a sub-folder inside GitHub Actions: relative to $GITHUB_WORKSPACE.
    let sub = wd.path().join("plans");
    let run = Run::of(
        wd.command(&["check", "--format", "github", "--plan", "city/kpi.toml"])
            .current_dir(&sub)
            .env("GITHUB_WORKSPACE", wd.path()),
    );
    run.expect_code(1);
    let files: Vec<String> = annotations(&run.stdout)
        .into_iter()
        .map(|a| a.file)
        .collect();
    assert_eq!(files, ["plans/city/kpi.toml"; 3]);
    // Found by walking up from a sub-folder, outside Actions: relative to the current folder.
    let deep = wd.path().join("plans/city/actuals");
    let run = Run::of(
        wd.command(&["check", "--format", "github"])
            .current_dir(&deep),
    );
    let files: Vec<String> = annotations(&run.stdout)
        .into_iter()
        .map(|a| a.file)
        .collect();
    assert!(
        files
            .iter()
            .all(|f| f.ends_with("plans/city/kpi.toml") && f.starts_with('/')),
        "{files:?}"
    );
}

// ---------------------------------------------------------------------- junit

#[test]
fn junit_has_a_test_case_per_kpi_and_a_failure_per_flag() {
    let wd = city();
    let run = wd.run(&["check", "--format", "junit"]);
    run.expect_code(1);
    let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("8"));
    assert_eq!(root.attribute("failures"), Some("3"));
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1, "one suite for the plan");
    let suite = suites[0];
    assert_eq!(suite.attribute("name"), Some("Test city"));
    assert_eq!(suite.attribute("tests"), Some("8"));
    assert_eq!(suite.attribute("failures"), Some("3"));
    assert_eq!(suite.attribute("errors"), Some("0"));
    // none (no_data, not flagged) is skipped: there is nothing to test yet.
    assert_eq!(suite.attribute("skipped"), Some("1"));

    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 8);
    let names: Vec<&str> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
    assert_eq!(
        names,
        [
            "on-track Firms supported",
            "off-track Jobs: 100% \"new\", <local> & more",
            "worse Waiting list",
            "risky Events",
            "old Survey share",
            "none Satisfaction",
            "done Shops",
            "late Nurseries",
        ]
    );
    let classes: Vec<&str> = cases
        .iter()
        .map(|c| c.attribute("classname").unwrap())
        .collect();
    assert_eq!(
        classes,
        ["G1/M1", "G1", "G1", "G1", "G1", "G1", "G1/M1", "G1"]
    );
    for c in &cases {
        let id = c.attribute("name").unwrap().split(' ').next().unwrap();
        assert_eq!(
            c.attribute("line"),
            Some(line_of(id).to_string().as_str()),
            "{id}"
        );
        assert_eq!(c.attribute("file"), Some("kpi.toml"));
    }
    let failed: Vec<(&str, &str)> = cases
        .iter()
        .filter_map(|c| {
            let f = c.children().find(|n| n.has_tag_name("failure"))?;
            Some((
                c.attribute("name").unwrap().split(' ').next().unwrap(),
                f.attribute("type").unwrap(),
            ))
        })
        .collect();
    assert_eq!(
        failed,
        [
            ("off-track", "off_track"),
            ("worse", "worsening"),
            ("late", "missed")
        ]
    );
    let skipped: Vec<&str> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("skipped")))
        .map(|c| c.attribute("name").unwrap())
        .collect();
    assert_eq!(skipped, ["none Satisfaction"]);

    // The failure carries the figures, one per line.
    let failure = cases[1]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("off_track: latest 110 jobs (FY2017), target 200 jobs (FY2019)")
    );
    let text = failure.text().unwrap();
    for line in [
        "status: off_track",
        "baseline: 100 jobs (FY2014)",
        "target: 200 jobs (FY2019)",
        "latest: 110 jobs (FY2017)",
        "achievement: 10.0%",
        "expected by now: 60.0%",
        "pace: 16.7%",
        "gap to target: 90 jobs",
        "kpi.toml:22",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing `{line}` in\n{text}"
        );
    }
}

#[test]
fn junit_when_passing_has_no_failures() {
    let run = city().run(&["check", "--format", "junit", "--measure", "M1"]);
    run.expect_code(0);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("2"));
    assert_eq!(suite.attribute("failures"), Some("0"));
    assert!(doc.descendants().all(|n| !n.has_tag_name("failure")));
}

#[test]
fn junit_names_a_kpi_by_the_measure_asked_for() {
    // Issue 17, item 9. labour-consultations serves 1.1.3 and 1.2.1 (goal 1).
    // Under --measure 1.2 it is checked as 1.2.1's KPI: `1/1.2.1`, not its
    // first measure `1/1.1.3`; without --measure its first measure stays.
    let plan = asaka();
    let classname = |args: &[&str]| -> String {
        let mut all = vec![
            "--plan",
            plan.to_str().unwrap(),
            "check",
            "--format",
            "junit",
        ];
        all.extend_from_slice(args);
        let run = Run::of(crate::common::kpi_command().args(&all));
        // 0 or 1: whether any KPI is flagged does not matter here.
        assert!(matches!(run.code, Some(0 | 1)), "{run}");
        let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
        let case = doc
            .descendants()
            .find(|n| {
                n.has_tag_name("testcase")
                    && n.attribute("name")
                        .unwrap()
                        .starts_with("labour-consultations ")
            })
            .expect("a test case for labour-consultations");
        case.attribute("classname").unwrap().to_string()
    };
    assert_eq!(classname(&["--measure", "1.2"]), "1/1.2.1");
    assert_eq!(classname(&["--measure", "1.2.1"]), "1/1.2.1");
    assert_eq!(classname(&["--measure", "1.1"]), "1/1.1.3");
    assert_eq!(classname(&[]), "1/1.1.3");
}

#[test]
fn junit_stays_well_formed_with_markup_in_names_and_control_characters_never_reach_it() {
    let plan = PLAN
        .replace("title = \"Test city\"", "title = \"A & B <\\\"city\\\">\"")
        .replace("name = \"Events\"", "name = \"]]> & <![CDATA[ '\"");
    let wd = Workdir::with_ledger(&plan, &[("all.csv", LEDGER)]).english();
    let run = wd.run(&["check", "--format", "junit", "--fail-on", "at_risk"]);
    run.expect_code(1);
    let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("name"), Some("A & B <\"city\">"));
    let risky = doc
        .descendants()
        .find(|n| n.attribute("name").is_some_and(|a| a.starts_with("risky ")))
        .unwrap();
    assert_eq!(risky.attribute("name"), Some("risky ]]> & <![CDATA[ '"));
    // A control character in a name is a plan error (issue 12): the check
    // fails with exit 2 before any document is written.
    let plan = PLAN.replace("name = \"Events\"", "name = \"Ev\\u0007ents\"");
    let wd = Workdir::with_ledger(&plan, &[("all.csv", LEDGER)]).english();
    let run = wd.run(&["check", "--format", "junit"]);
    let first = run.error_at("kpi.toml", 38, &["`name` of KPI risky", "U+0007 (BEL)"]);
    assert!(!first.contains('\u{7}'), "{first}");
}

// ---------------------------------------------------------------------- asaka

/// The Asaka seed's statuses are those at the top of tests/asaka.rs.
#[test]
fn asaka_default_check_fails_on_its_missed_worsening_and_off_track_kpis() {
    let plan = asaka();
    let plan = plan.to_str().unwrap();
    // As of R1: missed outflow-no-workplace and waiting-children; worsening sme-loans
    // and after-school-waitlist; off_track labour-consultations. 5 flagged → exit 1.
    let run = run_english(&asaka(), &["check", "--plan", plan, "--format", "json"]);
    run.expect_code(1);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = doc["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "outflow-no-workplace",
            "sme-loans",
            "labour-consultations",
            "waiting-children",
            "after-school-waitlist"
        ]
    );
    assert_eq!(doc["total"], 13);
    // The `[[kpi]]` lines of those five in data/asaka/kpi.toml, read off the file.
    let run = run_english(&asaka(), &["check", "--format", "github"]);
    run.expect_code(1);
    let got: Vec<(String, usize)> = annotations(&run.stdout)
        .into_iter()
        .map(|a| (a.file, a.line))
        .collect();
    let want: Vec<(String, usize)> = [147, 212, 224, 247, 258]
        .iter()
        .map(|l| ("kpi.toml".to_string(), *l))
        .collect();
    assert_eq!(got, want);

    // As of H30: off_track labour, waiting, sick-child; worsening sme, after-school.
    let run = run_english(&asaka(), &["check", "--year", "H30", "--format", "json"]);
    run.expect_code(1);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = doc["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "sme-loans",
            "labour-consultations",
            "waiting-children",
            "after-school-waitlist",
            "sick-child-care-capacity"
        ]
    );
    // Stale: only short-hours-ideal as of R1 (2019 - 2017 = 2); none as of H30.
    run_english(&asaka(), &["check", "--fail-on", "stale", "-q"]).expect_code(1);
    run_english(
        &asaka(),
        &["check", "--fail-on", "stale", "-q", "--year", "H30"],
    )
    .expect_code(0);
    // no_data: work-life-satisfaction has no figure in any year.
    run_english(&asaka(), &["check", "--fail-on", "no_data", "-q"]).expect_code(1);
}

#[test]
fn an_empty_ledger_has_no_as_of_year_and_every_kpi_is_no_data() {
    // progress.md: with an empty ledger there is no A and every KPI is no_data.
    let wd = Workdir::with_plan(PLAN).english();
    let run = wd.run(&["check"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "kpi check: 0 of 8 KPIs flagged with no actuals (fail-on: off_track,worsening,missed)\n"
    );
    let run = wd.run(&["check", "--fail-on", "no_data", "--format", "junit"]);
    run.expect_code(1);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("failures"), Some("8"));
    assert_eq!(suite.attribute("skipped"), Some("0"));
}
