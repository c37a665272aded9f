//! The line under `kpi status`'s table that explains the marks and values
//! it shows, each only when it appears (issue 25, item 4): `※` after a
//! figure with a note, negative achievement, pace, a negative gap, a stale
//! or preliminary figure.

use rust_decimal::Decimal;

use super::i18n::stale_rule;
use super::{fit, Lang, Style, Text};
use crate::plan::Plan;
use crate::progress::KpiProgress;

/// What the table shows that needs a word.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub note: bool,
    pub negative_achievement: bool,
    pub pace: bool,
    pub negative_gap: bool,
    pub stale: bool,
    pub preliminary: bool,
}

impl Seen {
    /// What `kpis` show in a table; `shown(text)` says whether the column
    /// of that heading is in the table (not left out to fit).
    pub fn of<'k>(
        kpis: impl Iterator<Item = &'k KpiProgress>,
        shown: impl Fn(Text) -> bool,
    ) -> Seen {
        let mut seen = Seen::default();
        let negative = |r: Option<Decimal>| r.is_some_and(|r| r < Decimal::ZERO);
        for k in kpis {
            let remark = k.remark.as_ref();
            seen.note |= remark.is_some_and(|r| r.note.is_some()) && k.latest.is_some();
            seen.preliminary |= remark.is_some_and(|r| r.preliminary) && k.latest.is_some();
            seen.stale |= k.stale;
            seen.negative_achievement |= negative(k.achievement);
            seen.pace |= k.pace.is_some();
            seen.negative_gap |= negative(k.gap);
        }
        seen.pace &= shown(Text::Pace);
        seen.negative_gap &= shown(Text::Gap);
        seen.negative_achievement &= shown(Text::Achievement);
        seen
    }
}

/// The legend's items in words, in the order the table shows them.
pub fn items(seen: Seen, plan: &Plan, style: &Style) -> Vec<String> {
    let ja = style.lang == Lang::Ja;
    let mark = if style.ascii { "*" } else { "※" };
    let mut out = Vec::new();
    if seen.note {
        out.push(match ja {
            true => format!("{mark} 備考あり：kpi show ID"),
            false => format!("{mark} the figure has a note: kpi show ID"),
        });
    }
    if seen.preliminary {
        out.push(match ja {
            true => "速報：確定前の速報値".to_string(),
            false => "prelim.: a preliminary figure".to_string(),
        });
    }
    if seen.stale {
        out.push(stale_rule(style.lang, plan.scoring.stale_after));
    }
    if seen.negative_achievement {
        out.push(match ja {
            true => "負の達成率：現状値より悪化".to_string(),
            false => "negative achievement: worse than the baseline".to_string(),
        });
    }
    if seen.pace {
        let pace = style.lang.text(Text::Pace);
        out.push(match ja {
            true => format!("{pace}：100%＝計画どおりの進み"),
            false => format!("{pace}: 100% = as planned"),
        });
    }
    if seen.negative_gap {
        let gap = style.lang.text(Text::Gap);
        out.push(match ja {
            true => format!("{gap}が負：目標を超過"),
            false => format!("{gap} below 0: past the target"),
        });
    }
    out
}

/// The legend as lines fitted to the width, with its line break; empty
/// when the table shows nothing that needs a word.
pub fn line(items: &[String], style: &Style) -> String {
    if items.is_empty() {
        return String::new();
    }
    let sep = match style.lang {
        Lang::Ja => "　",
        Lang::En => "; ",
    };
    format!(
        "{}\n",
        fit::list("", items, sep, style.width, style.ascii, 2)
    )
}
