//! Checks across the whole plan, once every table has been read: duplicate
//! ids, references to goals and measures that do not exist, cycles of
//! parents; and of the plan built: running totals whose target is below
//! their baseline, control characters in its texts. (KPIs that share a
//! name are `kpi validate`'s warning: `shared_names`.)
//!
//! They run on every id that could be read, even from tables that had other
//! problems, so that one run reports every problem.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use super::fields::Reader;
use super::index::IdHasher;
use super::{Attachment, Kpi, MeasureParent, Plan};
use crate::problem::{control_name, first_control, quoted, Location, Problem};

/// An item's id, what it points at, and the lines of both.
pub(super) struct Definition<T> {
    pub id: String,
    pub line: usize,
    pub points_at: T,
    pub ref_line: usize,
}

/// What the reader saw of every goal, measure and KPI, in file order.
#[derive(Default)]
pub(super) struct Lines {
    pub goals: Vec<(String, usize)>,
    pub measures: Vec<Definition<MeasureParent>>,
    pub kpis: Vec<KpiEntry>,
}

impl Lines {
    /// `more`, seen after these.
    pub fn append(&mut self, mut more: Lines) {
        self.goals.append(&mut more.goals);
        self.measures.append(&mut more.measures);
        self.kpis.append(&mut more.kpis);
    }
}

/// A KPI as the checks see it. One that the reader built is the plan's next
/// KPI, whose id and references are read from the plan rather than copied:
/// a national-scale plan has 100,000.
pub(super) enum KpiEntry {
    /// The next of the plan's KPIs: the lines of its id and of its `goal`
    /// or `measures`.
    Built { line: usize, ref_line: usize },
    /// A KPI with problems, which the plan does not hold.
    Unbuilt(Box<Definition<Option<Attachment>>>),
}

/// A KPI's id, the line of its id, what it points at, and the line of that.
type KpiView<'a> = (&'a str, usize, Option<&'a Attachment>, usize);

/// Every KPI the reader saw, in file order; `built` are the plan's KPIs.
fn kpis<'a>(lines: &'a Lines, built: &'a [Kpi]) -> impl Iterator<Item = KpiView<'a>> {
    let mut built = built.iter();
    lines.kpis.iter().filter_map(move |k| match k {
        KpiEntry::Built { line, ref_line } => {
            let kpi = built.next()?;
            Some((kpi.id.as_str(), *line, Some(&kpi.attachment), *ref_line))
        }
        KpiEntry::Unbuilt(e) => Some((e.id.as_str(), e.line, e.points_at.as_ref(), e.ref_line)),
    })
}

