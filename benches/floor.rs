//! The floor of the benchmark (benches/README.md): the least work any tool
//! must do to read a plan and its ledger. It parses `kpi.toml` with the toml
//! crate into plain serde structs (no spans, no checks, floats for values)
//! and reads every ledger file with the csv crate's `read_byte_record`,
//! doing nothing with the figures. `kpi` is measured against it.
//!
//! ```text
//! floor PATH/kpi.toml [--phases]
//! ```
//!
//! prints how many goals, measures, KPIs and ledger rows it read, and with
//! `--phases` how long the plan and the ledger took, on stderr.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlanFile {
    plan: PlanTable,
    evaluation: Option<Evaluation>,
    #[serde(default)]
    goal: Vec<Goal>,
    #[serde(default)]
    measure: Vec<Measure>,
    #[serde(default)]
    kpi: Vec<Kpi>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlanTable {
    title: String,
    organization: Option<String>,
    fiscal_year_start: Option<i64>,
    year_style: Option<String>,
    baseline_year: Option<Year>,
    target_year: Option<Year>,
    actuals: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Evaluation {
    on_track: Option<f64>,
    at_risk: Option<f64>,
    stale_after: Option<i64>,
    basis: Option<String>,
    path: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Year {
    Number(i64),
    Text(String),
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Goal {
    id: String,
    name: String,
    aim: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Measure {
    id: String,
    name: String,
    goal: Option<String>,
    parent: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Point {
    value: f64,
    year: Option<Year>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Kpi {
    id: String,
    name: String,
    goal: Option<String>,
    measures: Option<Vec<String>>,
    unit: Option<String>,
    baseline: Point,
    target: Point,
    direction: Option<String>,
    milestones: Option<BTreeMap<String, f64>>,
    cumulative: Option<bool>,
    source: Option<String>,
    owner: Option<String>,
    note: Option<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        // `cargo bench` runs every bench target without arguments.
        eprintln!("usage: floor PATH/kpi.toml [--phases]");
        return ExitCode::SUCCESS;
    };
    let phases = args.iter().any(|a| a == "--phases");
    match run(Path::new(path), phases) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(path: &Path, phases: bool) -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let text = std::fs::read_to_string(path)?;
    let plan: PlanFile = toml::from_str(&text)?;
    let plan_time = start.elapsed();

    let start = Instant::now();
    let base = path.parent().unwrap_or(Path::new("."));
    let mut rows = 0usize;
    let mut files = 0usize;
    for entry in plan
        .plan
        .actuals
        .as_deref()
        .unwrap_or(&["actuals".to_string()])
    {
        for file in csv_files(&base.join(entry))? {
            files += 1;
            let mut reader = csv::ReaderBuilder::new()
                .comment(Some(b'#'))
                .from_path(&file)?;
            let mut record = csv::ByteRecord::new();
            while reader.read_byte_record(&mut record)? {
                rows += 1;
            }
        }
    }
    let ledger_time = start.elapsed();
    println!(
        "{} goals, {} measures, {} KPIs; {files} files, {rows} rows",
        plan.goal.len(),
        plan.measure.len(),
        plan.kpi.len()
    );
    if phases {
        eprintln!(
            "plan {:.3} s ({} bytes), ledger {:.3} s",
            plan_time.as_secs_f64(),
            text.len(),
            ledger_time.as_secs_f64()
        );
    }
    Ok(())
}

/// A ledger entry: a file, or the `*.csv` directly in a folder, by name.
fn csv_files(entry: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !entry.is_dir() {
        return Ok(vec![entry.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(entry)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv"))
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    Ok(files)
}
