//! `kpi check --format json`: the verdict, the counts of every KPI checked,
//! and each flagged KPI with the fields of `kpi status --format json`.
//! Written as it is made, as the status document is (`json::stream`): a
//! national plan flags tens of thousands of KPIs.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{reasons, CheckReport};
use crate::problem::Severity;
use crate::progress::verdict::Flag;
use crate::render::json::pretty::Obj;
use crate::render::json::stream::{placeholder, write_framed, write_items, ITEM_DEPTH};
use crate::render::json::{counts, plan_head, KpiDoc, SCHEMA_VERSION};

/// The one array of the document, streamed into its place.
const FLAGGED: &str = "flagged";

/// The document, written to `out` as it is made.
pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    write_framed(
        &frame(report),
        &[FLAGGED],
        |_, out| {
            write_items(
                report.flags,
                |flag, text| {
                    write_flagged(report, flag, text);
                    Ok(())
                },
                out,
            )
        },
        &mut out,
    )?;
    out.flush()
}

/// The document with a placeholder where the flagged KPIs go.
fn frame(report: &CheckReport) -> Value {
    let mut head = plan_head(report.plan, report.eval.as_of);
    if let Value::Object(m) = &mut head {
        m.insert("file".to_string(), Value::from(report.file));
    }
    json!({
        "schema_version": SCHEMA_VERSION,
        "plan": head,
        "fail_on": report.fail_on,
        "passed": report.flags.is_empty(),
        "exit_code": i32::from(!report.flags.is_empty()),
        "total": report.eval.kpis.len(),
        "flagged_count": report.flags.len(),
        "stale_count": report.stale_count(),
        "counts": counts(&report.counts()),
        "flagged_counts": counts(&report.flagged_counts()),
        "flagged_by_counts": flagged_by_counts(report),
        FLAGGED: placeholder(FLAGGED),
    })
}

/// How many KPIs each `--fail-on` reason flagged, by its name there: each
/// status, `stale`, `preliminary` (a KPI flagged for two counts under both).
fn flagged_by_counts(report: &CheckReport) -> Value {
    let reasons = report.reasons();
    let mut m = match counts(&reasons.by_status) {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    m.insert("stale".to_string(), Value::from(reasons.by_stale));
    m.insert(
        "preliminary".to_string(),
        Value::from(reasons.by_preliminary),
    );
    Value::Object(m)
}

/// A flagged KPI: its status object, then its level, what flagged it, and
/// its line in the plan.
fn write_flagged(report: &CheckReport, flag: &Flag, text: &mut Vec<u8>) {
    let plan = report.plan;
    let k = &report.eval.kpis[flag.row];
    let mut o = Obj::open(text, ITEM_DEPTH);
    KpiDoc::new(plan, k, &report.eval.review).entries(&mut o);
    let level = match flag.level {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    o.str("level", level);
    let mut by = o.arr("flagged_by");
    for reason in reasons(flag, k) {
        by.str(reason);
    }
    by.close();
    o.int("line", k.kpi_of(plan).line as i64);
    o.close();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{verdict, StatusFilter};
    use crate::render::json::kpi;
    use crate::status::Status;

    /// The document as it was made before it was streamed: every flagged
    /// KPI a `Value`, and the whole tree printed at once.
    fn whole(report: &CheckReport) -> String {
        let plan = report.plan;
        let flagged: Vec<Value> = report
            .flagged()
            .map(|(flag, k, kpi_def)| {
                let mut v = kpi(plan, k, &report.eval.review);
                if let Value::Object(m) = &mut v {
                    let level = match flag.level {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    };
                    m.insert("level".to_string(), Value::from(level));
                    m.insert("flagged_by".to_string(), json!(reasons(flag, k)));
                    m.insert("line".to_string(), Value::from(kpi_def.line));
                }
                v
            })
            .collect();
        let mut doc = frame(report);
        doc[FLAGGED] = Value::Array(flagged);
        let mut text = serde_json::to_string_pretty(&doc).unwrap();
        text.push('\n');
        text
    }

    #[test]
    fn the_streamed_document_is_the_whole_one_byte_for_byte() {
        let (plan, evaluations) = crate::test_plans::asaka_evaluations();
        // Nothing flagged, some, every KPI, and flags by staleness and by
        // preliminary figures.
        let fail_ons: [(&[Status], bool, bool); 5] = [
            (&[], true, false),
            (&[Status::Missed, Status::AtRisk], false, false),
            (&Status::ALL, false, false),
            (&[Status::OffTrack], true, false),
            (&[Status::Missed], false, true),
        ];
        for (what, eval) in &evaluations {
            for (statuses, stale, preliminary) in fail_ons {
                let fail_on = StatusFilter {
                    statuses: statuses.to_vec(),
                    stale,
                    preliminary,
                    unexplained: false,
                };
                let flags = verdict::flags(eval, &fail_on);
                let report = CheckReport {
                    plan: &plan,
                    eval,
                    flags: &flags,
                    fail_on: &["missed".to_string(), "stale".to_string()],
                    file: "data/asaka/kpi.toml",
                };
                let mut streamed = Vec::new();
                write(&report, &mut streamed).unwrap();
                let streamed = String::from_utf8(streamed).unwrap();
                assert_eq!(streamed, whole(&report), "{what} {fail_on:?}");
            }
        }
    }
}
