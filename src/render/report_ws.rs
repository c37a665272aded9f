//! `kpi report` across several members of a workspace (workspace.md,
//! "Commands across a workspace"): one document, HTML or Markdown, with the
//! members in a table first, then a chapter per member (its report as the
//! plan alone prints it, under the member's heading), then an appendix of
//! the indicators that more than one of them measures: the series' figures
//! by year beside each plan's path, and each plan's baseline, target and
//! status. Every piece of plan text is escaped.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::badge::glyph_for;
use super::html::{self, badge_html, escape};
use super::markdown::{cell, table};
use super::workspace::counts;
use super::{percent_or_dash, with_unit, Lang, Style, Text};
use crate::plan::{Plan, Point};
use crate::progress::{Evaluation, KpiProgress};
use crate::status::Status;
use crate::value;
use crate::year::FiscalYear;

/// A member's chapter: its name, plan and evaluation.
pub struct Chapter<'a> {
    pub name: &'a str,
    pub plan: &'a Plan,
    pub eval: &'a Evaluation,
}

/// A series that two or more of the members measure.
pub struct Shared<'a> {
    /// The series id (a registered indicator's, or a member KPI's own).
    pub id: &'a str,
    pub name: &'a str,
    pub unit: Option<&'a str>,
    /// The ledger's figures, each with whether it is preliminary.
    pub figures: Vec<(FiscalYear, Decimal, bool)>,
    /// Each member's KPI on the series, in member order.
    pub uses: Vec<Use<'a>>,
}

/// One member's KPI on a shared series, evaluated with charts (its path).
pub struct Use<'a> {
    pub member: &'a str,
    pub plan: &'a Plan,
    pub k: KpiProgress,
}

impl Shared<'_> {
    /// `style` with the years as the first plan on the series prints them.
    pub fn styled(&self, style: &Style) -> Style {
        Style {
            year_style: self
                .uses
                .first()
                .map_or(style.year_style, |u| u.plan.year_style),
            ..*style
        }
    }

    /// The most decimals any plan prints the series with.
    fn places(&self) -> u32 {
        self.uses.iter().map(|u| u.k.decimals).max().unwrap_or(0)
    }

    /// Every year with a figure or on any plan's path, in order.
    fn years(&self) -> Vec<FiscalYear> {
        let mut years: Vec<FiscalYear> = self.figures.iter().map(|f| f.0).collect();
        for u in &self.uses {
            years.extend(path(&u.k).iter().map(|p| p.year));
        }
        years.sort_unstable();
        years.dedup();
        years
    }
}

/// `E(y)` of a use, from its baseline year to its target year.
pub(crate) fn path(k: &KpiProgress) -> &[Point] {
    &super::chart::detail(k).expected
}

pub(crate) fn word(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Ja, "appendix") => "付録：計画間で共有する指標",
        (Lang::En, "appendix") => "Appendix: shared indicators across plans",
        (Lang::Ja, "none") => "複数の計画が共有する指標はありません。",
        (Lang::En, "none") => "No indicator is shared by two or more of these plans.",
        (Lang::Ja, "plans") => "計画",
        (Lang::En, "plans") => "plans",
        (Lang::Ja, "plan") => "計画",
        (Lang::En, "plan") => "plan",
        (Lang::Ja, "title") => "名称",
        (Lang::En, "title") => "title",
        (Lang::Ja, "figure") => "実績値",
        (Lang::En, "figure") => "figure",
        (Lang::Ja, "paths") => "年度ごとの実績値と各計画の期待値",
        (Lang::En, "paths") => "Figures by year and each plan's expected path",
        (Lang::Ja, _) => "指標",
        (Lang::En, _) => "KPI",
    }
}

/// `朝霞市 — 3計画` / `朝霞市 — 3 plans`.
fn title(workspace: &str, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{workspace} — {n}計画"),
        Lang::En if n == 1 => format!("{workspace} — 1 plan"),
        Lang::En => format!("{workspace} — {n} plans"),
    }
}

/// A figure with its plan's unit and the series' decimals.
fn figure(shared: &Shared, places: u32, v: Decimal) -> String {
    with_unit(&value::grouped(v, places), shared.unit)
}

/// The cell of a plan's path in a year: `E(y)`, marked at its baseline and
/// target years; empty outside them.
fn path_cell(shared: &Shared, u: &Use, year: FiscalYear, places: u32, style: &Style) -> String {
    let points = path(&u.k);
    let Some(p) = points.iter().find(|p| p.year == year) else {
        return String::new();
    };
    let kpi = u.k.kpi_of(u.plan);
    let mark = if year == kpi.baseline.year {
        Some(style.lang.text(Text::Baseline))
    } else if year == kpi.target.year {
        Some(style.lang.text(Text::Target))
    } else {
        None
    };
    let v = figure(shared, places, p.value);
    match (mark, style.lang) {
        (Some(m), Lang::Ja) => format!("{v}（{m}）"),
        (Some(m), Lang::En) => format!("{v} ({m})"),
        (None, _) => v,
    }
}

