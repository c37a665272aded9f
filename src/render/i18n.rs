//! Words people read, in Japanese and English (glossary.md). Machine output
//! (JSON, CSV, status names in `--format json`) never goes through here.

use crate::status::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// The language from the environment, as POSIX orders it: LC_ALL, then
    /// LC_MESSAGES, then LANG. Japanese for any `ja…` locale, else English.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The word for a status (glossary.md).
    pub fn status(self, status: Status) -> &'static str {
        match (self, status) {
            (Lang::Ja, Status::Achieved) => "達成",
            (Lang::Ja, Status::OnTrack) => "順調",
            (Lang::Ja, Status::AtRisk) => "要注意",
            (Lang::Ja, Status::OffTrack) => "遅れ",
            (Lang::Ja, Status::Worsening) => "悪化",
            (Lang::Ja, Status::Missed) => "未達成",
            (Lang::Ja, Status::NoData) => "データなし",
            (Lang::En, Status::Achieved) => "achieved",
            (Lang::En, Status::OnTrack) => "on track",
            (Lang::En, Status::AtRisk) => "at risk",
            (Lang::En, Status::OffTrack) => "off track",
            (Lang::En, Status::Worsening) => "worsening",
            (Lang::En, Status::Missed) => "missed",
            (Lang::En, Status::NoData) => "no data",
        }
    }

    pub fn text(self, key: Text) -> &'static str {
        use Text::*;
        match self {
            Lang::Ja => match key {
                Kpi => "指標",
                Baseline => "現状値",
                Target => "目標値",
                Latest => "実績",
                Achievement => "達成率",
                Expected => "期待",
                Pace => "ペース",
                Gap => "残り",
                Status => "状況",
                Grade => "評価",
                Goal => "基本目標",
                NumericTargets => "数値目標",
                AsOf => "時点",
                NoActuals => "実績なし",
                Stale => "古い",
                Year => "年度",
                Actual => "実績値",
                ExpectedValue => "期待値",
                Milestone => "目安値",
                Direction => "方向",
                Increase => "増加が望ましい",
                Decrease => "減少が望ましい",
                Owner => "担当課",
                Source => "出典",
                Note => "備考",
                Measures => "施策",
                Cumulative => "累計",
                StillOwed => "未提出の実績",
                LastReported => "最終報告",
                NoOwner => "（未設定）",
                Id => "ID",
                NothingMissing => "未提出なし",
                Missing => "未提出",
            },
            Lang::En => match key {
                Kpi => "KPI",
                Baseline => "baseline",
                Target => "target",
                Latest => "latest",
                Achievement => "achievement",
                Expected => "expected",
                Pace => "pace",
                Gap => "gap",
                Status => "status",
                Grade => "grade",
                Goal => "Goal",
                NumericTargets => "numeric targets",
                AsOf => "as of",
                NoActuals => "no actuals",
                Stale => "stale",
                Year => "year",
                Actual => "actual",
                ExpectedValue => "expected value",
                Milestone => "milestone",
                Direction => "direction",
                Increase => "higher is better",
                Decrease => "lower is better",
                Owner => "owner",
                Source => "source",
                Note => "note",
                Measures => "measures",
                Cumulative => "cumulative",
                StillOwed => "figures still owed",
                LastReported => "last reported",
                NoOwner => "(none)",
                Id => "id",
                NothingMissing => "nothing missing",
                Missing => "missing",
            },
        }
    }
}

/// Every fixed word the renderers print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Kpi,
    Baseline,
    Target,
    Latest,
    Achievement,
    Expected,
    Pace,
    Gap,
    Status,
    Grade,
    Goal,
    NumericTargets,
    AsOf,
    NoActuals,
    Stale,
    Year,
    Actual,
    ExpectedValue,
    Milestone,
    Direction,
    Increase,
    Decrease,
    Owner,
    Source,
    Note,
    Measures,
    Cumulative,
    StillOwed,
    LastReported,
    NoOwner,
    Id,
    NothingMissing,
    Missing,
}
