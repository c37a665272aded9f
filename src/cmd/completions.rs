//! `kpi completions SHELL`: the shell's completion script for `kpi`, to
//! stdout (README says where each shell wants it).

pub use crate::args::completions::CompletionsArgs;

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> Result<i32> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "kpi", out);
    Ok(0)
}
