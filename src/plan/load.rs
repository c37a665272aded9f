//! Loading a plan: from the plan cache when it holds this very file
//! (docs/cache.md), else read from its text (`read/`) and put together
//! table by table (`build.rs`, `fields/`).

use std::path::Path;

use super::build::Builder;
use super::fields::Reader;
use super::read;
use super::Plan;
use crate::problem::{Location, Problem, Problems};

/// Read and validate the plan at `path`. On success, any warnings come along.
pub fn load(path: &Path) -> Result<(Plan, Problems), Problems> {
    load_cached_from(path, super::cache::MIN_SIZE, true)
}

/// `load` for a workspace's member: from the plan cache whatever its size
/// (docs/cache.md), since a workspace reads every member on every command.
/// Its KPIs' breakdowns are left as written (`Plan::written_breakdowns`),
/// matched with the register's dimensions and its own when the workspace
/// is linked.
pub fn load_member(path: &Path) -> Result<(Plan, Problems), Problems> {
    load_cached_from(path, super::cache::MEMBER_MIN_SIZE, false)
}

/// `load`, with plans of `min_size` bytes or more cached; `alone`: a plan
/// read alone, not a workspace's member.
fn load_cached_from(path: &Path, min_size: u64, alone: bool) -> Result<(Plan, Problems), Problems> {
    // A plan read before, byte for byte the same, comes from the cache.
    let cache = super::cache::CacheEntry::for_plan(path, min_size, alone);
    if let Some(hit) = cache.as_ref().and_then(|c| c.lookup(path)) {
        return Ok(hit);
    }
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                let mut p = Problems::default();
                p.push(
                    Problem::error(Location::file(path), "the plan is not UTF-8 text")
                        .hint("save kpi.toml as UTF-8"),
                );
                return Err(p);
            }
        },
        Err(e) => {
            let mut p = Problems::default();
            p.push(
                Problem::error(Location::file(path), format!("cannot read the plan: {e}"))
                    .hint("check the path given to --plan or KPI_PLAN"),
            );
            return Err(p);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let loaded = load_in_pieces(path, text, super::split::pieces_for(text.len()), alone);
    if let (Some(cache), Ok((plan, warnings))) = (&cache, &loaded) {
        cache.store(text.as_bytes(), plan, warnings);
    }
    loaded
}

/// Read and validate a plan from its text; `path` names it in messages and
/// anchors the ledger paths.
pub fn load_str(path: &Path, text: &str) -> Result<(Plan, Problems), Problems> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_in_pieces(path, text, super::split::pieces_for(text.len()), true)
}

/// `load_str` for a workspace member's text (as `load_member` reads it).
pub fn load_member_str(path: &Path, text: &str) -> Result<(Plan, Problems), Problems> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_in_pieces(path, text, super::split::pieces_for(text.len()), false)
}

/// `load_str` with the text read in up to `pieces` pieces at once, whatever
/// its size (plan/split.rs), for tests that check that pieces read as the
/// whole text. A plan with an error is always read whole.
#[doc(hidden)]
pub fn load_str_in_pieces(
    path: &Path,
    text: &str,
    pieces: usize,
) -> Result<(Plan, Problems), Problems> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_in_pieces(path, text, pieces, true)
}

fn load_in_pieces(
    path: &Path,
    text: &str,
    pieces: usize,
    alone: bool,
) -> Result<(Plan, Problems), Problems> {
    if pieces > 1 {
        if let Some(loaded) = super::split::load(path, text, pieces, alone) {
            return Ok(loaded);
        }
    }
    let mut plan = Builder::new(Reader::new(path, text));
    if !alone {
        plan = plan.member();
    }
    match read::read(text, |key, node, root| plan.item(&key, node, root)) {
        Ok(root) => plan.end(root),
        Err(errors) => Err(plan.syntax_errors(errors)),
    }
}

/// Which parser [`load_str_via`] reads the TOML with.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `toml_parser`, section by section, as `load_str` does.
    Parser,
    /// The `toml` crate's whole-document reading (`toml::de::DeTable`), for
    /// tests that check the parser against it.
    Toml,
}

/// `load_str` with the TOML read by one parser or the other; both results
/// go through the same field-by-field reading.
#[doc(hidden)]
pub fn load_str_via(path: &Path, text: &str, via: Via) -> Result<(Plan, Problems), Problems> {
    match via {
        Via::Parser => load_str(path, text),
        Via::Toml => super::oracle::load_str(path, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Basis, Direction, KPI_FIELDS as KPI_KEYS};
    use crate::problem::closest;
    use crate::year::{FiscalYear, YearStyle};
    use rust_decimal::Decimal;

    const HEAD: &str = r#"[plan]
title = "t"
year_style = "era"
fiscal_year_start = 4
baseline_year = "H26"
target_year = "平成31年度"

[evaluation]
on_track = 1.0
at_risk = 0.9
basis = "target"

[[evaluation.grade]]
label = "A"
pace_at_least = 1.0

"#;

    fn plan_text() -> String {
        HEAD.to_string() + &crate::test_plans::goal_measures_rate_count("", "", 13, "")
    }

    #[test]
    fn a_plan_reads_with_defaults_precision_and_lines() {
        let (plan, warnings) = load_str(Path::new("kpi.toml"), &plan_text()).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(plan.year_style, YearStyle::Era);
        assert_eq!(plan.fiscal_year_start, 4);
        assert_eq!(plan.scoring.on_track, Decimal::new(10, 1));
        assert_eq!(plan.scoring.basis, Basis::Target);
        assert_eq!(plan.scoring.grades.len(), 1);
        let rate = &plan.kpis[0];
        // Years default from [plan]; 50.0 keeps its one decimal.
        assert_eq!(rate.baseline.year, FiscalYear(2014));
        assert_eq!(rate.target.year, FiscalYear(2019));
        assert_eq!(rate.target.value.to_string(), "50.0");
        assert_eq!(rate.direction, Direction::Increase);
        assert_eq!(rate.line, 31, "the line of the [[kpi]] header");
        let count = &plan.kpis[1];
        assert_eq!(count.target.value, Decimal::from(21));
        // Milestones in year order, whatever order they were written in.
        let years: Vec<i32> = count.milestones.iter().map(|m| m.year.0).collect();
        assert_eq!(years, vec![2016, 2018]);
        assert!(count.cumulative);
        assert_eq!(
            plan.kpi_goals(count).len(),
            1,
            "two measures of one goal: one goal"
        );
        assert!(plan.kpi_under_measure(count, "1.1"));
    }

    #[test]
    fn a_cycle_of_parents_is_reported() {
        let text = plan_text().replace(
            "goal = \"1\"\nname = \"m\"",
            "parent = \"1.1.1\"\nname = \"m\"",
        );
        let problems = load_str(Path::new("kpi.toml"), &text).unwrap_err();
        assert!(
            problems.0.iter().any(|p| p.message.contains("cycle")),
            "{problems:?}"
        );
    }

    #[test]
    fn typos_find_their_field() {
        assert_eq!(closest("taget", KPI_KEYS), Some("target"));
        assert_eq!(closest("mesures", KPI_KEYS), Some("measures"));
        assert_eq!(closest("zzzzzz", KPI_KEYS), None);
    }
}
