//! `kpi export plan`: the plan written back out as the office KPI sheet
//! (CSV, or a workbook), one row per KPI per measure, which `kpi init
//! --from` reads back (from CSV). `kpi export sdmx` and `kpi export
//! open-sdg`: the ledger's figures as open data (`open_data`).

pub use crate::args::export::{ExportArgs, ExportFormat, What};

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::open_data::{open_sdg, sdmx, Figures};
use crate::output::Sink;
use crate::problem::Problems;
use crate::render;
use crate::scope::{Reads, Scope, View};
use crate::settings::Settings;
use crate::sheet::cp932::changed_cells;
use crate::sheet::write::sheet;

/// `kpi export`'s arguments, checked.
#[derive(Debug)]
pub struct ExportSettings {
    pub what: What,
    pub encoding: Encoding,
    /// A workbook, else a CSV sheet.
    pub workbook: bool,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
}

impl ExportArgs {
    pub fn settings(&self) -> Result<ExportSettings> {
        let output = self.output.as_deref();
        if self.what != What::Plan {
            return self.open_data_settings();
        }
        let encoding =
            crate::output::encoding_arg(self.encoding.as_deref().unwrap_or("utf-8-bom"))?;
        let asked = self.format.map(|f| f == ExportFormat::Xlsx);
        let workbook = crate::output::workbook_format(asked, output)?;
        if workbook {
            crate::output::check(output, true, "plan.xlsx")?;
        }
        Ok(ExportSettings {
            what: self.what,
            encoding,
            workbook,
            output: self.output.clone(),
        })
    }

    /// Open data is UTF-8 without a byte-order mark, in one format each;
    /// open-sdg writes a folder, which must be named.
    fn open_data_settings(&self) -> Result<ExportSettings> {
        let name = self.what.name();
        if self.format.is_some() {
            return Err(Error::Usage(format!(
                "--format is for kpi export plan: kpi export {name} writes one format"
            )));
        }
        if self.encoding.is_some() {
            return Err(Error::Usage(format!(
                "--encoding is for kpi export plan: kpi export {name} writes UTF-8 without a byte-order mark, as open data is"
            )));
        }
        let example = if self.what == What::OpenSdg {
            "open-sdg"
        } else {
            "kpi.sdmx.csv"
        };
        match self.output.as_deref() {
            None if self.what == What::OpenSdg => Err(Error::Usage(
                "kpi export open-sdg writes a folder of files: give -o DIR, e.g. -o open-sdg"
                    .to_string(),
            )),
            output => crate::output::check(output, false, example),
        }?;
        Ok(ExportSettings {
            what: self.what,
            encoding: Encoding::Utf8,
            workbook: false,
            output: self.output.clone(),
        })
    }
}

impl What {
    /// As the command line names it.
    fn name(self) -> &'static str {
        match self {
            What::Plan => "plan",
            What::Sdmx => "sdmx",
            What::OpenSdg => "open-sdg",
        }
    }
}

pub fn run(global: &Settings, settings: &ExportSettings, out: &mut dyn Write) -> Result<i32> {
    if settings.what != What::Plan {
        return run_open_data(global, settings, out);
    }
    let output = settings.output.as_deref();
    // A plan alone is exported as written; a member as linked: its KPIs
    // with their series' facts.
    let scope = Scope::open(global, Reads::PlanAsWritten)?;
    let sink = Sink::open(&scope, output, out)?;
    let plan = &one_member(&scope, What::Plan)?.plan;
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

/// The one member the command exports: a plan alone, a member's folder,
/// or `-p NAME` (each member has its own plan and its own open data).
fn one_member(scope: &Scope, what: What) -> Result<&crate::scope::Member> {
    match scope.view() {
        View::One(member) => Ok(member),
        View::Many(_, covered) => Err(Error::Usage(format!(
            "kpi export {} exports one plan, and this covers {} members: run it in a member's folder or pick one with -p NAME",
            what.name(),
            covered.len()
        ))),
    }
}

/// `kpi export sdmx` and `kpi export open-sdg`: the member's figures as
/// written in the ledger, read whole (notes and flags of category figures
/// too). The scope has read the ledger's values and said its warnings; the
/// whole read is the same ledger again.
fn run_open_data(global: &Settings, settings: &ExportSettings, out: &mut dyn Write) -> Result<i32> {
    let scope = Scope::open(global, Reads::Ledger)?;
    let output = settings.output.as_deref();
    let member = one_member(&scope, settings.what)?;
    let plan = &member.plan;
    let whole_plan = scope.workspace().map_or(plan, |w| &w.series);
    // Refused before any work: an output over what kpi reads.
    let sink = match (settings.what, output) {
        (What::OpenSdg, Some(dir)) => {
            check_folder(&scope, dir)?;
            None
        }
        _ => Some(Sink::open(&scope, output, out)?),
    };
    super::print_warnings(scope.warnings());
    let (ledger, _) = crate::ledger::read(whole_plan).map_err(Error::Invalid)?;
    let figures = Figures {
        plan,
        ledger: &ledger,
        series_of: &member.series_of,
    };
    match (sink, output) {
        (Some(mut sink), _) => {
            invalid(sdmx::check(plan))?;
            sdmx::write(&figures, &mut sink).map_err(csv_error)?;
            sink.finish()?;
        }
        (None, dir) => {
            let lang = super::style(global, plan).lang;
            let files = open_sdg::render(&figures, lang).map_err(Error::Invalid)?;
            write_folder(&scope, dir.unwrap_or(Path::new(".")), &files)?;
        }
    }
    Ok(0)
}

/// A write that failed (stdout closed early is an I/O error, which `main`
/// forgives).
fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::Io(e),
        other => Error::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

fn invalid(problems: Problems) -> Result<()> {
    if problems.has_errors() {
        Err(Error::Invalid(problems))
    } else {
        Ok(())
    }
}

/// The folder open-sdg writes: not a file, and not one `kpi` reads from.
fn check_folder(scope: &Scope, dir: &Path) -> Result<()> {
    scope.check_output(Some(dir))?;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "--output {}: is a file; kpi export open-sdg writes a folder (data/ and meta/ in it): name a folder",
            dir.display()
        )));
    }
    Ok(())
}

/// Write `files` under `dir`, each replaced whole; every path is checked
/// first, so that nothing is written when one is refused. Files of the
/// folder that are not ours (another indicator's, a KPI's that the plan
/// no longer has) are left as they are.
fn write_folder(scope: &Scope, dir: &Path, files: &[open_sdg::File]) -> Result<()> {
    for file in files {
        scope.check_output(Some(&dir.join(&file.path)))?;
    }
    let say = |p: crate::problem::Problem| Error::Invalid(Problems(vec![p]));
    for sub in ["data", "meta"] {
        let folder = dir.join(sub);
        std::fs::create_dir_all(&folder)
            .map_err(|e| say(crate::atomic::failed(&folder, "create the folder", &e)))?;
    }
    for file in files {
        crate::atomic::replace_or_say(&dir.join(&file.path), file.text.as_bytes()).map_err(say)?;
    }
    Ok(())
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
