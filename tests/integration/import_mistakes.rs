//! `kpi import` and `kpi record` under the mistakes people make (issue 24):
//! minus signs and invisible characters (item 24), figures moved from
//! preliminary to final (item 23), years far in the past (item 14).

use crate::common::import::workdir;

#[test]
fn minus_signs_are_read_and_invisible_characters_are_shown_escaped() {
    let work = workdir();
    // U+2212 (−) and U+FF0D (－) before a figure are a minus, as `-` and △ are.
    work.write(
        "minus.csv",
        "kpi,year,value\nbalance,H27,\u{2212}3\nrate,H27,\u{ff0d}2\n",
    );
    work.ok(&["import", "minus.csv"]);
    assert_eq!(
        work.read("actuals/2015.csv"),
        "kpi,year,value,note\nrate,2015,-2,\nbalance,2015,-3,\n"
    );
    let work = workdir();
    work.ok(&["record", "balance", "H27", "\u{2212}4"]);
    assert_eq!(
        work.read("actuals/2015.csv"),
        "kpi,year,value,note\nbalance,2015,-4,\n"
    );

    // A zero-width space and a byte-order mark inside a cell are named.
    let work = workdir();
    work.write(
        "hidden.csv",
        "kpi,year,value\nvisitors,H27,\u{200b}1200\nstartups,H27,\u{feff}55\n",
    );
    let stderr = work.refused(&["import", "hidden.csv"]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].starts_with(
            "error: hidden.csv:2: column `value`: `\\u{200b}1200` is not a figure for `visitors`;"
        ),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(
            "error: hidden.csv:3: column `value`: `\\u{feff}55` is not a figure for `startups`;"
        ),
        "{stderr}"
    );
}

#[test]
fn figures_moved_from_preliminary_to_final_are_counted_in_the_year_table() {
    let work = workdir();
    work.write(
        "prelim.csv",
        "kpi,year,value,flag\nvisitors,H27,1100,preliminary\nrate,H27,55,preliminary\nbalance,H27,-3,\n",
    );
    work.ok(&["import", "prelim.csv"]);
    // visitors is made final with another value, rate with the same one;
    // balance is unchanged; startups is new.
    work.write(
        "final.csv",
        "kpi,year,value\nvisitors,H27,1150\nrate,H27,55\nbalance,H27,-3\nstartups,H27,12\n",
    );
    let en = work
        .ok(&["import", "--dry-run", "final.csv"])
        .stdout
        .clone();
    let table = "year      added  unchanged  replaced  finalised\n\
                 H27           1          1         0          2\n\
                 total         1          1         0          2\n";
    assert!(en.contains(table), "{en}");
    assert!(
        en.starts_with(
            "final.csv: UTF-8, long: 4 figures (1 added, 1 unchanged, 0 replaced, 2 finalised)"
        ),
        "{en}"
    );
    let ja = work
        .ok(&["--lang", "ja", "import", "--dry-run", "final.csv"])
        .stdout
        .clone();
    let table = "年度      追加  変更なし  置換  確定\n\
                 H27          1         1     0     2\n\
                 合計         1         1     0     2\n";
    assert!(ja.contains(table), "{ja}");
}

#[test]
fn a_year_far_before_the_baseline_is_imported_and_recorded_with_a_warning() {
    // The plan's baseline year is H26 (2014): H2 (1990, an era slip for R2)
    // is 24 years before it; H16 (2004) is ten, which is not warned of.
    let work = workdir();
    work.write("old.csv", "kpi,year,value\nvisitors,H2,1100\nrate,H16,50\n");
    let run = work.ok(&["import", "old.csv"]);
    assert_eq!(
        run.stderr,
        "warning: old.csv:2: `visitors` H2 (1990): the year is 24 years before the KPI's baseline year H26 (2014); \
         the figure is kept; check the year (an era slip such as H2 for R2, or a year cell formatted as a date, gives a year far in the past)\n"
    );
    assert_eq!(
        work.read("actuals/1990.csv"),
        "kpi,year,value,note\nvisitors,1990,1100,\n"
    );
    let run = work.ok(&["record", "startups", "平成元年度", "3"]);
    assert!(
        run.stderr.starts_with(
            "warning: kpi record: `startups` H1 (1989): the year is 25 years before the KPI's baseline year H26 (2014);"
        ),
        "{run}"
    );
}

#[test]
fn a_returned_csv_template_keeps_a_preliminary_figure_preliminary() {
    let work = workdir();
    let run = work.ok(&[
        "template",
        "--year",
        "H27",
        "--owner",
        "企画課",
        "--lang",
        "ja",
    ]);
    let text = String::from_utf8(run.bytes.clone()).unwrap();
    assert!(
        text.contains("id,指標名,単位,年度,実績値,備考,区分\r\n"),
        "{text}"
    );
    // The office fills rate in as preliminary (速報値) and balance as final.
    let filled = text
        .replace("rate,満足度,%,H27,,,", "rate,満足度,%,H27,55,,速報値")
        .replace("balance,'=収支,,H27,,,", "balance,'=収支,,H27,-3,,確定値");
    work.write("filled.csv", filled);
    work.ok(&["import", "filled.csv"]);
    assert_eq!(
        work.read("actuals/2015.csv"),
        "kpi,year,value,note,flag\nrate,2015,55,,preliminary\nbalance,2015,-3,,\n"
    );
}
