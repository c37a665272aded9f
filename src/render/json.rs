//! `kpi status --format json`: the stable contract of cli.md. Fields may be
//! added; none renamed or removed. Ratios are unrounded; values are numbers.

use serde_json::{json, Map, Value};

use crate::plan::{Plan, Point};
use crate::progress::{Counts, Evaluation, KpiProgress};
use crate::status::Status;
use crate::value::to_json;
use crate::year::{FiscalYear, YearStyle};

pub const SCHEMA_VERSION: u32 = 1;

pub fn year(y: FiscalYear, style: YearStyle) -> Value {
    json!({ "year": y.0, "label": y.label(style) })
}

pub fn point(p: Point, style: YearStyle) -> Value {
    json!({ "year": p.year.0, "label": p.year.label(style), "value": to_json(p.value) })
}

fn ratio(r: Option<rust_decimal::Decimal>) -> Value {
    r.map_or(Value::Null, to_json)
}

/// The `plan` object of every JSON document: title, organization, as-of year.
pub fn plan_head(plan: &Plan, as_of: Option<FiscalYear>) -> Value {
    json!({
        "title": plan.title,
        "organization": plan.organization,
        "as_of": as_of.map_or(Value::Null, |a| year(a, plan.year_style)),
    })
}

pub fn counts(c: &Counts) -> Value {
    let mut m = Map::new();
    for s in Status::COUNT_ORDER {
        m.insert(s.name().to_string(), Value::from(c.get(s)));
    }
    Value::Object(m)
}

pub fn kpi(plan: &Plan, k: &KpiProgress) -> Value {
    let kpi = &plan.kpis[k.kpi];
    let style = plan.year_style;
    let goals: Vec<&str> = plan.kpi_goals(kpi).iter().map(|g| g.id.as_str()).collect();
    json!({
        "id": kpi.id,
        "name": kpi.name,
        "unit": kpi.unit,
        "goal": goals.first(),
        "goals": goals,
        "measures": kpi.measure_ids(),
        "direction": kpi.direction.name(),
        "cumulative": kpi.cumulative,
        "owner": kpi.owner,
        "source": kpi.source,
        "baseline": point(kpi.baseline, style),
        "target": point(kpi.target, style),
        "milestones": kpi.milestones.iter().map(|m| point(*m, style)).collect::<Vec<_>>(),
        "latest": k.latest.map_or(Value::Null, |p| point(p, style)),
        "expected_value": ratio(k.expected_value),
        "achievement": ratio(k.achievement),
        "expected": ratio(k.expected),
        "pace": ratio(k.pace),
        "gap": ratio(k.gap),
        "status": k.status.name(),
        "grade": k.grade,
        "stale": k.stale,
        "basis": k.basis.name(),
        "decimals": k.decimals,
    })
}

pub fn render(plan: &Plan, eval: &Evaluation) -> String {
    let style = plan.year_style;
    let goals: Vec<Value> = eval
        .goals
        .iter()
        .map(|r| {
            let g = &plan.goals[r.index];
            json!({ "id": g.id, "name": g.name, "counts": counts(&r.counts) })
        })
        .collect();
    let measures: Vec<Value> = eval
        .measures
        .iter()
        .map(|r| {
            let m = &plan.measures[r.index];
            json!({ "id": m.id, "name": m.name, "counts": counts(&r.counts) })
        })
        .collect();
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "plan": {
            "title": plan.title,
            "organization": plan.organization,
            "as_of": eval.as_of.map_or(Value::Null, |a| year(a, style)),
            "missing": eval.missing,
        },
        "kpis": eval.kpis.iter().map(|k| kpi(plan, k)).collect::<Vec<_>>(),
        "goals": goals,
        "measures": measures,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
