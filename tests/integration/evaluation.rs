//! Evaluation as administrations do it (issue 15) through the binary:
//! revised targets, the administration's own grade bands, figures after
//! the target year. Figures worked by hand from progress.md beside each.

use crate::common::{kpi_block, Workdir, HEAD};

/// KPI a: 10 件 (H26 = 2014) → 20 件 (R1 = 2019), revised from H30 (2018)
/// on to 25 件 in R2 (2020). The revision is line 22 (HEAD ends at 14,
/// the KPI block takes 15–21).
fn revised_plan() -> String {
    let mut text = HEAD.to_string();
    text.push_str(&kpi_block("a"));
    text.push_str("revisions = [{ from = \"H30\", target = 25, target_year = \"R2\", note = \"上方修正\" }]\n");
    text
}

fn revised() -> Workdir {
    let w = Workdir::new().english();
    w.plan(&revised_plan())
        .write("actuals/2017.csv", "kpi,year,value\na,2017,16\n")
        .write("actuals/2018.csv", "kpi,year,value\na,2018,19\n");
    w
}

fn json(w: &Workdir, args: &[&str]) -> serde_json::Value {
    let run = w.ok(args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn a_revised_target_in_force_is_the_target_of_every_figure() {
    let w = revised();
    let doc = json(&w, &["status", "--format", "json"]);
    let k = &doc["kpis"][0];
    // As of 2018 the revision (from 2018) is in force: t = 25 in 2020.
    assert_eq!(k["target"]["value"], 25);
    assert_eq!(k["target"]["year"], 2020);
    assert_eq!(k["original_target"]["value"], 20);
    assert_eq!(k["original_target"]["label"], "FY2019");
    assert_eq!(k["revision"]["from"]["year"], 2018);
    assert_eq!(k["revision"]["from"]["label"], "FY2018");
    assert_eq!(k["revision"]["note"], "上方修正");
    // E(2018) = 10 + (25 - 10) * 4/6 = 20; a = 19:
    // pace = (19 - 10) / (20 - 10) = 0.9 → at_risk; achievement = 9 / 15 = 0.6
    assert_eq!(k["expected_value"], 20.0);
    assert_eq!(k["pace"], 0.9);
    assert_eq!(k["achievement"], 0.6);
    assert_eq!(k["status"], "at_risk");
    // gap = 25 - 19 = 6; improvement = (19 - 10) / 10 = 0.9
    assert_eq!(k["gap"], 6);
    assert_eq!(k["improvement"], 0.9);
}

#[test]
fn before_the_revision_the_original_target_holds() {
    let w = revised();
    let doc = json(&w, &["status", "--format", "json", "--year", "2017"]);
    let k = &doc["kpis"][0];
    // As of 2017: t = 20 in 2019; E(2017) = 10 + 10 * 3/5 = 16; a = 16 → pace 1 → on_track
    assert_eq!(k["target"]["value"], 20);
    assert!(k.get("original_target").is_none(), "{k}");
    assert!(k.get("revision").is_none(), "{k}");
    assert_eq!(k["pace"], 1.0);
    assert_eq!(k["status"], "on_track");
}

#[test]
fn the_table_show_and_report_mark_a_revised_target() {
    let w = revised();
    let table = w.ok(&["status"]).stdout;
    assert!(table.contains("25件 (FY2020, revised)"), "{table}");
    let show = w.ok(&["show", "a"]).stdout;
    assert!(show.contains("25件 (FY2020, revised)"), "{show}");
    assert!(show.contains("20件 (FY2019)"), "{show}");
    assert!(show.contains("in force from FY2018: 上方修正"), "{show}");
    let html = w.ok(&["report", "--format", "html"]).stdout;
    assert!(
        html.contains("revised: original target 20件 (FY2019) → 25件 (FY2020), in force from FY2018: 上方修正"),
        "the card says what was revised, when and why"
    );
    assert!(
        html.contains("class=\"original\""),
        "the original path is drawn"
    );
    let md = w.ok(&["report", "--format", "markdown"]).stdout;
    assert!(md.contains("in force from FY2018: 上方修正"), "{md}");
}

#[test]
fn a_revision_outside_its_span_is_refused_with_its_line() {
    let mut text = HEAD.to_string();
    text.push_str(&kpi_block("a"));
    text.push_str("revisions = [{ from = \"R2\", target = 25 }]\n");
    let w = Workdir::new().english();
    w.plan(&text);
    let run = w.run_plan(&["validate"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr.contains("kpi.toml:22:")
            && run.stderr.contains("from FY2020 is outside its span"),
        "{run}"
    );
}

#[test]
fn a_figure_after_the_target_year_is_shown_and_not_scored() {
    // a: 10 → 20 in R1 (2019). R1 = 18 (short), R2 = 21 (reaches it, too late).
    let mut text = HEAD.to_string();
    text.push_str(&kpi_block("a"));
    let w = Workdir::new().english();
    w.plan(&text)
        .write("actuals/2019.csv", "kpi,year,value\na,2019,18\n")
        .write("actuals/2020.csv", "kpi,year,value\na,2020,21\n");
    let doc = json(&w, &["status", "--format", "json"]);
    let k = &doc["kpis"][0];
    assert_eq!(k["latest"]["year"], 2019);
    assert_eq!(k["latest"]["value"], 18);
    assert_eq!(k["status"], "missed");
    let show = w.ok(&["show", "a"]).stdout;
    let r2 = show
        .lines()
        .find(|l| l.contains("FY2020"))
        .expect("an FY2020 row");
    assert!(
        r2.contains("21件") && r2.contains("after the target year"),
        "{show}"
    );
    let html = w.ok(&["report", "--format", "html"]).stdout;
    assert!(
        html.contains("class=\"after-target\""),
        "the chart draws it hollow"
    );
}

#[test]
fn the_plans_own_grade_rules_with_strict_bounds() {
    // 超え (above), 以下 (at most) and △10%以内 (improvement at least -0.10).
    let mut text = HEAD.to_string();
    text = text.replace(
        "\n[[goal]]",
        "\n[evaluation]\n[[evaluation.grade]]\nlabel = \"A\"\npace_above = 1.0\n\
         [[evaluation.grade]]\nlabel = \"B\"\npace_at_least = 0.8\n\
         [[evaluation.grade]]\nlabel = \"C\"\nimprovement_at_least = -0.10\n\
         [[evaluation.grade]]\nlabel = \"D\"\n\n[[goal]]",
    );
    for id in ["a", "b", "c", "d"] {
        text.push_str(&kpi_block(id));
    }
    let w = Workdir::new().english();
    // E(2015) = 10 + 10/5 = 12. a: 13 → pace 1.5 > 1 → A; b: 12 → pace exactly 1,
    // not above 1 → B; c: 9.5 → worsening, improvement -0.05 → C; d: 8 → -0.2 → D
    w.plan(&text).write(
        "actuals/2015.csv",
        "kpi,year,value\na,2015,13\nb,2015,12\nc,2015,9.5\nd,2015,8\n",
    );
    let doc = json(&w, &["status", "--format", "json"]);
    let grades: Vec<&str> = doc["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["grade"].as_str().unwrap())
        .collect();
    assert_eq!(grades, ["A", "B", "C", "D"]);
    assert_eq!(doc["kpis"][2]["improvement"], -0.05);
}

#[test]
fn a_band_that_can_never_hold_fails_validation() {
    let text = HEAD.replace(
        "\n[[goal]]",
        "\n[evaluation]\n[[evaluation.grade]]\nlabel = \"A\"\npace_above = 1\npace_below = 0.5\n\n[[goal]]",
    ) + &kpi_block("a");
    let w = Workdir::new().english();
    w.plan(&text);
    let run = w.run_plan(&["validate"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr.contains("kpi.toml:7:")
            && run.stderr.contains("grade band \"A\" can never hold"),
        "{run}"
    );
}

// ------------------------------------------------------------ yearly reviews

/// `reviews/2018.toml` for `revised()`: the goal, the measure and the KPI,
/// with markup that must come out as text.
const REVIEW_2018: &str = "[goal.\"1\"]\ncomment = \"目標全体は概ね順調。\"\n\n\
[measure.\"1.1\"]\ncomment = \"窓口を<拡充>した。\"\nnext = \"周知を強化する。\"\n\n\
[kpi.a]\ncomment = \"4月1日現在。\"\nnext = \"定員を増やす。\"\n";

#[test]
fn the_years_review_is_in_the_json_show_and_reports() {
    let w = revised();
    w.write("reviews/2018.toml", REVIEW_2018);
    let doc = json(&w, &["status", "--format", "json"]);
    assert_eq!(doc["kpis"][0]["review"]["comment"], "4月1日現在。");
    assert_eq!(doc["kpis"][0]["review"]["next"], "定員を増やす。");
    // As of 2017 there is no review file: null.
    let doc = json(&w, &["status", "--format", "json", "--year", "2017"]);
    assert_eq!(doc["kpis"][0]["review"], serde_json::Value::Null);

    let show = w.ok(&["show", "a"]).stdout;
    assert!(show.contains("review: 4月1日現在。"), "{show}");
    assert!(show.contains("next steps: 定員を増やす。"), "{show}");

    let html = w.ok(&["report", "--format", "html"]).stdout;
    // Under the goal heading, under the measure heading, on the card; escaped.
    let goal = html.find("目標全体は概ね順調。").expect("goal review");
    let measure = html
        .find("窓口を&lt;拡充&gt;した。")
        .expect("measure review, escaped");
    let card = html
        .find("<dd>4月1日現在。</dd>")
        .expect("KPI review on its card");
    assert!(
        html[..goal].contains("<h2>"),
        "goal review after the goal heading"
    );
    assert!(
        goal < measure && measure < card,
        "in the order of the document"
    );
    assert!(
        html[..measure].rfind("<h3>").unwrap() > goal,
        "measure review under its heading"
    );
    assert!(!html.contains("<拡充>"));

    let md = w.ok(&["report", "--format", "markdown"]).stdout;
    assert!(md.contains("**review**: 目標全体は概ね順調。"), "{md}");
    assert!(md.contains("**next steps**: 周知を強化する。"), "{md}");
}

#[test]
fn validate_checks_every_review_file_with_its_line() {
    let w = revised();
    w.write("reviews/2018.toml", REVIEW_2018);
    w.write(
        "reviews/2017.toml",
        "[kpi.nope]\ncomment = \"x\"\n\n[kpi.a]\ncoment = \"y\"\n",
    );
    let run = w.run_plan(&["validate"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(run.stderr.contains("2017.toml:1:"), "{run}");
    assert!(run.stderr.contains("2017.toml:5:"), "{run}");
    // The good file alone validates, and is counted.
    std::fs::remove_file(w.file("reviews/2017.toml")).unwrap();
    let run = w.ok(&["validate"]);
    assert!(run.stdout.contains("reviews: 1 file;"), "{run}");
}

#[test]
fn init_creates_an_empty_reviews_folder_with_an_example() {
    let w = Workdir::new().english();
    w.ok(&["init", "city"]);
    let example = w.read("city/reviews/README.md");
    assert!(example.contains("# [kpi."), "{example}");
    // The example is not read as a review.
    let run = w.run(&["validate", "--plan", "city"]);
    assert_eq!(run.code, Some(0), "{run}");
}

// ----------------------------------------------- preliminary figures and notes

/// KPI a with a final 2017 figure and a preliminary 2018 one with a note.
fn preliminary() -> Workdir {
    let mut text = HEAD.to_string();
    text.push_str(&kpi_block("a"));
    text.push_str(&kpi_block("b"));
    let w = Workdir::new().english();
    w.plan(&text).write(
        "actuals/2018.csv",
        "kpi,year,value,note,flag\na,2017,16,改定値,\na,2018,19,\"速報値、12月確定\",preliminary\nb,2018,18,,\n",
    );
    w
}

#[test]
fn a_preliminary_latest_figure_and_its_note_are_marked_everywhere() {
    let w = preliminary();
    let doc = json(&w, &["status", "--format", "json"]);
    let a = &doc["kpis"][0]["latest"];
    assert_eq!(a["preliminary"], true);
    assert_eq!(a["note"], "速報値、12月確定");
    let b = &doc["kpis"][1]["latest"];
    assert_eq!(b["preliminary"], false);
    assert_eq!(b["note"], serde_json::Value::Null);
    // As of 2017: a's latest is the final 2017 figure with its own note.
    let doc = json(&w, &["status", "--format", "json", "--year", "2017"]);
    assert_eq!(doc["kpis"][0]["latest"]["preliminary"], false);
    assert_eq!(doc["kpis"][0]["latest"]["note"], "改定値");

    let table = w.ok(&["status"]).stdout;
    assert!(table.contains("19件 (FY2018, prelim.) ※"), "{table}");
    assert!(table.contains("18件 (FY2018)"), "{table}");
    let ja = w.ok(&["status", "--lang", "ja"]).stdout;
    assert!(ja.contains("19件 (FY2018 速報) ※"), "{ja}");

    // show lists every year's note, and marks the preliminary one.
    let show = w.ok(&["show", "a"]).stdout;
    let row = |year: &str| {
        let start = format!("│ {year}");
        show.lines()
            .find(|l| l.starts_with(&start))
            .unwrap()
            .to_string()
    };
    assert!(row("FY2017").contains("改定値"), "{show}");
    assert!(
        // The figure's note follows the ※ mark (issue 25, item 5).
        row("FY2018").contains("preliminary ※ 速報値、12月確定"),
        "{show}"
    );

    // The report card shows the latest figure's note.
    let html = w.ok(&["report", "--format", "html"]).stdout;
    assert!(
        html.contains("note on the figure: 速報値、12月確定"),
        "card note"
    );
}

#[test]
fn check_fails_on_preliminary_figures_for_the_year_end_run() {
    let w = preliminary();
    // a: E(2018) = 10 + 10 * 4/5 = 18, a = 19 → on_track: the default fail-on passes.
    w.ok(&["check"]);
    let run = w.run_plan(&["check", "--fail-on", "preliminary", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let flagged = doc["flagged"]
        .as_array()
        .or(doc["kpis"].as_array())
        .expect("flagged KPIs");
    assert_eq!(flagged.len(), 1, "{doc}");
    assert_eq!(flagged[0]["id"], "a");
    assert_eq!(flagged[0]["flagged_by"][0], "preliminary");
    // The summary counts what flagged it, and then its status (on track).
    assert_eq!(doc["flagged_by_counts"]["preliminary"], 1, "{doc}");
    assert_eq!(doc["flagged_by_counts"]["on_track"], 0, "{doc}");
    assert_eq!(doc["flagged_counts"]["on_track"], 1, "{doc}");
    let text = w.run_plan(&["check", "--fail-on", "preliminary"]);
    assert!(
        text.stdout.ends_with(
            "kpi check: 1 of 2 KPIs flagged as of FY2018 (fail-on: preliminary): \
             preliminary 1 (their status: on track 1)\n"
        ),
        "{text}"
    );
    // b: E(2018) = 18 = b, on track too. a is flagged for two reasons and
    // counts under both.
    let ja = crate::common::Run::of(
        crate::common::kpi_command()
            .current_dir(w.path())
            .args(["--lang", "ja", "--color", "never", "check"])
            .args(["--fail-on", "preliminary,on_track"]),
    );
    assert!(
        ja.stdout.ends_with(
            "kpi check: 2指標中2件が該当（FY2018時点、fail-on: preliminary,on_track）：\
             順調 2・速報値 1（該当指標の状況：順調 2）\n"
        ),
        "{ja}"
    );
    // --status does not take it: it is not a status.
    let run = w.run_plan(&["status", "--status", "preliminary"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("--fail-on preliminary"), "{run}");
}

#[test]
fn an_unknown_flag_in_the_ledger_is_an_error_with_its_line() {
    let mut text = HEAD.to_string();
    text.push_str(&kpi_block("a"));
    let w = Workdir::new().english();
    w.plan(&text).write(
        "actuals/2018.csv",
        "kpi,year,value,flag\na,2017,16,final\na,2018,19,Preliminary\n",
    );
    let run = w.run_plan(&["validate"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr.contains("2018.csv:2:") && run.stderr.contains("unknown flag `final`"),
        "{run}"
    );
    // `Preliminary` in any case is the flag.
    assert!(!run.stderr.contains("2018.csv:3:"), "{run}");
}

#[test]
fn a_preliminary_figure_gives_way_to_the_final_one_without_replace() {
    let mut text = HEAD.to_string();
    text.push_str(&kpi_block("a"));
    text.push_str(&kpi_block("b"));
    let w = Workdir::new().english();
    w.plan(&text);
    // The office's preliminary figures, with the 区分 column.
    w.write(
        "r1-prelim.csv",
        "指標,年度,実績値,区分\na,2019,18,速報\nb,2019,15,\n",
    );
    let run = w.ok(&["import", "r1-prelim.csv"]);
    assert!(run.stdout.contains("2 added"), "{run}");
    let ledger = w.read("actuals/2019.csv");
    assert!(ledger.starts_with("kpi,year,value,note,flag\n"), "{ledger}");
    assert!(ledger.contains("a,2019,18,,preliminary\n"), "{ledger}");
    assert!(ledger.contains("b,2019,15,,\n"), "{ledger}");

    // The final figures: a differs (18 → 19) and is finalised without --replace.
    w.write("r1-final.csv", "kpi,year,value\na,2019,19\nb,2019,15\n");
    let run = w.ok(&["import", "r1-final.csv"]);
    assert!(run.stdout.contains("1 finalised"), "{run}");
    let ledger = w.read("actuals/2019.csv");
    assert!(ledger.contains("a,2019,19,,\n"), "{ledger}");

    // A final figure is not made preliminary again: refused, nothing written.
    let before = w.ledger();
    w.write("again.csv", "kpi,year,value,flag\nb,2019,15,preliminary\n");
    let run = w.run_plan(&["import", "again.csv"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr
            .contains("the import's figure is preliminary (速報) but the ledger's `15` is final"),
        "{run}"
    );
    assert_eq!(w.ledger(), before, "nothing written");

    // A flag that is neither: an error naming the row and column.
    w.write("bad.csv", "kpi,year,value,区分\nb,2018,1,たぶん\n");
    let run = w.run_plan(&["import", "bad.csv"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr.contains("bad.csv:2:")
            && run
                .stderr
                .contains("column `区分`: `たぶん` is neither 速報 nor 確定"),
        "{run}"
    );
}

#[test]
fn record_preliminary_then_final() {
    let mut text = HEAD.to_string();
    text.push_str(&kpi_block("a"));
    let w = Workdir::new().english();
    w.plan(&text);
    w.ok(&[
        "record",
        "a",
        "2019",
        "18",
        "--preliminary",
        "--note",
        "速報値",
    ]);
    let doc = json(&w, &["status", "--format", "json"]);
    assert_eq!(doc["kpis"][0]["latest"]["preliminary"], true);
    // The final figure replaces it without --replace.
    let run = w.ok(&["record", "a", "2019", "19"]);
    assert!(run.stdout.contains("finalise"), "{run}");
    let doc = json(&w, &["status", "--format", "json"]);
    assert_eq!(doc["kpis"][0]["latest"]["preliminary"], false);
    assert_eq!(doc["kpis"][0]["latest"]["value"], 19);
}
