//! `kpi status` as a terminal table: goal by goal, with the roll-up in the
//! goal's heading line and measures as sub-heading rows.

use comfy_table::{presets, Attribute, Cell, CellAlignment, Color, Table};

use super::layout::{self, sections};
use super::spark::sparkline;
use super::{Style, Text};
use crate::plan::Plan;
use crate::progress::{Counts, Evaluation, KpiProgress};
use crate::status::Status;

pub fn render(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    render_with(plan, eval, false, style)
}

/// The table with a trend column: a sparkline of each KPI's figures
/// (`KpiProgress::trend`, which the query asked for).
pub fn render_with_trend(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    render_with(plan, eval, true, style)
}

fn render_with(plan: &Plan, eval: &Evaluation, trend: bool, style: &Style) -> String {
    let mut out = String::new();
    out.push_str(&status_heading(plan, eval, style));
    out.push('\n');
    let graded = !plan.scoring.grades.is_empty();
    for section in sections(plan, eval) {
        let goal = &plan.goals[section.goal];
        out.push('\n');
        out.push_str(&goal_line(&goal.id, &goal.name, &section.counts, style));
        out.push('\n');
        let mut table = new_table(style);
        let mut head = header(style, graded);
        if trend {
            head.push(Cell::new(style.lang.text(Text::Trend)));
        }
        table.set_header(head);
        for group in &section.groups {
            let heading = group.heading(plan, style, style.ascii);
            let mut cell = Cell::new(heading);
            if style.color {
                cell = cell.add_attribute(Attribute::Bold);
            }
            table.add_row(vec![cell]);
            for &row in &group.rows {
                let k = &eval.kpis[row];
                let mut cells = kpi_row(plan, k, style, graded);
                if trend {
                    cells.push(Cell::new(sparkline(&k.trend, eval.as_of, style.ascii)));
                }
                table.add_row(cells);
            }
        }
        for i in 1..=7 {
            if let Some(col) = table.column_mut(i) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    out
}

pub fn title_line(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let when = match eval.as_of {
        Some(a) => match style.lang {
            super::Lang::Ja => format!("{} {}", style.year(a), style.lang.text(Text::AsOf)),
            super::Lang::En => format!("{} {}", style.lang.text(Text::AsOf), style.year(a)),
        },
        None => style.lang.text(Text::NoActuals).to_string(),
    };
    format!("{}{}{when}", plan.title, style.dash())
}

/// The status heading: the title line, and how many figures are still
/// missing for the as-of year (`kpi missing` lists them).
pub fn status_heading(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let title = title_line(plan, eval, style);
    if eval.missing == 0 {
        return title;
    }
    let n = eval.missing;
    match style.lang {
        super::Lang::Ja => format!("{title} (実績未提出 {n}件)"),
        super::Lang::En if n == 1 => format!("{title} (1 figure missing)"),
        super::Lang::En => format!("{title} ({n} figures missing)"),
    }
}

/// `基本目標1 産業の活性化と働きやすい環境づくり`, `Goal 1 …`
pub fn goal_heading(id: &str, name: &str, style: &Style) -> String {
    match style.lang {
        super::Lang::Ja => format!("{}{} {}", style.lang.text(Text::Goal), id, name),
        super::Lang::En => format!("{} {} {}", style.lang.text(Text::Goal), id, name),
    }
}

/// `基本目標1 産業の活性化と働きやすい環境づくり — 達成 2・順調 1`
pub fn goal_line(id: &str, name: &str, counts: &Counts, style: &Style) -> String {
    let sep = match style.lang {
        super::Lang::Ja => "・",
        super::Lang::En => ", ",
    };
    format!(
        "{}{}{}",
        goal_heading(id, name, style),
        style.dash(),
        counts_words(counts, style, sep)
    )
}

pub fn counts_words(counts: &Counts, style: &Style, sep: &str) -> String {
    Status::COUNT_ORDER
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{} {}", style.status_word(*s), counts.get(*s)))
        .collect::<Vec<_>>()
        .join(sep)
}

pub fn new_table(style: &Style) -> Table {
    let mut table = Table::new();
    table.load_preset(if style.ascii {
        presets::ASCII_FULL_CONDENSED
    } else {
        presets::UTF8_FULL_CONDENSED
    });
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

fn header(style: &Style, graded: bool) -> Vec<Cell> {
    layout::columns(graded)
        .into_iter()
        .map(|t| Cell::new(style.lang.text(t)))
        .collect()
}

fn kpi_row(plan: &Plan, k: &KpiProgress, style: &Style, graded: bool) -> Vec<Cell> {
    layout::cells(plan, k, style, graded)
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            if i == layout::STATUS_COLUMN {
                status_cell(k.status, style)
            } else {
                Cell::new(text)
            }
        })
        .collect()
}

/// The status in words, coloured when colour is on: never colour alone.
pub fn status_cell(status: Status, style: &Style) -> Cell {
    let cell = Cell::new(style.status_word(status));
    if !style.color {
        return cell;
    }
    match status {
        Status::Achieved => cell.fg(Color::Green).add_attribute(Attribute::Bold),
        Status::OnTrack => cell.fg(Color::Green),
        Status::AtRisk => cell.fg(Color::Yellow),
        Status::OffTrack => cell.fg(Color::Red),
        Status::Worsening => cell.fg(Color::Magenta).add_attribute(Attribute::Bold),
        Status::Missed => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        Status::NoData => cell.fg(Color::DarkGrey),
    }
}
