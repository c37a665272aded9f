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
