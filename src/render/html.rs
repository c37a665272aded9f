//! `kpi report --format html`: the evaluation as one self-contained HTML
//! file for a council or a review board. Everything is inline (style and
//! SVG charts); nothing refers outside the file, so it opens from a USB
//! stick with no network. It prints on A4 with no chart split across pages,
//! and shows every status by word and shape as well as colour.

use std::fmt::Write;

use super::badge;
use super::chart::Chart;
use super::i18n::{pace_text, rule, stale_rule, EXPLAINED};
use super::layout::{self, sections};
use super::table::{goal_heading, title_line};
use super::{svg, Lang, Style, Text};
use crate::plan::Plan;
use crate::progress::{Counts, Evaluation, KpiProgress};
use crate::review::Review;
use crate::status::Status;
use crate::value;

/// Text made safe for HTML and SVG, in element content and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page: `eval` from a query asking for charts.
pub fn render(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let style = Style {
        color: false,
        ascii: false,
        width: None,
        ..*style
    };
    let title = title_line(plan, eval, &style);
    let mut out = page_head(&title, "", &style);
    out.push_str(&body(plan, eval, &style, ""));
    out.push_str(&page_foot(&style));
    out
}

/// A document's style for `render` and for pages made of several plans'
/// reports: no colour codes, Unicode, no width.
pub fn page_style(style: &Style) -> Style {
    Style {
        color: false,
        ascii: false,
        width: None,
        ..*style
    }
}

/// The page up to `<body>`: its language, title and style (`css` and `more`).
pub fn page_head(title: &str, more: &str, style: &Style) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{}{more}</style>\n</head>\n<body>\n",
        style.lang.code(),
        escape(title),
        css()
    )
}

/// The page from its footer on.
pub fn page_foot(style: &Style) -> String {
    format!(
        "<footer>{}</footer>\n</body>\n</html>\n",
        escape(style.lang.text(Text::Report))
    )
}

/// A plan's report between the page's head and foot: the cover, then a
/// section per goal. `prefix` starts every element id (a page holding
/// several plans' reports keeps them apart; empty for a plan alone).
pub fn body(plan: &Plan, eval: &Evaluation, style: &Style, prefix: &str) -> String {
    let style = *style;
    let mut out = cover(plan, eval, &style);
    out.push_str(&super::published::notes_html(plan, eval, &style));
    let all = sections(plan, eval);
    if all.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(style.lang.text(Text::NoKpis)));
    }
    let mut charted = vec![false; plan.kpis.len()];
    let graded = !plan.scoring.grades.is_empty();
    for section in all {
        let goal = &plan.goals[section.goal];
        let _ = writeln!(
            out,
            "<section class=\"goal\">\n<h2>{}</h2>\n<p class=\"rollup\">{}</p>",
            escape(&goal_heading(&goal.id, &goal.name, &style)),
            counts_inline(&section.counts, &style)
        );
        if let Some(aim) = &goal.aim {
            let _ = writeln!(out, "<p class=\"aim\">{}</p>", escape(aim));
        }
        out.push_str(&review_html(&style, eval.review.goals.get(&goal.id)));
        for group in &section.groups {
            let heading = group.heading(plan, &style, false);
            // The heading, the table and the first row of charts are kept
            // on one printed page (`.lead`); the other charts flow after.
            let _ = writeln!(
                out,
                "<section class=\"measure\">\n<div class=\"lead\">\n<h3>{}</h3>",
                escape(&heading)
            );
            if let Some(m) = group.measure {
                let id = &plan.measures[m].id;
                out.push_str(&review_html(&style, eval.review.measures.get(id)));
            }
            let kpis: Vec<&KpiProgress> = group.rows.iter().map(|&r| &eval.kpis[r]).collect();
            out.push_str(&kpi_table(plan, eval, &kpis, &style, graded, prefix));
            out.push_str("<div class=\"cards\">\n");
            let mut cards = 0;
            for k in kpis {
                let kpi = k.kpi_of(plan);
                if charted[k.kpi] {
                    // A KPI serving several measures is charted once, where it first appears.
                    let _ = writeln!(
                        out,
                        "<p class=\"seealso\"><a href=\"#{}\">{}</a>: {}</p>",
                        escape(&anchor(prefix, &kpi.id)),
                        escape(&kpi.name),
                        escape(style.lang.text(Text::ChartAbove))
                    );
                    continue;
                }
                charted[k.kpi] = true;
                if cards == CARDS_PER_ROW {
                    // The first row of charts ends the lead.
                    out.push_str("</div>\n</div>\n<div class=\"cards\">\n");
                }
                cards += 1;
                out.push_str(&card(
                    plan,
                    k,
                    eval.review.kpis.get(&kpi.id),
                    &style,
                    prefix,
                ));
            }
            if cards <= CARDS_PER_ROW {
                out.push_str("</div>\n</div>\n</section>\n");
            } else {
                out.push_str("</div>\n</section>\n");
            }
        }
        out.push_str("</section>\n");
    }
    out
}

