//! Exact decimal values: reading them as the strict ledger writes them, and
//! printing them with a fixed number of decimals and as percentages.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::year::narrow_ascii;

/// The largest magnitude a value may have: below 10^15 (a thousand trillion),
/// with at most 12 decimals. Exact arithmetic on decimals of 28 digits then
/// never overflows, whatever the path, the ratios or the projection compute.
pub const MAX_ABS: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0); // 10^15
pub const MAX_DECIMALS: u32 = 12;

/// Why a value is out of the range `kpi` computes with, if it is.
pub fn out_of_range(value: Decimal) -> Option<String> {
    if value.abs() >= MAX_ABS {
        Some(format!(
            "`{value}` is too large: kpi takes values below 1,000,000,000,000,000 (10^15)"
        ))
    } else if value.scale() > MAX_DECIMALS {
        Some(format!(
            "`{value}` has {} decimals: kpi takes at most {MAX_DECIMALS}",
            value.scale()
        ))
    } else {
        None
    }
}

/// A plain decimal as the ledger writes it: optional `-`, digits, and
/// optionally `.` and digits (`2788`, `2.4`, `-3`). Nothing else.
pub fn parse_plain(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let ok_int = !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit());
    let ok_frac = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !(ok_int && ok_frac) {
        return None;
    }
    text.parse::<Decimal>().ok()
}

/// A figure as people write it in the files they send (actuals-format.md,
/// "What `kpi import` accepts"), for a KPI whose unit is `unit`:
/// `2,788`, `１９`, `19%`, `19％`, `2,788人`, `△3`, `▲3`, with spaces around.
/// `Ok(None)` is "no figure": empty, `-`, `—` or `―`. Anything else is an
/// error saying what was expected; nothing is guessed.
pub fn parse_lenient(text: &str, unit: Option<&str>) -> Result<Option<Decimal>, String> {
    let value = parse_lenient_form(text, unit)?;
    // The strict ledger refuses what kpi cannot compute with: so must import.
    if value.is_some_and(|v| out_of_range(v).is_some()) {
        return Err(format!(
            "a number below 1,000,000,000,000,000 (10^15) with at most {MAX_DECIMALS} decimals"
        ));
    }
    Ok(value)
}

/// The forms of `parse_lenient`, before the range check.
fn parse_lenient_form(text: &str, unit: Option<&str>) -> Result<Option<Decimal>, String> {
    // Most cells are plain digits: read them as they are.
    if (1..=MAX_DIGITS).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(parse_plain(text));
    }
    // The minus sign (U+2212) is `-`, as the full-width one (U+FF0D) is.
    let narrow = narrow_ascii(text).replace('\u{2212}', "-");
    let s = narrow.trim();
    if matches!(s, "" | "-" | "\u{2014}" | "\u{2015}") {
        return Ok(None);
    }
    // A Japanese minus (△, ▲) or `-`, then the number; a space may follow
    // the mark, as in Excel's `△ #,##0` format.
    let (negative, rest) = match s.chars().next() {
        Some(c @ ('-' | '△' | '▲')) => (true, s[c.len_utf8()..].trim_start()),
        _ => (false, s),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let (number, tail) = rest.split_at(end);
    if number.is_empty() {
        return Err(LENIENT_EXPECTED.to_string());
    }
    check_unit(tail.trim(), unit)?;
    let digits = ungroup(number)?;
    let plain = if negative {
        format!("-{digits}")
    } else {
        digits
    };
    // More digits than a decimal holds would be rounded: refuse, never guess.
    if plain.bytes().filter(u8::is_ascii_digit).count() > MAX_DIGITS {
        return Err(format!("a number of at most {MAX_DIGITS} digits"));
    }
    let mut value = parse_plain(&plain).ok_or_else(|| LENIENT_EXPECTED.to_string())?;
    // `△0` is zero, not a negative zero that would print as `-0`.
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    Ok(Some(value))
}

