//! Joining members to their series (workspace.md, "Rules"): each member
//! KPI reads a series (a registered indicator, another member's KPI, or
//! itself), takes the register's facts, and may restate them only with the
//! same value; ids are never shared by accident; the root-only facts stay
//! at the root. The result is each member as a plan alone, and one plan of
//! the series that the ledger is read against.

use std::collections::HashMap;
use std::path::Path;

use super::{Indicator, Workspace};
use crate::plan::{Attachment, Index, Kpi, Link, Plan, Scoring};
use crate::problem::{Location, Problem, Problems};

/// A member, linked: its plan (facts filled in, the root's ledger and
/// fiscal year) and, per KPI, the index of its series in `Linked::series`.
#[derive(Debug, Clone)]
pub struct MemberPlan {
    pub name: String,
    pub plan: Plan,
    pub series_of: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Linked {
    /// One KPI per series any member uses, keyed by the series id: what the
    /// ledger is read against (unknown rows, years, running totals).
    pub series: Plan,
    pub members: Vec<MemberPlan>,
    /// Per series: the members and KPIs that use it, as (member, kpi).
    pub users: Vec<Vec<(usize, usize)>>,
    /// Per series: the register entry it is, if any.
    pub registered: Vec<Option<usize>>,
}

impl Linked {
    pub fn series_index(&self, id: &str) -> Option<usize> {
        self.series.kpi_index(id)
    }
}

/// Where a KPI's series comes from.
enum Source<'a> {
    Register(&'a Indicator),
    Member(usize, usize),
}

/// Link every member's plan (in `workspace.members` order); every problem
/// found, all of them, with the file and line of each.
pub fn link(workspace: &Workspace, plans: Vec<Plan>) -> (Linked, Problems) {
    let mut problems = Problems::default();
    let file = &workspace.file;
    // The register by id (an id registered twice: its first entry), for
    // lookups that a city's thousands of KPIs make.
    let mut register: HashMap<&str, usize> = HashMap::with_capacity(file.indicators.len());
    for (i, indicator) in file.indicators.iter().enumerate() {
        register.entry(indicator.id.as_str()).or_insert(i);
    }
    let registered_as = Register {
        file,
        by_id: &register,
    };
    let mut plans = plans;
    for (m, plan) in plans.iter_mut().enumerate() {
        root_only_facts(workspace, m, plan, &mut problems);
    }
    let (series_id, fills) = {
        let (own, own_problems) = own_series(workspace, &plans, &registered_as);
        problems.0.extend(own_problems);
        let sources = Sources {
            workspace,
            plans: &plans,
            registered_as: &registered_as,
            own: &own,
        };
        sources.series_ids(&mut problems)
    };
    fill(&mut plans, fills, &mut problems);

    super::breakdowns::members(workspace, &mut plans, &mut problems);

    let named: Vec<(String, &Plan)> = plans
        .iter()
        .enumerate()
        .map(|(m, p)| (workspace.members[m].name.clone(), p))
        .collect();
    problems.0.extend(super::schedule::grids(file, &named));

    let (order, users, series_of) = series_order(file, &register, &plans, &series_id);
    let mut series = series_plan(workspace, &plans, &order, &users, &registered_as);
    super::breakdowns::of_series(workspace, &mut series, &plans, &users, &mut problems);
    let registered = order
        .iter()
        .map(|id| register.get(id.as_str()).copied())
        .collect();
    let members = plans
        .into_iter()
        .zip(series_of)
        .enumerate()
        .map(|(m, (plan, series_of))| MemberPlan {
            name: workspace.members[m].name.clone(),
            plan,
            series_of,
        })
        .collect();
    (
        Linked {
            series,
            members,
            users,
            registered,
        },
        problems,
    )
}

/// The members' own series (their KPIs without `indicator`) by id, and
/// the problems of those ids: a registered indicator's id, or another
/// member's own KPI's.
fn own_series<'p>(
    workspace: &Workspace,
    plans: &'p [Plan],
    registered_as: &Register,
) -> (HashMap<&'p str, (usize, usize)>, Vec<Problem>) {
    let file = &workspace.file;
    let mut own: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut own_problems = Vec::new();
    for (m, plan) in plans.iter().enumerate() {
        for (k, kpi) in plan.kpis.iter().enumerate() {
            if kpi.indicator.is_some() {
                continue;
            }
            let here = Location::line(&plan.path, kpi.line);
            if let Some(indicator) = registered_as.get(&kpi.id) {
                own_problems.push(
                    Problem::error(
                        here,
                        format!(
                            "KPI {} has the id of the registered indicator `{}` ({}, line {}) but no `indicator`",
                            kpi.id,
                            indicator.id,
                            file.path.display(),
                            indicator.line
                        ),
                    )
                    .hint(format!(
                        "write indicator = \"{}\" to read that series, or rename the KPI",
                        indicator.id
                    )),
                );
                continue;
            }
            match own.get(kpi.id.as_str()) {
                Some(&(om, ok)) if om != m => {
                    let other = &plans[om];
                    own_problems.push(
                        Problem::error(
                            here,
                            format!(
                                "KPI {} is also a KPI of member {} ({}, line {}), and neither names an indicator: their figures would be mixed",
                                kpi.id,
                                workspace.members[om].name,
                                other.path.display(),
                                other.kpis[ok].line
                            ),
                        )
                        .hint(format!(
                            "to share the series, register it ([[indicator]] id = \"{}\" in {}) and write indicator = \"{}\" in both; otherwise rename one",
                            kpi.id,
                            file.path.display(),
                            kpi.id
                        )),
                    );
                }
                Some(_) => {}
                None => {
                    own.insert(&kpi.id, (m, k));
                }
            }
        }
    }
    (own, own_problems)
}

