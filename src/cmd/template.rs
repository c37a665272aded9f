//! `kpi template`: a CSV sheet for one year, to send to the offices that
//! report figures. It opens cleanly in Excel on a Japanese desktop (UTF-8
//! with a byte-order mark by default, or CP932), and once filled in it
//! imports with `kpi import` as it is. `--format xlsx` (or `-o NAME.xlsx`)
//! writes it as a workbook instead (`render::xlsx::template`).

pub use crate::args::template::{TemplateArgs, TemplateFormat};

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::output::{encoding_arg, workbook_format, Sink};
use crate::plan::Plan;
use crate::render;
use crate::scope::{Member, Reads, Scope, View};
use crate::select;
use crate::series_view::Needs;
use crate::settings::Settings;
use crate::workspace::LoadedWorkspace;
use crate::year::FiscalYear;

/// `kpi template`'s arguments, checked (the owner against the plan, once loaded).
#[derive(Debug)]
pub struct TemplateSettings {
    /// The collection year asked for; else the year being collected.
    pub year: Option<FiscalYear>,
    pub owner: Option<String>,
    pub encoding: Encoding,
    /// A workbook, else a CSV sheet.
    pub workbook: bool,
    /// The file to write; else stdout.
    pub output: Option<PathBuf>,
}

impl TemplateArgs {
    pub fn settings(&self) -> Result<TemplateSettings> {
        let encoding = encoding_arg(&self.encoding)?;
        let year = self.year.as_deref().map(select::parse_year).transpose()?;
        let output = self.output.as_deref();
        let workbook = workbook_format(self.format.map(|f| f == TemplateFormat::Xlsx), output)?;
        if workbook {
            crate::output::check(output, true, "template.xlsx")?;
        }
        Ok(TemplateSettings {
            year,
            owner: self.owner.clone(),
            encoding,
            workbook,
            output: self.output.clone(),
        })
    }
}

pub fn run(global: &Settings, settings: &TemplateSettings, out: &mut dyn Write) -> Result<i32> {
    // The CSV sheet of a plan alone for a year asked reads no ledger; a
    // workbook's has each KPI's previous figure, and the year being
    // collected is found in the ledger.
    let reads = if settings.workbook || settings.year.is_none() {
        Reads::Ledger
    } else {
        Reads::Plan
    };
    let scope = Scope::open(global, reads)?;
    if scope.workspace().is_some() {
        // Never over the workspace's plans or the root ledger, before any work.
        scope.check_output(settings.output.as_deref())?;
    }
    match scope.view() {
        // One member: its own KPIs, as a plan alone.
        View::One(member) => one(global, settings, &scope, member, out),
        View::Many(loaded, covered) => across(global, settings, &scope, loaded, covered, out),
    }
}

/// The sheet of a plan, a CSV or a workbook (with each KPI's previous
/// year's figure, from the ledger).
fn one(
    global: &Settings,
    settings: &TemplateSettings,
    scope: &Scope,
    member: &Member,
    out: &mut dyn Write,
) -> Result<i32> {
    let plan = &member.plan;
    let owner = settings.owner.as_deref();
    if !settings.workbook {
        super::print_warnings(scope.warnings());
        let year = year_of(settings, plan, &member.ledger.series)?;
        let kpis = owing(plan, owner, year)?;
        let sink = Sink::open(scope, settings.output.as_deref(), out)?;
        warn_after_every_target(plan, year);
        let lang = super::style(global, plan).lang;
        let text = render::template::sheet(plan, &kpis, year, owner, lang);
        sink.write_sheet(&text, settings.encoding)?;
        return Ok(0);
    }
    let year = year_of(settings, plan, &member.ledger.series)?;
    let sink = Sink::open(scope, settings.output.as_deref(), out)?;
    super::print_warnings(scope.warnings());
    warn_after_every_target(plan, year);
    let kpis = owing(plan, owner, year)?;
    let request = render::xlsx::template::Request {
        plan,
        series: &member.ledger.series,
        kpis: &kpis,
        year,
        owner,
        lang: super::style(global, plan).lang,
        targets: None,
        remarks: Some(&member.ledger.remarks),
    };
    let bytes = render::xlsx::template::render(&request).map_err(crate::output::xlsx_error)?;
    sink.write_whole(&bytes)?;
    Ok(0)
}

