//! The terms of an explanation, each with its arithmetic written out in
//! the plan's numbers: `(66 − 63) / (68 − 63) = 3/5`. The values are the
//! evaluation's (`KpiProgress`, `ExactFigures`); these only write them out.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::{fraction, Ctx};
use crate::bands::Compare;
use crate::plan::{Basis, Direction, PathShape};
use crate::progress::{expected_ratio, Graded, Ratio};
use crate::status::Status;
use crate::value::{percent, ratio_json, value_json};

/// One term: its arithmetic, the exact fraction where it is a ratio, and
/// the value (a ratio as `status --format json` prints it).
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub expression: String,
    pub fraction: Option<String>,
    pub value: Value,
    /// A ratio as the tables print it: `60.0%`.
    pub percent: Option<String>,
}

/// One status rule of progress.md and whether it holds.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub status: &'static str,
    pub holds: bool,
    pub why: String,
}

/// One grade band: each of its conditions, and whether all hold.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub label: String,
    pub holds: bool,
    pub conditions: Vec<Rule>,
}

fn ratio_term(expression: String, r: Option<Ratio>, value: Option<Decimal>) -> Option<Term> {
    let value = value?;
    let fraction = r.and_then(fraction::text);
    let expression = match &fraction {
        Some(f) => format!("{expression} = {f}"),
        None => expression,
    };
    Some(Term {
        expression: format!("{expression} = {}", percent(value)),
        fraction,
        value: ratio_json(value),
        percent: Some(percent(value)),
    })
}

/// `E(y)` at the latest year, with the segment of the path it lies on.
pub fn expected_value(c: &Ctx) -> Option<Term> {
    let latest = c.k.latest?;
    let (kpi, y) = (c.kpi, latest.year);
    let e = expected_ratio(kpi, c.plan.scoring.path, y);
    let value = e.value().unwrap_or(e.num);
    let shown = exact_or_about(e, value);
    let head = format!("E({})", c.year(y));
    let points = kpi.path_points();
    let at = points.iter().find(|p| p.year == y);
    let expression = if let Some(p) = at {
        format!("{head} = {}", c.num(p.value))
    } else if let Some(pair) = points.windows(2).find(|w| w[0].year < y && y < w[1].year) {
        let (p, q) = (pair[0], pair[1]);
        let (done, span) = (y.0 - p.year.0, q.year.0 - p.year.0);
        match c.plan.scoring.path {
            PathShape::Linear => format!(
                "{head} = {} + ({} − {}) × {done}/{span} = {shown}",
                c.num(p.value),
                c.num(q.value),
                c.num(p.value)
            ),
            // A fractional power has no exact decimal: `≈`, to 4 places
            // (JSON `value` carries the figure `status` uses, whole).
            PathShape::Geometric => format!(
                "{head} = {} × ({} / {})^({done}/{span}) ≈ {}",
                c.num(p.value),
                c.num(q.value),
                c.num(p.value),
                value.round_dp(4).normalize()
            ),
        }
    } else {
        format!("{head} = {shown}")
    };
    Some(Term {
        expression,
        fraction: fraction::text(e).filter(|_| c.plan.scoring.path == PathShape::Linear),
        value: value_json(value),
        percent: None,
    })
}

/// The decimal of `e` when it is exact (`67`, `82.5`), else `≈ 82.3333`.
fn exact_or_about(e: Ratio, value: Decimal) -> String {
    let exact = fraction::reduced(e).is_some_and(|(_, mut d)| {
        while d % 2 == 0 {
            d /= 2;
        }
        while d % 5 == 0 {
            d /= 5;
        }
        d == 1
    });
    if exact {
        value.normalize().to_string()
    } else {
        format!("≈ {}", value.round_dp(4).normalize())
    }
}

fn parts(c: &Ctx) -> Option<(String, String, String)> {
    let a = c.k.latest?.value;
    Some((
        c.num(a),
        c.num(c.kpi.baseline.value),
        c.num(c.kpi.target.value),
    ))
}

/// `E(y)` as the ratios print it: its exact decimal, or its fraction.
fn e_text(c: &Ctx) -> Option<String> {
    let latest = c.k.latest?;
    let e = expected_ratio(c.kpi, c.plan.scoring.path, latest.year);
    let value = e.value().unwrap_or(e.num);
    let shown = exact_or_about(e, value);
    Some(match shown.strip_prefix("≈ ") {
        Some(_) => fraction::text(e).unwrap_or(shown),
        None => shown,
    })
}

