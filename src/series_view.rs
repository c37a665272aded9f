//! The scope's series view (architecture.md): a workspace's covered
//! members seen per series of its one ledger, not per member. `missing` and
//! `template` across members list a row per series (`Needs`); `report` and
//! `show` print a shared series beside every covered member's KPI on it
//! (`series_uses`).

use crate::error::{Error, Result};
use crate::ledger::import::normalise::KpiFinder;
use crate::plan::Kpi;
use crate::progress::{coverage, Query};
use crate::render::report_ws as ws_report;
use crate::scope::Scope;
use crate::status::Status;
use crate::workspace::LoadedWorkspace;
use crate::year::{FiscalYear, YearStyle};

/// Which series the covered members use, and when each is due: the
/// members' own KPIs on it, each due by its own baseline and target years.
pub struct Needs<'a> {
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

    /// The figures the series of `selected` owe for collection year `year`
    /// and the ledger lacks, by owning office: `coverage::missing` across
    /// the covered members, a row per series.
    pub fn missing(&self, selected: &[usize], year: FiscalYear) -> coverage::ByOwner {
        let plan = &self.loaded.series;
        let mut by_owner = coverage::ByOwner::new();
        for &s in selected {
            let Some(owed) = self.owed(s, year) else {
                continue;
            };
            let categories = self.loaded.ledger.categories.get(&s);
            let figures = coverage::owed_figures(plan, s, owed, self.figures(s), categories);
            if !figures.is_empty() {
                by_owner
                    .entry(plan.kpis[s].owner.clone())
                    .or_default()
                    .extend(figures);
            }
        }
        by_owner
    }

    /// The rows of a template across members for collection year `year`:
    /// the series of `used` due then, each with the plans that need it;
    /// when none is, every series of `used` with the plans that use it,
    /// and `false`.
    pub fn sheet_rows(
        &self,
        used: Vec<usize>,
        year: FiscalYear,
    ) -> (Vec<usize>, Vec<Vec<String>>, bool) {
        let due: Vec<usize> = used
            .iter()
            .copied()
            .filter(|&s| self.due(s, year))
            .collect();
        let every = 0..self.loaded.series.kpis.len();
        if due.is_empty() {
            (used, every.map(|s| self.users(s)).collect(), false)
        } else {
            (due, every.map(|s| self.needing(s, year)).collect(), true)
        }
    }

    /// `coverage::plan_complete` across the covered members.
    pub fn complete(&self, year: FiscalYear) -> bool {
        self.last_collection_year()
            .is_some_and(|last| year >= last && self.all_in(last))
    }
}

/// The series two or more covered members measure, in the series plan's
/// order, each with its figures and every covered member's KPI on it.
pub fn shared<'a>(
    loaded: &'a LoadedWorkspace,
    covered: &[usize],
    year: Option<FiscalYear>,
) -> Vec<ws_report::Shared<'a>> {
    (0..loaded.series.kpis.len())
        .filter_map(|s| {
            let shared = series_uses(loaded, covered, s, year);
            let mut names: Vec<&str> = shared.uses.iter().map(|u| u.member).collect();
            names.dedup();
            (names.len() >= 2).then_some(shared)
        })
        .collect()
}

