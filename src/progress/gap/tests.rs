//! Hand-worked gap figures (progress.md, "Gap to target"). Notation: `b`
//! baseline in `y0`, `t` target in `y1`, `a` latest actual in `y`, `s`
//! direction; the least squares use `x = year - y0`, `n` points,
//! `D = nΣx² - (Σx)²`, `N = nΣxv - ΣxΣv`, slope `N/D`, intercept
//! `(Σv - slope·Σx)/n`.

use super::*;

use std::path::Path;
use std::str::FromStr;

use crate::plan::Plan;
use crate::progress::evaluate_kpi;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A one-KPI plan: `kpi` is the KPI's fields beyond id, name and goal.
fn plan(kpi: &str) -> Plan {
    let text = format!(
        "[plan]\ntitle = \"t\"\n[[goal]]\nid = \"1\"\nname = \"g\"\n\
         [[kpi]]\nid = \"k\"\nname = \"k\"\ngoal = \"1\"\n{kpi}\n"
    );
    match crate::plan::load_str(Path::new("kpi.toml"), &text) {
        Ok((plan, _)) => plan,
        Err(p) => panic!("plan refused: {p:?}"),
    }
}

/// The KPI's status and gap figures as of `as_of`.
fn gap_of(plan: &Plan, figures: &[(i32, &str)], as_of: i32) -> (Status, Option<Gap>) {
    let series: Series = figures
        .iter()
        .map(|&(y, v)| (FiscalYear(y), d(v)))
        .collect();
    let kpi = &plan.kpis[0];
    let k = evaluate_kpi(0, kpi, &series, Some(FiscalYear(as_of)), &plan.scoring);
    (k.status, gap(kpi, &series, &k))
}

fn assert_close(x: Option<Decimal>, want: &str) {
    let x = x.unwrap_or_else(|| panic!("expected about {want}, got None"));
    assert!(
        (x - d(want)).abs() < d("0.0000000001"),
        "{x} is not about {want}"
    );
}

const UP_10_20: &str =
    "baseline = { value = 10, year = 2014 }\ntarget = { value = 20, year = 2019 }";

#[test]
fn two_points_project_along_their_line() {
    // b = 10 (2014) → t = 20 (2019), a = 12 in 2016. Points (0,10), (2,12):
    // n = 2, Σx = 2, Σv = 22, Σx² = 4, Σxv = 24; D = 8 - 4 = 4; N = 48 - 44 = 4;
    // slope 1; intercept (22 - 2)/2 = 10; at X1 = 5: 15 < 20 → does not reach.
    // Projected share (15 - 10)/(20 - 10) = 0.5.
    // Years left 2019 - 2016 = 3; needed (20 - 12)/3 = 8/3; seen (12 - 10)/2 = 1;
    // ratio 8/3; remaining 20 - 12 = 8.
    let (status, g) = gap_of(&plan(UP_10_20), &[(2016, "12")], 2016);
    // E(2016) = 10 + 10·2/5 = 14; pace 2/4 = 0.5 < 0.60 → off_track.
    assert_eq!(status, Status::OffTrack);
    let g = g.expect("gap figures");
    assert_eq!(g.remaining, d("8"));
    assert_eq!(g.years_left, 3);
    assert_close(Some(g.needed_per_year), "2.6666666666666666666");
    assert_eq!(g.seen_per_year, d("1"));
    assert_close(g.ratio, "2.6666666666666666666");
    assert_eq!(g.projection.value, d("15"));
    assert_eq!(g.projection.per_year, d("1"));
    assert_eq!(g.projection.points, 2);
    assert_eq!(g.projection.year, FiscalYear(2019));
    assert!(!g.projection.reaches);
    assert_eq!(g.projection.achievement, Some(d("0.5")));
}

