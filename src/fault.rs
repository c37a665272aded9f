//! Faults on demand, for tests of what a failed or interrupted write leaves
//! behind: `KPI_TEST_FAULT` makes a run fail where a full disk or a kill
//! would, at a place a test can name. Never set it outside tests.
//!
//! - `KPI_TEST_FAULT=stage:N`: writing the N-th file of a run (1 is the
//!   first) fails as a full disk does (`No space left on device`).
//! - `KPI_TEST_FAULT=rename:N`: a ledger write stops dead right after its
//!   N-th rename, as `kill -9` would stop it: the process exits with 137
//!   and no destructor runs, so its journal, its lock file and the
//!   remaining temporary files are left behind.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The variable that asks for a fault.
pub const VARIABLE: &str = "KPI_TEST_FAULT";

static STAGED: AtomicUsize = AtomicUsize::new(0);
static RENAMED: AtomicUsize = AtomicUsize::new(0);

/// The N of `KPI_TEST_FAULT=WHAT:N`, when it asks for `what`.
fn asked(what: &str) -> Option<usize> {
    let value = crate::settings::env().var(VARIABLE)?;
    let (kind, n) = value.trim().split_once(':')?;
    (kind == what).then(|| n.parse().ok()).flatten()
}

/// Before a file's new bytes are written: fails the N-th of `stage:N`.
pub fn staging() -> io::Result<()> {
    let n = STAGED.fetch_add(1, Ordering::SeqCst) + 1;
    if asked("stage") == Some(n) {
        #[cfg(unix)]
        return Err(io::Error::from_raw_os_error(28)); // ENOSPC
        #[cfg(not(unix))]
        return Err(io::Error::from(io::ErrorKind::StorageFull));
    }
    Ok(())
}

/// After a ledger file is renamed into place: `rename:N` ends the process
/// after the N-th.
pub fn renamed() {
    let n = RENAMED.fetch_add(1, Ordering::SeqCst) + 1;
    if asked("rename") == Some(n) {
        // Not `abort`, which may leave a core file beside the plan.
        std::process::exit(137);
    }
}
