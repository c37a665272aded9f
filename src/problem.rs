//! Diagnostics: every problem found in a plan, a ledger or an import file,
//! with the place it was found and what to do about it.
//!
//! Loading never stops at the first problem: it collects `Problem`s and the
//! caller decides (errors refuse the input, warnings are printed and ignored).

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Warning,
    Error,
}

/// Where a problem was found: a file and, when known, a 1-based line and
/// column; in a workbook, the worksheet, and its row and column as `line`
/// and `column` (shown as a cell, `保育課.xlsx: 実績!C7`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub file: PathBuf,
    /// The worksheet of a workbook; `None` for a text file. Shared: every
    /// figure read from a sheet carries it. Not stored by the plan cache,
    /// whose warnings are all in the plan's text.
    #[serde(skip)]
    pub sheet: Option<Arc<SheetRef>>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// A worksheet, by its place in the workbook (so that problems sort in
/// the workbook's order) and its name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SheetRef {
    /// 0-based, in the workbook's order.
    pub index: usize,
    pub name: String,
}

impl Location {
    pub fn file(file: &Path) -> Self {
        Location {
            file: file.to_path_buf(),
            sheet: None,
            line: None,
            column: None,
        }
    }

    pub fn line(file: &Path, line: usize) -> Self {
        Location {
            line: Some(line),
            ..Location::file(file)
        }
    }

    /// A worksheet as a whole.
    pub fn sheet(file: &Path, sheet: &Arc<SheetRef>) -> Self {
        Location {
            sheet: Some(sheet.clone()),
            ..Location::file(file)
        }
    }

    /// A cell of a worksheet: 1-based row and column.
    pub fn cell(file: &Path, sheet: &Arc<SheetRef>, row: usize, column: usize) -> Self {
        Location {
            sheet: Some(sheet.clone()),
            line: Some(row),
            column: Some(column),
            ..Location::file(file)
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(sheet) = &self.sheet {
            // As a spreadsheet names a cell: `実績!C7`, `'My sheet'!C7`.
            write!(f, ": {}", sheet_name_in_reference(&sheet.name))?;
            return match (self.line, self.column) {
                (Some(row), Some(col)) if row > 0 && col > 0 => {
                    write!(f, "!{}{row}", column_letters(col))
                }
                (Some(row), _) => write!(f, "!{row}:{row}"),
                _ => Ok(()),
            };
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// A 1-based column as a spreadsheet names it: 1 → `A`, 27 → `AA`.
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

/// A sheet's name as a cell reference writes it: quoted (`'My sheet'`)
/// unless it is letters, digits, `_` and `.` not starting with a digit.
fn sheet_name_in_reference(name: &str) -> String {
    let plain = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if plain {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub location: Location,
    /// What is wrong, naming the offending text.
    pub message: String,
    /// What to do about it, when there is something useful to say.
    pub hint: Option<String>,
    /// What the problem is, for a caller that acts on it beyond printing
    /// it; `None` for most. Boxed: a `Problem` is returned by value often.
    #[serde(skip)]
    pub kind: Option<Box<Kind>>,
}

/// A problem a caller acts on (rewords, reorders or leaves out), typed so
/// that no caller reads the English of a message (issue 22).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A workspace's `members` pattern that matches no plan folder.
    UnmatchedMember,
    /// A ledger row whose `kpi` column names no KPI or series: the id.
    UnknownKpi(String),
    /// A member the workspace lists by name whose folder does not exist
    /// (yet): `kpi init` creates it.
    MissingMember,
}

impl Problem {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            location,
            message: message.into(),
            hint: None,
            kind: None,
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            location,
            message: message.into(),
            hint: None,
            kind: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// This problem, of kind `kind`.
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = Some(Box::new(kind));
        self
    }

    /// This problem's kind, if it has one.
    pub fn kind_of(&self) -> Option<&Kind> {
        self.kind.as_deref()
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// One line: `error: FILE:LINE:COL: message; hint`. A control character
    /// from the input (in a path, a cell, a name) is shown as an escape,
    /// never sent to the terminal raw.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut line = format!("{word}: {}: {}", self.location, self.message);
        if let Some(hint) = &self.hint {
            line.push_str("; ");
            line.push_str(hint);
        }
        f.write_str(&escape_controls(&line))
    }
}

/// How many characters of a cell a message quotes.
pub const QUOTE_LIMIT: usize = 80;

/// A control character: C0 (U+0000 to U+001F), DEL, or C1 (U+0080 to U+009F).
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// A control character as messages name it: `U+001B (ESC)`.
pub fn control_name(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    let code = u32::from(c);
    match C0.get(code as usize) {
        Some(name) => format!("U+{code:04X} ({name})"),
        None if c == '\u{7f}' => "U+007F (DEL)".to_string(),
        None => format!("U+{code:04X}"),
    }
}

/// A character that prints as nothing though it is there: zero-width
/// spaces and joiners, the byte-order mark, the soft hyphen, direction
/// marks and embeddings, word joiners and invisible operators.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// `text` with each control character written as an escape (`\t`, `\n`,
/// `\r`, `\u{1b}`), so that printing it cannot move the cursor, clear the
/// screen or change colours; and each invisible character (`is_invisible`)
/// too (`\u{200b}`), so that a message shows what the cell holds.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_control(c) || is_invisible(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_control(c) || is_invisible(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A cell's text as a message quotes it: control characters escaped, and
/// at most `QUOTE_LIMIT` characters, the rest cut with `…` and counted.
pub fn quoted(text: &str) -> String {
    let count = text.chars().count();
    if count <= QUOTE_LIMIT {
        return escape_controls(text).into_owned();
    }
    let head: String = text.chars().take(QUOTE_LIMIT).collect();
    format!(
        "{}… ({count} characters)",
        escape_controls(&head).trim_end()
    )
}

/// The first control character of `text` that `allowed` does not allow,
/// with its 1-based place in characters.
pub fn first_control(text: &str, allowed: impl Fn(char) -> bool) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|&(_, c)| is_control(c) && !allowed(c))
        .map(|(i, c)| (i + 1, c))
}

/// A collection of problems gathered while reading input.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| !p.is_error())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Problems in file and line order, so that output is stable.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| a.location.cmp(&b.location));
        self
    }
}

