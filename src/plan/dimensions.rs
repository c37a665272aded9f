//! The rules of breakdowns.md that the plan's reader and the workspace's
//! register share: what makes a `[[dimension]]` sound, what an
//! `area_code` is, and a KPI's breakdown fields as written matched with
//! the dimensions of its plan (docs/breakdowns.md, "Plan").

use std::path::Path;

use crate::breakdown::{
    Breakdown, CategoryGoal, CategoryTarget, Dimension, Spot, Total, Written, WrittenTarget,
};
use crate::plan::Kpi;
use crate::problem::{Location, Problem, Problems};

/// The ledger's own columns (actuals-format.md): a dimension's id is a
/// column name beside them, so it may be none of them.
pub const LEDGER_COLUMNS: &[&str] = &["kpi", "year", "value", "note", "source", "flag"];

/// Which part of a `[[dimension]]` a fault is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Id,
    Categories,
    Category(usize),
    Codes,
    Code(usize),
}

/// A fault of a dimension: where, what is wrong, what to do.
pub type Fault = (Part, String, String);

/// Every fault of a dimension's id, categories and codes (`None`: no
/// `codes` written).
pub fn dimension_faults(id: &str, categories: &[String], codes: Option<&[String]>) -> Vec<Fault> {
    let mut faults = Vec::new();
    if !crate::plan::is_plain_id(id) || id.is_empty() {
        faults.push((
            Part::Id,
            format!("dimension id \"{id}\" has characters other than ASCII letters, digits, `.`, `_`, `-`"),
            "the id is the ledger's column name: keep it plain (`age`, `sex`), and put the Japanese name in `name`".to_string(),
        ));
    } else if let Some(column) = LEDGER_COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(id)) {
        faults.push((
            Part::Id,
            format!("dimension id \"{id}\" is the name of the ledger's own column `{column}`"),
            format!(
                "the id becomes a ledger column beside {}: choose another",
                LEDGER_COLUMNS.join(", ")
            ),
        ));
    }
    if categories.is_empty() {
        faults.push((
            Part::Categories,
            format!("dimension {id} has no categories"),
            "list them in the order they are printed: categories = [\"0歳\", \"1・2歳\"]"
                .to_string(),
        ));
    }
    for (i, c) in categories.iter().enumerate() {
        if c.trim().is_empty() {
            faults.push((
                Part::Category(i),
                format!("category {} of dimension {id} is empty", i + 1),
                "a blank ledger cell is the total: give each category a name".to_string(),
            ));
        } else if let Some(first) = categories[..i].iter().position(|o| o == c) {
            faults.push((
                Part::Category(i),
                format!(
                    "category \"{c}\" of dimension {id} is given twice (categories {} and {})",
                    first + 1,
                    i + 1
                ),
                "list each category once".to_string(),
            ));
        }
    }
    let Some(codes) = codes else {
        return faults;
    };
    if codes.len() != categories.len() {
        faults.push((
            Part::Codes,
            format!(
                "dimension {id} has {} codes for {} categories",
                codes.len(),
                categories.len()
            ),
            "give one code per category, in the same order, or remove `codes`".to_string(),
        ));
    }
    for (i, code) in codes.iter().enumerate() {
        if code.trim().is_empty() {
            faults.push((
                Part::Code(i),
                format!("code {} of dimension {id} is empty", i + 1),
                "give each category its code, or remove `codes`".to_string(),
            ));
        } else if let Some(first) = codes[..i].iter().position(|o| o == code) {
            faults.push((
                Part::Code(i),
                format!(
                    "code \"{code}\" of dimension {id} is given twice (codes {} and {})",
                    first + 1,
                    i + 1
                ),
                "each category needs a code of its own".to_string(),
            ));
        } else if categories
            .iter()
            .enumerate()
            .any(|(c, name)| name == code && c != i)
        {
            faults.push((
                Part::Code(i),
                format!(
                    "code \"{code}\" of dimension {id} is the name of another of its categories"
                ),
                "a ledger cell may hold a name or a code: they must not be mistaken for each other"
                    .to_string(),
            ));
        }
    }
    faults
}

/// Why `code` is no 全国地方公共団体コード: 5 digits, or 6 with the check
/// digit (digits d1..d5 weighted 6, 5, 4, 3, 2; r = the sum mod 11; the
/// check digit is (11 − r) mod 10); `None` when it is one.
pub fn area_code_fault(code: &str) -> Option<String> {
    if !code.bytes().all(|b| b.is_ascii_digit()) || !matches!(code.len(), 5 | 6) {
        return Some(format!(
            "area_code \"{code}\" is not a 全国地方公共団体コード: 5 digits, or 6 with the check digit"
        ));
    }
    let expected = check_digit(&code[..5]);
    match code.as_bytes().get(5) {
        Some(&written) if u32::from(written - b'0') != expected => Some(format!(
            "area_code \"{code}\" has the check digit {}, but the check digit of {} is {expected}",
            written - b'0',
            &code[..5]
        )),
        _ => None,
    }
}

