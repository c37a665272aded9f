//! The command line (clap derive only): the options every command takes,
//! which command runs, and each command's own arguments, a module each
//! (`args::status::StatusArgs`); the arguments several commands share are
//! `args::select`'s. Nothing here imports `cmd`: `cmd` checks these into
//! each command's settings, and `settings` decides the shared ones.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod check;
pub mod compare;
pub mod completions;
pub mod explain;
pub mod export;
pub mod gap;
pub mod import;
pub mod init;
pub mod missing;
pub mod publish;
pub mod record;
pub mod recover;
pub mod report;
pub mod select;
pub mod show;
pub mod status;
pub mod template;
pub mod workspace;

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

/// The options every command takes, under their own heading in every
/// command's help ("Global options"), apart from the command's own, as
/// cargo and ripgrep group theirs.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The plan: a kpi.toml or the folder holding one [default: $KPI_PLAN, else the
    /// nearest kpi.toml in this folder or a parent]
    #[arg(long, global = true, value_name = "PATH")]
    pub plan: Option<PathBuf>,

    /// The workspace: a kpi-workspace.toml or the folder holding one [default:
    /// $KPI_WORKSPACE, else the nearest one above the plan that lists it]
    #[arg(long, global = true, value_name = "PATH")]
    pub workspace: Option<PathBuf>,

    /// In a workspace: cover every member
    #[arg(long, global = true)]
    pub all: bool,

    /// In a workspace: cover the member of this folder name (repeat for more)
    #[arg(long = "member", short = 'p', global = true, value_name = "NAME")]
    pub members: Vec<String>,

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

    /// Lay terminal tables out for this many columns, 60 or more [default: the
    /// terminal's width when stdout is a terminal, else COLUMNS, else unlimited]
    #[arg(long, global = true, value_name = "N", value_parser = parse_width)]
    pub width: Option<usize>,
}

/// `--width`: a number of columns, at least the 60 kpi's tables need.
fn parse_width(text: &str) -> Result<usize, String> {
    let n: usize = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of columns; write one such as 80 or 120"))?;
    if n < crate::environment::MIN_WIDTH {
        return Err(format!(
            "{n} columns is narrower than the {} kpi's tables need; write {} or more",
            crate::environment::MIN_WIDTH,
            crate::environment::MIN_WIDTH
        ));
    }
    Ok(n)
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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Progress table: every KPI against its baseline and target, grouped by goal and measure
    Status(status::StatusArgs),
    /// One KPI in full: every year's actual against the expected path
    Show(show::ShowArgs),
    /// The arithmetic behind one KPI's status and grade, term by term
    Explain(explain::ExplainArgs),
    /// Check the plan and the ledger; report every problem with its file and line
    Validate,
    /// Year-end import of CSV files and workbooks into the ledger (actuals-format.md)
    Import(import::ImportArgs),
    /// A CSV sheet (or a workbook) for one year, to send to the offices that report figures
    Template(template::TemplateArgs),
    /// Record one figure by hand, through the same checks as import
    Record(record::RecordArgs),
    /// After an import was interrupted: finish it, or give it up
    Recover(recover::RecoverArgs),
    /// For CI: list the KPIs in failing statuses; exit 1 if there are any
    Check(check::CheckArgs),
    /// Gap to target: what it would take to reach each target
    Gap(gap::GapArgs),
    /// One KPI's categories side by side (a prefecture's municipalities): latest figure,
    /// change, achievement, status and rank, the total last
    Compare(compare::CompareArgs),
    /// The whole status as a document: Markdown or self-contained HTML
    Report(report::ReportArgs),
    /// Publish a year's evaluation as the council reads it: evaluations/YEAR.json, never
    /// overwritten without --replace
    Publish(publish::PublishArgs),
    /// What changed between two evaluations: statuses and grades, figures and targets revised,
    /// KPIs added or removed
    Diff(publish::DiffArgs),
    /// Who still owes figures for a year, by owning office
    Missing(missing::MissingArgs),
    /// Start a new plan folder, or build kpi.toml from an office KPI sheet; or a workspace
    /// (--workspace DIR), or a member succeeding another (--successor)
    Init(init::InitArgs),
    /// Workspaces: bring an existing plan folder in as a member (adopt)
    Workspace(workspace::WorkspaceArgs),
    /// Write the plan back out as the office KPI sheet (CSV or a workbook), or the ledger's
    /// figures as open data (SDMX-CSV, Open SDG)
    Export(export::ExportArgs),
    /// A completion script for bash, zsh, fish or PowerShell, to stdout
    Completions(completions::CompletionsArgs),
    /// The manual page (roff), to stdout: kpi man > kpi.1
    Man,
}
