//! The README's tour works as written: every command of its block, from
//! the repository's root, with `kpi` on the PATH and a scratch folder for
//! `/tmp`. `kpi check` and `kpi missing` may exit 1 (they report); any
//! other failure, or a write inside the repository, fails the test.

use std::path::Path;
use std::process::Command;

/// The commands of the README's tour block, comments taken off.
fn tour() -> Vec<String> {
    block_of("## A short tour")
}

/// The commands of the first `sh` block after `heading`, comments taken off.
fn block_of(heading: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("read README.md");
    let start = readme.find(heading).expect("a tour section");
    let block = &readme[start..];
    let open = block.find("```sh\n").expect("a sh block") + "```sh\n".len();
    let close = block[open..].find("```").expect("the block ends") + open;
    block[open..close]
        .lines()
        .map(|l| match l.find("  #") {
            Some(i) => l[..i].trim().to_string(),
            None => l.trim().to_string(),
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every file under `dir`, by path, as bytes.
fn files_under(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("list a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read a file");
                out.insert(path, bytes);
            }
        }
    }
    out
}

#[test]
fn every_command_of_the_tour_works_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let commands = tour();
    assert!(commands.len() >= 15, "{commands:?}");
    assert_eq!(
        commands[0], "cd data/asaka",
        "the tour starts from the root"
    );
    let before = files_under(&root.join("data/asaka"));
    run_block(&commands, scratch.path());
    // What the tour wrote is in the scratch folder; the seed ledger is untouched.
    for made in [
        "hoiku.csv",
        "report.html",
        "kpis.csv",
        "new-plan/kpi.toml",
        "plan-from-sheet/kpi.toml",
    ] {
        assert!(scratch.path().join(made).exists(), "{made}");
    }
    assert_eq!(files_under(&root.join("data/asaka")), before);
}

#[test]
fn every_command_of_the_workspace_tour_works_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let commands = block_of("### Workspaces");
    assert!(commands.len() >= 5, "{commands:?}");
    let before = files_under(&root.join("data/asaka-workspace"));
    run_block(&commands, scratch.path());
    for made in [
        "city/kpi-workspace.toml",
        "city/plans/first/kpi.toml",
        "asaka-ws/plans/sousei-3/kpi.toml",
    ] {
        assert!(scratch.path().join(made).exists(), "{made}");
    }
    assert_eq!(files_under(&root.join("data/asaka-workspace")), before);
}

/// Run a README block's commands from the repository's root, with `kpi` on
/// the PATH and `scratch` for `/tmp`; any failure but `kpi check`'s and
/// `kpi missing`'s exit 1, or an `error:` on stderr, fails the test.
fn run_block(commands: &[String], scratch: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = Path::new(env!("CARGO_BIN_EXE_kpi")).parent().unwrap();
    let mut script = String::from("set -u\n");
    for c in commands {
        let line = c.replace("/tmp/", &format!("{}/", scratch.display()));
        let quoted = line.replace('\'', "'\\''");
        script.push_str(&format!(
            "{line}\nrc=$?; if [ $rc -gt 1 ] || {{ [ $rc -eq 1 ] && ! echo '{quoted}' | grep -qE '^kpi (check|missing)'; }}; then echo \"FAILED ($rc): {quoted}\" >&2; exit 1; fi\n"
        ));
    }
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(root)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env_remove("KPI_PLAN")
        .env_remove("KPI_WORKSPACE")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .output()
        .expect("bash runs the tour");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the tour failed:\n{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
}
