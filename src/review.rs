//! The planning office's yearly evaluation text (plan-format.md, "Yearly
//! reviews"): `reviews/YEAR.toml` beside the plan, with `[goal.ID]`,
//! `[measure.ID]` and `[kpi.ID]` tables of `comment` (評価, 要因分析) and
//! `next` (今後の方向性). Read here, checked against the plan; reports,
//! `kpi show` and the status JSON carry the text of the as-of year.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::judgement::Assessment;
use crate::plan::Plan;
use crate::problem::{LineIndex, Location, Problem, Problems};
use crate::suggest::{self, closest};
use crate::year::FiscalYear;

mod judged;

/// One goal's, measure's or KPI's review text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    pub comment: Option<String>,
    pub next: Option<String>,
}

/// A year's reviews, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearReview {
    pub year: Option<FiscalYear>,
    pub goals: BTreeMap<String, Review>,
    pub measures: BTreeMap<String, Review>,
    pub kpis: BTreeMap<String, Review>,
    /// The office's judgement of each KPI (`assessed` and `reason` in its
    /// `[kpi.ID]` table; evaluation-cycle.md §3), by KPI id.
    pub assessed: BTreeMap<String, Assessment>,
}

impl YearReview {
    pub fn is_empty(&self) -> bool {
        self.goals.is_empty() && self.measures.is_empty() && self.kpis.is_empty()
    }
}

const SECTIONS: [&str; 3] = ["goal", "measure", "kpi"];
const FIELDS: [&str; 2] = ["comment", "next"];
/// A `[kpi.ID]` table's fields: a KPI may also be judged.
const KPI_FIELDS: [&str; 4] = ["comment", "next", "assessed", "reason"];

/// The review file of `year` in `dir`: `dir/2019.toml`.
pub fn file_of(dir: &Path, year: FiscalYear) -> PathBuf {
    dir.join(format!("{}.toml", year.0))
}

/// The review of one year; an empty one when the file does not exist.
pub fn read_year(dir: &Path, year: FiscalYear, plan: &Plan) -> (YearReview, Problems) {
    let path = file_of(dir, year);
    match std::fs::read(&path) {
        Ok(bytes) => parse(&path, &bytes, Some(year), plan),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
            YearReview {
                year: Some(year),
                ..YearReview::default()
            },
            Problems::default(),
        ),
        Err(e) => (
            YearReview::default(),
            Problems(vec![Problem::error(
                Location::file(&path),
                format!("cannot read the review file: {e}"),
            )
            .hint("check the file's permissions")]),
        ),
    }
}

/// Every review file in `dir`, for `kpi validate`: each one's problems.
/// A missing folder has none; a file not named `YEAR.toml` is an error.
pub fn read_all(dir: &Path, plan: &Plan) -> (Vec<YearReview>, Problems) {
    let mut problems = Problems::default();
    let mut reviews = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (reviews, problems);
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let year = (stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()))
            .then(|| FiscalYear::parse(stem).ok())
            .flatten();
        let Some(year) = year else {
            let hint = match FiscalYear::parse(stem) {
                Ok(y) => format!("name it {}.toml (the western year)", y.0),
                Err(_) => "name each review file by its fiscal year, in western digits: 2019.toml"
                    .to_string(),
            };
            problems.push(
                Problem::error(
                    Location::file(&path),
                    "a review file must be named YEAR.toml",
                )
                .hint(hint),
            );
            continue;
        };
        let (review, found) = read_year(dir, year, plan);
        problems.extend(found);
        reviews.push(review);
    }
    (reviews, problems)
}

