//! `kpi export`: write the plan back out, e.g. as the office KPI sheet (CSV).

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct ExportArgs {}

pub fn run(_global: &GlobalArgs, _args: &ExportArgs, _out: &mut dyn Write) -> Result<i32> {
    Err(Error::Usage("kpi export is not built yet".to_string()))
}