/// The figure of a year, `速報` / `prelim.` beside a preliminary one.
fn figure_cell(shared: &Shared, year: FiscalYear, places: u32, style: &Style) -> String {
    match shared.figures.iter().find(|f| f.0 == year) {
        None => "-".to_string(),
        Some(&(_, v, preliminary)) => {
            let v = figure(shared, places, v);
            if preliminary {
                format!("{v} ({})", style.lang.text(Text::Preliminary))
            } else {
                v
            }
        }
    }
}

/// The header and rows of the table of plans on a series: each plan's KPI,
/// baseline, target, latest figure, achievement and status.
pub(crate) fn plans_rows(shared: &Shared, style: &Style) -> (Vec<String>, Vec<Vec<String>>) {
    let t = |x| style.lang.text(x);
    let header = vec![
        word(style.lang, "plan").to_string(),
        word(style.lang, "kpi").to_string(),
        t(Text::Baseline).to_string(),
        t(Text::Target).to_string(),
        t(Text::Latest).to_string(),
        t(Text::Achievement).to_string(),
        t(Text::Status).to_string(),
    ];
    let rows = shared
        .uses
        .iter()
        .map(|u| {
            let style = Style {
                year_style: u.plan.year_style,
                ..*style
            };
            let kpi = u.k.kpi_of(u.plan);
            vec![
                u.member.to_string(),
                kpi.id.clone(),
                style.point(kpi, u.k.decimals, kpi.baseline),
                style.target(kpi, &u.k),
                style.latest(kpi, &u.k),
                percent_or_dash(u.k.achievement),
                style.status_word(u.k.status).to_string(),
            ]
        })
        .collect();
    (header, rows)
}

/// The header and rows of the table of figures by year, a column per plan.
pub(crate) fn years_rows(shared: &Shared, style: &Style) -> (Vec<String>, Vec<Vec<String>>) {
    let places = shared.places();
    let mut header = vec![
        style.lang.text(Text::Year).to_string(),
        word(style.lang, "figure").to_string(),
    ];
    header.extend(shared.uses.iter().map(|u| {
        let id = &u.k.kpi_of(u.plan).id;
        format!("{} ({id})", u.member)
    }));
    let rows = shared
        .years()
        .into_iter()
        .map(|year| {
            let mut row = vec![style.year(year), figure_cell(shared, year, places, style)];
            row.extend(
                shared
                    .uses
                    .iter()
                    .map(|u| path_cell(shared, u, year, places, style)),
            );
            row
        })
        .collect();
    (header, rows)
}

/// `待機児童数 (waiting-children)`, and its unit.
fn shared_heading(shared: &Shared, style: &Style) -> String {
    let unit = match (shared.unit.filter(|u| !u.is_empty()), style.lang) {
        (Some(u), Lang::Ja) => format!("（{}{u}）", style.lang.text(Text::Unit)),
        (Some(u), Lang::En) => format!(" ({}{u})", style.lang.text(Text::Unit)),
        (None, _) => String::new(),
    };
    format!("{} ({}){unit}", shared.name, shared.id)
}

/// The summary's header and rows: members × counts per status.
fn members_rows(chapters: &[Chapter], style: &Style) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec![
        word(style.lang, "plan").to_string(),
        word(style.lang, "title").to_string(),
        style.lang.text(Text::AsOf).to_string(),
    ];
    header.extend(
        Status::COUNT_ORDER
            .iter()
            .map(|s| format!("{} {}", glyph_for(*s, style.ascii), style.status_word(*s))),
    );
    header.push(style.lang.text(Text::Total).to_string());
    let rows = chapters
        .iter()
        .map(|c| {
            let counts = counts(c.eval);
            let mut row = vec![
                c.name.to_string(),
                c.plan.title.clone(),
                c.eval
                    .as_of
                    .map_or_else(|| "-".to_string(), |y| y.label(c.plan.year_style)),
            ];
            row.extend(
                Status::COUNT_ORDER
                    .iter()
                    .map(|s| counts.get(*s).to_string()),
            );
            row.push(counts.total().to_string());
            row
        })
        .collect();
    (header, rows)
}

/// The Markdown document: `member` renders one member's report as the plan
/// alone prints it (`report_md::render`).
pub fn markdown(
    workspace: &str,
    chapters: &[Chapter],
    shared: &[Shared],
    style: &Style,
    member: impl Fn(&Chapter, &Style) -> String,
) -> String {
    let style = Style {
        color: false,
        width: None,
        ..*style
    };
    let mut out = format!(
        "# {}\n\n",
        cell(&title(workspace, chapters.len(), style.lang))
    );
    let (header, rows) = members_rows(chapters, &style);
    let right: Vec<bool> = (0..header.len()).map(|i| i > 2).collect();
    out.push_str(&table(&header, &right, &rows));
    let mark = if style.ascii { "#" } else { "■" };
    for c in chapters {
        let style = Style {
            year_style: c.plan.year_style,
            ..style
        };
        out.push_str(&format!("\n---\n\n# {mark} {}\n\n", cell(c.name)));
        out.push_str(&member(c, &style));
    }
    out.push_str(&format!(
        "\n---\n\n# {}\n",
        cell(word(style.lang, "appendix"))
    ));
    if shared.is_empty() {
        out.push_str(&format!("\n{}\n", cell(word(style.lang, "none"))));
    }
    for s in shared {
        let style = s.styled(&style);
        out.push_str(&format!("\n## {}\n\n", cell(&shared_heading(s, &style))));
        let (header, rows) = plans_rows(s, &style);
        let right: Vec<bool> = (0..header.len()).map(|i| (2..6).contains(&i)).collect();
        out.push_str(&table(&header, &right, &rows));
        out.push_str(&format!("\n**{}**\n\n", cell(word(style.lang, "paths"))));
        let (header, rows) = years_rows(s, &style);
        let right: Vec<bool> = (0..header.len()).map(|i| i > 0).collect();
        out.push_str(&table(&header, &right, &rows));
    }
    out
}

