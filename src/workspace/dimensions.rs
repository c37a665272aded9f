//! The register's `[[dimension]]` tables and an `[[indicator]]`'s
//! `breakdowns` and `total` (breakdowns.md, "Workspaces"), read from
//! `kpi-workspace.toml` with every problem's line and column, by the same
//! rules as a plan's (`plan::dimensions`).

use toml::de::{DeTable, DeValue};

use crate::breakdown::{Dimension, Total};
use crate::plan::dimensions::{dimension_faults, Part};
use crate::problem::{Location, Problem, Problems};

const DIMENSION_KEYS: &[&str] = &["id", "name", "categories", "codes"];

/// A registered series' `breakdowns` (dimension ids of the register) and
/// `total`, which every member KPI reading it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesBreakdown {
    pub dimensions: Vec<String>,
    pub total: Total,
}

fn field<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t toml::Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// A list of strings with the offset of each; `None` (reported) otherwise.
fn texts(
    value: &toml::Spanned<DeValue<'_>>,
    what: &str,
    at: &dyn Fn(usize) -> Location,
    problems: &mut Problems,
) -> Option<Vec<(String, usize)>> {
    let DeValue::Array(items) = value.get_ref() else {
        problems.push(
            Problem::error(
                at(value.span().start),
                format!("{what} must be a list of names in quotes"),
            )
            .hint("write [\"…\", \"…\"]"),
        );
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item.get_ref() {
            DeValue::String(s) => out.push((s.to_string(), item.span().start)),
            _ => {
                problems.push(
                    Problem::error(
                        at(item.span().start),
                        format!("each entry of {what} must be text in quotes"),
                    )
                    .hint("write it as \"…\" (a code keeps its leading zeros only in quotes)"),
                );
                return None;
            }
        }
    }
    Some(out)
}

/// One register `[[dimension]]` whose header is at `line`; `None` when it
/// has a problem (reported).
pub fn dimension(
    table: &DeTable<'_>,
    line: usize,
    at: &dyn Fn(usize) -> Location,
    problems: &mut Problems,
) -> Option<Dimension> {
    let before = problems.0.len();
    let header = Location::line(&at(0).file, line);
    for (k, _) in table {
        let name = k.get_ref().as_ref();
        if !DIMENSION_KEYS.contains(&name) {
            let problem = Problem::error(
                at(k.span().start),
                format!("unknown field `{name}` in [[dimension]]"),
            );
            problems.push(match crate::suggest::closest(name, DIMENSION_KEYS) {
                Some(near) => problem.hint(format!("did you mean `{near}`?")),
                None => problem.hint(format!("[[dimension]] takes {}", DIMENSION_KEYS.join(", "))),
            });
        }
    }
    let mut text = |key: &str| match field(table, key).map(|v| (v.get_ref(), v.span().start)) {
        Some((DeValue::String(s), start)) if !s.trim().is_empty() => Some((s.to_string(), start)),
        Some((_, start)) => {
            problems.push(
                Problem::error(at(start), format!("dimension.{key} must be text in quotes"))
                    .hint("write it as \"…\""),
            );
            None
        }
        None => {
            problems.push(
                Problem::error(header.clone(), format!("a [[dimension]] has no `{key}`"))
                    .hint(format!("add {key} = \"…\"")),
            );
            None
        }
    };
    let (id, name) = (text("id"), text("name"));
    let what = format!("dimension {}", id.as_ref().map_or("?", |i| i.0.as_str()));
    let categories = match field(table, "categories") {
        Some(v) => {
            texts(v, &format!("`categories` of {what}"), at, problems).map(|c| (c, v.span().start))
        }
        None => {
            problems.push(
                Problem::error(header.clone(), format!("{what} has no `categories`")).hint(
                    "list them in the order they are printed: categories = [\"0歳\", \"1・2歳\"]",
                ),
            );
            None
        }
    };
    let codes = field(table, "codes").map(|v| {
        texts(v, &format!("`codes` of {what}"), at, problems).map(|c| (c, v.span().start))
    });
    let ((id, id_at), (name, _), (categories, categories_at)) = (id?, name?, categories?);
    let codes = match codes {
        Some(c) => Some(c?),
        None => None,
    };
    let names: Vec<String> = categories.iter().map(|c| c.0.clone()).collect();
    let code_texts: Option<Vec<String>> = codes
        .as_ref()
        .map(|c| c.0.iter().map(|c| c.0.clone()).collect());
    for (part, message, hint) in dimension_faults(&id, &names, code_texts.as_deref()) {
        let offset = match part {
            Part::Id => id_at,
            Part::Categories => categories_at,
            Part::Category(i) => categories[i].1,
            Part::Codes => codes.as_ref().map_or(categories_at, |c| c.1),
            Part::Code(i) => codes.as_ref().map_or(categories_at, |c| c.0[i].1),
        };
        problems.push(Problem::error(at(offset), message).hint(hint));
    }
    (problems.0.len() == before).then(|| Dimension {
        id,
        name,
        categories: names,
        codes: code_texts.unwrap_or_default(),
        line,
    })
}

