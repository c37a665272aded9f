//! Renderers: an `Evaluation` in, bytes out. One module per format; the
//! helpers here are the few things every human-readable format shares.

pub mod badge;
pub mod chart;
pub mod check;
pub mod csv;
pub mod gap;
pub mod grid;
pub mod html;
pub mod i18n;
pub mod import_summary;
pub mod json;
pub mod layout;
pub mod markdown;
pub mod missing;
pub mod plot;
pub mod report_md;
pub mod show;
pub mod spark;
pub mod svg;
pub mod table;
pub mod xlsx;

use rust_decimal::Decimal;

pub use crate::lang::Lang;
use crate::plan::{Kpi, Point};
use crate::progress::{KpiProgress, YearRow};
use crate::status::Status;
use crate::value;
use crate::year::{FiscalYear, YearStyle};
pub use i18n::Text;

/// How to print for people: language, colour, ASCII-only, year labels.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
    pub ascii: bool,
    pub year_style: YearStyle,
}

impl Style {
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

    /// The latest actual with its year, and the stale mark next to the year.
    pub fn latest(&self, kpi: &Kpi, progress: &KpiProgress) -> String {
        match progress.latest {
            None => "-".to_string(),
            Some(p) if progress.stale => format!(
                "{} ({}, {})",
                self.value(kpi, progress.decimals, p.value),
                self.year(p.year),
                self.lang.text(Text::Stale)
            ),
            Some(p) => self.point(kpi, progress.decimals, p),
        }
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
    ];
    marks
        .iter()
        .filter(|(is, _)| *is)
        .map(|&(_, word)| lang.text(word))
        .collect::<Vec<_>>()
        .join(", ")
}
