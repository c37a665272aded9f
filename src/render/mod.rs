//! Renderers: an `Evaluation` in, bytes out. One module per format; the
//! helpers here are the few things every human-readable format shares.

pub mod badge;
pub mod breakdowns;
pub mod categories;
mod category_html;
pub mod chart;
pub mod check;
pub mod compare;
pub mod csv;
pub mod diff;
pub mod doc;
pub mod explain;
pub mod fit;
pub mod gap;
pub mod grid;
pub mod html;
pub mod i18n;
pub mod import_summary;
pub mod json;
pub mod judged;
pub mod layout;
pub mod legend;
pub mod many;
pub mod markdown;
pub mod missing;
pub mod phrase;
pub mod plot;
pub mod published;
pub mod report_md;
pub mod report_ws;
pub mod schedule;
pub mod show;
pub mod show_categories;
pub mod show_ws;
pub mod spark;
pub mod svg;
#[cfg(test)]
mod svg_boxes;
mod svg_lines;
pub mod table;
pub mod template;
#[cfg(test)]
mod width_props;
pub mod workspace;
pub mod xlsx;

use rust_decimal::Decimal;

pub use crate::lang::Lang;
use crate::plan::{Kpi, Point};
use crate::progress::{KpiProgress, YearRow};
use crate::status::Status;
use crate::value;
use crate::year::{FiscalYear, YearStyle};
pub use i18n::Text;

/// How to print for people: language, colour, ASCII-only, year labels,
/// and the width terminal output is laid out for (`None`: unlimited, as
/// for pipes, files and documents).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
    pub ascii: bool,
    pub year_style: YearStyle,
    pub width: Option<usize>,
}

impl Style {
    /// The style for people (the decided `Settings`), years as
    /// `year_style` prints them. ASCII from `--ascii`, else `KPI_ASCII` (a
    /// yes or no, warned about once if neither, and read only without
    /// `--ascii`).
    pub fn of(global: &crate::settings::Settings, year_style: YearStyle) -> Style {
        Style {
            lang: global.lang,
            color: global.color,
            ascii: global.ascii || crate::settings::env().flag("KPI_ASCII") == Some(true),
            year_style,
            width: global.width,
        }
    }

    pub fn year(&self, year: FiscalYear) -> String {
        year.label(self.year_style)
    }

    /// `2,788人`, `2.4%`, `63 events`: the value with the KPI's decimals and unit.
    pub fn value(&self, kpi: &Kpi, places: u32, v: Decimal) -> String {
        with_unit(&value::grouped(v, places), kpi.unit.as_deref())
    }

    /// `63事業所 (H26)`
    pub fn point(&self, kpi: &Kpi, places: u32, p: Point) -> String {
        format!(
            "{} ({})",
            self.value(kpi, places, p.value),
            self.year(p.year)
        )
    }

    /// The target in force with its year, marked when it is a revised one:
    /// `75件 (R1, 修正)` / `75 (R1, revised)`.
    pub fn target(&self, kpi: &Kpi, progress: &KpiProgress) -> String {
        let p = kpi.target;
        if progress.revision.is_some() {
            format!(
                "{} ({}, {})",
                self.value(kpi, progress.decimals, p.value),
                self.year(p.year),
                self.lang.text(Text::Revised)
            )
        } else {
            self.point(kpi, progress.decimals, p)
        }
    }

    /// What was revised, when, and why, for the report: `修正: 当初目標 100件 (R1)
    /// → 150件 (R4), 適用開始 H30: 上方修正`; `None` with no revision in force.
    pub fn revision(&self, plan: &crate::plan::Plan, progress: &KpiProgress) -> Option<String> {
        let r = progress.revision?;
        let original = &plan.kpis[progress.kpi];
        let rev = &original.revisions[r];
        let t = |x| self.lang.text(x);
        let places = progress.decimals;
        let mut s = format!(
            "{}: {} {} → {}, {} {}",
            t(Text::Revised),
            t(Text::OriginalTarget),
            self.point(original, places, original.target),
            self.point(original, places, rev.target),
            t(Text::RevisedFrom),
            self.year(rev.from)
        );
        if let Some(note) = &rev.note {
            s.push_str(": ");
            s.push_str(note);
        }
        Some(s)
    }

