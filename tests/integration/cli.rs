//! The command line through the real `kpi` binary (cli.md): finding the plan,
//! `validate`, the status table in both languages and in ASCII, the JSON,
//! CSV and Markdown outputs, filters, colour, `show`, and the language default.
//!
//! Figures on the seed plan (data/asaka) were worked by hand in tests/asaka.rs;
//! the statuses used here are taken from its table: as of R1, at_risk =
//! short-hours-ideal, fair-exhibitors; missed = outflow-no-workplace,
//! waiting-children; stale = short-hours-ideal only (latest H29, 2019 - 2017 = 2).

use crate::common::{asaka, kpi_block, kpi_command, run_asaka, Run, Workdir, HEAD};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// The KPI ids of a `status --format json` document, in order.
fn ids(doc: &Value) -> Vec<String> {
    doc["kpis"]
        .as_array()
        .expect("kpis is an array")
        .iter()
        .map(|k| k["id"].as_str().expect("id is a string").to_string())
        .collect()
}

fn status_json(extra: &[&str]) -> Value {
    let mut args = vec!["status", "--format", "json"];
    args.extend_from_slice(extra);
    run_asaka(&args).json()
}

fn kpi<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["kpis"]
        .as_array()
        .and_then(|ks| ks.iter().find(|k| k["id"] == id))
        .unwrap_or_else(|| panic!("no KPI {id} in {doc}"))
}

// ---------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------

#[test]
fn validate_a_clean_plan() {
    let run = run_asaka(&["validate"]);
    let out = run.ok();
    assert!(out.starts_with("ok"), "stdout says ok; {run}");
    // 1 goal, 13 KPIs, 5 ledger files (2015.csv … 2019.csv).
    assert!(out.contains("13 KPIs"), "{run}");
    assert!(out.contains("5 files"), "{run}");
    assert!(run.stderr.is_empty(), "no warnings; {run}");
}

#[test]
fn ledger_warnings_go_to_stderr_and_exit_0() {
    let wd = Workdir::new();
    wd.plan(&format!("{HEAD}{}", kpi_block("a")));
    // An unknown column `colour` (header, line 1 of 2015.csv); the same
    // figure for (a, FY2015) twice: 12 in 2015.csv and 12 (as H27) in again.csv.
    wd.write("actuals/2015.csv", "kpi,year,value,colour\na,2015,12,red\n");
    wd.write("actuals/again.csv", "kpi,year,value\na,H27,12\n");
    let run = wd.run_plan(&["validate"]);
    assert!(run.ok().starts_with("ok"), "{run}");
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert!(
        warnings.iter().all(|l| l.starts_with("warning: ")),
        "only warnings on stderr; {run}"
    );
    assert!(
        warnings
            .iter()
            .any(|l| l.contains("2015.csv:1") && l.contains("`colour`")),
        "unknown column warned with its place; {run}"
    );
    assert!(
        warnings
            .iter()
            .any(|l| l.contains("again.csv:2") && l.contains("2015.csv:2")),
        "the same figure twice is warned with both places; {run}"
    );
    // The warnings do not stop the other commands either; stdout stays clean JSON.
    let run = wd.run_plan(&["status", "--format", "json"]);
    assert_eq!(run.json()["kpis"][0]["latest"]["value"], 12, "{run}");
    assert!(run.stderr.starts_with("warning: "), "{run}");
}

// ---------------------------------------------------------------------------
// Finding the plan (cli.md)
// ---------------------------------------------------------------------------

/// A valid plan whose title is `title`.
fn titled(title: &str) -> String {
    format!("{HEAD}{}", kpi_block("a")).replace("Test plan", title)
}

fn title_of(run: &Run) -> String {
    run.json()["plan"]["title"]
        .as_str()
        .expect("plan.title is a string")
        .to_string()
}

#[test]
fn plan_flag_with_a_file() {
    let wd = Workdir::new();
    // Any file name: --plan names the file itself.
    wd.write("plans/city.toml", titled("By file"));
    let file = wd.path().join("plans/city.toml");
    let run = Run::of(
        wd.command(&["status", "--format", "json", "--plan"])
            .arg(&file),
    );
    assert_eq!(title_of(&run), "By file");
}

#[test]
fn plan_flag_with_a_folder() {
    let wd = Workdir::new();
    wd.write("plans/kpi.toml", titled("By folder"));
    let folder = wd.path().join("plans");
    let run = Run::of(
        wd.command(&["status", "--format", "json", "--plan"])
            .arg(&folder),
    );
    assert_eq!(title_of(&run), "By folder");
}

