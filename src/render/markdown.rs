//! `kpi status --format markdown`: the status table as GitHub-flavoured
//! Markdown, fit for a pull-request comment or a CI job summary.

use super::layout::{self, sections};
use super::table::{counts_words, status_heading};
use super::{Style, Text};
use crate::plan::Plan;
use crate::progress::{Evaluation, KpiProgress};

/// A table cell, heading or line of plan text, printed as that text
/// wherever the Markdown is rendered: `&`, `<` and `>` as entities (no
/// HTML, no `<javascript:…>` autolink), Markdown's inline syntax escaped
/// with a backslash (`` ` `` code, `*` and `_` emphasis, `[` `]` links and
/// images, `~` strikethrough, `$` maths, `#` a heading's closing marks,
/// `\` itself), `|` as `\|` (a table's cell separator), line breaks folded.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '$' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Plan text that starts a line of its own (a paragraph): `cell`, and what
/// would make the line a block instead: a list item (`- `, `+ `, `1. `,
/// `1) `), a rule (`---`, `===`), leading spaces (an indented code block).
pub fn paragraph(text: &str) -> String {
    let escaped = cell(text);
    let body = escaped.trim_start_matches(' ');
    let mut out = "&#32;".repeat(escaped.len() - body.len());
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match body[digits..].chars().next() {
        Some(c @ ('.' | ')')) if digits > 0 => {
            out.push_str(&body[..digits]);
            out.push('\\');
            out.push(c);
            out.push_str(&body[digits + 1..]);
        }
        Some('-' | '+' | '=') if digits == 0 => {
            out.push('\\');
            out.push_str(body);
        }
        _ => out.push_str(body),
    }
    out
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

/// The headings of a KPI table, the published figures' columns included
/// where the plan has them.
pub fn kpi_header(plan: &Plan, eval: &Evaluation, style: &Style, graded: bool) -> Vec<String> {
    let mut header: Vec<String> = layout::columns(graded)
        .iter()
        .map(|c| style.lang.text(*c).to_string())
        .collect();
    super::published::headers(plan, eval, style, &mut header);
    header
}

/// A KPI's cells under `kpi_header`.
pub fn kpi_cells(
    plan: &Plan,
    eval: &Evaluation,
    k: &KpiProgress,
    style: &Style,
    graded: bool,
) -> Vec<String> {
    let mut cells = layout::cells(plan, k, style, graded);
    super::published::cells(plan, eval, k, style, &mut cells);
    cells
}

pub fn render(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let style = Style {
        color: false,
        width: None,
        ..*style
    };
    let mut out = format!("# {}\n", cell(&status_heading(plan, eval, &style)));
    let graded = !plan.scoring.grades.is_empty();
    let header = kpi_header(plan, eval, &style, graded);
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
                .map(|&r| kpi_cells(plan, eval, &eval.kpis[r], &style, graded))
                .collect();
            out.push_str(&table(&header, &right, &rows));
        }
    }
    out.push_str(&super::published::notes_markdown(plan, eval, &style));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_text_prints_as_that_text() {
        // Issue 17, item 6: code, emphasis, links and images stay text.
        assert_eq!(cell("`rm -rf`"), "\\`rm -rf\\`");
        assert_eq!(cell("**bold** and _it_"), "\\*\\*bold\\*\\* and \\_it\\_");
        assert_eq!(
            cell("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        assert_eq!(cell("![x](http://e.x/a.png)"), "!\\[x\\](http://e.x/a.png)");
        assert_eq!(cell("<javascript:alert(1)>"), "&lt;javascript:alert(1)&gt;");
        assert_eq!(cell("~~gone~~ $x$ #1"), "\\~\\~gone\\~\\~ \\$x\\$ \\#1");
        assert_eq!(cell("a|b\\c"), "a\\|b\\\\c");
        assert_eq!(cell("<b>&amp;"), "&lt;b&gt;&amp;amp;");
        assert_eq!(cell("two\nlines"), "two lines");
        // Figures, words and marks a table prints are left as they are.
        for plain in [
            "2,788人",
            "-",
            "129.1%",
            "(H30)",
            "R1 時点",
            "on track 3, at risk 1",
        ] {
            assert_eq!(cell(plain), plain);
        }
    }

    #[test]
    fn a_paragraph_of_plan_text_is_not_a_block() {
        assert_eq!(paragraph("- item"), "\\- item");
        assert_eq!(paragraph("+ item"), "\\+ item");
        assert_eq!(paragraph("---"), "\\---");
        assert_eq!(paragraph("==="), "\\===");
        assert_eq!(paragraph("1. first"), "1\\. first");
        assert_eq!(paragraph("2020) year"), "2020\\) year");
        assert_eq!(paragraph("    code"), "&#32;&#32;&#32;&#32;code");
        assert_eq!(paragraph("# title"), "\\# title");
        assert_eq!(paragraph("朝霞市"), "朝霞市");
        assert_eq!(paragraph("2020 plan"), "2020 plan");
    }
}
