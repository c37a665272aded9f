//! The bounds on the work one workbook may ask for (issue 24, item 2):
//! memory and time follow the cells a sheet holds, never the extent a
//! stray far cell or a compression bomb claims.
//!
//! - Every zip entry (an `.xlsx`/`.ods` part) is read at most
//!   `ENTRY_LIMIT` bytes once decompressed, and all of them together at
//!   most `TOTAL_LIMIT`; a part beyond that is refused by its name.
//! - A worksheet's used range, from A1 to the farthest row and the
//!   farthest column that hold anything, spans at most `CELL_LIMIT` cells;
//!   beyond that the sheet is refused naming its far cells.

use std::io::{Cursor, Read};

use super::xml_facts::Place;
use super::{cell_ref, OpenError};

/// The most bytes one zip entry may decompress to: 256 MiB.
pub const ENTRY_LIMIT: u64 = 256 << 20;
/// The most bytes all of a workbook's zip entries may decompress to: 1 GiB.
pub const TOTAL_LIMIT: u64 = 1 << 30;
/// The most cells a worksheet's used range (from A1) may span.
pub const CELL_LIMIT: u64 = 1_000_000;

/// Reads every entry of a zip through, counting what it decompresses to,
/// and refuses the first that goes past a limit. An entry that cannot be
/// read is left for the workbook reader to judge.
pub fn check_zip(bytes: &[u8]) -> Result<(), OpenError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let mut size = 0u64;
        loop {
            match entry.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    size += n as u64;
                    total += n as u64;
                }
            }
            if size > ENTRY_LIMIT || total > TOTAL_LIMIT {
                return Err(OpenError::TooLarge(format!(
                    "its part `{name}` decompresses to more than {} (a workbook's parts may hold at most {} each, {} in all)",
                    mib(if size > ENTRY_LIMIT { ENTRY_LIMIT } else { TOTAL_LIMIT }),
                    mib(ENTRY_LIMIT),
                    mib(TOTAL_LIMIT)
                )));
            }
        }
    }
    Ok(())
}

fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes >> 20)
}

/// The farthest cells of a sheet that hold anything: the one in the
/// lowest row and the one in the rightmost column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extent {
    pub lowest: Option<Place>,
    pub rightmost: Option<Place>,
}

impl Extent {
    /// Takes in a cell that holds something.
    pub fn add(&mut self, place: Place) {
        if self.lowest.is_none_or(|l| place.0 > l.0) {
            self.lowest = Some(place);
        }
        if self.rightmost.is_none_or(|r| place.1 > r.1) {
            self.rightmost = Some(place);
        }
    }

    /// Rows and columns from A1 to the farthest cells.
    pub fn size(&self) -> (u64, u64) {
        match (self.lowest, self.rightmost) {
            (Some(l), Some(r)) => (u64::from(l.0) + 1, u64::from(r.1) + 1),
            _ => (0, 0),
        }
    }

    /// The error for a sheet whose used range is past `CELL_LIMIT`.
    pub fn check(&self, sheet: &str) -> Result<(), OpenError> {
        let (rows, columns) = self.size();
        if rows.saturating_mul(columns) <= CELL_LIMIT {
            return Ok(());
        }
        let name = |p: Place| cell_ref(p.0 as usize, p.1 as usize);
        let (lowest, rightmost) = (
            self.lowest.unwrap_or_default(),
            self.rightmost.unwrap_or_default(),
        );
        let far = if lowest == rightmost {
            format!("a cell at {}", name(lowest))
        } else {
            format!("a cell at {} and one at {}", name(rightmost), name(lowest))
        };
        Err(OpenError::TooLarge(format!(
            "worksheet `{sheet}` holds {far}, so its used range is {rows} rows × {columns} columns; kpi reads a worksheet whose cells lie within {} cells from A1 (delete what lies beyond the table, or copy the table to a new worksheet)",
            thousands(CELL_LIMIT)
        )))
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_farthest_cells_are_named() {
        let mut e = Extent::default();
        e.add((2, 1));
        e.add((4999, 16383));
        let err = e.check("実績").unwrap_err().to_string();
        assert!(err.contains("a cell at XFD5000"), "{err}");
        assert!(err.contains("5000 rows × 16384 columns"), "{err}");
        assert!(err.contains("1,000,000 cells"), "{err}");
        e.add((9999, 0));
        let err = e.check("実績").unwrap_err().to_string();
        assert!(err.contains("a cell at XFD5000 and one at A10000"), "{err}");
        let mut small = Extent::default();
        small.add((999, 999));
        assert_eq!(small.check("s"), Ok(()));
        assert_eq!(Extent::default().check("s"), Ok(()));
    }
}
