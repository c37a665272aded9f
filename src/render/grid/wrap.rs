//! Text in lines of a width: English at spaces, Japanese between its
//! phrases (`super::super::phrase`), a phrase wider than a line between its
//! words, and only a word wider than a line between characters, with the
//! usual line-breaking rules (禁則).

use super::{char_width, width};
use crate::render::phrase::{self, NO_END, NO_START};

/// `text` in lines of at most `max` columns: at spaces where a line has
/// them, Japanese between phrases (it has no spaces to break at).
pub fn wrap(text: &str, max: usize, ascii: bool) -> Vec<String> {
    wrap_hanging(text, max, max, ascii)
}

/// As [`wrap`], the first line at most `first` columns and the others at
/// most `rest` (room for a hanging indent the caller adds).
pub fn wrap_hanging(text: &str, first: usize, rest: usize, ascii: bool) -> Vec<String> {
    let mut lines = Lines {
        out: Vec::new(),
        line: String::new(),
        line_w: 0,
        first,
        rest,
        ascii,
    };
    for para in text.split('\n') {
        for word in split_keep_spaces(para) {
            lines.word(word);
        }
        lines.end_paragraph();
    }
    lines.out
}

/// The lines made so far and the one being filled.
struct Lines {
    out: Vec<String>,
    line: String,
    line_w: usize,
    first: usize,
    rest: usize,
    ascii: bool,
}

impl Lines {
    /// The room on the line being filled.
    fn max(&self) -> usize {
        if self.out.is_empty() {
            self.first
        } else {
            self.rest
        }
        .max(1)
    }

    fn push(&mut self, text: &str, w: usize) {
        self.line.push_str(text);
        self.line_w += w;
    }

    /// End the line being filled (a space at the break is dropped).
    fn newline(&mut self) {
        self.out
            .push(std::mem::take(&mut self.line).trim_end().to_string());
        self.line_w = 0;
    }

    fn end_paragraph(&mut self) {
        self.newline();
    }

    fn word(&mut self, word: &str) {
        let ascii = self.ascii;
        let w = width(word, ascii);
        if self.line_w + w <= self.max() {
            self.push(word, w);
            return;
        }
        if word.trim().is_empty() {
            self.newline();
            return;
        }
        // A word of Latin letters that does not fit starts a line of its
        // own, and is broken only when it is longer than a line; so does
        // a short word of any script (`(未提出 9)` is not split at 未提).
        if !self.line.is_empty() && (word.is_ascii() || w <= self.rest.max(1) / 2) {
            self.newline();
            if w <= self.max() {
                self.push(word, w);
                return;
            }
        }
        if word.is_ascii() {
            for seg in segments(word) {
                self.piece(seg);
            }
            return;
        }
        // Japanese: between phrases; a phrase wider than a line, or one
        // that would leave the line less than a third full, between its
        // words; a word wider than a line between characters.
        for p in phrase::phrases(word) {
            let pw = width(p, ascii);
            if self.line_w + pw <= self.max() {
                self.push(p, pw);
            } else if pw <= self.rest.max(1) && 3 * self.line_w >= self.max() {
                self.newline();
                self.push(p, pw);
            } else {
                // Wider than a line, or the line is less than a third
                // full (`あさか` alone above `産業フェア参加事業所数`): its
                // words fill the line.
                for unit in phrase::units(p) {
                    let uw = width(unit, ascii);
                    if self.line_w + uw <= self.max() {
                        self.push(unit, uw);
                    } else if uw <= self.rest.max(1) {
                        self.newline();
                        self.push(unit, uw);
                    } else {
                        for seg in segments(unit) {
                            self.piece(seg);
                        }
                    }
                }
            }
        }
    }

    /// A run of Latin letters (whole where it fits a line) or one other
    /// character, broken at characters where it must be.
    fn piece(&mut self, seg: &str) {
        let ascii = self.ascii;
        let seg_w = width(seg, ascii);
        let room = self.max();
        if self.line_w + seg_w <= room || self.line.is_empty() && seg_w <= room {
            self.push(seg, seg_w);
            return;
        }
        if seg.len() > 1 && seg_w <= self.rest.max(1) && !self.line.is_empty() {
            // The whole run goes down: break before its first character.
            self.break_before(seg.chars().next());
            self.push(seg, seg_w);
            return;
        }
        for c in seg.chars() {
            let cw = char_width(c, ascii);
            if self.line_w + cw > self.max() && !self.line.is_empty() {
                self.break_before(Some(c));
            }
            self.line.push(c);
            self.line_w += cw;
        }
    }

    /// End the line and start the next, before `next`. Japanese line
    /// breaking (kinsoku): a closing bracket or a small kana does not start
    /// a line, an opening bracket does not end one; the character before
    /// goes down too.
    fn break_before(&mut self, next: Option<char>) {
        let mut carried = String::new();
        let last = self.line.chars().last();
        let held =
            next.is_some_and(|c| NO_START.contains(c)) || last.is_some_and(|l| NO_END.contains(l));
        if self.line.chars().count() > 1 && held {
            if let Some(l) = self.line.pop() {
                carried.push(l);
            }
        }
        self.newline();
        self.line_w = width(&carried, self.ascii);
        self.line = carried;
    }
}

/// A word in the pieces it may break between: runs of printable ASCII
/// whole, every other character alone.
fn segments(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_run = false;
    for (i, c) in word.char_indices() {
        let latin = c.is_ascii_graphic();
        if i > start && !(latin && in_run) {
            out.push(&word[start..i]);
            start = i;
        }
        in_run = latin;
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// Words and the runs of spaces between them, in order.
fn split_keep_spaces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c == ' ';
        match in_space {
            Some(s) if s != space => {
                out.push(&text[start..i]);
                start = i;
            }
            _ => {}
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}
