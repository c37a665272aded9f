//! Values: strings, numbers, booleans, arrays and inline tables, nested.

use super::cursor::Cursor;
use super::{number, string};
use crate::plan::tree::{Node, Table, Value};

/// Deeper nesting than this is left to the `toml` crate (which has a limit
/// of its own); a plan nests two or three deep.
const MAX_DEPTH: usize = 16;

/// The most fields an inline table may have here: duplicates are looked for
/// field by field, which must stay cheap.
pub(super) const MAX_FIELDS: usize = 64;

/// A value at the cursor. The caller checks what follows it.
pub(super) fn value<'i>(c: &mut Cursor<'i>, depth: usize) -> Option<Node<'i>> {
    let start = c.pos;
    let value = match c.peek()? {
        b'"' if string::starts_multi(c, b'"') => Value::String(string::multi_basic(c)?),
        b'"' => Value::String(string::basic(c)?),
        b'\'' if string::starts_multi(c, b'\'') => Value::String(string::multi_literal(c)?),
        b'\'' => Value::String(string::literal(c)?),
        b'[' => Value::Array(array(c, depth + 1)?),
        b'{' => Value::Table(inline_table(c, depth + 1)?),
        _ => {
            // A number, `true` or `false`: the run of characters that could
            // belong to one (dates and times too, which then do not parse).
            let bytes = c.text.as_bytes();
            while bytes.get(c.pos).is_some_and(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.' | b'_' | b':')
            }) {
                c.pos += 1;
            }
            number::scalar(&c.text[start..c.pos])?
        }
    };
    Some(Node {
        span: start..c.pos,
        value,
    })
}

/// `[ v, v, … ]`, over several lines if need be, with comments and a
/// trailing comma.
fn array<'i>(c: &mut Cursor<'i>, depth: usize) -> Option<Vec<Node<'i>>> {
    if depth > MAX_DEPTH {
        return None;
    }
    c.pos += 1;
    let mut items = Vec::new();
    loop {
        c.gaps()?;
        if c.eat(b']') {
            return Some(items);
        }
        items.push(value(c, depth)?);
        c.gaps()?;
        if !c.eat(b',') {
            return c.eat(b']').then_some(items);
        }
    }
}

/// `{ k = v, … }`: TOML 1.1 lets it span lines, with comments and a
/// trailing comma, as the `toml` crate here does. No dotted keys, no key
/// twice.
fn inline_table<'i>(c: &mut Cursor<'i>, depth: usize) -> Option<Table<'i>> {
    if depth > MAX_DEPTH {
        return None;
    }
    c.pos += 1;
    let mut table = Table::default();
    loop {
        c.gaps()?;
        if c.eat(b'}') {
            return Some(table);
        }
        let key = c.key()?;
        c.blanks();
        if !c.eat(b'=') {
            return None;
        }
        c.blanks();
        let node = value(c, depth)?;
        if table.get(&key.name).is_some() || table.entries.len() >= MAX_FIELDS {
            return None;
        }
        table.entries.push((key, node));
        c.gaps()?;
        if !c.eat(b',') {
            return c.eat(b'}').then_some(table);
        }
    }
}
