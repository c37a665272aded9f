//! The one harness for running the real `kpi` binary, modelled on xsv's
//! `Workdir`: a temporary folder to write a plan, its ledger and input files
//! into, a `kpi` command whose environment cannot change what it prints,
//! and what one run printed and how it ended.

// Each integration test file compiles this module on its own and uses only
// part of it.
#![allow(dead_code)]

pub mod import;
pub mod programs;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// What the developer's or the CI runner's environment could set to change
/// what `kpi` prints or which plan it reads: the language, colour, ASCII
/// tables, plan discovery, GitHub's paths, the plan cache switch, today's
/// date, the test faults, the width of terminal tables (`COLUMNS`) and the
/// workspace a command stands in (`KPI_WORKSPACE`). A
/// test that means to exercise one of them sets it on its own command.
const UNSET: [&str; 15] = [
    "LANG",
    "LC_ALL",
    "LC_MESSAGES",
    "NO_COLOR",
    "KPI_PLAN",
    "KPI_ASCII",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "GITHUB_WORKSPACE",
    "GITHUB_ACTIONS",
    "KPI_CACHE",
    "KPI_TODAY",
    "KPI_TEST_FAULT",
    "COLUMNS",
    "KPI_WORKSPACE",
];

/// The date every run takes for today unless its test sets another, so
/// that no test depends on the day it runs: a figure for a fiscal year
/// after 2030 is one for a year not begun.
pub const TODAY: &str = "2030-06-01";

/// The `kpi` binary with an environment that cannot change its output. Its
/// plan cache folder is one under cargo's temporary folder: plans under 256
/// KiB are never cached, but a workspace's members are, whatever their
/// size, and no test's entry may land in the user's cache. A test with a
/// larger plan runs it in a `Workdir`, which has its own.
pub fn kpi_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kpi"));
    for var in UNSET {
        cmd.env_remove(var);
    }
    cmd.env("KPI_TODAY", TODAY);
    cmd.env(
        "KPI_CACHE_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("kpi-plan-cache"),
    );
    cmd
}

/// Put before the command's own arguments, with NO_COLOR=1, by the check
/// and gap tests: they read English words and pin the language and colour
/// on the command line as well.
const ENGLISH: [&str; 4] = ["--lang", "en", "--color", "never"];

/// `kpi --lang en --color never ARGS` in `cwd`, the plan found from there.
pub fn run_english(cwd: &Path, args: &[&str]) -> Run {
    Run::of(
        kpi_command()
            .current_dir(cwd)
            .args(ENGLISH)
            .env("NO_COLOR", "1")
            .args(args),
    )
}

/// Run `kpi ARGS --plan data/asaka`.
pub fn run_asaka(args: &[&str]) -> Run {
    Run::of(kpi_command().args(args).arg("--plan").arg(asaka()))
}

/// The KPI `id` of a status JSON document (`kpis`).
pub fn json_kpi<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id)
        .unwrap_or_else(|| panic!("no KPI {id}"))
}

