//! `kpi status --format csv`: one row per KPI, plain numbers, English
//! column names, for spreadsheets and scripts. A text cell that a
//! spreadsheet would run as a formula gets a leading `'`, as `kpi template`
//! writes it (`crate::csv_cells::neutralise`).

use crate::csv_cells::neutralise;
use crate::plan::{Kpi, Plan};
use crate::progress::{Evaluation, KpiProgress};
use crate::value::plain;

const HEADER: [&str; 21] = [
    "id",
    "name",
    "unit",
    "goals",
    "measures",
    "direction",
    "baseline_year",
    "baseline",
    "target_year",
    "target",
    "latest_year",
    "latest",
    "achievement",
    "expected",
    "pace",
    "gap",
    "status",
    "grade",
    "stale",
    "basis",
    "owner",
];

/// The judgement's columns, last, only when some KPI is assessed
/// (evaluation-cycle.md §3): a plan without one prints what it did before.
const JUDGED: [&str; 2] = ["assessed", "assessed_reason"];

pub fn render(plan: &Plan, eval: &Evaluation) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let judged = super::judged::any([eval]);
    w.write_record(header_judged(judged))?;
    for row in rows_judged(plan, eval, judged) {
        w.write_record(&row)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// The status CSV's header.
pub fn header() -> &'static [&'static str] {
    &HEADER
}

/// The columns of a KPI's baseline, target and latest figure, each after
/// its year (`baseline_year` to `latest`), as the gap CSV names them too.
pub fn figure_columns() -> &'static [&'static str] {
    &HEADER[6..12]
}

/// The cells under `figure_columns`, with the KPI's decimals.
pub fn figure_cells(kpi: &Kpi, k: &KpiProgress) -> [String; 6] {
    let places = k.decimals;
    [
        kpi.baseline.year.0.to_string(),
        plain(kpi.baseline.value, places),
        kpi.target.year.0.to_string(),
        plain(kpi.target.value, places),
        k.latest.map(|p| p.year.0.to_string()).unwrap_or_default(),
        k.latest.map(|p| plain(p.value, places)).unwrap_or_default(),
    ]
}

/// The header, with the judgement's columns when `judged`.
pub fn header_judged(judged: bool) -> Vec<&'static str> {
    let mut h = HEADER.to_vec();
    if judged {
        h.extend(JUDGED);
    }
    h
}

/// `rows`, each with the judgement's cells (the label as written and the
/// reason; empty when not assessed) when `judged`.
pub fn rows_judged(plan: &Plan, eval: &Evaluation, judged: bool) -> Vec<Vec<String>> {
    let mut out = rows(plan, eval);
    if judged {
        for (row, k) in out.iter_mut().zip(&eval.kpis) {
            let a = k.assessed.as_ref();
            row.push(neutralise(a.map_or("", |a| a.label.as_str())));
            row.push(neutralise(a.map_or("", |a| a.reason.as_str())));
        }
    }
    out
}

/// The status CSV's rows, a KPI each, every cell as written (the header
/// apart): `render` writes them, and the workspace's CSV with a `plan`
/// column before them (`render::many::Many::table`).
pub fn rows(plan: &Plan, eval: &Evaluation) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(eval.kpis.len());
    for k in &eval.kpis {
        let kpi = k.kpi_of(plan);
        let places = k.decimals;
        let goals: Vec<&str> = plan.kpi_goals(kpi).iter().map(|g| g.id.as_str()).collect();
        let ratio = |r: Option<rust_decimal::Decimal>| {
            r.map(|r| r.normalize().to_string()).unwrap_or_default()
        };
        // Text cells a spreadsheet would run as a formula are neutralised;
        // numbers are written as they are.
        let text = |t: &str| neutralise(t);
        let mut row = vec![
            text(&kpi.id),
            text(&kpi.name),
            text(kpi.unit.as_deref().unwrap_or_default()),
            text(&goals.join(";")),
            text(&kpi.measure_ids().join(";")),
            kpi.direction.name().to_string(),
        ];
        row.extend(figure_cells(kpi, k));
        row.extend([
            ratio(k.achievement),
            ratio(k.expected),
            ratio(k.pace),
            k.gap.map(|g| plain(g, places)).unwrap_or_default(),
            k.status.name().to_string(),
            text(k.grade.as_deref().unwrap_or_default()),
            k.stale.to_string(),
            k.basis.name().to_string(),
            text(kpi.owner.as_deref().unwrap_or_default()),
        ]);
        out.push(row);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_figure_columns_are_each_figure_after_its_year() {
        assert_eq!(
            super::figure_columns().join(","),
            "baseline_year,baseline,target_year,target,latest_year,latest"
        );
    }
}
