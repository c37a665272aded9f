//! Hand-worked cases for every figure and status rule of progress.md.
//!
//! Every expected figure below is worked by hand from progress.md; the
//! working is in the comment beside each assertion. Notation as there:
//! `b` baseline, `t` target, `a` latest actual in year `y`, `s` direction,
//! `E(y)` expected value.

use super::*;
use crate::bands::{Compare, Figure};

use std::path::Path;
use std::str::FromStr;

// ---------------------------------------------------------------- helpers

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn fy(y: i32) -> FiscalYear {
    FiscalYear(y)
}

/// A ratio that has no finite decimal form, to within 1e-10.
fn assert_close(actual: Option<Decimal>, expected: &str) {
    let x = actual.unwrap_or_else(|| panic!("expected about {expected}, got None"));
    assert!(
        (x - d(expected)).abs() < d("0.0000000001"),
        "expected about {expected}, got {x}"
    );
}

fn load(text: &str) -> Plan {
    match crate::plan::load_str(Path::new("kpi.toml"), text) {
        Ok((plan, _warnings)) => plan,
        Err(problems) => panic!("plan refused: {problems:?}\n{text}"),
    }
}

/// A plan with one goal and one KPI under it; `evaluation` is TOML for the
/// `[evaluation]` table (or empty), `kpi` the KPI's fields beyond id, name, goal.
fn plan_with(evaluation: &str, kpi: &str) -> Plan {
    load(&format!(
        "[plan]\ntitle = \"test\"\n\n{evaluation}\n\n\
         [[goal]]\nid = \"1\"\nname = \"goal\"\n\n\
         [[kpi]]\nid = \"k\"\nname = \"kpi\"\ngoal = \"1\"\n{kpi}\n"
    ))
}

fn cond(figure: Figure, compare: Compare, bound: &str) -> crate::bands::Condition {
    crate::bands::Condition {
        figure,
        compare,
        bound: d(bound),
    }
}

/// The figures a band sees: pace and achievement as given, no improvement.
fn graded(pace: Option<Decimal>, achievement: Option<Decimal>) -> Graded {
    Graded {
        pace: pace.map(Ratio::from),
        achievement: achievement.map(Ratio::from),
        improvement: None,
    }
}

fn plan_one(kpi: &str) -> Plan {
    plan_with("", kpi)
}

fn series(figures: &[(i32, &str)]) -> Series {
    figures.iter().map(|&(y, v)| (fy(y), d(v))).collect()
}

/// Evaluate the plan's first KPI on `figures` as of `as_of`.
fn eval(plan: &Plan, figures: &[(i32, &str)], as_of: i32) -> KpiProgress {
    evaluate_kpi(
        0,
        &plan.kpis[0],
        &series(figures),
        Some(fy(as_of)),
        &plan.scoring,
    )
}

/// 0 (2015) → 100 (2020): E(y) = 20 per year, so E(2016) = 20, E(2017) = 40.
const ZERO_TO_100: &str = "baseline = { value = 0, year = 2015 }\n\
                           target = { value = 100, year = 2020 }";

/// Waiting list 47 (2015) → 0 (2020).
const WAITING_LIST: &str = "baseline = { value = 47, year = 2015 }\n\
                            target = { value = 0, year = 2020 }";

// ------------------------------------------------------------- figures

#[test]
fn decreasing_kpi_with_target_zero_scores_on_the_baseline_basis() {
    let plan = plan_one(WAITING_LIST);
    assert_eq!(plan.kpis[0].direction, Direction::Decrease); // 0 < 47
    let p = eval(&plan, &[(2018, "20")], 2018);
    assert_eq!(
        p.latest,
        Some(Point {
            year: fy(2018),
            value: d("20")
        })
    );
    // E(2018) = 47 + (0 - 47) * 3/5 = 47 - 28.2 = 18.8
    assert_eq!(p.expected_value, Some(d("18.8")));
    // achievement = (a - b) / (t - b) = (20 - 47) / (0 - 47) = 27/47 = 0.574468085106…
    assert_close(p.achievement, "0.5744680851063829787");
    // expected = (E - b) / (t - b) = (18.8 - 47) / (0 - 47) = 28.2/47 = 3/5 = 0.6 (year 3 of 5)
    assert_eq!(p.expected, Some(d("0.6")));
    // pace = (a - b) / (E - b) = (20 - 47) / (18.8 - 47) = 27/28.2 = 45/47 = 0.957446808510…
    assert_close(p.pace, "0.9574468085106382979");
    // gap = s * (t - a) = -1 * (0 - 20) = 20
    assert_eq!(p.gap, Some(d("20")));
    // not achieved: s*(a - t) = -20 < 0; 2018 < 2020 so not missed;
    // s*(a - b) = -1 * (20 - 47) = 27 >= 0 so not worsening; pace 0.957 >= 0.95 → on_track
    assert_eq!(p.status, Status::OnTrack);
    assert!(!p.stale); // A - y = 2018 - 2018 = 0 < 2
    assert_eq!(p.basis, Basis::Baseline);
}

#[test]
fn baseline_of_zero_divides_by_the_promised_change() {
    let plan = plan_one(
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 5, year = 2020 }",
    );
    let p = eval(&plan, &[(2017, "2")], 2017);
    // E(2017) = 0 + 5 * 2/5 = 2
    assert_eq!(p.expected_value, Some(d("2")));
    // achievement = (2 - 0) / (5 - 0) = 0.4
    assert_eq!(p.achievement, Some(d("0.4")));
    // expected = (2 - 0) / (5 - 0) = 0.4
    assert_eq!(p.expected, Some(d("0.4")));
    // pace = (2 - 0) / (2 - 0) = 1
    assert_eq!(p.pace, Some(d("1")));
    // gap = +1 * (5 - 2) = 3
    assert_eq!(p.gap, Some(d("3")));
    assert_eq!(p.status, Status::OnTrack); // 1 >= 0.95

    let p = eval(&plan, &[(2018, "2")], 2018);
    // E(2018) = 5 * 3/5 = 3; pace = 2/3 = 0.666… → at_risk (0.60 <= 0.667 < 0.95)
    assert_eq!(p.expected_value, Some(d("3")));
    assert_close(p.pace, "0.6666666666666666667");
    assert_eq!(p.expected, Some(d("0.6"))); // 3/5
    assert_eq!(p.status, Status::AtRisk);
}

#[test]
fn decimal_rate_keeps_exact_values() {
    // 2.4 % (H26 = 2014) → 1.7 % (H31 = 2019), lower is better (inferred)
    let plan = plan_one(
        "unit = \"%\"\n\
         baseline = { value = 2.4, year = \"H26\" }\n\
         target = { value = 1.7, year = \"H31\" }",
    );
    let kpi = &plan.kpis[0];
    assert_eq!(kpi.direction, Direction::Decrease);
    // t - b = 1.7 - 2.4 = -0.7 exactly, never -0.7000000000000002
    assert_eq!((kpi.target.value - kpi.baseline.value).to_string(), "-0.7");

    let p = eval(&plan, &[(2016, "2.1")], 2016);
    // E(2016) = 2.4 + (1.7 - 2.4) * 2/5 = 2.4 - 0.28 = 2.12
    assert_eq!(p.expected_value, Some(d("2.12")));
    // achievement = (2.1 - 2.4) / (1.7 - 2.4) = -0.3 / -0.7 = 3/7 = 0.428571…
    assert_close(p.achievement, "0.4285714285714285714");
    // expected = (2.12 - 2.4) / -0.7 = -0.28 / -0.7 = 0.4
    assert_eq!(p.expected, Some(d("0.4")));
    // pace = -0.3 / -0.28 = 30/28 = 15/14 = 1.0714285714…
    assert_close(p.pace, "1.0714285714285714286");
    // gap = -1 * (1.7 - 2.1) = 0.4
    assert_eq!(p.gap.map(|g| g.to_string()), Some("0.4".to_string()));
    assert_eq!(p.status, Status::OnTrack); // 1.07 >= 0.95

    // Actual still at the baseline a year in: gap = -1 * (1.7 - 2.4) = 0.7 exactly.
    let p = eval(&plan, &[(2015, "2.4")], 2015);
    assert_eq!(p.gap.map(|g| g.to_string()), Some("0.7".to_string()));
    // achievement = 0 / -0.7 = 0
    assert_eq!(p.achievement, Some(d("0")));
    // E(2015) = 2.4 - 0.7/5 = 2.26; pace = 0 / (2.26 - 2.4) = 0
    assert_eq!(p.expected_value, Some(d("2.26")));
    assert_eq!(p.pace, Some(d("0")));
    // not achieved, not missed, s*(a - b) = 0 not < 0, pace 0 < 0.60 → off_track
    assert_eq!(p.status, Status::OffTrack);
}

