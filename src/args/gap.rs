//! `kpi gap`'s command line (clap only; checked into settings by `cmd::gap`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use super::select::{ScopeArgs, SelectionArgs};
#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct GapArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,

    #[arg(long, value_enum, default_value_t = GapFormat::Table)]
    pub format: GapFormat,

    /// Write the output to this file (replaced whole) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV only: utf-8 (the default), utf-8-bom (Excel opens it cleanly) or cp932 (Shift_JIS, for old Excel)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GapFormat {
    Table,
    Json,
    Csv,
    Markdown,
    // A workbook: to -o FILE, or to stdout when it is not a terminal.
    Xlsx,
}
