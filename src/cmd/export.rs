//! `kpi export plan`: the plan written back out as the office KPI sheet
//! (CSV), one row per KPI per measure, which `kpi init --from` reads back.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::plan;
use crate::sheet::cp932::changed_cells;
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

pub fn run(global: &GlobalArgs, args: &ExportArgs, out: &mut dyn Write) -> Result<i32> {
    let encoding = super::template::encoding_arg(&args.encoding)?;
    let path = super::plan_path(global)?;
    let (plan, warnings) = plan::load(&path).map_err(Error::Invalid)?;
    super::print_warnings(&warnings);
    let lang = super::style(global, &plan).lang;
    let exported = sheet(&plan, lang);
    for w in &exported.warnings {
        eprintln!("warning: {}: {w}", path.display());
    }
    if encoding == Encoding::Cp932 {
        refuse_what_cp932_changes(&exported.text)?;
    }
    super::template::write_sheet(&exported.text, encoding, args.output.as_deref(), out)?;
    Ok(0)
}

/// The sheet must come back from CP932 as written (docs/sheet.md, "The
/// round trip"): every cell it would change is named, and nothing written.
fn refuse_what_cp932_changes(text: &str) -> Result<()> {
    const SHOWN: usize = 10;
    let changed = changed_cells(text);
    if changed.is_empty() {
        return Ok(());
    }
    let mut cells: Vec<String> = changed.iter().take(SHOWN).map(|c| c.describe()).collect();
    if changed.len() > SHOWN {
        cells.push(format!("and {} more cells", changed.len() - SHOWN));
    }
    Err(Error::Usage(format!(
        "--encoding cp932 would change the sheet's text, and kpi init --from would read it back changed: {}; use --encoding utf-8-bom, or write the plan's text as CP932 keeps it (～ for 〜, ∥ for ‖, ￢ for ¬)",
        cells.join("; ")
    )))
}
