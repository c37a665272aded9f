//! `kpi recover`'s command line (clap only; checked into settings by `cmd::recover`).

#[allow(unused_imports)]
use std::path::PathBuf;

#[allow(unused_imports)]
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct RecoverArgs {
    /// Finish the interrupted import: every file it was replacing gets its new
    /// content, also a file changed since (which is named)
    #[arg(long, conflicts_with = "abandon")]
    pub finish: bool,

    /// Give the interrupted import up: every ledger file stays as it is now; the
    /// journal and the import's temporary files are removed (then import again)
    #[arg(long)]
    pub abandon: bool,
}
