//! `kpi compare` and `kpi status`'s breakdowns (breakdowns.md) through
//! the binary, on a plan and ledger written here and worked by hand
//! (progress.md: linear path, baseline basis, cut-offs 0.95 and 0.60), and
//! the refusals a plan without breakdowns meets.

use crate::common::{run_english, Workdir};

/// 待機児童数 50 (2019) → 0 (2024) by three areas with codes, each aiming
/// at 0, the parts adding up; a rate by sex with a target for 女 only.
const PLAN: &str = r#"[plan]
title = "t"
baseline_year = 2019
target_year = 2024
year_style = "western"

[[goal]]
id = "1"
name = "g"

[[dimension]]
id = "area"
name = "市区町村"
categories = ["A", "B", "C"]
codes = ["11100", "11201", "11227"]

[[dimension]]
id = "sex"
name = "性別"
categories = ["男", "女"]

[[kpi]]
id = "waiting"
name = "待機児童数"
goal = "1"
unit = "人"
baseline = { value = 50, year = 2019 }
target = { value = 0, year = 2024 }
breakdowns = ["area"]
total = "sum"
category_target = "same"

[[kpi]]
id = "rate"
name = "就業率"
goal = "1"
unit = "%"
baseline = { value = 60, year = 2019 }
target = { value = 70, year = 2024 }
breakdowns = ["sex"]
total = "reported"
category_target = { "女" = 65 }
"#;

/// As of 2022 (3 of 5 years; E(2022) = b − b·3/5 for a target of 0):
///   A 10 → 4:  achievement (4−10)/(0−10) = 0.6, E = 4, pace 1: on track
///   B 20 → 8:  achievement (8−20)/(0−20) = 0.6, E = 8, pace 1: on track
///   C 20 → 16: achievement (16−20)/(0−20) = 0.2, E = 8, pace 4/12: off track
///   total 50 → 28: achievement 22/50 = 0.44, E = 20, pace 22/30: at risk
/// 就業率: 女 50 → 56 against 65: achievement 6/15 = 0.4, E(2022) = 59,
/// pace 6/9 = 0.667: at risk; 男 70 → 72, no target.
const FIGURES: &str = "kpi,year,value,note,flag,area,sex
waiting,2019,50,,,,
waiting,2019,10,,,A,
waiting,2019,20,,,B,
waiting,2019,20,,,C,
waiting,2022,28,,,,
waiting,2022,4,,,A,
waiting,2022,8,,,B,
waiting,2022,16,,,C,
rate,2019,60,,,,
rate,2019,70,,,,男
rate,2019,50,,,,女
rate,2022,64,,,,
rate,2022,72,,,,男
rate,2022,56,,,,女
";

fn workdir() -> Workdir {
    Workdir::with_ledger(PLAN, &[("figures.csv", FIGURES)]).english()
}

#[test]
fn compare_ranks_the_areas_by_achievement_and_ends_with_the_total() {
    let w = workdir();
    let csv = w.ok(&["compare", "waiting", "--format", "csv"]).stdout;
    assert_eq!(
        csv,
        "category,code,baseline_year,baseline,target,latest_year,latest,change,achievement,status,stale,rank\n\
         A,11100,2019,10,0,2022,4,-6,0.6,on_track,false,1\n\
         B,11201,2019,20,0,2022,8,-12,0.6,on_track,false,1\n\
         C,11227,2019,20,0,2022,16,-4,0.2,off_track,false,3\n\
         ,,2019,50,0,2022,28,-22,0.44,at_risk,false,\n"
    );
    let table = w.ok(&["compare", "waiting", "--width", "200"]).stdout;
    assert!(
        table.contains("待機児童数 by 市区町村, ranked by achievement"),
        "{table}"
    );
    let last_row = table.lines().rev().nth(1).unwrap();
    assert!(
        last_row.contains("total") && last_row.contains("44.0%"),
        "{table}"
    );
}

