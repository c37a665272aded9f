//! `kpi gap`: gap to target: what it would take to reach each target.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct GapArgs {}

pub fn run(_global: &GlobalArgs, _args: &GapArgs, _out: &mut dyn Write) -> Result<i32> {
    Err(Error::Usage("kpi gap is not built yet".to_string()))
}
