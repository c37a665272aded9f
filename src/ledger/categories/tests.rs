//! The ledger's category figures: read, checked against their totals, and
//! derived into totals. Every figure below is worked by hand.

use std::fs;

use rust_decimal::Decimal;

use super::*;
use crate::ledger::{read, read_clean, LedgerValues};
use crate::problem::{Problems, Severity};
use crate::test_plans::with_breakdowns;

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

/// The plan beside `actuals/` holding these files.
fn setup(files: &[(&str, &str)]) -> (tempfile::TempDir, Plan) {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("actuals")).unwrap();
    for (name, text) in files {
        fs::write(dir.path().join("actuals").join(name), text).unwrap();
    }
    let plan = with_breakdowns(dir.path());
    (dir, plan)
}

/// The strict read's problems of a ledger of one file `2019.csv`.
fn problems(text: &str) -> Problems {
    let (_dir, plan) = setup(&[("2019.csv", text)]);
    assert!(read_clean(&plan).is_none(), "the values read must give way");
    match read(&plan) {
        Ok((_, warnings)) => warnings,
        Err(problems) => problems,
    }
}

fn key(cells: &[Option<u16>]) -> CategoryKey {
    CategoryKey(cells.to_vec().into_boxed_slice())
}

const AGE: &str = "kpi,year,value,note,flag,age\n";

#[test]
fn parts_that_add_up_to_their_total_are_read_into_the_categories() {
    // 5 + 14 + 2 = 21, the total written.
    let text = format!(
        "{AGE}waiting,2019,21,4月1日現在,,\nwaiting,2019,5,,,0歳\n\
         waiting,2019,14,,preliminary,1・2歳\nwaiting,2019,2,,,3歳以上\nplain,2019,3,,,\n"
    );
    let (_dir, plan) = setup(&[("2019.csv", &text)]);
    let (ledger, warnings) = read(&plan).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let y = FiscalYear(2019);
    assert_eq!(ledger.series[0][&y].value, d(21));
    assert_eq!(ledger.series[2][&y].value, d(3));
    let waiting = &ledger.categories[&0];
    assert_eq!(waiting.len(), 3);
    let one_two = &waiting[&(y, key(&[Some(1)]))];
    assert_eq!(one_two.value, d(14));
    assert!(one_two.preliminary, "the flag of a category figure is kept");
    assert_eq!(one_two.location.line, Some(4));
    assert!(
        ledger.derived_totals(&plan).is_empty(),
        "the total is written"
    );
    // The values read gives the same, nothing derived.
    let values = read_clean(&plan).unwrap();
    assert_eq!(values, LedgerValues::of(ledger, &plan));
    assert_eq!(values.categories[&0][&(y, key(&[Some(2)]))], d(2));
    assert!(values.derived.is_empty());
}

#[test]
fn parts_off_by_one_name_the_total_the_parts_and_the_difference() {
    // 5 + 14 + 3 = 22 against a total of 21: they differ by 1.
    let text = format!(
        "{AGE}waiting,2019,21,,,\nwaiting,2019,5,,,0歳\nwaiting,2019,14,,,1・2歳\nwaiting,2019,3,,,3歳以上\n"
    );
    let found = problems(&text);
    assert_eq!(found.0.len(), 1, "{found:?}");
    let p = &found.0[0];
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.location.line, Some(2), "at the total");
    for part in [
        "age=0歳 `5` at",
        "2019.csv:3",
        "2019.csv:4",
        "age=3歳以上 `3`",
        "2019.csv:5",
    ] {
        assert!(p.message.contains(part), "{part}: {}", p.message);
    }
    assert!(p.message.contains("add up to `22`"), "{}", p.message);
    assert!(p.message.contains("its total is `21`"), "{}", p.message);
    assert!(p.message.ends_with("they differ by 1"), "{}", p.message);
}

#[test]
fn a_year_without_a_total_takes_the_sum_of_a_complete_dimension() {
    // 2019: 5 + 14 + 2 = 21, derived. 2020: 0歳 missing, not derived.
    let text = format!(
        "{AGE}waiting,2019,5,,,0歳\nwaiting,2019,14,,,1・2歳\nwaiting,2019,2,,,3歳以上\n\
         waiting,2020,9,,,1・2歳\nwaiting,2020,1,,,3歳以上\n"
    );
    let (_dir, plan) = setup(&[("2019.csv", &text)]);
    let (ledger, warnings) = read(&plan).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(
        ledger.series[0].is_empty(),
        "the full read keeps written figures only"
    );
    let derived = ledger.derived_totals(&plan);
    assert_eq!(derived.len(), 1);
    assert_eq!(derived[&(0, FiscalYear(2019))], d(21));
    let values = read_clean(&plan).unwrap();
    assert_eq!(values.series[0].len(), 1);
    assert_eq!(values.series[0][&FiscalYear(2019)], d(21));
    assert_eq!(
        values.derived.iter().collect::<Vec<_>>(),
        [&(0, FiscalYear(2019))]
    );
    assert_eq!(values, LedgerValues::of(ledger, &plan));
}

