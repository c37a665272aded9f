//! The merge (actuals-format.md): each imported figure against the ledger.
//! New pairs are added, equal ones unchanged, different ones are conflicts
//! unless `--replace`; the import must not repeat a pair, and a running
//! total must not fall once the figures are in.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::Figure;
use crate::ledger::read::running_total_problems;
use crate::ledger::{Actual, Ledger};
use crate::plan::Plan;
use crate::problem::{Location, Problem, Problems};
use crate::year::FiscalYear;

/// What the import does to one (KPI, year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added,
    Unchanged,
    /// The ledger's figure (or only its note or source) is replaced.
    Replaced {
        old: Decimal,
        at: Location,
    },
    /// A different figure is in the ledger and `--replace` was not given.
    Refused {
        old: Decimal,
        at: Location,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub figure: Figure,
    pub change: Change,
}

/// The import's figures, one per (KPI, year) in plan order then year, each
/// with what it does; or, in `problems`, why the import is refused.
#[derive(Debug, Default)]
pub struct Merge {
    pub rows: Vec<Merged>,
    pub problems: Problems,
}

impl Merge {
    /// The rows that change the ledger.
    pub fn changes(&self) -> impl Iterator<Item = &Merged> {
        self.rows
            .iter()
            .filter(|m| matches!(m.change, Change::Added | Change::Replaced { .. }))
    }
}

pub fn merge(plan: &Plan, ledger: &Ledger, mut figures: Vec<Figure>, replace: bool) -> Merge {
    let mut merge = Merge::default();
    let style = plan.year_style;
    // Stable: the first of two rows for one pair is the one kept.
    figures.sort_by_key(|f| (f.kpi, f.year));
    let mut previous: Option<&Figure> = None;
    let mut unique = Vec::with_capacity(figures.len());
    for figure in &figures {
        match previous {
            Some(first) if (first.kpi, first.year) == (figure.kpi, figure.year) => {
                merge.problems.push(
                    Problem::error(
                        figure.location.clone(),
                        format!(
                            "`{}` {} is given twice in the import: `{}` here and `{}` at {}",
                            plan.kpis[figure.kpi].id,
                            figure.year.label(style),
                            figure.value,
                            first.value,
                            first.location
                        ),
                    )
                    .hint("keep one of the two rows"),
                );
            }
            _ => {
                unique.push(figure.clone());
                previous = Some(figure);
            }
        }
    }
    for figure in unique {
        let change = match ledger.series[figure.kpi].get(&figure.year) {
            None => Change::Added,
            Some(actual) if actual.value == figure.value && !annotates(&figure, actual) => {
                Change::Unchanged
            }
            Some(actual) if actual.value == figure.value && !replace => {
                merge.problems.push(
                    Problem::warning(
                        figure.location.clone(),
                        format!(
                            "`{}` {}: the figure is the ledger's, but its note or source differs; \
                             the ledger's is kept (at {})",
                            plan.kpis[figure.kpi].id,
                            figure.year.label(style),
                            actual.location
                        ),
                    )
                    .hint("give --replace to take the import's note and source"),
                );
                Change::Unchanged
            }
            Some(actual) if actual.value == figure.value || replace => Change::Replaced {
                old: actual.value,
                at: actual.location.clone(),
            },
            Some(actual) => {
                merge.problems.push(
                    Problem::error(
                        figure.location.clone(),
                        format!(
                            "`{}` {}: the import says `{}` but the ledger has `{}` (at {})",
                            plan.kpis[figure.kpi].id,
                            figure.year.label(style),
                            figure.value,
                            actual.value,
                            actual.location
                        ),
                    )
                    .hint("give --replace to replace the ledger's figure, or fix the import"),
                );
                Change::Refused {
                    old: actual.value,
                    at: actual.location.clone(),
                }
            }
        };
        merge.rows.push(Merged { figure, change });
    }
    let merged = merged_series(plan, ledger, &merge.rows);
    for problem in running_total_problems(plan, &merged) {
        merge.problems.push(problem);
    }
    merge
}

/// True when the figure brings a note or source that the ledger's lacks.
fn annotates(figure: &Figure, actual: &Actual) -> bool {
    (figure.note.is_some() && figure.note != actual.note)
        || (figure.source.is_some() && figure.source != actual.source)
}

/// The series of the running totals as they would be after the merge
/// (the others are left empty: only running totals are checked).
fn merged_series(
    plan: &Plan,
    ledger: &Ledger,
    rows: &[Merged],
) -> Vec<BTreeMap<FiscalYear, Actual>> {
    let mut series: Vec<BTreeMap<FiscalYear, Actual>> = plan
        .kpis
        .iter()
        .zip(&ledger.series)
        .map(|(k, s)| {
            if k.cumulative {
                s.clone()
            } else {
                BTreeMap::new()
            }
        })
        .collect();
    for m in rows {
        if plan.kpis[m.figure.kpi].cumulative
            && matches!(m.change, Change::Added | Change::Replaced { .. })
        {
            series[m.figure.kpi].insert(
                m.figure.year,
                Actual {
                    value: m.figure.value,
                    note: m.figure.note.clone(),
                    source: m.figure.source.clone(),
                    location: m.figure.location.clone(),
                },
            );
        }
    }
    series
}
