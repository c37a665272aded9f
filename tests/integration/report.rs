//! `kpi report` on a fixed plan the test writes: Markdown and SVG snapshots,
//! hand-worked figures and chart positions, escaping of plan text, the HTML
//! referring to nothing outside itself, and how `--output` is written.
//!
//! The plan (Riverside, `year_style = "fiscal"`, baseline FY2020, target FY2024,
//! linear path) and its ledger, worked by hand from design/progress.md; as of
//! FY2023, the newest year in the ledger:
//!
//! | KPI      | b → t      | figures                    | latest | E(latest year)                   | achievement | expected | pace                  | gap | status    |
//! | -------- | ---------- | -------------------------- | ------ | -------------------------------- | ----------- | -------- | --------------------- | --- | --------- |
//! | jobs     | 0 → 1000, milestone FY2022 = 300 | 200, 280, 500 (FY2021-23) | 500 (FY2023) | 300 + (1000-300)·1/2 = 650 | 500/1000 = 50.0% | 650/1000 = 65.0% | 500/650 = 0.7692… = 76.9% | 500 | at_risk (0.60 ≤ pace < 0.95) |
//! | startups | 10 → 30    | 14, 20 (FY2021-22)         | 20 (FY2022) | 10 + 20·2/4 = 20            | 10/20 = 50.0% | 10/20 = 50.0% | 10/10 = 100.0%   | 10  | on_track  |
//! | waitlist | 40 → 0 (decrease) | 44 (FY2021), 30 (FY2023) | 30 (FY2023) | 40 - 40·3/4 = 10         | -10/-40 = 25.0% | -30/-40 = 75.0% | -10/-30 = 33.3% | -(0-30) = 30 | off_track (pace < 0.60) |
//! | homes    | 100 → 150  | none                       | -      | -                                | -           | -        | -                     | -   | no_data   |
//!
//! Goal 1 counts: on track 1 (startups), at risk 1 (jobs), off track 1 (waitlist); goal 2: no data 1.
//! Trend sparklines (baseline, then figures; level = round((v - lo)/(hi - lo)·7)):
//! jobs 0, 200, 280, 500 → 0, 2.8→3, 3.92→4, 7: ▁▄▅█; startups 10, 14, 20 → 0, 2.8→3, 7: ▁▄█;
//! waitlist 40, 44, (none in FY2022), 30 → lo 30, hi 44: 10/14·7 = 5, 7, space, 0: ▆█ ▁.
//! Projections (least squares through the baseline and the actuals, x = year - 2020, read at x = 4):
//! jobs (0,0) (1,200) (2,280) (3,500): slope (4·2260 - 6·980)/(4·14 - 36) = 3160/20 = 158,
//! intercept (980 - 158·6)/4 = 8 → 8 + 158·4 = 640; startups (0,10) (1,14) (2,20): slope
//! (3·54 - 3·44)/(3·5 - 9) = 5, intercept 29/3 → 29/3 + 20 = 29.67, printed 30; waitlist
//! (0,40) (1,44) (3,30): slope (3·134 - 4·114)/(3·10 - 16) = -54/14, intercept (114 + 216/14)/3
//! = 43.14 → 43.14 - 15.43 = 27.71, printed 28.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{kpi_command, Workdir};
use assert_cmd::assert::OutputAssertExt;

const PLAN: &str = r#"
[plan]
title = "Riverside town plan"
organization = "Riverside"
year_style = "fiscal"
baseline_year = 2020
target_year = 2024

[[goal]]
id = "1"
name = "Jobs and firms"

[[goal]]
id = "2"
name = "Homes"

[[measure]]
id = "1.1"
goal = "1"
name = "Start-ups"

[[kpi]]
id = "jobs"
name = "Jobs created"
goal = "1"
unit = "jobs"
baseline = { value = 0 }
target = { value = 1000 }
milestones = { 2022 = 300 }

[[kpi]]
id = "startups"
name = "Start-ups supported"
measures = ["1.1"]
unit = "firms"
baseline = { value = 10 }
target = { value = 30 }
owner = "Business office"

[[kpi]]
id = "waitlist"
name = "Waiting list"
measures = ["1.1"]
unit = "people"
baseline = { value = 40 }
target = { value = 0 }

