//! `kpi gap`: what it would take, worst first, as a terminal table,
//! Markdown, JSON or CSV. Values print with the KPI's decimals, the
//! projection (a value the KPI would take) too; the per-year rates, which
//! are quotients, with up to two more where they need them (`0.75件`,
//! `2.4%`, `0.33件` for 1/3).

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::grid::{self, Align, Cell, Column, Row as GridRow};
use super::markdown::cell;
use super::table::{draw_tables, status_cell, title_line};
use super::{fit, Lang, Style, Text};
use crate::csv_cells::neutralise;
use crate::plan::Plan;
use crate::progress::gap::{Gap, Row};
use crate::progress::Evaluation;
use crate::value::{plain, ratio_json, value_json, with_places};

/// Everything a `kpi gap` renderer needs.
pub struct GapReport<'a> {
    pub plan: &'a Plan,
    pub eval: &'a Evaluation,
    /// Worst first, as evaluation sorts them.
    pub rows: &'a [Row],
}

/// The words only `kpi gap` prints, beyond the shared dictionary (`i18n::Text`).
#[derive(Clone, Copy)]
pub(crate) enum GapText {
    Heading,
    YearsLeft,
    Needed,
    Seen,
    Ratio,
    Projection,
    Reaches,
    Yes,
    No,
    Nothing,
}

pub(crate) fn gap_text(lang: Lang, w: GapText) -> &'static str {
    match (lang, w) {
        (Lang::Ja, GapText::Heading) => "目標との差（遅れの大きい順）",
        (Lang::Ja, GapText::YearsLeft) => "残り年数",
        (Lang::Ja, GapText::Needed) => "必要な年平均",
        (Lang::Ja, GapText::Seen) => "これまでの年平均",
        (Lang::Ja, GapText::Ratio) => "必要/実績",
        (Lang::Ja, GapText::Projection) => "傾向での目標年度の見込み",
        (Lang::Ja, GapText::Reaches) => "到達",
        (Lang::Ja, GapText::Yes) => "届く",
        (Lang::Ja, GapText::No) => "届かない",
        (Lang::Ja, GapText::Nothing) => "該当なし：選んだ指標はすべて達成済みか未達成で確定",
        (Lang::En, GapText::Heading) => "gap to target, worst first",
        (Lang::En, GapText::YearsLeft) => "years left",
        (Lang::En, GapText::Needed) => "needed per year",
        (Lang::En, GapText::Seen) => "seen per year",
        (Lang::En, GapText::Ratio) => "needed/seen",
        (Lang::En, GapText::Projection) => "trend at target year",
        (Lang::En, GapText::Reaches) => "reaches",
        (Lang::En, GapText::Yes) => "yes",
        (Lang::En, GapText::No) => "no",
        (Lang::En, GapText::Nothing) => "nothing to show: every KPI selected is achieved or missed",
    }
}

fn header(style: &Style) -> Vec<String> {
    let t = |x| style.lang.text(x).to_string();
    let w = |x| gap_text(style.lang, x).to_string();
    vec![
        t(Text::Kpi),
        t(Text::Latest),
        t(Text::Gap),
        w(GapText::YearsLeft),
        w(GapText::Needed),
        w(GapText::Seen),
        w(GapText::Ratio),
        w(GapText::Projection),
        w(GapText::Reaches),
        t(Text::Status),
    ]
}

/// The columns that hold numbers, right-aligned.
const NUMERIC: std::ops::RangeInclusive<usize> = 1..=7;

/// A row's cells but the status, which the table colours: `-` where a figure is undefined.
fn cells(report: &GapReport, row: &Row, style: &Style) -> Vec<String> {
    let k = &report.eval.kpis[row.row];
    let kpi = k.kpi_of(report.plan);
    let rate = |v: Decimal| {
        let r = with_places(v, k.decimals + 2).normalize();
        style.value(kpi, r.scale().max(k.decimals), r)
    };
    let dash = || "-".to_string();
    let mut out = vec![kpi.name.clone(), style.latest(kpi, k)];
    match &row.gap {
        None => out.extend(std::iter::repeat_with(dash).take(7)),
        Some(g) => out.extend([
            style.value(kpi, k.decimals, g.remaining),
            g.years_left.to_string(),
            rate(g.needed_per_year),
            rate(g.seen_per_year),
            g.ratio.map_or_else(dash, |r| with_places(r, 2).to_string()),
            format!(
                "{} ({})",
                style.value(kpi, k.decimals, g.projection.value),
                style.year(g.projection.year)
            ),
            gap_text(
                style.lang,
                if g.projection.reaches {
                    GapText::Yes
                } else {
                    GapText::No
                },
            )
            .to_string(),
        ]),
    }
    out
}