/// The check digit of a 5-digit 全国地方公共団体コード.
pub fn check_digit(five: &str) -> u32 {
    let sum: u32 = five
        .bytes()
        .zip([6, 5, 4, 3, 2])
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    (11 - sum % 11) % 10
}

/// The `breakdowns` and `total` a member's KPI takes from its series (a
/// register `[[indicator]]`), and where they were written.
pub struct Given<'a> {
    pub dimensions: &'a [String],
    pub total: Total,
    pub origin: &'a str,
}

/// The KPI's breakdown: `written` (its own fields, if any) and `given`
/// (its series', if any) matched with `dimensions`, the plan's; every
/// problem pushed with the file `path` and the line where it was written.
pub fn resolve(
    path: &Path,
    dimensions: &[Dimension],
    kpi: &Kpi,
    written: Option<&Written>,
    given: Option<Given>,
    problems: &mut Problems,
) -> Option<Breakdown> {
    let at = |spot: Spot| Location {
        column: Some(spot.column),
        ..Location::line(path, spot.line)
    };
    let header = Spot {
        line: kpi.line,
        column: 1,
    };
    let before = problems.0.iter().filter(|p| p.is_error()).count();
    let mut ids: Vec<(String, Spot)> = written.map_or_else(Vec::new, |w| w.dimensions.clone());
    let mut total = written.and_then(|w| w.total);
    if let Some(given) = &given {
        let mine = written.and_then(|w| w.dimensions_at);
        take_series(
            kpi,
            given,
            mine,
            (&mut ids, &mut total),
            header,
            &at,
            problems,
        );
    }
    if ids.is_empty() {
        let stray = written.and_then(|w| {
            w.total.map(|(_, s)| ("total", s)).or(w
                .category_target
                .as_ref()
                .map(|(_, s)| ("category_target", *s)))
        });
        if let Some((field, spot)) = stray {
            problems.push(
                Problem::error(
                    at(spot),
                    format!("KPI {} has `{field}` but no `breakdowns`", kpi.id),
                )
                .hint("add breakdowns = [\"…\"] naming its dimensions, or remove the field"),
            );
        }
        return None;
    }
    let known: Vec<&str> = dimensions.iter().map(|d| d.id.as_str()).collect();
    let mut positions = Vec::with_capacity(ids.len());
    for (id, spot) in &ids {
        match known.iter().position(|k| k == id) {
            Some(p) => positions.push(p),
            None => problems.push(unknown_dimension(at(*spot), kpi, id, &known)),
        }
    }
    let total = total.map_or(Total::Reported, |(t, spot)| {
        if t == Total::Sum && kpi.unit.as_deref().is_some_and(|u| u.trim() == "%") {
            problems.push(
                Problem::warning(
                    at(spot),
                    format!(
                        "KPI {} is a percentage (unit \"%\") with total = \"sum\": rates do not add up",
                        kpi.id
                    ),
                )
                .hint("use total = \"reported\" unless its categories' figures really add up to its total"),
            );
        }
        t
    });
    let category_target = match written.and_then(|w| w.category_target.as_ref()) {
        None => None,
        Some((WrittenTarget::Same, _)) => Some(CategoryTarget::Same),
        Some((WrittenTarget::Each(goals), _)) if positions.len() == ids.len() => {
            let mine: Vec<&Dimension> = positions.iter().map(|&p| &dimensions[p]).collect();
            Some(CategoryTarget::Each(goals_of(
                kpi,
                &mine,
                goals,
                &|s| at(s),
                problems,
            )))
        }
        Some(_) => None,
    };
    let after = problems.0.iter().filter(|p| p.is_error()).count();
    (after == before).then_some(Breakdown {
        dimensions: positions,
        total,
        category_target,
    })
}

/// `total` as written, with where.
type WrittenTotal = Option<(Total, Spot)>;

