//! Each command's arguments are checked before any file is read (cli.md,
//! "Exit codes"): a bad `--year`, `--status`, `--fail-on`, `--encoding`,
//! `--output` or `--format` is said at once, whatever the plan, and a
//! command refuses through clap a format it does not have.

use crate::common::Workdir;

/// The `--year zzz` error, whichever command it is given to.
const YEAR_ZZZ: &str = "error: --year: `zzz` is not a fiscal year from 1900 to 2999 \
     (write it as 2014, FY2014, 2014年度, H26 or 平成26年度)\n";

const STATUS_BOGUS: &str = "unknown status `bogus`; write a comma list of no_data, achieved, \
     missed, worsening, on_track, at_risk, off_track, or stale (or, for --fail-on, \
             preliminary)\n";

/// A folder whose kpi.toml no command can read: not UTF-8, and not TOML.
fn unreadable_plan() -> Workdir {
    let wd = Workdir::new();
    wd.write("kpi.toml", b"\xff\xfe[plan\n");
    wd
}

/// Every bad argument of every command, and the one error it gives.
fn bad_arguments() -> Vec<(Vec<&'static str>, String)> {
    let year = |args: &[&'static str]| (args.to_vec(), YEAR_ZZZ.to_string());
    let status = |args: &[&'static str], flag: &str| {
        (args.to_vec(), format!("error: {flag}: {STATUS_BOGUS}"))
    };
    vec![
        year(&["status", "--year", "zzz"]),
        year(&["status", "--year", "zzz", "--format", "json"]),
        year(&["gap", "--year", "zzz"]),
        year(&["check", "--year", "zzz"]),
        year(&["check", "--year", "zzz", "--format", "json", "-q"]),
        year(&["report", "--year", "zzz"]),
        year(&["missing", "--year", "zzz"]),
        year(&["show", "a", "--year", "zzz"]),
        year(&["template", "--year", "zzz"]),
        // The import's files are not read either: this one does not exist.
        year(&["import", "--year", "zzz", "nowhere.csv"]),
        status(&["status", "--status", "bogus"], "--status"),
        status(
            &["status", "--status", "on_track,bogus", "--goal", "9"],
            "--status",
        ),
        status(&["gap", "--status", "bogus"], "--status"),
        (
            vec!["status", "--status", "preliminary"],
            "error: --status: preliminary is not a status; use kpi check --fail-on preliminary\n"
                .to_string(),
        ),
        status(
            &["report", "--status", "bogus", "--format", "markdown"],
            "--status",
        ),
        status(&["check", "--fail-on", "bogus"], "--fail-on"),
        // --fail-on is checked before --year.
        status(
            &["check", "--fail-on", "bogus", "--year", "zzz"],
            "--fail-on",
        ),
        (
            vec!["check", "--fail-on", ","],
            "error: --fail-on: no status given; name at least one, e.g. \
             --fail-on off_track,worsening,missed\n"
                .to_string(),
        ),
        (
            vec!["template", "--year", "2019", "--encoding", "ebcdic"],
            "error: --encoding: unknown encoding \"ebcdic\"; use utf-8-bom, cp932 or utf-8\n"
                .to_string(),
        ),
        (
            vec!["export", "plan", "--encoding", "ebcdic"],
            "error: --encoding: unknown encoding \"ebcdic\"; use utf-8-bom, cp932 or utf-8\n"
                .to_string(),
        ),
        (
            vec!["import", "--encoding", "ebcdic", "nowhere.csv"],
            "error: --encoding: unknown encoding \"ebcdic\"; use one of utf-8, utf-8-bom, \
             cp932 (also ms932, windows-31j, shift_jis, sjis)\n"
                .to_string(),
        ),
        // An -o into a folder that does not exist is judged once the plan is
        // read: a path into a ledger folder must be named as that, however it
        // is spelled (issue 12), and only the plan says where the ledger is.
        (
            vec![
                "template",
                "--year",
                "2019",
                "--format",
                "xlsx",
                "-o",
                "sheet.csv",
            ],
            "error: --format xlsx, but sheet.csv is not named .xlsx (Excel would not open it); \
             name it .xlsx\n"
                .to_string(),
        ),
    ]
}

#[test]
fn a_bad_argument_is_said_before_the_plan_is_read() {
    let wd = unreadable_plan();
    // What makes the plan unreadable, so that the test could fail: any
    // command that reads it says so.
    wd.run(&["status"]).failed();
    assert_eq!(
        wd.run(&["status"]).stderr,
        format!(
            "error: {}: the plan is not UTF-8 text; save kpi.toml as UTF-8\n",
            wd.file("kpi.toml").display()
        )
    );
    for (args, stderr) in bad_arguments() {
        let run = wd.run(&args);
        run.failed();
        assert_eq!(run.stderr, stderr, "{run}");
    }
}

#[test]
fn a_bad_argument_is_said_before_the_plan_is_looked_for() {
    // No kpi.toml here or above (a temporary folder): the argument first.
    let wd = Workdir::new();
    for (args, stderr) in bad_arguments() {
        let run = wd.run(&args);
        run.failed();
        assert_eq!(run.stderr, stderr, "{run}");
    }
}

/// clap's refusal of `--format VALUE` among `possible`.
fn not_a_format(value: &str, possible: &str) -> String {
    format!(
        "error: invalid value '{value}' for '--format <FORMAT>'\n  \
         [possible values: {possible}]\n\nFor more information, try '--help'.\n"
    )
}

#[test]
fn each_command_has_its_own_formats() {
    let wd = unreadable_plan();
    let cases: [(&[&str], &str, &str); 11] = [
        (&["show", "a"], "csv", "table, json"),
        (&["show", "a"], "xlsx", "table, json"),
        (&["status"], "html", "table, json, csv, markdown, xlsx"),
        (&["gap"], "text", "table, json, csv, markdown, xlsx"),
        (
            &["compare", "a"],
            "html",
            "table, json, csv, markdown, xlsx",
        ),
        (&["missing"], "junit", "table, json, csv, markdown, xlsx"),
        (&["check"], "table", "text, json, github, junit"),
        (&["report"], "json", "html, markdown"),
        (&["report"], "xlsx", "html, markdown"),
        (&["template", "--year", "2019"], "json", "csv, xlsx"),
        (&["export", "plan"], "json", "csv, xlsx"),
    ];
    for (args, value, possible) in cases {
        let mut args = args.to_vec();
        args.extend(["--format", value]);
        let run = wd.run(&args);
        run.failed();
        assert_eq!(run.stderr, not_a_format(value, possible), "{run}");
    }
}

/// `--year` for a fiscal year that has not begun by today (KPI_TODAY here;
/// the seed plan's years start in April) is refused by every command that
/// evaluates, naming today and today's fiscal year, as import and record
/// refuse a figure for it.
#[test]
fn a_year_not_begun_is_refused_naming_today() {
    let asaka = crate::common::asaka();
    let asaka = asaka.to_str().unwrap();
    // 2021-03-31 is still in fiscal 2020 (R2); R3 begins the next day.
    let expected = "error: --year R3: fiscal year R3 (2021) has not begun yet \
         (today is 2021-03-31 by KPI_TODAY, in fiscal year R2 (2020)); give R2 or an \
         earlier year, or leave --year out for the newest year in the ledger\n";
    for args in [
        &["status", "--year", "R3"][..],
        &["status", "--year", "2021", "--format", "json"],
        &["gap", "--year", "令和3年度"],
        &["check", "--year", "R3"],
        &["check", "--year", "R3", "--fail-on", "preliminary"],
        &["show", "sme-loans", "--year", "R3"],
        &["report", "--year", "R3", "--format", "markdown"],
    ] {
        let run = crate::common::Run::of(
            crate::common::kpi_command()
                .env("KPI_TODAY", "2021-03-31")
                .args(args)
                .args(["--plan", asaka]),
        );
        run.failed();
        assert_eq!(run.stderr, expected, "{run}");
        // The day R3 begins, it is accepted.
        let run = crate::common::Run::of(
            crate::common::kpi_command()
                .env("KPI_TODAY", "2021-04-01")
                .args(args)
                .args(["--plan", asaka]),
        );
        assert!(matches!(run.code, Some(0 | 1)), "{run}");
    }
}
