//! The plan's TOML as spanned values: what `read/` makes of the text, and
//! what the field-by-field reading (`fields/`) takes apart.
//!
//! Spans are byte ranges in the plan's text, exactly as the `toml` crate
//! gives them: a key's span covers its quotes, a value's its quotes or
//! brackets, and a `[table]` or `[[table]]` its header (brackets included).
//! Problems print their line and column from them.

use std::borrow::Cow;
use std::ops::{Deref, Range};

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
    /// The number as written, less its `_`s (and its `0x`, `0o` or `0b`):
    /// the text keeps the decimals (`50.0` stays `50.0`), which a float
    /// would lose.
    Integer {
        text: Cow<'i, str>,
        radix: u32,
    },
    Float(Cow<'i, str>),
    Boolean(bool),
    /// Only ever named in a message ("must be a number, not datetime").
    Datetime,
    Array(Array<'i>),
    Table(Table<'i>),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Key<'i> {
    pub name: Cow<'i, str>,
    pub span: Span,
}

/// An array's values; `of_tables` for one made by `[[name]]` headers,
/// which later headers may add to.
#[derive(Debug, Clone, Default)]
pub(super) struct Array<'i> {
    pub items: Vec<Node<'i>>,
    pub of_tables: bool,
}

/// A table's fields in the order they were written. Tables in a plan hold a
/// dozen fields at most: a list is faster to fill and search than a map.
///
/// The flags say how the table was made, which decides what TOML lets
/// later lines add to it (`read/document.rs`); they are not part of its
/// value, and equality ignores them.
#[derive(Debug, Clone, Default)]
pub(super) struct Table<'i> {
    pub entries: Vec<(Key<'i>, Node<'i>)>,
    /// Made on the way to a deeper key (`[a.b]` makes `a`), not by its own header.
    pub implicit: bool,
    /// Made by a dotted key (`a.b = 1` makes `a`).
    pub dotted: bool,
    /// Written `{ … }`.
    pub inline: bool,
}

impl PartialEq for Array<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl PartialEq for Table<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl<'i> Deref for Array<'i> {
    type Target = [Node<'i>];

    fn deref(&self) -> &[Node<'i>] {
        &self.items
    }
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

    /// Where the field `name` is in `entries`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k.name == name)
    }
}
