//! Items 3 and 5: a quote left open is an error at the line where it
//! opened, in the ledger and in an import file alike; nothing in a ledger
//! folder is skipped in silence.

use super::with_ledger;
use crate::common::import::{workdir, PLAN};
use crate::common::Workdir;

/// A note that opens a quote and never closes it, then more rows.
const OPEN_QUOTE: &str = "kpi,year,value,note\nvisitors,2017,1200,ok\nvisitors,2018,1300,\"速報値\nrate,2018,51,\nrate,2019,52,\n";

#[test]
fn a_quote_left_open_in_the_ledger_is_an_error_at_its_line() {
    let work = with_ledger();
    work.write("actuals/2018.csv", OPEN_QUOTE);
    for args in [&["validate"][..], &["status"], &["check"], &["missing"]] {
        let run = work.run(args);
        let first = run.error_at(
            "2018.csv",
            3,
            &["a quoted field opens on this line and is never closed"],
        );
        assert!(first.contains("close the quote"), "{run}");
    }
    // An import refuses to build on it, and writes nothing.
    work.write("in.csv", "kpi,year,value\nvisitors,2017,1200\n");
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    assert!(
        run.stderr.contains("2018.csv:3: a quoted field opens"),
        "{run}"
    );
}

#[test]
fn a_quote_left_open_in_an_import_file_is_an_error_not_one_long_note() {
    let work = with_ledger();
    work.write("in.csv", OPEN_QUOTE);
    for args in [
        &["import", "in.csv"][..],
        &["import", "--dry-run", "in.csv"],
    ] {
        let run = work.fails_writing_nothing(args);
        run.error_at("in.csv", 3, &["never closed"]);
    }
    // Quoted notes that close, with commas, quotes and line breaks inside, are fine.
    work.write(
        "in.csv",
        "kpi,year,value,note\nvisitors,2017,1200,\"a, \"\"b\"\"\nc\"\nrate,2017,51,\n",
    );
    let run = work.ok(&["import", "in.csv"]);
    assert!(run.stdout.contains("2 figures (2 added"), "{run}");
}

#[cfg(unix)]
#[test]
fn a_link_to_nothing_a_fifo_and_a_folder_named_csv_are_said() {
    let work = with_ledger();
    std::os::unix::fs::symlink(work.file("actuals/gone.csv"), work.file("actuals/2017.csv"))
        .unwrap();
    let run = work.run(&["validate"]);
    let first = run.failed()[0];
    assert!(
        first.contains("2017.csv: the ledger file is a symlink to"),
        "{run}"
    );
    assert!(first.contains("which does not exist"), "{run}");
    std::fs::remove_file(work.file("actuals/2017.csv")).unwrap();

    let fifo = work.file("actuals/2018.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        // Read, a FIFO would block for ever; it is named instead.
        let run = work.run(&["validate"]);
        assert!(
            run.failed()[0]
                .contains("2018.csv: the ledger entry is a named pipe (FIFO), not a file"),
            "{run}"
        );
        let run = work.fails_writing_nothing(&["record", "visitors", "2017", "1"]);
        assert!(run.stderr.contains("FIFO"), "{run}");
        std::fs::remove_file(&fifo).unwrap();
    }

    // A folder named like a ledger file: a warning, and its files are not read.
    work.write(
        "actuals/2019.csv/x.csv",
        "kpi,year,value\nvisitors,2019,1\n",
    );
    let run = work.ok(&["validate"]);
    assert!(
        run.stderr
            .contains("2019.csv: a folder named like a ledger file is not read"),
        "{run}"
    );
    assert!(run.stdout.contains("3 figures; 1 warning\n"), "{run}");
}

#[test]
fn an_actuals_path_that_does_not_exist_is_an_error() {
    let plan = PLAN.replace(
        "target_year = \"H31\"",
        "target_year = \"H31\"\nactuals = [\"actuals\", \"figures/2015.csv\"]",
    );
    let work = Workdir::with_plan(&plan).env("LANG", "C");
    work.write("actuals/2015.csv", "kpi,year,value\nvisitors,2015,1000\n");
    let run = work.run(&["validate"]);
    let first = run.failed()[0];
    assert!(
        first.contains(
            "figures/2015.csv: the ledger folder or file named in plan.actuals does not exist"
        ),
        "{run}"
    );
    assert!(first.contains("fix `actuals`"), "{run}");
    // The default `actuals/` not made yet is an empty ledger.
    let work = workdir();
    assert!(work.ok(&["validate"]).stdout.contains("0 files, 0 figures"));
}

