//! Keys and values out of `toml_parser`'s events: scalars decoded by
//! `toml_parser`'s decoder, arrays, and inline tables with their dotted
//! keys. This follows the `toml` crate's own reading of the same events
//! (its `de::parser::{key, value, array, inline_table}`) step for step, so
//! that a value, and every problem found in it, is what the `toml` crate
//! would make of it; `tests/` checks that against the crate.

use std::borrow::Cow;

use toml_parser::decoder::ScalarKind;
use toml_parser::parser::{Event, EventKind};
use toml_parser::{ParseError, Source};

use super::events::{Events, LIMIT};
use crate::plan::tree::{Array, Key, Node, Table, Value};

/// What is read out of the events: the source they point into, and where
/// problems go.
pub(super) struct Decode<'i, 's> {
    pub source: Source<'i>,
    pub errors: &'s mut Vec<ParseError>,
}

impl<'i> Decode<'i, '_> {
    /// A key, simple or dotted, from its first `SimpleKey` event: the
    /// tables on its way, and its last part (`None` past the depth limit).
    pub fn key(
        &mut self,
        first: &Event,
        input: &mut Events<'i>,
    ) -> (Vec<Key<'i>>, Option<Key<'i>>) {
        let mut path = Vec::new();
        let mut last = None;
        let mut current = Some(*first);
        if more_key(input) {
            while let Some(event) = input.next() {
                match event.kind() {
                    EventKind::SimpleKey => {
                        current = Some(event);
                        if !more_key(input) {
                            break;
                        }
                    }
                    EventKind::KeySep => self.close_key(&mut current, &mut path, &mut last),
                    _ => {}
                }
            }
        }
        self.close_key(&mut current, &mut path, &mut last);
        if LIMIT <= path.len() {
            self.errors.push(ParseError::new("recursion limit"));
            return (Vec::new(), None);
        }
        (path, last)
    }

    fn close_key(
        &mut self,
        current: &mut Option<Event>,
        path: &mut Vec<Key<'i>>,
        last: &mut Option<Key<'i>>,
    ) {
        let Some(event) = current.take() else {
            return;
        };
        let mut name = Cow::Borrowed("");
        if let Some(raw) = self.source.get(event) {
            raw.decode_key(&mut name, &mut *self.errors);
        }
        let span = event.span();
        let key = Key {
            name,
            span: span.start()..span.end(),
        };
        if let Some(before) = last.replace(key) {
            path.push(before);
        }
    }

    /// The value after a `=`.
    pub fn value(&mut self, input: &mut Events<'i>) -> Node<'i> {
        if let Some(event) = input.next() {
            match event.kind() {
                EventKind::InlineTableOpen => return self.inline_table(&event, input),
                EventKind::ArrayOpen => return self.array(&event, input),
                EventKind::Scalar => return self.scalar(&event),
                _ => {}
            }
        }
        // Only after a syntax error, which is what will be reported.
        Node {
            span: 0..0,
            value: Value::Integer {
                text: Cow::Borrowed("0"),
                radix: 10,
            },
        }
    }

    fn scalar(&mut self, event: &Event) -> Node<'i> {
        let span = event.span();
        let mut decoded = Cow::Borrowed("");
        let kind = match self.source.get(event) {
            Some(raw) => raw.decode_scalar(&mut decoded, &mut *self.errors),
            None => ScalarKind::String,
        };
        let value = match kind {
            ScalarKind::String => Value::String(decoded),
            ScalarKind::Boolean(b) => Value::Boolean(b),
            ScalarKind::DateTime => {
                if let Err(e) = decoded.parse::<toml::value::Datetime>() {
                    let e = ParseError::new(e.to_string()).with_unexpected(span);
                    self.errors.push(e);
                }
                Value::Datetime
            }
            ScalarKind::Float => Value::Float(decoded),
            ScalarKind::Integer(radix) => Value::Integer {
                text: decoded,
                radix: radix.value(),
            },
        };
        Node {
            span: span.start()..span.end(),
            value,
        }
    }

    fn array(&mut self, open: &Event, input: &mut Events<'i>) -> Node<'i> {
        let mut items = Vec::new();
        let mut current = None;
        let span = self.read_until_close(open, input, |this, event, input| {
            match event.kind() {
                EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::InlineTableClose
                | EventKind::SimpleKey
                | EventKind::KeySep
                | EventKind::KeyValSep
                | EventKind::StdTableClose
                | EventKind::ArrayTableClose => return true,
                EventKind::InlineTableOpen => current = Some(this.inline_table(event, input)),
                EventKind::ArrayOpen => current = Some(this.array(event, input)),
                EventKind::Scalar => current = Some(this.scalar(event)),
                EventKind::ValueSep => items.extend(current.take()),
                EventKind::ArrayClose => {
                    items.extend(current.take());
                    return true;
                }
                // Errors, whitespace, comments and newlines are skipped.
                _ => {}
            }
            false
        });
        Node {
            span,
            value: Value::Array(Array {
                items,
                of_tables: false,
            }),
        }
    }

    /// Reads the events after `open` until `step` says one closes the
    /// value (or they end): the span from `open` to the last one read.
    /// Errors, whitespace, comments and newlines never reach `step`.
    fn read_until_close(
        &mut self,
        open: &Event,
        input: &mut Events<'i>,
        mut step: impl FnMut(&mut Self, &Event, &mut Events<'i>) -> bool,
    ) -> std::ops::Range<usize> {
        let mut close = open.span();
        while let Some(event) = input.next() {
            close = event.span();
            let skipped = matches!(
                event.kind(),
                EventKind::Error | EventKind::Whitespace | EventKind::Comment | EventKind::Newline
            );
            if !skipped && step(self, &event, input) {
                break;
            }
        }
        open.span().start()..close.end()
    }

    fn inline_table(&mut self, open: &Event, input: &mut Events<'i>) -> Node<'i> {
        let mut table = Table {
            inline: true,
            ..Table::default()
        };
        let mut key = None;
        let mut value = None;
        let span = self.read_until_close(open, input, |this, event, input| {
            match event.kind() {
                EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::StdTableClose
                | EventKind::ArrayClose
                | EventKind::ArrayTableClose
                | EventKind::KeySep => return true,
                EventKind::SimpleKey => {
                    if let (path, Some(last)) = this.key(event, input) {
                        key = Some((path, last));
                    }
                }
                EventKind::InlineTableOpen => value = Some(this.inline_table(event, input)),
                EventKind::ArrayOpen => value = Some(this.array(event, input)),
                EventKind::Scalar => value = Some(this.scalar(event)),
                EventKind::ValueSep => this.inline_field(&mut table, key.take(), value.take()),
                EventKind::InlineTableClose => {
                    this.inline_field(&mut table, key.take(), value.take());
                    return true;
                }
                EventKind::KeyValSep => {}
                // Errors, whitespace, comments and newlines are skipped.
                _ => {}
            }
            false
        });
        Node {
            span,
            value: Value::Table(table),
        }
    }

    /// `key = value` inside `{ … }`, once both are read.
    fn inline_field(
        &mut self,
        table: &mut Table<'i>,
        key: Option<(Vec<Key<'i>>, Key<'i>)>,
        value: Option<Node<'i>>,
    ) {
        let (Some((path, key)), Some(value)) = (key, value) else {
            return;
        };
        let Some(parent) = self.descend_inline(table, &path) else {
            return;
        };
        if parent.dotted == path.is_empty() {
            self.duplicate(&key, None);
        } else if let Some(i) = parent.position(&key.name) {
            let before = parent.entries[i].0.span.clone();
            self.duplicate(&key, Some(before));
        } else {
            parent.entries.push((key, value));
        }
    }

    /// The table a dotted key inside `{ … }` leads to, made on the way.
    fn descend_inline<'t>(
        &mut self,
        mut table: &'t mut Table<'i>,
        path: &[Key<'i>],
    ) -> Option<&'t mut Table<'i>> {
        for key in path {
            let made = Table {
                implicit: true,
                dotted: true,
                inline: true,
                entries: Vec::new(),
            };
            let i = entry_or_made(table, key, made);
            let node = &mut table.entries[i].1;
            table = match &mut node.value {
                Value::Table(t) if !t.implicit => {
                    self.duplicate(key, None);
                    return None;
                }
                Value::Table(t) => t,
                other => {
                    let message = cannot_extend(other);
                    let context = node.span.clone();
                    self.report(message, key.span.clone(), Some(context));
                    return None;
                }
            };
        }
        Some(table)
    }

    /// "duplicate key" at `key`, with where it was first given if known.
    pub fn duplicate(&mut self, key: &Key, before: Option<std::ops::Range<usize>>) {
        self.report("duplicate key".to_string(), key.span.clone(), before);
    }

    pub fn report(
        &mut self,
        message: String,
        at: std::ops::Range<usize>,
        context: Option<std::ops::Range<usize>>,
    ) {
        let mut e = ParseError::new(message).with_unexpected(span(at));
        if let Some(c) = context {
            e = e.with_context(span(c));
        }
        self.errors.push(e);
    }
}

/// "cannot extend value of type … with a dotted key", as the `toml` crate says it.
pub(super) fn cannot_extend(value: &Value) -> String {
    format!(
        "cannot extend value of type {} with a dotted key",
        value.type_str()
    )
}

/// The place of `key`'s entry in `table`, with the table `made` put there
/// first when `table` has no such entry.
pub(super) fn entry_or_made<'i>(table: &mut Table<'i>, key: &Key<'i>, made: Table<'i>) -> usize {
    match table.position(&key.name) {
        Some(i) => i,
        None => {
            let node = table_node(key.span.clone(), made);
            table.entries.push((key.clone(), node));
            table.entries.len() - 1
        }
    }
}

pub(super) fn table_node<'i>(span: std::ops::Range<usize>, table: Table<'i>) -> Node<'i> {
    Node {
        span,
        value: Value::Table(table),
    }
}

fn span(range: std::ops::Range<usize>) -> toml_parser::Span {
    toml_parser::Span::new_unchecked(range.start, range.end)
}

/// Whether the key goes on: a `.` next (blanks are not among the events).
fn more_key(input: &mut Events) -> bool {
    input.peek() == Some(EventKind::KeySep)
}
