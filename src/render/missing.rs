//! `kpi missing`: the figures still owed for a year, by owning office.

use serde_json::{json, Value};

use super::fit;
use super::grid::{Align, Cell, Column, Row};
use super::table::draw_tables;

use super::json::year as year_json;
use super::markdown::cell as md_cell;
use super::{Lang, Style, Text};
use crate::breakdown::Dimension;
use crate::csv_cells::neutralise;
use crate::plan::Plan;
use crate::progress::coverage::{ByOwner, MissingFigure};
use crate::year::FiscalYear;

/// `kpi missing` across a workspace's members (workspace.md): the plan is
/// the plan of the series, a row per series, and each row says which of
/// the covered plans need it.
pub struct Across<'a> {
    /// The workspace's name.
    pub workspace: &'a str,
    /// The covered members, by name.
    pub members: &'a [String],
    /// Per series (index in the plan's `kpis`): the covered members that
    /// need its figure for the year.
    pub plans: &'a [Vec<String>],
}

impl Across<'_> {
    fn plans(&self, series: usize) -> String {
        self.plans
            .get(series)
            .map_or(String::new(), |p| p.join(", "))
    }
}

/// The heading of the plans column.
fn plans_word(style: &Style) -> &'static str {
    match style.lang {
        crate::lang::Lang::Ja => "計画",
        crate::lang::Lang::En => "plans",
    }
}

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

/// `朝霞市… — R1 の実績値：未提出 9件`, `… — R1 figures: 9 not yet reported`.
fn heading(plan: &Plan, year: FiscalYear, total: usize, style: &Style) -> String {
    let t = |x| style.lang.text(x);
    let year = style.year(year);
    let what = match (style.lang, total) {
        (Lang::Ja, 0) => format!("{year}{}：{}", t(Text::StillOwed), t(Text::NothingMissing)),
        (Lang::Ja, n) => format!("{year}{}：{} {n}件", t(Text::StillOwed), t(Text::Missing)),
        (Lang::En, 0) => format!("{year} {}: {}", t(Text::StillOwed), t(Text::NothingMissing)),
        (Lang::En, n) => format!("{year} {}: {n} {}", t(Text::StillOwed), t(Text::Missing)),
    };
    format!("{}{}{what}", plan.title, style.dash())
}

/// How many figures an office owes: `2件`, `2 KPIs` (`2 figures` once
/// one of them is of a KPI with breakdowns, which owes several).
fn owed(plan: &Plan, figures: &[MissingFigure], style: &Style) -> String {
    let n = figures.len();
    let several = figures.iter().any(|m| plan.kpis[m.kpi].breakdown.is_some());
    match (style.lang, n) {
        (Lang::Ja, n) => format!("{n}件"),
        (Lang::En, 1) if several => "1 figure".to_string(),
        (Lang::En, n) if several => format!("{n} figures"),
        (Lang::En, 1) => "1 KPI".to_string(),
        (Lang::En, n) => format!("{n} KPIs"),
    }
}

/// The dimension and category of a category figure owed.
pub(crate) fn category_of<'p>(plan: &'p Plan, m: &MissingFigure) -> Option<(&'p Dimension, usize)> {
    let (d, c) = m.category?;
    let breakdown = plan.kpis[m.kpi].breakdown.as_deref()?;
    Some((&plan.dimensions[*breakdown.dimensions.get(d)?], c))
}

/// Whether any figure owed is of a KPI with breakdowns: the CSV and the
/// workbook then give each row's dimension and category.
pub fn broken_down(plan: &Plan, by_owner: &ByOwner) -> bool {
    by_owner
        .values()
        .flatten()
        .any(|m| plan.kpis[m.kpi].breakdown.is_some())
}

/// The figure owed, named: the KPI's name, and for a KPI with breakdowns
/// its total or category (`待機児童数（年齢=0歳）`, `… (年齢=0歳)`,
/// `待機児童数（計）`).
fn figure_name(plan: &Plan, m: &MissingFigure, style: &Style) -> String {
    let kpi = &plan.kpis[m.kpi];
    if kpi.breakdown.is_none() {
        return kpi.name.clone();
    }
    let which = match category_of(plan, m) {
        Some((dim, c)) => format!("{}={}", dim.name, dim.categories[c]),
        None => style.lang.text(Text::Total).to_string(),
    };
    match style.lang {
        Lang::Ja => format!("{}（{which}）", kpi.name),
        Lang::En => format!("{} ({which})", kpi.name),
    }
}

