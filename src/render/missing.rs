//! `kpi missing`: the figures still owed for a year, by owning office.

use comfy_table::{Cell, Table};
use serde_json::{json, Value};

use super::json::year as year_json;
use super::markdown::cell as md_cell;
use super::{Style, Text};
use crate::csv_cells::neutralise;
use crate::plan::Plan;
use crate::progress::coverage::{ByOwner, MissingFigure};
use crate::year::FiscalYear;

/// Owners in name order, KPIs with no owner last.
pub(crate) fn owners(
    by_owner: &ByOwner,
) -> impl Iterator<Item = (&Option<String>, &Vec<MissingFigure>)> {
    let named = by_owner.iter().filter(|(o, _)| o.is_some());
    let unowned = by_owner.iter().filter(|(o, _)| o.is_none());
    named.chain(unowned)
}

fn owner_name(owner: &Option<String>, style: &Style) -> String {
    owner
        .clone()
        .unwrap_or_else(|| style.lang.text(Text::NoOwner).to_string())
}

fn heading(plan: &Plan, year: FiscalYear, total: usize, style: &Style) -> String {
    let what = style.lang.text(Text::StillOwed);
    let count = if total == 0 {
        style.lang.text(Text::NothingMissing).to_string()
    } else {
        format!("{} {total}", style.lang.text(Text::Missing))
    };
    format!(
        "{}{}{what} {} ({count})",
        plan.title,
        style.dash(),
        style.year(year)
    )
}

fn row(plan: &Plan, m: &MissingFigure, style: &Style) -> [String; 4] {
    let kpi = &plan.kpis[m.kpi];
    [
        kpi.id.clone(),
        kpi.name.clone(),
        kpi.source.clone().unwrap_or_else(|| "-".to_string()),
        m.last_reported.map_or("-".to_string(), |y| style.year(y)),
    ]
}

const COLUMNS: [Text; 4] = [Text::Id, Text::Kpi, Text::Source, Text::LastReported];

pub fn table(plan: &Plan, year: FiscalYear, by_owner: &ByOwner, style: &Style) -> String {
    let total: usize = by_owner.values().map(Vec::len).sum();
    let mut out = heading(plan, year, total, style);
    out.push('\n');
    for (owner, figures) in owners(by_owner) {
        out.push_str(&format!(
            "\n{}: {} ({})\n",
            style.lang.text(Text::Owner),
            owner_name(owner, style),
            figures.len()
        ));
        let mut t = Table::new();
        t.load_preset(if style.ascii {
            comfy_table::presets::ASCII_FULL_CONDENSED
        } else {
            comfy_table::presets::UTF8_FULL_CONDENSED
        });
        t.force_no_tty();
        t.set_header(COLUMNS.map(|c| Cell::new(style.lang.text(c))));
        for m in figures {
            t.add_row(row(plan, m, style));
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out
}

pub fn markdown(plan: &Plan, year: FiscalYear, by_owner: &ByOwner, style: &Style) -> String {
    let total: usize = by_owner.values().map(Vec::len).sum();
    let mut out = format!("# {}\n", md_cell(&heading(plan, year, total, style)));
    for (owner, figures) in owners(by_owner) {
        out.push_str(&format!(
            "\n## {} ({})\n\n",
            md_cell(&owner_name(owner, style)),
            figures.len()
        ));
        let names: Vec<&str> = COLUMNS.iter().map(|c| style.lang.text(*c)).collect();
        out.push_str(&format!("| {} |\n|---|---|---|---|\n", names.join(" | ")));
        for m in figures {
            let cells: Vec<String> = row(plan, m, style).iter().map(|c| md_cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out
}

pub fn json(plan: &Plan, year: FiscalYear, by_owner: &ByOwner) -> String {
    let style = plan.year_style;
    let owners: Vec<Value> = owners(by_owner)
        .map(|(owner, figures)| {
            let kpis: Vec<Value> = figures
                .iter()
                .map(|m| {
                    let kpi = &plan.kpis[m.kpi];
                    json!({
                        "id": kpi.id,
                        "name": kpi.name,
                        "source": kpi.source,
                        "last_reported": m.last_reported.map_or(Value::Null, |y| year_json(y, style)),
                    })
                })
                .collect();
            json!({ "owner": owner, "count": figures.len(), "kpis": kpis })
        })
        .collect();
    let total: usize = by_owner.values().map(Vec::len).sum();
    let doc = json!({
        "schema_version": super::json::SCHEMA_VERSION,
        "year": year_json(year, style),
        "missing": total,
        "owners": owners,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

pub fn csv(plan: &Plan, by_owner: &ByOwner) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["owner", "id", "name", "source", "last_reported_year"])?;
    for (owner, figures) in owners(by_owner) {
        for m in figures {
            let kpi = &plan.kpis[m.kpi];
            // Text cells a spreadsheet would run as a formula are neutralised.
            w.write_record([
                neutralise(owner.as_deref().unwrap_or_default()),
                neutralise(&kpi.id),
                neutralise(&kpi.name),
                neutralise(kpi.source.as_deref().unwrap_or_default()),
                m.last_reported.map(|y| y.0.to_string()).unwrap_or_default(),
            ])?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}
