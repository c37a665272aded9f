//! `kpi gap`: gap to target: what it would take to reach each target.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{Format, GlobalArgs, Selection};
use crate::error::{Error, Result};
use crate::progress::gap;
use crate::render;

#[derive(Debug, clap::Args)]
pub struct GapArgs {
    #[command(flatten)]
    pub selection: Selection,

    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write the output to this file (replaced whole) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(global: &GlobalArgs, args: &GapArgs, out: &mut dyn Write) -> Result<i32> {
    let output = args.output.as_deref();
    let loaded = super::load(global)?;
    // Never over the plan or the ledger, before any work.
    super::check_output(&loaded.plan, output)?;
    super::output::check(output, args.format == Format::Xlsx)?;
    super::print_warnings(&loaded.warnings);
    let eval = super::evaluate(&loaded, &super::query(&args.selection)?)?;
    let rows = gap::rows(&loaded.plan, loaded.series(), &eval);
    let report = render::gap::GapReport {
        plan: &loaded.plan,
        eval: &eval,
        rows: &rows,
    };
    let style = super::style(global, &loaded.plan);
    let text = match args.format {
        Format::Table => render::gap::table(&report, &style),
        Format::Markdown => render::gap::markdown(&report, &style),
        Format::Json => render::gap::json(&report),
        Format::Csv => {
            render::gap::csv(&report).map_err(|e| Error::Io(std::io::Error::other(e)))?
        }
        Format::Xlsx => {
            let bytes = render::xlsx::gap::render(&report, style.lang)
                .map_err(super::output::xlsx_error)?;
            super::output::write(&loaded.plan, &bytes, output, out)?;
            return Ok(0);
        }
    };
    super::output::write(&loaded.plan, text.as_bytes(), output, out)?;
    Ok(0)
}
