//! An id the plan does not have, wherever it is written (`kpi show`,
//! `kpi record`, `--goal`, `--measure`, `--owner`, a ledger row, an import
//! row), gets one kind of answer (`kpi::suggest`): at most three close ids,
//! else the plan's ids when it has at most ten, else what to do; never a
//! list of a large plan's ids.

use crate::common::{kpi_block, run_asaka, Workdir, HEAD};

/// Goals 1 to 12 (HEAD has goal 1 and its measure 1.1), and 124 KPIs under
/// measure 1.1: `jobs-a` to `jobs-d`, then `k-000` to `k-119`.
fn large_plan() -> Workdir {
    let mut plan = HEAD.to_string();
    for g in 2..=12 {
        plan.push_str(&format!("[[goal]]\nid = \"{g}\"\nname = \"Goal {g}\"\n\n"));
    }
    for id in ["jobs-a", "jobs-b", "jobs-c", "jobs-d"] {
        plan.push_str(&kpi_block(id));
        plan.push('\n');
    }
    for i in 0..120 {
        plan.push_str(&kpi_block(&format!("k-{i:03}")));
        plan.push('\n');
    }
    Workdir::with_plan(&plan).english()
}

/// `kpi ARGS` fails with exactly `stderr`.
fn refused_with(wd: &Workdir, args: &[&str], stderr: &str) {
    let run = wd.run(args);
    run.expect_code(2);
    assert_eq!(run.stderr, stderr, "{run}");
}

#[test]
fn a_large_plan_names_close_ids_and_never_lists_them_all() {
    let wd = large_plan();
    // jobs-x is one edit from each of jobs-a … jobs-d: the first three, in plan order.
    refused_with(
        &wd,
        &["show", "jobs-x"],
        "error: the plan has no KPI `jobs-x`; did you mean `jobs-a`, `jobs-b` or `jobs-c`?\n",
    );
    // Nothing close among 124 KPIs: one short line.
    refused_with(
        &wd,
        &["show", "nope"],
        "error: the plan has no KPI `nope`; `kpi status --format csv` lists each KPI's id\n",
    );
    // 13 is one edit from 1, 10, 11 and 12, but `1` is as short as the edit.
    refused_with(
        &wd,
        &["status", "--goal", "13"],
        "error: --goal: the plan has no goal `13`; did you mean `10`, `11` or `12`?\n",
    );
    refused_with(
        &wd,
        &["check", "--goal", "nope"],
        "error: --goal: the plan has no goal `nope`; `kpi export plan` lists each goal's id\n",
    );
    // The plan has one measure and no owners.
    refused_with(
        &wd,
        &["gap", "--measure", "nope"],
        "error: --measure: the plan has no measure `nope`; the plan's only measure is `1.1`\n",
    );
    refused_with(
        &wd,
        &["missing", "--owner", "nope"],
        "error: --owner: no KPI is owned by `nope`; the plan has no owners\n",
    );
}

#[test]
fn record_names_close_ids_then_close_names() {
    let wd = large_plan();
    for (kpi, stderr) in [
        (
            "jobs-x",
            "error: kpi record: unknown KPI `jobs-x`; did you mean `jobs-a`, `jobs-b` or `jobs-c`?\n",
        ),
        // No id is close to a name; the names `KPI jobs-a` … are, one edit each.
        (
            "KPI jobs-",
            "error: kpi record: unknown KPI `KPI jobs-`; \
             did you mean `KPI jobs-a`, `KPI jobs-b` or `KPI jobs-c`?\n",
        ),
        (
            "nope",
            "error: kpi record: unknown KPI `nope`; \
             name the KPI by its id or its exact name in the plan\n",
        ),
    ] {
        refused_with(&wd, &["record", kpi, "2016", "12", "--dry-run"], stderr);
    }
}

#[test]
fn the_ledger_and_the_import_name_close_ids_the_same_way() {
    let wd = large_plan();
    wd.write("in.csv", "kpi,year,value\njobs-x,2015,12\nnope,2015,1\n");
    let run = wd.run(&["import", "in.csv"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        "error: in.csv:2: column `kpi`: unknown KPI `jobs-x`; \
         did you mean `jobs-a`, `jobs-b` or `jobs-c`?\n\
         error: in.csv:3: column `kpi`: unknown KPI `nope`; \
         name the KPI by its id or its exact name in the plan\n\
         error: 2 problems found; nothing was done\n",
        "{run}"
    );
    // The same rows in the ledger itself.
    wd.write(
        "actuals/2015.csv",
        "kpi,year,value\njobs-x,2015,12\nnope,2015,1\n",
    );
    let run = wd.run(&["validate"]);
    run.expect_code(2);
    let file = wd.file("actuals/2015.csv");
    assert_eq!(
        run.stderr,
        format!(
            "error: {file}:2: unknown KPI `jobs-x` in column `kpi`; \
             did you mean `jobs-a`, `jobs-b` or `jobs-c`?\n\
             error: {file}:3: unknown KPI `nope` in column `kpi`; \
             add it to the plan or fix the id\n\
             error: 2 problems found; nothing was done\n",
            file = file.display()
        ),
        "{run}"
    );
}

#[test]
fn a_small_plan_lists_its_few_ids() {
    // The seed plan: 13 KPIs, one goal, six measures, two owners.
    for (args, stderr) in [
        (
            &["show", "fair-exhibitor"][..],
            "error: the plan has no KPI `fair-exhibitor`; did you mean `fair-exhibitors`?\n",
        ),
        (
            &["status", "--goal", "nope"],
            "error: --goal: the plan has no goal `nope`; the plan's only goal is `1`\n",
        ),
        (
            &["report", "--measure", "nope"],
            "error: --measure: the plan has no measure `nope`; the plan's measures are \
             `1.1`, `1.2`, `1.1.1`, `1.1.2`, `1.1.3` and `1.2.1`\n",
        ),
        (
            &["template", "--year", "2019", "--owner", "nope"],
            "error: --owner: no KPI is owned by `nope`; \
             the plan's owners are `保育課` and `産業振興課`\n",
        ),
        (
            &["missing", "--owner", "保育"],
            "error: --owner: no KPI is owned by `保育`; did you mean `保育課`?\n",
        ),
    ] {
        let run = run_asaka(args);
        run.failed();
        assert_eq!(run.stderr, stderr, "{run}");
    }
}

/// What was typed may be the start or a part of an id or a name: `kpi show
/// waiting` names `waiting-children`, the only id starting with it, and a
/// part of a Japanese name names the KPI's name (issue 25, item 9).
#[test]
fn the_start_or_a_part_of_an_id_or_a_name_is_suggested() {
    for (given, suggested) in [
        ("waiting", "`waiting-children`"),
        ("WAITING-CHILD", "`waiting-children`"),
        ("loans", "`sme-loans`"),
        ("待機", "`待機児童数`"),
        ("起業した件数", "`市の支援により起業した件数（累計）`"),
    ] {
        let run = run_asaka(&["show", given]);
        run.failed();
        assert_eq!(
            run.stderr,
            format!("error: the plan has no KPI `{given}`; did you mean {suggested}?\n"),
            "{run}"
        );
    }
    let run = run_asaka(&["status", "--owner", "保育"]);
    run.failed();
    assert_eq!(
        run.stderr, "error: --owner: no KPI is owned by `保育`; did you mean `保育課`?\n",
        "{run}"
    );
}
