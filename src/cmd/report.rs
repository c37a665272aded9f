//! `kpi report`: the whole status as a document: Markdown or self-contained HTML.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::atomic;
use crate::cli::{GlobalArgs, Selection};
use crate::error::{Error, Result};
use crate::progress::Query;
use crate::render;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file with charts, to print or hand out
    Html,
    /// Markdown tables, for a pull-request comment or a CI job summary
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub selection: Selection,

    /// html or markdown [default: markdown when --output ends in .md or
    /// .markdown, else html]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Write the report to this file (replaced whole, never half-written)
    /// instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl ReportArgs {
    /// The format asked for, else the one the output file's name suggests.
    pub fn format(&self) -> ReportFormat {
        self.format.unwrap_or_else(|| {
            let ext = self
                .output
                .as_deref()
                .and_then(Path::extension)
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            match ext.as_deref() {
                Some("md" | "markdown") => ReportFormat::Markdown,
                _ => ReportFormat::Html,
            }
        })
    }
}

pub fn run(global: &GlobalArgs, args: &ReportArgs, out: &mut dyn Write) -> Result<i32> {
    let loaded = super::load(global)?;
    // A bad --output is a usage error: say so before any other work, write
    // nothing. Over the plan or the ledger first, however it is spelled.
    super::check_output(&loaded.plan, args.output.as_deref())?;
    let target = args.output.as_deref().map(check_output).transpose()?;
    super::print_warnings(&loaded.warnings);
    let format = args.format();
    let query = Query {
        trends: format == ReportFormat::Markdown,
        charts: true,
        ..super::query(&args.selection)?
    };
    let eval = super::evaluate(&loaded, &query)?;
    let style = super::style(global, &loaded.plan);
    let text = match format {
        ReportFormat::Html => render::html::render(&loaded.plan, &eval, &style),
        ReportFormat::Markdown => render::report_md::render(&loaded.plan, &eval, &style),
    };
    match target {
        // Replaced whole: a reader never sees half a report, and a failure
        // leaves any earlier report as it was.
        Some(path) => atomic::replace_or_say(&path, text.as_bytes())
            .map_err(|p| Error::Invalid(crate::problem::Problems(vec![p])))?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(0)
}

/// The output file; refused when its folder is missing or the path is a
/// folder.
fn check_output(path: &Path) -> Result<PathBuf> {
    let shown = path.display();
    if path.as_os_str().is_empty() {
        return Err(Error::Usage(
            "--output: the file name is empty; name the file to write, e.g. --output report.html"
                .to_string(),
        ));
    }
    if path.is_dir() {
        return Err(Error::Usage(format!(
            "--output {shown}: is a folder; name a file in it, e.g. {}",
            path.join("report.html").display()
        )));
    }
    let dir = atomic::parent_or_dot(path);
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "--output {shown}: the folder {} does not exist; create it first",
            dir.display()
        )));
    }
    Ok(path.to_path_buf())
}
