//! `kpi template`: a CSV sheet for one year, to send to the offices that report figures.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {}

pub fn run(_global: &GlobalArgs, _args: &TemplateArgs, _out: &mut dyn Write) -> Result<i32> {
    Err(Error::Usage("kpi template is not built yet".to_string()))
}
