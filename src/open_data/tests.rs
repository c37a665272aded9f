//! The open-data writers on plans and ledgers built in code: every
//! expected row below is worked by hand from breakdowns.md ("Open data").

use std::path::Path;

use rust_decimal::Decimal;

use super::{open_sdg, sdmx, Figures};
use crate::breakdown::{Breakdown, CategoryKey, Dimension, Total};
use crate::lang::Lang;
use crate::ledger::{Actual, Ledger};
use crate::plan::Plan;
use crate::problem::Location;
use crate::test_plans::{kpi, plan};
use crate::year::FiscalYear;

fn dimension(id: &str, name: &str, categories: &[&str], codes: &[&str]) -> Dimension {
    Dimension {
        id: id.into(),
        name: name.into(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        codes: codes.iter().map(|c| c.to_string()).collect(),
        line: 1,
    }
}

fn breakdown(dimensions: &[usize], total: Total) -> Option<Box<Breakdown>> {
    Some(Box::new(Breakdown {
        dimensions: dimensions.to_vec(),
        total,
        category_target: None,
    }))
}

fn key(cells: &[Option<u16>]) -> CategoryKey {
    CategoryKey(cells.to_vec().into_boxed_slice())
}

fn actual(value: &str, note: Option<&str>, preliminary: bool) -> Actual {
    Actual {
        value: value.parse::<Decimal>().unwrap(),
        note: note.map(String::from),
        source: None,
        preliminary,
        location: Location::line(Path::new("actuals/x.csv"), 2),
    }
}

/// 待機児童数 by age and area, a rate by sex (codes F/M), and a KPI
/// reported only as a whole; area is the `area` dimension with codes.
fn broken_down() -> Plan {
    let text = plan(
        2019,
        &[
            kpi(
                "waiting",
                "待機児童数",
                "value = 40",
                "value = 0",
                "unit = \"人\"\nsource = \"保育課: 調べ\"\nnote = \"4月1日現在の人数。\\n「待機」は国の定義による\"\n",
            ),
            kpi("rate", "rate", "value = 2", "value = 3", "unit = \"%\"\n"),
            kpi("plain", "plain", "value = 1", "value = 9", ""),
        ],
    );
    let (mut plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap();
    plan.id = Some("ASAKA".into());
    plan.area_code = Some("11227".into());
    plan.organization = Some("朝霞市".into());
    plan.dimensions = vec![
        dimension("age", "年齢", &["0歳", "1・2歳", "3歳以上"], &[]),
        dimension(
            "area",
            "市区町村",
            &["さいたま市", "川越市"],
            &["11100", "11201"],
        ),
        dimension("sex", "性別", &["女", "男"], &["F", "M"]),
    ];
    plan.kpis[0].breakdown = breakdown(&[0, 1], Total::Sum);
    plan.kpis[1].breakdown = breakdown(&[2], Total::Reported);
    plan
}

fn broken_down_ledger() -> Ledger {
    let mut ledger = Ledger::empty(3);
    let y = FiscalYear;
    ledger.series[0].insert(y(2019), actual("21", Some("4月1日現在, \"速報\""), true));
    ledger.series[0].insert(y(2018), actual("30", None, false));
    let waiting = ledger.categories.entry(0).or_default();
    waiting.insert((y(2019), key(&[Some(0), None])), actual("5", None, false));
    waiting.insert((y(2019), key(&[None, Some(1)])), actual("9", None, false));
    waiting.insert(
        (y(2019), key(&[Some(2), Some(0)])),
        actual("2", Some("line1\nline2"), false),
    );
    waiting.insert((y(2020), key(&[Some(1), None])), actual("4", None, false));
    ledger.series[1].insert(y(2019), actual("2.40", None, false));
    ledger
        .categories
        .entry(1)
        .or_default()
        .insert((y(2019), key(&[Some(1)])), actual("2.1", None, false));
    ledger.series[2].insert(y(2019), actual("7", None, false));
    ledger
}

/// A plan of KPIs `ids` (1 → 2, no unit), loaded as written.
fn plain_kpis(ids: &[&str]) -> Plan {
    let kpis: Vec<String> = ids
        .iter()
        .map(|id| kpi(id, id, "value = 1", "value = 2", ""))
        .collect();
    crate::plan::load_str(Path::new("kpi.toml"), &plan(2019, &kpis))
        .unwrap()
        .0
}

fn figures<'a>(plan: &'a Plan, ledger: &'a Ledger, series_of: &'a [usize]) -> Figures<'a> {
    Figures {
        plan,
        ledger,
        series_of,
    }
}

