//! `kpi export plan`: the plan written back out as the office KPI sheet
//! (CSV, or a workbook), one row per KPI per measure, which `kpi init
//! --from` reads back (from CSV).

pub use crate::args::export::{ExportArgs, ExportFormat, What};

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::output::Sink;
use crate::render;
use crate::scope::{Reads, Scope, View};
use crate::settings::Settings;
use crate::sheet::cp932::changed_cells;
use crate::sheet::write::sheet;

/// `kpi export`'s arguments, checked.
#[derive(Debug)]
pub struct ExportSettings {
    pub encoding: Encoding,
    /// A workbook, else a CSV sheet.
    pub workbook: bool,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
}

impl ExportArgs {
    pub fn settings(&self) -> Result<ExportSettings> {
        // `what` has one value: clap has checked it.
        let What::Plan = self.what;
        let encoding = crate::output::encoding_arg(&self.encoding)?;
        let output = self.output.as_deref();
        let asked = self.format.map(|f| f == ExportFormat::Xlsx);
        let workbook = crate::output::workbook_format(asked, output)?;
        if workbook {
            crate::output::check(output, true, "plan.xlsx")?;
        }
        Ok(ExportSettings {
            encoding,
            workbook,
            output: self.output.clone(),
        })
    }
}

pub fn run(global: &Settings, settings: &ExportSettings, out: &mut dyn Write) -> Result<i32> {
    let output = settings.output.as_deref();
    // A plan alone is exported as written; a member as linked: its KPIs
    // with their series' facts.
    let scope = Scope::open(global, Reads::PlanAsWritten)?;
    let sink = Sink::open(&scope, output, out)?;
    let plan = match scope.view() {
        View::One(member) => &member.plan,
        View::Many(_, covered) => {
            return Err(Error::Usage(format!(
                "kpi export plan exports one plan, and this covers {} members: run it in a member's folder or pick one with -p NAME",
                covered.len()
            )))
        }
    };
    let warnings = scope.warnings();
    let path = plan.path.clone();
    super::print_warnings(warnings);
    let lang = super::style(global, plan).lang;
    if settings.workbook {
        let (bytes, cannot) =
            render::xlsx::plan::render(plan, lang).map_err(crate::output::xlsx_error)?;
        for w in &cannot {
            eprintln!("warning: {}: {w}", path.display());
        }
        sink.write_whole(&bytes)?;
        return Ok(0);
    }
    let exported = sheet(plan, lang);
    for w in &exported.warnings {
        eprintln!("warning: {}: {w}", path.display());
    }
    if settings.encoding == Encoding::Cp932 {
        refuse_what_cp932_changes(&exported.text)?;
    }
    sink.write_sheet(&exported.text, settings.encoding)?;
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
