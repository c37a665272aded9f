//! What was published stays published (evaluation-cycle.md §2): the
//! evaluations a plan's office published, `evaluations/YEAR.json` beside
//! the plan, read back as snapshots; the same snapshot taken of an
//! evaluation computed now; and what differs between two of them.
//!
//! `read` parses a published file; `beside` sets the previous and the
//! published evaluation beside the one computed now; `publish` writes a
//! file; `diff` compares two snapshots; `check` is `validate`'s part.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::plan::Plan;
use crate::progress::{Evaluation, KpiProgress};
use crate::status::Status;
use crate::year::FiscalYear;

pub mod beside;
pub mod check;
pub mod diff;
pub mod publish;
pub mod read;

pub use beside::{Beside, Change, KpiBeside};

/// One evaluation as a list of its KPIs' verdicts: a published file, or
/// the evaluation computed now.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub year: FiscalYear,
    /// The published file it was read from; `None` when computed now.
    pub file: Option<PathBuf>,
    /// `published.date` of a published file.
    pub date: Option<String>,
    pub kpis: Vec<KpiSnap>,
    /// The goals (id, name) in the evaluation's order.
    pub goals: Vec<(String, String)>,
}

/// One KPI's verdict in an evaluation: what a council read.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiSnap {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    /// The first goal it leads up to.
    pub goal: Option<String>,
    pub status: Status,
    pub grade: Option<String>,
    pub achievement: Option<Decimal>,
    /// The latest scored figure: its year and value.
    pub latest: Option<(FiscalYear, Decimal)>,
    /// The target in force: its year and value.
    pub target: Option<(FiscalYear, Decimal)>,
}

impl Snapshot {
    pub fn kpi(&self, id: &str) -> Option<&KpiSnap> {
        self.kpis.iter().find(|k| k.id == id)
    }
}

/// The published file of `year` in `folder`: `folder/2018.json`.
pub fn file_of(folder: &Path, year: FiscalYear) -> PathBuf {
    folder.join(format!("{}.json", year.0))
}

/// The year a published file's name gives (`2018.json`), if it is one:
/// four digits, as the reviews' files are named.
pub fn year_of_name(name: &str) -> Option<FiscalYear> {
    let stem = name.strip_suffix(".json")?;
    (stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()))
        .then(|| stem.parse().ok().map(FiscalYear))
        .flatten()
}

/// The years published in `folder`, oldest first (files named `YEAR.json`;
/// a missing folder has none). Other files are `validate`'s to report.
pub fn published_years(folder: &Path) -> Vec<FiscalYear> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut years: Vec<FiscalYear> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| year_of_name(&e.file_name().to_string_lossy()))
        .collect();
    years.sort();
    years
}

/// The snapshot of an evaluation computed now (`eval.as_of` must be set).
pub fn snapshot(plan: &Plan, eval: &Evaluation, year: FiscalYear) -> Snapshot {
    Snapshot {
        year,
        file: None,
        date: None,
        kpis: eval.kpis.iter().map(|k| kpi_snap(plan, k)).collect(),
        goals: plan
            .goals
            .iter()
            .map(|g| (g.id.clone(), g.name.clone()))
            .collect(),
    }
}

/// One KPI's verdict as computed now, as its published file would hold it.
pub fn kpi_snap(plan: &Plan, k: &KpiProgress) -> KpiSnap {
    let kpi = k.kpi_of(plan);
    KpiSnap {
        id: kpi.id.clone(),
        name: kpi.name.clone(),
        unit: kpi.unit.clone(),
        goal: plan.kpi_goals(kpi).first().map(|g| g.id.clone()),
        status: k.status,
        grade: k.grade.clone(),
        achievement: k.achievement,
        latest: k.latest.map(|p| (p.year, p.value)),
        target: Some((kpi.target.year, kpi.target.value)),
    }
}

/// One KPI's previous and published verdicts as of a year (`of_kpi`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiHistory {
    /// The newest evaluation published before the year: its year and the
    /// KPI's verdict in it.
    pub previous: Option<(FiscalYear, KpiSnap)>,
    /// The KPI's verdict in the evaluation published for the year itself.
    pub published: Option<KpiSnap>,
}

/// The previous and the published evaluation of one KPI as of `year`, for
/// a plan whose evaluations folder is `folder` (`plan.evaluations`), for
/// `kpi explain`. A damaged file is an error naming it.
pub fn of_kpi(folder: &Path, year: FiscalYear, id: &str) -> crate::error::Result<KpiHistory> {
    let (previous, published) = beside::read_both(folder, year)?;
    Ok(KpiHistory {
        previous: previous.and_then(|s| s.kpi(id).cloned().map(|k| (s.year, k))),
        published: published.and_then(|s| s.kpi(id).cloned()),
    })
}
