//! What was published stays published (evaluation-cycle.md §2): `kpi
//! publish`, the previous evaluation beside the current one, the marks of
//! a KPI revised since publication, `kpi diff`, and `validate` of
//! `evaluations/`. Every expected figure is worked by hand from
//! progress.md beside it.

use crate::common::{kpi_block, Workdir, HEAD};

/// Two KPIs, each 10 件 (H26 = FY2014) → 20 件 (R1 = FY2019), linear:
/// E(y) = 10 + 2 (y − 2014), so E(2017) = 16 and E(2018) = 18.
///
/// - a: 16 in 2017 → pace 6/6 = 1 → on track; 15 in 2018 → pace 5/8 =
///   0.625 → at risk.
/// - b: 12 in 2017 → pace 2/6 = 0.33 → off track; 18 in 2018 → pace 8/8
///   = 1 → on track.
pub fn two_kpis() -> Workdir {
    let w = Workdir::new().english();
    let mut plan = HEAD.to_string();
    plan.push_str(&kpi_block("a"));
    plan.push('\n');
    plan.push_str(&kpi_block("b"));
    w.plan(&plan)
        .write("actuals/2017.csv", "kpi,year,value\na,2017,16\nb,2017,12\n")
        .write("actuals/2018.csv", "kpi,year,value\na,2018,15\nb,2018,18\n");
    w
}

