//! The reader against the `toml` crate: every document gives the same
//! tree, spans included, or the same syntax errors, word for word.

mod breakdowns;
mod differential;
mod grammar;

use super::{document, SyntaxError};
use crate::plan::oracle;
use crate::plan::tree::Table;

/// What the reader makes of `text`: the whole document, or its syntax errors.
pub(super) fn ours(text: &str) -> Result<Table<'_>, Vec<SyntaxError>> {
    document(text)
}

/// What the `toml` crate makes of it.
pub(super) fn toml(text: &str) -> Result<Table<'_>, Vec<SyntaxError>> {
    oracle::document(text)
}

/// `text` is TOML, and the reader reads it exactly as the `toml` crate does.
#[track_caller]
fn same(text: &str) {
    let ours = ours(text);
    assert!(ours.is_ok(), "the reader refused {text:?}: {ours:?}");
    assert_eq!(ours, toml(text), "{text:?}");
}

/// `text` is not TOML, and the reader finds the `toml` crate's errors, at
/// the same places, in the same words.
#[track_caller]
fn same_errors(text: &str) {
    let toml = toml(text);
    assert!(toml.is_err(), "the toml crate took {text:?}");
    assert_eq!(ours(text), toml, "{text:?}");
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
fn what_the_old_fast_reader_left_to_the_toml_crate() {
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
        same(text);
    }
    // Arrays and tables nested deeper than a plan ever does.
    for depth in [16, 20, 80] {
        same(&format!("a = {}1{}", "[".repeat(depth), "]".repeat(depth)));
        same(&format!(
            "a = {}1{}",
            "{ b = ".repeat(depth),
            "}".repeat(depth)
        ));
    }
    // Past the `toml` crate's limit of 80, and a dotted key as deep.
    same_errors(&format!("a = {}1{}", "[".repeat(81), "]".repeat(81)));
    same_errors(&format!("a = {}1{}", "{ b = ".repeat(81), "}".repeat(81)));
    same_errors(&format!("{} = 1", vec!["k"; 81].join(".")));
    same(&format!("{} = 1", vec!["k"; 80].join(".")));
}

#[test]
fn the_same_errors_as_the_toml_crate_for_what_it_refuses() {
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
        same_errors(text);
    }
}

#[test]
fn numbers_in_every_form_toml_takes_or_refuses() {
    for text in [
        "0",
        "-0",
        "+7",
        "1_000",
        "2788",
        "50.0",
        "0.5",
        "0e3",
        "-1.5E-3",
        "1e+9",
        "3.141_592",
        "1_0.0_1e1_0",
        "0x1F",
        "0o7",
        "0b1",
        "0xdead_beef",
        "0x",
        "inf",
        "nan",
        "+inf",
        "-nan",
        "1979-05-27",
        "07:32:00",
        "true",
        "false",
    ] {
        same(&format!("a = {text}"));
    }
    for text in [
        "",
        "+",
        "-",
        "01",
        "00",
        "0_1",
        "_1",
        "1_",
        "1__0",
        "1.",
        ".5",
        "1.e3",
        "1e",
        "1e_3",
        "1._5",
        "1.5_",
        "1e3_",
        "++1",
        "+-1",
        "1e3.5",
        "1,0",
        "True",
        "TRUE",
        "1 0",
        "1979-13-27",
    ] {
        same_errors(&format!("a = {text}"));
    }
}

#[test]
fn a_number_keeps_its_text_less_its_underscores() {
    use crate::plan::tree::Value;

    // The value, owned, as its `Debug`.
    let value = |text: &str| {
        let doc = format!("a = {text}");
        let root = ours(&doc).unwrap();
        format!("{:?}", root.entries[0].1.value)
    };
    let expect = |v: Value| format!("{v:?}");
    assert_eq!(value("+1_0.5e-3"), expect(Value::Float("+10.5e-3".into())));
    assert_eq!(value("50.0"), expect(Value::Float("50.0".into())));
    let integer = |text: &'static str, radix| Value::Integer {
        text: text.into(),
        radix,
    };
    assert_eq!(value("-12"), expect(integer("-12", 10)));
    assert_eq!(value("0xdead_beef"), expect(integer("deadbeef", 16)));
    assert_eq!(value("true"), expect(Value::Boolean(true)));
}

/// `load_str` gives the same plan, or the same problems, whichever parser
/// read the TOML; true when the plan loads.
#[track_caller]
fn same_plan(text: &str) -> bool {
    use crate::plan::{load_str_via, Via};
    let path = std::path::Path::new("/plans/kpi.toml");
    let ours = load_str_via(path, text, Via::Parser);
    let toml = load_str_via(path, text, Via::Toml);
    assert_eq!(format!("{ours:#?}"), format!("{toml:#?}"), "{text}");
    ours.is_ok()
}

const HEAD: &str = "[plan]\ntitle = \"t\"\nbaseline_year = 2014\ntarget_year = 2020\n";
const GOAL: &str = "[[goal]]\nid = \"1\"\nname = \"g\"\n";

fn kpi(id: &str, baseline: i32) -> String {
    format!(
        "[[kpi]]\nid = \"{id}\"\nname = \"n\"\ngoal = \"1\"\nbaseline = {baseline}\ntarget = 10\n"
    )
}

