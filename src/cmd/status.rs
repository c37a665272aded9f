//! `kpi status`: the progress table.

use std::io::Write;

use clap::ValueEnum;

use super::select::SelectionArgs;
use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::progress::Query;
use crate::render;

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,

    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

/// `kpi status`'s arguments, checked.
#[derive(Debug)]
pub struct StatusSettings {
    pub query: Query,
    pub format: StatusFormat,
}

impl StatusArgs {
    pub fn settings(&self) -> Result<StatusSettings> {
        Ok(StatusSettings {
            query: Query {
                trends: self.format == StatusFormat::Table,
                ..self.selection.query()?
            },
            format: self.format,
        })
    }
}

pub fn run(global: &GlobalArgs, settings: &StatusSettings, out: &mut dyn Write) -> Result<i32> {
    let loaded = super::load(global)?;
    super::print_warnings(&loaded.warnings);
    let eval = loaded.evaluate(&settings.query)?;
    let style = super::style(global, &loaded.plan);
    let text = match settings.format {
        StatusFormat::Table => render::table::render_with_trend(&loaded.plan, &eval, &style),
        // Streamed: a national-scale plan's JSON is too big to hold twice.
        StatusFormat::Json => {
            render::json::write(&loaded.plan, &eval, out)?;
            super::finish(loaded);
            return Ok(0);
        }
        StatusFormat::Csv => render::csv::render(&loaded.plan, &eval)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?,
        StatusFormat::Markdown => render::markdown::render(&loaded.plan, &eval, &style),
    };
    out.write_all(text.as_bytes())?;
    super::finish(loaded);
    Ok(0)
}
