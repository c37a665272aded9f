//! `kpi diff` as a table grouped by goal, as Markdown and as JSON: one row
//! per change of a KPI (status, grade, figure revised, target revised,
//! added, removed), with what it was and what it is.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::grid::{Align, Cell, Column, Row};
use super::{fit, markdown, Lang, Style};
use crate::evaluations::beside::Trend;
use crate::evaluations::diff::{totals, Entry, Kind};
use crate::evaluations::{KpiSnap, Snapshot};
use crate::year::{FiscalYear, YearStyle};

/// The two evaluations compared, each said as where it comes from.
pub struct Sides<'a> {
    pub from: &'a Snapshot,
    pub to: &'a Snapshot,
}

fn side(s: &Snapshot, style: &Style) -> String {
    let y = style.year(s.year);
    match (style.lang, &s.date) {
        (Lang::Ja, Some(d)) => format!("{y}（{d} 公表）"),
        (Lang::Ja, None) => format!("{y}（現在の計画と実績で再計算）"),
        (Lang::En, Some(d)) => format!("{y} (published {d})"),
        (Lang::En, None) => format!("{y} (recomputed now)"),
    }
}

fn heading(sides: &Sides, style: &Style) -> String {
    let (f, t) = (side(sides.from, style), side(sides.to, style));
    match style.lang {
        Lang::Ja => format!("評価の差分: {f} → {t}"),
        Lang::En => format!("changes between evaluations: {f} → {t}"),
    }
}

fn summary(entries: &[Entry], lang: Lang) -> String {
    let t = totals(entries);
    if entries.is_empty() {
        return match lang {
            Lang::Ja => "変化はありません".to_string(),
            Lang::En => "no changes".to_string(),
        };
    }
    match lang {
        Lang::Ja => format!(
            "改善 {}・悪化 {}・実績の改定 {}・目標の改定 {}・追加 {}・削除 {}",
            t.improved, t.worsened, t.figures_revised, t.targets_revised, t.added, t.removed
        ),
        Lang::En => {
            // "1 figure revised", "2 figures revised".
            let n = |count: usize, one: &str, many: &str| {
                format!("{count} {}", if count == 1 { one } else { many })
            };
            format!(
                "{} improved, {} worsened, {} revised, {} revised, {} added, {} removed",
                t.improved,
                t.worsened,
                n(t.figures_revised, "figure", "figures"),
                n(t.targets_revised, "target", "targets"),
                t.added,
                t.removed
            )
        }
    }
}

fn value(v: Decimal, unit: Option<&str>) -> String {
    super::with_unit(&crate::value::grouped(v, crate::value::decimals(v)), unit)
}

/// One KPI's rows: (what, from, to).
fn changes_of(e: &Entry, style: &Style) -> Vec<[String; 3]> {
    let ja = style.lang == Lang::Ja;
    let word = |s| style.status_word(s).to_string();
    let unit = e.unit.as_deref();
    let point = |p: Option<(FiscalYear, Decimal)>| {
        p.map_or("-".to_string(), |(y, v)| {
            format!("{} ({})", value(v, unit), style.year(y))
        })
    };
    let grade = |g: &Option<String>| g.clone().unwrap_or_else(|| "-".to_string());
    let pick = |j: &str, n: &str| if ja { j.to_string() } else { n.to_string() };
    match &e.kind {
        Kind::Added(k) => vec![[pick("追加", "added"), "-".into(), word(k.status)]],
        Kind::Removed(k) => vec![[pick("削除", "removed"), word(k.status), "-".into()]],
        Kind::Changed(c) => {
            let mut out = Vec::new();
            let trend = match c.trend {
                Some(Trend::Improved) => pick("（改善）", " (improved)"),
                Some(Trend::Worsened) => pick("（悪化）", " (worsened)"),
                _ => String::new(),
            };
            if c.status_changed() {
                let what = pick("状況", "status") + &trend;
                out.push([what, word(c.from.status), word(c.to.status)]);
            }
            if c.grade_changed() {
                let what = pick("評価", "grade") + if c.status_changed() { "" } else { &trend };
                out.push([what, grade(&c.from.grade), grade(&c.to.grade)]);
            }
            if let Some((y, f, t)) = c.figure_revised {
                let y = style.year(y);
                let what = if ja {
                    format!("実績 {y}（改定）")
                } else {
                    format!("figure for {y} (revised)")
                };
                out.push([what, value(f, unit), value(t, unit)]);
            }
            if c.target_revised {
                let what = pick("目標（改定）", "target (revised)");
                out.push([what, point(c.from.target), point(c.to.target)]);
            }
            out
        }
    }
}

