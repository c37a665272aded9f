//! TOML documents for the differential tests, built from a sequence of
//! choices: proptest shrinks a failing document by shrinking its choices,
//! and when they run out every choice is 0, the plainest option.
//!
//! Most choices give valid TOML in the shapes plans use; a few in each place
//! give what plans never have or TOML forbids (bad escapes, control
//! characters, numbers with stray `_`, duplicate keys, redefined tables,
//! dotted keys, dates, multi-line strings, lone carriage returns, garbage).

pub(super) struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
    /// No odd choices at all: a document that should load.
    pub clean: bool,
}

impl<'a> Choices<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Choices {
            bytes,
            at: 0,
            clean: false,
        }
    }

    /// A choice in `0..n`.
    fn pick(&mut self, n: usize) -> usize {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        usize::from(b) % n
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: usize) -> bool {
        self.pick(n) == n - 1
    }

    /// True one time in `n`, unless the document is to be clean.
    fn rare(&mut self, n: usize) -> bool {
        self.one_in(n) && !self.clean
    }

    /// Usually one of `common`; one time in ten one of `odd`.
    fn of<'s>(&mut self, common: &[&'s str], odd: &[&'s str]) -> &'s str {
        if !odd.is_empty() && self.rare(10) {
            odd[self.pick(odd.len())]
        } else {
            common[self.pick(common.len())]
        }
    }
}

const BLANK: &[&str] = &["", " ", "  ", "\t"];
const NEWLINE: &[&str] = &["\n", "\n", "\r\n"];
const ODD_NEWLINE: &[&str] = &["\r", "", "\n\r"];
/// What may sit between the values of an array or an inline table.
const GAP: &[&str] = &["", " ", "\n", "\n  ", " # note ] }\n", "\r\n\t", "\n\n"];
const ODD_GAP: &[&str] = &["\r", "\u{c}", " # \u{7f}\n", "#\n"];

const KEY: &[&str] = &[
    "a",
    "b",
    "id",
    "name",
    "value",
    "year",
    "\"a\"",
    "'b'",
    "\"quoted key\"",
    "\"名前\"",
    "\"\"",
    "1",
    "-",
    "_x-1",
    "true",
    "\"\\u0061\"",
    "\"H30\"",
];
const ODD_KEY: &[&str] = &[
    "a.b",
    "a . b",
    "\"a\".b",
    "名前",
    "a b",
    "",
    "\"a",
    "'''a'''",
    "\"\"\"a\"\"\"",
    "[a]",
    "=",
];
const TABLE_NAME: &[&str] = &[
    "plan",
    "evaluation",
    "goal",
    "measure",
    "kpi",
    "grade",
    "a",
    "\"a\"",
    "'kpi'",
    "x",
];

const SIGN: &[&str] = &["", "", "-", "+"];
const ODD_SIGN: &[&str] = &["++", "+-", "_"];
const INT: &[&str] = &[
    "0",
    "1",
    "7",
    "12",
    "2014",
    "1_000",
    "40",
    "99999999999999999999",
];
const ODD_INT: &[&str] = &[
    "01", "0_1", "_1", "1_", "1__2", "", "00", "0x1F", "0o7", "0b1",
];
const FRAC: &[&str] = &["", "", ".5", ".0", ".05", ".5_0", ".123_456"];
const ODD_FRAC: &[&str] = &[".", "._5", ".5_", "..5", ".x"];
const EXP: &[&str] = &["", "", "", "e3", "E-2", "e+1_0", "e05"];
const ODD_EXP: &[&str] = &["e", "e_1", "e1_", "E+", "e1.5"];
const ODD_SCALAR: &[&str] = &[
    "inf",
    "-nan",
    "1979-05-27",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "1979-05-27 07:32:00",
    "True",
    "truex",
    "\"\"\"multi\nline\"\"\"",
    "'''multi'''",
    "\"\"\"\"\"\"",
    "x",
    "\"open",
    "'open",
];

