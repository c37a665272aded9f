//! `kpi check --format text`: one line per flagged KPI (id, status, name,
//! latest figure, target), then one summary line; each wrapped at the
//! width, its continuation indented.

use super::{flag_label, latest_and_target, CheckReport, Reasons};
use crate::render::i18n::Word;
use crate::render::table::counts_items;
use crate::render::{fit, Lang, Style, Text};

pub fn render(report: &CheckReport, style: &Style) -> String {
    let mut out = String::new();
    let fit = |line: &str| fit::line(line, style.width, style.ascii, 2);
    for (flag, k, kpi) in report.flagged() {
        let line = format!(
            "{} [{}] {}: {}",
            kpi.id,
            flag_label(flag, k),
            one_line(&kpi.name),
            latest_and_target(kpi, k, style)
        );
        // `→` is ambiguous-width: `->` when drawing ASCII only.
        let line = if style.ascii {
            line.replace('→', "->")
        } else {
            line
        };
        out.push_str(&fit(&line));
        out.push('\n');
    }
    out.push_str(&fit(&summary(report, style)));
    out.push('\n');
    out
}

/// `kpi check: 5 of 13 KPIs flagged as of R1 (fail-on: …): missed 2, …`
pub fn summary(report: &CheckReport, style: &Style) -> String {
    let (flagged, total) = (report.flags.len(), report.eval.kpis.len());
    let fail_on = report.fail_on.join(",");
    let when = match (report.eval.as_of, style.lang) {
        (Some(a), Lang::Ja) => format!("{}時点", style.year(a)),
        (Some(a), Lang::En) => format!("as of {}", style.year(a)),
        (None, Lang::Ja) => style.lang.text(Text::NoActuals).to_string(),
        (None, Lang::En) => "with no actuals".to_string(),
    };
    let why = why(&report.reasons(), style);
    let head = match style.lang {
        Lang::Ja => {
            format!("kpi check: {total}指標中{flagged}件が該当（{when}、fail-on: {fail_on}）")
        }
        Lang::En => {
            let noun = if total == 1 { "KPI" } else { "KPIs" };
            format!("kpi check: {flagged} of {total} {noun} flagged {when} (fail-on: {fail_on})")
        }
    };
    with_why(head, flagged, &why, style.lang)
}

/// A summary line, then what flagged the KPIs when any were.
fn with_why(mut line: String, flagged: usize, why: &str, lang: Lang) -> String {
    if flagged > 0 {
        line.push_str(match lang {
            Lang::Ja => "：",
            Lang::En => ": ",
        });
        line.push_str(why);
    }
    line
}

/// What flagged the KPIs, counted (`off track 1, worsening 2`); when some
/// were flagged for being stale or preliminary, those counts and then the
/// statuses of every flagged KPI (`preliminary 1 (their status: achieved 1)`).
fn why(reasons: &Reasons, style: &Style) -> String {
    let sep = match style.lang {
        Lang::Ja => "・",
        Lang::En => ", ",
    };
    let mut items = counts_items(&reasons.by_status, style);
    for (n, word) in [
        (reasons.by_stale, Text::Stale),
        (reasons.by_preliminary, Text::PreliminaryFigure),
    ] {
        if n > 0 {
            items.push(format!("{} {n}", style.lang.text(word)));
        }
    }
    let mut out = items.join(sep);
    if reasons.beyond_status() {
        let statuses = counts_items(&reasons.statuses, style).join(sep);
        let their = style.lang.word(Word::TheirStatus);
        match style.lang {
            Lang::Ja => out.push_str(&format!("（{their}：{statuses}）")),
            Lang::En => out.push_str(&format!(" ({their}: {statuses})")),
        }
    }
    out
}

/// A name on one line: line breaks folded, so each flag stays one line.
pub fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last line of a check across a workspace's members: `kpi check
/// (朝霞市): 3 of 17 KPIs flagged in 2 of 3 plans (fail-on: …): missed 2, …`.
pub fn summary_many(workspace: &str, reports: &[CheckReport], style: &Style) -> String {
    let total: usize = reports.iter().map(|r| r.eval.kpis.len()).sum();
    let flagged: usize = reports.iter().map(|r| r.flags.len()).sum();
    let plans = reports.len();
    let failing = reports.iter().filter(|r| !r.flags.is_empty()).count();
    let fail_on = reports
        .first()
        .map_or(String::new(), |r| r.fail_on.join(","));
    let reasons = Reasons::of(
        reports
            .iter()
            .flat_map(|r| r.flagged().map(|(f, k, _)| (f, k))),
    );
    let why = why(&reasons, style);
    let head = match style.lang {
        Lang::Ja => format!(
            "kpi check（{workspace}）: {plans}計画{total}指標中{flagged}件が該当（{failing}計画、fail-on: {fail_on}）"
        ),
        Lang::En => {
            let noun = if total == 1 { "KPI" } else { "KPIs" };
            format!(
                "kpi check ({workspace}): {flagged} of {total} {noun} flagged in {failing} of {plans} plans (fail-on: {fail_on})"
            )
        }
    };
    with_why(head, flagged, &why, style.lang)
}
