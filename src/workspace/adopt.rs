//! The checks `kpi workspace adopt` runs on a plan's figures beyond the
//! import's merge (issue 24, item 9): every check `kpi import` runs on a
//! figure, against the workspace's fiscal year and series, so that nothing
//! is merged that would leave the workspace unreadable; and the merge's
//! hints said as adopt can act on them (it takes no `--replace`).

use crate::ledger::import::Figure;
use crate::ledger::years::{far_past, FigureYears};
use crate::plan::Plan;
use std::path::Path;

use crate::problem::{Location, Problem, Problems};

/// Every figure's year against the series plan (the workspace's fiscal
/// year and today's date): a year not begun in the workspace is an error (a
/// plan alone may count its fiscal year from another month); one far
/// before its KPI's baseline year a warning, as `kpi import` gives (issue
/// 24, item 14). A year after every target year is not said again: the
/// series' last target year is never before the plan's own, whose ledger
/// read warned of it already.
pub fn figure_years(series: &Plan, figures: &[Figure]) -> Problems {
    let years = FigureYears::new(series);
    Problems(
        figures
            .iter()
            .flat_map(|f| {
                let at = || f.location.clone();
                let not_begun = years
                    .problem(series, f.kpi, f.year, at)
                    .filter(|p| p.is_error());
                not_begun
                    .into_iter()
                    .chain(far_past(series, f.kpi, f.year, at))
            })
            .collect(),
    )
}

/// What a conflict asks the user to do, for adopt: settle it in one
/// ledger or the other.
pub const SETTLE: &str = "settle it in one ledger or the other: correct the figure in the plan's own ledger file, or the workspace's figure with kpi record (which replaces a figure when told to), then adopt again";

/// The merge's problems with every hint that offers `--replace` (an
/// import's option, not adopt's) replaced by `SETTLE`.
pub fn without_replace(problems: Problems) -> Problems {
    Problems(
        problems
            .0
            .into_iter()
            .map(|mut p| {
                if p.hint.as_deref().is_some_and(|h| h.contains("--replace")) {
                    p.hint = Some(SETTLE.to_string());
                }
                p
            })
            .collect(),
    )
}

/// The first line of a refused adoption: the plan's figures conflict with
/// the workspace's (`conflict`), or some cannot be in it at all.
pub fn refused(plan_path: &Path, dir: &Path, conflict: bool) -> Problem {
    let (what, hint) = if conflict {
        ("conflict with the workspace's ledger", SETTLE)
    } else {
        (
            "cannot be merged into the workspace's ledger",
            "fix each figure below in the plan's own ledger file, then adopt again",
        )
    };
    Problem::error(
        Location::file(plan_path),
        format!(
            "the figures of {} {what}; nothing was written",
            dir.display()
        ),
    )
    .hint(hint)
}
