//! The import parser on any bytes: no panic; every figure it reads, written
//! into a ledger the way `kpi import` writes it, reads back through the
//! strict ledger reader as exactly the same figures.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kpi::ledger::edit;
use kpi::ledger::import::merge::merge;
use kpi::ledger::import::normalise::KpiFinder;
use kpi::ledger::import::{read_file, Encoding, Options};
use kpi::ledger::Ledger;
use kpi::plan::Plan;
use kpi::year::FiscalYear;
use libfuzzer_sys::fuzz_target;

const PLAN: &str = r#"[plan]
title = "fuzz"
baseline_year = "H26"
target_year = "H31"
actuals = ["actuals"]

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

[[kpi]]
id = "rate"
name = "満足度"
goal = "1"
unit = "%"
baseline = { value = 50.0 }
target = { value = 60.0 }

[[kpi]]
id = "startups"
name = "起業件数（累計）"
goal = "1"
unit = "件"
baseline = { value = 10 }
target = { value = 50 }
cumulative = true

[[kpi]]
id = "balance"
name = "=収支"
goal = "1"
baseline = { value = -5 }
target = { value = 0 }
"#;

/// A folder of our own for the ledger files the target writes.
fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kpi-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("actuals")).expect("a temporary folder");
        dir
    })
}

fn plan() -> &'static Plan {
    static PLAN_: OnceLock<Plan> = OnceLock::new();
    PLAN_.get_or_init(|| {
        kpi::plan::load_str(&folder().join("kpi.toml"), PLAN)
            .expect("the fuzz plan loads")
            .0
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let plan = plan();
    let kpis = KpiFinder::new(plan);
    let options = Options {
        encoding: match pick % 4 {
            0 => None,
            1 => Some(Encoding::Utf8),
            2 => Some(Encoding::Utf8Bom),
            _ => Some(Encoding::Cp932),
        },
        year: (pick & 4 != 0).then_some(FiscalYear(2015)),
    };
    let read = read_file(plan, &kpis, Path::new("in.csv"), bytes, options);
    for figure in &read.figures {
        assert!(figure.kpi < plan.kpis.len());
    }
    if read.problems.has_errors() || read.figures.is_empty() {
        return;
    }
    // Into an empty ledger: what merges must write and read back exactly.
    let empty = Ledger::empty(plan.kpis.len());
    let merged = merge(plan, &empty, read.figures, false);
    if merged.problems.has_errors() {
        return;
    }
    let changes: Vec<_> = merged.changes().collect();
    let files = edit::edits(plan, &empty.files, &changes, None).expect("edits of an empty ledger");
    let actuals = folder().join("actuals");
    for entry in std::fs::read_dir(&actuals).expect("the folder").flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
    for (path, bytes) in &files {
        std::fs::write(path, bytes).expect("write a ledger file");
    }
    let (ledger, _) = kpi::ledger::read(plan).unwrap_or_else(|p| {
        panic!("the strict reader refuses what import wrote: {p:?}");
    });
    assert_eq!(ledger.figure_count(), changes.len());
    for m in &changes {
        let f = &m.figure;
        let actual = &ledger.series[f.kpi][&f.year];
        assert_eq!(actual.value, f.value);
        assert_eq!(actual.value.to_string(), f.value.to_string());
        assert_eq!(actual.note, f.note, "note of {f:?}");
        assert_eq!(actual.source, f.source);
    }
});
