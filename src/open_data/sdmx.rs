//! `kpi export sdmx`: the ledger's figures as SDMX-CSV 2.0, one row per
//! figure (breakdowns.md, "Open data").
//!
//! The area dimension is the plan's dimension whose id is `area` when it
//! gives codes: its categories' codes go to `REF_AREA` instead of a column
//! of their own. Any other dimension, an `area` without codes among them,
//! is a column named by its id in upper case.

use super::{category_of, Figure, Figures};
use crate::breakdown::Dimension;
use crate::plan::{Kpi, Plan};
use crate::problem::{Location, Problem, Problems};

/// The id of the dimension whose codes are areas (`REF_AREA`).
const AREA: &str = "area";
/// The cell of a figure that is the total over a dimension.
const TOTAL: &str = "_T";
/// The cell of a dimension the KPI is not broken down by.
const NOT_APPLICABLE: &str = "_Z";

/// The columns before the dimensions' and after them.
const BEFORE: [&str; 6] = [
    "STRUCTURE",
    "STRUCTURE_ID",
    "ACTION",
    "REF_AREA",
    "SERIES",
    "TIME_PERIOD",
];
const AFTER: [&str; 4] = ["OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS", "COMMENT_OBS"];

/// A dimension whose column would repeat one of SDMX-CSV's own (`series`
/// is `SERIES`) or another dimension's: the file would be ambiguous.
pub fn check(plan: &Plan) -> Problems {
    let area = area_dimension(plan);
    let mut taken: Vec<String> = BEFORE.iter().chain(&AFTER).map(|c| c.to_string()).collect();
    let mut problems = Problems::default();
    for (d, dimension) in plan.dimensions.iter().enumerate() {
        if Some(d) == area {
            continue;
        }
        let column = dimension.id.to_ascii_uppercase();
        if taken.contains(&column) {
            problems.push(
                Problem::error(
                    Location::line(&plan.path, dimension.line),
                    format!(
                        "the dimension {} would be the SDMX-CSV column {column}, which the file already has; nothing was written",
                        dimension.id
                    ),
                )
                .hint("rename the dimension's id (and the ledger's column of that name)"),
            );
        }
        taken.push(column);
    }
    problems
}

/// Write the SDMX-CSV text of every figure of `figures`' plan to `out`,
/// KPIs in plan order (`Figures::of` gives each KPI's order), a field at a
/// time: a national ledger's million rows are streamed, not gathered.
pub fn write(figures: &Figures, out: impl std::io::Write) -> Result<(), csv::Error> {
    let plan = figures.plan;
    let area = area_dimension(plan);
    let columns: Vec<usize> = (0..plan.dimensions.len())
        .filter(|&d| Some(d) != area)
        .collect();
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<String> = BEFORE.map(String::from).to_vec();
    header.extend(
        columns
            .iter()
            .map(|&d| plan.dimensions[d].id.to_ascii_uppercase()),
    );
    header.extend(AFTER.map(String::from));
    w.write_record(&header)?;
    let structure_id = format!("KPI:{}(1.0)", plan.id.as_deref().unwrap_or("PLAN"));
    for (k, kpi) in plan.kpis.iter().enumerate() {
        let unit = kpi.unit.as_deref().unwrap_or_default();
        for figure in figures.of(k) {
            let actual = figure.actual;
            w.write_field("dataflow")?;
            w.write_field(&structure_id)?;
            w.write_field("I")?;
            w.write_field(ref_area(plan, kpi, area, &figure))?;
            w.write_field(&kpi.id)?;
            w.write_field(figure.year.0.to_string())?;
            for &d in &columns {
                w.write_field(cell(&plan.dimensions[d], category_of(kpi, figure.key, d)))?;
            }
            w.write_field(actual.value.to_string())?;
            w.write_field(unit)?;
            w.write_field(if actual.preliminary { "P" } else { "A" })?;
            w.write_field(actual.note.as_deref().unwrap_or_default())?;
            w.write_record(None::<&[u8]>)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// `write`, as text.
#[cfg(test)]
pub fn render(figures: &Figures) -> Result<String, csv::Error> {
    let mut bytes = Vec::new();
    write(figures, &mut bytes)?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// The plan's area dimension: the one whose id is `area`, when it gives codes.
pub fn area_dimension(plan: &Plan) -> Option<usize> {
    plan.dimensions
        .iter()
        .position(|d| d.id == AREA && !d.codes.is_empty())
}

/// `REF_AREA`: the code of the figure's area category, else the plan's own
/// `area_code` (empty when it has none).
fn ref_area<'p>(plan: &'p Plan, kpi: &Kpi, area: Option<usize>, figure: &Figure) -> &'p str {
    let code = area
        .and_then(|a| category_of(kpi, figure.key, a).flatten().map(|c| (a, c)))
        .and_then(|(a, c)| plan.dimensions[a].code(c));
    code.or(plan.area_code.as_deref()).unwrap_or_default()
}

/// A dimension's cell: the category's code when the dimension gives codes,
/// else its name; `_T` for the total over it, `_Z` when the KPI is not
/// broken down by it.
fn cell(dimension: &Dimension, category: Option<Option<usize>>) -> &str {
    match category {
        None => NOT_APPLICABLE,
        Some(None) => TOTAL,
        Some(Some(c)) => dimension
            .code(c)
            .or_else(|| dimension.categories.get(c).map(String::as_str))
            .unwrap_or_default(),
    }
}
