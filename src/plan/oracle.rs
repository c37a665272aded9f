//! The plan read through the `toml` crate's whole-document reading
//! (`toml::de::DeTable`), which `kpi` read plans with before `read/`: the
//! yardstick the tests hold `read/` to (the same plan, the same problems,
//! word for word). Never used to load a plan.

use std::borrow::Cow;
use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::build::Builder;
use super::fields::Reader;
use super::read::SyntaxError;
use super::tree::{Array, Key, Node, Table, Value};
use super::Plan;
use crate::problem::Problems;

/// `load_str`, with the whole document read by the `toml` crate first.
pub(super) fn load_str(path: &Path, text: &str) -> Result<(Plan, Problems), Problems> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let plan = Builder::new(Reader::new(path, text));
    match document(text) {
        Ok(root) => plan.end(root),
        Err(errors) => Err(plan.syntax_errors(errors)),
    }
}

/// The `toml` crate's tree of `text`, or every syntax error it finds.
pub(super) fn document(text: &str) -> Result<Table<'_>, Vec<SyntaxError>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| SyntaxError {
                span: e.span(),
                message: e.message().to_string(),
            })
            .collect());
    }
    Ok(table(root.into_inner()))
}

fn node(spanned: Spanned<DeValue<'_>>) -> Node<'_> {
    let span = spanned.span();
    let value = match spanned.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => Value::Integer {
            radix: i.radix(),
            text: Cow::Owned(i.as_str().to_string()),
        },
        DeValue::Float(f) => Value::Float(Cow::Owned(f.as_str().to_string())),
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(_) => Value::Datetime,
        DeValue::Array(items) => Value::Array(Array {
            items: items.into_iter().map(node).collect(),
            of_tables: false,
        }),
        DeValue::Table(t) => Value::Table(table(t)),
    };
    Node { span, value }
}

fn table(table: DeTable<'_>) -> Table<'_> {
    Table {
        entries: table
            .into_iter()
            .map(|(k, v)| {
                let key = Key {
                    span: k.span(),
                    name: k.into_inner(),
                };
                (key, node(v))
            })
            .collect(),
        ..Table::default()
    }
}
