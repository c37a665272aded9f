//! `kpi explain` (evaluation-cycle.md §4): each term worked by hand from
//! progress.md, and the agreement with `kpi status` on every KPI of every
//! plan in data/ and of the plans written here, as of every year.

use std::path::Path;

use crate::common::{kpi_block, Workdir, HEAD};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The seed plan (data/asaka) in a work folder.
fn asaka() -> Workdir {
    let w = Workdir::new().english();
    copy_dir(&crate::common::asaka(), w.path());
    w
}

#[test]
fn a_linear_kpi_shows_every_term_of_its_status() {
    // fair-exhibitors: 63 (H26) → 68 (R1), 66 in H30, as of R1.
    // E(H30) = 63 + 5 × 4/5 = 67; achievement 3/5 = 60.0 %; expected
    // (67 − 63)/5 = 4/5 = 80.0 %; pace 3/4 = 75.0 %: below 95 %, at least
    // 60 %: at_risk. Stale: due years after H30 up to R1: one, below 2.
    let w = asaka();
    let out = w
        .ok(&["explain", "fair-exhibitors", "--width", "200"])
        .stdout;
    for line in [
        "  baseline: 63事業所 (H26)\n",
        "  target in force: 68事業所 (R1)\n",
        "  latest figure: 66事業所 (H30)\n",
        "  expected value: E(H30) = 63 + (68 − 63) × 4/5 = 67\n",
        "  achievement: (66 − 63) / (68 − 63) = 3/5 = 60.0%\n",
        "  expected by now: (67 − 63) / (68 − 63) = 4/5 = 80.0%\n",
        "  pace: (66 − 63) / (67 − 63) = 3/4 = 75.0%\n",
        "  gap to target: +1 × (68 − 66) = 2\n",
        "  status: at risk\n",
        "    on track: pace 75.0% < 95.0% → does not hold\n",
        "    at risk: pace 75.0% ≥ 60.0% → holds\n",
        "  staleness: not stale: due years y with H30 < y ≤ R1 − 0: 1 < stale_after 2\n",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    let wj = Workdir::new();
    copy_dir(&crate::common::asaka(), wj.path());
    let ja = wj
        .ok(&[
            "--lang",
            "ja",
            "explain",
            "fair-exhibitors",
            "--width",
            "200",
        ])
        .stdout;
    assert!(
        ja.contains("  達成率: (66 − 63) / (68 − 63) = 3/5 = 60.0%\n"),
        "{ja}"
    );
    // Staleness in words: R1 is the one due year after H30 (1 < 2).
    assert!(
        ja.contains(
            "  更新なし: 該当しない: 最新の実績（H30）より後、R1までに実績が出るはずの年度の数 1 < stale_after 2\n"
        ),
        "{ja}"
    );
    assert!(ja.contains("  状況: 要注意\n"), "{ja}");
    assert!(
        ja.contains("    要注意: pace 75.0% ≥ 60.0% → 該当\n"),
        "{ja}"
    );
    let doc = w
        .ok(&["explain", "fair-exhibitors", "--format", "json"])
        .json();
    assert_eq!(doc["achievement"]["fraction"], "3/5");
    assert_eq!(doc["achievement"]["value"], 0.6);
    assert_eq!(doc["pace"]["fraction"], "3/4");
    assert_eq!(doc["expected_value"]["value"], 67);
    assert_eq!(doc["status"]["name"], "at_risk");
    assert_eq!(doc["previous"], serde_json::Value::Null);
    let md = w
        .ok(&["explain", "fair-exhibitors", "--format", "markdown"])
        .stdout;
    assert!(
        md.starts_with("### あさか産業フェア参加事業所数 (fair-exhibitors)"),
        "{md}"
    );
    assert!(
        md.contains("- **achievement**: (66 − 63) / (68 − 63) = 3/5 = 60.0%\n"),
        "{md}"
    );
}

#[test]
fn a_decrease_kpi_counts_its_change_downwards() {
    // waiting-children: 47 (H26) → 0 (R1), 21 in R1: short at the target
    // year: missed. achievement (21 − 47) / (0 − 47) = 26/47 = 55.3 %.
    let w = asaka();
    let doc = w
        .ok(&["explain", "waiting-children", "--format", "json"])
        .json();
    assert_eq!(
        doc["achievement"]["expression"],
        "(21 − 47) / (0 − 47) = 26/47 = 55.3%"
    );
    assert_eq!(doc["gap"]["expression"], "−1 × (0 − 21) = 21");
    assert_eq!(doc["status"]["name"], "missed");
    let rules = doc["status"]["rules"].as_array().unwrap();
    assert_eq!(rules[1]["why"], "s × (a − t) = −1 × (21 − 0) = -21 < 0");
    assert_eq!(rules.last().unwrap()["status"], "missed");
    assert_eq!(rules.last().unwrap()["holds"], true);
}

/// KPI a: 10 (H26) → 20 (R1) with the given extra lines, a figure per year.
fn one_kpi(extra: &str, evaluation: &str, figures: &str) -> Workdir {
    let w = Workdir::new().english();
    let mut text = HEAD.to_string();
    text.push_str(&kpi_block("a"));
    text.push_str(extra);
    text.push_str(evaluation);
    w.plan(&text)
        .write("actuals/a.csv", format!("kpi,year,value\n{figures}"));
    w
}

#[test]
fn a_geometric_path_shows_its_power() {
    // E(H30) = 10 × (20/10)^(4/5) = 10 × 2^0.8 = 17.411…; a = 16:
    // pace (16 − 10) / (17.411 − 10) = 0.8095…: at_risk.
    let w = one_kpi("", "\n[evaluation]\npath = \"geometric\"\n", "a,2018,16\n");
    let doc = w.ok(&["explain", "a", "--format", "json"]).json();
    let e = doc["expected_value"]["expression"].as_str().unwrap();
    assert!(
        e.starts_with("E(FY2018) = 10 × (20 / 10)^(4/5) ≈ 17.411"),
        "{e}"
    );
    let pace = doc["pace"]["value"].as_f64().unwrap();
    assert!(
        (pace - 6.0 / (10.0 * 2f64.powf(0.8) - 10.0)).abs() < 1e-9,
        "{pace}"
    );
    assert_eq!(doc["status"]["name"], "at_risk");
}

#[test]
fn a_revised_target_names_the_revision_that_set_it() {
    // From H30 the target is 25 in R2: E(H30) = 10 + (25 − 10) × 4/6 = 20;
    // a = 19: achievement 9/15 = 3/5, pace 9/10 = 90.0 %: at_risk.
    let w = one_kpi(
        "revisions = [{ from = \"H30\", target = 25, target_year = \"R2\", note = \"上方修正\" }]\n",
        "",
        "a,2018,19\n",
    );
    let out = w.ok(&["explain", "a", "--width", "200"]).stdout;
    assert!(
        out.contains("  target in force: 25件 (FY2020) (revised: original target 20件 (FY2019), in force from FY2018: 上方修正)\n"),
        "{out}"
    );
    assert!(
        out.contains("  expected value: E(FY2018) = 10 + (25 − 10) × 4/6 = 20\n"),
        "{out}"
    );
    assert!(
        out.contains("  achievement: (19 − 10) / (25 − 10) = 3/5 = 60.0%\n"),
        "{out}"
    );
    assert!(
        out.contains("  pace: (19 − 10) / (20 − 10) = 9/10 = 90.0%\n"),
        "{out}"
    );
}

#[test]
fn a_banded_grade_says_why_each_earlier_band_did_not_match() {
    // a = 15 in H30: pace 5/8 = 62.5 %, achievement 1/2. Bands: A pace ≥ 1,
    // B pace ≥ 0.8, C achievement ≥ 0.5, D the rest: C.
    let bands = "\n[[evaluation.grade]]\nlabel = \"A\"\npace_at_least = 1.0\n[[evaluation.grade]]\nlabel = \"B\"\npace_at_least = 0.8\n[[evaluation.grade]]\nlabel = \"C\"\nachievement_at_least = 0.5\n[[evaluation.grade]]\nlabel = \"D\"\n";
    let w = one_kpi("", bands, "a,2018,15\n");
    let out = w.ok(&["explain", "a", "--width", "200"]).stdout;
    assert!(out.contains("  grade: C\n"), "{out}");
    assert!(
        out.contains("    A: pace 62.5% ≥ 100.0% → does not hold\n"),
        "{out}"
    );
    assert!(
        out.contains("    B: pace 62.5% ≥ 80.0% → does not hold\n"),
        "{out}"
    );
    assert!(
        out.contains("    C: achievement 50.0% ≥ 50.0% → holds\n"),
        "{out}"
    );
    assert!(!out.contains("    D:"), "{out}");
}

/// Every KPI's explanation against `kpi status --format json`, as of every
/// year from 2014 to 2021, in `dir` (a plan folder) of `w`.
fn agrees(w: &Workdir, dir: &Path) -> usize {
    let plan = dir.join("kpi.toml");
    let plan = plan.to_str().unwrap();
    let mut n = 0;
    for year in 2014..=2021 {
        let y = year.to_string();
        let status = w.run(&["--plan", plan, "status", "--format", "json", "--year", &y]);
        if status.code != Some(0) {
            continue; // a year before the plan's figures, or not begun
        }
        let status = status.json();
        for k in status["kpis"].as_array().unwrap() {
            let id = k["id"].as_str().unwrap();
            let args = [
                "--plan", plan, "explain", id, "--format", "json", "--year", &y,
            ];
            let e = w.ok(&args).json();
            let what = format!("{plan} {id} as of {y}");
            assert_eq!(e["status"]["name"], k["status"], "{what}");
            assert_eq!(e["grade"]["label"], k["grade"], "{what}");
            assert_eq!(
                e["achievement"]["value"].clone(),
                if k["achievement"].is_null() {
                    serde_json::Value::Null
                } else {
                    k["achievement"].clone()
                },
                "{what}"
            );
            let opt = |v: &serde_json::Value| v.clone();
            assert_eq!(
                e["pace"].get("value").map_or(serde_json::Value::Null, opt),
                k["pace"],
                "{what}"
            );
            assert_eq!(e["staleness"]["stale"], k["stale"], "{what}");
            // The rules end at the status the evaluation gave.
            let rules = e["status"]["rules"].as_array().unwrap();
            let last = rules.last().unwrap();
            assert_eq!(last["status"], k["status"], "{what}");
            assert_eq!(last["holds"], true, "{what}");
            n += 1;
        }
    }
    n
}

#[test]
fn explain_agrees_with_status_on_every_kpi_of_every_plan() {
    let w = Workdir::new().english();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_dir(&data, &w.path().join("data"));
    let mut n = 0;
    for plan in [
        "data/asaka",
        "data/revised-example",
        "data/asaka-workspace/plans/sousei-1",
        "data/asaka-workspace/plans/sousei-2",
        "data/asaka-workspace/plans/kodomo-2",
    ] {
        n += agrees(&w, &w.path().join(plan));
    }
    // The plans written in these tests, with grades, geometric paths,
    // revised targets, the target basis, decreases and schedules.
    let bands = "\n[[evaluation.grade]]\nlabel = \"A\"\npace_at_least = 1.0\n[[evaluation.grade]]\nlabel = \"B\"\nachievement_above = 0.5\nstatus = [\"at_risk\", \"off_track\"]\n[[evaluation.grade]]\nlabel = \"X\"\nstatus = [\"no_data\"]\n[[evaluation.grade]]\nlabel = \"C\"\n";
    let figures = "a,2015,11\na,2016,9\na,2017,14\na,2018,19\na,2019,21\n";
    for (extra, evaluation) in [
        ("", bands),
        ("", "\n[evaluation]\npath = \"geometric\"\n"),
        (
            "",
            "\n[evaluation]\nbasis = \"target\"\non_track = 1.0\nat_risk = 0.9\n",
        ),
        (
            "revisions = [{ from = \"H29\", target = 25, target_year = \"R2\" }]\n",
            bands,
        ),
        ("milestones = { H28 = 10 }\n", ""),
        ("frequency = 2\nlag = 1\n", ""),
        ("due_years = [\"H29\"]\n", bands),
    ] {
        let w = one_kpi(extra, evaluation, figures);
        n += agrees(&w, w.path());
    }
    let down = Workdir::new().english();
    let text = format!(
        "{HEAD}{}",
        kpi_block("d").replace("value = 10, year", "value = 40, year")
    );
    down.plan(&text).write(
        "actuals/d.csv",
        "kpi,year,value\nd,2016,35\nd,2017,42\nd,2018,25\nd,2019,21\n",
    );
    n += agrees(&down, down.path());
    assert!(n > 300, "{n} explanations compared");
}
