//! The workbooks' rows, worked by hand for small plans; read back from
//! the bytes through `workbook::read` (the integration tests read them
//! with openpyxl and LibreOffice).

use rust_decimal::Decimal;

use super::*;
use crate::progress::{self, Series};
use crate::test_plans::{kpi, load, plan};
use crate::workbook::{read, Cell, Kind};
use crate::year::FiscalYear;

/// fair 10 (2014) → 20 (2019), owned by 産業振興課, under measure 1.1;
/// rate 40.5% → 50%, a numeric target of goal 1 with no owner.
fn two_kpis() -> Plan {
    let mut text = plan(
        2019,
        &[
            kpi("fair", "フェア参加事業所数", "value = 10", "value = 20", "")
                .replace("goal = \"1\"\n", "measures = [\"1.1\"]\n")
                + "unit = \"事業所\"\nowner = \"産業振興課\"\n",
            kpi(
                "rate",
                "満足度",
                "value = 40.5",
                "value = 50",
                "unit = \"%\"\n",
            ),
        ],
    );
    text.push_str("\n[[measure]]\nid = \"1.1\"\ngoal = \"1\"\nname = \"産業の育成\"\n");
    load(&text)
}

fn series(figures: &[(i32, i64)]) -> Series {
    figures
        .iter()
        .map(|&(y, v)| (FiscalYear(y), Decimal::from(v)))
        .collect()
}

#[test]
fn the_status_sheet_has_a_row_per_kpi_with_numbers_and_percents() {
    let plan = two_kpis();
    // fair: 16 in 2017. Achievement (16 - 10) / (20 - 10) = 0.6; expected
    // (2017 - 2014) / (2019 - 2014) = 0.6; pace 0.6 / 0.6 = 1; gap 4.
    let figures = vec![series(&[(2017, 16)]), Series::new()];
    let eval = progress::evaluate(&plan, &figures, Some(FiscalYear(2017)), &[0, 1]);
    let sheet = status::sheet(&plan, &eval, Lang::Ja);
    assert_eq!(sheet.name, "状況 FY2017時点");
    assert_eq!(
        sheet.header[..6],
        ["基本目標", "施策", "ID", "指標名", "単位", "現状値"]
    );
    // Numeric targets first, then the measure.
    let rate = &sheet.rows[0];
    assert_eq!(rate[1], Value::Text("数値目標".into()));
    assert_eq!(rate[2], Value::Text("rate".into()));
    assert_eq!(rate[5], Value::Number("40.5".into()));
    // Target 50 with the KPI's decimals (one, from 40.5).
    assert_eq!(rate[7], Value::Number("50.0".into()));
    assert_eq!(rate[15], Value::Text("データなし".into()));
    let fair = &sheet.rows[1];
    assert_eq!(fair[0], Value::Text("1 g".into()));
    assert_eq!(fair[1], Value::Text("(1) 産業の育成".into()));
    assert_eq!(fair[9], Value::Number("16".into()));
    assert_eq!(fair[10], Value::Text("FY2017".into()));
    assert_eq!(fair[11], Value::Percent(0.6));
    assert_eq!(fair[12], Value::Percent(0.6));
    assert_eq!(fair[13], Value::Percent(1.0));
    assert_eq!(fair[14], Value::Number("4".into()));
    assert_eq!(fair[15], Value::Text("順調".into()));
    assert_eq!(fair[17], Value::Text("産業振興課".into()));
    assert_eq!(sheet.rows.len(), 2);
    // In the workbook: a number cell and a percent-formatted one.
    let bytes = crate::workbook::write::tables(&[sheet]).unwrap();
    let back = &read(&bytes, Kind::Xlsx).unwrap()[0];
    assert_eq!(
        back.cell(2, 11),
        &Cell::Number {
            shown: "0.6".into(),
            percent: true
        }
    );
    assert_eq!(
        back.cell(2, 9),
        &Cell::Number {
            shown: "16".into(),
            percent: false
        }
    );
}

#[test]
fn the_template_has_a_sheet_per_office_and_the_previous_years_figure() {
    let plan = two_kpis();
    let figures = vec![series(&[(2016, 14), (2017, 16)]), Series::new()];
    let request = template::Request {
        plan: &plan,
        series: &figures,
        kpis: &[0, 1],
        year: FiscalYear(2018),
        owner: None,
        lang: Lang::Ja,
        targets: None,
        remarks: None,
    };
    let sheets = template::sheets(&request);
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["産業振興課", "担当課なし"]);
    assert_eq!(sheets[0].title, "t 2018年度 実績値（産業振興課）");
    assert_eq!(sheets[1].title, "t 2018年度 実績値");
    let fair = &sheets[0].rows[0];
    assert_eq!(fair.id, "fair");
    assert_eq!(fair.previous.as_deref(), Some("16"));
    assert_eq!(fair.target, "20事業所 (FY2019)");
    assert_eq!(fair.year, "FY2018");
    let rate = &sheets[1].rows[0];
    assert_eq!(rate.previous, None);
    assert_eq!(rate.target, "50% (FY2019)");
    // The year after the baseline: the baseline is the previous figure.
    let first = template::Request {
        year: FiscalYear(2015),
        owner: Some("産業振興課"),
        kpis: &[0],
        ..request
    };
    let sheets = template::sheets(&first);
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].rows[0].previous.as_deref(), Some("10"));
}

#[test]
fn a_plan_with_no_owner_has_one_sheet() {
    let plan = load(&plan(2019, &[kpi("a", "A", "value = 1", "value = 2", "")]));
    let figures = vec![Series::new()];
    let sheets = template::sheets(&template::Request {
        plan: &plan,
        series: &figures,
        kpis: &[0],
        year: FiscalYear(2015),
        owner: None,
        lang: Lang::En,
        targets: None,
        remarks: None,
    });
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].name, "figures");
    assert_eq!(sheets[0].title, "t: actual figures for FY2015");
}

/// Collection year 2018: `yearly` owes its 2018 figure, `lag2` (published
/// two years late) its 2016 figure. Both absent, neither ever reported.
#[test]
fn the_missing_sheet_names_the_year_of_a_lagged_figure_in_a_last_column() {
    let yearly = kpi("yearly", "Yearly", "value = 1", "value = 2", "");
    let lag2 = kpi("lag2", "県内総生産", "value = 1", "value = 2", "lag = 2\n");
    let plan = load(&plan(2019, &[yearly, lag2]));
    let figures = vec![Series::new(), Series::new()];
    let by_owner = crate::progress::coverage::missing(&plan, &figures, FiscalYear(2018), &[0, 1]);
    let sheet = missing::sheet(&plan, FiscalYear(2018), &by_owner, Lang::Ja);
    assert_eq!(sheet.header.last().unwrap(), "実績の年度");
    let years: Vec<&crate::workbook::write::Value> =
        sheet.rows.iter().map(|r| r.last().unwrap()).collect();
    use crate::workbook::write::Value;
    assert_eq!(
        years,
        [&Value::Text("FY2018".into()), &Value::Text("FY2016".into())]
    );
    assert_eq!(sheet.rows[0].len(), sheet.header.len());
    // With no lag among the rows owed, the sheet is as it always was.
    let by_owner = crate::progress::coverage::missing(&plan, &figures, FiscalYear(2018), &[0]);
    let sheet = missing::sheet(&plan, FiscalYear(2018), &by_owner, Lang::En);
    assert_eq!(sheet.header.last().unwrap(), "last reported");
    assert_eq!(sheet.rows[0].len(), sheet.header.len());
}
