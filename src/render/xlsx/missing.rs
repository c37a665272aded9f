//! `kpi missing --format xlsx`: one row per figure still owed, by owning
//! office, with the KPI's goal and measure path.

use rust_xlsxwriter::XlsxError;

use super::{optional, place_cells, places, text, year, Heading};
use crate::plan::Plan;
use crate::progress::coverage::ByOwner;
use crate::render::missing::{broken_down, category_of, lagged, owners, Across};
use crate::render::{Lang, Text};
use crate::workbook::write::{tables, TableSheet, Value};
use crate::year::FiscalYear;

pub fn render(
    plan: &Plan,
    year_asked: FiscalYear,
    by_owner: &ByOwner,
    lang: Lang,
    across: Option<&Across>,
) -> Result<Vec<u8>, XlsxError> {
    match across {
        None => tables(&[sheet(plan, year_asked, by_owner, lang)]),
        Some(across) => tables(&[series_sheet(plan, year_asked, by_owner, lang, across)]),
    }
}

/// Across a workspace: a row per series (the plan of the series has no
/// goals or measures), with the plans that need it.
fn series_sheet(
    plan: &Plan,
    year_asked: FiscalYear,
    by_owner: &ByOwner,
    lang: Lang,
    across: &Across,
) -> TableSheet {
    let plans = match lang {
        Lang::Ja => "計画",
        Lang::En => "plans",
    };
    let mut header = super::headings(
        &[
            Heading::Shared(Text::Owner),
            Heading::Shared(Text::Id),
            Heading::Name,
            Heading::Unit,
        ],
        lang,
    );
    header.push(plans.to_string());
    header.extend(super::headings(
        &[
            Heading::Shared(Text::Source),
            Heading::Shared(Text::LastReported),
        ],
        lang,
    ));
    table(plan, year_asked, by_owner, lang, header, |owner, i| {
        let kpi = &plan.kpis[i];
        vec![vec![
            owner,
            text(&kpi.id),
            text(&kpi.name),
            optional(&kpi.unit),
            text(&across.plans.get(i).map_or(String::new(), |p| p.join(", "))),
        ]]
    })
}

/// The last column's heading when a row's KPI has a lag: the year each
/// figure owed is for, as the CSV's `figure_year` and the table's
/// `（R1分）` name it.
fn figure_year(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "実績の年度",
        Lang::En => "figure year",
    }
}

fn sheet_name(year_asked: FiscalYear, style: crate::year::YearStyle, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("未提出 {}", year_asked.label(style)),
        Lang::En => format!("missing {}", year_asked.label(style)),
    }
}

pub fn sheet(plan: &Plan, year_asked: FiscalYear, by_owner: &ByOwner, lang: Lang) -> TableSheet {
    let columns = [
        Heading::Shared(Text::Owner),
        Heading::Goal,
        Heading::Measure,
        Heading::Shared(Text::Id),
        Heading::Name,
        Heading::Unit,
        Heading::Shared(Text::Source),
        Heading::Shared(Text::LastReported),
    ];
    let header = super::headings(&columns, lang);
    table(plan, year_asked, by_owner, lang, header, |owner, i| {
        let kpi = &plan.kpis[i];
        places(plan, kpi)
            .iter()
            .map(|place| {
                let mut row = vec![owner.clone()];
                row.extend(place_cells(plan, place, lang));
                row.extend([text(&kpi.id), text(&kpi.name), optional(&kpi.unit)]);
                row
            })
            .collect()
    })
}

/// The sheet of figures owed, by owner: `lead` gives the rows of a figure
/// (of the KPI at that index) up to its source, which follows with the year
/// last reported and, where some KPI has a lag, the year each figure is for.
fn table(
    plan: &Plan,
    year_asked: FiscalYear,
    by_owner: &ByOwner,
    lang: Lang,
    mut header: Vec<String>,
    lead: impl Fn(Value, usize) -> Vec<Vec<Value>>,
) -> TableSheet {
    let style = plan.year_style;
    let lag = lagged(plan, by_owner);
    // Once a KPI has breakdowns: each row's dimension and category
    // (names, as printed), empty for a total.
    let categories = broken_down(plan, by_owner);
    let mut rows = Vec::new();
    for (owner, figures) in owners(by_owner) {
        let owner = match owner {
            Some(o) => text(o),
            None => text(lang.text(Text::NoOwner)),
        };
        for m in figures {
            let kpi = &plan.kpis[m.kpi];
            for mut row in lead(owner.clone(), m.kpi) {
                row.extend([
                    optional(&kpi.source),
                    m.last_reported.map_or(Value::Empty, |y| year(y, style)),
                ]);
                if lag {
                    row.push(year(m.year, style));
                }
                if categories {
                    match category_of(plan, m) {
                        Some((dim, c)) => row.extend([text(&dim.name), text(&dim.categories[c])]),
                        None => row.extend([Value::Empty, Value::Empty]),
                    }
                }
                rows.push(row);
            }
        }
    }
    if lag {
        header.push(figure_year(lang).to_string());
    }
    if categories {
        header.extend([Text::Dimension, Text::Category].map(|t| lang.text(t).to_string()));
    }
    TableSheet {
        name: sheet_name(year_asked, style, lang),
        header,
        rows,
    }
}
