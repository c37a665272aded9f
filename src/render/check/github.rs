//! `kpi check --format github`: one GitHub Actions workflow command per
//! flagged KPI, `::error file=PLAN,line=N,title=…::message` (or `::warning`),
//! so that the annotation lands on the KPI's `[[kpi]]` line of the plan in a
//! pull request. Nothing else is printed: every line is an annotation.
//!
//! Escaping follows GitHub's workflow-command syntax (actions/toolkit
//! `command.ts`): in the message `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`;
//! in a property `:` and `,` also become `%3A` and `%2C`.

use super::text::one_line;
use super::{figures, latest_and_target, status_label, CheckReport};
use crate::problem::Severity;
use crate::render::Style;

pub fn render(report: &CheckReport, style: &Style) -> String {
    let mut out = String::new();
    for (flag, k, kpi) in report.flagged() {
        let command = match flag.level {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let title = format!("{}: {}", kpi.id, status_label(k));
        // Status, latest and target first; then achievement, expected, pace and gap.
        let more: Vec<String> = figures(kpi, k, style)
            .into_iter()
            .skip(4)
            .map(|(label, value)| format!("{label} {value}"))
            .collect();
        // The status in the reader's words, with its stable name where they differ.
        let word = style.status_word(k.status);
        let status = if word.replace(' ', "_") == k.status.name() {
            status_label(k)
        } else {
            format!("{word} ({})", status_label(k))
        };
        let message = format!(
            "{} ({}): {status}; {}; {}",
            one_line(&kpi.name),
            kpi.id,
            latest_and_target(kpi, k, style),
            more.join(", ")
        );
        out.push_str(&format!(
            "::{command} file={},line={},title={}::{}\n",
            escape_property(report.file),
            kpi.line,
            escape_property(&title),
            escape_data(&message)
        ));
    }
    out
}

/// A command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value (`file=`, `title=`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        assert_eq!(
            escape_property("k: at_risk, stale"),
            "k%3A at_risk%2C stale"
        );
        assert_eq!(escape_property("100%"), "100%25");
    }
}
