//! Issue 27, §1 through the sheet: `kpi export plan` writes a KPI's
//! `frequency`, `due_years` and `lag` in the columns 調査周期, 調査年度 and
//! 公表の遅れ (only when a KPI has one), and `kpi init --from` reads them
//! back: the round trip keeps every schedule. The cells are written here by
//! hand from the plan below.

use crate::common::Workdir;

const PLAN: &str = r#"[plan]
title = "周期の計画"
year_style = "era"
baseline_year = "H27"
target_year = "R6"

[[goal]]
id = "1"
name = "人口"

[[kpi]]
id = "census"
name = "人口"
goal = "1"
baseline = { value = 100 }
target = { value = 110 }
frequency = 5

[[kpi]]
id = "gdp"
name = "県内総生産"
goal = "1"
baseline = { value = 10 }
target = { value = 20 }
lag = 2

[[kpi]]
id = "survey"
name = "満足度"
goal = "1"
baseline = { value = 50 }
target = { value = 60 }
due_years = ["H29", "R1", "R4"]
lag = 1

[[kpi]]
id = "plain"
name = "普通"
goal = "1"
baseline = { value = 1 }
target = { value = 2 }
"#;

/// The schedule of each KPI in `status --format json`: (id, frequency,
/// lag, due years).
fn schedules(w: &Workdir, plan: &str) -> Vec<(String, serde_json::Value, i64, Vec<i64>)> {
    let run = w.run(&["status", "--plan", plan, "--format", "json"]);
    run.json()["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["id"].as_str().unwrap().to_string(),
                k["frequency"].clone(),
                k["lag"].as_i64().unwrap(),
                k["due_years"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|y| y["year"].as_i64().unwrap())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn a_schedule_goes_through_the_sheet_and_back() {
    for (lang, encoding) in [("ja", "utf-8"), ("en", "utf-8"), ("ja", "cp932")] {
        let w = Workdir::with_plan(PLAN);
        let run = w.run(&[
            "export",
            "plan",
            "--lang",
            lang,
            "--encoding",
            encoding,
            "-o",
            "s.csv",
        ]);
        run.ok();
        if encoding == "utf-8" {
            let sheet = w.read("s.csv");
            let lines: Vec<&str> = sheet.lines().collect();
            let header = match lang {
                "ja" => "調査周期,調査年度,公表の遅れ,担当課",
                _ => "frequency,due years,lag,owner",
            };
            assert!(lines[1].contains(header), "{sheet}");
            // After the target year (R6): frequency, due years, lag.
            assert!(lines[2].contains(",R6,5,,,"), "census: {sheet}");
            assert!(lines[3].contains(",R6,,,2,"), "gdp: {sheet}");
            assert!(
                lines[4].contains(",R6,,\"H29, R1, R4\",1,"),
                "survey: {sheet}"
            );
            assert!(lines[5].contains(",R6,,,,"), "plain: {sheet}");
        }
        let run = w.run(&["init", "--from", "s.csv", "back"]);
        run.ok();
        let text = w.read("back/kpi.toml");
        for line in [
            "frequency = 5\n",
            "lag = 2\n",
            "due_years = [\"H29\", \"R1\", \"R4\"]\nlag = 1\n",
        ] {
            assert!(
                text.contains(line),
                "{lang} {encoding}: `{line}` in\n{text}"
            );
        }
        // The same schedules as the plan's: census every 5 years from H27
        // (R2 only, R7 being after R6); survey H29, R1, R4.
        let want = vec![
            ("census".to_string(), serde_json::json!(5), 0, vec![2020]),
            (
                "gdp".to_string(),
                serde_json::json!(1),
                2,
                (2016..=2024).collect(),
            ),
            (
                "survey".to_string(),
                serde_json::Value::Null,
                1,
                vec![2017, 2019, 2022],
            ),
            (
                "plain".to_string(),
                serde_json::json!(1),
                0,
                (2016..=2024).collect(),
            ),
        ];
        assert_eq!(schedules(&w, "back"), want, "{lang} {encoding}");
        assert_eq!(schedules(&w, "."), want);
    }
}

#[test]
fn a_plan_with_no_schedule_has_no_schedule_columns() {
    let plain = PLAN
        .replace("frequency = 5\n", "")
        .replace("lag = 2\n", "")
        .replace("due_years = [\"H29\", \"R1\", \"R4\"]\nlag = 1\n", "");
    let w = Workdir::with_plan(&plain);
    w.run(&[
        "export",
        "plan",
        "--lang",
        "ja",
        "--encoding",
        "utf-8",
        "-o",
        "s.csv",
    ])
    .ok();
    let sheet = w.read("s.csv");
    assert!(
        sheet
            .lines()
            .nth(1)
            .unwrap()
            .ends_with("目標年度,担当課,出典,備考"),
        "{sheet}"
    );
}

#[test]
fn a_bad_schedule_cell_is_an_error_at_its_line_and_column() {
    let sheet = "計画\n\
                 指標ID,基本目標,指標名,現状値,基準年度,目標値,目標年度,調査周期,調査年度,公表の遅れ\n\
                 a,1,A,1,H27,2,R6,0,,\n\
                 b,1,B,1,H27,2,R6,,\"H26, R2\",\n\
                 c,1,C,1,H27,2,R6,5,R2,\n\
                 d,1,D,1,H27,2,R6,,,-1\n\
                 e,1,E,1,H27,2,R6,,\"R2、R2\",\n";
    let w = Workdir::new();
    w.write("s.csv", sheet);
    let run = w.fails_writing_nothing(&["init", "--from", "s.csv", "plan"]);
    for (line, text) in [
        (3, "column `調査周期`: `0` is not a frequency"),
        (
            4,
            "column `調査年度`: `H26, R2` has H26, not after the baseline year",
        ),
        (5, "column `調査年度`: `R2` is given with a frequency"),
        (6, "column `公表の遅れ`: `-1` is not a lag"),
        (
            7,
            "column `調査年度`: `R2、R2` has `R2`, not a year or given twice",
        ),
    ] {
        let place = format!("s.csv:{line}:");
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(&place) && l.contains(text)),
            "line {line}: `{text}`; {run}"
        );
    }
}
