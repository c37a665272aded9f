//! Long import files with category columns, read and merged.

use std::fs;
use std::path::Path;

use rust_decimal::Decimal;

use crate::breakdown::CategoryKey;
use crate::ledger::import::kept::read_clean_keeping;
use crate::ledger::import::merge::{merge, Change};
use crate::ledger::import::{read_file, Figure, KpiFinder, Options};
use crate::plan::Plan;
use crate::problem::Problems;
use crate::test_plans::with_breakdowns;

fn key(cells: &[Option<u16>]) -> Option<CategoryKey> {
    Some(CategoryKey(cells.to_vec().into_boxed_slice()))
}

/// The figures of an import file `text`, or its problems.
fn figures(plan: &Plan, text: &str) -> Result<Vec<Figure>, Problems> {
    let finder = KpiFinder::new(plan);
    let read = read_file(
        plan,
        &finder,
        Path::new("in.csv"),
        text.as_bytes(),
        Options::default(),
    );
    if read.problems.has_errors() {
        Err(read.problems)
    } else {
        Ok(read.figures)
    }
}

fn plan() -> (tempfile::TempDir, Plan) {
    let dir = tempfile::tempdir().unwrap();
    let plan = with_breakdowns(dir.path());
    (dir, plan)
}

#[test]
fn a_long_file_with_two_category_columns_reads_names_codes_and_total_words() {
    let (_dir, plan) = plan();
    // `both` is broken down by (sex, age); columns headed by a name (SEX)
    // and an id (age), in the file's own order.
    let text = "指標,年度,実績値,AGE,sex\n\
                both,2019,12,計,合計\n\
                both,2019,7,,男\n\
                both,2019,5,TOTAL,2\n\
                both,2019,3,0歳,1\n\
                both,2019,4,1・2歳,男\n";
    let found = figures(&plan, text).unwrap();
    let keys: Vec<_> = found
        .iter()
        .map(|f| (f.categories.clone(), f.value))
        .collect();
    assert_eq!(
        keys,
        [
            (None, Decimal::from(12)),
            (key(&[Some(0), None]), Decimal::from(7)),
            (key(&[Some(1), None]), Decimal::from(5)),
            (key(&[Some(0), Some(0)]), Decimal::from(3)),
            (key(&[Some(0), Some(1)]), Decimal::from(4)),
        ]
    );
}

#[test]
fn a_category_cell_the_plan_does_not_know_is_an_error_at_its_cell() {
    let (_dir, plan) = plan();
    let problems = figures(&plan, "kpi,year,value,age\nwaiting,2019,5,4歳\n").unwrap_err();
    assert_eq!(problems.0.len(), 1, "{problems:?}");
    assert_eq!(problems.0[0].location.line, Some(2));
    assert!(problems.0[0]
        .message
        .contains("`4歳` is not a category of AGE"));
    let problems = figures(&plan, "kpi,year,value,age\nplain,2019,5,0歳\n").unwrap_err();
    assert!(problems.0[0]
        .message
        .contains("`plain` is not broken down by AGE"));
}

/// The ledger `actuals/2019.csv` = `ledger`, the import `text` merged
/// into it as `kpi import` does (the figures kept by its read).
fn merged(ledger: &str, text: &str) -> crate::ledger::import::merge::Merge {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("actuals")).unwrap();
    fs::write(dir.path().join("actuals/2019.csv"), ledger).unwrap();
    let plan = with_breakdowns(dir.path());
    let found = figures(&plan, text).unwrap();
    let mut years = vec![Vec::new(); plan.kpis.len()];
    for f in &found {
        years[f.kpi].push(f.year);
    }
    let kept = read_clean_keeping(&plan, &years).expect("a clean ledger");
    merge(&plan, &kept.figures, found, false)
}

