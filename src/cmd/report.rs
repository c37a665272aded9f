//! `kpi report`: the whole status as a document: Markdown or self-contained HTML.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::select::SelectionArgs;
use crate::cli::GlobalArgs;
use crate::error::Result;
use crate::progress::Query;
use crate::render;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file with charts, to print or hand out
    Html,
    /// Markdown tables, for a pull-request comment or a CI job summary
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,

    /// html or markdown [default: markdown when --output ends in .md or
    /// .markdown, else html]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Write the report to this file (replaced whole, never half-written)
    /// instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

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
        super::output::check(self.output.as_deref(), false, "report.html")?;
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

pub fn run(global: &GlobalArgs, settings: &ReportSettings, out: &mut dyn Write) -> Result<i32> {
    let loaded = super::load(global)?;
    // An --output over the plan or the ledger, however it is spelled, is
    // refused before any other work.
    super::check_output(&loaded.plan, settings.output.as_deref())?;
    super::print_warnings(&loaded.warnings);
    let eval = loaded.evaluate(&settings.query)?;
    let style = super::style(global, &loaded.plan);
    let text = match settings.format {
        ReportFormat::Html => render::html::render(&loaded.plan, &eval, &style),
        ReportFormat::Markdown => render::report_md::render(&loaded.plan, &eval, &style),
    };
    super::output::write(
        &loaded.plan,
        text.as_bytes(),
        settings.output.as_deref(),
        out,
    )?;
    Ok(0)
}
