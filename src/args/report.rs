//! `kpi report`'s command line (clap only; checked into settings by `cmd::report`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use super::select::{ScopeArgs, SelectionArgs};
#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

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
