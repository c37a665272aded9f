//! Diagnostics: every problem found in a plan, a ledger or an import file,
//! with the place it was found and what to do about it.
//!
//! Loading never stops at the first problem: it collects `Problem`s and the
//! caller decides (errors refuse the input, warnings are printed and ignored).

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Where a problem was found: a file and, when known, a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(file: &Path) -> Self {
        Location {
            file: file.to_path_buf(),
            line: None,
            column: None,
        }
    }

    pub fn line(file: &Path, line: usize) -> Self {
        Location {
            file: file.to_path_buf(),
            line: Some(line),
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub location: Location,
    /// What is wrong, naming the offending text.
    pub message: String,
    /// What to do about it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Problem {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            location,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            location,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
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

/// `text` with each control character written as an escape (`\t`, `\n`,
/// `\r`, `\u{1b}`), so that printing it cannot move the cursor, clear the
/// screen or change colours.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_control(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
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
#[derive(Debug, Default, Clone)]
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

/// The known name nearest to a typo, if it is near enough to be a typo
/// (case is ignored): the "did you mean" of every message.
pub fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&name, &k.to_lowercase()), *k))
        // Near enough to be a typo, and not merely short: `zz` is not a typo of `a`.
        .filter(|(d, k)| {
            *d <= 2.max(k.chars().count() / 4) && *d < name.chars().count().min(k.chars().count())
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

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
}
