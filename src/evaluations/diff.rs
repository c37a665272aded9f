//! `kpi diff`: what changed between two evaluations (evaluation-cycle.md
//! §2, §5): statuses and grades (improved or worsened), figures revised
//! (the same year, another value), targets revised, KPIs added or removed.

use rust_decimal::Decimal;

use super::beside::{trend, Trend};
use super::{KpiSnap, Snapshot};
use crate::plan::Plan;
use crate::year::FiscalYear;

/// One KPI that differs between the two evaluations.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub goal: Option<String>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Added(KpiSnap),
    Removed(KpiSnap),
    Changed(Box<Changed>),
}

/// What changed in a KPI present in both evaluations.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub from: KpiSnap,
    pub to: KpiSnap,
    /// Better or worse, when the status or grade changed.
    pub trend: Option<Trend>,
    /// The latest figure of the same year with another value: the year.
    pub figure_revised: Option<(FiscalYear, Decimal, Decimal)>,
    pub target_revised: bool,
}

impl Changed {
    pub fn status_changed(&self) -> bool {
        self.from.status != self.to.status
    }

    pub fn grade_changed(&self) -> bool {
        self.from.grade != self.to.grade
    }
}

/// The KPIs that differ, in the order of `to` (then those only in `from`).
pub fn diff(plan: &Plan, from: &Snapshot, to: &Snapshot) -> Vec<Entry> {
    let mut out = Vec::new();
    for now in &to.kpis {
        let kind = match from.kpi(&now.id) {
            None => Kind::Added(now.clone()),
            Some(then) => match changed(plan, then, now) {
                Some(c) => Kind::Changed(Box::new(c)),
                None => continue,
            },
        };
        out.push(entry(now, kind));
    }
    for then in &from.kpis {
        if to.kpi(&then.id).is_none() {
            out.push(entry(then, Kind::Removed(then.clone())));
        }
    }
    out
}

fn entry(k: &KpiSnap, kind: Kind) -> Entry {
    Entry {
        id: k.id.clone(),
        name: k.name.clone(),
        unit: k.unit.clone(),
        goal: k.goal.clone(),
        kind,
    }
}

/// What changed in one KPI, if anything a council asks about did.
fn changed(plan: &Plan, from: &KpiSnap, to: &KpiSnap) -> Option<Changed> {
    let figure_revised = match (from.latest, to.latest) {
        (Some((fy, fv)), Some((ty, tv))) if fy == ty && fv != tv => Some((fy, fv, tv)),
        _ => None,
    };
    let target_revised = from.target != to.target;
    let graded = from.status != to.status || from.grade != to.grade;
    let trend = graded.then(|| trend(plan, from, to));
    (graded || figure_revised.is_some() || target_revised).then(|| Changed {
        from: from.clone(),
        to: to.clone(),
        trend,
        figure_revised,
        target_revised,
    })
}

/// How many KPIs improved, worsened, had a figure or target revised, were
/// added and were removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub improved: usize,
    pub worsened: usize,
    pub figures_revised: usize,
    pub targets_revised: usize,
    pub added: usize,
    pub removed: usize,
}

pub fn totals(entries: &[Entry]) -> Totals {
    let mut t = Totals::default();
    for e in entries {
        match &e.kind {
            Kind::Added(_) => t.added += 1,
            Kind::Removed(_) => t.removed += 1,
            Kind::Changed(c) => {
                match c.trend {
                    Some(Trend::Improved) => t.improved += 1,
                    Some(Trend::Worsened) => t.worsened += 1,
                    _ => {}
                }
                t.figures_revised += usize::from(c.figure_revised.is_some());
                t.targets_revised += usize::from(c.target_revised);
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::Status;

    fn snap(id: &str, status: Status, latest: i64, target: i64) -> KpiSnap {
        KpiSnap {
            id: id.into(),
            name: id.to_uppercase(),
            unit: None,
            goal: Some("1".into()),
            status,
            grade: None,
            achievement: None,
            latest: Some((FiscalYear(2018), Decimal::new(latest, 0))),
            target: Some((FiscalYear(2019), Decimal::new(target, 0))),
        }
    }

    fn of(kpis: Vec<KpiSnap>) -> Snapshot {
        Snapshot {
            year: FiscalYear(2018),
            file: None,
            date: None,
            kpis,
            goals: Vec::new(),
        }
    }

    #[test]
    fn a_diff_names_what_changed_and_nothing_else() {
        let plan = crate::test_plans::asaka_evaluations().0;
        let from = of(vec![
            snap("a", Status::OnTrack, 15, 20),
            snap("b", Status::AtRisk, 12, 20),
            snap("gone", Status::Achieved, 5, 5),
        ]);
        let to = of(vec![
            snap("a", Status::OffTrack, 14, 20),
            snap("b", Status::AtRisk, 12, 30),
            snap("new", Status::NoData, 0, 9),
        ]);
        let entries = diff(&plan, &from, &to);
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "new", "gone"]);
        let Kind::Changed(a) = &entries[0].kind else {
            panic!("{entries:?}")
        };
        assert_eq!(a.trend, Some(Trend::Worsened));
        assert_eq!(
            a.figure_revised,
            Some((FiscalYear(2018), Decimal::new(15, 0), Decimal::new(14, 0)))
        );
        let Kind::Changed(b) = &entries[1].kind else {
            panic!("{entries:?}")
        };
        assert_eq!((b.trend, b.target_revised), (None, true));
        let t = totals(&entries);
        assert_eq!(
            (t.worsened, t.figures_revised, t.targets_revised),
            (1, 1, 1)
        );
        assert_eq!((t.added, t.removed, t.improved), (1, 1, 0));
        // The same evaluation twice: nothing.
        assert!(diff(&plan, &to, &to).is_empty());
    }
}
