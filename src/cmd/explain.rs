//! `kpi explain KPI`: the arithmetic behind one KPI's status and grade
//! (evaluation-cycle.md §4), from the evaluation `kpi status` makes.

pub use crate::args::explain::{ExplainArgs, ExplainFormat};

use std::io::Write;

use crate::error::{Error, Result};
use crate::progress::Query;
use crate::render;
use crate::scope::{Reads, Scope};
use crate::settings::Settings;

/// `kpi explain`'s arguments, checked.
#[derive(Debug)]
pub struct ExplainSettings {
    pub kpi: String,
    pub query: Query,
    pub format: ExplainFormat,
}

impl ExplainArgs {
    pub fn settings(&self) -> Result<ExplainSettings> {
        let year = self.year.as_deref().map(crate::select::parse_year);
        Ok(ExplainSettings {
            kpi: self.kpi.clone(),
            query: Query {
                year: year.transpose()?,
                ..Query::default()
            },
            format: self.format,
        })
    }
}

pub fn run(global: &Settings, settings: &ExplainSettings, out: &mut dyn Write) -> Result<i32> {
    let scope = Scope::open(global, Reads::Ledger)?;
    super::print_warnings(scope.warnings());
    let wanted = settings.kpi.as_str();
    let (member, index) = scope.find_kpi(wanted)?;
    let plan = &member.plan;
    // The evaluation of `kpi status`, whole: the same figures, status and grade.
    let eval = super::evaluate(plan, &member.ledger, &settings.query)?;
    let k = eval
        .for_kpi(index)
        .ok_or_else(|| Error::Usage(format!("KPI `{wanted}` was not evaluated")))?;
    let style = super::style(global, plan);
    let doc = crate::explain::explain(plan, k, eval.as_of, &eval.beside, &style);
    match settings.format {
        ExplainFormat::Json => {
            let mut text = serde_json::to_string_pretty(&doc).map_err(std::io::Error::other)?;
            text.push('\n');
            out.write_all(text.as_bytes())?;
        }
        ExplainFormat::Table => out.write_all(render::explain::table(&doc, &style).as_bytes())?,
        ExplainFormat::Markdown => {
            out.write_all(render::explain::markdown(&doc, &style).as_bytes())?
        }
    }
    Ok(0)
}