/// The collection year: `--year`, else the year being collected
/// (evaluation-cycle.md §5), by the one rule `kpi missing` uses.
fn year_of(
    settings: &TemplateSettings,
    plan: &Plan,
    series: &[crate::series::Series],
) -> Result<FiscalYear> {
    match settings.year {
        Some(year) => Ok(year),
        None => crate::progress::coverage::collecting_year(plan, series).ok_or_else(|| {
            Error::Usage("the plan has no KPIs, so no year to collect; give --year".to_string())
        }),
    }
}

/// The KPIs of a plan's sheet for collection year `c`: those of `owner`
/// (every KPI without), less those with a schedule (`frequency`,
/// `due_years`, `lag`) that owe no figure in `c` (evaluation-cycle.md §1:
/// a census KPI is not asked for in a year with no census).
fn owing(plan: &Plan, owner: Option<&str>, c: FiscalYear) -> Result<Vec<usize>> {
    let kpis = select::select_kpis(plan, &select::owner_scope(owner))?;
    Ok(kpis
        .into_iter()
        .filter(|&i| {
            let kpi = &plan.kpis[i];
            kpi.schedule.is_yearly() || kpi.owed_in(c).is_some()
        })
        .collect())
}

/// A `--year` after every target year in force of the plan is said, as a
/// CSV or a workbook, to stdout or to a file (issue 24, item 30).
fn warn_after_every_target(plan: &Plan, year: crate::year::FiscalYear) {
    // A lagged KPI's last figure is collected after its target year.
    let last = crate::ledger::years::last_target_year(plan)
        .max(crate::progress::coverage::last_collection_year(plan));
    if let Some(last) = last.filter(|&l| year > l) {
        eprintln!(
            "warning: --year {}: after every target year of the plan (the last is {}): no KPI is due a figure then",
            crate::ledger::years::labelled(plan, year),
            crate::ledger::years::labelled(plan, last)
        );
    }
}

/// Across several members (workspace.md): a row per series the covered
/// plans use that is due a figure for the year in any of them (each by its
/// own years), keyed by the series id, so that an office reports a figure
/// once; each row names the plans that need it. Filled in, it imports at
/// the root (or in any member's folder) as it is.
fn across(
    global: &Settings,
    settings: &TemplateSettings,
    scope: &Scope,
    loaded: &LoadedWorkspace,
    covered: &[usize],
    out: &mut dyn Write,
) -> Result<i32> {
    let needs = Needs::new(loaded, covered);
    let year = match settings.year {
        Some(year) => year,
        None => needs.collecting_year().ok_or_else(|| {
            Error::Usage(
                "the plans covered have no KPIs, so no year to collect; give --year".to_string(),
            )
        })?,
    };
    // Checked in `run` before any work.
    let sink = Sink::open(scope, settings.output.as_deref(), out)?;
    super::print_warnings(scope.warnings());
    let plan = &loaded.series;
    let owner = settings.owner.as_deref();
    let used: Vec<usize> = select::select_kpis(plan, &select::owner_scope(owner))?
        .into_iter()
        .filter(|&s| needs.used(s))
        .collect();
    let (kpis, plans, due) = needs.sheet_rows(used, year);
    if !due {
        // "--year R3", or the year found when none was asked.
        let asked = match settings.year {
            Some(_) => "--year ",
            None => "the year being collected, ",
        };
        let label = |y| crate::ledger::years::labelled(plan, y);
        let last = needs.last_target_year().max(needs.last_collection_year());
        match last.filter(|&l| year > l) {
            Some(last) => eprintln!(
                "warning: {asked}{}: after every target year of the plans covered (the last is {}): no series is due a figure then; every series they use is listed",
                label(year),
                label(last)
            ),
            None => eprintln!(
                "warning: {asked}{}: no series of the plans covered is due a figure then; every series they use is listed",
                label(year)
            ),
        }
    }
    let lang = super::style(global, plan).lang;
    if settings.workbook {
        let targets: Vec<String> = (0..plan.kpis.len())
            .map(|s| needs.targets(s, &plans[s], year))
            .collect();
        let request = render::xlsx::template::Request {
            plan,
            series: &loaded.ledger.series,
            kpis: &kpis,
            year,
            owner,
            lang,
            targets: Some(&targets),
            remarks: Some(&loaded.ledger.remarks),
        };
        let bytes = render::xlsx::template::render(&request).map_err(crate::output::xlsx_error)?;
        return sink.write_whole(&bytes).map(|()| 0);
    }
    let text = render::template::series_sheet(plan, &kpis, &plans, year, owner, lang);
    sink.write_sheet(&text, settings.encoding)?;
    Ok(0)
}