/// The most significant digits an exact decimal holds.
const MAX_DIGITS: usize = 28;

/// What `parse_lenient` accepts, for error messages.
pub const LENIENT_EXPECTED: &str =
    "a number such as 2788, 2,788, 2.4, 19%, △3 (or -, or empty, for no figure)";

/// The text after the number: nothing, or the KPI's own unit.
fn check_unit(tail: &str, unit: Option<&str>) -> Result<(), String> {
    if tail.is_empty() {
        return Ok(());
    }
    let unit = unit.map(|u| narrow_ascii(u.trim()));
    match unit {
        Some(u) if !u.is_empty() && tail == u => Ok(()),
        Some(u) if !u.is_empty() => Err(format!(
            "a number alone or followed by this KPI's unit `{u}` (found `{tail}` after the number)"
        )),
        _ => Err(format!(
            "a number alone: this KPI has no unit (found `{tail}` after the number)"
        )),
    }
}

/// `2,788.5` → `2788.5`; commas only between groups of three digits.
fn ungroup(number: &str) -> Result<String, String> {
    let (int, frac) = match number.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (number, None),
    };
    if frac.is_some_and(|f| f.contains([',', '.'])) {
        return Err(LENIENT_EXPECTED.to_string());
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !(first_ok && groups.all(|g| g.len() == 3)) {
            return Err(format!(
                "digits grouped in threes, such as 2,788 or 12,345,678 (found `{number}`)"
            ));
        }
    }
    let int: String = int.chars().filter(|&c| c != ',').collect();
    Ok(match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    })
}

/// A TOML number's text (`2.4`, `50.0`, `1_000`, `1e3`) as an exact decimal,
/// keeping the decimals it was written with. `None` for inf and nan.
pub fn parse_toml_number(text: &str) -> Option<Decimal> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    let cleaned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    if cleaned.contains(['e', 'E']) {
        return Decimal::from_scientific(cleaned).ok();
    }
    cleaned.parse::<Decimal>().ok()
}

/// The number of decimals a value was written with (`50.0` → 1).
pub fn decimals(value: Decimal) -> u32 {
    value.scale()
}

/// A value with exactly `places` decimals, rounded half away from zero.
pub fn with_places(value: Decimal, places: u32) -> Decimal {
    let mut v = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(places);
    v
}

/// A value with exactly `places` decimals, for machines: `2788`, `50.0`.
pub fn plain(value: Decimal, places: u32) -> String {
    with_places(value, places).to_string()
}

/// A value with exactly `places` decimals and thousands separators, for
/// people: `2,788`, `50.0`, `-1,234.5`.
pub fn grouped(value: Decimal, places: u32) -> String {
    let text = plain(value, places);
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A ratio as a percentage rounded half away from zero to one decimal:
/// 1.29075 → `129.1%`.
pub fn percent(ratio: Decimal) -> String {
    match ratio.checked_mul(Decimal::ONE_HUNDRED) {
        Some(pct) => format!("{}%", with_places(pct, 1)),
        // A ratio past 10^26 (a target a hair from its baseline): no decimal
        // holds it as a percentage, so print it in scientific notation.
        None => format!("{:.3e}%", ratio.to_f64().unwrap_or(f64::MAX) * 100.0),
    }
}

/// A value (a figure in a KPI's unit) as a JSON number carrying the decimal
/// exactly, every digit: `500000000000000.01`, `82.333…` to all 28 digits.
/// Written as a double's shortest form would be, so that what a double
/// holds reads as before: no trailing zeros (`2.40` is `2.4`, 465/10 is
/// `46.5`), a decimal that had decimals and is whole keeps one (`50.0`),
/// and zero is never `-0`. A JSON number may have any number of digits;
/// readers that want a double round it themselves.
pub fn value_json(value: Decimal) -> serde_json::Value {
    // A decimal's text is always a valid JSON number: optional `-`, digits,
    // optionally `.` and digits, no exponent.
    ValueText(value)
        .to_string()
        .parse::<serde_json::Number>()
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// `value_json`'s number as text, written where it goes (the status
/// document writes 100,000 KPIs' values without a string for each).
#[derive(Clone, Copy)]
pub struct ValueText(pub Decimal);

impl std::fmt::Display for ValueText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut exact = self.0.normalize();
        if exact.is_zero() {
            exact.set_sign_positive(true);
        }
        f.write_str(DecimalText::new(exact).as_str())?;
        if self.0.scale() > 0 && exact.scale() == 0 {
            f.write_str(".0")?;
        }
        Ok(())
    }
}

