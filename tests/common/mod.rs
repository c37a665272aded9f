//! Shared test harness for running the real `kpi` binary, modelled on xsv's
//! `Workdir`: a temporary folder to write a plan and its ledger into, and a
//! command that runs `kpi` there with a clean, deterministic environment.

// Each integration test file compiles this module on its own and uses only
// part of it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The seed plan shipped with the crate (朝霞市 基本目標１).
pub fn asaka() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka")
}

/// The first lines of a small valid plan, for tests to append KPIs to.
/// Each line's number is written beside it, so that a test can work out the
/// line of what it appends by hand: the next line written is line 15.
pub const HEAD: &str = concat!(
    "[plan]\n",                  // 1
    "title = \"Test plan\"\n",   // 2
    "baseline_year = \"H26\"\n", // 3
    "target_year = \"R1\"\n",    // 4
    "\n",                        // 5
    "[[goal]]\n",                // 6
    "id = \"1\"\n",              // 7
    "name = \"Goal one\"\n",     // 8
    "\n",                        // 9
    "[[measure]]\n",             // 10
    "id = \"1.1\"\n",            // 11
    "goal = \"1\"\n",            // 12
    "name = \"Measure one\"\n",  // 13
    "\n",                        // 14
);

/// A valid KPI block for `HEAD`, 7 lines: 10 件 in H26 → 20 件 in R1.
pub fn kpi_block(id: &str) -> String {
    format!(
        "[[kpi]]\n\
         id = \"{id}\"\n\
         name = \"KPI {id}\"\n\
         measures = [\"1.1\"]\n\
         unit = \"件\"\n\
         baseline = {{ value = 10, year = \"H26\" }}\n\
         target = {{ value = 20, year = \"R1\" }}\n"
    )
}

/// A folder that lives as long as the test.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Default for Workdir {
    fn default() -> Self {
        Self::new()
    }
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("create a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write `text` to `name` (relative to the folder), creating folders on the way.
    pub fn write(&self, name: &str, text: &str) -> &Self {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(&path, text).expect("write a test file");
        self
    }

    /// Write `kpi.toml` in the folder.
    pub fn plan(&self, text: &str) -> &Self {
        self.write("kpi.toml", text)
    }

    /// `kpi ARGS` run in this folder, with no `--plan`: discovery decides.
    pub fn bare(&self, args: &[&str]) -> Command {
        let mut cmd = kpi_command();
        cmd.current_dir(self.path()).args(args);
        cmd
    }

    /// `kpi ARGS --plan FOLDER`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare(args);
        cmd.arg("--plan").arg(self.path());
        cmd
    }

    /// Run `kpi ARGS --plan FOLDER`.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(&mut self.command(args))
    }
}

/// The `kpi` binary with an environment that cannot change its output.
pub fn kpi_command() -> Command {
    let mut cmd = Command::cargo_bin("kpi").expect("the kpi binary is built");
    for var in [
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "NO_COLOR",
        "KPI_PLAN",
        "KPI_ASCII",
        "CLICOLOR",
        "CLICOLOR_FORCE",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// Run `kpi ARGS` on the seed plan.
pub fn run_asaka(args: &[&str]) -> Run {
    let mut cmd = kpi_command();
    cmd.args(args).arg("--plan").arg(asaka());
    Run::of(&mut cmd)
}

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(cmd: &mut Command) -> Run {
        let out: Output = cmd.output().expect("run kpi");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Exit 0; returns stdout.
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, Some(0), "expected success; {self}");
        &self.stdout
    }

    /// stdout parsed as JSON, after a successful run.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.ok())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); {self}"))
    }

    /// The failure every error must be: exit 2, nothing on stdout, and a
    /// first stderr line `error: …`. Returns the stderr lines.
    pub fn failed(&self) -> Vec<&str> {
        assert_eq!(self.code, Some(2), "expected exit 2; {self}");
        assert!(self.stdout.is_empty(), "stdout must be empty; {self}");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert!(
            lines.first().is_some_and(|l| l.starts_with("error: ")),
            "the first stderr line must start with `error: `; {self}"
        );
        lines
    }

    /// An invalid input: `failed()`, and the first stderr line names `file`
    /// (by its basename), `line` and every one of `texts`. Returns that line.
    pub fn error_at(&self, file: &str, line: usize, texts: &[&str]) -> String {
        let first = self.failed()[0].to_string();
        assert_names(&first, file, line, texts, self);
        first
    }
}

/// `msg` names `FILE:LINE` (with `:COL` or `: ` after it) and each of `texts`.
pub fn assert_names(msg: &str, file: &str, line: usize, texts: &[&str], run: &Run) {
    let place = format!("{file}:{line}:");
    assert!(
        msg.contains(&place),
        "`{msg}` must name {file} line {line} as `{place}`; {run}"
    );
    for t in texts {
        assert!(msg.contains(t), "`{msg}` must name `{t}`; {run}");
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}
