//! The plan's tables read field by field: each field of the type it must
//! have, every problem with its line and column and what to do.
//!
//! The TOML is read into spanned values (`tree.rs`) rather than deserialised
//! with serde: serde stops at the first problem, while a plan's author wants
//! every problem in one run, and the raw text of each number keeps the
//! decimals it was written with (`50.0` stays `50.0`).
//!
//! `Reader` holds what every table's reading needs: where the plan is, the
//! problems so far, and the typed getters below. The tables themselves are
//! read in `head.rs` (`[plan]`, `[evaluation]`), `items.rs` (goals and
//! measures) and `kpi.rs`.

mod breakdown;
mod grades;
mod head;
mod items;
mod kpi;
mod revisions;
mod schedule;

use std::fmt::{self, Display};
use std::ops::Range;
use std::path::Path;

use rust_decimal::Decimal;

pub(super) use head::Defaults;
pub use kpi::KPI_KEYS;

use super::position::Positions;
use super::tree::{Key, Node, Span, Table, Value};
use crate::problem::{closest, Location, Problem, Problems};
use crate::value::parse_toml_number;
use crate::year::{FiscalYear, YearStyle};

/// The top-level names of a plan file.
const TOP_KEYS: &[&str] = &["plan", "evaluation", "goal", "measure", "kpi", "dimension"];

pub(in crate::plan) struct Reader<'a> {
    file: &'a Path,
    positions: Positions<'a>,
    pub(in crate::plan) problems: Problems,
    /// How years print in messages: the plan's own style once it is read.
    year_style: YearStyle,
}

impl<'a> Reader<'a> {
    pub(in crate::plan) fn new(file: &'a Path, text: &'a str) -> Self {
        Reader {
            file,
            positions: Positions::new(text),
            problems: Problems::default(),
            year_style: YearStyle::default(),
        }
    }

    /// How years print in messages: the plan's own style once `[plan]` is read.
    pub(in crate::plan) fn year_style(&self) -> YearStyle {
        self.year_style
    }

    /// The years of a piece of the plan read apart (plan/split.rs) print
    /// as `[plan]` has them.
    pub(in crate::plan) fn set_year_style(&mut self, style: YearStyle) {
        self.year_style = style;
    }

    pub(in crate::plan) fn line(&self, span: &Range<usize>) -> usize {
        self.positions.line(span.start)
    }

    fn location(&self, span: &Range<usize>) -> Location {
        let (line, column) = self.positions.line_col(span.start);
        Location {
            file: self.file.to_path_buf(),
            sheet: None,
            line: Some(line),
            column: Some(column),
        }
    }

    pub(in crate::plan) fn error(
        &mut self,
        span: Range<usize>,
        message: String,
        hint: Option<&str>,
    ) {
        let mut p = Problem::error(self.location(&span), message);
        p.hint = hint.map(str::to_string);
        self.problems.push(p);
    }

    pub(in crate::plan) fn error_at_line(
        &mut self,
        line: usize,
        message: String,
        hint: Option<&str>,
    ) {
        let mut p = Problem::error(Location::line(self.file, line), message);
        p.hint = hint.map(str::to_string);
        self.problems.push(p);
    }

    fn check_keys(&mut self, table: &Table, allowed: &[&str], what: impl Display) {
        for key in table.keys() {
            self.check_key(key, allowed, &what);
        }
    }