/// Per member, per KPI: the id of its series.
type SeriesIds = Vec<Vec<Option<String>>>;
/// Per member KPI that names an indicator, as (member, KPI): the facts it takes.
type Fills = Vec<(usize, usize, Facts)>;
/// Per series: its users, as (member, KPI).
type Users = Vec<Vec<(usize, usize)>>;

/// Where the KPIs' series come from: the register, or the members' own.
struct Sources<'a> {
    workspace: &'a Workspace,
    plans: &'a [Plan],
    registered_as: &'a Register<'a>,
    own: &'a HashMap<&'a str, (usize, usize)>,
}

impl Sources<'_> {
    /// Each KPI's series id (by member, by KPI), and the facts each KPI
    /// that names an indicator takes from its series.
    fn series_ids(&self, problems: &mut Problems) -> (SeriesIds, Fills) {
        let (plans, registered_as, own) = (self.plans, self.registered_as, self.own);
        let mut series_id: SeriesIds = Vec::new();
        let mut fills: Fills = Vec::new();
        for (m, plan) in plans.iter().enumerate() {
            let mut ids = Vec::with_capacity(plan.kpis.len());
            for (k, kpi) in plan.kpis.iter().enumerate() {
                let Some(link) = &kpi.indicator else {
                    ids.push(Some(kpi.id.clone()));
                    continue;
                };
                let here = Location::line(&plan.path, kpi.line);
                let source = match registered_as.get(&link.id) {
                    Some(i) => Some(Source::Register(i)),
                    None => own
                        .get(link.id.as_str())
                        .map(|&(om, ok)| Source::Member(om, ok)),
                };
                let Some(source) = source else {
                    let (id, problem) = self.unknown_series(kpi, link, here);
                    // The KPI still names a series, so that the ledger's rows
                    // of it are not reported again as used by no member.
                    ids.push(Some(id));
                    problems.push(problem);
                    continue;
                };
                let (facts, origin) = self.facts_of(source);
                restatements(kpi, link, plan, here, &facts, &origin, problems);
                fills.push((m, k, facts));
                ids.push(Some(link.id.clone()));
            }
            series_id.push(ids);
        }
        (series_id, fills)
    }

    /// The series id a KPI naming an unknown series keeps, and the problem:
    /// it names a member's KPI that reads an indicator itself, or nothing.
    fn unknown_series(&self, kpi: &Kpi, link: &Link, here: Location) -> (String, Problem) {
        let (workspace, plans, own) = (self.workspace, self.plans, self.own);
        let file = &workspace.file;
        let chained = plans.iter().enumerate().find_map(|(om, p)| {
            p.kpi(&link.id)
                .filter(|o| o.indicator.is_some())
                .map(|o| (om, o))
        });
        let id = chained.map_or(link.id.clone(), |(_, o)| o.series_id().to_string());
        let problem = match chained {
            Some((om, o)) => Problem::error(
                here,
                format!(
                    "KPI {} reads `{}`, a KPI of member {} that itself reads indicator `{}`",
                    kpi.id,
                    link.id,
                    workspace.members[om].name,
                    o.series_id()
                ),
            )
            .hint(format!("write indicator = \"{}\"", o.series_id())),
            None => {
                let mut known: Vec<&str> = file.indicators.iter().map(|i| i.id.as_str()).collect();
                known.extend(own.keys().copied());
                known.sort_unstable();
                known.dedup();
                Problem::error(
                    here,
                    format!(
                        "KPI {} names indicator `{}`, which is neither registered in {} nor a KPI of a member",
                        kpi.id,
                        link.id,
                        file.path.display()
                    ),
                )
                .hint(match crate::suggest::closest(&link.id, &known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "register it with an [[indicator]] in the workspace file, or name a member's KPI that reads no indicator".to_string(),
                })
            }
        };
        (id, problem)
    }

    /// The facts a KPI takes from its series, and where they are written.
    fn facts_of(&self, source: Source) -> (Facts, String) {
        let (workspace, plans) = (self.workspace, self.plans);
        let file = &workspace.file;
        match source {
            Source::Register(i) => (
                Facts {
                    name: i.name.clone(),
                    unit: i.unit.clone(),
                    owner: i.owner.clone(),
                    source: i.source.clone(),
                    cumulative: i.cumulative,
                    schedule: i.schedule.clone(),
                },
                format!("the register ({}, line {})", file.path.display(), i.line),
            ),
            Source::Member(om, ok) => {
                let o = &plans[om].kpis[ok];
                (
                    Facts {
                        name: o.name.clone(),
                        unit: o.unit.clone(),
                        owner: o.owner.clone(),
                        source: o.source.clone(),
                        cumulative: o.cumulative,
                        schedule: (!o.schedule.is_yearly()).then(|| o.schedule.clone()),
                    },
                    format!(
                        "KPI {} of member {} ({}, line {})",
                        o.id,
                        workspace.members[om].name,
                        plans[om].path.display(),
                        o.line
                    ),
                )
            }
        }
    }
}

