//! `kpi show KPI`: one KPI, every year against its expected path.

pub use crate::args::show::{ShowArgs, ShowFormat};

use std::io::Write;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::ledger::import::normalise::KpiFinder;
use crate::ledger::LedgerValues;
use crate::plan::Plan;
use crate::progress::Query;
use crate::render;
use crate::scope::{Reads, Root, Scope};
use crate::series_view;
use crate::settings::Settings;
use crate::suggest;
use crate::workspace::LoadedWorkspace;
use crate::year::YearStyle;

/// `kpi show`'s arguments, checked (the KPI against the plan, once loaded).
#[derive(Debug)]
pub struct ShowSettings {
    pub kpi: String,
    pub query: Query,
    pub format: ShowFormat,
    /// `--indicator`: the cross-plan view of a shared series.
    pub indicator: bool,
}

impl ShowArgs {
    pub fn settings(&self) -> Result<ShowSettings> {
        Ok(ShowSettings {
            kpi: self.kpi.clone(),
            query: Query {
                year: self
                    .year
                    .as_deref()
                    .map(crate::select::parse_year)
                    .transpose()?,
                charts: true,
                ..Query::default()
            },
            format: self.format,
            indicator: self.indicator,
        })
    }
}

pub fn run(global: &Settings, settings: &ShowSettings, out: &mut dyn Write) -> Result<i32> {
    let scope = Scope::open(global, Reads::Ledger)?;
    let member = match &scope.root {
        Root::Alone(member, _) => member,
        Root::Workspace(loaded) => return workspace(global, settings, &scope, loaded, out),
    };
    if settings.indicator {
        return Err(Error::Usage(
            "--indicator shows an indicator shared across a workspace's plans; this plan is in no workspace: leave --indicator out".into(),
        ));
    }
    super::print_warnings(scope.warnings());
    let plan = &member.plan;
    // An id or a name, as `kpi import` and `kpi record` read them.
    let Some(index) = KpiFinder::new(plan).find(&settings.kpi) else {
        let ids: Vec<&str> = plan.kpis.iter().map(|k| k.id.as_str()).collect();
        let names: Vec<&str> = plan.kpis.iter().map(|k| k.name.as_str()).collect();
        let hint = suggest::unknown_id_or_name(
            &settings.kpi,
            "KPI",
            &ids,
            &names,
            "`kpi status --format csv` lists each KPI's id",
        );
        return Err(Error::Usage(format!(
            "the plan has no KPI `{}`; {hint}",
            settings.kpi
        )));
    };
    let text = one(global, settings, plan, &member.ledger, index)?.text();
    out.write_all(text.as_bytes())?;
    Ok(0)
}

/// What `kpi show` prints of one KPI: a table, or the JSON document.
enum Shown {
    Text(String),
    Json(Value),
}

impl Shown {
    fn text(self) -> String {
        match self {
            Shown::Text(text) => text,
            Shown::Json(doc) => render::show::pretty(&doc),
        }
    }
}

/// KPI `index` of `plan` as `kpi show` prints it for a plan alone.
fn one(
    global: &Settings,
    settings: &ShowSettings,
    plan: &Plan,
    ledger: &LedgerValues,
    index: usize,
) -> Result<Shown> {
    crate::select::check_year_begun(plan, settings.query.year)?;
    let (as_of, mut k) = settings.query.evaluate_one(plan, &ledger.series, index);
    crate::progress::remarks::attach_one(&mut k, &ledger.remarks);
    super::attach_history(plan, ledger, &mut k, as_of);
    let review = match as_of {
        Some(year) => super::year_review(plan, year)?,
        None => Default::default(),
    };
    crate::progress::judged::attach_one(plan, &mut k, &review);
    let review = review.kpis.get(&plan.kpis[index].id);
    Ok(match settings.format {
        ShowFormat::Json => Shown::Json(render::show::json_doc(plan, &k, as_of, review)),
        ShowFormat::Table => Shown::Text(render::show::render(
            plan,
            &k,
            review,
            &super::style(global, plan),
        )),
    })
}

/// `kpi show` in a workspace: a member's KPI as a plan alone shows it, and
/// which other members use its series with their status for it; or an
/// indicator: its figures and every plan's path on them
/// (`series_view::find` says which).
fn workspace(
    global: &Settings,
    settings: &ShowSettings,
    scope: &Scope,
    loaded: &LoadedWorkspace,
    out: &mut dyn Write,
) -> Result<i32> {
    super::print_warnings(scope.warnings());
    for m in scope.covered_members() {
        crate::select::check_year_begun(&m.plan, settings.query.year)?;
    }
    let (m, k) = match series_view::find(scope, loaded, &settings.kpi, settings.indicator)? {
        series_view::Shown::Kpi(m, k) => (m, k),
        series_view::Shown::Indicator(s) => return indicator(global, settings, loaded, s, out),
    };
    let member = &loaded.members[m];
    let shown = one(global, settings, &member.plan, &member.ledger, k)?;
    let also = series_view::also_in(loaded, m, k, settings.query.year);
    let text = match shown {
        Shown::Text(text) if also.is_empty() => text,
        Shown::Text(text) => {
            let style = super::style(global, &member.plan);
            render::show_ws::text(text, &also, &member.plan.kpis[k].id, &style)
        }
        // A workspace of one prints the plan alone's document unchanged.
        Shown::Json(doc) if loaded.members.len() == 1 => render::show::pretty(&doc),
        Shown::Json(doc) => render::show_ws::json(doc, &member.name, &also),
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}

/// Series `s` across the workspace: its facts, each plan's KPI on it (its
/// baseline, target, latest figure and status), its figures by year beside
/// each plan's path, and one chart of them all.
fn indicator(
    global: &Settings,
    settings: &ShowSettings,
    loaded: &LoadedWorkspace,
    s: usize,
    out: &mut dyn Write,
) -> Result<i32> {
    let every: Vec<usize> = (0..loaded.members.len()).collect();
    let shared = crate::series_view::series_uses(loaded, &every, s, settings.query.year);
    let series = &loaded.series.kpis[s];
    // The years as the first plan on the series prints them.
    let year_style = shared
        .uses
        .first()
        .map_or_else(YearStyle::default, |u| u.plan.year_style);
    let text = match settings.format {
        ShowFormat::Table => {
            let style = super::style_years(global, year_style);
            render::show::indicator(series, &shared, &style)
        }
        ShowFormat::Json => render::show::indicator_json(series, &shared, year_style),
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}