fn doc(w: &Workdir, file: &str) -> serde_json::Value {
    serde_json::from_str(&w.read(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn publish_writes_the_status_document_of_the_year_with_its_date() {
    let w = two_kpis().env("KPI_TODAY", "2019-06-30");
    let run = w.ok(&["publish", "--year", "2017"]);
    assert!(run.stdout.contains("evaluations/2017.json"), "{run}");
    let d = doc(&w, "evaluations/2017.json");
    assert_eq!(d["schema_version"], 1);
    assert_eq!(d["plan"]["as_of"]["year"], 2017);
    assert_eq!(d["published"]["date"], "2019-06-30");
    assert_eq!(d["published"]["kpi_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(d["kpis"][0]["id"], "a");
    assert_eq!(d["kpis"][0]["status"], "on_track");
    assert_eq!(d["kpis"][0]["latest"]["value"], 16);
    assert_eq!(d["kpis"][1]["status"], "off_track");
    // Nothing before 2017 was published: no previous verdict in it.
    assert!(d["kpis"][0].get("previous").is_none());
    // The default year is the as-of year: the newest in the ledger, 2018.
    w.ok(&["publish"]);
    let d = doc(&w, "evaluations/2018.json");
    assert_eq!(d["plan"]["as_of"]["year"], 2018);
    assert_eq!(d["kpis"][0]["status"], "at_risk");
    // … and it carries the previous verdict, 2017's.
    assert_eq!(d["kpis"][0]["previous"]["year"], 2017);
    assert_eq!(d["kpis"][0]["previous"]["status"], "on_track");
    assert!(d["kpis"][0].get("revised_since_publication").is_none());
}

#[test]
fn publish_twice_is_refused_and_replace_keeps_the_first() {
    let w = two_kpis();
    w.ok(&["publish", "--year", "2018"]);
    let first = w.read("evaluations/2018.json");
    let run = w.fails_writing_nothing(&["publish", "--year", "2018"]);
    let line = run.failed()[0];
    assert!(line.contains("evaluations/2018.json"), "{run}");
    assert!(line.contains("already published"), "{run}");
    // A figure corrected (a: 15 → 14), then the year published again.
    w.write("actuals/2018.csv", "kpi,year,value\na,2018,14\nb,2018,18\n");
    let run = w.ok(&["publish", "--year", "2018", "--replace"]);
    assert!(run.stdout.contains("2018.replaced-1.json"), "{run}");
    assert_eq!(w.read("evaluations/2018.replaced-1.json"), first);
    let d = doc(&w, "evaluations/2018.json");
    assert_eq!(d["kpis"][0]["latest"]["value"], 14);
    // The new file says what is published now, not what it replaced.
    assert!(d["kpis"][0].get("published").is_none(), "{d}");
    // A second replacement keeps the second file, and the first stays.
    w.ok(&["publish", "--year", "2018", "--replace"]);
    assert_eq!(w.read("evaluations/2018.replaced-1.json"), first);
    assert!(w.file("evaluations/2018.replaced-2.json").exists());
}

#[test]
fn publish_needs_a_year_and_takes_no_output() {
    let w = Workdir::new().english();
    let mut plan = HEAD.to_string();
    plan.push_str(&kpi_block("a"));
    w.plan(&plan);
    let run = w.fails_writing_nothing(&["publish"]);
    assert!(run.failed()[0].contains("no year to publish"), "{run}");
    let run = w.run(&["publish", "-o", "x.json"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(!w.file("x.json").exists());
}

#[test]
fn the_evaluations_folder_of_the_plan_is_where_publish_writes_and_no_output_goes() {
    let w = two_kpis();
    let plan = w.read("kpi.toml").replace(
        "target_year = \"R1\"\n",
        "target_year = \"R1\"\nevaluations = \"公表\"\n",
    );
    w.plan(&plan);
    w.ok(&["publish"]);
    assert!(w.file("公表/2018.json").exists());
    assert!(!w.file("evaluations").exists());
    for args in [
        &["status", "-o", "公表/2018.json"][..],
        &["report", "-o", "公表/report.html"],
        &["status", "--format", "json", "-o", "./公表/../公表/x.json"],
    ] {
        let run = w.fails_writing_nothing(args);
        assert!(
            run.failed()[0].contains("in the evaluations folder"),
            "{run}"
        );
    }
}

#[test]
fn publish_in_a_workspace_writes_each_members_own_folder() {
    let w = Workdir::new().english();
    let mut plan = HEAD.to_string();
    plan.push_str(&kpi_block("a"));
    let other = plan.replace("id = \"a\"", "id = \"c\"");
    w.write(
        "kpi-workspace.toml",
        "[workspace]\nname = \"W\"\nmembers = [\"plans/*\"]\nledger = [\"ledger\"]\n",
    )
    .write("plans/one/kpi.toml", &plan)
    .write("plans/two/kpi.toml", &other)
    .write("ledger/2017.csv", "kpi,year,value\na,2017,16\nc,2017,12\n");
    w.ok(&["publish"]);
    let one = doc(&w, "plans/one/evaluations/2017.json");
    let two = doc(&w, "plans/two/evaluations/2017.json");
    assert_eq!(one["kpis"][0]["id"], "a");
    assert_eq!(two["kpis"][0]["id"], "c");
    // One member already published: nothing is written for either.
    std::fs::remove_file(w.file("plans/one/evaluations/2017.json")).unwrap();
    let run = w.fails_writing_nothing(&["publish"]);
    assert!(
        run.failed()[0].contains("plans/two/evaluations/2017.json"),
        "{run}"
    );
    // In a member's folder, that member alone.
    let run = w.run(&["publish", "--plan", "plans/one"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(w.file("plans/one/evaluations/2017.json").exists());
}

/// `two_kpis` with 2017 and 2018 published as they stood.
fn published_twice() -> Workdir {
    let w = two_kpis();
    w.ok(&["publish", "--year", "2017"]);
    w.ok(&["publish", "--year", "2018"]);
    w
}

#[test]
fn the_previous_evaluation_stands_beside_the_current_one() {
    let w = two_kpis();
    w.ok(&["publish", "--year", "2017"]);
    // As of 2018, 2017 is the previous evaluation: a on track → at risk
    // (worsened), b off track → on track (improved).
    let table = w.ok(&["status", "--width", "400"]).stdout;
    assert!(table.contains("┆ previous "), "{table}");
    assert!(table.contains("on track → at risk"), "{table}");
    assert!(table.contains("off track → on track"), "{table}");
    assert!(
        table.contains("(published for FY2017): 1 improved, 0 the same, 1 worsened"),
        "{table}"
    );
    let d = w.ok(&["status", "--format", "json"]).json();
    let a = &d["kpis"][0];
    assert_eq!(a["previous"]["year"], 2017);
    assert_eq!(a["previous"]["status"], "on_track");
    // a's 2017 achievement: (16 − 10) / (20 − 10) = 0.6.
    assert_eq!(a["previous"]["achievement"], 0.6);
    assert_eq!(a["previous"]["grade"], serde_json::Value::Null);
    // 2018 itself is not published: nothing to be revised against.
    assert!(a.get("published").is_none(), "{a}");
    assert!(a.get("revised_since_publication").is_none(), "{a}");
    // As of 2017 nothing was published before: no column, no field.
    let d = w
        .ok(&["status", "--format", "json", "--year", "2017"])
        .json();
    assert!(d["kpis"][0].get("previous").is_none());
    let table = w.ok(&["status", "--year", "2017", "--width", "400"]).stdout;
    assert!(!table.contains("previous"), "{table}");
    // The report's table and its count.
    let md = w.ok(&["report", "--format", "markdown"]).stdout;
    assert!(md.contains("| status | previous | trend |"), "{md}");
    assert!(md.contains("1 improved, 0 the same, 1 worsened"), "{md}");
}

#[test]
fn a_figure_revised_after_publication_is_marked_and_the_file_kept() {
    let w = published_twice();
    let published = std::fs::read(w.file("evaluations/2018.json")).unwrap();
    // a's 2018 figure corrected 15 → 14: pace (14 − 10) / (18 − 10) = 0.5,
    // below 0.6: off track, where the published evaluation said at risk.
    w.write("actuals/2018.csv", "kpi,year,value\na,2018,14\nb,2018,18\n");
    let table = w.ok(&["status", "--width", "400"]).stdout;
    assert!(table.contains("off track (published: at risk*)"), "{table}");
    assert!(
        table.contains("* revised since the evaluation published for FY2018:"),
        "{table}"
    );
    assert!(
        table.contains("KPI a: status at risk → off track; figure for FY2018 revised 15件 → 14件"),
        "{table}"
    );
    // b is as published: not named.
    assert!(!table.contains("KPI b:"), "{table}");
    let d = w.ok(&["status", "--format", "json"]).json();
    let (a, b) = (&d["kpis"][0], &d["kpis"][1]);
    assert_eq!(a["published"]["status"], "at_risk");
    assert_eq!(a["published"]["value"], 15);
    assert_eq!(a["revised_since_publication"], true);
    assert_eq!(b["published"]["status"], "on_track");
    assert_eq!(b["revised_since_publication"], false);
    let md = w.ok(&["report", "--format", "markdown"]).stdout;
    assert!(md.contains("off track (published: at risk\\*)"), "{md}");
    assert!(md.contains("- KPI a: status at risk → off track"), "{md}");
    let html = w.ok(&["report", "--format", "html"]).stdout;
    assert!(
        html.contains("<li>KPI a: status at risk → off track"),
        "{html}"
    );
    // Nothing of this rewrote what was published.
    assert_eq!(
        std::fs::read(w.file("evaluations/2018.json")).unwrap(),
        published
    );
}

#[test]
fn a_target_revised_after_publication_is_named() {
    let w = published_twice();
    // b's target raised from 2018 on to 30 in R1: E(2018) = 10 + 20 · 4/5
    // = 26; pace (18 − 10) / 16 = 0.5 → off track (published: on track).
    let plan = w.read("kpi.toml") + "revisions = [{ from = \"H30\", target = 30 }]\n";
    w.plan(&plan);
    let table = w.ok(&["status", "--width", "400"]).stdout;
    assert!(
        table.contains("off track (published: on track*)"),
        "{table}"
    );
    assert!(
        table.contains(
            "KPI b: status on track → off track; target revised 20件 (FY2019) → 30件 (FY2019)"
        ),
        "{table}"
    );
}

#[test]
fn the_previous_column_is_the_first_to_give_way() {
    let w = two_kpis();
    w.ok(&["publish", "--year", "2017"]);
    let wide = w.ok(&["status", "--width", "400"]).stdout;
    let mut width = wide.lines().map(|l| l.chars().count()).max().unwrap();
    // Narrower and narrower: the first column the table leaves out is the
    // previous column, alone (default years move under headers before).
    let narrow = loop {
        width -= 1;
        let run = w.ok(&["status", "--width", &width.to_string()]);
        if run.stdout.contains("left out to fit") {
            break run.stdout;
        }
        assert!(width > 40, "never left a column out");
    };
    assert!(!narrow.contains("on track → at risk"), "{narrow}");
    assert!(narrow.contains("left out to fit: previous ("), "{narrow}");
    assert!(narrow.contains("┆ trend"), "{narrow}");
}

#[test]
fn a_damaged_published_file_stops_the_evaluation() {
    let w = two_kpis();
    w.write("evaluations/2017.json", "{\"schema_version\": 1}\n");
    let run = w.fails_writing_nothing(&["status"]);
    assert!(run.failed()[0].contains("evaluations/2017.json"), "{run}");
    assert!(
        run.failed()[0].contains("not a published evaluation"),
        "{run}"
    );
    // As of 2016, neither the previous (before 2016) nor the year's own.
    w.ok(&["status", "--year", "2016"]);
}

#[test]
fn without_published_evaluations_nothing_is_added() {
    let w = two_kpis();
    let d = w.ok(&["status", "--format", "json"]).json();
    for key in ["previous", "published", "revised_since_publication"] {
        assert!(d["kpis"][0].get(key).is_none(), "{key}");
    }
    let table = w.ok(&["status", "--width", "400"]).stdout;
    assert!(!table.contains("previous"), "{table}");
}

#[test]
fn diff_names_a_status_change_a_target_revision_and_a_kpi_added() {
    let w = two_kpis();
    w.ok(&["publish", "--year", "2017"]);
    // From 2018 on, b's target is 30 in R1, and a KPI c is added.
    let plan =
        w.read("kpi.toml") + "revisions = [{ from = \"H30\", target = 30 }]\n\n" + &kpi_block("c");
    w.plan(&plan);
    // The default: the previous evaluation (2017, published) and the as-of
    // year (2018, not published: recomputed).
    let table = w.ok(&["diff", "--width", "400"]).stdout;
    assert!(table.contains("FY2017 (published "), "{table}");
    assert!(table.contains("FY2018 (recomputed now)"), "{table}");
    // a: on track (2017) → at risk (pace 5/8 = 0.625 in 2018): worsened.
    // b: off track (pace 2/6) → off track (E(2018) = 10 + 20 · 4/5 = 26,
    // pace 8/16 = 0.5): no status change, its target revised 20 → 30.
    assert!(
        table.contains(
            "0 improved, 1 worsened, 0 figures revised, 1 target revised, 1 added, 0 removed"
        ),
        "{table}"
    );
    let row = |name: &str| {
        table
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {table}"))
            .split('┆')
            .map(|c| {
                c.trim_matches(|ch: char| ch == '│' || ch == ' ')
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        row("KPI a"),
        ["KPI a", "status (worsened)", "on track", "at risk"]
    );
    assert_eq!(
        row("KPI b"),
        [
            "KPI b",
            "target (revised)",
            "20件 (FY2019)",
            "30件 (FY2019)"
        ]
    );
    assert_eq!(row("KPI c"), ["KPI c", "added", "-", "no data"]);
    let d = w
        .ok(&["diff", "2017", "now:2018", "--format", "json"])
        .json();
    assert_eq!(d["from"]["source"], "published");
    assert_eq!(d["to"]["source"], "now");
    assert_eq!(d["counts"]["worsened"], 1);
    assert_eq!(d["kpis"][0]["trend"], "worsened");
    assert_eq!(d["kpis"][1]["target_revised"]["to"]["value"], 30);
    assert_eq!(d["kpis"][2]["change"], "added");
    let md = w.ok(&["diff", "--format", "markdown"]).stdout;
    assert!(
        md.contains("| KPI a | status (worsened) | on track | at risk |"),
        "{md}"
    );
}

#[test]
fn diff_of_a_published_year_and_its_recomputation_shows_the_revised_figure() {
    let w = published_twice();
    w.write("actuals/2018.csv", "kpi,year,value\na,2018,14\nb,2018,18\n");
    // A bare 2018 is the published file; now:2018 the recomputation.
    let d = w
        .ok(&["diff", "2018", "now:2018", "--format", "json"])
        .json();
    let a = &d["kpis"][0];
    assert_eq!(a["from"]["status"], "at_risk");
    assert_eq!(a["to"]["status"], "off_track");
    assert_eq!(a["figure_revised"]["year"], 2018);
    assert_eq!(a["figure_revised"]["from"], 15);
    assert_eq!(a["figure_revised"]["to"], 14);
    assert_eq!(d["kpis"].as_array().unwrap().len(), 1, "{d}");
    // published:YEAR insists on a file.
    let run = w.run(&["diff", "published:2016", "2018"]);
    assert!(
        run.failed()[0].contains("2016.json does not exist"),
        "{run}"
    );
    // With nothing published before the as-of year, there is no default FROM.
    let fresh = two_kpis();
    let run = fresh.run(&["diff"]);
    assert!(
        run.failed()[0].contains("no evaluation was published before 2018"),
        "{run}"
    );
    fresh.ok(&["diff", "now:2017"]);
}

#[test]
fn validate_checks_every_published_evaluation() {
    let w = published_twice();
    w.ok(&["publish", "--year", "2018", "--replace"]);
    let run = w.ok(&["validate"]);
    assert!(run.stderr.is_empty(), "{run}");
    // Not JSON of the schema; a name that is no year; a year not its name's.
    let good = w.read("evaluations/2018.json");
    for (name, text, says) in [
        (
            "evaluations/2016.json",
            "{}\n".to_string(),
            "not a published evaluation",
        ),
        ("evaluations/notes.json", good.clone(), "is not a year"),
        (
            "evaluations/2015.json",
            good.clone(),
            "of 2018 (plan.as_of.year), not of 2015",
        ),
        (
            "evaluations/2017.replaced-1.json",
            good.clone(),
            "not of 2017",
        ),
    ] {
        let w = published_twice();
        w.write(name, &text);
        let run = w.fails_writing_nothing(&["validate"]);
        let first = run.failed()[0];
        assert!(first.contains(name), "{run}");
        assert!(first.contains(says), "{run}");
    }
    // A KPI the plan no longer has: a warning, and the file stays.
    let plan = w.read("kpi.toml");
    let cut = plan.find("\n[[kpi]]\nid = \"b\"").unwrap();
    w.plan(&plan[..cut])
        .write("actuals/2017.csv", "kpi,year,value\na,2017,16\n")
        .write("actuals/2018.csv", "kpi,year,value\na,2018,15\n");
    let run = w.ok(&["validate"]);
    assert!(
        run.stderr
            .contains("KPI `b` (KPI b) of the published evaluation is no longer in the plan"),
        "{run}"
    );
    assert_eq!(w.read("evaluations/2018.json"), good);
}

/// `kpi explain` says what `status` says of the published evaluations:
/// 2017 and 2018 published (a: on track 16, then at risk 15), then a's
/// 2018 figure corrected to 17: pace (17 − 10) / (18 − 10) = 7/8 = 0.875
/// → at risk still, but the figure was revised since publication.
#[test]
fn explain_shows_the_previous_and_published_evaluations_status_reads() {
    let w = two_kpis().env("KPI_TODAY", "2019-06-30");
    w.ok(&["publish", "--year", "2017"]);
    w.ok(&["publish", "--year", "2018"]);
    w.write("actuals/2018.csv", "kpi,year,value\na,2018,17\nb,2018,18\n");
    let d = w.ok(&["explain", "a", "--format", "json"]).json();
    assert_eq!(d["previous"]["year"], 2017);
    assert_eq!(d["previous"]["status"], "on_track");
    assert_eq!(d["published"]["status"], "at_risk");
    assert_eq!(d["published"]["value"], 15);
    assert_eq!(d["revised_since_publication"], true);
    assert_eq!(d["status"]["name"], "at_risk");
    let status = w.ok(&["status", "--format", "json"]).json();
    assert_eq!(status["kpis"][0]["previous"], d["previous"]);
    assert_eq!(status["kpis"][0]["published"], d["published"]);
    let table = w.ok(&["explain", "a"]).stdout.clone();
    assert!(
        table.contains(
            "  as published: at risk (revised since: figure for FY2018 revised 15件 → 17件)\n"
        ),
        "{table}"
    );
    assert!(
        table.contains("  previous evaluation: published for FY2017: on track\n"),
        "{table}"
    );
    // b was published and is unchanged since.
    let d = w.ok(&["explain", "b", "--format", "json"]).json();
    assert_eq!(d["revised_since_publication"], false);
    assert_eq!(d["revisions"], serde_json::json!([]));
}

/// `kpi diff` with no years compares as `status` judges: its TO is the
/// plan's as-of year, capped at the last target year (R1 = 2019) though
/// the ledger runs to 2020, and FROM the evaluation published before it.
#[test]
fn diff_defaults_to_the_as_of_year_status_uses_and_names_a_year_not_begun() {
    let w = two_kpis().env("KPI_TODAY", "2021-06-30");
    w.write("actuals/2019.csv", "kpi,year,value\na,2019,19\nb,2019,20\n");
    w.ok(&["publish", "--year", "2018"]);
    w.ok(&["publish", "--year", "2019"]);
    w.write("actuals/2020.csv", "kpi,year,value\na,2020,21\nb,2020,22\n");
    let status = w.ok(&["status", "--format", "json"]).json();
    assert_eq!(status["plan"]["as_of"]["year"], 2019);
    let d = w.ok(&["diff", "--format", "json"]).json();
    assert_eq!(d["to"]["year"], 2019, "{d}");
    assert_eq!(d["to"]["source"], "published", "{d}");
    assert_eq!(d["from"]["year"], 2018, "{d}");
    // A recomputation of a year not begun names the side given, not --year.
    let err = w.refused(&["diff", "2018", "now:2022"]);
    assert!(err.contains("error: now:FY2022: fiscal year"), "{err}");
    assert!(!err.contains("--year"), "{err}");
}

/// A file where the evaluations folder should be: `validate` says so
/// (exit 2, naming it), for `kpi publish` could never write there.
#[test]
fn validate_refuses_a_file_where_the_evaluations_folder_should_be() {
    let w = two_kpis();
    w.write("evaluations", "not a folder\n");
    let err = w.refused(&["validate"]);
    assert!(
        err.contains("evaluations: the evaluations folder is a file, not a folder"),
        "{err}"
    );
}
