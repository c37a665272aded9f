//! `kpi init`: start a new plan folder, or build kpi.toml from an office KPI sheet.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct InitArgs {}

pub fn run(_global: &GlobalArgs, _args: &InitArgs, _out: &mut dyn Write) -> Result<i32> {
    Err(Error::Usage("kpi init is not built yet".to_string()))
}