#[test]
fn flat_target_held_reaches_the_target_and_is_achieved() {
    // progress.md, Status: rules in order, the first that holds. With b = t = 50,
    // a = 50: `achieved` is s*(a - t) = +1 * (50 - 50) = 0 >= 0, which holds
    // before the undefined-pace rule is ever reached. (The brief expected
    // on_track here; the contract's rule order gives achieved.)
    let plan = plan_one(
        "direction = \"increase\"\n\
         baseline = { value = 50, year = 2015 }\n\
         target = { value = 50, year = 2020 }",
    );
    let p = eval(&plan, &[(2017, "50")], 2017);
    assert_eq!(p.status, Status::Achieved);
    assert_eq!(p.achievement, None); // t == b
    assert_eq!(p.expected, None); // t == b
    assert_eq!(p.expected_value, Some(d("50"))); // E is flat at 50
    assert_eq!(p.pace, None); // E(y) == b
    assert_eq!(p.gap, Some(d("0"))); // +1 * (50 - 50)

    // above: s*(a - t) = 52 - 50 = 2 >= 0 → achieved; gap = 50 - 52 = -2
    let p = eval(&plan, &[(2017, "52")], 2017);
    assert_eq!(p.status, Status::Achieved);
    assert_eq!(p.gap, Some(d("-2")));

    // below: s*(a - t) = -2 < 0; 2017 < 2020; s*(a - b) = -2 < 0 → worsening
    let p = eval(&plan, &[(2017, "48")], 2017);
    assert_eq!(p.status, Status::Worsening);
    assert_eq!(p.gap, Some(d("2")));
}

#[test]
fn flat_target_with_direction_decrease() {
    let plan = plan_one(
        "direction = \"decrease\"\n\
         baseline = { value = 10, year = 2015 }\n\
         target = { value = 10, year = 2020 }",
    );
    assert_eq!(plan.kpis[0].direction, Direction::Decrease);
    // a = 10: s*(a - t) = -1 * 0 = 0 >= 0 → achieved (held)
    assert_eq!(eval(&plan, &[(2016, "10")], 2016).status, Status::Achieved);
    // a = 9: s*(a - t) = -1 * (9 - 10) = 1 >= 0 → achieved; gap = -1 * (10 - 9) = -1
    let p = eval(&plan, &[(2016, "9")], 2016);
    assert_eq!(p.status, Status::Achieved);
    assert_eq!(p.gap, Some(d("-1")));
    // a = 11: s*(a - t) = -1 < 0; not missed; s*(a - b) = -1 < 0 → worsening
    assert_eq!(eval(&plan, &[(2016, "11")], 2016).status, Status::Worsening);
    // a = 11 in the target year: missed comes before worsening
    assert_eq!(eval(&plan, &[(2020, "11")], 2020).status, Status::Missed);
}

#[test]
fn undefined_pace_from_a_milestone_holding_the_baseline_is_on_track_when_not_worse() {
    // 10 (2015), milestone 2017 = 10, target 20 (2020): E(2016) = 10 + 0 * 1/2 = 10 = b
    let plan = plan_one(
        "baseline = { value = 10, year = 2015 }\n\
         target = { value = 20, year = 2020 }\n\
         milestones = { 2017 = 10 }",
    );
    let p = eval(&plan, &[(2016, "10")], 2016);
    assert_eq!(p.expected_value, Some(d("10")));
    assert_eq!(p.pace, None); // E(y) == b
                              // expected = (10 - 10) / (20 - 10) = 0
    assert_eq!(p.expected, Some(d("0")));
    // not achieved (10 < 20), not missed, s*(a - b) = 0 not < 0;
    // pace undefined and s*(a - b) = 0 >= 0 → on_track
    assert_eq!(p.status, Status::OnTrack);

    let p = eval(&plan, &[(2016, "11")], 2016);
    assert_eq!(p.pace, None);
    // achievement = (11 - 10) / (20 - 10) = 0.1
    assert_eq!(p.achievement, Some(d("0.1")));
    assert_eq!(p.status, Status::OnTrack); // s*(a - b) = 1 >= 0

    // below the baseline: worsening comes first
    assert_eq!(eval(&plan, &[(2016, "9")], 2016).status, Status::Worsening);
}

#[test]
fn target_reached_early_is_achieved() {
    let plan = plan_one(ZERO_TO_100);
    // a = 100 in 2017 (< y1 = 2020): s*(a - t) = 0 >= 0 → achieved
    let p = eval(&plan, &[(2017, "100")], 2017);
    assert_eq!(p.status, Status::Achieved);
    assert_eq!(p.achievement, Some(d("1"))); // 100/100
    assert_eq!(p.gap, Some(d("0"))); // 100 - 100

    // a = 120: achievement 120/100 = 1.2; E(2017) = 40, pace = 120/40 = 3; gap = 100 - 120 = -20
    let p = eval(&plan, &[(2017, "120")], 2017);
    assert_eq!(p.status, Status::Achieved);
    assert_eq!(p.achievement, Some(d("1.2")));
    assert_eq!(p.expected_value, Some(d("40")));
    assert_eq!(p.pace, Some(d("3")));
    assert_eq!(p.gap, Some(d("-20")));
}

#[test]
fn target_year_short_is_missed_and_reached_is_achieved() {
    let plan = plan_one(ZERO_TO_100);
    // a = 90 in 2020 = y1: s*(a - t) = -10 < 0, y >= y1 → missed
    let p = eval(&plan, &[(2020, "90")], 2020);
    assert_eq!(p.status, Status::Missed);
    assert_eq!(p.expected_value, Some(d("100"))); // E(y1) = t
    assert_eq!(p.expected, Some(d("1"))); // (100 - 0) / (100 - 0)
    assert_eq!(p.achievement, Some(d("0.9"))); // 90/100
    assert_eq!(p.pace, Some(d("0.9"))); // 90/100
    assert_eq!(p.gap, Some(d("10"))); // 100 - 90

    // a = 100 in 2020: s*(a - t) = 0 >= 0 → achieved
    assert_eq!(eval(&plan, &[(2020, "100")], 2020).status, Status::Achieved);
}

#[test]
fn a_figure_after_the_target_year_is_not_scored() {
    let plan = plan_one(ZERO_TO_100);
    // y1 = 2020. As of 2021 the latest is the newest y with 2015 < y <= min(2021, 2020):
    // the 2020 figure 90; the 2021 figure 95 is after the plan and not scored.
    let p = eval(&plan, &[(2020, "90"), (2021, "95")], 2021);
    assert_eq!(p.latest.map(|l| l.year), Some(fy(2020)));
    assert_eq!(p.latest.map(|l| l.value), Some(d("90")));
    // achievement = (90 - 0) / (100 - 0) = 0.9; gap = 100 - 90 = 10
    assert_eq!(p.achievement, Some(d("0.9")));
    assert_eq!(p.gap, Some(d("10")));
    // s*(a - t) = -10 < 0 and y = y1: missed
    assert_eq!(p.status, Status::Missed);
    // As of 2022 nothing changes: stale counts from the scored figure (2022 - 2020 = 2).
    let p = eval(&plan, &[(2020, "90"), (2021, "95")], 2022);
    assert_eq!(p.latest.map(|l| l.year), Some(fy(2020)));
    assert!(p.stale);
}

#[test]
fn a_target_reached_only_after_the_target_year_is_missed() {
    let plan = plan_one(ZERO_TO_100);
    // 2020 (= y1): 80, short; 2021: 101 would reach t = 100, but it is after y1.
    let p = eval(&plan, &[(2019, "70"), (2020, "80"), (2021, "101")], 2021);
    assert_eq!(
        p.latest.map(|l| (l.year, l.value)),
        Some((fy(2020), d("80")))
    );
    assert_eq!(p.status, Status::Missed);
    // Only a figure after y1: nothing is scored, so no latest and no_data.
    assert_eq!(eval(&plan, &[(2021, "101")], 2021).status, Status::NoData);
    // Before y1, a figure that reaches t is achieved early, as always.
    assert_eq!(eval(&plan, &[(2019, "100")], 2021).status, Status::Achieved);
}