/// Byte offset to 1-based (line, column) in a text, column counted in characters.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// An index of lines that start at `starts` (after the first, at 0),
    /// in increasing order.
    pub fn from_line_starts(starts: impl IntoIterator<Item = usize>) -> Self {
        LineIndex {
            starts: std::iter::once(0).chain(starts).collect(),
        }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let end = offset.min(text.len());
        let col = text.get(start..end).map_or(1, |s| s.chars().count() + 1);
        (line + 1, col)
    }
}

/// `suggest::closest`, where `plan` has always found it.
pub use crate::suggest::closest;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_finds_lines_and_character_columns() {
        let text = "a = 1\n名前 = 2\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 6), (2, 1));
        // "名前 " is 7 bytes but 3 characters: '=' is column 4.
        assert_eq!(idx.line_col(text, 6 + 7), (2, 4));
    }

    #[test]
    fn control_characters_never_reach_the_terminal_raw() {
        let p = Problem::error(
            Location::line(Path::new("in\u{1b}.csv"), 3),
            "`a\u{1b}[2Jb` is not a figure",
        )
        .hint("x\ry");
        let shown = p.to_string();
        assert!(!shown.chars().any(is_control), "{shown:?}");
        assert_eq!(
            shown,
            "error: in\\u{1b}.csv:3: `a\\u{1b}[2Jb` is not a figure; x\\ry"
        );
        assert_eq!(control_name('\u{1b}'), "U+001B (ESC)");
        assert_eq!(control_name('\0'), "U+0000 (NUL)");
        assert_eq!(
            first_control("ab\tc\u{7}", |c| c == '\t'),
            Some((5, '\u{7}'))
        );
    }

    #[test]
    fn a_long_cell_is_quoted_cut_at_eighty_characters() {
        let long = "あ".repeat(200);
        let q = quoted(&long);
        assert_eq!(q, format!("{}… (200 characters)", "あ".repeat(80)));
        assert_eq!(quoted("short"), "short");
        assert_eq!(quoted(&"x".repeat(80)), "x".repeat(80));
    }

    #[test]
    fn display_is_one_line_with_place_and_hint() {
        let p = Problem::error(
            Location::line(Path::new("kpi.toml"), 3),
            "unknown field `taget`",
        )
        .hint("did you mean `target`?");
        assert_eq!(
            p.to_string(),
            "error: kpi.toml:3: unknown field `taget`; did you mean `target`?"
        );
    }

    #[test]
    fn a_workbook_cell_is_named_as_a_spreadsheet_names_it() {
        let sheet = |name: &str| {
            Arc::new(SheetRef {
                index: 0,
                name: name.into(),
            })
        };
        let file = Path::new("保育課.xlsx");
        assert_eq!(
            Location::cell(file, &sheet("実績"), 7, 3).to_string(),
            "保育課.xlsx: 実績!C7"
        );
        assert_eq!(
            Location::cell(file, &sheet("My sheet"), 1, 27).to_string(),
            "保育課.xlsx: 'My sheet'!AA1"
        );
        assert_eq!(
            Location::cell(file, &sheet("it's"), 1, 1).to_string(),
            "保育課.xlsx: 'it''s'!A1"
        );
        assert_eq!(
            Location::cell(file, &sheet("2020"), 1, 1).to_string(),
            "保育課.xlsx: '2020'!A1"
        );
        assert_eq!(
            Location::sheet(file, &sheet("実績")).to_string(),
            "保育課.xlsx: 実績"
        );
        let row = Location {
            line: Some(5),
            ..Location::sheet(file, &sheet("実績"))
        };
        assert_eq!(row.to_string(), "保育課.xlsx: 実績!5:5");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(702), "ZZ");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn problems_of_a_workbook_sort_in_sheet_order_then_row_and_column() {
        let file = Path::new("a.xlsx");
        let second = Arc::new(SheetRef {
            index: 1,
            name: "A".into(),
        });
        let first = Arc::new(SheetRef {
            index: 0,
            name: "Z".into(),
        });
        let mut places = [
            Location::cell(file, &second, 1, 1),
            Location::cell(file, &first, 9, 2),
            Location::cell(file, &first, 9, 1),
        ];
        places.sort();
        let shown: Vec<String> = places.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["a.xlsx: Z!A9", "a.xlsx: Z!B9", "a.xlsx: A!A1"]);
    }
}
