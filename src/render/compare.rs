//! `kpi compare KPI`: one row per category of a dimension, ranked, the
//! total last (breakdowns.md, "Commands" and "Details"), as a terminal
//! table, Markdown, JSON, CSV and a workbook's sheet. Every format is made
//! from the same lines (`CompareDoc::lines`).

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::grid::{Align, Cell, Column, Row as GridRow};
use super::many::{Render, Tabular};
use super::table::{draw_tables, status_cell, title_line};
use super::{fit, percent_or_dash, Lang, Style, Text};
use crate::breakdown::Dimension;
use crate::csv_cells::neutralise;
use crate::plan::{Kpi, Plan, Point};
use crate::progress::category::Categories;
use crate::progress::compare::{rank, SortBy};
use crate::progress::{Evaluation, KpiProgress};
use crate::status::Status;
use crate::value::{plain, ratio_json, value_json};
use crate::workbook::write::TableSheet;

/// `kpi compare`'s document: one KPI's categories of one dimension.
pub struct CompareDoc<'a> {
    pub plan: &'a Plan,
    /// The evaluation the KPI's own (total) row and the as-of year come from.
    pub eval: Evaluation,
    /// The KPI's index in `plan.kpis`.
    pub kpi: usize,
    /// The dimension compared: a position in the KPI's `breakdowns`.
    pub dimension: usize,
    pub categories: Categories,
    pub sort: SortBy,
}

/// One printed row: a category, or the total (`category: None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub category: Option<usize>,
    pub baseline: Option<Decimal>,
    pub target: Option<Decimal>,
    pub latest: Option<Point>,
    pub stale: bool,
    pub change: Option<Decimal>,
    pub achievement: Option<Decimal>,
    pub status: Option<Status>,
    pub rank: Option<usize>,
}

/// The words only `kpi compare` prints, beyond the shared dictionary.
#[derive(Clone, Copy)]
pub(crate) enum CompareText {
    Code,
    Change,
    Rank,
}

pub(crate) fn compare_text(lang: Lang, w: CompareText) -> &'static str {
    match (lang, w) {
        (Lang::Ja, CompareText::Code) => "コード",
        (Lang::Ja, CompareText::Change) => "現状値からの変化",
        (Lang::Ja, CompareText::Rank) => "順位",
        (Lang::En, CompareText::Code) => "code",
        (Lang::En, CompareText::Change) => "change",
        (Lang::En, CompareText::Rank) => "rank",
    }
}

/// What the rows are ordered by, in words: `達成率順`, `ranked by achievement`.
fn sorted_words(lang: Lang, sort: SortBy) -> &'static str {
    match (lang, sort) {
        (Lang::Ja, SortBy::Achievement) => "達成率順",
        (Lang::Ja, SortBy::Value) => "実績順",
        (Lang::Ja, SortBy::Change) => "変化順",
        (Lang::Ja, SortBy::Name) => "区分の順",
        (Lang::En, SortBy::Achievement) => "ranked by achievement",
        (Lang::En, SortBy::Value) => "ranked by the latest figure",
        (Lang::En, SortBy::Change) => "ranked by change",
        (Lang::En, SortBy::Name) => "in category order",
    }
}

