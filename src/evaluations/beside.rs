//! The published evaluations beside the one computed now (§2): the
//! previous evaluation (the newest published before the as-of year) and,
//! when the as-of year itself was published, what has changed since.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use super::{file_of, kpi_snap, published_years, read, KpiSnap, Snapshot};
use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::problem::Problems;
use crate::progress::Evaluation;
use crate::status::Status;
use crate::year::FiscalYear;

/// What the published evaluations say beside an evaluation as of `A`;
/// empty when nothing was published (the output is then as it always was).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Beside {
    /// The year of the previous evaluation, when one was published before `A`.
    pub previous_year: Option<FiscalYear>,
    /// `A`, when `evaluations/A.json` exists.
    pub published_year: Option<FiscalYear>,
    /// Per KPI id: only KPIs with a previous or a published verdict.
    pub kpis: HashMap<String, KpiBeside>,
}

/// One KPI's previous and published verdicts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiBeside {
    pub previous: Option<KpiSnap>,
    pub published: Option<KpiSnap>,
    /// What differs from the published verdict now: not empty when the KPI
    /// was revised since publication.
    pub changes: Vec<Change>,
}

/// One way a KPI's verdict differs between two evaluations.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Status {
        from: Status,
        to: Status,
    },
    Grade {
        from: Option<String>,
        to: Option<String>,
    },
    /// The latest figure: another value, or another year.
    Figure {
        from: Option<(FiscalYear, Decimal)>,
        to: Option<(FiscalYear, Decimal)>,
    },
    /// The target in force (value or year).
    Target {
        from: Option<(FiscalYear, Decimal)>,
        to: Option<(FiscalYear, Decimal)>,
    },
}

/// Better or worse, between two verdicts of a KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Improved,
    Same,
    Worsened,
    /// A status without a place in the order (`no_data`) on one side only.
    Unranked,
}

impl Beside {
    pub fn of(&self, id: &str) -> Option<&KpiBeside> {
        self.kpis.get(id)
    }

    /// The KPIs revised since publication, in `eval`'s order, with their ids.
    pub fn revised<'a>(
        &'a self,
        plan: &'a Plan,
        eval: &'a Evaluation,
    ) -> impl Iterator<Item = (&'a crate::progress::KpiProgress, &'a KpiBeside)> + 'a {
        eval.kpis.iter().filter_map(move |k| {
            let b = self.kpis.get(&plan.kpis[k.kpi].id)?;
            (!b.changes.is_empty()).then_some((k, b))
        })
    }
}

