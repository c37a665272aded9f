//! The plan as an office KPI sheet, for `kpi export plan`: a title line,
//! the header, then goal by goal its numeric targets and its measures (each
//! before its sub-measures) with one row per KPI per measure. `kpi init
//! --from` reads it back into a plan that evaluates the same.

use std::collections::HashMap;

use super::cells::{self, direction_word, MEASURE_PREFIXES};
use super::columns::Role;
use crate::csv_cells::{neutralise, push_row};
use crate::lang::Lang;
use crate::plan::{Attachment, Goal, Kpi, Measure, MeasureParent, Plan};
use crate::year::FiscalYear;

/// A sheet's text and what it cannot say of the plan.
#[derive(Debug, Clone)]
pub struct Exported {
    pub text: String,
    /// What `kpi init --from` would read back differently, one line each.
    pub warnings: Vec<String>,
}

/// A cell: text a spreadsheet must never run as a formula, or a number
/// or year written as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Plain(String),
}

/// The sheet as cells: what `sheet` writes as CSV, and `kpi export plan
/// --format xlsx` as a workbook.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The title line above the header: the plan's title.
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// What `kpi init --from` would read back differently, one line each.
    pub warnings: Vec<String>,
}

/// What sits in one column, for every row.
enum Col {
    Role(Role),
    Milestone(FiscalYear),
}

/// Where a KPI or measure hangs, as a key: (false, goal) or (true, measure).
type Place<'p> = (bool, &'p str);

fn place(parent: &MeasureParent) -> Place<'_> {
    match parent {
        MeasureParent::Goal(g) => (false, g),
        MeasureParent::Measure(m) => (true, m),
    }
}

struct Writer<'p> {
    plan: &'p Plan,
    lang: Lang,
    columns: Vec<Col>,
    rows: Vec<Vec<Cell>>,
    /// The KPIs under each goal (numeric targets) and measure, plan order.
    kpis: HashMap<Place<'p>, Vec<&'p Kpi>>,
    /// The measures under each goal and measure, plan order.
    children: HashMap<Place<'p>, Vec<&'p Measure>>,
    /// What `kpi init --from` would read back differently.
    warnings: Vec<String>,
}

/// The plan as a sheet in `lang`, with CRLF line ends as Excel writes them.
pub fn sheet(plan: &Plan, lang: Lang) -> Exported {
    let grid = grid(plan, lang);
    let mut text = String::new();
    push(&mut text, vec![Cell::Text(grid.title)]);
    push(&mut text, grid.header.into_iter().map(Cell::Text).collect());
    for row in grid.rows {
        push(&mut text, row);
    }
    Exported {
        text,
        warnings: grid.warnings,
    }
}

