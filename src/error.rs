//! The library's error: what went wrong, and the exit code it maps to.

use crate::problem::Problems;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The plan, the ledger or an input file is invalid: every problem found.
    #[error("invalid input ({})", crate::lang::count(.0.errors().count(), "problem", "problems"))]
    Invalid(Problems),
    /// The command line asks for something that cannot be done (an unknown
    /// goal id, a bad year): the message and what to do.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    /// Exit codes of cli.md: every error is 2 (1 is only `check`'s verdict).
    pub fn exit_code(&self) -> i32 {
        2
    }
}

pub type Result<T> = std::result::Result<T, Error>;
