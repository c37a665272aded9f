//! `kpi missing`: who still owes figures for the year being collected.
//! Exit 0 when nothing is missing, 1 when something is, 2 on bad input.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::select;
use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::ledger::years;
use crate::progress::{coverage, Scope};
use crate::render;
use crate::year::FiscalYear;

#[derive(Debug, clap::Args)]
pub struct MissingArgs {
    /// The fiscal year to chase [default: the year being collected: the newest
    /// year in the ledger while a KPI due then lacks its figure, else the next]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// Only KPIs reported by this owning office (担当課)
    #[arg(long, value_name = "OFFICE")]
    pub owner: Option<String>,

    #[arg(long, value_enum, default_value_t = MissingFormat::Table)]
    pub format: MissingFormat,

    /// Write the output to this file (replaced whole) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MissingFormat {
    Table,
    Json,
    Csv,
    Markdown,
    // A workbook: to -o FILE, or to stdout when it is not a terminal.
    Xlsx,
}

/// `kpi missing`'s arguments, checked (the owner against the plan, once loaded).
#[derive(Debug)]
pub struct MissingSettings {
    /// The year asked for; else the year being collected.
    pub year: Option<FiscalYear>,
    pub scope: Scope,
    pub format: MissingFormat,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
}

impl MissingArgs {
    pub fn settings(&self) -> Result<MissingSettings> {
        let year = self.year.as_deref().map(select::parse_year).transpose()?;
        let workbook = self.format == MissingFormat::Xlsx;
        super::output::check(self.output.as_deref(), workbook, "missing.xlsx")?;
        Ok(MissingSettings {
            year,
            scope: select::owner_scope(self.owner.as_deref()),
            format: self.format,
            output: self.output.clone(),
        })
    }
}

pub fn run(global: &GlobalArgs, settings: &MissingSettings, out: &mut dyn Write) -> Result<i32> {
    let output = settings.output.as_deref();
    let loaded = super::load(global)?;
    // Never over the plan or the ledger, before any work.
    super::check_output(&loaded.plan, output)?;
    super::print_warnings(&loaded.warnings);
    let plan = &loaded.plan;
    let series = loaded.series();
    let selected = select::select_kpis(plan, &settings.scope)?;
    let year = match settings.year {
        Some(y) => y,
        None => coverage::collecting_year(plan, series)
            .ok_or_else(|| Error::Usage("the plan has no KPIs, so no year to chase".to_string()))?,
    };
    let by_owner = coverage::missing(plan, series, year, &selected);
    let last = years::last_target_year(plan);
    if let Some(last) = last.filter(|&last| year > last) {
        eprintln!(
            "note: {} is after every target year of the plan (the last is {}): no KPI is due a figure then",
            years::labelled(plan, year),
            years::labelled(plan, last)
        );
    } else if by_owner.is_empty() && coverage::plan_complete(plan, series, year) {
        eprintln!(
            "note: every figure of the plan's last target year ({}) is in: the plan's years are complete",
            years::labelled(plan, year)
        );
    }
    let mut style = super::style(global, plan);
    if output.is_some() {
        // A file is not laid out for the terminal's width.
        style.width = None;
    }
    let text = match settings.format {
        MissingFormat::Table => render::missing::table(plan, year, &by_owner, &style),
        MissingFormat::Markdown => render::missing::markdown(plan, year, &by_owner, &style),
        // Streamed to stdout, as status's is: one owner's object at a time.
        MissingFormat::Json if output.is_none() => {
            let mut out = out;
            render::missing::write_json(plan, year, &by_owner, &mut out)?;
            return Ok(if by_owner.is_empty() { 0 } else { 1 });
        }
        MissingFormat::Json => render::missing::json(plan, year, &by_owner),
        MissingFormat::Csv => render::missing::csv(plan, &by_owner)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?,
        MissingFormat::Xlsx => {
            let bytes = render::xlsx::missing::render(plan, year, &by_owner, style.lang)
                .map_err(super::output::xlsx_error)?;
            super::output::write(plan, &bytes, output, out)?;
            return Ok(if by_owner.is_empty() { 0 } else { 1 });
        }
    };
    super::output::write(plan, text.as_bytes(), output, out)?;
    Ok(if by_owner.is_empty() { 0 } else { 1 })
}
