//! JSON written straight into a byte buffer, byte for byte as
//! `serde_json::to_writer_pretty` prints it (two spaces a level, `": "`
//! after a key, `{}` and `[]` when empty): the status document's 100,000
//! KPI objects are written field by field, with no `Value` and no string
//! made for a field on the way. An object (`Obj`) or array (`Arr`) knows
//! its depth; a nested one borrows the buffer until it is closed.

use std::fmt::Display;
use std::io::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use super::stream::Indented;

/// An open object: `{` written, its entries next.
pub struct Obj<'b> {
    buf: &'b mut Vec<u8>,
    depth: usize,
    empty: bool,
}

/// An open array: `[` written, its items next.
pub struct Arr<'b> {
    buf: &'b mut Vec<u8>,
    depth: usize,
    empty: bool,
}

impl<'b> Obj<'b> {
    /// `{` at `depth` (the number of levels around it).
    pub fn open(buf: &'b mut Vec<u8>, depth: usize) -> Self {
        buf.push(b'{');
        Obj {
            buf,
            depth,
            empty: true,
        }
    }

    /// The separator, the line end and indent, the key and `": "`.
    fn key(&mut self, key: &str) -> &mut Vec<u8> {
        self.buf
            .extend_from_slice(if self.empty { b"\n" } else { b",\n" });
        self.empty = false;
        indent(self.buf, self.depth + 1);
        // Keys are the program's own names: nothing in them to escape.
        debug_assert!(key.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\'));
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\": ");
        self.buf
    }

    /// A whole number.
    pub fn int(&mut self, key: &str, value: impl Into<i64>) {
        int(self.key(key), value.into());
    }

    /// A whole number, or `null`.
    pub fn opt_int(&mut self, key: &str, value: Option<impl Into<i64>>) {
        match value {
            Some(v) => self.int(key, v),
            None => self.null(key),
        }
    }

    pub fn str(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    /// A string that needs no escaping, as it is made (a year's label:
    /// `year::Label`, ASCII letters and digits).
    pub fn plain_str(&mut self, key: &str, value: impl Display) {
        let _ = write!(self.key(key), "\"{value}\"");
    }

    /// A string, or `null`.
    pub fn opt_str(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.str(key, v),
            None => self.null(key),
        }
    }

    pub fn null(&mut self, key: &str) {
        self.key(key).extend_from_slice(b"null");
    }

    pub fn bool(&mut self, key: &str, value: bool) {
        let text: &[u8] = if value { b"true" } else { b"false" };
        self.key(key).extend_from_slice(text);
    }

    /// A number as its text (an integer's digits, a decimal's).
    pub fn num(&mut self, key: &str, value: impl Display) {
        let _ = write!(self.key(key), "{value}");
    }

    /// A number, or `null`.
    pub fn opt_num(&mut self, key: &str, value: Option<impl Display>) {
        match value {
            Some(v) => self.num(key, v),
            None => self.null(key),
        }
    }

    /// A value in a KPI's unit (`value::value_json`'s number), or `null`.
    pub fn value(&mut self, key: &str, value: Option<Decimal>) {
        self.opt_num(key, value.map(crate::value::ValueText));
    }

    /// A ratio (`value::ratio_json`'s number), or `null`.
    pub fn ratio(&mut self, key: &str, value: Option<Decimal>) {
        let buf = self.key(key);
        if !value.is_some_and(|v| crate::value::write_ratio(buf, v)) {
            buf.extend_from_slice(b"null");
        }
    }

    /// Anything serde serialises, printed pretty at this depth: for the
    /// rare and small entries (a review, a judgement).
    pub fn serde(&mut self, key: &str, value: &impl Serialize) {
        let depth = self.depth + 1;
        let buf = self.key(key);
        let _ = serde_json::to_writer_pretty(Indented::new(buf, indent_of(depth)), value);
    }

    /// A nested object; the entries after it wait until it is closed.
    pub fn obj(&mut self, key: &str) -> Obj<'_> {
        let depth = self.depth + 1;
        Obj::open(self.key(key), depth)
    }

    /// A nested array; the entries after it wait until it is closed.
    pub fn arr(&mut self, key: &str) -> Arr<'_> {
        let depth = self.depth + 1;
        Arr::open(self.key(key), depth)
    }

    /// `}`, on a line of its own unless the object is empty.
    pub fn close(self) {
        close(self.buf, self.depth, self.empty, b'}');
    }
}

impl<'b> Arr<'b> {
    /// `[` at `depth` (the number of levels around it).
    pub fn open(buf: &'b mut Vec<u8>, depth: usize) -> Self {
        buf.push(b'[');
        Arr {
            buf,
            depth,
            empty: true,
        }
    }

