//! `kpi validate`: the plan and the ledger, every problem with its place.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::Result;
use crate::lang::count;

pub fn run(global: &GlobalArgs, out: &mut dyn Write) -> Result<i32> {
    let loaded = super::load(global)?;
    super::print_warnings(&loaded.warnings);
    let plan = &loaded.plan;
    writeln!(
        out,
        "ok: {}: {}, {}, {}; ledger: {}, {}; {}",
        plan.path.display(),
        count(plan.goals.len(), "goal", "goals"),
        count(plan.measures.len(), "measure", "measures"),
        count(plan.kpis.len(), "KPI", "KPIs"),
        count(loaded.ledger.files.len(), "file", "files"),
        count(loaded.ledger.figure_count(), "figure", "figures"),
        count(loaded.warnings.warnings().count(), "warning", "warnings"),
    )?;
    super::finish(loaded);
    Ok(0)
}
