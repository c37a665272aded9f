//! `kpi validate`: the plan and the ledger, every problem with its place.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::Result;

pub fn run(global: &GlobalArgs, out: &mut dyn Write) -> Result<i32> {
    let mut loaded = super::load_strict(global)?;
    // Only validate warns of KPIs that share a name (import and record
    // refuse the name itself); every other command would repeat it.
    loaded
        .warnings
        .0
        .extend(crate::plan::shared_names(&loaded.plan));
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
