//! `[[dimension]]` and a KPI's `breakdowns`, `total` and
//! `category_target` (breakdowns.md), read with every problem's line and
//! column. A KPI's fields are kept as written (`Written`): which
//! dimensions they name is settled once every dimension is known
//! (`plan::dimensions::resolve`), at the end of the file or, in a
//! workspace member, with the register's.

use std::ops::Range;

use super::Reader;
use crate::breakdown::{Dimension, Spot, Total, Written, WrittenGoal, WrittenTarget};
use crate::plan::dimensions::{dimension_faults, Part};
use crate::plan::tree::{Node, Table, Value};

const DIMENSION_KEYS: &[&str] = &["id", "name", "categories", "codes"];

/// A list of strings with where each was written, and where the list was.
type Texts = (Vec<(String, Range<usize>)>, Range<usize>);

impl Reader<'_> {
    pub(in crate::plan) fn spot(&self, span: &Range<usize>) -> Spot {
        let (line, column) = self.positions.line_col(span.start);
        Spot { line, column }
    }

    /// One `[[dimension]]`; `None` when it has a problem (reported).
    pub(in crate::plan) fn dimension(
        &mut self,
        span: &Range<usize>,
        table: &Table,
    ) -> Option<Dimension> {
        self.check_keys(table, DIMENSION_KEYS, "[[dimension]]");
        let id = self.required_string(table, span, "id", "[[dimension]]");
        let what = format!("dimension {}", id.as_ref().map_or("?", |i| i.0.as_str()));
        let name = self.required_string(table, span, "name", &what);
        let categories = match table.get("categories") {
            Some(value) => self.texts(value, "categories", &what),
            None => {
                self.error(
                    span.clone(),
                    format!("{what} has no `categories`"),
                    Some("list them in the order they are printed: categories = [\"0歳\", \"1・2歳\"]"),
                );
                None
            }
        };
        let codes = table
            .get("codes")
            .map(|value| self.texts(value, "codes", &what));
        let ((id, id_span), (name, _), (categories, categories_span)) = (id?, name?, categories?);
        let codes = match codes {
            Some(codes) => Some(codes?),
            None => None,
        };
        let plain = |list: &[(String, Range<usize>)]| -> Vec<String> {
            list.iter().map(|(s, _)| s.clone()).collect()
        };
        let names = plain(&categories);
        let code_texts = codes.as_ref().map(|(c, _)| plain(c));
        let faults = dimension_faults(&id, &names, code_texts.as_deref());
        for (part, message, hint) in &faults {
            let at = match part {
                Part::Id => id_span.clone(),
                Part::Categories => categories_span.clone(),
                Part::Category(i) => categories[*i].1.clone(),
                Part::Codes => codes.as_ref().map_or(span.clone(), |c| c.1.clone()),
                Part::Code(i) => codes.as_ref().map_or(span.clone(), |c| c.0[*i].1.clone()),
            };
            self.error(at, message.clone(), Some(hint));
        }
        faults.is_empty().then(|| Dimension {
            id,
            name,
            categories: names,
            codes: code_texts.unwrap_or_default(),
            line: self.line(span),
        })
    }

    /// A list of strings (`categories`, `codes`, `breakdowns`).
    fn texts(&mut self, value: &Node, key: &str, what: &str) -> Option<Texts> {
        let Value::Array(items) = &value.value else {
            self.error(
                value.span.clone(),
                format!(
                    "`{key}` of {what} must be a list of names in quotes, not {}",
                    value.value.type_str()
                ),
                Some(&format!("write {key} = [\"…\", \"…\"]")),
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items.iter() {
            match &item.value {
                Value::String(s) => out.push((s.to_string(), item.span.clone())),
                other => {
                    self.error(
                        item.span.clone(),
                        format!(
                            "each entry of `{key}` of {what} must be text in quotes, not {}",
                            other.type_str()
                        ),
                        Some("write it as \"…\" (a code keeps its leading zeros only in quotes)"),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some((out, value.span.clone()))
    }

    /// A KPI's `breakdowns`, `total` and `category_target` as written;
    /// `None` when it writes none of them. Its `kpi` is set by the caller.
    pub(super) fn breakdown_fields(&mut self, table: &Table, what: &str) -> Option<Written> {
        let (breakdowns, total, target) = (
            table.get("breakdowns"),
            table.get("total"),
            table.get("category_target"),
        );
        if breakdowns.is_none() && total.is_none() && target.is_none() {
            return None;
        }
        let mut written = Written {
            kpi: 0,
            dimensions: Vec::new(),
            dimensions_at: breakdowns.map(|b| self.spot(&b.span)),
            total: None,
            category_target: None,
        };
        if let Some((ids, span)) = breakdowns.and_then(|b| self.texts(b, "breakdowns", what)) {
            if ids.is_empty() {
                self.error(
                    span,
                    format!("`breakdowns` of {what} is empty"),
                    Some("name the dimensions it is reported by, or remove `breakdowns`"),
                );
            }
            for (i, (id, span)) in ids.iter().enumerate() {
                if ids[..i].iter().any(|(o, _)| o == id) {
                    self.error(
                        span.clone(),
                        format!("`breakdowns` of {what} names dimension `{id}` twice"),
                        Some("name each dimension once"),
                    );
                } else {
                    written.dimensions.push((id.clone(), self.spot(span)));
                }
            }
        }
        if let Some((s, span)) = self.string(table, "total", what) {
            let parsed = match s.as_str() {
                "sum" => Some(Total::Sum),
                "reported" => Some(Total::Reported),
                _ => None,
            };
            match parsed {
                Some(t) => written.total = Some((t, self.spot(&span))),
                None => self.error(
                    span,
                    format!("total of {what} is \"{s}\""),
                    Some("use \"sum\" (the categories add up to the total: counts) or \"reported\" (a figure of its own: rates, averages)"),
                ),
            }
        }
        if let Some(value) = target {
            written.category_target = self
                .category_target(value, what)
                .map(|t| (t, self.spot(&value.span)));
        }
        Some(written)
    }

    fn category_target(&mut self, value: &Node, what: &str) -> Option<WrittenTarget> {
        match &value.value {
            Value::String(s) if s.as_ref() == "same" => Some(WrittenTarget::Same),
            Value::Table(t) => {
                let mut goals = Vec::with_capacity(t.entries.len());
                for (key, v) in &t.entries {
                    let label = format_args!("the category target \"{}\" of {what}", key.name);
                    if let Some(target) = self.number(v, label) {
                        goals.push(WrittenGoal {
                            key: key.name.to_string(),
                            target,
                            at: self.spot(&key.span),
                        });
                    }
                }
                Some(WrittenTarget::Each(goals))
            }
            other => {
                let shown = match other {
                    Value::String(s) => format!("\"{s}\""),
                    other => other.type_str().to_string(),
                };
                self.error(
                    value.span.clone(),
                    format!("category_target of {what} is {shown}"),
                    Some("write \"same\" (every category aims at the KPI's target) or a table of targets: { \"0歳\" = 0, \"1・2歳\" = 0 }"),
                );
                None
            }
        }
    }

    /// `plan.id` (a plain ASCII id) and `plan.area_code` (a
    /// 全国地方公共団体コード, kept as written: 5 digits, or 6 with a correct
    /// check digit).
    pub(super) fn plan_codes(&mut self, plan: &Table) -> (Option<String>, Option<String>) {
        let id = self.string(plan, "id", "[plan]").and_then(|(id, span)| {
            if id.is_empty() || !crate::plan::is_plain_id(&id) {
                self.error(
                    span,
                    format!("plan.id \"{id}\" has characters other than ASCII letters, digits, `.`, `_`, `-`"),
                    Some("the id names the plan in open-data exports (SDMX STRUCTURE_ID): keep it plain, e.g. id = \"ASAKA-SOUSEI\""),
                );
                return None;
            }
            Some(id)
        });
        let code = self.string(plan, "area_code", "[plan]").and_then(|(code, span)| {
            match crate::plan::dimensions::area_code_fault(&code) {
                None => Some(code),
                Some(why) => {
                    self.error(
                        span,
                        why,
                        Some("write the organisation's 全国地方公共団体コード in quotes: \"11227\", or \"112275\" with its check digit"),
                    );
                    None
                }
            }
        });
        (id, code)
    }
}
