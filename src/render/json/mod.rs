//! `kpi status --format json`: the stable contract of cli.md. Fields may be
//! added; none renamed or removed. Values (in a KPI's unit) are numbers
//! carrying the exact decimal; ratios are the nearest double.

use std::io::Write;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Map, Value};

use crate::plan::{Plan, Point};
use crate::progress::{Counts, Evaluation, KpiProgress, Rollup};
use crate::review::YearReview;
use crate::status::Status;
use crate::value::value_json;
use crate::year::{FiscalYear, YearStyle};

mod kpi;
pub(crate) mod pretty;
pub(crate) mod stream;

pub(crate) use kpi::KpiDoc;

pub const SCHEMA_VERSION: u32 = 1;

pub fn year(y: FiscalYear, style: YearStyle) -> Value {
    json!({ "year": y.0, "label": y.label(style) })
}

pub fn point(p: Point, style: YearStyle) -> Value {
    json!({ "year": p.year.0, "label": p.year.label(style), "value": value_json(p.value) })
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

/// One KPI's object, with its review text of the year, if any: the
/// object `kpi::KpiDoc` writes into the status document, read back.
pub fn kpi(plan: &Plan, k: &KpiProgress, review: &YearReview) -> Value {
    let mut text = Vec::new();
    KpiDoc::new(plan, k, review).write(&mut text, 0);
    serde_json::from_slice(&text).unwrap_or(Value::Null)
}

pub fn render(plan: &Plan, eval: &Evaluation) -> String {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail, and the JSON is valid UTF-8.
    let _ = write(plan, eval, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// The document of `render`, written as it is made: one KPI's object at a
/// time, never the whole tree (a national-scale plan makes ~100 MB of JSON).
pub fn write(plan: &Plan, eval: &Evaluation, out: &mut dyn Write) -> std::io::Result<()> {
    write_with(plan, eval, None, out)
}

/// `write`, with `kpi publish`'s `published` object after `plan`.
pub fn write_with(
    plan: &Plan,
    eval: &Evaluation,
    published: Option<&Value>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    // A national plan has 100,000 KPIs and tens of thousands of measures:
    // each array is streamed into its place in the document.
    stream::write_framed(
        &Document {
            plan,
            eval,
            published,
        },
        &PARTS,
        |key, out| match key {
            "kpis" => stream::write_items(
                &eval.kpis,
                |k, text| {
                    let doc = KpiDoc::new(plan, k, &eval.review).beside(eval);
                    doc.write(text, stream::ITEM_DEPTH);
                    Ok(())
                },
                out,
            ),
            "goals" => write_rollups(
                &eval.goals,
                |i| (&plan.goals[i].id, &plan.goals[i].name),
                out,
            ),
            _ => write_rollups(
                &eval.measures,
                |i| (&plan.measures[i].id, &plan.measures[i].name),
                out,
            ),
        },
        &mut out,
    )?;
    out.flush()
}

/// A roll-up array: each goal's (or measure's) id, name and counts;
/// `named(index)` is its id and name.
fn write_rollups<'p>(
    items: &[Rollup],
    named: impl Fn(usize) -> (&'p String, &'p String) + Sync,
    out: &mut impl Write,
) -> std::io::Result<()> {
    stream::write_items(
        items,
        |r, text| {
            let (id, name) = named(r.index);
            let mut o = pretty::Obj::open(text, stream::ITEM_DEPTH);
            o.str("id", id);
            o.str("name", name);
            let mut c = o.obj("counts");
            for s in Status::COUNT_ORDER {
                c.int(s.name(), r.counts.get(s) as i64);
            }
            c.close();
            o.close();
            Ok(())
        },
        out,
    )
}

/// The document's arrays, in the order it holds them.
const PARTS: [&str; 3] = ["kpis", "goals", "measures"];

/// The status document's `plan` object: `plan_head` and the count of
/// figures missing for the as-of year.
fn status_head(plan: &Plan, eval: &Evaluation) -> Value {
    json!({
        "title": plan.title,
        "organization": plan.organization,
        "as_of": eval.as_of.map_or(Value::Null, |a| year(a, plan.year_style)),
        "missing": eval.missing,
    })
}

struct Document<'a> {
    plan: &'a Plan,
    eval: &'a Evaluation,
    published: Option<&'a Value>,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut doc = serializer.serialize_map(Some(5))?;
        doc.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        doc.serialize_entry("plan", &status_head(self.plan, self.eval))?;
        if let Some(published) = self.published {
            doc.serialize_entry("published", published)?;
        }
        for part in PARTS {
            doc.serialize_entry(part, &stream::placeholder(part))?;
        }
        doc.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document as serde_json prints it nested whole, the way `write`
    /// made it before its arrays were streamed into a frame.
    struct Whole<'a> {
        plan: &'a Plan,
        eval: &'a Evaluation,
    }

    impl Serialize for Whole<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let (plan, eval) = (self.plan, self.eval);
            let mut doc = serializer.serialize_map(Some(5))?;
            doc.serialize_entry("schema_version", &SCHEMA_VERSION)?;
            doc.serialize_entry("plan", &status_head(plan, eval))?;
            // Each KPI's object as written, read back and printed by serde.
            let kpis: Vec<Value> = eval
                .kpis
                .iter()
                .map(|k| kpi(plan, k, &eval.review))
                .collect();
            doc.serialize_entry("kpis", &kpis)?;
            let rollup = |items: &[Rollup], goals: bool| -> Vec<Value> {
                items
                    .iter()
                    .map(|r| {
                        let (id, name) = if goals {
                            (&plan.goals[r.index].id, &plan.goals[r.index].name)
                        } else {
                            (&plan.measures[r.index].id, &plan.measures[r.index].name)
                        };
                        json!({ "id": id, "name": name, "counts": counts(&r.counts) })
                    })
                    .collect()
            };
            doc.serialize_entry("goals", &rollup(&eval.goals, true))?;
            doc.serialize_entry("measures", &rollup(&eval.measures, false))?;
            doc.end()
        }
    }

    #[test]
    fn the_streamed_document_is_the_whole_one_byte_for_byte() {
        let (plan, evaluations) = crate::test_plans::asaka_evaluations();
        for (what, eval) in &evaluations {
            let mut whole = serde_json::to_vec_pretty(&Whole { plan: &plan, eval }).unwrap();
            whole.push(b'\n');
            let streamed = render(&plan, eval);
            assert!(streamed.as_bytes() == whole.as_slice(), "{what}");
        }
    }
}
