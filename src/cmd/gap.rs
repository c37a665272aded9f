//! `kpi gap`: gap to target: what it would take to reach each target.

pub use crate::args::gap::{GapArgs, GapFormat};

use std::io::Write;
use std::path::PathBuf;

use crate::error::Result;
use crate::ledger::import::decode::Encoding;
use crate::output::Sink;
use crate::progress::{gap, Query};
use crate::render::doc::GapDoc;
use crate::render::many::Format;
use crate::scope::{Reads, Scope};
use crate::settings::Settings;

/// `kpi gap`'s arguments, checked.
#[derive(Debug)]
pub struct GapSettings {
    pub query: Query,
    pub format: GapFormat,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
    /// The CSV's encoding (UTF-8 for every other format).
    pub encoding: Encoding,
    /// The filters as given, for the line that says nothing matched them.
    pub filters: Vec<String>,
}

impl GapArgs {
    pub fn settings(&self) -> Result<GapSettings> {
        let query = self.selection.query()?;
        let workbook = self.format == GapFormat::Xlsx;
        crate::output::check(self.output.as_deref(), workbook, "gap.xlsx")?;
        let csv = self.format == GapFormat::Csv;
        let encoding = crate::output::csv_encoding(self.encoding.as_deref(), csv)?;
        Ok(GapSettings {
            encoding,
            query,
            format: self.format,
            output: self.output.clone(),
            filters: self.selection.filter_words(),
        })
    }
}

/// A plan alone, one member or several: each covered member's gap
/// document, then one output (`output::emit`).
pub fn run(global: &Settings, settings: &GapSettings, out: &mut dyn Write) -> Result<i32> {
    let scope = Scope::open(global, Reads::Ledger)?;
    // Never over the plan or the ledger, before any work.
    let sink = Sink::open(&scope, settings.output.as_deref(), out)?;
    super::print_warnings(scope.warnings());
    let docs = scope.each_covered(|m| {
        let eval = super::evaluate(&m.plan, &m.ledger, &settings.query)?;
        Ok(GapDoc {
            plan: &m.plan,
            rows: gap::rows(&m.plan, &m.ledger.series, &eval),
            eval,
            filters: &settings.filters,
        })
    })?;
    let base = crate::output::base_style(global, sink.is_file());
    let output = crate::output::of(&scope, docs);
    let format = match settings.format {
        GapFormat::Table => Format::Table,
        GapFormat::Json => Format::Json,
        GapFormat::Csv => Format::Csv,
        GapFormat::Markdown => Format::Markdown,
        GapFormat::Xlsx => Format::Xlsx,
    };
    crate::output::emit_plain(output, format, &base, settings.encoding, sink)?;
    super::finish(scope);
    Ok(0)
}