/// The problems of a KPI that restates its series' facts (unit, owner,
/// source, cumulative, schedule) with other values.
fn restatements(
    kpi: &Kpi,
    link: &Link,
    plan: &Plan,
    here: Location,
    facts: &Facts,
    origin: &str,
    problems: &mut Problems,
) {
    let restated = [
        ("unit", &kpi.unit, &facts.unit),
        ("owner", &kpi.owner, &facts.owner),
        ("source", &kpi.source, &facts.source),
    ];
    for (field, mine, theirs) in restated {
        if let Some(mine) = mine {
            if Some(mine) != theirs.as_ref() {
                problems.push(
                    Problem::error(
                        here.clone(),
                        format!(
                            "KPI {} restates {field} as \"{mine}\", but its series `{}` has {} in {origin}",
                            kpi.id,
                            link.id,
                            theirs.as_ref().map_or("none".to_string(), |t| format!("\"{t}\""))
                        ),
                    )
                    .hint(format!(
                        "remove {field} from the KPI (it comes from the series), or correct it"
                    )),
                );
            }
        }
    }
    if let Some(mine) = link.cumulative_written {
        if mine != facts.cumulative {
            problems.push(
                Problem::error(
                    here.clone(),
                    format!(
                        "KPI {} restates cumulative = {mine}, but its series `{}` has cumulative = {} in {origin}",
                        kpi.id, link.id, facts.cumulative
                    ),
                )
                .hint("remove cumulative from the KPI (it comes from the series), or correct it"),
            );
        }
    }
    if let Some(problem) = super::schedule::restated(
        kpi,
        here.clone(),
        plan.year_style,
        &link.id,
        &facts.schedule,
        origin,
    ) {
        problems.push(problem);
    }
}

