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

/// `kpi diff [FROM] [TO]`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier evaluation: a year (the published evaluation of that year when there is
    /// one, else that year recomputed now), published:YEAR or now:YEAR [default: the newest
    /// evaluation published before TO]
    #[arg(value_name = "FROM")]
    pub from: Option<String>,

    /// The later evaluation, as FROM [default: the as-of year, the newest year in the ledger]
    #[arg(value_name = "TO")]
    pub to: Option<String>,

    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
    Markdown,
}
