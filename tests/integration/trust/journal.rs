//! Items 1 and 4: an import interrupted between its renames (stopped dead
//! by `KPI_TEST_FAULT=rename:1`, as a `kill -9` there would stop it) leaves
//! its journal. The next import or record finishes it only where every file
//! still holds what the journal expects; a file changed since stops them
//! with exit 2, naming it and the way out (`kpi recover`). While the
//! journal waits, every reader of the ledger says so, and `validate` and
//! `check` exit 2.

use std::fs;
use std::path::Path;

use super::with_ledger;
use crate::common::{Run, Workdir};

/// Adds startups H27 to `2015.csv`, rate and startups H28 to `2016.csv`:
/// two files change, renamed in name order.
const IMPORT: &str = "kpi,year,value\nrate,2016,52\nstartups,2015,20\nstartups,2016,25\n";

const NEW_2015: &str =
    "kpi,year,value,note\nvisitors,2015,1000,\nrate,2015,50.5,\nstartups,2015,20,\n";
const OLD_2016: &str = "kpi,year,value,note\nvisitors,2016,1100,\n";
const NEW_2016: &str =
    "kpi,year,value,note\nvisitors,2016,1100,\nrate,2016,52,\nstartups,2016,25,\n";

/// The ledger with `IMPORT` stopped dead after its first rename: 2015.csv
/// is new, 2016.csv old with its new content waiting beside it.
fn interrupted() -> Workdir {
    let work = with_ledger();
    work.write("in.csv", IMPORT);
    let run = Run::of(
        work.command(&["import", "in.csv"])
            .env("KPI_TEST_FAULT", "rename:1"),
    );
    assert_eq!(run.code, Some(137), "stopped dead; {run}");
    assert!(work.file(".kpi-journal.json").exists());
    assert_eq!(work.read("actuals/2015.csv"), NEW_2015);
    assert_eq!(work.read("actuals/2016.csv"), OLD_2016);
    assert_eq!(hidden(&work), 1, "2016.csv's new content waits");
    work
}

/// How many hidden files (temporary ones) the ledger folder holds.
fn hidden(work: &Workdir) -> usize {
    fs::read_dir(work.file("actuals"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.')
        })
        .count()
}

fn assert_way_out(line: &str, run: &Run) {
    for words in [
        "kpi recover --abandon",
        "kpi recover --finish",
        "nothing was replaced",
    ] {
        assert!(line.contains(words), "`{line}` must say `{words}`; {run}");
    }
}

#[test]
fn a_stale_journal_is_never_replayed_over_a_file_edited_since() {
    let work = interrupted();
    // The ledger looks fine, but every reader says it may be half-written.
    let status = work.ok(&["status"]);
    assert!(
        status
            .stderr
            .contains(".kpi-journal.json: an import was interrupted"),
        "{status}"
    );
    for args in [&["validate"][..], &["check"], &["check", "--quiet"]] {
        let run = work.run(args);
        let first = run.failed()[0];
        assert!(
            first.contains(".kpi-journal.json: an import was interrupted"),
            "{run}"
        );
        assert!(first.contains("kpi recover"), "{run}");
    }

    // The user edits the file the journal was still to replace.
    let edited = "kpi,year,value,note\nvisitors,2016,1100,\nvisitors,2017,1200,\n";
    work.write("actuals/2016.csv", edited);
    for args in [
        &["import", "in.csv"][..],
        &["record", "visitors", "2018", "1300"],
        &["record", "rate", "2016", "52"],
    ] {
        let run = work.fails_writing_nothing(args);
        let lines = run.failed();
        assert!(
            lines[0].contains("2016.csv: an interrupted import (journal "),
            "{run}"
        );
        assert!(
            lines[0].contains(".kpi-journal.json) was to replace this file, which was changed since the import began to replace it"),
            "{run}"
        );
        assert_way_out(lines[0], &run);
        assert!(!run.stderr.contains("2015.csv"), "2015.csv is fine; {run}");
    }
    assert_eq!(work.read("actuals/2016.csv"), edited);

    // `kpi recover` says where each file stands and what each way out does.
    let report = work.ok(&["recover"]).stdout.clone();
    assert!(
        report.contains("2015.csv: already holds the import's new content"),
        "{report}"
    );
    assert!(
        report.contains("2016.csv: was changed since the import began to replace it"),
        "{report}"
    );
    assert!(report.contains("writing over the changes to"), "{report}");

    // Abandon: every file as it is now, no journal, no temporary file.
    let run = work.ok(&["recover", "--abandon"]);
    assert!(
        run.stdout
            .contains("2016.csv: kept its changes made since the import"),
        "{run}"
    );
    assert!(!work.file(".kpi-journal.json").exists());
    assert_eq!(hidden(&work), 0);
    assert_eq!(work.read("actuals/2016.csv"), edited);
    assert_eq!(work.read("actuals/2015.csv"), NEW_2015);
    work.validate();

    // Importing again brings in the rest and keeps the edit.
    let run = work.ok(&["import", "in.csv"]);
    assert!(run.stdout.contains("2 added, 1 unchanged"), "{run}");
    assert_eq!(
        work.read("actuals/2016.csv"),
        "kpi,year,value,note\nvisitors,2016,1100,\nvisitors,2017,1200,\nrate,2016,52,\nstartups,2016,25,\n"
    );
    work.validate();
}

