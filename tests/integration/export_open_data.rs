//! `kpi export sdmx` and `kpi export open-sdg` (breakdowns.md, "Open
//! data"): the files as written, and read back by a reader that is not
//! `kpi` (Python's csv, PyYAML), every figure compared with the ledger as
//! Python reads its files: plans without breakdowns (data/asaka among
//! them), and a prefecture's with an age and an area dimension.

use std::path::Path;
use std::process::Command;

use crate::common::programs::{need, PYTHON3, PYYAML};
use crate::common::{asaka, kpi_command, Run, Workdir};

const HEADER: &str = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SERIES,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,COMMENT_OBS";

/// A plan whose texts YAML would misread unquoted: colons, quotes, `#`, an
/// id that reads as a number, a note that starts like front matter.
const TRICKY: &str = r#"[plan]
title = "t"
organization = "市: \"テスト\""
baseline_year = 2014
target_year = 2019

[[goal]]
id = "1"
name = "g"

[[kpi]]
id = "1.5"
name = "名前: \"引用\" # 注"
goal = "1"
unit = "件"
source = "yes"
note = "---\npage: text"
baseline = { value = 1 }
target = { value = 2.50 }

[[kpi]]
id = "b_2"
name = "b"
goal = "1"
baseline = { value = 1 }
target = { value = -3 }
"#;

/// Figures with a note holding a comma, quotes and a line break, a
/// preliminary flag, a negative value and trailing zeros.
const TRICKY_LEDGER: &str = "kpi,year,value,note,flag\n\
    1.5,2015,1.50,\"a, \"\"b\"\"\nc\",preliminary\n\
    1.5,2016,-3,,\n\
    b_2,2016,0.0,plain,\n";

fn tricky() -> Workdir {
    Workdir::with_ledger(TRICKY, &[("2015.csv", TRICKY_LEDGER)])
}

/// `kpi ARGS` on data/asaka, in `dir` (for a relative -o).
fn asaka_in(dir: &Path, args: &[&str]) -> Run {
    Run::of(
        kpi_command()
            .current_dir(dir)
            .args(args)
            .arg("--plan")
            .arg(asaka()),
    )
}

/// Reads a ledger folder's CSV files as Python reads them (lines starting
/// with `#` are comments): figures by (kpi, year) as (value, note, P/A).
const LEDGER_PY: &str = r#"
import csv, glob, io, json, os, sys
def ledger(folder):
    figures = {}
    for name in sorted(glob.glob(os.path.join(folder, '*.csv'))):
        with open(name, encoding='utf-8', newline='') as f:
            text = ''.join(l for l in f if not l.startswith('#'))
        for r in csv.DictReader(io.StringIO(text, newline='')):
            status = 'P' if (r.get('flag') or '') == 'preliminary' else 'A'
            key = (r['kpi'], r['year'])
            assert key not in figures, key
            figures[key] = (r['value'], r.get('note') or '', status)
    return figures
def exported(path):
    """An exported CSV file's rows, as Python's csv reads them: UTF-8, no BOM."""
    raw = open(path, 'rb').read()
    assert not raw.startswith(b'\xef\xbb\xbf'), 'a byte-order mark'
    return list(csv.DictReader(io.StringIO(raw.decode('utf-8'), newline='')))
"#;

/// Compares an SDMX-CSV file with the ledger: every row a figure, every
/// figure a row. argv: ledger folder, the file, STRUCTURE_ID, REF_AREA.
const SDMX_PY: &str = r#"
raw = open(sys.argv[2], 'rb').read()
assert not raw.startswith(b'\xef\xbb\xbf'), 'a byte-order mark'
rows = list(csv.DictReader(io.StringIO(raw.decode('utf-8'), newline='')))
got = {}
for r in rows:
    assert r['STRUCTURE'] == 'dataflow' and r['ACTION'] == 'I', r
    assert r['STRUCTURE_ID'] == sys.argv[3] and r['REF_AREA'] == sys.argv[4], r
    got[(r['SERIES'], r['TIME_PERIOD'])] = (r['OBS_VALUE'], r['COMMENT_OBS'], r['OBS_STATUS'])
