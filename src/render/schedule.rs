//! How `kpi show` states a KPI's schedule (evaluation-cycle.md §1): the
//! sentence under its facts, and the mark of a due year with no figure.
//! A yearly KPI with no lag prints neither, as before schedules existed.

use super::Style;
use crate::lang::Lang;
use crate::plan::Kpi;
use crate::schedule::Every;
use crate::year::FiscalYear;

/// `figures every 5 years: R2, R7; each published 2 years after its year`,
/// `5年ごと: R2, R7。各年度の数値は2年後に公表`, with the final due year
/// when it falls before the target year. `kpi` is the KPI as judged (its
/// target in force); `None` for a yearly KPI with no lag.
pub fn sentence(kpi: &Kpi, style: &Style) -> Option<String> {
    let schedule = &kpi.schedule;
    if schedule.is_yearly() {
        return None;
    }
    let years: Vec<String> = kpi.due_years().into_iter().map(|y| style.year(y)).collect();
    let years = if years.is_empty() {
        "-".to_string()
    } else {
        years.join(", ")
    };
    let lag = schedule.lag;
    let mut s = match (style.lang, &schedule.every) {
        (Lang::Ja, Every::Years(1)) => format!("毎年度: {years}"),
        (Lang::Ja, Every::Years(n)) => format!("{n}年ごと: {years}"),
        (Lang::Ja, Every::Listed(_)) => format!("実施年度: {years}"),
        (Lang::En, Every::Years(1)) => format!("figures every year: {years}"),
        (Lang::En, Every::Years(n)) => format!("figures every {n} years: {years}"),
        (Lang::En, Every::Listed(_)) => format!("figures in {years}"),
    };
    match (style.lang, lag) {
        (_, 0) => {}
        (Lang::Ja, n) => s.push_str(&format!("。各年度の数値は{n}年後に公表")),
        (Lang::En, 1) => s.push_str("; each published 1 year after its year"),
        (Lang::En, n) => s.push_str(&format!("; each published {n} years after its year")),
    }
    let last = kpi.final_due_year();
    if last < kpi.target.year && !kpi.due_years().is_empty() {
        let (l, t) = (style.year(last), style.year(kpi.target.year));
        match style.lang {
            Lang::Ja => s.push_str(&format!("。目標年度 {t} の前の最後の実績 {l} で評価")),
            Lang::En => s.push_str(&format!(
                "; judged on the {l} figure, the last due before the target year {t}"
            )),
        }
    }
    Some(s)
}

/// What the actual column of `kpi show` prints for a year with no figure:
/// `-` as ever for a yearly KPI with no lag; for a KPI with a schedule,
/// 未提出 / missing for a due year whose figure should be in by the as-of
/// year, `-` for a due year still to come, and nothing for other years.
pub fn no_figure(
    kpi: &Kpi,
    year: FiscalYear,
    as_of: Option<FiscalYear>,
    lang: Lang,
) -> &'static str {
    if kpi.schedule.is_yearly() {
        return "-";
    }
    if !kpi.is_due(year) {
        return "";
    }
    let owed = as_of.is_some_and(|a| kpi.figure_year(a) >= year);
    match (owed, lang) {
        (false, _) => "-",
        (true, Lang::Ja) => "未提出",
        (true, Lang::En) => "missing",
    }
}
