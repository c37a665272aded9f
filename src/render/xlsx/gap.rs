//! `kpi gap --format xlsx`: the gap figures, worst first, one row per KPI
//! in each place it sits; rates and the projection as exact quotients
//! (Excel keeps 15 digits), the projected achievement percent-formatted.

use rust_xlsxwriter::XlsxError;

use super::{exact, number, optional, percent, place_cells, places, text, year, Heading};
use crate::render::gap::{gap_text, GapReport, GapText};
use crate::render::{Lang, Text};
use crate::workbook::write::{tables, TableSheet, Value};

pub fn render(report: &GapReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    tables(&[sheet(report, lang)])
}

/// A column named by `kpi gap`'s own words.
fn own(lang: Lang, w: GapText) -> String {
    gap_text(lang, w).to_string()
}

pub fn sheet(report: &GapReport, lang: Lang) -> TableSheet {
    let plan = report.plan;
    let shared = |hs: &[Heading]| super::headings(hs, lang);
    let mut header = shared(&[
        Heading::Goal,
        Heading::Measure,
        Heading::Shared(Text::Id),
        Heading::Name,
        Heading::Unit,
        Heading::Shared(Text::Status),
        Heading::Shared(Text::Stale),
    ]);
    header.extend(shared(&super::FIGURES));
    header.push(Heading::Shared(Text::Gap).text(lang));
    header.extend([
        own(lang, GapText::YearsLeft),
        own(lang, GapText::Needed),
        own(lang, GapText::Seen),
        own(lang, GapText::Ratio),
    ]);
    let projection = own(lang, GapText::Projection);
    header.extend([
        format!("{projection} ({})", lang.text(Text::Year)),
        projection.clone(),
        format!("{projection} ({})", lang.text(Text::Achievement)),
        own(lang, GapText::Reaches),
    ]);
    header.push(lang.text(Text::Owner).to_string());
    let style = plan.year_style;
    let mut rows = Vec::new();
    for row in report.rows {
        let k = &report.eval.kpis[row.row];
        let kpi = &plan.kpis[k.kpi];
        let places_ = k.decimals;
        let mut cells = vec![
            text(&kpi.id),
            text(&kpi.name),
            optional(&kpi.unit),
            text(lang.status(k.status)),
            super::stale(k, lang),
        ];
        cells.extend(super::figure_cells(kpi, k, style));
        match &row.gap {
            None => cells.extend(std::iter::repeat_n(Value::Empty, 9)),
            Some(g) => cells.extend([
                number(g.remaining, places_),
                Value::Number(g.years_left.to_string()),
                exact(g.needed_per_year),
                exact(g.seen_per_year),
                g.ratio.map_or(Value::Empty, exact),
                year(g.projection.year, style),
                exact(g.projection.value),
                percent(g.projection.achievement),
                text(gap_text(
                    lang,
                    if g.projection.reaches {
                        GapText::Yes
                    } else {
                        GapText::No
                    },
                )),
            ]),
        }
        cells.push(optional(&kpi.owner));
        for place in places(plan, kpi) {
            let mut r: Vec<Value> = place_cells(plan, &place, lang).into();
            r.extend(cells.iter().cloned());
            rows.push(r);
        }
    }
    let name = match (lang, report.eval.as_of) {
        (Lang::Ja, Some(y)) => format!("目標との差 {}時点", y.label(style)),
        (Lang::En, Some(y)) => format!("gap as of {}", y.label(style)),
        (Lang::Ja, None) => "目標との差".to_string(),
        (Lang::En, None) => "gap".to_string(),
    };
    TableSheet { name, header, rows }
}
