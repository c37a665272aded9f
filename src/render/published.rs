//! The published evaluations beside the current one, as every status
//! table, the JSON and the report print them (evaluation-cycle.md §2): the
//! previous column (前回 / previous), the mark of a KPI revised since
//! publication (`遅れ (公表時 順調※)`), the footnote naming what changed,
//! and the line counting improved, same and worsened. Nothing here prints
//! when no evaluation was published.

use serde_json::json;

use super::json::pretty::Obj;
use super::{Lang, Style};
use crate::evaluations::{beside, Beside, Change, KpiBeside};
use crate::plan::{Kpi, Plan};
use crate::progress::{Evaluation, KpiProgress};
use crate::value::{ratio_json, value_json};
use crate::year::{FiscalYear, YearStyle};

/// `previous`, `published` and `revised_since_publication` on a KPI's
/// JSON object, each only when there is something to say.
pub fn json_entries(all: &Beside, b: &KpiBeside, style: YearStyle, o: &mut Obj) {
    let (previous, published) = values(all, b, style);
    if let Some(previous) = previous {
        o.serde("previous", &previous);
    }
    if let Some(published) = published {
        o.serde("published", &published);
        o.bool("revised_since_publication", b.revised());
    }
}

/// The `previous` and `published` objects of one KPI (status's JSON and
/// `kpi explain`'s), `None` where nothing was published.
pub fn values(
    all: &Beside,
    b: &KpiBeside,
    style: YearStyle,
) -> (Option<serde_json::Value>, Option<serde_json::Value>) {
    // `year`: the year the previous evaluation was published for.
    let previous = match (&b.previous, all.previous_year) {
        (Some(p), Some(year)) => Some(json!({
            "year": year.0,
            "label": year.label(style),
            "status": p.status.name(),
            "grade": p.grade,
            "achievement": p.achievement.map_or(serde_json::Value::Null, ratio_json),
        })),
        _ => None,
    };
    let published = b.published.as_ref().map(|p| {
        json!({
            "status": p.status.name(),
            "grade": p.grade,
            "value": p.latest.map_or(serde_json::Value::Null, |(_, v)| value_json(v)),
        })
    });
    (previous, published)
}

/// The heading of the previous column.
pub fn header(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "前回",
        Lang::En => "previous",
    }
}

/// Whether the tables have a previous column: a previous evaluation exists.
pub fn has_previous(eval: &Evaluation) -> bool {
    eval.beside.previous_year.is_some()
}

fn arrow(style: &Style) -> &'static str {
    if style.ascii {
        " -> "
    } else {
        " → "
    }
}

/// The mark of a revision: `※` in Japanese, `*` in English and in ASCII
/// (as evaluation-cycle.md writes them).
fn star(style: &Style) -> &'static str {
    match (style.lang, style.ascii) {
        (Lang::Ja, false) => "※",
        _ => "*",
    }
}

/// The previous column's cell: the grade then and now (`A → B`) where the
/// plan grades, else the status words; `-` for a KPI not in the previous
/// evaluation.
pub fn previous_cell(plan: &Plan, eval: &Evaluation, k: &KpiProgress, style: &Style) -> String {
    let Some(prev) = of(plan, eval, k).and_then(|b| b.previous.as_ref()) else {
        return "-".to_string();
    };
    let graded = !plan.scoring.grades.is_empty();
    let (from, to) = if graded && (prev.grade.is_some() || k.grade.is_some()) {
        let g = |g: &Option<String>| g.clone().unwrap_or_else(|| "-".to_string());
        (g(&prev.grade), g(&k.grade))
    } else {
        (
            style.status_word(prev.status).to_string(),
            style.status_word(k.status).to_string(),
        )
    };
    format!("{from}{}{to}", arrow(style))
}

fn of<'e>(plan: &Plan, eval: &'e Evaluation, k: &KpiProgress) -> Option<&'e KpiBeside> {
    eval.beside.of(&plan.kpis[k.kpi].id)
}

/// The status word, marked when the KPI was revised since publication:
/// `遅れ (公表時 順調※)` / `off track (published: on track*)`.
pub fn status_text(plan: &Plan, eval: &Evaluation, k: &KpiProgress, style: &Style) -> String {
    let word = style.status_word(k.status);
    match of(plan, eval, k).filter(|b| b.revised()) {
        Some(b) => {
            let was = b.published.as_ref().map_or(k.status, |p| p.status);
            marked(word, style.status_word(was), style)
        }
        None => word.to_string(),
    }
}

