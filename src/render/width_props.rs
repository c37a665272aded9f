//! Property test of terminal output laid out for a width (issue 13): for
//! generated plans (long Japanese and English names, deep measure paths,
//! many units, ambiguous-width characters) and every width from 60 to 220,
//! `status`, `gap` and `missing` print no line wider than the width, every
//! KPI's name (or id) and status word, and tables whose column separators
//! line up on every line.

use std::path::Path;

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::grid::{char_width, width};
use super::{gap, missing, table, Lang, Style, Text};
use crate::plan::Plan;
use crate::progress::{coverage, Evaluation, Query, Series};
use crate::year::{FiscalYear, YearStyle};

fn ja_name() -> impl Strategy<Value = String> {
    "[\u{3041}-\u{3093}\u{4e00}-\u{4e80}（）・]{4,40}"
}

fn en_name() -> impl Strategy<Value = String> {
    "[A-Za-z]{1,12}( [a-z]{1,14}){0,9}"
}

fn odd_name() -> impl Strategy<Value = String> {
    "[①-⑩※○△■・a-zあ-ん ]{1,30}".prop_map(|s| {
        let t = s.trim().to_string();
        if t.is_empty() {
            "①".to_string()
        } else {
            t
        }
    })
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![ja_name(), en_name(), odd_name()]
}

fn unit() -> impl Strategy<Value = Option<&'static str>> {
    prop::sample::select(vec![
        None,
        Some("件"),
        Some("人"),
        Some("%"),
        Some("事業所"),
        Some("events"),
        Some("百万円"),
        Some("km²"),
        Some("人／日"),
    ])
}

#[derive(Debug, Clone)]
struct GenKpi {
    name: String,
    unit: Option<&'static str>,
    /// Where it hangs: `None` a numeric target of the goal, else a measure's depth.
    depth: Option<usize>,
    baseline: i64,
    target: i64,
    actuals: Vec<i64>,
    owner: Option<String>,
}

fn gen_kpi() -> impl Strategy<Value = GenKpi> {
    (
        name(),
        unit(),
        prop::option::of(0usize..5),
        0i64..100_000,
        1i64..100_000,
        prop::collection::vec(0i64..200_000, 0..6),
        prop::option::of(name()),
    )
        .prop_map(
            |(name, unit, depth, baseline, delta, actuals, owner)| GenKpi {
                name,
                unit,
                depth,
                baseline,
                target: baseline + delta,
                actuals,
                owner,
            },
        )
}

#[derive(Debug, Clone)]
struct GenPlan {
    goal: String,
    /// A chain of measures, each under the one before.
    measures: Vec<String>,
    kpis: Vec<GenKpi>,
}

fn gen_plan() -> impl Strategy<Value = GenPlan> {
    (
        name(),
        prop::collection::vec(name(), 5),
        prop::collection::vec(gen_kpi(), 1..7),
    )
        .prop_map(|(goal, measures, kpis)| GenPlan {
            goal,
            measures,
            kpis,
        })
}

fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// The plan as kpi.toml, and each KPI's figures.
fn build(p: &GenPlan) -> (Plan, Vec<Series>) {
    let mut text = String::from(
        "[plan]\ntitle = \"生成された計画 generated plan\"\nyear_style = \"era\"\n\
         baseline_year = 2014\ntarget_year = 2019\n\n",
    );
    text.push_str(&format!(
        "[[goal]]\nid = \"g\"\nname = {}\n\n",
        quote(&p.goal)
    ));
    for (d, m) in p.measures.iter().enumerate() {
        let parent = if d == 0 {
            "goal = \"g\"".to_string()
        } else {
            format!("parent = \"m{}\"", d - 1)
        };
        text.push_str(&format!(
            "[[measure]]\nid = \"m{d}\"\n{parent}\nname = {}\n\n",
            quote(m)
        ));
    }
    let mut series = Vec::new();
    for (i, k) in p.kpis.iter().enumerate() {
        let place = match k.depth {
            None => "goal = \"g\"".to_string(),
            Some(d) => format!("measures = [\"m{d}\"]"),
        };
        text.push_str(&format!(
            "[[kpi]]\nid = \"kpi-{i}\"\nname = {}\n{place}\n\
             baseline = {{ value = {} }}\ntarget = {{ value = {} }}\n",
            quote(&k.name),
            k.baseline,
            k.target
        ));
        if let Some(u) = k.unit {
            text.push_str(&format!("unit = {}\n", quote(u)));
        }
        if let Some(o) = &k.owner {
            text.push_str(&format!("owner = {}\n", quote(o)));
        }
        text.push('\n');
        series.push(
            k.actuals
                .iter()
                .enumerate()
                .map(|(y, &v)| (FiscalYear(2015 + y as i32), Decimal::from(v)))
                .collect(),
        );
    }
    let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text)
        .unwrap_or_else(|e| panic!("generated plan is invalid: {e:?}\n{text}"));
    (plan, series)
}

/// The separators of a table line at their display columns.
fn separators(line: &str, ascii: bool) -> Vec<usize> {
    let mut at = 0;
    let mut out = Vec::new();
    for c in line.chars() {
        if "│┆|+┌┬┐╞╪╡└┴┘".contains(c) {
            out.push(at);
        }
        at += char_width(c, ascii);
    }
    out
}

/// The tables of `out`: runs of lines that start with a border.
fn tables(out: &str) -> Vec<Vec<&str>> {
    let mut found = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in out.lines() {
        if line.starts_with(['┌', '│', '╞', '└', '+', '|']) {
            current.push(line);
        } else if !current.is_empty() {
            found.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        found.push(current);
    }
    found
}

/// One table read back: each column's header, and each column's text on
/// every body line (spaces removed; a heading that spans the table is
/// skipped).
struct Read {
    headers: Vec<String>,
    cells: Vec<Vec<String>>,
}

impl Read {
    /// Every line of column `c`, joined: a wrapped name comes back whole.
    fn column(&self, c: usize) -> String {
        self.cells[c].concat()
    }

    fn find(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.starts_with(header))
    }
}

