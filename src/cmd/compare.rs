//! `kpi compare KPI`: one KPI's categories of a dimension side by side,
//! ranked, the total last (breakdowns.md, "Commands").

pub use crate::args::compare::{CompareArgs, CompareFormat, CompareSort};

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::output::Sink;
use crate::plan::{Kpi, Plan};
use crate::progress::category;
use crate::progress::compare::{default_sort, SortBy};
use crate::progress::Query;
use crate::render::compare::CompareDoc;
use crate::render::many::Format;
use crate::scope::{Reads, Scope};
use crate::settings::Settings;

/// `kpi compare`'s arguments, checked.
#[derive(Debug)]
pub struct CompareSettings {
    pub kpi: String,
    pub by: Option<String>,
    pub query: Query,
    pub sort: Option<SortBy>,
    pub format: Format,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
    /// The CSV's encoding (UTF-8 for every other format).
    pub encoding: Encoding,
}

impl CompareArgs {
    pub fn settings(&self) -> Result<CompareSettings> {
        let year = self.year.as_deref().map(crate::select::parse_year);
        let workbook = self.format == CompareFormat::Xlsx;
        crate::output::check(self.output.as_deref(), workbook, "compare.xlsx")?;
        let csv = self.format == CompareFormat::Csv;
        let encoding = crate::output::csv_encoding(self.encoding.as_deref(), csv)?;
        Ok(CompareSettings {
            kpi: self.kpi.clone(),
            by: self.by.clone(),
            query: Query {
                year: year.transpose()?,
                ..Query::default()
            },
            sort: self.sort.map(|s| match s {
                CompareSort::Value => SortBy::Value,
                CompareSort::Change => SortBy::Change,
                CompareSort::Name => SortBy::Name,
            }),
            format: match self.format {
                CompareFormat::Table => Format::Table,
                CompareFormat::Json => Format::Json,
                CompareFormat::Csv => Format::Csv,
                CompareFormat::Markdown => Format::Markdown,
                CompareFormat::Xlsx => Format::Xlsx,
            },
            output: self.output.clone(),
            encoding,
        })
    }
}

pub fn run(global: &Settings, settings: &CompareSettings, out: &mut dyn Write) -> Result<i32> {
    let scope = Scope::open(global, Reads::Ledger)?;
    // Never over the plan or the ledger, before any work.
    let sink = Sink::open(&scope, settings.output.as_deref(), out)?;
    super::print_warnings(scope.warnings());
    let (member, index) = scope.find_kpi(&settings.kpi)?;
    let plan = &member.plan;
    let kpi = &plan.kpis[index];
    let dimension = dimension(plan, kpi, settings.by.as_deref())?;
    // The evaluation of `kpi status`: the total row is the KPI as it prints there.
    let eval = super::evaluate(plan, &member.ledger, &settings.query)?;
    let figures = member.ledger.categories.get(&index);
    let categories =
        category::evaluate(plan, index, figures, eval.as_of).ok_or_else(|| no_breakdowns(kpi))?;
    let doc = CompareDoc {
        plan,
        eval,
        kpi: index,
        dimension,
        categories,
        sort: settings.sort.unwrap_or_else(|| default_sort(kpi)),
    };
    let base = crate::output::base_style(global, sink.is_file());
    let output = crate::output::of(&scope, vec![doc]);
    crate::output::emit_plain(output, settings.format, &base, settings.encoding, sink)?;
    super::finish(scope);
    Ok(0)
}

/// The dimension compared, as a position in the KPI's `breakdowns`:
/// `--by`'s (by id or name), else the first (the only one, mostly).
fn dimension(plan: &Plan, kpi: &Kpi, by: Option<&str>) -> Result<usize> {
    let Some(breakdown) = kpi.breakdown.as_deref() else {
        return Err(no_breakdowns(kpi));
    };
    let Some(by) = by else {
        return Ok(0);
    };
    let dims = || {
        breakdown
            .dimensions
            .iter()
            .filter_map(|&d| plan.dimensions.get(d))
    };
    dims()
        .position(|d| d.id == by || d.name == by)
        .ok_or_else(|| {
            let names: Vec<String> = dims().map(|d| format!("{} ({})", d.id, d.name)).collect();
            Error::Usage(format!(
                "--by {by}: KPI `{}` is not broken down by it; its dimensions: {}",
                kpi.id,
                names.join(", ")
            ))
        })
}

fn no_breakdowns(kpi: &Kpi) -> Error {
    Error::Usage(format!(
        "KPI `{}` has no breakdowns: kpi compare compares the categories of a KPI with \
         `breakdowns = [\"…\"]` in the plan (docs/breakdowns.md)",
        kpi.id
    ))
}