impl CompareDoc<'_> {
    pub fn kpi(&self) -> &Kpi {
        &self.plan.kpis[self.kpi]
    }

    /// The KPI's own evaluation: the total row.
    fn total(&self) -> Option<&KpiProgress> {
        self.eval.for_kpi(self.kpi)
    }

    pub fn dimension(&self) -> &Dimension {
        let dims = &self
            .kpi()
            .breakdown
            .as_ref()
            .map_or(&[][..], |b| &b.dimensions[..]);
        &self.plan.dimensions[dims[self.dimension]]
    }

    /// The decimals every value prints with: the KPI's, its categories' figures counted.
    pub fn decimals(&self) -> u32 {
        let own = self.total().map_or(0, |k| k.decimals);
        own.max(self.categories.decimals)
    }

    /// The categories in order, ranked, then the total.
    pub fn lines(&self) -> Vec<Line> {
        let kpi = self.kpi();
        let mut lines: Vec<Line> = rank(kpi, &self.categories, self.dimension, self.sort)
            .into_iter()
            .map(|r| {
                let c = r.category;
                Line {
                    category: Some(c.category),
                    baseline: c.baseline,
                    target: c.target,
                    latest: c.latest,
                    stale: c.judged.is_some_and(|j| j.stale),
                    change: c.change(),
                    achievement: c.achievement(),
                    status: c.status(),
                    rank: r.rank,
                }
            })
            .collect();
        if let Some(k) = self.total() {
            let own = k.kpi_of(self.plan);
            lines.push(Line {
                category: None,
                baseline: Some(own.baseline.value),
                target: Some(own.target.value),
                latest: k.latest,
                stale: k.stale,
                change: k.latest.map(|p| p.value - own.baseline.value),
                achievement: k.achievement,
                status: Some(k.status),
                rank: None,
            });
        }
        lines
    }

    fn has_codes(&self) -> bool {
        !self.dimension().codes.is_empty()
    }

    /// A line's category name, or the word for the total.
    fn name(&self, line: &Line, lang: Lang) -> String {
        match line.category {
            Some(c) => self.dimension().categories[c].clone(),
            None => lang.text(Text::Total).to_string(),
        }
    }

    fn code(&self, line: &Line) -> String {
        line.category
            .and_then(|c| self.dimension().code(c))
            .unwrap_or_default()
            .to_string()
    }

    /// `待機児童数 — 年齢別（達成率順）`, `waiting children by age, ranked by achievement`.
    fn heading(&self, style: &Style) -> String {
        let (kpi, dim) = (&self.kpi().name, &self.dimension().name);
        let sorted = sorted_words(style.lang, self.sort);
        match style.lang {
            Lang::Ja => format!("{kpi}{}{dim}別（{sorted}）", style.dash()),
            Lang::En => format!("{kpi} by {dim}, {sorted}"),
        }
    }

    /// The header of the table and Markdown.
    fn header(&self, style: &Style) -> Vec<String> {
        let t = |x| style.lang.text(x).to_string();
        let w = |x| compare_text(style.lang, x).to_string();
        let mut h = vec![self.dimension().name.clone()];
        if self.has_codes() {
            h.push(w(CompareText::Code));
        }
        h.extend([
            t(Text::Baseline),
            t(Text::Latest),
            w(CompareText::Change),
            t(Text::Achievement),
            t(Text::Status),
            w(CompareText::Rank),
        ]);
        h
    }

    /// A line's cells for people, the status word apart (the table colours it).
    fn cells(&self, line: &Line, style: &Style) -> Vec<String> {
        let kpi = self.kpi();
        let places = self.decimals();
        let dash = || "-".to_string();
        let mut cells = vec![self.name(line, style.lang)];
        if self.has_codes() {
            cells.push(self.code(line));
        }
        let baseline = line.baseline.map_or_else(dash, |b| {
            style.point(
                kpi,
                places,
                Point {
                    year: kpi.baseline.year,
                    value: b,
                },
            )
        });
        let latest = line.latest.map_or_else(dash, |p| {
            let mut s = style.point(kpi, places, p);
            if line.stale {
                s.insert_str(s.len() - 1, &format!(", {}", style.lang.text(Text::Stale)));
            }
            s
        });
        let change = line.change.map_or_else(dash, |c| {
            let v = style.value(kpi, places, c);
            if c > Decimal::ZERO {
                format!("+{v}")
            } else {
                v
            }
        });
        cells.extend([baseline, latest, change, percent_or_dash(line.achievement)]);
        cells
    }

    fn rank_cell(line: &Line) -> String {
        line.rank.map_or_else(String::new, |r| r.to_string())
    }

    fn status_text(line: &Line, style: &Style) -> String {
        line.status
            .map_or_else(|| "-".to_string(), |s| style.status_word(s).to_string())
    }

    fn columns(&self, style: &Style) -> Vec<Column> {
        let figures = if self.has_codes() { 2..6 } else { 1..5 };
        let mut cols: Vec<Column> = self
            .header(style)
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                let right = figures.contains(&i) || i == figures.end + 1;
                Column::new(h, if right { Align::Right } else { Align::Left })
            })
            .collect();
        cols[0] = cols[0].clone().name();
        let (b, l) = (figures.start, figures.start + 1);
        // At a narrow width the code gives way first, then the baseline and
        // the change; the category, latest, achievement, status and rank stay.
        if self.has_codes() {
            cols[1] = cols[1].clone().drops(1);
        }
        cols[b] = cols[b].clone().drops(2);
        cols[b + 2] = cols[b + 2].clone().drops(3);
        cols[b] = cols[b]
            .clone()
            .default_year(style.year(self.kpi().baseline.year));
        if let Some(a) = self.eval.as_of {
            cols[l] = cols[l].clone().default_year(style.year(a));
        }
        cols
    }

    fn table_text(&self, style: &Style) -> String {
        let mut out = fit::line(
            &title_line(self.plan, &self.eval, style),
            style.width,
            style.ascii,
            2,
        );
        out.push('\n');
        out.push_str(&fit::line(
            &self.heading(style),
            style.width,
            style.ascii,
            2,
        ));
        out.push('\n');
        let rows: Vec<GridRow> = self
            .lines()
            .iter()
            .map(|line| {
                let mut cells: Vec<Cell> = self
                    .cells(line, style)
                    .into_iter()
                    .map(Cell::from)
                    .collect();
                cells.push(match line.status {
                    Some(s) => status_cell(s, style),
                    None => Cell::from("-".to_string()),
                });
                cells.push(Cell::from(Self::rank_cell(line)));
                GridRow::Cells(cells)
            })
            .collect();
        let (drawn, note) = draw_tables(&self.columns(style), &[rows], style);
        out.push_str(&drawn.concat());
        out.push_str(&note);
        out
    }

    fn markdown_text(&self, style: &Style) -> String {
        let style = Style {
            color: false,
            width: None,
            ..*style
        };
        let cell = super::markdown::cell;
        let mut out = format!("# {}\n\n", cell(&title_line(self.plan, &self.eval, &style)));
        out.push_str(&format!("{}\n\n", cell(&self.heading(&style))));
        let header = self.header(&style);
        let first = usize::from(self.has_codes()) + 1;
        let right: Vec<bool> = (0..header.len())
            .map(|i| (first..first + 4).contains(&i) || i == header.len() - 1)
            .collect();
        let rows: Vec<Vec<String>> = self
            .lines()
            .iter()
            .map(|line| {
                let mut cells = self.cells(line, &style);
                cells.push(Self::status_text(line, &style));
                cells.push(Self::rank_cell(line));
                cells
            })
            .collect();
        out.push_str(&super::markdown::table(&header, &right, &rows));
        out
    }

    /// One line's JSON object; a category's has its name (and code), and a rank.
    fn line_json(&self, line: &Line) -> Value {
        let style = self.plan.year_style;
        let value = |v: Option<Decimal>| v.map_or(Value::Null, value_json);
        let mut m = serde_json::Map::new();
        if let Some(c) = line.category {
            m.insert("category".into(), json!(self.dimension().categories[c]));
            if let Some(code) = self.dimension().code(c) {
                m.insert("code".into(), json!(code));
            }
        }
        m.insert("baseline".into(), value(line.baseline));
        m.insert("target".into(), value(line.target));
        let latest = line
            .latest
            .map_or(Value::Null, |p| super::json::point(p, style));
        m.insert("latest".into(), latest);
        m.insert("change".into(), value(line.change));
        m.insert(
            "achievement".into(),
            line.achievement.map_or(Value::Null, ratio_json),
        );
        m.insert("status".into(), json!(line.status.map(Status::name)));
        m.insert("stale".into(), json!(line.stale));
        if line.category.is_some() {
            m.insert("rank".into(), json!(line.rank));
        }
        Value::Object(m)
    }

    /// The JSON document: the plan, the KPI, the dimension, the order, the
    /// categories in that order, then the total.
    pub fn json(&self) -> Value {
        let kpi = self.kpi();
        let dim = self.dimension();
        let mut lines = self.lines();
        let total = lines.pop_if(|l| l.category.is_none());
        json!({
            "schema_version": super::json::SCHEMA_VERSION,
            "plan": super::json::plan_head(self.plan, self.eval.as_of),
            "kpi": {
                "id": kpi.id,
                "name": kpi.name,
                "unit": kpi.unit,
                "direction": kpi.direction.name(),
                "baseline_year": kpi.baseline.year.0,
                "target_year": kpi.target.year.0,
            },
            "dimension": { "id": dim.id, "name": dim.name },
            "sorted_by": self.sort.name(),
            "categories": lines.iter().map(|l| self.line_json(l)).collect::<Vec<_>>(),
            "total": total.map_or(Value::Null, |t| self.line_json(&t)),
        })
    }
}

