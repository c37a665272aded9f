//! `kpi check --format junit`: JUnit XML, so CI systems show the KPIs as
//! tests. One `<testsuite>` for the plan (a KPI that leads up to several
//! goals is still one test), one `<testcase>` per KPI checked with
//! `classname` = goal/measure and `name` = id and name; a `<failure>` with
//! the KPI's figures for each flagged KPI; a `<skipped>` for a `no_data`
//! KPI that is not flagged (there is nothing to test yet).

use std::collections::HashSet;

use super::{figures, reasons, status_label, CheckReport};
use crate::plan::{Kpi, Plan};
use crate::render::Style;
use crate::status::Status;

pub fn render(report: &CheckReport, style: &Style) -> String {
    let suite = Suite::of(report, &report.plan.title, &[]);
    let mut out = head(&suite.counts());
    suite.write(report, style, &mut out);
    out.push_str("</testsuites>\n");
    out
}

/// Several plans' checks (a workspace's members), one `<testsuite>` each,
/// named by `(name, report)`'s name, the plan's title as a property.
pub fn render_many(reports: &[(&str, CheckReport)], style: &[Style]) -> String {
    let suites: Vec<Suite> = reports
        .iter()
        .map(|(name, report)| Suite::of(report, name, &[("title", report.plan.title.clone())]))
        .collect();
    let total = suites.iter().fold((0, 0, 0), |(t, f, s), suite| {
        (t + suite.total, f + suite.failures, s + suite.skipped)
    });
    let mut out = head(&counts(total.0, total.1, total.2));
    for ((suite, (_, report)), style) in suites.iter().zip(reports).zip(style) {
        suite.write(report, style, &mut out);
    }
    out.push_str("</testsuites>\n");
    out
}

fn head(counts: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"kpi check\" {counts} time=\"0\">\n"
    ));
    out
}

fn counts(total: usize, failures: usize, skipped: usize) -> String {
    format!(r#"tests="{total}" failures="{failures}" errors="0" skipped="{skipped}""#)
}

/// One plan's `<testsuite>`: its name, counts and properties before the first.
struct Suite {
    name: String,
    total: usize,
    failures: usize,
    skipped: usize,
    properties: Vec<(&'static str, String)>,
}

impl Suite {
    fn of(report: &CheckReport, name: &str, first: &[(&'static str, String)]) -> Suite {
        let skipped = report
            .eval
            .kpis
            .iter()
            .enumerate()
            .filter(|(row, k)| k.status == Status::NoData && report.flag_of(*row).is_none())
            .count();
        let as_of = report
            .eval
            .as_of
            .map_or(String::new(), |a| a.label(report.plan.year_style));
        let mut properties = first.to_vec();
        properties.push(("as_of", as_of));
        properties.push(("fail_on", report.fail_on.join(",")));
        Suite {
            name: name.to_string(),
            total: report.eval.kpis.len(),
            failures: report.flags.len(),
            skipped,
            properties,
        }
    }

    fn counts(&self) -> String {
        counts(self.total, self.failures, self.skipped)
    }

    fn write(&self, report: &CheckReport, style: &Style, out: &mut String) {
        let plan = report.plan;
        out.push_str(&format!(
            "  <testsuite name=\"{}\" {} time=\"0\" file=\"{}\">\n",
            escape(&self.name),
            self.counts(),
            escape(report.file)
        ));
        out.push_str("    <properties>\n");
        for (name, value) in &self.properties {
            out.push_str(&format!(
                "      <property name=\"{name}\" value=\"{}\"/>\n",
                escape(value)
            ));
        }
        out.push_str("    </properties>\n");
        // The measures `--goal` or `--measure` kept (every one without them).
        let shown: HashSet<usize> = report.eval.measures.iter().map(|r| r.index).collect();
        for (row, k) in report.eval.kpis.iter().enumerate() {
            let kpi = k.kpi_of(plan);
            out.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\" time=\"0\"",
                escape(&classname(plan, kpi, &shown)),
                escape(&format!("{} {}", kpi.id, kpi.name)),
                escape(report.file),
                kpi.line
            ));
            if let Some(flag) = report.flag_of(row) {
                let message = format!(
                    "{}: {}",
                    status_label(k),
                    super::latest_and_target(kpi, k, style)
                );
                let mut detail: Vec<String> = figures(kpi, k, style)
                    .into_iter()
                    .map(|(label, value)| format!("{label}: {value}"))
                    .collect();
                detail.push(format!("fail-on: {}", reasons(flag, k).join(",")));
                detail.push(format!("{}:{}", report.file, kpi.line));
                out.push_str(&format!(
                    ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                    escape(&message),
                    escape(&reasons(flag, k).join(",")),
                    escape_text(&detail.join("\n"))
                ));
            } else if k.status == Status::NoData {
                out.push_str(">\n      <skipped message=\"no_data\"/>\n    </testcase>\n");
            } else {
                out.push_str("/>\n");
            }
        }
        out.push_str("  </testsuite>\n");
    }
}

/// `1/1.1.1`: the KPI's goal and measure; `1` for a goal's numeric target.
/// The measure is the KPI's first among those `shown` (under `--measure
/// 1.2`, a KPI serving 1.1.3 and 1.2.1 is `1/1.2.1`), else its first.
fn classname(plan: &Plan, kpi: &Kpi, shown: &HashSet<usize>) -> String {
    let ids = kpi.measure_ids();
    let selected = ids
        .iter()
        .find(|m| plan.measure_index(m).is_some_and(|i| shown.contains(&i)));
    match selected.or_else(|| ids.first()) {
        Some(m) => match plan.goal_of_measure(m) {
            Some(g) => format!("{}/{m}", g.id),
            None => m.clone(),
        },
        None => plan
            .kpi_goals(kpi)
            .first()
            .map_or_else(String::new, |g| g.id.clone()),
    }
}

/// Text for an XML attribute: the five markup characters as entities, line
/// breaks and tabs as character references (a parser would fold them to
/// spaces), and characters XML 1.0 forbids replaced by U+FFFD, so the
/// document is always well-formed.
pub fn escape(text: &str) -> String {
    escape_with(text, true)
}

/// Text for an element's content: as `escape`, but line breaks stay as they are.
pub fn escape_text(text: &str) -> String {
    escape_with(text, false)
}

fn escape_with(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' if !attribute => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// The characters XML 1.0 allows (its `Char` production).
fn allowed(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_line_breaks_and_forbidden_characters() {
        assert_eq!(
            escape(r#"a<b & "c" 'd'>"#),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("x\ny"), "x&#10;y");
        assert_eq!(escape_text("x\ny\r"), "x\ny&#13;");
        assert_eq!(escape("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(escape("朝霞市"), "朝霞市");
    }
}
