//! The CSV cells both the ledger and the KPI sheets read and write: one
//! dialect (`#` comments, rows of any width), records with the line they
//! start on, header cells compared as people write them, rows written with
//! quotes only where needed, and text cells kept from running as formulas.

use std::path::Path;

use crate::line_ends;
use crate::problem::{LineIndex, Location, Problem, Problems};
use crate::year::narrow_ascii;

/// What the CSV reader reads: `text` with its line ends made one kind
/// (`line_ends::for_parser`), byte for byte as long.
pub type Source<'t> = std::io::Cursor<std::borrow::Cow<'t, [u8]>>;

/// A reader of `text` in the one dialect `kpi` reads: no header row
/// assumed, rows of any width, lines starting with `#` skipped, lines
/// ending at LF, CRLF or a lone CR alike (`line_ends`).
pub fn reader(text: &str) -> csv::Reader<Source<'_>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(std::io::Cursor::new(line_ends::for_parser(text)))
}

/// The 1-based line of the record the CSV reader reports at `byte`.
///
/// The reader's position is where it began looking for the record: just
/// after the previous record's line end, before any blank lines and comment
/// lines it skipped (and its own line count leaves those out). Skip them the
/// same way it does to find where the record really starts.
pub fn line_of(text: &str, lines: &LineIndex, byte: u64) -> usize {
    let at = usize::try_from(byte).unwrap_or(text.len()).min(text.len());
    lines.line_col(text, skip_blank_and_comments(text, at)).0
}

/// Past the blank and comment lines at `at`, as the CSV reader skips them.
pub fn skip_blank_and_comments(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        match bytes.get(at) {
            Some(b'\r' | b'\n') => at += 1,
            // A comment ends at LF, CRLF or a lone CR (`line_ends`).
            Some(b'#') => match bytes[at..].iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(end) => at += end + 1,
                None => at = bytes.len(),
            },
            _ => return at,
        }
    }
}

/// One CSV record with the 1-based line it starts on, its cells trimmed
/// (but for a quoted cell read by `Records::keeping_quoted`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(String::is_empty)
    }
}

/// A column: its index in the row and its header text, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub name: String,
}

/// The records of a CSV text one at a time, each with the line it starts
/// on; a record the CSV reader cannot read comes as its line and the
/// reader's message. An import of a hundred thousand rows reads them as
/// they come instead of holding them all.
pub struct Records<'t> {
    text: &'t str,
    lines: LineIndex,
    csv: csv::Reader<Source<'t>>,
    record: csv::StringRecord,
    /// Keep a quoted cell's text as written, spaces and all.
    keep_quoted: bool,
}

impl<'t> Records<'t> {
    pub fn new(text: &'t str) -> Records<'t> {
        Records {
            text,
            lines: line_ends::line_index(text),
            csv: reader(text),
            record: csv::StringRecord::new(),
            keep_quoted: false,
        }
    }

    /// Records whose quoted cells keep their text as written: `" =x"` is
    /// ` =x`, where an unquoted ` =x` is trimmed to `=x`. What `kpi export
    /// plan` quotes, `kpi init --from` reads back unchanged.
    pub fn keeping_quoted(text: &'t str) -> Records<'t> {
        Records {
            keep_quoted: true,
            ..Records::new(text)
        }
    }

    /// The cells of the record just read, trimmed but for quoted ones.
    fn cells(&self, start: u64) -> Vec<String> {
        let quoted = if self.keep_quoted {
            let at = usize::try_from(start).unwrap_or(self.text.len());
            let end = usize::try_from(self.csv.position().byte()).unwrap_or(self.text.len());
            let from = skip_blank_and_comments(self.text, at.min(self.text.len()));
            quoted_fields(self.text.get(from..end.max(from)).unwrap_or(""))
        } else {
            Vec::new()
        };
        self.record
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if quoted.get(i).copied().unwrap_or(false) {
                    c.to_string()
                } else {
                    c.trim().to_string()
                }
            })
            .collect()
    }
}

/// Which fields of one raw CSV record (`"a",b,"c ""d"""`) are quoted: those
/// whose first character is `"`, as the CSV reader takes them.
fn quoted_fields(raw: &str) -> Vec<bool> {
    let bytes = raw.as_bytes();
    let mut quoted = Vec::new();
    let mut at = 0;
    loop {
        let is_quoted = bytes.get(at) == Some(&b'"');
        quoted.push(is_quoted);
        if is_quoted {
            at += 1;
            // To the closing quote; `""` inside is a quote.
            while at < bytes.len() {
                if bytes[at] == b'"' {
                    if bytes.get(at + 1) == Some(&b'"') {
                        at += 2;
                        continue;
                    }
                    at += 1;
                    break;
                }
                at += 1;
            }
        }
        // To the end of the field.
        while at < bytes.len() && !matches!(bytes[at], b',' | b'\r' | b'\n') {
            at += 1;
        }
        if bytes.get(at) != Some(&b',') {
            return quoted;
        }
        at += 1;
    }
}