/// The grade, marked (`C (公表時 A※)`) when it changed since publication.
pub fn grade_text(plan: &Plan, eval: &Evaluation, k: &KpiProgress, style: &Style) -> String {
    let grade = k.grade.clone().unwrap_or_else(|| "-".to_string());
    let changed = of(plan, eval, k).and_then(|b| {
        b.changes.iter().find_map(|c| match c {
            Change::Grade { from, .. } => Some(from.clone().unwrap_or_else(|| "-".to_string())),
            _ => None,
        })
    });
    match changed {
        Some(was) => marked(&grade, &was, style),
        None => grade,
    }
}

fn marked(now: &str, was: &str, style: &Style) -> String {
    match style.lang {
        Lang::Ja => format!("{now} (公表時 {was}{})", star(style)),
        Lang::En => format!("{now} (published: {was}{})", star(style)),
    }
}

/// A KPI row's cells (`layout::cells`) with the marks and, when the
/// tables have one, the previous column after the status (and grade).
pub fn cells(
    plan: &Plan,
    eval: &Evaluation,
    k: &KpiProgress,
    style: &Style,
    cells: &mut Vec<String>,
) {
    if eval.beside == Default::default() {
        return;
    }
    let status = super::layout::STATUS_COLUMN;
    if let Some(c) = cells.get_mut(status) {
        *c = status_text(plan, eval, k, style);
    }
    if !plan.scoring.grades.is_empty() {
        if let Some(c) = cells.get_mut(status + 1) {
            *c = grade_text(plan, eval, k, style);
        }
    }
    if has_previous(eval) {
        let at = status + 1 + usize::from(!plan.scoring.grades.is_empty());
        cells.insert(at.min(cells.len()), previous_cell(plan, eval, k, style));
    }
}

/// The headers of `layout::columns` with the previous column where
/// `cells` puts it.
pub fn headers(plan: &Plan, eval: &Evaluation, style: &Style, headers: &mut Vec<String>) {
    if has_previous(eval) {
        let at = super::layout::STATUS_COLUMN + 1 + usize::from(!plan.scoring.grades.is_empty());
        headers.insert(at.min(headers.len()), header(style.lang).to_string());
    }
}

/// What the tables compare with and what changed since publication, in
/// words: the line counting improved, same and worsened; the footnote's
/// heading and one line per KPI revised since publication.
#[derive(Debug, Default)]
pub struct Notes {
    pub previous: Option<String>,
    pub revised_head: Option<String>,
    /// `(KPI name, what changed)`.
    pub revised: Vec<(String, String)>,
}

pub fn notes_of(plan: &Plan, eval: &Evaluation, style: &Style) -> Notes {
    let mut out = Notes::default();
    if let Some(year) = eval.beside.previous_year {
        let [up, same, down] = beside::counts(plan, eval);
        let y = style.year(year);
        out.previous = Some(match style.lang {
            Lang::Ja => format!("前回（{y}の公表評価）と比べて 改善 {up}・変化なし {same}・悪化 {down}"),
            Lang::En => format!(
                "against the previous evaluation (published for {y}): {up} improved, {same} the same, {down} worsened"
            ),
        });
    }
    let revised: Vec<_> = eval.beside.revised(plan, eval).collect();
    if let (Some(year), false) = (eval.beside.published_year, revised.is_empty()) {
        let y = style.year(year);
        out.revised_head = Some(match style.lang {
            Lang::Ja => format!("{} {y}の公表評価から改定:", star(style)),
            Lang::En => format!(
                "{} revised since the evaluation published for {y}:",
                star(style)
            ),
        });
        let sep = match style.lang {
            Lang::Ja => "、",
            Lang::En => "; ",
        };
        for (k, b) in revised {
            let kpi = k.kpi_of(plan);
            let what: Vec<String> = b.changes.iter().map(|c| change(kpi, k, c, style)).collect();
            out.revised.push((kpi.name.clone(), what.join(sep)));
        }
    }
    out
}

