//! `kpi diff [FROM] [TO]`: what changed between two evaluations of one
//! plan (evaluation-cycle.md §2, §5). Each side is a published evaluation
//! (`published:A`), the year recomputed from today's plan and ledger
//! (`now:A`), or a bare year: the published one when there is one.

pub use crate::args::publish::{DiffArgs, DiffFormat};

use std::io::Write;

use crate::error::{Error, Result};
use crate::evaluations::{self, read, Snapshot};
use crate::problem::Problems;
use crate::progress::Query;
use crate::render::diff as render;
use crate::scope::{Member, Reads, Scope, View};
use crate::settings::Settings;
use crate::year::FiscalYear;

/// One side of a diff, as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A bare year: published when there is a file, else recomputed.
    Year(FiscalYear),
    Published(FiscalYear),
    Now(FiscalYear),
}

impl Side {
    pub fn parse(text: &str, which: &str) -> Result<Side> {
        let year = |t: &str| {
            FiscalYear::parse(t).map_err(|e| {
                Error::Usage(format!(
                    "{which} `{text}`: {e}; give a year, published:YEAR or now:YEAR"
                ))
            })
        };
        Ok(
            match (text.strip_prefix("published:"), text.strip_prefix("now:")) {
                (Some(y), _) => Side::Published(year(y)?),
                (_, Some(y)) => Side::Now(year(y)?),
                _ => Side::Year(year(text)?),
            },
        )
    }
}

#[derive(Debug)]
pub struct DiffSettings {
    pub from: Option<Side>,
    pub to: Option<Side>,
    pub format: DiffFormat,
}

impl DiffArgs {
    pub fn settings(&self) -> Result<DiffSettings> {
        Ok(DiffSettings {
            from: self
                .from
                .as_deref()
                .map(|t| Side::parse(t, "FROM"))
                .transpose()?,
            to: self
                .to
                .as_deref()
                .map(|t| Side::parse(t, "TO"))
                .transpose()?,
            format: self.format,
        })
    }
}

pub fn run(global: &Settings, settings: &DiffSettings, out: &mut dyn Write) -> Result<i32> {
    let scope = Scope::open(global, Reads::Ledger)?;
    let member = match scope.view() {
        View::One(member) => member,
        View::Many(..) => {
            return Err(Error::Usage(
                "kpi diff compares the evaluations of one plan: give -p NAME, or run it in a member's folder"
                    .to_string(),
            ))
        }
    };
    super::print_warnings(scope.warnings());
    let plan = &member.plan;
    let to_side = match settings.to {
        Some(side) => side,
        None => Side::Year(as_of(member)?),
    };
    let to = snapshot(member, to_side)?;
    let from_side = match settings.from {
        Some(side) => side,
        None => previous(&plan.evaluations, to.year)?,
    };
    let from = snapshot(member, from_side)?;
    let entries = evaluations::diff::diff(plan, &from, &to);
    let style = super::style(global, plan);
    let sides = render::Sides {
        from: &from,
        to: &to,
    };
    let text = match settings.format {
        DiffFormat::Table => render::table(&sides, &entries, &style),
        DiffFormat::Markdown => render::markdown(&sides, &entries, &style),
        DiffFormat::Json => {
            let doc = render::json(&sides, &entries, plan.year_style);
            let mut text = serde_json::to_string_pretty(&doc).map_err(std::io::Error::other)?;
            text.push('\n');
            text
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}

/// The as-of year, as `status` takes it: the newest year with a figure
/// for one of the plan's KPIs, capped at its last target year in force.
fn as_of(member: &Member) -> Result<FiscalYear> {
    crate::progress::plan_as_of(None, &member.plan, &member.ledger.series).ok_or_else(|| {
        Error::Usage("the ledger has no figures, so there is no evaluation to compare; give FROM and TO years".to_string())
    })
}

/// The newest evaluation published before `year`.
fn previous(folder: &std::path::Path, year: FiscalYear) -> Result<Side> {
    evaluations::published_years(folder)
        .into_iter()
        .rev()
        .find(|&y| y < year)
        .map(Side::Published)
        .ok_or_else(|| {
            Error::Usage(format!(
                "no evaluation was published before {} in {}: name the earlier one (kpi diff FROM TO, e.g. now:YEAR)",
                year.0,
                folder.display()
            ))
        })
}

/// The evaluation one side names.
fn snapshot(member: &Member, side: Side) -> Result<Snapshot> {
    let folder = &member.plan.evaluations;
    let file = |y| evaluations::file_of(folder, y);
    match side {
        Side::Published(y) if !file(y).exists() => Err(Error::Usage(format!(
            "published:{}: {} does not exist; publish that year first (kpi publish --year {}) or compare now:{}",
            y.0,
            file(y).display(),
            y.0,
            y.0
        ))),
        Side::Published(y) => published(&file(y)),
        Side::Year(y) if file(y).exists() => published(&file(y)),
        Side::Year(y) | Side::Now(y) => {
            crate::select::check_begun(
                &member.plan,
                y,
                &match side {
                    Side::Now(_) => format!("now:{}", y.label(member.plan.year_style)),
                    _ => format!("year {}", y.label(member.plan.year_style)),
                },
                "or compare a published evaluation (published:YEAR)",
            )?;
            let query = Query {
                year: Some(y),
                ..Query::default()
            };
            let eval = super::evaluate(&member.plan, &member.ledger, &query)?;
            Ok(evaluations::snapshot(&member.plan, &eval, y))
        }
    }
}

fn published(path: &std::path::Path) -> Result<Snapshot> {
    read::read(path).map_err(|p| Error::Invalid(Problems(vec![p])))
}
