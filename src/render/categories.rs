//! A KPI's figures by category and year, as `kpi show` and `kpi report`
//! print them (breakdowns.md, "Commands"): one block per dimension (a row
//! per year, the total then the categories in the plan's order, a derived
//! total marked), the category targets and statuses as of the as-of year
//! when the KPI has category targets, one block of the combinations present
//! (several dimensions), and the lines of the chart. Pure: each format
//! draws these in its own way.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Lang, Style, Text};
use crate::breakdown::Dimension;
use crate::plan::{Plan, Point};
use crate::progress::category::Categories;
use crate::progress::KpiProgress;
use crate::status::Status;
use crate::value;
use crate::year::FiscalYear;

/// One table: a heading, the header row, and the rows (a year's label
/// first). Values carry no unit: the heading line names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// How many leading columns are labels (left-aligned): the year, and
    /// in the combinations' block the categories.
    pub labels: usize,
    /// The target row (its label first), with category targets.
    pub targets: Option<Vec<String>>,
    /// The status row's label, and the statuses: the KPI's own (the total
    /// column) then each category's (`None`: no target).
    pub statuses: Option<(String, Vec<Option<Status>>)>,
}

/// One line of a chart: a category and its figures by year.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub label: String,
    pub points: Vec<Point>,
}

/// The KPI's dimensions, each with its place in the KPI's `breakdowns`.
fn dimensions<'p>(plan: &'p Plan, k: &KpiProgress) -> Vec<(usize, &'p Dimension)> {
    plan.kpis[k.kpi]
        .breakdown
        .as_deref()
        .map(|b| {
            b.dimensions
                .iter()
                .enumerate()
                .filter_map(|(d, &i)| plan.dimensions.get(i).map(|dim| (d, dim)))
                .collect()
        })
        .unwrap_or_default()
}

/// The blocks of `k`, whose categories were attached with their history;
/// none for a KPI without breakdowns.
pub fn blocks(
    plan: &Plan,
    k: &KpiProgress,
    as_of: Option<FiscalYear>,
    style: &Style,
) -> Vec<Block> {
    let Some(c) = k.categories.as_deref() else {
        return Vec::new();
    };
    let dims = dimensions(plan, k);
    let places = k.decimals.max(c.decimals);
    let mut out: Vec<Block> = dims
        .iter()
        .map(|&(d, dim)| block(plan, (k, c), (d, dim), places, as_of, style))
        .collect();
    if let Some(b) = combinations(c, &dims, places, style) {
        out.push(b);
    }
    out
}

/// `内訳：年齢` / `by 年齢`.
pub fn title(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!("{}：{name}", lang.text(Text::ByCategory)),
        Lang::En => format!("{} {name}", lang.text(Text::ByCategory)),
    }
}

/// A total's cell: its value, with `（算出）` when it was derived.
fn total_cell(c: &Categories, year: FiscalYear, places: u32, lang: Lang) -> String {
    match c.history.totals.get(&year) {
        None => "-".to_string(),
        Some(v) if c.history.derived.contains(&year) => {
            format!("{}{}", value::grouped(*v, places), lang.text(Text::Derived))
        }
        Some(v) => value::grouped(*v, places),
    }
}

