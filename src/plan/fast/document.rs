//! The document: `key = value` lines and `[table]` / `[[table]]` headers,
//! put together into top-level sections as the `toml` crate would put them
//! into tables.
//!
//! Only the shapes a plan has are taken: top-level `[name]` and `[[name]]`
//! tables, and `[name.sub]` / `[[name.sub]]` right under the `[name]` table
//! they belong to (`[[evaluation.grade]]` after `[evaluation]`). Anything
//! else that TOML allows (a table defined in pieces, a header under an array
//! of tables, dotted keys, paths three deep) or forbids (a key or a table
//! given twice) gives up.

use std::borrow::Cow;

use super::cursor::Cursor;
use super::value::{value, MAX_FIELDS};
use crate::plan::tree::{Key, Node, Section, Span, Table, Value};

/// How a top-level name was defined.
#[derive(Clone, Copy, PartialEq)]
enum Defined {
    /// `name = value` before any header, or a `[name]` table.
    Once,
    /// `[[name]]`: more may follow.
    Tables,
}

/// The top-level table being read, until the next top-level header.
struct Open<'i> {
    key: Key<'i>,
    header: Span,
    table: Table<'i>,
    /// `[[name]]` (with `first` for the first of its name), or `[name]`.
    item: Option<bool>,
    /// The `[name.sub]` or `[[name.sub]]` being read, as an index into
    /// `table`, and the indexes made by `[[name.sub]]`, which may grow.
    sub: Option<usize>,
    sub_arrays: Vec<usize>,
}

impl<'i> Open<'i> {
    fn into_section(self) -> Section<'i> {
        let node = Node {
            span: self.header,
            value: Value::Table(self.table),
        };
        match self.item {
            Some(first) => Section::Item {
                key: self.key,
                first,
                node,
            },
            None => Section::Whole {
                key: self.key,
                node,
            },
        }
    }

    /// The table that `key = value` lines go into now.
    fn body(&mut self) -> &mut Table<'i> {
        let Some(i) = self.sub else {
            return &mut self.table;
        };
        match &mut self.table.entries[i].1.value {
            Value::Table(t) => t,
            Value::Array(items) => match items.last_mut().map(|n| &mut n.value) {
                Some(Value::Table(t)) => t,
                _ => unreachable!("a [[sub]] array holds the tables its headers made"),
            },
            _ => unreachable!("a [sub] index points at the table its header made"),
        }
    }
}

pub(super) struct Document<'i> {
    c: Cursor<'i>,
    names: Vec<(Cow<'i, str>, Defined)>,
    open: Option<Open<'i>>,
}

impl<'i> Document<'i> {
    pub fn new(text: &'i str) -> Self {
        Document {
            c: Cursor::new(text),
            names: Vec::new(),
            open: None,
        }
    }

    /// Reads the whole text, handing each top-level section to `sink` as soon
    /// as it is complete. `None` as soon as the fast reader gives up, or
    /// `sink` does.
    pub fn read(mut self, mut sink: impl FnMut(Section<'i>) -> Option<()>) -> Option<()> {
        loop {
            self.c.blanks();
            match self.c.peek() {
                None => break,
                Some(b'#' | b'\n' | b'\r') => self.c.line_end()?,
                Some(b'[') => {
                    if let Some(done) = self.header()? {
                        sink(done)?;
                    }
                    self.c.line_end()?;
                }
                Some(_) => {
                    let (key, node) = self.key_value()?;
                    self.c.line_end()?;
                    match &mut self.open {
                        Some(open) => insert(open.body(), key, node)?,
                        None => {
                            self.define(&key, Defined::Once)?;
                            sink(Section::Whole { key, node })?;
                        }
                    }
                }
            }
        }
        match self.open.take() {
            Some(open) => sink(open.into_section()),
            None => Some(()),
        }
    }

    /// `key = value`, without its line end.
    fn key_value(&mut self) -> Option<(Key<'i>, Node<'i>)> {
        let key = self.c.key()?;
        self.c.blanks();
        if !self.c.eat(b'=') {
            return None;
        }
        self.c.blanks();
        let node = value(&mut self.c, 0)?;
        Some((key, node))
    }

    /// A header; the section it ends, if it starts a new top-level one.
    fn header(&mut self) -> Option<Option<Section<'i>>> {
        let start = self.c.pos;
        let array = self.c.peek_at(1) == Some(b'[');
        self.c.pos += if array { 2 } else { 1 };
        let mut path = Vec::new();
        loop {
            self.c.blanks();
            path.push(self.c.key()?);
            self.c.blanks();
            if !self.c.eat(b'.') {
                break;
            }
        }
        if !self.c.eat(b']') || (array && !self.c.eat(b']')) {
            return None;
        }
        let header = start..self.c.pos;
        let mut path = path.into_iter();
        match (path.next(), path.next(), path.next()) {
            (Some(key), None, _) => self.top(key, header, array),
            (Some(parent), Some(key), None) => {
                self.sub(&parent, key, header, array)?;
                Some(None)
            }
            _ => None,
        }
    }