const BASIC_PIECE: &[&str] = &[
    "a",
    " ",
    "朝霞市",
    "人口 (人)",
    "\\n",
    "\\t",
    "\\\"",
    "\\\\",
    "\\u00e9",
    "\\U0001F600",
    "\\b",
    "\\f",
    "\\r",
    "\\e",
    "\\x41",
    "\\uFFFF",
    "'",
    "#",
    "\t",
    "]",
    "}",
    "=",
    ",",
    "\u{feff}",
];
const ODD_BASIC_PIECE: &[&str] = &[
    "\\q",
    "\\uD800",
    "\\U00110000",
    "\\x4",
    "\\u12",
    "\\",
    "\u{1}",
    "\u{7f}",
    "\r",
    "\n",
    "\0",
    "\"",
];
const LITERAL_PIECE: &[&str] = &["a", " ", "朝", "\"", "\\", "\\n", "#", "\t", "]", "{"];
const ODD_LITERAL_PIECE: &[&str] = &["'", "\u{1}", "\n", "\r", "\u{7f}"];
/// Pieces of multi-line strings, basic or literal (in which escapes are
/// text).
const MULTI_PIECE: &[&str] = &[
    "a",
    "朝霞市",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\"",
    "\"\"",
    "'",
    "''",
    "\\n",
    "\\u00e9",
    "\\\n    ",
    "\\  \n\n  ",
    "\\\r\n",
    "#",
    "]",
];
const ODD_MULTI_PIECE: &[&str] = &[
    "\r", "\u{1}", "\u{7f}", "\\q", "\\ x", "\"\"\"", "'''", "\\",
];
const COMMENT: &[&str] = &[
    "",
    " note",
    " 朝霞市の計画",
    " [[kpi]] = \"x\"",
    "\t tab",
    " '''\"\"\"",
];
const ODD_COMMENT: &[&str] = &[" \u{1}", " \u{7f}", " \r", " \u{0}"];
const GARBAGE: &[&str] = &[
    "]", "[", "[[", "]]", "{", "}", ",", "=", "\"", "'", "#", ".", "\r", "\u{0}", "\u{7f}",
    "\u{feff}", "\u{c}", "名前", "x", " ", "\n", "[plan]\n", "a = 1\n",
];

/// A document of any lines: tables, values, comments and a little garbage.
pub(super) fn document(c: &mut Choices) -> String {
    let mut out = String::new();
    for _ in 0..c.pick(24) {
        line(c, &mut out);
        out.push_str(c.of(NEWLINE, ODD_NEWLINE));
    }
    corrupt(c, out)
}

fn line(c: &mut Choices, out: &mut String) {
    out.push_str(c.of(BLANK, &[]));
    match c.pick(12) {
        0 | 1 => {}
        2 => comment(c, out),
        3 => header(c, out, false),
        4 => header(c, out, true),
        5 => {
            for _ in 0..=c.pick(4) {
                out.push_str(c.of(GARBAGE, &[]));
            }
        }
        _ => {
            key_value(c, out, 0);
            trailing(c, out);
        }
    }
}

fn comment(c: &mut Choices, out: &mut String) {
    out.push('#');
    out.push_str(c.of(COMMENT, ODD_COMMENT));
}

fn trailing(c: &mut Choices, out: &mut String) {
    out.push_str(c.of(BLANK, &[]));
    if c.one_in(4) {
        comment(c, out);
    }
}

fn header(c: &mut Choices, out: &mut String, array: bool) {
    out.push_str(if array { "[[" } else { "[" });
    out.push_str(c.of(BLANK, &[]));
    let depth = match c.pick(20) {
        0..=13 => 1,
        14..=18 => 2,
        _ => 3,
    };
    for i in 0..depth {
        if i > 0 {
            out.push_str(c.of(&["", " "], &[]));
            out.push('.');
            out.push_str(c.of(&["", " "], &[]));
        }
        out.push_str(c.of(TABLE_NAME, ODD_KEY));
    }
    out.push_str(c.of(BLANK, &[]));
    out.push_str(if array { "]]" } else { "]" });
    trailing(c, out);
}

fn key_value(c: &mut Choices, out: &mut String, depth: usize) {
    out.push_str(c.of(KEY, ODD_KEY));
    out.push_str(c.of(BLANK, &[]));
    out.push('=');
    out.push_str(c.of(BLANK, &["\n"]));
    value(c, out, depth);
}

