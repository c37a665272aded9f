//! `kpi record`: record one figure by hand, through the same checks as import.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct RecordArgs {}

pub fn run(_global: &GlobalArgs, _args: &RecordArgs, _out: &mut dyn Write) -> Result<i32> {
    Err(Error::Usage("kpi record is not built yet".to_string()))
}