#[test]
fn least_squares_over_four_points() {
    // b = 100 (2014) → t = 160 (2019); 2015 = 110, 2016 = 130, 2017 = 135, as of 2017.
    // x: 0 1 2 3; v: 100 110 130 135. n = 4, Σx = 6, Σv = 475, Σx² = 14,
    // Σxv = 0 + 110 + 260 + 405 = 775. D = 56 - 36 = 20; N = 3100 - 2850 = 250;
    // slope 12.5; intercept (475 - 75)/4 = 100; at X1 = 5: 100 + 62.5 = 162.5 ≥ 160 → reaches.
    // Share (162.5 - 100)/60 = 62.5/60 = 1.041666…
    // Years left 2; needed (160 - 135)/2 = 12.5; seen (135 - 100)/3 = 11.666…;
    // ratio 12.5/(35/3) = 37.5/35 = 15/14 = 1.0714285714…; remaining 25.
    let p = plan("baseline = { value = 100, year = 2014 }\ntarget = { value = 160, year = 2019 }");
    let (status, g) = gap_of(&p, &[(2015, "110"), (2016, "130"), (2017, "135")], 2017);
    // E(2017) = 100 + 60·3/5 = 136; pace 35/36 = 0.972… ≥ 0.95 → on_track.
    assert_eq!(status, Status::OnTrack);
    let g = g.expect("gap figures");
    assert_eq!(g.remaining, d("25"));
    assert_eq!(g.years_left, 2);
    assert_eq!(g.needed_per_year, d("12.5"));
    assert_close(Some(g.seen_per_year), "11.666666666666666666");
    assert_close(g.ratio, "1.0714285714285714285");
    assert_eq!(g.projection.value, d("162.5"));
    assert_eq!(g.projection.per_year, d("12.5"));
    assert_eq!(g.projection.points, 4);
    assert!(g.projection.reaches);
    assert_close(g.projection.achievement, "1.0416666666666666666");
}

#[test]
fn decreasing_kpi_ignores_history_and_figures_after_the_as_of_year() {
    // b = 50 (2014) → t = 20 (2020), lower is better (s = -1). 2012 = 60 is history
    // (at or before y0: not scored, not fitted); 2018 = 45 is after the as-of year 2017.
    // Points (0,50), (2,44), (3,41): n = 3, Σx = 5, Σv = 135, Σx² = 13,
    // Σxv = 0 + 88 + 123 = 211. D = 39 - 25 = 14; N = 633 - 675 = -42; slope -3;
    // intercept (135 + 15)/3 = 50; at X1 = 6: 50 - 18 = 32. s·(32 - 20) = -12 < 0 → short.
    // Share (32 - 50)/(20 - 50) = 0.6.
    // Years left 2020 - 2017 = 3; needed (20 - 41)/3 = -7; seen (41 - 50)/3 = -3;
    // ratio -7/-3 = 2.333…; remaining -(20 - 41) = 21.
    let p = plan("baseline = { value = 50, year = 2014 }\ntarget = { value = 20, year = 2020 }");
    let figures = [(2012, "60"), (2016, "44"), (2017, "41"), (2018, "45")];
    let (status, g) = gap_of(&p, &figures, 2017);
    // E(2017) = 50 - 30·3/6 = 35; pace (41 - 50)/(35 - 50) = 0.6 → at_risk (exactly the cut-off).
    assert_eq!(status, Status::AtRisk);
    let g = g.expect("gap figures");
    assert_eq!(g.remaining, d("21"));
    assert_eq!(g.years_left, 3);
    assert_eq!(g.needed_per_year, d("-7"));
    assert_eq!(g.seen_per_year, d("-3"));
    assert_close(g.ratio, "2.3333333333333333333");
    assert_eq!(g.projection.value, d("32"));
    assert_eq!(g.projection.per_year, d("-3"));
    assert_eq!(g.projection.points, 3);
    assert!(!g.projection.reaches);
    assert_eq!(g.projection.achievement, Some(d("0.6")));
}

#[test]
fn worsening_kpi_has_a_negative_ratio_and_share() {
    // b = 10 → t = 20, a = 8 in 2015. Points (0,10), (1,8): slope -2; at 5: 10 - 10 = 0.
    // Share (0 - 10)/10 = -1. Needed (20 - 8)/4 = 3; seen (8 - 10)/1 = -2; ratio -1.5.
    let (status, g) = gap_of(&plan(UP_10_20), &[(2015, "8")], 2015);
    assert_eq!(status, Status::Worsening);
    let g = g.expect("gap figures");
    assert_eq!(g.needed_per_year, d("3"));
    assert_eq!(g.seen_per_year, d("-2"));
    assert_eq!(g.ratio, Some(d("-1.5")));
    assert_eq!(g.projection.value, d("0"));
    assert_eq!(g.projection.achievement, Some(d("-1")));
    assert!(!g.projection.reaches);
}

#[test]
fn no_change_so_far_has_no_ratio() {
    // b = 10 → t = 20, a = 10 in 2016: seen (10 - 10)/2 = 0 → ratio undefined.
    // Points (0,10), (2,10): flat line at 10; share 0.
    let (_, g) = gap_of(&plan(UP_10_20), &[(2016, "10")], 2016);
    let g = g.expect("gap figures");
    assert_eq!(g.seen_per_year, d("0"));
    assert_eq!(g.ratio, None);
    assert_eq!(g.projection.value, d("10"));
    assert_eq!(g.projection.achievement, Some(d("0")));
}

