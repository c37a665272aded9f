//! The arguments that say which KPIs and as of when, shared by `status`,
//! `gap`, `check` and `report` (`missing`, `template` and `show` take part
//! of them), and their checking in two steps: the year and the status
//! names before any file is read (`ScopeArgs::query`,
//! `SelectionArgs::query`), the ids against the plan once it is loaded
//! (`check_scope`).

pub use crate::args::select::{ScopeArgs, SelectionArgs};

use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::progress::{Query, Scope, StatusFilter};
use crate::status::Status;
use crate::suggest;
use crate::year::FiscalYear;

impl ScopeArgs {
    /// The query of the year and the ids given, the year checked; the ids
    /// are checked against the plan by `check_scope`.
    pub fn query(&self) -> Result<Query> {
        Ok(Query {
            year: self.year.as_deref().map(parse_year).transpose()?,
            scope: Scope {
                goal: self.goal.clone(),
                measure: self.measure.clone(),
                owner: self.owner.clone(),
            },
            ..Query::default()
        })
    }
}

impl SelectionArgs {
    /// The filters as they were given (`--owner 保育課`, `--status missed`),
    /// for the line that says nothing matched them.
    pub fn filter_words(&self) -> Vec<String> {
        let scope = &self.scope;
        let mut out = Vec::new();
        for (flag, value) in [
            ("--goal", &scope.goal),
            ("--measure", &scope.measure),
            ("--owner", &scope.owner),
        ] {
            if let Some(v) = value {
                out.push(format!("{flag} {v}"));
            }
        }
        if !self.status.is_empty() {
            out.push(format!("--status {}", self.status.join(",")));
        }
        out
    }

    /// `ScopeArgs::query` with the status filter, checked.
    pub fn query(&self) -> Result<Query> {
        let query = self.scope.query()?;
        let statuses = status_filter("--status", &self.status)?;
        if statuses.preliminary {
            // The filter applies while evaluating, before the ledger's flags
            // are attached; `kpi check --fail-on preliminary` is the use.
            return Err(Error::Usage(
                "--status: preliminary is not a status; use kpi check --fail-on preliminary"
                    .to_string(),
            ));
        }
        if statuses.unexplained {
            return Err(Error::Usage(
                "--status: unexplained is not a status; use kpi check --fail-on unexplained"
                    .to_string(),
            ));
        }
        Ok(Query { statuses, ..query })
    }
}

/// A `--year`.
pub fn parse_year(text: &str) -> Result<FiscalYear> {
    FiscalYear::parse(text).map_err(|e| Error::Usage(format!("--year: {e}")))
}

/// Refuse a `--year` that has not begun by today (the clock, or
/// `KPI_TODAY`): judged against it, every KPI would be measured against a
/// path not yet walked. Import and record refuse such a figure the same way.
pub fn check_year_begun(plan: &Plan, year: Option<FiscalYear>) -> Result<()> {
    let Some(year) = year else {
        return Ok(());
    };
    check_begun(
        plan,
        year,
        &format!("--year {}", year.label(plan.year_style)),
        "or leave --year out for the newest year in the ledger",
    )
}

/// `check_year_begun` for a year given as `what` (`--year R12`,
/// `TO now:2030`), with what else to do.
pub fn check_begun(plan: &Plan, year: FiscalYear, what: &str, otherwise: &str) -> Result<()> {
    let Ok(today) = crate::settings::today() else {
        return Ok(()); // a bad KPI_TODAY is refused before any work (check_today)
    };
    let current = today.fiscal_year(plan.fiscal_year_start);
    if year <= current {
        return Ok(());
    }
    let by = if crate::settings::today_is_set() {
        format!(" by {}", crate::today::VARIABLE)
    } else {
        String::new()
    };
    let labelled = |y| crate::ledger::years::labelled(plan, y);
    Err(Error::Usage(format!(
        "{what}: fiscal year {} has not begun yet (today is {today}{by}, in fiscal year {}); give {} or an earlier year, {otherwise}",
        labelled(year),
        labelled(current),
        current.label(plan.year_style),
    )))
}

/// The scope of `--owner` alone (`missing`, `template`).
pub fn owner_scope(owner: Option<&str>) -> Scope {
    Scope {
        owner: owner.map(str::to_string),
        ..Scope::default()
    }
}

/// `--status` (or `--fail-on`) names: status names, `stale` for stale KPIs,
/// and `preliminary` for KPIs whose latest figure is preliminary.
pub fn status_filter(flag: &str, names: &[String]) -> Result<StatusFilter> {
    let mut f = StatusFilter::default();
    let mut unknown = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if name == "stale" {
            f.stale = true;
        } else if name == "preliminary" {
            f.preliminary = true;
        } else if name == "unexplained" {
            f.unexplained = true;
        } else if let Ok(st) = name.parse::<Status>() {
            f.statuses.push(st);
        } else {
            unknown.push(format!("`{name}`"));
        }
    }
    if !unknown.is_empty() {
        // Every unknown name at once, so one fix is enough.
        let known: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
        return Err(Error::Usage(format!(
            "{flag}: unknown status {}; write a comma list of {}, or stale (or, for --fail-on, preliminary)",
            unknown.join(", "),
            known.join(", ")
        )));
    }
    Ok(f)
}

/// Refuse a `--goal`, `--measure` or `--owner` the plan does not have,
/// naming the close ones (`suggest::unknown_id`).
pub fn check_scope(plan: &Plan, scope: &Scope) -> Result<()> {
    if let Some(g) = &scope.goal {
        if plan.goal(g).is_none() {
            let ids: Vec<&str> = plan.goals.iter().map(|g| g.id.as_str()).collect();
            let hint =
                suggest::unknown_id(g, "goal", &ids, "`kpi export plan` lists each goal's id");
            return Err(Error::Usage(format!(
                "--goal: the plan has no goal `{g}`; {hint}"
            )));
        }
    }
    if let Some(m) = &scope.measure {
        if plan.measure(m).is_none() {
            let ids: Vec<&str> = plan.measures.iter().map(|m| m.id.as_str()).collect();
            let hint = suggest::unknown_id(
                m,
                "measure",
                &ids,
                "`kpi export plan` lists each measure's id",
            );
            return Err(Error::Usage(format!(
                "--measure: the plan has no measure `{m}`; {hint}"
            )));
        }
    }
    if let Some(o) = &scope.owner {
        if !plan
            .kpis
            .iter()
            .any(|k| k.owner.as_deref() == Some(o.as_str()))
        {
            let mut owners: Vec<&str> = plan
                .kpis
                .iter()
                .filter_map(|k| k.owner.as_deref())
                .collect();
            owners.sort_unstable();
            owners.dedup();
            let hint = suggest::unknown_id(
                o,
                "owner",
                &owners,
                "`kpi export plan` lists each KPI's owner",
            );
            return Err(Error::Usage(format!(
                "--owner: no KPI is owned by `{o}`; {hint}"
            )));
        }
    }
    Ok(())
}

/// The KPIs `scope` keeps, in plan order, once it is checked against the plan.
pub fn select_kpis(plan: &Plan, scope: &Scope) -> Result<Vec<usize>> {
    check_scope(plan, scope)?;
    Ok(scope.kpis(plan))
}
