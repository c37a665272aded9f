//! What a command across several members of a workspace prints around
//! each member's own output (workspace.md, "Commands across a workspace"):
//! the table of members × statuses and the heading of a member's section.
//! `many` composes them with the members' documents.

use super::grid::{Align, Cell, Column, Row};
use super::table::{status_cell, Tables};
use super::Style;
use crate::lang::Lang;
use crate::plan::Plan;
use crate::progress::{Counts, Evaluation};
use crate::status::Status;

/// One covered member, as the workspace's summary shows it.
pub struct MemberLine<'a> {
    pub name: &'a str,
    pub plan: &'a Plan,
    pub eval: &'a Evaluation,
}

/// The statuses of a member's evaluated KPIs, counted.
pub fn counts(eval: &Evaluation) -> Counts {
    let mut counts = Counts::default();
    for k in &eval.kpis {
        *counts.0.entry(k.status).or_insert(0) += 1;
    }
    counts
}

/// `朝霞市 — 3 plans`, then members × counts per status, one row each.
pub fn summary(workspace: &str, members: &[MemberLine<'_>], style: &Style) -> String {
    let lang = style.lang;
    let title = match lang {
        Lang::Ja => format!("{workspace} — {}計画", members.len()),
        Lang::En => {
            let plans = if members.len() == 1 { "plan" } else { "plans" };
            format!("{workspace} — {} {plans}", members.len())
        }
    };
    let mut columns = vec![
        Column::new(word(lang, "plan"), Align::Left),
        Column::new(word(lang, "title"), Align::Left)
            .wrapping()
            .drops(1),
        Column::new(word(lang, "as of"), Align::Left).drops(2),
    ];
    let all: Vec<Counts> = members.iter().map(|m| counts(m.eval)).collect();
    for status in Status::COUNT_ORDER {
        let column = Column::new(lang.status(status), Align::Right);
        columns.push(column.drops(count_rank(status, &all)));
    }
    columns.push(Column::new(word(lang, "total"), Align::Right));
    let rows: Vec<Row> = members
        .iter()
        .map(|m| {
            let counts = counts(m.eval);
            let mut cells = vec![
                Cell::from(m.name.to_string()),
                Cell::from(m.plan.title.clone()),
                Cell::from(
                    m.eval
                        .as_of
                        .map_or_else(|| "-".to_string(), |y| y.label(m.plan.year_style)),
                ),
            ];
            for status in Status::COUNT_ORDER {
                let n = counts.get(status);
                cells.push(if n == 0 {
                    Cell::from("-".to_string())
                } else {
                    let mut cell = status_cell(status, style);
                    cell.text = n.to_string();
                    cell
                });
            }
            cells.push(Cell::from(counts.total().to_string()));
            Row::Cells(cells)
        })
        .collect();
    let tables = Tables::new(&columns, rows.iter(), style);
    format!("{title}\n\n{}{}", tables.draw(&rows), tables.note())
}

/// When a status's count column gives way to fit the width (issue 24,
/// item 26), after the title and the as-of year: first a status no member
/// has, then the others, the ones that call for action (missed, off
/// track, worsening) last. The total never does.
fn count_rank(status: Status, all: &[Counts]) -> u8 {
    if all.iter().all(|c| c.get(status) == 0) {
        return 3;
    }
    match status {
        Status::NoData => 4,
        Status::Achieved => 5,
        Status::OnTrack => 6,
        Status::AtRisk => 7,
        Status::Worsening => 8,
        Status::OffTrack => 9,
        Status::Missed => 10,
    }
}

/// The line that opens a member's section: `■ sousei-2`.
pub fn member_heading(name: &str, style: &Style) -> String {
    let mark = if style.ascii { "#" } else { "■" };
    format!("{mark} {name}\n\n")
}

fn word(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Ja, "plan") => "計画",
        (Lang::Ja, "title") => "名称",
        (Lang::Ja, "as of") => "時点",
        (Lang::Ja, _) => "計",
        (Lang::En, "plan") => "plan",
        (Lang::En, "title") => "title",
        (Lang::En, "as of") => "as of",
        (Lang::En, _) => "total",
    }
}
