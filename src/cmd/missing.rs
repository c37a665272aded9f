//! `kpi missing`: who still owes figures for the year being collected.
//! Exit 0 when nothing is missing, 1 when something is, 2 on bad input.

pub use crate::args::missing::{MissingArgs, MissingFormat};

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::ledger::years;
use crate::output::Sink;
use crate::plan::Plan;
use crate::progress::{coverage, Scope as KpiScope};
use crate::render;
use crate::scope::{Member, Reads, Scope, View};
use crate::select;
use crate::series_view::Needs;
use crate::settings::Settings;
use crate::year::FiscalYear;

/// `kpi missing`'s arguments, checked (the owner against the plan, once loaded).
#[derive(Debug)]
pub struct MissingSettings {
    /// The year asked for; else the year being collected.
    pub year: Option<FiscalYear>,
    pub scope: KpiScope,
    pub format: MissingFormat,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
    /// The CSV's encoding (UTF-8 for every other format).
    pub encoding: Encoding,
}

impl MissingArgs {
    pub fn settings(&self) -> Result<MissingSettings> {
        let year = self.year.as_deref().map(select::parse_year).transpose()?;
        let workbook = self.format == MissingFormat::Xlsx;
        crate::output::check(self.output.as_deref(), workbook, "missing.xlsx")?;
        let csv = self.format == MissingFormat::Csv;
        let encoding = crate::output::csv_encoding(self.encoding.as_deref(), csv)?;
        Ok(MissingSettings {
            encoding,
            year,
            scope: select::owner_scope(self.owner.as_deref()),
            format: self.format,
            output: self.output.clone(),
        })
    }
}

pub fn run(global: &Settings, settings: &MissingSettings, out: &mut dyn Write) -> Result<i32> {
    let scope = Scope::open(global, Reads::Ledger)?;
    // Never over the plans or the ledger, before any work.
    let sink = Sink::open(&scope, settings.output.as_deref(), out)?;
    super::print_warnings(scope.warnings());
    match scope.view() {
        // One member: its own KPIs, as a plan alone (byte for byte).
        View::One(member) => {
            let (year, by_owner) = alone(settings, member)?;
            write(global, settings, &member.plan, year, &by_owner, None, sink)
        }
        // Across several members (workspace.md): a row per series, not per
        // KPI, so that an office reports a figure once however many plans
        // use it; a series is due in a year if any covered member's KPI on
        // it is due then (each by its own years), and its row names the
        // plans that need it.
        View::Many(loaded, covered) => {
            let needs = Needs::new(loaded, covered);
            let (year, by_owner) = across(settings, &needs, &loaded.series)?;
            let plans: Vec<Vec<String>> = (0..loaded.series.kpis.len())
                .map(|s| needs.needing(s, year))
                .collect();
            let members: Vec<String> = scope.covered_members().map(|m| m.name.clone()).collect();
            let across = render::missing::Across {
                workspace: &loaded.workspace.file.name,
                members: &members,
                plans: &plans,
            };
            let plan = &loaded.series;
            write(global, settings, plan, year, &by_owner, Some(&across), sink)
        }
    }
}

/// A plan alone (or the one member covered): the year and what is missing.
fn alone(settings: &MissingSettings, member: &Member) -> Result<(FiscalYear, coverage::ByOwner)> {
    let plan = &member.plan;
    let series = &member.ledger.series;
    let selected = select::select_kpis(plan, &settings.scope)?;
    let year = match settings.year {
        Some(y) => y,
        None => coverage::collecting_year(plan, series)
            .ok_or_else(|| Error::Usage("the plan has no KPIs, so no year to chase".to_string()))?,
    };
    let categories = &member.ledger.categories;
    let by_owner = coverage::missing_figures(plan, series, categories, year, &selected);
    let last = coverage::last_collection_year(plan);
    if let Some(last) = last.filter(|&last| year > last) {
        eprintln!(
            "note: {} is after every target year of the plan (the last is {}): no KPI is due a figure then",
            years::labelled(plan, year),
            years::labelled(plan, last)
        );
    } else if by_owner.is_empty() && coverage::plan_complete(plan, series, year) {
        eprintln!(
            "note: every figure of the plan's last target year ({}) is in: the plan's years are complete",
            years::labelled(plan, year)
        );
    }
    Ok((year, by_owner))
}

/// Across the covered members (`plan`: the plan of the series): the year
/// and what is missing, by series.
fn across(
    settings: &MissingSettings,
    needs: &Needs,
    plan: &Plan,
) -> Result<(FiscalYear, coverage::ByOwner)> {
    let selected: Vec<usize> = select::select_kpis(plan, &settings.scope)?
        .into_iter()
        .filter(|&s| needs.used(s))
        .collect();
    let year = match settings.year {
        Some(y) => y,
        None => needs.collecting_year().ok_or_else(|| {
            Error::Usage("the plans covered have no KPIs, so no year to chase".to_string())
        })?,
    };
    let by_owner = needs.missing(&selected, year);
    if let Some(last) = needs.last_collection_year().filter(|&last| year > last) {
        eprintln!(
            "note: {} is after every target year of the plans covered (the last is {}): no series is due a figure then",
            years::labelled(plan, year),
            years::labelled(plan, last)
        );
    } else if by_owner.is_empty() && needs.complete(year) {
        eprintln!(
            "note: every figure of the last target year of the plans covered ({}) is in: their years are complete",
            years::labelled(plan, year)
        );
    }
    Ok((year, by_owner))
}

/// What is missing in `settings.format`, into `sink`; exit 1 if anything is.
fn write(
    global: &Settings,
    settings: &MissingSettings,
    plan: &Plan,
    year: FiscalYear,
    by_owner: &coverage::ByOwner,
    across: Option<&render::missing::Across>,
    mut sink: Sink,
) -> Result<i32> {
    let mut style = super::style(global, plan);
    if sink.is_file() {
        // A file is not laid out for the terminal's width.
        style.width = None;
    }
    let code = if by_owner.is_empty() { 0 } else { 1 };
    let text = match settings.format {
        MissingFormat::Table => render::missing::table(plan, year, by_owner, &style, across),
        MissingFormat::Markdown => render::missing::markdown(plan, year, by_owner, &style, across),
        // Streamed, as status's is: one owner's object at a time.
        MissingFormat::Json => {
            render::missing::write_json(plan, year, by_owner, across, &mut sink)?;
            sink.finish()?;
            return Ok(code);
        }
        MissingFormat::Csv => render::missing::csv(plan, by_owner, across)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?,
        MissingFormat::Xlsx => {
            let bytes = render::xlsx::missing::render(plan, year, by_owner, style.lang, across)
                .map_err(crate::output::xlsx_error)?;
            sink.write_whole(&bytes)?;
            return Ok(code);
        }
    };
    let bytes = crate::output::encoded(&text, settings.encoding)?;
    sink.write_whole(&bytes)?;
    Ok(code)
}
