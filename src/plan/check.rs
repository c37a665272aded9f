//! Checks across the whole plan, once every table has been read: duplicate
//! ids, references to goals and measures that do not exist, cycles of parents.
//!
//! They run on every id that could be read, even from tables that had other
//! problems, so that one run reports every problem.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use super::index::IdHasher;
use super::load::Reader;
use super::{Attachment, MeasureParent};

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
    pub kpis: Vec<Entry<Option<Attachment>>>,
}

pub(super) fn check_plan(lines: &Lines, reader: &mut Reader) {
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
        lines.kpis.iter().map(|k| (k.id.as_str(), k.line)),
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

    for k in &lines.kpis {
        match &k.points_at {
            Some(Attachment::Goal(g)) if !goal_set.contains(g.as_str()) => reader.error_at_line(
                k.ref_line,
                format!(
                    "KPI {} points at goal \"{g}\", which the plan does not define",
                    k.id
                ),
                Some(&known("goals", &goal_ids)),
            ),
            Some(Attachment::Measures(ms)) => {
                for (j, m) in ms.iter().enumerate() {
                    if !measure_set.contains(m.as_str()) {
                        reader.error_at_line(
                            k.ref_line,
                            format!(
                                "KPI {} points at measure \"{m}\", which the plan does not define",
                                k.id
                            ),
                            Some(&known("measures", &measure_ids)),
                        );
                    } else if ms[..j].contains(m) {
                        reader.error_at_line(
                            k.ref_line,
                            format!("KPI {} lists measure \"{m}\" twice", k.id),
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
    let mut first: IdMap<usize> =
        IdMap::with_capacity_and_hasher(ids.size_hint().0, Default::default());
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