/// The CSV's header; `code` only when the dimension has codes.
const CSV_HEADER: [&str; 12] = [
    "category",
    "code",
    "baseline_year",
    "baseline",
    "target",
    "latest_year",
    "latest",
    "change",
    "achievement",
    "status",
    "stale",
    "rank",
];

impl Render for CompareDoc<'_> {
    fn plan(&self) -> &Plan {
        self.plan
    }

    fn text(&self, style: &Style) -> String {
        self.table_text(style)
    }

    fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.json())?;
        out.write_all(b"\n")
    }
}

impl Tabular for CompareDoc<'_> {
    /// `codes`: the dimension has codes.
    fn header(codes: bool) -> Vec<&'static str> {
        CSV_HEADER
            .iter()
            .copied()
            .filter(|h| codes || *h != "code")
            .collect()
    }

    /// Values exactly, with the KPI's decimals; ratios unrounded; the
    /// total's category cell blank (the ledger's blank: the total).
    fn rows(&self, codes: bool) -> Vec<Vec<String>> {
        let places = self.decimals();
        let value = |v: Option<Decimal>| v.map(|v| plain(v, places)).unwrap_or_default();
        let baseline_year = self.kpi().baseline.year.0.to_string();
        self.lines()
            .iter()
            .map(|line| {
                let mut row = vec![line
                    .category
                    .map(|c| neutralise(&self.dimension().categories[c]))
                    .unwrap_or_default()];
                if codes {
                    row.push(neutralise(&self.code(line)));
                }
                row.extend([
                    baseline_year.clone(),
                    value(line.baseline),
                    value(line.target),
                    line.latest
                        .map(|p| p.year.0.to_string())
                        .unwrap_or_default(),
                    value(line.latest.map(|p| p.value)),
                    value(line.change),
                    line.achievement
                        .map(|a| a.normalize().to_string())
                        .unwrap_or_default(),
                    line.status
                        .map(|s| s.name().to_string())
                        .unwrap_or_default(),
                    line.stale.to_string(),
                    line.rank.map(|r| r.to_string()).unwrap_or_default(),
                ]);
                row
            })
            .collect()
    }

    fn extra(&self) -> bool {
        self.has_codes()
    }

    fn markdown(&self, style: &Style) -> String {
        self.markdown_text(style)
    }

    fn sheet(&self, lang: Lang) -> TableSheet {
        super::xlsx::compare::sheet(self, lang)
    }
}

#[cfg(test)]
mod tests;