assert len(got) == len(rows), 'a figure twice'
want = ledger(sys.argv[1])
assert got == want, (sorted(set(got.items()) ^ set(want.items())))
print(len(rows))
"#;

/// Compares each KPI's Open SDG data file with the ledger. argv: ledger
/// folder, the output folder. Prints the rows compared.
const OPEN_SDG_PY: &str = r#"
by_kpi = {}
for (k, y), v in ledger(sys.argv[1]).items():
    by_kpi.setdefault(k, {})[y] = v
n = 0
for k, years in by_kpi.items():
    id = 'kpi-' + k.replace('.', '-').replace('_', '-')
    with open(os.path.join(sys.argv[2], 'data', 'indicator_' + id + '.csv'), 'rb') as f:
        raw = f.read()
    assert not raw.startswith(b'\xef\xbb\xbf'), 'a byte-order mark'
    rows = list(csv.DictReader(io.StringIO(raw.decode('utf-8'), newline='')))
    got = {r['Year']: (r['Value'], r['Observation status']) for r in rows}
    want = {y: (v[0], 'Preliminary' if v[2] == 'P' else '') for y, v in years.items()}
    assert len(got) == len(rows) and got == want, (k, got, want)
    n += len(rows)
print(n)
"#;

/// Each meta file's front matter as PyYAML reads it, and its page text,
/// by indicator id, as JSON. argv: the output folder.
pub(crate) const META_PY: &str = r#"
import yaml
out = {}
for name in sorted(glob.glob(os.path.join(sys.argv[1], 'meta', '*.md'))):
    text = open(name, encoding='utf-8').read()
    assert text.startswith('---\n'), name
    head, body = text[4:].split('\n---\n', 1)
    out[os.path.basename(name)[:-3]] = {'meta': yaml.safe_load(head), 'body': body}
print(json.dumps(out, ensure_ascii=False))
"#;

/// `script` run by python3 after `LEDGER_PY` (its imports: csv, glob, io,
/// json, os, sys), with `args`; its stdout, trimmed.
pub(crate) fn python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(format!("{LEDGER_PY}{script}"))
        .args(args)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "python3 failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The data lines of a ledger folder's files, counted without any CSV
/// reader (no note of these files holds a line break).
fn figure_lines(folder: &Path) -> usize {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|t| {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.starts_with("kpi,") && !l.is_empty())
                .count()
        })
        .sum()
}