/// The plan as the sheet's cells, in `lang`.
pub fn grid(plan: &Plan, lang: Lang) -> Grid {
    let mut columns: Vec<Col> = [
        Role::Id,
        Role::Goal,
        Role::GoalName,
        Role::Measure,
        Role::MeasureName,
        Role::Name,
        Role::Unit,
        Role::Baseline,
        Role::BaselineYear,
        Role::Target,
        Role::TargetYear,
    ]
    .map(Col::Role)
    .into_iter()
    .collect();
    let mut years: Vec<FiscalYear> = plan
        .kpis
        .iter()
        .flat_map(|k| k.milestones.iter().map(|p| p.year))
        .collect();
    years.sort();
    years.dedup();
    columns.extend(years.into_iter().map(Col::Milestone));
    // Direction only where the plan needs it said: baseline equal to target.
    if plan.kpis.iter().any(|k| k.baseline.value == k.target.value) {
        columns.push(Col::Role(Role::Direction));
    }
    if plan.kpis.iter().any(|k| k.cumulative) {
        columns.push(Col::Role(Role::Cumulative));
    }
    // When figures come, only where a KPI says (a yearly plan's sheet is
    // as it was): 調査周期, 調査年度, 公表の遅れ.
    let said = |i: usize| {
        plan.kpis
            .iter()
            .any(|k| !super::schedule::cells(&k.schedule, plan.year_style)[i].is_empty())
    };
    for (i, role) in [Role::Frequency, Role::DueYears, Role::Lag]
        .into_iter()
        .enumerate()
    {
        if said(i) {
            columns.push(Col::Role(role));
        }
    }
    columns.extend([Role::Owner, Role::Source, Role::Note].map(Col::Role));
    let mut w = Writer {
        plan,
        lang,
        columns,
        rows: Vec::new(),
        kpis: HashMap::new(),
        children: HashMap::new(),
        warnings: Vec::new(),
    };
    for k in &plan.kpis {
        let places: Vec<Place> = match &k.attachment {
            Attachment::Goal(g) => vec![(false, g)],
            Attachment::Measures(ms) => ms.iter().map(|m| (true, m.as_str())).collect(),
        };
        for p in places {
            w.kpis.entry(p).or_default().push(k);
        }
    }
    for m in &plan.measures {
        w.children.entry(place(&m.parent)).or_default().push(m);
    }
    for goal in &plan.goals {
        w.goal(goal);
    }
    let header = w
        .columns
        .iter()
        .map(|c| match c {
            Col::Role(r) => r.heading(lang).to_string(),
            Col::Milestone(y) => Role::milestone_heading(lang, &y.label(plan.year_style)),
        })
        .collect();
    w.warnings.extend(left_out(plan));
    Grid {
        title: plan.title.clone(),
        header,
        rows: w.rows,
        warnings: w.warnings,
    }
}

/// What the sheet has no column for (docs/breakdowns.md, "Plan"): the
/// dimensions, the KPIs' breakdowns, `plan.id` and `plan.area_code`.
/// Said rather than dropped in silence: `kpi init --from` reads the sheet
/// back without them.
fn left_out(plan: &Plan) -> Option<String> {
    let broken_down = plan.kpis.iter().filter(|k| k.breakdown.is_some()).count();
    let mut what = Vec::new();
    if !plan.dimensions.is_empty() || broken_down > 0 {
        what.push(format!(
            "its breakdowns ({}, {} broken down)",
            crate::lang::count(plan.dimensions.len(), "dimension", "dimensions"),
            crate::lang::count(broken_down, "KPI", "KPIs")
        ));
    }
    if plan.id.is_some() {
        what.push("plan.id".to_string());
    }
    if plan.area_code.is_some() {
        what.push("plan.area_code".to_string());
    }
    (!what.is_empty()).then(|| {
        format!(
            "the sheet has no columns for {}: kpi init --from reads it back without them; keep them in kpi.toml",
            what.join(", ")
        )
    })
}

fn push(text: &mut String, cells: Vec<Cell>) {
    let cells: Vec<String> = cells
        .into_iter()
        .map(|c| match c {
            Cell::Text(t) => neutralise(&t),
            Cell::Plain(t) => t,
        })
        .collect();
    push_row(text, &cells, "\r\n");
}

impl<'p> Writer<'p> {
    fn under(&self, at: Place<'p>) -> (Vec<&'p Kpi>, Vec<&'p Measure>) {
        let kpis = self.kpis.get(&at).cloned().unwrap_or_default();
        let children = self.children.get(&at).cloned().unwrap_or_default();
        (kpis, children)
    }

    fn goal(&mut self, goal: &'p Goal) {
        if !reads_back(&goal.id, cells::GOAL_PREFIXES) {
            self.warnings.push(format!(
                "goal id `{}` is not a number such as 1: kpi init --from cannot read it back",
                goal.id
            ));
        }
        let (targets, top) = self.under((false, &goal.id));
        if targets.is_empty() && top.is_empty() {
            self.row(goal, None, None);
        }
        for k in targets {
            self.row(goal, None, Some(k));
        }
        for m in top {
            self.measure(goal, m);
        }
    }

