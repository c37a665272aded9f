use super::row::VALUE_HINT;
use super::*;
use crate::problem::Severity;
use rust_decimal::Decimal;
use std::str::FromStr;
use tempfile::TempDir;

/// A plan in `dir` with `[plan]` lines `extra`, a plain KPI
/// `fair-exhibitors` (baseline 10 in 2014) and a running total
/// `startups-supported` (baseline 49 in 2014).
fn plan_in(dir: &Path, extra: &str) -> Plan {
    let toml = crate::test_plans::fair_and_startups().replacen(
        "target_year = 2019\n",
        &format!("target_year = 2019\n{extra}\n"),
        1,
    );
    match crate::plan::load_str(&dir.join("kpi.toml"), &toml) {
        Ok((plan, _)) => plan,
        Err(problems) => panic!("test plan does not load: {problems:?}"),
    }
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

/// A temporary folder holding the plan and `actuals/` with these files.
fn setup(files: &[(&str, &str)]) -> (TempDir, Plan) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), &format!("actuals/{name}"), text);
    }
    let plan = plan_in(dir.path(), "");
    (dir, plan)
}

/// `setup` with the one file `actuals/2015.csv`.
fn in_2015(text: &str) -> (TempDir, Plan) {
    setup(&[("2015.csv", text)])
}

fn ok(plan: &Plan) -> (Ledger, Problems) {
    match read(plan) {
        Ok(read) => read,
        Err(problems) => panic!("expected the ledger to read, got {problems:#?}"),
    }
}

fn err(plan: &Plan) -> Vec<Problem> {
    match read(plan) {
        Ok((ledger, warnings)) => panic!("expected errors, got {ledger:#?} {warnings:#?}"),
        Err(problems) => problems.0,
    }
}

/// Assert that a problem's message holds `text`.
#[track_caller]
fn assert_says(p: &Problem, text: &str) {
    assert!(p.message.contains(text), "{p}\nshould contain {text:?}");
}

/// The one problem of a ledger that does not read: an error in `file` at
/// `line` whose message holds `text`.
#[track_caller]
fn the_error(plan: &Plan, file: &str, line: usize, text: &str) -> Problem {
    let mut problems = errs(plan, 1);
    assert_problem(&problems[0], Severity::Error, file, line, text);
    problems.remove(0)
}