/// An `[[indicator]]`'s `breakdowns` and `total` (`what` names it);
/// `None` when it writes neither or has a problem (reported). Whether its
/// dimensions are the register's is checked by `check_register`.
pub fn series_breakdown(
    table: &DeTable<'_>,
    what: &str,
    at: &dyn Fn(usize) -> Location,
    problems: &mut Problems,
) -> Option<(SeriesBreakdown, Vec<usize>)> {
    let (breakdowns, total) = (field(table, "breakdowns"), field(table, "total"));
    let total = match total {
        None => None,
        Some(v) => match v.get_ref() {
            DeValue::String(s) if s.as_ref() == "sum" => Some((Total::Sum, v.span().start)),
            DeValue::String(s) if s.as_ref() == "reported" => {
                Some((Total::Reported, v.span().start))
            }
            _ => {
                problems.push(
                    Problem::error(at(v.span().start), format!("total of {what} must be \"sum\" or \"reported\""))
                        .hint("\"sum\": the categories add up to the total (counts); \"reported\": a figure of its own (rates, averages)"),
                );
                return None;
            }
        },
    };
    let Some(breakdowns) = breakdowns else {
        if let Some((_, start)) = total {
            problems.push(
                Problem::error(at(start), format!("{what} has `total` but no `breakdowns`")).hint(
                    "add breakdowns = [\"…\"] naming the register's dimensions, or remove total",
                ),
            );
        }
        return None;
    };
    let ids = texts(breakdowns, &format!("`breakdowns` of {what}"), at, problems)?;
    if ids.is_empty() {
        problems.push(
            Problem::error(
                at(breakdowns.span().start),
                format!("`breakdowns` of {what} is empty"),
            )
            .hint("name the dimensions it is reported by, or remove `breakdowns`"),
        );
        return None;
    }
    let mut dimensions = Vec::with_capacity(ids.len());
    let mut offsets = Vec::with_capacity(ids.len());
    for (i, (id, start)) in ids.iter().enumerate() {
        if ids[..i].iter().any(|(o, _)| o == id) {
            problems.push(
                Problem::error(
                    at(*start),
                    format!("`breakdowns` of {what} names dimension `{id}` twice"),
                )
                .hint("name each dimension once"),
            );
            return None;
        }
        dimensions.push(id.clone());
        offsets.push(*start);
    }
    let total = total.map_or(Total::Reported, |t| t.0);
    Some((SeriesBreakdown { dimensions, total }, offsets))
}

/// Every register dimension id once, and every indicator's `breakdowns`
/// naming register dimensions.
pub fn check_register(
    file: &super::WorkspaceFile,
    named: &[(usize, Vec<usize>)],
    at: &dyn Fn(usize) -> Location,
    problems: &mut Problems,
) {
    crate::plan::dimensions::declared_once(&file.path, &file.dimensions, problems);
    let known: Vec<&str> = file.dimensions.iter().map(|d| d.id.as_str()).collect();
    for (indicator, offsets) in named {
        let indicator = &file.indicators[*indicator];
        let Some(b) = &indicator.breakdown else {
            continue;
        };
        for (id, &offset) in b.dimensions.iter().zip(offsets) {
            if known.contains(&id.as_str()) {
                continue;
            }
            let hint = match crate::suggest::closest(id, &known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("declare it with a [[dimension]] in {}: a registered series is broken down by the register's dimensions", file.path.display()),
            };
            problems.push(
                Problem::error(
                    at(offset),
                    format!(
                        "indicator `{}` is broken down by `{id}`, which is no dimension of the register",
                        indicator.id
                    ),
                )
                .hint(hint),
            );
        }
    }
}