/// A decimal's text as its `Display` prints it (`-`, every digit of its
/// mantissa, a point `scale` digits from the right, a `0` before a point
/// with nothing before it), made on the stack: `rust_decimal`'s divides
/// all 96 bits by ten for every digit, a fifth of the status document's
/// writing.
pub struct DecimalText {
    text: [u8; 40],
    start: usize,
}

impl DecimalText {
    pub fn new(value: Decimal) -> DecimalText {
        let mut text = [0u8; 40];
        let mut at = text.len();
        let mut m = value.mantissa().unsigned_abs();
        let mut digit = || {
            // Most mantissas fit in 64 bits, where dividing is cheap.
            let d = match u64::try_from(m) {
                Ok(small) => {
                    m = u128::from(small / 10);
                    small % 10
                }
                Err(_) => {
                    let d = (m % 10) as u64;
                    m /= 10;
                    d
                }
            };
            (b'0' + d as u8, m == 0)
        };
        let mut push = |b: u8| {
            at -= 1;
            text[at] = b;
        };
        let scale = value.scale();
        for _ in 0..scale {
            push(digit().0);
        }
        if scale > 0 {
            push(b'.');
        }
        loop {
            let (d, last) = digit();
            push(d);
            if last {
                break;
            }
        }
        if value.is_sign_negative() {
            push(b'-');
        }
        DecimalText { text, start: at }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits, `.` and `-` were written.
        std::str::from_utf8(&self.text[self.start..]).unwrap_or("0")
    }
}

/// A ratio (achievement, pace, a share) as a JSON number: ratios are exact
/// quotients of 28 digits; JSON readers take them as doubles, so the
/// nearest double is what we hand over.
pub fn ratio_json(value: Decimal) -> serde_json::Value {
    match ratio_number(value) {
        Some(Ratio::Integer(i)) => serde_json::Value::from(i),
        Some(Ratio::Double(f)) => {
            serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into)
        }
        None => serde_json::Value::Null,
    }
}

/// `ratio_json`'s number written into `out` as serde_json prints it;
/// false (nothing written) where that is `null`.
pub fn write_ratio(out: &mut Vec<u8>, value: Decimal) -> bool {
    match ratio_number(value) {
        Some(Ratio::Integer(i)) => {
            crate::render::json::pretty::int(out, i);
            true
        }
        // serde_json prints a finite double as `Number::from_f64` holds it.
        Some(Ratio::Double(f)) if f.is_finite() => serde_json::to_writer(out, &f).is_ok(),
        _ => false,
    }
}

enum Ratio {
    Integer(i64),
    Double(f64),
}

