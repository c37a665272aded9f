//! `kpi export plan`: the plan written back out as the office KPI sheet
//! (CSV), one row per KPI per measure, which `kpi init --from` reads back.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::plan;
use crate::sheet::write::sheet;

/// What `kpi export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// The plan's goals, measures and KPIs as the office KPI sheet
    Plan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export
    #[arg(value_enum)]
    pub what: What,

    /// The sheet's format
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,

    /// utf-8-bom (Excel opens it cleanly), cp932 (Shift_JIS, for old Excel) or utf-8
    #[arg(long, value_name = "ENCODING", default_value = "utf-8-bom")]
    pub encoding: String,

    /// Write the sheet to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `kpi export`'s arguments, checked.
#[derive(Debug)]
pub struct ExportSettings {
    pub encoding: Encoding,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
}

impl ExportArgs {
    pub fn settings(&self) -> Result<ExportSettings> {
        // `what` and `format` have one value each: clap has checked them.
        let (What::Plan, ExportFormat::Csv) = (self.what, self.format);
        Ok(ExportSettings {
            encoding: super::template::encoding_arg(&self.encoding)?,
            output: self.output.clone(),
        })
    }
}

pub fn run(global: &GlobalArgs, settings: &ExportSettings, out: &mut dyn Write) -> Result<i32> {
    let path = super::plan_path(global)?;
    let (plan, warnings) = plan::load(&path).map_err(Error::Invalid)?;
    super::print_warnings(&warnings);
    let lang = super::style(global, &plan).lang;
    let exported = sheet(&plan, lang);
    for w in &exported.warnings {
        eprintln!("warning: {}: {w}", path.display());
    }
    super::template::write_sheet(
        &exported.text,
        settings.encoding,
        settings.output.as_deref(),
        out,
    )?;
    Ok(0)
}
