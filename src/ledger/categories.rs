//! A KPI's category figures against its total (breakdowns.md, "The
//! ledger"): with `total = "sum"`, the figures of a complete dimension add
//! up to the total (exactly, in decimals), combinations add up to the
//! single-dimension figure they refine, and a year without a written total
//! takes the sum of the first complete dimension as its derived total.
//! Written once, for every read: the strict reader names each mismatch,
//! the values-only reads only ask whether there is one, and both derive
//! the same totals.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::breakdown::{Breakdown, CategoryKey, Total};
use crate::ledger::{Actual, Ledger};
use crate::plan::Plan;
use crate::problem::Problem;
use crate::series::Series;
use crate::year::FiscalYear;

/// One KPI's category figures, by (year, categories).
pub type Figures<F> = BTreeMap<(FiscalYear, CategoryKey), F>;

/// What the parts are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Whole {
    /// The KPI's written total.
    Total,
    /// A single-dimension figure (refined by combinations).
    Category(CategoryKey),
    /// The parts of an earlier complete dimension (no total written).
    Parts(Vec<CategoryKey>),
}

/// Parts that do not add up to what they should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mismatch {
    pub(crate) year: FiscalYear,
    pub(crate) whole: Whole,
    /// What the whole is (its value, or its parts' sum).
    pub(crate) expected: Decimal,
    pub(crate) parts: Vec<CategoryKey>,
    pub(crate) sum: Decimal,
}

impl Mismatch {
    /// How far apart the two are (never negative).
    pub(crate) fn difference(&self) -> Decimal {
        (self.sum - self.expected).abs()
    }
}

/// The sum check and derived totals of one KPI.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Checked {
    pub(crate) mismatches: Vec<Mismatch>,
    /// The years without a written total whose total is derived, with it.
    pub(crate) derived: Vec<(FiscalYear, Decimal)>,
}

/// The breakdown of a KPI whose categories add up (`total = "sum"`).
fn summed(plan: &Plan, kpi: usize) -> Option<&Breakdown> {
    let b = plan.kpis.get(kpi)?.breakdown.as_deref()?;
    (b.total == Total::Sum).then_some(b)
}

/// Check KPI `kpi`'s category figures against its written totals
/// (`has_total`, `total`) and derive the totals it lacks. Nothing for a
/// KPI without `total = "sum"`: a reported total is a figure of its own.
pub(crate) fn check<F>(
    plan: &Plan,
    kpi: usize,
    total: impl Fn(FiscalYear) -> Option<Decimal>,
    figures: &Figures<F>,
    value: impl Fn(&F) -> Decimal,
) -> Checked {
    let mut checked = Checked::default();
    let Some(breakdown) = summed(plan, kpi) else {
        return checked;
    };
    let sizes: Vec<usize> = breakdown
        .dimensions
        .iter()
        .map(|&d| plan.dimensions[d].categories.len())
        .collect();
    let mut rest = figures.iter().peekable();
    while let Some(year) = rest.peek().map(|((y, _), _)| *y) {
        let mut of_year: BTreeMap<&CategoryKey, Decimal> = BTreeMap::new();
        while let Some(((_, key), f)) = rest.next_if(|((y, _), _)| *y == year) {
            of_year.insert(key, value(f));
        }
        year_check(year, &sizes, total(year), &of_year, &mut checked);
    }
    checked
}

/// The parts of one year that refine `whole` along dimension `along`:
/// every key equal to `whole` but for a category of `along`; `Some` only
/// when every category of `along` has one.
fn complete(
    of_year: &BTreeMap<&CategoryKey, Decimal>,
    whole: &[Option<u16>],
    along: usize,
    size: usize,
) -> Option<(Vec<CategoryKey>, Decimal)> {
    let mut parts = Vec::with_capacity(size);
    let mut sum = Decimal::ZERO;
    for c in 0..size {
        let mut cells = whole.to_vec();
        cells[along] = Some(u16::try_from(c).ok()?);
        let key = CategoryKey(cells.into_boxed_slice());
        sum += *of_year.get(&key)?;
        parts.push(key);
    }
    Some((parts, sum))
}

fn year_check(
    year: FiscalYear,
    sizes: &[usize],
    total: Option<Decimal>,
    of_year: &BTreeMap<&CategoryKey, Decimal>,
    checked: &mut Checked,
) {
    let blank = vec![None; sizes.len()];
    let mut first: Option<(Vec<CategoryKey>, Decimal)> = None;
    for (d, &size) in sizes.iter().enumerate() {
        let Some((parts, sum)) = complete(of_year, &blank, d, size) else {
            continue;
        };
        let against = match (total, &first) {
            (Some(t), _) => Some((Whole::Total, t)),
            (None, Some((earlier, s))) => Some((Whole::Parts(earlier.clone()), *s)),
            (None, None) => None,
        };
        match against {
            Some((whole, expected)) if expected != sum => checked.mismatches.push(Mismatch {
                year,
                whole,
                expected,
                parts: parts.clone(),
                sum,
            }),
            _ => {}
        }
        if first.is_none() {
            first = Some((parts, sum));
        }
    }
    if let (None, Some((_, sum))) = (total, first) {
        checked.derived.push((year, sum));
    }
    // Combinations of two dimensions against the single figure they refine.
    for (key, &expected) in of_year {
        let Some((d, _)) = key.single() else {
            continue;
        };
        for (e, &size) in sizes.iter().enumerate().filter(|&(e, _)| e != d) {
            if let Some((parts, sum)) = complete(of_year, &key.0, e, size) {
                if sum != expected {
                    checked.mismatches.push(Mismatch {
                        year,
                        whole: Whole::Category((*key).clone()),
                        expected,
                        parts,
                        sum,
                    });
                }
            }
        }
    }
}

