//! `kpi status`'s breakdowns: the mark, the `--by` rows and the JSON
//! `breakdowns` object, on a plan built in code (figures worked by hand:
//! progress.md, default cut-offs, linear path).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use crate::breakdown::{Breakdown, CategoryGoal, CategoryTarget, Total};
use crate::progress::category::tests::{d, dimension, figures};
use crate::progress::{category, Evaluation, Series};
use crate::render::{Lang, Style};
use crate::year::{FiscalYear, YearStyle};

/// Two KPIs: `waiting` 50 (2015) → 0 (2020) by area (A, B with codes),
/// and `plain` 10 → 20 without breakdowns.
fn plan(target: Option<CategoryTarget>, two_dimensions: bool) -> crate::plan::Plan {
    let text = "[plan]\ntitle = \"t\"\n\n[[goal]]\nid = \"1\"\nname = \"g\"\n\n\
        [[kpi]]\nid = \"waiting\"\nname = \"待機児童数\"\ngoal = \"1\"\nunit = \"人\"\n\
        baseline = { value = 50, year = 2015 }\ntarget = { value = 0, year = 2020 }\n\n\
        [[kpi]]\nid = \"plain\"\nname = \"plain\"\ngoal = \"1\"\n\
        baseline = { value = 10, year = 2015 }\ntarget = { value = 20, year = 2020 }\n";
    let (mut plan, _) = crate::plan::load_str(Path::new("kpi.toml"), text).unwrap();
    plan.dimensions = vec![
        dimension("area", &["A", "B"], &["11100", "11201"]),
        dimension("sex", &["M", "F"], &[]),
    ];
    plan.kpis[0].breakdown = Some(Box::new(Breakdown {
        dimensions: if two_dimensions { vec![0, 1] } else { vec![0] },
        total: Total::Sum,
        category_target: target,
    }));
    plan
}

/// As of 2018: A 10 → 4 (achievement 0.6, E = 4, pace 1: on track),
/// B 20 → 16 (achievement (16−20)/(0−20) = 0.2, E = 8, pace 4/12: off track);
/// the total 28 in 2018; `plain` 15.
fn evaluated(plan: &crate::plan::Plan, extra: &[(i32, &[Option<u16>], &str)]) -> Evaluation {
    let mut rows: Vec<(i32, &[Option<u16>], &str)> = vec![
        (2015, &[Some(0)], "10"),
        (2018, &[Some(0)], "4"),
        (2015, &[Some(1)], "20"),
        (2018, &[Some(1)], "16"),
    ];
    rows.extend_from_slice(extra);
    let width = plan.kpis[0].breakdown.as_ref().unwrap().dimensions.len();
    let widened: Vec<(i32, Vec<Option<u16>>, &str)> = rows
        .iter()
        .map(|&(y, c, v)| {
            let mut cells = c.to_vec();
            cells.resize(width, None);
            (y, cells, v)
        })
        .collect();
    let refs: Vec<(i32, &[Option<u16>], &str)> =
        widened.iter().map(|(y, c, v)| (*y, &c[..], *v)).collect();
    let all: BTreeMap<usize, category::Figures> = [(0, figures(&refs))].into_iter().collect();
    let one = |y: i32, v: &str| -> Series { [(FiscalYear(y), d(v))].into_iter().collect() };
    let series = vec![one(2018, "28"), one(2018, "15")];
    let mut eval = crate::progress::evaluate(plan, &series, Some(FiscalYear(2018)), &[0, 1]);
    category::attach(plan, &mut eval, &all);
    eval
}

fn json_of(plan: &crate::plan::Plan, eval: &Evaluation) -> Value {
    serde_json::from_str(&crate::render::json::render(plan, eval)).unwrap()
}

fn style(ascii: bool) -> Style {
    Style {
        lang: Lang::En,
        color: false,
        ascii,
        year_style: YearStyle::Western,
        width: None,
    }
}