pub fn achievement(c: &Ctx) -> Option<Term> {
    let (a, b, t) = parts(c)?;
    let exact = c.exact?;
    let expression = match (c.k.basis, c.kpi.direction) {
        (Basis::Target, Direction::Increase) => format!("{a} / {t}"),
        (Basis::Target, Direction::Decrease) => format!("{t} / {a}"),
        _ => format!("({a} − {b}) / ({t} − {b})"),
    };
    ratio_term(expression, exact.achievement, c.k.achievement)
}

pub fn expected_share(c: &Ctx) -> Option<Term> {
    let (_, b, t) = parts(c)?;
    let e = e_text(c)?;
    let value = c.k.expected?;
    let latest = c.k.latest?;
    let er = expected_ratio(c.kpi, c.plan.scoring.path, latest.year);
    let (bv, tv) = (c.kpi.baseline.value, c.kpi.target.value);
    let r = Ratio::new(er.num - bv * er.den, er.den * (tv - bv));
    let expression = format!("({e} − {b}) / ({t} − {b})");
    ratio_term(expression, r, Some(value))
}

pub fn pace(c: &Ctx) -> Option<Term> {
    let (a, b, _) = parts(c)?;
    let e = e_text(c)?;
    let exact = c.exact?;
    let expression = match (c.k.basis, c.kpi.direction) {
        (Basis::Target, Direction::Increase) => format!("{a} / {e}"),
        (Basis::Target, Direction::Decrease) => format!("{e} / {a}"),
        _ => format!("({a} − {b}) / ({e} − {b})"),
    };
    ratio_term(expression, exact.pace, c.k.pace)
}

pub fn gap(c: &Ctx) -> Option<Term> {
    let (a, _, t) = parts(c)?;
    let g = c.k.gap?;
    let s = if c.kpi.direction == Direction::Increase {
        "+1"
    } else {
        "−1"
    };
    Some(Term {
        expression: format!("{s} × ({t} − {a}) = {}", c.num(g)),
        fraction: None,
        value: value_json(g),
        percent: None,
    })
}

pub fn improvement(c: &Ctx) -> Option<Term> {
    let (a, b, _) = parts(c)?;
    let exact = c.exact?;
    let s = if c.kpi.direction == Direction::Increase {
        "+1"
    } else {
        "−1"
    };
    let expression = format!("{s} × ({a} − {b}) / |{b}|");
    ratio_term(expression, exact.improvement, c.k.improvement)
}

fn cmp_word(o: Ordering) -> &'static str {
    match o {
        Ordering::Less => "<",
        Ordering::Equal => "=",
        Ordering::Greater => ">",
    }
}

/// progress.md's status rules, first to last, up to the one that holds.
pub fn rules(c: &Ctx) -> Vec<Rule> {
    let mut out = Vec::new();
    let rule = |status: Status, holds: bool, why: String| Rule {
        status: status.name(),
        holds,
        why,
    };
    let Some(latest) = c.k.latest else {
        let upto = c.as_of.map_or(c.year(c.kpi.target.year), |a| {
            c.year(a.min(c.kpi.target.year))
        });
        out.push(rule(
            Status::NoData,
            true,
            format!(
                "no figure after {} up to {upto}",
                c.year(c.kpi.baseline.year)
            ),
        ));
        return out;
    };
    let (a, b, t) = (latest.value, c.kpi.baseline.value, c.kpi.target.value);
    let s = c.kpi.direction.sign();
    let sn = if s > Decimal::ZERO { "+1" } else { "−1" };
    out.push(rule(
        Status::NoData,
        false,
        format!("latest figure {} ({})", c.num(a), c.year(latest.year)),
    ));
    let reach = s * (a - t);
    let held = reach >= Decimal::ZERO;
    out.push(rule(
        Status::Achieved,
        held,
        format!(
            "s × (a − t) = {sn} × ({} − {}) = {} {} 0",
            c.num(a),
            c.num(t),
            c.num(reach),
            if held { "≥" } else { "<" }
        ),
    ));
    if c.k.status == Status::Achieved {
        return out;
    }
    let yf = if c.kpi.schedule.is_yearly() {
        c.kpi.target.year
    } else {
        c.kpi.final_due_year()
    };
    let missed = c.k.status == Status::Missed;
    out.push(rule(
        Status::Missed,
        missed,
        format!(
            "latest year {} {} final due year {}; as of {} {} target year {}",
            c.year(latest.year),
            cmp_word(latest.year.cmp(&yf)),
            c.year(yf),
            c.as_of.map_or("-".to_string(), |a| c.year(a)),
            c.as_of.map_or("?", |a| cmp_word(a.cmp(&c.kpi.target.year))),
            c.year(c.kpi.target.year)
        ),
    ));
    if missed {
        return out;
    }
    let change = s * (a - b);
    let worse = change < Decimal::ZERO;
    out.push(rule(
        Status::Worsening,
        worse,
        format!(
            "s × (a − b) = {sn} × ({} − {}) = {} {} 0",
            c.num(a),
            c.num(b),
            c.num(change),
            if worse { "<" } else { "≥" }
        ),
    ));
    if worse {
        return out;
    }
    let pace = c.exact.and_then(|e| e.pace);
    let scoring = &c.plan.scoring;
    let Some(p) = pace else {
        out.push(rule(
            Status::OnTrack,
            true,
            "pace undefined (E(y) = b) and s × (a − b) ≥ 0".to_string(),
        ));
        return out;
    };
    let shown = c.k.pace.map_or("-".to_string(), percent);
    for (status, cut) in [
        (Status::OnTrack, scoring.on_track),
        (Status::AtRisk, scoring.at_risk),
    ] {
        let holds = p.at_least(cut);
        out.push(rule(
            status,
            holds,
            format!(
                "pace {shown} {} {}",
                if holds { "≥" } else { "<" },
                percent(cut)
            ),
        ));
        if holds {
            return out;
        }
    }
    out.push(rule(
        Status::OffTrack,
        true,
        "every rule before failed".into(),
    ));
    out
}

