//! The integration tests: one binary over the real `kpi` binary, one module
//! per area, all on the one `Workdir` harness in `common`.
//!
//! Tests that need a program besides cargo (Chromium, Python 3.11 and
//! openpyxl, LibreOffice, tmux, Wine and mingw-w64) are `#[ignore = "needs
//! NAME"]`: `cargo test -- --include-ignored` (`dev/test-all`, which CI runs,
//! after installing them) runs them, and they fail where the program is
//! missing (`common::programs`).

mod common;
/// The benchmark's plan generator, for the tests that need a generated plan.
#[allow(dead_code)]
#[path = "../../examples/gen.rs"]
mod gen;
/// The breakdowns benchmark's generator (issue 28), which takes its random
/// numbers from gen.rs by a module of its own.
#[allow(dead_code, clippy::duplicate_mod)]
#[path = "../../examples/gen_breakdowns.rs"]
mod gen_breakdowns;

mod arguments;
mod asaka;
mod bench_smoke;
mod breakdown_ledger;
mod breakdown_plan;
mod breakdown_sheets;
mod breakdown_show;
mod check;
mod cli;
mod compare;
mod dist;
mod encoding;
mod environment;
mod evaluation;
mod evaluation_example;
mod exact_json;
mod examples;
mod explain;
mod export_open_data;
mod gap;
mod import;
mod import_crash;
mod import_mistakes;
mod import_props;
mod judgement;
mod line_ends;
mod markdown;
mod missing;
mod plan_cache;
mod plan_errors;
mod plan_reader;
mod prefecture_example;
mod published;
mod readme;
mod report;
mod report_browser;
mod schedule;
mod schedule_workspace;
mod sheet;
mod sheet_props;
mod sheet_schedule;
mod target_years;
mod trust;
mod unknown_ids;
mod width;
mod width_workspace;
mod windows;
mod words;
mod workbook;
mod workbook_bounds;
mod workbook_hidden;
mod workspace_as_of;
mod workspace_broken;
mod workspace_commands;
mod workspace_core;
mod workspace_empty;
mod workspace_init;
mod workspace_ledger;
mod workspace_mistakes;
