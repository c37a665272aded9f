//! What `kpi` reads from its environment, through the binary (issue 17,
//! item 7): the yes-or-no variables `KPI_ASCII` and `KPI_CACHE` read `1`,
//! `true`, `yes`, `on` and `0`, `false`, `no`, `off` in any case with spaces
//! trimmed, anything else a warning; `TERM=dumb` means no colour under
//! `--color auto`, even on a terminal.

use std::fs;
use std::process::Command;

use crate::common::{asaka, kpi_command, Run, Workdir};

/// `kpi --plan data/asaka --lang en status` with `KPI_ASCII` set to `value`.
fn status_with_ascii(value: &str) -> Run {
    Run::of(
        kpi_command()
            .arg("--plan")
            .arg(asaka())
            .args(["--lang", "en", "status"])
            .env("KPI_ASCII", value),
    )
}

/// The table's box drawing: `│` (U+2502) unless ASCII, `|` under ASCII.
fn is_ascii_table(run: &Run) -> bool {
    let out = run.ok();
    assert!(out.contains('|') != out.contains('│'), "{out}");
    out.contains('|')
}

#[test]
fn kpi_ascii_reads_yes_and_no_in_any_case() {
    for no in ["0", "false", "False", "no", "NO", "off", " off ", "No"] {
        let run = status_with_ascii(no);
        assert!(!is_ascii_table(&run), "KPI_ASCII={no:?} drew ASCII");
        assert!(run.stderr.is_empty(), "{run}");
    }
    for yes in ["1", "true", "TRUE", "yes", "Yes", "on", " ON"] {
        let run = status_with_ascii(yes);
        assert!(is_ascii_table(&run), "KPI_ASCII={yes:?} did not draw ASCII");
        assert!(run.stderr.is_empty(), "{run}");
    }
}

#[test]
fn a_kpi_ascii_that_is_no_yes_or_no_is_a_warning_and_unset() {
    let run = status_with_ascii("maybe");
    assert!(!is_ascii_table(&run));
    // One warning, naming the variable and the value, however many times
    // the command asks for the style.
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 1, "{run}");
    assert!(
        warnings[0].starts_with("warning: KPI_ASCII=\"maybe\""),
        "{run}"
    );
}

/// A plan above the 256 KiB below which nothing is cached (docs/cache.md).
fn large_plan() -> Workdir {
    let dir = Workdir::new();
    crate::gen::generate(&crate::gen::Args {
        kpis: 1200,
        years: 2,
        out: dir.path().to_path_buf(),
        seed: 17,
    })
    .unwrap();
    assert!(fs::metadata(dir.file("kpi.toml")).unwrap().len() > 256 * 1024);
    dir
}

/// Run `kpi validate` on the large plan with `KPI_CACHE` set to `value`
/// and a fresh cache folder; whether it wrote a cache entry.
fn writes_cache(dir: &Workdir, value: &str) -> (bool, Run) {
    let _ = fs::remove_dir_all(dir.cache());
    let mut cmd: Command = dir.command(&["validate"]);
    cmd.arg("--plan").arg(dir.file("kpi.toml"));
    let run = Run::of(cmd.env("KPI_CACHE", value));
    run.ok();
    let entries = fs::read_dir(dir.cache()).map_or(0, |d| d.count());
    (entries > 0, run)
}

#[test]
fn kpi_cache_off_in_any_case_writes_no_cache() {
    let dir = large_plan();
    for off in ["off", "OFF", "No", "False", " off", "0"] {
        let (wrote, run) = writes_cache(&dir, off);
        assert!(!wrote, "KPI_CACHE={off:?} wrote the cache; {run}");
    }
    for on in ["on", "1", "Yes", ""] {
        let (wrote, run) = writes_cache(&dir, on);
        assert!(wrote, "KPI_CACHE={on:?} wrote no cache; {run}");
        assert!(!run.stderr.contains("KPI_CACHE"), "{run}");
    }
    // Neither yes nor no: a warning, and the cache stays on.
    let (wrote, run) = writes_cache(&dir, "sometimes");
    assert!(wrote, "{run}");
    assert!(
        run.stderr.contains("warning: KPI_CACHE=\"sometimes\""),
        "{run}"
    );
}

/// `kpi --plan data/asaka --lang en status` on a terminal (util-linux
/// `script` gives it one) with `TERM` set to `term`; its output.
fn on_a_terminal(term: &str) -> String {
    let kpi = env!("CARGO_BIN_EXE_kpi");
    let line = format!("'{kpi}' --plan '{}' --lang en status", asaka().display());
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .env("TERM", term)
        .env_remove("NO_COLOR")
        .env_remove("KPI_ASCII")
        .stdin(std::process::Stdio::null());
    let out = cmd
        .output()
        .expect("run util-linux `script` (Debian's bsdutils)");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn term_dumb_means_no_colour_on_a_terminal() {
    // The same terminal with TERM=xterm is coloured: the test can fail.
    assert!(
        on_a_terminal("xterm").contains("\x1b["),
        "no colour on xterm"
    );
    let dumb = on_a_terminal("dumb");
    assert!(!dumb.contains('\x1b'), "TERM=dumb got escapes:\n{dumb}");
    assert!(dumb.contains("Goal 1"), "{dumb}");
}