/// The problems of a ledger that does not read, `count` of them.
#[track_caller]
fn errs(plan: &Plan, count: usize) -> Vec<Problem> {
    let problems = err(plan);
    assert_eq!(problems.len(), count, "{problems:#?}");
    problems
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

const FAIR: usize = 0;
const STARTUPS: usize = 1;

fn figure(ledger: &Ledger, kpi: usize, year: i32) -> &Actual {
    ledger.series[kpi]
        .get(&FiscalYear(year))
        .unwrap_or_else(|| panic!("no figure for kpi {kpi} in {year}"))
}

/// Assert one problem's severity, file name, line and message text.
#[track_caller]
fn assert_problem(p: &Problem, severity: Severity, file: &str, line: usize, text: &str) {
    assert_eq!(p.severity, severity, "{p}");
    assert_eq!(
        p.location.file.file_name().and_then(|n| n.to_str()),
        Some(file),
        "{p}"
    );
    assert_eq!(p.location.line, Some(line), "{p}");
    assert_says(p, text);
}

#[test]
fn reads_figures_with_note_source_and_place() {
    let (dir, plan) = in_2015(
        "kpi,year,value,note,source\n\
         fair-exhibitors,2015,65,,\n\
         startups-supported,H27,71,\"2 withdrew, counted per 産業振興課\",産業振興課資料\n",
    );
    let (ledger, warnings) = ok(&plan);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(ledger.files, vec![dir.path().join("actuals/2015.csv")]);
    assert_eq!(ledger.figure_count(), 2);
    let fair = figure(&ledger, FAIR, 2015);
    assert_eq!(fair.value, d("65"));
    assert_eq!((fair.note.as_deref(), fair.source.as_deref()), (None, None));
    assert_eq!(
        fair.location,
        Location::line(&dir.path().join("actuals/2015.csv"), 2)
    );
    let startups = figure(&ledger, STARTUPS, 2015);
    assert_eq!(startups.value, d("71"));
    assert_eq!(
        startups.note.as_deref(),
        Some("2 withdrew, counted per 産業振興課")
    );
    assert_eq!(startups.source.as_deref(), Some("産業振興課資料"));
    assert_eq!(startups.location.line, Some(3));
}

#[test]
fn comments_and_blank_lines_keep_line_numbers_right() {
    let (_dir, plan) = in_2015(
        "# 朝霞市 実績値 2015年度\n\
         # NOTE: illustrative\n\
         \n\
         kpi,year,value,bogus\n\
         # a comment between rows\n\
         fair-exhibitors,2015,65,\n\
         \n\
         # another\n\
         startups-supported,2015,\"7\n1\",\n\
         nope,2016,3,\n",
    );
    let problems = errs(&plan, 3);
    // The header is on line 4, after two comments and a blank line.
    assert_problem(&problems[0], Severity::Warning, "2015.csv", 4, "`bogus`");
    // A quoted value with a line break starts on line 9...
    assert_problem(&problems[1], Severity::Error, "2015.csv", 9, "`7\\n1`");
    // ...and the row after it is on line 11.
    assert_problem(&problems[2], Severity::Error, "2015.csv", 11, "`nope`");

    let text =
        "# c\nkpi,year,value\n# c\nfair-exhibitors,2015,65\n\n#\nstartups-supported,2015,71\n";
    assert_eq!(lines_2015(text), (Some(4), Some(7)));
}

/// The lines of the FY2015 figures of fair-exhibitors and
/// startups-supported in `actuals/2015.csv` holding `text`.
fn lines_2015(text: &str) -> (Option<usize>, Option<usize>) {
    let (_dir, plan) = in_2015(text);
    let (ledger, _) = ok(&plan);
    let line = |kpi| figure(&ledger, kpi, 2015).location.line;
    (line(FAIR), line(STARTUPS))
}

#[test]
fn crlf_line_ends_keep_line_numbers_right() {
    let text = "# c\r\nkpi,year,value\r\n\r\nfair-exhibitors,2015,65\r\n# c\r\nstartups-supported,2015,71\r\n";
    assert_eq!(lines_2015(text), (Some(4), Some(6)));
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let (_dir, plan) = in_2015("\u{feff}kpi,year,value\nfair-exhibitors,2015,65\n");
    let (ledger, warnings) = ok(&plan);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(figure(&ledger, FAIR, 2015).value, d("65"));

    // Also before a comment line.
    let (_dir, plan) = in_2015("\u{feff}# title\nkpi,year,value\nfair-exhibitors,2015,65\n");
    let (ledger, _) = ok(&plan);
    assert_eq!(figure(&ledger, FAIR, 2015).location.line, Some(3));
}

#[test]
fn columns_are_found_by_name_in_any_case_and_order() {
    let (_dir, plan) = in_2015(" Value , NOTE,Year,  KPI \n65,hello,FY2015,fair-exhibitors\n");
    let (ledger, warnings) = ok(&plan);
    assert!(warnings.is_empty(), "{warnings:?}");
    let fair = figure(&ledger, FAIR, 2015);
    assert_eq!(fair.value, d("65"));
    assert_eq!(fair.note.as_deref(), Some("hello"));
}

#[test]
fn an_empty_value_is_no_figure() {
    let (_dir, plan) = in_2015(
        "kpi,year,value,note\n\
         fair-exhibitors,2015,,not surveyed\n\
         startups-supported,2015,   ,\n\
         fair-exhibitors,2016,66,\n",
    );
    let (ledger, warnings) = ok(&plan);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(ledger.figure_count(), 1);
    assert!(!ledger.series[FAIR].contains_key(&FiscalYear(2015)));
    assert!(ledger.series[STARTUPS].is_empty());
}

#[test]
fn an_unknown_column_is_a_warning_once_per_file() {
    let (_dir, plan) = setup(&[
        (
            "2015.csv",
            "kpi,year,value,remarks,remarks\nfair-exhibitors,2015,65,x,y\n",
        ),
        (
            "2016.csv",
            "kpi,year,value,notes\nfair-exhibitors,2016,66,x\n",
        ),
    ]);
    let (ledger, warnings) = ok(&plan);
    assert_eq!(ledger.figure_count(), 2);
    let w = &warnings.0;
    assert_eq!(w.len(), 2, "{w:#?}");
    assert_problem(
        &w[0],
        Severity::Warning,
        "2015.csv",
        1,
        "unknown column `remarks`",
    );
    assert_problem(
        &w[1],
        Severity::Warning,
        "2016.csv",
        1,
        "unknown column `notes`",
    );
    assert_eq!(w[1].hint.as_deref(), Some("did you mean `note`?"));
}

#[test]
fn a_missing_required_column_is_an_error_naming_the_columns_found() {
    let (_dir, plan) = in_2015("# title\nkpi,year,amount\nfair-exhibitors,2015,65\n");
    let problems = errs(&plan, 2);
    assert_problem(&problems[0], Severity::Warning, "2015.csv", 2, "`amount`");
    let p = &problems[1];
    assert_problem(
        p,
        Severity::Error,
        "2015.csv",
        2,
        "lacks the column `value`",
    );
    assert!(
        p.message.contains("columns found: `kpi`, `year`, `amount`"),
        "{p}"
    );
    assert!(p.hint.as_deref().unwrap().contains("kpi, year and value"));
}

#[test]
fn a_bad_year_is_an_error() {
    let (_dir, plan) = in_2015(
        "kpi,year,value\nfair-exhibitors,2015,65\nfair-exhibitors,H2x,66\nfair-exhibitors,,67\n",
    );
    let problems = errs(&plan, 2);
    assert_problem(
        &problems[0],
        Severity::Error,
        "2015.csv",
        3,
        "`H2x` in column `year` is not a fiscal year",
    );
    assert!(problems[0].hint.as_deref().unwrap().contains("H26"));
    assert_problem(&problems[1], Severity::Error, "2015.csv", 4, "no year");
}

#[test]
fn a_value_that_is_not_a_plain_decimal_is_an_error() {
    let (_dir, plan) = in_2015(
        "kpi,year,value\n\
         fair-exhibitors,2015,\"2,788\"\n\
         fair-exhibitors,2016,abc\n\
         fair-exhibitors,2017,1.\n\
         fair-exhibitors,2018,-3\n\
         fair-exhibitors,2019,2.4\n",
    );
    let problems = errs(&plan, 3);
    for (p, (line, text)) in problems.iter().zip([(2, "2,788"), (3, "abc"), (4, "1.")]) {
        assert_problem(
            p,
            Severity::Error,
            "2015.csv",
            line,
            &format!("`{text}` in column `value` is not a plain decimal"),
        );
        assert_eq!(p.hint.as_deref(), Some(VALUE_HINT));
    }
    assert_eq!(
        problems[0].to_string().rsplit_once(": ").unwrap().1,
        "`2,788` in column `value` is not a plain decimal number; write a plain decimal \
         such as 2788 or 2.4; `kpi import` reads 2,788 and other forms"
    );
}

#[test]
fn an_unknown_kpi_is_an_error_with_the_nearest_id() {
    let (_dir, plan) = in_2015(
        "kpi,year,value\n\
         fair-exhibitor,2015,65\n\
         population,2015,1\n\
         あさか産業フェア参加事業所数,2015,65\n",
    );
    let problems = errs(&plan, 3);
    assert_problem(
        &problems[0],
        Severity::Error,
        "2015.csv",
        2,
        "unknown KPI `fair-exhibitor`",
    );
    assert_eq!(
        problems[0].hint.as_deref(),
        Some("did you mean `fair-exhibitors`?")
    );
    assert_problem(
        &problems[1],
        Severity::Error,
        "2015.csv",
        3,
        "unknown KPI `population`",
    );
    // Nothing close, and a plan of two KPIs: both are named.
    assert_eq!(
        problems[1].hint.as_deref(),
        Some("the plan's KPIs are `fair-exhibitors` and `startups-supported`")
    );
    assert_problem(&problems[2], Severity::Error, "2015.csv", 4, "unknown KPI");
    assert!(problems[2]
        .hint
        .as_deref()
        .unwrap()
        .contains("`fair-exhibitors`"));
}

#[test]
fn the_same_figure_twice_is_a_warning_naming_both_places() {
    let (_dir, plan) =
        in_2015("kpi,year,value\nfair-exhibitors,2015,2.40\nfair-exhibitors,H27,2.4\n");
    let (ledger, warnings) = ok(&plan);
    assert_eq!(ledger.figure_count(), 1);
    assert_eq!(figure(&ledger, FAIR, 2015).location.line, Some(2));
    let w = &warnings.0;
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_problem(
        &w[0],
        Severity::Warning,
        "2015.csv",
        3,
        "given twice with the same value",
    );
    assert!(w[0].message.contains("2015.csv:2"), "{}", w[0]);
}

#[test]
fn two_different_figures_across_files_are_an_error_naming_both() {
    let (_dir, plan) = setup(&[
        ("a.csv", "kpi,year,value\nfair-exhibitors,2015,65\n"),
        ("b.csv", "kpi,year,value\n# c\nfair-exhibitors,2015,70\n"),
    ]);
    let p = &the_error(
        &plan,
        "b.csv",
        3,
        "`fair-exhibitors` FY2015 has two different figures",
    );
    assert!(p.message.contains("`70` here"), "{p}");
    assert!(p.message.contains("`65` at "), "{p}");
    assert!(p.message.contains("a.csv:2"), "{p}");
}

#[test]
fn a_running_total_may_not_fall_below_its_previous_figure() {
    let (_dir, plan) = setup(&[
        ("2015.csv", "kpi,year,value\nstartups-supported,2015,65\n"),
        (
            "2016.csv",
            "kpi,year,value\nstartups-supported,2016,65\nstartups-supported,2018,60\n",
        ),
        // A fall in a plain KPI is no error.
        (
            "2017.csv",
            "kpi,year,value\nfair-exhibitors,2016,9\nfair-exhibitors,2017,5\n",
        ),
    ]);
    let p = &the_error(&plan, "2016.csv", 3, "`startups-supported` is cumulative, but its FY2018 figure `60` is below its FY2016 figure `65`");
    assert!(p.message.contains("2016.csv:2"), "{p}");
}

#[test]
fn a_running_total_may_not_fall_below_its_baseline() {
    let (_dir, plan) = setup(&[(
        "2016.csv",
        // 2013 is history before the baseline year: not checked against it.
        "kpi,year,value\nstartups-supported,2013,30\nstartups-supported,2016,40\n",
    )]);
    the_error(
        &plan,
        "2016.csv",
        3,
        "its FY2016 figure `40` is below its FY2014 baseline `49`",
    );
}

#[test]
fn only_visible_csv_files_directly_in_the_folder_are_read_in_name_order() {
    let header = "kpi,year,value\n";
    let (dir, plan) = setup(&[
        ("2016.csv", &format!("{header}fair-exhibitors,2016,66\n")),
        ("2015.CSV", &format!("{header}fair-exhibitors,2015,65\n")),
        (".2017.csv.tmp", "garbage"),
        (".2017.csv", "garbage"),
        ("notes.txt", "garbage"),
        ("old/2014.csv", "garbage"),
        ("sub.csv/x.csv", "garbage"),
    ]);
    let (ledger, warnings) = ok(&plan);
    let actuals = dir.path().join("actuals");
    // A folder named like a ledger file is said, not passed over.
    assert_eq!(warnings.0.len(), 1, "{warnings:?}");
    assert_eq!(warnings.0[0].location.file, actuals.join("sub.csv"));
    assert_eq!(
        ledger.files,
        vec![actuals.join("2015.CSV"), actuals.join("2016.csv")]
    );
    assert_eq!(ledger.figure_count(), 2);
}

#[test]
fn explicit_files_and_folders_are_read_in_order() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "data/b.csv",
        "kpi,year,value\nfair-exhibitors,2016,66\n",
    );
    write(
        dir.path(),
        "data/a.csv",
        "kpi,year,value\nfair-exhibitors,2015,65\n",
    );
    write(
        dir.path(),
        "extra.txt",
        "kpi,year,value\nfair-exhibitors,2017,67\n",
    );
    let plan = plan_in(
        dir.path(),
        r#"actuals = ["extra.txt", "data", "data/a.csv"]"#,
    );
    let (ledger, warnings) = ok(&plan);
    assert!(warnings.is_empty(), "{warnings:?}");
    // A file named twice is read once.
    assert_eq!(
        ledger.files,
        vec![
            dir.path().join("extra.txt"),
            dir.path().join("data/a.csv"),
            dir.path().join("data/b.csv"),
        ]
    );
    assert_eq!(ledger.figure_count(), 3);
}