    /// A review's lines, each with its heading: `評価（効果検証）: …`,
    /// `今後の方向性: …` (plan-format.md, "Yearly reviews").
    pub fn review_lines(&self, review: Option<&crate::review::Review>) -> Vec<(String, String)> {
        let Some(r) = review else {
            return Vec::new();
        };
        [
            (Text::ReviewComment, &r.comment),
            (Text::ReviewNext, &r.next),
        ]
        .into_iter()
        .filter_map(|(key, text)| {
            text.as_ref()
                .map(|text| (self.lang.text(key).to_string(), text.clone()))
        })
        .collect()
    }

    /// The latest actual with its year, and the stale mark next to the year.
    /// A preliminary figure's year reads `R1 速報` / `R1, prelim.`; a figure
    /// with a note is marked `※` (`*` under `--ascii`).
    pub fn latest(&self, kpi: &Kpi, progress: &KpiProgress) -> String {
        let Some(p) = progress.latest else {
            return "-".to_string();
        };
        let remark = progress.remark.as_ref();
        let mut year = self.year(p.year);
        if remark.is_some_and(|r| r.preliminary) {
            year = match self.lang {
                Lang::Ja => format!("{year} {}", self.lang.text(Text::Preliminary)),
                Lang::En => format!("{year}, {}", self.lang.text(Text::Preliminary)),
            };
        }
        if progress.stale {
            year = format!("{year}, {}", self.lang.text(Text::Stale));
        }
        let mut s = format!("{} ({year})", self.value(kpi, progress.decimals, p.value));
        if remark.is_some_and(|r| r.note.is_some()) {
            s.push_str(if self.ascii { " *" } else { " ※" });
        }
        s
    }

    /// The dash between a heading and what follows: an em dash, or `-` when
    /// drawing ASCII only (an em dash is ambiguous-width in CJK terminals).
    pub fn dash(&self) -> &'static str {
        if self.ascii {
            " - "
        } else {
            " — "
        }
    }

    pub fn status_word(&self, status: Status) -> &'static str {
        self.lang.status(status)
    }
}

/// A number and its unit: no space before `%` or a Japanese unit, one space
/// before a unit in Latin letters (`5 events`).
pub fn with_unit(number: &str, unit: Option<&str>) -> String {
    match unit {
        None | Some("") => number.to_string(),
        Some(u) if u.starts_with(|c: char| c.is_ascii_alphabetic()) => format!("{number} {u}"),
        Some(u) => format!("{number}{u}"),
    }
}

/// A ratio as a percentage, or `-` where it is undefined.
pub fn percent_or_dash(ratio: Option<Decimal>) -> String {
    ratio.map_or_else(|| "-".to_string(), value::percent)
}

/// What a year of a KPI's table is in its plan: baseline, milestone,
/// target (`kpi show` and the report's year tables).
pub fn year_marks(row: &YearRow, lang: Lang) -> String {
    let marks = [
        (row.is_baseline, Text::Baseline),
        (row.milestone.is_some(), Text::Milestone),
        (row.is_target, Text::Target),
        (row.after_target && row.actual.is_some(), Text::AfterTarget),
        (
            row.preliminary && row.actual.is_some(),
            Text::PreliminaryFigure,
        ),
    ];
    let marks: Vec<&str> = marks
        .iter()
        .filter(|(is, _)| *is)
        .map(|&(_, word)| lang.text(word))
        .collect();
    let sep = match lang {
        Lang::Ja => "、",
        Lang::En => ", ",
    };
    let mut text = marks.join(sep);
    // The figure's own note (備考) last, as the ledger has it, after the
    // mark that says a figure has one (`目標値 ※ （例示）4月1日現在`), so
    // that it does not read as one more of the year's roles.
    if let Some(note) = row.note.as_deref().filter(|_| row.actual.is_some()) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str("※ ");
        text.push_str(note);
    }
    text
}
