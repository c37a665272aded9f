//! `kpi compare`'s document in every format, on a plan built in code;
//! the figures worked by hand (progress.md; default cut-offs, linear path).

use rust_decimal::Decimal;

use super::*;
use crate::breakdown::CategoryTarget;
use crate::progress::category::evaluate;
use crate::progress::category::tests::{d, dimension, figures, plan};
use crate::year::{FiscalYear, YearStyle};

/// Waiting children 50 (2015) → 0 (2020) in three areas with codes, each
/// aiming at 0; as of 2018 (3 of 5 years: E(2018) = b − b·3/5):
///   A 10 → 4:  achievement (4−10)/(0−10) = 0.6, E = 4, pace 1: on track; change −6
///   B 20 → 8:  achievement (8−20)/(0−20) = 0.6, E = 8, pace 1: on track; change −12
///   C 20 → 16: achievement (16−20)/(0−20) = 0.2, E = 8, pace 4/12: off track; change −4
///   total 50 → 28: achievement 22/50 = 0.44, E = 20, pace 22/30 = 0.733…: at risk; change −22
/// Ranks by achievement: A 1, B 1 (tie, category order), C 3.
fn doc(plan: &Plan) -> CompareDoc<'_> {
    let figs = figures(&[
        (2015, &[Some(0)], "10"),
        (2018, &[Some(0)], "4"),
        (2015, &[Some(1)], "20"),
        (2018, &[Some(1)], "8"),
        (2015, &[Some(2)], "20"),
        (2018, &[Some(2)], "16"),
    ]);
    let as_of = Some(FiscalYear(2018));
    let total: crate::progress::Series = [(FiscalYear(2018), d("28"))].into_iter().collect();
    let eval = crate::progress::evaluate(plan, &[total], as_of, &[0]);
    CompareDoc {
        plan,
        categories: evaluate(plan, 0, Some(&figs), as_of).unwrap(),
        eval,
        kpi: 0,
        dimension: 0,
        sort: SortBy::Achievement,
    }
}

fn areas() -> Plan {
    let area = dimension("area", &["A", "B", "C"], &["11100", "11201", "11227"]);
    plan(
        "baseline = { value = 50, year = 2015 }\ntarget = { value = 0, year = 2020 }",
        vec![area],
        Some(CategoryTarget::Same),
    )
}

fn style() -> Style {
    Style {
        lang: Lang::En,
        color: false,
        ascii: true,
        year_style: YearStyle::Western,
        width: None,
    }
}

#[test]
fn the_csv_ranks_the_categories_and_ends_with_the_total() {
    let plan = areas();
    let doc = doc(&plan);
    assert!(doc.extra(), "the dimension has codes");
    let csv = doc.table().csv().unwrap();
    assert_eq!(
        csv,
        "category,code,baseline_year,baseline,target,latest_year,latest,change,achievement,status,stale,rank\n\
         A,11100,2015,10,0,2018,4,-6,0.6,on_track,false,1\n\
         B,11201,2015,20,0,2018,8,-12,0.6,on_track,false,1\n\
         C,11227,2015,20,0,2018,16,-4,0.2,off_track,false,3\n\
         ,,2015,50,0,2018,28,-22,0.44,at_risk,false,\n"
    );
}

#[test]
fn without_codes_the_csv_has_no_code_column_and_sort_change_reorders() {
    let area = dimension("area", &["A", "B", "C"], &[]);
    let plan = plan(
        "baseline = { value = 50, year = 2015 }\ntarget = { value = 0, year = 2020 }",
        vec![area],
        Some(CategoryTarget::Same),
    );
    let mut doc = doc(&plan);
    doc.sort = SortBy::Change;
    let table = doc.table();
    assert_eq!(table.header[..2], ["category", "baseline_year"]);
    // Change, lower is better: B −12 (1), A −6 (2), C −4 (3); the total last.
    let order: Vec<(&str, &str)> = table
        .rows
        .iter()
        .map(|r| (r[0].as_str(), r[r.len() - 1].as_str()))
        .collect();
    assert_eq!(order, [("B", "1"), ("A", "2"), ("C", "3"), ("", "")]);
}

