//! The office KPI sheet: a CSV with one row per KPI (per measure it serves),
//! its goal and measure, name, unit, baseline and target with their years
//! and owner. `kpi init --from` builds a plan from one (`read`, then
//! `build`, then `plan_text`); `kpi export plan` writes one (`write`).
//! docs/sheet.md describes the columns and the round trip.

pub mod build;
pub mod cells;
pub mod columns;
pub mod cp932;
pub mod order;
pub mod plan_text;
pub mod read;
pub mod schedule;
pub mod write;