/// Plan text escaped, with `<wbr>` between its Japanese phrases
/// (`render::phrase`): with `word-break: keep-all` a browser breaks a name
/// or an office there (`産業振興課`, never `産業振/興課`), and only inside a
/// phrase too long for the line (`overflow-wrap: anywhere`).
pub fn phrased(text: &str) -> String {
    super::phrase::phrases(text)
        .into_iter()
        .map(escape)
        .collect::<Vec<_>>()
        .join("<wbr>")
}

/// Charts side by side, on screen and in print.
const CARDS_PER_ROW: usize = 2;

/// The id a KPI's chart card carries, for links from the tables.
fn anchor(prefix: &str, id: &str) -> String {
    format!("{prefix}kpi-{id}")
}

/// `◎ 達成` in an outlined badge: shape, word and colour together.
pub fn badge_html(status: Status, style: &Style) -> String {
    format!(
        "<span class=\"badge st-{}\"><span class=\"g\" aria-hidden=\"true\">{}</span>{}</span>",
        status.name(),
        badge::glyph(status),
        escape(style.status_word(status))
    )
}

fn counts_inline(counts: &Counts, style: &Style) -> String {
    Status::COUNT_ORDER
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{} {}", badge_html(*s, style), counts.get(*s)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The title, the as-of year, the counts per status per goal with a bar per
/// goal, and how to read the statuses.
fn cover(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let mut out = String::from("<header class=\"cover\">\n");
    if let Some(org) = &plan.organization {
        let _ = writeln!(out, "<p class=\"org\">{}</p>", escape(org));
    }
    let _ = writeln!(out, "<h1>{}</h1>", escape(&plan.title));
    let when = match (eval.as_of, style.lang) {
        (Some(a), Lang::Ja) => format!(
            "{} {}（{}）",
            style.year(a),
            style.lang.text(Text::AsOf),
            a.label_ja(style.year_style)
        ),
        (Some(a), Lang::En) => format!("{} {}", style.lang.text(Text::AsOf), style.year(a)),
        (None, _) => style.lang.text(Text::NoActuals).to_string(),
    };
    let _ = writeln!(out, "<p class=\"asof\">{}</p>\n</header>", escape(&when));

    let _ = writeln!(
        out,
        "<section class=\"summary\">\n<h2>{}</h2>\n<table class=\"counts\">\n<thead><tr><th>{}</th>",
        escape(style.lang.text(Text::Summary)),
        escape(style.lang.text(Text::Goal))
    );
    for s in Status::COUNT_ORDER {
        let _ = write!(out, "<th>{}</th>", badge_html(s, style));
    }
    let _ = writeln!(
        out,
        "<th>{}</th></tr></thead>\n<tbody>",
        escape(style.lang.text(Text::Total))
    );
    let shown: Vec<_> = eval.goals.iter().filter(|g| g.counts.total() > 0).collect();
    for g in &shown {
        let goal = &plan.goals[g.index];
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th>",
            escape(&goal_heading(&goal.id, &goal.name, style))
        );
        for s in Status::COUNT_ORDER {
            let n = g.counts.get(s);
            let class = if n == 0 {
                " class=\"num zero\""
            } else {
                " class=\"num\""
            };
            let _ = write!(out, "<td{class}>{n}</td>");
        }
        let _ = writeln!(out, "<td class=\"num\">{}</td></tr>", g.counts.total());
    }
    out.push_str("</tbody>\n</table>\n");
    for g in &shown {
        let goal = &plan.goals[g.index];
        out.push_str(&goal_bar(
            &goal_heading(&goal.id, &goal.name, style),
            &g.counts,
            style,
        ));
    }
    out.push_str(&how_to_read(plan, style));
    out.push_str("</section>\n");
    out
}

