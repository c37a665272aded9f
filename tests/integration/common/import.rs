//! The import tests' fixtures: a plan whose names CP932 and spreadsheets
//! make hard, and a text in each encoding `kpi import` detects.

use super::Workdir;

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

/// A folder holding `PLAN`.
pub fn workdir() -> Workdir {
    workdir_with(PLAN)
}

/// A folder holding `plan`, where `kpi` runs with LANG=C, as the import
/// tests always ran it.
pub fn workdir_with(plan: &str) -> Workdir {
    Workdir::with_plan(plan).env("LANG", "C")
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
