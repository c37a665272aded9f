//! Properties of `kpi import` and `kpi template`, run in-process over many
//! generated files: the same file twice changes nothing; a template filled
//! in and imported gives back exactly the figures written.

use std::str::FromStr;

use crate::common::import::{cp932, utf8_bom, workdir};
use crate::common::Workdir;
use kpi::cli::{ColorArg, GlobalArgs, LangArg};
use kpi::cmd::import::{self, ImportArgs};
use kpi::render::Lang;
use kpi::year::FiscalYear;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn global(work: &Workdir) -> GlobalArgs {
    GlobalArgs {
        plan: Some(work.file("kpi.toml")),
        lang: Some(LangArg::En), // the summary is read in English below
        color: ColorArg::Never,
        ascii: false,
        width: None,
        workspace: None,
        all: false,
        members: Vec::new(),
    }
}

/// Import `files` in-process; stdout, or the error's text.
fn import(work: &Workdir, files: &[&str]) -> Result<String, String> {
    let args = ImportArgs {
        files: files.iter().map(|f| work.file(f)).collect(),
        sheet: None,
        encoding: None,
        year: None,
        replace: false,
        dry_run: false,
    };
    let mut out = Vec::new();
    let settings = args.settings().map_err(|e| e.to_string())?;
    // Decided as `kpi` decides them: the command line, then the environment.
    let global = kpi::settings::Settings::new(&global(work), kpi::settings::env());
    match import::run(&global, &settings, &mut out) {
        Ok(_) => Ok(String::from_utf8(out).unwrap()),
        Err(kpi::error::Error::Invalid(p)) => Err(format!("{p:?}")),
        Err(e) => Err(e.to_string()),
    }
}

/// A figure as an office might write it: the value, and its text in one of
/// the accepted forms. `unit` is the KPI's unit.
fn written(
    int: u32,
    frac: Option<u16>,
    negative: bool,
    form: usize,
    unit: Option<&str>,
) -> (Decimal, String) {
    let digits = match frac {
        Some(f) => format!("{int}.{:02}", f % 100),
        None => int.to_string(),
    };
    let plain = if negative && int > 0 {
        format!("-{digits}")
    } else {
        digits
    };
    let value = Decimal::from_str(&plain).unwrap();
    let grouped = kpi::value::grouped(value.abs(), value.scale());
    let sign = if value.is_sign_negative() {
        ["-", "△", "▲"][form % 3]
    } else {
        ""
    };
    let wide: String = grouped
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    let unit = unit.unwrap_or("");
    let text = match form % 5 {
        0 => plain.clone(),
        1 => format!("\"{sign}{grouped}\""),
        2 => format!("{sign}{wide}"),
        3 => format!("\" {sign}{grouped}{unit} \""),
        _ => format!("\"{sign}{grouped} {unit}\""),
    };
    (value, text)
}

fn quoted(note: &str) -> String {
    format!("\"{}\"", note.replace('"', "\"\""))
}

/// Note text: what CP932 adds, commas, quotes, a formula start, line breaks.
fn note() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        proptest::string::string_regex("[a-z①㈱髙あ漢,\"= \n-]{0,12}[a-z①㈱髙]")
            .unwrap()
            .prop_filter("no leading space", |s| !s.starts_with([' ', '\n'])),
    )
}

/// One KPI's figure: (int, cents, negative, form, note), or no figure.
type Cell = Option<(u32, Option<u16>, bool, usize, Option<String>)>;

