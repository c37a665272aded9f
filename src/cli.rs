//! Command-line definitions (clap derive) and the options every command shares.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "kpi",
    version,
    about = "A KPI ledger for public-sector strategic plans: plan, actuals, progress",
    long_about = None
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The plan: a kpi.toml or the folder holding one [default: $KPI_PLAN, else the
    /// nearest kpi.toml in this folder or a parent]
    #[arg(long, global = true, value_name = "PATH")]
    pub plan: Option<PathBuf>,

    /// Language of headings and status words [default: from LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    /// Colour status words: auto colours a terminal unless NO_COLOR is set
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Draw tables with ASCII only (also KPI_ASCII=1), for terminals that draw
    /// ambiguous-width characters two columns wide
    #[arg(long, global = true)]
    pub ascii: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Ja,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    // A workbook (status, gap, missing): to -o FILE, or to stdout when it is not a terminal.
    Xlsx,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Progress table: every KPI against its baseline and target, grouped by goal and measure
    Status(StatusArgs),
    /// One KPI in full: every year's actual against the expected path
    Show(ShowArgs),
    /// Check the plan and the ledger; report every problem with its file and line
    Validate,
    /// Year-end import of CSV files and workbooks into the ledger (actuals-format.md)
    Import(crate::cmd::import::ImportArgs),
    /// A CSV sheet (or a workbook) for one year, to send to the offices that report figures
    Template(crate::cmd::template::TemplateArgs),
    /// Record one figure by hand, through the same checks as import
    Record(crate::cmd::record::RecordArgs),
    /// After an import was interrupted: finish it, or give it up
    Recover(crate::cmd::recover::RecoverArgs),
    /// For CI: list the KPIs in failing statuses; exit 1 if there are any
    Check(crate::cmd::check::CheckArgs),
    /// Gap to target: what it would take to reach each target
    Gap(crate::cmd::gap::GapArgs),
    /// The whole status as a document: Markdown or self-contained HTML
    Report(crate::cmd::report::ReportArgs),
    /// Who still owes figures for a year, by owning office
    Missing(crate::cmd::missing::MissingArgs),
    /// Start a new plan folder, or build kpi.toml from an office KPI sheet
    Init(crate::cmd::init::InitArgs),
    /// Write the plan back out, e.g. as the office KPI sheet (CSV or a workbook)
    Export(crate::cmd::export::ExportArgs),
}

/// Which KPIs to evaluate, and as of when: the options `status`, `check`,
/// `gap` and `report` share.
#[derive(Debug, Args, Clone, Default)]
pub struct Scope {
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

/// A `Scope` and a status filter (`kpi check` has `--fail-on` instead).
#[derive(Debug, Args, Clone, Default)]
pub struct Selection {
    #[command(flatten)]
    pub scope: Scope,

    /// Only KPIs in these statuses (comma list: achieved,on_track,at_risk,off_track,
    /// worsening,missed,no_data; `stale` for stale KPIs)
    #[arg(long, value_name = "STATUS,…", value_delimiter = ',')]
    pub status: Vec<String>,
}

/// `sel.goal` reads the scope's goal: the status filter is the only addition.
impl std::ops::Deref for Selection {
    type Target = Scope;

    fn deref(&self) -> &Scope {
        &self.scope
    }
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub selection: Selection,

    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write the output to this file (replaced whole) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The KPI's id
    pub kpi: String,

    /// Evaluate as of this fiscal year [default: the newest year in the ledger]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// table or json
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}