/// The goals in the order the evaluations list them, then KPIs of none.
fn groups<'e>(sides: &Sides, entries: &'e [Entry]) -> Vec<(Option<String>, Vec<&'e Entry>)> {
    let mut order: Vec<(String, String)> = sides.to.goals.clone();
    for g in &sides.from.goals {
        if !order.iter().any(|(id, _)| id == &g.0) {
            order.push(g.clone());
        }
    }
    let mut out: Vec<(Option<String>, Vec<&Entry>)> = Vec::new();
    for (id, name) in &order {
        let of: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.goal.as_ref() == Some(id))
            .collect();
        if !of.is_empty() {
            out.push((Some(format!("{id} {name}")), of));
        }
    }
    let known = |e: &&Entry| {
        e.goal
            .as_ref()
            .is_some_and(|g| order.iter().any(|(id, _)| id == g))
    };
    let rest: Vec<&Entry> = entries.iter().filter(|e| !known(e)).collect();
    if !rest.is_empty() {
        out.push((None, rest));
    }
    out
}

fn goal_title(goal: &Option<String>, lang: Lang) -> String {
    match (goal, lang) {
        (Some(g), Lang::Ja) => format!("基本目標{g}"),
        (Some(g), Lang::En) => format!("Goal {g}"),
        (None, Lang::Ja) => "基本目標なし".to_string(),
        (None, Lang::En) => "no goal".to_string(),
    }
}

fn headers(sides: &Sides, style: &Style) -> [String; 4] {
    let label = |s: &Snapshot| {
        let y = style.year(s.year);
        match (style.lang, s.file.is_some()) {
            (Lang::Ja, true) => format!("{y} 公表"),
            (Lang::Ja, false) => format!("{y} 再計算"),
            (Lang::En, true) => format!("{y} published"),
            (Lang::En, false) => format!("{y} now"),
        }
    };
    let (f, t) = (label(sides.from), label(sides.to));
    match style.lang {
        Lang::Ja => ["指標".into(), "変化".into(), f, t],
        Lang::En => ["KPI".into(), "change".into(), f, t],
    }
}

/// The terminal table.
pub fn table(sides: &Sides, entries: &[Entry], style: &Style) -> String {
    let mut out = String::new();
    fit::push_line(&mut out, &heading(sides, style), style);
    fit::push_line(&mut out, &summary(entries, style.lang), style);
    let [k, c, f, t] = headers(sides, style);
    let columns = [
        Column::new(k, Align::Left).name(),
        Column::new(c, Align::Left).wrapping(),
        Column::new(f, Align::Right),
        Column::new(t, Align::Right),
    ];
    let grouped = groups(sides, entries);
    let tables: Vec<Vec<Row>> = grouped
        .iter()
        .map(|(_, es)| {
            let mut rows = Vec::new();
            for e in es {
                for (i, [what, from, to]) in changes_of(e, style).into_iter().enumerate() {
                    let name = if i == 0 {
                        e.name.clone()
                    } else {
                        String::new()
                    };
                    rows.push(Row::Cells(vec![
                        Cell::from(name),
                        Cell::from(what),
                        Cell::from(from),
                        Cell::from(to),
                    ]));
                }
            }
            rows
        })
        .collect();
    let (drawn, note) = super::table::draw_tables(&columns, &tables, style);
    for ((goal, _), table) in grouped.iter().zip(drawn) {
        out.push('\n');
        fit::push_line(&mut out, &goal_title(goal, style.lang), style);
        out.push_str(&table);
    }
    out.push_str(&note);
    out
}

