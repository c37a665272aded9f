//! `kpi validate`: the plan and the ledger, every problem with its place.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::Result;

pub fn run(global: &GlobalArgs, out: &mut dyn Write) -> Result<i32> {
    let loaded = super::load_strict(global)?;
    super::print_warnings(&loaded.warnings);
    let plan = &loaded.plan;
    writeln!(
        out,
        "ok: {}: {} goals, {} measures, {} KPIs; ledger: {} files, {} figures; {} warnings",
        plan.path.display(),
        plan.goals.len(),
        plan.measures.len(),
        plan.kpis.len(),
        loaded.ledger.files.len(),
        loaded.ledger.figure_count(),
        loaded.warnings.warnings().count(),
    )?;
    super::finish(loaded);
    Ok(0)
}
