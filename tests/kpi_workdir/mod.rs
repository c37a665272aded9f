//! A work folder for integration tests (as in xsv's `Workdir`): a plan and
//! its ledger written into a temporary folder, and the real `kpi` binary run
//! there once per call, with stdout, stderr and the exit code kept.

#![allow(dead_code)] // each test binary uses its own part of this helper

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// What one run of `kpi` gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub command: String,
}

impl Run {
    /// Fails the test with the command, its output and its exit code.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "`{}` exited {} (wanted {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.command, self.code, self.stdout, self.stderr
        );
        self
    }
}

impl Workdir {
    /// A folder holding `kpi.toml` (= `plan`) and `actuals/NAME` for each `(NAME, text)`.
    pub fn new(plan: &str, actuals: &[(&str, &str)]) -> Workdir {
        let wd = Workdir {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        wd.write("kpi.toml", plan);
        for (name, text) in actuals {
            wd.write(&format!("actuals/{name}"), text);
        }
        wd
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, text: &str) {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, text).expect("write file");
    }

    /// `kpi ARGS` in the folder, in English, without colour, outside GitHub Actions.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(self.dir.path(), args, &[])
    }

    /// `kpi ARGS` in `cwd` with extra environment variables.
    pub fn run_in(&self, cwd: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
        run_kpi(cwd, args, env)
    }
}

/// The real binary, run in `cwd`.
pub fn run_kpi(cwd: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kpi"));
    cmd.current_dir(cwd)
        .args(["--lang", "en", "--color", "never"])
        .args(args)
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("KPI_PLAN")
        .env_remove("KPI_ASCII")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run kpi");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        command: format!("kpi {}", args.join(" ")),
    }
}

/// The seed plan of the repository.
pub fn asaka() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka")
}
