//! `kpi check`'s command line (clap only; checked into settings by `cmd::check`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use super::select::{ScopeArgs, SelectionArgs};
#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

/// The statuses that fail the check unless `--fail-on` says otherwise.
pub const DEFAULT_FAIL_ON: &str = "off_track,worsening,missed";

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,

    /// Statuses that fail the check: a comma list of achieved, on_track, at_risk,
    /// off_track, worsening, missed, no_data; stale for stale KPIs; preliminary for
    /// KPIs whose latest figure is preliminary (速報値); unexplained: the statuses listed
    /// (off_track, worsening, missed when none is) only where the year's review has no
    /// comment for the KPI
    #[arg(
        long,
        value_name = "STATUS,…",
        value_delimiter = ',',
        default_value = DEFAULT_FAIL_ON
    )]
    pub fail_on: Vec<String>,

    /// text: a line per flagged KPI and a summary; json; github: workflow annotations
    /// on the plan; junit: JUnit XML, a test case per KPI
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Print nothing on stdout: the exit code is the verdict
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Github,
    Junit,
}
