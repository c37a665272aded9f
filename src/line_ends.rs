//! Where the lines of a CSV text end: at LF, at CRLF, or at a lone CR, in
//! a `#` comment as in a row (issue 24, item 32).
//!
//! The `csv` crate ends a row at a lone CR but a comment only at LF, so
//! `# note\rkpi,2019,21` read as one comment and the figure after the CR
//! was lost without a word. Every CSV reader of `kpi` reads through
//! `for_parser`, which turns a lone CR outside a quoted field into LF (the
//! same number of bytes, so every offset stays the file's), and numbers
//! lines with `line_index`, which counts the line ends an editor shows.

use std::borrow::Cow;

use crate::problem::LineIndex;

/// Whether the byte at `i` is a lone CR: a CR not followed by LF.
pub fn is_lone_cr(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')
}

/// Where the CSV reader is, as far as line ends are concerned.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a record: a `#` opens a comment.
    RecordStart,
    /// At the start of a field: a `"` opens a quoted field.
    FieldStart,
    /// Inside an unquoted field.
    Field,
    /// Inside a quoted field: a line end is the field's text.
    Quoted,
    /// Just after a `"` inside a quoted field: `""` is a quote, anything
    /// else closes the field.
    QuoteInQuoted,
    /// Inside a comment line.
    Comment,
}

/// The bytes of `text` as the CSV reader is to read them: a lone CR outside
/// a quoted field becomes LF. Borrowed when there is nothing to change.
pub fn for_parser(text: &str) -> Cow<'_, [u8]> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'\r') {
        return Cow::Borrowed(bytes);
    }
    let mut out: Option<Vec<u8>> = None;
    let mut state = State::RecordStart;
    for i in 0..bytes.len() {
        let b = bytes[i];
        if b == b'\r' && state != State::Quoted && is_lone_cr(bytes, i) {
            out.get_or_insert_with(|| bytes.to_vec())[i] = b'\n';
        }
        state = next(state, b);
    }
    out.map_or(Cow::Borrowed(bytes), Cow::Owned)
}

fn next(state: State, b: u8) -> State {
    let line_end = matches!(b, b'\r' | b'\n');
    match state {
        State::Quoted => match b {
            b'"' => State::QuoteInQuoted,
            _ => State::Quoted,
        },
        State::QuoteInQuoted if b == b'"' => State::Quoted,
        State::Comment if line_end => State::RecordStart,
        State::Comment => State::Comment,
        State::RecordStart if line_end => State::RecordStart,
        State::RecordStart if b == b'#' => State::Comment,
        State::RecordStart | State::FieldStart if b == b'"' => State::Quoted,
        _ if b == b',' => State::FieldStart,
        _ if line_end => State::RecordStart,
        _ => State::Field,
    }
}

/// The lines of a CSV text as an editor shows them: each ends at LF, CRLF
/// or a lone CR.
pub fn line_index(text: &str) -> LineIndex {
    let bytes = text.as_bytes();
    let starts = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || is_lone_cr(bytes, i))
        .map(|i| i + 1);
    LineIndex::from_line_starts(starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> String {
        String::from_utf8(for_parser(text).into_owned()).unwrap()
    }

    #[test]
    fn a_lone_cr_outside_quotes_is_a_line_feed_for_the_parser() {
        assert_eq!(
            parsed("# note\rk,2019,21\r\nk,2020,\"a\rb\"\r"),
            "# note\nk,2019,21\r\nk,2020,\"a\rb\"\n"
        );
        // `""` inside a quoted field does not close it; a quote inside an
        // unquoted field opens nothing.
        assert_eq!(parsed("\"a\"\"\rb\"\r"), "\"a\"\"\rb\"\n");
        assert_eq!(parsed("a\"b,c\r"), "a\"b,c\n");
        assert_eq!(parsed("k,1\r\"x\r\"\r"), "k,1\n\"x\r\"\n");
        assert!(matches!(for_parser("a\r\nb\n"), Cow::Borrowed(_)));
        assert!(matches!(for_parser("a\nb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        let text = "a\rb\r\nc\nd";
        let lines = line_index(text);
        let line = |at| lines.line_col(text, at).0;
        assert_eq!([line(0), line(2), line(5), line(7)], [1, 2, 3, 4]);
    }
}
