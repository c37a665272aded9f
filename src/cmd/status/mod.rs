//! `kpi status`: the progress table.

mod many;

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::scope::Scope;
use super::select::SelectionArgs;
use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::progress::Query;
use crate::render;

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,

    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,

    /// Write the output to this file (replaced whole) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV only: utf-8 (the default), utf-8-bom (Excel opens it cleanly) or cp932 (Shift_JIS, for old Excel)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,

    /// One line per KPI, names cut with … (the terminal table)
    #[arg(long)]
    pub compact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Table,
    Json,
    Csv,
    Markdown,
    // A workbook: to -o FILE, or to stdout when it is not a terminal.
    Xlsx,
}

/// `kpi status`'s arguments, checked.
#[derive(Debug)]
pub struct StatusSettings {
    pub query: Query,
    pub format: StatusFormat,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
    /// The CSV's encoding (UTF-8 for every other format).
    pub encoding: Encoding,
    /// The filters as given, for the line that says nothing matched them.
    pub filters: Vec<String>,
    /// `--compact`: the table one line per KPI.
    pub compact: bool,
}

impl StatusArgs {
    pub fn settings(&self) -> Result<StatusSettings> {
        let query = Query {
            trends: self.format == StatusFormat::Table,
            ..self.selection.query()?
        };
        let workbook = self.format == StatusFormat::Xlsx;
        super::output::check(self.output.as_deref(), workbook, "status.xlsx")?;
        let csv = self.format == StatusFormat::Csv;
        let encoding = super::output::csv_encoding(self.encoding.as_deref(), csv)?;
        Ok(StatusSettings {
            encoding,
            query,
            format: self.format,
            output: self.output.clone(),
            filters: self.selection.filter_words(),
            compact: self.compact,
        })
    }
}

pub fn run(global: &GlobalArgs, settings: &StatusSettings, out: &mut dyn Write) -> Result<i32> {
    let output = settings.output.as_deref();
    let loaded = match super::scope::load(global, false)? {
        Scope::Plan(loaded) => {
            // Never over the plan or the ledger, before any work.
            super::check_output(&loaded.plan, output)?;
            loaded
        }
        Scope::Workspace(covered) => {
            covered.check_output(output)?;
            match covered.single() {
                Some(i) => covered.into_member(i),
                None => return many::run(global, settings, *covered, out),
            }
        }
    };
    super::print_warnings(&loaded.warnings);
    let eval = loaded.evaluate(&settings.query)?;
    let mut style = super::style(global, &loaded.plan);
    if output.is_some() {
        // A file is not laid out for the terminal's width.
        style.width = None;
    }
    let text = match settings.format {
        StatusFormat::Table if eval.kpis.is_empty() => {
            render::table::no_match(&settings.filters, &eval, &style)
        }
        StatusFormat::Table => render::table::table(&loaded.plan, &eval, settings.compact, &style),
        // Streamed: a national-scale plan's JSON is too big to hold twice.
        StatusFormat::Json if output.is_none() => {
            render::json::write(&loaded.plan, &eval, out)?;
            super::finish(loaded);
            return Ok(0);
        }
        StatusFormat::Json => {
            let mut bytes = Vec::new();
            render::json::write(&loaded.plan, &eval, &mut bytes)?;
            String::from_utf8(bytes).map_err(std::io::Error::other)?
        }
        StatusFormat::Csv => render::csv::render(&loaded.plan, &eval)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?,
        StatusFormat::Markdown => render::markdown::render(&loaded.plan, &eval, &style),
        StatusFormat::Xlsx => {
            let bytes = render::xlsx::status::render(&loaded.plan, &eval, style.lang)
                .map_err(super::output::xlsx_error)?;
            super::output::write(&loaded.plan, &bytes, output, out)?;
            super::finish(loaded);
            return Ok(0);
        }
    };
    let bytes = super::output::encoded(&text, settings.encoding)?;
    super::output::write(&loaded.plan, &bytes, output, out)?;
    super::finish(loaded);
    Ok(0)
}