/// A bar per goal showing the mix of statuses; each part carries its shape
/// and count, so it reads without colour.
fn goal_bar(heading: &str, counts: &Counts, style: &Style) -> String {
    let words: Vec<String> = Status::COUNT_ORDER
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{} {}", style.status_word(*s), counts.get(*s)))
        .collect();
    let mut out = format!(
        "<div class=\"goalbar\"><div class=\"label\">{}</div><div class=\"bar\" role=\"img\" aria-label=\"{}\">",
        escape(heading),
        escape(&words.join(", "))
    );
    for s in Status::COUNT_ORDER {
        let n = counts.get(s);
        if n > 0 {
            let _ = write!(
                out,
                "<span class=\"seg st-{}\" style=\"flex-grow: {n}\">{}&#8239;{n}</span>",
                s.name(),
                badge::glyph(s)
            );
        }
    }
    out.push_str("</div></div>\n");
    out
}

fn how_to_read(plan: &Plan, style: &Style) -> String {
    let on = value::percent(plan.scoring.on_track);
    let risk = value::percent(plan.scoring.at_risk);
    let mut out = format!(
        "<div class=\"howto\">\n<h3>{}</h3>\n<ul class=\"rules\">\n",
        escape(style.lang.text(Text::HowToRead))
    );
    for s in Status::COUNT_ORDER {
        let _ = writeln!(
            out,
            "<li>{} {}</li>",
            badge_html(s, style),
            escape(&rule(style.lang, s, &on, &risk))
        );
    }
    let pace = pace_text(plan.scoring.basis);
    out.push_str("</ul>\n");
    for x in EXPLAINED {
        let _ = writeln!(out, "<p>{}</p>", escape(style.lang.text(x)));
    }
    let _ = writeln!(
        out,
        "<p>{}</p>\n<p>{}</p>\n</div>",
        escape(style.lang.text(pace)),
        escape(&stale_rule(style.lang, plan.scoring.stale_after))
    );
    out
}

