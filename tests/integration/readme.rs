//! The README's `sh` blocks work as written: every command of each block,
//! from the repository's root, with `kpi` on the PATH, a scratch folder for
//! `/tmp` and a fresh, empty scratch folder for the home folder (`~`).
//! `kpi check` and `kpi missing` may exit 1 (they report); any other
//! failure, or a write inside the repository, fails the test. The
//! fresh-machine block's `cargo run --release --` runs as `kpi`, and its
//! `cargo test` is the command this very test runs under.

use std::path::Path;
use std::process::Command;

/// The commands of the README's tour block, comments taken off.
fn tour() -> Vec<String> {
    block_of("## A short tour")
}

/// The commands of the first `sh` block after `heading`, comments taken off.
fn block_of(heading: &str) -> Vec<String> {
    let readme = readme();
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

#[test]
fn every_command_of_the_evaluation_year_tour_works_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let commands = block_of("### The evaluation year: what was published, what changed");
    assert!(commands.len() >= 6, "{commands:?}");
    let example = root.join("data/evaluation-example");
    let before = files_under(&example);
    run_block(&commands, scratch.path());
    // The new year was published in the copy, and only there.
    let copy = scratch.path().join("evaluation-example/evaluations");
    assert!(copy.join("2021.json").exists());
    assert!(!example.join("evaluations/2021.json").exists());
    assert_eq!(files_under(&example), before);
}

#[test]
fn every_command_of_the_breakdowns_tour_works_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let commands = block_of("### Breakdowns: a prefecture compares its municipalities");
    assert!(commands.len() >= 5, "{commands:?}");
    assert!(commands.iter().any(|c| c.starts_with("kpi compare ")));
    let example = root.join("data/prefecture-example");
    let before = files_under(&example);
    run_block(&commands, scratch.path());
    // Open SDG's files went to the scratch folder; the example is untouched.
    for made in [
        "prefecture-open-sdg/data/indicator_kpi-waiting-children.csv",
        "prefecture-open-sdg/meta/kpi-employment-rate.md",
    ] {
        assert!(scratch.path().join(made).exists(), "{made}");
    }
    assert_eq!(files_under(&example), before);
}

/// Every `sh` block of the README is one of these sections' (each tested here).
const SH_BLOCKS: [&str; 6] = [
    "## Two commands on a fresh machine",
    "## A short tour",
    "### The evaluation year: what was published, what changed",
    "### Breakdowns: a prefecture compares its municipalities",
    "### Workspaces",
    "### Shell completions and the manual page",
];

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("read README.md")
}

#[test]
fn every_sh_block_of_the_readme_is_tested() {
    let readme = readme();
    let mut sections = Vec::new();
    let mut heading = "";
    let mut in_block = false;
    for line in readme.lines() {
        if in_block {
            in_block = !line.starts_with("```");
        } else if line.starts_with('#') {
            heading = line;
        } else if let Some(lang) = line.strip_prefix("```") {
            in_block = true;
            if lang == "sh" {
                sections.push(heading);
            }
            // A PowerShell line is never in a sh block.
        }
    }
    assert_eq!(sections, SH_BLOCKS);
    for heading in SH_BLOCKS {
        for c in block_of(heading) {
            assert!(!c.contains("$PROFILE"), "PowerShell in a sh block: {c}");
        }
    }
    assert!(readme.contains("```powershell\n"), "a powershell block");
}

#[test]
fn the_fresh_machine_commands_are_plain_cargo_run_and_cargo_test() {
    let commands = block_of("## Two commands on a fresh machine");
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert_eq!(commands[1], "cargo test");
    let status = commands[0]
        .strip_prefix("cargo run --release -- ")
        .expect("cargo run --release -- …");
    let scratch = tempfile::tempdir().expect("a scratch folder");
    run_block(&[format!("kpi {status}")], scratch.path());
    // The script that runs the rest, named in the README beside the block.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(readme().contains("`bash dev/test-all`"));
    assert!(root.join("dev/test-all").is_file());
}

#[test]
fn the_completions_block_works_in_a_fresh_home_folder() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let commands = block_of("### Shell completions and the manual page");
    assert!(commands.len() >= 4, "{commands:?}");
    run_block(&commands, scratch.path());
    let home = scratch.path().join("home");
    for (made, starts) in [
        (".local/share/bash-completion/completions/kpi", "_kpi()"),
        (".zfunc/_kpi", "#compdef kpi"),
        (".config/fish/completions/kpi.fish", ""),
        (".local/share/man/man1/kpi.1", ".ie"),
    ] {
        let text =
            std::fs::read_to_string(home.join(made)).unwrap_or_else(|e| panic!("{made}: {e}"));
        assert!(
            text.contains("kpi") && text.starts_with(starts),
            "{made}:\n{text}"
        );
    }
}

/// Run a README block's commands from the repository's root, with `kpi` on
/// the PATH, `scratch` for `/tmp` and `scratch/home`, made empty, for the
/// home folder; any failure but `kpi check`'s and `kpi missing`'s exit 1,
/// or an `error:` on stderr, fails the test.
fn run_block(commands: &[String], scratch: &Path) {
    let home = scratch.join("home");
    std::fs::create_dir(&home).expect("a fresh home folder");
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
        .env("HOME", &home)
        .env("NO_COLOR", "1")
        .output()
        .expect("bash runs the tour");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the tour failed:\n{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
}
