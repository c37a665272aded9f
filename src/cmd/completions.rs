//! `kpi completions SHELL`: the shell's completion script for `kpi`, to
//! stdout (README says where each shell wants it).

pub use crate::args::completions::CompletionsArgs;

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> Result<i32> {
    let mut command = Cli::command();
    // Made whole first: clap_complete panics on a failed write (a closed
    // pipe, `kpi completions zsh | head`), which the command's own write
    // reports instead, as every command's.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "kpi", &mut script);
    out.write_all(&script)?;
    Ok(0)
}
