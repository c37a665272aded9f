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
