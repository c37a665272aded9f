//! One-line strings: basic (`"…"`, with escapes) and literal (`'…'`).
//! Multi-line strings (`"""`, `'''`) are left to the `toml` crate.

use std::borrow::Cow;

use super::cursor::Cursor;

/// A basic string at the cursor, decoded. Borrowed from the text when it has
/// no escapes, as a plan's strings almost never do.
pub(super) fn basic<'i>(c: &mut Cursor<'i>) -> Option<Cow<'i, str>> {
    if c.peek_at(1) == Some(b'"') && c.peek_at(2) == Some(b'"') {
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
                return Some(match owned {
                    None => Cow::Borrowed(tail),
                    Some(mut s) => {
                        s.push_str(tail);
                        Cow::Owned(s)
                    }
                });
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

/// A literal string at the cursor: its text, as written.
pub(super) fn literal<'i>(c: &mut Cursor<'i>) -> Option<Cow<'i, str>> {
    if c.peek_at(1) == Some(b'\'') && c.peek_at(2) == Some(b'\'') {
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
