//! The cache of parsed plans (docs/cache.md), through the binary: a large
//! plan gives the same answers with and without its cache entry, and an
//! entry is never used for a plan whose bytes have changed, nor when it is
//! damaged.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{Run, Workdir};

/// `kpi --plan FOLDER/kpi.toml ARGS`, with the work folder's own plan cache.
fn kpi(wd: &Workdir, args: &[&str]) -> Command {
    let mut cmd = wd.command(&[]);
    cmd.arg("--plan").arg(wd.file("kpi.toml")).args(args);
    cmd
}

fn entries(cache: &Path) -> Vec<std::path::PathBuf> {
    match fs::read_dir(cache) {
        Ok(dir) => dir.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_large_plan_is_cached_and_never_read_stale() {
    let dir = Workdir::new();
    let cache = dir.cache();
    // 1,200 KPIs: about 300 KB, above the 256 KiB below which nothing is cached.
    crate::gen::generate(&crate::gen::Args {
        kpis: 1200,
        years: 4,
        out: dir.path().to_path_buf(),
        seed: 11,
    })
    .unwrap();
    let plan = dir.path().join("kpi.toml");
    assert!(fs::metadata(&plan).unwrap().len() > 256 * 1024);

    let first = Run::of(&mut kpi(&dir, &["status", "--format", "json"]));
    first.ok();
    assert_eq!(entries(&cache).len(), 1, "the first run stores an entry");
    let second = Run::of(&mut kpi(&dir, &["status", "--format", "json"]));
    assert_eq!(
        second.bytes, first.bytes,
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
    let after_edit = Run::of(&mut kpi(&dir, &["status", "--format", "json"]));
    after_edit.ok();
    let uncached = Run::of(kpi(&dir, &["status", "--format", "json"]).env("KPI_CACHE", "off"));
    assert_eq!(after_edit.bytes, uncached.bytes, "the edit is seen");
    assert_ne!(after_edit.bytes, first.bytes);

    // A damaged entry is read as no entry.
    for entry in entries(&cache) {
        let mut bytes = fs::read(&entry).unwrap();
        let n = bytes.len();
        bytes[n - 10] ^= 0xFF;
        fs::write(&entry, bytes).unwrap();
    }
    let damaged = Run::of(&mut kpi(&dir, &["status", "--format", "json"]));
    assert_eq!(damaged.bytes, uncached.bytes);
    for entry in entries(&cache) {
        fs::write(&entry, b"kpi plan cache 1\n").unwrap();
    }
    let truncated = Run::of(&mut kpi(&dir, &["status", "--format", "json"]));
    assert_eq!(truncated.bytes, uncached.bytes);

    // A plan with an error is never served from the cache: its problems are reported.
    fs::write(&plan, changed.replacen("unit = ", "unti = ", 1)).unwrap();
    let broken = Run::of(&mut kpi(&dir, &["validate"]));
    assert_eq!(broken.code, Some(2));
    let stderr = &broken.stderr;
    assert!(stderr.contains("unknown field `unti`"), "{stderr}");
    assert!(broken.bytes.is_empty());
}

#[test]
fn kpi_cache_off_writes_nothing() {
    let dir = Workdir::new();
    let cache = dir.cache();
    crate::gen::generate(&crate::gen::Args {
        kpis: 1200,
        years: 3,
        out: dir.path().to_path_buf(),
        seed: 5,
    })
    .unwrap();
    Run::of(kpi(&dir, &["validate"]).env("KPI_CACHE", "off")).ok();
    assert!(entries(&cache).is_empty());
}
