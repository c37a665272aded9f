//! Hand-worked integration test: `kpi status --format json` on the seed plan in
//! `data/asaka` (朝霞市 基本目標１) and its illustrative ledger `data/asaka/actuals/`.
//!
//! Every expected figure below was worked out by hand from `design/progress.md`;
//! the working is in the comment above each check. The ledger figures are made up
//! to exercise every status; they are not published statistics.
//!
//! Common to every KPI: baseline year y0 = H26 (2014), target year y1 = H31 (2019),
//! no milestones, linear path, so E(y) = b + (t - b)·(y - 2014)/5 and the share
//! expected by year y is (y - 2014)/5: H29 → 3/5, H30 → 4/5, R1 → 1.
//! Cut-offs (defaults): on_track pace ≥ 0.95, at_risk pace ≥ 0.60, stale when A - y ≥ 2.
//!
//! | KPI                          | as of R1 (2019, default) | as of H30 (2018, `--year H30`) |
//! | ---------------------------- | ------------------------ | ------------------------------ |
//! | outflow-no-workplace         | missed                   | at_risk                        |
//! | short-hours-ideal            | at_risk, stale           | at_risk                        |
//! | work-life-satisfaction       | no_data                  | no_data                        |
//! | fair-exhibitors              | at_risk (pace 0.75)      | at_risk (pace 0.75)            |
//! | startups-supported           | on_track                 | on_track                       |
//! | shopping-street-events       | achieved (before H31)    | achieved                       |
//! | sme-loans                    | worsening                | worsening                      |
//! | labour-consultations         | off_track                | off_track                      |
//! | job-seminar-employment-rate  | achieved                 | at_risk                        |
//! | waiting-children             | missed                   | off_track                      |
//! | after-school-waitlist        | worsening                | worsening                      |
//! | extended-care-capacity       | on_track (pace 1)        | on_track (pace 1)              |
//! | sick-child-care-capacity     | achieved (exactly)       | off_track (pace 0)             |

use crate::common::{asaka, kpi_command, Run};
use serde_json::{json, Value};

/// Ratios travel in JSON unrounded as f64; they are compared with this tolerance.
const TOL: f64 = 1e-9;

/// Label of FY2019, the target year of every KPI. plan-format.md ("Years") says
/// `year_style = "era"` prints Reiwa from 2019 on, so 2019 is `R1` wherever it is
/// printed, the target year included, even though the plan writes `H31` (cli.md's
/// example shows `"H31"` for a 2019 target: if the contract is settled the other
/// way, this is the one line to change).
const Y2019: &str = "R1";

/// The plan's KPIs: id, name as the seed prints it, unit, direction.
#[rustfmt::skip]
const PLAN: [(&str, &str, &str, &str); 13] = [
    ("outflow-no-workplace", "就業の場がないことによる転出の理由率", "%", "decrease"),
    ("short-hours-ideal", "子育てしながらの短時間就労を理想としている率", "%", "increase"),
    ("work-life-satisfaction", "仕事と家庭生活を両立できる就業環境の促進への満足度", "%", "increase"),
    ("fair-exhibitors", "あさか産業フェア参加事業所数", "事業所", "increase"),
    ("startups-supported", "市の支援により起業した件数（累計）", "件", "increase"),
    ("shopping-street-events", "商店街活性化推進事業実施回数", "回", "increase"),
    ("sme-loans", "中小企業融資実行件数", "件", "increase"),
    ("labour-consultations", "労働・社会保険相談件数", "件", "increase"),
    ("job-seminar-employment-rate", "就職支援セミナー参加者の就職率", "%", "increase"),
    ("waiting-children", "待機児童数", "人", "decrease"),
    ("after-school-waitlist", "放課後児童クラブ入所保留者数", "人", "decrease"),
    ("extended-care-capacity", "延長保育定員（1か月あたり）", "人", "increase"),
    ("sick-child-care-capacity", "病児保育定員（1日あたり）", "人", "increase"),
];

/// Runs the real binary on the seed plan and parses its JSON.
fn status(extra: &[&str]) -> Value {
    Run::of(
        kpi_command()
            .args(["status", "--plan"])
            .arg(asaka())
            .args(["--format", "json"])
            .args(extra),
    )
    .json()
}