#[test]
fn a_file_checked_out_at_its_old_content_after_the_rename_is_not_replaced_twice() {
    // Another way to leave the journal stale: 2015.csv, renamed already, is
    // put back at its old content (`git checkout` of the commit before).
    let work = interrupted();
    work.write(
        "actuals/2015.csv",
        "kpi,year,value,note\nvisitors,2015,1000,\nrate,2015,50.5,\n",
    );
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    let first = run.failed()[0];
    assert!(first.contains("2015.csv: an interrupted import"), "{run}");
    assert!(
        first.contains("the import's new version of it is gone"),
        "{run}"
    );
    assert_way_out(first, &run);
    // --finish cannot: that version is gone; nothing is done.
    let run = work.fails_writing_nothing(&["recover", "--finish"]);
    assert!(run.failed()[0].contains("cannot be finished"), "{run}");
    assert!(run.stderr.contains("kpi recover --abandon"), "{run}");
    work.ok(&["recover", "--abandon"]);
    assert_eq!(hidden(&work), 0);
    assert_eq!(work.read("actuals/2016.csv"), OLD_2016);
    work.ok(&["import", "in.csv"]);
    assert_eq!(work.read("actuals/2015.csv"), NEW_2015);
    assert_eq!(work.read("actuals/2016.csv"), NEW_2016);
}

#[test]
fn an_interrupted_import_with_no_file_changed_is_finished_by_the_next_run() {
    // The next import finishes it, and it gives what an uninterrupted one gives.
    let work = interrupted();
    let run = work.ok(&["import", "in.csv"]);
    assert!(
        run.stderr
            .contains("2016.csv: finished writing it, as an interrupted import had begun to"),
        "{run}"
    );
    assert!(run.stdout.contains("0 added, 3 unchanged"), "{run}");
    assert_eq!(work.read("actuals/2015.csv"), NEW_2015);
    assert_eq!(work.read("actuals/2016.csv"), NEW_2016);
    assert!(!work.file(".kpi-journal.json").exists());
    assert_eq!(hidden(&work), 0);
    work.validate();

    // So does a record, which then records its own figure.
    let work = interrupted();
    let run = work.ok(&["record", "visitors", "2017", "1200"]);
    assert!(
        run.stderr.contains("2016.csv: finished writing it"),
        "{run}"
    );
    assert_eq!(work.read("actuals/2016.csv"), NEW_2016);
    assert!(work.read("actuals/2017.csv").contains("visitors,2017,1200"));
    work.validate();
}

/// Copy a folder with everything in it, hidden files too.
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_plan_folder_moved_or_cloned_keeps_its_journal() {
    let work = interrupted();
    let journal = work.read(".kpi-journal.json");
    assert!(journal.contains("\"actuals/2016.csv\""), "{journal}");
    assert!(
        !journal.contains(&work.path().display().to_string()),
        "paths are relative to the plan's folder: {journal}"
    );
    let moved = Workdir::new().env("LANG", "C");
    copy_folder(work.path(), &moved.file("plan"));
    let run = Run::of(&mut moved.command(&["import", "--plan", "plan", "plan/in.csv"]));
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stderr.contains("finished writing it"), "{run}");
    assert_eq!(moved.read("plan/actuals/2016.csv"), NEW_2016);
    // The folder it was copied from is untouched: its journal still waits.
    assert_eq!(work.read("actuals/2016.csv"), OLD_2016);
    assert!(work.file(".kpi-journal.json").exists());
}

#[test]
fn recover_finish_writes_the_interrupted_version_over_a_change_and_names_it() {
    let work = interrupted();
    work.write("actuals/2016.csv", "kpi,year,value\nvisitors,2016,9999\n");
    let run = work.ok(&["recover", "--finish"]);
    assert!(
        run.stdout
            .contains("2016.csv (written over the changes made since)"),
        "{run}"
    );
    assert_eq!(work.read("actuals/2016.csv"), NEW_2016);
    assert!(!work.file(".kpi-journal.json").exists());
    assert_eq!(hidden(&work), 0);
    work.validate();
    // Nothing left to recover.
    let run = work.ok(&["recover"]);
    assert!(run.stdout.contains("no interrupted import"), "{run}");
}

