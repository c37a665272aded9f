//! `kpi show`'s command line (clap only; checked into settings by `cmd::show`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The KPI's id or its name (as import and record read them)
    pub kpi: String,

    /// Evaluate as of this fiscal year [default: the newest year in the ledger]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// table or json
    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,

    /// In a workspace: the indicator (the shared series) across every plan
    /// using it, even where a member has a KPI of that id
    #[arg(long)]
    pub indicator: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
}