fn ratio_number(value: Decimal) -> Option<Ratio> {
    // Integers stay integers (`63`, not `63.0`) so that counts read as counts.
    if value.scale() == 0 {
        if let Some(i) = value.to_i64() {
            return Some(Ratio::Integer(i));
        }
    }
    // Through the decimal text: `str::parse` rounds to the nearest double,
    // which `Decimal::to_f64` does not always do (6/7 came out one ulp off).
    DecimalText::new(value)
        .as_str()
        .parse::<f64>()
        .ok()
        .map(Ratio::Double)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// `DecimalText` is `Display`'s text: signs, zeros of every scale,
    /// points with nothing before them, and mantissas past 64 bits.
    #[test]
    fn decimal_text_is_displays_text() {
        let texts = [
            "0",
            "0.00",
            "-0.00",
            "1",
            "-1",
            "10",
            "0.5",
            "-0.05",
            "123.4500",
            "0.000001",
            "79228162514264337593543950335",
            "-7.9228162514264337593543950335",
            "18446744073709551616",
            "18446744073709551615",
            "0.18446744073709551617",
        ];
        for value in texts.iter().map(|t| d(t)) {
            assert_eq!(
                DecimalText::new(value).as_str(),
                value.to_string(),
                "{value:?}"
            );
        }
        let mut negative_zero = d("0.000");
        negative_zero.set_sign_negative(true);
        assert_eq!(DecimalText::new(negative_zero).as_str(), "-0.000");
    }

    #[test]
    fn the_range_is_below_ten_to_the_fifteen_with_twelve_decimals() {
        assert_eq!(MAX_ABS, d("1000000000000000"));
        assert_eq!(out_of_range(d("999999999999999.999999999999")), None);
        assert!(out_of_range(d("1000000000000000")).is_some());
        assert!(out_of_range(d("-1000000000000000")).is_some());
        assert!(out_of_range(d("0.0000000000001")).is_some());
    }

    #[test]
    fn plain_numbers_only() {
        assert_eq!(parse_plain("2788"), Some(d("2788")));
        assert_eq!(parse_plain("2.4"), Some(d("2.4")));
        assert_eq!(parse_plain("-3"), Some(d("-3")));
        for bad in [
            "", "-", "2,788", "1.", ".5", "+3", "1e3", " 3", "3 ", "１９", "2.4.1",
        ] {
            assert_eq!(parse_plain(bad), None, "{bad:?}");
        }
    }

    fn lenient(text: &str, unit: Option<&str>) -> Option<Decimal> {
        parse_lenient(text, unit).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    #[test]
    fn lenient_reads_every_listed_form() {
        let pct = Some("%");
        let people = Some("人");
        assert_eq!(lenient("2,788", None), Some(d("2788")));
        assert_eq!(lenient("１９", None), Some(d("19")));
        assert_eq!(lenient("19%", pct), Some(d("19")));
        assert_eq!(lenient("19％", pct), Some(d("19")));
        assert_eq!(lenient("19 %", pct), Some(d("19")));
        assert_eq!(lenient("2,788人", people), Some(d("2788")));
        assert_eq!(lenient("△3", None), Some(d("-3")));
        assert_eq!(lenient("▲3", None), Some(d("-3")));
        assert_eq!(lenient("△ 1,234.5", None), Some(d("-1234.5")));
        assert_eq!(lenient("  42\u{3000}", None), Some(d("42")));
        assert_eq!(lenient("－３", None), Some(d("-3")));
        // The minus sign (U+2212) and the full-width hyphen-minus (U+FF0D),
        // as word processors and Japanese IMEs type them (issue 24, item 24).
        assert_eq!(lenient("\u{2212}3", None), Some(d("-3")));
        assert_eq!(lenient("\u{2212} 1,234.5", None), Some(d("-1234.5")));
        assert_eq!(lenient("\u{FF0D}3", None), Some(d("-3")));
        assert_eq!(lenient("\u{2212}2.5%", Some("%")), Some(d("-2.5")));
        assert_eq!(lenient("2.40", None).unwrap().scale(), 2);
        assert_eq!(lenient("△0", None).unwrap().to_string(), "0");
        // Values stay below 10^15 (README: values are bounded): 15 digits at most.
        let big = "9".repeat(15);
        assert_eq!(lenient(&big, None), Some(d(&big)));
        assert!(parse_lenient(&"9".repeat(16), None).is_err());
    }

    #[test]
    fn lenient_no_figure() {
        for text in ["", "  ", "-", " - ", "—", "―", "－", "\u{2212}"] {
            assert_eq!(lenient(text, None), None, "{text:?}");
        }
    }

    #[test]
    fn lenient_refuses_anything_else() {
        let pct = Some("%");
        for (text, unit, says) in [
            ("about 20", None, "2,788"),
            ("n/a", None, "2,788"),
            ("1 2", None, "found `2`"),
            ("3/4", None, "found `/4`"),
            ("19%", None, "has no unit"),
            ("19%", Some("人"), "unit `人`"),
            ("2,788件", Some("人"), "found `件`"),
            ("1,23", None, "grouped in threes"),
            ("1234,567", None, "grouped in threes"),
            (",123", None, "grouped in threes"),
            ("1.2.3", None, "2,788"),
            ("1.5,000", None, "2,788"),
            (".5", None, "2,788"),
            ("1.", None, "2,788"),
            ("+3", None, "2,788"),
            ("1e3", None, "found `e3`"),
            ("--3", None, "2,788"),
            ("△", None, "2,788"),
            ("%", pct, "2,788"),
            ("3-", None, "found `-`"),
            // A lone minus sign (U+2212) is `-` since issue 24 item 24
            // (`−3` is -3); two of them are still no number.
            ("−−3", None, "2,788"),
        ] {
            match parse_lenient(text, unit) {
                Err(e) => assert!(e.contains(says), "{text:?}: {e}"),
                Ok(v) => panic!("{text:?} gave {v:?}"),
            }
        }
        let big = "9".repeat(29);
        assert!(parse_lenient(&big, None).unwrap_err().contains("28 digits"));
    }

    proptest::proptest! {
        /// Every accepted form of a number reads as its plain form does.
        #[test]
        fn every_form_parses_as_its_plain_form(
            int in 0u64..10_000_000_000u64,
            frac in proptest::option::of(0u32..10_000),
            places in 1usize..5,
            negative: bool,
            mark in 0usize..3,
            spaces in 0usize..3,
        ) {
            let frac = frac.map(|f| format!("{:0places$}", f % 10u32.pow(places as u32)));
            let digits = match &frac {
                Some(f) => format!("{int}.{f}"),
                None => int.to_string(),
            };
            let plain = if negative { format!("-{digits}") } else { digits.clone() };
            let want = parse_plain(&plain).unwrap();
            let want = if want.is_zero() { want.abs() } else { want };
            let grouped_int = grouped(Decimal::from(int), 0);
            let grouped = match &frac {
                Some(f) => format!("{grouped_int}.{f}"),
                None => grouped_int,
            };
            let wide: String = grouped
                .chars()
                .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
                .collect();
            let sign = if negative { ["-", "△", "▲"][mark] } else { "" };
            let pad = " ".repeat(spaces);
            for (body, unit) in [
                (digits.clone(), None),
                (grouped.clone(), None),
                (wide.clone(), None),
                (format!("{grouped}%"), Some("%")),
                (format!("{grouped}％"), Some("%")),
                (format!("{grouped} 人"), Some("人")),
                (format!("{wide}人"), Some("人")),
            ] {
                let text = format!("{pad}{sign}{body}{pad}");
                let got = parse_lenient(&text, unit);
                proptest::prop_assert_eq!(got.clone(), Ok(Some(want)), "{:?}", text);
                // The decimals written are kept: 2.40 stays 2.40.
                proptest::prop_assert_eq!(got.unwrap().unwrap().scale(), want.scale());
            }
        }
    }

    #[test]
    fn toml_numbers_keep_their_decimals() {
        assert_eq!(parse_toml_number("50.0").unwrap().scale(), 1);
        assert_eq!(parse_toml_number("1_000").unwrap(), d("1000"));
        assert_eq!(parse_toml_number("1e3").unwrap(), d("1000"));
        assert_eq!(parse_toml_number("inf"), None);
        assert_eq!(parse_toml_number("nan"), None);
        // 2.4 - 1.7 is 0.7 exactly, never 0.7000000000000002
        assert_eq!(
            parse_toml_number("2.4").unwrap() - parse_toml_number("1.7").unwrap(),
            d("0.7")
        );
    }

    #[test]
    fn printing_with_places_and_groups() {
        assert_eq!(plain(d("50"), 1), "50.0");
        assert_eq!(plain(d("0.25"), 1), "0.3");
        assert_eq!(plain(d("-0.25"), 1), "-0.3");
        assert_eq!(grouped(d("2788"), 0), "2,788");
        assert_eq!(grouped(d("-1234.5"), 1), "-1,234.5");
        assert_eq!(grouped(d("123"), 0), "123");
        assert_eq!(grouped(d("123456"), 2), "123,456.00");
    }

    #[test]
    fn json_ratios_are_the_nearest_double() {
        // 6/7 to 28 digits; the nearest double prints as 0.8571428571428571.
        let six_sevenths = d("6") / d("7");
        assert_eq!(ratio_json(six_sevenths).to_string(), "0.8571428571428571");
        assert_eq!(
            ratio_json(d("1") / d("3")).to_string(),
            "0.3333333333333333"
        );
        assert_eq!(ratio_json(d("63")).to_string(), "63");
        assert_eq!(ratio_json(d("50.0")).to_string(), "50.0");
    }

    #[test]
    fn json_values_are_the_decimal_as_held() {
        // Issue 17, item 1: doubles hold 15-17 digits; these need 17 and 18.
        for text in [
            "500000000000000.01",
            "999999999999999.99",
            "123456789012345.67",
            "999999999999999.999999999999",
            "-0.000000000001",
            "50.0",
            "63",
            "-3",
        ] {
            assert_eq!(value_json(d(text)).to_string(), text);
        }
        // As a double prints the values it holds: no trailing zeros, one
        // decimal kept on a whole number that had decimals.
        for (held, json) in [
            ("2.40", "2.4"),
            ("46.50", "46.5"),
            ("-1.10", "-1.1"),
            ("50.00", "50.0"),
            ("0.0", "0.0"),
        ] {
            assert_eq!(value_json(d(held)).to_string(), json, "{held}");
            let double: f64 = held.parse().unwrap();
            assert_eq!(serde_json::json!(double).to_string(), json, "{held}");
        }
        // 8/3 as the decimal holds it, all 28 digits.
        assert_eq!(
            value_json(d("8") / d("3")).to_string(),
            "2.6666666666666666666666666667"
        );
        // A negative zero (s * (t - a) with t = a, s = -1) is 0.
        assert_eq!(value_json(-d("0")).to_string(), "0");
        assert_eq!(value_json(-d("0.0")).to_string(), "0.0");
        // Read back, the number is the same decimal.
        let back: serde_json::Value =
            serde_json::from_str(&value_json(d("500000000000000.01")).to_string()).unwrap();
        assert_eq!(back.to_string(), "500000000000000.01");
    }

    #[test]
    fn lenient_values_out_of_range_are_refused() {
        assert!(parse_lenient("2,000,000,000,000,000", None).is_err());
        assert!(parse_lenient("0.0000000000001", None).is_err());
        assert_eq!(
            parse_lenient("999,999,999,999,999", None),
            Ok(Some(d("999999999999999")))
        );
    }

    #[test]
    fn huge_ratios_print_without_overflow() {
        // 9e26 * 100 does not fit a decimal (about 7.9e28).
        assert_eq!(percent(d("900000000000000000000000000")), "9.000e28%");
    }

    #[test]
    fn percentages_round_half_away_from_zero() {
        assert_eq!(percent(d("1.374")), "137.4%");
        assert_eq!(percent(d("1.29075")), "129.1%");
        assert_eq!(percent(d("1.1795")), "118.0%");
        assert_eq!(percent(d("0.00049")), "0.0%");
        assert_eq!(percent(d("-0.0005")), "-0.1%");
    }
}
