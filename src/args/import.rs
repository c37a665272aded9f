//! `kpi import`'s command line (clap only; checked into settings by `cmd::import`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// CSV files (long kpi,year,value or wide kpi,H27,H28; UTF-8 or CP932) or workbooks
    /// (.xlsx, .xlsm, .xls, .ods) to import
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Only this worksheet of each workbook: its name or its 1-based number [default:
    /// every worksheet with a KPI table]
    #[arg(long, value_name = "NAME|N")]
    pub sheet: Option<String>,

    /// The files' encoding [default: detected]: utf-8, utf-8-bom, cp932 (also ms932,
    /// windows-31j, shift_jis, sjis)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,

    /// The fiscal year of rows that give none (a long file with no year column);
    /// every row must then be of this year
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// Replace ledger figures that differ from the import's, instead of refusing the import
    #[arg(long)]
    pub replace: bool,

    /// Show what would change, row by row, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}
