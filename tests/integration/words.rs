//! What the commands say beyond their tables (issue 13, item 5): a filter
//! that matches nothing in one line, counts in the singular for one, `kpi
//! show` by name, shell completions and the manual page.

use crate::common::{kpi_block, kpi_command, run_asaka, Run, Workdir, HEAD};

#[test]
fn a_filter_that_matches_nothing_says_so_in_one_line() {
    // 保育課's one achieved KPI (病児保育定員) reaches its target in R1 only.
    let base = ["--owner", "保育課", "--status", "achieved", "--year", "H27"];
    for (command, lang, line) in [
        (
            "status",
            "en",
            "no KPI matches --owner 保育課 --status achieved as of H27\n",
        ),
        (
            "gap",
            "en",
            "no KPI matches --owner 保育課 --status achieved as of H27\n",
        ),
        (
            "status",
            "ja",
            "--owner 保育課 --status achieved に該当する指標はありません（H27時点）\n",
        ),
    ] {
        let mut args = vec![command, "--lang", lang];
        args.extend(base);
        assert_eq!(run_asaka(&args).ok(), line, "{args:?}");
    }
    // The same filter as of R1 matches it: a table, not the line.
    let out = run_asaka(&[
        "status",
        "--lang",
        "en",
        "--owner",
        "保育課",
        "--status",
        "achieved",
    ]);
    assert!(out.ok().contains("病児保育定員"), "{out}");
    // JSON still carries an empty list for scripts.
    let json = run_asaka(&[
        "status",
        "--format",
        "json",
        "--owner",
        "保育課",
        "--status",
        "achieved",
        "--year",
        "H27",
    ])
    .json();
    assert_eq!(json["kpis"].as_array().map(Vec::len), Some(0));
}

#[test]
fn one_of_a_thing_is_singular() {
    let one = Workdir::with_ledger(
        &format!("{HEAD}{}", kpi_block("jobs")),
        &[("2015.csv", "kpi,year,value\njobs,2015,12\n")],
    );
    let out = one.run(&["validate"]).ok().to_string();
    assert!(
        out.contains(": 1 goal, 1 measure, 1 KPI; ledger: 1 file, 1 figure; 0 warnings"),
        "{out}"
    );
    let out = run_asaka(&["validate"]).ok().to_string();
    assert!(
        out.contains("1 goal, 6 measures, 13 KPIs; ledger: 5 files, 49 figures"),
        "{out}"
    );
}

#[test]
fn show_takes_a_kpis_exact_name_as_well_as_its_id() {
    let by_id = run_asaka(&["show", "waiting-children", "--lang", "en"])
        .ok()
        .to_string();
    let by_name = run_asaka(&["show", "待機児童数", "--lang", "en"])
        .ok()
        .to_string();
    assert_eq!(by_name, by_id);
    assert!(
        by_id.starts_with("待機児童数 (waiting-children)\n"),
        "{by_id}"
    );
    // An unknown one is still an error naming what the plan has.
    let run = run_asaka(&["show", "待機児童", "--lang", "en"]);
    assert!(run.failed()[0].contains("no KPI `待機児童`"), "{run}");
}

#[test]
fn completions_for_each_shell_and_a_manual_page() {
    for (shell, mark) in [
        ("bash", "_kpi()"),
        ("zsh", "#compdef kpi"),
        ("fish", "complete -c kpi"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = Run::of(kpi_command().args(["completions", shell]))
            .ok()
            .to_string();
        assert!(
            out.contains(mark),
            "{shell}: {}",
            &out[..out.len().min(300)]
        );
        // Every command and the global flags are completed.
        for word in ["status", "missing", "width", "ascii"] {
            assert!(out.contains(word), "{shell} completes {word}");
        }
    }
    let run = Run::of(kpi_command().args(["completions", "tcsh"]));
    assert_eq!(run.code, Some(2), "{run}");
    let man = Run::of(kpi_command().arg("man")).ok().to_string();
    assert!(man.contains(".TH kpi 1"), "{}", &man[..man.len().min(300)]);
    for word in ["\\-\\-width", "status", "completions"] {
        assert!(man.contains(word), "the manual names {word}");
    }
}
