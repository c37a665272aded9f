//! Per-category evaluation, worked by hand from progress.md (notation as
//! there: `b` baseline, `t` target, `a` latest, `E(y)` the expected value;
//! default cut-offs 0.95 and 0.60, linear path, baseline basis).

use std::path::Path;
use std::str::FromStr;

use super::*;
use crate::breakdown::{Breakdown, CategoryGoal, CategoryTarget, Dimension, Total};

pub(crate) fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub(crate) fn dimension(id: &str, categories: &[&str], codes: &[&str]) -> Dimension {
    Dimension {
        id: id.into(),
        name: id.to_uppercase(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        codes: codes.iter().map(|c| c.to_string()).collect(),
        line: 1,
    }
}

/// A plan with goal "1" and one KPI `k` with `fields`, broken down by
/// the plan's `dimensions` (all of them, in order) with `target`.
pub(crate) fn plan(
    fields: &str,
    dimensions: Vec<Dimension>,
    target: Option<CategoryTarget>,
) -> Plan {
    let text = format!(
        "[plan]\ntitle = \"t\"\n\n[[goal]]\nid = \"1\"\nname = \"g\"\n\n\
         [[kpi]]\nid = \"k\"\nname = \"待機児童数\"\ngoal = \"1\"\nunit = \"人\"\n{fields}\n"
    );
    let (mut plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap();
    plan.kpis[0].breakdown = Some(Box::new(Breakdown {
        dimensions: (0..dimensions.len()).collect(),
        total: Total::Sum,
        category_target: target,
    }));
    plan.dimensions = dimensions;
    plan
}

pub(crate) fn key(cells: &[Option<u16>]) -> CategoryKey {
    CategoryKey(cells.to_vec().into_boxed_slice())
}

/// Figures `(year, cells, value)`.
pub(crate) fn figures(rows: &[(i32, &[Option<u16>], &str)]) -> Figures {
    rows.iter()
        .map(|&(y, cells, v)| ((FiscalYear(y), key(cells)), d(v)))
        .collect()
}

/// Waiting children 47 (2015) → 0 (2020), with a milestone and a revision
/// the categories must not see.
const WAITING: &str = "baseline = { value = 47, year = 2015 }\n\
                       target = { value = 0, year = 2020 }\n\
                       milestones = { 2016 = 46 }\n\
                       revisions = [{ from = 2017, target = 5 }]";

fn waiting() -> Plan {
    let age = dimension("age", &["0歳", "1・2歳", "3歳以上"], &[]);
    plan(WAITING, vec![age], Some(CategoryTarget::Same))
}

#[test]
fn a_decreasing_count_aimed_at_zero_everywhere() {
    let plan = waiting();
    let figs = figures(&[
        (2015, &[Some(0)], "10"),
        (2018, &[Some(0)], "4"),
        (2015, &[Some(1)], "30"),
        (2018, &[Some(1)], "25"),
        (2015, &[Some(2)], "7"),
        (2017, &[Some(2)], "0"),
    ]);
    let c = evaluate(&plan, 0, Some(&figs), Some(FiscalYear(2018))).unwrap();
    assert_eq!(c.singles.len(), 3);
    let zero = &c.singles[0];
    assert_eq!((zero.dimension, zero.category), (0, 0));
    assert_eq!(zero.baseline, Some(d("10")));
    // `same`: the KPI's own (original) target 0, not the revision's 5.
    assert_eq!(zero.target, Some(d("0")));
    assert_eq!(zero.change(), Some(d("-6"))); // 4 - 10
                                              // achievement = (4 - 10) / (0 - 10) = 0.6
    assert_eq!(zero.achievement(), Some(d("0.6")));
    // No milestone: E(2018) = 10 + (0 - 10) * 3/5 = 4, pace = (4 - 10) / (4 - 10) = 1
    // (with the KPI's milestone 46 in 2016 the pace would be negative).
    let j = zero.judged.unwrap();
    assert_eq!(j.pace, Some(d("1")));
    // Not achieved (-(4 - 0) < 0), not missed (2018 < 2020), not worse
    // than 10, pace 1 >= 0.95: on track.
    assert_eq!(j.status, Status::OnTrack);
    assert!(!j.stale);

    let one = &c.singles[1];
    // achievement = (25 - 30) / (0 - 30) = 1/6; E(2018) = 30 - 18 = 12,
    // pace = (25 - 30) / (12 - 30) = 5/18 = 0.277… < 0.60: off track.
    let a = one.achievement().unwrap();
    assert!((a - d("0.1666666666")).abs() < d("0.000000001"), "{a}");
    assert_eq!(one.status(), Some(Status::OffTrack));

    let three = &c.singles[2];
    // 0 in 2017 reaches the target 0: -(0 - 0) >= 0, achieved; (0 - 7) / (0 - 7) = 1.
    assert_eq!(three.latest.map(|p| p.year), Some(FiscalYear(2017)));
    assert_eq!(three.achievement(), Some(d("1")));
    assert_eq!(three.status(), Some(Status::Achieved));
}

#[test]
fn a_category_without_a_figure_in_the_baseline_year_has_no_data() {
    let plan = waiting();
    let figs = figures(&[(2016, &[Some(1)], "12"), (2018, &[Some(1)], "9")]);
    let c = evaluate(&plan, 0, Some(&figs), Some(FiscalYear(2018))).unwrap();
    let one = &c.singles[1];
    assert_eq!(one.baseline, None);
    // Its latest figure is still shown; it is judged no_data.
    assert_eq!(one.latest.map(|p| p.value), Some(d("9")));
    assert_eq!(one.change(), None);
    assert_eq!(one.achievement(), None);
    assert_eq!(one.status(), Some(Status::NoData));
    // A category with no figure at all: no_data too.
    assert_eq!(c.singles[0].status(), Some(Status::NoData));
    assert_eq!(c.singles[0].latest, None);
}

#[test]
fn explicit_targets_judge_only_the_categories_they_name() {
    // Employment rate 60 (2015) → 70 (2020), increasing; 女性 aims at 65.
    let sex = dimension("sex", &["男性", "女性"], &[]);
    let goals = CategoryTarget::Each(vec![CategoryGoal {
        dimension: 0,
        category: 1,
        target: d("65"),
    }]);
    let plan = plan(
        "baseline = { value = 60, year = 2015 }\ntarget = { value = 70, year = 2020 }",
        vec![sex],
        Some(goals),
    );
    let figs = figures(&[
        (2015, &[Some(0)], "70"),
        (2018, &[Some(0)], "72"),
        (2015, &[Some(1)], "50"),
        (2018, &[Some(1)], "56"),
    ]);
    let c = evaluate(&plan, 0, Some(&figs), Some(FiscalYear(2018))).unwrap();
    let (men, women) = (&c.singles[0], &c.singles[1]);
    // 男性: no target, no judgement; its change is still 72 - 70 = 2.
    assert_eq!(men.target, None);
    assert_eq!(men.judged, None);
    assert_eq!(men.change(), Some(d("2")));
    // 女性: achievement (56 - 50) / (65 - 50) = 6/15 = 0.4;
    // E(2018) = 50 + 15 * 3/5 = 59, pace = 6 / 9 = 0.666… in [0.60, 0.95): at risk.
    assert_eq!(women.achievement(), Some(d("0.4")));
    assert_eq!(women.status(), Some(Status::AtRisk));
}

#[test]
fn without_category_target_categories_are_figures_only() {
    let age = dimension("age", &["0歳", "1・2歳"], &[]);
    let plan = plan(WAITING, vec![age], None);
    let figs = figures(&[(2015, &[Some(0)], "10"), (2018, &[Some(0)], "4")]);
    let c = evaluate(&plan, 0, Some(&figs), Some(FiscalYear(2018))).unwrap();
    assert_eq!(c.singles[0].judged, None);
    assert_eq!(c.singles[0].change(), Some(d("-6")));
}

#[test]
fn figures_after_the_as_of_year_and_the_target_year_are_not_scored() {
    let plan = waiting();
    let figs = figures(&[
        (2015, &[Some(0)], "10"),
        (2017, &[Some(0)], "6"),
        (2019, &[Some(0)], "0.5"),
        (2021, &[Some(0)], "0"),
    ]);
    let c = evaluate(&plan, 0, Some(&figs), Some(FiscalYear(2018))).unwrap();
    // As of 2018 the 2017 figure is the latest; 2019's 0.5 is not counted
    // in the decimals either (plan values and figures up to 2018: 0).
    assert_eq!(c.singles[0].latest.map(|p| p.value), Some(d("6")));
    assert_eq!(c.decimals, 0);
    let c = evaluate(&plan, 0, Some(&figs), Some(FiscalYear(2022))).unwrap();
    // Capped at the target year 2020: 2019's 0.5 (2021's 0 is after the plan).
    assert_eq!(c.singles[0].latest.map(|p| p.value), Some(d("0.5")));
    assert_eq!(c.decimals, 1);
}

#[test]
fn combinations_keep_their_latest_figure() {
    let sex = dimension("sex", &["男性", "女性"], &[]);
    let age = dimension("age", &["若年", "高齢"], &[]);
    let plan = plan(WAITING, vec![sex, age], None);
    let figs = figures(&[
        (2016, &[Some(1), Some(0)], "3"),
        (2017, &[Some(1), Some(0)], "2"),
        (2017, &[Some(0), None], "5"),
    ]);
    let c = evaluate(&plan, 0, Some(&figs), Some(FiscalYear(2018))).unwrap();
    // Two dimensions of two categories: four singles, in breakdowns order.
    let order: Vec<(usize, usize)> = c
        .singles
        .iter()
        .map(|s| (s.dimension, s.category))
        .collect();
    assert_eq!(order, [(0, 0), (0, 1), (1, 0), (1, 1)]);
    assert_eq!(c.singles[0].latest.map(|p| p.value), Some(d("5")));
    assert_eq!(c.combinations.len(), 1);
    assert_eq!(c.combinations[0].0, key(&[Some(1), Some(0)]));
    assert_eq!(c.combinations[0].1.value, d("2"));
}

#[test]
fn a_kpi_without_breakdowns_has_no_categories_and_attach_leaves_statuses_alone() {
    let mut plan = waiting();
    let figs = figures(&[(2015, &[Some(0)], "10"), (2018, &[Some(0)], "40")]);
    let series: Vec<Series> = vec![[(FiscalYear(2018), d("20"))].into_iter().collect()];
    let mut eval = crate::progress::evaluate(&plan, &series, Some(FiscalYear(2018)), &[0]);
    let before = eval.kpis[0].status;
    let all: BTreeMap<usize, Figures> = [(0, figs)].into_iter().collect();
    attach(&plan, &mut eval, &all);
    // The category is worsening (40 > 10); the KPI's own status stays.
    let cats = eval.kpis[0].categories.as_ref().unwrap();
    assert_eq!(cats.singles[0].status(), Some(Status::Worsening));
    assert_eq!(eval.kpis[0].status, before);
    plan.kpis[0].breakdown = None;
    assert_eq!(
        evaluate(&plan, 0, all.get(&0), Some(FiscalYear(2018))),
        None
    );
}