/// The one KPI with this id; it must appear exactly once.
fn kpi<'a>(report: &'a Value, id: &str) -> &'a Value {
    let found: Vec<&Value> = report["kpis"]
        .as_array()
        .expect("kpis is an array")
        .iter()
        .filter(|k| k["id"] == id)
        .collect();
    assert_eq!(found.len(), 1, "KPI {id} must appear exactly once in kpis");
    found[0]
}

fn ratio(k: &Value, field: &str, want: f64) {
    let got = k[field]
        .as_f64()
        .unwrap_or_else(|| panic!("{}: {field} is not a number: {}", k["id"], k[field]));
    assert!(
        (got - want).abs() <= TOL,
        "{}: {field} = {got}, want {want}",
        k["id"]
    );
}

/// A KPI with a latest actual: status, latest (year, label, value),
/// [achievement, expected, pace, gap] and stale. Ratios within TOL, gap exactly.
fn scored(r: &Value, id: &str, status: &str, latest: (i64, &str, f64), f: [f64; 4], stale: bool) {
    let k = kpi(r, id);
    assert_eq!(k["status"], status, "{id}: status");
    let (year, label, value) = latest;
    assert_eq!(k["latest"]["year"], year, "{id}: latest.year");
    assert_eq!(k["latest"]["label"], label, "{id}: latest.label");
    assert_eq!(
        k["latest"]["value"].as_f64(),
        Some(value),
        "{id}: latest.value"
    );
    ratio(k, "achievement", f[0]);
    ratio(k, "expected", f[1]);
    ratio(k, "pace", f[2]);
    assert_eq!(
        k["gap"].as_f64(),
        Some(f[3]),
        "{id}: gap (exact), JSON {}",
        k["gap"]
    );
    assert_eq!(k["stale"], stale, "{id}: stale");
}

/// A KPI with no actual after its baseline year: every figure null, not stale.
fn no_data(r: &Value, id: &str) {
    let k = kpi(r, id);
    assert_eq!(k["status"], "no_data", "{id}: status");
    for field in ["latest", "achievement", "expected", "pace", "gap"] {
        assert!(
            k[field].is_null(),
            "{id}: {field} must be null, got {}",
            k[field]
        );
    }
    assert_eq!(k["stale"], false, "{id}: stale");
}

/// What holds whatever the as-of year: the plan as encoded from the seed.
fn plan_facts(r: &Value) {
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["plan"]["title"], "朝霞市まち・ひと・しごと創生総合戦略");
    assert_eq!(
        r["kpis"].as_array().map(Vec::len),
        Some(PLAN.len()),
        "13 KPIs, each once"
    );
    for (id, name, unit, direction) in PLAN {
        let k = kpi(r, id);
        assert_eq!(k["name"], name, "{id}: name");
        assert_eq!(k["unit"], unit, "{id}: unit");
        assert_eq!(k["direction"], direction, "{id}: direction");
        assert_eq!(k["goal"], "1", "{id}: goal");
        assert_eq!(k["goals"], json!(["1"]), "{id}: goals");
        // Era labels; outflow-no-workplace has no baseline year in the plan: H26 by default.
        assert_eq!(k["baseline"]["year"], 2014, "{id}: baseline.year");
        assert_eq!(k["baseline"]["label"], "H26", "{id}: baseline.label");
        assert_eq!(k["target"]["year"], 2019, "{id}: target.year");
        assert_eq!(k["target"]["label"], Y2019, "{id}: target.label");
        // No [[evaluation.grade]] bands: no grade. Default basis "baseline".
        assert!(
            k["grade"].is_null(),
            "{id}: grade must be null, got {}",
            k["grade"]
        );
        assert_eq!(k["basis"], "baseline", "{id}: basis");
    }
    // Numeric targets hang on the goal itself (no measures); others on their measures.
    let labour = kpi(r, "labour-consultations");
    assert_eq!(labour["measures"], json!(["1.1.3", "1.2.1"]));
    assert_eq!(labour["goals"], json!(["1"]));
    assert_eq!(kpi(r, "fair-exhibitors")["measures"], json!(["1.1.1"]));
    assert_eq!(kpi(r, "waiting-children")["measures"], json!(["1.2.1"]));
    let goals = r["goals"].as_array().expect("goals is an array");
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0]["id"], "1");
    assert_eq!(goals[0]["name"], "産業の活性化と働きやすい環境づくり");
}

