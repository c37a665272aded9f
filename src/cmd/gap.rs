//! `kpi gap`: gap to target: what it would take to reach each target.

use std::io::Write;

use clap::ValueEnum;

use super::select::SelectionArgs;
use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::progress::{gap, Query};
use crate::render;

#[derive(Debug, clap::Args)]
pub struct GapArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,

    #[arg(long, value_enum, default_value_t = GapFormat::Table)]
    pub format: GapFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GapFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

/// `kpi gap`'s arguments, checked.
#[derive(Debug)]
pub struct GapSettings {
    pub query: Query,
    pub format: GapFormat,
}

impl GapArgs {
    pub fn settings(&self) -> Result<GapSettings> {
        Ok(GapSettings {
            query: self.selection.query()?,
            format: self.format,
        })
    }
}

pub fn run(global: &GlobalArgs, settings: &GapSettings, out: &mut dyn Write) -> Result<i32> {
    let loaded = super::load(global)?;
    super::print_warnings(&loaded.warnings);
    let eval = loaded.evaluate(&settings.query)?;
    let rows = gap::rows(&loaded.plan, loaded.series(), &eval);
    let report = render::gap::GapReport {
        plan: &loaded.plan,
        eval: &eval,
        rows: &rows,
    };
    let style = super::style(global, &loaded.plan);
    let text = match settings.format {
        GapFormat::Table => render::gap::table(&report, &style),
        GapFormat::Markdown => render::gap::markdown(&report, &style),
        GapFormat::Json => render::gap::json(&report),
        GapFormat::Csv => {
            render::gap::csv(&report).map_err(|e| Error::Io(std::io::Error::other(e)))?
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}