impl Iterator for Records<'_> {
    type Item = Result<Row, (usize, String)>;

    fn next(&mut self) -> Option<Self::Item> {
        let line_at = |byte: u64| line_of(self.text, &self.lines, byte);
        match self.csv.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let start = self.record.position().map_or(0, csv::Position::byte);
                Some(Ok(Row {
                    line: line_at(start),
                    cells: self.cells(start),
                }))
            }
            Err(e) => Some(Err((
                e.position().map_or(1, |p| line_at(p.byte())),
                e.to_string(),
            ))),
        }
    }
}

/// Every record of the text; a record the CSV reader cannot read is
/// returned as its line and the reader's message.
pub fn rows(text: &str) -> (Vec<Row>, Vec<(usize, String)>) {
    rows_of(Records::new(text))
}

fn rows_of(records: Records) -> (Vec<Row>, Vec<(usize, String)>) {
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for record in records {
        match record {
            Ok(row) => rows.push(row),
            Err(unreadable) => bad.push(unreadable),
        }
    }
    (rows, bad)
}

/// The error for a record the CSV reader cannot read.
pub fn unreadable(path: &Path, line: usize, message: &str) -> Problem {
    Problem::error(
        Location::line(path, line),
        format!("unreadable CSV: {message}"),
    )
    .hint("check the quotes on this line")
}

/// Every record of the text, and an error for each record the CSV reader
/// cannot read, with its line.
pub fn rows_or_problems(path: &Path, text: &str) -> (Vec<Row>, Problems) {
    problems_of(path, rows(text))
}

/// `rows_or_problems`, quoted cells kept as written (`Records::keeping_quoted`).
pub fn rows_or_problems_keeping_quoted(path: &Path, text: &str) -> (Vec<Row>, Problems) {
    problems_of(path, rows_of(Records::keeping_quoted(text)))
}

fn problems_of(path: &Path, (rows, bad): (Vec<Row>, Vec<(usize, String)>)) -> (Vec<Row>, Problems) {
    let mut problems = Problems::default();
    for (line, message) in bad {
        problems.push(unreadable(path, line, &message));
    }
    (rows, problems)
}

/// The first row `read` takes as a header, with its index: what a
/// spreadsheet puts above the table (titles, blank lines) is skipped.
pub fn find_row<T>(rows: &[Row], read: impl Fn(&Row) -> Option<T>) -> Option<(usize, T)> {
    rows.iter()
        .enumerate()
        .find_map(|(i, row)| read(row).map(|h| (i, h)))
}

/// A heading as it is compared: full-width ASCII narrowed, trimmed, lower case.
pub fn heading_key(name: &str) -> String {
    narrow_ascii(name).trim().to_lowercase()
}

/// `現状値(H26)` → (`現状値`, `H26`): the text before a trailing `(…)` and
/// inside it. Full-width brackets must be narrowed first (`heading_key`).
pub fn bracketed(name: &str) -> Option<(&str, &str)> {
    let inner = name.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let before = inner[..open].trim_end();
    (!before.is_empty()).then(|| (before, inner[open + 1..].trim()))
}

/// Two columns of a header that name the same thing.
pub fn duplicate_columns(at: Location, first: &Column, second: &Column) -> Problem {
    Problem::error(
        at,
        format!(
            "columns {} `{}` and {} `{}` name the same thing",
            first.index + 1,
            first.name,
            second.index + 1,
            second.name
        ),
    )
    .hint("keep one of the two columns")
}

/// A header column that names nothing the reader reads; `reads` says what it does.
pub fn unread_column(at: Location, column: &Column, reads: &str) -> Problem {
    Problem::warning(
        at,
        format!(
            "column {} `{}` is not read",
            column.index + 1,
            crate::problem::quoted(&column.name)
        ),
    )
    .hint(reads)
}

/// The cells of a row past the header's `width` that hold text: each an
/// error (a comma in an unquoted text shifts every cell after it).
pub fn cells_past_header(at: &Location, row: &Row, width: usize, what: &str) -> Vec<Problem> {
    row.cells
        .iter()
        .enumerate()
        .skip(width)
        .filter(|(_, text)| !text.is_empty())
        .map(|(index, text)| {
            Problem::error(
                at.clone(),
                format!(
                    "`{}` is in column {} of the row, which has no header (the header has {} columns)",
                    crate::problem::quoted(text),
                    index + 1,
                    width
                ),
            )
            .hint(format!("quote a {what} that contains a comma, or delete the extra cell"))
        })
        .collect()
}

/// In a cell that runs over several lines (a quoted field with line
/// breaks), the first line after its first that `is_row` takes for a row
/// of the table: its 0-based place among the cell's lines and its text. A
/// quote missing at the end of a note, with another one rows below, makes
/// such a cell of every row between them.
pub fn row_inside(cell: &str, is_row: impl Fn(&str) -> bool) -> Option<(usize, &str)> {
    if !cell.contains(['\n', '\r']) {
        return None;
    }
    cell.split(['\n', '\r'])
        .enumerate()
        .skip(1)
        .map(|(i, line)| (i, line.trim()))
        .find(|(_, line)| !line.is_empty() && is_row(line))
}

