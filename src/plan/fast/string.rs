//! Strings: basic (`"…"`, with escapes) and literal (`'…'`), on one line
//! or, as values (never keys), on several (`"""…"""`, `'''…'''`), decoded
//! exactly as the `toml` crate decodes them.

use std::borrow::Cow;

use super::cursor::Cursor;

/// A one-line basic string at the cursor, decoded. Borrowed from the text
/// when it has no escapes, as a plan's strings almost never do.
pub(super) fn basic<'i>(c: &mut Cursor<'i>) -> Option<Cow<'i, str>> {
    if starts_multi(c, b'"') {
        return None;
    }
    let bytes = c.text.as_bytes();
    c.pos += 1;
    let start = c.pos;
    let mut owned: Option<String> = None;
    let mut run = start;
    loop {
        match *bytes.get(c.pos)? {
            b'"' => {
                let tail = &c.text[run..c.pos];
                c.pos += 1;
                return Some(joined(owned, tail));
            }
            b'\\' => {
                let s = owned.get_or_insert_with(String::new);
                s.push_str(&c.text[run..c.pos]);
                c.pos += 1;
                s.push(escape(c)?);
                run = c.pos;
            }
            // Tab, printable ASCII and anything beyond ASCII; no other
            // control character, and not DEL.
            b'\t' | 0x20..=0x7e | 0x80.. => c.pos += 1,
            _ => return None,
        }
    }
}

/// The decoded text so far and the last run of plain text after it.
fn joined<'i>(owned: Option<String>, tail: &'i str) -> Cow<'i, str> {
    match owned {
        None => Cow::Borrowed(tail),
        Some(mut s) => {
            s.push_str(tail);
            Cow::Owned(s)
        }
    }
}

/// The character an escape stands for; the cursor is past the `\`.
/// TOML 1.1's escapes, which the `toml` crate here accepts: `\e` and `\xHH`
/// besides TOML 1.0's.
fn escape(c: &mut Cursor) -> Option<char> {
    let id = c.peek()?;
    c.pos += 1;
    let digits = match id {
        b'b' => return Some('\u{8}'),
        b't' => return Some('\t'),
        b'n' => return Some('\n'),
        b'f' => return Some('\u{c}'),
        b'r' => return Some('\r'),
        b'e' => return Some('\u{1b}'),
        b'"' => return Some('"'),
        b'\\' => return Some('\\'),
        b'x' => 2,
        b'u' => 4,
        b'U' => 8,
        _ => return None,
    };
    let hex = c.text.get(c.pos..c.pos + digits)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    c.pos += digits;
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

/// A one-line literal string at the cursor: its text, as written.
pub(super) fn literal<'i>(c: &mut Cursor<'i>) -> Option<Cow<'i, str>> {
    if starts_multi(c, b'\'') {
        return None;
    }
    let bytes = c.text.as_bytes();
    c.pos += 1;
    let start = c.pos;
    loop {
        match *bytes.get(c.pos)? {
            b'\'' => {
                c.pos += 1;
                return Some(Cow::Borrowed(&c.text[start..c.pos - 1]));
            }
            b'\t' | 0x20..=0x7e | 0x80.. => c.pos += 1,
            _ => return None,
        }
    }
}

/// Whether the cursor is at three of `quote`: a multi-line string.
pub(super) fn starts_multi(c: &Cursor, quote: u8) -> bool {
    (0..3).all(|i| c.peek_at(i) == Some(quote))
}

/// A multi-line basic string at the cursor (`"""`), decoded. Line ends stay
/// as written (`\r\n` too); a `\` at the end of a line drops the line end
/// and the blanks and line ends after it.
pub(super) fn multi_basic<'i>(c: &mut Cursor<'i>) -> Option<Cow<'i, str>> {
    let bytes = c.text.as_bytes();
    c.pos += 3;
    skip_first_line_end(c);
    let mut owned: Option<String> = None;
    let mut run = c.pos;
    loop {
        match *bytes.get(c.pos)? {
            b'"' if starts_multi(c, b'"') => {
                let end = multi_end(c, b'"');
                return Some(joined(owned, &c.text[run..end]));
            }
            b'\\' => {
                let s = owned.get_or_insert_with(String::new);
                s.push_str(&c.text[run..c.pos]);
                c.pos += 1;
                if matches!(c.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                    line_continuation(c)?;
                } else {
                    s.push(escape(c)?);
                }
                run = c.pos;
            }
            b'\r' if c.peek_at(1) == Some(b'\n') => c.pos += 2,
            b'\t' | b'\n' | 0x20..=0x7e | 0x80.. => c.pos += 1,
            _ => return None,
        }
    }
}

/// A multi-line literal string at the cursor (`'''`): its text, as
/// written, line ends included.
pub(super) fn multi_literal<'i>(c: &mut Cursor<'i>) -> Option<Cow<'i, str>> {
    let bytes = c.text.as_bytes();
    c.pos += 3;
    skip_first_line_end(c);
    let start = c.pos;
    loop {
        match *bytes.get(c.pos)? {
            b'\'' if starts_multi(c, b'\'') => {
                let end = multi_end(c, b'\'');
                return Some(Cow::Borrowed(&c.text[start..end]));
            }
            b'\r' if c.peek_at(1) == Some(b'\n') => c.pos += 2,
            b'\t' | b'\n' | 0x20..=0x7e | 0x80.. => c.pos += 1,
            _ => return None,
        }
    }
}

/// After the opening quotes of a multi-line string: TOML drops a line end
/// right there.
fn skip_first_line_end(c: &mut Cursor) {
    eat_line_end(c);
}

/// At the first three of `quote` inside a multi-line string: its end. Up to
/// two more quotes right after them belong to the string (`""""` ends
/// `…"`). Moves past it all; returns where the string's text ends.
fn multi_end(c: &mut Cursor, quote: u8) -> usize {
    let mut extra = 0;
    while extra < 2 && c.peek_at(3 + extra) == Some(quote) {
        extra += 1;
    }
    let end = c.pos + extra;
    c.pos += 3 + extra;
    end
}

/// After a `\` followed by a blank or a line end: blanks, one line end, then
/// any blanks and line ends.
fn line_continuation(c: &mut Cursor) -> Option<()> {
    c.blanks();
    if !eat_line_end(c) {
        return None;
    }
    loop {
        c.blanks();
        if !eat_line_end(c) {
            return Some(());
        }
    }
}

fn eat_line_end(c: &mut Cursor) -> bool {
    match (c.peek(), c.peek_at(1)) {
        (Some(b'\n'), _) => c.pos += 1,
        (Some(b'\r'), Some(b'\n')) => c.pos += 2,
        _ => return false,
    }
    true
}