#[test]
#[rustfmt::skip]
fn asaka_status_as_of_r1() {
    let r = status(&[]);
    plan_facts(&r);
    // Default as-of year: the newest year with any actual in the ledger, 2019.csv → 2019 = R1.
    assert_eq!(r["plan"]["as_of"], json!({ "year": 2019, "label": "R1" }));

    // 数値目標. outflow 2.4 → 1.7 (decrease, s = -1), latest R1 = 1.8.
    // Reached? s·(a-t) = -(1.8-1.7) = -0.1 < 0: no. y = R1 ≥ y1 → missed.
    // achievement (1.8-2.4)/(1.7-2.4) = -0.6/-0.7 = 6/7 = 0.857142857142857…;
    // E(R1) = t = 1.7, expected (1.7-2.4)/(1.7-2.4) = 1; pace (1.8-2.4)/(1.7-2.4) = 6/7;
    // gap s·(t-a) = -(1.7-1.8) = 0.1; stale: 2019-2019 = 0 < 2 → false.
    scored(&r, "outflow-no-workplace", "missed", (2019, "R1", 1.8), [6.0 / 7.0, 1.0, 6.0 / 7.0, 0.1], false);
    // short-hours 40.7 → 50.0 (increase), only figure H29 = 45.2.
    // achievement (45.2-40.7)/(50.0-40.7) = 4.5/9.3 = 15/31 = 0.483870967…;
    // E(H29) = 40.7 + 9.3·3/5 = 40.7 + 5.58 = 46.28, expected 5.58/9.3 = 0.6;
    // pace 4.5/5.58 = 450/558 = 25/31 = 0.806451612… (0.60 ≤ pace < 0.95, and 45.2 > 40.7) → at_risk;
    // gap 50.0-45.2 = 4.8; stale: 2019-2017 = 2 ≥ 2 → true.
    scored(&r, "short-hours-ideal", "at_risk", (2017, "H29", 45.2), [15.0 / 31.0, 0.6, 25.0 / 31.0, 4.8], true);
    // work-life-satisfaction: no figure in any year → no_data, all figures null, not stale.
    no_data(&r, "work-life-satisfaction");

    // （１）① fair 63 → 68, latest H30 = 66 (no R1 figure).
    // achievement (66-63)/(68-63) = 3/5 = 0.6; E(H30) = 63 + 5·4/5 = 67, expected 4/5 = 0.8;
    // pace (66-63)/(67-63) = 3/4 = 0.75 → at_risk; gap 68-66 = 2; 2019-2018 = 1 → not stale.
    scored(&r, "fair-exhibitors", "at_risk", (2018, "H30", 66.0), [0.6, 0.8, 0.75, 2.0], false);
    // startups 49 → 157 (累計), latest H30 = 136.
    // achievement (136-49)/(157-49) = 87/108 = 29/36 = 0.805555…; E(H30) = 49 + 108·4/5 = 135.4, expected 0.8;
    // pace 87/86.4 = 870/864 = 145/144 = 1.006944… ≥ 0.95 → on_track; gap 157-136 = 21.
    scored(&r, "startups-supported", "on_track", (2018, "H30", 136.0), [29.0 / 36.0, 0.8, 145.0 / 144.0, 21.0], false);

    // （１）② shopping 38 → 45, latest H30 = 46: s·(a-t) = 46-45 = 1 ≥ 0 → achieved, before H31.
    // achievement (46-38)/(45-38) = 8/7 = 1.142857…; E(H30) = 38 + 7·4/5 = 43.6, expected 0.8;
    // pace 8/5.6 = 10/7 = 1.428571…; gap 45-46 = -1.
    scored(&r, "shopping-street-events", "achieved", (2018, "H30", 46.0), [8.0 / 7.0, 0.8, 10.0 / 7.0, -1.0], false);
    // sme-loans 51 → 56, latest H30 = 47: not reached, y < y1, s·(a-b) = 47-51 = -4 < 0 → worsening.
    // achievement -4/5 = -0.8; E(H30) = 51 + 5·4/5 = 55, expected 0.8; pace -4/(55-51) = -1; gap 56-47 = 9.
    scored(&r, "sme-loans", "worsening", (2018, "H30", 47.0), [-0.8, 0.8, -1.0, 9.0], false);

    // （１）③・（２）① labour 13 → 21, latest H30 = 16 (serves both measures, counted once).
    // achievement (16-13)/(21-13) = 3/8 = 0.375; E(H30) = 13 + 8·4/5 = 19.4, expected 0.8;
    // pace 3/6.4 = 30/64 = 15/32 = 0.46875 < 0.60 (and 16 > 13) → off_track; gap 21-16 = 5.
    scored(&r, "labour-consultations", "off_track", (2018, "H30", 16.0), [0.375, 0.8, 0.46875, 5.0], false);
    // job-seminar 19 → 23 %, latest R1 = 23.6: s·(a-t) = 0.6 ≥ 0 → achieved.
    // achievement (23.6-19)/(23-19) = 4.6/4 = 1.15; E(R1) = t, expected 1; pace 4.6/4 = 1.15; gap 23-23.6 = -0.6.
    scored(&r, "job-seminar-employment-rate", "achieved", (2019, "R1", 23.6), [1.15, 1.0, 1.15, -0.6], false);

    // （２）① waiting 47 → 0 (decrease), latest R1 = 21: s·(a-t) = -21 < 0, y = y1 → missed.
    // achievement (21-47)/(0-47) = 26/47 = 0.553191…; expected 1; pace (21-47)/(0-47) = 26/47;
    // gap -(0-21) = 21.
    scored(&r, "waiting-children", "missed", (2019, "R1", 21.0), [26.0 / 47.0, 1.0, 26.0 / 47.0, 21.0], false);
    // after-school 141 → 0 (decrease), latest H30 = 172: s·(a-b) = -(172-141) = -31 < 0 → worsening.
    // achievement (172-141)/(0-141) = -31/141 = -0.219858…; E(H30) = 141 - 141·4/5 = 28.2, expected 0.8;
    // pace 31/(28.2-141) = 31/-112.8 = -310/1128 = -155/564 = -0.274822…; gap -(0-172) = 172.
    scored(&r, "after-school-waitlist", "worsening", (2018, "H30", 172.0), [-31.0 / 141.0, 0.8, -155.0 / 564.0, 172.0], false);
    // extended 2788 → 2943, latest H30 = 2912 = E(H30) = 2788 + 155·4/5 = 2788 + 124.
    // achievement 124/155 = 0.8; expected 0.8; pace 124/124 = 1 → on_track; gap 2943-2912 = 31.
    scored(&r, "extended-care-capacity", "on_track", (2018, "H30", 2912.0), [0.8, 0.8, 1.0, 31.0], false);
    // sick-child 0 → 5, latest R1 = 5: s·(a-t) = 0 ≥ 0 → achieved (exactly on target).
    // achievement 5/5 = 1; expected 1; pace 5/5 = 1; gap 5-5 = 0.
    scored(&r, "sick-child-care-capacity", "achieved", (2019, "R1", 5.0), [1.0, 1.0, 1.0, 0.0], false);

    // Roll-up: the 13 KPIs, labour-consultations once although it serves 1.1.3 and 1.2.1.
    // achieved: shopping, job-seminar, sick-child = 3; on_track: startups, extended = 2;
    // at_risk: short-hours, fair = 2; off_track: labour = 1; worsening: sme, after-school = 2;
    // missed: outflow, waiting = 2; no_data: work-life = 1. 3+2+2+1+2+2+1 = 13.
    assert_eq!(
        r["goals"][0]["counts"],
        json!({ "achieved": 3, "on_track": 2, "at_risk": 2, "off_track": 1, "worsening": 2, "missed": 2, "no_data": 1 })
    );
}

