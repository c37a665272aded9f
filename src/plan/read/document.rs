//! The document: `key = value` lines and `[table]` / `[[table]]` headers,
//! put together into tables from `toml_parser`'s events, as the `toml`
//! crate puts them together (its `de::parser::document`, followed step for
//! step, problems and recovery from them included).
//!
//! One difference: a table of a top-level array of tables (`[[kpi]]`) is
//! let go as soon as the next one of its array is added, since no later
//! line can reach it then (TOML lets a header add only to the last table of
//! an array). The document is never held whole: only its top-level tables
//! other than those arrays, and the last table of each array.

use std::mem;

use toml_parser::parser::{Event, EventKind};
use toml_parser::Span as TomlSpan;

use super::events::Events;
use super::value::{cannot_extend, entry_or_made, table_node, Decode};
use crate::plan::tree::{Array, Key, Node, Span, Table, Value};

/// A `[table]` or `[[table]]` header.
struct Header<'i> {
    /// The tables it lies under: `[a.b.c]` lies under `a` and `b`.
    path: Vec<Key<'i>>,
    key: Option<Key<'i>>,
    span: TomlSpan,
    array: bool,
}

#[derive(Default)]
pub(super) struct Document<'i> {
    root: Table<'i>,
    /// The table the lines go into: the root's own lines until the first header.
    current: Table<'i>,
    header: Option<Header<'i>>,
    /// Tables of top-level arrays that no later line can change, in order.
    released: Vec<(Key<'i>, Node<'i>)>,
}

impl<'i> Document<'i> {
    /// Reads every event, handing over to `item` each table of a top-level
    /// array as soon as no later line can change it (while no problem has
    /// been found), with the top-level tables as they stand then; then the
    /// root table and the tables let go since the last hand-over.
    pub fn read(
        self,
        input: &mut Events<'i>,
        d: &mut Decode<'i, '_>,
        item: impl FnMut(Key<'i>, Node<'i>, &Table<'i>),
    ) -> Table<'i> {
        self.read_then(input, d, false, item)
    }

    /// `read`, and with `last_too` the last table of each top-level array
    /// of tables handed over too, at the end: for a piece of the text after
    /// which no line can change them (`read::read_piece`).
    pub fn read_then(
        mut self,
        input: &mut Events<'i>,
        d: &mut Decode<'i, '_>,
        last_too: bool,
        mut item: impl FnMut(Key<'i>, Node<'i>, &Table<'i>),
    ) -> Table<'i> {
        while let Some(event) = input.next() {
            match event.kind() {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    self.finish_table(d);
                    let header = header(&event, input, d);
                    self.start_table(header, d);
                }
                // Not `key = value` (after a syntax error): the `toml` crate
                // reads no further.
                EventKind::SimpleKey if self.key_value(&event, input, d).is_none() => break,
                _ => {}
            }
            if !self.released.is_empty() {
                let clean = input.errors.is_empty() && d.errors.is_empty();
                for (key, node) in mem::take(&mut self.released) {
                    if clean {
                        item(key, node, &self.root);
                    }
                }
            }
        }
        self.finish_table(d);
        if last_too {
            self.release_last();
        }
        let clean = input.errors.is_empty() && d.errors.is_empty();
        for (key, node) in mem::take(&mut self.released) {
            if clean {
                item(key, node, &self.root);
            }
        }
        self.root
    }

    /// The last table of every top-level array of tables, let go.
    fn release_last(&mut self) {
        for (key, entry) in &mut self.root.entries {
            if let Value::Array(array) = &mut entry.value {
                if array.of_tables {
                    let last = array.items.drain(..).map(|node| (key.clone(), node));
                    self.released.extend(last);
                }
            }
        }
    }

    /// `key = value`; `None` when the events are not those of one (after a
    /// syntax error), where the `toml` crate stops reading.
    fn key_value(
        &mut self,
        first: &Event,
        input: &mut Events<'i>,
        d: &mut Decode<'i, '_>,
    ) -> Option<()> {
        let (path, key) = d.key(first, input);
        let key = key?;
        if input.next()?.kind() != EventKind::KeyValSep {
            return None;
        }
        let value = d.value(input);
        self.put(path, key, value, d);
        Some(())
    }

    fn put(&mut self, path: Vec<Key<'i>>, key: Key<'i>, value: Node<'i>, d: &mut Decode<'i, '_>) {
        let dotted = !path.is_empty();
        let Some(parent) = descend(&mut self.current, &path, dotted, d) else {
            return;
        };
        if dotted && !parent.implicit {
            d.duplicate(&key, None);
        } else if let Some(i) = parent.position(&key.name) {
            let before = parent.entries[i].0.span.clone();
            d.duplicate(&key, Some(before));
        } else {
            parent.entries.push((key, value));
        }
    }

    /// The table that was being read goes where its header put it.
    fn finish_table(&mut self, d: &mut Decode<'i, '_>) {
        // Room for a `[[kpi]]`'s usual fields at once.
        let table = mem::replace(
            &mut self.current,
            Table {
                entries: Vec::with_capacity(16),
                ..Table::default()
            },
        );
        let Some(header) = self.header.take() else {
            self.root = table;
            return;
        };
        let Some(key) = header.key else {
            return;
        };
        let span = header.span.start()..header.span.end();
        let node = table_node(span.clone(), table);
        let top = header.path.is_empty();
        let Some(parent) = descend(&mut self.root, &header.path, false, d) else {
            return;
        };
        if !header.array {
            match parent.position(&key.name) {
                Some(i) => parent.entries[i].1 = node,
                None => parent.entries.push((key, node)),
            }
            return;
        }
        let i = match parent.position(&key.name) {
            Some(i) => i,
            None => {
                let array = Array {
                    items: Vec::new(),
                    of_tables: true,
                };
                let made = Node {
                    span,
                    value: Value::Array(array),
                };
                parent.entries.push((key.clone(), made));
                parent.entries.len() - 1
            }
        };
        let (name, entry) = &mut parent.entries[i];
        match &mut entry.value {
            Value::Array(array) if array.of_tables => {
                // The table before this one can no longer change.
                if top {
                    if let Some(before) = array.items.pop() {
                        self.released.push((name.clone(), before));
                    }
                }
                array.items.push(node);
            }
            _ => {
                let before = entry.span.clone();
                d.duplicate(&key, Some(before));
            }
        }
    }

    fn start_table(&mut self, header: Header<'i>, d: &mut Decode<'i, '_>) {
        if !header.array {
            let parent = descend(&mut self.root, &header.path, false, d);
            if let (Some(parent), Some(key)) = (parent, &header.key) {
                if let Some(i) = parent.position(&key.name) {
                    let (before, old) = parent.entries.remove(i);
                    match old.value {
                        Value::Table(t) if t.implicit && !t.dotted => self.current = t,
                        // A table cannot be defined twice, nor one made by dotted keys given a header.
                        value => {
                            d.duplicate(key, Some(before.span));
                            if let Value::Table(t) = value {
                                self.current = t;
                            }
                        }
                    }
                }
            }
        }
        self.current.implicit = false;
        self.current.dotted = false;
        self.header = Some(header);
    }
}

