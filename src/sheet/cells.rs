//! Cells of a KPI sheet that say more than a number: goal and measure
//! numbers with their names, where a measure hangs by its number, the
//! direction and cumulative marks, and the style a year is written in.

use crate::plan::{Direction, MeasureParent};
use crate::year::{narrow_ascii, YearStyle};

/// A goal or measure cell: its number and the name written after it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    pub id: String,
    pub name: Option<String>,
}

/// Words a goal cell may start with: `基本目標1：…`, `Goal 1: …`.
pub const GOAL_PREFIXES: &[&str] = &["基本目標", "goal"];
/// Words a measure cell may start with.
pub const MEASURE_PREFIXES: &[&str] = &["具体的な施策", "施策", "measure"];

pub const GOAL_EXPECTED: &str =
    "expected a goal number: 1, `1 産業の活性化と働きやすい環境づくり` or `基本目標1：産業の活性化…`";
pub const MEASURE_EXPECTED: &str =
    "expected a measure number: 1.1.1 or `1.1.1 産業の育成と支援` (dotted numbers say where it hangs)";

/// A number with an optional name after it: `1`, `1 産業の活性化`,
/// `基本目標１：産業の活性化`, `1.1.1　産業の育成と支援`. The number is ASCII
/// letters, digits, `.`, `_`, `-` with at least one digit; `None` otherwise.
pub fn numbered(text: &str, prefixes: &[&str]) -> Option<Numbered> {
    let original: Vec<char> = text.trim().chars().collect();
    // narrow_ascii maps character for character, so positions agree.
    let narrow: Vec<char> = narrow_ascii(text.trim())
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut at = 0;
    for prefix in prefixes {
        let p: Vec<char> = prefix.chars().collect();
        if narrow.starts_with(&p) {
            at = p.len();
            break;
        }
    }
    while at < narrow.len() && narrow[at].is_whitespace() {
        at += 1;
    }
    let start = at;
    while at < narrow.len() && (narrow[at].is_ascii_alphanumeric() || "._-".contains(narrow[at])) {
        at += 1;
    }
    // The number as written (`1.1.1`, `G1`), without a closing `.`: `1.`.
    let id: String = narrow_ascii(&original[start..at].iter().collect::<String>())
        .trim_end_matches(['.', '-', '_'])
        .to_string();
    if !id.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    while at < narrow.len() && (narrow[at].is_whitespace() || ":、)]|/".contains(narrow[at])) {
        at += 1;
    }
    let name: String = original[at..].iter().collect();
    let name = name.trim();
    Some(Numbered {
        id,
        name: (!name.is_empty()).then(|| name.to_string()),
    })
}

/// Where a measure hangs by its number: `1.1.1` under measure `1.1`; a
/// two-part number (`1.1`) or one without dots under the goal of its row.
pub fn implied_parent(id: &str, goal: &str) -> MeasureParent {
    match id.rsplit_once('.') {
        Some((parent, _)) if parent.contains('.') => MeasureParent::Measure(parent.to_string()),
        _ => MeasureParent::Goal(goal.to_string()),
    }
}

/// The goal a dotted measure number starts with: `1` for `1.1.1`.
pub fn goal_of_number(id: &str) -> Option<&str> {
    id.split_once('.')
        .map(|(goal, _)| goal)
        .filter(|g| !g.is_empty())
}

/// The measures a dotted number implies above it, top first: `1.1` for `1.1.1`.
pub fn ancestors(id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = id.to_string();
    while let MeasureParent::Measure(parent) = implied_parent(&current, "") {
        out.push(parent.clone());
        current = parent;
    }
    out.reverse();
    out
}

fn folded(text: &str) -> String {
    narrow_ascii(text).trim().to_lowercase()
}

/// A 累計 (cumulative) mark: `○`, `yes`, `1`, `累計`…; empty, `×`, `no`, `0` are no.
pub fn flag(text: &str) -> Option<bool> {
    match folded(text).as_str() {
        "" | "-" | "×" | "no" | "n" | "false" | "0" | "いいえ" => Some(false),
        "○" | "〇" | "◯" | "●" | "✓" | "✔" | "yes" | "y" | "true" | "1" | "累計" | "はい" => {
            Some(true)
        }
        _ => None,
    }
}

pub const FLAG_EXPECTED: &str = "expected ○ (or yes, 1, 累計) for a running total, or empty";