/// The error for a row read inside a quoted cell (`row_inside`).
pub fn row_inside_a_cell(at: Location, column: &str, inner: &str) -> Problem {
    Problem::error(
        at,
        format!(
            "column `{column}`: a quoted cell on this line runs over several lines and holds what reads as a row (`{}`): a quote is likely missing where the cell should end",
            crate::problem::quoted(inner)
        ),
    )
    .hint("close the quote where the note ends (a note may hold line breaks, not rows)")
}

/// One CSV row, each field quoted only when it must be.
pub fn push_row(out: &mut String, fields: &[String], nl: &str) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A field starting with `#` is quoted so that it is never a comment,
        // one with spaces around so that a reader keeps them.
        if field.contains([',', '"', '\r', '\n']) || field.starts_with('#') || field.trim() != field
        {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str(nl);
}

/// Characters a spreadsheet reads as the start of a formula (and `'`, so
/// that neutralising can be undone exactly).
const FORMULA_START: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A text cell made safe to open in a spreadsheet: one that would start a
/// formula gets a leading `'`. `unneutralise` gives the text back.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A text cell as it was before `neutralise`.
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralised_text_comes_back_unchanged() {
        for text in [
            "=SUM(A1)",
            "+81",
            "-3 withdrew",
            "@home",
            "'quoted",
            "''",
            "plain",
            "",
            "'a",
        ] {
            let n = neutralise(text);
            assert!(!n.starts_with(['=', '+', '-', '@']), "{n}");
            assert_eq!(unneutralise(&n), text);
        }
        assert_eq!(neutralise("=1"), "'=1");
        // A quote someone typed before ordinary text stays.
        assert_eq!(unneutralise("'abc"), "'abc");
    }

    /// `fields`, and the row `push_row` writes of them (CRLF).
    fn written(fields: &[&str]) -> (Vec<String>, String) {
        let fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        let mut out = String::new();
        push_row(&mut out, &fields, "\r\n");
        (fields, out)
    }

    #[test]
    fn a_row_is_quoted_only_where_it_must_be_and_reads_back() {
        let (fields, out) = written(&["plain", "a, b", "say \"hi\"", "#1", "two\nlines", ""]);
        assert_eq!(
            out,
            "plain,\"a, b\",\"say \"\"hi\"\"\",\"#1\",\"two\nlines\",\r\n"
        );
        let (rows, bad) = rows(&out);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].cells, fields);
    }

    #[test]
    fn spaces_around_a_field_are_quoted_and_read_back_as_written() {
        // Issue 17, item 11: ` =x` and ` 保育課 ` survive the round trip.
        let (fields, out) = written(&[" =x", " 保育課 ", "plain", "\u{3000}全角", "a\""]);
        assert_eq!(
            out,
            "\" =x\",\" 保育課 \",plain,\"\u{3000}全角\",\"a\"\"\"\r\n"
        );
        let (back, bad) = rows_of(Records::keeping_quoted(&out));
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(back[0].cells, fields);
        // Unquoted cells are trimmed either way; quoted ones only by `rows`.
        let text = "# note\n\n  a ,\" b \",\"c\"\" \", d\n\" e\n f \",g\n";
        let (kept, _) = rows_of(Records::keeping_quoted(text));
        assert_eq!(kept[0].cells, ["a", " b ", "c\" ", "d"]);
        assert_eq!(kept[1].cells, [" e\n f ", "g"]);
        assert_eq!((kept[0].line, kept[1].line), (3, 4));
        let (trimmed, _) = rows(text);
        assert_eq!(trimmed[0].cells, ["a", "b", "c\"", "d"]);
    }

    #[test]
    fn which_fields_are_quoted() {
        assert_eq!(quoted_fields("a,\"b\",c"), [false, true, false]);
        assert_eq!(
            quoted_fields("\"a,b\",\"c\"\"d\",\r\n"),
            [true, true, false]
        );
        assert_eq!(quoted_fields(" \"a\",\"b\nc\"\n"), [false, true]);
        assert_eq!(quoted_fields(""), [false]);
    }

    #[test]
    fn records_know_the_line_they_start_on_past_comments_and_blanks() {
        let text = "# title\n\na,b\n\"two\nlines\",x\n# note\n\nc,d\n";
        let (rows, bad) = rows(text);
        assert!(bad.is_empty(), "{bad:?}");
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 4, 8]);
        assert_eq!(skip_blank_and_comments(text, 0), 9);
    }

    #[test]
    fn headings_compare_without_width_case_or_brackets() {
        assert_eq!(heading_key(" ＶＡＬＵＥ "), "value");
        assert_eq!(bracketed("現状値(h26)"), Some(("現状値", "h26")));
        assert_eq!(bracketed("(h26)"), None);
        let (rows, _) = rows("title\nkpi,value\n");
        let found = find_row(&rows, |r| (r.cells[0] == "kpi").then_some(r.line));
        assert_eq!(found, Some((1, 2)));
    }
}