#[test]
fn a_missing_default_folder_is_an_empty_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path(), "");
    assert!(!plan.actuals_explicit);
    let (ledger, warnings) = ok(&plan);
    assert!(warnings.is_empty());
    assert_eq!(ledger, Ledger::empty(2));
    assert_eq!(ledger.newest_year(), None);
    assert_eq!(ledger.figure_count(), 0);
}

#[test]
fn a_missing_explicit_path_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path(), r#"actuals = ["actuals", "more.csv"]"#);
    let problems = errs(&plan, 2);
    for (p, name) in problems.iter().zip(["actuals", "more.csv"]) {
        assert_eq!(p.severity, Severity::Error);
        assert_eq!(p.location, Location::file(&dir.path().join(name)));
        assert!(p.message.contains("does not exist"), "{p}");
        assert!(p.hint.as_deref().unwrap().contains("actuals"), "{p}");
    }
}

#[test]
fn invalid_utf8_is_an_error_with_its_line() {
    // 実績 in Shift_JIS on line 3.
    let (_dir, plan) = setup(&[]);
    write(
        plan.path.parent().unwrap(),
        "actuals/2015.csv",
        b"kpi,year,value,note\nfair-exhibitors,2015,65,\nfair-exhibitors,2016,66,\x8e\xc0\x90\xd1\n",
    );
    let p = the_error(&plan, "2015.csv", 3, "not UTF-8");
    assert!(p.hint.as_deref().unwrap().contains("kpi import"));
}