#[test]
fn projection_exactly_on_target_reaches_it() {
    // b = 10 → t = 20, a = 14 in 2016 (on the plan's line): slope 2, at 5: 20 = t → reaches.
    let (_, g) = gap_of(&plan(UP_10_20), &[(2016, "14")], 2016);
    let g = g.expect("gap figures");
    assert_eq!(g.projection.value, d("20"));
    assert!(g.projection.reaches);
    assert_eq!(g.projection.achievement, Some(d("1")));
}

#[test]
fn achieved_missed_and_no_data_have_no_gap_figures() {
    let p = plan(UP_10_20);
    // 2016 = 21 ≥ 20: achieved before the target year.
    assert_eq!(gap_of(&p, &[(2016, "21")], 2016), (Status::Achieved, None));
    // 2019 = 19 < 20 in the target year: missed.
    assert_eq!(gap_of(&p, &[(2019, "19")], 2019), (Status::Missed, None));
    // Only history (2014 = y0): no latest.
    assert_eq!(gap_of(&p, &[(2014, "12")], 2016), (Status::NoData, None));
}

#[test]
fn flat_target_has_no_share() {
    // b = t = 5, higher is better; a = 4 in 2016 → worsening. Points (0,5), (2,4):
    // slope -0.5; at 5: 5 - 2.5 = 2.5, short of 5. No promised change: share undefined.
    // Needed (5 - 4)/3 = 1/3; seen (4 - 5)/2 = -0.5; ratio -2/3.
    let p = plan("baseline = { value = 5, year = 2014 }\ntarget = { value = 5, year = 2019 }\ndirection = \"increase\"");
    let (status, g) = gap_of(&p, &[(2016, "4")], 2016);
    assert_eq!(status, Status::Worsening);
    let g = g.expect("gap figures");
    assert_eq!(g.projection.value, d("2.5"));
    assert!(!g.projection.reaches);
    assert_eq!(g.projection.achievement, None);
    assert_close(g.ratio, "-0.6666666666666666666");
}

#[test]
fn values_too_large_for_exact_arithmetic_are_refused_by_the_plan() {
    // n·Σxv = 2·6e28 would exceed the largest decimal (about 7.9e28): the
    // plan refuses values of 10^15 and more, so evaluation never sees them.
    let text = "[plan]\ntitle = \"t\"\n[[goal]]\nid = \"1\"\nname = \"g\"\n\
         [[kpi]]\nid = \"k\"\nname = \"k\"\ngoal = \"1\"\n\
         baseline = { value = 0, year = 2014 }\n\
         target = { value = 70000000000000000000000000000, year = 2019 }\n";
    let problems = crate::plan::load_str(Path::new("kpi.toml"), text).unwrap_err();
    assert!(
        problems.0.iter().any(|p| p.message.contains("too large")),
        "{problems:?}"
    );
}

#[test]
fn worst_first_orders_by_projected_share() {
    let p = plan(UP_10_20);
    // Shares: 2016 = 12 → 0.5; 2015 = 8 → -1; 2016 = 14 → 1 (see the tests above).
    let half = gap_of(&p, &[(2016, "12")], 2016).1;
    let minus_one = gap_of(&p, &[(2015, "8")], 2015).1;
    let one = gap_of(&p, &[(2016, "14")], 2016).1;
    let flat = gap_of(
        &plan("baseline = { value = 5, year = 2014 }\ntarget = { value = 5, year = 2019 }\ndirection = \"increase\""),
        &[(2016, "4")],
        2016,
    )
    .1;
    let mut rows = [
        ("none", None),
        ("one", one),
        ("half", half),
        ("flat", flat),
        ("minus_one", minus_one),
    ];
    rows.sort_by(|a, b| worst_first(a.1.as_ref(), b.1.as_ref()));
    let order: Vec<&str> = rows.iter().map(|r| r.0).collect();
    assert_eq!(order, ["flat", "minus_one", "half", "one", "none"]);
}

