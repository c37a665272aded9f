//! `kpi template`'s CSV sheet: a title line, the header, one row per KPI
//! (across a workspace, per series, with the plans that need it) with an
//! empty value, note and 区分 (`columns::CSV_TEMPLATE`). A KPI with
//! breakdowns has its total row and a row per category of each of its
//! dimensions, in a column per dimension (headed by its id) after the name. Line ends are
//! CRLF, as Excel writes them; every cell is made safe from formula
//! injection. The workbook is `render::xlsx::template`.

use crate::columns::{self, Heading};
use crate::csv_cells::{self, neutralise};
use crate::lang::Lang;
use crate::plan::Plan;
use crate::year::FiscalYear;

/// The sheet of a plan's `kpis` (indexes) for collection year `year`.
pub fn sheet(
    plan: &Plan,
    kpis: &[usize],
    year: FiscalYear,
    owner: Option<&str>,
    lang: Lang,
) -> String {
    rows(plan, kpis, None, year, owner, lang)
}

/// The sheet across a workspace: `sheet`'s columns, a row per series, and
/// the plans that need it last, for reference (`kpi import` passes over it).
pub fn series_sheet(
    plan: &Plan,
    kpis: &[usize],
    plans: &[Vec<String>],
    year: FiscalYear,
    owner: Option<&str>,
    lang: Lang,
) -> String {
    rows(plan, kpis, Some(plans), year, owner, lang)
}

fn rows(
    plan: &Plan,
    kpis: &[usize],
    plans: Option<&[Vec<String>]>,
    year: FiscalYear,
    owner: Option<&str>,
    lang: Lang,
) -> String {
    let mut header = columns::CSV_TEMPLATE.to_vec();
    if plans.is_some() {
        header.push(Heading::Plans);
    }
    let mut header = columns::words(&header, lang);
    // The dimensions of the KPIs listed, in the plan's order: a column
    // each after the name, headed by its id as in the ledger.
    let dims: Vec<usize> = (0..plan.dimensions.len())
        .filter(|d| {
            kpis.iter().any(|&i| {
                (plan.kpis[i].breakdown.as_deref()).is_some_and(|b| b.dimensions.contains(d))
            })
        })
        .collect();
    header.splice(2..2, dims.iter().map(|&d| plan.dimensions[d].id.clone()));
    let title = crate::render::xlsx::template::title(plan, year, owner, lang);
    let mut s = String::new();
    push_row(&mut s, &[title]);
    push_row(&mut s, &header);
    for &i in kpis {
        let kpi = &plan.kpis[i];
        let mut cells = vec![
            kpi.id.clone(),
            kpi.name.clone(),
            kpi.unit.clone().unwrap_or_default(),
            kpi.figure_year(year).label(plan.year_style),
            String::new(),
            String::new(),
            String::new(),
        ];
        if let Some(plans) = plans {
            cells.push(plans.get(i).map_or(String::new(), |p| p.join(", ")));
        }
        // The total (dimension cells blank), then a row per category of
        // each of the KPI's dimensions, in `breakdowns` order.
        let mut total = cells.clone();
        total.splice(2..2, dims.iter().map(|_| String::new()));
        push_row(&mut s, &total);
        for &d in kpi
            .breakdown
            .as_deref()
            .map_or(&[][..], |b| &b.dimensions[..])
        {
            let at = 2 + dims.iter().position(|&e| e == d).unwrap_or(0);
            for category in &plan.dimensions[d].categories {
                let mut row = total.clone();
                row[at] = category.clone();
                push_row(&mut s, &row);
            }
        }
    }
    s
}

/// One CSV row of text cells, each made safe from formula injection.
fn push_row(s: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| neutralise(c)).collect();
    csv_cells::push_row(s, &cells, "\r\n");
}