/// A member KPI on a series that is broken down: it takes the series'
/// `breakdowns` and `total` (`ids`, `total`) unless it writes them (`mine`:
/// where it wrote `breakdowns`), and what it writes must agree.
fn take_series(
    kpi: &Kpi,
    given: &Given,
    mine: Option<Spot>,
    (ids, total): (&mut Vec<(String, Spot)>, &mut WrittenTotal),
    header: Spot,
    at: &dyn Fn(Spot) -> Location,
    problems: &mut Problems,
) {
    match mine {
        Some(spot) if !same_ids(ids, given.dimensions) => problems.push(
            Problem::error(
                at(spot),
                format!(
                    "KPI {} restates breakdowns as [{}], but its series `{}` has [{}] in {}",
                    kpi.id,
                    listed(ids.iter().map(|(i, _)| i.as_str())),
                    kpi.series_id(),
                    listed(given.dimensions.iter().map(String::as_str)),
                    given.origin
                ),
            )
            .hint("remove breakdowns from the KPI (they come from the series), or correct them"),
        ),
        Some(_) => {}
        None => {
            *ids = given
                .dimensions
                .iter()
                .map(|d| (d.clone(), header))
                .collect();
        }
    }
    match *total {
        Some((mine, spot)) if mine != given.total => problems.push(
            Problem::error(
                at(spot),
                format!(
                    "KPI {} restates total = \"{}\", but its series `{}` has total = \"{}\" in {}",
                    kpi.id,
                    total_name(mine),
                    kpi.series_id(),
                    total_name(given.total),
                    given.origin
                ),
            )
            .hint("remove total from the KPI (it comes from the series), or correct it"),
        ),
        Some(_) => {}
        None => *total = Some((given.total, header)),
    }
}

fn same_ids(ids: &[(String, Spot)], given: &[String]) -> bool {
    ids.len() == given.len() && ids.iter().zip(given).all(|((a, _), b)| a == b)
}

fn listed<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `total` as the plan writes it.
pub fn total_name(total: Total) -> &'static str {
    match total {
        Total::Sum => "sum",
        Total::Reported => "reported",
    }
}

fn unknown_dimension(at: Location, kpi: &Kpi, id: &str, known: &[&str]) -> Problem {
    let hint = match crate::suggest::closest(id, known) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => format!(
            "the plan declares no dimensions: add a [[dimension]] with id = \"{id}\", a name and its categories"
        ),
        None => format!(
            "the plan's dimensions are {}; declare `{id}` with a [[dimension]], or fix the id",
            listed(known.iter().copied())
        ),
    };
    Problem::error(
        at,
        format!(
            "KPI {} is broken down by `{id}`, which is no dimension of the plan",
            kpi.id
        ),
    )
    .hint(hint)
}

/// A `category_target` table's keys matched with the KPI's dimensions
/// (`mine`, in `breakdowns` order): a category's name, or `dim=category`.
fn goals_of(
    kpi: &Kpi,
    mine: &[&Dimension],
    goals: &[crate::breakdown::WrittenGoal],
    at: &dyn Fn(Spot) -> Location,
    problems: &mut Problems,
) -> Vec<CategoryGoal> {
    let mut out: Vec<CategoryGoal> = Vec::with_capacity(goals.len());
    for goal in goals {
        let found = match category_key(mine, &goal.key) {
            Ok(found) => found,
            Err((message, hint)) => {
                problems.push(
                    Problem::error(
                        at(goal.at),
                        format!("category_target of KPI {}: {message}", kpi.id),
                    )
                    .hint(hint),
                );
                continue;
            }
        };
        if out
            .iter()
            .any(|g| (g.dimension, g.category) == (found.0, found.1))
        {
            problems.push(
                Problem::error(
                    at(goal.at),
                    format!(
                        "category_target of KPI {} gives category \"{}\" of dimension {} twice",
                        kpi.id, mine[found.0].categories[found.1], mine[found.0].id
                    ),
                )
                .hint("give each category one target"),
            );
            continue;
        }
        out.push(CategoryGoal {
            dimension: found.0,
            category: found.1,
            target: goal.target,
        });
    }
    out
}

/// (position in the KPI's breakdowns, category) of a `category_target` key.
fn category_key(mine: &[&Dimension], key: &str) -> Result<(usize, usize), (String, String)> {
    let named: Vec<(usize, usize)> = mine
        .iter()
        .enumerate()
        .filter_map(|(d, dim)| dim.categories.iter().position(|c| c == key).map(|c| (d, c)))
        .collect();
    match named.as_slice() {
        [one] => return Ok(*one),
        [_, _, ..] => {
            let ids: Vec<String> = named
                .iter()
                .map(|&(d, _)| format!("`{}={key}`", mine[d].id))
                .collect();
            return Err((
                format!("\"{key}\" is a category of more than one of its dimensions"),
                format!("say which: {}", ids.join(" or ")),
            ));
        }
        [] => {}
    }
    if let Some((dim, category)) = key.split_once('=') {
        if let Some(d) = mine.iter().position(|m| m.id == dim) {
            return match mine[d].categories.iter().position(|c| c == category) {
                Some(c) => Ok((d, c)),
                None => Err(unknown_category(category, &[mine[d]])),
            };
        }
    }
    Err(unknown_category(key, mine))
}