fn cell() -> impl Strategy<Value = Cell> {
    proptest::option::of((
        0u32..5_000_000,
        proptest::option::of(0u16..100),
        any::<bool>(),
        0usize..5,
        note(),
    ))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    #[test]
    fn a_filled_template_imports_back_exactly(
        cells in proptest::collection::vec(cell(), 4),
        encoding in 0usize..3,
        lang_ja: bool,
        // Years after the plan's (2019) import with a warning; none may be
        // a year not begun by the clock of the machine that runs this.
        year in 2015i32..2026,
    ) {
        let work = workdir();
        let (plan, _) = kpi::plan::load(&work.file("kpi.toml")).unwrap();
        let lang = if lang_ja { Lang::Ja } else { Lang::En };
        let sheet = kpi::render::template::sheet(&plan, &[0, 1, 2, 3], FiscalYear(year), None, lang);
        let mut lines: Vec<String> = sheet.split("\r\n").map(str::to_string).collect();
        let mut expected = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            let Some((int, frac, negative, form, note)) = cell else { continue };
            // startups is a running total from 10: keep it above.
            let int = if i == 2 { int + 10 } else { *int };
            let negative = *negative && i != 2;
            let (value, text) = written(int, *frac, negative, *form, plan.kpis[i].unit.as_deref());
            let line = &mut lines[2 + i];
            // The value, note and 区分 cells are empty; 区分 stays so (final).
            prop_assert!(line.ends_with(",,,"));
            line.truncate(line.len() - 3);
            line.push_str(&format!(",{text},{},", note.as_deref().map(quoted).unwrap_or_default()));
            expected.push((i, value, note.clone()));
        }
        let filled = lines.join("\r\n");
        let bytes = match encoding {
            0 => filled.into_bytes(),
            1 => utf8_bom(&filled),
            _ => cp932(&filled),
        };
        work.write("filled.csv", bytes);
        import(&work, &["filled.csv"]).map_err(TestCaseError::fail)?;
        let (ledger, _) = kpi::ledger::read(&plan).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let mut got = Vec::new();
        for (i, series) in ledger.series.iter().enumerate() {
            for (y, actual) in series {
                prop_assert_eq!(y.0, year);
                got.push((i, actual.value, actual.note.clone()));
            }
        }
        prop_assert_eq!(&got, &expected);
        // Exactly, scale too: 12.50 stays 12.50.
        for ((_, a, _), (_, b, _)) in got.iter().zip(&expected) {
            prop_assert_eq!(a.to_string(), b.to_string());
        }
    }

    #[test]
    fn importing_the_same_file_twice_changes_nothing(
        rows in proptest::collection::vec((0usize..4, 2015i32..2022, 10u32..100_000, 0usize..5), 1..30),
        wide: bool,
        encoding in 0usize..3,
        existing in proptest::collection::vec((0usize..4, 2015i32..2022, 10u32..100_000), 0..10),
    ) {
        let work = workdir();
        let (plan, _) = kpi::plan::load(&work.file("kpi.toml")).unwrap();
        let ids = ["visitors", "rate", "startups", "balance"];
        // A ledger already there, running totals kept rising.
        let mut ledger = String::from("kpi,year,value\n");
        let mut seen = std::collections::BTreeSet::new();
        for (k, y, v) in &existing {
            if seen.insert((*k, *y)) && *k != 2 {
                ledger.push_str(&format!("{},{y},{v}\n", ids[*k]));
            }
        }
        work.write("actuals/old.csv", &ledger);
        // The import: each (KPI, year) once, not clashing with the ledger.
        let mut text = String::new();
        let mut pairs = std::collections::BTreeMap::new();
        for (k, y, v, form) in &rows {
            if seen.contains(&(*k, *y)) {
                continue;
            }
            let v = if *k == 2 { 1000 + (*y as u32) * 10 } else { *v };
            pairs.entry((*k, *y)).or_insert_with(|| written(v, None, false, *form, plan.kpis[*k].unit.as_deref()).1);
        }
        prop_assume!(!pairs.is_empty());
        if wide {
            let years: std::collections::BTreeSet<i32> = pairs.keys().map(|(_, y)| *y).collect();
            text.push_str("指標");
            for y in &years {
                text.push_str(&format!(",{}", FiscalYear(*y).label_ja(kpi::year::YearStyle::Era)));
            }
            text.push('\n');
            for (k, id) in ids.iter().enumerate() {
                text.push_str(id);
                for y in &years {
                    text.push(',');
                    text.push_str(pairs.get(&(k, *y)).map_or("", String::as_str));
                }
                text.push('\n');
            }
        } else {
            text.push_str("タイトル\n\nKPI,年度,実績値\n");
            for ((k, y), v) in &pairs {
                text.push_str(&format!("{},H{},{v}\n", plan.kpis[*k].name, y - 1988));
            }
        }
        let bytes = match encoding {
            0 => text.into_bytes(),
            1 => utf8_bom(&text),
            _ => cp932(&text),
        };
        work.write("in.csv", bytes);
        let first = import(&work, &["in.csv"]).map_err(TestCaseError::fail)?;
        prop_assert!(first.contains(&format!("total   {:>7}", pairs.len())), "{}", first);
        let after_first = work.ledger();
        let second = import(&work, &["in.csv"]).map_err(TestCaseError::fail)?;
        prop_assert!(second.contains("nothing to write"), "{}", second);
        prop_assert!(second.contains(&format!("0 added, {} unchanged, 0 replaced", pairs.len())), "{}", second);
        prop_assert_eq!(work.ledger(), after_first);
        kpi::ledger::read(&plan).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
    }
}