    fn measure(&mut self, goal: &'p Goal, m: &'p Measure) {
        let implied = cells::implied_parent(&m.id, &goal.id);
        if !reads_back(&m.id, MEASURE_PREFIXES) {
            self.warnings.push(format!(
                "measure id `{}` is not a number such as 1.1.1: kpi init --from cannot read it back",
                m.id
            ));
        } else if implied != m.parent {
            self.warnings.push(format!(
                "measure {} hangs under {} in the plan, but a sheet says where a measure hangs by its number: kpi init --from hangs it under {}",
                m.id,
                parent_name(&m.parent),
                parent_name(&implied)
            ));
        }
        let (kpis, children) = self.under((true, &m.id));
        // A measure named by its number that a child's number implies is
        // made again from that child: it needs no row of its own.
        let made_again = m.name == m.id
            && m.parent == implied
            && children.iter().any(|c| {
                cells::implied_parent(&c.id, &goal.id) == MeasureParent::Measure(m.id.clone())
            });
        if kpis.is_empty() && !made_again {
            self.row(goal, Some(m), None);
        }
        for k in kpis {
            self.row(goal, Some(m), Some(k));
        }
        for c in children {
            self.measure(goal, c);
        }
    }

    /// One row: a KPI under its goal or measure, or only a goal or measure.
    fn row(&mut self, goal: &Goal, measure: Option<&Measure>, kpi: Option<&Kpi>) {
        let style = self.plan.year_style;
        let text = |s: &str| Cell::Text(s.to_string());
        let opt = |s: &Option<String>| Cell::Text(s.clone().unwrap_or_default());
        let empty = || Cell::Plain(String::new());
        let row = self
            .columns
            .iter()
            .map(|c| match (c, kpi) {
                (Col::Role(Role::Goal), _) => text(&goal.id),
                (Col::Role(Role::GoalName), _) => text(&goal.name),
                (Col::Role(Role::Measure), _) => text(measure.map_or("", |m| m.id.as_str())),
                (Col::Role(Role::MeasureName), _) => text(measure.map_or("", |m| m.name.as_str())),
                (_, None) => empty(),
                (Col::Milestone(y), Some(k)) => k
                    .milestones
                    .iter()
                    .find(|p| p.year == *y)
                    .map_or_else(empty, |p| Cell::Plain(p.value.to_string())),
                (Col::Role(role), Some(k)) => match role {
                    Role::Id => text(&k.id),
                    Role::Name => text(&k.name),
                    Role::Unit => opt(&k.unit),
                    Role::Baseline => Cell::Plain(k.baseline.value.to_string()),
                    Role::BaselineYear => Cell::Plain(k.baseline.year.label(style)),
                    Role::Target => Cell::Plain(k.target.value.to_string()),
                    Role::TargetYear => Cell::Plain(k.target.year.label(style)),
                    Role::Direction if k.baseline.value == k.target.value => {
                        text(direction_word(k.direction, self.lang == Lang::Ja))
                    }
                    Role::Cumulative if k.cumulative => {
                        text(if self.lang == Lang::Ja { "○" } else { "yes" })
                    }
                    Role::Frequency | Role::DueYears | Role::Lag => {
                        let [frequency, due, lag] = super::schedule::cells(&k.schedule, style);
                        match role {
                            Role::Frequency => Cell::Plain(frequency),
                            Role::DueYears => text(&due),
                            _ => Cell::Plain(lag),
                        }
                    }
                    Role::Owner => opt(&k.owner),
                    Role::Source => opt(&k.source),
                    Role::Note => opt(&k.note),
                    _ => empty(),
                },
            })
            .collect();
        self.rows.push(row);
    }
}

/// True when `kpi init --from` reads `id` back from a goal or measure cell.
fn reads_back(id: &str, prefixes: &[&str]) -> bool {
    cells::numbered(id, prefixes).is_some_and(|n| n.id == id && n.name.is_none())
}

fn parent_name(parent: &MeasureParent) -> String {
    match parent {
        MeasureParent::Goal(g) => format!("goal {g}"),
        MeasureParent::Measure(m) => format!("measure {m}"),
    }
}
