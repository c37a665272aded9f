//! `kpi missing`: who still owes figures for the year being collected.
//! Exit 0 when nothing is missing, 1 when something is, 2 on bad input.

pub use crate::args::missing::{MissingArgs, MissingFormat};

use std::io::Write;
use std::path::PathBuf;

use super::output::Sink;
use super::select;
use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::ledger::years;
use crate::plan::Kpi;
use crate::progress::{coverage, Scope as KpiScope};
use crate::render;
use crate::scope::{Member, Reads, Scope, View};
use crate::settings::Settings;
use crate::workspace::LoadedWorkspace;
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
        super::output::check(self.output.as_deref(), workbook, "missing.xlsx")?;
        let csv = self.format == MissingFormat::Csv;
        let encoding = super::output::csv_encoding(self.encoding.as_deref(), csv)?;
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
    match scope.view() {
        // One member: its own KPIs, as a plan alone (byte for byte).
        View::One(member) => alone(global, settings, &scope, member, sink),
        View::Many(loaded, covered) => across(global, settings, &scope, loaded, covered, sink),
    }
}

/// A plan alone (or the one member covered): today's `kpi missing`.
fn alone(
    global: &Settings,
    settings: &MissingSettings,
    scope: &Scope,
    member: &Member,
    mut sink: Sink,
) -> Result<i32> {
    super::print_warnings(scope.warnings());
    let plan = &member.plan;
    let series = &member.ledger.series;
    let selected = select::select_kpis(plan, &settings.scope)?;
    let year = match settings.year {
        Some(y) => y,
        None => coverage::collecting_year(plan, series)
            .ok_or_else(|| Error::Usage("the plan has no KPIs, so no year to chase".to_string()))?,
    };
    let by_owner = coverage::missing(plan, series, year, &selected);
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
    let mut style = super::style(global, plan);
    if sink.is_file() {
        // A file is not laid out for the terminal's width.
        style.width = None;
    }
    let text = match settings.format {
        MissingFormat::Table => render::missing::table(plan, year, &by_owner, &style, None),
        MissingFormat::Markdown => render::missing::markdown(plan, year, &by_owner, &style, None),
        // Streamed, as status's is: one owner's object at a time.
        MissingFormat::Json => {
            render::missing::write_json(plan, year, &by_owner, None, &mut sink)?;
            sink.finish()?;
            return Ok(if by_owner.is_empty() { 0 } else { 1 });
        }
        MissingFormat::Csv => render::missing::csv(plan, &by_owner, None)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?,
        MissingFormat::Xlsx => {
            let bytes = render::xlsx::missing::render(plan, year, &by_owner, style.lang, None)
                .map_err(super::output::xlsx_error)?;
            sink.write_whole(&bytes)?;
            return Ok(if by_owner.is_empty() { 0 } else { 1 });
        }
    };
    let bytes = super::output::encoded(&text, settings.encoding)?;
    sink.write_whole(&bytes)?;
    Ok(if by_owner.is_empty() { 0 } else { 1 })
}

/// Across several members (workspace.md): a row per series, not per KPI,
/// so that an office reports a figure once however many plans use it; a
/// series is due in a year if any covered member's KPI on it is due then
/// (each by its own baseline and target years), and its row names the
/// plans that need it.
fn across(
    global: &Settings,
    settings: &MissingSettings,
    scope: &Scope,
    loaded: &LoadedWorkspace,
    covered: &[usize],
    mut sink: Sink,
) -> Result<i32> {
    super::print_warnings(scope.warnings());
    let needs = Needs::new(loaded, covered);
    let plan = &loaded.series;
    let series = &loaded.ledger.series;
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
    let mut by_owner = coverage::ByOwner::new();
    for &s in &selected {
        let Some(owed) = needs.owed(s, year) else {
            continue;
        };
        if !series[s].contains_key(&owed) {
            by_owner
                .entry(plan.kpis[s].owner.clone())
                .or_default()
                .push(coverage::MissingFigure {
                    kpi: s,
                    year: owed,
                    last_reported: series[s].range(..=owed).next_back().map(|(y, _)| *y),
                });
        }
    }
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
    let plans: Vec<Vec<String>> = (0..plan.kpis.len())
        .map(|s| needs.needing(s, year))
        .collect();
    let members: Vec<String> = scope.covered_members().map(|m| m.name.clone()).collect();
    let across = render::missing::Across {
        workspace: &loaded.workspace.file.name,
        members: &members,
        plans: &plans,
    };
    let across = Some(&across);
    let mut style = super::style(global, plan);
    if sink.is_file() {
        style.width = None;
    }
    let code = if by_owner.is_empty() { 0 } else { 1 };
    let text = match settings.format {
        MissingFormat::Table => render::missing::table(plan, year, &by_owner, &style, across),
        MissingFormat::Markdown => render::missing::markdown(plan, year, &by_owner, &style, across),
        MissingFormat::Json => {
            render::missing::write_json(plan, year, &by_owner, across, &mut sink)?;
            sink.finish()?;
            return Ok(code);
        }
        MissingFormat::Csv => render::missing::csv(plan, &by_owner, across)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?,
        MissingFormat::Xlsx => {
            let bytes = render::xlsx::missing::render(plan, year, &by_owner, style.lang, across)
                .map_err(super::output::xlsx_error)?;
            sink.write_whole(&bytes)?;
            return Ok(code);
        }
    };
    let bytes = super::output::encoded(&text, settings.encoding)?;
    sink.write_whole(&bytes)?;
    Ok(code)
}