/// Each KPI that names an indicator takes the facts of its series that it
/// does not write itself.
fn fill(plans: &mut [Plan], fills: Fills, problems: &mut Problems) {
    for (m, k, facts) in fills {
        let kpi = &mut plans[m].kpis[k];
        if !kpi.indicator.as_ref().is_some_and(|l| l.name_written) {
            kpi.name = facts.name;
        }
        kpi.unit = kpi.unit.take().or(facts.unit);
        kpi.owner = kpi.owner.take().or(facts.owner);
        kpi.source = kpi.source.take().or(facts.source);
        if let Some(schedule) = facts.schedule.filter(|_| !written_schedule(kpi)) {
            kpi.schedule = schedule;
        }
        if !kpi.cumulative && facts.cumulative {
            kpi.cumulative = true;
            running_total_target(&plans[m], k, problems);
        }
    }
}

/// The series in order (register first, in its order, then members' own),
/// each series' users, and each member KPI's series.
fn series_order(
    file: &super::WorkspaceFile,
    register: &HashMap<&str, usize>,
    plans: &[Plan],
    series_id: &[Vec<Option<String>>],
) -> (Vec<String>, Users, Vec<Vec<usize>>) {
    let mut order: Vec<String> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut users: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut add = |id: &str, user: (usize, usize), users: &mut Vec<Vec<(usize, usize)>>| {
        let at = *position.entry(id.to_string()).or_insert_with(|| {
            order.push(id.to_string());
            users.push(Vec::new());
            order.len() - 1
        });
        users[at].push(user);
        at
    };
    let mut series_of: Vec<Vec<usize>> = plans.iter().map(|p| vec![0; p.kpis.len()]).collect();
    // The register's series in its order (each id once: one registered
    // twice, an error of the workspace file, must not count its users
    // twice), then the members' own, each with its users in member order.
    let mut by_register: Vec<Vec<(usize, usize)>> = vec![Vec::new(); file.indicators.len()];
    for (m, ids) in series_id.iter().enumerate() {
        for (k, id) in ids.iter().enumerate() {
            if let Some(&r) = id.as_deref().and_then(|id| register.get(id)) {
                by_register[r].push((m, k));
            }
        }
    }
    for (r, found) in by_register.iter().enumerate() {
        for &(m, k) in found {
            series_of[m][k] = add(&file.indicators[r].id, (m, k), &mut users);
        }
    }
    for (m, ids) in series_id.iter().enumerate() {
        for (k, id) in ids.iter().enumerate() {
            let Some(id) = id else { continue };
            if !register.contains_key(id.as_str()) {
                series_of[m][k] = add(id, (m, k), &mut users);
            }
        }
    }
    (order, users, series_of)
}

/// The register, looked up by id.
struct Register<'a> {
    file: &'a super::WorkspaceFile,
    by_id: &'a HashMap<&'a str, usize>,
}

impl<'a> Register<'a> {
    fn get(&self, id: &str) -> Option<&'a Indicator> {
        self.by_id.get(id).map(|&i| &self.file.indicators[i])
    }
}

struct Facts {
    name: String,
    unit: Option<String>,
    owner: Option<String>,
    source: Option<String>,
    cumulative: bool,
    /// The series' schedule, when it has one a member KPI may take.
    schedule: Option<crate::schedule::Schedule>,
}

fn written_schedule(kpi: &Kpi) -> bool {
    kpi.indicator.as_ref().is_some_and(|l| l.schedule_written)
}

/// `ledger` and `fiscal_year_start` belong to the root: a member that sets
/// `actuals`, or a different fiscal year, is an error naming the root file.
fn root_only_facts(workspace: &Workspace, m: usize, plan: &mut Plan, problems: &mut Problems) {
    let root = &workspace.file;
    if plan.actuals_explicit {
        problems.push(
            Problem::error(
                key_location(&plan.path, "actuals"),
                format!(
                    "member {} sets plan.actuals, but a workspace has one ledger: `ledger` in {}",
                    workspace.members[m].name,
                    root.path.display()
                ),
            )
            .hint("remove actuals from the member's [plan] (kpi workspace adopt merges a plan's own ledger into the root's)"),
        );
    }
    if plan.fiscal_year_explicit && plan.fiscal_year_start != root.fiscal_year_start {
        problems.push(
            Problem::error(
                key_location(&plan.path, "fiscal_year_start"),
                format!(
                    "member {} sets fiscal_year_start = {}, but the workspace's is {} ({})",
                    workspace.members[m].name,
                    plan.fiscal_year_start,
                    root.fiscal_year_start,
                    root.path.display()
                ),
            )
            .hint("remove fiscal_year_start from the member: every plan on one ledger counts the same fiscal year"),
        );
    }
    plan.fiscal_year_start = root.fiscal_year_start;
    plan.actuals = root.ledger.clone();
    plan.actuals_explicit = root.ledger_explicit;
}

