//! The plan's TOML as spanned values: what `load.rs` reads, whichever
//! parser made them (the fast reader in `fast/`, or the `toml` crate).
//!
//! Spans are byte ranges in the plan's text, exactly as the `toml` crate
//! gives them: a key's span covers its quotes, a value's its quotes or
//! brackets, and a `[table]` or `[[table]]` its header (brackets included).
//! Problems print their line and column from them.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub(super) type Span = Range<usize>;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Node<'i> {
    pub span: Span,
    pub value: Value<'i>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value<'i> {
    String(Cow<'i, str>),
    /// The number as written, less its `_`s: the text keeps the decimals
    /// (`50.0` stays `50.0`), which a float would lose.
    Integer {
        text: Cow<'i, str>,
        radix: u32,
    },
    Float(Cow<'i, str>),
    Boolean(bool),
    /// Only ever named in a message ("must be a number, not datetime").
    Datetime,
    Array(Vec<Node<'i>>),
    Table(Table<'i>),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Key<'i> {
    pub name: Cow<'i, str>,
    pub span: Span,
}

/// A table's fields in the order they were written. Tables in a plan hold a
/// dozen fields at most: a list is faster to fill and search than a map.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Table<'i> {
    pub entries: Vec<(Key<'i>, Node<'i>)>,
}

/// One top-level piece of the plan, in the order of the file, so that a
/// large plan is read one `[[kpi]]` at a time and never held whole.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Section<'i> {
    /// A top-level key with its whole value: a `[plan]` table with all its
    /// fields (and sub-tables), or a `key = value` written before any header.
    Whole { key: Key<'i>, node: Node<'i> },
    /// One table of a top-level array of tables (`[[kpi]]`); `first` for the
    /// first of its name, whose key is the array's key.
    Item {
        key: Key<'i>,
        first: bool,
        node: Node<'i>,
    },
}

impl Value<'_> {
    /// The type's name, as the `toml` crate spells it in messages.
    pub fn type_str(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer { .. } => "integer",
            Value::Float(_) => "float",
            Value::Boolean(_) => "boolean",
            Value::Datetime => "datetime",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

impl<'i> Table<'i> {
    pub fn get(&self, name: &str) -> Option<&Node<'i>> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &Key<'i>> {
        self.entries.iter().map(|(k, _)| k)
    }
}

// The `toml` crate's values, converted for the fallback path. Strings are
// moved, not copied.

impl<'i> From<Spanned<DeValue<'i>>> for Node<'i> {
    fn from(spanned: Spanned<DeValue<'i>>) -> Self {
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
            DeValue::Array(items) => Value::Array(items.into_iter().map(Node::from).collect()),
            DeValue::Table(t) => Value::Table(Table::from(t)),
        };
        Node { span, value }
    }
}

impl<'i> From<DeTable<'i>> for Table<'i> {
    fn from(table: DeTable<'i>) -> Self {
        Table {
            entries: table
                .into_iter()
                .map(|(k, v)| (Key::from(k), Node::from(v)))
                .collect(),
        }
    }
}

impl<'i> From<Spanned<Cow<'i, str>>> for Key<'i> {
    fn from(key: Spanned<Cow<'i, str>>) -> Self {
        Key {
            span: key.span(),
            name: key.into_inner(),
        }
    }
}
