//! `kpi show KPI`: one KPI, every year against its expected path.

pub use crate::args::show::{ShowArgs, ShowFormat};

use std::io::Write;

use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::ledger::import::normalise::KpiFinder;
use crate::ledger::LedgerValues;
use crate::plan::Plan;
use crate::progress::Query;
use crate::render::{self, fit};
use crate::scope::{Reads, Root, Scope};
use crate::settings::Settings;
use crate::status::Status;
use crate::suggest;
use crate::workspace::LoadedWorkspace;
use crate::year::{FiscalYear, YearStyle};

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
/// indicator (a registered series, or a series no covered member has as a
/// KPI id): its figures and every plan's path on them.
fn workspace(
    global: &Settings,
    settings: &ShowSettings,
    scope: &Scope,
    loaded: &LoadedWorkspace,
    out: &mut dyn Write,
) -> Result<i32> {
    super::print_warnings(scope.warnings());
    let covered = &scope.covered[..];
    let wanted = settings.kpi.as_str();
    for m in scope.covered_members() {
        crate::select::check_year_begun(&m.plan, settings.query.year)?;
    }
    let registered = loaded.workspace.file.indicator(wanted).is_some();
    if registered && !settings.indicator {
        // A member's own KPI shows as the member's (its pace, status and
        // review), in its folder or as the one member covered; the
        // indicator view is for the root, or asked for (issue 24, item 7).
        if let [m] = covered {
            if let Some(k) = KpiFinder::new(&loaded.members[*m].plan).find(wanted) {
                return member(global, settings, loaded, *m, k, out);
            }
        }
    }
    if registered || settings.indicator {
        let Some(s) = loaded.series_index(wanted) else {
            return Err(Error::Usage(format!(
                "no member of the workspace uses indicator `{wanted}` (registered in {}); name a KPI of a member instead",
                loaded.workspace.file.path.display()
            )));
        };
        return indicator(global, settings, loaded, s, out);
    }
    let found: Vec<(usize, usize)> = covered
        .iter()
        .filter_map(|&m| {
            KpiFinder::new(&loaded.members[m].plan)
                .find(wanted)
                .map(|k| (m, k))
        })
        .collect();
    match found[..] {
        [(m, k)] => return member(global, settings, loaded, m, k, out),
        [] => {}
        [(m, k), ..] => {
            let series = loaded.members[m].series_of[k];
            if found
                .iter()
                .all(|&(m, k)| loaded.members[m].series_of[k] == series)
            {
                return indicator(global, settings, loaded, series, out);
            }
            let names: Vec<&str> = found
                .iter()
                .map(|&(m, _)| loaded.members[m].name.as_str())
                .collect();
            return Err(Error::Usage(format!(
                "`{wanted}` is a KPI of several members ({}), each on its own series; pick one with -p NAME",
                names.join(", ")
            )));
        }
    }
    if let Some(s) = loaded.series_index(wanted) {
        return indicator(global, settings, loaded, s, out);
    }
    let series: Vec<&str> = loaded.series.kpis.iter().map(|k| k.id.as_str()).collect();
    let hint = scope.kpi_hint(wanted, &series);
    let whose = match covered {
        [m] => format!("member {}", loaded.members[*m].name),
        _ => "the members covered".to_string(),
    };
    Err(Error::Usage(format!(
        "neither {whose} nor the workspace's register has a KPI or indicator `{wanted}`; {hint}"
    )))
}

/// Member `m`'s KPI `k` as the plan alone shows it, then where else its
/// series is used: `also in: sousei-1 — achieved`.
fn member(
    global: &Settings,
    settings: &ShowSettings,
    loaded: &LoadedWorkspace,
    m: usize,
    k: usize,
    out: &mut dyn Write,
) -> Result<i32> {
    let member = &loaded.members[m];
    let shown = one(global, settings, &member.plan, &member.ledger, k)?;
    let series = member.series_of[k];
    let others: Vec<(usize, usize)> = loaded.users[series]
        .iter()
        .copied()
        .filter(|&(om, _)| om != m)
        .collect();
    let one_year = Query {
        year: settings.query.year,
        ..Query::default()
    };
    let statuses: Vec<(&str, &str, Status, Option<FiscalYear>, YearStyle)> = others
        .iter()
        .map(|&(om, ok)| {
            let other = &loaded.members[om];
            let (as_of, progress) = one_year.evaluate_one(&other.plan, &other.ledger.series, ok);
            (
                other.name.as_str(),
                other.plan.kpis[ok].id.as_str(),
                progress.status,
                as_of,
                other.plan.year_style,
            )
        })
        .collect();
    let this_id = &member.plan.kpis[k].id;
    let text = match shown {
        Shown::Text(text) if statuses.is_empty() => text,
        Shown::Text(text) => {
            let style = super::style(global, &member.plan);
            let items: Vec<String> = statuses
                .iter()
                .map(|(name, id, status, _, _)| {
                    let word = style.status_word(*status);
                    if id == this_id {
                        format!("{name} — {word}")
                    } else {
                        format!("{name} ({id}) — {word}")
                    }
                })
                .collect();
            let (lead, sep) = match style.lang {
                Lang::Ja => ("他の計画: ", "、"),
                Lang::En => ("also in: ", ", "),
            };
            let line = fit::line(
                &format!("{lead}{}", items.join(sep)),
                style.width,
                style.ascii,
                2,
            );
            format!("{text}\n{line}\n")
        }
        // A workspace of one prints the plan alone's document unchanged.
        Shown::Json(doc) if loaded.members.len() == 1 => render::show::pretty(&doc),
        Shown::Json(mut doc) => {
            let also: Vec<Value> = statuses
                .iter()
                .map(|(name, id, status, as_of, year_style)| {
                    json!({
                        "plan": name,
                        "kpi": id,
                        "status": status.name(),
                        "as_of": as_of.map_or(Value::Null, |a| render::json::year(a, *year_style)),
                    })
                })
                .collect();
            if let Value::Object(map) = &mut doc {
                map.insert("plan".to_string(), Value::from(member.name.as_str()));
                map.insert("also_in".to_string(), Value::Array(also));
            }
            render::show::pretty(&doc)
        }
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