pub(super) fn value(c: &mut Choices, out: &mut String, depth: usize) {
    // Arrays and tables get rarer with depth, so documents stay finite.
    let kinds = if depth >= 3 { 6 } else { 8 };
    match c.pick(kinds) {
        0 => number(c, out),
        5 => multi_string(c, out),
        1 => basic_string(c, out),
        2 => literal_string(c, out),
        3 => out.push_str(c.of(&["true", "false"], ODD_SCALAR)),
        4 => {
            if c.one_in(4) {
                out.push_str(c.of(ODD_SCALAR, &[]));
            } else {
                number(c, out);
            }
        }
        6 => array(c, out, depth + 1),
        _ => inline_table(c, out, depth + 1),
    }
}

pub(super) fn number(c: &mut Choices, out: &mut String) {
    out.push_str(c.of(SIGN, ODD_SIGN));
    out.push_str(c.of(INT, ODD_INT));
    out.push_str(c.of(FRAC, ODD_FRAC));
    out.push_str(c.of(EXP, ODD_EXP));
}

pub(super) fn basic_string(c: &mut Choices, out: &mut String) {
    out.push('"');
    for _ in 0..c.pick(5) {
        out.push_str(c.of(BASIC_PIECE, ODD_BASIC_PIECE));
    }
    if !c.one_in(30) {
        out.push('"');
    }
}

fn multi_string(c: &mut Choices, out: &mut String) {
    let quotes = c.of(&["\"\"\"", "'''"], &[]);
    out.push_str(quotes);
    out.push_str(c.of(&["", "\n", "\r\n"], &[]));
    for _ in 0..c.pick(6) {
        out.push_str(c.of(MULTI_PIECE, ODD_MULTI_PIECE));
    }
    out.push_str(quotes);
    // Quotes right after the closing ones belong to the string (two at most).
    let quote = &quotes[..1];
    for _ in 0..c.pick(4) {
        out.push_str(quote);
    }
}

fn literal_string(c: &mut Choices, out: &mut String) {
    out.push('\'');
    for _ in 0..c.pick(4) {
        out.push_str(c.of(LITERAL_PIECE, ODD_LITERAL_PIECE));
    }
    out.push('\'');
}

fn array(c: &mut Choices, out: &mut String, depth: usize) {
    let shape = Listed {
        brackets: ['[', ']'],
        most: 5,
        gaps: [GAP, ODD_GAP],
        last_comma: 3,
        stray_comma: Some(25),
    };
    listed(c, out, &shape, |c, out| value(c, out, depth));
}

fn inline_table(c: &mut Choices, out: &mut String, depth: usize) {
    let shape = Listed {
        brackets: ['{', '}'],
        most: 4,
        gaps: [BLANK, GAP],
        last_comma: 4,
        stray_comma: None,
    };
    listed(c, out, &shape, |c, out| key_value(c, out, depth));
}

/// How an array or inline table is written: its brackets, at most how
/// many items, the gaps around them (common, odd), one time in how many a
/// comma follows the last item, and one in how many a second one does.
struct Listed {
    brackets: [char; 2],
    most: usize,
    gaps: [&'static [&'static str]; 2],
    last_comma: usize,
    stray_comma: Option<usize>,
}

/// The opening bracket, items between gaps with commas between them, a
/// gap, and the closing bracket but one time in 40.
fn listed(
    c: &mut Choices,
    out: &mut String,
    shape: &Listed,
    mut item: impl FnMut(&mut Choices, &mut String),
) {
    let [common, odd] = shape.gaps;
    out.push(shape.brackets[0]);
    let n = c.pick(shape.most);
    for i in 0..n {
        out.push_str(c.of(common, odd));
        item(c, out);
        out.push_str(c.of(common, odd));
        if i + 1 < n || c.one_in(shape.last_comma) {
            out.push(',');
        }
    }
    if shape.stray_comma.is_some_and(|k| c.one_in(k)) {
        out.push(',');
    }
    out.push_str(c.of(common, odd));
    if !c.one_in(40) {
        out.push(shape.brackets[1]);
    }
}

/// Now and then, one piece of garbage somewhere in the document.
fn corrupt(c: &mut Choices, mut doc: String) -> String {
    if c.one_in(6) && !doc.is_empty() {
        let mut at = c.pick(256) * doc.len() / 256;
        while !doc.is_char_boundary(at) {
            at -= 1;
        }
        doc.insert_str(at, c.of(GARBAGE, &[]));
    }
    doc
}