#[test]
fn sdmx_rows_give_area_codes_to_ref_area_and_the_other_dimensions_columns() {
    let (plan, ledger) = (broken_down(), broken_down_ledger());
    let text = sdmx::render(&figures(&plan, &ledger, &[0, 1, 2])).unwrap();
    let head = "dataflow,KPI:ASAKA(1.0),I";
    let expected = [
        // area has codes: REF_AREA, not a column; age (names) and sex (codes) are.
        "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SERIES,TIME_PERIOD,AGE,SEX,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,COMMENT_OBS".to_string(),
        // waiting, 2018 before 2019; totals over age and area (_T), not by sex (_Z); REF_AREA the plan's.
        format!("{head},11227,waiting,2018,_T,_Z,30,人,A,"),
        // The total first in its year; preliminary is P; the note's comma and quotes quoted.
        format!("{head},11227,waiting,2019,_T,_Z,21,人,P,\"4月1日現在, \"\"速報\"\"\""),
        // Key [total age, 川越市] sorts before [0歳, total area]: REF_AREA is 川越市's code.
        format!("{head},11201,waiting,2019,_T,_Z,9,人,A,"),
        // 0歳 over every area: the plan's area code.
        format!("{head},11227,waiting,2019,0歳,_Z,5,人,A,"),
        // 3歳以上 × さいたま市 (11100); the note's line break inside quotes.
        format!("{head},11100,waiting,2019,3歳以上,_Z,2,人,A,\"line1\nline2\""),
        // A category figure in a year without a total.
        format!("{head},11227,waiting,2020,1・2歳,_Z,4,人,A,"),
        // rate: not by age (_Z); its total over sex _T; 2.40 as written.
        format!("{head},11227,rate,2019,_Z,_T,2.40,%,A,"),
        // 男 is written by its code.
        format!("{head},11227,rate,2019,_Z,M,2.1,%,A,"),
        // plain: no breakdown, no unit.
        format!("{head},11227,plain,2019,_Z,_Z,7,,A,"),
    ];
    assert_eq!(text, expected.join("\n") + "\n");
}

#[test]
fn sdmx_of_a_plan_without_dimensions_has_no_dimension_columns_and_an_empty_ref_area() {
    let text = plan(
        2019,
        &[kpi("a", "a", "value = 1", "value = 2", "unit = \"件\"\n")],
    );
    let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap();
    let mut ledger = Ledger::empty(1);
    ledger.series[0].insert(FiscalYear(2015), actual("1.50", Some("a\"b"), false));
    let text = sdmx::render(&figures(&plan, &ledger, &[0])).unwrap();
    assert_eq!(
        text,
        "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SERIES,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,COMMENT_OBS\n\
         dataflow,KPI:PLAN(1.0),I,,a,2015,1.50,件,A,\"a\"\"b\"\n"
    );
}

#[test]
fn an_area_dimension_without_codes_is_a_column_of_names() {
    let (mut plan, ledger) = (broken_down(), broken_down_ledger());
    plan.dimensions[1].codes.clear();
    let text = sdmx::render(&figures(&plan, &ledger, &[0, 1, 2])).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains(",AGE,AREA,SEX,"), "{}", lines[0]);
    // 川越市 by name in AREA; REF_AREA the plan's code.
    assert_eq!(
        lines[3],
        "dataflow,KPI:ASAKA(1.0),I,11227,waiting,2019,_T,川越市,_Z,9,人,A,"
    );
}

#[test]
fn a_dimension_named_like_an_sdmx_column_is_refused_at_its_line() {
    let mut plan = broken_down();
    plan.dimensions[0].id = "series".into();
    plan.dimensions[0].line = 7;
    let problems = sdmx::check(&plan);
    assert_eq!(problems.0.len(), 1);
    assert_eq!(problems.0[0].location.line, Some(7));
    assert!(
        problems.0[0].message.contains("SERIES"),
        "{}",
        problems.0[0].message
    );
    assert!(sdmx::check(&broken_down()).0.is_empty());
}

#[test]
fn open_sdg_data_has_a_column_per_dimension_of_the_kpi_blank_for_its_total() {
    let (plan, ledger) = (broken_down(), broken_down_ledger());
    let files = open_sdg::render(&figures(&plan, &ledger, &[0, 1, 2]), Lang::Ja).unwrap();
    let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(
        paths,
        [
            format!("data{sep}indicator_kpi-waiting.csv"),
            format!("meta{sep}kpi-waiting.md"),
            format!("data{sep}indicator_kpi-rate.csv"),
            format!("meta{sep}kpi-rate.md"),
            format!("data{sep}indicator_kpi-plain.csv"),
            format!("meta{sep}kpi-plain.md"),
        ]
    );
    assert_eq!(
        files[0].text,
        "Year,年齢,市区町村,Units,Observation status,Value\n\
         2018,,,人,,30\n\
         2019,,,人,Preliminary,21\n\
         2019,,川越市,人,,9\n\
         2019,0歳,,人,,5\n\
         2019,3歳以上,さいたま市,人,,2\n\
         2020,1・2歳,,人,,4\n"
    );
    // Category names, not codes: Open SDG shows them.
    assert_eq!(
        files[2].text,
        "Year,性別,Units,Observation status,Value\n2019,,%,,2.40\n2019,男,%,,2.1\n"
    );
    assert_eq!(
        files[4].text,
        "Year,Units,Observation status,Value\n2019,,,7\n"
    );
}