/// A review file's text, checked against the plan: every problem with its line.
pub fn parse(
    path: &Path,
    bytes: &[u8],
    year: Option<FiscalYear>,
    plan: &Plan,
) -> (YearReview, Problems) {
    let mut review = YearReview {
        year,
        ..YearReview::default()
    };
    let mut problems = Problems::default();
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.strip_prefix('\u{feff}').unwrap_or(t),
        Err(e) => {
            problems.push(
                Problem::error(
                    Location::file(path),
                    format!("not UTF-8 text (byte {})", e.valid_up_to()),
                )
                .hint("save the review file as UTF-8"),
            );
            return (review, problems);
        }
    };
    let lines = LineIndex::new(text);
    let at = |offset: usize| {
        let (line, column) = lines.line_col(text, offset);
        Location {
            file: path.to_path_buf(),
            sheet: None,
            line: Some(line),
            column: Some(column),
        }
    };
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            problems.push(Problem::error(
                at(offset),
                format!("TOML syntax: {}", e.message()),
            ));
            return (review, problems);
        }
    };
    for (section, value) in root.get_ref() {
        let name = section.get_ref().as_ref();
        let DeValue::Table(ids) = value.get_ref() else {
            problems.push(
                Problem::error(
                    at(section.span().start),
                    format!("`{name}` must be a table of ids: [{name}.ID]"),
                )
                .hint("write [goal.ID], [measure.ID] or [kpi.ID] tables"),
            );
            continue;
        };
        let (known, map): (Vec<&str>, &mut BTreeMap<String, Review>) = match name {
            "goal" => (
                plan.goals.iter().map(|g| g.id.as_str()).collect(),
                &mut review.goals,
            ),
            "measure" => (
                plan.measures.iter().map(|m| m.id.as_str()).collect(),
                &mut review.measures,
            ),
            "kpi" => (
                plan.kpis.iter().map(|k| k.id.as_str()).collect(),
                &mut review.kpis,
            ),
            other => {
                let mut p = Problem::error(
                    at(section.span().start),
                    format!("unknown table `{other}`: a review has goal, measure and kpi tables"),
                );
                if let Some(near) = closest(other, &SECTIONS) {
                    p = p.hint(format!("did you mean `{near}`?"));
                }
                problems.push(p);
                continue;
            }
        };
        let exists = |id: &str| match name {
            "goal" => plan.goal_index(id).is_some(),
            "measure" => plan.measure_index(id).is_some(),
            _ => plan.kpi_index(id).is_some(),
        };
        for (id, fields) in ids {
            let id_text = id.get_ref().as_ref();
            if !exists(id_text) {
                let mut p = Problem::error(
                    at(id.span().start),
                    format!("{name} `{id_text}` is not in the plan"),
                );
                let kind = if name == "kpi" { "KPI" } else { name };
                let otherwise = format!(
                    "review only the {} of {}",
                    suggest::plural(kind),
                    plan.path.display()
                );
                p = p.hint(suggest::unknown_id(id_text, kind, &known, &otherwise));
                problems.push(p);
                continue;
            }
            let DeValue::Table(fields) = fields.get_ref() else {
                problems.push(Problem::error(
                    at(id.span().start),
                    format!("`{name}.{id_text}` must be a table with comment and next"),
                ));
                continue;
            };
            let (entry, judged) = read_entry(name, id_text, fields, &at, &mut problems);
            if let Some(a) = judged.finish(id_text, &plan.scoring.grades, &at, &mut problems) {
                review.assessed.insert(id_text.to_string(), a);
            }
            map.insert(id_text.to_string(), entry);
        }
    }
    (review, problems)
}

