//! `kpi missing`: who still owes figures for a year, by owning office.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct MissingArgs {}

pub fn run(_global: &GlobalArgs, _args: &MissingArgs, _out: &mut dyn Write) -> Result<i32> {
    Err(Error::Usage("kpi missing is not built yet".to_string()))
}
