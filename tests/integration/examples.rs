//! The invented examples in data/ agree with their own notes (issue 25,
//! item 16): where a note or a comment states a figure, the figure is read
//! and compared with the plan and the ledger. What is covered, by pattern:
//!
//! - a revision's note `R3に当初目標を達成…` (any era year): the ledger's
//!   figure for that year reaches the original target;
//! - a comment `# the ledger's R1 figure` on a `baseline = { value = X }`
//!   line: the ledger holds X for the KPI's series in that year;
//! - a comment `no figure for R1 in the ledger` in a KPI's block: it holds none;
//! - a comment `sousei-1's target X (R1)` or `carried sousei-1's X`: the
//!   predecessor's KPI of the same series has target X;
//! - a comment `# printed 2,788人` on a value's line: the value is 2788.
//!
//! Notes that state no figure (`4月1日現在`, `速報値`, review texts) are not
//! read. Every pattern must be met at least once, so that a reworded note
//! cannot make the test pass by matching nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;

/// Figures by series id and western year.
type Ledger = BTreeMap<(String, i32), f64>;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// `R3` → 2021, `H30` → 2018.
fn western(era: &str, n: &str) -> i32 {
    let n: i32 = n.parse().unwrap();
    match era {
        "R" => 2018 + n,
        "H" => 1988 + n,
        _ => panic!("era {era}"),
    }
}

/// Every `.csv` in `folder`: `kpi,year,value,…` rows, `#` lines skipped.
fn ledger(folder: &Path) -> Ledger {
    let mut out = Ledger::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            if let [kpi, year, value, ..] = cells[..] {
                out.insert(
                    (kpi.to_string(), year.parse().unwrap()),
                    value.parse().unwrap(),
                );
            }
        }
    }
    out
}

/// Every plan under data/ with the ledger its figures are in.
fn plans() -> Vec<(PathBuf, Ledger)> {
    let mut out = Vec::new();
    for name in ["asaka", "revised-example", "evaluation-example"] {
        let dir = data().join(name);
        out.push((dir.join("kpi.toml"), ledger(&dir.join("actuals"))));
    }
    let ws = data().join("asaka-workspace");
    for member in std::fs::read_dir(ws.join("plans")).unwrap() {
        let dir = member.unwrap().path();
        out.push((dir.join("kpi.toml"), ledger(&ws.join("ledger"))));
    }
    out
}

/// Each `[[kpi]]` of a plan by id: its series and its table.
fn kpis(plan: &Path) -> BTreeMap<String, (String, toml::Value)> {
    let doc: toml::Table = toml::from_str(&std::fs::read_to_string(plan).unwrap()).unwrap();
    doc["kpi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let id = k["id"].as_str().unwrap().to_string();
            let series = k.get("indicator").and_then(|i| i.as_str()).unwrap_or(&id);
            (id.clone(), (series.to_string(), k.clone()))
        })
        .collect()
}

fn number(v: &toml::Value) -> f64 {
    v.as_float()
        .or_else(|| v.as_integer().map(|i| i as f64))
        .unwrap()
}

#[test]
fn every_example_agrees_with_the_figures_its_notes_state() {
    let reached = Regex::new(r"([RH])(\d+)に当初目標を達成").unwrap();
    let ledger_figure =
        Regex::new(r"value = ([\d.]+) \}.*# the ledger's ([RH])(\d+) figure").unwrap();
    let no_figure = Regex::new(r"no figure for ([RH])(\d+) in the ledger").unwrap();
    let predecessor =
        Regex::new(r"(?:sousei-1's target ([\d.]+) \(|carried sousei-1's ([\d.]+)\))").unwrap();
    let printed = Regex::new(r"value = ([\d.]+)[ ,}].*# printed ([\d,.]+)").unwrap();
    let sousei1 = kpis(&data().join("asaka-workspace/plans/sousei-1/kpi.toml"));
    let mut met = [0usize; 5];
    for (plan, ledger) in plans() {
        let text = std::fs::read_to_string(&plan).unwrap();
        let of_plan = kpis(&plan);
        // Revision notes, read from the parsed plan.
        for (id, (series, k)) in &of_plan {
            let Some(revisions) = k.get("revisions").and_then(|r| r.as_array()) else {
                continue;
            };
            let original = number(&k["target"]["value"]);
            let higher = original >= number(&k["baseline"]["value"]);
            for r in revisions {
                let note = r.get("note").and_then(|n| n.as_str()).unwrap_or("");
                for c in reached.captures_iter(note) {
                    let year = western(&c[1], &c[2]);
                    let figure = ledger.get(&(series.clone(), year)).copied();
                    let ok =
                        figure.is_some_and(|f| if higher { f >= original } else { f <= original });
                    assert!(ok, "{}: {id}: the note says `{note}`, but the ledger's {}{} figure is {figure:?} against the original target {original}", plan.display(), &c[1], &c[2]);
                    met[0] += 1;
                }
            }
        }
        // Comments, line by line within each [[kpi]] block.
        let mut current: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            let at = format!("{}:{}", plan.display(), n + 1);
            if line.trim() == "[[kpi]]" {
                current = None;
            }
            if let Some(id) = line
                .strip_prefix("id = \"")
                .and_then(|r| r.split('"').next())
            {
                if of_plan.contains_key(id) {
                    current = Some(id.to_string());
                }
            }
            // The header's comments explain the patterns; only a KPI's own are read.
            let Some(id) = &current else { continue };
            let series = || of_plan[id].0.clone();
            if let Some(c) = ledger_figure.captures(line) {
                let year = western(&c[2], &c[3]);
                let stated: f64 = c[1].parse().unwrap();
                assert_eq!(ledger.get(&(series(), year)), Some(&stated), "{at}: {line}");
                met[1] += 1;
            }
            if let Some(c) = no_figure.captures(line) {
                let year = western(&c[1], &c[2]);
                assert_eq!(ledger.get(&(series(), year)), None, "{at}: {line}");
                met[2] += 1;
            }
            for c in predecessor.captures_iter(line) {
                let stated: f64 = c.get(1).or(c.get(2)).unwrap().as_str().parse().unwrap();
                let s = series();
                let (_, old) = sousei1
                    .values()
                    .find(|(series, _)| *series == s)
                    .unwrap_or_else(|| panic!("{at}: sousei-1 has no KPI on {s}"));
                assert_eq!(number(&old["target"]["value"]), stated, "{at}: {line}");
                met[3] += 1;
            }
            if let Some(c) = printed.captures(line) {
                let value: f64 = c[1].parse().unwrap();
                let shown: f64 = c[2].replace(',', "").trim_end_matches('.').parse().unwrap();
                assert_eq!(value, shown, "{at}: {line}");
                met[4] += 1;
            }
        }
    }
    assert!(
        met.iter().all(|&m| m > 0),
        "a pattern matched nothing: {met:?}"
    );
}
