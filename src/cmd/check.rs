//! `kpi check`: for CI: list the KPIs in failing statuses; exit 1 if there are any.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

pub fn run(_global: &GlobalArgs, _args: &CheckArgs, _out: &mut dyn Write) -> Result<i32> {
    Err(Error::Usage("kpi check is not built yet".to_string()))
}
