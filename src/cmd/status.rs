//! `kpi status`: the progress table.

pub use crate::args::status::{StatusArgs, StatusFormat};

use std::io::Write;
use std::path::PathBuf;

use crate::error::Result;
use crate::ledger::import::decode::Encoding;
use crate::output::Sink;
use crate::progress::Query;
use crate::render::doc::StatusDoc;
use crate::render::many::{Format, Many};
use crate::render::workspace as ws;
use crate::scope::{Reads, Scope};
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
        crate::output::check(self.output.as_deref(), workbook, "status.xlsx")?;
        let csv = self.format == StatusFormat::Csv;
        let encoding = crate::output::csv_encoding(self.encoding.as_deref(), csv)?;
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

/// A plan alone, one member or several: each covered member's document,
/// then one output (`output::emit`); across several members the table of
/// members × statuses comes first.
pub fn run(global: &Settings, settings: &StatusSettings, out: &mut dyn Write) -> Result<i32> {
    let scope = Scope::open(global, Reads::Ledger)?;
    // Never over the plan or the ledger, before any work.
    let sink = Sink::open(&scope, settings.output.as_deref(), out)?;
    super::print_warnings(scope.warnings());
    let docs = scope.each_covered(|m| {
        Ok(StatusDoc {
            plan: &m.plan,
            eval: super::evaluate(&m.plan, &m.ledger, &settings.query)?,
            compact: settings.compact,
            filters: &settings.filters,
        })
    })?;
    let base = crate::output::base_style(global, sink.is_file());
    let summary = |many: &Many<'_, StatusDoc>| {
        let lines: Vec<ws::MemberLine> = many
            .parts
            .iter()
            .map(|p| ws::MemberLine {
                name: p.name,
                plan: p.doc.plan,
                eval: &p.doc.eval,
            })
            .collect();
        ws::summary(many.name, &lines, &base)
    };
    let output = crate::output::of(&scope, docs);
    let format = match settings.format {
        StatusFormat::Table => Format::Table,
        StatusFormat::Json => Format::Json,
        StatusFormat::Csv => Format::Csv,
        StatusFormat::Markdown => Format::Markdown,
        StatusFormat::Xlsx => Format::Xlsx,
    };
    crate::output::emit(output, format, &base, summary, settings.encoding, sink)?;
    super::finish(scope);
    Ok(0)
}