/// The fields of one `[name.ID]` table: its comment and next, and for a KPI
/// the judgement, read until `finish` checks it against the grades.
fn read_entry(
    name: &str,
    id_text: &str,
    fields: &DeTable,
    at: &dyn Fn(usize) -> Location,
    problems: &mut Problems,
) -> (Review, judged::Judged) {
    let mut entry = Review::default();
    let mut judged = judged::Judged::default();
    let fields_known: &[&str] = if name == "kpi" { &KPI_FIELDS } else { &FIELDS };
    for (field, value) in fields {
        let field_name = field.get_ref().as_ref();
        let slot = match field_name {
            "comment" => &mut entry.comment,
            "next" => &mut entry.next,
            "assessed" | "reason" if name == "kpi" => {
                judged.read(field_name, value, at, problems);
                continue;
            }
            other => {
                let mut p = Problem::error(
                    at(field.span().start),
                    format!("unknown field `{other}` in {name} `{id_text}`"),
                );
                p = p.hint(match closest(other, fields_known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if matches!(other, "assessed" | "reason") => {
                        "only a KPI is judged: write `assessed` and `reason` in its [kpi.ID] table"
                            .to_string()
                    }
                    None => "a review has `comment` (評価) and `next` (今後の方向性)".to_string(),
                });
                problems.push(p);
                continue;
            }
        };
        match value.get_ref() {
            DeValue::String(s) => *slot = Some(s.to_string()),
            _ => problems.push(
                Problem::error(
                    at(value.span().start),
                    format!("`{field_name}` must be text in quotes"),
                )
                .hint("write it as \"…\", or \"\"\"…\"\"\" for several lines"),
            ),
        }
    }
    (entry, judged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans;

    /// Goal "1" and KPI `a` (the review tests need ids, not figures).
    fn plan() -> Plan {
        let text = test_plans::plan(
            2019,
            &[test_plans::kpi("a", "A", "value = 1", "value = 2", "")],
        );
        crate::plan::load_str(Path::new("kpi.toml"), &text)
            .expect("a valid plan")
            .0
    }

    fn parse_text(text: &str) -> (YearReview, Vec<String>) {
        let (r, p) = parse(
            Path::new("reviews/2019.toml"),
            text.as_bytes(),
            Some(FiscalYear(2019)),
            &plan(),
        );
        (r, p.0.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn a_review_reads_each_table() {
        let kpi = "a";
        let (r, p) = parse_text(&format!(
            "[goal.\"1\"]\ncomment = \"概ね順調\"\n\n[kpi.{kpi}]\ncomment = \"4月1日現在。\"\nnext = \"\"\"誘致を\n進める。\"\"\"\n"
        ));
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            r.goals["1"],
            Review {
                comment: Some("概ね順調".into()),
                next: None
            }
        );
        assert_eq!(r.kpis[kpi].next.as_deref(), Some("誘致を\n進める。"));
        assert!(r.measures.is_empty());
    }

    #[test]
    fn every_problem_has_its_line() {
        let (_, p) = parse_text(
            "[kpi.nope]\ncomment = \"x\"\n\n[goal.\"1\"]\ncomemnt = \"x\"\nnext = 3\n\n[goals.\"1\"]\n",
        );
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[0].starts_with("error: reviews/2019.toml:1:"), "{p:?}");
        assert!(p[0].contains("kpi `nope` is not in the plan"), "{p:?}");
        assert!(
            p.iter().any(|l| l.contains(":5:")
                && l.contains("unknown field `comemnt`")
                && l.contains("did you mean `comment`")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|l| l.contains(":6:") && l.contains("`next` must be text")),
            "{p:?}"
        );
        assert!(
            p.iter().any(|l| l.contains(":8:")
                && l.contains("unknown table `goals`")
                && l.contains("did you mean `goal`")),
            "{p:?}"
        );
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let (_, p) = parse_text("[kpi.x]\ncomment = \"unclosed\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("error: reviews/2019.toml:2:"), "{p:?}");
    }

    #[test]
    fn review_files_are_named_by_the_western_year() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("2019.toml"),
            "[goal.\"1\"]\ncomment = \"ok\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("R2.toml"), "").unwrap();
        std::fs::write(dir.path().join("README.md"), "not a review").unwrap();
        let (reviews, problems) = read_all(dir.path(), &plan());
        assert_eq!(reviews.len(), 1);
        assert_eq!(reviews[0].year, Some(FiscalYear(2019)));
        let p: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].contains("R2.toml") && p[0].contains("name it 2020.toml"),
            "{p:?}"
        );
        // A year without a file has an empty review.
        let (r, p) = read_year(dir.path(), FiscalYear(2020), &plan());
        assert!(r.is_empty() && p.0.is_empty());
    }
}