/// Put each KPI's derived totals into `series` (its written totals, by
/// KPI position): the (KPI, year) pairs derived, and whether any KPI's
/// parts fail to add up (which the strict reader reports).
pub(crate) fn derive_into<F>(
    plan: &Plan,
    series: &mut [Series],
    categories: &BTreeMap<usize, Figures<F>>,
    value: impl Fn(&F) -> Decimal + Copy,
) -> (BTreeSet<(usize, FiscalYear)>, bool) {
    let mut derived = BTreeSet::new();
    let mut mismatched = false;
    for (&kpi, figures) in categories {
        let Some(written) = series.get_mut(kpi) else {
            continue;
        };
        let checked = check(plan, kpi, |y| written.get(&y).copied(), figures, value);
        mismatched |= !checked.mismatches.is_empty();
        for (year, total) in checked.derived {
            written.insert(year, total);
            derived.insert((kpi, year));
        }
    }
    (derived, mismatched)
}

impl Ledger {
    /// The totals a values read derives (`LedgerValues::derived`): per
    /// (KPI, year) without a written total, the sum of the first complete
    /// dimension of a KPI with `total = "sum"`. `series` keeps only
    /// written figures; this is the one place the others are found.
    pub fn derived_totals(&self, plan: &Plan) -> BTreeMap<(usize, FiscalYear), Decimal> {
        let mut out = BTreeMap::new();
        for (&kpi, figures) in &self.categories {
            let Some(written) = self.series.get(kpi) else {
                continue;
            };
            let total = |y| written.get(&y).map(|a| a.value);
            for (year, sum) in check(plan, kpi, total, figures, |a| a.value).derived {
                out.insert((kpi, year), sum);
            }
        }
        out
    }
}

/// The categories of a key as a message names them: `age=0歳, sex=男`.
pub(crate) fn label(plan: &Plan, kpi: usize, key: &CategoryKey) -> String {
    let Some(b) = plan.kpis.get(kpi).and_then(|k| k.breakdown.as_deref()) else {
        return String::new();
    };
    key.0
        .iter()
        .zip(&b.dimensions)
        .filter_map(|(c, &d)| {
            let dim = &plan.dimensions[d];
            let name = dim.categories.get(usize::from((*c)?))?;
            Some(format!("{}={name}", dim.id))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every mismatch of KPI `kpi`'s written figures, as an error at the
/// whole's place naming every part's.
pub(crate) fn sum_problems(
    plan: &Plan,
    kpi: usize,
    totals: &BTreeMap<FiscalYear, Actual>,
    figures: &Figures<Actual>,
) -> Vec<Problem> {
    let checked = check(
        plan,
        kpi,
        |y| totals.get(&y).map(|a| a.value),
        figures,
        |a| a.value,
    );
    let id = &plan.kpis[kpi].id;
    let at = |year: FiscalYear, key: &CategoryKey| &figures[&(year, key.clone())];
    let list = |year: FiscalYear, parts: &[CategoryKey]| {
        parts
            .iter()
            .map(|k| {
                let a = at(year, k);
                format!("{} `{}` at {}", label(plan, kpi, k), a.value, a.location)
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    checked
        .mismatches
        .iter()
        .map(|m| {
            let year = m.year;
            let (place, whole) = match &m.whole {
                Whole::Total => {
                    let a = &totals[&year];
                    (
                        a.location.clone(),
                        format!("its total is `{}` (at {})", a.value, a.location),
                    )
                }
                Whole::Category(key) => {
                    let a = at(year, key);
                    let name = label(plan, kpi, key);
                    (
                        a.location.clone(),
                        format!("its figure for {name} is `{}` (at {})", a.value, a.location),
                    )
                }
                Whole::Parts(parts) => (
                    at(year, &parts[0]).location.clone(),
                    format!(
                        "the figures for {} add up to `{}`",
                        list(year, parts),
                        m.expected
                    ),
                ),
            };
            Problem::error(
                place,
                format!(
                    "`{id}` {}: the figures for {} add up to `{}`, but {whole}: they differ by {}",
                    year.label(plan.year_style),
                    list(year, &m.parts),
                    m.sum,
                    m.difference()
                ),
            )
            .hint(
                "the KPI's categories add up to its total (total = \"sum\"): correct the figure \
                 that is wrong, or set total = \"reported\" in the plan if they need not add up",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
