//! `kpi status --format json`: the stable contract of cli.md. Fields may be
//! added; none renamed or removed. Values (in a KPI's unit) are numbers
//! carrying the exact decimal; ratios are the nearest double.

use std::io::Write;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{json, Map, Value};

use crate::plan::{Plan, Point};
use crate::progress::{Counts, Evaluation, KpiProgress, Rollup};
use crate::status::Status;
use crate::value::{ratio_json, value_json};
use crate::year::{FiscalYear, YearStyle};

mod kpi_array;

pub const SCHEMA_VERSION: u32 = 1;

pub fn year(y: FiscalYear, style: YearStyle) -> Value {
    json!({ "year": y.0, "label": y.label(style) })
}

pub fn point(p: Point, style: YearStyle) -> Value {
    json!({ "year": p.year.0, "label": p.year.label(style), "value": value_json(p.value) })
}

fn ratio(r: Option<rust_decimal::Decimal>) -> Value {
    r.map_or(Value::Null, ratio_json)
}

/// A value in the KPI's unit, or `null`: the decimal exactly.
fn value(v: Option<rust_decimal::Decimal>) -> Value {
    v.map_or(Value::Null, value_json)
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
    serde_json::to_value(KpiDoc { plan, k }).unwrap_or(Value::Null)
}

/// One KPI's object, serialised field by field: `render` writes 100,000 of
/// them without building a `Value` for each.
pub(super) struct KpiDoc<'a> {
    pub plan: &'a Plan,
    pub k: &'a KpiProgress,
}

impl Serialize for KpiDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (plan, k) = (self.plan, self.k);
        let kpi = &plan.kpis[k.kpi];
        let style = plan.year_style;
        let goals: Vec<&str> = plan.kpi_goals(kpi).iter().map(|g| g.id.as_str()).collect();
        let point = |p: Point| PointDoc(p, style);
        let mut m = serializer.serialize_map(Some(24))?;
        m.serialize_entry("id", &kpi.id)?;
        m.serialize_entry("name", &kpi.name)?;
        m.serialize_entry("unit", &kpi.unit)?;
        m.serialize_entry("goal", &goals.first())?;
        m.serialize_entry("goals", &goals)?;
        m.serialize_entry("measures", kpi.measure_ids())?;
        m.serialize_entry("direction", kpi.direction.name())?;
        m.serialize_entry("cumulative", &kpi.cumulative)?;
        m.serialize_entry("owner", &kpi.owner)?;
        m.serialize_entry("source", &kpi.source)?;
        m.serialize_entry("baseline", &point(kpi.baseline))?;
        m.serialize_entry("target", &point(kpi.target))?;
        let milestones: Vec<PointDoc> = kpi.milestones.iter().map(|p| point(*p)).collect();
        m.serialize_entry("milestones", &milestones)?;
        m.serialize_entry("latest", &k.latest.map(point))?;
        m.serialize_entry("expected_value", &value(k.expected_value))?;
        m.serialize_entry("achievement", &ratio(k.achievement))?;
        m.serialize_entry("expected", &ratio(k.expected))?;
        m.serialize_entry("pace", &ratio(k.pace))?;
        m.serialize_entry("gap", &value(k.gap))?;
        m.serialize_entry("status", k.status.name())?;
        m.serialize_entry("grade", &k.grade)?;
        m.serialize_entry("stale", &k.stale)?;
        m.serialize_entry("basis", k.basis.name())?;
        m.serialize_entry("decimals", &k.decimals)?;
        m.end()
    }
}

/// `point`'s object, written directly.
struct PointDoc(Point, YearStyle);

impl Serialize for PointDoc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let PointDoc(p, style) = *self;
        let mut m = serializer.serialize_map(Some(3))?;
        m.serialize_entry("year", &p.year.0)?;
        m.serialize_entry("label", &p.year.label(style))?;
        m.serialize_entry("value", &value_json(p.value))?;
        m.end()
    }
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
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    // The document around its three arrays is small and made whole, with a
    // placeholder where each array goes; each is then streamed in its place
    // (a national plan has 100,000 KPIs and tens of thousands of measures).
    let frame = serde_json::to_vec_pretty(&Document { plan, eval })?;
    let mut rest = &frame[..];
    for part in Part::ALL {
        let key = format!("\"{}\": ", part.key());
        let marker = format!("{key}{}", serde_json::to_string(&part.placeholder())?);
        let at = rest
            .windows(marker.len())
            .position(|w| w == marker.as_bytes())
            .ok_or_else(|| std::io::Error::other("the JSON document lost an array"))?;
        out.write_all(&rest[..at + key.len()])?;
        match part {
            Part::Kpis => kpi_array::write(plan, &eval.kpis, &mut out)?,
            Part::Goals => serde_json::to_writer_pretty(
                Indented::new(&mut out, ARRAY_INDENT),
                &Each(&eval.goals, |r: &Rollup| {
                    let g = &plan.goals[r.index];
                    json!({ "id": g.id, "name": g.name, "counts": counts(&r.counts) })
                }),
            )?,
            Part::Measures => serde_json::to_writer_pretty(
                Indented::new(&mut out, ARRAY_INDENT),
                &Each(&eval.measures, |r: &Rollup| {
                    let m = &plan.measures[r.index];
                    json!({ "id": m.id, "name": m.name, "counts": counts(&r.counts) })
                }),
            )?,
        }
        rest = &rest[at + marker.len()..];
    }
    out.write_all(rest)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The document's arrays, in the order it holds them.
#[derive(Clone, Copy)]
enum Part {
    Kpis,
    Goals,
    Measures,
}

impl Part {
    const ALL: [Part; 3] = [Part::Kpis, Part::Goals, Part::Measures];

    fn key(self) -> &'static str {
        match self {
            Part::Kpis => "kpis",
            Part::Goals => "goals",
            Part::Measures => "measures",
        }
    }

    /// What the frame holds in the array's place: no string of a plan can
    /// make `"key": "\u0000key\u0000"`, since its own quotes are escaped.
    fn placeholder(self) -> String {
        format!("\u{0}{}\u{0}", self.key())
    }
}

/// The indent of a line inside an array that is a value of the document:
/// serde_json's pretty printer indents two spaces a level.
const ARRAY_INDENT: &[u8] = b"  ";

/// A writer that indents every line after the first by `indent`: a value
/// printed on its own, at the top level, comes out as it would deeper in
/// a document. JSON strings hold no raw line ends, so every line end is
/// the printer's.
pub(super) struct Indented<'w, W: Write> {
    out: &'w mut W,
    indent: &'static [u8],
}

impl<'w, W: Write> Indented<'w, W> {
    pub(super) fn new(out: &'w mut W, indent: &'static [u8]) -> Self {
        Indented { out, indent }
    }
}

impl<W: Write> Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for line in buf.split_inclusive(|&b| b == b'\n') {
            self.out.write_all(line)?;
            if line.ends_with(b"\n") {
                self.out.write_all(self.indent)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

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
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut doc = serializer.serialize_map(Some(5))?;
        doc.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        doc.serialize_entry("plan", &status_head(self.plan, self.eval))?;
        for part in Part::ALL {
            doc.serialize_entry(part.key(), &part.placeholder())?;
        }
        doc.end()
    }
}

/// A JSON array of `items`, each made into a `Value` only as it is written.
struct Each<'a, T, F>(&'a [T], F);

impl<T, F: Fn(&T) -> Value> Serialize for Each<'_, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&(self.1)(item))?;
        }
        seq.end()
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
            let kpis: Vec<KpiDoc> = eval.kpis.iter().map(|k| KpiDoc { plan, k }).collect();
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