const TITLE: &[&str] = &[
    "\"朝霞市 総合戦略\"",
    "'plan'",
    "\"a\\tb\"",
    "\"\\u4eba\\u53e3\"",
    "\"\"\"\n主な取組を\nここに書きます。\n\"\"\"",
    "'''\nC:\\kpi\n'''",
];
const ODD_TITLE: &[&str] = &["\"\"", "1", "[]"];
/// Names and other one-line texts. A tab or line break in one is a plan
/// error (only the descriptions `aim`, `description` and `note` may hold
/// them), so those are odd here.
const NAME: &[&str] = &["\"朝霞市 総合戦略\"", "'plan'", "\"\\u4eba\\u53e3\""];
const ODD_NAME: &[&str] = &[
    "\"\"",
    "1",
    "[]",
    "\"a\\tb\"",
    "\"\"\"\n主な取組を\nここに書きます。\n\"\"\"",
];
const ODD_YEAR: &[&str] = &["\"H99\"", "1.5", "true", "\"\"", "-3"];
const STYLE: &[&str] = &["\"era\"", "\"fiscal\"", "\"western\""];
const ODD_STYLE: &[&str] = &["\"roman\"", "1"];
const FRACTION: &[&str] = &["0.95", "0.6", "1.0", "0.90", "1", "0.5_0", "9.5e-1"];
const ODD_FRACTION: &[&str] = &["-0.1", "\"0.9\"", "1e400", "12345678901234567890", "0x1"];
/// Values a KPI may take (below 10^15, at most 6 decimals).
/// (0 and below cannot follow a geometric path.)
const VALUE: &[&str] = &[
    "3", "40.7", "2_788", "50.0", "+12", "1.5e3", "0.000001", "13", "0", "-5",
];
const ODD_VALUE: &[&str] = &[
    "99999999999999999999",
    "1e300",
    "0.1234567",
    "\"40\"",
    "[1]",
];
const MEASURE_ID: &[&str] = &["\"1.1\"", "\"1.2\"", "\"1.1.1\""];
const UNIT: &[&str] = &["\"%\"", "\"人\"", "\"件\""];
const DIRECTION: &[&str] = &["\"increase\"", "\"decrease\""];
const ODD_DIRECTION: &[&str] = &["\"up\"", "1"];
const STATUS: &[&str] = &["[\"achieved\"]", "[\"on_track\", \"at_risk\"]", "[]"];
const ODD_STATUS: &[&str] = &["[\"x\"]", "\"achieved\"", "[1]"];

/// A plan-like document: `[plan]`, `[evaluation]` with grades, goals,
/// measures and KPIs with the fields plans have. One in three is a clean
/// plan, which loads; the others are now and then out of order, misspelt, of
/// the wrong type, or not TOML at all.
pub(super) fn plan_document(c: &mut Choices) -> String {
    c.clean = c.pick(3) == 0;
    let mut sections: Vec<String> = Vec::new();
    sections.push(plan_section(c));
    let evaluation = (!c.one_in(3)).then(|| evaluation_section(c));
    // `[evaluation]` now and then after the KPIs, which it rules.
    let late = c.rare(6);
    if !late {
        sections.extend(evaluation.clone());
    }
    // Goals 1 and 2, and measures 1.1 and 1.2 under them, with 1.1.1 under
    // 1.1, for the others to point at; a few more, and now and then a
    // duplicate or a dangling reference.
    sections.push(goal_section(c, "\"1\""));
    sections.push(goal_section(c, "\"2\""));
    sections.push(measure_section(c, "\"1.1\"", "goal", "\"1\""));
    sections.push(measure_section(c, "\"1.2\"", "goal", "\"2\""));
    sections.push(measure_section(c, "\"1.1.1\"", "parent", "\"1.1\""));
    for i in 0..c.pick(3) {
        let id = if c.rare(4) {
            "\"1\"".to_string()
        } else {
            format!("\"g{i}\"")
        };
        sections.push(goal_section(c, &id));
    }
    for i in 0..c.pick(6) {
        let id = if c.rare(4) {
            "'1.1'".to_string()
        } else {
            format!("\"m{i}\"")
        };
        let (up, to) = match c.pick(2) {
            0 => ("goal", c.of(&["\"1\"", "\"2\""], &["\"9\"", "1"])),
            _ => ("parent", c.of(MEASURE_ID, &["\"9.9\"", "\"m0\""])),
        };
        sections.push(measure_section(c, &id, up, to));
    }
    // Shuffled now and then, so measures come before goals.
    if c.one_in(4) {
        let (a, b) = (c.pick(sections.len()), c.pick(sections.len()));
        if a > 0 && b > 0 {
            sections.swap(a, b);
        }
    }
    for i in 0..c.pick(7) {
        let id = if c.rare(5) {
            "\"k0\"".to_string()
        } else {
            format!("\"k{i}\"")
        };
        sections.push(kpi_section(c, &id));
    }
    if late {
        sections.extend(evaluation);
    }
    if c.rare(8) {
        sections.push(format!(
            "[[{}]]\nid = \"x\"\n",
            c.of(&["kpis", "goals", "x"], &[])
        ));
    }
    // Now and then a section moves: `[plan]` or `[evaluation]` late, a KPI
    // first.
    if c.rare(5) {
        let from = c.pick(sections.len());
        let section = sections.remove(from);
        let to = c.pick(sections.len() + 1);
        sections.insert(to, section);
    }
    if c.rare(10) {
        sections.insert(0, "title = \"stray\"\n".to_string());
    }
    let newline = if c.one_in(6) { "\r\n" } else { "\n" };
    let mut doc = String::new();
    if c.one_in(4) {
        doc.push_str("# 朝霞市\n");
    }
    for section in sections {
        doc.push_str(&section.replace('\n', newline));
        if c.one_in(3) {
            doc.push_str(newline);
        }
    }
    if c.clean {
        doc
    } else {
        corrupt(c, doc)
    }
}