#[test]
fn year_rows_show_figures_after_the_target_year_unscored() {
    let plan = plan_one(ZERO_TO_100);
    let figs = series(&[(2020, "90"), (2021, "95")]);
    let rows = detail::year_rows(&plan.kpis[0], &figs, &plan.scoring, Some(fy(2021)));
    let row = |y: i32| rows.iter().find(|r| r.year == fy(y)).expect("row");
    // 2020 = y1: scored, achievement 90/100
    assert!(!row(2020).after_target);
    assert_eq!(
        row(2020).figures.and_then(|f| f.achievement),
        Some(d("0.9"))
    );
    // 2021: shown with its figure, marked, never scored
    assert!(row(2021).after_target);
    assert_eq!(row(2021).actual, Some(d("95")));
    assert_eq!(row(2021).figures, None);
}

#[test]
fn only_history_figures_give_no_data() {
    let plan = plan_one(ZERO_TO_100);
    // 2014 < y0 and 2015 = y0: history, never scored
    let figs = [(2014, "3"), (2015, "4")];
    for as_of in [2015, 2016, 2019] {
        let p = eval(&plan, &figs, as_of);
        assert_eq!(p.latest, None, "as of {as_of}");
        assert_eq!(p.status, Status::NoData);
        assert!(!p.stale); // no latest: not stale
        assert_eq!(p.expected_value, None);
        assert_eq!(p.achievement, None);
        assert_eq!(p.expected, None);
        assert_eq!(p.pace, None);
        assert_eq!(p.gap, None);
        assert_eq!(p.grade, None);
        assert_eq!(p.basis, Basis::Baseline); // the plan's basis
    }
    // the as-of year from this ledger is 2015, the newest year with a figure
    assert_eq!(as_of_year(None, &[series(&figs)]), Some(fy(2015)));
}

#[test]
fn no_data_reports_the_plans_basis() {
    let plan = plan_with("[evaluation]\nbasis = \"target\"", ZERO_TO_100);
    let p = eval(&plan, &[], 2017);
    assert_eq!(p.status, Status::NoData);
    assert_eq!(p.basis, Basis::Target);
}

#[test]
fn stale_when_the_latest_figure_is_stale_after_years_behind() {
    let plan = plan_one(
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 100, year = 2025 }",
    );
    let figs = [(2016, "10")];
    // A - y = 2018 - 2016 = 2 >= 2 (default) → stale
    assert!(eval(&plan, &figs, 2018).stale);
    // A - y = 2017 - 2016 = 1 = stale_after - 1 → not stale
    assert!(!eval(&plan, &figs, 2017).stale);
    // staleness does not change the status: E(2016) = 10, pace = 10/10 = 1 → on_track
    assert_eq!(eval(&plan, &figs, 2018).status, Status::OnTrack);

    let plan = plan_with(
        "[evaluation]\nstale_after = 3",
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 100, year = 2025 }",
    );
    assert_eq!(plan.scoring.stale_after, 3);
    // A - y = 2 < 3 → not stale; 3 >= 3 → stale
    assert!(!eval(&plan, &figs, 2018).stale);
    assert!(eval(&plan, &figs, 2019).stale);
}

// ------------------------------------------------------------- expected path

#[test]
fn milestones_bend_the_expected_path() {
    // 0 (2014) → 100 (2019), milestone 2016 = 10
    let plan = plan_one(
        "baseline = { value = 0, year = 2014 }\n\
         target = { value = 100, year = 2019 }\n\
         milestones = { 2016 = 10 }",
    );
    let kpi = &plan.kpis[0];
    let e = |y| expected_value(kpi, PathShape::Linear, fy(y));
    assert_eq!(e(2014), d("0")); // b
    assert_eq!(e(2015), d("5")); // 0 + (10 - 0) * 1/2
    assert_eq!(e(2016), d("10")); // the milestone
    assert_eq!(e(2017), d("40")); // 10 + (100 - 10) * 1/3
    assert_eq!(e(2018), d("70")); // 10 + (100 - 10) * 2/3
    assert_eq!(e(2019), d("100")); // t
    assert_eq!(e(2021), d("100")); // after y1: t

    // a = 8 in 2016: pace = 8/10 = 0.8 → at_risk; expected = 10/100 = 0.1; achievement 8/100
    let p = eval(&plan, &[(2016, "8")], 2016);
    assert_eq!(p.pace, Some(d("0.8")));
    assert_eq!(p.expected, Some(d("0.1")));
    assert_eq!(p.achievement, Some(d("0.08")));
    assert_eq!(p.status, Status::AtRisk);
    // a = 40 in 2017: pace = 40/40 = 1 → on_track (on the straight line E would be 60: 0.667)
    let p = eval(&plan, &[(2017, "40")], 2017);
    assert_eq!(p.pace, Some(d("1")));
    assert_eq!(p.status, Status::OnTrack);
}

#[test]
fn ibaraki_jobs_created_worked_example() {
    let plan = plan_one(
        "unit = \"人\"\ncumulative = true\n\
         baseline = { value = 0, year = \"FY2014\" }\n\
         target = { value = 10000, year = \"FY2019\" }\n\
         milestones = { FY2015 = 2000, FY2016 = 4000, FY2017 = 6000, FY2018 = 8000 }",
    );
    let figs = [(2015, "2748"), (2016, "5163"), (2017, "7077")];
    // pace = (a - 0) / (E(y) - 0)
    let cases = [
        (2015, "2000", "1.374"),   // 2748 / 2000 = 1.374
        (2016, "4000", "1.29075"), // 5163 / 4000 = 1.29075
        (2017, "6000", "1.1795"),  // 7077 / 6000 = 1.1795
    ];
    for (year, e, pace) in cases {
        let p = eval(&plan, &figs, year);
        assert_eq!(p.latest.map(|l| l.year), Some(fy(year)));
        assert_eq!(p.expected_value, Some(d(e)), "{year}");
        assert_eq!(p.pace, Some(d(pace)), "{year}");
        assert_eq!(p.status, Status::OnTrack, "{year}");
    }
    // 2017: achievement = 7077 / 10000 = 0.7077; expected = 6000/10000 = 0.6; gap = 2923
    let p = eval(&plan, &figs, 2017);
    assert_eq!(p.achievement, Some(d("0.7077")));
    assert_eq!(p.expected, Some(d("0.6")));
    assert_eq!(p.gap, Some(d("2923")));
}

#[test]
fn geometric_path_grows_by_a_constant_factor() {
    let kpi = "baseline = { value = 100, year = 2014 }\n\
               target = { value = 400, year = 2016 }";
    let geo = plan_with("[evaluation]\npath = \"geometric\"", kpi);
    assert_eq!(geo.scoring.path, PathShape::Geometric);
    // geometric: E(2015) = 100 * (400/100)^(1/2) = 100 * 2 = 200
    let e = expected_value(&geo.kpis[0], PathShape::Geometric, fy(2015));
    assert!((e - d("200")).abs() < d("0.000000001"), "E(2015) = {e}");
    // the end points are exact: b and t
    assert_eq!(
        expected_value(&geo.kpis[0], PathShape::Geometric, fy(2014)),
        d("100")
    );
    assert_eq!(
        expected_value(&geo.kpis[0], PathShape::Geometric, fy(2016)),
        d("400")
    );
    // pace with a = 150 in 2015: (150 - 100) / (200 - 100) = 0.5 → off_track (< 0.60)
    let p = eval(&geo, &[(2015, "150")], 2015);
    assert_close(p.pace, "0.5");
    assert_eq!(p.status, Status::OffTrack);

    let lin = plan_one(kpi);
    // linear: E(2015) = 100 + (400 - 100) * 1/2 = 250
    assert_eq!(
        expected_value(&lin.kpis[0], PathShape::Linear, fy(2015)),
        d("250")
    );
    // pace with a = 150: 50/150 = 1/3
    assert_close(
        eval(&lin, &[(2015, "150")], 2015).pace,
        "0.3333333333333333333",
    );

    // three years, 100 → 800: factor 2 a year, E = 200, 400
    let geo3 = plan_with(
        "[evaluation]\npath = \"geometric\"",
        "baseline = { value = 100, year = 2014 }\n\
         target = { value = 800, year = 2017 }",
    );
    let e1 = expected_value(&geo3.kpis[0], PathShape::Geometric, fy(2015));
    let e2 = expected_value(&geo3.kpis[0], PathShape::Geometric, fy(2016));
    assert!((e1 - d("200")).abs() < d("0.000000001"), "E(2015) = {e1}");
    assert!((e2 - d("400")).abs() < d("0.000000001"), "E(2016) = {e2}");
}