#[test]
fn status_json_carries_each_dimension_s_categories_in_order() {
    let plan = plan(Some(CategoryTarget::Same), false);
    let v = json_of(&plan, &evaluated(&plan, &[]));
    assert_eq!(
        v["kpis"][0]["breakdowns"],
        json!({
            "area": [
                {"category": "A", "code": "11100", "latest": {"year": 2018, "value": 4},
                 "achievement": 0.6, "status": "on_track"},
                {"category": "B", "code": "11201", "latest": {"year": 2018, "value": 16},
                 "achievement": 0.2, "status": "off_track"},
            ]
        })
    );
    // A KPI without breakdowns has no such field.
    assert!(v["kpis"][1].get("breakdowns").is_none());
}

#[test]
fn a_category_without_a_target_has_no_achievement_or_status_and_combinations_follow() {
    let only_b = CategoryTarget::Each(vec![CategoryGoal {
        dimension: 0,
        category: 1,
        target: d("5"),
    }]);
    let plan = plan(Some(only_b), true);
    // A combination: area A and sex F, 2017 then 2018.
    let eval = evaluated(
        &plan,
        &[
            (2017, &[Some(0), Some(1)], "1"),
            (2018, &[Some(0), Some(1)], "2"),
        ],
    );
    let b = &json_of(&plan, &eval)["kpis"][0]["breakdowns"];
    assert_eq!(
        b["area"][0],
        json!({"category": "A", "code": "11100", "latest": {"year": 2018, "value": 4}})
    );
    // B aims at 5: achievement (16 − 20) / (5 − 20) = 4/15 = 0.2666…
    let a = b["area"][1]["achievement"].as_f64().unwrap();
    assert!((a - 4.0 / 15.0).abs() < 1e-12, "{a}");
    // The sex dimension: no figures, no targets; no code.
    assert_eq!(
        b["sex"],
        json!([{"category": "M", "latest": null}, {"category": "F", "latest": null}])
    );
    assert_eq!(
        b["combinations"],
        json!([{"categories": {"area": "A", "sex": "F"}, "latest": {"year": 2018, "value": 2}}])
    );
}

#[test]
fn the_table_marks_a_kpi_with_breakdowns_and_by_adds_its_categories() {
    let plan = plan(Some(CategoryTarget::Same), false);
    let eval = evaluated(&plan, &[]);
    let text = crate::render::table::table(&plan, &eval, false, Some(0), &style(true));
    let lines: Vec<&str> = text.lines().collect();
    let at = |s: &str| {
        lines
            .iter()
            .position(|l| l.contains(s))
            .unwrap_or_else(|| panic!("no {s}:\n{text}"))
    };
    let (kpi, a, b, plain) = (
        at("待機児童数\u{a0}+"),
        at("|   A "),
        at("|   B "),
        at("| plain "),
    );
    assert!(kpi < a && a < b && b < plain, "{text}");
    for cell in ["4人 (2018)", "60.0%", "on track"] {
        assert!(lines[a].contains(cell), "{cell} in {}", lines[a]);
    }
    for cell in ["16人 (2018)", "20.0%", "off track"] {
        assert!(lines[b].contains(cell), "{cell} in {}", lines[b]);
    }
    assert!(!lines[plain].contains('+'), "{}", lines[plain]);
    assert!(text.contains("+ broken down: kpi compare ID"), "{text}");
    // Without --by: the mark, no category rows; ⊞ outside ASCII.
    let text = crate::render::table::table(&plan, &eval, false, None, &style(false));
    assert!(text.contains("待機児童数\u{a0}⊞"), "{text}");
    assert!(!text.contains("│   A "), "{text}");
}

#[test]
fn markdown_marks_and_adds_the_by_rows() {
    let plan = plan(Some(CategoryTarget::Same), false);
    let eval = evaluated(&plan, &[]);
    let md = crate::render::markdown::render_by(&plan, &eval, Some(0), &style(false));
    assert!(md.contains("| 待機児童数 ⊞ |"), "{md}");
    assert!(
        md.contains("| ↳ B |  |  | 16人 (2018) | 20.0% |  |  |  | off track |"),
        "{md}"
    );
}