#[test]
#[rustfmt::skip]
fn asaka_status_as_of_h30() {
    // As of H30 = 2018: the R1 figures (outflow 1.8, job-seminar 23.6, waiting 21, sick-child 5)
    // are ignored; E(H30) share = 4/5 for every KPI scored on a H30 figure.
    let r = status(&["--year", "H30"]);
    plan_facts(&r);
    assert_eq!(r["plan"]["as_of"], json!({ "year": 2018, "label": "H30" }));

    // outflow 2.4 → 1.7, latest H30 = 1.9: not reached, y < y1, s·(a-b) = -(1.9-2.4) = 0.5 ≥ 0.
    // achievement (1.9-2.4)/(1.7-2.4) = -0.5/-0.7 = 5/7 = 0.714285…; E(H30) = 2.4 - 0.7·4/5 = 1.84, expected 0.8;
    // pace (1.9-2.4)/(1.84-2.4) = -0.5/-0.56 = 50/56 = 25/28 = 0.892857… → at_risk; gap -(1.7-1.9) = 0.2.
    scored(&r, "outflow-no-workplace", "at_risk", (2018, "H30", 1.9), [5.0 / 7.0, 0.8, 25.0 / 28.0, 0.2], false);
    // short-hours: same H29 figure and figures as at R1 (15/31, 0.6, 25/31, 4.8) → at_risk;
    // but 2018-2017 = 1 < 2 → no longer stale.
    scored(&r, "short-hours-ideal", "at_risk", (2017, "H29", 45.2), [15.0 / 31.0, 0.6, 25.0 / 31.0, 4.8], false);
    no_data(&r, "work-life-satisfaction");
    // Unchanged from R1 (their latest is H30 either way): see asaka_status_as_of_r1 for the working.
    scored(&r, "fair-exhibitors", "at_risk", (2018, "H30", 66.0), [0.6, 0.8, 0.75, 2.0], false);
    scored(&r, "startups-supported", "on_track", (2018, "H30", 136.0), [29.0 / 36.0, 0.8, 145.0 / 144.0, 21.0], false);
    scored(&r, "shopping-street-events", "achieved", (2018, "H30", 46.0), [8.0 / 7.0, 0.8, 10.0 / 7.0, -1.0], false);
    scored(&r, "sme-loans", "worsening", (2018, "H30", 47.0), [-0.8, 0.8, -1.0, 9.0], false);
    scored(&r, "labour-consultations", "off_track", (2018, "H30", 16.0), [0.375, 0.8, 0.46875, 5.0], false);
    // job-seminar 19 → 23, latest H30 = 22.0: not reached, 22.0 > 19.
    // achievement 3/4 = 0.75; E(H30) = 19 + 4·4/5 = 22.2, expected 0.8;
    // pace 3/3.2 = 30/32 = 15/16 = 0.9375 < 0.95 → at_risk; gap 23-22.0 = 1.
    scored(&r, "job-seminar-employment-rate", "at_risk", (2018, "H30", 22.0), [0.75, 0.8, 0.9375, 1.0], false);
    // waiting 47 → 0, latest H30 = 35: not reached, y < y1, s·(a-b) = -(35-47) = 12 ≥ 0.
    // achievement (35-47)/(0-47) = 12/47 = 0.255319…; E(H30) = 47 - 47·4/5 = 9.4, expected 0.8;
    // pace (35-47)/(9.4-47) = -12/-37.6 = 120/376 = 15/47 = 0.319148… < 0.60 → off_track; gap -(0-35) = 35.
    scored(&r, "waiting-children", "off_track", (2018, "H30", 35.0), [12.0 / 47.0, 0.8, 15.0 / 47.0, 35.0], false);
    scored(&r, "after-school-waitlist", "worsening", (2018, "H30", 172.0), [-31.0 / 141.0, 0.8, -155.0 / 564.0, 172.0], false);
    scored(&r, "extended-care-capacity", "on_track", (2018, "H30", 2912.0), [0.8, 0.8, 1.0, 31.0], false);
    // sick-child 0 → 5, latest H30 = 0: not reached, y < y1, s·(a-b) = 0, not < 0 → not worsening.
    // achievement 0/5 = 0; E(H30) = 0 + 5·4/5 = 4, expected 0.8; pace 0/4 = 0 < 0.60 → off_track; gap 5-0 = 5.
    scored(&r, "sick-child-care-capacity", "off_track", (2018, "H30", 0.0), [0.0, 0.8, 0.0, 5.0], false);

    // achieved: shopping = 1; on_track: startups, extended = 2;
    // at_risk: outflow, short-hours, fair, job-seminar = 4; off_track: labour, waiting, sick-child = 3;
    // worsening: sme, after-school = 2; missed: 0 (no H31 figure counts yet); no_data: work-life = 1. Sum 13.
    assert_eq!(
        r["goals"][0]["counts"],
        json!({ "achieved": 1, "on_track": 2, "at_risk": 4, "off_track": 3, "worsening": 2, "missed": 0, "no_data": 1 })
    );
}
