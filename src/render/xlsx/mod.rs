//! `--format xlsx`: the tables of `kpi status`, `kpi gap`, `kpi missing`
//! and `kpi export plan`, and the template an office fills in, as
//! workbooks (`workbook::write`). Figures are number cells (ratios
//! percent-formatted), words in the output language, and every row says
//! which goal and measure it sits under, so that a sheet can be filtered
//! and sorted as it is.

pub mod gap;
pub mod missing;
pub mod plan;
pub mod status;
pub mod template;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::layout::measure_path;
use super::{Lang, Text};
use crate::plan::{Attachment, Kpi, Plan};
use crate::progress::KpiProgress;
use crate::value::plain;
use crate::workbook::write::Value;
use crate::year::{FiscalYear, YearStyle};

/// The words of the workbooks' headings beyond the shared dictionary.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Heading {
    Shared(Text),
    Goal,
    Name,
    Unit,
    Measure,
    BaselineYear,
    TargetYear,
    LatestYear,
}

impl Heading {
    pub(crate) fn text(self, lang: Lang) -> String {
        let word = |ja: &str, en: &str| match lang {
            Lang::Ja => ja.to_string(),
            Lang::En => en.to_string(),
        };
        match self {
            Heading::Shared(t) => lang.text(t).to_string(),
            Heading::Goal => word("基本目標", "goal"),
            Heading::Name => word("指標名", "name"),
            Heading::Unit => word("単位", "unit"),
            Heading::Measure => word("施策", "measure"),
            Heading::BaselineYear => word("現状値の年度", "baseline year"),
            Heading::TargetYear => word("目標年度", "target year"),
            Heading::LatestYear => word("実績の年度", "latest year"),
        }
    }
}

/// Where a KPI sits: a goal, and the measure (its path), or none for the
/// goal's numeric targets. A KPI under two measures sits in two places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub goal: Option<usize>,
    pub measure: Option<usize>,
}

/// Every place a KPI sits, in its plan order.
pub(crate) fn places(plan: &Plan, kpi: &Kpi) -> Vec<Place> {
    match &kpi.attachment {
        Attachment::Goal(g) => vec![Place {
            goal: plan.goal_index(g),
            measure: None,
        }],
        Attachment::Measures(ms) => ms
            .iter()
            .map(|m| Place {
                goal: plan.goal_of_measure(m).and_then(|g| plan.goal_index(&g.id)),
                measure: plan.measure_index(m),
            })
            .collect(),
    }
}

/// The goal and measure cells of a place: `1 市内産業の活性化と雇用創出`,
/// `(1) … › ① …` (or the numeric targets' heading).
pub(crate) fn place_cells(plan: &Plan, place: &Place, lang: Lang) -> [Value; 2] {
    let goal = place.goal.map_or(Value::Empty, |g| {
        let goal = &plan.goals[g];
        Value::Text(format!("{} {}", goal.id, goal.name))
    });
    let measure = match place.measure {
        Some(m) => Value::Text(measure_path(plan, m, false)),
        None => Value::Text(lang.text(Text::NumericTargets).to_string()),
    };
    [goal, measure]
}

/// A value as a number cell, with the KPI's decimals.
pub(crate) fn number(value: Decimal, places: u32) -> Value {
    Value::Number(plain(value, places))
}

/// An exact quotient as a number cell (Excel keeps 15 digits of it).
pub(crate) fn exact(value: Decimal) -> Value {
    Value::Number(value.normalize().to_string())
}

/// A ratio as a percent-formatted cell, or empty where it is undefined.
pub(crate) fn percent(ratio: Option<Decimal>) -> Value {
    ratio
        .and_then(|r| r.to_f64())
        .map_or(Value::Empty, Value::Percent)
}

/// A year as the plan labels it (`H26`, `FY2014`, `2014`).
pub(crate) fn year(year: FiscalYear, style: YearStyle) -> Value {
    Value::Text(year.label(style))
}

pub(crate) fn text(text: &str) -> Value {
    if text.is_empty() {
        Value::Empty
    } else {
        Value::Text(text.to_string())
    }
}

pub(crate) fn optional(text: &Option<String>) -> Value {
    text.as_deref().map_or(Value::Empty, self::text)
}

/// The headings of a KPI's baseline, target and latest figure, each with
/// its year.
pub(crate) const FIGURES: [Heading; 6] = [
    Heading::Shared(Text::Baseline),
    Heading::BaselineYear,
    Heading::Shared(Text::Target),
    Heading::TargetYear,
    Heading::Shared(Text::Latest),
    Heading::LatestYear,
];

/// The cells under `FIGURES`, with the KPI's decimals.
pub(crate) fn figure_cells(kpi: &Kpi, k: &KpiProgress, style: YearStyle) -> [Value; 6] {
    let places = k.decimals;
    [
        number(kpi.baseline.value, places),
        year(kpi.baseline.year, style),
        number(kpi.target.value, places),
        year(kpi.target.year, style),
        k.latest.map_or(Value::Empty, |p| number(p.value, places)),
        k.latest.map_or(Value::Empty, |p| year(p.year, style)),
    ]
}

/// The stale column: the word where the latest figure is stale.
pub(crate) fn stale(k: &KpiProgress, lang: Lang) -> Value {
    if k.stale {
        text(lang.text(Text::Stale))
    } else {
        Value::Empty
    }
}

/// Headings in the output language.
pub(crate) fn headings(columns: &[Heading], lang: Lang) -> Vec<String> {
    columns.iter().map(|h| h.text(lang)).collect()
}

#[cfg(test)]
mod tests;
