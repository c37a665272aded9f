//! The fast reader against the `toml` crate: every form it takes gives the
//! same tree, spans included; every form it gives up on is named here.

mod differential;
mod grammar;

use toml::de::DeTable;

use super::sections;
use crate::plan::tree::{Node, Section, Table, Value};

/// The fast reader's sections put back together into the document's root
/// table, as the `toml` crate builds it; `None` if it gave up.
pub(super) fn fast_tree(text: &str) -> Option<Table<'_>> {
    let mut root = Table::default();
    sections(text, |section| {
        match section {
            Section::Whole { key, node } => root.entries.push((key, node)),
            Section::Item { key, first, node } => {
                if first {
                    let array = Node {
                        span: node.span.clone(),
                        value: Value::Array(vec![node]),
                    };
                    root.entries.push((key, array));
                } else {
                    let (_, array) = root.entries.iter_mut().find(|(k, _)| k.name == key.name)?;
                    let Value::Array(items) = &mut array.value else {
                        return None;
                    };
                    items.push(node);
                }
            }
        }
        Some(())
    })?;
    Some(root)
}

/// The `toml` crate's tree; `None` if it finds any error.
pub(super) fn toml_tree(text: &str) -> Option<Table<'_>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    errors.is_empty().then(|| Table::from(root.into_inner()))
}

/// The fast reader takes `text`, and reads it exactly as the `toml` crate does.
#[track_caller]
fn same(text: &str) {
    let fast = fast_tree(text);
    assert!(fast.is_some(), "the fast reader gave up on {text:?}");
    assert_eq!(fast, toml_tree(text), "{text:?}");
}

/// The fast reader gives up on `text`.
#[track_caller]
fn gives_up(text: &str) {
    assert_eq!(fast_tree(text), None, "the fast reader took {text:?}");
}

#[test]
fn a_plan_with_every_table() {
    same(concat!(
        "# 朝霞市 まち・ひと・しごと創生総合戦略\n",
        "[plan]\n",
        "title = \"朝霞市\"  # the city\n",
        "fiscal_year_start = 4\n",
        "actuals = [\"actuals\", 'more']\n",
        "\n",
        "[evaluation]\n",
        "on_track = 0.95\n",
        "[[evaluation.grade]]\n",
        "label = \"A\"\n",
        "status = [\"achieved\",]\n",
        "[[ \"evaluation\" . grade ]]\n",
        "label = 'B'\n",
        "[[goal]]\n",
        "id = \"1\"\n",
        "[[kpi]]\n",
        "baseline = { value = 40.7, year = \"H26\" }\n",
        "target = { value = 50.0 }\n",
        "milestones = { H30 = 19, \"FY2016\" = 15 }\n",
        "measures = [\n  \"1.1\", # first\n  \"1.2\",\n]\n",
        "[[kpi]]\n",
        "id = \"k2\"",
    ));
}

