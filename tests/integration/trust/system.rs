//! Items 10, 11 and 14: a failing dry run prints nothing on stdout; a
//! system error names the path, what failed and what to do, and leaves no
//! temporary file; rewriting a ledger file keeps its permissions, owner and
//! group, and a symlinked ledger file stays a symlink.

use std::fs;

use super::ledger_files::run_as_nobody;
use super::with_ledger;
use crate::common::import::workdir;
use crate::common::{Run, Workdir};

#[test]
fn a_failing_dry_run_prints_nothing_on_stdout() {
    let work = with_ledger();
    work.write(
        "in.csv",
        "kpi,year,value\nvisitors,2015,999\nrate,2017,51\n",
    );
    let run = work.fails_writing_nothing(&["import", "--dry-run", "in.csv"]);
    run.error_at(
        "in.csv",
        2,
        &["the import says `999` but the ledger has `1000`"],
    );
    let run = work.fails_writing_nothing(&["record", "visitors", "2015", "999", "--dry-run"]);
    assert!(run.failed()[0].contains("`1000`"), "{run}");
}

#[test]
fn a_full_disk_names_the_file_and_leaves_no_temporary_file() {
    let work = with_ledger();
    // Two files change; writing the second fails as a full disk does.
    work.write("in.csv", "kpi,year,value\nrate,2016,52\nstartups,2015,20\n");
    let run = Run::of(
        work.command(&["import", "in.csv"])
            .env("KPI_TEST_FAULT", "stage:2"),
    );
    let first = run.failed()[0];
    assert!(
        first.contains("2016.csv: cannot write the new ledger file: No space left on device"),
        "{run}"
    );
    assert!(first.contains("no ledger file was changed"), "{run}");
    assert!(first.contains("free some space on the disk of"), "{run}");
    let clean = with_ledger();
    clean.write("in.csv", "kpi,year,value\nrate,2016,52\nstartups,2015,20\n");
    assert_eq!(
        work.snapshot(),
        clean.snapshot(),
        "nothing written, nothing left"
    );

    // A report, a template: the same words, and no file.
    for args in [
        &["report", "-o", "report.html"][..],
        &["template", "--year", "H27", "-o", "sheet.csv"],
    ] {
        let before = work.snapshot();
        let run = Run::of(work.command(args).env("KPI_TEST_FAULT", "stage:1"));
        let first = run.failed()[0];
        assert!(
            first.contains(": cannot write the file: No space left on device"),
            "{run}"
        );
        assert!(first.contains("nothing was written"), "{run}");
        assert_eq!(work.snapshot(), before, "{run}");
    }
}

#[cfg(unix)]
#[test]
fn a_ledger_folder_that_cannot_be_written_is_named_with_what_to_do() {
    use std::os::unix::fs::PermissionsExt;
    let work = with_ledger();
    work.write("in.csv", "kpi,year,value\nrate,2016,52\n");
    fs::set_permissions(work.file("actuals"), fs::Permissions::from_mode(0o555)).unwrap();
    let before = work.snapshot();
    let run = run_as_nobody(&work, work.command(&["import", "in.csv"]));
    let first = run.failed()[0];
    assert!(
        first.contains("2016.csv: cannot write the new ledger file: Permission denied"),
        "{run}"
    );
    assert!(first.contains("check that you may write in"), "{run}");
    assert!(first.contains("actuals"), "{run}");
    fs::set_permissions(work.file("actuals"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(work.snapshot(), before);
}

#[test]
fn init_on_a_file_and_a_kpi_toml_that_is_a_folder_name_the_path() {
    let work = Workdir::new();
    work.write("taken", "a file");
    let run = work.fails_writing_nothing(&["init", "taken"]);
    let first = run.failed()[0];
    assert!(
        first.contains("taken: that is a file, not a folder"),
        "{run}"
    );
    assert!(first.contains("name a new or empty folder"), "{run}");
    // Below a file: the folder cannot be made; nothing is left half made.
    let run = work.fails_writing_nothing(&["init", "taken/plan"]);
    assert!(
        run.failed()[0].contains("taken/plan: cannot create the folder"),
        "{run}"
    );

    let work = Workdir::new();
    fs::create_dir_all(work.file("kpi.toml")).unwrap();
    for args in [
        &["validate"][..],
        &["status", "--plan", "."],
        &["import", "x.csv"],
    ] {
        let run = work.fails_writing_nothing(args);
        let first = run.failed()[0];
        assert!(
            first.contains("kpi.toml: this is a folder, not a plan file"),
            "{run}"
        );
        assert!(first.contains("rename or remove the folder"), "{run}");
    }
}

#[cfg(unix)]
#[test]
fn a_rewritten_ledger_file_keeps_its_permissions_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let work = with_ledger();
    let file = work.file("actuals/2015.csv");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    // Only root can give a file to another user; others keep their own.
    let given = std::os::unix::fs::chown(&file, Some(65534), Some(65534)).is_ok();
    let before = fs::metadata(&file).unwrap();
    work.write("in.csv", "kpi,year,value\nstartups,2015,20\n");
    work.ok(&["import", "in.csv"]);
    let after = fs::metadata(&file).unwrap();
    assert!(work.read("actuals/2015.csv").contains("startups,2015,20"));
    assert_eq!(after.permissions().mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if given {
        assert_eq!((after.uid(), after.gid()), (65534, 65534));
    }
    // And through a journal (two files), kpi record too.
    work.write("in.csv", "kpi,year,value\nrate,2016,52\nbalance,2015,3\n");
    work.ok(&["import", "in.csv"]);
    work.ok(&["record", "balance", "2016", "4"]);
    let after = fs::metadata(&file).unwrap();
    assert_eq!(after.permissions().mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
}

#[cfg(unix)]
#[test]
fn a_symlinked_ledger_file_stays_a_symlink_and_its_target_is_replaced() {
    let work = workdir();
    work.write(
        "shared/2015.csv",
        "kpi,year,value,note\nvisitors,2015,1000,\n",
    );
    work.write(
        "shared/2016.csv",
        "kpi,year,value,note\nvisitors,2016,1100,\n",
    );
    fs::create_dir_all(work.file("actuals")).unwrap();
    std::os::unix::fs::symlink("../shared/2015.csv", work.file("actuals/2015.csv")).unwrap();
    std::os::unix::fs::symlink("../shared/2016.csv", work.file("actuals/2016.csv")).unwrap();
    // One file, then two (through the journal), then one by record.
    work.write("in.csv", "kpi,year,value\nrate,2015,51\n");
    work.ok(&["import", "in.csv"]);
    work.write("in.csv", "kpi,year,value\nstartups,2015,20\nrate,2016,52\n");
    work.ok(&["import", "in.csv"]);
    work.ok(&["record", "balance", "2016", "4"]);
    for name in ["2015.csv", "2016.csv"] {
        let link = work.file(&format!("actuals/{name}"));
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "{name}"
        );
    }
    assert_eq!(
        work.read("shared/2015.csv"),
        "kpi,year,value,note\nvisitors,2015,1000,\nrate,2015,51,\nstartups,2015,20,\n"
    );
    assert_eq!(
        work.read("shared/2016.csv"),
        "kpi,year,value,note\nvisitors,2016,1100,\nrate,2016,52,\nbalance,2016,4,\n"
    );
    // No temporary file beside the link or beside its target.
    for dir in ["actuals", "shared"] {
        let names: Vec<String> = fs::read_dir(work.file(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with('.')),
            "{dir}: {names:?}"
        );
    }
    work.validate();
}
