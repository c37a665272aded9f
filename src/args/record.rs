//! `kpi record`'s command line (clap only; checked into settings by `cmd::record`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// The KPI: its id or its exact name in the plan
    pub kpi: String,

    /// The fiscal year (2015, FY2015, 2015年度, H27, 平成27年度)
    pub year: String,

    /// The figure, as kpi import reads it (2788, 2,788, 19%, △3)
    #[arg(allow_hyphen_values = true)]
    pub value: String,

    /// A note to keep with the figure
    #[arg(long)]
    pub note: Option<String>,

    /// Where the figure comes from
    #[arg(long)]
    pub source: Option<String>,

    /// Record a preliminary figure (速報値); a final one replaces it later
    /// without --replace
    #[arg(long)]
    pub preliminary: bool,

    /// Replace the ledger's figure for this KPI and year if it differs
    #[arg(long)]
    pub replace: bool,

    /// Show what would change and write nothing
    #[arg(long)]
    pub dry_run: bool,
}
