//! The report's part for a KPI with breakdowns (breakdowns.md, `kpi
//! report`): its category tables (`categories::blocks`) and a chart per
//! dimension with one line per category (`svg_lines`). Nothing for a KPI
//! without breakdowns; no style sheet rule is added, so that reports of
//! plans without breakdowns stay byte for byte what they were.

use std::fmt::Write;

use super::categories;
use super::html::{badge_html, escape};
use super::Style;
use crate::plan::Plan;
use crate::progress::KpiProgress;
use crate::year::FiscalYear;

/// The tables then the charts; `id` prefixes the charts' element ids.
pub fn section(
    plan: &Plan,
    k: &KpiProgress,
    as_of: Option<FiscalYear>,
    style: &Style,
    id: &str,
) -> String {
    let blocks = categories::blocks(plan, k, as_of, style);
    let mut out = String::new();
    for b in &blocks {
        let _ = write!(
            out,
            "<div class=\"categories\" style=\"overflow-x:auto\">\n<table class=\"categories\">\n<caption>{}</caption>\n<thead><tr>",
            escape(&b.title)
        );
        for (i, h) in b.header.iter().enumerate() {
            let _ = write!(out, "<th{}>{}</th>", num(i >= b.labels), escape(h));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in b.rows.iter().chain(&b.targets) {
            out.push_str(&cells(row, b.labels));
        }
        if let Some((label, statuses)) = &b.statuses {
            let _ = write!(out, "<tr><td>{}</td>", escape(label));
            for s in statuses {
                match s {
                    Some(s) => {
                        let _ = write!(out, "<td>{}</td>", badge_html(*s, style));
                    }
                    None => out.push_str("<td class=\"num\">-</td>"),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }
    let unit = k.kpi_of(plan).unit.as_deref();
    for (d, (name, lines)) in categories::lines(plan, k).into_iter().enumerate() {
        let title = categories::title(style.lang, &name);
        let chart = super::svg_lines::chart(&title, unit, &lines, style, &format!("{id}-{d}"));
        out.push_str(&chart);
    }
    out
}

fn num(right: bool) -> &'static str {
    if right {
        " class=\"num\""
    } else {
        ""
    }
}

fn cells(row: &[String], labels: usize) -> String {
    let mut out = String::from("<tr>");
    for (i, c) in row.iter().enumerate() {
        let _ = write!(out, "<td{}>{}</td>", num(i >= labels), escape(c));
    }
    out.push_str("</tr>\n");
    out
}
