//! The category tables and chart lines of `kpi show` and `kpi report`, on a
//! plan in the TOML syntax and figures made in code. Figures worked by
//! hand (progress.md: linear path, default cut-offs 95% / 60%).

use std::path::Path;

use crate::progress::category::tests::{d, figures};
use crate::progress::{Query, Series};
use crate::render::{Lang, Style};
use crate::year::{FiscalYear, YearStyle};

/// `waiting` 21 (2019) → 0 (2024), decreasing, by age then sex, total =
/// "sum", category targets 0歳 = 0 and 1・2歳 = 0 (3歳以上 none).
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
"#;

fn style() -> Style {
    Style {
        lang: Lang::En,
        color: false,
        ascii: false,
        year_style: YearStyle::Western,
        width: None,
    }
}

/// 2019: total 21 = 5 + 14 + 2, 男 12 女 9. 2020: no total written, so
/// it is derived: 3 + 13 + 2 = 18; one combination (0歳, 男) = 2.
fn shown() -> (crate::plan::Plan, crate::progress::KpiProgress) {
    let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), PLAN).unwrap();
    let figures = figures(&[
        (2019, &[Some(0), None], "5"),
        (2019, &[Some(1), None], "14"),
        (2019, &[Some(2), None], "2"),
        (2019, &[None, Some(0)], "12"),
        (2019, &[None, Some(1)], "9"),
        (2020, &[Some(0), None], "3"),
        (2020, &[Some(1), None], "13"),
        (2020, &[Some(2), None], "2"),
        (2020, &[Some(0), Some(0)], "2"),
    ]);
    let totals: Series = [(FiscalYear(2019), d("21")), (FiscalYear(2020), d("18"))]
        .into_iter()
        .collect();
    let query = Query {
        charts: true,
        ..Query::default()
    };
    let (as_of, mut k) = query.evaluate_one(&plan, std::slice::from_ref(&totals), 0);
    assert_eq!(as_of, Some(FiscalYear(2020)));
    crate::progress::category::attach_history(
        &plan,
        &mut k,
        Some(&totals),
        Some(&figures),
        [FiscalYear(2020)].into_iter(),
        as_of,
    );
    (plan, k)
}

#[test]
fn a_block_per_dimension_years_by_categories_with_the_derived_total_marked() {
    let (plan, k) = shown();
    let blocks = super::blocks(&plan, &k, Some(FiscalYear(2020)), &style());
    // Age, sex, then the combinations present.
    assert_eq!(blocks.len(), 3);
    let age = &blocks[0];
    assert_eq!(age.title, "by 年齢");
    assert_eq!(age.header, ["year", "total", "0歳", "1・2歳", "3歳以上"]);
    assert_eq!(
        age.rows,
        [
            ["2019", "21", "5", "14", "2"],
            ["2020", "18 (derived)", "3", "13", "2"],
        ]
    );
    // The KPI's target, then each category's: none for 3歳以上.
    assert_eq!(
        age.targets.as_deref().unwrap(),
        ["target (2024)", "0", "0", "0", "-"]
    );
    // As of 2020. The total: expected 21 − 21/5 = 16.8, pace (21 − 18) /
    // (21 − 16.8) = 3/4.2 = 71.4%: at risk (60% ≤ pace < 95%).
    // 0歳: expected 5 − 1 = 4, pace (5 − 3)/(5 − 4) = 200%: on track.
    // 1・2歳: expected 14 − 2.8 = 11.2, pace (14 − 13)/2.8 = 35.7%: off track.
    use crate::status::Status::*;
    let (label, statuses) = age.statuses.as_ref().unwrap();
    assert_eq!(label, "status (2020)");
    assert_eq!(
        statuses,
        &[Some(AtRisk), Some(OnTrack), Some(OffTrack), None]
    );
    // Sex: figures in 2019 only; 2020's row for the derived total.
    let sex = &blocks[1];
    assert_eq!(
        sex.rows,
        [
            ["2019", "21", "12", "9"],
            ["2020", "18 (derived)", "-", "-"]
        ]
    );
    // No target for either sex: no status.
    assert_eq!(sex.statuses.as_ref().unwrap().1, [Some(AtRisk), None, None]);
    let combos = &blocks[2];
    assert_eq!(combos.title, "by 年齢 × 性別");
    assert_eq!(combos.header, ["year", "年齢", "性別", "actual"]);
    assert_eq!(combos.rows, [["2020", "0歳", "男", "2"]]);
    assert_eq!(combos.labels, 3);
}

