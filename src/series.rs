//! A KPI's figures by year: what the ledger reads and evaluation takes.
//! Below both `ledger` and `progress`, so neither imports the other for it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::year::FiscalYear;

/// A KPI's figures by year, as read from the ledger.
pub type Series = BTreeMap<FiscalYear, Decimal>;
