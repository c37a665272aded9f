//! `kpi show KPI`: one KPI, every year against its expected path.

use std::io::Write;

use clap::ValueEnum;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::ledger::import::normalise::KpiFinder;
use crate::progress::Query;
use crate::render;
use crate::suggest;

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The KPI's id or its name (as import and record read them)
    pub kpi: String,

    /// Evaluate as of this fiscal year [default: the newest year in the ledger]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// table or json
    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
}

/// `kpi show`'s arguments, checked (the KPI against the plan, once loaded).
#[derive(Debug)]
pub struct ShowSettings {
    pub kpi: String,
    pub query: Query,
    pub format: ShowFormat,
}

impl ShowArgs {
    pub fn settings(&self) -> Result<ShowSettings> {
        Ok(ShowSettings {
            kpi: self.kpi.clone(),
            query: Query {
                year: self
                    .year
                    .as_deref()
                    .map(super::select::parse_year)
                    .transpose()?,
                charts: true,
                ..Query::default()
            },
            format: self.format,
        })
    }
}

pub fn run(global: &GlobalArgs, settings: &ShowSettings, out: &mut dyn Write) -> Result<i32> {
    let loaded = super::load(global)?;
    super::print_warnings(&loaded.warnings);
    let plan = &loaded.plan;
    // An id or a name, as `kpi import` and `kpi record` read them.
    let Some(index) = KpiFinder::new(plan).find(&settings.kpi) else {
        let ids: Vec<&str> = plan.kpis.iter().map(|k| k.id.as_str()).collect();
        let hint = suggest::unknown_id(
            &settings.kpi,
            "KPI",
            &ids,
            "`kpi status --format csv` lists each KPI's id",
        );
        return Err(Error::Usage(format!(
            "the plan has no KPI `{}`; {hint}",
            settings.kpi
        )));
    };
    let (as_of, mut k) = settings.query.evaluate_one(plan, loaded.series(), index);
    crate::progress::remarks::attach_one(&mut k, &loaded.ledger.remarks);
    let review = match as_of {
        Some(year) => super::year_review(plan, year)?,
        None => Default::default(),
    };
    let review = review.kpis.get(&plan.kpis[index].id);
    let text = match settings.format {
        ShowFormat::Json => render::show::render_json(plan, &k, as_of, review),
        ShowFormat::Table => render::show::render(plan, &k, review, &super::style(global, plan)),
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}
