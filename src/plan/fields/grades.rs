//! `[[evaluation.grade]]` bands (progress.md, "Grades"): their conditions
//! read, and the bands checked against each other (`kpi validate`).

use std::ops::Range;

use super::Reader;
use crate::bands::{catches_all, never_holds, Compare, Condition, Figure};
use crate::plan::tree::Table;
use crate::plan::GradeBand;
use crate::problem::Problem;
use crate::status::Status;

/// Every field a band may have: `label`, `status` and `FIGURE_COMPARE`.
pub(super) fn grade_keys() -> Vec<String> {
    let mut keys = vec!["label".to_string(), "status".to_string()];
    for figure in Figure::ALL {
        for compare in Compare::ALL {
            keys.push(format!("{}_{}", figure.name(), compare.suffix()));
        }
    }
    keys
}

impl Reader<'_> {
    /// A band's figure conditions, in the order the fields are written.
    pub(super) fn grade_conditions(&mut self, band: &Table) -> Vec<Condition> {
        let mut conditions = Vec::new();
        for (key, value) in &band.entries {
            let Some((figure, compare)) = condition_field(&key.name) else {
                continue;
            };
            let what = format!("{} of [[evaluation.grade]]", key.name);
            if let Some(bound) = self.number(value, what) {
                conditions.push(Condition {
                    figure,
                    compare,
                    bound,
                });
            }
        }
        conditions
    }

    /// A band whose conditions can never hold together is an error; a band
    /// that an earlier band always catches first is a warning.
    pub(super) fn check_bands(&mut self, bands: &[(Range<usize>, GradeBand)]) {
        for (i, (span, band)) in bands.iter().enumerate() {
            if let Some((figure, fields)) = never_holds(&band.conditions) {
                self.error(
                    span.clone(),
                    format!(
                        "grade band \"{}\" can never hold: no {} is {}",
                        band.label,
                        figure.name(),
                        fields.join(" and ")
                    ),
                    Some("check the comparisons: _at_least (>=), _above (>), _at_most (<=), _below (<)"),
                );
                continue;
            }
            let caught_by = bands[..i].iter().find(|(_, earlier)| {
                never_holds(&earlier.conditions).is_none()
                    && statuses_within(band.status.as_deref(), earlier.status.as_deref())
                    && catches_all(&earlier.conditions, &band.conditions)
            });
            if let Some((_, earlier)) = caught_by {
                let location = self.location(span);
                self.problems.push(
                    Problem::warning(
                        location,
                        format!(
                            "grade band \"{}\" is never given: the earlier band \"{}\" takes every KPI it would",
                            band.label, earlier.label
                        ),
                    )
                    .hint("bands are tried in order: put the narrower band first"),
                );
            }
        }
    }
}

/// `pace_above` → (pace, above).
fn condition_field(name: &str) -> Option<(Figure, Compare)> {
    Figure::ALL.into_iter().find_map(|figure| {
        let rest = name.strip_prefix(figure.name())?.strip_prefix('_')?;
        Compare::ALL
            .into_iter()
            .find(|c| c.suffix() == rest)
            .map(|c| (figure, c))
    })
}

