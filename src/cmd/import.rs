//! `kpi import`: year-end import of CSV files into the ledger (actuals-format.md).

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {}

pub fn run(_global: &GlobalArgs, _args: &ImportArgs, _out: &mut dyn Write) -> Result<i32> {
    Err(Error::Usage("kpi import is not built yet".to_string()))
}
