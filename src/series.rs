//! A KPI's figures by year: what the ledger reads and evaluation takes.
//! Below both `ledger` and `progress`, so neither imports the other for it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::year::FiscalYear;

/// A KPI's figures by year, as read from the ledger.
pub type Series = BTreeMap<FiscalYear, Decimal>;

/// What the ledger says of a figure besides its value (actuals-format.md):
/// its note (備考) and whether it is preliminary (速報値). Kept only for the
/// figures that have either, so a national ledger's million plain figures
/// cost nothing here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Remark {
    pub note: Option<String>,
    pub preliminary: bool,
}

/// Remarks by KPI (index in `plan.kpis`) and year.
pub type Remarks = BTreeMap<(usize, FiscalYear), Remark>;
