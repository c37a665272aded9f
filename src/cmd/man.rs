//! `kpi man`: the manual page (roff), from the same definitions as
//! `--help`, to stdout: `kpi man > kpi.1`, or `kpi man | man -l -`.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;

pub fn run(out: &mut dyn Write) -> Result<i32> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(0)
}
