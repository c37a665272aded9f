//! `kpi show KPI`: one KPI in full, every year against the expected path.

use serde_json::{json, Value};

use super::chart::{self, Chart};
use super::grid::{Align, Cell, Column, Row};
use super::json::year as year_json;
use super::plot::PlanPath;
use super::report_ws::{path, plans_rows, word, years_rows, Shared};
use super::table::{draw_tables, status_cell};
use super::{fit, percent_or_dash, Style, Text};
use crate::plan::{Kpi, Plan, Point};
use crate::progress::KpiProgress;
use crate::review::Review;
use crate::value::{ratio_json, value_json};
use crate::year::YearStyle;

/// The facts, the year table, and the chart: `k` from a query asking for charts.
pub fn render(plan: &Plan, k: &KpiProgress, review: Option<&Review>, style: &Style) -> String {
    let kpi = k.kpi_of(plan);
    let t = |x| style.lang.text(x);
    let (width, ascii) = (style.width, style.ascii);
    let mut out = fit::line(&format!("{} ({})", kpi.name, kpi.id), width, ascii, 2);
    out.push('\n');
    let reason = super::judged::reason_line(k, style);
    let facts = facts(plan, k, review, style)
        .into_iter()
        .map(|(key, v)| (t(key).to_string(), v));
    for (key, value) in facts.chain(reason) {
        out.push_str(&fit::line(&format!("  {key}: {value}"), width, ascii, 4));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&year_table(kpi, k, style));
    out.push('\n');
    out.push_str(&super::plot::plot(kpi, &Chart::of(kpi, k), style));
    // A KPI with breakdowns: its categories by year, and their chart.
    out.push_str(&super::show_categories::text(
        plan,
        k,
        chart::detail(k).as_of,
        style,
    ));
    out
}

/// The facts of a KPI as `kpi show` lists them, a heading and a text each.
fn facts(
    plan: &Plan,
    k: &KpiProgress,
    review: Option<&Review>,
    style: &Style,
) -> Vec<(Text, String)> {
    let kpi = k.kpi_of(plan);
    let t = |x| style.lang.text(x);
    let places = k.decimals;
    let direction = match kpi.direction {
        crate::plan::Direction::Increase => t(Text::Increase),
        crate::plan::Direction::Decrease => t(Text::Decrease),
    };
    let mut facts: Vec<(Text, String)> = vec![
        (Text::Baseline, style.point(kpi, places, kpi.baseline)),
        (Text::Target, style.target(kpi, k)),
        (Text::Direction, direction.to_string()),
    ];
    if let Some(r) = k.revision {
        let original = &plan.kpis[k.kpi];
        facts.push((
            Text::OriginalTarget,
            style.point(kpi, places, original.target),
        ));
        let rev = &original.revisions[r];
        let when = format!("{} {}", t(Text::RevisedFrom), style.year(rev.from));
        let what = match &rev.note {
            Some(note) => format!("{when}: {note}"),
            None => when,
        };
        facts.push((Text::Revised, what));
    }
    if !kpi.milestones.is_empty() {
        let ms: Vec<String> = kpi
            .milestones
            .iter()
            .map(|m| style.point(kpi, places, *m))
            .collect();
        facts.push((Text::Milestone, ms.join(", ")));
    }
    if kpi.cumulative {
        let yes = if style.ascii { "yes" } else { "✓" };
        facts.push((Text::Cumulative, yes.to_string()));
    }
    let goals: Vec<String> = plan
        .kpi_goals(kpi)
        .iter()
        .map(|g| format!("{} {}", g.id, g.name))
        .collect();
    facts.push((Text::GoalLabel, goals.join(", ")));
    if !kpi.measure_ids().is_empty() {
        facts.push((Text::Measures, kpi.measure_ids().join(", ")));
    }
    for (key, value) in [
        (Text::Owner, &kpi.owner),
        (Text::Source, &kpi.source),
        (Text::Note, &kpi.note),
    ] {
        if let Some(v) = value {
            facts.push((key, v.clone()));
        }
    }
    facts.push((Text::Latest, style.latest(kpi, k)));
    // The schedule (evaluation-cycle.md §1), for a KPI that has one.
    if let Some(s) = super::schedule::sentence(kpi, style) {
        facts.push((Text::Schedule, s));
    }
    let status = match &k.grade {
        Some(g) => format!("{} ({} {g})", style.status_word(k.status), t(Text::Grade)),
        None => style.status_word(k.status).to_string(),
    };
    facts.push((Text::Status, status + &super::judged::suffix(k, style)));
    if let Some(r) = review {
        for (key, text) in [
            (Text::ReviewComment, &r.comment),
            (Text::ReviewNext, &r.next),
        ] {
            if let Some(text) = text {
                facts.push((key, text.clone()));
            }
        }
    }
    facts
}

