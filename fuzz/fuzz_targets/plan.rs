//! The fast plan reader against the `toml` crate (docs/plan-reader.md):
//! whenever the fast reader takes a text, `load_str` through it gives the
//! same plan, or the same problems (lines, columns, messages, hints), as
//! through the `toml` crate. The fast reader must never take a text the
//! `toml` crate refuses: that too shows as a difference.
#![no_main]

use std::path::Path;

use kpi::plan::{load_str_via, Via};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/plans/kpi.toml");
    let Some(fast) = load_str_via(path, text, Via::Fast) else {
        return;
    };
    let toml = load_str_via(path, text, Via::Toml);
    // `Plan` has no `PartialEq`: its `Debug` shows every field.
    assert_eq!(
        format!("{:?}", Some(fast)),
        format!("{toml:?}"),
        "the readers differ on {text:?}"
    );
});
