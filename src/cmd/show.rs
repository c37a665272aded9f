//! `kpi show KPI`: one KPI, every year against its expected path.

use std::io::Write;

use crate::cli::{Format, GlobalArgs, ShowArgs};
use crate::error::{Error, Result};
use crate::progress::Query;
use crate::render;

pub fn run(global: &GlobalArgs, args: &ShowArgs, out: &mut dyn Write) -> Result<i32> {
    let loaded = super::load(global)?;
    super::print_warnings(&loaded.warnings);
    let plan = &loaded.plan;
    let Some(index) = plan.kpi_index(&args.kpi) else {
        let known: Vec<&str> = plan.kpis.iter().map(|k| k.id.as_str()).collect();
        return Err(Error::Usage(format!(
            "the plan has no KPI \"{}\"; its KPIs are: {}",
            args.kpi,
            known.join(", ")
        )));
    };
    let asked = args.year.as_deref().map(super::parse_year).transpose()?;
    let query = Query {
        year: asked,
        charts: true,
        ..Query::default()
    };
    let (as_of, mut k) = query.evaluate_one(plan, loaded.series(), index);
    crate::progress::remarks::attach_one(&mut k, &loaded.ledger.remarks);
    let review = match as_of {
        Some(year) => super::year_review(plan, year)?,
        None => Default::default(),
    };
    let review = review.kpis.get(&plan.kpis[index].id);
    let text = match args.format {
        Format::Json => render::show::render_json(plan, &k, as_of, review),
        Format::Table => render::show::render(plan, &k, review, &super::style(global, plan)),
        Format::Csv | Format::Markdown | Format::Xlsx => {
            return Err(Error::Usage(
                "kpi show prints --format table or json".to_string(),
            ))
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}
