//! The merge (actuals-format.md): each imported figure against the ledger.
//! New pairs are added, equal ones unchanged, different ones are conflicts
//! unless `--replace`; the import must not repeat a pair, and a running
//! total must not fall once the figures are in.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::Figure;
use crate::ledger::read::{running_total_problems, Placed};
use crate::ledger::{Actual, FigureLookup};
use crate::plan::Plan;
use crate::problem::{Location, Problem, Problems};
use crate::year::FiscalYear;

/// What the import does to one (KPI, year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added,
    Unchanged,
    /// The ledger's figure (or only its note or source) is replaced.
    /// (`at` is boxed to keep every row of a large import small.)
    Replaced {
        old: Decimal,
        at: Box<Location>,
    },
    /// A different figure is in the ledger and `--replace` was not given.
    Refused {
        old: Decimal,
        at: Box<Location>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub figure: Figure,
    pub change: Change,
    /// A preliminary figure of the ledger replaced by a final one (速報値 →
    /// 確定値): the normal course of a statistic, done without `--replace`.
    pub finalised: bool,
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

pub fn merge(
    plan: &Plan,
    ledger: &dyn FigureLookup,
    mut figures: Vec<Figure>,
    replace: bool,
) -> Merge {
    // Stable: the first of two rows for one pair is the one kept.
    figures.sort_by(|a, b| (a.kpi, a.year, &a.categories).cmp(&(b.kpi, b.year, &b.categories)));
    let mut twice = Problems::default();
    let mut conflicts = Problems::default();
    // The figures are moved into the rows, not copied: a national import
    // holds a hundred thousand of them.
    let mut rows: Vec<Merged> = Vec::with_capacity(figures.len());
    for figure in figures {
        if let Some(first) = rows.last().map(|m| &m.figure).filter(|first| {
            (first.kpi, first.year, &first.categories)
                == (figure.kpi, figure.year, &figure.categories)
        }) {
            twice.push(
                Problem::error(
                    figure.location.clone(),
                    format!(
                        "{} is given twice in the import: `{}` here and `{}` at {}",
                        named(plan, &figure),
                        figure.value,
                        first.value,
                        first.location
                    ),
                )
                .hint("keep one of the two rows"),
            );
            continue;
        }
        let change = change(plan, ledger, &figure, replace, &mut conflicts);
        let finalised = matches!(change, Change::Replaced { .. })
            && !figure.preliminary
            && ledger
                .identity(figure.kpi, figure.year, figure.categories.as_ref())
                .is_some_and(|a| a.preliminary);
        rows.push(Merged {
            figure,
            change,
            finalised,
        });
    }
    let mut merge = Merge {
        rows,
        problems: twice,
    };
    merge.problems.extend(conflicts);
    let merged = merged_series(plan, ledger, &merge.rows);
    for problem in running_total_problems(plan, &merged) {
        merge.problems.push(problem);
    }
    merge
}

/// What one figure does to the ledger; a conflict or a note that is not
/// taken is reported in `problems`.
fn change(
    plan: &Plan,
    ledger: &dyn FigureLookup,
    figure: &Figure,
    replace: bool,
    problems: &mut Problems,
) -> Change {
    match ledger.identity(figure.kpi, figure.year, figure.categories.as_ref()) {
        None => Change::Added,
        // 速報値 → 確定値, whatever the value (actuals-format.md, the merge).
        Some(actual) if actual.preliminary && !figure.preliminary => Change::Replaced {
            old: actual.value,
            at: Box::new(actual.location.clone()),
        },
        // A final figure is not made preliminary again, unless --replace.
        Some(actual) if !actual.preliminary && figure.preliminary && !replace => {
            problems.push(
                Problem::error(
                    figure.location.clone(),
                    format!(
                        "{}: the import's figure is preliminary (速報) but the ledger's `{}` is final (at {})",
                        named(plan, figure),
                        actual.value,
                        actual.location
                    ),
                )
                .hint("a final figure stays final: drop the 速報 mark, or give --replace to make it preliminary again"),
            );
            Change::Refused {
                old: actual.value,
                at: Box::new(actual.location.clone()),
            }
        }
        Some(actual) if actual.value == figure.value && !annotates(figure, actual) => {
            Change::Unchanged
        }
        Some(actual) if actual.value == figure.value && !replace => {
            problems.push(
                Problem::warning(
                    figure.location.clone(),
                    format!(
                        "{}: the figure is the ledger's, but its note or source differs; \
                         the ledger's is kept (at {})",
                        named(plan, figure),
                        actual.location
                    ),
                )
                .hint("give --replace to take the import's note and source"),
            );
            Change::Unchanged
        }
        Some(actual) if actual.value == figure.value || replace => Change::Replaced {
            old: actual.value,
            at: Box::new(actual.location.clone()),
        },
        Some(actual) => {
            problems.push(
                Problem::error(
                    figure.location.clone(),
                    format!(
                        "{}: the import says `{}` but the ledger has `{}` (at {})",
                        named(plan, figure),
                        figure.value,
                        actual.value,
                        actual.location
                    ),
                )
                .hint("give --replace to replace the ledger's figure, or fix the import"),
            );
            Change::Refused {
                old: actual.value,
                at: Box::new(actual.location.clone()),
            }
        }
    }
}

/// A figure as a message names it: `id` and year, and its categories.
fn named(plan: &Plan, figure: &Figure) -> String {
    let mut name = format!(
        "`{}` {}",
        plan.kpis[figure.kpi].id,
        figure.year.label(plan.year_style)
    );
    if let Some(key) = &figure.categories {
        let categories = crate::ledger::categories::label(plan, figure.kpi, key);
        name.push_str(&format!(" ({categories})"));
    }
    name
}

/// True when the figure brings a note or source that the ledger's lacks.
fn annotates(figure: &Figure, actual: &Actual) -> bool {
    figure.preliminary != actual.preliminary
        || (figure.note.is_some() && figure.note != actual.note)
        || (figure.source.is_some() && figure.source != actual.source)
}

/// The series of the running totals changed by the import as they would be
/// after the merge, borrowing the ledger's figures and the import's (the
/// others are left empty: the ledger's were checked when it was read). The
/// ledger may hold only the figures nearest to each year imported: the
/// check compares a figure with the one before it, and the ledger's own
/// figures hold among themselves.
fn merged_series<'a>(
    plan: &Plan,
    ledger: &'a dyn FigureLookup,
    rows: &'a [Merged],
) -> Vec<BTreeMap<FiscalYear, Figured<'a>>> {
    let mut series: Vec<BTreeMap<FiscalYear, Figured<'a>>> = vec![BTreeMap::new(); plan.kpis.len()];
    let changed = rows.iter().filter(|m| {
        plan.kpis[m.figure.kpi].cumulative
            && m.figure.categories.is_none()
            && matches!(m.change, Change::Added | Change::Replaced { .. })
    });
    for m in changed {
        let kpi = m.figure.kpi;
        if series[kpi].is_empty() {
            series[kpi] = ledger
                .figures_of(kpi)
                .into_iter()
                .map(|(year, actual)| (year, Figured::Ledger(actual)))
                .collect();
        }
        series[kpi].insert(m.figure.year, Figured::Import(&m.figure));
    }
    series
}

