//! JSON values are the exact decimals (issue 17, item 1): values of 17 and
//! 18 significant digits, which a double cannot hold, come out of every
//! JSON output digit for digit, as the table and CSV print them; ratios stay
//! the nearest double. Every figure is worked by hand below and checked with
//! rust_decimal, never through a double.
//!
//! One KPI, b = 123456789012345.67 (2014) → t = 999999999999999.99 (2019),
//! one figure a = 500000000000000.01 in 2016, as of 2016:
//!
//! - gap t - a = 499999999999999.98
//! - E(2016) = (b·5 + (t - b)·2)/5 = (617283945061728.35 + 1753086421975308.64)/5
//!   = 2370370367037036.99/5 = 474074073407407.398
//! - needed per year (t - a)/3 = 166666666666666.66; seen (a - b)/2
//!   = 376543210987654.34/2 = 188271605493827.17
//! - projection through (0, b), (2, a) at x = 5: b + 5·188271605493827.17
//!   = 123456789012345.67 + 941358027469135.85 = 1064814816481481.52
//! - achievement (a - b)/(t - b) = 376543210987654.34/876543210987654.32, a ratio.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::common::Workdir;

const PLAN: &str = r#"[plan]
title = "Big numbers"

[[goal]]
id = "1"
name = "Goal"

[[kpi]]
id = "big"
name = "Budget"
goal = "1"
baseline = { value = 123456789012345.67, year = 2014 }
target = { value = 999999999999999.99, year = 2019 }
"#;

const LEDGER: &str = "kpi,year,value\nbig,2016,500000000000000.01\n";

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn wd() -> Workdir {
    Workdir::with_ledger(PLAN, &[("2016.csv", LEDGER)]).english()
}

fn json(wd: &Workdir, args: &[&str]) -> Value {
    let run = wd.run(args);
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// The number's text exactly as written in the document.
fn text(v: &Value) -> String {
    assert!(v.is_number(), "not a number: {v}");
    v.to_string()
}

/// A JSON number written exactly as the decimal `want` prints.
fn exact(v: &Value, want: Decimal) {
    assert_eq!(text(v), want.to_string());
}

/// A ratio: the nearest double of `want` (at most 17 significant digits).
fn ratio(v: &Value, want: Decimal) {
    let t = text(v);
    let digits = t.chars().filter(char::is_ascii_digit).count();
    assert!(digits <= 18, "{t} has more digits than a double");
    let got = d(&t);
    assert!(
        (got - want).abs() < d("0.0000000000000001"),
        "{t} is not {want}"
    );
}

#[test]
fn status_json_carries_every_value_exactly() {
    let (b, t, a) = (
        d("123456789012345.67"),
        d("999999999999999.99"),
        d("500000000000000.01"),
    );
    let doc = json(&wd(), &["status", "--format", "json"]);
    let k = &doc["kpis"][0];
    exact(&k["baseline"]["value"], b);
    exact(&k["target"]["value"], t);
    exact(&k["latest"]["value"], a);
    exact(&k["gap"], d("499999999999999.98"));
    assert_eq!(t - a, d("499999999999999.98"));
    let e = (b * d("5") + (t - b) * d("2")) / d("5");
    assert_eq!(e, d("474074073407407.398"));
    assert_eq!(d(&text(&k["expected_value"])), e);
    ratio(&k["achievement"], (a - b) / (t - b));
}

#[test]
fn gap_show_and_check_json_carry_every_value_exactly() {
    let wd = wd();
    let (b, t, a) = (
        d("123456789012345.67"),
        d("999999999999999.99"),
        d("500000000000000.01"),
    );
    let gap = json(&wd, &["gap", "--format", "json"]);
    let k = &gap["kpis"][0];
    exact(&k["latest"]["value"], a);
    exact(&k["gap"], d("499999999999999.98"));
    assert_eq!((t - a) / d("3"), d("166666666666666.66"));
    assert_eq!(d(&text(&k["needed_per_year"])), d("166666666666666.66"));
    assert_eq!((a - b) / d("2"), d("188271605493827.17"));
    assert_eq!(d(&text(&k["seen_per_year"])), d("188271605493827.17"));
    let projection = b + d("5") * d("188271605493827.17");
    assert_eq!(projection, d("1064814816481481.52"));
    assert_eq!(d(&text(&k["projection"]["value"])), projection);
    assert_eq!(
        d(&text(&k["projection"]["per_year"])),
        d("188271605493827.17")
    );

    let show = json(&wd, &["show", "big", "--format", "json"]);
    let kpi = &show["kpi"];
    exact(&kpi["latest"]["value"], a);
    let y2016 = kpi["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2016)
        .expect("the 2016 row");
    exact(&y2016["actual"], a);
    assert_eq!(d(&text(&y2016["expected_value"])), d("474074073407407.398"));
    ratio(&y2016["achievement"], (a - b) / (t - b));

    let check = json(&wd, &["check", "--format", "json", "--fail-on", "on_track"]);
    let flagged = &check["flagged"][0];
    exact(&flagged["latest"]["value"], a);
    exact(&flagged["target"]["value"], t);
    exact(&flagged["gap"], d("499999999999999.98"));
}