[[kpi]]
id = "homes"
name = "Homes built"
goal = "2"
unit = "homes"
baseline = { value = 100 }
target = { value = 150 }
"#;

const LEDGER: &str = "kpi,year,value,note
jobs,2021,200,
jobs,2022,280,
jobs,2023,500,
startups,2021,14,
startups,2022,20,
waitlist,2021,44,
waitlist,2023,30,
";

/// A plan folder with `kpi.toml` and `actuals/ledger.csv`.
fn plan_dir(plan: &str, ledger: &str) -> Workdir {
    Workdir::with_ledger(plan, &[("ledger.csv", ledger)])
}

fn kpi(dir: &Path) -> Command {
    let mut cmd = kpi_command();
    cmd.env("NO_COLOR", "1").arg("--plan").arg(dir);
    cmd
}

fn report(dir: &Path, args: &[&str]) -> String {
    let out = kpi(dir).arg("report").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "kpi report failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn markdown_report_snapshot() {
    let dir = plan_dir(PLAN, LEDGER);
    let md = report(dir.path(), &["--format", "markdown", "--lang", "en"]);
    // Hand-worked figures (see the table at the top), as printed:
    for row in [
        "| Jobs created | 0 jobs (FY2020) | 1,000 jobs (FY2024) | 500 jobs (FY2023) | 50.0% | 65.0% | 76.9% | 500 jobs | △ at risk | ▁▄▅█ |",
        // The trend runs to the as-of year, FY2023: a space after FY2022's figure.
        "| Start-ups supported | 10 firms (FY2020) | 30 firms (FY2024) | 20 firms (FY2022) | 50.0% | 50.0% | 100.0% | 10 firms | ○ on track | ▁▄█  |",
        "| Waiting list | 40 people (FY2020) | 0 people (FY2024) | 30 people (FY2023) | 25.0% | 75.0% | 33.3% | 30 people | ▲ off track | ▆█ ▁ |",
        // jobs year by year: E = 0, 150, 300 (milestone), 650, 1000.
        "| expected path | 0 | 150 | 300 | 650 | 1,000 |",
        "| actual | - | 200 | 280 | 500 | - |",
        // Summary: goal 1 on track 1, at risk 1, off track 1 of 3; goal 2 no data 1.
        "| Goal 1 Jobs and firms | 0 | 1 | 1 | 1 | 0 | 0 | 0 | 3 | ○△▲ |",
        "| Goal 2 Homes | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 | － |",
    ] {
        assert!(md.contains(row), "missing row {row}\n{md}");
    }
    insta::assert_snapshot!("markdown_report", md);
}

/// The chart of `jobs` through the library, with a projection given by hand
/// (900 jobs in FY2024) since `kpi gap`'s projection is wired in separately.
fn jobs_chart_svg() -> String {
    use kpi::progress;
    use kpi::render::{chart::Chart, svg, Lang, Style};
    use kpi::year::FiscalYear;

    let dir = plan_dir(PLAN, LEDGER);
    let (plan, _) = kpi::plan::load(&dir.path().join("kpi.toml")).unwrap();
    let (ledger, _) = kpi::ledger::read(&plan).unwrap();
    let series: Vec<progress::Series> = ledger
        .series
        .iter()
        .map(|s| s.iter().map(|(y, a)| (*y, a.value)).collect())
        .collect();
    let i = plan.kpi_index("jobs").unwrap();
    let as_of = progress::as_of_year(None, &series);
    let k = progress::evaluate_kpi(i, &plan.kpis[i], &series[i], as_of, &plan.scoring);
    let mut detail = progress::detail::detail(&plan.kpis[i], &series[i], &plan.scoring, &k, as_of);
    detail.projection = Some(kpi::plan::Point {
        year: FiscalYear(2024),
        value: rust_decimal::Decimal::from(900),
    });
    let chart = Chart::new(&plan.kpis[i], &detail, k.latest);
    let style = Style {
        lang: Lang::En,
        color: false,
        ascii: false,
        year_style: plan.year_style,
        width: None,
    };
    svg::chart(&plan.kpis[i], &chart, k.decimals, &style, "chart-jobs")
}