fn compare_sign(c: Compare) -> &'static str {
    match c {
        Compare::AtLeast => "≥",
        Compare::Above => ">",
        Compare::AtMost => "≤",
        Compare::Below => "<",
    }
}

/// The plan's grade bands, first to last, up to the one that matched.
pub fn bands(c: &Ctx) -> Vec<Band> {
    let graded = Graded {
        pace: c.exact.and_then(|e| e.pace),
        achievement: c.exact.and_then(|e| e.achievement),
        improvement: c.exact.and_then(|e| e.improvement),
    };
    let status = c.k.status;
    let mut out = Vec::new();
    for band in &c.plan.scoring.grades {
        let mut conditions = Vec::new();
        let names = band.status.as_ref().is_some_and(|s| s.contains(&status));
        if let Some(list) = &band.status {
            let names_list: Vec<&str> = list.iter().map(|s| s.name()).collect();
            conditions.push(Rule {
                status: "status",
                holds: names,
                why: format!(
                    "status {} {} [{}]",
                    status.name(),
                    if names { "∈" } else { "∉" },
                    names_list.join(", ")
                ),
            });
        } else if status == Status::NoData {
            conditions.push(Rule {
                status: "status",
                holds: false,
                why: "no_data is graded only by a band naming it".into(),
            });
        }
        for cond in &band.conditions {
            let figure = graded.of(cond.figure);
            let holds = cond.holds(figure.map(|r| r.compare(cond.bound)));
            let value = figure
                .and_then(Ratio::value)
                .map_or("undefined".into(), percent);
            conditions.push(Rule {
                status: cond.figure.name(),
                holds,
                why: format!(
                    "{} {value} {} {}",
                    cond.figure.name(),
                    compare_sign(cond.compare),
                    percent(cond.bound)
                ),
            });
        }
        let holds = conditions.iter().all(|r| r.holds);
        out.push(Band {
            label: band.label.clone(),
            holds,
            conditions,
        });
        if holds {
            break;
        }
    }
    out
}

/// Overdue due figures against `stale_after`.
pub fn staleness(c: &Ctx) -> super::Staleness {
    let after = c.plan.scoring.stale_after;
    let lag = c.kpi.schedule.lag;
    let rule = match (c.k.latest, c.as_of, c.k.overdue) {
        (None, _, _) => "no figure: no_data, never stale".to_string(),
        (Some(l), Some(a), Some(n)) => format!(
            "due years y with {} < y ≤ {} − {lag}: {n} {} stale_after {after}",
            c.year(l.year),
            c.year(a),
            if n >= after { "≥" } else { "<" }
        ),
        _ => "no as-of year".to_string(),
    };
    super::Staleness {
        stale: c.k.stale,
        overdue: c.k.overdue,
        stale_after: after,
        rule,
    }
}
