//! The column words of the sheets kpi sends offices to fill in and reads
//! back, defined once (issue 22, item 5): the CSV and workbook templates
//! write `Heading::word`; `kpi import` reads every word of `Role`'s lists
//! (`ledger::import::shape`), which hold the templates' words and what
//! offices write themselves.

use crate::lang::Lang;

/// A column of a template, in the order the workbook template lays them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Id,
    Name,
    Unit,
    Year,
    /// The previous year's figure, for reference.
    Previous,
    /// The target in force, for reference.
    Target,
    Value,
    Note,
    /// 区分: 速報値 (preliminary) or 確定値 (final).
    Flag,
    /// Across a workspace: the plans that need the series, for reference.
    Plans,
}

impl Heading {
    pub fn word(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Heading::Id => ("id", "id"),
            Heading::Name => ("指標名", "name"),
            Heading::Unit => ("単位", "unit"),
            Heading::Year => ("年度", "year"),
            Heading::Previous => ("前年度実績（参考）", "previous year (reference)"),
            Heading::Target => ("目標値（参考）", "target (reference)"),
            Heading::Value => ("実績値", "value"),
            Heading::Note => ("備考", "note"),
            Heading::Flag => ("区分", "flag"),
            Heading::Plans => ("計画（参考）", "plans (reference)"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// The CSV template's columns.
pub const CSV_TEMPLATE: [Heading; 7] = [
    Heading::Id,
    Heading::Name,
    Heading::Unit,
    Heading::Year,
    Heading::Value,
    Heading::Note,
    Heading::Flag,
];

/// The workbook template's columns.
pub const WORKBOOK_TEMPLATE: [Heading; 9] = [
    Heading::Id,
    Heading::Name,
    Heading::Unit,
    Heading::Year,
    Heading::Previous,
    Heading::Target,
    Heading::Value,
    Heading::Note,
    Heading::Flag,
];

/// The words of `columns` in `lang`.
pub fn words(columns: &[Heading], lang: Lang) -> Vec<String> {
    columns.iter().map(|c| c.word(lang).to_string()).collect()
}

/// The words a 区分 cell takes, as the workbook template's list offers
/// them: preliminary first.
pub fn flag_words(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Ja => [PRELIMINARY[1], FINAL[1]],
        Lang::En => ["preliminary", "final"],
    }
}

/// What `kpi import` reads a heading as (compared ignoring case and width).
pub const KPI_ID: &[&str] = &["kpi", "id"];
pub const KPI_NAME: &[&str] = &["指標", "指標名", "name"];
pub const YEAR: &[&str] = &["year", "年度"];
pub const VALUE: &[&str] = &["value", "実績値", "実績", "値"];
pub const NOTE: &[&str] = &["note", "備考"];
pub const SOURCE: &[&str] = &["source", "出典"];
pub const FLAG: &[&str] = &["flag", "区分"];
pub const UNIT: &[&str] = &["unit", "単位"];
/// Columns read but not used.
pub const INFO: &[&str] = &["owner", "担当課"];
/// A bracketed mark that makes any heading a column for reference only
/// (`前年度実績（参考）`).
pub const REFERENCE: &[&str] = &["参考", "reference"];

/// A 区分 cell's words for a preliminary figure and a final one (and, in
/// either case, `preliminary` / `final`); an empty cell is final.
pub const PRELIMINARY: &[&str] = &["速報", "速報値"];
pub const FINAL: &[&str] = &["確定", "確定値"];