/// The year table: a row a year, its figure, expected value and marks.
fn year_table(kpi: &Kpi, k: &KpiProgress, style: &Style) -> String {
    let rows = &chart::detail(k).years;
    let t = |x| style.lang.text(x);
    let places = k.decimals;
    let header = [
        (Text::Year, Align::Left, None),
        (Text::Actual, Align::Right, None),
        (Text::ExpectedValue, Align::Right, Some(3)),
        (Text::Achievement, Align::Right, None),
        (Text::Pace, Align::Right, Some(2)),
        (Text::Status, Align::Left, None),
        (Text::Note, Align::Left, Some(1)),
    ];
    let mut columns: Vec<Column> = header
        .into_iter()
        .map(|(x, align, rank)| {
            let c = Column::new(t(x), align);
            match rank {
                Some(r) => c.drops(r),
                None => c,
            }
        })
        .collect();
    // The marks and a figure's own note wrap before they are left out.
    columns[6] = columns[6].clone().wrapping();
    let mut table = Vec::new();
    for row in rows {
        // A total derived from its categories says so (breakdowns.md).
        let marks = super::categories::marks(k, row, style.lang);
        // The status belongs to the latest scored actual only.
        let status = if k.latest.is_some_and(|l| l.year == row.year) {
            status_cell(k.status, style)
        } else {
            Cell::from("")
        };
        table.push(Row::Cells(vec![
            Cell::from(style.year(row.year)),
            Cell::from(row.actual.map_or_else(
                || {
                    let as_of = chart::detail(k).as_of;
                    super::schedule::no_figure(kpi, row.year, as_of, style.lang).to_string()
                },
                |a| style.value(kpi, places, a),
            )),
            Cell::from(style.value(kpi, places, row.expected_value)),
            Cell::from(percent_or_dash(row.figures.and_then(|f| f.achievement))),
            Cell::from(percent_or_dash(row.figures.and_then(|f| f.pace))),
            status,
            Cell::from(marks),
        ]));
    }
    let (drawn, note) = draw_tables(&columns, &[table], style);
    drawn.concat() + &note
}

/// `kpi show --format json`: `k` from a query asking for charts.
pub fn render_json(
    plan: &Plan,
    k: &KpiProgress,
    as_of: Option<crate::year::FiscalYear>,
    review: Option<&Review>,
) -> String {
    pretty(&json_doc(plan, k, as_of, review))
}

/// A JSON document, pretty, with a final line break.
pub fn pretty(doc: &Value) -> String {
    let mut text = serde_json::to_string_pretty(doc).unwrap_or_default();
    text.push('\n');
    text
}

/// `render_json`'s document, for a caller that adds to it (`kpi show` in a
/// workspace: `plan` and `also_in`).
pub fn json_doc(
    plan: &Plan,
    k: &KpiProgress,
    as_of: Option<crate::year::FiscalYear>,
    review: Option<&Review>,
) -> Value {
    let style = plan.year_style;
    let kpi_judged = k.kpi_of(plan);
    let years: Vec<Value> = chart::detail(k)
        .years
        .iter()
        .map(|r| {
            json!({
                "year": r.year.0,
                "label": r.year.label(style),
                "actual": r.actual.map_or(Value::Null, value_json),
                "expected_value": value_json(r.expected_value),
                "milestone": r.milestone.map_or(Value::Null, value_json),
                "baseline": r.is_baseline,
                "target": r.is_target,
                "after_target": r.after_target,
                "due": kpi_judged.is_due(r.year),
                "achievement": r.figures.and_then(|f| f.achievement).map_or(Value::Null, ratio_json),
                "expected": r.figures.and_then(|f| f.expected).map_or(Value::Null, ratio_json),
                "pace": r.figures.and_then(|f| f.pace).map_or(Value::Null, ratio_json),
            })
        })
        .collect();
    let year_review = crate::review::YearReview {
        kpis: review
            .map(|r| [(plan.kpis[k.kpi].id.clone(), r.clone())].into())
            .unwrap_or_default(),
        ..Default::default()
    };
    let mut kpi = super::json::kpi(plan, k, &year_review);
    let mut years = years;
    if let Value::Object(m) = &mut kpi {
        // A KPI with breakdowns: which totals were derived, and every
        // category figure (breakdowns.md; additive fields only).
        if let Some(c) = k.categories.as_deref() {
            super::categories::json_years(c, &mut years);
            m.insert(
                "category_figures".to_string(),
                super::categories::json_figures(plan, k.kpi, c, style),
            );
        }
        m.insert("years".to_string(), Value::Array(years));
    }
    json!({
        "schema_version": super::json::SCHEMA_VERSION,
        "as_of": as_of.map_or(Value::Null, |a| year_json(a, style)),
        "kpi": kpi,
    })
}