#[test]
fn plan_from_kpi_plan_env() {
    let wd = Workdir::new();
    wd.write("elsewhere/kpi.toml", titled("By env"));
    wd.write("here/README", "\n");
    let run = Run::of(
        wd.command(&["status", "--format", "json"])
            .current_dir(wd.path().join("here"))
            .env("KPI_PLAN", wd.path().join("elsewhere")),
    );
    assert_eq!(title_of(&run), "By env");
}

#[test]
fn plan_from_the_nearest_parent_folder() {
    let wd = Workdir::new();
    wd.write("kpi.toml", titled("Outer"));
    wd.write("city/kpi.toml", titled("Nearest"));
    wd.write("city/docs/2019/README", "\n");
    let run = Run::of(
        wd.command(&["status", "--format", "json"])
            .current_dir(wd.path().join("city/docs/2019")),
    );
    assert_eq!(title_of(&run), "Nearest");
}

#[test]
fn plan_flag_beats_kpi_plan_env() {
    let wd = Workdir::new();
    wd.write("a/kpi.toml", titled("Flag"));
    wd.write("b/kpi.toml", titled("Env"));
    let run = Run::of(
        wd.command(&["status", "--format", "json", "--plan"])
            .arg(wd.path().join("a"))
            .env("KPI_PLAN", wd.path().join("b")),
    );
    assert_eq!(title_of(&run), "Flag");
}

// ---------------------------------------------------------------------------
// The status table
// ---------------------------------------------------------------------------

