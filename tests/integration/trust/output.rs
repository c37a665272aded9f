//! Item 2: an `-o/--output` that is the plan, a ledger file, or anything in
//! a ledger folder, however it is spelled, is refused with exit 2 and
//! nothing written; so are the journal and the lock.

use super::with_ledger;
use crate::common::Workdir;

/// The commands that write an `-o` file.
const WRITERS: [&[&str]; 7] = [
    &["template", "--year", "R1", "-o"],
    &["export", "plan", "-o"],
    &["report", "--format", "html", "-o"],
    &["report", "--format", "markdown", "--output"],
    &["status", "--format", "csv", "-o"],
    &["gap", "--format", "json", "-o"],
    &["missing", "--format", "csv", "-o"],
];

fn refused(work: &Workdir, output: &str, words: &str) {
    for writer in WRITERS {
        let mut args = writer.to_vec();
        args.push(output);
        let run = work.fails_writing_nothing(&args);
        let first = run.failed()[0];
        assert!(
            first.contains(&format!("--output {output}: that is {words}")),
            "{run}"
        );
        assert!(first.contains("nothing was written"), "{run}");
        assert_eq!(run.stderr.lines().count(), 1, "{run}");
    }
}

#[test]
fn the_plan_is_never_an_output_however_spelled() {
    let work = with_ledger();
    work.write("out/keep.txt", "");
    #[cfg(unix)]
    std::os::unix::fs::symlink(work.file("kpi.toml"), work.file("plan-link.toml")).unwrap();
    let absolute = work.file("kpi.toml").display().to_string();
    for spelled in [
        "kpi.toml",
        "./kpi.toml",
        "out/../kpi.toml",
        "nowhere/../kpi.toml",
        absolute.as_str(),
        #[cfg(unix)]
        "plan-link.toml",
    ] {
        refused(&work, spelled, "the plan file");
    }
}

#[test]
fn a_ledger_file_or_anything_in_a_ledger_folder_is_never_an_output() {
    let work = with_ledger();
    work.write("out/keep.txt", "");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(work.file("actuals"), work.file("ledger-link")).unwrap();
        std::os::unix::fs::symlink(work.file("actuals/2015.csv"), work.file("l.csv")).unwrap();
        std::os::unix::fs::symlink(work.file("actuals/2031.csv"), work.file("dangling.csv"))
            .unwrap();
    }
    for spelled in [
        "actuals/2015.csv",
        "./actuals/2015.csv",
        "actuals/../actuals/2016.csv",
        "out/../actuals/2015.csv",
        "actuals/2019.csv",
        "actuals/new/deeper/x.csv",
        "actuals",
        #[cfg(unix)]
        "ledger-link/2015.csv",
        #[cfg(unix)]
        "l.csv",
        #[cfg(unix)]
        "dangling.csv",
    ] {
        refused(&work, spelled, "in the ledger");
    }
    for state in [".kpi-journal.json", ".kpi.lock"] {
        refused(&work, state, "in the ledger");
    }
}

#[test]
fn a_workbook_is_never_written_into_the_ledger_either() {
    let work = with_ledger();
    for args in [
        &["template", "--year", "R1", "-o", "actuals/sheet.xlsx"][..],
        &[
            "status",
            "--format",
            "xlsx",
            "-o",
            "actuals/../actuals/status.xlsx",
        ],
        &["export", "plan", "-o", "actuals/plan.xlsx"],
        &["gap", "--format", "xlsx", "-o", "actuals/new/gap.xlsx"],
    ] {
        let run = work.fails_writing_nothing(args);
        assert!(run.failed()[0].contains(": that is in the ledger"), "{run}");
    }
}