    fn check_key(&mut self, key: &Key, allowed: &[&str], what: impl Display) {
        let name = key.name.as_ref();
        if !allowed.contains(&name) {
            let hint = match closest(name, allowed) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the fields of {what} are: {}", allowed.join(", ")),
            };
            self.error(
                key.span.clone(),
                format!("unknown field `{name}` in {what}"),
                Some(&hint),
            );
        }
    }

    /// A top-level key of the plan file.
    pub(in crate::plan) fn top_key(&mut self, key: &Key) {
        self.check_key(key, TOP_KEYS, "the plan file");
    }

    fn as_table<'t, 'i>(
        &mut self,
        value: &'t Node<'i>,
        what: impl Display,
    ) -> Option<&'t Table<'i>> {
        match &value.value {
            Value::Table(t) => Some(t),
            other => {
                self.error(
                    value.span.clone(),
                    format!("{what} must be a table, not {}", other.type_str()),
                    None,
                );
                None
            }
        }
    }

    /// The tables of an array of tables (`[[evaluation.grade]]`), with their
    /// spans. `path` is the table's full name as written in the file.
    pub(in crate::plan) fn tables<'t, 'i>(
        &mut self,
        value: &'t Node<'i>,
        path: &str,
    ) -> Vec<(Span, &'t Table<'i>)> {
        let Value::Array(items) = &value.value else {
            let key = path.rsplit('.').next().unwrap_or(path);
            self.error(
                value.span.clone(),
                format!(
                    "`{key}` must be written as [[{path}]] tables, not {}",
                    value.value.type_str()
                ),
                None,
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| Some((item.span.clone(), self.item_table(item, path)?)))
            .collect()
    }

    /// One table of an array of tables `[[path]]`.
    pub(in crate::plan) fn item_table<'t, 'i>(
        &mut self,
        item: &'t Node<'i>,
        path: &str,
    ) -> Option<&'t Table<'i>> {
        self.as_table(item, format_args!("each [[{path}]]"))
    }

    fn string(&mut self, table: &Table, key: &str, what: &str) -> Option<(String, Range<usize>)> {
        let value = table.get(key)?;
        match &value.value {
            Value::String(s) => Some((s.to_string(), value.span.clone())),
            other => {
                self.error(
                    value.span.clone(),
                    format!(
                        "`{key}` of {what} must be a string, not {}",
                        other.type_str()
                    ),
                    Some("put the text in double quotes"),
                );
                None
            }
        }
    }

    fn required_string(
        &mut self,
        table: &Table,
        span: &Range<usize>,
        key: &str,
        what: &str,
    ) -> Option<(String, Range<usize>)> {
        if table.get(key).is_none() {
            self.error(
                span.clone(),
                format!("{what} has no `{key}`"),
                Some(&format!("add `{key} = \"…\"`")),
            );
            return None;
        }
        let (s, sp) = self.string(table, key, what)?;
        if s.trim().is_empty() {
            self.error(sp, format!("`{key}` of {what} is empty"), None);
            return None;
        }
        Some((s, sp))
    }

    fn number(&mut self, value: &Node, what: impl Display) -> Option<Decimal> {
        let raw = match &value.value {
            Value::Integer { text, radix: 10 } => text,
            Value::Float(text) => text,
            Value::Integer { text, radix } => {
                let (message, hint) = not_decimal(text, *radix);
                self.error(value.span.clone(), format!("{what} {message}"), Some(&hint));
                return None;
            }
            Value::String(s) => {
                self.error(
                    value.span.clone(),
                    format!("{what} must be a number, not the string \"{s}\""),
                    Some("write the number without quotes"),
                );
                return None;
            }
            other => {
                self.error(
                    value.span.clone(),
                    format!("{what} must be a number, not {}", other.type_str()),
                    None,
                );
                return None;
            }
        };
        match parse_toml_number(raw) {
            Some(d) => match crate::value::out_of_range(d) {
                None => Some(d),
                Some(why) => {
                    self.error(
                        value.span.clone(),
                        format!("{what}: {why}"),
                        Some("check the value, or write it in a larger unit (千人, 億円)"),
                    );
                    None
                }
            },
            // Finite but past what a decimal holds (1e300): out of range, not malformed.
            None if raw.parse::<f64>().is_ok_and(f64::is_finite) => {
                self.error(
                    value.span.clone(),
                    format!("{what}: `{raw}` is too large: kpi takes values below 1,000,000,000,000,000 (10^15)"),
                    Some("check the value, or write it in a larger unit (千人, 億円)"),
                );
                None
            }
            None => {
                self.error(
                    value.span.clone(),
                    format!("{what} is `{raw}`, which is not a finite decimal number"),
                    Some("write a plain decimal number such as 2.4 or 2788"),
                );
                None
            }
        }
    }

    fn year(&mut self, value: &Node, what: impl Display) -> Option<FiscalYear> {
        let text = match &value.value {
            Value::Integer { text, radix: 10 } => text.to_string(),
            Value::Integer { text, radix } => {
                let (message, hint) = not_decimal(text, *radix);
                self.error(value.span.clone(), format!("{what} {message}"), Some(&hint));
                return None;
            }
            Value::String(s) => s.to_string(),
            other => {
                self.error(
                    value.span.clone(),
                    format!("{what} must be a year, not {}", other.type_str()),
                    Some("write a year such as 2014, \"FY2014\" or \"H26\""),
                );
                return None;
            }
        };
        self.year_text(&text, value.span.clone(), what)
    }

    fn year_text(
        &mut self,
        text: &str,
        span: Range<usize>,
        what: impl Display,
    ) -> Option<FiscalYear> {
        match FiscalYear::parse(text) {
            Ok(y) => Some(y),
            Err(e) => {
                self.error(span, format!("{what}: {e}"), None);
                None
            }
        }
    }

    fn bool(&mut self, table: &Table, key: &str, what: &str) -> Option<bool> {
        let value = table.get(key)?;
        match &value.value {
            Value::Boolean(b) => Some(*b),
            other => {
                self.error(
                    value.span.clone(),
                    format!(
                        "`{key}` of {what} must be true or false, not {}",
                        other.type_str()
                    ),
                    None,
                );
                None
            }
        }
    }

    fn integer(&mut self, table: &Table, key: &str, what: &str) -> Option<(i64, Range<usize>)> {
        let value = table.get(key)?;
        let parsed = match &value.value {
            Value::Integer { text, radix: 10 } => text.replace('_', "").parse::<i64>().ok(),
            Value::Integer { text, radix } => {
                let (message, hint) = not_decimal(text, *radix);
                self.error(
                    value.span.clone(),
                    format!("`{key}` of {what} {message}"),
                    Some(&hint),
                );
                return None;
            }
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                value.span.clone(),
                format!("`{key}` of {what} must be a whole number"),
                None,
            );
        }
        parsed.map(|n| (n, value.span.clone()))
    }
}

