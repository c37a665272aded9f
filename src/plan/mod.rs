//! The plan (`kpi.toml`): goals, measures and KPIs with baselines and targets
//! (plan-format.md). `load` reads and validates it; the types here are what
//! every other module works with once it is known to be valid.

mod build;
mod cache;
mod check;
pub mod dimensions;
mod discover;
mod fields;
mod index;
mod load;
mod oracle;
mod position;
mod read;
mod split;
mod tree;
pub mod write;

pub use check::shared_names;
pub use discover::find_plan;
pub use fields::KPI_KEYS as KPI_FIELDS;
pub use index::Index;
pub use index::{FastHash, IdHasher};
pub use load::{
    load, load_member, load_member_str, load_str, load_str_in_pieces, load_str_via, Via,
};

use std::path::PathBuf;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::bands::Condition;
use crate::exact;
use crate::status::Status;
use crate::year::{FiscalYear, YearStyle};

/// The plan as read; equal plans are equal in every field (a decimal
/// compares by value: `50.0 == 50`). The plan cache stores it as it is,
/// less its path (the entry's own) and its index (rebuilt).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The `kpi.toml` this plan was read from.
    #[serde(skip)]
    pub path: PathBuf,
    pub title: String,
    /// `plan.succeeds`: the member this plan follows (display only).
    pub succeeds: Option<String>,
    pub organization: Option<String>,
    pub fiscal_year_start: u32,
    /// False when `fiscal_year_start` was not written (a workspace member
    /// then takes the root's).
    pub fiscal_year_explicit: bool,
    pub year_style: YearStyle,
    /// Ledger files and folders, resolved against the plan's folder.
    pub actuals: Vec<PathBuf>,
    /// False when `plan.actuals` was not written: a missing `actuals/` is then an empty ledger.
    pub actuals_explicit: bool,
    /// The folder of the yearly reviews (`plan.reviews`, default `reviews/`),
    /// resolved against the plan's folder.
    pub reviews: PathBuf,
    /// The folder of the published evaluations (`plan.evaluations`, default
    /// `evaluations/`), resolved against the plan's folder.
    pub evaluations: PathBuf,
    pub scoring: Scoring,
    pub goals: Vec<Goal>,
    pub measures: Vec<Measure>,
    pub kpis: Vec<Kpi>,
    /// `plan.id`: an optional ASCII id, the SDMX `STRUCTURE_ID`'s (breakdowns.md).
    #[serde(default)]
    pub id: Option<String>,
    /// `plan.area_code`: the organisation's 全国地方公共団体コード (breakdowns.md).
    #[serde(default)]
    pub area_code: Option<String>,
    /// `[[dimension]]`s, in the order declared (in a workspace member, the
    /// register's first, then the member's own).
    #[serde(default)]
    pub dimensions: Vec<crate::breakdown::Dimension>,
    /// A workspace member's KPIs' breakdown fields as written, matched with
    /// the register's and the member's dimensions when the workspace is
    /// linked (`workspace::link`); empty in a plan read alone, whose KPIs'
    /// `breakdown` is filled in when it is read.
    #[serde(default)]
    pub written_breakdowns: Vec<crate::breakdown::Written>,
    /// True for a workspace's plan of the series (`workspace::link`): its
    /// KPIs are the series, and ledger rows name series, not a plan's KPIs.
    #[serde(skip)]
    pub of_series: bool,
    /// Ids to positions, so that lookups stay fast on a national-scale plan.
    #[serde(skip)]
    pub index: Index,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    /// (a - b) / (t - b)
    Baseline,
    /// a / t (t / a for a decreasing KPI)
    Target,
}

impl Basis {
    pub fn name(self) -> &'static str {
        match self {
            Basis::Baseline => "baseline",
            Basis::Target => "target",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathShape {
    Linear,
    Geometric,
}

/// `[evaluation]`: cut-offs and conventions (progress.md). Named `Scoring` in
/// code so it is not confused with the result of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scoring {
    #[serde(with = "exact")]
    pub on_track: Decimal,
    #[serde(with = "exact")]
    pub at_risk: Decimal,
    pub stale_after: i32,
    pub basis: Basis,
    pub path: PathShape,
    pub grades: Vec<GradeBand>,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            on_track: Decimal::new(95, 2),
            at_risk: Decimal::new(60, 2),
            stale_after: 2,
            basis: Basis::Baseline,
            path: PathShape::Linear,
            grades: Vec::new(),
        }
    }
}

/// One `[[evaluation.grade]]` band; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GradeBand {
    pub label: String,
    pub status: Option<Vec<Status>>,
    /// `pace_at_least`, `achievement_above`, `improvement_below`, …
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    pub name: String,
    pub aim: Option<String>,
    pub line: usize,
}

/// Where a measure hangs: directly under a goal, or under another measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeasureParent {
    Goal(String),
    Measure(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    pub name: String,
    pub parent: MeasureParent,
    pub description: Option<String>,
    pub line: usize,
}

