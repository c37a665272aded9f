//! `kpi status`'s command line (clap only; checked into settings by `cmd::status`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use super::select::{ScopeArgs, SelectionArgs};
#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

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

    /// Add a row per category of this dimension under each KPI broken down by it
    /// (the table and Markdown; JSON always carries each KPI's `breakdowns`)
    #[arg(long, value_name = "DIM")]
    pub by: Option<String>,
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