/// Column `col` of `line`, by the display columns of the joints.
fn cut(line: &str, joints: &[usize], col: usize, ascii: bool) -> String {
    let (from, to) = (joints[col] + 1, joints[col + 1]);
    let mut at = 0;
    let mut s = String::new();
    for c in line.chars() {
        if at >= from && at < to {
            s.push(c);
        }
        at += char_width(c, ascii);
    }
    s.replace(' ', "")
}

fn check_output(out: &str, w: usize, ascii: bool, what: &str) -> Result<Vec<Read>, TestCaseError> {
    for line in out.lines() {
        prop_assert!(
            width(line, ascii) <= w,
            "{what} at {w}: a line of {} columns:\n{line}\n\n{out}",
            width(line, ascii)
        );
    }
    let mut read = Vec::new();
    for t in tables(out) {
        let joints = separators(t[0], ascii);
        let (left, right) = (joints[0], *joints.last().unwrap_or(&0));
        for line in &t {
            let seps = separators(line, ascii);
            // A heading spans the table: only its outer borders.
            if seps.len() == 2 {
                prop_assert_eq!(seps, vec![left, right], "{} at {}:\n{}", what, w, line);
            } else {
                prop_assert_eq!(&seps, &joints, "{} at {}: {}\n{}", what, w, line, out);
            }
        }
        let n = joints.len() - 1;
        let rule = 1 + t[1..]
            .iter()
            .position(|l| l.starts_with(['╞', '+']))
            .unwrap_or(0);
        let headers = (0..n)
            .map(|c| {
                t[1..rule]
                    .iter()
                    .map(|l| cut(l, &joints, c, ascii))
                    .collect()
            })
            .collect();
        let body: Vec<&&str> = t[rule + 1..t.len() - 1]
            .iter()
            .filter(|l| separators(l, ascii).len() > 2)
            .collect();
        let cells = (0..n)
            .map(|c| body.iter().map(|l| cut(l, &joints, c, ascii)).collect())
            .collect();
        read.push(Read { headers, cells });
    }
    Ok(read)
}

fn style(lang: Lang, ascii: bool, w: usize) -> Style {
    Style {
        lang,
        color: false,
        ascii,
        year_style: YearStyle::Era,
        width: Some(w),
    }
}

fn check_status(plan: &Plan, eval: &Evaluation, st: &Style, w: usize) -> Result<(), TestCaseError> {
    let out = table::render_with_trend(plan, eval, st);
    let tables = check_output(&out, w, st.ascii, "status")?;
    prop_assert_eq!(tables.len(), 1, "one goal, one table:\n{}", out);
    let t = &tables[0];
    // The name column holds every name, its wrapped lines joined; the
    // status column every KPI's status word, one per row.
    let names = t.column(0);
    let status = t.find(st.lang.text(Text::Status));
    prop_assert!(status.is_some(), "a status column:\n{}", out);
    let mut words: Vec<String> = t.cells[status.unwrap_or(0)]
        .iter()
        .filter(|c| !c.is_empty())
        .cloned()
        .collect();
    let mut expected: Vec<String> = eval
        .kpis
        .iter()
        .map(|k| st.status_word(k.status).replace(' ', ""))
        .collect();
    words.sort();
    expected.sort();
    prop_assert_eq!(words, expected, "status words at {}:\n{}", w, out);
    for k in &eval.kpis {
        let name = plan.kpis[k.kpi].name.replace(' ', "");
        prop_assert!(names.contains(&name), "{} missing at {}:\n{}", name, w, out);
    }
    for c in [Text::Latest, Text::Achievement] {
        prop_assert!(
            t.find(st.lang.text(c)).is_some(),
            "{:?} kept at {}:\n{}",
            c,
            w,
            out
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn every_width_from_60_to_220_fits_and_lines_up(p in gen_plan(), ascii in any::<bool>()) {
        let (plan, series) = build(&p);
        let eval = Query { trends: true, ..Query::default() }.evaluate(&plan, &series);
        let rows = crate::progress::gap::rows(&plan, &series, &eval);
        let selected: Vec<usize> = (0..plan.kpis.len()).collect();
        let missing_year = FiscalYear(2019);
        let by_owner = coverage::missing(&plan, &series, missing_year, &selected);
        for lang in [Lang::Ja, Lang::En] {
            for w in 60..=220 {
                let st = style(lang, ascii, w);
                check_status(&plan, &eval, &st, w)?;
                let report = gap::GapReport { plan: &plan, eval: &eval, rows: &rows };
                let out = gap::table(&report, &st);
                let tables = check_output(&out, w, ascii, "gap")?;
                for row in &rows {
                    let k = &eval.kpis[row.row];
                    let name = plan.kpis[k.kpi].name.replace(' ', "");
                    prop_assert!(tables[0].column(0).contains(&name), "gap: {} at {}:\n{}", name, w, out);
                }
                let out = missing::table(&plan, missing_year, &by_owner, &st, None);
                let tables = check_output(&out, w, ascii, "missing")?;
                let ids: String = tables.iter().map(|t| t.column(0)).collect();
                for figures in by_owner.values() {
                    for m in figures {
                        prop_assert!(ids.contains(&plan.kpis[m.kpi].id), "missing at {}:\n{}", w, out);
                    }
                }
            }
        }
    }
}
