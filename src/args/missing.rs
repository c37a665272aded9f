//! `kpi missing`'s command line (clap only; checked into settings by `cmd::missing`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct MissingArgs {
    /// The fiscal year to chase (the collection year: figures for it, or for it
    /// less the lag of a lagged KPI) [default: the year being collected: the newest
    /// year in the ledger while a KPI due then lacks its figure, else the next]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// Only KPIs reported by this owning office (担当課)
    #[arg(long, value_name = "OFFICE")]
    pub owner: Option<String>,

    #[arg(long, value_enum, default_value_t = MissingFormat::Table)]
    pub format: MissingFormat,

    /// Write the output to this file (replaced whole) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV only: utf-8 (the default), utf-8-bom (Excel opens it cleanly) or cp932 (Shift_JIS, for old Excel)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MissingFormat {
    Table,
    Json,
    Csv,
    Markdown,
    // A workbook: to -o FILE, or to stdout when it is not a terminal.
    Xlsx,
}