/// Series `s` of the workspace: its figures, and the KPI on it of each of
/// `members` (indexes into the workspace's members) evaluated as of `year`
/// (else the member's newest year), with its path; in member order.
pub fn series_uses<'a>(
    loaded: &'a LoadedWorkspace,
    members: &[usize],
    s: usize,
    year: Option<FiscalYear>,
) -> ws_report::Shared<'a> {
    let kpi = &loaded.series.kpis[s];
    let empty = crate::series::Series::new();
    let figures = loaded
        .ledger
        .series
        .get(s)
        .unwrap_or(&empty)
        .iter()
        .map(|(&y, &v)| {
            let preliminary = loaded
                .ledger
                .remarks
                .get(&(s, y))
                .is_some_and(|r| r.preliminary);
            (y, v, preliminary)
        })
        .collect();
    let one = Query {
        year,
        charts: true,
        ..Query::default()
    };
    let mut users: Vec<(usize, usize)> = loaded.users.get(s).cloned().unwrap_or_default();
    users.retain(|(m, _)| members.contains(m));
    users.sort_unstable();
    let uses = users
        .into_iter()
        .map(|(m, k)| {
            let member = &loaded.members[m];
            let (_, mut progress) = one.evaluate_one(&member.plan, &member.ledger.series, k);
            crate::progress::remarks::attach_one(&mut progress, &member.ledger.remarks);
            ws_report::Use {
                member: &member.name,
                plan: &member.plan,
                k: progress,
            }
        })
        .collect();
    ws_report::Shared {
        id: &kpi.id,
        name: &kpi.name,
        unit: kpi.unit.as_deref(),
        figures,
        uses,
    }
}

/// What `kpi show NAME` names in a workspace.
pub enum Shown {
    /// Member `m`'s KPI `k`, shown as the plan alone shows it.
    Kpi(usize, usize),
    /// Series `s`, across every plan that uses it.
    Indicator(usize),
}

/// What `wanted` names among the covered members of `scope`: a member's
/// KPI (an id or a name), or an indicator (a registered series, a series
/// several covered members' KPIs of that name read, or a series no covered
/// member has as a KPI id); `indicator`: `--indicator` asked for the
/// indicator view. A registered indicator that is the one covered
/// member's own KPI shows as the member's (issue 24, item 7).
pub fn find(
    scope: &Scope,
    loaded: &LoadedWorkspace,
    wanted: &str,
    indicator: bool,
) -> Result<Shown> {
    let covered = &scope.covered[..];
    let registered = loaded.workspace.file.indicator(wanted).is_some();
    if registered && !indicator {
        if let [m] = covered {
            if let Some(k) = KpiFinder::new(&loaded.members[*m].plan).find(wanted) {
                return Ok(Shown::Kpi(*m, k));
            }
        }
    }
    if registered || indicator {
        return match loaded.series_index(wanted) {
            Some(s) => Ok(Shown::Indicator(s)),
            None => Err(Error::Usage(format!(
                "no member of the workspace uses indicator `{wanted}` (registered in {}); name a KPI of a member instead",
                loaded.workspace.file.path.display()
            ))),
        };
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
        [(m, k)] => return Ok(Shown::Kpi(m, k)),
        [] => {}
        [(m, k), ..] => {
            let series = loaded.members[m].series_of[k];
            if found
                .iter()
                .all(|&(m, k)| loaded.members[m].series_of[k] == series)
            {
                return Ok(Shown::Indicator(series));
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
        return Ok(Shown::Indicator(s));
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

/// Another member's KPI on a series: its member, id, status as of a year.
pub struct Also<'a> {
    pub member: &'a str,
    pub kpi: &'a str,
    pub status: Status,
    pub as_of: Option<FiscalYear>,
    pub year_style: YearStyle,
}

/// The other members' KPIs on the series of member `m`'s KPI `k`, each
/// evaluated as of `year` (else its member's newest year), in member order.
pub fn also_in(
    loaded: &LoadedWorkspace,
    m: usize,
    k: usize,
    year: Option<FiscalYear>,
) -> Vec<Also<'_>> {
    let series = loaded.members[m].series_of[k];
    let one_year = Query {
        year,
        ..Query::default()
    };
    loaded.users[series]
        .iter()
        .filter(|&&(om, _)| om != m)
        .map(|&(om, ok)| {
            let other = &loaded.members[om];
            let (as_of, progress) = one_year.evaluate_one(&other.plan, &other.ledger.series, ok);
            Also {
                member: other.name.as_str(),
                kpi: other.plan.kpis[ok].id.as_str(),
                status: progress.status,
                as_of,
                year_style: other.plan.year_style,
            }
        })
        .collect()
}
