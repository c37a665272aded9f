//! `assessed` and `reason` in a `[kpi.ID]` table (evaluation-cycle.md §3),
//! read and checked against the plan's grade scale: each problem at its line.

use toml::de::DeValue;
use toml::Spanned;

use crate::judgement::{self, Assessment};
use crate::plan::GradeBand;
use crate::problem::{Location, Problem, Problems};

/// The two fields as read, each with where its value starts.
#[derive(Debug, Default)]
pub(super) struct Judged {
    assessed: Option<(String, usize)>,
    reason: Option<(String, usize)>,
}

impl Judged {
    /// One field, `assessed` or `reason`: text in quotes.
    pub(super) fn read(
        &mut self,
        field: &str,
        value: &Spanned<DeValue<'_>>,
        at: &dyn Fn(usize) -> Location,
        problems: &mut Problems,
    ) {
        let start = value.span().start;
        let DeValue::String(text) = value.get_ref() else {
            problems.push(
                Problem::error(at(start), format!("`{field}` must be text in quotes"))
                    .hint(format!("write it as {field} = \"…\"")),
            );
            return;
        };
        let slot = if field == "assessed" {
            &mut self.assessed
        } else {
            &mut self.reason
        };
        *slot = Some((text.to_string(), start));
    }

    /// The KPI's assessment, when both fields are there and `assessed`
    /// names a grade of the plan, a status or a judgement word.
    pub(super) fn finish(
        self,
        id: &str,
        grades: &[GradeBand],
        at: &dyn Fn(usize) -> Location,
        problems: &mut Problems,
    ) -> Option<Assessment> {
        let reason = self.reason.filter(|(r, _)| !r.trim().is_empty());
        let Some((label, start)) = self.assessed else {
            if let Some((_, start)) = reason {
                problems.push(
                    Problem::error(
                        at(start),
                        format!("`reason` without `assessed` in kpi `{id}`"),
                    )
                    .hint(
                        "add assessed = \"…\" (the office's grade), or write the text as `comment`",
                    ),
                );
            }
            return None;
        };
        let assessed = judgement::classify(&label, grades);
        if assessed.is_none() {
            let hint = match judgement::name_of_word(&label) {
                Some(name) => format!("write it as assessed = \"{name}\""),
                None => format!(
                    "write one of {}",
                    judgement::known_values(grades)
                        .iter()
                        .map(|v| format!("\"{v}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            problems.push(
                Problem::error(
                    at(start),
                    format!(
                        "`assessed = \"{label}\"` in kpi `{id}` is not a grade of the plan, a status or a judgement word"
                    ),
                )
                .hint(hint),
            );
        }
        if reason.is_none() {
            problems.push(
                Problem::error(
                    at(start),
                    format!("`assessed` without `reason` in kpi `{id}`"),
                )
                .hint("add reason = \"…\": why the office judges it so (evaluation-cycle.md §3)"),
            );
        }
        Some(Assessment {
            label,
            assessed: assessed?,
            reason: reason?.0,
        })
    }
}
