//! `kpi check`'s verdict: which evaluated KPIs are flagged by `--fail-on`,
//! and how loudly. A KPI flagged for a status that means the plan is going
//! wrong (`off_track`, `worsening`, `missed`) is an error; one flagged only
//! for another status a user chose to fail on (`at_risk`, `no_data`, …) or
//! for being `stale` is a warning. Both fail the check (exit 1).

use super::{Evaluation, StatusFilter};
use crate::problem::Severity;
use crate::status::Status;

/// The statuses whose flag is an error rather than a warning.
pub const ERROR_STATUSES: [Status; 3] = [Status::OffTrack, Status::Worsening, Status::Missed];

/// One flagged KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    /// Index into `evaluation.kpis`.
    pub row: usize,
    /// Its status is one `--fail-on` names.
    pub by_status: bool,
    /// It is stale and `--fail-on` names `stale`.
    pub by_stale: bool,
    /// Its latest figure is preliminary and `--fail-on` names `preliminary`.
    pub by_preliminary: bool,
    /// Flagged by its status under `--fail-on unexplained`: no review
    /// comment explains it.
    pub unexplained: bool,
    pub level: Severity,
}

/// The KPIs of `eval` that `fail_on` flags (its statuses, and `stale` and
/// `preliminary` when asked), in evaluation order.
pub fn flags(eval: &Evaluation, fail_on: &StatusFilter) -> Vec<Flag> {
    eval.kpis
        .iter()
        .enumerate()
        .filter_map(|(row, k)| {
            // `unexplained` narrows the statuses listed (or, with none
            // listed, the default failing set) to KPIs with no comment.
            let failing: &[Status] = if fail_on.unexplained && fail_on.statuses.is_empty() {
                &ERROR_STATUSES
            } else {
                &fail_on.statuses
            };
            let by_status = failing.contains(&k.status) && !(fail_on.unexplained && k.explained);
            let by_stale = fail_on.stale && k.stale;
            let by_preliminary =
                fail_on.preliminary && k.remark.as_ref().is_some_and(|r| r.preliminary);
            let level = if by_status && ERROR_STATUSES.contains(&k.status) {
                Severity::Error
            } else {
                Severity::Warning
            };
            (by_status || by_stale || by_preliminary).then_some(Flag {
                row,
                by_status,
                by_stale,
                by_preliminary,
                unexplained: by_status && fail_on.unexplained,
                level,
            })
        })
        .collect()
}