    /// `[name]` or `[[name]]`.
    fn top(&mut self, key: Key<'i>, header: Span, array: bool) -> Option<Option<Section<'i>>> {
        let first = if array {
            let before = self.names.iter().find(|(n, _)| *n == key.name);
            match before {
                Some((_, Defined::Tables)) => false,
                Some(_) => return None,
                None => true,
            }
        } else {
            true
        };
        if first {
            let defined = if array {
                Defined::Tables
            } else {
                Defined::Once
            };
            self.define(&key, defined)?;
        }
        let done = self.open.take().map(Open::into_section);
        self.open = Some(Open {
            key,
            header,
            // Room for a `[[kpi]]`'s usual fields at once, in under 1 KiB:
            // glibc tidies all its small free blocks before each larger one.
            table: Table {
                entries: Vec::with_capacity(10),
            },
            item: array.then_some(first),
            sub: None,
            sub_arrays: Vec::new(),
        });
        Some(done)
    }

    /// `[parent.key]` or `[[parent.key]]`, right under the `[parent]` table.
    fn sub(&mut self, parent: &Key<'i>, key: Key<'i>, header: Span, array: bool) -> Option<()> {
        let open = self.open.as_mut()?;
        if open.item.is_some() || open.key.name != parent.name {
            return None;
        }
        let table = || Node {
            span: header.clone(),
            value: Value::Table(Table::default()),
        };
        let entries = &mut open.table.entries;
        match entries.iter().position(|(k, _)| k.name == key.name) {
            // Another `[[parent.key]]`: one more table in its array.
            Some(i) if array && open.sub_arrays.contains(&i) => {
                if let Value::Array(items) = &mut entries[i].1.value {
                    items.push(table());
                }
                open.sub = Some(i);
            }
            Some(_) => return None,
            None => {
                let node = if array {
                    open.sub_arrays.push(entries.len());
                    Node {
                        span: header.clone(),
                        value: Value::Array(vec![table()]),
                    }
                } else {
                    table()
                };
                if entries.len() >= MAX_FIELDS {
                    return None;
                }
                open.sub = Some(entries.len());
                entries.push((key, node));
            }
        }
        Some(())
    }

    /// Notes a new top-level name; `None` if it was defined before.
    fn define(&mut self, key: &Key<'i>, how: Defined) -> Option<()> {
        if self.names.len() >= MAX_FIELDS || self.names.iter().any(|(n, _)| *n == key.name) {
            return None;
        }
        self.names.push((key.name.clone(), how));
        Some(())
    }
}

/// Adds a field to a table, unless the table already has it.
fn insert<'i>(table: &mut Table<'i>, key: Key<'i>, node: Node<'i>) -> Option<()> {
    if table.entries.len() >= MAX_FIELDS || table.get(&key.name).is_some() {
        return None;
    }
    table.entries.push((key, node));
    Some(())
}