/// Which series the covered members use, and when each is due: the
/// members' own KPIs on it, each due by its own baseline and target years.
pub(crate) struct Needs<'a> {
    loaded: &'a LoadedWorkspace,
    /// Per series: its covered users, as (member, KPI), in member order.
    users: Vec<Vec<(usize, usize)>>,
}

impl<'a> Needs<'a> {
    pub fn new(loaded: &'a LoadedWorkspace, covered: &[usize]) -> Needs<'a> {
        let users = loaded
            .users
            .iter()
            .map(|u| {
                u.iter()
                    .filter(|(m, _)| covered.contains(m))
                    .copied()
                    .collect()
            })
            .collect();
        Needs { loaded, users }
    }

    fn kpis(&self, s: usize) -> impl Iterator<Item = (usize, &Kpi)> + '_ {
        self.users[s]
            .iter()
            .map(|&(m, k)| (m, &self.loaded.members[m].plan.kpis[k]))
    }

    /// Whether a covered member uses series `s`.
    pub fn used(&self, s: usize) -> bool {
        self.users.get(s).is_some_and(|u| !u.is_empty())
    }

    /// Whether series `s` owes a figure in collection year `year` in a covered member.
    pub fn due(&self, s: usize, year: FiscalYear) -> bool {
        self.owed(s, year).is_some()
    }

    /// The year of the figure series `s` owes in collection year `year`:
    /// the first covered member's KPI that owes one says (the year less
    /// its lag).
    pub fn owed(&self, s: usize, year: FiscalYear) -> Option<FiscalYear> {
        self.kpis(s).find_map(|(_, k)| k.owed_in(year))
    }

    /// The covered members that need series `s`'s figure in collection year `year`.
    pub fn needing(&self, s: usize, year: FiscalYear) -> Vec<String> {
        self.members(s, |k| k.owed_in(year).is_some())
    }

    /// The covered members that use series `s`.
    pub fn users(&self, s: usize) -> Vec<String> {
        self.members(s, |_| true)
    }

    /// The target cell of series `s` in a template across members: each
    /// of `plans` with its target (`sousei-2 0人 (R6); kodomo-2 0人 (R6)`).
    pub fn targets(&self, s: usize, plans: &[String], year: FiscalYear) -> String {
        let mut cells: Vec<String> = Vec::new();
        for (m, k) in self.kpis(s) {
            let member = &self.loaded.members[m];
            if !plans.contains(&member.name) {
                continue;
            }
            let target = k.target_as_of(year);
            let cell = format!(
                "{} {} ({})",
                member.name,
                crate::render::with_unit(
                    &crate::value::grouped(target.value, target.value.scale()),
                    k.unit.as_deref()
                ),
                target.year.label(member.plan.year_style)
            );
            if !cells.contains(&cell) {
                cells.push(cell);
            }
        }
        cells.join("; ")
    }

    fn members(&self, s: usize, keep: impl Fn(&Kpi) -> bool) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (m, k) in self.kpis(s) {
            let name = &self.loaded.members[m].name;
            if keep(k) && !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    }

    /// The last target year of any covered member's KPI.
    pub fn last_target_year(&self) -> Option<FiscalYear> {
        (0..self.users.len())
            .flat_map(|s| self.kpis(s).map(|(_, k)| k.last_target_year()))
            .max()
    }

    fn figures(&self, s: usize) -> &crate::series::Series {
        &self.loaded.ledger.series[s]
    }

    /// The last collection year in which any covered member's KPI owes a
    /// figure (for yearly KPIs with no lag, the last target year).
    pub fn last_collection_year(&self) -> Option<FiscalYear> {
        (0..self.users.len())
            .flat_map(|s| self.kpis(s).filter_map(|(_, k)| k.last_collection_year()))
            .max()
    }

    /// Every covered member's KPI owing a figure in collection year `year` has its series' figure.
    fn all_in(&self, year: FiscalYear) -> bool {
        (0..self.users.len()).all(|s| {
            self.kpis(s).all(|(_, k)| {
                k.owed_in(year)
                    .is_none_or(|y| self.figures(s).contains_key(&y))
            })
        })
    }

    /// `coverage::collecting_year` across the covered members: the newest
    /// year in the ledger (of the series they use) while a series due then
    /// lacks its figure, else the year after; with no figures, the first
    /// year after the earliest baseline; never past the last target year.
    pub fn collecting_year(&self) -> Option<FiscalYear> {
        let last = self.last_collection_year()?;
        let newest = (0..self.users.len())
            .filter(|&s| self.used(s))
            .filter_map(|s| self.figures(s).keys().next_back())
            .max()
            .copied();
        let open = match newest {
            Some(year) if self.all_in(year) => FiscalYear(year.0 + 1),
            Some(year) => year,
            None => (0..self.users.len())
                .flat_map(|s| {
                    self.kpis(s)
                        .filter_map(|(_, k)| coverage::first_collection_year(k))
                })
                .min()?,
        };
        Some(open.min(last))
    }

    /// `coverage::plan_complete` across the covered members.
    pub fn complete(&self, year: FiscalYear) -> bool {
        self.last_collection_year()
            .is_some_and(|last| year >= last && self.all_in(last))
    }
}