#[test]
fn geometric_path_refuses_values_at_or_below_zero() {
    let text = "[plan]\ntitle = \"t\"\n[evaluation]\npath = \"geometric\"\n\
                [[goal]]\nid = \"1\"\nname = \"g\"\n\
                [[kpi]]\nid = \"k\"\nname = \"k\"\ngoal = \"1\"\n\
                baseline = { value = 0, year = 2014 }\ntarget = { value = 10, year = 2016 }\n";
    assert!(crate::plan::load_str(Path::new("kpi.toml"), text).is_err());
}

// ------------------------------------------------------------- bases

#[test]
fn target_basis_uda_fertility_rate() {
    let plan = plan_with(
        "[evaluation]\nbasis = \"target\"",
        "baseline = { value = 0.90, year = 2014 }\n\
         target = { value = 1.40, year = 2019 }",
    );
    let p = eval(&plan, &[(2017, "1.11")], 2017);
    assert_eq!(p.basis, Basis::Target);
    // achievement = a / t = 1.11 / 1.40 = 111/140 = 0.792857… (Uda's 79.3 %)
    assert_close(p.achievement, "0.7928571428571428571");
    // E(2017) = 0.90 + 0.50 * 3/5 = 1.20; pace = a / E = 1.11 / 1.20 = 0.925
    assert_eq!(p.expected_value, Some(d("1.20")));
    assert_eq!(p.pace, Some(d("0.925")));
    // expected unchanged: (1.20 - 0.90) / (1.40 - 0.90) = 0.30/0.50 = 0.6
    assert_eq!(p.expected, Some(d("0.6")));
    // gap unchanged: +1 * (1.40 - 1.11) = 0.29
    assert_eq!(p.gap, Some(d("0.29")));
    // 0.60 <= 0.925 < 0.95 → at_risk
    assert_eq!(p.status, Status::AtRisk);
}

#[test]
fn target_basis_uda_net_outflow_decreasing() {
    let plan = plan_with(
        "[evaluation]\nbasis = \"target\"\non_track = 1.0\nat_risk = 0.9",
        "unit = \"人\"\n\
         baseline = { value = 300, year = 2014 }\n\
         target = { value = 150, year = 2019 }",
    );
    let p = eval(&plan, &[(2017, "245")], 2017);
    assert_eq!(p.basis, Basis::Target);
    // decreasing: achievement = t / a = 150 / 245 = 30/49 = 0.612244… (Uda's 61.2 %)
    assert_close(p.achievement, "0.6122448979591836735");
    // E(2017) = 300 + (150 - 300) * 3/5 = 210; pace = E / a = 210 / 245 = 6/7 = 0.857142…
    assert_eq!(p.expected_value, Some(d("210")));
    assert_close(p.pace, "0.8571428571428571429");
    // expected unchanged: (210 - 300) / (150 - 300) = 0.6
    assert_eq!(p.expected, Some(d("0.6")));
    // gap = -1 * (150 - 245) = 95
    assert_eq!(p.gap, Some(d("95")));
    // cut-offs 1.0 / 0.9 apply to E / a = 0.857 < 0.9 → off_track
    assert_eq!(p.status, Status::OffTrack);
}

#[test]
fn target_basis_falls_back_to_baseline_when_target_is_zero() {
    let plan = plan_with("[evaluation]\nbasis = \"target\"", WAITING_LIST);
    let p = eval(&plan, &[(2018, "20")], 2018);
    // t = 0 is not above 0: scored on the baseline basis, as in the first test
    assert_eq!(p.basis, Basis::Baseline);
    assert_close(p.achievement, "0.5744680851063829787"); // 27/47
    assert_close(p.pace, "0.9574468085106382979"); // 27/28.2
    assert_eq!(p.expected, Some(d("0.6")));
    assert_eq!(p.gap, Some(d("20")));
    assert_eq!(p.status, Status::OnTrack);
}

#[test]
fn target_basis_falls_back_when_actual_is_not_above_zero() {
    let plan = plan_with("[evaluation]\nbasis = \"target\"", ZERO_TO_100);
    // a = 0, t = 100 > 0, E(2017) = 40 > 0: a is not above 0 → baseline basis
    let p = eval(&plan, &[(2017, "0")], 2017);
    assert_eq!(p.basis, Basis::Baseline);
    assert_eq!(p.achievement, Some(d("0"))); // (0 - 0) / 100
    assert_eq!(p.pace, Some(d("0"))); // (0 - 0) / (40 - 0)
    assert_eq!(p.status, Status::OffTrack); // s*(a-b) = 0, not worsening; 0 < 0.60

    // a = 30 > 0: target basis applies; achievement = 30/100 = 0.3, pace = 30/40 = 0.75
    let p = eval(&plan, &[(2017, "30")], 2017);
    assert_eq!(p.basis, Basis::Target);
    assert_eq!(p.achievement, Some(d("0.3")));
    assert_eq!(p.pace, Some(d("0.75")));
}

#[test]
fn target_basis_falls_back_when_expected_value_is_not_above_zero() {
    let plan = plan_with(
        "[evaluation]\nbasis = \"target\"",
        "baseline = { value = -10, year = 2015 }\n\
         target = { value = 10, year = 2017 }",
    );
    // E(2016) = -10 + 20 * 1/2 = 0, not above 0 (a = 3 > 0, t = 10 > 0) → baseline basis
    let p = eval(&plan, &[(2016, "3")], 2016);
    assert_eq!(p.expected_value, Some(d("0")));
    assert_eq!(p.basis, Basis::Baseline);
    // achievement = (3 + 10) / (10 + 10) = 13/20 = 0.65
    assert_eq!(p.achievement, Some(d("0.65")));
    // pace = (3 + 10) / (0 + 10) = 1.3
    assert_eq!(p.pace, Some(d("1.3")));
    assert_eq!(p.status, Status::OnTrack);
}

// ------------------------------------------------------------- as of

#[test]
fn figure_after_the_as_of_year_is_ignored() {
    let plan = plan_one(ZERO_TO_100);
    let figs = [(2016, "30"), (2018, "90")];
    let p = eval(&plan, &figs, 2017);
    // latest: greatest y with 2015 < y <= 2017 → 2016
    assert_eq!(
        p.latest,
        Some(Point {
            year: fy(2016),
            value: d("30")
        })
    );
    // E(2016) = 20; pace = 30/20 = 1.5
    assert_eq!(p.pace, Some(d("1.5")));
    assert!(!p.stale); // 2017 - 2016 = 1 < 2
                       // the asked year wins over the newest figure
    assert_eq!(as_of_year(Some(fy(2017)), &[series(&figs)]), Some(fy(2017)));
}

#[test]
fn as_of_year_asked_else_newest_of_any_series() {
    let a = series(&[(2015, "1"), (2017, "2")]);
    let b = series(&[(2018, "3")]);
    let empty = Series::new();
    // asked: wins even when it is before or after every figure
    assert_eq!(
        as_of_year(Some(fy(2016)), &[a.clone(), b.clone()]),
        Some(fy(2016))
    );
    assert_eq!(as_of_year(Some(fy(2030)), &[]), Some(fy(2030)));
    // not asked: the newest year of any series, whatever the KPI
    assert_eq!(
        as_of_year(None, &[a.clone(), b.clone(), empty.clone()]),
        Some(fy(2018))
    );
    assert_eq!(as_of_year(None, &[b, a]), Some(fy(2018)));
    // empty ledger: no A
    assert_eq!(as_of_year(None, &[]), None);
    assert_eq!(as_of_year(None, &[empty.clone(), empty]), None);
}

