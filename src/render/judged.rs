//! The office's judgement as people read it (evaluation-cycle.md §3):
//! after the computed status, never in its place: `遅れ → B（判断）` /
//! `off track → B (assessed)`, and the reason where a report has room.

use super::{Lang, Style};
use crate::progress::KpiProgress;

/// ` → B（判断）` / ` → B (assessed)` (`->` when drawing ASCII only: `→`
/// is ambiguous-width); empty when the KPI is not assessed.
pub fn suffix(k: &KpiProgress, style: &Style) -> String {
    let Some(a) = &k.assessed else {
        return String::new();
    };
    let arrow = if style.ascii { "->" } else { "→" };
    let word = a.word(style.lang);
    match style.lang {
        Lang::Ja => format!(" {arrow} {word}（判断）"),
        Lang::En => format!(" {arrow} {word} (assessed)"),
    }
}

/// The status word with the judgement after it: `遅れ → B（判断）`.
pub fn status_text(k: &KpiProgress, style: &Style) -> String {
    format!("{}{}", style.status_word(k.status), suffix(k, style))
}

/// The reason with its heading, for reports and `kpi show`:
/// (`判断（B）の理由`, reason) / (`reason for assessing B`, reason).
pub fn reason_line(k: &KpiProgress, style: &Style) -> Option<(String, String)> {
    let a = k.assessed.as_ref()?;
    let word = a.word(style.lang);
    let heading = match style.lang {
        Lang::Ja => format!("判断（{word}）の理由"),
        Lang::En => format!("reason for assessing {word}"),
    };
    Some((heading, a.reason.clone()))
}

/// The column headings of a judgement in CSV (`assessed`,
/// `assessed_reason`) and workbooks.
pub fn headings(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Ja => ["判断", "判断の理由"],
        Lang::En => ["assessed", "reason"],
    }
}

/// Whether any KPI of these evaluations is assessed: the CSV and the
/// workbook gain their judgement columns only then.
pub fn any<'a>(evals: impl IntoIterator<Item = &'a crate::progress::Evaluation>) -> bool {
    evals
        .into_iter()
        .any(|e| e.kpis.iter().any(|k| k.assessed.is_some()))
}