#[test]
fn figures_at_or_before_the_baseline_year_are_not_fitted() {
    // b = 10 (2014) → t = 20 (2019). The ledger also holds 2013 = 0 and, in
    // the baseline year itself, 2014 = 30: history, neither scored nor fitted
    // (the plan's baseline stands for 2014). Points (0,10), (2,14) only:
    // slope 2, at X1 = 5: 20 = t → reaches. Fitting 2014 = 30 as well would
    // give three points and another line.
    let figures = [(2013, "0"), (2014, "30"), (2016, "14")];
    let (_, g) = gap_of(&plan(UP_10_20), &figures, 2016);
    let g = g.expect("gap figures");
    assert_eq!(g.projection.points, 2);
    assert_eq!(g.projection.value, d("20"));
    assert_eq!(g.projection.per_year, d("2"));
    assert!(g.projection.reaches);
    assert_eq!(g.seen_per_year, d("2"));
}

#[test]
fn a_trend_landing_exactly_on_a_large_target_reaches_it() {
    // Issue 17, item 2. b = 0.123456789012 (2000), t = 493827156049365.061728349492
    // (2040): the plan's line rises (t - b)/40 = 493827156049364.938271560480/40
    // = 12345678901234.123456789012 a year. Figures exactly on it for 2001-2039,
    // as of 2039. Summed as 28-digit decimals, Σxv (about 2.5·10^17 with 12
    // decimals: 30 digits) was rounded and the trend fell a hair short.
    let b = d("0.123456789012");
    let t = d("493827156049365.061728349492");
    let slope = d("12345678901234.123456789012");
    assert_eq!(b + Decimal::from(40) * slope, t);
    let text = format!(
        "baseline = {{ value = {b}, year = 2000 }}\ntarget = {{ value = {t}, year = 2040 }}"
    );
    let values: Vec<(i32, String)> = (2001..=2039)
        .map(|y| (y, (b + Decimal::from(y - 2000) * slope).to_string()))
        .collect();
    let figures: Vec<(i32, &str)> = values.iter().map(|(y, v)| (*y, v.as_str())).collect();
    let (status, g) = gap_of(&plan(&text), &figures, 2039);
    // The latest, 2039, is on the expected path: pace exactly 1.
    assert_eq!(status, Status::OnTrack);
    let g = g.expect("gap figures");
    assert_eq!(g.projection.points, 40);
    // Every point on the line: the line itself, read at 2040, is the target.
    assert_eq!(g.projection.value, t);
    assert_eq!(g.projection.per_year, slope);
    assert!(g.projection.reaches);
    assert_eq!(g.projection.achievement, Some(Decimal::ONE));
    // needed (t - a)/1 and seen (a - b)/39 are both the slope.
    assert_eq!(g.needed_per_year, slope);
    assert_eq!(g.seen_per_year, slope);
    assert_eq!(g.ratio, Some(Decimal::ONE));
}

#[test]
fn sums_past_exact_integers_give_no_projection() {
    // Values near 10^15 with 12 decimals over 1001 years (1900 → 2900 as of
    // 2899): Σv·D alone is about 10^30 · 10^17, past i128's 1.7·10^38. No
    // figure rather than a rounded one.
    let text = "baseline = { value = 0.000000000001, year = 1900 }\n\
                target = { value = 999999999999999.999999999999, year = 2900 }";
    let figures: Vec<(i32, &str)> = (1901..=2899)
        .map(|y| (y, "999999999999999.999999999998"))
        .collect();
    let (status, g) = gap_of(&plan(text), &figures, 2899);
    assert_eq!(status, Status::OnTrack);
    assert_eq!(g, None);
}

#[test]
fn a_target_with_more_decimals_than_the_figures_is_compared_at_its_scale() {
    // b = 10.0 (2014) → t = 20.25 (2019), a = 12.0 in 2016: figures at one
    // decimal, the target at two. Points (0,10.0), (2,12.0): slope 1, at 5:
    // 15.0, short of 20.25 → does not reach; share (15 - 10)/(20.25 - 10)
    // = 5/10.25 = 0.4878…
    let p =
        plan("baseline = { value = 10.0, year = 2014 }\ntarget = { value = 20.25, year = 2019 }");
    let (_, g) = gap_of(&p, &[(2016, "12.0")], 2016);
    let g = g.expect("gap figures");
    assert_eq!(g.projection.value, d("15"));
    assert!(!g.projection.reaches);
    assert_eq!(g.projection.achievement, Some(d("5") / d("10.25")));
    // 20.25 itself reaches: a = 14.1 in 2016 is on the line to it
    // (10 + 10.25·2/5 = 14.1), slope 2.05, at 5: 20.25.
    let (_, g) = gap_of(&p, &[(2016, "14.1")], 2016);
    let g = g.expect("gap figures");
    assert_eq!(g.projection.value, d("20.25"));
    assert!(g.projection.reaches);
}