/// The notes as lines of a terminal table's foot (each without its line
/// break); none when nothing was published.
pub fn notes(plan: &Plan, eval: &Evaluation, style: &Style) -> Vec<String> {
    let n = notes_of(plan, eval, style);
    let mut out: Vec<String> = n.previous.into_iter().chain(n.revised_head).collect();
    out.extend(
        n.revised
            .iter()
            .map(|(name, what)| format!("  {name}: {what}")),
    );
    out
}

/// The notes as Markdown paragraphs and a list; empty when none.
pub fn notes_markdown(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    use super::markdown::cell;
    let n = notes_of(plan, eval, style);
    let mut out = String::new();
    for line in n.previous.iter().chain(&n.revised_head) {
        out.push_str(&format!("\n{}\n", cell(line)));
    }
    if !n.revised.is_empty() {
        out.push('\n');
    }
    for (name, what) in &n.revised {
        out.push_str(&format!("- {}: {}\n", cell(name), cell(what)));
    }
    out
}

/// The notes as HTML paragraphs and a list; empty when none.
pub fn notes_html(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    use super::html::escape;
    let n = notes_of(plan, eval, style);
    let mut out = String::new();
    for line in n.previous.iter().chain(&n.revised_head) {
        out.push_str(&format!("<p class=\"published\">{}</p>\n", escape(line)));
    }
    if !n.revised.is_empty() {
        out.push_str("<ul class=\"revised\">\n");
        for (name, what) in &n.revised {
            out.push_str(&format!("<li>{}: {}</li>\n", escape(name), escape(what)));
        }
        out.push_str("</ul>\n");
    }
    out
}

/// One change in words: `実績 H30 12人 → 14人`, `target 100 (R5) → 120 (R5)`.
pub fn change(kpi: &Kpi, k: &KpiProgress, c: &Change, style: &Style) -> String {
    let ja = style.lang == Lang::Ja;
    let a = arrow(style);
    let value = |v| style.value(kpi, k.decimals, v);
    let point = |p: Option<(FiscalYear, rust_decimal::Decimal)>| match p {
        Some((y, v)) => format!("{} ({})", value(v), style.year(y)),
        None => if ja { "なし" } else { "none" }.to_string(),
    };
    match c {
        Change::Status { from, to } => {
            let (f, t) = (style.status_word(*from), style.status_word(*to));
            if ja {
                format!("状況 {f}{a}{t}")
            } else {
                format!("status {f}{a}{t}")
            }
        }
        Change::Grade { from, to } => {
            let g = |g: &Option<String>| g.clone().unwrap_or_else(|| "-".to_string());
            let (f, t) = (g(from), g(to));
            if ja {
                format!("評価 {f}{a}{t}")
            } else {
                format!("grade {f}{a}{t}")
            }
        }
        Change::Figure { from, to } => match (from, to) {
            (Some((fy, fv)), Some((ty, tv))) if fy == ty => {
                let (f, t, y) = (value(*fv), value(*tv), style.year(*fy));
                if ja {
                    format!("実績 {y} {f}{a}{t}（改定）")
                } else {
                    format!("figure for {y} revised {f}{a}{t}")
                }
            }
            _ => {
                let (f, t) = (point(*from), point(*to));
                if ja {
                    format!("最新の実績 {f}{a}{t}")
                } else {
                    format!("latest figure {f}{a}{t}")
                }
            }
        },
        Change::Target { from, to } => {
            let (f, t) = (point(*from), point(*to));
            if ja {
                format!("目標 {f}{a}{t}（改定）")
            } else {
                format!("target revised {f}{a}{t}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(lang: Lang, ascii: bool) -> Style {
        Style {
            lang,
            color: false,
            ascii,
            year_style: Default::default(),
            width: None,
        }
    }

    #[test]
    fn the_mark_is_as_the_contract_writes_it() {
        assert_eq!(
            marked("遅れ", "順調", &style(Lang::Ja, false)),
            "遅れ (公表時 順調※)"
        );
        assert_eq!(
            marked("off track", "on track", &style(Lang::En, false)),
            "off track (published: on track*)"
        );
        // `※` is ambiguous-width: never in ASCII mode.
        assert_eq!(
            marked("遅れ", "順調", &style(Lang::Ja, true)),
            "遅れ (公表時 順調*)"
        );
    }
}
