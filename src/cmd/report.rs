//! `kpi report`: the whole status as a document: Markdown or self-contained HTML.

pub use crate::args::report::{ReportArgs, ReportFormat};

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::output::Sink;
use crate::progress::Query;
use crate::render;
use crate::render::many::{style_for, Output};
use crate::render::report_ws as ws_report;
use crate::render::Style;
use crate::scope::{Reads, Scope};
use crate::settings::Settings;

/// `kpi report`'s arguments, checked.
#[derive(Debug)]
pub struct ReportSettings {
    pub query: Query,
    pub format: ReportFormat,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
}

impl ReportArgs {
    /// A bad `--output` is a usage error like a bad `--year`: said before
    /// any work, and nothing written.
    pub fn settings(&self) -> Result<ReportSettings> {
        crate::output::check(self.output.as_deref(), false, "report.html")?;
        let format = self.format();
        Ok(ReportSettings {
            query: Query {
                trends: format == ReportFormat::Markdown,
                charts: true,
                ..self.selection.query()?
            },
            format,
            output: self.output.clone(),
        })
    }

    /// The format asked for, else the one the output file's name suggests.
    pub fn format(&self) -> ReportFormat {
        self.format.unwrap_or_else(|| {
            let ext = self
                .output
                .as_deref()
                .and_then(Path::extension)
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            match ext.as_deref() {
                Some("md" | "markdown") => ReportFormat::Markdown,
                _ => ReportFormat::Html,
            }
        })
    }
}

/// A plan alone or one member: its report; several members: one document,
/// a chapter per member, and the appendix of the series two or more of
/// them measure.
pub fn run(global: &Settings, settings: &ReportSettings, out: &mut dyn Write) -> Result<i32> {
    let output = settings.output.as_deref();
    let scope = Scope::open(global, Reads::Ledger)?;
    // An --output over the plan or the ledger, however it is spelled, is
    // refused before any other work.
    let sink = Sink::open(&scope, output, out)?;
    super::print_warnings(scope.warnings());
    let query = &settings.query;
    let evals = scope.each_covered(|m| {
        let mut eval = super::evaluate(&m.plan, &m.ledger, query)?;
        // KPIs with breakdowns: the category table and chart of each.
        let as_of = eval.as_of;
        for k in &mut eval.kpis {
            super::attach_history(&m.plan, &m.ledger, k, as_of);
        }
        Ok((&m.plan, eval))
    })?;
    let base = super::style_years(global, Default::default());
    let text = match crate::output::of(&scope, evals) {
        Output::One((plan, eval)) => {
            let style = style_for(plan, &base);
            match settings.format {
                ReportFormat::Html => render::html::render(plan, &eval, &style),
                ReportFormat::Markdown => render::report_md::render(plan, &eval, &style),
            }
        }
        Output::Many(many) => {
            let chapters: Vec<ws_report::Chapter> = many
                .parts
                .iter()
                .map(|p| ws_report::Chapter {
                    name: p.name,
                    plan: p.doc.0,
                    eval: &p.doc.1,
                })
                .collect();
            let shared = match scope.workspace() {
                Some(loaded) => crate::series_view::shared(loaded, &scope.covered, query.year),
                None => Vec::new(),
            };
            chapters_document(settings.format, many.name, &chapters, &shared, &base)
        }
    };
    sink.write_whole(text.as_bytes())?;
    Ok(0)
}

/// The workspace's report: the members' chapters, then the appendix.
fn chapters_document(
    format: ReportFormat,
    name: &str,
    chapters: &[ws_report::Chapter],
    shared: &[ws_report::Shared],
    style: &Style,
) -> String {
    match format {
        ReportFormat::Html => ws_report::html(name, chapters, shared, style, |c, style, prefix| {
            render::html::body(c.plan, c.eval, style, prefix)
        }),
        ReportFormat::Markdown => ws_report::markdown(name, chapters, shared, style, |c, style| {
            render::report_md::render(c.plan, c.eval, style)
        }),
    }
}
