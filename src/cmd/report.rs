//! `kpi report`: the whole status as a document: Markdown or self-contained HTML.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {}

pub fn run(_global: &GlobalArgs, _args: &ReportArgs, _out: &mut dyn Write) -> Result<i32> {
    Err(Error::Usage("kpi report is not built yet".to_string()))
}