fn block(
    plan: &Plan,
    (k, c): (&KpiProgress, &Categories),
    (d, dim): (usize, &Dimension),
    places: u32,
    as_of: Option<FiscalYear>,
    style: &Style,
) -> Block {
    let t = |x| style.lang.text(x);
    let mut header = vec![t(Text::Year).to_string(), t(Text::Total).to_string()];
    header.extend(dim.categories.iter().cloned());
    let n = dim.categories.len();
    // The years with a total or a figure of one of this dimension's categories.
    let mut years: Vec<FiscalYear> = c.history.totals.keys().copied().collect();
    years.extend(
        c.history
            .figures
            .keys()
            .filter(|(_, key)| key.single().is_some_and(|(kd, _)| kd == d))
            .map(|(y, _)| *y),
    );
    years.sort_unstable();
    years.dedup();
    let mine: BTreeMap<(FiscalYear, usize), Decimal> = c
        .history
        .figures
        .iter()
        .filter_map(|((y, key), v)| match key.single() {
            Some((kd, cat)) if kd == d => Some(((*y, cat), *v)),
            _ => None,
        })
        .collect();
    let rows = years
        .iter()
        .map(|&year| {
            let mut row = vec![style.year(year), total_cell(c, year, places, style.lang)];
            for cat in 0..n {
                let v = mine.get(&(year, cat));
                row.push(v.map_or_else(|| "-".to_string(), |v| value::grouped(*v, places)));
            }
            row
        })
        .collect();
    let judged = plan.kpis[k.kpi]
        .breakdown
        .as_deref()
        .is_some_and(|b| b.category_target.is_some());
    let (targets, statuses) = if judged {
        let kpi = k.kpi_of(plan);
        let mut targets = vec![
            format!("{} ({})", t(Text::Target), style.year(kpi.target.year)),
            value::grouped(kpi.target.value, places),
        ];
        let mut statuses = vec![Some(k.status)];
        for cp in c.of_dimension(d) {
            targets.push(
                cp.target
                    .map_or_else(|| "-".to_string(), |v| value::grouped(v, places)),
            );
            statuses.push(cp.status());
        }
        let label = match as_of {
            Some(a) => format!("{} ({})", t(Text::Status), style.year(a)),
            None => t(Text::Status).to_string(),
        };
        (Some(targets), Some((label, statuses)))
    } else {
        (None, None)
    };
    Block {
        title: title(style.lang, &dim.name),
        header,
        rows,
        labels: 1,
        targets,
        statuses,
    }
}

