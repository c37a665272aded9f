//! The plan's TOML read by the `toml` crate's own lexer and parser,
//! `toml_parser`, one top-level section at a time (docs/plan-reader.md).
//!
//! `toml_parser` turns text into tokens and tokens into events (a key, a
//! `=`, a value, a header); `events.rs` has it do so one section at a
//! time, and `document.rs` and `value.rs` put the events together into
//! tables exactly as the `toml` crate does, problems included, handing over
//! each table of a top-level array of tables as soon as no later line can
//! change it. A plan of 100,000 KPIs is thus never held whole, in tokens,
//! events or tables.

mod document;
mod events;
mod value;

#[cfg(test)]
mod tests;

use std::ops::Range;

use toml_parser::{Expected, ParseError, Source};

use super::tree::{Key, Node, Table};
use document::Document;
use events::Events;
use value::Decode;

/// A problem that makes the text not TOML, worded as the `toml` crate words it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SyntaxError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

/// Reads `text`. Each table of a top-level array of tables goes to `item`
/// as soon as no later line can change it, with the document's top-level
/// tables as they stand then; at the end comes the rest of the document:
/// its top-level tables and values, with the tables of its arrays not yet
/// handed over. Or every syntax error, in the order the `toml` crate
/// reports them; nothing is handed over once one is found.
pub(super) fn read<'i>(
    text: &'i str,
    item: impl FnMut(Key<'i>, Node<'i>, &Table<'i>),
) -> Result<Table<'i>, Vec<SyntaxError>> {
    let source = Source::new(text);
    let mut events = Events::new(source);
    let mut building = Vec::new();
    let mut d = Decode {
        source,
        errors: &mut building,
    };
    let root = Document::default().read(&mut events, &mut d, item);
    // The parser's problems come first: the `toml` crate parses the whole
    // text before it puts anything together.
    if events.errors.is_empty() && building.is_empty() {
        return Ok(root);
    }
    Err(events
        .errors
        .iter()
        .chain(&building)
        .map(syntax_error)
        .collect())
}
/// `read` of the piece `range` of `text`, read as if it were the whole
/// text, but with every span placed in `text`; the last table of each
/// top-level array of tables is handed over too, at the end. `None` at any
/// syntax error: the piece may not be one the whole text would read the
/// same (a string or array that runs on past its end), and only the whole
/// text, read by `read`, says what is wrong (plan/split.rs).
pub(super) fn read_piece<'i>(
    text: &'i str,
    range: Range<usize>,
    item: impl FnMut(Key<'i>, Node<'i>, &Table<'i>),
) -> Option<Table<'i>> {
    let piece = text.get(range.clone())?;
    let mut events = Events::piece(Source::new(piece), range.start);
    let mut building = Vec::new();
    let mut d = Decode {
        source: Source::new(text),
        errors: &mut building,
    };
    let root = Document::default().read_then(&mut events, &mut d, true, item);
    (events.errors.is_empty() && building.is_empty()).then_some(root)
}

/// The whole document as one table, as the `toml` crate reads it: what
/// `read` hands over, put back together.
#[cfg(test)]
pub(super) fn document(text: &str) -> Result<Table<'_>, Vec<SyntaxError>> {
    let mut released: Vec<(Key, Node)> = Vec::new();
    let mut root = read(text, |key, node, _| released.push((key, node)))?;
    for (key, value) in &mut root.entries {
        if let super::tree::Value::Array(array) = &mut value.value {
            let mut items: Vec<Node> = Vec::new();
            for (k, node) in released.iter().filter(|(k, _)| k.name == key.name) {
                debug_assert_eq!(k.span, key.span);
                items.push(node.clone());
            }
            items.append(&mut array.items);
            array.items = items;
        }
    }
    Ok(root)
}

/// A parser's problem as the `toml` crate words it (`toml::de::Error`).
fn syntax_error(e: &ParseError) -> SyntaxError {
    let mut message = e.description().to_string();
    if let Some(expected) = e.expected() {
        message.push_str(", expected ");
        if expected.is_empty() {
            message.push_str("nothing");
        }
        for (i, one) in expected.iter().enumerate() {
            if i > 0 {
                message.push_str(", ");
            }
            match one {
                Expected::Literal(text) => message.push_str(&literal(text)),
                Expected::Description(text) => message.push_str(text),
                _ => message.push_str("etc"),
            }
        }
    }
    SyntaxError {
        span: e.unexpected().map(|s| s.start()..s.end()),
        message,
    }
}

fn literal(text: &str) -> String {
    match text {
        "\n" => "newline".to_string(),
        "`" => "'`'".to_string(),
        s if s.chars().all(|c| c.is_ascii_control()) => format!("`{}`", s.escape_debug()),
        s => format!("`{s}`"),
    }
}