/// Runs `cmd` (a `kpi` command of `work`) as the unprivileged `nobody`
/// when the tests run as root (who may read anything), so that permissions
/// are what they say; else as it is.
///
/// nobody must reach the binary and the folder wherever the repository is
/// cloned (issue 24, item 31: a clone in `/root` or in a `mktemp -d`
/// folder, which nobody cannot enter): the binary is run from a copy in a
/// folder of its own under `/tmp` that anyone may read, and the work
/// folder (a temporary folder, already under `/tmp`) is opened to nobody.
#[cfg(unix)]
pub fn run_as_nobody(work: &Workdir, cmd: std::process::Command) -> crate::common::Run {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let mut cmd = cmd;
    if !std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0) {
        return crate::common::Run::of(&mut cmd);
    }
    let open = |path: &std::path::Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    open(work.path(), 0o777);
    for folder in work.path().ancestors().skip(1) {
        let mode = std::fs::metadata(folder).unwrap().mode();
        assert!(
            mode & 0o001 != 0,
            "nobody cannot enter {} (mode {mode:o}), above the test's folder {}: set TMPDIR to a folder anyone may enter",
            folder.display(),
            work.path().display()
        );
    }
    let bin = tempfile::Builder::new()
        .prefix("kpi-as-nobody-")
        .tempdir_in("/tmp")
        .unwrap();
    open(bin.path(), 0o755);
    let kpi = bin.path().join("kpi");
    std::fs::copy(cmd.get_program(), &kpi).unwrap();
    open(&kpi, 0o755);
    let mut copy = std::process::Command::new(&kpi);
    copy.args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => copy.env(key, value),
            None => copy.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        copy.current_dir(dir);
    }
    copy.uid(65534).gid(65534);
    crate::common::Run::of(&mut copy)
}

#[cfg(unix)]
#[test]
fn an_unreadable_ledger_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let work = with_ledger();
    let file = work.file("actuals/2016.csv");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = run_as_nobody(&work, work.command(&["validate"]));
    let first = run.failed()[0];
    assert!(first.contains("2016.csv: cannot read the file"), "{run}");
    assert!(first.contains("Permission denied"), "{run}");
}

/// Issue 24, item 32: a line ends at LF, CRLF or a lone CR, in a comment as
/// in a row, so a figure after a comment that ends at a lone CR is read, not
/// swallowed into the comment.
#[test]
fn a_lone_carriage_return_ends_a_comment_as_it_ends_a_row() {
    let work = workdir();
    // Header (line 1), comment (2), visitors (3), comment (4), rate (5).
    work.write(
        "actuals/2019.csv",
        "kpi,year,value,note\n# note\rvisitors,2019,1500,\r# again\r\nrate,2019,55,ok\n",
    );
    let run = work.ok(&["validate"]);
    assert!(
        run.stdout.contains("1 file, 2 figures; 0 warnings"),
        "{run}"
    );
    let json = work.ok(&["status", "--format", "json"]).stdout;
    assert!(json.contains("\"value\": 1500"), "{json}");
    assert!(json.contains("\"value\": 55"), "{json}");
    // `record` edits such a file in place, keeping every other byte.
    work.ok(&["record", "startups", "2019", "20"]);
    assert_eq!(
        work.read("actuals/2019.csv"),
        "kpi,year,value,note\n# note\rvisitors,2019,1500,\r# again\r\nrate,2019,55,ok\nstartups,2019,20,\n"
    );
    let run = work.ok(&["validate"]);
    assert!(
        run.stdout.contains("1 file, 3 figures; 0 warnings"),
        "{run}"
    );

    // A lone CR inside a quoted note is the note's, still refused there.
    work.write(
        "actuals/2019.csv",
        "kpi,year,value,note\n# note\rvisitors,2019,1500,\r# again\r\nrate,2019,55,\"a\rb\"\n",
    );
    work.run(&["validate"])
        .error_at("2019.csv", 5, &["U+000D (CR)"]);

    // A row after such a comment is named by the line an editor shows.
    work.write(
        "actuals/2019.csv",
        "kpi,year,value\n# note\rvisitors,2031,1500\n",
    );
    work.run(&["validate"]).error_at("2019.csv", 3, &["2031"]);

    // The import reads such a file the same way.
    std::fs::remove_file(work.file("actuals/2019.csv")).unwrap();
    work.write("in.csv", "kpi,year,value\n# note\rvisitors,2019,1500\r");
    let run = work.ok(&["import", "--dry-run", "in.csv"]);
    assert!(run.stdout.contains("1 figure (1 added"), "{run}");
}
