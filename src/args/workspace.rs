//! `kpi workspace`'s command line (clap only; checked into settings by `cmd::workspace`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct WorkspaceArgs {
    #[command(subcommand)]
    pub command: WorkspaceCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum WorkspaceCommand {
    /// Bring an existing plan folder in as a member: its actuals merged into the
    /// workspace's ledger (conflicts refused), its `actuals` setting removed
    Adopt(AdoptArgs),
}

#[derive(Debug, clap::Args)]
pub struct AdoptArgs {
    /// The plan's folder (or its kpi.toml), below the workspace's root
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}
