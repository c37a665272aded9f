//! Every plan the repository holds reads the same through `kpi`'s reader
//! (`toml_parser`, section by section) as through the `toml` crate's
//! whole-document reading (docs/plan-reader.md): the seed plan, the blank
//! plan `kpi init` writes, the generator's plans, and every plan (or piece
//! of one) written as a string in a test or in the source.
//!
//! "The same" is the whole result of `load_str`: the plan with every field,
//! or the problems with their lines, columns, messages and hints. Each is
//! also read in pieces at once, as a large plan is (plan/split.rs).

use std::fs;
use std::path::{Path, PathBuf};

use kpi::plan::{load_str_in_pieces, load_str_via, Via};

const PLAN_PATH: &str = "/plans/kpi.toml";

/// Panics unless `text` reads through the reader exactly as through the
/// `toml` crate; true when it is a plan without errors.
fn same_through_both(text: &str, what: &str) -> bool {
    let path = Path::new(PLAN_PATH);
    let ours = load_str_via(path, text, Via::Parser);
    let toml = load_str_via(path, text, Via::Toml);
    // `Debug` shows every field, decimals with their scale, which `==`
    // does not compare (`50.0 == 50`).
    assert_eq!(
        format!("{ours:#?}"),
        format!("{toml:#?}"),
        "{what} reads differently through the reader:\n{text}"
    );
    // Read in pieces at once, as a large plan is, it is the same again.
    for pieces in [2, 3, 4] {
        assert_eq!(
            format!("{:#?}", load_str_in_pieces(path, text, pieces)),
            format!("{ours:#?}"),
            "{what} reads differently in {pieces} pieces:\n{text}"
        );
    }
    ours.is_ok()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_seed_plan_and_the_blank_plan_load_and_the_same() {
    for file in ["data/asaka/kpi.toml", "src/init/blank.toml"] {
        let text = fs::read_to_string(root().join(file)).unwrap();
        assert!(same_through_both(&text, file), "{file} does not load");
        // With CRLF line ends, as a plan saved on Windows has.
        let crlf = text.replace('\n', "\r\n");
        assert!(
            same_through_both(&crlf, file),
            "{file} does not load (CRLF)"
        );
    }
}

#[test]
fn generated_plans_load_and_the_same() {
    for (kpis, seed) in [(300, 1), (300, 20240401), (1000, 7)] {
        let dir = tempfile::tempdir().unwrap();
        crate::gen::generate(&crate::gen::Args {
            kpis,
            years: 2,
            out: dir.path().to_path_buf(),
            seed,
        })
        .unwrap();
        let text = fs::read_to_string(dir.path().join("kpi.toml")).unwrap();
        let what = format!("the generated plan of {kpis} KPIs, seed {seed}");
        assert!(same_through_both(&text, &what), "{what} does not load");
        // And the plan loads, with as many KPIs as asked for.
        let (plan, _) = load_str_via(Path::new(PLAN_PATH), &text, Via::Parser).unwrap();
        assert_eq!(plan.kpis.len(), kpis);
    }
}

#[test]
fn the_test_plans_built_from_pieces_are_the_same() {
    let head = crate::common::HEAD;
    for (text, loads) in [
        (format!("{head}{}", crate::common::kpi_block("a")), true),
        (
            format!(
                "{head}{}{}",
                crate::common::kpi_block("a"),
                crate::common::kpi_block("a")
            ),
            false,
        ),
        (format!("{head}{}", crate::common::kpi_block("人口")), false),
        (head.to_string(), true),
    ] {
        assert_eq!(same_through_both(&text, "a test plan"), loads, "{text}");
    }
}

#[test]
fn every_plan_written_in_a_test_or_the_source_is_the_same() {
    let (mut valid, mut loaded) = (0, 0);
    for dir in ["tests", "src", "examples", "benches"] {
        for file in rust_files(&root().join(dir)) {
            let source = fs::read_to_string(&file).unwrap();
            for literal in string_literals(&source) {
                for text in candidates(&literal) {
                    let loads = same_through_both(&text, &file.display().to_string());
                    if text.contains("[plan]") && !syntax_error(&text) {
                        valid += 1;
                        loaded += usize::from(loads);
                    }
                }
            }
        }
    }
    // The scan must find the plans the tests are made of: some that load
    // and some with problems to report (42 and 50 of 92 when this was written).
    assert!(valid >= 60, "only {valid} plans found in the sources");
    assert!(
        loaded >= 30 && valid - loaded >= 30,
        "{loaded} of the {valid} valid plans in the sources load"
    );
}

/// The plans a string literal holds: itself, if it looks like a plan or a
/// piece of one; a piece after `crate::common::HEAD`, as the command-line tests
/// use them; a `format!` template with its braces unescaped.
fn candidates(literal: &str) -> Vec<String> {
    const MARKS: &[&str] = &[
        "[plan]",
        "[[kpi]]",
        "[[goal]]",
        "[[measure]]",
        "[evaluation]",
    ];
    if !MARKS.iter().any(|m| literal.contains(m)) {
        return Vec::new();
    }
    let mut out = vec![literal.to_string()];
    if literal.contains("{{") {
        out.push(literal.replace("{{", "{").replace("}}", "}"));
    }
    if !literal.contains("[plan]") {
        for text in out.clone() {
            out.push(format!("{}{text}", crate::common::HEAD));
        }
    }
    out
}

fn syntax_error(text: &str) -> bool {
    match load_str_via(Path::new(PLAN_PATH), text, Via::Toml) {
        Err(problems) => problems
            .0
            .iter()
            .any(|p| p.message.starts_with("TOML syntax error")),
        _ => false,
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The string literals of Rust source, decoded: `"…"` with its escapes, and
/// raw `r"…"`, `r#"…"#`. Comments and character literals are skipped.
fn string_literals(source: &str) -> Vec<String> {
    let s: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            '/' if s.get(i + 1) == Some(&'/') => {
                while i < s.len() && s[i] != '\n' {
                    i += 1;
                }
            }
            '/' if s.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < s.len() && !(s[i] == '*' && s[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            // A character literal (`'"'`, `'\''`), or a lifetime.
            '\'' => {
                if s.get(i + 1) == Some(&'\\') {
                    i += 2;
                    while i < s.len() && s[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if s.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' if (i == 0 || !is_ident(s[i - 1])) && matches!(s.get(i + 1), Some('"' | '#')) => {
                let mut j = i + 1;
                let mut hashes = 0;
                while s.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if s.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start = j + 1;
                let mut k = start;
                while k < s.len() {
                    if s[k] == '"' && (1..=hashes).all(|h| s.get(k + h) == Some(&'#')) {
                        break;
                    }
                    k += 1;
                }
                out.push(s[start..k.min(s.len())].iter().collect());
                i = k + 1 + hashes;
            }
            '"' => {
                let (text, end) = escaped(&s, i + 1);
                out.push(text);
                i = end;
            }
            c if is_ident(c) => {
                while i < s.len() && is_ident(s[i]) {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A `"…"` literal from `i` (just past its quote): its text and where it ends.
fn escaped(s: &[char], mut i: usize) -> (String, usize) {
    let mut text = String::new();
    while i < s.len() && s[i] != '"' {
        if s[i] != '\\' {
            text.push(s[i]);
            i += 1;
            continue;
        }
        i += 1;
        match s.get(i) {
            Some('n') => text.push('\n'),
            Some('r') => text.push('\r'),
            Some('t') => text.push('\t'),
            Some('0') => text.push('\0'),
            Some('x') => {
                let hex: String = s[i + 1..i + 3].iter().collect();
                text.push(char::from(u8::from_str_radix(&hex, 16).unwrap_or(b'?')));
                i += 2;
            }
            Some('u') => {
                let close = (i..s.len()).find(|&k| s[k] == '}').unwrap_or(i);
                let hex: String = s[i + 2..close].iter().collect();
                let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                text.push(c.unwrap_or('?'));
                i = close;
            }
            // A line continued: the line end and the next line's indent go.
            Some('\n') => {
                while s.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                    i += 1;
                }
            }
            Some(&c) => text.push(c),
            None => {}
        }
        i += 1;
    }
    (text, i + 1)
}