#[test]
fn a_plans_as_of_year_is_capped_at_its_last_target_year_in_force() {
    // Two KPIs: 0 (2015) → 100 (2020), and 0 (2015) → 100 (2018).
    let plan = load(
        "[plan]\ntitle = \"t\"\n[[goal]]\nid = \"1\"\nname = \"g\"\n\
         [[kpi]]\nid = \"a\"\nname = \"a\"\ngoal = \"1\"\n\
         baseline = { value = 0, year = 2015 }\ntarget = { value = 100, year = 2020 }\n\
         [[kpi]]\nid = \"b\"\nname = \"b\"\ngoal = \"1\"\n\
         baseline = { value = 0, year = 2015 }\ntarget = { value = 100, year = 2018 }\n",
    );
    let to_2023 = series(&[(2016, "1"), (2023, "9")]);
    let to_2017 = series(&[(2017, "1")]);
    // Figures to 2023, last target year 2020 (the later of 2020 and 2018): 2020.
    let both = [to_2023.clone(), to_2017.clone()];
    assert_eq!(plan_as_of(None, &plan, &both), Some(fy(2020)));
    // Figures to 2017 only: before every cap, the newest stands.
    let early = [to_2017.clone(), Series::new()];
    assert_eq!(plan_as_of(None, &plan, &early), Some(fy(2017)));
    // --year wins, after the target year or before.
    assert_eq!(plan_as_of(Some(fy(2023)), &plan, &both), Some(fy(2023)));
    assert_eq!(plan_as_of(Some(fy(2016)), &plan, &both), Some(fy(2016)));
    // No figure: no as-of year.
    assert_eq!(
        plan_as_of(None, &plan, &[Series::new(), Series::new()]),
        None
    );
    // A revision in force moves the cap: REVISED's target year is 2022 from 2018 on.
    let revised = plan_one(REVISED);
    assert_eq!(
        plan_as_of(None, &revised, &[series(&[(2024, "1")])]),
        Some(fy(2022))
    );
    // A revision moving the year later lifts the cap: 0 (2015) → 100
    // (2020), from 2019 on 150 in 2027; figures to 2023 are judged as of 2023.
    let later = plan_one(
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 100, year = 2020 }\n\
         revisions = [{ from = 2019, target = 150, target_year = 2027 }]",
    );
    let to_2023 = [series(&[(2023, "1")])];
    assert_eq!(plan_as_of(None, &later, &to_2023), Some(fy(2023)));
    // A revision that brings the target year forward (2020 → 2018 from 2017).
    let sooner = plan_one(
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 100, year = 2020 }\n\
         revisions = [{ from = 2017, target = 60, target_year = 2018 }]",
    );
    assert_eq!(plan_as_of(None, &sooner, &to_2023), Some(fy(2018)));
}

#[test]
fn without_an_as_of_year_every_kpi_is_no_data() {
    let plan = plan_one(ZERO_TO_100);
    let all = [series(&[(2016, "50")])];
    let ev = evaluate(&plan, &all, None, &[0]);
    assert_eq!(ev.as_of, None);
    let p = ev.for_kpi(0).expect("KPI 0 evaluated");
    assert_eq!(p.status, Status::NoData);
    assert_eq!(p.latest, None);
    assert!(!p.stale);
    assert_eq!(ev.goals[0].counts.get(Status::NoData), 1);
}

// ------------------------------------------------------------- roll-up

const ROLLUP_PLAN: &str = r#"
[plan]
title = "roll-up"

[[goal]]
id = "1"
name = "goal one"

[[goal]]
id = "2"
name = "goal two"

[[measure]]
id = "1.1"
goal = "1"
name = "m 1.1"

[[measure]]
id = "1.1.1"
parent = "1.1"
name = "m 1.1.1"

[[measure]]
id = "1.1.2"
parent = "1.1"
name = "m 1.1.2"

[[measure]]
id = "2.1"
goal = "2"
name = "m 2.1"

[[kpi]]
id = "twice"
name = "under two sub-measures of goal 1"
measures = ["1.1.1", "1.1.2"]
baseline = { value = 0, year = 2015 }
target = { value = 100, year = 2020 }

[[kpi]]
id = "two-goals"
name = "under measures of goals 1 and 2"
measures = ["1.1.2", "2.1"]
baseline = { value = 0, year = 2015 }
target = { value = 100, year = 2020 }
"#;

fn rollup_count(rollups: &[Rollup], index: usize) -> usize {
    rollups
        .iter()
        .find(|r| r.index == index)
        .map_or(0, |r| r.counts.total())
}

#[test]
fn rollup_counts_a_kpi_under_two_measures_once() {
    let plan = load(ROLLUP_PLAN);
    let all = [series(&[(2016, "100")]), Series::new()];
    let ev = evaluate(&plan, &all, Some(fy(2016)), &[0]);
    let m = |id: &str| plan.measures.iter().position(|m| m.id == id).unwrap();
    // KPI "twice" (achieved: 100 >= 100) serves 1.1.1 and 1.1.2, both under 1.1 under goal 1
    assert_eq!(rollup_count(&ev.goals, 0), 1); // goal 1: once, not twice
    assert_eq!(ev.goals[0].counts.get(Status::Achieved), 1);
    assert_eq!(rollup_count(&ev.goals, 1), 0); // goal 2: not under it
    assert_eq!(rollup_count(&ev.measures, m("1.1")), 1); // covers both sub-measures, counted once
    assert_eq!(rollup_count(&ev.measures, m("1.1.1")), 1);
    assert_eq!(rollup_count(&ev.measures, m("1.1.2")), 1);
    assert_eq!(rollup_count(&ev.measures, m("2.1")), 0);
}

#[test]
fn rollup_counts_a_kpi_in_each_goal_it_leads_to() {
    let plan = load(ROLLUP_PLAN);
    let all = [series(&[(2016, "100")]), Series::new()];
    let ev = evaluate(&plan, &all, Some(fy(2016)), &[0, 1]);
    let m = |id: &str| plan.measures.iter().position(|m| m.id == id).unwrap();
    // "two-goals" has no figure: no_data; it leads to goal 1 (via 1.1.2) and goal 2 (via 2.1)
    assert_eq!(ev.for_kpi(1).map(|p| p.status), Some(Status::NoData));
    assert_eq!(rollup_count(&ev.goals, 0), 2); // twice + two-goals
    assert_eq!(ev.goals[0].counts.get(Status::Achieved), 1);
    assert_eq!(ev.goals[0].counts.get(Status::NoData), 1);
    assert_eq!(rollup_count(&ev.goals, 1), 1); // two-goals only
    assert_eq!(ev.goals[1].counts.get(Status::NoData), 1);
    assert_eq!(rollup_count(&ev.measures, m("1.1")), 2);
    assert_eq!(rollup_count(&ev.measures, m("1.1.1")), 1);
    assert_eq!(rollup_count(&ev.measures, m("1.1.2")), 2);
    assert_eq!(rollup_count(&ev.measures, m("2.1")), 1);
}

// ------------------------------------------------------------- cut-offs

#[test]
fn cut_offs_compare_exactly() {
    let plan = plan_one(ZERO_TO_100);
    // E(2016) = 20, so pace = a / 20
    let cases = [
        ("19", "0.95", Status::OnTrack), // 19/20 = 0.95 exactly → on_track
        ("18.99", "0.9495", Status::AtRisk), // just under 0.95
        ("12", "0.6", Status::AtRisk),   // 12/20 = 0.60 exactly → at_risk
        ("11.99", "0.5995", Status::OffTrack), // just under 0.60
    ];
    for (a, pace, status) in cases {
        let p = eval(&plan, &[(2016, a)], 2016);
        assert_eq!(p.pace, Some(d(pace)), "a = {a}");
        assert_eq!(p.status, status, "a = {a}");
    }
}

#[test]
fn custom_cut_offs_from_evaluation() {
    let plan = plan_with("[evaluation]\non_track = 1.0\nat_risk = 0.9", ZERO_TO_100);
    assert_eq!(plan.scoring.on_track, d("1.0"));
    assert_eq!(plan.scoring.at_risk, d("0.9"));
    // E(2016) = 20, pace = a / 20
    let cases = [
        ("20", Status::OnTrack),     // 1.0
        ("19.99", Status::AtRisk),   // 0.9995
        ("19", Status::AtRisk),      // 0.95: on_track by default, at_risk here
        ("18", Status::AtRisk),      // 0.9 exactly
        ("17.99", Status::OffTrack), // 0.8995
    ];
    for (a, status) in cases {
        assert_eq!(eval(&plan, &[(2016, a)], 2016).status, status, "a = {a}");
    }
}

#[test]
fn cut_off_compares_exactly_when_the_expected_value_repeats() {
    // progress.md: "Cut-offs compare exactly, in decimal arithmetic" and
    // "Ratios are computed exactly". Here E(y) has no finite decimal form but
    // the pace is exactly 0.60.
    // 100 (2015) → 47 (2018), decreasing; a = 89.4 in 2016:
    // E(2016) = 100 + (47 - 100) * 1/3 = 100 - 53/3 = 82.333…
    // pace = (89.4 - 100) / (E - 100) = -10.6 / (-53/3) = 31.8 / 53 = 0.6 exactly
    // s*(a - t) = -(89.4 - 47) < 0; 2016 < 2018; s*(a - b) = 10.6 >= 0;
    // pace 0.60 >= 0.60 → at_risk
    let plan = plan_one(
        "baseline = { value = 100, year = 2015 }\n\
         target = { value = 47, year = 2018 }",
    );
    let p = eval(&plan, &[(2016, "89.4")], 2016);
    assert_eq!((p.pace, p.status), (Some(d("0.6")), Status::AtRisk));

    // 0 (2015) → 1 (2021), a = 0.1 in 2016: E(2016) = 1/6;
    // pace = 0.1 / (1/6) = 0.6 exactly → at_risk
    let plan = plan_one(
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 1, year = 2021 }",
    );
    let p = eval(&plan, &[(2016, "0.1")], 2016);
    assert_eq!((p.pace, p.status), (Some(d("0.6")), Status::AtRisk));

    // Same KPI, target basis: a, t, E all above 0, pace = a / E = 0.1 / (1/6) = 0.6 → at_risk
    let plan = plan_with(
        "[evaluation]\nbasis = \"target\"",
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 1, year = 2021 }",
    );
    let p = eval(&plan, &[(2016, "0.1")], 2016);
    assert_eq!(p.basis, Basis::Target);
    assert_eq!((p.pace, p.status), (Some(d("0.6")), Status::AtRisk));
}