/// `key = value` lines from `fields`: unless the document is to be clean,
/// each optional one (all but the first two) is left out one time in four,
/// and now and then comes a value of any kind, an unknown field or a field
/// given twice.
fn fields(c: &mut Choices, out: &mut String, fields: &[(&str, &[&str], &[&str])]) {
    for (i, (key, common, odd)) in fields.iter().enumerate() {
        let left_out = if i < 2 { c.rare(40) } else { c.rare(4) };
        if left_out {
            continue;
        }
        out.push_str(key);
        out.push_str(c.of(&[" = ", "=", "  =\t"], &[]));
        if c.rare(25) {
            value(c, out, 1);
        } else {
            out.push_str(c.of(common, odd));
        }
        if c.one_in(8) {
            out.push_str(" # note");
        }
        out.push('\n');
    }
    if c.rare(12) {
        out.push_str(c.of(&["taget = 1\n", "nmae = \"x\"\n", "zzz = []\n"], &[]));
    }
    if c.rare(30) {
        // The first field again.
        if let Some((key, common, _)) = fields.first() {
            out.push_str(&format!("{key} = {}\n", c.of(common, &[])));
        }
    }
}

fn plan_section(c: &mut Choices) -> String {
    let mut out = String::from("[plan]\n");
    fields(
        c,
        &mut out,
        &[
            ("title", NAME, ODD_NAME),
            (
                "baseline_year",
                &["2014", "\"H26\"", "\"FY2014\""],
                ODD_YEAR,
            ),
            ("target_year", &["2019", "\"平成31年度\"", "2030"], ODD_YEAR),
            ("organization", NAME, ODD_NAME),
            ("fiscal_year_start", &["4", "1", "10"], &["13", "0", "4.0"]),
            ("year_style", STYLE, ODD_STYLE),
            (
                "actuals",
                &["[\"actuals\"]", "\"data\"", "[ 'a', \"b\", ]"],
                &["[1]", "3", "[]"],
            ),
        ],
    );
    out
}

fn evaluation_section(c: &mut Choices) -> String {
    let mut out = String::from("[evaluation]\n");
    fields(
        c,
        &mut out,
        &[
            ("on_track", &["0.95", "1.0"], ODD_FRACTION),
            ("at_risk", &["0.6", "0.90"], ODD_FRACTION),
            ("stale_after", &["2", "1", "3"], &["0", "2000", "\"2\""]),
            ("basis", &["\"target\"", "\"baseline\""], &["\"other\""]),
            ("path", &["\"geometric\"", "\"linear\""], &["\"curved\""]),
        ],
    );
    for _ in 0..c.pick(3) {
        out.push_str(c.of(
            &["[[evaluation.grade]]\n"],
            &["[evaluation.grade]\n", "[[grade]]\n"],
        ));
        fields(
            c,
            &mut out,
            &[
                ("label", &["\"A\"", "\"B\"", "\"S\""], &["\"\""]),
                ("status", STATUS, ODD_STATUS),
                ("pace_at_least", FRACTION, ODD_FRACTION),
                ("achievement_at_least", FRACTION, ODD_FRACTION),
            ],
        );
    }
    out
}