#[test]
fn svg_chart_snapshot_and_positions() {
    let svg = jobs_chart_svg();
    // Positions by hand. Values 0..1000 (with the projection 900): round step 200,
    // axis 0..1000. Widest tick label "1,000": 5 characters · 13 · 0.6 = 39, so the
    // plot starts at 39 + 14 = 53. Widest margin label "projection FY2024":
    // 17 characters · 12 · 0.6 = 122.4; (122.4 + 12)/10 = 13.44 → 14 → margin 140.
    // The plot is 420 - 53 - 140 = 227 wide; years FY2020..FY2024 sit at
    // 53 + 14 + f·(227 - 28) = 67 + 199·f; values at 30 + (1 - v/1000)·170.
    // FY2022, 280 jobs: x = 67 + 199/2 = 166.5, y = 30 + 0.72·170 = 152.4.
    assert!(
        svg.contains(r#"<circle cx="166.5" cy="152.4" r="3.2""#),
        "{svg}"
    );
    // Target FY2024, 1000: x = 67 + 199 = 266.0, y = 30.0.
    assert!(
        svg.contains(r#"<circle class="target" cx="266.0" cy="30.0""#),
        "{svg}"
    );
    // Milestone FY2022, 300: centre (166.5, 30 + 0.7·170 = 149.0), corners 5.5 away.
    assert!(svg.contains(r#"d="M166.5,143.5 L172.0,149.0"#), "{svg}");
    // Baseline 0 across the plot at y = 200.0, from x = 53.0 to 53 + 227 = 280.0.
    assert!(
        svg.contains(r#"x1="53.0" y1="200.0" x2="280.0" y2="200.0""#),
        "{svg}"
    );
    // Projection from the latest (FY2023, 500) to (FY2024, 900): y = 30 + 0.1·170 = 47.0.
    assert!(svg.contains(r#"x2="266.0" y2="47.0""#), "{svg}");
    assert!(svg.contains(">FY2022</text>") && svg.contains(">1,000 jobs</text>"));
    assert!(svg.contains(">unit: jobs</text>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    insta::assert_snapshot!("svg_chart_jobs", svg);
}

#[test]
fn html_has_a_chart_per_kpi_and_refers_to_nothing_outside() {
    let dir = plan_dir(PLAN, LEDGER);
    let html = report(dir.path(), &["--format", "html", "--lang", "ja"]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    // Four KPIs, four charts.
    assert_eq!(html.matches("<svg").count(), 4);
    assert_nothing_outside(&html);
    // Status by word and shape: jobs at risk △ 要注意, waitlist off track ▲ 遅れ.
    assert!(html.contains("<span class=\"g\" aria-hidden=\"true\">△</span>要注意</span>"));
    assert!(html.contains("<span class=\"g\" aria-hidden=\"true\">▲</span>遅れ</span>"));
    // Print: A4 pages, no chart split.
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("break-inside: avoid"));
    let en = report(dir.path(), &["--format", "html", "--lang", "en"]);
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
}

/// No reference to anything outside the file: no URL, no external script,
/// style, font or image; links only to anchors in the page.
fn assert_nothing_outside(html: &str) {
    let lower = html.to_lowercase();
    for bad in [
        "http", "src=", "url(", "@import", "<link", "<script", "<img", "<iframe", "<object",
        "<embed", "xlink", "//",
    ] {
        assert!(
            !lower.contains(bad),
            "the report refers outside itself: {bad}"
        );
    }
    for (i, _) in lower.match_indices("href=") {
        assert_eq!(&lower[i + 5..i + 7], "\"#", "a link leaves the page");
    }
}

#[test]
fn plan_text_is_escaped_everywhere() {
    let evil = "<script>alert(1)</script>";
    let plan = format!(
        r#"
[plan]
title = "{evil}"
organization = "<b>org</b>"

[[goal]]
id = "1"
name = "<i>goal</i>"
aim = "a & b"

[[measure]]
id = "1.1"
goal = "1"
name = "\"quoted\" 'single'"

[[kpi]]
id = "x"
name = "{evil}"
measures = ["1.1"]
unit = "<u>"
owner = "<img src=x onerror=alert(1)>"
baseline = {{ value = 1, year = 2020 }}
target = {{ value = 5, year = 2024 }}
"#
    );
    let dir = plan_dir(&plan, "kpi,year,value,note\nx,2021,2,\n");
    let html = report(dir.path(), &["--format", "html"]);
    for raw in ["<script", "<b>", "<i>", "<u>", "<img", "\"quoted\""] {
        assert!(!html.contains(raw), "unescaped {raw} in the HTML");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;quoted&quot; &#39;single&#39;"));
    assert!(html.contains("a &amp; b"));
    // In the SVG too: its title and the unit on the axis and labels.
    let start = html.find("<svg").unwrap();
    let svg = &html[start..html[start..].find("</svg>").unwrap() + start];
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
    assert!(svg.contains("&lt;u&gt;"));
    assert!(!svg.contains("<u>") && !svg.contains("<script"));

    let md = report(dir.path(), &["--format", "markdown"]);
    for raw in ["<script", "<b>", "<i>", "<u>", "<img"] {
        assert!(!md.contains(raw), "unescaped {raw} in the Markdown");
    }
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn output_file_is_written_whole_and_stdout_stays_empty() {
    let dir = plan_dir(PLAN, LEDGER);
    let out_dir = tempfile::tempdir().unwrap();
    let target: PathBuf = out_dir.path().join("report.html");
    std::fs::write(&target, "old report").unwrap();
    let out = kpi(dir.path())
        .args(["report", "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Only the report is left in the folder: the temporary file was renamed.
    let names: Vec<_> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("report.html")]);

    // A .md name means Markdown unless --format says otherwise.
    let md = out_dir.path().join("report.md");
    kpi(dir.path())
        .args(["report", "-o"])
        .arg(&md)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# "));
}

#[test]
fn output_into_a_missing_folder_is_refused_and_nothing_is_written() {
    let dir = plan_dir(PLAN, LEDGER);
    let target = dir.path().join("no-such-folder").join("report.html");
    let out = kpi(dir.path())
        .args(["report", "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: --output "), "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
    assert!(!target.parent().unwrap().exists());
}

#[test]
fn selection_and_bad_input() {
    let dir = plan_dir(PLAN, LEDGER);
    // --goal 2 keeps only homes: one chart.
    let html = report(dir.path(), &["--format", "html", "--goal", "2"]);
    assert_eq!(html.matches("<svg").count(), 1);
    // An unknown goal is a usage error, exit 2, nothing on stdout.
    let out = kpi(dir.path())
        .args(["report", "--goal", "9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    // A plan with an error: every problem, exit 2, nothing written.
    let bad = plan_dir(&PLAN.replace("target = { value = 30 }", ""), LEDGER);
    let target = bad.path().join("r.html");
    let out = kpi(bad.path())
        .args(["report", "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!target.exists());
}

#[test]
fn status_trend_column_and_show_chart() {
    let dir = plan_dir(PLAN, LEDGER);
    let out = kpi(dir.path())
        .args(["--lang", "en", "status"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("trend"));
    assert!(text.contains("▁▄▅█"), "{text}");
    let ascii = kpi(dir.path())
        .args(["--lang", "en", "--ascii", "status"])
        .output()
        .unwrap();
    let ascii = String::from_utf8(ascii.stdout).unwrap();
    assert!(
        ascii.is_ascii(),
        "--ascii drew non-ASCII characters:\n{ascii}"
    );
    // jobs in ASCII (levels _.-=#, top 4): 0 → 0 _, 200 → 1.6 → 2 -, 280 → 2.24 → 2 -, 500 → 4 #.
    assert!(ascii.contains("_--#"), "{ascii}");

    let show = kpi(dir.path())
        .args(["--lang", "en", "--ascii", "show", "jobs"])
        .output()
        .unwrap();
    let show = String::from_utf8(show.stdout).unwrap();
    assert!(show.is_ascii());
    // The chart's key and axis: ticks 0..1000 by 200, years FY2020..FY2024.
    assert!(show.contains("* actual  . expected path  M milestone  T target  B baseline"));
    assert!(show.contains("1,000 +"), "{show}");
    assert!(show.contains("FY2020") && show.contains("FY2024"));
}