// ------------------------------------------------------------- grades

const GRADED: &str = r#"[evaluation]
[[evaluation.grade]]
label = "S"
status = ["achieved"]
[[evaluation.grade]]
label = "A"
pace_at_least = 1.0
[[evaluation.grade]]
label = "B"
pace_at_least = 0.8
achievement_at_least = 0.2
[[evaluation.grade]]
label = "X"
status = ["no_data"]
[[evaluation.grade]]
label = "C"
"#;

#[test]
fn grades_take_the_first_band_whose_conditions_all_hold() {
    let plan = plan_with(GRADED, ZERO_TO_100);
    assert_eq!(plan.scoring.grades.len(), 5);
    let g = |figs: &[(i32, &str)], as_of| eval(&plan, figs, as_of).grade;
    // a = 100: achieved → S
    assert_eq!(g(&[(2016, "100")], 2016).as_deref(), Some("S"));
    // a = 25 in 2016: pace 25/20 = 1.25 >= 1.0 → A
    assert_eq!(g(&[(2016, "25")], 2016).as_deref(), Some("A"));
    // a = 20: pace exactly 1.0 → A
    assert_eq!(g(&[(2016, "20")], 2016).as_deref(), Some("A"));
    // a = 36 in 2017: pace 36/40 = 0.9 >= 0.8, achievement 0.36 >= 0.2 → B
    assert_eq!(g(&[(2017, "36")], 2017).as_deref(), Some("B"));
    // a = 18 in 2016: pace 18/20 = 0.9 >= 0.8 but achievement 0.18 < 0.2 → not B; C
    assert_eq!(g(&[(2016, "18")], 2016).as_deref(), Some("C"));
    // no figure: no_data → only the band naming no_data, X (not the catch-all C)
    assert_eq!(g(&[], 2016).as_deref(), Some("X"));
    // worsening: a = -1, no pace band holds (pace -0.05) → catch-all C
    assert_eq!(g(&[(2016, "-1")], 2016).as_deref(), Some("C"));
}

#[test]
fn grade_condition_on_an_undefined_figure_does_not_hold() {
    let bands = vec![
        GradeBand {
            label: "A".into(),
            conditions: vec![cond(Figure::Pace, Compare::AtLeast, "0")],
            ..GradeBand::default()
        },
        GradeBand {
            label: "B".into(),
            conditions: vec![cond(Figure::Achievement, Compare::AtLeast, "0")],
            ..GradeBand::default()
        },
        GradeBand {
            label: "C".into(),
            ..GradeBand::default()
        },
    ];
    // pace undefined: A's condition does not hold; achievement 0.5 >= 0 → B
    assert_eq!(
        grade(&bands, Status::OnTrack, graded(None, Some(d("0.5")))).as_deref(),
        Some("B")
    );
    // both undefined (a flat target): catch-all C
    assert_eq!(
        grade(&bands, Status::Achieved, graded(None, None)).as_deref(),
        Some("C")
    );
    // both defined: A
    assert_eq!(
        grade(&bands, Status::OnTrack, graded(Some(d("0")), None)).as_deref(),
        Some("A")
    );

    // through evaluation: milestone holding the baseline, pace undefined (E(2016) = 10 = b)
    let plan = plan_with(
        "[evaluation]\n[[evaluation.grade]]\nlabel = \"A\"\npace_at_least = 0\n\
         [[evaluation.grade]]\nlabel = \"C\"",
        "baseline = { value = 10, year = 2015 }\n\
         target = { value = 20, year = 2020 }\n\
         milestones = { 2017 = 10 }",
    );
    let p = eval(&plan, &[(2016, "11")], 2016);
    assert_eq!(p.status, Status::OnTrack);
    assert_eq!(p.pace, None);
    assert_eq!(p.grade.as_deref(), Some("C"));
}

#[test]
fn no_data_is_graded_only_by_a_band_naming_no_data() {
    let catch_all = GradeBand {
        label: "C".into(),
        ..GradeBand::default()
    };
    let other_statuses = GradeBand {
        label: "D".into(),
        status: Some(vec![Status::OffTrack, Status::Missed]),
        ..GradeBand::default()
    };
    let no_data = GradeBand {
        label: "－".into(),
        status: Some(vec![Status::NoData]),
        ..GradeBand::default()
    };
    let no_data_with_pace = GradeBand {
        label: "P".into(),
        status: Some(vec![Status::NoData]),
        conditions: vec![cond(Figure::Pace, Compare::AtLeast, "0")],
    };
    // the catch-all does not take no_data
    assert_eq!(
        grade(
            std::slice::from_ref(&catch_all),
            Status::NoData,
            graded(None, None)
        ),
        None
    );
    assert_eq!(
        grade(
            &[other_statuses.clone(), catch_all.clone()],
            Status::NoData,
            graded(None, None)
        ),
        None
    );
    // a band naming no_data does, wherever it stands
    assert_eq!(
        grade(
            &[catch_all.clone(), no_data.clone()],
            Status::NoData,
            graded(None, None)
        )
        .as_deref(),
        Some("－")
    );
    // ... unless it adds a condition on a figure, which is undefined for no_data
    assert_eq!(
        grade(&[no_data_with_pace], Status::NoData, graded(None, None)),
        None
    );
    // other statuses: the status list must name them
    assert_eq!(
        grade(
            &[no_data, other_statuses.clone(), catch_all],
            Status::OffTrack,
            graded(Some(d("0.1")), None)
        )
        .as_deref(),
        Some("D")
    );
    // matching no band: no grade
    assert_eq!(
        grade(
            &[other_statuses],
            Status::OnTrack,
            graded(Some(d("1")), None)
        ),
        None
    );
}

#[test]
fn no_bands_no_grade() {
    assert_eq!(
        grade(&[], Status::Achieved, graded(Some(d("2")), Some(d("1")))),
        None
    );
    let plan = plan_one(ZERO_TO_100);
    assert!(plan.scoring.grades.is_empty());
    assert_eq!(eval(&plan, &[(2016, "100")], 2016).grade, None);
}

// ------------------------------------------------------------- numbers

#[test]
fn decimals_are_the_most_any_value_shows() {
    // 40.7 → 50.0: both one decimal → 1
    let plan = plan_one(
        "baseline = { value = 40.7, year = 2015 }\n\
         target = { value = 50.0, year = 2020 }",
    );
    assert_eq!(decimals(&plan.kpis[0], &Series::new()), 1);
    // a figure 45 (no decimals) does not lower it
    assert_eq!(decimals(&plan.kpis[0], &series(&[(2016, "45")])), 1);
    // a figure 19.25 raises it to 2
    assert_eq!(decimals(&plan.kpis[0], &series(&[(2016, "19.25")])), 2);
    assert_eq!(eval(&plan, &[(2016, "19.25")], 2016).decimals, 2);

    // integers everywhere → 0
    let ints = plan_one(ZERO_TO_100);
    assert_eq!(decimals(&ints.kpis[0], &series(&[(2016, "20")])), 0);
    assert_eq!(eval(&ints, &[(2016, "20")], 2016).decimals, 0);

    // a milestone counts as a plan value: 12.345 → 3
    let ms = plan_one(
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 100, year = 2020 }\n\
         milestones = { 2017 = 12.345 }",
    );
    assert_eq!(decimals(&ms.kpis[0], &Series::new()), 3);

    // trailing zeros as written count: 0.90 → 1.40 gives 2
    let uda = plan_one(
        "baseline = { value = 0.90, year = 2014 }\n\
         target = { value = 1.40, year = 2019 }",
    );
    assert_eq!(decimals(&uda.kpis[0], &Series::new()), 2);
}

// ------------------------------------------------------------- kpi show

