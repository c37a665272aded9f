//! `kpi status --format xlsx`: one row per KPI in each place it sits
//! (goal by goal, numeric targets first, then measures in tree order, as
//! the table shows them), with its goal and measure path as columns.

use rust_xlsxwriter::XlsxError;

use super::{number, percent, place_cells, text, Heading, Place};
use crate::plan::Plan;
use crate::progress::Evaluation;
use crate::render::layout::sections;
use crate::render::{Lang, Text};
use crate::workbook::write::{tables, TableSheet, Value};

pub fn render(plan: &Plan, eval: &Evaluation, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    tables(&[sheet(plan, eval, lang)])
}

/// The sheet: its name says the as-of year.
pub fn sheet(plan: &Plan, eval: &Evaluation, lang: Lang) -> TableSheet {
    let graded = !plan.scoring.grades.is_empty();
    let mut columns = vec![
        Heading::Goal,
        Heading::Measure,
        Heading::Shared(Text::Id),
        Heading::Name,
        Heading::Unit,
    ];
    columns.extend(super::FIGURES);
    columns.extend([
        Heading::Shared(Text::Achievement),
        Heading::Shared(Text::Expected),
        Heading::Shared(Text::Pace),
        Heading::Shared(Text::Gap),
        Heading::Shared(Text::Status),
    ]);
    if graded {
        columns.push(Heading::Shared(Text::Grade));
    }
    columns.extend([Heading::Shared(Text::Stale), Heading::Shared(Text::Owner)]);
    let style = plan.year_style;
    // The judgement's columns, last, only when some KPI is assessed.
    let judged = crate::render::judged::any([eval]);
    let mut rows = Vec::new();
    for section in sections(plan, eval) {
        for group in &section.groups {
            let place = Place {
                goal: Some(section.goal),
                measure: group.measure,
            };
            for &r in &group.rows {
                let k = &eval.kpis[r];
                let kpi = &plan.kpis[k.kpi];
                let places = k.decimals;
                let mut row: Vec<Value> = place_cells(plan, &place, lang).into();
                row.extend([text(&kpi.id), text(&kpi.name), super::optional(&kpi.unit)]);
                row.extend(super::figure_cells(kpi, k, style));
                row.extend([
                    percent(k.achievement),
                    percent(k.expected),
                    percent(k.pace),
                    k.gap.map_or(Value::Empty, |g| number(g, places)),
                    text(lang.status(k.status)),
                ]);
                if graded {
                    row.push(super::optional(&k.grade));
                }
                row.push(super::stale(k, lang));
                row.push(super::optional(&kpi.owner));
                if judged {
                    let a = k.assessed.as_ref();
                    row.push(a.map_or(Value::Empty, |a| text(&a.label)));
                    row.push(a.map_or(Value::Empty, |a| text(&a.reason)));
                }
                rows.push(row);
            }
        }
    }
    let name = match (lang, eval.as_of) {
        (Lang::Ja, Some(y)) => format!("状況 {}時点", y.label(style)),
        (Lang::En, Some(y)) => format!("status as of {}", y.label(style)),
        (Lang::Ja, None) => "状況".to_string(),
        (Lang::En, None) => "status".to_string(),
    };
    let mut header = super::headings(&columns, lang);
    if judged {
        header.extend(crate::render::judged::headings(lang).map(String::from));
    }
    TableSheet { name, header, rows }
}
