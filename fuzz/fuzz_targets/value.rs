//! The lenient number reader: no input panics it, and what it accepts is a
//! figure the strict ledger reads back as the same decimal, decimals kept.
#![no_main]

use kpi::value::{parse_lenient, parse_plain};
use libfuzzer_sys::fuzz_target;

const UNITS: [Option<&str>; 6] = [None, Some("%"), Some("人"), Some("事業所"), Some("件"), Some("％")];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let unit = UNITS[usize::from(pick) % UNITS.len()];
    if let Ok(Some(value)) = parse_lenient(text, unit) {
        // What import writes into the ledger, the strict reader reads back.
        let written = value.to_string();
        let back = parse_plain(&written).expect("the ledger reads what import writes");
        assert_eq!(back, value);
        assert_eq!(back.scale(), value.scale());
        assert_eq!(parse_lenient(&written, unit), Ok(Some(value)));
    }
});