/// A header, from its opening bracket to its closing one.
fn header<'i>(open: &Event, input: &mut Events<'i>, d: &mut Decode<'i, '_>) -> Header<'i> {
    let mut path = None;
    let mut key = None;
    let mut span = open.span();
    while let Some(event) = input.next() {
        match event.kind() {
            EventKind::ArrayTableClose | EventKind::StdTableClose => {
                span = span.append(event.span());
                break;
            }
            EventKind::SimpleKey => {
                let (p, k) = d.key(&event, input);
                path = Some(p);
                key = k;
            }
            _ => {}
        }
    }
    Header {
        path: path.unwrap_or_default(),
        key,
        span,
        array: open.kind() == EventKind::ArrayTableOpen,
    }
}

/// The table that `path` leads to from `table`, made on the way where it
/// does not exist; `None`, with the problem reported, where it cannot be
/// reached. Through an array of tables, the path goes into its last table.
fn descend<'t, 'i>(
    mut table: &'t mut Table<'i>,
    path: &[Key<'i>],
    dotted: bool,
    d: &mut Decode<'i, '_>,
) -> Option<&'t mut Table<'i>> {
    for key in path {
        let made = Table {
            implicit: true,
            dotted,
            ..Table::default()
        };
        let i = entry_or_made(table, key, made);
        let node = &mut table.entries[i].1;
        let old: Span = node.span.clone();
        table = match &mut node.value {
            Value::Array(array) if !array.of_tables => {
                let message = "cannot extend value of type array with a dotted key";
                d.report(message.to_string(), key.span.clone(), Some(old));
                return None;
            }
            Value::Array(array) => match array.items.last_mut().map(|n| &mut n.value) {
                Some(Value::Table(t)) => t,
                Some(other) => {
                    d.report(cannot_extend(other), key.span.clone(), Some(old));
                    return None;
                }
                None => unreachable!("an array of tables holds its last table"),
            },
            Value::Table(t) if t.inline => {
                let message = "cannot extend value of type inline table with a dotted key";
                d.report(message.to_string(), key.span.clone(), None);
                return None;
            }
            Value::Table(t) => {
                if dotted && t.implicit {
                    t.dotted = true;
                }
                if dotted && !t.implicit {
                    d.duplicate(key, None);
                    return None;
                }
                t
            }
            other => {
                d.report(cannot_extend(other), key.span.clone(), Some(old));
                return None;
            }
        };
    }
    Some(table)
}