/// Where a KPI hangs: a goal (a numeric target, 数値目標) or measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attachment {
    Goal(String),
    Measures(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    /// `s` of progress.md: +1 for increase, -1 for decrease.
    pub fn sign(self) -> Decimal {
        match self {
            Direction::Increase => Decimal::ONE,
            Direction::Decrease => Decimal::NEGATIVE_ONE,
        }
    }
}

/// A value in a year: a baseline, a target or a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub year: FiscalYear,
    #[serde(with = "exact")]
    pub value: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    pub id: String,
    pub name: String,
    pub attachment: Attachment,
    pub unit: Option<String>,
    pub baseline: Point,
    pub target: Point,
    pub direction: Direction,
    /// Interim targets, in year order, strictly between baseline and target years.
    pub milestones: Vec<Point>,
    pub cumulative: bool,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub note: Option<String>,
    /// Revised targets (`revisions`), in order of `from`.
    pub revisions: Vec<Revision>,
    /// In a workspace member: the series its figures come from
    /// (workspace.md `indicator`); none for a KPI that is its own series.
    pub indicator: Option<Link>,
    /// When figures come (`frequency`, `due_years`, `lag`;
    /// evaluation-cycle.md §1): yearly with no lag unless written.
    pub schedule: crate::schedule::Schedule,
    /// `breakdowns`, `total` and `category_target` (breakdowns.md); none
    /// for a KPI reported only as a whole. Boxed: most KPIs have none.
    #[serde(default)]
    pub breakdown: Option<Box<crate::breakdown::Breakdown>>,
    /// The line of the `[[kpi]]` header in the plan file.
    pub line: usize,
}

/// An id the ledger can key figures by: ASCII letters, digits, `.`, `_`, `-`.
pub fn is_plain_id(id: &str) -> bool {
    id.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A member KPI's `indicator`: the series it reads, and which facts it
/// wrote itself (the register supplies the rest, and a fact restated must
/// agree with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub id: String,
    /// False when the KPI took the register's name (its `name` is filled
    /// in when the workspace is read).
    pub name_written: bool,
    pub cumulative_written: Option<bool>,
    /// True when the KPI writes `frequency`, `due_years` or `lag`: else it
    /// takes its series' schedule, if the series has one.
    #[serde(default)]
    pub schedule_written: bool,
}

impl Kpi {
    /// The ledger's key for this KPI's figures: its indicator's id, or its own.
    pub fn series_id(&self) -> &str {
        self.indicator.as_ref().map_or(&self.id, |l| &l.id)
    }
}

/// A revised target (plan-format.md `revisions`, progress.md "Revised
/// targets"): from the fiscal year `from` on, `target` is in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub from: FiscalYear,
    /// The revised target; its year is the revision's `target_year`, or the
    /// target year in force before it.
    pub target: Point,
    pub note: Option<String>,
    /// The line of the revision in the plan file.
    pub line: usize,
}

impl Kpi {
    /// The points the expected path runs through: baseline, milestones, target.
    pub fn path_points(&self) -> Vec<Point> {
        let mut points = Vec::with_capacity(self.milestones.len() + 2);
        points.push(self.baseline);
        points.extend(self.milestones.iter().copied());
        points.push(self.target);
        points
    }

    /// The revision in force as of `as_of`: the last whose `from <= as_of`
    /// (none with no as-of year: an empty ledger is judged on the original).
    pub fn revision_in_force(&self, as_of: Option<FiscalYear>) -> Option<usize> {
        let as_of = as_of?;
        self.revisions.iter().rposition(|r| r.from <= as_of)
    }

    /// The target in force for the fiscal year `year`: the last revision's
    /// whose `from <= year`, else the original. Every rule that asks
    /// whether a year is due a figure asks this (issue 24, item 5).
    pub fn target_as_of(&self, year: FiscalYear) -> Point {
        self.revision_in_force(Some(year))
            .map_or(self.target, |r| self.revisions[r].target)
    }

    /// The target year in force once every revision has taken force: the
    /// last revision's, else the original. A figure after it is after the
    /// KPI's target year, whichever way revisions moved it.
    pub fn last_target_year(&self) -> FiscalYear {
        self.revisions
            .last()
            .map_or(self.target.year, |r| r.target.year)
    }

    /// This KPI as revision `r` states it: the revised target, and only the
    /// milestones before its target year (the path runs from the baseline
    /// through them to the revised target).
    pub fn revised(&self, r: usize) -> Kpi {
        let target = self.revisions[r].target;
        Kpi {
            target,
            milestones: self
                .milestones
                .iter()
                .copied()
                .filter(|m| m.year < target.year)
                .collect(),
            ..self.clone()
        }
    }

    pub fn measure_ids(&self) -> &[String] {
        match &self.attachment {
            Attachment::Goal(_) => &[],
            Attachment::Measures(m) => m,
        }
    }
}