/// The Markdown document.
pub fn markdown(sides: &Sides, entries: &[Entry], style: &Style) -> String {
    let style = Style {
        color: false,
        width: None,
        ..*style
    };
    let cell = markdown::cell;
    let mut out = format!(
        "# {}\n\n{}\n",
        cell(&heading(sides, &style)),
        cell(&summary(entries, style.lang))
    );
    let header = headers(sides, &style).to_vec();
    for (goal, es) in groups(sides, entries) {
        out.push_str(&format!(
            "\n## {}\n\n",
            cell(&goal_title(&goal, style.lang))
        ));
        let mut rows = Vec::new();
        for e in es {
            for (i, [what, from, to]) in changes_of(e, &style).into_iter().enumerate() {
                let name = if i == 0 {
                    e.name.clone()
                } else {
                    String::new()
                };
                rows.push(vec![name, what, from, to]);
            }
        }
        out.push_str(&markdown::table(
            &header,
            &[false, false, true, true],
            &rows,
        ));
    }
    out
}

fn side_json(s: &Snapshot, style: YearStyle) -> Value {
    json!({
        "year": s.year.0,
        "label": s.year.label(style),
        "source": if s.file.is_some() { "published" } else { "now" },
        "published": s.date,
    })
}

fn point_json(p: Option<(FiscalYear, Decimal)>, style: YearStyle) -> Value {
    p.map_or(Value::Null, |(y, v)| {
        json!({ "year": y.0, "label": y.label(style), "value": crate::value::value_json(v) })
    })
}

fn verdict_json(k: &KpiSnap) -> Value {
    json!({ "status": k.status.name(), "grade": k.grade })
}

/// The JSON document.
pub fn json(sides: &Sides, entries: &[Entry], style: YearStyle) -> Value {
    let t = totals(entries);
    let kpis: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut m = json!({ "id": e.id, "name": e.name, "goal": e.goal });
            let o = m.as_object_mut().expect("an object");
            match &e.kind {
                Kind::Added(k) => {
                    o.insert("change".into(), "added".into());
                    o.insert("to".into(), verdict_json(k));
                }
                Kind::Removed(k) => {
                    o.insert("change".into(), "removed".into());
                    o.insert("from".into(), verdict_json(k));
                }
                Kind::Changed(c) => {
                    o.insert("change".into(), "changed".into());
                    o.insert("from".into(), verdict_json(&c.from));
                    o.insert("to".into(), verdict_json(&c.to));
                    let trend = match c.trend {
                        Some(Trend::Improved) => json!("improved"),
                        Some(Trend::Worsened) => json!("worsened"),
                        Some(Trend::Same) => json!("same"),
                        Some(Trend::Unranked) => json!("unranked"),
                        None => Value::Null,
                    };
                    o.insert("trend".into(), trend);
                    let figure = c.figure_revised.map_or(Value::Null, |(y, f, t)| {
                        json!({ "year": y.0, "label": y.label(style),
                                "from": crate::value::value_json(f), "to": crate::value::value_json(t) })
                    });
                    o.insert("figure_revised".into(), figure);
                    let target = match c.target_revised {
                        true => json!({ "from": point_json(c.from.target, style), "to": point_json(c.to.target, style) }),
                        false => Value::Null,
                    };
                    o.insert("target_revised".into(), target);
                }
            }
            m
        })
        .collect();
    json!({
        "schema_version": 1,
        "from": side_json(sides.from, style),
        "to": side_json(sides.to, style),
        "counts": {
            "improved": t.improved, "worsened": t.worsened,
            "figures_revised": t.figures_revised, "targets_revised": t.targets_revised,
            "added": t.added, "removed": t.removed,
        },
        "kpis": kpis,
    })
}