#[test]
fn a_reported_total_is_not_checked_against_its_categories() {
    // A rate: 男 50.5, 女 60.1 and a total of 55 (not their sum, 110.6).
    let text = "kpi,year,value,sex\nrate,2019,55,\nrate,2019,50.5,男\nrate,2019,60.1,女\n\
                rate,2020,50,男\nrate,2020,60,2\n";
    let (_dir, plan) = setup(&[("2019.csv", text)]);
    let values = read_clean(&plan).expect("no problem");
    assert_eq!(
        values.series[1].len(),
        1,
        "2020 has no total and none is derived"
    );
    // `2` is the code of 女.
    assert_eq!(
        values.categories[&1][&(FiscalYear(2020), key(&[Some(1)]))],
        d(60)
    );
    assert!(values.derived.is_empty());
}

#[test]
fn two_figures_for_one_category_conflict_as_two_totals_do() {
    let text = format!("{AGE}waiting,2019,5,,,0歳\nwaiting,2019,6,,,0歳\n");
    let found = problems(&text);
    assert_eq!(found.0.len(), 1, "{found:?}");
    assert_eq!(found.0[0].severity, Severity::Error);
    assert_eq!(found.0[0].location.line, Some(3));
    assert!(
        found.0[0].message.starts_with(
            "`waiting` FY2019 (age=0歳) has two different figures: `6` here and `5` at"
        ),
        "{}",
        found.0[0].message
    );
    // The same value twice is a warning; a total and a category never conflict.
    let text = format!("{AGE}waiting,2019,5,,,\nwaiting,2019,5,,,0歳\nwaiting,2019,5,,,0歳\n");
    let found = problems(&text);
    assert_eq!(found.0.len(), 1, "{found:?}");
    assert_eq!(found.0[0].severity, Severity::Warning);
    assert!(found.0[0].message.contains("(age=0歳) is given twice"));
}

#[test]
fn a_cell_that_is_no_category_or_on_a_kpi_not_broken_down_is_an_error() {
    let found = problems(&format!("{AGE}waiting,2019,5,,,4歳\n"));
    assert_eq!(found.0.len(), 1, "{found:?}");
    assert_eq!(found.0[0].location.line, Some(2));
    assert!(found.0[0]
        .message
        .contains("`4歳` in column `age` is not a category of AGE"));
    assert!(found.0[0]
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("0歳, 1・2歳, 3歳以上"));
    // `plain` has no breakdown; `rate` is broken down by sex, not age.
    for id in ["plain", "rate"] {
        let found = problems(&format!("{AGE}{id},2019,5,,,0歳\n"));
        assert_eq!(found.0.len(), 1, "{found:?}");
        assert!(
            found.0[0]
                .message
                .starts_with(&format!("`{id}` is not broken down by `age`")),
            "{}",
            found.0[0].message
        );
    }
    // A column that is no dimension id stays an unknown column: a warning.
    let found = problems("kpi,year,value,region\nwaiting,2019,5,x\n");
    assert_eq!(found.0.len(), 1);
    assert_eq!(found.0[0].severity, Severity::Warning);
}

#[test]
fn combinations_add_up_to_the_figure_they_refine() {
    // both (sex, age): 男 = 10, and 男×0歳 3 + 男×1・2歳 4 + 男×3歳以上 2 = 9:
    // they differ by 1. 女 has no complete combinations: not checked.
    let text = "kpi,year,value,sex,age\nboth,2019,10,男,\nboth,2019,3,男,0歳\n\
                both,2019,4,男,1・2歳\nboth,2019,2,男,3歳以上\nboth,2019,7,女,0歳\n";
    let found = problems(text);
    assert_eq!(found.0.len(), 1, "{found:?}");
    let p = &found.0[0];
    assert_eq!(p.location.line, Some(2), "at 男");
    assert!(
        p.message.contains("its figure for sex=男 is `10`"),
        "{}",
        p.message
    );
    assert!(
        p.message.contains("sex=男, age=1・2歳 `4` at"),
        "{}",
        p.message
    );
    assert!(p.message.contains("add up to `9`"), "{}", p.message);
    assert!(p.message.ends_with("differ by 1"), "{}", p.message);
    // 3 + 4 + 3 = 10: no problem, and no total derived from combinations.
    let text = text
        .replace("男,3歳以上", "男,3歳以上x")
        .replace("2,男,3歳以上x", "3,男,3歳以上");
    let (_dir, plan) = setup(&[("2019.csv", &text)]);
    let values = read_clean(&plan).expect("adds up");
    assert!(values.derived.is_empty());
}

