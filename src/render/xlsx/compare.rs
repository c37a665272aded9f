//! `kpi compare --format xlsx`: the categories ranked and the total, one
//! row each; values as number cells with the KPI's decimals, the change
//! exactly, achievement percent-formatted, words in the output language.

use super::{headings, number, percent, text, year, Heading};
use crate::render::compare::{compare_text, CompareDoc, CompareText};
use crate::render::{Lang, Text};
use crate::workbook::write::{TableSheet, Value};

pub fn sheet(doc: &CompareDoc, lang: Lang) -> TableSheet {
    let dimension = doc.dimension();
    let codes = !dimension.codes.is_empty();
    let own = |w| compare_text(lang, w).to_string();
    let mut header = vec![dimension.name.clone()];
    if codes {
        header.push(own(CompareText::Code));
    }
    header.extend(headings(
        &[
            Heading::Shared(Text::Baseline),
            Heading::BaselineYear,
            Heading::Shared(Text::Target),
            Heading::Shared(Text::Latest),
            Heading::LatestYear,
        ],
        lang,
    ));
    header.push(own(CompareText::Change));
    header.extend(headings(
        &[
            Heading::Shared(Text::Achievement),
            Heading::Shared(Text::Status),
            Heading::Shared(Text::Stale),
        ],
        lang,
    ));
    header.push(own(CompareText::Rank));
    let kpi = doc.kpi();
    let style = doc.plan.year_style;
    let places = doc.decimals();
    let value = |v: Option<rust_decimal::Decimal>| v.map_or(Value::Empty, |v| number(v, places));
    let rows = doc
        .lines()
        .iter()
        .map(|line| {
            let name = match line.category {
                Some(c) => dimension.categories[c].as_str(),
                None => lang.text(Text::Total),
            };
            let mut row = vec![text(name)];
            if codes {
                row.push(text(
                    line.category.and_then(|c| dimension.code(c)).unwrap_or(""),
                ));
            }
            row.extend([
                value(line.baseline),
                year(kpi.baseline.year, style),
                value(line.target),
                value(line.latest.map(|p| p.value)),
                line.latest.map_or(Value::Empty, |p| year(p.year, style)),
                value(line.change),
                percent(line.achievement),
                line.status.map_or(Value::Empty, |s| text(lang.status(s))),
                if line.stale {
                    text(lang.text(Text::Stale))
                } else {
                    Value::Empty
                },
                line.rank
                    .map_or(Value::Empty, |r| Value::Number(r.to_string())),
            ]);
            row
        })
        .collect();
    let name = match (lang, doc.eval.as_of) {
        (Lang::Ja, Some(y)) => format!("{}別 {}時点", dimension.name, y.label(style)),
        (Lang::En, Some(y)) => format!("by {} as of {}", dimension.name, y.label(style)),
        (Lang::Ja, None) => format!("{}別", dimension.name),
        (Lang::En, None) => format!("by {}", dimension.name),
    };
    TableSheet { name, header, rows }
}
