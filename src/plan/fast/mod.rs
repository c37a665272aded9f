//! A fast reader for the TOML that plans are written in (docs/plan-reader.md).
//!
//! The `toml` crate reads a 25 MB plan in well over a second and keeps the
//! whole document in memory several times over. This reader takes only what
//! plans use (comments, `[table]` and `[[table]]` headers, strings,
//! decimal numbers, booleans, arrays and inline tables) and hands the plan
//! over one top-level section at a time, so that `load.rs` reads each
//! `[[kpi]]` and lets it go.
//!
//! It gives up (`None`) on anything else, and on anything it is not sure is
//! valid TOML meaning what it seems to mean; the plan is then read by the
//! `toml` crate, exactly as it always was. So it never has to produce an
//! error message; it must never take a plan the `toml` crate refuses, which
//! the differential tests and the fuzz target check.

mod cursor;
mod document;
mod number;
mod string;
mod value;

#[cfg(test)]
mod tests;

use super::tree::Section;

/// Reads `text` (without its byte-order mark), handing each top-level
/// section to `sink` in the order of the file. `None` if the fast reader
/// gave up, or `sink` did; what was handed over so far must then be thrown
/// away.
pub(super) fn sections<'i>(
    text: &'i str,
    sink: impl FnMut(Section<'i>) -> Option<()>,
) -> Option<()> {
    document::Document::new(text).read(sink)
}
