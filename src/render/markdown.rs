//! `kpi status --format markdown`: the status table as GitHub-flavoured
//! Markdown, fit for a pull-request comment or a CI job summary.

use super::layout::{self, sections};
use super::table::{counts_words, status_heading};
use super::{Style, Text};
use crate::plan::Plan;
use crate::progress::Evaluation;

/// A table cell or heading: pipes escaped, line breaks folded, and `<`, `>`
/// and `&` as entities, so plan text shows as text wherever it is rendered.
pub fn cell(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// A table: the header, the alignment rule (`right[i]` for figures), the
/// rows; every cell escaped here.
pub fn table(header: &[String], right: &[bool], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = line(header);
    let rule: Vec<&str> = (0..header.len())
        .map(|i| {
            if right.get(i).copied().unwrap_or(false) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

/// Columns 1 to 7 of a KPI table hold figures.
pub fn figure_columns(n: usize) -> Vec<bool> {
    (0..n)
        .map(|i| (1..layout::STATUS_COLUMN).contains(&i))
        .collect()
}

pub fn render(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let style = Style {
        color: false,
        width: None,
        ..*style
    };
    let mut out = format!("# {}\n", cell(&status_heading(plan, eval, &style)));
    let graded = !plan.scoring.grades.is_empty();
    let header: Vec<String> = layout::columns(graded)
        .iter()
        .map(|c| style.lang.text(*c).to_string())
        .collect();
    let right = figure_columns(header.len());
    for section in sections(plan, eval) {
        let goal = &plan.goals[section.goal];
        let goal_word = style.lang.text(Text::Goal);
        out.push_str(&format!(
            "\n## {goal_word} {} {}\n\n{}\n",
            cell(&goal.id),
            cell(&goal.name),
            cell(&counts_words(&section.counts, &style, ", "))
        ));
        for group in &section.groups {
            let heading = group.heading(plan, &style, style.ascii);
            out.push_str(&format!("\n### {}\n\n", cell(&heading)));
            let rows: Vec<Vec<String>> = group
                .rows
                .iter()
                .map(|&r| layout::cells(plan, &eval.kpis[r], &style, graded))
                .collect();
            out.push_str(&table(&header, &right, &rows));
        }
    }
    out
}