#[test]
fn open_sdg_meta_is_front_matter_then_the_note() {
    let (plan, ledger) = (broken_down(), broken_down_ledger());
    let files = open_sdg::render(&figures(&plan, &ledger, &[0, 1, 2]), Lang::Ja).unwrap();
    assert_eq!(
        files[1].text,
        "---\n\
         standalone: true\n\
         indicator_number: \"waiting\"\n\
         indicator_name: \"待機児童数\"\n\
         graph_title: \"待機児童数\"\n\
         graph_type: line\n\
         reporting_status: complete\n\
         source_organisation_1: \"保育課: 調べ\"\n\
         national_geographical_coverage: \"朝霞市\"\n\
         data_non_statistical: false\n\
         computation_units: \"人\"\n\
         graph_target_lines:\n\
         \x20 - value: 0\n\
         \x20   label_content: \"目標値（2019年度）\"\n\
         ---\n\
         4月1日現在の人数。\n「待機」は国の定義による\n"
    );
    // No source, organisation-wide coverage, no note: empty strings, no page text.
    let en = open_sdg::render(&figures(&plan, &ledger, &[0, 1, 2]), Lang::En).unwrap();
    assert!(
        en[5].text.contains("source_organisation_1: \"\"\n"),
        "{}",
        en[5].text
    );
    assert!(
        en[5].text.contains("computation_units: \"\"\n"),
        "{}",
        en[5].text
    );
    assert!(
        en[5]
            .text
            .ends_with("  - value: 9\n    label_content: \"target (FY2019)\"\n---\n"),
        "{}",
        en[5].text
    );
}

#[test]
fn the_target_line_is_the_last_revised_target() {
    let text = plan(
        2019,
        &[kpi(
            "a",
            "a",
            "value = 1",
            "value = 2",
            "revisions = [{ from = 2016, target = 5.5, target_year = 2022 }]\n",
        )],
    );
    let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap();
    let ledger = Ledger::empty(1);
    let files = open_sdg::render(&figures(&plan, &ledger, &[0]), Lang::Ja).unwrap();
    assert!(
        files[1]
            .text
            .contains("  - value: 5.5\n    label_content: \"目標値（2022年度）\"\n"),
        "{}",
        files[1].text
    );
    // A KPI without figures still has its data file: the header alone.
    assert_eq!(files[0].text, "Year,Units,Observation status,Value\n");
}

#[test]
fn two_kpis_that_make_one_indicator_id_are_refused() {
    let plan = plain_kpis(&["a.b", "a_b"]);
    let ledger = Ledger::empty(2);
    let problems = open_sdg::render(&figures(&plan, &ledger, &[0, 1]), Lang::En).unwrap_err();
    assert_eq!(problems.0.len(), 1);
    let message = &problems.0[0].message;
    assert!(message.contains("KPI a_b and KPI a.b"), "{message}");
    assert!(message.contains("kpi-a-b"), "{message}");
    assert_eq!(problems.0[0].location.line, Some(plan.kpis[1].line));
}

#[test]
fn a_dimension_named_like_a_data_column_is_refused() {
    let (mut plan, ledger) = (broken_down(), broken_down_ledger());
    plan.dimensions[1].name = "Units".into();
    let problems = open_sdg::render(&figures(&plan, &ledger, &[0, 1, 2]), Lang::En).unwrap_err();
    assert!(
        problems.0[0].message.contains("\"Units\""),
        "{}",
        problems.0[0].message
    );
}

#[test]
fn indicator_ids_turn_dots_and_underscores_into_hyphens() {
    assert_eq!(open_sdg::indicator_id("1.2_3-x"), "kpi-1-2-3-x");
}

#[test]
fn a_member_reads_its_kpis_figures_from_their_series() {
    // KPI 0 of the member is series 1 of the ledger, KPI 1 series 0.
    let plan = plain_kpis(&["a", "b"]);
    let mut ledger = Ledger::empty(2);
    ledger.series[0].insert(FiscalYear(2016), actual("10", None, false));
    ledger.series[1].insert(FiscalYear(2017), actual("11", None, false));
    let text = sdmx::render(&figures(&plan, &ledger, &[1, 0])).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "dataflow,KPI:PLAN(1.0),I,,a,2017,11,,A,",
            "dataflow,KPI:PLAN(1.0),I,,b,2016,10,,A,"
        ]
    );
}
