//! Issue 28, `kpi show KPI` and `kpi report` for a KPI with breakdowns
//! (docs/design/breakdowns.md "Commands", docs/breakdowns.md "Show and
//! report"): the years × categories table, the derived total marked, the
//! categories' statuses, the chart with a line per category, within 60
//! and 80 columns. Figures worked by hand (progress.md: linear path,
//! default cut-offs 95% / 60%).

use unicode_width::UnicodeWidthStr;

use crate::common::Workdir;

const PLAN: &str = r#"[plan]
title = "t"
baseline_year = 2019
target_year = 2024

[[goal]]
id = "1"
name = "g"

[[dimension]]
id = "age"
name = "年齢"
categories = ["0歳", "1・2歳", "3歳以上"]

[[dimension]]
id = "sex"
name = "性別"
categories = ["男", "女"]
codes = ["1", "2"]

[[dimension]]
id = "area"
name = "市町村"
categories = ["さいたま市", "川越市", "熊谷市", "川口市", "行田市", "秩父市", "所沢市"]

[[kpi]]
id = "waiting"
name = "待機児童数"
goal = "1"
unit = "人"
baseline = 21
target = 0
direction = "decrease"
breakdowns = ["age", "sex"]
total = "sum"
category_target = { "0歳" = 0, "1・2歳" = 0 }

[[kpi]]
id = "rate"
name = "就業率"
goal = "1"
unit = "%"
baseline = 50.5
target = 60
breakdowns = ["area"]
total = "reported"
"#;

/// 2019: waiting 21 = 5 + 14 + 2 (男 12, 女 9); 2020: no total, so it is
/// derived: 3 + 13 + 2 = 18; (0歳, 男) = 2. The rate by area, 2019–2020.
const Y2019: &str = "kpi,year,value,age,sex,area\n\
    waiting,2019,21,,,\nwaiting,2019,5,0歳,,\nwaiting,2019,14,1・2歳,,\nwaiting,2019,2,3歳以上,,\n\
    waiting,2019,12,,男,\nwaiting,2019,9,,女,\n\
    rate,2019,50.5,,,\nrate,2019,48.25,,,さいたま市\nrate,2019,51.5,,,川越市\nrate,2019,49,,,熊谷市\n\
    rate,2019,52,,,川口市\nrate,2019,47,,,行田市\nrate,2019,46,,,秩父市\nrate,2019,53,,,所沢市\n";
const Y2020: &str = "kpi,year,value,age,sex,area\n\
    waiting,2020,3,0歳,,\nwaiting,2020,13,1・2歳,,\nwaiting,2020,2,3歳以上,,\nwaiting,2020,2,0歳,男,\n\
    rate,2020,52,,,\nrate,2020,49.75,,,さいたま市\nrate,2020,53,,,川越市\n";

fn work() -> Workdir {
    Workdir::with_ledger(PLAN, &[("2019.csv", Y2019), ("2020.csv", Y2020)]).english()
}