#[test]
fn the_year_table_marks_the_derived_total_and_json_says_so() {
    let (plan, k) = shown();
    let rows = &crate::render::chart::detail(&k).years;
    let marks: Vec<String> = rows.iter().map(|r| super::marks(&k, r, Lang::Ja)).collect();
    // 2019 is the baseline (現状値); 2020's total was derived.
    assert_eq!(marks[0], "現状値");
    assert_eq!(marks[1], "合計（算出）");
    let doc = crate::render::show::json_doc(&plan, &k, Some(FiscalYear(2020)), None);
    assert_eq!(doc["kpi"]["years"][0]["derived"], false);
    assert_eq!(doc["kpi"]["years"][1]["derived"], true);
    let figures = doc["kpi"]["category_figures"].as_array().unwrap();
    // 9 figures; in key order (cells in `breakdowns` order, the total over
    // a dimension before its categories, as `kpi export sdmx`): a year's
    // sex-only figures (age blank) first, then each age followed by its
    // combinations: 2019 男 first, 2020's (0歳, 男) right after 0歳.
    assert_eq!(figures.len(), 9);
    assert_eq!(
        figures[0],
        serde_json::json!({"year": 2019, "label": "FY2019", "categories": {"sex": "男"}, "value": 12})
    );
    assert_eq!(figures[5]["categories"], serde_json::json!({"age": "0歳"}));
    assert_eq!(
        figures[6],
        serde_json::json!({"year": 2020, "label": "FY2020", "categories": {"age": "0歳", "sex": "男"}, "value": 2})
    );
}

#[test]
fn a_line_per_category_in_the_plan_s_order() {
    let (plan, k) = shown();
    let lines = super::lines(&plan, &k);
    assert_eq!(lines.len(), 2);
    let (name, age) = &lines[0];
    assert_eq!(name, "年齢");
    let labels: Vec<&str> = age.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["0歳", "1・2歳", "3歳以上"]);
    let values: Vec<String> = age[1].points.iter().map(|p| p.value.to_string()).collect();
    assert_eq!(values, ["14", "13"]);
    // Sex: one year each.
    assert_eq!(lines[1].1[1].points.len(), 1);
}

#[test]
fn the_terminal_chart_gives_each_line_its_mark_and_the_legend_in_order() {
    let (plan, k) = shown();
    let lines = super::lines(&plan, &k);
    let chart = crate::render::plot::plot_lines(Some("人"), &lines[0].1, &style());
    // Scale::nice(2, 14): span 12, raw step 3 → 5; axis 0..15, four ticks,
    // three rows a tick: 10 rows. 1・2歳's 14 (2019) sits on row
    // round((1 − 14/15)·9) = round(0.6) = 1, at column 1.
    let grid: Vec<&str> = chart.lines().skip(1).collect();
    assert_eq!(grid[1].chars().nth(5), Some('■'), "{chart}");
    let legend = chart.lines().last().unwrap().trim();
    assert_eq!(legend, "● 0歳  ■ 1・2歳  ▲ 3歳以上");
    let ascii = crate::render::plot::plot_lines(
        Some("人"),
        &lines[0].1,
        &Style {
            ascii: true,
            ..style()
        },
    );
    assert_eq!(
        ascii.lines().last().unwrap().trim(),
        "o 0歳  x 1・2歳  + 3歳以上"
    );
}

#[test]
fn the_svg_chart_has_a_line_per_category_with_its_colour_and_dash() {
    let (plan, k) = shown();
    let lines = super::lines(&plan, &k);
    let svg = crate::render::svg_lines::chart("by 年齢", Some("人"), &lines[0].1, &style(), "c");
    // Each age has two years: three polylines, Okabe–Ito blue, orange and
    // green, solid, dashed "6 3" and dotted "2 3".
    assert_eq!(svg.matches("<polyline class=\"category\"").count(), 3);
    assert!(svg.contains(r##"data-category="0歳" points="##), "{svg}");
    assert!(svg.contains(r##"stroke="#0072B2" stroke-width="2" stroke-dasharray="""##));
    assert!(svg.contains(r##"stroke="#E69F00" stroke-width="2" stroke-dasharray="6 3""##));
    assert!(svg.contains(r##"stroke="#009E73" stroke-width="2" stroke-dasharray="2 3""##));
    // The legend in the plan's order.
    let (a, b, c) = (
        svg.find(">0歳</text>").unwrap(),
        svg.find(">1・2歳</text>").unwrap(),
        svg.find(">3歳以上</text>").unwrap(),
    );
    assert!(a < b && b < c);
}

#[test]
fn a_kpi_without_breakdowns_has_no_blocks() {
    let (plan, mut k) = shown();
    k.categories = None;
    assert!(super::blocks(&plan, &k, Some(FiscalYear(2020)), &style()).is_empty());
    assert!(super::lines(&plan, &k).is_empty());
}