/// `{0} of {1}`, as `Display`, so that it is written out only for a message.
#[derive(Clone, Copy)]
struct Of<'a>(&'a str, &'a str);

impl Display for Of<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {}", self.0, self.1)
    }
}

/// Why a hex, octal or binary TOML integer is no plan value, and what to
/// write instead: the decimal it means (issue 24, item 29).
fn not_decimal(digits: &str, radix: u32) -> (String, String) {
    let (prefix, kind) = match radix {
        16 => ("0x", "hex"),
        8 => ("0o", "octal"),
        _ => ("0b", "binary"),
    };
    let decimal = u128::from_str_radix(&digits.replace('_', ""), radix).ok();
    let message = format!(
        "must be a decimal number: hex, octal and binary integers are not accepted, and `{prefix}{digits}` is {kind}{}",
        decimal.map_or(String::new(), |d| format!(" for {d}"))
    );
    let hint = match decimal {
        Some(d) => format!("write {d} if that is the value meant"),
        None => "write the value in decimal digits".to_string(),
    };
    (message, hint)
}

#[cfg(test)]
mod radix_tests {
    use std::path::Path;

    #[test]
    fn a_hex_octal_or_binary_value_is_refused_with_the_decimal_it_means() {
        for (written, kind, decimal) in [
            ("0o17", "octal", 15),
            ("0x1F", "hex", 31),
            ("0b101", "binary", 5),
        ] {
            let text = format!(
                "[plan]\ntitle = \"t\"\n[[goal]]\nid = \"1\"\nname = \"g\"\n[[kpi]]\nid = \"k\"\nname = \"k\"\ngoal = \"1\"\n\
                 baseline = {{ value = {written}, year = 2015 }}\ntarget = {{ value = 20, year = 2020 }}\n"
            );
            let problems = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap_err();
            let shown: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
            assert_eq!(shown.len(), 1, "{shown:?}");
            assert_eq!(
                shown[0],
                format!(
                    "error: kpi.toml:10:22: the value of the baseline of KPI k must be a decimal number: hex, octal and binary integers are not accepted, and `{written}` is {kind} for {decimal}; write {decimal} if that is the value meant"
                ),
                "{written}"
            );
        }
    }

    /// Years and whole-number fields too: `0o3727` is the year 2007 in
    /// octal, not a year 3727 that does not exist; `0o4` is no start month.
    #[test]
    fn a_year_or_whole_number_written_in_another_base_is_refused_the_same_way() {
        let plan = |plan_extra: &str, baseline_year: &str| {
            format!(
                "[plan]\ntitle = \"t\"\n{plan_extra}[[goal]]\nid = \"1\"\nname = \"g\"\n[[kpi]]\nid = \"k\"\nname = \"k\"\ngoal = \"1\"\n\
                 baseline = {{ value = 10, year = {baseline_year} }}\ntarget = {{ value = 20, year = 2020 }}\n"
            )
        };
        for (text, octal, decimal) in [
            (plan("", "0o3727"), "0o3727", 2007),
            (plan("fiscal_year_start = 0o4\n", "2015"), "0o4", 4),
        ] {
            let problems = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap_err();
            let shown: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
            assert_eq!(shown.len(), 1, "{shown:?}");
            assert!(
                shown[0].contains(&format!(
                    "must be a decimal number: hex, octal and binary integers are not accepted, and `{octal}` is octal for {decimal}; write {decimal} if that is the value meant"
                )),
                "{shown:?}"
            );
        }
    }
}
