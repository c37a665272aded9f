//! A position in the plan's text, and the small pieces of TOML between
//! values: blanks, comments, line ends and keys.
//!
//! Every method returns `None` when the text is not what the fast reader is
//! sure of; the caller then gives the whole plan to the `toml` crate.

use std::borrow::Cow;

use super::string;
use crate::plan::tree::Key;

pub(super) struct Cursor<'i> {
    pub text: &'i str,
    pub pos: usize,
}

impl<'i> Cursor<'i> {
    pub fn new(text: &'i str) -> Self {
        Cursor { text, pos: 0 }
    }

    pub fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    pub fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.as_bytes().get(self.pos + ahead).copied()
    }

    /// Moves past `byte` if it is next.
    pub fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Spaces and tabs: TOML's only whitespace within a line.
    pub fn blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// The end of a line: an optional comment, then a line end or the end
    /// of the text. `None` if anything else comes first.
    pub fn line_end(&mut self) -> Option<()> {
        self.blanks();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.pos += 1;
                Some(())
            }
            Some(b'\r') if self.peek_at(1) == Some(b'\n') => {
                self.pos += 2;
                Some(())
            }
            _ => None,
        }
    }

    /// A comment up to (not including) its line end. TOML 1.1 allows tabs and
    /// printable characters in comments, no other control characters.
    fn comment(&mut self) -> Option<()> {
        let bytes = self.text.as_bytes();
        self.pos += 1;
        while let Some(&b) = bytes.get(self.pos) {
            match b {
                b'\n' | b'\r' => break,
                b'\t' | 0x20..=0x7e | 0x80.. => self.pos += 1,
                _ => return None,
            }
        }
        Some(())
    }

    /// Blanks, comments and line ends, as allowed between the values of an
    /// array or an inline table.
    pub fn gaps(&mut self) -> Option<()> {
        loop {
            self.blanks();
            match self.peek() {
                Some(b'#' | b'\n' | b'\r') => self.line_end()?,
                _ => return Some(()),
            }
        }
    }

    /// A bare or quoted key. A dotted key (`a.b = 1`) is not for the fast
    /// reader: the caller sees the `.` and gives up.
    pub fn key(&mut self) -> Option<Key<'i>> {
        let start = self.pos;
        let name = match self.peek()? {
            b'"' => string::basic(self)?,
            b'\'' => string::literal(self)?,
            _ => {
                let bytes = self.text.as_bytes();
                while bytes
                    .get(self.pos)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
                {
                    self.pos += 1;
                }
                if self.pos == start {
                    return None;
                }
                Cow::Borrowed(&self.text[start..self.pos])
            }
        };
        Some(Key {
            name,
            span: start..self.pos,
        })
    }
}
