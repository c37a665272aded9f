//! `kpi check --format text`: one line per flagged KPI (id, status, name,
//! latest figure, target), then one summary line; each wrapped at the
//! width, its continuation indented.

use super::{latest_and_target, status_label, CheckReport};
use crate::render::table::counts_words;
use crate::render::{fit, Lang, Style, Text};

pub fn render(report: &CheckReport, style: &Style) -> String {
    let mut out = String::new();
    let fit = |line: &str| fit::line(line, style.width, style.ascii, 2);
    for (_, k, kpi) in report.flagged() {
        let line = format!(
            "{} [{}] {}: {}",
            kpi.id,
            status_label(k),
            one_line(&kpi.name),
            latest_and_target(kpi, k, style)
        );
        out.push_str(&fit(&line));
        out.push('\n');
    }
    out.push_str(&fit(&summary(report, style)));
    out.push('\n');
    out
}

/// `kpi check: 5 of 13 KPIs flagged as of R1 (fail-on: …): missed 2, …`
pub fn summary(report: &CheckReport, style: &Style) -> String {
    let (flagged, total) = (report.flags.len(), report.eval.kpis.len());
    let fail_on = report.fail_on.join(",");
    let when = match (report.eval.as_of, style.lang) {
        (Some(a), Lang::Ja) => format!("{}時点", style.year(a)),
        (Some(a), Lang::En) => format!("as of {}", style.year(a)),
        (None, Lang::Ja) => style.lang.text(Text::NoActuals).to_string(),
        (None, Lang::En) => "with no actuals".to_string(),
    };
    let counts = report.flagged_counts();
    match style.lang {
        Lang::Ja => {
            let mut line =
                format!("kpi check: {total}指標中{flagged}件が該当（{when}、fail-on: {fail_on}）");
            if flagged > 0 {
                line.push('：');
                line.push_str(&counts_words(&counts, style, "・"));
            }
            line
        }
        Lang::En => {
            let noun = if total == 1 { "KPI" } else { "KPIs" };
            let mut line = format!(
                "kpi check: {flagged} of {total} {noun} flagged {when} (fail-on: {fail_on})"
            );
            if flagged > 0 {
                line.push_str(": ");
                line.push_str(&counts_words(&counts, style, ", "));
            }
            line
        }
    }
}

/// A name on one line: line breaks folded, so each flag stays one line.
pub fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last line of a check across a workspace's members: `kpi check
/// (朝霞市): 3 of 17 KPIs flagged in 2 of 3 plans (fail-on: …): missed 2, …`.
pub fn summary_many(workspace: &str, reports: &[CheckReport], style: &Style) -> String {
    let total: usize = reports.iter().map(|r| r.eval.kpis.len()).sum();
    let flagged: usize = reports.iter().map(|r| r.flags.len()).sum();
    let plans = reports.len();
    let failing = reports.iter().filter(|r| !r.flags.is_empty()).count();
    let fail_on = reports
        .first()
        .map_or(String::new(), |r| r.fail_on.join(","));
    let counts: crate::progress::Counts = reports
        .iter()
        .flat_map(|r| r.flagged().map(|(_, k, _)| k.status))
        .collect();
    match style.lang {
        Lang::Ja => {
            let mut line = format!(
                "kpi check（{workspace}）: {plans}計画{total}指標中{flagged}件が該当（{failing}計画、fail-on: {fail_on}）"
            );
            if flagged > 0 {
                line.push('：');
                line.push_str(&counts_words(&counts, style, "・"));
            }
            line
        }
        Lang::En => {
            let noun = if total == 1 { "KPI" } else { "KPIs" };
            let mut line = format!(
                "kpi check ({workspace}): {flagged} of {total} {noun} flagged in {failing} of {plans} plans (fail-on: {fail_on})"
            );
            if flagged > 0 {
                line.push_str(": ");
                line.push_str(&counts_words(&counts, style, ", "));
            }
            line
        }
    }
}