/// Whether every status a band with `later`'s list takes, one with
/// `earlier`'s takes too. No list means every status but `no_data`.
fn statuses_within(later: Option<&[Status]>, earlier: Option<&[Status]>) -> bool {
    let takes = |list: Option<&[Status]>, s: &Status| match list {
        None => *s != Status::NoData,
        Some(l) => l.contains(s),
    };
    Status::ALL
        .iter()
        .filter(|s| takes(later, s))
        .all(|s| takes(earlier, s))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn load(bands: &str) -> Result<Vec<String>, Vec<String>> {
        let text = format!(
            "[plan]\ntitle = \"t\"\n\n[evaluation]\n{bands}\n\n[[goal]]\nid = \"1\"\nname = \"g\"\n\n\
             [[kpi]]\nid = \"k\"\nname = \"k\"\ngoal = \"1\"\n\
             baseline = {{ value = 10, year = 2015 }}\ntarget = {{ value = 20, year = 2020 }}\n"
        );
        let text_of = |ps: &crate::problem::Problems| ps.0.iter().map(|p| p.to_string()).collect();
        match crate::plan::load_str(Path::new("kpi.toml"), &text) {
            Ok((_, warnings)) => Ok(text_of(&warnings)),
            Err(problems) => Err(text_of(&problems)),
        }
    }

    #[test]
    fn every_condition_field_reads() {
        let text = "[plan]\ntitle = \"t\"\n[evaluation]\n[[evaluation.grade]]\nlabel = \"A\"\n\
                    pace_above = 1\nachievement_at_most = 2\nimprovement_below = 0.5\n\
                    [[goal]]\nid = \"1\"\nname = \"g\"\n";
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), text).unwrap();
        let fields: Vec<String> = plan.scoring.grades[0]
            .conditions
            .iter()
            .map(|c| c.field())
            .collect();
        assert_eq!(
            fields,
            ["pace_above", "achievement_at_most", "improvement_below"]
        );
    }

    #[test]
    fn a_band_that_can_never_hold_is_an_error_on_its_line() {
        let e = load("[[evaluation.grade]]\nlabel = \"A\"\npace_above = 1.0\npace_below = 0.5")
            .unwrap_err();
        assert!(
            e.iter().any(|m| m.starts_with("error: kpi.toml:5:")
                && m.contains("grade band \"A\" can never hold: no pace is pace_above = 1.0 and pace_below = 0.5")),
            "{e:?}"
        );
        // Touching bounds that exclude each other: > 1 and <= 1
        assert!(
            load("[[evaluation.grade]]\nlabel = \"A\"\npace_above = 1\npace_at_most = 1").is_err()
        );
        // ... and ones that meet: >= 1 and <= 1 holds at exactly 1
        assert!(
            load("[[evaluation.grade]]\nlabel = \"A\"\npace_at_least = 1\npace_at_most = 1")
                .is_ok()
        );
    }

    #[test]
    fn a_band_an_earlier_band_always_catches_is_a_warning() {
        // A takes pace >= 0.8; B (pace >= 0.9) is never reached.
        let w = load(
            "[[evaluation.grade]]\nlabel = \"A\"\npace_at_least = 0.8\n\
             [[evaluation.grade]]\nlabel = \"B\"\npace_at_least = 0.9",
        )
        .unwrap();
        assert!(
            w.iter()
                .any(|m| m.contains("grade band \"B\" is never given: the earlier band \"A\"")),
            "{w:?}"
        );
        // The other way round both are reachable; a catch-all after them too.
        let w = load(
            "[[evaluation.grade]]\nlabel = \"B\"\npace_at_least = 0.9\n\
             [[evaluation.grade]]\nlabel = \"A\"\npace_at_least = 0.8\n\
             [[evaluation.grade]]\nlabel = \"C\"",
        )
        .unwrap();
        assert!(w.is_empty(), "{w:?}");
        // A band limited to some statuses does not catch a band of others.
        let w = load(
            "[[evaluation.grade]]\nlabel = \"X\"\nstatus = [\"missed\"]\n\
             [[evaluation.grade]]\nlabel = \"A\"\npace_at_least = 0.8",
        )
        .unwrap();
        assert!(w.is_empty(), "{w:?}");
        // A catch-all before a conditioned band catches it.
        let w = load(
            "[[evaluation.grade]]\nlabel = \"C\"\n\
             [[evaluation.grade]]\nlabel = \"A\"\npace_at_least = 0.8",
        )
        .unwrap();
        assert!(
            w.iter().any(|m| m.contains("\"A\" is never given")),
            "{w:?}"
        );
    }

    #[test]
    fn a_quoted_number_in_a_band_is_said_once_and_nothing_else() {
        // Issue 24, item 25: A's quoted bound is an error; read without it,
        // A would seem to take every KPI, and B and C to be never given.
        let e = load(
            "[[evaluation.grade]]\nlabel = \"A\"\npace_at_least = \"1.0\"\n\
             [[evaluation.grade]]\nlabel = \"B\"\npace_at_least = 0.8\n\
             [[evaluation.grade]]\nlabel = \"C\"\npace_at_least = 0.5",
        )
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains(
                "pace_at_least of [[evaluation.grade]] must be a number, not the string \"1.0\""
            ),
            "{e:?}"
        );
        // The sound bands are still checked against each other.
        let e = load(
            "[[evaluation.grade]]\nlabel = \"A\"\npace_at_least = \"1.0\"\n\
             [[evaluation.grade]]\nlabel = \"B\"\npace_at_least = 0.5\n\
             [[evaluation.grade]]\nlabel = \"C\"\npace_at_least = 0.8",
        )
        .unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e[1].contains("\"C\" is never given: the earlier band \"B\""),
            "{e:?}"
        );
    }
}