/// The line of `out` that starts (after its border) with `first`, its
/// cells split at the column rules.
fn row<'a>(out: &'a str, first: &str) -> Vec<&'a str> {
    let line = out
        .lines()
        .find(|l| l.trim_start_matches(['│', '|', ' ']).starts_with(first))
        .unwrap_or_else(|| panic!("no row {first}:\n{out}"));
    line.split(['│', '┆', '|'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn show_prints_years_by_categories_with_the_derived_total_and_statuses() {
    let out = work().ok(&["show", "waiting"]).stdout.clone();
    // The KPI's own table says its 2020 total was derived.
    let own = out.lines().find(|l| l.starts_with("│ FY2020")).unwrap();
    assert!(
        own.contains("18人") && own.contains("derived total"),
        "{out}"
    );
    let age = &out[out.find("by 年齢").expect("the age block")..];
    assert_eq!(
        row(age, "year"),
        ["year", "total", "0歳", "1・2歳", "3歳以上"]
    );
    assert_eq!(row(age, "FY2019"), ["FY2019", "21", "5", "14", "2"]);
    assert_eq!(
        row(age, "FY2020"),
        ["FY2020", "18 (derived)", "3", "13", "2"]
    );
    assert_eq!(row(age, "target"), ["target (FY2024)", "0", "0", "0", "-"]);
    // As of 2020. The total: expected 21 − 21/5 = 16.8; pace (21 − 18) /
    // (21 − 16.8) = 71.4%: at risk. 0歳: expected 5 − 5/5 = 4; pace
    // (5 − 3)/(5 − 4) = 200%: on track. 1・2歳: expected 14 − 2.8 = 11.2;
    // pace (14 − 13)/2.8 = 35.7%: off track. 3歳以上: no target.
    assert_eq!(
        row(age, "status"),
        ["status (FY2020)", "at risk", "on track", "off track", "-"]
    );
    let sex = &out[out.find("by 性別").unwrap()..];
    assert_eq!(row(sex, "FY2019"), ["FY2019", "21", "12", "9"]);
    assert_eq!(row(sex, "FY2020"), ["FY2020", "18 (derived)", "-", "-"]);
    // The combination present, then a chart per dimension, its legend in
    // the plan's order with a mark each.
    let combos = &out[out.find("by 年齢 × 性別").unwrap()..];
    assert_eq!(row(combos, "FY2020"), ["FY2020", "0歳", "男", "2"]);
    assert!(out.contains("● 0歳  ■ 1・2歳  ▲ 3歳以上"), "{out}");
    assert!(out.contains("● 男  ■ 女"), "{out}");
}

#[test]
fn show_in_japanese_says_gokei_sanshutsu() {
    let wd = Workdir::with_ledger(PLAN, &[("2019.csv", Y2019), ("2020.csv", Y2020)]);
    let out = wd.ok(&["--lang", "ja", "--color", "never", "show", "waiting"]);
    assert!(out.stdout.contains("合計（算出）"), "{out}");
    assert!(out.stdout.contains("18（算出）"), "{out}");
    assert!(out.stdout.contains("内訳：年齢"), "{out}");
}

#[test]
fn every_line_fits_80_and_60_columns() {
    let wd = work();
    for kpi in ["waiting", "rate"] {
        for width in ["80", "60"] {
            for ascii in [false, true] {
                let mut args = vec!["show", kpi, "--width", width];
                if ascii {
                    args.push("--ascii");
                }
                let out = wd.ok(&args).stdout.clone();
                let max: usize = width.parse().unwrap();
                for line in out.lines() {
                    let w = if ascii {
                        line.width_cjk()
                    } else {
                        line.width()
                    };
                    assert!(w <= max, "{args:?}: {w} columns:\n{line}\n\n{out}");
                }
                // No category is left out: a table too wide is cut in two.
                for name in ["さいたま市", "所沢市"] {
                    assert!(kpi != "rate" || out.contains(name), "{args:?}:\n{out}");
                }
            }
        }
    }
    // At 60 columns the seven areas do not fit one table: the year column
    // heads two of them.
    let out = wd.ok(&["show", "rate", "--width", "60"]).stdout.clone();
    let block = &out[out.find("by 市町村").unwrap()..];
    assert!(block.matches("│ year").count() >= 2, "{out}");
    // The values, with the KPI's two decimals (48.25).
    assert!(row(block, "FY2020").contains(&"49.75"), "{out}");
}

#[test]
fn show_json_adds_derived_and_the_category_figures() {
    let doc = work().ok(&["show", "waiting", "--format", "json"]).json();
    let kpi = &doc["kpi"];
    assert_eq!(kpi["years"][0]["derived"], false);
    assert_eq!(kpi["years"][1]["derived"], true);
    assert_eq!(kpi["years"][1]["actual"].to_string(), "18");
    // 6 figures in 2019 (5 category ones) and 4 in 2020: 5 + 4 = 9.
    assert_eq!(kpi["category_figures"].as_array().unwrap().len(), 9);
    assert_eq!(kpi["breakdowns"]["age"][1]["status"], "off_track");
    // A KPI without breakdowns gains nothing.
    let plain = "[plan]\ntitle = \"t\"\nbaseline_year = 2019\ntarget_year = 2024\n\n\
        [[goal]]\nid = \"1\"\nname = \"g\"\n\n[[kpi]]\nid = \"p\"\nname = \"p\"\ngoal = \"1\"\n\
        baseline = 1\ntarget = 2\n";
    let wd = Workdir::with_ledger(plain, &[("a.csv", "kpi,year,value\np,2020,1.5\n")]).english();
    let doc = wd.ok(&["show", "p", "--format", "json"]).json();
    assert!(doc["kpi"].get("category_figures").is_none());
    assert!(doc["kpi"]["years"][0].get("derived").is_none());
}

#[test]
fn the_report_has_the_category_table_and_a_line_per_category() {
    let wd = work();
    let md = wd.ok(&["report", "--format", "markdown"]).stdout.clone();
    assert!(md.contains("**by 年齢**"), "{md}");
    assert!(
        md.contains("| FY2020 | 18 (derived) | 3 | 13 | 2 |"),
        "{md}"
    );
    assert!(md.contains("| note | baseline | derived total |"), "{md}");
    let html = wd.ok(&["report", "--format", "html"]).stdout.clone();
    // Age: three categories with two years each; areas: さいたま市 and 川越市
    // have two years, the five others one (a marker, no line).
    assert_eq!(html.matches("<polyline class=\"category\"").count(), 3 + 2);
    assert!(html.contains("<caption>by 市町村</caption>"));
    assert!(
        html.contains("<td class=\"num\">18 (derived)</td>"),
        "{html}"
    );
}

#[test]
#[ignore = "needs tmux (dev/install-test-programs)"]
fn show_in_a_real_terminal_80_columns() {
    crate::common::programs::need(&crate::common::programs::TMUX);
    let wd = Workdir::with_ledger(PLAN, &[("2019.csv", Y2019), ("2020.csv", Y2020)]);
    let (lang, lang_args) = crate::width::japanese_locale();
    let plan = wd.file("kpi.toml");
    let mut args = vec!["show", "waiting"];
    args.extend(lang_args);
    let screen = crate::width::in_tmux_plan(&plan, 80, lang, &args);
    assert!(screen.contains("内訳：年齢"), "{screen}");
    assert!(screen.contains("18（算出）"), "{screen}");
    assert!(screen.contains("● 0歳  ■ 1・2歳  ▲ 3歳以上"), "{screen}");
    for line in screen.lines() {
        assert!(
            line.width() <= 80,
            "{} columns:\n{line}\n\n{screen}",
            line.width()
        );
    }
}

#[test]
#[ignore = "needs chromium"]
fn the_report_s_category_chart_renders_in_chromium() {
    let bin = crate::common::programs::need(&crate::common::programs::CHROMIUM);
    let wd = work();
    let page = wd.file("report.html");
    wd.ok(&[
        "report",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    let keep = std::env::var_os("KPI_SCREENSHOT_DIR").map(std::path::PathBuf::from);
    let dir = keep.unwrap_or_else(|| wd.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    let shot = dir.join("breakdown-report.png");
    let profile = tempfile::tempdir().unwrap();
    let size = "--window-size=1200,2000";
    let (ok, _) = crate::report_browser::run_chromium(
        bin,
        &page,
        profile.path(),
        &[&format!("--screenshot={}", shot.display()), size],
    );
    assert!(ok, "chromium --screenshot exited with an error");
    crate::report_browser::assert_not_blank(&shot);
    let profile = tempfile::tempdir().unwrap();
    let (ok, dom) =
        crate::report_browser::run_chromium(bin, &page, profile.path(), &["--dump-dom"]);
    assert!(ok && dom.contains("</html>"));
    // Two KPIs' own charts, and one chart per dimension: age, sex, area.
    assert_eq!(dom.matches("<svg class=\"chart\"").count(), 2, "{dom}");
    assert_eq!(dom.matches("<svg class=\"chart categories\"").count(), 3);
    // The browser kept every category line, with its colour and dash.
    assert_eq!(dom.matches("<polyline class=\"category\"").count(), 5);
    assert!(dom.contains(r#"data-category="1・2歳""#));
    assert!(dom.contains(r##"stroke="#E69F00" stroke-width="2" stroke-dasharray="6 3""##));
}
