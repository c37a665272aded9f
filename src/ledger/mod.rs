//! The actuals ledger (actuals-format.md, "The ledger"): the canonical CSV
//! files that `plan.actuals` names, merged at read time into one series of
//! figures per KPI.
//!
//! The ledger is strict: `read` accepts only what `kpi import` writes (UTF-8,
//! a header row, plain decimals) and reports every problem it finds, each
//! with its file and line. A ledger with no problem, the usual case, is read
//! by the same reader for its values alone (`read_clean`, `LedgerValues`).
//! The lenient reading of what offices send belongs to `kpi import`, not
//! here.

pub mod categories;
pub mod edit;
pub mod import;
pub mod journal;
pub(crate) mod read;
pub mod recover;
pub mod values;
pub mod write;
pub mod years;

pub use read::{read, read_past_errors};
pub use values::{read_clean, LedgerValues};

use std::collections::BTreeMap;
use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::breakdown::CategoryKey;
use crate::problem::Location;
use crate::year::FiscalYear;

/// Where the ledger's files are named, for a message about them: a plan's
/// `actuals` under [plan], or, for a workspace's ledger (whose plan is the
/// workspace file), `ledger` under [workspace] (issue 24, item 21).
pub(crate) fn setting(plan: &crate::plan::Plan) -> (&'static str, &'static str) {
    let workspace = plan
        .path
        .file_name()
        .is_some_and(|n| n == crate::workspace::WORKSPACE_FILE);
    if workspace {
        ("workspace.ledger", "`ledger` under [workspace]")
    } else {
        ("plan.actuals", "`actuals` under [plan]")
    }
}

/// One figure from the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actual {
    /// The value exactly as written (`2.40` keeps its two decimals).
    pub value: Decimal,
    pub note: Option<String>,
    pub source: Option<String>,
    /// A preliminary figure (速報値, `flag = preliminary`): final ones give way
    /// to nothing without `--replace`; a preliminary one to a final one.
    pub preliminary: bool,
    /// The file and line the figure was read from.
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// Per KPI, in plan order (index = index in plan.kpis): its figures by year.
    pub series: Vec<BTreeMap<FiscalYear, Actual>>,
    /// The CSV files read, in the order read.
    pub files: Vec<PathBuf>,
    /// Figures for categories of a KPI's breakdowns (breakdowns.md): per
    /// KPI position, by year and categories. Empty for a ledger without
    /// dimension columns; the KPI's total stays in `series`.
    pub categories: CategoryFigures,
}

/// A ledger's category figures: per KPI position, by (year, categories).
pub type CategoryFigures =
    BTreeMap<usize, BTreeMap<(FiscalYear, crate::breakdown::CategoryKey), Actual>>;

impl Ledger {
    /// A ledger with no figures for a plan of `kpi_count` KPIs.
    pub fn empty(kpi_count: usize) -> Ledger {
        Ledger {
            series: vec![BTreeMap::new(); kpi_count],
            files: Vec::new(),
            categories: CategoryFigures::new(),
        }
    }

    /// The newest year with any figure, whatever the KPI (progress.md's default as-of year).
    pub fn newest_year(&self) -> Option<FiscalYear> {
        self.series
            .iter()
            .filter_map(|s| s.keys().next_back().copied())
            .max()
    }

    /// How many figures the ledger holds, over all KPIs and years.
    pub fn figure_count(&self) -> usize {
        self.series.iter().map(BTreeMap::len).sum()
    }
}

/// A ledger's figures as an import's merge looks them up: the whole ledger
/// (`Ledger`), or only the figures an import meets (`import::kept::KeptFigures`).
pub trait FigureLookup {
    /// The figure of one KPI (index in `plan.kpis`) and year.
    fn figure(&self, kpi: usize, year: FiscalYear) -> Option<&Actual>;
    /// The figures of one KPI, by year.
    fn figures_of(&self, kpi: usize) -> Vec<(FiscalYear, &Actual)>;
    /// The figure of one KPI, year and categories (breakdowns.md).
    fn category(&self, kpi: usize, year: FiscalYear, key: &CategoryKey) -> Option<&Actual>;

    /// The figure of an identity: the KPI's total (`key` none) or a category's.
    fn identity(&self, kpi: usize, year: FiscalYear, key: Option<&CategoryKey>) -> Option<&Actual> {
        match key {
            None => self.figure(kpi, year),
            Some(key) => self.category(kpi, year, key),
        }
    }
}

impl FigureLookup for Ledger {
    fn figure(&self, kpi: usize, year: FiscalYear) -> Option<&Actual> {
        self.series.get(kpi)?.get(&year)
    }

    fn figures_of(&self, kpi: usize) -> Vec<(FiscalYear, &Actual)> {
        self.series
            .get(kpi)
            .map(|s| s.iter().map(|(&y, a)| (y, a)).collect())
            .unwrap_or_default()
    }

    fn category(&self, kpi: usize, year: FiscalYear, key: &CategoryKey) -> Option<&Actual> {
        self.categories.get(&kpi)?.get(&(year, key.clone()))
    }
}
