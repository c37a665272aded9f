//! Lines and columns of byte offsets in the plan's text.
//!
//! Every goal, measure and KPI records its line, so a large plan asks for
//! hundreds of thousands of lines, almost all a little after the last one
//! asked for. Counting the line ends in between is cheaper than a line index
//! of the whole text (8 bytes a line, a binary search each); the index is
//! only built for a problem's column.

use std::cell::{Cell, OnceCell};

use crate::problem::LineIndex;

pub(super) struct Positions<'a> {
    text: &'a str,
    /// The last offset asked for and its 1-based line.
    last: Cell<(usize, usize)>,
    index: OnceCell<LineIndex>,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        Positions {
            text,
            last: Cell::new((0, 1)),
            index: OnceCell::new(),
        }
    }

    /// The 1-based line of `offset` (the last line, past the end).
    pub fn line(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        let (last, line) = self.last.get();
        let line = if offset >= last {
            line + newlines(&bytes[last..offset])
        } else {
            line - newlines(&bytes[offset..last])
        };
        self.last.set((offset, line));
        line
    }

    /// The 1-based line and column (in characters) of `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.index
            .get_or_init(|| LineIndex::new(self.text))
            .line_col(self.text, offset)
    }
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_agree_with_the_line_index_in_any_order() {
        let text = "a = 1\n\n名前 = \"x\"\r\n[[kpi]]\nid = 2\n";
        let index = LineIndex::new(text);
        let positions = Positions::new(text);
        // Forwards, backwards, repeated, and past the end.
        let offsets = [0, 5, 6, 7, 30, 12, 0, 40, 40, 3, text.len(), text.len() + 9];
        for offset in offsets {
            assert_eq!(
                positions.line(offset),
                index.line_col(text, offset).0,
                "offset {offset}"
            );
            assert_eq!(
                positions.line_col(offset),
                index.line_col(text, offset),
                "offset {offset}"
            );
        }
    }
}