fn heading(report: &GapReport, style: &Style) -> String {
    format!(
        "{}{}{}",
        title_line(report.plan, report.eval, style),
        style.dash(),
        gap_text(style.lang, GapText::Heading)
    )
}

/// The terminal table's columns and how each gives way: the projection
/// first, then the ratio, years left, seen per year, reaches and last the
/// latest figure (the per-year rates mean little without it); the name
/// wraps; the gap, what is needed and the status stay.
fn columns(report: &GapReport, style: &Style) -> Vec<Column> {
    let mut cols: Vec<Column> = header(style)
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let align = if NUMERIC.contains(&i) {
                Align::Right
            } else {
                Align::Left
            };
            Column::new(h, align)
        })
        .collect();
    cols[0] = cols[0].clone().name();
    for (i, rank) in [(7, 1), (6, 2), (3, 3), (5, 4), (8, 5), (1, 6)] {
        cols[i] = cols[i].clone().drops(rank);
    }
    if let Some(a) = report.eval.as_of {
        cols[1] = cols[1].clone().default_year(style.year(a));
    }
    let target_year = grid::common_year(
        report
            .rows
            .iter()
            .filter_map(|r| r.gap.as_ref().map(|g| g.projection.year)),
    );
    if let Some(y) = target_year {
        cols[7] = cols[7].clone().default_year(style.year(y));
    }
    cols
}

pub fn table(report: &GapReport, style: &Style) -> String {
    let mut out = fit::line(&heading(report, style), style.width, style.ascii, 2);
    out.push('\n');
    if report.rows.is_empty() {
        out.push_str(&fit::line(
            gap_text(style.lang, GapText::Nothing),
            style.width,
            style.ascii,
            2,
        ));
        out.push('\n');
        return out;
    }
    let rows: Vec<GridRow> = report
        .rows
        .iter()
        .map(|row| {
            let k = &report.eval.kpis[row.row];
            let status = k.status;
            let mut line: Vec<Cell> = cells(report, row, style)
                .into_iter()
                .map(Cell::from)
                .collect();
            let mut status = status_cell(status, style);
            status.text.push_str(&super::judged::suffix(k, style));
            line.push(status);
            GridRow::Cells(line)
        })
        .collect();
    let (drawn, note) = draw_tables(&columns(report, style), &[rows], style);
    out.push_str(&drawn.concat());
    out.push_str(&note);
    out
}

