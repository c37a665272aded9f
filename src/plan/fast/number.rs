//! Decimal integers and floats, exactly as TOML writes them. Other numbers
//! (`0x…`, `0o…`, `0b…`, `inf`, `nan`) and dates are left to the `toml` crate.

use std::borrow::Cow;

use crate::plan::tree::Value;

/// The value a run of number-like characters stands for, or `None` unless
/// it is a TOML decimal integer, float, `true` or `false`. The number keeps
/// its text, less its `_`s, as the `toml` crate gives it.
pub(super) fn scalar(token: &str) -> Option<Value<'_>> {
    match token {
        "true" => return Some(Value::Boolean(true)),
        "false" => return Some(Value::Boolean(false)),
        _ => {}
    }
    let float = shape(token.as_bytes())?;
    let text = if token.contains('_') {
        Cow::Owned(token.replace('_', ""))
    } else {
        Cow::Borrowed(token)
    };
    Some(if float {
        Value::Float(text)
    } else {
        Value::Integer { text, radix: 10 }
    })
}

/// Whether `b` is a float (`Some(true)`), an integer (`Some(false)`) or
/// neither, by TOML's grammar:
///
/// ```text
/// integer = [ + / - ] ( 0 / 1-9 *( [ _ ] DIGIT ) )
/// float   = integer ( frac [ exp ] / exp )
/// frac    = . DIGIT *( [ _ ] DIGIT )
/// exp     = ( e / E ) [ + / - ] DIGIT *( [ _ ] DIGIT )
/// ```
fn shape(b: &[u8]) -> Option<bool> {
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    match b.get(i)? {
        // A leading zero stands alone: `0`, `0.5`, `0e3`, never `01` or `0_1`.
        b'0' => i += 1,
        b'1'..=b'9' => i = digits(b, i)?,
        _ => return None,
    }
    let mut float = false;
    if b.get(i) == Some(&b'.') {
        i = digits(b, i + 1)?;
        float = true;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(b, i)?;
        float = true;
    }
    (i == b.len()).then_some(float)
}

/// The end of `DIGIT *( [ _ ] DIGIT )` starting at `i`.
fn digits(b: &[u8], mut i: usize) -> Option<usize> {
    if !b.get(i)?.is_ascii_digit() {
        return None;
    }
    loop {
        i += 1;
        match b.get(i) {
            Some(d) if d.is_ascii_digit() => {}
            Some(b'_') if b.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 1,
            _ => return Some(i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_floats_as_toml_writes_them() {
        for (text, float) in [
            ("0", false),
            ("-0", false),
            ("+7", false),
            ("1_000", false),
            ("2788", false),
            ("50.0", true),
            ("0.5", true),
            ("0e3", true),
            ("-1.5E-3", true),
            ("1e+9", true),
            ("3.141_592", true),
            ("1_0.0_1e1_0", true),
        ] {
            assert_eq!(shape(text.as_bytes()), Some(float), "{text}");
        }
    }

    #[test]
    fn anything_else_is_not_for_the_fast_reader() {
        for text in [
            "",
            "+",
            "-",
            "01",
            "00",
            "0_1",
            "_1",
            "1_",
            "1__0",
            "1.",
            ".5",
            "1.e3",
            "1e",
            "1e_3",
            "1._5",
            "1.5_",
            "1e3_",
            "++1",
            "+-1",
            "1e3.5",
            "0x1F",
            "0o7",
            "0b1",
            "inf",
            "nan",
            "+inf",
            "1979-05-27",
            "07:32:00",
            "1,0",
            "True",
            "1 0",
        ] {
            assert_eq!(shape(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn the_text_loses_only_its_underscores() {
        assert_eq!(
            scalar("+1_0.5e-3"),
            Some(Value::Float(Cow::Owned("+10.5e-3".into())))
        );
        assert_eq!(scalar("50.0"), Some(Value::Float(Cow::Borrowed("50.0"))));
        assert_eq!(
            scalar("-12"),
            Some(Value::Integer {
                text: Cow::Borrowed("-12"),
                radix: 10
            })
        );
        assert_eq!(scalar("true"), Some(Value::Boolean(true)));
        assert_eq!(scalar("false"), Some(Value::Boolean(false)));
        assert_eq!(scalar("TRUE"), None);
    }
}
