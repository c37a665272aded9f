//! Open data (breakdowns.md, "Open data"): the ledger's figures as
//! SDMX-CSV (`kpi export sdmx`) and as the files Open SDG's site builder
//! reads (`kpi export open-sdg`).
//!
//! Only figures a ledger row wrote are exported: the ledger read whole
//! (`ledger::read`) holds those alone, so a total derived from its
//! categories (`LedgerValues::derived`) never reaches here.

pub mod open_sdg;
pub mod sdmx;
mod yaml;

use std::iter::Peekable;

use crate::breakdown::{CategoryKey, Dimension};
use crate::ledger::{Actual, Ledger};
use crate::plan::{Kpi, Plan};
use crate::year::FiscalYear;

/// One figure of the ledger as written: a KPI's total (`key` none) or the
/// figure of some of its categories.
#[derive(Debug, Clone, Copy)]
pub struct Figure<'a> {
    pub year: FiscalYear,
    pub key: Option<&'a CategoryKey>,
    pub actual: &'a Actual,
}

/// A plan's figures: the plan, and the ledger read whole with where each
/// of its KPIs' figures are kept there.
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    pub plan: &'a Plan,
    pub ledger: &'a Ledger,
    /// Per KPI of `plan`: its position in `ledger` (itself for a plan
    /// alone, its series for a workspace member).
    pub series_of: &'a [usize],
}

impl<'a> Figures<'a> {
    /// KPI `k`'s figures in the order both exports write them: by year;
    /// in a year the total first, then the category figures in the order
    /// of their keys (the cells compared in `breakdowns` order, the total
    /// over a dimension before its categories, categories in the
    /// dimension's order). A category figure of a KPI without breakdowns
    /// (which the ledger's reader refuses) could not be described, and is
    /// left out.
    pub fn of(&self, k: usize) -> impl Iterator<Item = Figure<'a>> {
        let s = self.series_of.get(k).copied().unwrap_or(usize::MAX);
        let totals = self.ledger.series.get(s).into_iter().flatten();
        let broken_down = self.plan.kpis.get(k).is_some_and(|k| k.breakdown.is_some());
        let categories = self
            .ledger
            .categories
            .get(&s)
            .filter(|_| broken_down)
            .into_iter()
            .flatten();
        ByYear {
            totals: totals
                .map(|(year, actual)| Figure {
                    year: *year,
                    key: None,
                    actual,
                })
                .peekable(),
            categories: categories
                .map(|((year, key), actual)| Figure {
                    year: *year,
                    key: Some(key),
                    actual,
                })
                .peekable(),
        }
    }
}

/// Two runs of figures, each in year order, merged by year: in a year the
/// total first.
struct ByYear<T: Iterator, C: Iterator> {
    totals: Peekable<T>,
    categories: Peekable<C>,
}

impl<'a, T, C> Iterator for ByYear<T, C>
where
    T: Iterator<Item = Figure<'a>>,
    C: Iterator<Item = Figure<'a>>,
{
    type Item = Figure<'a>;

    fn next(&mut self) -> Option<Figure<'a>> {
        match (self.totals.peek(), self.categories.peek()) {
            (Some(t), Some(c)) if c.year < t.year => self.categories.next(),
            (Some(_), _) => self.totals.next(),
            (None, _) => self.categories.next(),
        }
    }
}

/// The category a figure gives for the plan's dimension `dimension`, when
/// `kpi` is broken down by it: `Some(None)` for its total over the
/// dimension, `Some(Some(i))` for its category `i`; `None` when the KPI is
/// not broken down by that dimension.
pub fn category_of(
    kpi: &Kpi,
    key: Option<&CategoryKey>,
    dimension: usize,
) -> Option<Option<usize>> {
    let breakdown = kpi.breakdown.as_deref()?;
    let at = breakdown.dimensions.iter().position(|&d| d == dimension)?;
    Some(
        key.and_then(|k| k.0.get(at).copied().flatten())
            .map(usize::from),
    )
}

/// The KPI's dimensions, in its `breakdowns` order (none for a KPI
/// reported only as a whole).
pub fn dimensions_of<'p>(plan: &'p Plan, kpi: &Kpi) -> Vec<(usize, &'p Dimension)> {
    kpi.breakdown.as_deref().map_or_else(Vec::new, |b| {
        b.dimensions
            .iter()
            .filter_map(|&d| plan.dimensions.get(d).map(|dim| (d, dim)))
            .collect()
    })
}

#[cfg(test)]
pub(crate) mod tests;