#[test]
fn a_row_with_the_wrong_number_of_fields_is_an_error() {
    let (_dir, plan) = in_2015(
        "kpi,year,value,note\n\
         fair-exhibitors,2015,65,2 withdrew, 1 moved\n\
         fair-exhibitors,2016,66\n\
         fair-exhibitors,2017,67,\n\
         ,,,\n",
    );
    let problems = errs(&plan, 2);
    assert_problem(
        &problems[0],
        Severity::Error,
        "2015.csv",
        2,
        "the row has 5 fields but the header has 4",
    );
    assert_problem(
        &problems[1],
        Severity::Error,
        "2015.csv",
        3,
        "the row has 3 fields but the header has 4",
    );
}

#[test]
fn every_problem_is_reported_in_one_run_sorted_by_file_and_line() {
    let (_dir, plan) = setup(&[
        (
            "2016.csv",
            "kpi,year,value\nstartups-supported,2016,40\nfair-exhibitors,2015,70\n",
        ),
        (
            "2015.csv",
            "kpi,year,value,extra\n\
             nope,2015,1,\n\
             fair-exhibitors,H99x,abc,\n\
             fair-exhibitors,2015,65,\n",
        ),
        ("2017.csv", "kpi,value\nfair-exhibitors,1\n"),
    ]);
    let problems = err(&plan);
    let got: Vec<(Severity, String, Option<usize>)> = problems
        .iter()
        .map(|p| {
            (
                p.severity,
                p.location
                    .file
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                p.location.line,
            )
        })
        .collect();
    use Severity::{Error as E, Warning as W};
    assert_eq!(
        got,
        vec![
            (W, "2015.csv".to_string(), Some(1)), // unknown column `extra`
            (E, "2015.csv".to_string(), Some(2)), // unknown KPI
            (E, "2015.csv".to_string(), Some(3)), // bad year
            (E, "2015.csv".to_string(), Some(3)), // bad value
            (E, "2016.csv".to_string(), Some(2)), // below baseline
            (E, "2016.csv".to_string(), Some(3)), // conflict with 2015.csv:4
            (E, "2017.csv".to_string(), Some(1)), // no year column
        ],
        "{problems:#?}"
    );
    assert_says(&problems[5], "2015.csv:4");
}

