//! The one writer of `kpi.toml` text: how each kind of value is written as
//! TOML (strings through the `toml` crate's writer, `toml_writer`), and the
//! lines of the tables both plan writers share (`[[goal]]`, `[[measure]]`,
//! the head of a `[[kpi]]`). `kpi init --from` (`sheet::plan_text`, which
//! notes the sheet row of every line) and `kpi init --successor`
//! (`init::successor`) say what to write; this says how.

use toml_writer::{ToTomlValue, TomlStringBuilder};
use unicode_width::UnicodeWidthStr;

use super::{Attachment, MeasureParent, Point};
use crate::year::{FiscalYear, YearStyle};

/// A TOML basic string: `"朝霞"`, `"a \"b\"\n"`.
pub fn string(text: &str) -> String {
    TomlStringBuilder::new(text).as_basic().to_toml_value()
}

/// Text as TOML: a literal multi-line string for text of several lines
/// (descriptions read as written), else a basic string.
pub fn long(text: &str) -> String {
    let builder = TomlStringBuilder::new(text);
    match builder.as_ml_literal().filter(|_| text.contains('\n')) {
        Some(literal) => literal.to_toml_value(),
        None => string(text),
    }
}

/// A list of strings: `["1.1", "1.2"]`.
pub fn strings(items: &[String]) -> String {
    let list: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", list.join(", "))
}

/// A baseline or target: `{ value = 21 }` when its year is `default`, else
/// `{ value = 21, year = "H26" }`.
pub fn point(p: &Point, default: Option<FiscalYear>, style: YearStyle) -> String {
    if Some(p.year) == default {
        format!("{{ value = {} }}", p.value)
    } else {
        format!(
            "{{ value = {}, year = {} }}",
            p.value,
            string(&p.year.label(style))
        )
    }
}

/// Milestones: `{ H29 = 17, R1 = 19 }`.
pub fn milestones(points: &[Point], style: YearStyle) -> String {
    let list: Vec<String> = points
        .iter()
        .map(|p| format!("{} = {}", p.year.label(style), p.value))
        .collect();
    format!("{{ {} }}", list.join(", "))
}

/// A KPI's `frequency`, `due_years` and `lag` lines (evaluation-cycle.md
/// §1), each only where it is not the default: none for a yearly KPI with
/// no lag.
pub fn schedule(schedule: &crate::schedule::Schedule, style: YearStyle) -> Vec<String> {
    use crate::schedule::Every;
    let mut lines = Vec::new();
    match &schedule.every {
        Every::Years(1) => {}
        Every::Years(n) => lines.push(format!("frequency = {n}")),
        Every::Listed(years) => {
            let labels: Vec<String> = years.iter().map(|y| y.label(style)).collect();
            lines.push(format!("due_years = {}", strings(&labels)));
        }
    }
    if schedule.lag != 0 {
        lines.push(format!("lag = {}", schedule.lag));
    }
    lines
}

/// `plan.year_style`'s word for `style`.
pub fn style_name(style: YearStyle) -> &'static str {
    match style {
        YearStyle::Era => "era",
        YearStyle::Fiscal => "fiscal",
        YearStyle::Western => "western",
    }
}

/// A line with a comment after it, the comments of a block lined up (as
/// `kpi init`'s commented example does) where the line leaves room.
pub fn commented(code: &str, comment: &str) -> String {
    let room = 36usize.saturating_sub(code.width()).max(1);
    format!("{code}{}# {comment}", " ".repeat(room))
}

/// Which field of a table a line writes, for a writer that notes where
/// each line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The table's header (`[[goal]]`).
    Header,
    Id,
    Name,
    /// A goal's `aim`, a measure's `description`.
    Text,
    /// A measure's `goal` or `parent`.
    Parent,
    /// A KPI's `goal`.
    Goal,
    /// A KPI's `measures`.
    Measures,
}

/// Where the lines go: a plain text, or a writer that notes each line's origin.
pub trait Lines {
    fn line(&mut self, text: &str, field: Field);
}

impl Lines for String {
    fn line(&mut self, text: &str, _: Field) {
        self.push_str(text);
        self.push('\n');
    }
}

/// A `[[goal]]`: its id, its `name` line (as the writer words it, e.g.
/// `name = …  # a comment`) and its aim.
pub fn goal(out: &mut impl Lines, id: &str, name: &str, aim: Option<&str>) {
    out.line("[[goal]]", Field::Header);
    out.line(&format!("id = {}", string(id)), Field::Id);
    out.line(name, Field::Name);
    if let Some(aim) = aim {
        out.line(&format!("aim = {}", long(aim)), Field::Text);
    }
}

/// A `[[measure]]`: its id, where it hangs, its `name` line and its
/// description.
pub fn measure(
    out: &mut impl Lines,
    id: &str,
    parent: &MeasureParent,
    name: &str,
    description: Option<&str>,
) {
    out.line("[[measure]]", Field::Header);
    out.line(&format!("id = {}", string(id)), Field::Id);
    let parent = match parent {
        MeasureParent::Goal(g) => format!("goal = {}", string(g)),
        MeasureParent::Measure(p) => format!("parent = {}", string(p)),
    };
    out.line(&parent, Field::Parent);
    out.line(name, Field::Name);
    if let Some(d) = description {
        out.line(&format!("description = {}", long(d)), Field::Text);
    }
}

/// A KPI's `goal` or `measures` line.
pub fn attachment(out: &mut impl Lines, attachment: &Attachment) {
    match attachment {
        Attachment::Goal(g) => out.line(&format!("goal = {}", string(g)), Field::Goal),
        Attachment::Measures(ms) => {
            out.line(&format!("measures = {}", strings(ms)), Field::Measures)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_written_as_toml_reads_them_back() {
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(string("\u{7}"), "\"\\u0007\"");
        assert_eq!(string("朝霞"), "\"朝霞\"");
        for text in [
            "a\"b\\c\nd",
            "\u{7}\u{1b}\u{7f}\u{85}",
            "\r\t\u{8}\u{c}",
            "'''",
            "",
        ] {
            let table: toml::Table = format!("v = {}\n", string(text)).parse().unwrap();
            assert_eq!(table["v"].as_str(), Some(text), "{text:?}");
        }
    }

    #[test]
    fn text_of_several_lines_reads_back_as_written() {
        for text in [
            "a\nb",
            "a\n",
            "x'\ny",
            "q'''\nz",
            "one",
            "tail'\nx'",
            "c\\d\ne",
            "bell\u{7}\nx",
        ] {
            let toml = format!("v = {}\n", long(text));
            let table: toml::Table = toml.parse().unwrap();
            assert_eq!(table["v"].as_str(), Some(text), "{toml}");
        }
        assert_eq!(long("a\nb"), "'''\na\nb'''");
        assert_eq!(long("one"), "\"one\"");
    }

    #[test]
    fn points_and_lists() {
        let p = Point {
            year: FiscalYear(2014),
            value: rust_decimal::Decimal::new(25, 1),
        };
        assert_eq!(
            point(&p, Some(FiscalYear(2014)), YearStyle::Era),
            "{ value = 2.5 }"
        );
        assert_eq!(
            point(&p, None, YearStyle::Era),
            "{ value = 2.5, year = \"H26\" }"
        );
        assert_eq!(milestones(&[p], YearStyle::Western), "{ 2014 = 2.5 }");
        assert_eq!(
            strings(&["1.1".to_string(), "a\"".to_string()]),
            "[\"1.1\", \"a\\\"\"]"
        );
    }
}
