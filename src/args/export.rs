//! `kpi export`'s command line (clap only; checked into settings by `cmd::export`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

/// What `kpi export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// The plan's goals, measures and KPIs as the office KPI sheet
    Plan,
    /// The ledger's figures as SDMX-CSV 2.0, a row per figure (to -o FILE or stdout)
    Sdmx,
    /// Per KPI, the data and metadata files Open SDG's site builder reads (to -o DIR)
    OpenSdg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    /// A workbook: to -o FILE, or to stdout when it is not a terminal
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export
    #[arg(value_enum)]
    pub what: What,

    /// The plan sheet's format [default: xlsx when -o ends in .xlsx, else csv]
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,

    /// The plan sheet's encoding: utf-8-bom (Excel opens it cleanly), cp932 (Shift_JIS, for
    /// old Excel) or utf-8 [default: utf-8-bom]; open data is always UTF-8
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,

    /// Write to this file instead of stdout (open-sdg: the folder to write into)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