pub fn markdown(report: &GapReport, style: &Style) -> String {
    let style = Style {
        color: false,
        width: None,
        ..*style
    };
    let mut out = format!("# {}\n\n", cell(&heading(report, &style)));
    if report.rows.is_empty() {
        out.push_str(gap_text(style.lang, GapText::Nothing));
        out.push('\n');
        return out;
    }
    let names: Vec<String> = header(&style).iter().map(|h| cell(h)).collect();
    out.push_str(&format!("| {} |\n", names.join(" | ")));
    let rule: Vec<&str> = (0..names.len())
        .map(|i| if NUMERIC.contains(&i) { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for row in report.rows {
        let k = &report.eval.kpis[row.row];
        let mut line: Vec<String> = cells(report, row, &style).iter().map(|c| cell(c)).collect();
        line.push(cell(&super::judged::status_text(k, &style)));
        out.push_str(&format!("| {} |\n", line.join(" | ")));
    }
    out
}

/// A ratio, or `null`.
fn number(v: Option<Decimal>) -> Value {
    v.map_or(Value::Null, ratio_json)
}

fn gap_json(g: Option<&Gap>, plan: &Plan) -> Value {
    let Some(g) = g else {
        return json!({
            "gap": null, "years_left": null, "needed_per_year": null,
            "seen_per_year": null, "ratio": null, "projection": null,
        });
    };
    let p = &g.projection;
    json!({
        "gap": value_json(g.remaining),
        "years_left": g.years_left,
        "needed_per_year": value_json(g.needed_per_year),
        "seen_per_year": value_json(g.seen_per_year),
        "ratio": number(g.ratio),
        "projection": {
            "year": p.year.0,
            "label": p.year.label(plan.year_style),
            "value": value_json(p.value),
            "per_year": value_json(p.per_year),
            "points": p.points,
            "reaches": p.reaches,
            "achievement": number(p.achievement),
        },
    })
}

/// One row's object: the KPI, its figures and its gap.
fn row_json(report: &GapReport, row: &Row) -> Value {
    let plan = report.plan;
    let style = plan.year_style;
    let k = &report.eval.kpis[row.row];
    let kpi = k.kpi_of(plan);
    let mut v = json!({
        "id": kpi.id,
        "name": kpi.name,
        "unit": kpi.unit,
        "direction": kpi.direction.name(),
        "status": k.status.name(),
        "stale": k.stale,
        "baseline": super::json::point(kpi.baseline, style),
        "target": super::json::point(kpi.target, style),
        "latest": k.latest.map_or(Value::Null, |p| super::json::point(p, style)),
    });
    if let (Value::Object(m), Value::Object(g)) = (&mut v, gap_json(row.gap.as_ref(), plan)) {
        m.extend(g);
    }
    v
}

/// `schema_version`, the plan, and one object per row, worst first,
/// written as it is made (as `status --format json` is): one row's object
/// at a time, never the whole tree.
pub fn write_json(report: &GapReport, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let frame = json!({
        "schema_version": super::json::SCHEMA_VERSION,
        "plan": super::json::plan_head(report.plan, report.eval.as_of),
        "sorted_by": "projection.achievement",
        "kpis": super::json::stream::placeholder("kpis"),
    });
    super::json::stream::write_framed(
        &frame,
        &["kpis"],
        |_, out| super::json::stream::write_array(report.rows, |row| row_json(report, row), out),
        out,
    )
}

/// `write_json`'s document as text.
pub fn json(report: &GapReport) -> String {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail, and the JSON is valid UTF-8.
    let _ = write_json(report, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// One row per KPI, worst first; values with the KPI's decimals, quotients
/// unrounded; an undefined figure is an empty cell.
pub fn csv(report: &GapReport) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(csv_header())?;
    for rec in csv_rows(report) {
        w.write_record(&rec)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// The gap CSV's header.
pub fn csv_header() -> Vec<&'static str> {
    let mut h = vec!["id", "name", "unit", "direction", "status", "stale"];
    h.extend(super::csv::figure_columns());
    h.extend([
        "gap",
        "years_left",
        "needed_per_year",
        "seen_per_year",
        "ratio",
        "projection_year",
        "projection",
        "trend_per_year",
        "reaches",
        "projected_achievement",
    ]);
    h
}

/// The gap CSV's rows, every cell as written (the header apart).
pub fn csv_rows(report: &GapReport) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(report.rows.len());
    let exact = |v: Decimal| v.normalize().to_string();
    for row in report.rows {
        let k = &report.eval.kpis[row.row];
        let kpi = k.kpi_of(report.plan);
        let places = k.decimals;
        // Text cells a spreadsheet would run as a formula are neutralised;
        // numbers are written as they are.
        let mut rec = vec![
            neutralise(&kpi.id),
            neutralise(&kpi.name),
            neutralise(kpi.unit.as_deref().unwrap_or_default()),
            kpi.direction.name().to_string(),
            k.status.name().to_string(),
            k.stale.to_string(),
        ];
        rec.extend(super::csv::figure_cells(kpi, k));
        match &row.gap {
            None => rec.extend(std::iter::repeat_n(String::new(), 10)),
            Some(g) => rec.extend([
                plain(g.remaining, places),
                g.years_left.to_string(),
                exact(g.needed_per_year),
                exact(g.seen_per_year),
                g.ratio.map(exact).unwrap_or_default(),
                g.projection.year.0.to_string(),
                exact(g.projection.value),
                exact(g.projection.per_year),
                g.projection.reaches.to_string(),
                g.projection.achievement.map(exact).unwrap_or_default(),
            ]),
        }
        out.push(rec);
    }
    out
}
