//! What `kpi status` prints of a KPI's breakdowns (breakdowns.md,
//! "Commands" and "Details"): the mark after its name in the table and
//! Markdown, the rows `--by DIM` adds under it, and its JSON `breakdowns`
//! object. A plan without breakdowns prints none of it.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::json;

use super::{percent_or_dash, Lang, Style};
use crate::breakdown::CategoryKey;
use crate::plan::{Plan, Point};
use crate::progress::category::{Categories, CategoryProgress};
use crate::progress::KpiProgress;
use crate::status::Status;
use crate::value::{ratio_json, value_json};

/// The mark after a KPI's name when it has breakdowns: `⊞`, `+` in ASCII.
pub fn mark(ascii: bool) -> &'static str {
    if ascii {
        "+"
    } else {
        "⊞"
    }
}

/// `name`, with the mark when the KPI has breakdowns, after `glue` (a
/// space; a no-break space in the terminal table, so that a wrapped name
/// does not leave its mark alone on a line).
pub fn marked(plan: &Plan, k: &KpiProgress, name: String, glue: char, style: &Style) -> String {
    match plan.kpis[k.kpi].breakdown {
        Some(_) => format!("{name}{glue}{}", mark(style.ascii)),
        None => name,
    }
}

/// The legend's word for the mark.
pub fn legend(style: &Style) -> String {
    let m = mark(style.ascii);
    match style.lang {
        Lang::Ja => format!("{m} 内訳あり：kpi compare ID"),
        Lang::En => format!("{m} broken down: kpi compare ID"),
    }
}

/// The plan's dimension `--by` names, by id or name.
pub fn dimension_named(plan: &Plan, by: &str) -> Option<usize> {
    plan.dimensions
        .iter()
        .position(|d| d.id == by || d.name == by)
}

/// One `--by` row under a KPI: a category's name (indented), its latest
/// figure, achievement and status; the other cells are blank.
pub struct ByRow {
    pub name: String,
    pub latest: String,
    pub achievement: String,
    pub status: Option<Status>,
}

/// The `--by` rows under `k`: one per category of the plan's dimension
/// `by`, when the KPI is broken down by it (none otherwise).
pub fn by_rows(plan: &Plan, k: &KpiProgress, by: Option<usize>, style: &Style) -> Vec<ByRow> {
    let (Some(by), Some(cats)) = (by, k.categories.as_deref()) else {
        return Vec::new();
    };
    let kpi = &plan.kpis[k.kpi];
    let Some(position) = kpi
        .breakdown
        .as_deref()
        .and_then(|b| b.dimensions.iter().position(|&d| d == by))
    else {
        return Vec::new();
    };
    let dim = &plan.dimensions[by];
    let places = k.decimals.max(cats.decimals);
    cats.of_dimension(position)
        .map(|c| ByRow {
            name: format!("  {}", dim.categories[c.category]),
            latest: c
                .latest
                .map_or_else(|| "-".to_string(), |p| style.point(kpi, places, p)),
            achievement: match c.judged {
                Some(_) => percent_or_dash(c.achievement()),
                None => String::new(),
            },
            status: c.status(),
        })
        .collect()
}

/// A KPI's JSON `breakdowns`: per dimension (by id) its categories in
/// order, each with its code, latest figure and, with a target, its
/// achievement and status; then `combinations` when any has a figure.
pub struct BreakdownsDoc<'a> {
    pub plan: &'a Plan,
    pub kpi: usize,
    pub categories: &'a Categories,
}

impl Serialize for BreakdownsDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let plan = self.plan;
        let dims: &[usize] = plan.kpis[self.kpi]
            .breakdown
            .as_deref()
            .map_or(&[], |b| &b.dimensions);
        let mut m = serializer.serialize_map(None)?;
        for (position, &d) in dims.iter().enumerate() {
            let Some(dim) = plan.dimensions.get(d) else {
                continue;
            };
            let list = CategoryList {
                dim,
                items: self.categories.of_dimension(position).collect(),
            };
            m.serialize_entry(&dim.id, &list)?;
        }
        if !self.categories.combinations.is_empty() {
            let combos: Vec<serde_json::Value> = self
                .categories
                .combinations
                .iter()
                .map(|(key, p)| combination(plan, dims, key, *p))
                .collect();
            m.serialize_entry("combinations", &combos)?;
        }
        m.end()
    }
}

struct CategoryList<'a> {
    dim: &'a crate::breakdown::Dimension,
    items: Vec<&'a CategoryProgress>,
}

impl Serialize for CategoryList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        for c in &self.items {
            let mut o = serde_json::Map::new();
            o.insert("category".into(), json!(self.dim.categories[c.category]));
            if let Some(code) = self.dim.code(c.category) {
                o.insert("code".into(), json!(code));
            }
            o.insert("latest".into(), latest(c.latest));
            if let Some(j) = c.judged {
                let achievement = j.achievement.map_or(serde_json::Value::Null, ratio_json);
                o.insert("achievement".into(), achievement);
                o.insert("status".into(), json!(j.status.name()));
            }
            seq.serialize_element(&o)?;
        }
        seq.end()
    }
}

/// `{"year", "value"}`, or `null`.
fn latest(p: Option<Point>) -> serde_json::Value {
    p.map_or(
        serde_json::Value::Null,
        |p| json!({ "year": p.year.0, "value": value_json(p.value) }),
    )
}

/// `{"categories": {"DIM": "…"}, "latest": {…}}`.
fn combination(plan: &Plan, dims: &[usize], key: &CategoryKey, p: Point) -> serde_json::Value {
    let mut categories = serde_json::Map::new();
    for (position, cell) in key.0.iter().enumerate() {
        let dim = dims.get(position).and_then(|&d| plan.dimensions.get(d));
        if let (Some(dim), Some(c)) = (dim, cell) {
            let name = dim
                .categories
                .get(usize::from(*c))
                .cloned()
                .unwrap_or_default();
            categories.insert(dim.id.clone(), json!(name));
        }
    }
    json!({ "categories": categories, "latest": latest(Some(p)) })
}

#[cfg(test)]
mod tests;
