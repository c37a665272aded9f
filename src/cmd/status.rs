//! `kpi status`: the progress table.

use std::io::Write;

use crate::cli::{Format, GlobalArgs, StatusArgs};
use crate::error::{Error, Result};
use crate::progress::Query;
use crate::render;

pub fn run(global: &GlobalArgs, args: &StatusArgs, out: &mut dyn Write) -> Result<i32> {
    let loaded = super::load(global)?;
    super::print_warnings(&loaded.warnings);
    let query = Query {
        trends: args.format == Format::Table,
        ..super::query(&args.selection)?
    };
    let eval = super::evaluate(&loaded, &query)?;
    let style = super::style(global, &loaded.plan);
    let text = match args.format {
        Format::Table if eval.kpis.is_empty() => {
            render::table::no_match(&super::filter_words(&args.selection), &eval, &style)
        }
        Format::Table => render::table::render_with_trend(&loaded.plan, &eval, &style),
        // Streamed: a national-scale plan's JSON is too big to hold twice.
        Format::Json => {
            render::json::write(&loaded.plan, &eval, out)?;
            super::finish(loaded);
            return Ok(0);
        }
        Format::Csv => render::csv::render(&loaded.plan, &eval)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?,
        Format::Markdown => render::markdown::render(&loaded.plan, &eval, &style),
    };
    out.write_all(text.as_bytes())?;
    super::finish(loaded);
    Ok(0)
}
