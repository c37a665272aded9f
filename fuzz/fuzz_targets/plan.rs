//! The plan reader against the `toml` crate (docs/plan-reader.md): for any
//! text, `load_str` gives the same plan, or the same problems (lines,
//! columns, messages, hints), whether `toml_parser` read the TOML section
//! by section or the `toml` crate read the whole document. A syntax error
//! one reports and the other does not shows as a difference too.
#![no_main]

use std::path::Path;

use kpi::plan::{load_str_via, Via};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/plans/kpi.toml");
    let ours = load_str_via(path, text, Via::Parser);
    let toml = load_str_via(path, text, Via::Toml);
    // `Debug` shows every field, decimals with their scale, which `==`
    // does not compare (`50.0 == 50`).
    assert_eq!(
        format!("{ours:?}"),
        format!("{toml:?}"),
        "the readers differ on {text:?}"
    );
});
