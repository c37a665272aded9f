//! The property of issue 12: for random ledgers with one random byte of one
//! file changed, `kpi validate` never panics, and either reports a problem
//! (exit 2, or a warning) or reads exactly one figure for every non-blank,
//! non-comment data line with a value, so that no row can vanish into
//! another (as every row after an unterminated quote once did).

use proptest::prelude::*;

use crate::common::import::workdir;
use crate::common::Workdir;

const IDS: [&str; 4] = ["visitors", "rate", "startups", "balance"];

/// A ledger file's text: a header, rows of (KPI, year, value, note), and a
/// comment or blank line now and then. startups is a running total from
/// 10: its values rise with the year.
fn ledger_text(rows: &[(usize, i32, u32, u8)], crlf: bool) -> String {
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut text = format!("# 例示{nl}kpi,year,value,note{nl}");
    let mut seen = std::collections::BTreeSet::new();
    for &(k, year, value, extra) in rows {
        if !seen.insert((k, year)) {
            continue;
        }
        let value = if k == 2 {
            10 + (year - 2014) as u32 * 5
        } else {
            value
        };
        let note = match extra % 5 {
            0 => "",
            1 => "速報値",
            2 => "\"a, b\"",
            3 => "\"say \"\"hi\"\"\"",
            _ => "2 withdrew",
        };
        text.push_str(&format!("{},{year},{value},{note}{nl}", IDS[k]));
        match extra % 7 {
            0 => text.push_str(nl),
            1 => text.push_str(&format!("# note{nl}")),
            _ => {}
        }
    }
    text
}

/// The fields of each physical line that is not blank and not a comment,
/// split at commas outside quotes, trimmed. A quote is read within its line
/// only: a line inside a quoted field that runs over several lines is taken
/// as a line of its own, so that a row swallowed into such a field still
/// counts here, and validate must say so.
fn line_fields(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    for line in text.split(['\n', '\r']) {
        if line.starts_with('#') {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars().peekable();
        let mut quoted = false;
        let mut at_start = true;
        while let Some(c) = chars.next() {
            match c {
                '"' if at_start => {
                    quoted = true;
                    at_start = false;
                }
                '"' if quoted => {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                }
                ',' if !quoted => {
                    fields.push(field.trim().to_string());
                    field.clear();
                    at_start = true;
                }
                c => {
                    field.push(c);
                    at_start = false;
                }
            }
        }
        fields.push(field.trim().to_string());
        if fields.iter().all(String::is_empty) {
            continue;
        }
        records.push(fields);
    }
    records
}

/// Data lines with a value: lines after the header whose third field is
/// not empty.
fn figures_expected(text: &str) -> usize {
    line_fields(text)
        .iter()
        .skip(1)
        .filter(|r| r.get(2).is_some_and(|v| !v.is_empty()))
        .count()
}

/// The figure count `kpi validate` reports, when it reports no problem.
fn validated(work: &Workdir) -> Result<Option<usize>, String> {
    let run = work.run(&["validate"]);
    match run.code {
        Some(0) => {}
        Some(2) => {
            if !run.stdout.is_empty() || !run.stderr.lines().any(|l| l.starts_with("error: ")) {
                return Err(format!("exit 2 must be an error alone; {run}"));
            }
            return Ok(None);
        }
        _ => return Err(format!("validate must exit 0 or 2, never panic; {run}")),
    }
    if !run.stderr.is_empty() {
        return Ok(None); // a warning: a problem reported
    }
    let figures = run
        .stdout
        .split("; ledger: ")
        .nth(1)
        // `1 file, 4 figures` or `2 files, 9 figures` (one is singular).
        .and_then(|rest| rest.split(", ").nth(1))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no figure count; {run}"))?;
    Ok(Some(figures))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn one_corrupt_byte_is_reported_or_loses_no_row(
        files in proptest::collection::vec(
            (proptest::collection::vec((0usize..4, 2015i32..2020, 0u32..100_000, any::<u8>()), 1..12), any::<bool>()),
            1..4,
        ),
        which in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        // Half the time the byte lands where a field starts, where a quote
        // opens a quoted field (the case that swallowed rows).
        at_field_start: bool,
        byte in prop_oneof![
            Just(b'"'), Just(b'"'), Just(b'"'),
            Just(b','), Just(b'\n'), Just(b'\r'), Just(b'#'), Just(b' '),
            Just(b'0'), Just(b'9'), Just(b'-'), Just(b'.'), Just(0u8), Just(0x1b), Just(0xff),
            Just(0xe3), any::<u8>(),
        ],
    ) {
        let work = workdir();
        let mut texts: Vec<Vec<u8>> = files
            .iter()
            .map(|(rows, crlf)| ledger_text(rows, *crlf).into_bytes())
            .collect();
        let file = which.index(texts.len());
        let starts: Vec<usize> = (0..texts[file].len())
            .filter(|&i| i == 0 || matches!(texts[file][i - 1], b',' | b'\n'))
            .collect();
        let place = if at_field_start {
            starts[at.index(starts.len())]
        } else {
            at.index(texts[file].len())
        };
        texts[file][place] = byte;
        let mut expected = 0;
        let mut text = true;
        for (i, bytes) in texts.iter().enumerate() {
            work.write(&format!("actuals/{}.csv", 2015 + i), bytes);
            match std::str::from_utf8(bytes) {
                Ok(t) => expected += figures_expected(t),
                Err(_) => text = false,
            }
        }
        let seen = validated(&work).map_err(TestCaseError::fail)?;
        if let Some(figures) = seen {
            prop_assert!(text, "validate took a file that is not UTF-8");
            prop_assert_eq!(
                figures, expected,
                "validate read {} figures where the files have {} data lines with a value:\n{}",
                figures, expected,
                String::from_utf8_lossy(&texts[file])
            );
        }
    }
}