#[test]
fn the_newest_year_is_over_every_kpi() {
    let (_dir, plan) = setup(&[
        (
            "2015.csv",
            "kpi,year,value\nfair-exhibitors,2015,65\nstartups-supported,2017,60\n",
        ),
        ("2016.csv", "kpi,year,value\nfair-exhibitors,H28,66\n"),
    ]);
    let (ledger, _) = ok(&plan);
    assert_eq!(ledger.newest_year(), Some(FiscalYear(2017)));
    assert_eq!(ledger.figure_count(), 3);
    assert_eq!(Ledger::empty(3).newest_year(), None);
}

#[test]
fn a_file_without_a_header_is_a_warning() {
    let (_dir, plan) = in_2015("# only a comment\n\n");
    let (ledger, warnings) = ok(&plan);
    assert_eq!(ledger.figure_count(), 0);
    assert_eq!(warnings.0.len(), 1);
    assert_eq!(warnings.0[0].severity, Severity::Warning);
    assert!(warnings.0[0].message.contains("no header row"));
}

#[test]
fn the_seed_ledger_reads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka/kpi.toml");
    let Ok((plan, _)) = crate::plan::load(&root) else {
        return; // the seed plan is another module's concern
    };
    let (ledger, _) = ok(&plan);
    assert_eq!(ledger.files.len(), 5);
    assert!(ledger.figure_count() > 0);
}

