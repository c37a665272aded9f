//! Each KPI's judgement and explanation from the as-of year's review
//! (evaluation-cycle.md §3), put beside its figures after evaluating: the
//! figures, status and grade are never touched.

use super::{Evaluation, KpiProgress};
use crate::plan::Plan;
use crate::review::YearReview;

/// Set `assessed` and `explained` on every KPI of `eval` from `eval.review`.
pub fn attach(plan: &Plan, eval: &mut Evaluation) {
    for k in &mut eval.kpis {
        attach_one(plan, k, &eval.review);
    }
}

/// `attach` for one KPI (`kpi show`, `kpi explain`). A comment of blanks
/// only explains nothing.
pub fn attach_one(plan: &Plan, k: &mut KpiProgress, review: &YearReview) {
    let id = &plan.kpis[k.kpi].id;
    k.assessed = review.assessed.get(id).cloned().map(Box::new);
    k.explained = review
        .kpis
        .get(id)
        .and_then(|r| r.comment.as_deref())
        .is_some_and(|c| !c.trim().is_empty());
}
