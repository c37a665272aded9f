//! `kpi publish`'s and `kpi diff`'s command lines (clap only; checked into
//! settings by `cmd::publish` and `cmd::diff`).

/// `kpi publish [--year A] [--replace]`: no `-o`, by design.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// The fiscal year to publish (2018, FY2018, H30, 平成30年度) [default: the newest year in
    /// the ledger]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// Publish again over a published year; the file replaced is kept as
    /// evaluations/YEAR.replaced-N.json
    #[arg(long)]
    pub replace: bool,
}
