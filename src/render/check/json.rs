//! `kpi check --format json`: the verdict, the counts of every KPI checked,
//! and each flagged KPI with the fields of `kpi status --format json`.

use serde_json::{json, Value};

use super::{reasons, CheckReport};
use crate::problem::Severity;
use crate::render::json::{counts, kpi, plan_head, SCHEMA_VERSION};

pub fn render(report: &CheckReport) -> String {
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
    let mut head = plan_head(plan, report.eval.as_of);
    if let Value::Object(m) = &mut head {
        m.insert("file".to_string(), Value::from(report.file));
    }
    let doc = json!({
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
        "flagged": flagged,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
