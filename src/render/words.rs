//! Words of the report and the charts, in Japanese and English (glossary.md).
//! Kept apart from `i18n.rs` so the report's vocabulary stays in one place.

use super::Lang;
use crate::plan::Basis;
use crate::status::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Summary,
    Total,
    Mix,
    Trend,
    Projection,
    ExpectedPath,
    HowToRead,
    PaceIs,
    PaceIsTarget,
    NoKpis,
    ChartAbove,
    Report,
    Unit,
}

pub fn word(lang: Lang, w: Word) -> &'static str {
    use Word::*;
    match lang {
        Lang::Ja => match w {
            Summary => "概要",
            Total => "計",
            Mix => "内訳",
            Trend => "推移",
            Projection => "見込み",
            ExpectedPath => "期待値",
            HowToRead => "評価の見方",
            PaceIs => "ペース＝（実績値−現状値）÷（期待値−現状値）：その年度までに見込んだ変化のうち実現した割合",
            PaceIsTarget => "ペース＝実績値÷期待値（減少が望ましい指標は期待値÷実績値）",
            NoKpis => "該当する指標はありません。",
            ChartAbove => "グラフは前出",
            Report => "kpi report で作成",
            Unit => "単位：",
        },
        Lang::En => match w {
            Summary => "Summary",
            Total => "total",
            Mix => "mix",
            Trend => "trend",
            Projection => "projection",
            ExpectedPath => "expected path",
            HowToRead => "How to read",
            PaceIs => "pace = (actual − baseline) ÷ (expected value − baseline): the share of the change expected by that year that was made",
            PaceIsTarget => "pace = actual ÷ expected value (expected value ÷ actual for a KPI where lower is better)",
            NoKpis => "No KPI matches the selection.",
            ChartAbove => "chart above",
            Report => "made with kpi report",
            Unit => "unit: ",
        },
    }
}

/// The rule behind a status, in a sentence; `on` and `risk` are the plan's
/// cut-offs as percentages.
pub fn rule(lang: Lang, status: Status, on: &str, risk: &str) -> String {
    match (lang, status) {
        (Lang::Ja, Status::Achieved) => "最新の実績値が目標値に到達".to_string(),
        (Lang::Ja, Status::OnTrack) => format!("ペース {on} 以上"),
        (Lang::Ja, Status::AtRisk) => format!("ペース {risk} 以上 {on} 未満"),
        (Lang::Ja, Status::OffTrack) => format!("ペース {risk} 未満"),
        (Lang::Ja, Status::Worsening) => "現状値より悪化".to_string(),
        (Lang::Ja, Status::Missed) => "目標年度の実績値が目標値に届かず".to_string(),
        (Lang::Ja, Status::NoData) => "現状値の年度より後の実績値がない".to_string(),
        (Lang::En, Status::Achieved) => "the latest figure reaches the target".to_string(),
        (Lang::En, Status::OnTrack) => format!("pace {on} or more"),
        (Lang::En, Status::AtRisk) => format!("pace {risk} or more, below {on}"),
        (Lang::En, Status::OffTrack) => format!("pace below {risk}"),
        (Lang::En, Status::Worsening) => "worse than the baseline".to_string(),
        (Lang::En, Status::Missed) => "the target year's figure is in and short".to_string(),
        (Lang::En, Status::NoData) => "no figure after the baseline year".to_string(),
    }
}

/// What `stale` means, with the plan's `stale_after`.
pub fn stale_rule(lang: Lang, years: i32) -> String {
    match lang {
        Lang::Ja => format!("古い：最新の実績値が{years}年度以上前のもの"),
        Lang::En => format!("stale: the latest figure is {years} or more years old"),
    }
}

/// How pace is worked out on the plan's basis (progress.md).
pub fn pace_word(basis: Basis) -> Word {
    match basis {
        Basis::Baseline => Word::PaceIs,
        Basis::Target => Word::PaceIsTarget,
    }
}
