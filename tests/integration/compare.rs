//! `kpi compare` and `kpi status --by` (breakdowns.md) through the binary:
//! the refusals a plan without breakdowns meets. The ranked tables
//! themselves are tested in the library (`render::compare`,
//! `progress::compare`) on plans built in code, until the plan reader
//! takes `[[dimension]]` and `breakdowns` (branch bd-plan).

use crate::common::run_english;

/// `kpi ARGS` in data/asaka (read only), which must exit 2 with nothing on
/// stdout; its stderr.
fn refused(args: &[&str]) -> String {
    let run = run_english(&crate::common::asaka(), args);
    run.expect_code(2);
    assert_eq!(run.stdout, "", "{run}");
    run.stderr.clone()
}

#[test]
fn compare_refuses_a_kpi_without_breakdowns() {
    let err = refused(&["compare", "fair-exhibitors"]);
    assert!(
        err.contains("KPI `fair-exhibitors` has no breakdowns"),
        "{err}"
    );
    let err = refused(&[
        "compare",
        "fair-exhibitors",
        "--by",
        "area",
        "--format",
        "json",
    ]);
    assert!(err.contains("has no breakdowns"), "{err}");
}

#[test]
fn compare_names_the_kpis_when_the_kpi_is_unknown() {
    let err = refused(&["compare", "no-such-kpi"]);
    assert!(err.contains("the plan has no KPI `no-such-kpi`"), "{err}");
}

#[test]
fn status_by_a_dimension_the_plan_lacks_is_refused() {
    let err = refused(&["status", "--by", "area"]);
    assert!(
        err.contains("--by area: the plan declares no dimensions"),
        "{err}"
    );
    // --by is for the table and Markdown: JSON always carries breakdowns.
    for format in ["csv", "json", "xlsx"] {
        let err = refused(&["status", "--by", "area", "--format", format]);
        assert!(
            err.contains("--by adds rows to the table and Markdown"),
            "{format}: {err}"
        );
    }
}