/// A figure of a running total after the merge: the ledger's, or the import's.
#[derive(Clone, Copy)]
enum Figured<'a> {
    Ledger(&'a Actual),
    Import(&'a Figure),
}

impl Placed for Figured<'_> {
    fn value(&self) -> Decimal {
        match self {
            Figured::Ledger(a) => a.value,
            Figured::Import(f) => f.value,
        }
    }

    fn location(&self) -> &Location {
        match self {
            Figured::Ledger(a) => &a.location,
            Figured::Import(f) => &f.location,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use proptest::prelude::*;

    use super::super::kept::read_clean_keeping;
    use super::*;
    use crate::test_plans::{kpi, plan};

    /// plain (10 → 20), and total, a running total (40 → 157).
    fn plan_text() -> String {
        plan(
            2025,
            &[
                kpi("plain", "p", "value = 10", "value = 20", ""),
                kpi(
                    "total",
                    "t",
                    "value = 40",
                    "value = 157",
                    "cumulative = true\n",
                ),
            ],
        )
    }

    /// A ledger of `figures` (KPI index, year, value), one file a year.
    fn ledger_files(dir: &Path, figures: &[(usize, i32, i64)]) {
        let folder = dir.join("actuals");
        fs::create_dir_all(&folder).unwrap();
        let mut by_year: BTreeMap<i32, String> = BTreeMap::new();
        for &(kpi, year, value) in figures {
            let id = ["plain", "total"][kpi];
            let text = by_year
                .entry(year)
                .or_insert_with(|| "kpi,year,value,note\n".to_string());
            text.push_str(&format!("{id},{year},{value},n{year}\n"));
        }
        for (year, text) in by_year {
            fs::write(folder.join(format!("{year}.csv")), text).unwrap();
        }
    }

    proptest! {
        /// The merge of an import gives the same rows and problems, to the
        /// letter, whether it sees the whole ledger or only the figures
        /// `read_clean_keeping` keeps for that import.
        #[test]
        fn the_figures_kept_merge_as_the_whole_ledger_does(
            plain in proptest::collection::btree_map(2014i32..2026, 0i64..30, 0..8),
            steps in proptest::collection::btree_map(2014i32..2026, 0i64..5, 0..10),
            import in proptest::collection::vec((0usize..2, 2013i32..2027, 0i64..80), 1..6),
            replace: bool,
        ) {
            // A running total that holds: its figures never fall, and
            // stay at or above the baseline of 40 after 2014.
            let mut total = 40;
            let mut figures: Vec<(usize, i32, i64)> =
                plain.iter().map(|(&y, &v)| (0, y, v)).collect();
            for (&year, &step) in &steps {
                total += step;
                figures.push((1, year, total));
            }
            let dir = tempfile::tempdir().unwrap();
            ledger_files(dir.path(), &figures);
            let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), &plan_text()).unwrap();
            let (whole, problems) = crate::ledger::read(&plan).unwrap();
            prop_assert!(problems.is_empty());
            let figures: Vec<Figure> = import
                .iter()
                .enumerate()
                .map(|(line, &(kpi, year, value))| Figure {
                    kpi,
                    year: FiscalYear(year),
                    value: Decimal::from(value),
                    note: None,
                    source: None,
                    preliminary: false,
                    location: Location::line(Path::new("in.csv"), line + 2),
                    categories: None,
                })
                .collect();
            let mut years = vec![Vec::new(); plan.kpis.len()];
            for f in &figures {
                years[f.kpi].push(f.year);
            }
            let kept = read_clean_keeping(&plan, &years).unwrap();
            let from_whole = merge(&plan, &whole, figures.clone(), replace);
            let from_kept = merge(&plan, &kept.figures, figures, replace);
            prop_assert_eq!(&from_whole.rows, &from_kept.rows);
            prop_assert_eq!(&from_whole.problems.0, &from_kept.problems.0);
        }
    }
}