#[test]
fn compare_sorts_by_change_and_a_rate_by_its_own_targets() {
    let w = workdir();
    let v = w
        .ok(&["compare", "waiting", "--sort", "change", "--format", "json"])
        .json();
    // Change, lower is better: B −12, A −6, C −4.
    let order: Vec<(&str, i64)> = v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["category"].as_str().unwrap(), c["rank"].as_i64().unwrap()))
        .collect();
    assert_eq!(order, [("B", 1), ("A", 2), ("C", 3)]);
    assert_eq!(v["sorted_by"], "change");
    assert_eq!(v["total"]["status"], "at_risk");
    // 就業率: 女 is ranked by achievement (0.4); 男 has no target, no rank.
    let v = w.ok(&["compare", "rate", "--format", "json"]).json();
    let cats = v["categories"].as_array().unwrap();
    assert_eq!(cats[0]["category"], "女");
    assert_eq!(cats[0]["achievement"], serde_json::json!(0.4));
    assert_eq!(cats[0]["status"], "at_risk");
    assert_eq!(cats[1]["category"], "男");
    assert_eq!(cats[1]["rank"], serde_json::Value::Null);
    assert_eq!(cats[1]["change"], serde_json::json!(2));
}

#[test]
fn compare_by_a_dimension_the_kpi_lacks_names_its_dimensions() {
    let w = workdir();
    let err = w.refused(&["compare", "waiting", "--by", "sex"]);
    assert!(
        err.contains(
            "--by sex: KPI `waiting` is not broken down by it; its dimensions: area (市区町村)"
        ),
        "{err}"
    );
}

#[test]
fn compare_writes_a_workbook() {
    let w = workdir();
    w.ok(&["compare", "waiting", "--format", "xlsx", "-o", "areas.xlsx"]);
    let bytes = std::fs::read(w.file("areas.xlsx")).unwrap();
    assert_eq!(&bytes[..2], b"PK");
}

#[test]
fn status_json_gains_breakdowns_and_the_kpi_keeps_its_own_status() {
    let w = workdir();
    let v = w.ok(&["status", "--format", "json"]).json();
    let waiting = &v["kpis"][0];
    assert_eq!(waiting["status"], "at_risk");
    assert_eq!(
        waiting["breakdowns"]["area"][2],
        serde_json::json!({"category": "C", "code": "11227",
            "latest": {"year": 2022, "value": 16}, "achievement": 0.2, "status": "off_track"})
    );
    assert_eq!(
        v["kpis"][1]["breakdowns"]["sex"][0],
        serde_json::json!({"category": "男", "latest": {"year": 2022, "value": 72}})
    );
}

#[test]
fn status_by_area_adds_a_row_per_area_under_the_kpi() {
    let w = workdir();
    let out = w
        .ok(&["status", "--by", "area", "--ascii", "--width", "200"])
        .stdout;
    let lines: Vec<&str> = out.lines().collect();
    let at = |s: &str| {
        lines
            .iter()
            .position(|l| l.contains(s))
            .unwrap_or_else(|| panic!("{s}:\n{out}"))
    };
    let (kpi, c, rate) = (at("待機児童数\u{a0}+"), at("|   C "), at("就業率\u{a0}+"));
    assert!(kpi < c && c < rate, "{out}");
    assert!(
        lines[c].contains("16人") && lines[c].contains("20.0%") && lines[c].contains("off track"),
        "{out}"
    );
    // The rate has no area: no rows under it.
    assert!(!lines[rate + 1].contains("|   "), "{out}");
}

/// `kpi ARGS` in data/asaka (read only), which must exit 2 with nothing on
/// stdout; its stderr.
fn refused(args: &[&str]) -> String {
    let run = run_english(&crate::common::asaka(), args);
    run.expect_code(2);
    assert_eq!(run.stdout, "", "{run}");
    run.stderr.clone()
}

#[test]
fn compare_refuses_a_kpi_without_breakdowns() {
    let err = refused(&["compare", "fair-exhibitors"]);
    assert!(
        err.contains("KPI `fair-exhibitors` has no breakdowns"),
        "{err}"
    );
    let err = refused(&[
        "compare",
        "fair-exhibitors",
        "--by",
        "area",
        "--format",
        "json",
    ]);
    assert!(err.contains("has no breakdowns"), "{err}");
}

#[test]
fn compare_names_the_kpis_when_the_kpi_is_unknown() {
    let err = refused(&["compare", "no-such-kpi"]);
    assert!(err.contains("the plan has no KPI `no-such-kpi`"), "{err}");
}

#[test]
fn status_by_a_dimension_the_plan_lacks_is_refused() {
    let err = refused(&["status", "--by", "area"]);
    assert!(
        err.contains("--by area: the plan declares no dimensions"),
        "{err}"
    );
    // --by is for the table and Markdown: JSON always carries breakdowns.
    for format in ["csv", "json", "xlsx"] {
        let err = refused(&["status", "--by", "area", "--format", format]);
        assert!(
            err.contains("--by adds rows to the table and Markdown"),
            "{format}: {err}"
        );
    }
}
