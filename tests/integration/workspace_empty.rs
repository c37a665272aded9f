//! A workspace with no member yet (what `kpi init --workspace` makes):
//! every command answers, exit 0 or exit 2 with a message saying to add a
//! member and nothing on stdout; never a panic (issue 22). `validate` says
//! the workspace is well formed, with its warning that no folder matches.

use crate::common::{kpi_command, Run, Workdir};

/// Every command with what it needs to run; `import` is given a file.
const COMMANDS: &[&[&str]] = &[
    &["status"],
    &["status", "--all", "--format", "json"],
    &["gap"],
    &["gap", "--format", "csv"],
    &["check"],
    &["check", "--format", "junit"],
    &["report", "--format", "markdown"],
    &["missing"],
    &["show", "x"],
    &["template", "--year", "2024"],
    &["export", "plan"],
    &["import", "--dry-run", "figures.csv"],
    &["record", "--dry-run", "x", "2024", "1"],
    &["validate"],
];

#[test]
fn every_command_in_a_workspace_with_no_member_says_to_add_one() {
    let wd = Workdir::new();
    wd.ok(&["init", "--workspace", "city"]);
    wd.write("city/figures.csv", "kpi,year,value\nx,2024,1\n");
    for args in COMMANDS {
        let run = Run::of(
            kpi_command()
                .current_dir(wd.file("city"))
                .env("KPI_CACHE_DIR", wd.cache())
                .args(["--lang", "en", "--color", "never"])
                .args(*args),
        );
        match run.code {
            Some(0) => assert_eq!(args, &["validate"], "{run}"),
            Some(2) => {
                assert_eq!(run.stdout, "", "nothing on stdout on exit 2: {run}");
                assert!(
                    run.stderr.contains("no member yet")
                        && run.stderr.contains("kpi init plans/NAME"),
                    "the message says to add a member: {run}"
                );
                assert!(!run.stderr.contains("panicked"), "{run}");
            }
            _ => panic!("exit 0 or 2, never a panic: {run}"),
        }
    }
}

#[test]
fn validate_of_a_workspace_with_no_member_passes_with_its_warning() {
    let wd = Workdir::new();
    wd.ok(&["init", "--workspace", "city"]);
    let run = Run::of(
        kpi_command()
            .current_dir(wd.file("city"))
            .env("KPI_CACHE_DIR", wd.cache())
            .arg("validate"),
    );
    run.expect_code(0);
    assert!(run.stdout.starts_with("ok: "), "{run}");
    assert!(run.stdout.contains("0 members"), "{run}");
    assert!(run.stderr.contains("matches no plan folder"), "{run}");
}
