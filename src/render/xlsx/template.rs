//! `kpi template --format xlsx`: the sheet an office fills in, as a
//! workbook (`workbook::write::template`): one sheet per owning office (and
//! one for KPIs with no owner), each a title row, a header and a row per
//! KPI with the previous year's figure and the target for reference. KPIs
//! with breakdowns have sheets of their own, a column per category.

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
    let mut sheets = Vec::new();
    for office in offices {
        let kpis: Vec<usize> = request
            .kpis
            .iter()
            .copied()
            .filter(|&i| request.owner.is_some() || plan.kpis[i].owner.as_deref() == office)
            .collect();
        let name = match (office, request.lang) {
            (Some(o), _) => o.to_string(),
            (None, Lang::Ja) if only_unowned => "実績値".to_string(),
            (None, Lang::En) if only_unowned => "figures".to_string(),
            (None, Lang::Ja) => "担当課なし".to_string(),
            (None, Lang::En) => "no owner".to_string(),
        };
        let title = title(plan, request.year, office, request.lang);
        // KPIs with breakdowns go on sheets of their own, one per list of
        // dimensions (breakdowns.md, "Templates"), after the office's sheet.
        let (plain, groups) = by_breakdowns(plan, &kpis);
        if !plain.is_empty() || groups.is_empty() {
            sheets.push(TemplateSheet {
                name: name.clone(),
                title: title.clone(),
                rows: plain
                    .iter()
                    .map(|&i| row(request, i, &plan.kpis[i]))
                    .collect(),
                blocks: Vec::new(),
                total: String::new(),
            });
        }
        for (dims, kpis) in groups {
            sheets.push(wide_sheet(
                request,
                &name,
                only_unowned && office.is_none(),
                &title,
                &dims,
                &kpis,
            ));
        }
    }
    sheets
}

/// KPIs (indexes) broken down by one list of dimensions (positions in the
/// plan's), with that list.
type Group = (Vec<usize>, Vec<usize>);

/// `kpis` without breakdowns, and those with, grouped by their list of
/// dimensions in the order first met.
fn by_breakdowns(plan: &Plan, kpis: &[usize]) -> (Vec<usize>, Vec<Group>) {
    let mut plain = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    for &i in kpis {
        let Some(b) = plan.kpis[i].breakdown.as_deref() else {
            plain.push(i);
            continue;
        };
        match groups.iter_mut().find(|(d, _)| *d == b.dimensions) {
            Some((_, members)) => members.push(i),
            None => groups.push((b.dimensions.clone(), vec![i])),
        }
    }
    (plain, groups)
}

/// The sheet of an office's KPIs broken down by `dims`: named after the
/// office and the dimensions (`保育課 年齢別`; `年齢別` when no KPI has an
/// owner), a value column per category (a category two of the dimensions
/// share is headed `年齢=その他`, which import reads) and the total's.
fn wide_sheet(
    request: &Request,
    office: &str,
    alone: bool,
    title: &str,
    dims: &[usize],
    kpis: &[usize],
) -> TemplateSheet {
    let plan = request.plan;
    let names: Vec<&str> = dims
        .iter()
        .map(|&d| plan.dimensions[d].name.as_str())
        .collect();
    let name = match (request.lang, alone) {
        (Lang::Ja, true) => format!("{}別", names.join("・")),
        (Lang::Ja, false) => format!("{office} {}別", names.join("・")),
        (Lang::En, true) => format!("by {}", names.join(", ")),
        (Lang::En, false) => format!("{office} by {}", names.join(", ")),
    };
    let shared = |d: usize, category: &str| {
        dims.iter()
            .any(|&e| e != d && plan.dimensions[e].categories.iter().any(|c| c == category))
    };
    let blocks = dims
        .iter()
        .map(|&d| {
            let dim = &plan.dimensions[d];
            let headings = dim
                .categories
                .iter()
                .map(|c| match shared(d, c) {
                    true => format!("{}={c}", dim.name),
                    false => c.clone(),
                })
                .collect();
            (dim.name.clone(), headings)
        })
        .collect();
    TemplateSheet {
        name,
        title: title.to_string(),
        rows: kpis
            .iter()
            .map(|&i| row(request, i, &plan.kpis[i]))
            .collect(),
        blocks,
        total: request.lang.text(crate::render::Text::Total).to_string(),
    }
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
