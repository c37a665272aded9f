//! A work folder for the import tests: a plan, its ledger, files to import,
//! and the real `kpi` binary run in it (after xsv's `Workdir`).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The test plan. Its names carry what CP932 adds to Shift_JIS (①, ㈱,
/// 髙) and a name a spreadsheet would run as a formula (`=収支`).
/// `startups` is a running total (baseline 10 in H26).
pub const PLAN: &str = r#"[plan]
title = "テスト市総合戦略"
year_style = "era"
baseline_year = "H26"
target_year = "H31"

[[goal]]
id = "1"
name = "g"

[[kpi]]
id = "visitors"
name = "①来訪者数（㈱髙島屋調べ）"
goal = "1"
unit = "人"
baseline = { value = 1000 }
target = { value = 2000 }
owner = "観光課"

[[kpi]]
id = "rate"
name = "満足度"
goal = "1"
unit = "%"
baseline = { value = 50.0 }
target = { value = 60.0 }
owner = "企画課"

[[kpi]]
id = "startups"
name = "起業件数（累計）"
goal = "1"
unit = "件"
baseline = { value = 10 }
target = { value = 50 }
cumulative = true
owner = "観光課"

[[kpi]]
id = "balance"
name = "=収支"
goal = "1"
baseline = { value = -5 }
target = { value = 0 }
owner = "企画課"
"#;

pub struct Work {
    pub dir: TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub bytes: Vec<u8>,
}

impl Work {
    pub fn new() -> Work {
        Work::with_plan(PLAN)
    }

    pub fn with_plan(plan: &str) -> Work {
        let work = Work {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        work.write("kpi.toml", plan);
        work
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// Run `kpi ARGS` in the folder.
    pub fn kpi(&self, args: &[&str]) -> Run {
        let out: Output = Command::cargo_bin("kpi")
            .unwrap()
            .current_dir(self.dir.path())
            .env_remove("KPI_PLAN")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .args(args)
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            bytes: out.stdout,
        }
    }

    /// `kpi ARGS`, which must succeed.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.kpi(args);
        assert_eq!(
            run.code, 0,
            "kpi {args:?} failed:\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        run
    }

    /// `kpi ARGS`, which must fail with exit 2, nothing on stdout and the
    /// ledger untouched. Returns stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let before = self.ledger();
        let run = self.kpi(args);
        assert_eq!(
            run.code, 2,
            "kpi {args:?} should fail:\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        if !args.contains(&"--dry-run") {
            assert_eq!(run.stdout, "", "stdout of a refused run");
        }
        assert_eq!(self.ledger(), before, "the ledger changed");
        run.stderr
    }

    /// Every file in `actuals/` (hidden ones too), by name.
    pub fn ledger(&self) -> BTreeMap<String, Vec<u8>> {
        let dir = self.path("actuals");
        let mut files = BTreeMap::new();
        if let Ok(entries) = fs::read_dir(&dir) {
            for entry in entries {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy().into_owned();
                files.insert(name, fs::read(entry.path()).unwrap());
            }
        }
        files
    }

    /// The ledger as text, by file name.
    pub fn ledger_text(&self) -> BTreeMap<String, String> {
        self.ledger()
            .into_iter()
            .map(|(k, v)| (k, String::from_utf8(v).unwrap()))
            .collect()
    }

    pub fn validate(&self) {
        self.ok(&["validate"]);
    }
}

pub fn cp932(text: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!bad, "not CP932: {text}");
    bytes.into_owned()
}

pub fn utf8_bom(text: &str) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// The bytes of `text` in each encoding import detects, with its name.
pub fn encodings(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("UTF-8", text.as_bytes().to_vec()),
        ("UTF-8 with BOM", utf8_bom(text)),
        ("CP932", cp932(text)),
    ]
}

pub fn exists(path: &Path) -> bool {
    path.exists()
}
