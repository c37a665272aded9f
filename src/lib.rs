//! `kpi`: a KPI ledger for public-sector strategic plans.
//!
//! Data goes one way: the plan (`plan`) and the ledger (`ledger`) are
//! loaded, `progress` evaluates them into plain figures, and `render` turns
//! the figures into tables, JSON, CSV or Markdown. `cmd` holds one module per
//! subcommand; `main.rs` only maps results to exit codes.

pub mod adopt;
pub mod args;
pub mod atomic;
pub mod bands;
pub mod breakdown;
/// The command line, by its former name.
pub use args as cli;
pub mod cmd;
pub mod columns;
pub mod cross_plan;
pub mod csv_cells;
pub mod display_path;
pub mod environment;
pub mod error;
pub mod evaluations;
pub(crate) mod exact;
pub mod explain;
pub mod fault;
pub mod ingest;
pub mod init;
pub mod judgement;
pub mod lang;
pub mod ledger;
pub mod line_ends;
pub mod open_data;
pub mod output;
pub mod output_path;
pub mod plan;
pub mod problem;
pub mod progress;
pub mod render;
pub mod review;
pub mod schedule;
pub mod scope;
pub mod select;
pub mod series;
pub mod series_view;
pub mod settings;
pub mod sheet;
pub mod status;
pub mod suggest;
pub mod today;
pub mod unterminated;
pub mod value;
pub mod workbook;
pub mod workspace;
pub mod year;

#[cfg(test)]
mod test_plans;
