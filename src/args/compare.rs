//! `kpi compare`'s command line (clap only; checked into settings by `cmd::compare`).

use std::path::PathBuf;

use clap::ValueEnum;

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The KPI's id or its name (as import and record read them)
    pub kpi: String,

    /// The dimension to compare the categories of [default: the KPI's only one, or the
    /// first of its breakdowns]
    #[arg(long, value_name = "DIM")]
    pub by: Option<String>,

    /// Evaluate as of this fiscal year [default: the newest year in the ledger]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// Order the rows by the latest figure, the change since the baseline, or the
    /// dimension's order [default: achievement when the KPI has category targets, else value]
    #[arg(long, value_enum)]
    pub sort: Option<CompareSort>,

    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,

    /// Write the output to this file (replaced whole) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV only: utf-8 (the default), utf-8-bom (Excel opens it cleanly) or cp932 (Shift_JIS, for old Excel)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareSort {
    Value,
    Change,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Table,
    Json,
    Csv,
    Markdown,
    // A workbook: to -o FILE, or to stdout when it is not a terminal.
    Xlsx,
}
