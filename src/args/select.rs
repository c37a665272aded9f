//! `kpi select`'s command line (clap only; checked into settings by `crate::select`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

/// Which KPIs to evaluate, and as of when.
#[derive(Debug, Args, Clone, Default)]
pub struct ScopeArgs {
    /// Evaluate as of this fiscal year (2018, FY2018, H30, 平成30年度); later actuals are
    /// ignored [default: the newest year in the ledger]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// Only KPIs that lead up to this goal id
    #[arg(long, value_name = "ID")]
    pub goal: Option<String>,

    /// Only KPIs under this measure id (or its sub-measures)
    #[arg(long, value_name = "ID")]
    pub measure: Option<String>,

    /// Only KPIs reported by this owning office (担当課)
    #[arg(long, value_name = "OFFICE")]
    pub owner: Option<String>,
}

/// `ScopeArgs` and a status filter (`kpi check` has `--fail-on` instead).
#[derive(Debug, Args, Clone, Default)]
pub struct SelectionArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,

    /// Only KPIs in these statuses (comma list: achieved,on_track,at_risk,off_track,
    /// worsening,missed,no_data; `stale` for stale KPIs)
    #[arg(long, value_name = "STATUS,…", value_delimiter = ',')]
    pub status: Vec<String>,
}
