//! The sum check (breakdowns.md) of the figures an import touches, as
//! they would be once merged: each (KPI, year) of a KPI with
//! `total = "sum"` that the import brings a figure for, its ledger's
//! figures with the import's in their place. An import that would leave a
//! ledger the strict reader refuses is refused itself.

use std::collections::{BTreeMap, BTreeSet};

use super::merge::{Change, Merged};
use super::Figure;
use crate::breakdown::Total;
use crate::ledger::categories::{sum_problems, Figures};
use crate::ledger::{Actual, FigureLookup};
use crate::plan::Plan;
use crate::problem::Problem;
use crate::year::FiscalYear;

/// Every mismatch the merged figures would have.
pub(super) fn merged_sum_problems(
    plan: &Plan,
    ledger: &dyn FigureLookup,
    rows: &[Merged],
) -> Vec<Problem> {
    let summed = |kpi: usize| {
        plan.kpis[kpi]
            .breakdown
            .as_deref()
            .is_some_and(|b| b.total == Total::Sum)
    };
    let pairs: BTreeSet<(usize, FiscalYear)> = rows
        .iter()
        .map(|m| (m.figure.kpi, m.figure.year))
        .filter(|&(kpi, _)| summed(kpi))
        .collect();
    let mut problems = Vec::new();
    for (kpi, year) in pairs {
        let mut totals = BTreeMap::new();
        let mut figures: Figures<Actual> = BTreeMap::new();
        if let Some(a) = ledger.figure(kpi, year) {
            totals.insert(year, a.clone());
        }
        for (key, a) in ledger.categories_of(kpi, year) {
            figures.insert((year, key.clone()), a.clone());
        }
        let taken = rows.iter().filter(|m| {
            (m.figure.kpi, m.figure.year) == (kpi, year)
                && matches!(m.change, Change::Added | Change::Replaced { .. })
        });
        for m in taken {
            let actual = as_actual(&m.figure);
            match &m.figure.categories {
                None => totals.insert(year, actual),
                Some(key) => figures.insert((year, key.clone()), actual),
            };
        }
        problems.extend(sum_problems(plan, kpi, &totals, &figures));
    }
    problems
}

/// An imported figure as the ledger will hold it (its place: the import's).
fn as_actual(f: &Figure) -> Actual {
    Actual {
        value: f.value,
        note: f.note.clone(),
        source: f.source.clone(),
        preliminary: f.preliminary,
        location: f.location.clone(),
    }
}