/// A folder that lives as long as the test, and how `kpi` is run in it.
pub struct Workdir {
    dir: tempfile::TempDir,
    /// Arguments before each command's own (`english`).
    lead: Vec<&'static str>,
    /// Variables set on each command (`env`).
    env: Vec<(&'static str, &'static str)>,
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
            lead: Vec::new(),
            env: Vec::new(),
        }
    }

    /// A folder holding `kpi.toml`.
    pub fn with_plan(plan: &str) -> Workdir {
        let wd = Workdir::new();
        wd.plan(plan);
        wd
    }

    /// A folder holding `kpi.toml` and `actuals/NAME` for each `(NAME, text)`.
    pub fn with_ledger(plan: &str, actuals: &[(&str, &str)]) -> Workdir {
        let wd = Workdir::with_plan(plan);
        for (name, text) in actuals {
            wd.write(&format!("actuals/{name}"), text);
        }
        wd
    }

    /// Every command starts `kpi --lang en --color never`, with NO_COLOR=1.
    pub fn english(mut self) -> Workdir {
        self.lead.extend(ENGLISH);
        self.env.push(("NO_COLOR", "1"));
        self
    }

    /// Every command runs with `key=value` in its environment.
    pub fn env(mut self, key: &'static str, value: &'static str) -> Workdir {
        self.env.push((key, value));
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `name`, relative to the folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    /// The plan cache folder (KPI_CACHE_DIR) of every command run here, so
    /// that a large plan's entry never lands in the user's cache.
    pub fn cache(&self) -> PathBuf {
        self.file(".kpi-cache")
    }

    /// Write `bytes` to `name` (relative to the folder), creating folders on the way.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.file(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(&path, bytes).expect("write a test file");
        self
    }

    /// Write `kpi.toml` in the folder.
    pub fn plan(&self, text: &str) -> &Self {
        self.write("kpi.toml", text)
    }

    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.file(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// `kpi ARGS` in this folder, with no `--plan`: discovery decides.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = kpi_command();
        cmd.current_dir(self.path())
            .env("KPI_CACHE_DIR", self.cache())
            .envs(self.env.iter().copied())
            .args(&self.lead)
            .args(args);
        cmd
    }

    /// `kpi ARGS --plan FOLDER`: the plan is named, not discovered.
    pub fn command_plan(&self, args: &[&str]) -> Command {
        let mut cmd = self.command(args);
        cmd.arg("--plan").arg(self.path());
        cmd
    }

    /// Run `kpi ARGS` in this folder.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(&mut self.command(args))
    }

    /// Run `kpi ARGS --plan FOLDER`.
    pub fn run_plan(&self, args: &[&str]) -> Run {
        Run::of(&mut self.command_plan(args))
    }

    /// Run `kpi ARGS` in this folder, which must exit 0.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        run.ok();
        run
    }

    pub fn validate(&self) {
        self.ok(&["validate"]);
    }

    /// Run `kpi ARGS`, which must exit 2 with nothing on stdout (a dry run
    /// too) and leave the ledger byte for byte as it was. Returns stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let before = self.ledger();
        let run = self.run(args);
        run.expect_code(2);
        assert_eq!(run.stdout, "", "stdout of a refused run; {run}");
        assert_eq!(self.ledger(), before, "the ledger changed");
        run.stderr
    }

    /// Every file and symlink under the folder (but the plan cache and the
    /// lock file, which exists only while a command runs and which the next
    /// run removes after a kill), by path relative to it: a file's bytes, a
    /// link's target. What a run that writes nothing must leave exactly as
    /// it was.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            let Ok(entries) = fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                if rel == Path::new(".kpi-cache") || rel == Path::new(".kpi.lock") {
                    continue;
                }
                let kind = entry.file_type().expect("a file's type");
                if kind.is_symlink() {
                    let to = fs::read_link(&path).expect("read a link");
                    let mut bytes = b"-> ".to_vec();
                    bytes.extend(to.to_string_lossy().as_bytes());
                    out.insert(rel, bytes);
                } else if kind.is_dir() {
                    out.insert(rel, b"<folder>".to_vec());
                    walk(root, &path, out);
                } else if kind.is_file() {
                    out.insert(
                        rel,
                        fs::read(&path).unwrap_or_else(|_| b"<unreadable>".to_vec()),
                    );
                } else {
                    out.insert(rel, b"<special>".to_vec());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.path(), self.path(), &mut out);
        out
    }

    /// Run `kpi ARGS`, which must fail as every error does (`Run::failed`)
    /// and leave every file of the folder byte for byte as it was. Returns
    /// the run.
    pub fn fails_writing_nothing(&self, args: &[&str]) -> Run {
        let before = self.snapshot();
        let run = self.run(args);
        run.failed();
        let after = self.snapshot();
        assert!(
            before == after,
            "the folder changed: {:?}; {run}",
            changed(&before, &after)
        );
        run
    }

    /// Every file in `actuals/` (hidden ones too, where a temporary file
    /// would show), by name, as bytes: what a refused run must not change.
    pub fn ledger(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        if let Ok(entries) = fs::read_dir(self.file("actuals")) {
            for entry in entries {
                let entry = entry.expect("list actuals/");
                let name = entry.file_name().to_string_lossy().into_owned();
                files.insert(name, fs::read(entry.path()).expect("read a ledger file"));
            }
        }
        files
    }
}

/// The paths whose content differs between two snapshots.
pub fn changed(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<PathBuf> {
    before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    /// The command line, for failure messages.
    pub command: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// stdout as written, for output in another encoding or compared byte for byte.
    pub bytes: Vec<u8>,
}

impl Run {
    /// Run `cmd`, whose stdout and stderr must be UTF-8 text: `kpi` writes
    /// nothing else, except a sheet in CP932 asked for on stdout.
    pub fn of(cmd: &mut Command) -> Run {
        let run = Run::of_bytes(cmd);
        assert!(std::str::from_utf8(&run.bytes).is_ok(), "stdout is UTF-8");
        run
    }

    /// Run `cmd`, whose stdout may be in any encoding (a CP932 template):
    /// `stdout` holds it decoded lossily, `bytes` as written.
    pub fn of_bytes(cmd: &mut Command) -> Run {
        let command = std::iter::once("kpi".into())
            .chain(cmd.get_args().map(|a| a.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ");
        let out = cmd.output().expect("run kpi");
        Run {
            command,
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            bytes: out.stdout,
        }
    }

    /// The exit code must be `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, Some(code), "expected exit {code}; {self}");
        self
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
            "`{}` exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}
