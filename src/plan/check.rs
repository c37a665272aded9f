//! Checks across the whole plan, once every table has been read: duplicate
//! ids, references to goals and measures that do not exist, cycles of parents.
//!
//! They run on every id that could be read, even from tables that had other
//! problems, so that one run reports every problem.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use super::fields::Reader;
use super::index::IdHasher;
use super::{Attachment, Kpi, MeasureParent};

/// An item's id, what it points at, and the lines of both.
pub(super) struct Entry<T> {
    pub id: String,
    pub line: usize,
    pub points_at: T,
    pub ref_line: usize,
}

/// What the reader saw of every goal, measure and KPI, in file order.
#[derive(Default)]
pub(super) struct Lines {
    pub goals: Vec<(String, usize)>,
    pub measures: Vec<Entry<MeasureParent>>,
    pub kpis: Vec<KpiEntry>,
}

/// A KPI as the checks see it. One that the reader built is the plan's next
/// KPI, whose id and references are read from the plan rather than copied:
/// a national-scale plan has 100,000.
pub(super) enum KpiEntry {
    /// The next of the plan's KPIs: the lines of its id and of its `goal`
    /// or `measures`.
    Built { line: usize, ref_line: usize },
    /// A KPI with problems, which the plan does not hold.
    Unbuilt(Box<Entry<Option<Attachment>>>),
}

/// A KPI's id, the line of its id, what it points at, and the line of that.
type KpiView<'a> = (&'a str, usize, Option<&'a Attachment>, usize);

/// Every KPI the reader saw, in file order; `built` are the plan's KPIs.
fn kpis<'a>(lines: &'a Lines, built: &'a [Kpi]) -> impl Iterator<Item = KpiView<'a>> {
    let mut built = built.iter();
    lines.kpis.iter().filter_map(move |k| match k {
        KpiEntry::Built { line, ref_line } => {
            let kpi = built.next()?;
            Some((kpi.id.as_str(), *line, Some(&kpi.attachment), *ref_line))
        }
        KpiEntry::Unbuilt(e) => Some((e.id.as_str(), e.line, e.points_at.as_ref(), e.ref_line)),
    })
}

pub(super) fn check_plan(lines: &Lines, built: &[Kpi], reader: &mut Reader) {
    let goal_ids: Vec<&str> = lines.goals.iter().map(|(id, _)| id.as_str()).collect();
    let measure_ids: Vec<&str> = lines.measures.iter().map(|m| m.id.as_str()).collect();
    // Sets to look ids up in: a national-scale plan has tens of thousands.
    let goal_set: IdSet = goal_ids.iter().copied().collect();
    let measure_set: IdSet = measure_ids.iter().copied().collect();
    duplicates(
        reader,
        "goal",
        lines.goals.iter().map(|(id, l)| (id.as_str(), *l)),
    );
    duplicates(
        reader,
        "measure",
        lines.measures.iter().map(|m| (m.id.as_str(), m.line)),
    );
    duplicates(
        reader,
        "KPI",
        kpis(lines, built).map(|(id, line, _, _)| (id, line)),
    );

    for m in &lines.measures {
        match &m.points_at {
            MeasureParent::Goal(g) if !goal_set.contains(g.as_str()) => reader.error_at_line(
                m.ref_line,
                format!(
                    "measure {} points at goal \"{g}\", which the plan does not define",
                    m.id
                ),
                Some(&known("goals", &goal_ids)),
            ),
            MeasureParent::Measure(p) if !measure_set.contains(p.as_str()) => reader.error_at_line(
                m.ref_line,
                format!(
                    "measure {} has parent \"{p}\", which the plan does not define",
                    m.id
                ),
                Some(&known("measures", &measure_ids)),
            ),
            _ => {}
        }
    }
    cycles(lines, reader);

    for (id, _, points_at, ref_line) in kpis(lines, built) {
        match points_at {
            Some(Attachment::Goal(g)) if !goal_set.contains(g.as_str()) => reader.error_at_line(
                ref_line,
                format!("KPI {id} points at goal \"{g}\", which the plan does not define"),
                Some(&known("goals", &goal_ids)),
            ),
            Some(Attachment::Measures(ms)) => {
                for (j, m) in ms.iter().enumerate() {
                    if !measure_set.contains(m.as_str()) {
                        reader.error_at_line(
                            ref_line,
                            format!(
                                "KPI {id} points at measure \"{m}\", which the plan does not define"
                            ),
                            Some(&known("measures", &measure_ids)),
                        );
                    } else if ms[..j].contains(m) {
                        reader.error_at_line(
                            ref_line,
                            format!("KPI {id} lists measure \"{m}\" twice"),
                            None,
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

fn duplicates<'a>(reader: &mut Reader, kind: &str, ids: impl Iterator<Item = (&'a str, usize)>) {
    let (low, high) = ids.size_hint();
    let capacity = high.unwrap_or(low);
    let mut first: IdMap<usize> = IdMap::with_capacity_and_hasher(capacity, Default::default());
    for (id, line) in ids {
        if let Some(&first_line) = first.get(id) {
            reader.error_at_line(
                line,
                format!("duplicate {kind} id \"{id}\", first defined on line {first_line}"),
                Some("every id must be unique: rename one of them"),
            );
        } else {
            first.insert(id, line);
        }
    }
}

/// A measure that reaches itself by following parents. Each cycle is
/// reported once per member, at the line of that member's `parent`.
fn cycles(lines: &Lines, reader: &mut Reader) {
    let parent_of: IdMap<&str> = lines
        .measures
        .iter()
        .filter_map(|m| match &m.points_at {
            MeasureParent::Measure(p) => Some((m.id.as_str(), p.as_str())),
            MeasureParent::Goal(_) => None,
        })
        .collect();
    for m in &lines.measures {
        let mut chain = vec![m.id.as_str()];
        let mut current = m.id.as_str();
        while let Some(&next) = parent_of.get(current) {
            if next == m.id {
                chain.push(next);
                reader.error_at_line(
                    m.ref_line,
                    format!("measures form a cycle of parents: {}", chain.join(" → ")),
                    Some("a measure cannot hang, directly or not, under itself"),
                );
                break;
            }
            if chain.contains(&next) {
                break; // a cycle that does not pass through m: reported from its own members
            }
            chain.push(next);
            current = next;
        }
    }
}

fn known(kind: &str, ids: &[&str]) -> String {
    if ids.is_empty() {
        format!("the plan defines no {kind}")
    } else {
        let shown: Vec<&str> = ids.iter().take(12).copied().collect();
        format!("known {kind}: {}", shown.join(", "))
    }
}

type IdSet<'a> = HashSet<&'a str, BuildHasherDefault<IdHasher>>;
type IdMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<IdHasher>>;
