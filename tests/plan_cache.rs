//! The cache of parsed plans (docs/cache.md), through the binary: a large
//! plan gives the same answers with and without its cache entry, and an
//! entry is never used for a plan whose bytes have changed, nor when it is
//! damaged.

#[allow(dead_code)]
#[path = "../examples/gen.rs"]
mod gen;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;

fn kpi(plan_dir: &Path, cache: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("kpi").unwrap();
    cmd.arg("--plan")
        .arg(plan_dir.join("kpi.toml"))
        .args(args)
        .env("KPI_CACHE_DIR", cache)
        .env_remove("KPI_CACHE")
        .env_remove("KPI_PLAN");
    cmd.output().unwrap()
}

fn entries(cache: &Path) -> Vec<std::path::PathBuf> {
    match fs::read_dir(cache) {
        Ok(dir) => dir.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_large_plan_is_cached_and_never_read_stale() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    // 1,200 KPIs: about 300 KB, above the 256 KiB below which nothing is cached.
    gen::generate(&gen::Args {
        kpis: 1200,
        years: 4,
        out: dir.path().to_path_buf(),
        seed: 11,
    })
    .unwrap();
    let plan = dir.path().join("kpi.toml");
    assert!(fs::metadata(&plan).unwrap().len() > 256 * 1024);

    let first = kpi(dir.path(), cache.path(), &["status", "--format", "json"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        entries(cache.path()).len(),
        1,
        "the first run stores an entry"
    );
    let second = kpi(dir.path(), cache.path(), &["status", "--format", "json"]);
    assert_eq!(
        second.stdout, first.stdout,
        "the cached plan gives the same output"
    );

    // A change that keeps the file's size: the first KPI's name changes one
    // character for another of the same length. The entry must not be used.
    let text = fs::read_to_string(&plan).unwrap();
    let changed = text
        .replacen("name = \"", "name = \"X", 1)
        .replacen("\n# ", "\n#", 1);
    assert_eq!(changed.len(), text.len());
    fs::write(&plan, &changed).unwrap();
    let after_edit = kpi(dir.path(), cache.path(), &["status", "--format", "json"]);
    assert!(after_edit.status.success());
    let uncached = {
        let mut cmd = Command::cargo_bin("kpi").unwrap();
        cmd.arg("--plan")
            .arg(&plan)
            .args(["status", "--format", "json"]);
        cmd.env("KPI_CACHE", "off").output().unwrap()
    };
    assert_eq!(after_edit.stdout, uncached.stdout, "the edit is seen");
    assert_ne!(after_edit.stdout, first.stdout);

    // A damaged entry is read as no entry.
    for entry in entries(cache.path()) {
        let mut bytes = fs::read(&entry).unwrap();
        let n = bytes.len();
        bytes[n - 10] ^= 0xFF;
        fs::write(&entry, bytes).unwrap();
    }
    let damaged = kpi(dir.path(), cache.path(), &["status", "--format", "json"]);
    assert_eq!(damaged.stdout, uncached.stdout);
    for entry in entries(cache.path()) {
        fs::write(&entry, b"kpi plan cache 1\n").unwrap();
    }
    let truncated = kpi(dir.path(), cache.path(), &["status", "--format", "json"]);
    assert_eq!(truncated.stdout, uncached.stdout);

    // A plan with an error is never served from the cache: its problems are reported.
    fs::write(&plan, changed.replacen("unit = ", "unti = ", 1)).unwrap();
    let broken = kpi(dir.path(), cache.path(), &["validate"]);
    assert_eq!(broken.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(stderr.contains("unknown field `unti`"), "{stderr}");
    assert!(broken.stdout.is_empty());
}

#[test]
fn kpi_cache_off_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    gen::generate(&gen::Args {
        kpis: 1200,
        years: 3,
        out: dir.path().to_path_buf(),
        seed: 5,
    })
    .unwrap();
    let mut cmd = Command::cargo_bin("kpi").unwrap();
    let out = cmd
        .arg("--plan")
        .arg(dir.path().join("kpi.toml"))
        .arg("validate")
        .env("KPI_CACHE_DIR", cache.path())
        .env("KPI_CACHE", "off")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(entries(cache.path()).is_empty());
}
