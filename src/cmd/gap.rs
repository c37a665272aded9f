//! `kpi gap`: gap to target: what it would take to reach each target.

pub use crate::args::gap::{GapArgs, GapFormat};

use std::io::Write;
use std::path::PathBuf;

use super::output::Sink;
use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::progress::{gap, Query};
use crate::render;
use crate::render::workspace as ws;
use crate::scope::{Reads, Scope, View};
use crate::settings::Settings;
use crate::workspace::LoadedWorkspace;

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
        super::output::check(self.output.as_deref(), workbook, "gap.xlsx")?;
        let csv = self.format == GapFormat::Csv;
        let encoding = super::output::csv_encoding(self.encoding.as_deref(), csv)?;
        Ok(GapSettings {
            encoding,
            query,
            format: self.format,
            output: self.output.clone(),
            filters: self.selection.filter_words(),
        })
    }
}

pub fn run(global: &Settings, settings: &GapSettings, out: &mut dyn Write) -> Result<i32> {
    let output = settings.output.as_deref();
    let scope = Scope::open(global, Reads::Ledger)?;
    // Never over the plan or the ledger, before any work.
    let mut sink = Sink::open(&scope, output, out)?;
    let member = match scope.view() {
        View::One(member) => member,
        View::Many(ws, _) => return many(global, settings, &scope, ws, sink),
    };
    super::print_warnings(scope.warnings());
    let eval = super::evaluate(&member.plan, &member.ledger, &settings.query)?;
    let rows = gap::rows(&member.plan, &member.ledger.series, &eval);
    let report = render::gap::GapReport {
        plan: &member.plan,
        eval: &eval,
        rows: &rows,
    };
    let mut style = super::style(global, &member.plan);
    if sink.is_file() {
        // A file is not laid out for the terminal's width.
        style.width = None;
    }
    let text = match settings.format {
        GapFormat::Table if eval.kpis.is_empty() => {
            render::table::no_match(&settings.filters, &eval, &style)
        }
        GapFormat::Table => render::gap::table(&report, &style),
        GapFormat::Markdown => render::gap::markdown(&report, &style),
        // Streamed, as status's is: one row's object at a time.
        GapFormat::Json => {
            render::gap::write_json(&report, &mut sink)?;
            sink.finish()?;
            return Ok(0);
        }
        GapFormat::Csv => {
            render::gap::csv(&report).map_err(|e| Error::Io(std::io::Error::other(e)))?
        }
        GapFormat::Xlsx => {
            let bytes = render::xlsx::gap::render(&report, style.lang)
                .map_err(super::output::xlsx_error)?;
            sink.write_whole(&bytes)?;
            return Ok(0);
        }
    };
    let bytes = super::output::encoded(&text, settings.encoding)?;
    sink.write_whole(&bytes)?;
    Ok(0)
}

/// `kpi gap` across several members of a workspace: a section per member
/// (its heading, then its table as the plan alone prints it); Markdown one
/// member after another; JSON the workspace document around each member's
/// gap document; CSV with a leading `plan` column; a workbook a sheet per
/// member.
fn many(
    global: &Settings,
    settings: &GapSettings,
    scope: &Scope,
    loaded: &LoadedWorkspace,
    sink: Sink,
) -> Result<i32> {
    super::print_warnings(scope.warnings());
    let query = &settings.query;
    let evals = scope.each_covered(|m| super::evaluate(&m.plan, &m.ledger, query))?;
    let members: Vec<_> = scope.covered_members().collect();
    let rows: Vec<Vec<gap::Row>> = members
        .iter()
        .zip(&evals)
        .map(|(m, eval)| gap::rows(&m.plan, &m.ledger.series, eval))
        .collect();
    let reports: Vec<render::gap::GapReport> = members
        .iter()
        .enumerate()
        .map(|(i, m)| render::gap::GapReport {
            plan: &m.plan,
            eval: &evals[i],
            rows: &rows[i],
        })
        .collect();
    let mut base = super::style_years(global, Default::default());
    if sink.is_file() {
        base.width = None;
    }
    let style_of = |i: usize| render::Style {
        year_style: members[i].plan.year_style,
        ..base
    };
    let bytes: Vec<u8> = match settings.format {
        GapFormat::Table => {
            let mut text = String::new();
            for (i, report) in reports.iter().enumerate() {
                let style = style_of(i);
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(&ws::member_heading(&members[i].name, &style));
                text.push_str(&if report.eval.kpis.is_empty() {
                    render::table::no_match(&settings.filters, report.eval, &style)
                } else {
                    render::gap::table(report, &style)
                });
            }
            text.into_bytes()
        }
        GapFormat::Markdown => {
            let mut text = String::new();
            for (i, report) in reports.iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(&render::gap::markdown(report, &style_of(i)));
            }
            text.into_bytes()
        }
        GapFormat::Json => {
            let heads = ws::heads(loaded.workspace.root(), &members);
            let mut bytes = Vec::new();
            ws::write_json(
                &loaded.workspace.file.name,
                &heads,
                |i, buf| render::gap::write_json(&reports[i], buf),
                &mut bytes,
            )?;
            bytes
        }
        GapFormat::Csv => {
            let parts = members
                .iter()
                .zip(&reports)
                .map(|(m, report)| (m.name.as_str(), render::gap::csv_rows(report)));
            let text = ws::csv_with_plan(render::gap::csv_header(), parts)
                .map_err(|e| Error::Io(std::io::Error::other(e)))?;
            let text = String::from_utf8(text).map_err(std::io::Error::other)?;
            super::output::encoded(&text, settings.encoding)?
        }
        GapFormat::Xlsx => {
            let lang = base.lang;
            let mut taken: Vec<String> = Vec::new();
            let sheets: Vec<_> = reports
                .iter()
                .zip(&members)
                .map(|(report, m)| {
                    let mut sheet = render::xlsx::gap::sheet(report, lang);
                    sheet.name = crate::workbook::write::sheet_name(&m.name, &taken);
                    taken.push(sheet.name.clone());
                    sheet
                })
                .collect();
            crate::workbook::write::tables(&sheets).map_err(super::output::xlsx_error)?
        }
    };
    sink.write_whole(&bytes)?;
    super::finish(reports);
    super::finish(rows);
    super::finish(evals);
    Ok(0)
}
