//! `kpi template`'s command line (clap only; checked into settings by `cmd::template`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The fiscal year the figures are for (2015, FY2015, H27, 平成27年度); for a
    /// KPI with a lag, the year less its lag [default: the year being collected,
    /// as `kpi missing` finds it]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// Only the KPIs this office (担当課) reports
    #[arg(long, value_name = "OFFICE")]
    pub owner: Option<String>,

    /// utf-8-bom (Excel opens it cleanly), cp932 (Shift_JIS, for old Excel) or utf-8
    #[arg(long, value_name = "ENCODING", default_value = "utf-8-bom")]
    pub encoding: String,

    /// Write the sheet to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// csv, or xlsx: a workbook with a protected sheet per office, only the value and
    /// note cells editable [default: xlsx when -o ends in .xlsx, else csv]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<TemplateFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateFormat {
    Csv,
    Xlsx,
}