/// Which way is better: `増加`/`increase`/`↑` or `減少`/`decrease`/`↓`;
/// empty is `Ok(None)` (inferred from baseline and target). The error is
/// what was expected.
pub fn direction(text: &str) -> Result<Option<Direction>, &'static str> {
    match folded(text).as_str() {
        "" => Ok(None),
        "増加" | "増" | "上昇" | "向上" | "↑" | "increase" | "up" | "higher" => {
            Ok(Some(Direction::Increase))
        }
        "減少" | "減" | "低下" | "↓" | "decrease" | "down" | "lower" => {
            Ok(Some(Direction::Decrease))
        }
        _ => Err(DIRECTION_EXPECTED),
    }
}

pub const DIRECTION_EXPECTED: &str =
    "expected 増加 (increase: higher is better) or 減少 (decrease: lower is better), or empty";

/// The word export writes for a direction.
pub fn direction_word(direction: Direction, ja: bool) -> &'static str {
    match (direction, ja) {
        (Direction::Increase, true) => "増加",
        (Direction::Decrease, true) => "減少",
        (d, false) => d.name(),
    }
}

/// The style a year is written in, so the plan prints years as the sheet
/// does: `H26`, `平成26年度` era; `FY2014`, `2014年度` fiscal; `2014` western.
pub fn year_style(text: &str) -> YearStyle {
    let narrow = narrow_ascii(text);
    let s = narrow.trim();
    let (s, nendo) = match s.strip_suffix("年度") {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        if nendo {
            YearStyle::Fiscal
        } else {
            YearStyle::Western
        }
    } else if s.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("fy")) {
        YearStyle::Fiscal
    } else {
        YearStyle::Era
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(id: &str, name: Option<&str>) -> Option<Numbered> {
        Some(Numbered {
            id: id.to_string(),
            name: name.map(str::to_string),
        })
    }

    #[test]
    fn goal_cells_as_offices_write_them() {
        let g = |t| numbered(t, GOAL_PREFIXES);
        assert_eq!(g("1"), n("1", None));
        assert_eq!(g(" 1 産業の活性化 "), n("1", Some("産業の活性化")));
        assert_eq!(g("基本目標1：産業の活性化"), n("1", Some("産業の活性化")));
        assert_eq!(g("基本目標１　産業の活性化"), n("1", Some("産業の活性化")));
        assert_eq!(g("Goal 2: Jobs"), n("2", Some("Jobs")));
        assert_eq!(g("1. ＮＰＯの支援"), n("1", Some("ＮＰＯの支援")));
        assert_eq!(g("産業の活性化"), None);
        assert_eq!(g("基本目標"), None);
        assert_eq!(g(""), None);
    }

    #[test]
    fn measure_cells_keep_their_dots() {
        let m = |t| numbered(t, MEASURE_PREFIXES);
        assert_eq!(m("1.1.1"), n("1.1.1", None));
        assert_eq!(
            m("１．１．１　産業の育成と支援"),
            n("1.1.1", Some("産業の育成と支援"))
        );
        assert_eq!(m("施策1.2 両立"), n("1.2", Some("両立")));
        assert_eq!(m("①"), None);
    }

    #[test]
    fn dotted_numbers_say_where_a_measure_hangs() {
        assert_eq!(
            implied_parent("1.1.1", "1"),
            MeasureParent::Measure("1.1".into())
        );
        assert_eq!(implied_parent("1.1", "1"), MeasureParent::Goal("1".into()));
        assert_eq!(implied_parent("a", "2"), MeasureParent::Goal("2".into()));
        assert_eq!(ancestors("1.2.3.4"), ["1.2", "1.2.3"]);
        assert!(ancestors("1.2").is_empty());
        assert_eq!(goal_of_number("3.1.2"), Some("3"));
        assert_eq!(goal_of_number("3"), None);
    }

    #[test]
    fn marks_and_directions() {
        assert_eq!(flag("○"), Some(true));
        assert_eq!(flag("YES"), Some(true));
        assert_eq!(flag(""), Some(false));
        assert_eq!(flag("maybe"), None);
        assert_eq!(direction("減少"), Ok(Some(Direction::Decrease)));
        assert_eq!(direction("Increase"), Ok(Some(Direction::Increase)));
        assert_eq!(direction(""), Ok(None));
        assert!(direction("sideways").is_err());
    }

    #[test]
    fn year_styles() {
        assert_eq!(year_style("H26"), YearStyle::Era);
        assert_eq!(year_style("平成26年度"), YearStyle::Era);
        assert_eq!(year_style("FY2014"), YearStyle::Fiscal);
        assert_eq!(year_style("２０１４年度"), YearStyle::Fiscal);
        assert_eq!(year_style("2014"), YearStyle::Western);
    }
}