fn goal_section(c: &mut Choices, id: &str) -> String {
    let mut out = String::from("[[goal]]\n");
    fields(
        c,
        &mut out,
        &[
            ("id", &[id], &["1", "\"\""]),
            ("name", NAME, ODD_NAME),
            ("aim", TITLE, ODD_TITLE),
        ],
    );
    out
}

fn measure_section(c: &mut Choices, id: &str, up: &str, to: &str) -> String {
    let mut out = String::from("[[measure]]\n");
    let up = if c.rare(10) { "gaol" } else { up };
    fields(
        c,
        &mut out,
        &[
            ("id", &[id], &["1"]),
            ("name", NAME, ODD_NAME),
            (up, &[to], &["true"]),
            ("description", TITLE, ODD_TITLE),
        ],
    );
    if c.rare(20) {
        out.push_str("parent = \"1.1\"\n");
    }
    out
}

fn kpi_section(c: &mut Choices, id: &str) -> String {
    let mut out = String::from("[[kpi]]\n");
    // Points with their years (or the plan's), baseline before target.
    let baseline = match c.pick(4) {
        0 => format!("{{ value = {} }}", c.of(VALUE, ODD_VALUE)),
        1 => c.of(VALUE, &["\"40\"", "[1]"]).to_string(),
        _ => format!(
            "{{ value = {}, year = {} }}",
            c.of(VALUE, ODD_VALUE),
            c.of(&["2014", "\"H26\"", "\"FY2014\""], ODD_YEAR)
        ),
    };
    let target = match c.pick(4) {
        0 => format!("{{ value = {} }}", c.of(VALUE, ODD_VALUE)),
        1 => format!(
            "{{ year = {}, value = {}, }}",
            c.of(&["\"R2\"", "2020"], ODD_YEAR),
            c.of(VALUE, ODD_VALUE)
        ),
        _ => format!(
            "{{\n  value = {}, # note\n  year = \"令和2年度\"\n}}",
            c.of(VALUE, ODD_VALUE)
        ),
    };
    let milestones = match c.pick(3) {
        0 => "{ H30 = 19, \"FY2016\" = 15 }".to_string(),
        1 => format!("{{ 2016 = {}, 2017 = 3, }}", c.of(VALUE, ODD_VALUE)),
        _ => format!(
            "{{ {} = 1 }}",
            c.of(&["H27", "\"2015\""], &["\"H99\"", "x", "2030"])
        ),
    };
    let (attach, to): (&str, &[&str]) = match c.pick(8) {
        0..=3 => ("goal", &["\"1\"", "\"2\""]),
        4..=6 => (
            "measures",
            &["[\"1.1\"]", "[\"1.1\", \"1.2\"]", "\"1.1.1\""],
        ),
        _ => ("goals", &["\"1\""]),
    };
    let attach = if c.clean && attach == "goals" {
        "goal"
    } else {
        attach
    };
    fields(
        c,
        &mut out,
        &[
            ("id", &[id], &["\"人口\"", "\"\"", "3"]),
            ("name", NAME, ODD_NAME),
            ("baseline", &[baseline.as_str()], &[]),
            ("target", &[target.as_str()], &[]),
            (attach, to, &["\"9\"", "[]", "[1]", "[\"1.1\", \"1.1\"]"]),
            ("unit", UNIT, ODD_TITLE),
            ("milestones", &[milestones.as_str()], &["[]"]),
            ("cumulative", &["true", "false"], &["\"yes\""]),
            ("owner", NAME, ODD_NAME),
            ("source", NAME, ODD_NAME),
            ("note", TITLE, ODD_TITLE),
        ],
    );
    if c.rare(6) {
        out.push_str(&format!("direction = {}\n", c.of(DIRECTION, ODD_DIRECTION)));
    }
    out
}