/// `kpi show INDICATOR` in a workspace: the series' facts, each plan's KPI
/// on it, its figures by year beside each plan's path, and one chart with
/// every plan's path, baseline and target.
pub fn indicator(series: &Kpi, shared: &Shared, style: &Style) -> String {
    let t = |x| style.lang.text(x);
    let (width, ascii) = (style.width, style.ascii);
    let mut out = fit::line(&format!("{} ({})", series.name, series.id), width, ascii, 2);
    out.push('\n');
    let mut facts: Vec<String> = Vec::new();
    if let Some(unit) = series.unit.as_deref().filter(|u| !u.is_empty()) {
        facts.push(format!("{}{unit}", t(Text::Unit)));
    }
    for (key, value) in [(Text::Owner, &series.owner), (Text::Source, &series.source)] {
        if let Some(v) = value {
            facts.push(format!("{}: {v}", t(key)));
        }
    }
    if series.cumulative {
        let yes = if style.ascii { "yes" } else { "✓" };
        facts.push(format!("{}: {yes}", t(Text::Cumulative)));
    }
    let plans: Vec<String> = shared
        .uses
        .iter()
        .map(|u| format!("{} ({})", u.member, u.plan.kpis[u.k.kpi].id))
        .collect();
    facts.push(format!(
        "{}: {}",
        word(style.lang, "plans"),
        plans.join(", ")
    ));
    for fact in facts {
        out.push_str(&fit::line(&format!("  {fact}"), width, ascii, 4));
        out.push('\n');
    }
    let grid = |(header, rows): (Vec<String>, Vec<Vec<String>>), statuses: bool| {
        let columns: Vec<Column> = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let align = if i == 0 || (statuses && (i == 1 || i == 6)) {
                    Align::Left
                } else {
                    Align::Right
                };
                let column = Column::new(h, align);
                // To fit the width (issue 24, item 26), what is said
                // elsewhere gives way first: the KPI ids (the facts above
                // list them), then the achievement; in the year table,
                // the plans' columns from the last (the chart below draws
                // every plan's path).
                let last = u8::try_from(header.len()).unwrap_or(u8::MAX);
                match (statuses, i) {
                    (true, 1) => column.drops(1),
                    (true, 5) => column.drops(2),
                    (false, 2..) => column.drops(last.saturating_sub(i as u8)),
                    _ => column,
                }
            })
            .collect();
        let table: Vec<Row> = rows
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                Row::Cells(
                    row.into_iter()
                        .enumerate()
                        .map(|(i, text)| {
                            if statuses && i == 6 {
                                status_cell(shared.uses[r].k.status, style)
                            } else {
                                Cell::from(text)
                            }
                        })
                        .collect(),
                )
            })
            .collect();
        let (drawn, note) = draw_tables(&columns, &[table], style);
        format!("{}{note}", drawn.concat())
    };
    out.push('\n');
    out.push_str(&grid(plans_rows(shared, style), true));
    out.push('\n');
    out.push_str(&grid(years_rows(shared, style), false));
    out.push('\n');
    let actuals: Vec<Point> = shared
        .figures
        .iter()
        .map(|&(year, value, _)| Point { year, value })
        .collect();
    let paths: Vec<PlanPath> = shared
        .uses
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let kpi = u.k.kpi_of(u.plan);
            PlanPath {
                mark: char::from_digit((i % 9 + 1) as u32, 10).unwrap_or('+'),
                label: u.member,
                expected: path(&u.k),
                baseline: kpi.baseline,
                target: kpi.target,
            }
        })
        .collect();
    out.push_str(&super::plot::plot_paths(
        series.unit.as_deref(),
        &actuals,
        &paths,
        style,
    ));
    out
}

/// `kpi show INDICATOR --format json`: the series, its figures, and each
/// plan's KPI on it (the fields of `kpi status --format json`) with its
/// expected path.
pub fn indicator_json(series: &Kpi, shared: &Shared, style: YearStyle) -> String {
    let figures: Vec<Value> = shared
        .figures
        .iter()
        .map(|&(year, value, preliminary)| {
            json!({
                "year": year.0,
                "label": year.label(style),
                "value": value_json(value),
                "preliminary": preliminary,
            })
        })
        .collect();
    let plans: Vec<Value> = shared
        .uses
        .iter()
        .map(|u| {
            let mut kpi = super::json::kpi(u.plan, &u.k, &Default::default());
            let ys = u.plan.year_style;
            let path: Vec<Value> = path(&u.k)
                .iter()
                .map(|p| super::json::point(*p, ys))
                .collect();
            if let Value::Object(m) = &mut kpi {
                m.insert("path".to_string(), Value::Array(path));
            }
            json!({ "plan": u.member, "kpi": kpi })
        })
        .collect();
    let doc = json!({
        "schema_version": super::json::SCHEMA_VERSION,
        "indicator": {
            "id": series.id,
            "name": series.name,
            "unit": series.unit,
            "owner": series.owner,
            "source": series.source,
            "cumulative": series.cumulative,
            "direction": series.direction.name(),
        },
        "figures": figures,
        "plans": plans,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