#[test]
fn two_complete_dimensions_that_disagree_are_an_error_and_agreeing_ones_derive() {
    // No total: sex 6 + 5 = 11, age 5 + 4 + 3 = 12: they differ by 1.
    let base = "kpi,year,value,sex,age\nboth,2019,6,男,\nboth,2019,5,女,\n\
                both,2019,5,,0歳\nboth,2019,4,,1・2歳\n";
    let found = problems(&format!("{base}both,2019,3,,3歳以上\n"));
    assert_eq!(found.0.len(), 1, "{found:?}");
    assert!(
        found.0[0].message.contains("add up to `12`"),
        "{}",
        found.0[0].message
    );
    assert!(
        found.0[0]
            .message
            .contains("but the figures for sex=男 `6`"),
        "{}",
        found.0[0].message
    );
    assert!(found.0[0].message.ends_with("differ by 1"));
    // age 5 + 4 + 2 = 11 = sex's sum: the total is derived from sex (first
    // in breakdowns), 11.
    let (_dir, plan) = setup(&[("2019.csv", &format!("{base}both,2019,2,,3歳以上\n"))]);
    let values = read_clean(&plan).expect("adds up");
    assert_eq!(values.series[3][&FiscalYear(2019)], d(11));
}

#[test]
fn pure_check_derives_from_the_first_complete_dimension_in_breakdown_order() {
    let dir = tempfile::tempdir().unwrap();
    let plan = with_breakdowns(dir.path());
    let y = FiscalYear(2020);
    // both (sex, age): only age complete (1 + 2 + 3 = 6); sex lacks 女.
    let figures: Figures<Decimal> = [
        (key(&[Some(0), None]), 4),
        (key(&[None, Some(0)]), 1),
        (key(&[None, Some(1)]), 2),
        (key(&[None, Some(2)]), 3),
    ]
    .into_iter()
    .map(|(k, v)| ((y, k), d(v)))
    .collect();
    let checked = check(&plan, 3, |_| None, &figures, |v| *v);
    assert_eq!(
        checked,
        Checked {
            mismatches: vec![],
            derived: vec![(y, d(6))]
        }
    );
    // With a total of 7: 6 against 7, a difference of 1, nothing derived.
    let checked = check(&plan, 3, |_| Some(d(7)), &figures, |v| *v);
    assert!(checked.derived.is_empty());
    assert_eq!(checked.mismatches.len(), 1);
    assert_eq!(checked.mismatches[0].difference(), d(1));
    assert_eq!(checked.mismatches[0].whole, Whole::Total);
    // A KPI with a reported total is never checked.
    assert_eq!(
        check(&plan, 1, |_| Some(d(7)), &figures, |v| *v),
        Checked::default()
    );
}

#[test]
fn files_read_in_parallel_keep_their_category_figures() {
    // Eight files, one a year: each 0歳 1, 1・2歳 2, 3歳以上 3 and no total
    // (derived: 6); the last file repeats 2012's 0歳 with another value.
    let names: Vec<String> = (2012..2020).map(|y| format!("{y}.csv")).collect();
    let mut texts: Vec<String> = (2012..2020)
        .map(|y| {
            format!("{AGE}waiting,{y},1,,,0歳\nwaiting,{y},2,,,1・2歳\nwaiting,{y},3,,,3歳以上\n")
        })
        .collect();
    let files: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(texts.iter().map(String::as_str))
        .collect();
    let (_dir, plan) = setup(&files);
    let values = read_clean(&plan).unwrap();
    assert_eq!(values.categories[&0].len(), 24);
    assert_eq!(values.derived.len(), 8);
    assert!(values.series[0].values().all(|v| *v == d(6)));
    let (ledger, _) = read(&plan).unwrap();
    assert_eq!(values, LedgerValues::of(ledger, &plan));
    texts[7].push_str("waiting,2012,9,,,0歳\n");
    let files: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(texts.iter().map(String::as_str))
        .collect();
    let (_dir, plan) = setup(&files);
    assert!(read_clean(&plan).is_none());
    assert!(read(&plan).is_err());
}
