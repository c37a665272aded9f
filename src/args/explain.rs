//! `kpi explain`'s command line (clap only; checked by `cmd::explain`).

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The KPI's id or its name (as import and record read them)
    pub kpi: String,

    /// Evaluate as of this fiscal year [default: the newest year in the ledger]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// table, json or markdown (a report's appendix)
    #[arg(long, value_enum, default_value_t = ExplainFormat::Table)]
    pub format: ExplainFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    Table,
    Json,
    Markdown,
}
