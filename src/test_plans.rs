//! Small plans for unit tests: a plan from 2014 with goal "1", and KPIs
//! under it. Each test says only what its KPIs are.

/// A `[[kpi]]` table under goal "1": `id`, `name`, `baseline = { … }` and
/// `target = { … }` with these insides, then the lines of `more`.
pub(crate) fn kpi(id: &str, name: &str, baseline: &str, target: &str, more: &str) -> String {
    format!(
        "[[kpi]]\nid = \"{id}\"\nname = \"{name}\"\ngoal = \"1\"\n\
         baseline = {{ {baseline} }}\ntarget = {{ {target} }}\n{more}"
    )
}

/// A plan titled "t", from 2014 to `target_year`, with goal "1" and `kpis`.
pub(crate) fn plan(target_year: i32, kpis: &[String]) -> String {
    let mut text = format!(
        "[plan]\ntitle = \"t\"\nbaseline_year = 2014\ntarget_year = {target_year}\n\n\
         [[goal]]\nid = \"1\"\nname = \"g\"\n"
    );
    for k in kpis {
        text.push('\n');
        text.push_str(k);
    }
    text
}

/// fair-exhibitors (10 → 20), and startups-supported, a running total (49 → 157).
pub(crate) fn fair_and_startups() -> String {
    plan(
        2019,
        &[
            kpi(
                "fair-exhibitors",
                "あさか産業フェア参加事業所数",
                "value = 10",
                "value = 20",
                "",
            ),
            kpi(
                "startups-supported",
                "s",
                "value = 49",
                "value = 157",
                "cumulative = true\n",
            ),
        ],
    )
}

fn dimension(id: &str, categories: &[&str], codes: &[&str]) -> crate::breakdown::Dimension {
    crate::breakdown::Dimension {
        id: id.into(),
        name: id.to_uppercase(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        codes: codes.iter().map(|c| c.to_string()).collect(),
        line: 1,
    }
}

/// KPIs: `waiting` (total = "sum" by age), `rate` (total = "reported" by
/// sex), `plain` (no breakdowns), `both` (total = "sum" by sex, then age).
/// Dimensions: age (0歳, 1・2歳, 3歳以上), sex (男, 女; codes 1, 2).
pub(crate) fn with_breakdowns(dir: &std::path::Path) -> crate::plan::Plan {
    let kpis = ["waiting", "rate", "plain", "both"].map(|id| {
        kpi(
            id,
            id,
            "value = 21",
            "value = 0",
            "direction = \"decrease\"\n",
        )
    });
    let (mut plan, _) = crate::plan::load_str(&dir.join("kpi.toml"), &plan(2022, &kpis))
        .unwrap_or_else(|p| panic!("{p:?}"));
    plan.dimensions = vec![
        dimension("age", &["0歳", "1・2歳", "3歳以上"], &[]),
        dimension("sex", &["男", "女"], &["1", "2"]),
    ];
    let breakdown = |dimensions: Vec<usize>, total| {
        Some(Box::new(crate::breakdown::Breakdown {
            dimensions,
            total,
            category_target: None,
        }))
    };
    plan.kpis[0].breakdown = breakdown(vec![0], crate::breakdown::Total::Sum);
    plan.kpis[1].breakdown = breakdown(vec![1], crate::breakdown::Total::Reported);
    plan.kpis[3].breakdown = breakdown(vec![1, 0], crate::breakdown::Total::Sum);
    plan
}

/// `data/asaka` evaluated for the KPIs of each selection (none, some, all,
/// and enough repeated for several blocks of a streamed array), each as of
/// the newest figure and as of 2018; with a description of each.
pub(crate) fn asaka_evaluations() -> (
    crate::plan::Plan,
    Vec<(String, crate::progress::Evaluation)>,
) {
    use crate::year::FiscalYear;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka");
    let (plan, _) = crate::plan::load(&dir.join("kpi.toml")).unwrap();
    let figures = crate::ledger::read_clean(&plan).unwrap();
    let n = plan.kpis.len();
    let selections: [Vec<usize>; 4] = [
        vec![],
        vec![2, 0],
        (0..n).collect(),
        (0..3000).map(|i| i % n).collect(),
    ];
    let mut evaluations = Vec::new();
    for selected in &selections {
        for as_of in [None, Some(FiscalYear(2018))] {
            let eval = crate::progress::evaluate(&plan, &figures.series, as_of, selected);
            evaluations.push((format!("{} KPIs, as of {as_of:?}", selected.len()), eval));
        }
    }
    (plan, evaluations)
}

/// The point `(y, v)`.
pub(crate) fn point(y: i32, v: i64) -> crate::plan::Point {
    crate::plan::Point {
        year: crate::year::FiscalYear(y),
        value: rust_decimal::Decimal::from(v),
    }
}

/// The plan in `text`, read as `kpi.toml`.
pub(crate) fn load(text: &str) -> crate::plan::Plan {
    crate::plan::load_str(std::path::Path::new("kpi.toml"), text)
        .unwrap()
        .0
}

/// Goal "1", measures "1.1" and "1.1.1" under it, and two KPIs: `rate`
/// (%, 40.7 → 50.0) and `count`, under both measures, a running total from
/// `count_baseline` in 2014 to 21 with two milestones. `goal_more`,
/// `measure_more` and `count_more` are lines added to goal "1", measure
/// "1.1.1" and `count`.
pub(crate) fn goal_measures_rate_count(
    goal_more: &str,
    measure_more: &str,
    count_baseline: i32,
    count_more: &str,
) -> String {
    format!(
        r#"[[goal]]
id = "1"
name = "g"
{goal_more}
[[measure]]
id = "1.1"
goal = "1"
name = "m"

[[measure]]
id = "1.1.1"
parent = "1.1"
name = "m1"
{measure_more}
[[kpi]]
id = "rate"
name = "率"
goal = "1"
unit = "%"
baseline = {{ value = 40.7 }}
target = {{ value = 50.0 }}

[[kpi]]
id = "count"
name = "件数"
measures = ["1.1.1", "1.1"]
baseline = {{ value = {count_baseline}, year = 2014 }}
target = 21
milestones = {{ H30 = 19, "FY2016" = 15 }}
cumulative = true
{count_more}"#
    )
}

/// A plan to 2019 of KPIs with these ids and names, each from 1 to 2.
pub(crate) fn plain_kpis(ids_names: &[(&str, &str)]) -> String {
    let kpis: Vec<String> = ids_names
        .iter()
        .map(|(id, name)| kpi(id, name, "value = 1", "value = 2", ""))
        .collect();
    plan(2019, &kpis)
}