#[test]
fn a_quote_left_open_is_an_error_at_the_line_it_opened_not_one_long_note() {
    let text = "kpi,year,value,note\nfair-exhibitors,2015,54,\"速報値\nfair-exhibitors,2016,55,\nfair-exhibitors,2017,56,\n";
    let (_dir, plan) = in_2015(text);
    the_error(&plan, "2015.csv", 2, "never closed");
    // The values-only read refuses it too.
    assert!(crate::ledger::read_clean(&plan).is_none());
    // Closed quotes, quotes inside quoted fields and line breaks in them are fine.
    let text = "kpi,year,value,note\nfair-exhibitors,2015,54,\"a \"\"b\"\"\nc\"\nfair-exhibitors,2016,55,\n";
    let (_dir, plan) = in_2015(text);
    let (ledger, _) = ok(&plan);
    assert_eq!(ledger.figure_count(), 2);
}

#[test]
fn a_figure_for_a_year_not_begun_is_an_error_and_after_the_plan_a_warning() {
    let (_dir, plan) = setup(&[(
        "x.csv",
        "kpi,year,value\nfair-exhibitors,2999,12\nfair-exhibitors,2020,13\n",
    )]);
    let problems = errs(&plan, 2);
    assert_problem(
        &problems[0],
        Severity::Error,
        "x.csv",
        2,
        "has not begun yet",
    );
    assert!(!problems[1].is_error());
    assert_says(&problems[1], "after every target year");
}

#[test]
fn a_control_character_in_a_note_is_an_error_naming_the_column() {
    let (_dir, plan) = setup(&[(
        "x.csv",
        "kpi,year,value,note\nfair-exhibitors,2015,12,\"a\u{1b}[31mb\"\nfair-exhibitors,2016,12,\"two\nlines\"\n",
    )]);
    // The row with the character starts on line 2.
    let p = the_error(&plan, "x.csv", 2, "column `note`");
    assert_says(&p, "U+001B (ESC)");
    assert!(!p.to_string().contains('\u{1b}'));
}

#[cfg(unix)]
#[test]
fn nothing_in_a_ledger_folder_is_passed_over_in_silence() {
    let (dir, plan) = in_2015("kpi,year,value\nfair-exhibitors,2015,12\n");
    let actuals = dir.path().join("actuals");
    std::os::unix::fs::symlink(actuals.join("gone.csv"), actuals.join("2016.csv")).unwrap();
    fs::create_dir(actuals.join("2017.csv")).unwrap();
    let fifo = actuals.join("2018.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let problems = err(&plan);
    let at = |name: &str| {
        problems
            .iter()
            .find(|p| p.location.file == actuals.join(name))
            .unwrap_or_else(|| panic!("{name} not named: {problems:#?}"))
    };
    assert!(at("2016.csv").message.contains("symlink"), "{problems:#?}");
    assert!(at("2016.csv").is_error());
    assert!(!at("2017.csv").is_error());
    if made.is_ok_and(|s| s.success()) {
        assert!(at("2018.csv").message.contains("FIFO"), "{problems:#?}");
        assert!(at("2018.csv").is_error());
    }
    // A link to a real file is read as that file.
    std::os::unix::fs::symlink(actuals.join("2015.csv"), dir.path().join("l.csv")).unwrap();
    let plan = plan_in(dir.path(), "actuals = [\"l.csv\"]");
    assert_eq!(ok(&plan).0.figure_count(), 1);
    // A default `actuals` that is a link to nothing is no empty ledger.
    fs::remove_dir_all(&actuals).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &actuals).unwrap();
    let plan = plan_in(dir.path(), "");
    let problems = err(&plan);
    assert!(problems[0].message.contains("symlink"), "{problems:#?}");
}

#[test]
fn rows_swallowed_into_a_quoted_note_closed_rows_below_are_an_error() {
    // The quote opened on line 2 closes on line 4: the row on line 3 would
    // vanish into line 2's note.
    let text = "kpi,year,value,note\nfair-exhibitors,2015,54,\"速報値\nfair-exhibitors,2016,55,\nfair-exhibitors,2017,56,\"\"x\"\"\"\n";
    let (_dir, plan) = in_2015(text);
    let p = the_error(&plan, "2015.csv", 2, "column `note`");
    assert!(p.message.contains("`fair-exhibitors,2016,55,`"), "{p}");
    // A note with line breaks that hold no row is fine.
    let text = "kpi,year,value,note\nfair-exhibitors,2015,54,\"一行目\n二行目, 三\"\n";
    let (_dir, plan) = in_2015(text);
    assert_eq!(ok(&plan).0.figure_count(), 1);
}
