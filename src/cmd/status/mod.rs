//! `kpi status`: the progress table.

pub use crate::args::status::{StatusArgs, StatusFormat};

mod many;

use std::io::Write;
use std::path::PathBuf;

use super::output::Sink;
use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::progress::Query;
use crate::render;
use crate::scope::{Reads, Scope, View};
use crate::settings::Settings;

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

pub fn run(global: &Settings, settings: &StatusSettings, out: &mut dyn Write) -> Result<i32> {
    let output = settings.output.as_deref();
    let scope = Scope::open(global, Reads::Ledger)?;
    // Never over the plan or the ledger, before any work.
    let mut sink = Sink::open(&scope, output, out)?;
    let member = match scope.view() {
        View::One(member) => member,
        View::Many(ws, _) => return many::run(global, settings, &scope, ws, sink),
    };
    super::print_warnings(scope.warnings());
    let plan = &member.plan;
    let eval = super::evaluate(plan, &member.ledger, &settings.query)?;
    let mut style = super::style(global, plan);
    if sink.is_file() {
        // A file is not laid out for the terminal's width.
        style.width = None;
    }
    let text = match settings.format {
        StatusFormat::Table if eval.kpis.is_empty() => {
            render::table::no_match(&settings.filters, &eval, &style)
        }
        StatusFormat::Table => render::table::table(plan, &eval, settings.compact, &style),
        // Streamed: a national-scale plan's JSON is too big to hold twice.
        StatusFormat::Json => {
            render::json::write(plan, &eval, &mut sink)?;
            sink.finish()?;
            super::finish(scope);
            return Ok(0);
        }
        StatusFormat::Csv => {
            render::csv::render(plan, &eval).map_err(|e| Error::Io(std::io::Error::other(e)))?
        }
        StatusFormat::Markdown => render::markdown::render(plan, &eval, &style),
        StatusFormat::Xlsx => {
            let bytes = render::xlsx::status::render(plan, &eval, style.lang)
                .map_err(super::output::xlsx_error)?;
            sink.write_whole(&bytes)?;
            super::finish(scope);
            return Ok(0);
        }
    };
    let bytes = super::output::encoded(&text, settings.encoding)?;
    sink.write_whole(&bytes)?;
    super::finish(scope);
    Ok(0)
}