#[test]
fn strings_with_every_escape() {
    same(r#"a = "\b\t\n\f\r\"\\ \e \x41 \u00e9 \U0001F600 é 朝""#);
    same("a = \"tab\there\"\nb = 'lit \\n \"q\" \ttab'\nc = \"\"\nd = ''\n");
    // Quoted keys, with escapes too.
    same("\"a b\" = 1\n'c.d' = 2\n\"\\u0065\" = 3\n\"\" = 4\n");
}

#[test]
fn multi_line_strings_as_the_toml_crate_decodes_them() {
    for text in [
        // The line end after the opening quotes goes; others stay, CRLF too.
        "a = \"\"\"\n朝霞市\nの計画\n\"\"\"",
        "a = \"\"\"\r\nx\r\ny\"\"\"",
        "a = \"\"\"\"\"\"\nb = \"\"\"\n\"\"\"\nc = \"\"\"\n\n\"\"\"",
        // Up to two quotes inside, and right before the closing ones.
        "a = \"\"\"a \"q\" \"\"qq\"\" b\"\"\"",
        "a = \"\"\"x\"\"\"\"\nb = \"\"\"x\"\"\"\"\"\nc = \"\"\"\"x\"\"\"",
        // Escapes, and a `\` that ends a line.
        "a = \"\"\"\\t\\u00e9\\\"\"\"\\\\\"\"\"",
        "a = \"\"\"one \\\n    two \\   \r\n\n\t  three\"\"\"",
        "a = \"\"\"\\\n\"\"\"",
        // Literal ones: as written, quotes and backslashes too.
        "a = '''\nC:\\dir\\ 'q' ''qq''\r\nend'''",
        "a = '''x''''\nb = '''x'''''\nc = ''''''",
        "a = [\"\"\"\nx\"\"\", '''y''']\nb = { c = \"\"\"z\"\"\" }",
    ] {
        same(text);
    }
}

#[test]
fn numbers_keep_their_text_less_underscores() {
    same("a = 0\nb = -0\nc = +7\nd = 1_000\ne = 50.0\nf = -1.5E-3\ng = 0e3\nh = 1e+9\ni = 3.141_592\nj = 99999999999999999999999\n");
    same("a = true\nb = false\n");
}

#[test]
fn arrays_and_inline_tables_nest_span_lines_and_hold_comments() {
    same("a = []\nb = [ ]\nc = [\n]\nd = [ # c\n]\ne = [[1, 2], [\"x\"], [{ y = 1 }]]\n");
    same("a = [1\n,2]\nb = [ 1 , 2 , ]\nc = [\n  1, # one\n  # between\n  2,\n]\n");
    same("a = {}\nb = { }\nc = { x = 1, y = { z = [1, 2] } }\nd = { x = 1, }\n");
    same("a = {\n  x = 1, # c\n  y = 2\n}\n");
}

#[test]
fn blanks_comments_and_line_ends() {
    same("\n\n  \t\n# only comments\n#\n");
    same("a = 1\r\nb = 2\r\n# c\r\n[t]\r\n");
    same("  [ t ]  # c\n\tx = 1\t# c\t\n");
    same("a=1#c\nb=\"x\"#c");
    same("");
}

#[test]
fn sub_tables_under_their_table() {
    same("[a]\nx = 1\n[a.b]\ny = 2\n[a.c]\n[[a.d]]\nz = 1\n[[a.d]]\n[e]\n");
    same("[[k]]\nx = 1\n[[k]]\n[[k]]\ny = 2\n");
}

#[test]
fn gives_up_on_what_it_does_not_read() {
    for text in [
        // Dates and times, other numbers.
        "a = 1979-05-27",
        "a = 07:32:00",
        "a = 1979-05-27T07:32:00Z",
        "a = 0x1F",
        "a = 0o7",
        "a = 0b1",
        "a = inf",
        "a = -nan",
        // Dotted keys, deep or scattered tables, tables under arrays of tables.
        "a.b = 1",
        "a = { b.c = 1 }",
        "[a.b.c]",
        "[a.b]\n[a]",
        "[a]\n[b]\n[a.c]",
        "[[a]]\n[a.b]",
        // A line end between a key and its `=` (which TOML does not allow,
        // but the `toml` crate takes).
        "a = { x\n= 1 }",
        // A byte-order mark after the one `load_str` takes off.
        "\u{feff}a = 1",
    ] {
        gives_up(text);
        // Each is valid TOML: giving up only sends it to the `toml` crate.
        assert!(toml_tree(text).is_some(), "{text:?} is valid TOML");
    }
    // Arrays and tables nested deeper than a plan ever does.
    let deep = format!("a = {}1{}", "[".repeat(20), "]".repeat(20));
    gives_up(&deep);
    assert!(toml_tree(&deep).is_some());
    let deep = format!("a = {}1{}", "{ b = ".repeat(20), "}".repeat(20));
    gives_up(&deep);
    assert!(toml_tree(&deep).is_some());
    let shallow = format!("a = {}1{}", "[".repeat(16), "]".repeat(16));
    same(&shallow);
}

#[test]
fn gives_up_on_everything_the_toml_crate_refuses() {
    for text in [
        // Keys and tables given twice, tables of the wrong kind.
        "a = 1\na = 2",
        "a = 1\n\"a\" = 2",
        "a = { x = 1, x = 2 }",
        "[a]\n[a]",
        "[a]\n[[a]]",
        "[[a]]\n[a]",
        "a = 1\n[a]",
        "[a]\nb = 1\n[a.b]",
        "[a]\nb = [{}]\n[[a.b]]",
        "[a]\n[a.b]\n[a.b]",
        "[a]\n[a.b]\n[[a.b]]",
        "[a]\n[[a.b]]\n[a.b]",
        // Control characters, bad escapes, lone carriage returns.
        "a = \"\u{1}\"",
        "a = \"\u{7f}\"",
        "a = 'x\ry'",
        "# \u{7f}",
        "# \u{1}",
        "a = 1\rb = 2",
        "a = 1 # c\r",
        "a = \"\\q\"",
        "a = \"\\uD800\"",
        "a = \"\\U00110000\"",
        "a = \"\\x4\"",
        "a = \"\\u12\"",
        "a = \"x",
        "a = 'x",
        // Multi-line strings gone wrong, and as keys.
        "a = \"\"\"x",
        "a = '''x",
        "a = \"\"\"x\ry\"\"\"",
        "a = '''x\ry'''",
        "a = \"\"\"\u{1}\"\"\"",
        "a = '''\u{7f}'''",
        "a = \"\"\"\\q\"\"\"",
        "a = \"\"\"x \\ y\"\"\"",
        "a = \"\"\"x\"\"\"\"\"\"",
        "a = '''x''''''",
        "\"\"\"a\"\"\" = 1",
        "'''a''' = 1",
        // Numbers TOML does not allow.
        "a = 01",
        "a = 0_1",
        "a = 1__0",
        "a = _1",
        "a = 1_",
        "a = 1.",
        "a = .5",
        "a = 1.e3",
        "a = 1e",
        "a = 1e_3",
        "a = ++1",
        "a = True",
        // Things out of place.
        "a",
        "a =",
        "a = \n1",
        "= 1",
        "a b = 1",
        "a = 1 2",
        "a = \"x\" y",
        "[a] b = 1",
        "[a",
        "[]",
        "[[a]",
        "[[a] ]",
        "[ [a]]",
        "a = [1,,2]",
        "a = [,]",
        "a = [1 2]",
        "a = {,}",
        "a = { x = 1 y = 2 }",
        "a = 1\n[a.b]",
        "]",
        "\u{c}a = 1",
        "名前 = 1",
    ] {
        gives_up(text);
        assert!(toml_tree(text).is_none(), "{text:?} is not valid TOML");
    }
}
