//! One query in, one evaluation out: which KPIs (`--goal`, `--measure`,
//! `--owner`), as of which year (`--year`), which statuses to keep
//! (`--status`), and what the renderer will draw beyond the figures (the
//! trend column, the year tables and charts). `cmd` turns its arguments
//! into a `Query`; renderers draw the `Evaluation` it gives.

use super::detail::{detail, expected_path, trend};
use super::{as_of_year, evaluate_kpi, plan_as_of, tally, Evaluation, KpiProgress, Series};
use crate::plan::Plan;
use crate::status::Status;
use crate::year::FiscalYear;

/// What `kpi status`, `gap`, `check` and `report` evaluate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The as-of year asked for; else the plan's (`progress::plan_as_of`).
    pub year: Option<FiscalYear>,
    pub scope: Scope,
    /// Only the KPIs these statuses match; every KPI when empty.
    pub statuses: StatusFilter,
    /// Each KPI's trend column points (`KpiProgress::trend`).
    pub trends: bool,
    /// Each KPI's year table and chart (`KpiProgress::detail`).
    pub charts: bool,
}

/// The KPIs `--goal`, `--measure` and `--owner` keep: all when none is given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// KPIs leading up to this goal.
    pub goal: Option<String>,
    /// KPIs under this measure or any of its sub-measures.
    pub measure: Option<String>,
    /// KPIs reported by this owning office.
    pub owner: Option<String>,
}

/// A status filter: status names, and `stale` for stale KPIs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusFilter {
    pub statuses: Vec<Status>,
    pub stale: bool,
    /// `preliminary`: KPIs whose latest figure is a 速報値 (`--fail-on` only).
    pub preliminary: bool,
    /// `unexplained` (`--fail-on` only, evaluation-cycle.md §5): the
    /// statuses listed, or the default failing set when none is, flag
    /// only KPIs the as-of year's review has no `comment` for.
    pub unexplained: bool,
}

impl StatusFilter {
    pub fn is_empty(&self) -> bool {
        self.statuses.is_empty() && !self.stale && !self.preliminary && !self.unexplained
    }

    pub fn matches(&self, k: &KpiProgress) -> bool {
        self.statuses.contains(&k.status)
            || (self.stale && k.stale)
            || (self.preliminary && k.remark.as_ref().is_some_and(|r| r.preliminary))
    }
}

impl Scope {
    /// The KPIs in scope, in plan order. An id the plan does not have keeps
    /// nothing (`cmd` refuses it before evaluating).
    pub fn kpis(&self, plan: &Plan) -> Vec<usize> {
        plan.kpis
            .iter()
            .enumerate()
            .filter(|(_, k)| {
                self.goal
                    .as_ref()
                    .is_none_or(|g| plan.kpi_goals(k).iter().any(|x| &x.id == g))
                    && self
                        .measure
                        .as_ref()
                        .is_none_or(|m| plan.kpi_under_measure(k, m))
                    && self
                        .owner
                        .as_ref()
                        .is_none_or(|o| k.owner.as_deref() == Some(o.as_str()))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Keep only the roll-ups `--goal` and `--measure` ask for: the goal
    /// named (or the one the measure leads up to) and the measure with its
    /// sub-measures.
    fn narrow(&self, plan: &Plan, eval: &mut Evaluation) {
        if let Some(goal) = &self.goal {
            eval.goals.retain(|r| &plan.goals[r.index].id == goal);
            eval.measures.retain(|r| {
                plan.goal_of_measure(&plan.measures[r.index].id)
                    .is_some_and(|g| &g.id == goal)
            });
        }
        if let Some(measure) = &self.measure {
            let goal = plan.goal_of_measure(measure).map(|g| g.id.clone());
            eval.goals
                .retain(|r| Some(&plan.goals[r.index].id) == goal.as_ref());
            eval.measures.retain(|r| {
                plan.measure_path(&plan.measures[r.index].id)
                    .iter()
                    .any(|m| &m.id == measure)
            });
        }
    }
}

impl Query {
    /// The KPIs in scope that the status filter keeps, each evaluated once;
    /// the roll-ups and the missing count are of those KPIs alone, so that
    /// a table and its counts agree. `series[i]` holds the figures of
    /// `plan.kpis[i]`.
    pub fn evaluate(&self, plan: &Plan, series: &[Series]) -> Evaluation {
        let as_of = plan_as_of(self.year, plan, series);
        let shown = as_of_year(self.year, series);
        let empty = Series::new();
        let scope = self.scope.kpis(plan);
        // Room for every KPI in scope, no more: a KPI's progress is some
        // 350 bytes, and doubling as it grew left a national plan's list
        // a third empty at the peak of memory.
        let mut kpis = Vec::with_capacity(if self.statuses.is_empty() {
            scope.len()
        } else {
            0
        });
        for i in scope {
            let s = series.get(i).unwrap_or(&empty);
            let k = evaluate_kpi(i, &plan.kpis[i], s, as_of, &plan.scoring);
            if self.statuses.is_empty() || self.statuses.matches(&k) {
                kpis.push(self.with_detail(plan, s, shown, k));
            }
        }
        let mut eval = tally(plan, series, as_of, kpis);
        self.scope.narrow(plan, &mut eval);
        eval
    }

    /// One KPI (`kpi show`), as of the year asked, else the plan's
    /// (`progress::plan_as_of`); the scope and the status filter do not apply.
    pub fn evaluate_one(
        &self,
        plan: &Plan,
        series: &[Series],
        index: usize,
    ) -> (Option<FiscalYear>, KpiProgress) {
        let as_of = plan_as_of(self.year, plan, series);
        let shown = as_of_year(self.year, series);
        let empty = Series::new();
        let s = series.get(index).unwrap_or(&empty);
        let k = evaluate_kpi(index, &plan.kpis[index], s, as_of, &plan.scoring);
        (as_of, self.with_detail(plan, s, shown, k))
    }

    /// `k` with the trend and the detail this query asks for, drawn to
    /// `shown`: the year asked for, else the newest with a figure of the
    /// plan's KPIs, past the target year the as-of year stops at (figures
    /// after the target year are shown, never scored).
    fn with_detail(
        &self,
        plan: &Plan,
        series: &Series,
        shown: Option<FiscalYear>,
        mut k: KpiProgress,
    ) -> KpiProgress {
        let kpi = k.kpi_of(plan);
        let trend = self.trends.then(|| trend(kpi, series, shown));
        let detail = self.charts.then(|| {
            let mut d = detail(kpi, series, &plan.scoring, &k, shown);
            if k.revision.is_some() {
                d.original_expected = expected_path(&plan.kpis[k.kpi], &plan.scoring);
            }
            Box::new(d)
        });
        if let Some(trend) = trend {
            k.trend = trend;
        }
        if detail.is_some() {
            k.detail = detail;
        }
        k
    }
}

#[cfg(test)]
mod tests;
