//! A smoke test of the scale benchmark (benches/README.md) at a size that
//! runs in a moment: the generator's plan and ledger pass `kpi validate`,
//! and the Python peer counts the same statuses as `kpi status`. The real
//! sizes are run by benches/run.sh, never by `cargo test`.

use std::path::Path;
use std::process::Command;

use crate::common::programs::{need, PYTHON311};
use crate::common::{Run, Workdir};

/// `kpi --plan FOLDER/kpi.toml ARGS`, with the plan cache off.
fn kpi(wd: &Workdir, args: &[&str]) -> Run {
    Run::of(
        wd.command(&[])
            .arg("--plan")
            .arg(wd.file("kpi.toml"))
            .args(args)
            .env("KPI_CACHE", "off"),
    )
}

/// The generator's 250-KPI plan in a fresh folder; the same arguments give
/// the same bytes.
fn generated() -> Workdir {
    let dir = Workdir::new();
    let args = crate::gen::Args {
        kpis: 250,
        years: 10,
        out: dir.path().to_path_buf(),
        seed: 7,
    };
    crate::gen::generate(&args).unwrap();
    // The same arguments give the same bytes.
    let again = tempfile::tempdir().unwrap();
    crate::gen::generate(&crate::gen::Args {
        out: again.path().to_path_buf(),
        ..args
    })
    .unwrap();
    for file in [
        "kpi.toml",
        "actuals/2015.csv",
        "actuals/2024.csv",
        "import-2025.csv",
    ] {
        assert_eq!(
            std::fs::read(dir.path().join(file)).unwrap(),
            std::fs::read(again.path().join(file)).unwrap(),
            "{file} differs between two runs"
        );
    }

    dir
}

#[test]
fn a_generated_plan_validates() {
    let dir = generated();
    let validate = kpi(&dir, &["validate"]);
    let stdout = validate.ok();
    // 250 KPIs: 3 cities of 4 goals, each goal with 2 + 6 measures; 10 years of 250 rows.
    assert!(
        stdout.contains("12 goals, 96 measures, 250 KPIs; ledger: 10 files"),
        "{stdout}"
    );
    let stderr = &validate.stderr;
    assert!(stderr.is_empty(), "no warnings expected:\n{stderr}");
}

#[test]
#[ignore = "needs python3.11"]
fn the_peer_agrees_with_kpi_on_a_generated_plan() {
    need(&PYTHON311);
    let dir = generated();
    let status = kpi(&dir, &["status", "--format", "json"]);
    status.ok();
    let kpi_json = dir.path().join("kpi.json");
    std::fs::write(&kpi_json, &status.bytes).unwrap();
    let peer_script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peer.py");
    let peer = Command::new("python3")
        .arg(&peer_script)
        .arg(dir.path().join("kpi.toml"))
        .output()
        .unwrap();
    assert!(
        peer.status.success(),
        "{}",
        String::from_utf8_lossy(&peer.stderr)
    );
    let peer_json = dir.path().join("peer.json");
    std::fs::write(&peer_json, &peer.stdout).unwrap();
    let compare = Command::new("python3")
        .arg(&peer_script)
        .arg("--compare")
        .arg(&peer_json)
        .arg(&kpi_json)
        .output()
        .unwrap();
    assert!(
        compare.status.success(),
        "the peer and kpi disagree:\n{}",
        String::from_utf8_lossy(&compare.stderr)
    );
}

/// examples/gen_breakdowns.rs at a size that runs in a moment: 4 KPIs, 3
/// municipalities, 2 age bands, 3 years. A year: KPIs 0 and 2 by area and
/// age, 1 + 3 + 2 + 3 × 2 = 12 figures each; KPIs 1 and 3 by area, 1 + 3 =
/// 4 each: 2 × 12 + 2 × 4 = 32, so 96 in 3 years, and the flat plan's 32
/// KPIs a figure each a year: 96 too.
#[test]
fn the_breakdowns_generator_writes_two_plans_of_the_same_figures() {
    let dir = Workdir::new();
    let args = crate::gen_breakdowns::Args {
        out: dir.path().to_path_buf(),
        kpis: 4,
        municipalities: 3,
        ages: 2,
        years: 3,
    };
    assert_eq!(crate::gen_breakdowns::generate(&args).unwrap(), 32);
    for (plan, kpis) in [("breakdowns", 4), ("flat", 32)] {
        let out = Run::of(
            dir.command(&["validate", "--plan"])
                .arg(dir.file(plan))
                .env("KPI_CACHE", "off"),
        );
        assert!(
            out.stdout.contains(&format!(
                "{kpis} KPIs; ledger: 3 files, 96 figures; 0 warnings"
            )),
            "{out}"
        );
    }
    // Every total adds up (else the values read refuses the ledger), and
    // each KPI compares by municipality.
    let compare = Run::of(
        dir.command(&[
            "compare", "k000", "--by", "area", "--format", "csv", "--plan",
        ])
        .arg(dir.file("breakdowns"))
        .env("KPI_CACHE", "off"),
    );
    // The header, 3 municipalities and the total.
    assert_eq!(compare.ok().lines().count(), 1 + 3 + 1, "{compare}");
}
