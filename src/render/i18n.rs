//! Words people read, in Japanese and English (glossary.md): one
//! dictionary, `Text`, of every fixed word and phrase the renderers print,
//! and the sentences built from the plan's numbers (`rule`, `stale_rule`).
//! Machine output (JSON, CSV, status names in `--format json`) never goes
//! through here. (`kpi gap` and the import summary keep the few words only
//! they print next to their code.)

use crate::lang::Lang;
use crate::plan::Basis;
use crate::status::Status;

impl Lang {
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
        match self {
            Lang::Ja => text_ja(key),
            Lang::En => text_en(key),
        }
    }
}

fn text_ja(key: Text) -> &'static str {
    use Text::*;
    match key {
        Kpi => "指標",
        Baseline => "現状値",
        Target => "目標値",
        Latest => "実績",
        Achievement => "達成率",
        Expected => "期待達成率",
        Pace => "ペース",
        Gap => "目標までの差",
        Status => "状況",
        Grade => "評価",
        Goal => "基本目標",
        GoalLabel => "基本目標",
        NumericTargets => "数値目標",
        AsOf => "時点",
        NoActuals => "実績なし",
        Stale => "更新なし",
        Year => "年度",
        Actual => "実績値",
        ExpectedValue => "期待値",
        Milestone => "目安値",
        Schedule => "実績の時期",
        AfterTarget => "目標年度後（評価対象外）",
        Revised => "修正",
        FigureNote => "実績の備考",
        Preliminary => "速報",
        PreliminaryFigure => "速報値",
        ReviewComment => "評価（効果検証）",
        ReviewNext => "今後の方向性",
        RevisedFrom => "適用開始",
        OriginalTarget => "当初目標",
        Direction => "方向",
        Increase => "増加が望ましい",
        Decrease => "減少が望ましい",
        Owner => "担当課",
        Source => "出典",
        Note => "備考",
        Measures => "施策",
        Cumulative => "累計",
        StillOwed => "の実績値",
        LastReported => "最終報告",
        NoOwner => "未設定",
        Id => "ID",
        NothingMissing => "未提出なし",
        Missing => "未提出",
        Dimension => "内訳",
        Category => "項目",
        // The report and the charts.
        Summary => "概要",
        Total => "計",
        Mix => "内訳",
        Trend => "推移",
        Projection => "見込み",
        ExpectedPath => "期待値",
        HowToRead => "評価の見方",
        PaceIs => "ペース＝（実績値−現状値）÷（期待値−現状値）：その年度までに見込んだ変化のうち実現した割合",
        PaceIsTarget => "ペース＝実績値÷期待値（減少が望ましい指標は期待値÷実績値）",
        ExpectedIs => "期待達成率：計画の経路（現状値から目安値・目標値へ）が最新の実績値の年度までに見込む達成率。達成率と並べて読む",
        GapIs => "目標までの差：目標値まで残る量（指標の単位）。目標値を超えると負",
        NegativeIs => "負の達成率：最新の実績値が現状値より悪化（目標と逆の方向に動いた）",
        NoteIs => "※：実績値に備考あり（各指標の欄に記載）",
        NoKpis => "該当する指標はありません。",
        ChartAbove => "グラフは前出",
        Report => "kpi report で作成",
        Unit => "単位：",
        DerivedTotal => "合計（算出）",
        Derived => "（算出）",
        ByCategory => "内訳",
    }
}

