//! `kpi template --format xlsx`: the sheet an office fills in, as a
//! workbook (`workbook::write::template`): one sheet per owning office (and
//! one for KPIs with no owner), each a title row, a header and a row per
//! KPI with the previous year's figure and the target for reference.

use rust_xlsxwriter::XlsxError;

use crate::plan::{Kpi, Plan};
use crate::render::{with_unit, Lang};
use crate::series::{Remarks, Series};
use crate::value::{grouped, plain};
use crate::workbook::write::{template, TemplateRow, TemplateSheet};
use crate::year::FiscalYear;

/// What the template is for: the KPIs (indexes into `plan.kpis`, in plan
/// order), the year, and the office when `--owner` named one.
pub struct Request<'a> {
    pub plan: &'a Plan,
    /// Each KPI's figures (`series[i]` for `plan.kpis[i]`), for the
    /// previous year's figure.
    pub series: &'a [Series],
    pub kpis: &'a [usize],
    pub year: FiscalYear,
    pub owner: Option<&'a str>,
    pub lang: Lang,
    /// Across a workspace (the plan is the plan of the series): per
    /// series, the target cell naming each plan that needs it and its
    /// target. The previous figure is then the ledger's alone (each plan
    /// pins its own baseline).
    pub targets: Option<&'a [String]>,
    /// The ledger's remarks, for whether the previous figure is preliminary.
    pub remarks: Option<&'a Remarks>,
}

pub fn render(request: &Request) -> Result<Vec<u8>, XlsxError> {
    template(&sheets(request), request.lang)
}

/// The sheets: the one office asked for, else one per owning office in
/// the order the plan first names them, and the KPIs with no owner last.
pub fn sheets(request: &Request) -> Vec<TemplateSheet> {
    let plan = request.plan;
    let mut offices: Vec<Option<&str>> = Vec::new();
    match request.owner {
        Some(o) => offices.push(Some(o)),
        None => {
            for &i in request.kpis {
                let owner = plan.kpis[i].owner.as_deref();
                if !offices.contains(&owner) {
                    offices.push(owner);
                }
            }
            // No owner last.
            if let Some(at) = offices.iter().position(Option::is_none) {
                let none = offices.remove(at);
                offices.push(none);
            }
        }
    }
    if offices.is_empty() {
        offices.push(None);
    }
    let only_unowned = offices == [None];
    offices
        .into_iter()
        .map(|office| {
            let rows = request
                .kpis
                .iter()
                .map(|&i| (i, &plan.kpis[i]))
                .filter(|(_, k)| request.owner.is_some() || k.owner.as_deref() == office)
                .map(|(i, k)| row(request, i, k))
                .collect();
            let name = match (office, request.lang) {
                (Some(o), _) => o.to_string(),
                (None, Lang::Ja) if only_unowned => "実績値".to_string(),
                (None, Lang::En) if only_unowned => "figures".to_string(),
                (None, Lang::Ja) => "担当課なし".to_string(),
                (None, Lang::En) => "no owner".to_string(),
            };
            TemplateSheet {
                name,
                title: title(plan, request.year, office, request.lang),
                rows,
            }
        })
        .collect()
}

/// The title row, as the CSV template's title line: plan, year, office.
pub fn title(plan: &Plan, year: FiscalYear, office: Option<&str>, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "{} {} 実績値{}",
            plan.title,
            year.label_ja(plan.year_style),
            office.map(|o| format!("（{o}）")).unwrap_or_default()
        ),
        Lang::En => format!(
            "{}: actual figures for {}{}",
            plan.title,
            year.label(plan.year_style),
            office.map(|o| format!(" ({o})")).unwrap_or_default()
        ),
    }
}

fn row(request: &Request, index: usize, kpi: &Kpi) -> TemplateRow {
    let style = request.plan.year_style;
    // The year this row's figure is for: the year asked, less the KPI's lag.
    let year = kpi.figure_year(request.year);
    let before = FiscalYear(year.0 - 1);
    // The ledger's figure, else the baseline when it is that year's.
    let ledger = request
        .series
        .get(index)
        .and_then(|s| s.get(&before))
        .copied();
    let previous = match request.targets {
        Some(_) => ledger,
        None => ledger.or_else(|| (kpi.baseline.year == before).then_some(kpi.baseline.value)),
    };
    // The target in force for the year asked (a revision may have moved it).
    let target = kpi.target_as_of(year);
    let target = match request.targets {
        Some(targets) => targets.get(index).cloned().unwrap_or_default(),
        None => format!(
            "{} ({})",
            with_unit(
                &grouped(target.value, target.value.scale()),
                kpi.unit.as_deref()
            ),
            target.year.label(style)
        ),
    };
    TemplateRow {
        id: kpi.id.clone(),
        name: kpi.name.clone(),
        unit: kpi.unit.clone().unwrap_or_default(),
        year: year.label(style),
        previous: previous.map(|v| plain(v, v.scale())),
        // Only the ledger's figure can be preliminary, never the baseline.
        previous_preliminary: ledger.is_some()
            && request
                .remarks
                .and_then(|r| r.get(&(index, before)))
                .is_some_and(|r| r.preliminary),
        target,
    }
}