/// The line of `key = …` in a plan file, for a problem about a setting the
/// plan reader keeps no line for.
fn key_location(path: &Path, key: &str) -> Location {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let line = text.lines().position(|l| {
        l.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    match line {
        Some(i) => Location::line(path, i + 1),
        None => Location::file(path),
    }
}

/// A KPI made a running total by its series: its target may not be below its baseline.
fn running_total_target(plan: &Plan, k: usize, problems: &mut Problems) {
    let kpi = &plan.kpis[k];
    if kpi.target.value < kpi.baseline.value {
        problems.push(
            Problem::error(
                Location::line(&plan.path, kpi.line),
                format!(
                    "KPI {} reads the running total `{}` (cumulative = true), but its target {} is below its baseline {}",
                    kpi.id,
                    kpi.series_id(),
                    kpi.target.value,
                    kpi.baseline.value
                ),
            )
            .hint("a running total never goes down: fix the target or the baseline"),
        );
    }
}

/// The plan the ledger is read against: one KPI per series, with the
/// series' facts, from the earliest baseline of any plan using it to the
/// latest target year in force (a revision may move one later).
fn series_plan(
    workspace: &Workspace,
    plans: &[Plan],
    order: &[String],
    users: &[Vec<(usize, usize)>],
    registered_as: &Register<'_>,
) -> Plan {
    let file = &workspace.file;
    let kpis = order
        .iter()
        .zip(users)
        .map(|(id, users)| {
            let user = |&(m, k): &(usize, usize)| &plans[m].kpis[k];
            let first = user(&users[0]);
            let baseline = users
                .iter()
                .map(user)
                .min_by_key(|k| k.baseline.year)
                .map_or(first.baseline, |k| k.baseline);
            let last_target = |k: &Kpi| k.revisions.last().map_or(k.target, |r| r.target);
            let target = users
                .iter()
                .map(|u| last_target(user(u)))
                .max_by_key(|t| t.year)
                .unwrap_or(first.target);
            let registered = registered_as.get(id);
            Kpi {
                id: id.clone(),
                name: registered.map_or_else(|| first.name.clone(), |i| i.name.clone()),
                attachment: Attachment::Measures(Vec::new()),
                baseline,
                target,
                milestones: Vec::new(),
                revisions: Vec::new(),
                indicator: None,
                line: registered.map_or(first.line, |i| i.line),
                ..first.clone()
            }
        })
        .collect();
    // The ledger's frame, with the series as its KPIs.
    let mut plan = Plan {
        year_style: plans.first().map(|p| p.year_style).unwrap_or_default(),
        kpis,
        ..ledger_plan(file)
    };
    plan.index = Index::new(&plan);
    plan
}

/// A plan of no KPIs standing for the workspace's ledger: its path is the
/// workspace file (the journal and lock live beside it) and its actuals the
/// root ledger. What `kpi recover` needs, even when a member is broken.
pub fn ledger_plan(file: &super::WorkspaceFile) -> Plan {
    let mut plan = Plan {
        path: file.path.clone(),
        title: file.name.clone(),
        succeeds: None,
        organization: None,
        fiscal_year_start: file.fiscal_year_start,
        fiscal_year_explicit: true,
        year_style: Default::default(),
        actuals: file.ledger.clone(),
        actuals_explicit: file.ledger_explicit,
        reviews: file.root().join("reviews"),
        evaluations: file.root().join("evaluations"),
        scoring: Scoring::default(),
        goals: Vec::new(),
        measures: Vec::new(),
        kpis: Vec::new(),
        id: None,
        area_code: None,
        dimensions: Vec::new(),
        written_breakdowns: Vec::new(),
        of_series: true,
        index: Index::default(),
    };
    plan.index = Index::new(&plan);
    plan
}