#[test]
fn a_damaged_journal_or_one_from_an_older_kpi_is_never_guessed_at() {
    let work = interrupted();
    let journal = work.read(".kpi-journal.json");
    work.write(".kpi-journal.json", &journal[..journal.len() / 2]);
    let run = work.fails_writing_nothing(&["import", "in.csv"]);
    let first = run.failed()[0];
    assert!(
        first.contains(
            ".kpi-journal.json: an import was interrupted, and its journal cannot be read"
        ),
        "{run}"
    );
    assert!(first.contains("kpi recover --abandon"), "{run}");
    work.ok(&["recover", "--abandon"]);
    assert_eq!(hidden(&work), 0);
    assert_eq!(work.read("actuals/2016.csv"), OLD_2016);

    // A journal as kpi wrote them before digests: absolute paths, renames only.
    let work = interrupted();
    let tmp = fs::read_dir(work.file("actuals"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .unwrap();
    let legacy = serde_json::json!({
        "renames": [[tmp.to_str().unwrap(), work.file("actuals/2016.csv").to_str().unwrap()]]
    });
    work.write(".kpi-journal.json", legacy.to_string());
    let run = work.fails_writing_nothing(&["record", "visitors", "2017", "1"]);
    assert!(run.failed()[0].contains("written by an older kpi"), "{run}");
    let run = work.ok(&["recover", "--finish"]);
    assert!(run.stdout.contains("wrote"), "{run}");
    assert_eq!(work.read("actuals/2016.csv"), NEW_2016);
    work.validate();
}

#[test]
fn a_dry_run_while_a_journal_waits_says_so_and_changes_nothing() {
    let work = interrupted();
    let before = work.snapshot();
    let run = work.ok(&["import", "--dry-run", "in.csv"]);
    assert!(
        run.stderr
            .contains(".kpi-journal.json: an import was interrupted"),
        "{run}"
    );
    assert_eq!(work.snapshot(), before);
}

/// Issue 24, item 22: a file the interrupted import had replaced already
/// (2015.csv), edited by hand since: its new version is gone, so `--finish`
/// cannot give it that. `recover` says what `--finish` will do to each
/// file, and `--finish` does just that: here it refuses, naming the file,
/// and changes nothing; `--abandon` then an import again bring the rest in.
#[test]
fn recover_says_what_finish_does_and_finish_refuses_a_file_whose_new_version_is_gone() {
    let work = interrupted();
    let edited = format!("{NEW_2015}balance,2015,-4,\n");
    work.write("actuals/2015.csv", &edited);
    let report = work.ok(&["recover"]).stdout.clone();
    assert!(
        report.contains("2015.csv: was changed since, and the import's new version of it is gone; --finish cannot give it that version"),
        "{report}"
    );
    assert!(
        report.contains("2016.csv: still holds its old content; the import's new version waits beside it; --finish puts the new version in place"),
        "{report}"
    );
    assert!(
        report.contains("actuals/2015.csv is gone; it changes nothing"),
        "{report}"
    );
    assert!(
        !report.contains("give each file the import's new content"),
        "{report}"
    );

    let run = work.fails_writing_nothing(&["recover", "--finish"]);
    let first = run.failed()[0];
    assert!(first.contains("2015.csv: this file was changed since, and the import's new version of it is gone, so the interrupted import cannot be finished; nothing was replaced"), "{run}");
    assert!(first.contains("kpi recover --abandon"), "{run}");
    assert!(!run.stderr.contains("No such file"), "{run}");
    // Nor do import and record replace anything.
    let run = work.fails_writing_nothing(&["record", "visitors", "2018", "1300"]);
    assert!(
        run.failed()[0].contains("2015.csv: an interrupted import"),
        "{run}"
    );

    let run = work.ok(&["recover", "--abandon"]);
    assert!(
        run.stdout
            .contains("2015.csv: kept its changes made since the import"),
        "{run}"
    );
    let run = work.ok(&["import", "in.csv"]);
    assert!(run.stdout.contains("2 added, 1 unchanged"), "{run}");
    assert_eq!(work.read("actuals/2015.csv"), edited);
    assert_eq!(work.read("actuals/2016.csv"), NEW_2016);
    work.validate();
}

/// Issue 24, item 22: what `recover` promises `--finish` does to each file
/// is what it does, when it can.
#[test]
fn recover_names_what_finish_will_do_to_each_file() {
    let work = interrupted();
    work.write("actuals/2016.csv", "kpi,year,value\nvisitors,2016,9999\n");
    let report = work.ok(&["recover"]).stdout.clone();
    assert!(
        report.contains(
            "2015.csv: already holds the import's new content; --finish leaves it as it is"
        ),
        "{report}"
    );
    assert!(
        report.contains("2016.csv: was changed since the import began to replace it; --finish writes the import's new version over the changes"),
        "{report}"
    );
    let run = work.ok(&["recover", "--finish"]);
    assert!(
        run.stdout
            .contains("2016.csv (written over the changes made since)"),
        "{run}"
    );
    assert_eq!(work.read("actuals/2015.csv"), NEW_2015);
    assert_eq!(work.read("actuals/2016.csv"), NEW_2016);
}
