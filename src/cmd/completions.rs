//! `kpi completions SHELL`: the shell's completion script for `kpi`, to
//! stdout (README says where each shell wants it).

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> Result<i32> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "kpi", out);
    Ok(0)
}