#[test]
fn year_rows_span_history_to_the_last_figure() {
    // 0 (2015) → 100 (2020), milestone 2017 = 30
    let plan = plan_one(
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 100, year = 2020 }\n\
         milestones = { 2017 = 30 }",
    );
    let kpi = &plan.kpis[0];
    let figs = series(&[(2013, "5"), (2015, "0"), (2016, "10"), (2021, "110")]);
    let rows = year_rows(kpi, &figs, &plan.scoring, None);
    // from the earliest of 2013 (figure) and 2015 (baseline) to the latest of 2020 and 2021
    let years: Vec<i32> = rows.iter().map(|r| r.year.0).collect();
    assert_eq!(years, (2013..=2021).collect::<Vec<_>>());
    let row = |y: i32| rows.iter().find(|r| r.year == fy(y)).unwrap();

    // history: at or before y0, shown but not scored
    assert_eq!(row(2013).actual, Some(d("5")));
    assert_eq!(row(2013).figures, None);
    assert!(!row(2013).is_baseline);
    assert_eq!(row(2015).actual, Some(d("0")));
    assert_eq!(row(2015).figures, None);
    assert!(row(2015).is_baseline);
    assert_eq!(row(2015).expected_value, d("0")); // E(y0) = b

    // 2016: E = 0 + (30 - 0) * 1/2 = 15; a = 10
    let r = row(2016);
    assert_eq!(r.expected_value, d("15"));
    assert_eq!(r.milestone, None);
    let f = r.figures.expect("2016 is scored");
    assert_eq!(f.expected_value, d("15"));
    assert_eq!(f.achievement, Some(d("0.1"))); // 10/100
    assert_eq!(f.expected, Some(d("0.15"))); // 15/100
    assert_close(f.pace, "0.6666666666666666667"); // 10/15 = 2/3
    assert_eq!(f.gap, d("90")); // 100 - 10

    // 2017: the milestone, no figure
    let r = row(2017);
    assert_eq!(r.milestone, Some(d("30")));
    assert_eq!(r.expected_value, d("30"));
    assert_eq!(r.actual, None);
    assert_eq!(r.figures, None);

    // 2019: E = 30 + (100 - 30) * 2/3 = 76.666…
    assert!((row(2019).expected_value - d("76.66666666666666667")).abs() < d("0.0000000001"));

    // 2020: the target
    assert!(row(2020).is_target);
    assert_eq!(row(2020).expected_value, d("100"));
    assert!(rows.iter().filter(|r| r.is_target).count() == 1);
    assert!(rows.iter().filter(|r| r.is_baseline).count() == 1);
    assert!(rows.iter().filter(|r| r.milestone.is_some()).count() == 1);

    // 2021: after y1, E = t; the figure is shown, never scored (progress.md)
    assert_eq!(row(2021).expected_value, d("100"));
    assert_eq!(row(2021).actual, Some(d("110")));
    assert!(row(2021).after_target);
    assert_eq!(row(2021).figures, None);

    // as of 2018: the 2021 figure is not shown; rows run to the target year 2020
    let rows = year_rows(kpi, &figs, &plan.scoring, Some(fy(2018)));
    let years: Vec<i32> = rows.iter().map(|r| r.year.0).collect();
    assert_eq!(years, (2013..=2020).collect::<Vec<_>>());
    assert!(rows
        .iter()
        .all(|r| r.year <= fy(2018) || r.actual.is_none()));
}

#[test]
fn year_rows_without_figures_span_baseline_to_target() {
    let plan = plan_one(ZERO_TO_100);
    let rows = year_rows(&plan.kpis[0], &Series::new(), &plan.scoring, None);
    let years: Vec<i32> = rows.iter().map(|r| r.year.0).collect();
    assert_eq!(years, (2015..=2020).collect::<Vec<_>>());
    // E rises by 20 a year: 0, 20, 40, 60, 80, 100
    let es: Vec<Decimal> = rows.iter().map(|r| r.expected_value).collect();
    assert_eq!(es, ["0", "20", "40", "60", "80", "100"].map(d).to_vec());
    assert!(rows
        .iter()
        .all(|r| r.figures.is_none() && r.actual.is_none()));
}

// ------------------------------------------------- revised targets (issue 15)

/// 0 (2015) → 100 (2020), revised from 2018 on to 150 in 2022 (上方修正).
const REVISED: &str = "baseline = { value = 0, year = 2015 }\n\
                       target = { value = 100, year = 2020 }\n\
                       revisions = [{ from = 2018, target = 150, target_year = 2022, note = \"上方修正\" }]";

#[test]
fn a_revision_not_yet_in_force_leaves_the_original_target() {
    let plan = plan_one(REVISED);
    // As of 2017 (before `from` = 2018): t = 100 in 2020; E(2017) = 100 * 2/5 = 40.
    let p = eval(&plan, &[(2017, "40")], 2017);
    assert_eq!(p.revision, None);
    assert_eq!(p.kpi_of(&plan).target.value, d("100"));
    assert_eq!(p.expected_value, Some(d("40")));
    assert_eq!(p.pace, Some(d("1"))); // 40 / 40
    assert_eq!(p.achievement, Some(d("0.4"))); // 40 / 100
    assert_eq!(p.status, Status::OnTrack);
}

#[test]
fn a_revision_in_force_moves_the_target_and_its_path() {
    let plan = plan_one(REVISED);
    // As of 2018: t = 150 in 2022; E(2018) = 150 * 3/7 = 64.285714…
    let p = eval(&plan, &[(2017, "40"), (2018, "60")], 2018);
    assert_eq!(p.revision, Some(0));
    let kpi = p.kpi_of(&plan);
    assert_eq!(kpi.target.value, d("150"));
    assert_eq!(kpi.target.year, fy(2022));
    assert_close(p.expected_value, "64.2857142857");
    // achievement = 60 / 150 = 0.4; pace = 60 / (450/7) = 420/450 = 0.93333… < 0.95 → at_risk
    assert_eq!(p.achievement, Some(d("0.4")));
    assert_close(p.pace, "0.9333333333");
    assert_eq!(p.status, Status::AtRisk);
    // gap = 150 - 60 = 90
    assert_eq!(p.gap, Some(d("90")));
    // The original stays in the plan for the report's faint path.
    assert_eq!(plan.kpis[0].target.value, d("100"));
}

#[test]
fn a_revision_that_moves_the_target_year_keeps_later_figures_scored() {
    let plan = plan_one(REVISED);
    // 2020 reaches the original 100 but not the revised 150: not achieved.
    let p = eval(&plan, &[(2020, "100")], 2020);
    // pace = 100 / (150 * 5/7) = 0.9333…
    assert_eq!(p.status, Status::AtRisk);
    // 2021 is after the original target year 2020 but before the revised 2022: scored.
    // E(2021) = 150 * 6/7 = 128.571…; pace = 120 / 128.571… = 0.9333…
    let p = eval(&plan, &[(2020, "100"), (2021, "120")], 2021);
    assert_eq!(p.latest.map(|l| l.year), Some(fy(2021)));
    assert_eq!(p.achievement, Some(d("0.8"))); // 120 / 150
    assert_eq!(p.status, Status::AtRisk);
    // 2022 = revised y1 and short: missed; 2023 after it is not scored.
    let p = eval(&plan, &[(2022, "140"), (2023, "160")], 2023);
    assert_eq!(p.latest.map(|l| l.year), Some(fy(2022)));
    assert_eq!(p.status, Status::Missed);
}

#[test]
fn a_revised_target_year_drops_the_milestones_after_it() {
    // 0 (2015) → 100 (2020), milestone 80 in 2019; from 2017: 60 in 2018.
    let plan = plan_one(
        "baseline = { value = 0, year = 2015 }\n\
         target = { value = 100, year = 2020 }\n\
         milestones = { 2019 = 80 }\n\
         revisions = [{ from = 2017, target = 60, target_year = 2018 }]",
    );
    let p = eval(&plan, &[(2017, "40")], 2017);
    let kpi = p.kpi_of(&plan);
    assert!(kpi.milestones.is_empty());
    // E(2017) on (2015, 0) → (2018, 60): 60 * 2/3 = 40; pace 40/40 = 1
    assert_eq!(p.expected_value, Some(d("40")));
    assert_eq!(p.pace, Some(d("1")));
    // As of 2016 the original, with its milestone: E(2016) = 80 * 1/4 = 20
    let p = eval(&plan, &[(2016, "20")], 2016);
    assert_eq!(p.expected_value, Some(d("20")));
    assert_eq!(p.kpi_of(&plan).milestones.len(), 1);
}

// ------------------------------------------------ grade conditions (issue 15)

