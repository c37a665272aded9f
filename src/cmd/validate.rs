//! `kpi validate`: the plan and the ledger, every problem with its place.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::lang::count;

pub fn run(global: &GlobalArgs, out: &mut dyn Write) -> Result<i32> {
    let mut loaded = super::load_strict(global)?;
    // Only validate warns of KPIs that share a name (import and record
    // refuse the name itself); every other command would repeat it.
    loaded
        .warnings
        .0
        .extend(crate::plan::shared_names(&loaded.plan));
    let plan = &loaded.plan;
    // Every review file is checked too (plan-format.md, "Yearly reviews").
    let (reviews, review_problems) = crate::review::read_all(&plan.reviews, plan);
    if review_problems.has_errors() {
        super::print_warnings(&loaded.warnings);
        return Err(Error::Invalid(review_problems));
    }
    super::print_warnings(&loaded.warnings);
    super::print_warnings(&review_problems);
    let warnings = loaded.warnings.warnings().count() + review_problems.warnings().count();
    let reviewed = if reviews.is_empty() {
        String::new()
    } else {
        format!("; reviews: {}", count(reviews.len(), "file", "files"))
    };
    writeln!(
        out,
        "ok: {}: {}, {}, {}; ledger: {}, {}{reviewed}; {}",
        plan.path.display(),
        count(plan.goals.len(), "goal", "goals"),
        count(plan.measures.len(), "measure", "measures"),
        count(plan.kpis.len(), "KPI", "KPIs"),
        count(loaded.ledger.files.len(), "file", "files"),
        count(loaded.ledger.figure_count(), "figure", "figures"),
        count(warnings, "warning", "warnings"),
    )?;
    super::finish(loaded);
    Ok(0)
}
