//! Checks across the whole plan, once every table has been read: duplicate
//! ids, references to goals and measures that do not exist, cycles of parents.

use std::collections::HashMap;

use super::load::Reader;
use super::{Attachment, MeasureParent, Plan};

/// Lines of the ids and references of the items that were read, in the same
/// order as the plan's vectors, so that problems can name them.
#[derive(Default)]
pub(super) struct Lines {
    pub goal_ids: Vec<usize>,
    pub measure_ids: Vec<usize>,
    pub measure_refs: Vec<usize>,
    pub kpi_ids: Vec<usize>,
    pub kpi_refs: Vec<usize>,
}

pub(super) fn check_plan(plan: &Plan, lines: &Lines, reader: &mut Reader) {
    duplicates(
        reader,
        "goal",
        plan.goals.iter().map(|g| g.id.as_str()),
        &lines.goal_ids,
    );
    duplicates(
        reader,
        "measure",
        plan.measures.iter().map(|m| m.id.as_str()),
        &lines.measure_ids,
    );
    duplicates(
        reader,
        "KPI",
        plan.kpis.iter().map(|k| k.id.as_str()),
        &lines.kpi_ids,
    );

    for (i, m) in plan.measures.iter().enumerate() {
        let line = lines.measure_refs[i];
        match &m.parent {
            MeasureParent::Goal(g) if plan.goal(g).is_none() => reader.error_at_line(
                line,
                format!(
                    "measure {} points at goal \"{g}\", which the plan does not define",
                    m.id
                ),
                Some(&known("goals", plan.goals.iter().map(|g| g.id.as_str()))),
            ),
            MeasureParent::Measure(p) if plan.measure(p).is_none() => reader.error_at_line(
                line,
                format!(
                    "measure {} has parent \"{p}\", which the plan does not define",
                    m.id
                ),
                Some(&known(
                    "measures",
                    plan.measures.iter().map(|m| m.id.as_str()),
                )),
            ),
            _ => {}
        }
    }
    cycles(plan, lines, reader);

    for (i, k) in plan.kpis.iter().enumerate() {
        let line = lines.kpi_refs[i];
        match &k.attachment {
            Attachment::Goal(g) if plan.goal(g).is_none() => reader.error_at_line(
                line,
                format!(
                    "KPI {} points at goal \"{g}\", which the plan does not define",
                    k.id
                ),
                Some(&known("goals", plan.goals.iter().map(|g| g.id.as_str()))),
            ),
            Attachment::Measures(ms) => {
                for (j, m) in ms.iter().enumerate() {
                    if plan.measure(m).is_none() {
                        reader.error_at_line(
                            line,
                            format!(
                                "KPI {} points at measure \"{m}\", which the plan does not define",
                                k.id
                            ),
                            Some(&known(
                                "measures",
                                plan.measures.iter().map(|m| m.id.as_str()),
                            )),
                        );
                    } else if ms[..j].contains(m) {
                        reader.error_at_line(
                            line,
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

fn duplicates<'a>(
    reader: &mut Reader,
    kind: &str,
    ids: impl Iterator<Item = &'a str>,
    lines: &[usize],
) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(&j) = first.get(id) {
            reader.error_at_line(
                lines[i],
                format!(
                    "duplicate {kind} id \"{id}\", first defined on line {}",
                    lines[j]
                ),
                Some("every id must be unique: rename one of them"),
            );
        } else {
            first.insert(id, i);
        }
    }
}

fn cycles(plan: &Plan, lines: &Lines, reader: &mut Reader) {
    for (i, m) in plan.measures.iter().enumerate() {
        let mut seen = vec![m.id.as_str()];
        let mut current = m;
        while let MeasureParent::Measure(p) = &current.parent {
            let Some(next) = plan.measure(p) else { break };
            if next.id == m.id {
                seen.push(&next.id);
                reader.error_at_line(
                    lines.measure_refs[i],
                    format!("measures form a cycle of parents: {}", seen.join(" → ")),
                    Some("a measure cannot hang, directly or not, under itself"),
                );
                break;
            }
            if seen.contains(&next.id.as_str()) {
                break; // a cycle that does not pass through m: reported from its own members
            }
            seen.push(&next.id);
            current = next;
        }
    }
}

fn known<'a>(kind: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.take(12).collect();
    if ids.is_empty() {
        format!("the plan defines no {kind}")
    } else {
        format!("known {kind}: {}", ids.join(", "))
    }
}
