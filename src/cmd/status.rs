//! `kpi status`: the progress table.

pub use crate::args::status::{StatusArgs, StatusFormat};

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::output::Sink;
use crate::progress::{category, Query};
use crate::render::breakdowns;
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
    /// `--by DIM`: a dimension's id or name (the table and Markdown).
    pub by: Option<String>,
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
        let for_people = matches!(self.format, StatusFormat::Table | StatusFormat::Markdown);
        if self.by.is_some() && !for_people {
            return Err(Error::Usage(
                "--by adds rows to the table and Markdown: JSON carries every KPI's \
                 `breakdowns` without it, and kpi compare KPI --format csv|xlsx gives a \
                 KPI's categories as a sheet"
                    .to_string(),
            ));
        }
        let encoding = crate::output::csv_encoding(self.encoding.as_deref(), csv)?;
        Ok(StatusSettings {
            encoding,
            query,
            format: self.format,
            output: self.output.clone(),
            filters: self.selection.filter_words(),
            compact: self.compact,
            by: self.by.clone(),
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
        let mut eval = super::evaluate(&m.plan, &m.ledger, &settings.query)?;
        category::attach(&m.plan, &mut eval, &m.ledger.categories);
        let by = settings.by.as_deref();
        Ok(StatusDoc {
            plan: &m.plan,
            eval,
            compact: settings.compact,
            filters: &settings.filters,
            by: by.and_then(|by| breakdowns::dimension_named(&m.plan, by)),
        })
    })?;
    if let Some(by) = settings.by.as_deref() {
        if docs.iter().all(|d| d.by.is_none()) {
            return Err(unknown_dimension(&scope, by));
        }
    }
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

/// `--by` naming no dimension of the plans covered: the error names theirs.
fn unknown_dimension(scope: &Scope, by: &str) -> Error {
    let mut names: Vec<String> = scope
        .covered_members()
        .flat_map(|m| m.plan.dimensions.iter())
        .map(|d| format!("{} ({})", d.id, d.name))
        .collect();
    names.dedup();
    Error::Usage(match names.is_empty() {
        true => format!(
            "--by {by}: the plan declares no dimensions ([[dimension]], docs/breakdowns.md)"
        ),
        false => format!(
            "--by {by}: the plan has no dimension of that id or name; its dimensions: {}",
            names.join(", ")
        ),
    })
}