impl Plan {
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goal_index(id).map(|i| &self.goals[i])
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measure_index(id).map(|i| &self.measures[i])
    }

    pub fn kpi(&self, id: &str) -> Option<&Kpi> {
        self.kpi_index(id).map(|i| &self.kpis[i])
    }

    pub fn goal_index(&self, id: &str) -> Option<usize> {
        self.index.goals.find(id, &self.goals, |g| &g.id)
    }

    pub fn measure_index(&self, id: &str) -> Option<usize> {
        self.index.measures.find(id, &self.measures, |m| &m.id)
    }

    /// The id of the KPI at `position`, read from the index's copy of the
    /// ids in plan order when it has one (see `Index::kpi_id`).
    pub fn kpi_id_at(&self, position: usize) -> Option<&str> {
        if self.index.covers_kpis(self.kpis.len()) {
            self.index.kpi_id(position)
        } else {
            self.kpis.get(position).map(|k| k.id.as_str())
        }
    }

    pub fn kpi_index(&self, id: &str) -> Option<usize> {
        self.index.kpis.find(id, &self.kpis, |k| &k.id)
    }

    /// The measures from the top down to `id`: `[1.1, 1.1.1]` for `1.1.1`.
    /// Validation has ruled out cycles; the step bound only guards against a
    /// plan built by hand in code.
    pub fn measure_path(&self, id: &str) -> Vec<&Measure> {
        self.measure_path_indexes(id)
            .into_iter()
            .map(|i| &self.measures[i])
            .collect()
    }

    /// `measure_path` as indexes into `measures`.
    pub fn measure_path_indexes(&self, id: &str) -> Vec<usize> {
        let mut path = Vec::new();
        let mut current = self.measure_index(id);
        while let Some(i) = current {
            if path.len() > self.measures.len() {
                break;
            }
            path.push(i);
            current = match &self.measures[i].parent {
                MeasureParent::Measure(p) => self.measure_index(p),
                MeasureParent::Goal(_) => None,
            };
        }
        path.reverse();
        path
    }

    /// The goal a measure leads up to.
    pub fn goal_of_measure(&self, id: &str) -> Option<&Goal> {
        self.goal_index_of_measure(id).map(|i| &self.goals[i])
    }

    fn goal_index_of_measure(&self, id: &str) -> Option<usize> {
        let i = self.measure_index(id)?;
        if let Some(goal) = self.index.measure_goal(i, self.measures.len()) {
            return goal;
        }
        let top = *self.measure_path_indexes(id).first()?;
        match &self.measures[top].parent {
            MeasureParent::Goal(g) => self.goal_index(g),
            MeasureParent::Measure(_) => None,
        }
    }

    /// Every goal a KPI leads up to, in plan order, each once.
    pub fn kpi_goals(&self, kpi: &Kpi) -> Vec<&Goal> {
        self.kpi_goal_indexes(kpi)
            .into_iter()
            .map(|i| &self.goals[i])
            .collect()
    }

    /// `kpi_goals` as indexes into `goals`, ascending.
    pub fn kpi_goal_indexes(&self, kpi: &Kpi) -> Vec<usize> {
        let mut goals: Vec<usize> = match &kpi.attachment {
            Attachment::Goal(g) => self.goal_index(g).into_iter().collect(),
            Attachment::Measures(ms) => ms
                .iter()
                .filter_map(|m| self.goal_index_of_measure(m))
                .collect(),
        };
        goals.sort_unstable();
        goals.dedup();
        goals
    }

    /// Every measure a KPI hangs under, directly or through a sub-measure,
    /// as indexes into `measures`, ascending, each once.
    pub fn kpi_measure_indexes(&self, kpi: &Kpi) -> Vec<usize> {
        let mut all: Vec<usize> = kpi
            .measure_ids()
            .iter()
            .flat_map(|m| self.measure_path_indexes(m))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// True when the KPI hangs under `measure` or under one of its sub-measures.
    pub fn kpi_under_measure(&self, kpi: &Kpi, measure: &str) -> bool {
        kpi.measure_ids().iter().any(|m| {
            self.measure_path_indexes(m)
                .iter()
                .any(|&p| self.measures[p].id == measure)
        })
    }

    /// The measures directly under a goal or a measure, in plan order.
    pub fn children(&self, parent: &MeasureParent) -> Vec<&Measure> {
        self.children_indexes(parent)
            .into_iter()
            .map(|i| &self.measures[i])
            .collect()
    }

    /// `children` as indexes into `measures`, ascending.
    pub fn children_indexes(&self, parent: &MeasureParent) -> Vec<usize> {
        if !self.index.children.covers(self.measures.len()) {
            return (0..self.measures.len())
                .filter(|&i| &self.measures[i].parent == parent)
                .collect();
        }
        self.index
            .children
            .under(index::parent_hash(parent))
            .filter(|&i| &self.measures[i].parent == parent)
            .collect()
    }
}