pub(super) fn check_plan(lines: &Lines, built: &[Kpi], reader: &mut Reader) {
    let goal_ids: Vec<&str> = lines.goals.iter().map(|(id, _)| id.as_str()).collect();
    let measure_ids: Vec<&str> = lines.measures.iter().map(|m| m.id.as_str()).collect();
    // Sets to look ids up in: a national-scale plan has tens of thousands.
    let goal_set: IdSet = goal_ids.iter().copied().collect();
    let measure_set: IdSet = measure_ids.iter().copied().collect();
    duplicates(
        reader,
        "goal",
        lines.goals.iter().map(|(id, l)| (id.as_str(), *l)),
    );
    duplicates(
        reader,
        "measure",
        lines.measures.iter().map(|m| (m.id.as_str(), m.line)),
    );
    duplicates(
        reader,
        "KPI",
        kpis(lines, built).map(|(id, line, _, _)| (id, line)),
    );

    for m in &lines.measures {
        match &m.points_at {
            MeasureParent::Goal(g) if !goal_set.contains(g.as_str()) => reader.error_at_line(
                m.ref_line,
                format!(
                    "measure {} points at goal \"{g}\", which the plan does not define",
                    m.id
                ),
                Some(&known("goals", &goal_ids)),
            ),
            MeasureParent::Measure(p) if !measure_set.contains(p.as_str()) => reader.error_at_line(
                m.ref_line,
                format!(
                    "measure {} has parent \"{p}\", which the plan does not define",
                    m.id
                ),
                Some(&known("measures", &measure_ids)),
            ),
            _ => {}
        }
    }
    cycles(lines, reader);

    for (id, _, points_at, ref_line) in kpis(lines, built) {
        match points_at {
            Some(Attachment::Goal(g)) if !goal_set.contains(g.as_str()) => reader.error_at_line(
                ref_line,
                format!("KPI {id} points at goal \"{g}\", which the plan does not define"),
                Some(&known("goals", &goal_ids)),
            ),
            Some(Attachment::Measures(ms)) => {
                for (j, m) in ms.iter().enumerate() {
                    if !measure_set.contains(m.as_str()) {
                        reader.error_at_line(
                            ref_line,
                            format!(
                                "KPI {id} points at measure \"{m}\", which the plan does not define"
                            ),
                            Some(&known("measures", &measure_ids)),
                        );
                    } else if ms[..j].contains(m) {
                        reader.error_at_line(
                            ref_line,
                            format!("KPI {id} lists measure \"{m}\" twice"),
                            None,
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

fn duplicates<'a>(reader: &mut Reader, kind: &str, ids: impl Iterator<Item = (&'a str, usize)>) {
    let (low, high) = ids.size_hint();
    let capacity = high.unwrap_or(low);
    let mut first: IdMap<usize> = IdMap::with_capacity_and_hasher(capacity, Default::default());
    for (id, line) in ids {
        if let Some(&first_line) = first.get(id) {
            reader.error_at_line(
                line,
                format!("duplicate {kind} id \"{id}\", first defined on line {first_line}"),
                Some("every id must be unique: rename one of them"),
            );
        } else {
            first.insert(id, line);
        }
    }
}

/// A measure that reaches itself by following parents. Each cycle is
/// reported once per member, at the line of that member's `parent`.
fn cycles(lines: &Lines, reader: &mut Reader) {
    let parent_of: IdMap<&str> = lines
        .measures
        .iter()
        .filter_map(|m| match &m.points_at {
            MeasureParent::Measure(p) => Some((m.id.as_str(), p.as_str())),
            MeasureParent::Goal(_) => None,
        })
        .collect();
    for m in &lines.measures {
        let mut chain = vec![m.id.as_str()];
        let mut current = m.id.as_str();
        while let Some(&next) = parent_of.get(current) {
            if next == m.id {
                chain.push(next);
                reader.error_at_line(
                    m.ref_line,
                    format!("measures form a cycle of parents: {}", chain.join(" → ")),
                    Some("a measure cannot hang, directly or not, under itself"),
                );
                break;
            }
            if chain.contains(&next) {
                break; // a cycle that does not pass through m: reported from its own members
            }
            chain.push(next);
            current = next;
        }
    }
}

fn known(kind: &str, ids: &[&str]) -> String {
    if ids.is_empty() {
        format!("the plan defines no {kind}")
    } else {
        let shown: Vec<&str> = ids.iter().take(12).copied().collect();
        format!("known {kind}: {}", shown.join(", "))
    }
}

type IdSet<'a> = HashSet<&'a str, BuildHasherDefault<IdHasher>>;
type IdMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<IdHasher>>;

/// Checks of the plan built: a running total whose target is below its
/// baseline (an error: a running total never goes down, so every figure
/// on the way would be refused), and control characters in any text (an
/// error: they would reach the terminal; tabs and line breaks are allowed
/// in the descriptions `aim`, `description` and `note`).
pub(super) fn check_built(plan: &Plan, reader: &mut Reader) {
    for kpi in plan.kpis.iter().filter(|k| k.cumulative) {
        if kpi.target.value < kpi.baseline.value {
            let style = plan.year_style;
            reader.error_at_line(
                kpi.line,
                format!(
                    "KPI {} is a running total (cumulative = true), but its target {} ({}) is below its baseline {} ({}): a running total never goes down, so every figure on the way would be refused",
                    kpi.id,
                    kpi.target.value,
                    kpi.target.year.label(style),
                    kpi.baseline.value,
                    kpi.baseline.year.label(style)
                ),
                Some("fix the target or the baseline, or remove cumulative = true if the figure is not a running total"),
            );
        }
    }
    text_fields(plan, reader);
}

/// A name that two KPIs share: a warning of `kpi validate` at the second
/// (import and record by that name cannot tell them apart, and refuse it).
pub fn shared_names(plan: &Plan) -> Vec<Problem> {
    let mut names: IdMap<&Kpi> =
        IdMap::with_capacity_and_hasher(plan.kpis.len(), Default::default());
    let mut problems = Vec::new();
    for kpi in &plan.kpis {
        match names.get(kpi.name.as_str()) {
            Some(first) => problems.push(
                Problem::warning(
                    Location::line(&plan.path, kpi.line),
                    format!(
                        "KPI {} has the same name as KPI {} (line {}): \"{}\"",
                        kpi.id,
                        first.id,
                        first.line,
                        quoted(&kpi.name)
                    ),
                )
                .hint("give each KPI its own name; until then import and record must name these KPIs by id"),
            ),
            None => {
                names.insert(kpi.name.as_str(), kpi);
            }
        }
    }
    problems
}

/// Every text of the plan, checked for control characters.
fn text_fields(plan: &Plan, reader: &mut Reader) {
    let mut check = |line: Option<usize>,
                     what: &str,
                     field: &str,
                     text: &str,
                     description: bool| {
        let allowed = |c: char| description && matches!(c, '\t' | '\n' | '\r');
        if let Some((place, c)) = first_control(text, allowed) {
            let location = match line {
                Some(line) => Location::line(&plan.path, line),
                None => Location::file(&plan.path),
            };
            let allowed_here = if description {
                "; a description may hold tabs and line breaks, nothing else of the kind"
            } else {
                ""
            };
            reader.problems.push(
                Problem::error(
                    location,
                    format!(
                        "`{field}` of {what} holds the control character {} (character {place}): \"{}\"",
                        control_name(c),
                        quoted(text)
                    ),
                )
                .hint(format!(
                    "delete it (in TOML it is written as an escape such as \\u001b or \\e){allowed_here}"
                )),
            );
        }
    };
    check(None, "[plan]", "title", &plan.title, false);
    if let Some(organization) = &plan.organization {
        check(None, "[plan]", "organization", organization, false);
    }
    for band in &plan.scoring.grades {
        check(None, "[[evaluation.grade]]", "label", &band.label, false);
    }
    for goal in &plan.goals {
        let what = format!("goal {}", goal.id);
        check(Some(goal.line), &what, "name", &goal.name, false);
        if let Some(aim) = &goal.aim {
            check(Some(goal.line), &what, "aim", aim, true);
        }
    }
    for measure in &plan.measures {
        let what = format!("measure {}", measure.id);
        check(Some(measure.line), &what, "name", &measure.name, false);
        if let Some(description) = &measure.description {
            check(Some(measure.line), &what, "description", description, true);
        }
    }
    for kpi in &plan.kpis {
        let what = format!("KPI {}", kpi.id);
        let line = Some(kpi.line);
        check(line, &what, "name", &kpi.name, false);
        for (field, text) in [
            ("unit", &kpi.unit),
            ("source", &kpi.source),
            ("owner", &kpi.owner),
        ] {
            if let Some(text) = text {
                check(line, &what, field, text, false);
            }
        }
        if let Some(note) = &kpi.note {
            check(line, &what, "note", note, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::problem::Problems;
    use crate::test_plans::{kpi, plain_kpis, plan};
    use std::path::Path;

    fn load(kpis: &[String]) -> Result<Problems, Problems> {
        crate::plan::load_str(Path::new("kpi.toml"), &plan(2019, kpis)).map(|(_, w)| w)
    }

    #[test]
    fn a_name_two_kpis_share_is_a_warning_at_the_second() {
        let text = plain_kpis(&[("a", "同じ名前"), ("b", "同じ名前")]);
        let (built, warnings) = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap();
        assert!(warnings.is_empty(), "only validate says it: {warnings:?}");
        let warnings = super::shared_names(&built);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        assert!(!w.is_error());
        // The plan's head is 8 lines, then a blank line and `a`'s 6 lines, a blank, `b`.
        assert_eq!(w.location.line, Some(17), "{w}");
        assert!(
            w.message
                .contains("KPI b has the same name as KPI a (line 10)"),
            "{w}"
        );
    }

    #[test]
    fn a_running_total_whose_target_is_below_its_baseline_is_an_error() {
        let problems = load(&[kpi(
            "c",
            "累計",
            "value = 49",
            "value = 40",
            "cumulative = true\n",
        )])
        .unwrap_err();
        assert_eq!(problems.0.len(), 1, "{problems:?}");
        let p = &problems.0[0];
        assert_eq!(p.location.line, Some(10), "{p}");
        assert!(
            p.message
                .contains("target 40 (FY2019) is below its baseline 49 (FY2014)"),
            "{p}"
        );
        // A milestone above the target is no impossible path: a running
        // total past it has reached its target.
        assert!(load(&[kpi(
            "c",
            "累計",
            "value = 49",
            "value = 60",
            "cumulative = true\nmilestones = { 2018 = 62 }\n",
        )])
        .is_ok());
        assert!(load(&[kpi(
            "c",
            "累計",
            "value = 49",
            "value = 60",
            "cumulative = true\n"
        )])
        .is_ok());
        // Not a running total: a falling target is a decrease.
        assert!(load(&[kpi("c", "率", "value = 49", "value = 40", "")]).is_ok());
    }

    #[test]
    fn control_characters_in_plan_text_are_errors_but_tabs_and_newlines_in_descriptions() {
        let problems = load(&[kpi(
            "e",
            "bad\\u001b[2Jname",
            "value = 1",
            "value = 2",
            "unit = \"\\u0000\"\nnote = \"two\\nlines\\tand a tab\"\n",
        )])
        .unwrap_err();
        assert_eq!(problems.0.len(), 2, "{problems:?}");
        assert!(
            problems.0.iter().any(|p| p
                .message
                .contains("`name` of KPI e holds the control character U+001B (ESC)")),
            "{problems:?}"
        );
        assert!(
            problems.0.iter().any(|p| p
                .message
                .contains("`unit` of KPI e holds the control character U+0000 (NUL)")),
            "{problems:?}"
        );
        for p in &problems.0 {
            assert!(!p.to_string().chars().any(char::is_control), "{p}");
        }
        let warnings = load(&[kpi(
            "e",
            "ok",
            "value = 1",
            "value = 2",
            "note = \"two\\nlines\\tand a tab\"\n",
        )])
        .unwrap();
        assert!(warnings.is_empty());
        let mut text = plan(2019, &[kpi("e", "ok", "value = 1", "value = 2", "")]);
        text = text.replace("title = \"t\"", "title = \"t\\r\"");
        let problems = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap_err();
        assert!(
            problems.0[0].message.contains("`title` of [plan]"),
            "{problems:?}"
        );
    }
}