/// The bordered tables of a status output: runs of consecutive lines that
/// start with a border character.
fn tables(out: &str) -> Vec<Vec<&str>> {
    let mut found: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in out.lines() {
        let border = line.chars().next().is_some_and(|c| "┌│╞├└+|".contains(c));
        if border {
            current.push(line);
        } else if !current.is_empty() {
            found.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        found.push(current);
    }
    assert!(!found.is_empty(), "no table in:\n{out}");
    found
}

/// Every line of every table has the same display width (`width` measures).
fn assert_aligned(out: &str, width: fn(&str) -> usize, how: &str) {
    for table in tables(out) {
        let w0 = width(table[0]);
        for line in &table {
            assert_eq!(
                width(line),
                w0,
                "{how}: every line of the table must be {w0} columns wide:\n{line}\n{}",
                table.join("\n")
            );
        }
    }
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters… final byte in @..~
            for d in chars.by_ref() {
                if ('@'..='~').contains(&d) && d != '[' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn status_table_japanese() {
    let run = run_asaka(&["status", "--lang", "ja", "--color", "never"]);
    let out = run.ok();
    assert_aligned(out, UnicodeWidthStr::width, "ja");
    insta::assert_snapshot!("status_ja", out);
}

#[test]
fn status_table_english() {
    let run = run_asaka(&["status", "--lang", "en", "--color", "never"]);
    let out = run.ok();
    assert_aligned(out, UnicodeWidthStr::width, "en");
    insta::assert_snapshot!("status_en", out);
}

/// The border and separator lines of an ASCII table are ASCII; every line
/// starts and ends with an ASCII border.
fn assert_ascii_tables(out: &str) {
    for table in tables(out) {
        for line in table {
            let first = line.chars().next().unwrap_or(' ');
            let last = line.chars().last().unwrap_or(' ');
            assert!(
                "+|".contains(first) && "+|".contains(last),
                "ASCII borders: {line}"
            );
            if first == '+' {
                assert!(line.is_ascii(), "separator line must be ASCII: {line}");
            }
        }
    }
}

#[test]
fn status_table_ascii() {
    let run = run_asaka(&["status", "--lang", "ja", "--color", "never", "--ascii"]);
    let out = run.ok();
    assert_ascii_tables(out);
    assert_aligned(out, UnicodeWidthStr::width, "ascii");
    // The point of --ascii: a terminal that draws ambiguous-width characters
    // two columns wide still sees an aligned table.
    assert_aligned(out, UnicodeWidthStr::width_cjk, "ascii, ambiguous = wide");
    insta::assert_snapshot!("status_ascii", out);
}

#[test]
fn kpi_ascii_env_draws_ascii_tables() {
    let run = Run::of(
        kpi_command()
            .args(["status", "--lang", "en", "--color", "never", "--plan"])
            .arg(asaka())
            .env("KPI_ASCII", "1"),
    );
    let out = run.ok();
    assert_ascii_tables(out);
    assert_aligned(out, UnicodeWidthStr::width_cjk, "KPI_ASCII=1");
}

// ---------------------------------------------------------------------------
// The JSON contract (cli.md "JSON output of kpi status --format json")
// ---------------------------------------------------------------------------

const STATUSES: [&str; 7] = [
    "achieved",
    "on_track",
    "at_risk",
    "off_track",
    "worsening",
    "missed",
    "no_data",
];

fn is_year(v: &Value) -> bool {
    v["year"].is_u64() && v["label"].is_string()
}

fn is_point(v: &Value) -> bool {
    is_year(v) && v["value"].is_number()
}

fn number_or_null(k: &Value, field: &str) -> bool {
    k.get(field).is_some_and(|v| v.is_number() || v.is_null())
}

/// Every field of every KPI and goal, with its JSON type.
fn assert_json_contract(doc: &Value) {
    assert_eq!(doc["schema_version"], 1);
    assert!(doc["plan"]["title"].is_string());
    let as_of = &doc["plan"]["as_of"];
    assert!(as_of.is_null() || is_year(as_of), "plan.as_of: {as_of}");
    let kpis = doc["kpis"].as_array().expect("kpis is an array");
    for k in kpis {
        let id = &k["id"];
        assert!(id.is_string(), "id: {k}");
        assert!(k["name"].is_string(), "{id}: name");
        assert!(
            k.get("unit").is_some_and(|u| u.is_string() || u.is_null()),
            "{id}: unit"
        );
        let goals = k["goals"].as_array().expect("goals is an array");
        assert!(
            !goals.is_empty() && goals.iter().all(Value::is_string),
            "{id}: goals"
        );
        assert_eq!(k["goal"], goals[0], "{id}: goal is the first of goals");
        let measures = k["measures"].as_array().expect("measures is an array");
        assert!(measures.iter().all(Value::is_string), "{id}: measures");
        assert!(
            k["direction"] == "increase" || k["direction"] == "decrease",
            "{id}: direction"
        );
        assert!(is_point(&k["baseline"]), "{id}: baseline {}", k["baseline"]);
        assert!(is_point(&k["target"]), "{id}: target {}", k["target"]);
        assert!(
            k.get("latest").is_some_and(|l| l.is_null() || is_point(l)),
            "{id}: latest"
        );
        for field in ["achievement", "expected", "pace", "gap"] {
            assert!(number_or_null(k, field), "{id}: {field} = {}", k[field]);
        }
        let status = k["status"].as_str().expect("status is a string");
        assert!(STATUSES.contains(&status), "{id}: status {status}");
        // No [[evaluation.grade]] in these plans: grade is null, but present.
        assert!(k.get("grade").is_some_and(Value::is_null), "{id}: grade");
        assert!(k["stale"].is_boolean(), "{id}: stale");
        assert!(
            k["basis"] == "baseline" || k["basis"] == "target",
            "{id}: basis"
        );
        if status == "no_data" {
            for field in ["latest", "achievement", "expected", "pace", "gap"] {
                assert!(k[field].is_null(), "{id}: {field} is null for no_data");
            }
            assert_eq!(k["stale"], false, "{id}: a no_data KPI is not stale");
        } else {
            // Every KPI here has t ≠ b and a latest year after its baseline,
            // so on a linear path every figure is defined.
            assert!(is_point(&k["latest"]), "{id}: latest");
            for field in ["achievement", "expected", "pace", "gap"] {
                assert!(k[field].is_number(), "{id}: {field} is a number");
            }
        }
    }
    for g in doc["goals"].as_array().expect("goals is an array") {
        assert!(g["id"].is_string() && g["name"].is_string(), "goal: {g}");
        let counts = g["counts"].as_object().expect("counts is an object");
        assert_eq!(counts.len(), 7, "counts has the 7 statuses: {g}");
        let mut sum = 0;
        for s in STATUSES {
            sum += counts[s]
                .as_u64()
                .unwrap_or_else(|| panic!("counts.{s}: {g}"));
        }
        let members = kpis
            .iter()
            .filter(|k| {
                k["goals"]
                    .as_array()
                    .is_some_and(|gs| gs.contains(&g["id"]))
            })
            .count() as u64;
        assert_eq!(sum, members, "counts add up to the goal's KPIs: {g}");
    }
}

#[test]
fn status_json_contract_on_the_seed_plan() {
    let doc = status_json(&[]);
    assert_json_contract(&doc);
    assert_eq!(doc["plan"]["as_of"]["year"], 2019);
    assert_eq!(doc["plan"]["as_of"]["label"], "R1");
    assert_eq!(doc["kpis"].as_array().map(Vec::len), Some(13));
    // work-life-satisfaction has no figure in any year: latest null.
    let wl = kpi(&doc, "work-life-satisfaction");
    assert_eq!(wl["status"], "no_data");
    assert!(wl["latest"].is_null());
}

#[test]
fn status_json_with_an_empty_ledger() {
    let wd = Workdir::new();
    // No actuals/ folder at all (the default ledger): an empty ledger.
    wd.plan(&format!("{HEAD}{}\n{}", kpi_block("a"), kpi_block("b")));
    let doc = wd.run_plan(&["status", "--format", "json"]).json();
    assert_json_contract(&doc);
    assert!(doc["plan"]["as_of"].is_null(), "as_of null: {doc}");
    assert_eq!(ids(&doc), ["a", "b"]);
    for k in doc["kpis"].as_array().unwrap() {
        assert_eq!(k["status"], "no_data", "{k}");
    }
    assert_eq!(doc["goals"][0]["counts"]["no_data"], 2);
    // An empty actuals/ folder is the same.
    wd.write("actuals/.keep", "");
    let doc = wd.run_plan(&["status", "--format", "json"]).json();
    assert!(doc["plan"]["as_of"].is_null(), "as_of null: {doc}");
}

// ---------------------------------------------------------------------------
// Selection: --year, --goal, --measure, --owner, --status
// ---------------------------------------------------------------------------

#[test]
fn year_ignores_later_figures() {
    let wd = Workdir::new();
    // a: 10 (H26) → 20 (R1), linear: E(y) = 10 + 10·(y - 2014)/5 = 2 per year.
    wd.plan(&format!("{HEAD}{}", kpi_block("a")));
    wd.write(
        "actuals/all.csv",
        "kpi,year,value\na,2015,12\na,2016,14\na,2017,30\n",
    );
    // Default: as of the newest year, 2017; 30 ≥ 20 → achieved.
    let doc = wd.run_plan(&["status", "--format", "json"]).json();
    assert_eq!(doc["plan"]["as_of"]["year"], 2017);
    assert_eq!(doc["kpis"][0]["latest"]["value"], 30);
    assert_eq!(doc["kpis"][0]["status"], "achieved");
    // --year 2016: the 2017 figure is ignored. Latest 14 = E(2016) = 14:
    // pace (14-10)/(14-10) = 1 ≥ 0.95 → on_track; gap 20-14 = 6.
    for year in ["2016", "FY2016", "H28", "平成28年度"] {
        let doc = wd
            .run_plan(&["status", "--format", "json", "--year", year])
            .json();
        assert_eq!(doc["plan"]["as_of"]["year"], 2016, "--year {year}");
        let k = &doc["kpis"][0];
        assert_eq!(k["latest"]["year"], 2016, "--year {year}");
        assert_eq!(k["latest"]["value"], 14, "--year {year}");
        assert_eq!(k["pace"].as_f64(), Some(1.0), "--year {year}");
        assert_eq!(k["gap"], 6, "--year {year}");
        assert_eq!(k["status"], "on_track", "--year {year}");
    }
    // --year H26, the baseline year: no actual after the baseline → no_data.
    let doc = wd
        .run_plan(&["status", "--format", "json", "--year", "H26"])
        .json();
    assert_eq!(doc["kpis"][0]["status"], "no_data");
    assert!(doc["kpis"][0]["latest"].is_null());
    // A year that is not one: exit 2, named.
    let run = wd.run_plan(&["status", "--year", "H0"]);
    assert!(run.failed()[0].contains("H0"), "{run}");
}

/// Two goals; measure 2.1 has a sub-measure 2.1.1; offices A and B.
/// a → 1.1 (A); b → 2.1.1 (B); c → goal 2 itself; d → 1.1 and 2.1 (A).
fn two_goals() -> Workdir {
    let wd = Workdir::new();
    let extra = "[[goal]]\nid = \"2\"\nname = \"Goal two\"\n\n\
                 [[measure]]\nid = \"2.1\"\ngoal = \"2\"\nname = \"Measure two\"\n\n\
                 [[measure]]\nid = \"2.1.1\"\nparent = \"2.1\"\nname = \"Sub two\"\n\n";
    let a = format!("{}owner = \"Office A\"\n", kpi_block("a"));
    let b = format!("{}owner = \"Office B\"\n", kpi_block("b")).replace("\"1.1\"", "\"2.1.1\"");
    let c = kpi_block("c").replace("measures = [\"1.1\"]", "goal = \"2\"");
    let d = format!("{}owner = \"Office A\"\n", kpi_block("d"))
        .replace("[\"1.1\"]", "[\"1.1\", \"2.1\"]");
    wd.plan(&format!("{HEAD}{extra}{a}\n{b}\n{c}\n{d}"));
    wd
}

fn selected(wd: &Workdir, filter: &[&str]) -> Vec<String> {
    let mut args = vec!["status", "--format", "json"];
    args.extend_from_slice(filter);
    ids(&wd.run_plan(&args).json())
}

#[test]
fn goal_filter() {
    let wd = two_goals();
    assert_eq!(selected(&wd, &[]), ["a", "b", "c", "d"]);
    assert_eq!(selected(&wd, &["--goal", "1"]), ["a", "d"]);
    assert_eq!(selected(&wd, &["--goal", "2"]), ["b", "c", "d"]);
    // d leads up to both goals: goals in plan order, goal the first.
    let doc = wd.run_plan(&["status", "--format", "json"]).json();
    assert_eq!(kpi(&doc, "d")["goals"], serde_json::json!(["1", "2"]));
    assert_eq!(kpi(&doc, "d")["goal"], "1");
    assert_eq!(kpi(&doc, "c")["goal"], "2");
}

#[test]
fn measure_filter_includes_sub_measures() {
    let wd = two_goals();
    assert_eq!(selected(&wd, &["--measure", "2.1"]), ["b", "d"]);
    assert_eq!(selected(&wd, &["--measure", "2.1.1"]), ["b"]);
    assert_eq!(selected(&wd, &["--measure", "1.1"]), ["a", "d"]);
    // The seed plan: 1.1 has 1.1.1 (fair, startups), 1.1.2 (shopping, sme)
    // and 1.1.3 (labour, job-seminar); 1.2 has 1.2.1 (labour, waiting,
    // after-school, extended, sick-child).
    let doc = status_json(&["--measure", "1.1"]);
    assert_eq!(
        ids(&doc),
        [
            "fair-exhibitors",
            "startups-supported",
            "shopping-street-events",
            "sme-loans",
            "labour-consultations",
            "job-seminar-employment-rate"
        ]
    );
    let doc = status_json(&["--measure", "1.2"]);
    assert_eq!(
        ids(&doc),
        [
            "labour-consultations",
            "waiting-children",
            "after-school-waitlist",
            "extended-care-capacity",
            "sick-child-care-capacity"
        ]
    );
}

#[test]
fn owner_filter() {
    let wd = two_goals();
    assert_eq!(selected(&wd, &["--owner", "Office A"]), ["a", "d"]);
    assert_eq!(selected(&wd, &["--owner", "Office B"]), ["b"]);
    let doc = status_json(&["--owner", "保育課"]);
    assert_eq!(
        ids(&doc),
        [
            "waiting-children",
            "after-school-waitlist",
            "extended-care-capacity",
            "sick-child-care-capacity"
        ]
    );
}

#[test]
fn status_filter() {
    let doc = status_json(&["--status", "at_risk,missed"]);
    assert_eq!(
        ids(&doc),
        [
            "outflow-no-workplace",
            "short-hours-ideal",
            "fair-exhibitors",
            "waiting-children"
        ]
    );
    // The roll-up counts what is shown.
    let counts = &doc["goals"][0]["counts"];
    assert_eq!(counts["at_risk"], 2);
    assert_eq!(counts["missed"], 2);
    assert_eq!(counts["achieved"], 0);
    let doc = status_json(&["--status", "stale"]);
    assert_eq!(ids(&doc), ["short-hours-ideal"]);
    assert_eq!(kpi(&doc, "short-hours-ideal")["stale"], true);
}

#[test]
fn unknown_filter_values_are_errors() {
    let wd = two_goals();
    for (args, stderr) in [
        (
            &["status", "--goal", "9"][..],
            "error: --goal: the plan has no goal `9`; the plan's goals are `1` and `2`\n",
        ),
        // 9.9 is two edits from 1.1 and from 2.1, four from 2.1.1.
        (
            &["status", "--measure", "9.9"],
            "error: --measure: the plan has no measure `9.9`; did you mean `1.1` or `2.1`?\n",
        ),
        (
            &["status", "--owner", "Nobody"],
            "error: --owner: no KPI is owned by `Nobody`; \
             the plan's owners are `Office A` and `Office B`\n",
        ),
        (
            &["status", "--status", "late"],
            "error: --status: unknown status `late`; write a comma list of no_data, achieved, \
             missed, worsening, on_track, at_risk, off_track, or stale (or, for --fail-on, \
             preliminary)\n",
        ),
        (
            &["status", "--status", "at_risk,bogus"],
            "error: --status: unknown status `bogus`; write a comma list of no_data, achieved, \
             missed, worsening, on_track, at_risk, off_track, or stale (or, for --fail-on, \
             preliminary)\n",
        ),
    ] {
        let run = wd.run_plan(args);
        run.failed();
        assert_eq!(run.stderr, stderr, "{run}");
    }
}

// ---------------------------------------------------------------------------
// CSV and Markdown
// ---------------------------------------------------------------------------

#[test]
fn status_csv_parses_one_row_per_kpi() {
    let run = run_asaka(&["status", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(run.ok().as_bytes());
    let header = reader.headers().expect("a header row").clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let (id, status, latest, achievement) =
        (col("id"), col("status"), col("latest"), col("achievement"));
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("every row parses");
    assert_eq!(rows.len(), 13, "one row per KPI, labour-consultations once");
    let doc = status_json(&[]);
    let json_ids = ids(&doc);
    for (row, want) in rows.iter().zip(&json_ids) {
        assert_eq!(&row[id], want);
        assert_eq!(row[status], kpi(&doc, want)["status"]);
    }
    // fair-exhibitors: latest 66, achievement (66-63)/(68-63) = 0.6.
    let fair = rows.iter().find(|r| &r[id] == "fair-exhibitors").unwrap();
    assert_eq!(&fair[latest], "66");
    assert_eq!(fair[achievement].parse::<f64>().ok(), Some(0.6));
    // no_data: empty cells, not "-" or "null".
    let wl = rows
        .iter()
        .find(|r| &r[id] == "work-life-satisfaction")
        .unwrap();
    assert_eq!(&wl[latest], "");
}

#[test]
fn status_markdown_is_a_pipe_table() {
    let run = run_asaka(&["status", "--format", "markdown", "--lang", "ja"]);
    let out = run.ok();
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with('|')).collect();
    assert!(
        rows.iter()
            .any(|l| l.starts_with("|---") || l.starts_with("| ---")),
        "a header separator row:\n{out}"
    );
    for name in [
        "待機児童数",
        "あさか産業フェア参加事業所数",
        "労働・社会保険相談件数",
    ] {
        assert!(
            rows.iter().any(|l| l.contains(name)),
            "{name} in a table row:\n{out}"
        );
    }
    assert!(!out.contains('\x1b'), "no colour in Markdown");
}

// ---------------------------------------------------------------------------
// Colour
// ---------------------------------------------------------------------------

const STATUS_WORDS_EN: [&str; 7] = [
    "achieved",
    "on track",
    "at risk",
    "off track",
    "worsening",
    "missed",
    "no data",
];

#[test]
fn color_always_colours_and_keeps_the_words() {
    let run = run_asaka(&["status", "--lang", "en", "--color", "always"]);
    let out = run.ok();
    assert!(out.contains("\x1b["), "ANSI escapes with --color always");
    let plain = strip_ansi(out);
    for word in STATUS_WORDS_EN {
        assert!(plain.contains(word), "status word {word} still there");
    }
    // Colour must not break alignment: without the escapes, still aligned.
    assert_aligned(&plain, UnicodeWidthStr::width, "--color always");
    assert_eq!(
        plain,
        run_asaka(&["status", "--lang", "en", "--color", "never"]).ok(),
        "the same table with the colour taken out"
    );
}

#[test]
fn color_never_and_auto_when_piped_have_no_escapes() {
    for args in [
        &["status", "--lang", "en", "--color", "never"][..],
        &["status", "--lang", "en", "--color", "auto"],
        &["status", "--lang", "en"],
    ] {
        let run = run_asaka(args);
        assert!(!run.ok().contains('\x1b'), "{args:?}: no escapes; {run}");
    }
}

#[test]
fn no_color_env_with_auto_has_no_escapes() {
    let run = Run::of(
        kpi_command()
            .args(["status", "--lang", "en", "--plan"])
            .arg(asaka())
            .env("NO_COLOR", "1"),
    );
    assert!(!run.ok().contains('\x1b'), "{run}");
}

// ---------------------------------------------------------------------------
// kpi show
// ---------------------------------------------------------------------------

#[test]
fn show_json_expected_path() {
    let run = run_asaka(&["show", "labour-consultations", "--format", "json"]);
    let doc = run.json();
    assert_eq!(doc["kpi"]["id"], "labour-consultations");
    let years = doc["kpi"]["years"].as_array().expect("years is an array");
    // Linear path 13 (H26 = 2014) → 21 (R1 = 2019): E(y) = 13 + 8·(y - 2014)/5,
    // 1.6 per year. Actuals from data/asaka/actuals: 14, 12, 15, 16, none in R1.
    // pace(2015) = (14-13)/(14.6-13) = 1/1.6 = 0.625.
    let want: [(i64, f64, Option<i64>); 6] = [
        (2014, 13.0, None), // E = b
        (2015, 14.6, Some(14)),
        (2016, 16.2, Some(12)),
        (2017, 17.8, Some(15)),
        (2018, 19.4, Some(16)),
        (2019, 21.0, None), // E = t
    ];
    for (year, expected, actual) in want {
        let row = years
            .iter()
            .find(|r| r["year"] == year)
            .unwrap_or_else(|| panic!("no row for {year}: {doc}"));
        assert_eq!(
            row["expected_value"].as_f64(),
            Some(expected),
            "E({year}): {row}"
        );
        match actual {
            Some(a) => assert_eq!(row["actual"], a, "actual {year}"),
            None => assert!(row["actual"].is_null(), "actual {year}: {row}"),
        }
    }
    let y2015 = years.iter().find(|r| r["year"] == 2015).unwrap();
    assert_eq!(y2015["pace"].as_f64(), Some(0.625));
    assert_eq!(years[0]["label"], "H26");
}

#[test]
fn show_unknown_kpi() {
    let run = run_asaka(&["show", "nope"]);
    run.failed();
    assert_eq!(
        run.stderr,
        "error: the plan has no KPI `nope`; `kpi status --format csv` lists each KPI's id\n"
    );
}

// ---------------------------------------------------------------------------
// The language default (cli.md: "default from LANG")
// ---------------------------------------------------------------------------

fn status_with_env(vars: &[(&str, &str)]) -> String {
    let mut cmd = kpi_command();
    cmd.args(["status", "--color", "never", "--plan"])
        .arg(asaka());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    Run::of(&mut cmd).ok().to_string()
}

#[test]
fn lang_default_from_lang() {
    let ja = status_with_env(&[("LANG", "ja_JP.UTF-8")]);
    for word in ["未達成", "要注意", "データなし"] {
        assert!(ja.contains(word), "LANG=ja_JP.UTF-8: {word}:\n{ja}");
    }
    let en = status_with_env(&[("LANG", "C")]);
    assert!(en.contains("missed") && en.contains("at risk"), "{en}");
    assert!(!en.contains("未達成"), "{en}");
    // No LANG at all: English.
    let none = status_with_env(&[]);
    assert!(none.contains("missed"), "{none}");
    // --lang beats LANG.
    let mut cmd = kpi_command();
    cmd.args(["status", "--color", "never", "--lang", "en", "--plan"])
        .arg(asaka())
        .env("LANG", "ja_JP.UTF-8");
    assert!(Run::of(&mut cmd).ok().contains("missed"));
}

// ---------------------------------------------------------------------------
// Reading the ledger (actuals-format.md "The ledger")
// ---------------------------------------------------------------------------

#[test]
fn ledger_reading_rules() {
    let wd = Workdir::new();
    wd.plan(&format!("{HEAD}{}\n{}", kpi_block("a"), kpi_block("b")));
    // A byte-order mark, comments before the header, column names in any
    // case and order, an empty value (no figure), every year form.
    wd.write(
        "actuals/2015.csv",
        "\u{feff}# comment\n# another\nValue,KPI,Year,Note\n12,a,H27,\n,b,H27,not yet\n",
    );
    wd.write(
        "actuals/2016.csv",
        "kpi,year,value\na,平成28年度,14\nb,FY2016,11\n",
    );
    // Not read: hidden files, sub-folders, files that are not *.csv.
    let bad = "kpi,year,value\nzz,2016,999\n";
    wd.write("actuals/.draft.csv", bad);
    wd.write("actuals/old/2014.csv", bad);
    wd.write("actuals/notes.txt", bad);
    let run = wd.run_plan(&["status", "--format", "json"]);
    assert!(run.stderr.is_empty(), "no warnings; {run}");
    let doc = run.json();
    assert_eq!(doc["plan"]["as_of"]["year"], 2016);
    // a: 12 (2015), 14 (2016); b: none in 2015 (empty value), 11 in 2016.
    let a = kpi(&doc, "a");
    assert_eq!(a["latest"]["year"], 2016);
    assert_eq!(a["latest"]["value"], 14);
    let b = kpi(&doc, "b");
    assert_eq!(b["latest"]["value"], 11);
    let show = wd.run_plan(&["show", "b", "--format", "json"]).json();
    let y2015 = show["kpi"]["years"]
        .as_array()
        .and_then(|ys| ys.iter().find(|y| y["year"] == 2015))
        .expect("a 2015 row");
    assert!(
        y2015["actual"].is_null(),
        "empty value = no figure: {y2015}"
    );
}

#[test]
fn ledger_files_named_in_plan_actuals() {
    let wd = Workdir::new();
    // plan.actuals names a file and a folder, relative to kpi.toml.
    let plan = format!("{HEAD}{}", kpi_block("a")).replace(
        "target_year = \"R1\"\n",
        "target_year = \"R1\"\nactuals = [\"figures/2015.csv\", \"more\"]\n",
    );
    wd.plan(&plan);
    wd.write("figures/2015.csv", "kpi,year,value\na,2015,12\n");
    wd.write("more/2016.csv", "kpi,year,value\na,2016,14\n");
    // The default actuals/ is not read when plan.actuals names others.
    wd.write("actuals/2017.csv", "kpi,year,value\na,2017,16\n");
    let doc = wd.run_plan(&["status", "--format", "json"]).json();
    assert_eq!(doc["plan"]["as_of"]["year"], 2016);
    assert_eq!(doc["kpis"][0]["latest"]["value"], 14);
    // A named folder that does not exist is an error, unlike a missing default.
    wd.plan(&plan.replace("\"more\"", "\"missing\""));
    let run = wd.run_plan(&["validate"]);
    assert!(run.failed()[0].contains("missing"), "{run}");
}

#[test]
fn measure_and_goal_filters_narrow_the_sections_and_rollups() {
    // labour-consultations serves 1.1.3 and 1.2.1; asking for 1.1.3 must not
    // bring 1.2.1's group along (found in review).
    let table = run_asaka(&[
        "status",
        "--measure",
        "1.1.3",
        "--lang",
        "ja",
        "--color",
        "never",
    ]);
    let text = table.ok();
    assert!(text.contains("③ 勤労者支援の充実"), "{text}");
    assert!(!text.contains("勤労者支援と保育サービスの充実"), "{text}");
    let json = run_asaka(&["status", "--measure", "1.1.3", "--format", "json"]).json();
    let measures: Vec<&str> = json["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(measures, vec!["1.1.3"]);
    assert_eq!(json["goals"].as_array().unwrap().len(), 1);
    // 1.1.3 holds labour-consultations (off_track) and the seminar rate (achieved).
    assert_eq!(json["goals"][0]["counts"]["off_track"], 1);
    assert_eq!(json["goals"][0]["counts"]["achieved"], 1);
}

#[test]
fn figures_after_the_as_of_year_do_not_change_the_decimals() {
    let w = Workdir::new();
    let mut plan = HEAD.to_string();
    plan.push_str(&kpi_block("k"));
    w.plan(&plan)
        .write("actuals/a.csv", "kpi,year,value\nk,2017,12\nk,2019,18.25\n");
    // As of 2018 the 2019 figure (two decimals) is ignored: 12 prints as 12.
    let json = w
        .run_plan(&["status", "--year", "2018", "--format", "json"])
        .json();
    assert_eq!(json["kpis"][0]["decimals"], 0);
    let json = w.run_plan(&["status", "--format", "json"]).json();
    assert_eq!(json["kpis"][0]["decimals"], 2);
}

/// Every command's help groups the options every command takes under their
/// own heading, after the command's own, as cargo and ripgrep do; and is
/// wrapped to the terminal's width (COLUMNS here) (issue 25, item 10).
#[test]
fn every_help_puts_the_global_options_under_their_own_heading() {
    const GLOBAL: [&str; 8] = [
        "--plan <PATH>",
        "--workspace <PATH>",
        "--all",
        "--member <NAME>",
        "--lang <LANG>",
        "--color <COLOR>",
        "--ascii",
        "--width <N>",
    ];
    let top = Run::of(kpi_command().arg("--help"));
    let commands: Vec<String> = top
        .ok()
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands: section")
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 15, "{commands:?}");
    let mut helps = vec![(String::new(), top.stdout.clone())];
    for c in commands
        .iter()
        .map(String::as_str)
        .chain(["workspace adopt"])
    {
        let run = Run::of(
            kpi_command()
                .env("COLUMNS", "80")
                .args(c.split(' '))
                .arg("--help"),
        );
        helps.push((c.to_string(), run.ok().to_string()));
    }
    for (c, help) in &helps {
        let (own, global) = help
            .split_once("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("kpi {c} --help has no Global options heading:\n{help}"));
        for g in GLOBAL {
            assert!(
                global.contains(g),
                "kpi {c} --help: {g} under Global options:\n{help}"
            );
            assert!(
                !own.contains(g),
                "kpi {c} --help: {g} among its own options:\n{help}"
            );
        }
        if !c.is_empty() {
            for line in help.lines() {
                let width = line.width();
                assert!(width <= 80, "kpi {c} --help at 80 columns: `{line}`");
            }
        }
    }
}
