//! `kpi gap`: gap to target: what it would take to reach each target.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::select::SelectionArgs;
use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::progress::{gap, Query};
use crate::render;

#[derive(Debug, clap::Args)]
pub struct GapArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,

    #[arg(long, value_enum, default_value_t = GapFormat::Table)]
    pub format: GapFormat,

    /// Write the output to this file (replaced whole) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GapFormat {
    Table,
    Json,
    Csv,
    Markdown,
    // A workbook: to -o FILE, or to stdout when it is not a terminal.
    Xlsx,
}

/// `kpi gap`'s arguments, checked.
#[derive(Debug)]
pub struct GapSettings {
    pub query: Query,
    pub format: GapFormat,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
    /// The filters as given, for the line that says nothing matched them.
    pub filters: Vec<String>,
}

impl GapArgs {
    pub fn settings(&self) -> Result<GapSettings> {
        let query = self.selection.query()?;
        let workbook = self.format == GapFormat::Xlsx;
        super::output::check(self.output.as_deref(), workbook, "gap.xlsx")?;
        Ok(GapSettings {
            query,
            format: self.format,
            output: self.output.clone(),
            filters: self.selection.filter_words(),
        })
    }
}

pub fn run(global: &GlobalArgs, settings: &GapSettings, out: &mut dyn Write) -> Result<i32> {
    let output = settings.output.as_deref();
    let loaded = super::load(global)?;
    // Never over the plan or the ledger, before any work.
    super::check_output(&loaded.plan, output)?;
    super::print_warnings(&loaded.warnings);
    let eval = loaded.evaluate(&settings.query)?;
    let rows = gap::rows(&loaded.plan, loaded.series(), &eval);
    let report = render::gap::GapReport {
        plan: &loaded.plan,
        eval: &eval,
        rows: &rows,
    };
    let mut style = super::style(global, &loaded.plan);
    if output.is_some() {
        // A file is not laid out for the terminal's width.
        style.width = None;
    }
    let text = match settings.format {
        GapFormat::Table if eval.kpis.is_empty() => {
            render::table::no_match(&settings.filters, &eval, &style)
        }
        GapFormat::Table => render::gap::table(&report, &style),
        GapFormat::Markdown => render::gap::markdown(&report, &style),
        // Streamed to stdout, as status's is: one row's object at a time.
        GapFormat::Json if output.is_none() => {
            let mut out = out;
            render::gap::write_json(&report, &mut out)?;
            return Ok(0);
        }
        GapFormat::Json => render::gap::json(&report),
        GapFormat::Csv => {
            render::gap::csv(&report).map_err(|e| Error::Io(std::io::Error::other(e)))?
        }
        GapFormat::Xlsx => {
            let bytes = render::xlsx::gap::render(&report, style.lang)
                .map_err(super::output::xlsx_error)?;
            super::output::write(&loaded.plan, &bytes, output, out)?;
            return Ok(0);
        }
    };
    super::output::write(&loaded.plan, text.as_bytes(), output, out)?;
    Ok(0)
}
