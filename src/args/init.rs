//! `kpi init`'s command line (clap only; checked into settings by `cmd::init`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create the plan in [default: this folder]
    pub dir: Option<PathBuf>,

    /// Build kpi.toml from an office's KPI sheet (CSV) instead of the commented example
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,

    /// The sheet's encoding with --from [default: detected]
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,

    /// In a workspace: start the plan as the successor of this member's folder: every
    /// KPI copied with its series, baselines from the ledger (needs --baseline-year)
    #[arg(
        long,
        value_name = "OLD",
        conflicts_with = "from",
        requires = "baseline_year"
    )]
    pub successor: Option<PathBuf>,

    /// With --successor: the new plan's baseline year, whose ledger figures become its
    /// baselines (R1, FY2019, 2019, 令和元年度)
    #[arg(long, value_name = "YEAR", requires = "successor")]
    pub baseline_year: Option<String>,
}