#[test]
fn the_json_has_the_categories_in_order_and_the_total_apart() {
    let plan = areas();
    let v = doc(&plan).json();
    assert_eq!(v["sorted_by"], "achievement");
    assert_eq!(v["dimension"]["id"], "area");
    let cats = v["categories"].as_array().unwrap();
    assert_eq!(cats.len(), 3);
    assert_eq!(cats[0]["category"], "A");
    assert_eq!(cats[0]["code"], "11100");
    assert_eq!(cats[0]["rank"], 1);
    assert_eq!(cats[1]["rank"], 1);
    assert_eq!(cats[2]["rank"], 3);
    assert_eq!(cats[2]["status"], "off_track");
    assert_eq!(cats[2]["change"], serde_json::json!(-4));
    assert_eq!(cats[0]["latest"]["year"], 2018);
    assert_eq!(v["total"]["status"], "at_risk");
    assert_eq!(v["total"]["achievement"], serde_json::json!(0.44));
    assert!(v["total"].get("rank").is_none());
    assert!(v["total"].get("category").is_none());
}

#[test]
fn the_table_and_markdown_print_the_rows_for_people() {
    let plan = areas();
    let doc = doc(&plan);
    let text = doc.text(&style());
    assert!(
        text.contains("待機児童数 by AREA, ranked by achievement"),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    let row = |name: &str| {
        *lines
            .iter()
            .find(|l| l.trim_start_matches('|').trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no row {name}:\n{text}"))
    };
    let c = row("C ");
    for cell in [
        "11227",
        "20人 (2015)",
        "16人 (2018)",
        "-4人",
        "20.0%",
        "off track",
        " 3 ",
    ] {
        assert!(c.contains(cell), "{cell} in {c}");
    }
    let total = row("total");
    for cell in ["50人 (2015)", "28人 (2018)", "-22人", "44.0%", "at risk"] {
        assert!(total.contains(cell), "{cell} in {total}");
    }
    // The total is the last row.
    let (at_c, at_total) = (text.find(c).unwrap(), text.find(total).unwrap());
    assert!(at_c < at_total);
    let md = doc.markdown(&style());
    assert!(
        md.contains("| B | 11201 | 20人 (2015) | 8人 (2018) | -12人 | 60.0% | on track | 1 |"),
        "{md}"
    );
    assert!(
        md.contains("| total |  | 50人 (2015) | 28人 (2018) | -22人 | 44.0% | at risk |  |"),
        "{md}"
    );
}

#[test]
fn a_rise_prints_with_its_sign() {
    let plan = areas();
    let mut doc = doc(&plan);
    // C rises 20 → 23: +3, worse than its baseline for a decreasing KPI.
    doc.categories.singles[2].latest = Some(Point {
        year: FiscalYear(2018),
        value: Decimal::from(23),
    });
    let md = doc.markdown(&style());
    assert!(md.contains("| +3人 |"), "{md}");
}

#[test]
fn the_workbook_sheet_has_a_row_per_category_and_the_total() {
    let plan = areas();
    let sheet = doc(&plan).sheet(Lang::Ja);
    assert_eq!(sheet.name, "AREA別 FY2018時点");
    assert_eq!(sheet.header[0], "AREA");
    assert_eq!(sheet.header[1], "コード");
    assert_eq!(sheet.rows.len(), 4);
    assert_eq!(
        sheet.rows[3][0],
        crate::workbook::write::Value::Text("計".into())
    );
    let last = sheet.rows[2].last().unwrap();
    assert_eq!(*last, crate::workbook::write::Value::Number("3".into()));
}

#[test]
fn at_60_columns_the_code_gives_way_first() {
    let plan = areas();
    let doc = doc(&plan);
    let narrow = Style {
        width: Some(60),
        ..style()
    };
    let text = doc.text(&narrow);
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
    assert!(text.contains("left out to fit: code"), "{text}");
    // What stays: the category, latest, achievement, status and rank.
    assert!(text.contains("off track"), "{text}");
    assert!(text.contains("20.0%"), "{text}");
}
