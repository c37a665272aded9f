//! `kpi status --format markdown`: the status table as GitHub-flavoured
//! Markdown, fit for a pull-request comment or a CI job summary.

use super::layout::{measure_path, sections};
use super::table::{counts_words, status_heading};
use super::{percent_or_dash, Style, Text};
use crate::plan::Plan;
use crate::progress::Evaluation;

/// A table cell: pipes escaped, line breaks folded.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn render(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let style = Style {
        color: false,
        ..*style
    };
    let mut out = format!("# {}\n", cell(&status_heading(plan, eval, &style)));
    let graded = !plan.scoring.grades.is_empty();
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
            let heading = match group.measure {
                None => style.lang.text(Text::NumericTargets).to_string(),
                Some(m) => measure_path(plan, m, style.ascii),
            };
            out.push_str(&format!("\n### {}\n\n", cell(&heading)));
            let names: Vec<&str> = cols.iter().map(|c| style.lang.text(*c)).collect();
            out.push_str(&format!("| {} |\n", names.join(" | ")));
            let rule: Vec<&str> = cols
                .iter()
                .enumerate()
                .map(|(i, _)| if (1..=7).contains(&i) { "---:" } else { "---" })
                .collect();
            out.push_str(&format!("|{}|\n", rule.join("|")));
            for &row in &group.rows {
                let k = &eval.kpis[row];
                let kpi = &plan.kpis[k.kpi];
                let mut cells = vec![
                    kpi.name.clone(),
                    style.point(kpi, k.decimals, kpi.baseline),
                    style.point(kpi, k.decimals, kpi.target),
                    style.latest(kpi, k),
                    percent_or_dash(k.achievement),
                    percent_or_dash(k.expected),
                    percent_or_dash(k.pace),
                    k.gap
                        .map_or("-".to_string(), |g| style.value(kpi, k.decimals, g)),
                    style.status_word(k.status).to_string(),
                ];
                if graded {
                    cells.push(k.grade.clone().unwrap_or_else(|| "-".to_string()));
                }
                let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
    }
    out
}