fn band(label: &str, conditions: Vec<crate::bands::Condition>) -> GradeBand {
    GradeBand {
        label: label.into(),
        status: None,
        conditions,
    }
}

#[test]
fn every_comparison_at_and_around_its_boundary() {
    use Compare::*;
    // pace = exactly 1 (a = 20 = E(2016) on ZERO_TO_100), and 19/20 = 0.95, 21/20 = 1.05.
    let plan = plan_one(ZERO_TO_100);
    let pace_of = |a: &str| {
        let p = eval(&plan, &[(2016, a)], 2016);
        Graded {
            pace: Some(Ratio::new(d(a), d("20")).unwrap()),
            ..Graded::default()
        }
        .pace
        .map(|r| (r, p.pace))
    };
    let at = |a: &str, compare: Compare| {
        let (ratio, pace) = pace_of(a).unwrap();
        assert_eq!(pace, ratio.value());
        grade(
            &[band("Y", vec![cond(Figure::Pace, compare, "1.0")])],
            Status::OnTrack,
            Graded {
                pace: Some(ratio),
                ..Graded::default()
            },
        )
        .is_some()
    };
    // (pace, comparison with 1.0) → holds?
    for (a, compare, holds) in [
        ("20", AtLeast, true),  // 1 >= 1
        ("20", Above, false),   // 1 > 1 is false
        ("20", AtMost, true),   // 1 <= 1
        ("20", Below, false),   // 1 < 1 is false
        ("19", AtLeast, false), // 0.95
        ("19", Above, false),
        ("19", AtMost, true),
        ("19", Below, true),
        ("21", AtLeast, true), // 1.05
        ("21", Above, true),
        ("21", AtMost, false),
        ("21", Below, false),
    ] {
        assert_eq!(at(a, compare), holds, "pace {a}/20 {compare:?} 1.0");
    }
}

#[test]
fn comparisons_are_exact_for_ratios_without_a_finite_decimal() {
    // pace 2/3 against 0.6666666666666666666666666667 (its 28-digit rounding, above 2/3)
    let two_thirds = Graded {
        pace: Ratio::new(d("2"), d("3")),
        ..Graded::default()
    };
    let b = |compare| {
        band(
            "Y",
            vec![cond(
                Figure::Pace,
                compare,
                "0.6666666666666666666666666667",
            )],
        )
    };
    assert_eq!(
        grade(&[b(Compare::Below)], Status::OnTrack, two_thirds),
        Some("Y".into())
    );
    assert_eq!(
        grade(&[b(Compare::AtLeast)], Status::OnTrack, two_thirds),
        None
    );
}

#[test]
fn grades_through_evaluation_with_strict_and_baseline_relative_bands() {
    // 超え / 以上 / 以下 / 未満 and △10%以内 as bands of the plan itself.
    let plan = plan_with(
        "[evaluation]\n\
         [[evaluation.grade]]\nlabel = \"A\"\nachievement_above = 1.0\n\
         [[evaluation.grade]]\nlabel = \"B\"\npace_at_least = 0.8\npace_at_most = 1.0\n\
         [[evaluation.grade]]\nlabel = \"C\"\nimprovement_at_least = -0.10\n\
         [[evaluation.grade]]\nlabel = \"D\"",
        "baseline = { value = 50, year = 2015 }\ntarget = { value = 100, year = 2020 }",
    );
    // E(2016) = 60. a = 110: achievement (110-50)/50 = 1.2 > 1 → A
    assert_eq!(
        eval(&plan, &[(2016, "110")], 2016).grade.as_deref(),
        Some("A")
    );
    // a = 100: achievement 1.0, not above 1.0; pace (100-50)/(60-50) = 5 > 1 → not B;
    // improvement (100-50)/50 = 1 >= -0.1 → C
    assert_eq!(
        eval(&plan, &[(2016, "100")], 2016).grade.as_deref(),
        Some("C")
    );
    // a = 58: pace 8/10 = 0.8 → B (at least 0.8, at most 1.0)
    assert_eq!(
        eval(&plan, &[(2016, "58")], 2016).grade.as_deref(),
        Some("B")
    );
    // a = 45: worsening; improvement (45-50)/50 = -0.1 >= -0.10 → C
    let p = eval(&plan, &[(2016, "45")], 2016);
    assert_eq!(p.improvement, Some(d("-0.1")));
    assert_eq!(p.grade.as_deref(), Some("C"));
    // a = 44: improvement -0.12 < -0.10 → D
    assert_eq!(
        eval(&plan, &[(2016, "44")], 2016).grade.as_deref(),
        Some("D")
    );
}

#[test]
fn improvement_with_negative_zero_and_decreasing_baselines() {
    // b = -10 → t = 10 (increase), a = -5: s(a-b)/|b| = 5/10 = 0.5
    let plan =
        plan_one("baseline = { value = -10, year = 2015 }\ntarget = { value = 10, year = 2020 }");
    assert_eq!(
        eval(&plan, &[(2016, "-5")], 2016).improvement,
        Some(d("0.5"))
    );
    // a = -12: -2/10 = -0.2 (worse)
    assert_eq!(
        eval(&plan, &[(2016, "-12")], 2016).improvement,
        Some(d("-0.2"))
    );
    // b = 0: undefined, and a band on it does not hold
    let plan = plan_with(
        "[evaluation]\n[[evaluation.grade]]\nlabel = \"I\"\nimprovement_at_least = -1000\n",
        ZERO_TO_100,
    );
    let p = eval(&plan, &[(2016, "20")], 2016);
    assert_eq!(p.improvement, None);
    assert_eq!(p.grade, None);
    // decreasing: waiting list 47 → 0, a = 40: -1 * (40 - 47) / 47 = 7/47 = 0.148936…
    let plan = plan_one(WAITING_LIST);
    assert_close(
        eval(&plan, &[(2016, "40")], 2016).improvement,
        "0.1489361702",
    );
}

// ------------------------------------------------- counts and exact ratios

#[test]
fn counts_tally_each_status_and_zero_for_the_rest() {
    let counts: Counts = [
        Status::OnTrack,
        Status::AtRisk,
        Status::OnTrack,
        Status::NoData,
    ]
    .into_iter()
    .collect();
    assert_eq!(counts.get(Status::OnTrack), 2);
    assert_eq!(counts.get(Status::AtRisk), 1);
    assert_eq!(counts.get(Status::NoData), 1);
    assert_eq!(counts.get(Status::Achieved), 0);
    assert_eq!(counts.total(), 4);
    assert_eq!(Counts::default().total(), 0);
}

#[test]
fn a_cut_off_too_large_to_cross_multiply_compares_the_quotient() {
    // 10^20 · 10^10 = 10^30 is past the largest decimal (about 7.9·10^28):
    // the quotient 1/10^10 is compared instead, and it is below the cut.
    let r = Ratio::new(d("1"), d("10000000000")).unwrap();
    assert!(!r.at_least(d("100000000000000000000")));
    // Below the cut by cross-multiplying, and at it.
    assert!(!r.at_least(d("0.0000000002")));
    assert!(r.at_least(d("0.0000000001")));
    // A negative denominator is turned round: -3 / -4 = 0.75.
    let r = Ratio::new(d("-3"), d("-4")).unwrap();
    assert_eq!((r.num, r.den), (d("3"), d("4")));
    assert!(r.at_least(d("0.75")) && !r.at_least(d("0.76")));
    assert_eq!(Ratio::new(d("1"), d("0")), None);
}

#[test]
fn a_geometric_segment_through_zero_or_below_is_linear() {
    // Validation refuses a geometric path with a value at or below 0; the
    // arithmetic still never takes such a power. 10 (2014) → 0 (2019) in
    // 2016: 10·(0/10)^(2/5) would be 0; linear 10 + (0 - 10)·2/5 = 6.
    let point = |y: i32, v: &str| Point {
        year: fy(y),
        value: d(v),
    };
    let r = between(
        point(2014, "10"),
        point(2019, "0"),
        fy(2016),
        PathShape::Geometric,
    );
    assert_eq!(r.value(), Some(d("6")));
    // -10 → 10: linear -10 + 20·2/5 = -2.
    let r = between(
        point(2014, "-10"),
        point(2019, "10"),
        fy(2016),
        PathShape::Geometric,
    );
    assert_eq!(r.value(), Some(d("-2")));
    // Above 0 it is geometric: 10 → 40 over 2 years, in the first, 10·4^(1/2) = 20.
    let r = between(
        point(2014, "10"),
        point(2016, "40"),
        fy(2015),
        PathShape::Geometric,
    );
    assert_eq!(r.value(), Some(d("20")));
}