#[test]
fn a_plan_in_any_order_reads_as_if_read_whole() {
    let geometric = "[evaluation]\npath = \"geometric\"\n";
    let kpis = format!("{}{}{}", kpi("a", 0), kpi("b", 2), kpi("c", -1));
    // [evaluation] after the KPIs it rules: the two below 0 are found.
    let late = format!("{HEAD}{GOAL}{kpis}{geometric}");
    assert!(!same_plan(&late));
    let problems = crate::plan::load_str(std::path::Path::new("p"), &late).unwrap_err();
    assert_eq!(problems.0.len(), 2, "{problems:?}");
    assert!(same_plan(&format!("{HEAD}{GOAL}{kpis}")));
    // [plan] after the goals and KPIs, which wait for its years.
    assert!(same_plan(&format!("{GOAL}{kpis}{HEAD}")));
    assert!(!same_plan(&format!("{GOAL}{kpis}{HEAD}{geometric}")));
    // No [plan] at all, and a [plan] that is not a table.
    assert!(!same_plan(&format!("{GOAL}{kpis}")));
    assert!(!same_plan(&format!("plan = 1\n{GOAL}{kpis}")));
    assert!(!same_plan(&format!(
        "{GOAL}{kpis}[[plan]]\ntitle = \"t\"\n"
    )));
    // Grade bands before their [evaluation], and a path given by it.
    let bands = "[[evaluation.grade]]\nlabel = \"A\"\n[[evaluation.grade]]\nlabel = \"B\"\n";
    assert!(!same_plan(&format!("{HEAD}{bands}{GOAL}{kpis}{geometric}")));
    assert!(same_plan(&format!(
        "{HEAD}{bands}{GOAL}{kpis}[evaluation]\n"
    )));
    // Measures before the goals they hang under; KPIs between them.
    let measure = "[[measure]]\nid = \"1.1\"\ngoal = \"1\"\nname = \"m\"\n";
    assert!(same_plan(&format!(
        "{HEAD}{measure}{}{GOAL}{}",
        kpi("a", 1),
        kpi("b", 2)
    )));
}

#[test]
fn a_table_added_to_later_is_read_with_what_was_added() {
    // `[kpi.x]` adds to the last [[kpi]], even after other tables; the
    // KPI before it is long handed over.
    let kpis = format!("{}{}", kpi("a", 1), kpi("b", 2));
    let late = format!("{HEAD}{GOAL}{kpis}[evaluation]\n[kpi.milestones]\n2016 = 3\n");
    assert!(same_plan(&late));
    let (plan, _) = crate::plan::load_str(std::path::Path::new("p"), &late).unwrap();
    let milestones: Vec<usize> = plan.kpis.iter().map(|k| k.milestones.len()).collect();
    assert_eq!(milestones, [0, 1], "the milestone goes to the last KPI");
    assert!(!same_plan(&format!("{HEAD}{GOAL}{kpis}[plan.extra]\n")));
    assert!(!same_plan(&format!(
        "{HEAD}{GOAL}{kpis}[[kpi.x]]\n[[kpi.x]]\n"
    )));
    let kpis_without_baseline = kpis.replace("baseline = 2\n", "");
    // A baseline given as a table of its own, after another table.
    let late = format!("{HEAD}{GOAL}{kpis_without_baseline}[goal.x]\n[kpi.baseline]\nvalue = 5\n");
    assert!(!same_plan(&late), "an unknown field `x` in the goal");
    let fixed = late.replace("[goal.x]\n", "");
    assert!(same_plan(&fixed));
    let (plan, _) = crate::plan::load_str(std::path::Path::new("p"), &fixed).unwrap();
    assert_eq!(plan.kpis[1].baseline.value, rust_decimal::Decimal::from(5));
    // KPIs written as one array of inline tables, several on a line.
    let inline = "kpi = [{ id = \"a\", name = \"n\", goal = \"1\", baseline = 0, target = 0 }, { id = \"a\", name = \"n\", goal = \"1\", baseline = -1, target = 1 }]\n";
    assert!(!same_plan(&format!(
        "{inline}{HEAD}[evaluation]\npath = \"geometric\"\n{GOAL}"
    )));
}

#[test]
fn what_runs_past_the_next_line_that_starts_with_a_bracket() {
    // A line inside an array may start with `[`: the array goes on.
    let actuals = "actuals = [\n[\"a\"],\n  [\"b\"]\n]\n";
    same(&format!("{HEAD}{actuals}{GOAL}"));
    assert!(!same_plan(&format!("{HEAD}{actuals}{GOAL}{}", kpi("a", 1))));
    let milestones = "milestones = {\n  2016 = 3,\n}\n";
    assert!(same_plan(&format!(
        "{HEAD}{GOAL}{}{milestones}{}",
        kpi("a", 1),
        kpi("b", 2)
    )));
    // An array left open, and a header whose name is missing, swallow
    // what follows as the `toml` crate reads it.
    for broken in [
        "x = [1,\n",
        "[\n",
        "[ [a]]\n",
        "[a\n",
        "[[a]\n",
        "a = { b = 1\n",
        "a\n",
        "[a.]\n",
    ] {
        let text = format!(
            "{HEAD}{GOAL}{}{broken}{}[[kpi]]\nid = 1\n",
            kpi("a", 1),
            kpi("b", 2)
        );
        same_errors(&text);
        assert!(!same_plan(&text));
    }
}