fn unknown_category(key: &str, mine: &[&Dimension]) -> (String, String) {
    let all: Vec<&str> = mine
        .iter()
        .flat_map(|d| d.categories.iter().map(String::as_str))
        .collect();
    let dims: Vec<&str> = mine.iter().map(|d| d.id.as_str()).collect();
    let hint = match crate::suggest::closest(key, &all) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None => format!(
            "name a category of {} (or write `dimension=category`)",
            listed(dims.iter().copied())
        ),
    };
    (
        format!(
            "\"{key}\" is no category of its dimensions ({})",
            listed(dims.iter().copied())
        ),
        hint,
    )
}

/// A plan read alone: each KPI's breakdown fields matched with the plan's
/// dimensions, and the fields as written let go.
pub fn resolve_alone(plan: &mut crate::plan::Plan, problems: &mut Problems) {
    for written in std::mem::take(&mut plan.written_breakdowns) {
        let Some(kpi) = plan.kpis.get(written.kpi) else {
            continue;
        };
        let found = resolve(
            &plan.path,
            &plan.dimensions,
            kpi,
            Some(&written),
            None,
            problems,
        );
        plan.kpis[written.kpi].breakdown = found.map(Box::new);
    }
}

/// Each dimension id once in one file (`path`: a plan, or the register).
pub fn declared_once(path: &Path, dimensions: &[Dimension], problems: &mut Problems) {
    for (i, d) in dimensions.iter().enumerate() {
        if let Some(first) = dimensions[..i].iter().find(|o| o.id == d.id) {
            problems.push(
                Problem::error(
                    Location::line(path, d.line),
                    format!(
                        "dimension {} is declared twice (first at line {})",
                        d.id, first.line
                    ),
                )
                .hint("declare each dimension once, or give this one its own id"),
            );
        }
    }
}

/// Two declarations of one dimension id that differ: the error naming
/// both places.
pub fn clash(first: (&Dimension, &Path), second: (&Dimension, &Path)) -> Option<Problem> {
    let (a, a_path) = first;
    let (b, b_path) = second;
    if a.id != b.id || (a.name == b.name && a.categories == b.categories && a.codes == b.codes) {
        return None;
    }
    let what = if a.categories != b.categories {
        "categories"
    } else if a.name != b.name {
        "name"
    } else {
        "codes"
    };
    Some(
        Problem::error(
            Location::line(b_path, b.line),
            format!(
                "dimension {} is declared again with other {what} (first at {}:{})",
                b.id,
                a_path.display(),
                a.line
            ),
        )
        .hint("a dimension id is one ledger column: declare it once (in the register to share it), or repeat it exactly, or give this one its own id"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_saitama_municipalities() {
        // 11227: 1·6 + 1·5 + 2·4 + 2·3 + 7·2 = 6+5+8+6+14 = 39; 39 mod 11 = 6;
        // (11 − 6) mod 10 = 5 → 112275 (朝霞市).
        assert_eq!(check_digit("11227"), 5);
        // 11201: 6+5+8+0+2 = 21; 21 mod 11 = 10; (11 − 10) mod 10 = 1 → 112011 (川越市).
        assert_eq!(check_digit("11201"), 1);
        // 11100: 6+5+4+0+0 = 15; 15 mod 11 = 4; (11 − 4) mod 10 = 7 → 111007 (さいたま市).
        assert_eq!(check_digit("11100"), 7);
        for good in ["11227", "112275", "112011", "111007"] {
            assert_eq!(area_code_fault(good), None, "{good}");
        }
        assert!(area_code_fault("112276")
            .unwrap()
            .contains("check digit of 11227 is 5"));
        for bad in ["1122", "1122a", "1122755", "", "１１２２７"] {
            assert!(area_code_fault(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn a_sum_of_zero_mod_eleven_has_check_digit_one() {
        // 00000: sum 0, 0 mod 11 = 0, (11 − 0) mod 10 = 1 (not 11).
        // 13005 (東京都): 6 + 15 + 0 + 0 + 10 = 31; 31 mod 11 = 9; 11 − 9 = 2.
        assert_eq!(check_digit("00000"), 1);
        assert_eq!(check_digit("13005"), 2);
    }

    #[test]
    fn dimension_faults_name_their_part() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(dimension_faults("age", &s(&["a", "b"]), None).is_empty());
        let f = dimension_faults("value", &s(&["a", "a", ""]), Some(&s(&["1", "1"])));
        let parts: Vec<Part> = f.iter().map(|x| x.0).collect();
        assert_eq!(
            parts,
            vec![
                Part::Id,
                Part::Category(1),
                Part::Category(2),
                Part::Codes,
                Part::Code(1)
            ]
        );
        assert_eq!(dimension_faults("年齢", &s(&["a"]), None)[0].0, Part::Id);
        assert_eq!(dimension_faults("age", &[], None)[0].0, Part::Categories);
    }
}
