//! The ledger's notes and preliminary flags beside the figures evaluated:
//! the latest figure's (status JSON, tables, report cards) and every year's
//! (`kpi show`). They never change a figure or a status.

use super::{Evaluation, KpiProgress};
use crate::series::Remarks;

/// Every evaluated KPI's remarks.
pub fn attach(eval: &mut Evaluation, remarks: &Remarks) {
    if remarks.is_empty() {
        return;
    }
    for k in &mut eval.kpis {
        attach_one(k, remarks);
    }
}

/// One KPI's: its latest figure's remark, and each year row's.
pub fn attach_one(k: &mut KpiProgress, remarks: &Remarks) {
    k.remark = k
        .latest
        .and_then(|l| remarks.get(&(k.kpi, l.year)))
        .cloned()
        .map(Box::new);
    if let Some(detail) = k.detail.as_mut() {
        for row in &mut detail.years {
            if let Some(r) = remarks.get(&(k.kpi, row.year)) {
                row.note = r.note.clone();
                row.preliminary = r.preliminary;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::Remark;
    use crate::year::FiscalYear;

    #[test]
    fn the_latest_figures_remark_and_each_years_are_attached() {
        let text = crate::test_plans::plan(
            2019,
            &[crate::test_plans::kpi(
                "f",
                "fair",
                "value = 63",
                "value = 68",
                "",
            )],
        );
        let (plan, _) = crate::plan::load_str(std::path::Path::new("kpi.toml"), &text).unwrap();
        let series = vec![
            [(FiscalYear(2015), 64.into()), (FiscalYear(2016), 65.into())]
                .into_iter()
                .collect(),
        ];
        let mut remarks = Remarks::new();
        remarks.insert(
            (0, FiscalYear(2016)),
            Remark {
                note: Some("速報".into()),
                preliminary: true,
            },
        );
        remarks.insert(
            (0, FiscalYear(2015)),
            Remark {
                note: Some("改定".into()),
                preliminary: false,
            },
        );
        let query = super::super::Query {
            charts: true,
            ..Default::default()
        };
        let (_, mut k) = query.evaluate_one(&plan, &series, 0);
        attach_one(&mut k, &remarks);
        // The latest figure is 2016's: its remark.
        assert_eq!(k.remark.as_ref().map(|r| r.preliminary), Some(true));
        let rows = &k.detail.as_ref().unwrap().years;
        let row = |y| rows.iter().find(|r| r.year == FiscalYear(y)).unwrap();
        assert_eq!(row(2015).note.as_deref(), Some("改定"));
        assert!(!row(2015).preliminary);
        assert!(row(2016).preliminary);
        assert_eq!(row(2017).note, None);
        // As of 2015 the latest is 2015's, with its note and not preliminary.
        let query = super::super::Query {
            year: Some(FiscalYear(2015)),
            ..Default::default()
        };
        let (_, mut k) = query.evaluate_one(&plan, &series, 0);
        attach_one(&mut k, &remarks);
        assert_eq!(
            k.remark.as_ref().and_then(|r| r.note.as_deref()),
            Some("改定")
        );
    }
}