/// The combinations present: a row per (year, combination), the
/// categories of each dimension (blank: all), then the figure.
fn combinations(
    c: &Categories,
    dims: &[(usize, &Dimension)],
    places: u32,
    style: &Style,
) -> Option<Block> {
    let rows: Vec<Vec<String>> = c
        .history
        .figures
        .iter()
        .filter(|((_, key), _)| key.is_combination())
        .map(|((year, key), v)| {
            let mut row = vec![style.year(*year)];
            for &(d, dim) in dims {
                let cell = key.0.get(d).copied().flatten();
                let name = cell.and_then(|i| dim.categories.get(usize::from(i)));
                row.push(name.cloned().unwrap_or_default());
            }
            row.push(value::grouped(*v, places));
            row
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut header = vec![style.lang.text(Text::Year).to_string()];
    header.extend(dims.iter().map(|(_, dim)| dim.name.clone()));
    header.push(style.lang.text(Text::Actual).to_string());
    let names: Vec<&str> = dims.iter().map(|(_, dim)| dim.name.as_str()).collect();
    Some(Block {
        title: title(style.lang, &names.join(" × ")),
        labels: 1 + dims.len(),
        header,
        rows,
        targets: None,
        statuses: None,
    })
}

/// The first and last years of `lines` and a value scale for them;
/// `None` when no line has a point (the terminal and SVG charts).
pub fn extent(lines: &[Line]) -> Option<(FiscalYear, FiscalYear, super::chart::Scale)> {
    let points = || lines.iter().flat_map(|l| l.points.iter());
    let first = points().map(|p| p.year).min()?;
    let last = points().map(|p| p.year).max()?;
    let lo = points().map(|p| p.value).min()?;
    let hi = points().map(|p| p.value).max()?;
    Some((first, last, super::chart::Scale::nice(lo, hi)))
}

/// The lines of the chart of the KPI's `d`-th dimension: one per category
/// in the plan's order (a category without figures has no points).
pub fn lines(plan: &Plan, k: &KpiProgress) -> Vec<(String, Vec<Line>)> {
    let Some(c) = k.categories.as_deref() else {
        return Vec::new();
    };
    dimensions(plan, k)
        .into_iter()
        .map(|(d, dim)| {
            let lines = (0..dim.categories.len())
                .map(|cat| Line {
                    label: dim.categories[cat].clone(),
                    points: c
                        .history
                        .figures
                        .iter()
                        .filter(|((_, key), _)| key.single() == Some((d, cat)))
                        .map(|((year, _), v)| Point {
                            year: *year,
                            value: *v,
                        })
                        .collect(),
                })
                .collect();
            (dim.name.clone(), lines)
        })
        .collect()
}

/// A year's marks (`year_marks`), `合計（算出）` first when its total was
/// derived from its categories: `kpi show`'s and the report's year tables.
pub fn marks(k: &KpiProgress, row: &crate::progress::YearRow, lang: Lang) -> String {
    let marks = super::year_marks(row, lang);
    let derived = k
        .categories
        .as_deref()
        .is_some_and(|c| c.history.derived.contains(&row.year));
    if !derived {
        return marks;
    }
    let sep = match (marks.is_empty(), lang) {
        (true, _) => "",
        (false, Lang::Ja) => "、",
        (false, Lang::En) => ", ",
    };
    format!("{}{sep}{marks}", lang.text(Text::DerivedTotal))
}

/// The blocks as Markdown (`kpi report --format markdown`): a bold
/// heading and a table each, the status row's words with their marks.
pub fn markdown(blocks: &[Block], style: &Style) -> String {
    use super::markdown::{cell, table};
    let mut out = String::new();
    for b in blocks {
        let right: Vec<bool> = (0..b.header.len()).map(|i| i >= b.labels).collect();
        let mut rows = b.rows.clone();
        rows.extend(b.targets.iter().cloned());
        if let Some((label, statuses)) = &b.statuses {
            let mut row = vec![label.clone()];
            row.extend(statuses.iter().map(|s| match s {
                Some(s) => format!(
                    "{} {}",
                    super::badge::glyph_for(*s, style.ascii),
                    style.status_word(*s)
                ),
                None => "-".to_string(),
            }));
            rows.push(row);
        }
        out.push_str(&format!("\n**{}**\n\n", cell(&b.title)));
        out.push_str(&table(&b.header, &right, &rows));
    }
    out
}

/// `kpi show --format json`: each year of the KPI's table gains
/// `derived`, whether its total was derived from its categories.
pub fn json_years(c: &Categories, years: &mut [serde_json::Value]) {
    for y in years {
        let year = y["year"].as_i64().and_then(|v| i32::try_from(v).ok());
        let derived = year.is_some_and(|v| c.history.derived.contains(&FiscalYear(v)));
        if let serde_json::Value::Object(m) = y {
            m.insert("derived".into(), serde_json::Value::Bool(derived));
        }
    }
}

/// `kpi show --format json`'s `category_figures`: every category figure
/// up to the as-of year, by year then categories, as
/// `{"year", "label", "categories": {"DIM": "…"}, "value"}` (a dimension
/// the figure is a total over is not named).
pub fn json_figures(
    plan: &Plan,
    kpi: usize,
    c: &Categories,
    style: crate::year::YearStyle,
) -> serde_json::Value {
    let dims: &[usize] = plan.kpis[kpi]
        .breakdown
        .as_deref()
        .map_or(&[], |b| &b.dimensions);
    let list = c
        .history
        .figures
        .iter()
        .map(|((year, key), v)| {
            let mut cats = serde_json::Map::new();
            for (d, cell) in key.0.iter().enumerate() {
                let dim = dims.get(d).and_then(|&i| plan.dimensions.get(i));
                let name = cell.and_then(|i| dim?.categories.get(usize::from(i)));
                if let (Some(dim), Some(name)) = (dim, name) {
                    cats.insert(dim.id.clone(), serde_json::json!(name));
                }
            }
            serde_json::json!({
                "year": year.0,
                "label": year.label(style),
                "categories": cats,
                "value": crate::value::value_json(*v),
            })
        })
        .collect();
    serde_json::Value::Array(list)
}

#[cfg(test)]
mod tests;
