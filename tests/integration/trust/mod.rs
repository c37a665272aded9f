//! Issue 12, "no figure lost, no problem hidden": each case through the real
//! binary, asserting the exit code, that stdout is empty on an error, the
//! words of the error (file, line or cell, what to do), and, byte for byte,
//! that nothing was written (`Workdir::fails_writing_nothing`).
//!
//! Unless a test says otherwise, today is `common::TODAY` (2030-06-01) and
//! the plan is `common::import::PLAN` (H26 → H31, fiscal years from
//! January), so 2031 is a year not begun and 2020 is after every target.

mod csv_out;
mod journal;
mod ledger_files;
mod names;
mod output;
mod props;
mod system;
mod years;

use crate::common::import::workdir;
use crate::common::Workdir;

/// The plan of the import tests with a ledger: visitors and rate for H27
/// (2015) in `actuals/2015.csv`, visitors for H28 (2016) in `2016.csv`.
pub fn with_ledger() -> Workdir {
    let work = workdir();
    work.write(
        "actuals/2015.csv",
        "kpi,year,value,note\nvisitors,2015,1000,\nrate,2015,50.5,\n",
    );
    work.write(
        "actuals/2016.csv",
        "kpi,year,value,note\nvisitors,2016,1100,\n",
    );
    work
}