fn row(
    plan: &Plan,
    year: FiscalYear,
    m: &MissingFigure,
    style: &Style,
    across: Option<&Across>,
) -> Vec<String> {
    let kpi = &plan.kpis[m.kpi];
    let name = figure_name(plan, m, style);
    let mut cells = vec![kpi.id.clone(), owed_name(&name, year, m.year, style)];
    if let Some(across) = across {
        cells.push(across.plans(m.kpi));
    }
    cells.extend([
        kpi.source.clone().unwrap_or_else(|| "-".to_string()),
        m.last_reported.map_or("-".to_string(), |y| style.year(y)),
    ]);
    cells
}

/// The KPI's name, with the year of the figure owed when a lag makes it
/// earlier than the year being collected: `県内総生産（R1分）`, `… (figure for R1)`.
fn owed_name(name: &str, collecting: FiscalYear, owed: FiscalYear, style: &Style) -> String {
    if owed == collecting {
        return name.to_string();
    }
    match style.lang {
        Lang::Ja => format!("{name}（{}分）", style.year(owed)),
        Lang::En => format!("{name} (figure for {})", style.year(owed)),
    }
}

const COLUMNS: [Text; 4] = [Text::Id, Text::Kpi, Text::Source, Text::LastReported];

/// The terminal table's columns: the name and the source wrap, and the
/// source is left out when even that is too wide.
fn columns(style: &Style, across: Option<&Across>) -> Vec<Column> {
    let t = |c| style.lang.text(c);
    let mut columns = vec![
        Column::new(t(Text::Id), Align::Left),
        Column::new(t(Text::Kpi), Align::Left).wrapping(),
    ];
    if across.is_some() {
        columns.push(Column::new(plans_word(style), Align::Left).wrapping());
    }
    columns.extend([
        Column::new(t(Text::Source), Align::Left)
            .wrapping()
            .drops(1),
        Column::new(t(Text::LastReported), Align::Left),
    ]);
    columns
}

pub fn table(
    plan: &Plan,
    year: FiscalYear,
    by_owner: &ByOwner,
    style: &Style,
    across: Option<&Across>,
) -> String {
    let (width, ascii) = (style.width, style.ascii);
    let total: usize = by_owner.values().map(Vec::len).sum();
    let mut out = fit::line(&heading(plan, year, total, style), width, ascii, 2);
    out.push('\n');
    let groups: Vec<_> = owners(by_owner).collect();
    let tables: Vec<Vec<Row>> = groups
        .iter()
        .map(|(_, figures)| {
            figures
                .iter()
                .map(|m| {
                    Row::Cells(
                        row(plan, year, m, style, across)
                            .into_iter()
                            .map(Cell::from)
                            .collect(),
                    )
                })
                .collect()
        })
        .collect();
    let (drawn, note) = draw_tables(&columns(style, across), &tables, style);
    for ((owner, figures), table) in groups.iter().zip(&drawn) {
        let line = format!(
            "{}: {} ({})",
            style.lang.text(Text::Owner),
            owner_name(owner, style),
            owed(plan, figures, style)
        );
        out.push('\n');
        out.push_str(&fit::line(&line, width, ascii, 2));
        out.push('\n');
        out.push_str(table);
    }
    out.push_str(&note);
    out
}