const CSS: &str = "h1.member { font-size: 1.2em; margin: 2em 0 0; color: #555; }
.appendix h3 { margin-top: 1.4em; }
table.paths td:first-child { white-space: nowrap; }
@media print { article.plan, section.appendix { break-before: page; page-break-before: always; } }
";

/// The HTML page: `member(chapter, style, prefix)` renders one member's
/// report body (`html::body`), its element ids starting with `prefix`.
pub fn html(
    workspace: &str,
    chapters: &[Chapter],
    shared: &[Shared],
    style: &Style,
    member: impl Fn(&Chapter, &Style, &str) -> String,
) -> String {
    let style = html::page_style(style);
    let heading = title(workspace, chapters.len(), style.lang);
    let mut out = html::page_head(&heading, CSS, &style);
    let _ = writeln!(
        out,
        "<header class=\"cover\">\n<h1>{}</h1>\n</header>",
        escape(&heading)
    );
    let _ = writeln!(
        out,
        "<section class=\"summary\">\n<table class=\"counts\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th>",
        escape(word(style.lang, "plan")),
        escape(word(style.lang, "title")),
        escape(style.lang.text(Text::AsOf))
    );
    for s in Status::COUNT_ORDER {
        let _ = write!(out, "<th>{}</th>", badge_html(s, &style));
    }
    let _ = writeln!(
        out,
        "<th>{}</th></tr></thead>\n<tbody>",
        escape(style.lang.text(Text::Total))
    );
    let (_, rows) = members_rows(chapters, &style);
    for (n, row) in rows.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><a href=\"#plan-{n}\">{}</a></th>",
            escape(&row[0])
        );
        for (i, text) in row.iter().enumerate().skip(1) {
            let class = if i > 2 { " class=\"num\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", escape(text));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    for (n, c) in chapters.iter().enumerate() {
        let style = Style {
            year_style: c.plan.year_style,
            ..style
        };
        let _ = writeln!(
            out,
            "<article class=\"plan\" id=\"plan-{n}\">\n<h1 class=\"member\">■ {}</h1>",
            escape(c.name)
        );
        out.push_str(&member(c, &style, &format!("p{n}-")));
        out.push_str("</article>\n");
    }
    let _ = writeln!(
        out,
        "<section class=\"appendix\" id=\"shared\">\n<h2>{}</h2>",
        escape(word(style.lang, "appendix"))
    );
    if shared.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(word(style.lang, "none")));
    }
    for (n, s) in shared.iter().enumerate() {
        let style = s.styled(&style);
        let _ = writeln!(
            out,
            "<section class=\"shared\" id=\"shared-{n}\">\n<h3>{}</h3>",
            escape(&shared_heading(s, &style))
        );
        let (header, rows) = plans_rows(s, &style);
        out.push_str(&html_table(
            "plans",
            &header,
            &rows,
            |i| (2..6).contains(&i),
            |row, i| {
                if i == 6 {
                    Some(badge_html(s.uses[row].k.status, &style))
                } else {
                    None
                }
            },
        ));
        let _ = writeln!(out, "<h4>{}</h4>", escape(word(style.lang, "paths")));
        let (header, rows) = years_rows(s, &style);
        out.push_str(&html_table("paths", &header, &rows, |i| i > 0, |_, _| None));
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
    out.push_str(&html::page_foot(&style));
    out
}

/// A table of escaped text; `num(i)`: column `i` holds figures; `raw(row,
/// i)`: markup to put in a cell instead of its text.
fn html_table(
    class: &str,
    header: &[String],
    rows: &[Vec<String>],
    num: impl Fn(usize) -> bool,
    raw: impl Fn(usize, usize) -> Option<String>,
) -> String {
    let class_of = |i: usize| if num(i) { " class=\"num\"" } else { "" };
    let mut out = format!("<table class=\"{class}\">\n<thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", class_of(i), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (r, row) in rows.iter().enumerate() {
        out.push_str("<tr>");
        for (i, text) in row.iter().enumerate() {
            let content = raw(r, i).unwrap_or_else(|| escape(text));
            let _ = write!(out, "<td{}>{content}</td>", class_of(i));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}
