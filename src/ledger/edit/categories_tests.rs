//! The editor and category figures (breakdowns.md): a file's dimension
//! columns are kept, a category row is changed only by its own figure,
//! and a column is added when a figure needs one.

use std::fs;
use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::edits;
use crate::breakdown::CategoryKey;
use crate::ledger::import::merge::merge;
use crate::ledger::import::Figure;
use crate::ledger::{read, read_clean};
use crate::problem::Location;
use crate::test_plans::with_breakdowns;
use crate::year::FiscalYear;

/// A figure of `waiting` (KPI 0, by age) for `age` (none: the total).
fn waiting(year: i32, value: &str, age: Option<u16>) -> Figure {
    Figure {
        kpi: 0,
        year: FiscalYear(year),
        value: Decimal::from_str(value).unwrap(),
        note: None,
        source: None,
        preliminary: false,
        location: Location::file(Path::new("in.csv")),
        categories: age.map(|c| CategoryKey(vec![Some(c)].into_boxed_slice())),
    }
}

/// The ledger `actuals/2019.csv` = `text` after the import of `figures`
/// (with `--replace`): each file written, by name, as text.
fn imported(text: &str, figures: Vec<Figure>) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("actuals");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("2019.csv"), text).unwrap();
    let plan = with_breakdowns(dir.path());
    let (ledger, _) = read(&plan).unwrap();
    let merged = merge(&plan, &ledger, figures, true);
    assert!(merged.problems.is_empty(), "{:?}", merged.problems);
    let changes: Vec<_> = merged.changes().collect();
    let written = edits(&plan, &ledger.files, &changes, None).unwrap();
    for (path, bytes) in &written {
        fs::write(path, bytes).unwrap();
    }
    // What was written reads back without a problem.
    let (_, warnings) = read(&plan).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(read_clean(&plan).is_some());
    written
        .into_iter()
        .map(|(path, bytes)| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, String::from_utf8(bytes).unwrap())
        })
        .collect()
}

#[test]
fn a_category_row_changes_only_with_its_own_figure_and_keeps_its_cells() {
    let text = "kpi,year,value,note,age\nwaiting,2019,21,,\nwaiting,2019,5,x,0歳\n\
                waiting,2019,14,,1・2歳\nwaiting,2019,2,,3歳以上\n";
    // 0歳 5 → 6 and the total 21 → 22 (6 + 14 + 2 = 22).
    let written = imported(
        text,
        vec![waiting(2019, "6", Some(0)), waiting(2019, "22", None)],
    );
    assert_eq!(
        written,
        [(
            "2019.csv".to_string(),
            "kpi,year,value,note,age\nwaiting,2019,22,,\nwaiting,2019,6,,0歳\n\
             waiting,2019,14,,1・2歳\nwaiting,2019,2,,3歳以上\n"
                .to_string()
        )]
    );
}

#[test]
fn a_category_figure_adds_the_column_it_needs() {
    // The file has no `age` column: it is added, blank in the rows there;
    // the categories follow the total, in the dimension's order.
    let text = "kpi,year,value,note\nwaiting,2019,21,\nplain,2019,3,\n";
    let figures = vec![
        waiting(2019, "2", Some(2)),
        waiting(2019, "5", Some(0)),
        waiting(2019, "14", Some(1)),
    ];
    let written = imported(text, figures);
    assert_eq!(
        written,
        [(
            "2019.csv".to_string(),
            "kpi,year,value,note,age\nwaiting,2019,21,,\nwaiting,2019,5,,0歳\n\
             waiting,2019,14,,1・2歳\nwaiting,2019,2,,3歳以上\nplain,2019,3,,\n"
                .to_string()
        )]
    );
    // A new year's file takes the column too; the total (derived: 1 + 2 + 3
    // = 6) is not written.
    let figures = vec![
        waiting(2020, "1", Some(0)),
        waiting(2020, "2", Some(1)),
        waiting(2020, "3", Some(2)),
    ];
    let written = imported(text, figures);
    assert_eq!(
        written,
        [(
            "2020.csv".to_string(),
            "kpi,year,value,note,age\nwaiting,2020,1,,0歳\nwaiting,2020,2,,1・2歳\n\
             waiting,2020,3,,3歳以上\n"
                .to_string()
        )]
    );
}

#[test]
fn a_file_without_category_figures_is_written_as_before() {
    let text = "kpi,year,value,note\r\nwaiting,2019,21,\r\n";
    let written = imported(text, vec![waiting(2019, "22", None)]);
    assert_eq!(
        written,
        [(
            "2019.csv".to_string(),
            "kpi,year,value,note\r\nwaiting,2019,22,\r\n".to_string()
        )]
    );
}
