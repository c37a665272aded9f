//! The shape of a status report shared by the table and Markdown renderers:
//! goal by goal, numeric targets first, then each measure that has KPIs,
//! in the plan's tree order, with the measure's path as its heading.

use crate::plan::{Attachment, MeasureParent, Plan};
use crate::progress::{Counts, Evaluation};

pub struct Section {
    /// Index of the goal in `plan.goals`.
    pub goal: usize,
    pub counts: Counts,
    pub groups: Vec<Group>,
}

pub struct Group {
    /// `None` for the goal's numeric targets; otherwise the measure's index.
    pub measure: Option<usize>,
    /// Indexes into `evaluation.kpis`.
    pub rows: Vec<usize>,
}

/// Goals with at least one evaluated KPI, each with its groups of rows.
pub fn sections(plan: &Plan, eval: &Evaluation) -> Vec<Section> {
    let mut out = Vec::new();
    for (gi, goal) in plan.goals.iter().enumerate() {
        let mut groups = Vec::new();
        let numeric: Vec<usize> = eval
            .kpis
            .iter()
            .enumerate()
            .filter(|(_, k)| plan.kpis[k.kpi].attachment == Attachment::Goal(goal.id.clone()))
            .map(|(i, _)| i)
            .collect();
        if !numeric.is_empty() {
            groups.push(Group {
                measure: None,
                rows: numeric,
            });
        }
        for mi in measures_in_tree_order(plan, &MeasureParent::Goal(goal.id.clone())) {
            let id = &plan.measures[mi].id;
            let rows: Vec<usize> = eval
                .kpis
                .iter()
                .enumerate()
                .filter(|(_, k)| plan.kpis[k.kpi].measure_ids().contains(id))
                .map(|(i, _)| i)
                .collect();
            if !rows.is_empty() {
                groups.push(Group {
                    measure: Some(mi),
                    rows,
                });
            }
        }
        if !groups.is_empty() {
            out.push(Section {
                goal: gi,
                counts: eval.goals[gi].counts.clone(),
                groups,
            });
        }
    }
    out
}

/// Measure indexes under a parent, depth first, siblings in plan order.
fn measures_in_tree_order(plan: &Plan, parent: &MeasureParent) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack: Vec<(MeasureParent, usize)> = vec![(parent.clone(), 0)];
    // Iterative depth-first walk; validation rules out cycles, and the
    // length bound keeps a hand-built plan from looping.
    while let Some((p, _)) = stack.pop() {
        let children: Vec<usize> = plan
            .measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.parent == p)
            .map(|(i, _)| i)
            .collect();
        for &c in children.iter().rev() {
            stack.push((MeasureParent::Measure(plan.measures[c].id.clone()), c));
        }
        if let MeasureParent::Measure(id) = &p {
            if let Some(i) = plan.measures.iter().position(|m| &m.id == id) {
                out.push(i);
            }
        }
        if out.len() > plan.measures.len() {
            break;
        }
    }
    out
}

/// The measure's path as printed: `(1) 市内産業の活性化と雇用創出 › ① 産業の育成と支援`.
/// Numbers come from each measure's place among its siblings, as plans
/// number them: `(1)` at the top, `①` below, `1.` deeper (`1.` again for
/// circled numbers when drawing ASCII only).
pub fn measure_path(plan: &Plan, measure: usize, ascii: bool) -> String {
    let path = plan.measure_path(&plan.measures[measure].id);
    let parts: Vec<String> = path
        .iter()
        .enumerate()
        .map(|(depth, m)| {
            let n = plan
                .children(&m.parent)
                .iter()
                .position(|s| s.id == m.id)
                .map_or(0, |p| p + 1);
            format!("{} {}", number_mark(depth, n, ascii), m.name)
        })
        .collect();
    parts.join(if ascii { " > " } else { " › " })
}

fn number_mark(depth: usize, n: usize, ascii: bool) -> String {
    match depth {
        0 => format!("({n})"),
        1 if !ascii && (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1).map_or(format!("{n}."), String::from)
        }
        _ => format!("{n}."),
    }
}