    /// The separator, the line end and the indent of the next item.
    fn next(&mut self) -> &mut Vec<u8> {
        self.buf
            .extend_from_slice(if self.empty { b"\n" } else { b",\n" });
        self.empty = false;
        indent(self.buf, self.depth + 1);
        self.buf
    }

    pub fn str(&mut self, value: &str) {
        string(self.next(), value);
    }

    /// A nested object as the next item.
    pub fn obj(&mut self) -> Obj<'_> {
        let depth = self.depth + 1;
        Obj::open(self.next(), depth)
    }

    /// `]`, on a line of its own unless the array is empty.
    pub fn close(self) {
        close(self.buf, self.depth, self.empty, b']');
    }
}

fn close(buf: &mut Vec<u8>, depth: usize, empty: bool, end: u8) {
    if !empty {
        buf.push(b'\n');
        indent(buf, depth);
    }
    buf.push(end);
}

/// Deep enough for any document `kpi` writes.
const SPACES: &[u8; 64] = &[b' '; 64];

/// The indent of a line at `depth`: two spaces a level.
fn indent_of(depth: usize) -> &'static [u8] {
    &SPACES[..(2 * depth).min(SPACES.len())]
}

fn indent(buf: &mut Vec<u8>, depth: usize) {
    buf.extend_from_slice(indent_of(depth));
}

/// A whole number's digits, as serde_json (`itoa`) prints it.
pub fn int(buf: &mut Vec<u8>, value: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = value.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        buf.push(b'-');
    }
    buf.extend_from_slice(&digits[at..]);
}

/// A JSON string as serde_json escapes it: `"`, `\` and the control
/// characters; everything else as it is.
pub fn string(buf: &mut Vec<u8>, text: &str) {
    buf.push(b'"');
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        buf.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        match b {
            b'"' => buf.extend_from_slice(b"\\\""),
            b'\\' => buf.extend_from_slice(b"\\\\"),
            b'\n' => buf.extend_from_slice(b"\\n"),
            b'\r' => buf.extend_from_slice(b"\\r"),
            b'\t' => buf.extend_from_slice(b"\\t"),
            0x08 => buf.extend_from_slice(b"\\b"),
            0x0C => buf.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.extend_from_slice(b"\\u00");
                buf.push(HEX[usize::from(b >> 4)]);
                buf.push(HEX[usize::from(b & 0xF)]);
            }
        }
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pretty(value: &serde_json::Value) -> Vec<u8> {
        serde_json::to_vec_pretty(value).unwrap()
    }

    /// Every string escape serde_json makes, and text it leaves alone.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("朝霞市 «é» \u{2028}");
        for text in [all.as_str(), "", "plain", "\"\\", "a\nb\u{1}"] {
            let mut buf = Vec::new();
            string(&mut buf, text);
            assert_eq!(buf, serde_json::to_vec(text).unwrap(), "{text:?}");
        }
    }

    /// Whole numbers as serde_json prints them, to the ends of the range.
    #[test]
    fn whole_numbers_are_serde_jsons() {
        for n in [0, 7, -7, 10, 2014, -100, i64::MAX, i64::MIN] {
            let mut buf = Vec::new();
            int(&mut buf, n);
            assert_eq!(buf, serde_json::to_vec(&n).unwrap(), "{n}");
        }
    }

    /// Objects and arrays, nested, empty and not, at depth 0 and deeper,
    /// with every kind of entry.
    #[test]
    fn objects_and_arrays_are_serde_jsons_pretty_print() {
        let mut buf = Vec::new();
        let mut o = Obj::open(&mut buf, 0);
        o.str("s", "x\"y");
        o.opt_str("none", None);
        o.bool("t", true);
        o.num("n", 2014);
        o.opt_num("m", None::<i32>);
        o.int("i", -3);
        o.opt_int("j", Some(4u32));
        o.opt_int("k", None::<i32>);
        o.obj("empty").close();
        o.arr("none_in").close();
        let mut a = o.arr("list");
        a.str("a");
        let mut inner = a.obj();
        inner.num("year", 2020);
        inner.serde("nested", &json!({"k": [1, {"z": null}], "e": {}}));
        inner.close();
        a.close();
        o.serde("null", &None::<i32>);
        o.close();
        let expected = json!({
            "s": "x\"y",
            "none": null,
            "t": true,
            "n": 2014,
            "m": null,
            "i": -3,
            "j": 4,
            "k": null,
            "empty": {},
            "none_in": [],
            "list": ["a", {"year": 2020, "nested": {"k": [1, {"z": null}], "e": {}}}],
            "null": null,
        });
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            String::from_utf8(pretty(&expected)).unwrap()
        );

        let mut buf = Vec::new();
        Obj::open(&mut buf, 0).close();
        assert_eq!(buf, b"{}");
    }
}