fn text_en(key: Text) -> &'static str {
    use Text::*;
    match key {
        Kpi => "KPI",
        Baseline => "baseline",
        Target => "target",
        Latest => "latest",
        Achievement => "achievement",
        Expected => "expected by now",
        Pace => "pace",
        Gap => "gap to target",
        Status => "status",
        Grade => "grade",
        Goal => "Goal",
        GoalLabel => "goal",
        NumericTargets => "Numeric targets",
        AsOf => "as of",
        NoActuals => "no actuals",
        Stale => "stale",
        Year => "year",
        Actual => "actual",
        ExpectedValue => "expected value",
        Milestone => "milestone",
        Schedule => "schedule",
        AfterTarget => "after the target year (not scored)",
        Revised => "revised",
        FigureNote => "note on the figure",
        Preliminary => "prelim.",
        PreliminaryFigure => "preliminary",
        ReviewComment => "review",
        ReviewNext => "next steps",
        RevisedFrom => "in force from",
        OriginalTarget => "original target",
        Direction => "direction",
        Increase => "higher is better",
        Decrease => "lower is better",
        Owner => "owner",
        Source => "source",
        Note => "note",
        Measures => "measures",
        Cumulative => "cumulative",
        StillOwed => "figures",
        LastReported => "last reported",
        NoOwner => "none given",
        Id => "id",
        NothingMissing => "none missing",
        Dimension => "dimension",
        Category => "category",
        Missing => "not yet reported",
        // The report and the charts.
        Summary => "Summary",
        Total => "total",
        Mix => "mix",
        Trend => "trend",
        Projection => "projection",
        ExpectedPath => "expected path",
        HowToRead => "How to read",
        PaceIs => "pace = (actual − baseline) ÷ (expected value − baseline): the share of the change expected by that year that was made",
        PaceIsTarget => "pace = actual ÷ expected value (expected value ÷ actual for a KPI where lower is better)",
        ExpectedIs => "expected by now: the achievement the plan's path (from the baseline through the milestones to the target) expects by the latest figure's year; read it beside achievement",
        GapIs => "gap to target: what is still to go to the target, in the KPI's unit; below 0 once the target is passed",
        NegativeIs => "a negative achievement: the latest figure is worse than the baseline (it moved away from the target)",
        NoteIs => "※: the figure has a note (shown with the KPI)",
        NoKpis => "No KPI matches the selection.",
        ChartAbove => "chart above",
        Report => "made with kpi report",
        Unit => "unit: ",
        DerivedTotal => "derived total",
        Derived => " (derived)",
        ByCategory => "by",
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
    /// `goal` as a label among others (`kpi show`'s facts), where `Goal`
    /// begins a heading.
    GoalLabel,
    NumericTargets,
    AsOf,
    NoActuals,
    Stale,
    Year,
    Actual,
    ExpectedValue,
    Milestone,
    /// When a KPI's figures come (evaluation-cycle.md §1).
    Schedule,
    /// A figure after the target year: shown, never scored (progress.md).
    AfterTarget,
    /// A revised target in force.
    Revised,
    /// The latest figure's note (備考) from the ledger.
    FigureNote,
    /// A preliminary figure (速報値): the short mark after its year, and the word.
    Preliminary,
    PreliminaryFigure,
    RevisedFrom,
    /// The year's review text (reviews/YEAR.toml): `comment` and `next`.
    ReviewComment,
    ReviewNext,
    OriginalTarget,
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
    /// A breakdown's dimension and one of its categories (breakdowns.md).
    Dimension,
    Category,
    // The report and the charts.
    Summary,
    Total,
    Mix,
    Trend,
    Projection,
    ExpectedPath,
    HowToRead,
    PaceIs,
    PaceIsTarget,
    /// The report's how to read: expected by now, gap to target, a
    /// negative achievement, the note mark.
    ExpectedIs,
    GapIs,
    NegativeIs,
    NoteIs,
    NoKpis,
    ChartAbove,
    Report,
    Unit,
    /// A total derived from its categories (breakdowns.md): the mark in
    /// `kpi show`'s year table, and the suffix after such a total's value.
    DerivedTotal,
    Derived,
    /// The heading of a category table: `内訳：年齢` / `by 年齢`.
    ByCategory,
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

/// The words of the status table the report's how to read explains
/// after the statuses and pace (issue 25, item 15).
pub const EXPLAINED: [Text; 4] = [
    Text::ExpectedIs,
    Text::GapIs,
    Text::NegativeIs,
    Text::NoteIs,
];

/// What `stale` means, with the plan's `stale_after`.
pub fn stale_rule(lang: Lang, years: i32) -> String {
    match lang {
        Lang::Ja => format!("更新なし：最新の実績値が{years}年度以上前のもの"),
        Lang::En => format!("stale: the latest figure is {years} or more years old"),
    }
}

/// How pace is worked out on the plan's basis (progress.md).
pub fn pace_text(basis: Basis) -> Text {
    match basis {
        Basis::Baseline => Text::PaceIs,
        Basis::Target => Text::PaceIsTarget,
    }
}

// ---------------------------------------------------------------------------
// Words added for a newcomer's first hour (issue 25): kept apart from `Text`
// so that the two lists can be reworded independently.

/// Fixed words of `kpi check`'s summary, `kpi record --dry-run` and the
/// help's headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// Before the statuses of every flagged KPI, when some were flagged for
    /// being stale or preliminary: `preliminary 1 (their status: achieved 1)`.
    TheirStatus,
    /// The ledger's `flag` column (区分), as `kpi record` shows its row.
    Flag,
}

impl Lang {
    pub fn word(self, key: Word) -> &'static str {
        use Word::*;
        match self {
            Lang::Ja => match key {
                TheirStatus => "該当指標の状況",
                Flag => "区分",
            },
            Lang::En => match key {
                TheirStatus => "their status",
                Flag => "flag",
            },
        }
    }
}