#[test]
fn an_import_merges_by_kpi_year_and_categories() {
    let ledger = "kpi,year,value,age\nwaiting,2019,21,\nwaiting,2019,5,0歳\n";
    // 0歳 again (unchanged), 1・2歳 and 3歳以上 added: 5 + 14 + 2 = 21.
    let m = merged(
        ledger,
        "kpi,year,value,age\nwaiting,2019,5,0歳\nwaiting,2019,14,1・2歳\nwaiting,2019,2,3歳以上\n",
    );
    assert!(m.problems.is_empty(), "{:?}", m.problems);
    let changes: Vec<_> = m.rows.iter().map(|r| r.change.clone()).collect();
    assert_eq!(changes, [Change::Unchanged, Change::Added, Change::Added]);
    // 0歳 given as 6: a conflict naming the category.
    let m = merged(ledger, "kpi,year,value,age\nwaiting,2019,6,0歳\n");
    assert_eq!(m.problems.0.len(), 1, "{:?}", m.problems);
    assert!(
        m.problems.0[0]
            .message
            .starts_with("`waiting` FY2019 (age=0歳): the import says `6` but the ledger has `5`"),
        "{}",
        m.problems.0[0].message
    );
    // Twice in the import.
    let m = merged(
        ledger,
        "kpi,year,value,age\nwaiting,2020,1,0歳\nwaiting,2020,2,0歳\n",
    );
    assert!(m.problems.0[0]
        .message
        .contains("(age=0歳) is given twice in the import"));
}

#[test]
fn an_import_whose_parts_would_not_add_up_is_refused() {
    let ledger = "kpi,year,value,age\nwaiting,2019,21,\nwaiting,2019,5,0歳\n";
    // 5 (ledger) + 14 + 3 = 22 against the ledger's total 21: they differ by 1.
    let m = merged(
        ledger,
        "kpi,year,value,age\nwaiting,2019,14,1・2歳\nwaiting,2019,3,3歳以上\n",
    );
    assert_eq!(m.problems.0.len(), 1, "{:?}", m.problems);
    let message = &m.problems.0[0].message;
    assert!(
        message.contains("2019.csv:2"),
        "the ledger's total: {message}"
    );
    assert!(
        message.contains("in.csv:3"),
        "the import's 3歳以上: {message}"
    );
    assert!(message.ends_with("they differ by 1"), "{message}");
}

#[test]
fn a_wide_sheet_by_category_refines_the_rows_own_category_and_reads_qualified_headings() {
    let (_dir, plan) = plan();
    // `both` is by (sex, age): the row's sex column says 男, each age column
    // refines it (男×0歳 1, 男×1・2歳 2, 男×3歳以上 3), and 計 is the 男
    // figure itself (1 + 2 + 3 = 6). `plain` has no breakdowns: its 計 is
    // its total, and its empty age cells give nothing.
    let text = "kpi,year,sex,0歳,age=1・2歳,ＡＧＥ=3歳以上,計\n\
                both,2019,男,1,2,3,6\n\
                plain,2019,,,,,9\n";
    let found = figures(&plan, text).unwrap();
    let keys: Vec<_> = found
        .iter()
        .map(|f| (f.kpi, f.categories.clone(), f.value))
        .collect();
    assert_eq!(
        keys,
        [
            (3, key(&[Some(0), Some(0)]), Decimal::from(1)),
            (3, key(&[Some(0), Some(1)]), Decimal::from(2)),
            (3, key(&[Some(0), Some(2)]), Decimal::from(3)),
            (3, key(&[Some(0), None]), Decimal::from(6)),
            (2, None, Decimal::from(9)),
        ]
    );
}

#[test]
fn a_header_of_the_total_alone_or_a_category_twice_is_no_sheet_by_category() {
    let (_dir, plan) = plan();
    // No category heading: no header row at all.
    let problems = figures(&plan, "kpi,year,計\nwaiting,2019,3\n").unwrap_err();
    assert!(
        problems.0[0].message.contains("no header row found"),
        "{problems:?}"
    );
    // 男 and its code 1 name the same category: a column named twice.
    let problems = figures(&plan, "kpi,year,男,1\nrate,2019,3,4\n").unwrap_err();
    assert!(problems.has_errors(), "{problems:?}");
    assert!(problems.0[0].message.contains("男"), "{problems:?}");
}
