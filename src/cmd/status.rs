//! `kpi status`: the progress table.

use std::io::Write;

use crate::cli::{Format, GlobalArgs, StatusArgs};
use crate::error::{Error, Result};
use crate::progress::Query;
use crate::render;

pub fn run(global: &GlobalArgs, args: &StatusArgs, out: &mut dyn Write) -> Result<i32> {
    let output = args.output.as_deref();
    let loaded = super::load(global)?;
    // Never over the plan or the ledger, before any work.
    super::check_output(&loaded.plan, output)?;
    super::output::check(output, args.format == Format::Xlsx)?;
    super::print_warnings(&loaded.warnings);
    let query = Query {
        trends: args.format == Format::Table,
        ..super::query(&args.selection)?
    };
    let eval = super::evaluate(&loaded, &query)?;
    let style = super::style(global, &loaded.plan);
    let text = match args.format {
        Format::Table => render::table::render_with_trend(&loaded.plan, &eval, &style),
        // Streamed: a national-scale plan's JSON is too big to hold twice.
        Format::Json if output.is_none() => {
            render::json::write(&loaded.plan, &eval, out)?;
            super::finish(loaded);
            return Ok(0);
        }
        Format::Csv => render::csv::render(&loaded.plan, &eval)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?,
        Format::Json => {
            let mut bytes = Vec::new();
            render::json::write(&loaded.plan, &eval, &mut bytes)?;
            String::from_utf8(bytes).map_err(std::io::Error::other)?
        }
        Format::Markdown => render::markdown::render(&loaded.plan, &eval, &style),
        Format::Xlsx => {
            let bytes = render::xlsx::status::render(&loaded.plan, &eval, style.lang)
                .map_err(super::output::xlsx_error)?;
            super::output::write(&loaded.plan, &bytes, output, out)?;
            super::finish(loaded);
            return Ok(0);
        }
    };
    super::output::write(&loaded.plan, text.as_bytes(), output, out)?;
    super::finish(loaded);
    Ok(0)
}