pub fn markdown(
    plan: &Plan,
    year: FiscalYear,
    by_owner: &ByOwner,
    style: &Style,
    across: Option<&Across>,
) -> String {
    let total: usize = by_owner.values().map(Vec::len).sum();
    let mut out = format!("# {}\n", md_cell(&heading(plan, year, total, style)));
    for (owner, figures) in owners(by_owner) {
        out.push_str(&format!(
            "\n## {} ({})\n\n",
            md_cell(&owner_name(owner, style)),
            owed(plan, figures, style)
        ));
        let mut names: Vec<&str> = COLUMNS.iter().map(|c| style.lang.text(*c)).collect();
        if across.is_some() {
            names.insert(2, plans_word(style));
        }
        let rule = "---|".repeat(names.len());
        out.push_str(&format!("| {} |\n|{rule}\n", names.join(" | ")));
        for m in figures {
            let cells: Vec<String> = row(plan, year, m, style, across)
                .iter()
                .map(|c| md_cell(c))
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out
}

/// The document of `json`, written as it is made: one owner's object at a
/// time, never the whole tree.
pub fn write_json(
    plan: &Plan,
    year: FiscalYear,
    by_owner: &ByOwner,
    across: Option<&Across>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let style = plan.year_style;
    let total: usize = by_owner.values().map(Vec::len).sum();
    let frame = match across {
        None => json!({
            "schema_version": super::json::SCHEMA_VERSION,
            "year": year_json(year, style),
            "missing": total,
            "owners": super::json::stream::placeholder("owners"),
        }),
        Some(across) => json!({
            "schema_version": super::json::SCHEMA_VERSION,
            "workspace": { "name": across.workspace, "members": across.members },
            "year": year_json(year, style),
            "missing": total,
            "owners": super::json::stream::placeholder("owners"),
        }),
    };
    let owners: Vec<(&Option<String>, &Vec<MissingFigure>)> = owners(by_owner).collect();
    let owner_json = |(owner, figures): &(&Option<String>, &Vec<MissingFigure>)| {
        let kpis: Vec<Value> = figures
            .iter()
            .map(|m| {
                let kpi = &plan.kpis[m.kpi];
                let mut row = json!({
                    "id": kpi.id,
                    "name": kpi.name,
                    "source": kpi.source,
                    "year": year_json(m.year, style),
                    "last_reported": m.last_reported.map_or(Value::Null, |y| year_json(y, style)),
                });
                if let Some(across) = across {
                    row["plans"] = json!(across.plans.get(m.kpi).cloned().unwrap_or_default());
                }
                if let Some((dim, c)) = category_of(plan, m) {
                    row["dimension"] = json!(dim.id);
                    row["category"] = json!(dim.categories[c]);
                    if let Some(code) = dim.code(c) {
                        row["code"] = json!(code);
                    }
                }
                row
            })
            .collect();
        json!({ "owner": owner, "count": figures.len(), "kpis": kpis })
    };
    super::json::stream::write_framed(
        &frame,
        &["owners"],
        |_, out| super::json::stream::write_array(&owners, owner_json, out),
        out,
    )
}

/// Who owes what for `year`, as JSON text.
pub fn json(plan: &Plan, year: FiscalYear, by_owner: &ByOwner, across: Option<&Across>) -> String {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail, and the JSON is valid UTF-8.
    let _ = write_json(plan, year, by_owner, across, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Whether a row's KPI has a lag: the CSV and the workbook then name each
/// row's figure year in a last column (evaluation-cycle.md §1).
pub fn lagged(plan: &Plan, by_owner: &ByOwner) -> bool {
    by_owner
        .values()
        .flatten()
        .any(|m| plan.kpis[m.kpi].schedule.lag != 0)
}

pub fn csv(plan: &Plan, by_owner: &ByOwner, across: Option<&Across>) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["owner", "id", "name", "source", "last_reported_year"];
    if across.is_some() {
        header.insert(3, "plans");
    }
    // The year of each figure owed, once a lag makes it differ from the
    // year being collected (evaluation-cycle.md §1): a column at the end.
    let lagged = lagged(plan, by_owner);
    if lagged {
        header.push("figure_year");
    }
    // A category figure's dimension (id) and category (name), blank for
    // a total, as in the ledger: columns at the end, once a KPI has breakdowns.
    let categories = broken_down(plan, by_owner);
    if categories {
        header.extend(["dimension", "category"]);
    }
    w.write_record(&header)?;
    for (owner, figures) in owners(by_owner) {
        for m in figures {
            let kpi = &plan.kpis[m.kpi];
            // Text cells a spreadsheet would run as a formula are neutralised.
            let mut record = vec![
                neutralise(owner.as_deref().unwrap_or_default()),
                neutralise(&kpi.id),
                neutralise(&kpi.name),
                neutralise(kpi.source.as_deref().unwrap_or_default()),
                m.last_reported.map(|y| y.0.to_string()).unwrap_or_default(),
            ];
            if let Some(across) = across {
                record.insert(3, neutralise(&across.plans(m.kpi)));
            }
            if lagged {
                record.push(m.year.0.to_string());
            }
            if categories {
                let (dim, category) = category_of(plan, m)
                    .map(|(d, c)| (neutralise(&d.id), neutralise(&d.categories[c])))
                    .unwrap_or_default();
                record.extend([dim, category]);
            }
            w.write_record(&record)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}