impl KpiBeside {
    pub fn revised(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// The order of evaluation-cycle.md §2, best first: achieved > on track >
/// at risk > off track > worsening > missed; `no_data` has no place.
pub fn rank(status: Status) -> Option<u8> {
    match status {
        Status::Achieved => Some(0),
        Status::OnTrack => Some(1),
        Status::AtRisk => Some(2),
        Status::OffTrack => Some(3),
        Status::Worsening => Some(4),
        Status::Missed => Some(5),
        Status::NoData => None,
    }
}

/// From `from` to `to`: by the status order, then (the statuses equal) by
/// the plan's grade bands, the first band best.
pub fn trend(plan: &Plan, from: &KpiSnap, to: &KpiSnap) -> Trend {
    let by = |a: Option<usize>, b: Option<usize>| match (a, b) {
        (Some(a), Some(b)) if a > b => Some(Trend::Improved),
        (Some(a), Some(b)) if a < b => Some(Trend::Worsened),
        (Some(_), Some(_)) => Some(Trend::Same),
        _ => None,
    };
    if from.status != to.status {
        let r = |s| rank(s).map(usize::from);
        return by(r(from.status), r(to.status)).unwrap_or(Trend::Unranked);
    }
    let band = |g: &Option<String>| {
        let g = g.as_deref()?;
        plan.scoring.grades.iter().position(|b| b.label == g)
    };
    match (&from.grade, &to.grade) {
        (a, b) if a == b => Trend::Same,
        (a, b) => by(band(a), band(b)).unwrap_or(Trend::Same),
    }
}

/// Improved, same and worsened, over the KPIs with a previous verdict.
pub fn counts(plan: &Plan, eval: &Evaluation) -> [usize; 3] {
    let mut n = [0; 3];
    for k in &eval.kpis {
        let Some(prev) = eval
            .beside
            .of(&plan.kpis[k.kpi].id)
            .and_then(|b| b.previous.as_ref())
        else {
            continue;
        };
        match trend(plan, prev, &kpi_snap(plan, k)) {
            Trend::Improved => n[0] += 1,
            Trend::Same => n[1] += 1,
            Trend::Worsened => n[2] += 1,
            Trend::Unranked => {}
        }
    }
    n
}

/// What differs between two verdicts of one KPI, in the order a reader
/// asks: status, grade, figure, target.
pub fn changes(from: &KpiSnap, to: &KpiSnap) -> Vec<Change> {
    // The change named `variant` where the two verdicts' `field` differ.
    macro_rules! differ {
        ($field:ident, $variant:ident) => {
            (from.$field != to.$field).then(|| Change::$variant {
                from: from.$field.clone(),
                to: to.$field.clone(),
            })
        };
    }
    [
        differ!(status, Status),
        differ!(grade, Grade),
        differ!(latest, Figure),
        differ!(target, Target),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The previous evaluation before `year` and the one published for `year`
/// in `folder`, each read when it exists; a damaged one is an error.
pub fn read_both(folder: &Path, year: FiscalYear) -> Result<(Option<Snapshot>, Option<Snapshot>)> {
    let years = published_years(folder);
    let load = |y: FiscalYear| -> Result<Snapshot> {
        read::read(&file_of(folder, y)).map_err(|p| Error::Invalid(Problems(vec![p])))
    };
    let previous = match years.iter().rev().find(|&&y| y < year) {
        Some(&y) => Some(load(y)?),
        None => None,
    };
    let published = match years.contains(&year) {
        true => Some(load(year)?),
        false => None,
    };
    Ok((previous, published))
}

/// The previous and published verdicts beside `eval` (as of its year),
/// read from the plan's evaluations folder.
pub fn of(plan: &Plan, eval: &Evaluation) -> Result<Beside> {
    let Some(year) = eval.as_of else {
        return Ok(Beside::default());
    };
    let (previous, published) = read_both(&plan.evaluations, year)?;
    if previous.is_none() && published.is_none() {
        return Ok(Beside::default());
    }
    let mut kpis = HashMap::new();
    for k in &eval.kpis {
        let now = kpi_snap(plan, k);
        let prev = previous.as_ref().and_then(|s| s.kpi(&now.id)).cloned();
        let publ = published.as_ref().and_then(|s| s.kpi(&now.id)).cloned();
        if prev.is_none() && publ.is_none() {
            continue;
        }
        let changes = publ.as_ref().map_or_else(Vec::new, |p| changes(p, &now));
        kpis.insert(
            now.id.clone(),
            KpiBeside {
                previous: prev,
                published: publ,
                changes,
            },
        );
    }
    Ok(Beside {
        previous_year: previous.map(|s| s.year),
        published_year: published.map(|s| s.year),
        kpis,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(status: Status, latest: i64) -> KpiSnap {
        KpiSnap {
            id: "a".into(),
            name: "A".into(),
            unit: None,
            goal: None,
            status,
            grade: None,
            achievement: None,
            latest: Some((FiscalYear(2018), Decimal::new(latest, 0))),
            target: Some((FiscalYear(2019), Decimal::new(20, 0))),
        }
    }

    #[test]
    fn statuses_order_as_the_contract_says() {
        // Best first, as roll-up counts are printed, no data apart.
        let order = &Status::COUNT_ORDER[..6];
        assert_eq!(order.last(), Some(&Status::Missed));
        for pair in order.windows(2) {
            assert!(rank(pair[0]) < rank(pair[1]), "{pair:?}");
        }
        assert_eq!(rank(Status::NoData), None);
        let plan = crate::test_plans::asaka_evaluations().0;
        let (on, off) = (snap(Status::OnTrack, 15), snap(Status::OffTrack, 15));
        assert_eq!(trend(&plan, &on, &off), Trend::Worsened);
        assert_eq!(trend(&plan, &off, &on), Trend::Improved);
        assert_eq!(trend(&plan, &on, &on), Trend::Same);
        assert_eq!(
            trend(&plan, &snap(Status::NoData, 15), &on),
            Trend::Unranked
        );
    }

    #[test]
    fn a_revised_figure_of_the_same_value_is_no_change() {
        let mut now = snap(Status::AtRisk, 15);
        // 15 and 15.0 are the same figure.
        now.latest = Some((FiscalYear(2018), Decimal::new(150, 1)));
        assert!(changes(&snap(Status::AtRisk, 15), &now).is_empty());
        let revised = changes(&snap(Status::AtRisk, 15), &snap(Status::OffTrack, 14));
        assert_eq!(revised.len(), 2, "{revised:?}");
    }
}
