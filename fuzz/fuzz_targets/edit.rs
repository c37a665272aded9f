//! Editing ledger files in place: for any ledger file the strict reader
//! accepts (comments, quotes, BOM, CRLF, any column order, empty rows),
//! adding and replacing figures gives files the strict reader accepts, with
//! exactly the new figures and every other figure as it was.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use kpi::ledger::edit;
use kpi::ledger::import::merge::{Change, Merged};
use kpi::ledger::import::Figure;
use kpi::plan::Plan;
use kpi::problem::Location;
use kpi::year::FiscalYear;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

const PLAN: &str = r#"[plan]
title = "fuzz"
baseline_year = "H26"
target_year = "H31"
actuals = ["actuals"]

[[goal]]
id = "1"
name = "g"

[[kpi]]
id = "a"
name = "A"
goal = "1"
baseline = { value = 1 }
target = { value = 2 }

[[kpi]]
id = "b"
name = "B"
goal = "1"
baseline = { value = 1 }
target = { value = 2 }

[[kpi]]
id = "c"
name = "C"
goal = "1"
baseline = { value = 1 }
target = { value = 2 }
"#;

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kpi-fuzz-edit-{}", std::process::id()));
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
    let plan = plan();
    let actuals = folder().join("actuals");
    for entry in std::fs::read_dir(&actuals).expect("the folder").flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
    std::fs::write(actuals.join("x.csv"), data).expect("write the ledger file");
    let Ok((ledger, _)) = kpi::ledger::read(plan) else {
        return;
    };
    // Replace each KPI's 2015 figure by one more, or add one with a note
    // that must be quoted.
    let year = FiscalYear(2015);
    let changes: Vec<Merged> = (0..plan.kpis.len())
        .map(|kpi| {
            let old = ledger.series[kpi].get(&year);
            let figure = Figure {
                kpi,
                year,
                value: old.map_or(Decimal::new(-705, 2), |a| a.value + Decimal::ONE),
                note: Some("n,o \"t\" e\n2".to_string()),
                source: (kpi == 1).then(|| "#s".to_string()),
                location: Location::file(std::path::Path::new("in.csv")),
            };
            let change = match old {
                Some(a) => Change::Replaced {
                    old: a.value,
                    at: Box::new(a.location.clone()),
                },
                None => Change::Added,
            };
            Merged { figure, change }
        })
        .collect();
    let refs: Vec<&Merged> = changes.iter().collect();
    let files = edit::edits(plan, &ledger.files, &refs, None).expect("edits of a valid ledger");
    for (path, bytes) in &files {
        std::fs::write(path, bytes).expect("write a ledger file");
    }
    let (after, _) = kpi::ledger::read(plan).unwrap_or_else(|p| {
        let texts: Vec<String> = files
            .iter()
            .map(|(p, b)| format!("{}:\n{}", p.display(), String::from_utf8_lossy(b)))
            .collect();
        panic!("the strict reader refuses the edited ledger: {p:?}\n{}", texts.join("\n"));
    });
    for (kpi, series) in after.series.iter().enumerate() {
        for (y, actual) in series {
            if *y == year {
                let f = &changes[kpi].figure;
                assert_eq!(actual.value.to_string(), f.value.to_string());
                assert_eq!(actual.note, f.note);
                assert_eq!(actual.source, f.source);
            } else {
                assert_eq!(Some(actual.value), ledger.series[kpi].get(y).map(|a| a.value));
            }
        }
        assert_eq!(
            series.len(),
            ledger.series[kpi].len() + usize::from(!ledger.series[kpi].contains_key(&year))
        );
    }
});
