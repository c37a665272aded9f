//! `kpi report --format markdown`: the HTML report's content as Markdown
//! tables, for a pull-request comment or a CI job summary. Where the HTML
//! draws a chart, this prints the chart's figures: a row of years with the
//! actuals, the expected path and the projection.

use super::badge::glyph_for;
use super::chart;
use super::i18n::{pace_text, rule, stale_rule, EXPLAINED};
use super::layout::{self, sections};
use super::markdown::{cell, figure_columns, kpi_cells, kpi_header, paragraph, table};
use super::spark::sparkline;
use super::table::{goal_heading, title_line};
use super::{Lang, Style, Text};
use crate::plan::Plan;
use crate::progress::{Counts, Evaluation, KpiDetail, KpiProgress};
use crate::status::Status;
use crate::value;

/// The document: `eval` from a query asking for trends and charts.
pub fn render(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let style = Style {
        color: false,
        width: None,
        ..*style
    };
    let w = |x| style.lang.text(x);
    let mut out = format!("# {}\n", cell(&title_line(plan, eval, &style)));
    if let Some(org) = &plan.organization {
        out.push_str(&format!("\n{}\n", paragraph(org)));
    }
    out.push_str(&format!("\n## {}\n\n", cell(w(Text::Summary))));
    out.push_str(&summary(plan, eval, &style));
    out.push_str(&super::published::notes_markdown(plan, eval, &style));
    out.push_str(&how_to_read(plan, &style));

    let graded = !plan.scoring.grades.is_empty();
    let mut header = kpi_header(plan, eval, &style, graded);
    header.push(w(Text::Trend).to_string());
    let right = figure_columns(header.len());
    let all = sections(plan, eval);
    if all.is_empty() {
        out.push_str(&format!("\n{}\n", cell(w(Text::NoKpis))));
    }
    let mut shown = vec![false; plan.kpis.len()];
    for section in all {
        let goal = &plan.goals[section.goal];
        out.push_str(&format!(
            "\n## {}\n\n{}\n",
            cell(&goal_heading(&goal.id, &goal.name, &style)),
            cell(&counts_marked(&section.counts, &style))
        ));
        out.push_str(&review_md(&style, eval.review.goals.get(&goal.id)));
        for group in &section.groups {
            let heading = group.heading(plan, &style, style.ascii);
            out.push_str(&format!("\n### {}\n\n", cell(&heading)));
            if let Some(m) = group.measure {
                out.push_str(&review_md(
                    &style,
                    eval.review.measures.get(&plan.measures[m].id),
                ));
            }
            let rows: Vec<Vec<String>> = group
                .rows
                .iter()
                .map(|&r| {
                    let k = &eval.kpis[r];
                    let mut cells = kpi_cells(plan, eval, k, &style, graded);
                    let status = &cells[layout::STATUS_COLUMN];
                    let mark = status
                        .strip_prefix(style.status_word(k.status))
                        .unwrap_or("");
                    cells[layout::STATUS_COLUMN] =
                        status_marked(k.status, &style) + mark + &super::judged::suffix(k, &style);
                    cells.push(sparkline(&k.trend, eval.as_of, style.ascii));
                    cells
                })
                .collect();
            out.push_str(&table(&header, &right, &rows));
            for &r in &group.rows {
                let k = &eval.kpis[r];
                // A KPI serving several measures gets its year table once.
                if std::mem::replace(&mut shown[k.kpi], true) {
                    continue;
                }
                out.push_str(&years_table(plan, k, chart::detail(k), &style));
                let blocks = super::categories::blocks(plan, k, eval.as_of, &style);
                out.push_str(&super::categories::markdown(&blocks, &style));
                let id = &plan.kpis[k.kpi].id;
                out.push_str(&review_md(&style, eval.review.kpis.get(id)));
                if let Some((heading, reason)) = super::judged::reason_line(k, &style) {
                    out.push_str(&format!("**{}**: {}\n\n", cell(&heading), cell(&reason)));
                }
            }
        }
    }
    out
}

/// The year's review text as paragraphs: `**評価（効果検証）**: …`.
fn review_md(style: &Style, review: Option<&crate::review::Review>) -> String {
    let lines = style.review_lines(review);
    if lines.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for (heading, text) in lines {
        out.push_str(&format!("**{}**: {}\n\n", cell(&heading), cell(&text)));
    }
    out
}

/// `◎ 達成`: the shape with the word, so a status reads without colour.
fn status_marked(status: Status, style: &Style) -> String {
    format!(
        "{} {}",
        glyph_for(status, style.ascii),
        style.status_word(status)
    )
}

