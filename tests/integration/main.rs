//! The integration tests: one binary over the real `kpi` binary, one module
//! per area, all on the one `Workdir` harness in `common`.
//!
//! Tests that need a program besides cargo (Chromium, Python 3.11 and
//! openpyxl, LibreOffice, tmux) are `#[ignore = "needs …"]`: `cargo test --
//! --include-ignored` (the README's test command, and CI's) runs them, and
//! fails where the program is missing.

mod common;
/// The benchmark's plan generator, for the tests that need a generated plan.
#[allow(dead_code)]
#[path = "../../examples/gen.rs"]
mod gen;

mod arguments;
mod asaka;
mod bench_smoke;
mod check;
mod cli;
mod environment;
mod evaluation;
mod exact_json;
mod gap;
mod import;
mod import_crash;
mod import_props;
mod markdown;
mod missing;
mod plan_cache;
mod plan_errors;
mod plan_reader;
mod readme;
mod report;
mod report_browser;
mod sheet;
mod sheet_props;
mod trust;
mod unknown_ids;
mod width;
mod words;
mod workbook;
mod workspace_commands;
mod workspace_core;
mod workspace_empty;
mod workspace_init;
mod workspace_ledger;
