//! `kpi status --format json`: the stable contract of cli.md. Fields may be
//! added; none renamed or removed. Values (in a KPI's unit) are numbers
//! carrying the exact decimal; ratios are the nearest double.

use std::io::Write;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{json, Map, Value};

use crate::plan::{Plan, Point};
use crate::progress::{Counts, Evaluation, KpiProgress, Rollup};
use crate::review::{Review, YearReview};
use crate::status::Status;
use crate::value::{ratio_json, value_json};
use crate::year::{FiscalYear, YearStyle};

pub(crate) mod stream;

use stream::{Indented, ARRAY_INDENT};

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

/// One KPI's object, with its review text of the year, if any.
pub fn kpi(plan: &Plan, k: &KpiProgress, review: &YearReview) -> Value {
    serde_json::to_value(KpiDoc::new(plan, k, review)).unwrap_or(Value::Null)
}

/// One KPI's object, serialised field by field: `render` writes 100,000 of
/// them without building a `Value` for each.
pub(crate) struct KpiDoc<'a> {
    pub plan: &'a Plan,
    pub k: &'a KpiProgress,
    /// The KPI's review text of the as-of year (`reviews/YEAR.toml`).
    pub review: Option<&'a Review>,
    /// Its previous and published verdicts (`evaluations/`), if any.
    pub beside: Option<(
        &'a crate::evaluations::Beside,
        &'a crate::evaluations::KpiBeside,
    )>,
}

impl<'a> KpiDoc<'a> {
    pub fn new(plan: &'a Plan, k: &'a KpiProgress, review: &'a YearReview) -> Self {
        KpiDoc {
            plan,
            k,
            review: review.kpis.get(&plan.kpis[k.kpi].id),
            beside: None,
        }
    }

    /// With the KPI's previous and published verdicts from `eval`.
    pub fn beside(mut self, eval: &'a Evaluation) -> Self {
        let id = &self.plan.kpis[self.k.kpi].id;
        self.beside = eval.beside.of(id).map(|b| (&eval.beside, b));
        self
    }
}

impl Serialize for KpiDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(None)?;
        self.entries(&mut m)?;
        m.end()
    }
}

impl KpiDoc<'_> {
    /// The object's entries, for an object that adds its own after them
    /// (`kpi check`'s flagged KPIs).
    pub(crate) fn entries<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let (plan, k) = (self.plan, self.k);
        let kpi = k.kpi_of(plan);
        let style = plan.year_style;
        let goals: Vec<&str> = plan.kpi_goals(kpi).iter().map(|g| g.id.as_str()).collect();
        let point = |p: Point| PointDoc(p, style);
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
        // Only when a revised target is in force (cli.md).
        if let Some(r) = k.revision {
            let original = &plan.kpis[k.kpi];
            m.serialize_entry("original_target", &point(original.target))?;
            let rev = &original.revisions[r];
            m.serialize_entry(
                "revision",
                &RevisionDoc {
                    from: rev.from,
                    note: rev.note.as_deref(),
                    style,
                },
            )?;
        }
        let milestones: Vec<PointDoc> = kpi.milestones.iter().map(|p| point(*p)).collect();
        m.serialize_entry("milestones", &milestones)?;
        let latest = k.latest.map(|p| LatestDoc {
            point: point(p),
            note: k.remark.as_ref().and_then(|r| r.note.as_deref()),
            preliminary: k.remark.as_ref().is_some_and(|r| r.preliminary),
        });
        m.serialize_entry("latest", &latest)?;
        m.serialize_entry("expected_value", &value(k.expected_value))?;
        m.serialize_entry("achievement", &ratio(k.achievement))?;
        m.serialize_entry("expected", &ratio(k.expected))?;
        m.serialize_entry("pace", &ratio(k.pace))?;
        m.serialize_entry("gap", &value(k.gap))?;
        m.serialize_entry("improvement", &ratio(k.improvement))?;
        m.serialize_entry("status", k.status.name())?;
        m.serialize_entry("grade", &k.grade)?;
        m.serialize_entry("stale", &k.stale)?;
        // When figures come (evaluation-cycle.md §1).
        m.serialize_entry("frequency", &kpi.schedule.frequency())?;
        m.serialize_entry("lag", &kpi.schedule.lag)?;
        let due: Vec<serde_json::Value> = kpi
            .due_years()
            .into_iter()
            .map(|y| serde_json::json!({ "year": y.0, "label": y.label(style) }))
            .collect();
        m.serialize_entry("due_years", &due)?;
        m.serialize_entry("overdue", &k.overdue)?;
        m.serialize_entry("basis", k.basis.name())?;
        m.serialize_entry("decimals", &k.decimals)?;
        let review = self
            .review
            .map(|r| serde_json::json!({ "comment": r.comment, "next": r.next }));
        m.serialize_entry("review", &review)?;
        // The office's judgement (evaluation-cycle.md §3), beside `status`.
        let assessed = k
            .assessed
            .as_ref()
            .map(|a| serde_json::json!({ "label": a.label, "reason": a.reason }));
        m.serialize_entry("assessed", &assessed)?;
        // Only for a KPI with breakdowns, when the command evaluated its
        // categories (breakdowns.md, "Status JSON `breakdowns`").
        if let Some(categories) = k.categories.as_deref() {
            let doc = crate::render::breakdowns::BreakdownsDoc {
                plan,
                kpi: k.kpi,
                categories,
            };
            m.serialize_entry("breakdowns", &doc)?;
        }
        if let Some((all, b)) = self.beside {
            crate::render::published::json_entries(all, b, style, m)?;
        }
        Ok(())
    }
}

/// A revision in force: `{ "from": { "year", "label" }, "note" }`.
struct RevisionDoc<'a> {
    from: crate::year::FiscalYear,
    note: Option<&'a str>,
    style: YearStyle,
}

impl Serialize for RevisionDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(2))?;
        m.serialize_entry(
            "from",
            &serde_json::json!({ "year": self.from.0, "label": self.from.label(self.style) }),
        )?;
        m.serialize_entry("note", &self.note)?;
        m.end()
    }
}

/// The latest figure: its point, note and preliminary flag (cli.md).
struct LatestDoc<'a> {
    point: PointDoc,
    note: Option<&'a str>,
    preliminary: bool,
}

impl Serialize for LatestDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let PointDoc(p, style) = self.point;
        let mut m = serializer.serialize_map(Some(5))?;
        m.serialize_entry("year", &p.year.0)?;
        m.serialize_entry("label", &p.year.label(style))?;
        m.serialize_entry("value", &value_json(p.value))?;
        m.serialize_entry("note", &self.note)?;
        m.serialize_entry("preliminary", &self.preliminary)?;
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
            "kpis" => stream::write_array(
                &eval.kpis,
                |k| KpiDoc::new(plan, k, &eval.review).beside(eval),
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
    named: impl Fn(usize) -> (&'p String, &'p String),
    out: &mut impl Write,
) -> std::io::Result<()> {
    let each = Each(items, |r: &Rollup| {
        let (id, name) = named(r.index);
        json!({ "id": id, "name": name, "counts": counts(&r.counts) })
    });
    serde_json::to_writer_pretty(Indented::new(out, ARRAY_INDENT), &each)?;
    Ok(())
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
            let kpis: Vec<KpiDoc> = eval
                .kpis
                .iter()
                .map(|k| KpiDoc::new(plan, k, &eval.review))
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
