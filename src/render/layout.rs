//! The shape of a status report shared by the table and Markdown renderers:
//! goal by goal, numeric targets first, then each measure that has KPIs,
//! in the plan's tree order, with the measure's path as its heading.

use std::collections::{HashMap, HashSet};

use super::{percent_or_dash, Style, Text};
use crate::plan::{Attachment, MeasureParent, Plan};
use crate::progress::{Counts, Evaluation, KpiProgress};

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
/// Only the goals and measures the evaluation rolls up are shown: `--goal`
/// and `--measure` narrow those, so a KPI that also serves another goal does
/// not bring that goal's section along.
pub fn sections(plan: &Plan, eval: &Evaluation) -> Vec<Section> {
    // Each goal's numeric targets and each measure's rows, found in one pass
    // over the evaluated KPIs (in their order): a national plan has
    // thousands of goals and tens of thousands of measures.
    let mut numeric: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_measure: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, k) in eval.kpis.iter().enumerate() {
        match &plan.kpis[k.kpi].attachment {
            Attachment::Goal(g) => {
                if let Some(gi) = plan.goal_index(g) {
                    numeric.entry(gi).or_default().push(i);
                }
            }
            Attachment::Measures(ms) => {
                for m in ms {
                    if let Some(mi) = plan.measure_index(m) {
                        by_measure.entry(mi).or_default().push(i);
                    }
                }
            }
        }
    }
    let rolled_up: HashSet<usize> = eval.measures.iter().map(|m| m.index).collect();
    let mut out = Vec::new();
    for rollup in &eval.goals {
        let gi = rollup.index;
        let goal = &plan.goals[gi];
        let mut groups = Vec::new();
        if let Some(rows) = numeric.remove(&gi) {
            groups.push(Group {
                measure: None,
                rows,
            });
        }
        for mi in measures_in_tree_order(plan, &MeasureParent::Goal(goal.id.clone())) {
            if !rolled_up.contains(&mi) {
                continue;
            }
            if let Some(rows) = by_measure.get(&mi).filter(|rows| !rows.is_empty()) {
                groups.push(Group {
                    measure: Some(mi),
                    rows: rows.clone(),
                });
            }
        }
        if !groups.is_empty() {
            out.push(Section {
                goal: gi,
                counts: rollup.counts.clone(),
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
        let children = plan.children_indexes(&p);
        for &c in children.iter().rev() {
            stack.push((MeasureParent::Measure(plan.measures[c].id.clone()), c));
        }
        if let MeasureParent::Measure(id) = &p {
            if let Some(i) = plan.measure_index(id) {
                out.push(i);
            }
        }
        if out.len() > plan.measures.len() {
            break;
        }
    }
    out
}

impl Group {
    /// The group's heading: the goal's numeric targets, or the measure's
    /// path (`ascii` for terminals that draw ASCII only).
    pub fn heading(&self, plan: &Plan, style: &Style, ascii: bool) -> String {
        self.heading_parts(plan, style, ascii)
            .join(path_separator(ascii))
    }

    /// The heading in its parts: each measure of the path with its number,
    /// to be joined with [`path_separator`] (a terminal breaks it between them).
    pub fn heading_parts(&self, plan: &Plan, style: &Style, ascii: bool) -> Vec<String> {
        match self.measure {
            None => vec![style.lang.text(Text::NumericTargets).to_string()],
            Some(m) => measure_parts(plan, m, ascii),
        }
    }
}

/// What joins the measures of a path: ` › `, or ` > ` in ASCII.
pub fn path_separator(ascii: bool) -> &'static str {
    if ascii {
        " > "
    } else {
        " › "
    }
}

/// The measure's path as printed: `(1) 市内産業の活性化と雇用創出 › ① 産業の育成と支援`.
/// Numbers come from each measure's place among its siblings, as plans
/// number them: `(1)` at the top, `①` below, `1.` deeper (`1.` again for
/// circled numbers when drawing ASCII only).
pub fn measure_path(plan: &Plan, measure: usize, ascii: bool) -> String {
    measure_parts(plan, measure, ascii).join(path_separator(ascii))
}

/// The measures of the path, each with its number: `(1) 市内産業の活性化と雇用創出`, `① 産業の育成と支援`.
pub fn measure_parts(plan: &Plan, measure: usize, ascii: bool) -> Vec<String> {
    let path = plan.measure_path(&plan.measures[measure].id);
    path.iter()
        .enumerate()
        .map(|(depth, m)| {
            let n = plan
                .children(&m.parent)
                .iter()
                .position(|s| s.id == m.id)
                .map_or(0, |p| p + 1);
            format!("{} {}", number_mark(depth, n, ascii), m.name)
        })
        .collect()
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

/// The columns of a KPI table, as `kpi status` prints them; the grade only
/// when the plan has grades.
pub fn columns(graded: bool) -> Vec<Text> {
    let mut cols = vec![
        Text::Kpi,
        Text::Baseline,
        Text::Target,
        Text::Latest,
        Text::Achievement,
        Text::Expected,
        Text::Pace,
        Text::Gap,
        Text::Status,
    ];
    if graded {
        cols.push(Text::Grade);
    }
    cols
}

/// Where the status word sits in `cells`; columns 1 to 7 hold figures.
pub const STATUS_COLUMN: usize = 8;

/// One KPI's row as plain text, column by column as `columns` names them.
pub fn cells(plan: &Plan, k: &KpiProgress, style: &Style, graded: bool) -> Vec<String> {
    let kpi = k.kpi_of(plan);
    let mut cells = vec![
        kpi.name.clone(),
        style.point(kpi, k.decimals, kpi.baseline),
        style.target(kpi, k),
        style.latest(kpi, k),
        percent_or_dash(k.achievement),
        percent_or_dash(k.expected),
        percent_or_dash(k.pace),
        k.gap
            .map_or("-".to_string(), |g| style.value(kpi, k.decimals, g)),
        super::judged::status_text(k, style),
    ];
    if graded {
        cells.push(k.grade.clone().unwrap_or_else(|| "-".to_string()));
    }
    cells
}