#[test]
fn asaka_as_sdmx_has_a_row_per_figure_and_the_rows_worked_by_hand() {
    let run = asaka_in(Path::new("."), &["export", "sdmx"]);
    let text = run.ok();
    assert!(!text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.lines().collect();
    // No dimensions: no dimension columns; no plan.id: PLAN; no area_code: empty REF_AREA.
    assert_eq!(lines[0], HEADER);
    assert_eq!(lines.len() - 1, figure_lines(&asaka().join("actuals")));
    // actuals/2019.csv: 23.6, flagged preliminary, with its note.
    assert!(lines.contains(
        &"dataflow,KPI:PLAN(1.0),I,,job-seminar-employment-rate,2019,23.6,%,P,（例示）速報値。確定値は翌年度6月に公表"
    ));
    assert!(lines
        .contains(&"dataflow,KPI:PLAN(1.0),I,,waiting-children,2019,21,人,A,（例示）4月1日現在"));
    // 2.0 keeps its decimal; the first KPI's figures first, by year.
    assert_eq!(
        lines[1],
        "dataflow,KPI:PLAN(1.0),I,,outflow-no-workplace,2015,2.2,%,A,"
    );
    assert_eq!(
        lines[2],
        "dataflow,KPI:PLAN(1.0),I,,outflow-no-workplace,2016,2.0,%,A,"
    );
}

#[test]
fn asaka_as_open_sdg_writes_two_files_per_kpi() {
    let out = tempfile::tempdir().unwrap();
    asaka_in(out.path(), &["export", "open-sdg", "-o", "site"]).ok();
    let count = |sub: &str| {
        std::fs::read_dir(out.path().join("site").join(sub))
            .unwrap()
            .count()
    };
    let kpis = std::fs::read_to_string(asaka().join("kpi.toml"))
        .unwrap()
        .lines()
        .filter(|l| *l == "[[kpi]]")
        .count();
    assert_eq!((count("data"), count("meta")), (kpis, kpis));
    let data = std::fs::read_to_string(
        out.path()
            .join("site/data/indicator_kpi-job-seminar-employment-rate.csv"),
    )
    .unwrap();
    assert_eq!(
        data,
        "Year,Units,Observation status,Value\n2015,%,,20.1\n2016,%,,19.4\n2017,%,,21.3\n2018,%,,22.0\n2019,%,Preliminary,23.6\n"
    );
}

#[test]
#[ignore = "needs python3"]
fn python_reads_every_figure_of_asaka_back_from_both_exports() {
    need(&PYTHON3);
    let out = tempfile::tempdir().unwrap();
    asaka_in(out.path(), &["export", "sdmx", "-o", "asaka.csv"]).ok();
    asaka_in(out.path(), &["export", "open-sdg", "-o", "site"]).ok();
    let ledger = asaka().join("actuals");
    let ledger = ledger.to_str().unwrap();
    let file = out.path().join("asaka.csv");
    let rows = python(
        SDMX_PY,
        &[ledger, file.to_str().unwrap(), "KPI:PLAN(1.0)", ""],
    );
    let expected = figure_lines(&asaka().join("actuals"));
    assert_eq!(rows, expected.to_string());
    let site = out.path().join("site");
    assert_eq!(
        python(OPEN_SDG_PY, &[ledger, site.to_str().unwrap()]),
        expected.to_string()
    );
}

#[test]
#[ignore = "needs python3"]
fn notes_with_commas_quotes_and_line_breaks_read_back_as_written() {
    need(&PYTHON3);
    let work = tricky();
    work.plan(&TRICKY.replace(
        "title = \"t\"",
        "title = \"t\"\nid = \"CITY\"\narea_code = \"11227\"",
    ));
    work.ok(&["export", "sdmx", "-o", "out.csv"]);
    let (id, area) = ("KPI:CITY(1.0)", "11227");
    let ledger = work.file("actuals");
    let file = work.file("out.csv");
    let args = [ledger.to_str().unwrap(), file.to_str().unwrap(), id, area];
    assert_eq!(python(SDMX_PY, &args), "3");
    work.ok(&["export", "open-sdg", "-o", "site"]);
    let site = work.file("site");
    assert_eq!(python(OPEN_SDG_PY, &[args[0], site.to_str().unwrap()]), "3");
}

#[test]
#[ignore = "needs pyyaml"]
fn the_front_matter_parses_as_yaml_with_every_text_as_written() {
    need(&PYYAML);
    let work = tricky();
    work.ok(&["export", "open-sdg", "-o", "site"]);
    let site = work.file("site");
    let json: serde_json::Value =
        serde_json::from_str(&python(META_PY, &[site.to_str().unwrap()])).unwrap();
    let one = &json["kpi-1-5"];
    let meta = one["meta"].as_object().unwrap();
    let keys: Vec<&str> = meta.keys().map(String::as_str).collect();
    let mut expected = vec![
        "computation_units",
        "data_non_statistical",
        "graph_target_lines",
        "graph_title",
        "graph_type",
        "indicator_name",
        "indicator_number",
        "national_geographical_coverage",
        "reporting_status",
        "source_organisation_1",
        "standalone",
    ];
    let mut sorted = keys.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(sorted, expected);
    assert_eq!(meta["standalone"], true);
    assert_eq!(meta["data_non_statistical"], false);
    // "1.5" stays a string, not the number 1.5; "yes" stays a string, not true.
    assert_eq!(meta["indicator_number"], "1.5");
    assert_eq!(meta["source_organisation_1"], "yes");
    assert_eq!(meta["indicator_name"], "名前: \"引用\" # 注");
    assert_eq!(meta["graph_title"], "名前: \"引用\" # 注");
    assert_eq!(meta["national_geographical_coverage"], "市: \"テスト\"");
    assert_eq!(meta["computation_units"], "件");
    assert_eq!(meta["graph_type"], "line");
    assert_eq!(meta["reporting_status"], "complete");
    // target = 2.50 in 2019 (plan.target_year); English without LANG.
    assert_eq!(meta["graph_target_lines"][0]["value"], 2.5);
    assert_eq!(
        meta["graph_target_lines"][0]["label_content"],
        "target (FY2019)"
    );
    assert_eq!(one["body"], "---\npage: text\n");
    let two = &json["kpi-b-2"];
    assert_eq!(two["meta"]["graph_target_lines"][0]["value"], -3);
    assert_eq!(two["meta"]["computation_units"], "");
    assert_eq!(two["body"], "");
}

#[test]
fn open_sdg_replaces_its_own_files_and_leaves_the_others() {
    let work = tricky();
    work.write("site/data/indicator_other.csv", "Year,Value\n2015,1\n");
    work.write("site/meta/kpi-gone.md", "---\n---\n");
    work.write("site/data/indicator_kpi-1-5.csv", "old");
    work.ok(&["export", "open-sdg", "-o", "site"]);
    assert_eq!(
        work.read("site/data/indicator_other.csv"),
        "Year,Value\n2015,1\n"
    );
    assert_eq!(work.read("site/meta/kpi-gone.md"), "---\n---\n");
    assert_eq!(
        work.read("site/data/indicator_kpi-1-5.csv"),
        "Year,Units,Observation status,Value\n2015,件,Preliminary,1.50\n2016,件,,-3\n"
    );
    assert_eq!(
        work.read("site/data/indicator_kpi-b-2.csv"),
        "Year,Units,Observation status,Value\n2016,,,0.0\n"
    );
}

#[test]
fn open_data_is_never_written_over_what_kpi_reads() {
    let work = tricky();
    let run = work.fails_writing_nothing(&["export", "open-sdg", "-o", "actuals"]);
    assert!(run.stderr.contains("that is in the ledger"), "{run}");
    let run = work.fails_writing_nothing(&["export", "sdmx", "-o", "kpi.toml"]);
    assert!(run.stderr.contains("that is the plan file"), "{run}");
    let run = work.fails_writing_nothing(&["export", "sdmx", "-o", "actuals/x.csv"]);
    assert!(run.stderr.contains("that is in the ledger"), "{run}");
    // -o . with the ledger in ./data: the data file would land in the ledger.
    let inside =
        Workdir::with_plan(&TRICKY.replace("title = \"t\"", "title = \"t\"\nactuals = [\"data\"]"));
    inside.write("data/2015.csv", TRICKY_LEDGER);
    let run = inside.fails_writing_nothing(&["export", "open-sdg", "-o", "."]);
    assert!(
        run.stderr
            .contains("indicator_kpi-1-5.csv: that is in the ledger"),
        "{run}"
    );
}

#[test]
fn open_data_arguments_that_do_not_apply_are_refused() {
    let work = tricky();
    let run = work.fails_writing_nothing(&["export", "open-sdg"]);
    assert!(run.stderr.contains("give -o DIR"), "{run}");
    let run = work.fails_writing_nothing(&["export", "sdmx", "--encoding", "cp932"]);
    assert!(
        run.stderr.contains("--encoding is for kpi export plan"),
        "{run}"
    );
    let run = work.fails_writing_nothing(&["export", "open-sdg", "-o", "x", "--format", "csv"]);
    assert!(
        run.stderr.contains("--format is for kpi export plan"),
        "{run}"
    );
    work.write("file", "x");
    let run = work.fails_writing_nothing(&["export", "open-sdg", "-o", "file"]);
    assert!(run.stderr.contains("is a file"), "{run}");
    // export plan keeps its encoding's default: a BOM.
    assert!(work
        .ok(&["export", "plan"])
        .bytes
        .starts_with(b"\xef\xbb\xbf"));
}

#[test]
fn two_kpis_that_make_one_indicator_id_are_an_error_and_nothing_is_written() {
    let work = tricky();
    work.plan(&TRICKY.replace("id = \"b_2\"", "id = \"1_5\""));
    work.write("actuals/2015.csv", TRICKY_LEDGER.replace("b_2,", "1_5,"));
    let run = work.fails_writing_nothing(&["export", "open-sdg", "-o", "site"]);
    assert!(run.stderr.contains("KPI 1_5 and KPI 1.5"), "{run}");
    assert!(run.stderr.contains("kpi-1-5"), "{run}");
}

#[test]
fn a_workspace_exports_one_member_at_a_time() {
    let ws = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka-workspace");
    let run = Run::of(kpi_command().current_dir(&ws).args(["export", "sdmx"]));
    let lines = run.failed();
    assert!(
        lines[0].contains("kpi export sdmx exports one plan"),
        "{run}"
    );
    // A member's KPIs read their series' figures: sousei-2's
    // outflow-no-workplace reads the series of the same id, 2015-2019 as in asaka.
    let run = Run::of(
        kpi_command()
            .current_dir(&ws)
            .args(["export", "sdmx", "-p", "sousei-2"]),
    );
    let text = run.ok();
    assert!(
        text.contains("dataflow,KPI:PLAN(1.0),I,,outflow-no-workplace,2016,2.0,%,A,\n"),
        "{text}"
    );
}

/// A prefecture's plan: 待機児童数 by age (names) and area (codes), a rate
/// reported as a whole; `plan.id` and `area_code` set.
const BROKEN_DOWN: &str = r#"[plan]
title = "t"
id = "SAITAMA"
area_code = "11000"
organization = "埼玉県"
baseline_year = 2018
target_year = 2022

[[goal]]
id = "1"
name = "g"

[[dimension]]
id = "age"
name = "年齢"
categories = ["0歳", "1・2歳", "3歳以上"]

[[dimension]]
id = "area"
name = "市区町村"
categories = ["さいたま市", "川越市", "朝霞市"]
codes = ["11100", "11201", "11227"]

[[kpi]]
id = "waiting-children"
name = "待機児童数"
goal = "1"
unit = "人"
baseline = { value = 40 }
target = { value = 0 }
breakdowns = ["age", "area"]
total = "sum"

[[kpi]]
id = "rate"
name = "率"
goal = "1"
unit = "%"
baseline = { value = 40 }
target = { value = 50 }
"#;

/// 2019: the total and both dimensions complete (5+14+2 = 10+8+3 = 21),
/// one combination given by its area code; 2020: every age but no total,
/// which is derived (4+6+1 = 11) and so not exported.
const BROKEN_DOWN_LEDGER: &str = "kpi,year,value,note,flag,age,area\n\
    waiting-children,2019,21,\"4月1日現在, \"\"速報\"\"\",preliminary,,\n\
    waiting-children,2019,5,,,0歳,\n\
    waiting-children,2019,14,,,1・2歳,\n\
    waiting-children,2019,2,,,3歳以上,\n\
    waiting-children,2019,10,,,,さいたま市\n\
    waiting-children,2019,8,,,,川越市\n\
    waiting-children,2019,3,,,,朝霞市\n\
    waiting-children,2019,1,,,0歳,11227\n\
    waiting-children,2020,4,,,0歳,\n\
    waiting-children,2020,6,,,1・2歳,\n\
    waiting-children,2020,1,,,3歳以上,\n\
    rate,2019,45.0,,,,\n";

fn broken_down() -> Workdir {
    Workdir::with_ledger(BROKEN_DOWN, &[("2019.csv", BROKEN_DOWN_LEDGER)])
}

#[test]
fn breakdowns_as_sdmx_every_written_figure_and_no_derived_total() {
    let work = broken_down();
    let text = work.ok(&["export", "sdmx"]).stdout;
    let h = "dataflow,KPI:SAITAMA(1.0),I";
    let expected = [
        // area has codes: REF_AREA; age (no codes) is the one dimension column.
        "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SERIES,TIME_PERIOD,AGE,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,COMMENT_OBS".to_string(),
        // The total: the plan's area code, _T over age, preliminary, the note quoted.
        format!("{h},11000,waiting-children,2019,_T,21,人,P,\"4月1日現在, \"\"速報\"\"\""),
        // All ages, each area: the area's code.
        format!("{h},11100,waiting-children,2019,_T,10,人,A,"),
        format!("{h},11201,waiting-children,2019,_T,8,人,A,"),
        format!("{h},11227,waiting-children,2019,_T,3,人,A,"),
        // Each age, all areas (the plan's code), then its combination with 朝霞市.
        format!("{h},11000,waiting-children,2019,0歳,5,人,A,"),
        format!("{h},11227,waiting-children,2019,0歳,1,人,A,"),
        format!("{h},11000,waiting-children,2019,1・2歳,14,人,A,"),
        format!("{h},11000,waiting-children,2019,3歳以上,2,人,A,"),
        // 2020: the ages, not the derived total 11.
        format!("{h},11000,waiting-children,2020,0歳,4,人,A,"),
        format!("{h},11000,waiting-children,2020,1・2歳,6,人,A,"),
        format!("{h},11000,waiting-children,2020,3歳以上,1,人,A,"),
        // Not broken down by age: _Z.
        format!("{h},11000,rate,2019,_Z,45.0,%,A,"),
    ];
    assert_eq!(text, expected.join("\n") + "\n");
}

#[test]
fn breakdowns_as_open_sdg_a_column_per_dimension_blank_for_the_total() {
    let work = broken_down();
    work.ok(&["export", "open-sdg", "-o", "site", "--lang", "ja"]);
    assert_eq!(
        work.read("site/data/indicator_kpi-waiting-children.csv"),
        "Year,年齢,市区町村,Units,Observation status,Value\n\
         2019,,,人,Preliminary,21\n\
         2019,,さいたま市,人,,10\n\
         2019,,川越市,人,,8\n\
         2019,,朝霞市,人,,3\n\
         2019,0歳,,人,,5\n\
         2019,0歳,朝霞市,人,,1\n\
         2019,1・2歳,,人,,14\n\
         2019,3歳以上,,人,,2\n\
         2020,0歳,,人,,4\n\
         2020,1・2歳,,人,,6\n\
         2020,3歳以上,,人,,1\n"
    );
    assert_eq!(
        work.read("site/data/indicator_kpi-rate.csv"),
        "Year,Units,Observation status,Value\n2019,%,,45.0\n"
    );
    let meta = work.read("site/meta/kpi-waiting-children.md");
    assert!(
        meta.contains("national_geographical_coverage: \"埼玉県\"\n"),
        "{meta}"
    );
    assert!(
        meta.contains("  - value: 0\n    label_content: \"目標値（2022年度）\"\n"),
        "{meta}"
    );
}

/// Reads the breakdown ledger as Python's csv reads it and compares every
/// figure with the SDMX rows: REF_AREA and AGE worked from the ledger's
/// cells by the contract's rules. argv: the ledger file, the SDMX file.
const BROKEN_DOWN_PY: &str = r#"
codes = {'さいたま市': '11100', '川越市': '11201', '朝霞市': '11227'}
with open(sys.argv[1], encoding='utf-8', newline='') as f:
    want = set()
    for r in csv.DictReader(f):
        area = codes.get(r['area'], r['area']) or '11000'
        age = r['age'] or ('_T' if r['kpi'] == 'waiting-children' else '_Z')
        status = 'P' if r['flag'] == 'preliminary' else 'A'
        want.add((area, r['kpi'], r['year'], age, r['value'], status, r['note']))
with open(sys.argv[2], encoding='utf-8', newline='') as f:
    rows = list(csv.DictReader(f))
got = set((r['REF_AREA'], r['SERIES'], r['TIME_PERIOD'], r['AGE'], r['OBS_VALUE'], r['OBS_STATUS'], r['COMMENT_OBS']) for r in rows)
assert len(got) == len(rows) and got == want, sorted(got ^ want)
print(len(rows))
"#;

#[test]
#[ignore = "needs python3"]
fn python_reads_every_category_figure_back_from_sdmx() {
    need(&PYTHON3);
    let work = broken_down();
    work.ok(&["export", "sdmx", "-o", "out.csv"]);
    let ledger = work.file("actuals/2019.csv");
    let file = work.file("out.csv");
    // 12 rows in the ledger, each a figure.
    let rows = python(
        BROKEN_DOWN_PY,
        &[ledger.to_str().unwrap(), file.to_str().unwrap()],
    );
    assert_eq!(rows, "12");
}