fn counts_marked(counts: &Counts, style: &Style) -> String {
    Status::COUNT_ORDER
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{} {}", status_marked(*s, style), counts.get(*s)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Counts per status per goal; the mix column is the bar of the HTML
/// report in text: one shape per KPI, best first.
fn summary(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let mut header = vec![style.lang.text(Text::Goal).to_string()];
    header.extend(Status::COUNT_ORDER.iter().map(|s| status_marked(*s, style)));
    header.push(style.lang.text(Text::Total).to_string());
    header.push(style.lang.text(Text::Mix).to_string());
    let right: Vec<bool> = (0..header.len())
        .map(|i| i > 0 && i < header.len() - 1)
        .collect();
    let rows: Vec<Vec<String>> = eval
        .goals
        .iter()
        .filter(|g| g.counts.total() > 0)
        .map(|g| {
            let goal = &plan.goals[g.index];
            let mut row = vec![goal_heading(&goal.id, &goal.name, style)];
            row.extend(
                Status::COUNT_ORDER
                    .iter()
                    .map(|s| g.counts.get(*s).to_string()),
            );
            row.push(g.counts.total().to_string());
            row.push(
                Status::COUNT_ORDER
                    .iter()
                    .map(|s| glyph_for(*s, style.ascii).repeat(g.counts.get(*s)))
                    .collect(),
            );
            row
        })
        .collect();
    table(&header, &right, &rows)
}

fn how_to_read(plan: &Plan, style: &Style) -> String {
    let on = value::percent(plan.scoring.on_track);
    let risk = value::percent(plan.scoring.at_risk);
    let mut out = format!("\n**{}**\n\n", cell(style.lang.text(Text::HowToRead)));
    for s in Status::COUNT_ORDER {
        out.push_str(&format!(
            "- {}: {}\n",
            cell(&status_marked(s, style)),
            cell(&rule(style.lang, s, &on, &risk))
        ));
    }
    for x in EXPLAINED {
        out.push_str(&format!("- {}\n", cell(style.lang.text(x))));
    }
    let pace = pace_text(plan.scoring.basis);
    out.push_str(&format!(
        "- {}\n- {}\n",
        cell(style.lang.text(pace)),
        cell(&stale_rule(style.lang, plan.scoring.stale_after))
    ));
    out
}

/// The chart's figures: a column per year, rows for the actuals, the
/// expected path and the projection, and a row naming the baseline,
/// milestone and target years. Values in the KPI's unit, named in the heading.
fn years_table(plan: &Plan, k: &KpiProgress, detail: &KpiDetail, style: &Style) -> String {
    let rows = &detail.years;
    let kpi = k.kpi_of(plan);
    let t = |x| style.lang.text(x);
    let w = |x| style.lang.text(x);
    let places = k.decimals;
    let unit = match kpi.unit.as_deref() {
        Some(u) if !u.is_empty() => match style.lang {
            Lang::Ja => format!("（{}{u}）", w(Text::Unit)),
            Lang::En => format!(" ({}{u})", w(Text::Unit)),
        },
        _ => String::new(),
    };
    let mut out = format!(
        "\n#### {}{}{}{}\n\n",
        cell(&kpi.name),
        cell(&unit),
        style.dash(),
        cell(&status_marked(k.status, style))
    );
    let mut header = vec![t(Text::Year).to_string()];
    header.extend(rows.iter().map(|r| style.year(r.year)));
    let right: Vec<bool> = (0..header.len()).map(|i| i > 0).collect();
    let num = |v: rust_decimal::Decimal| value::grouped(v, places);
    let mut actual = vec![t(Text::Actual).to_string()];
    actual.extend(rows.iter().map(|r| r.actual.map_or("-".to_string(), num)));
    let mut expected = vec![w(Text::ExpectedPath).to_string()];
    expected.extend(rows.iter().map(|r| {
        if r.year >= kpi.baseline.year && r.year <= kpi.target.year {
            num(r.expected_value)
        } else {
            String::new()
        }
    }));
    let mut marks = vec![t(Text::Note).to_string()];
    marks.extend(
        rows.iter()
            .map(|r| super::categories::marks(k, r, style.lang)),
    );
    let mut body = vec![actual, expected];
    if let Some(p) = detail.projection {
        let mut row = vec![w(Text::Projection).to_string()];
        row.extend(rows.iter().map(|r| {
            if r.year == p.year {
                num(p.value)
            } else {
                String::new()
            }
        }));
        body.push(row);
    }
    body.push(marks);
    out.push_str(&table(&header, &right, &body));
    if let Some(r) = style.revision(plan, k) {
        out.push('\n');
        out.push_str(&cell(&r));
        out.push('\n');
    }
    out
}
