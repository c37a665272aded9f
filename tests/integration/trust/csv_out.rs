//! Item 13: every CSV output neutralises a text cell that a spreadsheet
//! would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return at
//! its start) with a leading `'`, as `kpi template` and `kpi export` do;
//! numbers, negative ones too, are written as they are.

use crate::common::import::{workdir_with, PLAN};

#[test]
fn status_gap_and_missing_csv_neutralise_formula_like_text() {
    // balance is named `=収支` and has a negative baseline (-5).
    let plan = PLAN
        .replace("name = \"満足度\"", "name = \"+81 満足度\"")
        .replace(
            "owner = \"観光課\"\n\n[[kpi]]\nid = \"rate\"",
            "owner = \"@観光課\"\nsource = \"-調査\"\n\n[[kpi]]\nid = \"rate\"",
        );
    let work = workdir_with(&plan);
    work.write(
        "actuals/2016.csv",
        "kpi,year,value\nrate,2016,55\nbalance,2016,-3\n",
    );
    let status = work.ok(&["status", "--format", "csv"]).stdout.clone();
    let rows: Vec<&str> = status.lines().collect();
    let balance = rows.iter().find(|r| r.starts_with("balance,")).unwrap();
    assert!(
        balance.starts_with("balance,'=収支,,1,,increase,2014,-5,2019,0,2016,-3,"),
        "{balance}"
    );
    let rate = rows.iter().find(|r| r.starts_with("rate,")).unwrap();
    assert!(rate.starts_with("rate,'+81 満足度,%,"), "{rate}");
    let visitors = rows.iter().find(|r| r.starts_with("visitors,")).unwrap();
    assert!(visitors.ends_with(",'@観光課"), "{visitors}");

    let gap = work.ok(&["gap", "--format", "csv"]).stdout.clone();
    assert!(
        gap.lines().any(|r| r.starts_with("balance,'=収支,,")),
        "{gap}"
    );
    assert!(gap.contains(",-5,"), "numbers stay as they are: {gap}");

    let run = work.run(&["missing", "--format", "csv", "--year", "2016"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout
            .contains("'@観光課,visitors,①来訪者数（㈱髙島屋調べ）,'-調査,"),
        "{}",
        run.stdout
    );
    for out in [&status, &gap, &run.stdout] {
        for line in out.lines().skip(1) {
            for cell in line.split(',') {
                assert!(!cell.starts_with(['=', '+', '@']), "`{cell}` in {line}");
            }
        }
    }
}