/// The KPIs of one group as `kpi status` shows them, with the status as a badge.
fn kpi_table(
    plan: &Plan,
    eval: &Evaluation,
    kpis: &[&KpiProgress],
    style: &Style,
    graded: bool,
    prefix: &str,
) -> String {
    let mut out = String::from("<table class=\"kpis\">\n<thead><tr>");
    let mut headers: Vec<String> = layout::columns(graded)
        .iter()
        .map(|c| style.lang.text(*c).to_string())
        .collect();
    super::published::headers(plan, eval, style, &mut headers);
    for (i, col) in headers.iter().enumerate() {
        let class = if (1..layout::STATUS_COLUMN).contains(&i) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th{class}>{}</th>", escape(col));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for k in kpis {
        let kpi = k.kpi_of(plan);
        out.push_str("<tr>");
        let mut cells = layout::cells(plan, k, style, graded);
        super::published::cells(plan, eval, k, style, &mut cells);
        for (i, cell) in cells.iter().enumerate() {
            match i {
                0 => {
                    let _ = write!(
                        out,
                        "<td><a href=\"#{}\">{}</a></td>",
                        escape(&anchor(prefix, &kpi.id)),
                        phrased(cell)
                    );
                }
                layout::STATUS_COLUMN => {
                    // The badge, the mark of a revision since publication,
                    // then the office's judgement.
                    let word = style.status_word(k.status);
                    let mark = cell.strip_prefix(word).unwrap_or("");
                    let badge = badge_html(k.status, style);
                    let _ = write!(
                        out,
                        "<td>{badge}{}{}</td>",
                        escape(mark),
                        assessed_html(k, style)
                    );
                }
                i if i < layout::STATUS_COLUMN => {
                    let _ = write!(out, "<td class=\"num\">{}</td>", escape(cell));
                }
                _ => {
                    let _ = write!(out, "<td>{}</td>", escape(cell));
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// One KPI: its name and status, the facts a reader asks first, and its chart.
fn card(
    plan: &Plan,
    k: &KpiProgress,
    review: Option<&Review>,
    style: &Style,
    prefix: &str,
) -> String {
    let kpi = k.kpi_of(plan);
    let chart = Chart::of(kpi, k);
    let t = |x| style.lang.text(x);
    let mut plain = match k.latest {
        None => vec![t(Text::NoActuals).to_string()],
        Some(_) => vec![format!("{}: {}", t(Text::Latest), style.latest(kpi, k))],
    };
    for (key, ratio) in [(Text::Achievement, k.achievement), (Text::Pace, k.pace)] {
        if let Some(r) = ratio {
            plain.push(format!("{}: {}", t(key), value::percent(r)));
        }
    }
    if let Some(grade) = &k.grade {
        plain.push(format!("{}: {grade}", t(Text::Grade)));
    }
    if let Some(owner) = &kpi.owner {
        plain.push(format!("{}: {owner}", t(Text::Owner)));
    }
    // The short facts break between phrases; the figure's note, prose
    // copied from the ledger, as the browser breaks it.
    let mut facts: Vec<String> = plain.iter().map(|f| phrased(f)).collect();
    if let Some(note) = k.remark.as_ref().and_then(|r| r.note.as_deref()) {
        facts.push(escape(&format!("{}: {note}", t(Text::FigureNote))));
    }
    let revision = style.revision(plan, k).map_or(String::new(), |r| {
        format!("<br><span class=\"revision\">{}</span>", escape(&r))
    });
    let mut out = format!(
        "<figure class=\"card\" id=\"{}\">\n<figcaption><span class=\"name\">{}</span> {}<br><span class=\"facts\">{}</span>{revision}</figcaption>\n",
        escape(&anchor(prefix, &kpi.id)),
        phrased(&kpi.name),
        badge_html(k.status, style) + &assessed_html(k, style),
        facts.join(" · ")
    );
    out.push_str(&svg::chart(
        kpi,
        &chart,
        k.decimals,
        style,
        &format!("{prefix}chart-{}", kpi.id),
    ));
    // A KPI with breakdowns: its categories' tables and chart.
    out.push_str(&super::category_html::section(
        plan,
        k,
        super::chart::detail(k).as_of,
        style,
        &format!("{prefix}categories-{}", kpi.id),
    ));
    out.push_str(&review_html(style, review));
    if let Some((heading, reason)) = super::judged::reason_line(k, style) {
        let _ = writeln!(
            out,
            "<dl class=\"review assessed\">\n<dt>{}</dt><dd>{}</dd>\n</dl>",
            escape(&heading),
            escape(&reason)
        );
    }
    out.push_str("\n</figure>\n");
    out
}

/// The office's judgement after a status badge: ` <span class="assessed">→
/// B（判断）</span>`; empty when the KPI is not assessed.
fn assessed_html(k: &KpiProgress, style: &Style) -> String {
    let text = super::judged::suffix(k, style);
    if text.is_empty() {
        return text;
    }
    format!(
        " <span class=\"assessed\">{}</span>",
        escape(text.trim_start())
    )
}

/// The year's review text of a goal, measure or KPI, as a definition list.
fn review_html(style: &Style, review: Option<&Review>) -> String {
    let lines = style.review_lines(review);
    if lines.is_empty() {
        return String::new();
    }
    let mut out = String::from("<dl class=\"review\">\n");
    for (heading, text) in lines {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            escape(&heading),
            escape(&text)
        );
    }
    out.push_str("</dl>\n");
    out
}

/// The page's style: screen and A4 print, with a colour per status that is
/// never the only sign of it. Plan text wraps anywhere it must (a URL or a
/// long unbroken name in a table cell or a card's title), so no name pushes
/// the figures off the page; headings, figures and badges wrap only at
/// spaces.
fn css() -> String {
    let mut css = String::from(CSS);
    for s in Status::ALL {
        let _ = writeln!(
            css,
            ".st-{} {{ --c: {}; --i: {}; }}",
            s.name(),
            badge::colour(s),
            badge::ink(s)
        );
    }
    css
}

const CSS: &str = r#"* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1120px; padding: 24px 28px; color: #1a1a1a; background: #fff; line-height: 1.5; font-size: 14px; overflow-wrap: anywhere;
  font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic UI", "Yu Gothic", Meiryo, "Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", system-ui, sans-serif; }
h1 { font-size: 1.9em; margin: 0.1em 0 0.2em; line-height: 1.3; }
h2 { font-size: 1.35em; margin: 1.6em 0 0.5em; padding-bottom: 0.15em; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1.08em; margin: 1.3em 0 0.4em; }
.cover { border-bottom: 4px solid #1a1a1a; padding-bottom: 0.6em; }
.org { margin: 0; font-size: 1.1em; }
.asof { margin: 0; font-size: 1.2em; font-weight: bold; }
.aim { margin: 0.2em 0 0.6em; color: #333; }
.rollup { margin: 0.2em 0 0.6em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 0.3em 0 0.8em; }
th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: middle; text-align: left; }
thead th { background: #f0f0f0; font-weight: bold; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th, .num, .badge { overflow-wrap: normal; word-break: keep-all; }
thead th:lang(ja), :lang(ja) thead th { word-break: normal; line-break: strict; }
table.kpis td:first-child { min-width: 10em; }
figcaption .name, figcaption .facts { word-break: keep-all; }
table.kpis td:nth-child(n+5):nth-child(-n+7) { white-space: nowrap; }
.zero { color: #888; }
table.counts th, table.counts td { text-align: center; }
table.counts th[scope=row] { text-align: left; }
td a, .seealso a { color: inherit; text-decoration: none; border-bottom: 1px dotted #666; }
.badge { display: inline-block; white-space: nowrap; border: 1.5px solid var(--c); border-radius: 3px; padding: 0 0.35em; line-height: 1.35; background: #fff; }
.badge .g { color: var(--c); font-weight: bold; margin-right: 0.2em; }
.st-no_data.badge .g { color: #666; }
.goalbar { display: flex; align-items: center; gap: 10px; margin: 6px 0; break-inside: avoid; page-break-inside: avoid; }
.goalbar .label { flex: 0 0 38%; font-size: 0.92em; }
.bar { flex: 1 1 auto; display: flex; height: 1.7em; border: 1px solid #1a1a1a; }
.seg { background: var(--c); color: var(--i); display: flex; align-items: center; justify-content: center; font-weight: bold; font-size: 0.9em; overflow: hidden; white-space: nowrap; border-right: 1.5px solid #fff; }
.seg:last-child { border-right: none; }
.howto { font-size: 0.9em; margin-top: 1em; break-inside: avoid; page-break-inside: avoid; }
.howto h3 { margin-top: 0.4em; }
.howto p { margin: 0.3em 0; }
ul.rules { list-style: none; padding: 0; margin: 0.3em 0; columns: 2; column-gap: 24px; }
ul.rules li { margin: 0.15em 0; break-inside: avoid; }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; margin: 0.4em 0 1em; }
figure.card { margin: 0; padding: 8px 10px; border: 1px solid #bbb; border-radius: 4px; break-inside: avoid; page-break-inside: avoid; }
figcaption { margin-bottom: 4px; }
figcaption .name { font-weight: bold; }
figcaption .facts { font-size: 0.85em; color: #333; }
.chart { display: block; width: 100%; height: auto; font-family: inherit; }
.seealso { font-size: 0.9em; color: #333; grid-column: 1 / -1; margin: 0; }
footer { margin-top: 2em; padding-top: 0.4em; border-top: 1px solid #999; font-size: 0.8em; color: #555; }
@media screen and (max-width: 760px) { .cards { grid-template-columns: 1fr; } .goalbar { display: block; } }
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .goal ~ .goal { break-before: page; page-break-before: always; }
  .lead { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, figure.card, .chart { break-inside: avoid; page-break-inside: avoid; }
  .cards { gap: 8px; }
  table { font-size: 8pt; }
  th, td { padding: 2px 4px; }
  td a, .seealso a { border-bottom: none; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("1" & '2')</script>"#),
            "&lt;script&gt;alert(&quot;1&quot; &amp; &#39;2&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("朝霞市"), "朝霞市");
    }
}