#[test]
fn an_explicit_ledger_file_and_a_plan_named_from_elsewhere_are_found_too() {
    // `actuals` names a folder and a file; the plan is named with --plan
    // from a sub-folder, and the output spelled from there.
    let work = Workdir::with_plan(&crate::common::import::PLAN.replace(
        "target_year = \"H31\"",
        "target_year = \"H31\"\nactuals = [\"data\", \"extra.csv\"]",
    ))
    .env("LANG", "C");
    work.write("data/2015.csv", "kpi,year,value\nvisitors,2015,1000\n");
    work.write("extra.csv", "kpi,year,value\nvisitors,2016,1100\n");
    work.write("sub/keep.txt", "");
    for output in [
        "../extra.csv",
        "../data/2015.csv",
        "../data/2040.csv",
        "../kpi.toml",
    ] {
        let before = work.snapshot();
        let run = crate::common::Run::of(
            work.command(&["template", "--year", "R1", "--plan", "..", "-o", output])
                .current_dir(work.file("sub")),
        );
        let first = run.failed()[0];
        assert!(
            first.contains(&format!("--output {output}: that is")),
            "{run}"
        );
        assert_eq!(work.snapshot(), before, "{run}");
    }
    // Beside the ledger, not in it: written.
    let run = crate::common::Run::of(
        work.command(&[
            "template",
            "--year",
            "R1",
            "--plan",
            "..",
            "-o",
            "../data.csv",
        ])
        .current_dir(work.file("sub")),
    );
    assert_eq!(run.code, Some(0), "{run}");
    assert!(work.file("data.csv").exists());
}

#[test]
fn an_output_beside_the_ledger_is_written() {
    let work = with_ledger();
    for (args, file) in [
        (
            &["template", "--year", "R1", "-o", "sheet.csv"][..],
            "sheet.csv",
        ),
        (&["export", "plan", "-o", "actuals.csv"], "actuals.csv"),
        (&["report", "-o", "report.html"], "report.html"),
    ] {
        let run = work.run(args);
        assert_eq!(run.code, Some(0), "{run}");
        assert!(run.stdout.is_empty(), "{run}");
        assert!(work.file(file).exists(), "{file}");
    }
}

/// Issue 24, item 3: the office's yearly reviews (`plan.reviews`) and the
/// published evaluations (`evaluations/`, evaluation-cycle.md) are never an
/// output of any command, however spelled.
#[test]
fn a_review_file_or_a_published_evaluation_is_never_an_output() {
    let work = with_ledger();
    work.write(
        "reviews/2016.toml",
        "[kpi.visitors]\ncomment = \"来訪者は増えた。\"\n",
    );
    work.write("evaluations/2016.json", "{}\n");
    work.write("out/keep.txt", "");
    for spelled in [
        "reviews/2016.toml",
        "./reviews/2016.toml",
        "out/../reviews/2016.toml",
        "reviews/2019.toml",
        "reviews",
    ] {
        refused(&work, spelled, "in the reviews folder");
    }
    for spelled in ["evaluations/2016.json", "evaluations/new/2017.json"] {
        refused(&work, spelled, "in the evaluations folder");
    }
    // Every command still reads the review afterwards.
    let run = work.ok(&["show", "visitors"]);
    assert!(run.stdout.contains("来訪者は増えた。"), "{run}");

    // A plan's own reviews folder (`plan.reviews`) is the one kept.
    let plan = work.read("kpi.toml").replace(
        "target_year = \"H31\"",
        "target_year = \"H31\"\nreviews = \"texts\"",
    );
    work.plan(&plan);
    work.write(
        "texts/2016.toml",
        "[kpi.visitors]\ncomment = \"来訪者は増えた。\"\n",
    );
    refused(&work, "texts/2016.toml", "in the reviews folder");
}

/// Issue 24, item 3, in a workspace: a member's reviews and evaluations are
/// kept from an output given at the root.
#[test]
fn a_members_review_is_never_an_output_in_a_workspace() {
    let work = Workdir::new().env("LANG", "C");
    work.write(
        "kpi-workspace.toml",
        "[workspace]\nname = \"W\"\nmembers = [\"plans/*\"]\nledger = [\"ledger\"]\n",
    )
    .write("plans/one/kpi.toml", crate::common::import::PLAN)
    .write("ledger/2015.csv", "kpi,year,value\nvisitors,2015,1000\n")
    .write(
        "plans/one/reviews/2015.toml",
        "[kpi.visitors]\ncomment = \"x\"\n",
    );
    for output in [
        "plans/one/reviews/2015.toml",
        "plans/one/evaluations/2015.json",
    ] {
        for writer in WRITERS {
            let mut args = writer.to_vec();
            args.push(output);
            let run = work.fails_writing_nothing(&args);
            assert!(
                run.failed()[0].contains(&format!("--output {output}: that is in the")),
                "{run}"
            );
        }
    }
}
