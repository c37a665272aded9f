//! `kpi publish`: write the evaluation of a year as published
//! (`evaluations/A.json`, evaluation-cycle.md §2): the status JSON document
//! of that year with a `published` object, for each member covered.

pub use crate::args::publish::PublishArgs;

use std::io::Write;

use crate::error::{Error, Result};
use crate::evaluations::publish;
use crate::problem::Problems;
use crate::progress::Query;
use crate::scope::{Member, Reads, Scope};
use crate::settings::Settings;
use crate::year::FiscalYear;

/// `kpi publish`'s arguments, checked.
#[derive(Debug)]
pub struct PublishSettings {
    pub year: Option<FiscalYear>,
    pub replace: bool,
}

impl PublishArgs {
    pub fn settings(&self) -> Result<PublishSettings> {
        let year = self
            .year
            .as_deref()
            .map(crate::select::parse_year)
            .transpose()?;
        Ok(PublishSettings {
            year,
            replace: self.replace,
        })
    }
}

pub fn run(_global: &Settings, settings: &PublishSettings, out: &mut dyn Write) -> Result<i32> {
    // A ledger an import left half-written is never published.
    let scope = Scope::open(_global, Reads::LedgerStrict)?;
    super::print_warnings(scope.warnings());
    let today = crate::settings::today().map_err(Error::Usage)?;
    let docs = scope.each_covered(|m| document(m, settings, &today.to_string()))?;
    // Every member's file is checked free before any is written.
    let members: Vec<&Member> = scope.covered_members().collect();
    let refused: Vec<_> = members
        .iter()
        .zip(&docs)
        .filter_map(|(m, (year, _))| {
            publish::check_free(&m.plan.evaluations, *year, settings.replace).err()
        })
        .collect();
    if !refused.is_empty() {
        return Err(Error::Invalid(Problems(refused)));
    }
    for (m, (year, bytes)) in members.iter().zip(&docs) {
        let written = publish::write(&m.plan.evaluations, *year, bytes, settings.replace)
            .map_err(|p| Error::Invalid(Problems(vec![p])))?;
        let label = year.label(m.plan.year_style);
        writeln!(out, "published {} ({label})", written.file.display())?;
        if let Some(kept) = written.kept {
            writeln!(out, "kept the replaced file as {}", kept.display())?;
        }
    }
    Ok(0)
}

/// One member's published document: its year and bytes.
fn document(m: &Member, settings: &PublishSettings, date: &str) -> Result<(FiscalYear, Vec<u8>)> {
    let query = Query {
        year: settings.year,
        ..Query::default()
    };
    let mut eval = super::evaluate(&m.plan, &m.ledger, &query)?;
    let Some(year) = eval.as_of else {
        return Err(Error::Usage(format!(
            "{}: the ledger has no figures, so there is no year to publish; give --year YEAR",
            m.plan.path.display()
        )));
    };
    // What was published before for this year is not part of what is
    // published now: the file says what the council reads.
    eval.beside.published_year = None;
    for b in eval.beside.kpis.values_mut() {
        b.published = None;
        b.changes.clear();
    }
    let published = serde_json::json!({
        "date": date,
        "kpi_version": env!("CARGO_PKG_VERSION"),
    });
    let mut bytes = Vec::new();
    crate::render::json::write_with(&m.plan, &eval, Some(&published), &mut bytes)?;
    Ok((year, bytes))
}
