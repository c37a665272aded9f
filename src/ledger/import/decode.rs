//! Turning the bytes people send into text: UTF-8 (with or without a
//! byte-order mark) or CP932, the Shift_JIS that Excel writes on Japanese
//! Windows; and back again for `kpi template`.

use std::fmt;

use encoding_rs::{DecoderResult, SHIFT_JIS};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An encoding `kpi import` reads and `kpi template` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" writes it.
    Utf8Bom,
    /// Windows code page 932 (Shift_JIS with NEC and IBM extensions);
    /// encoding_rs's `SHIFT_JIS` is exactly this.
    Cp932,
}

/// The labels `--encoding` accepts.
pub const LABELS: &str = "utf-8, utf-8-bom, cp932 (also ms932, windows-31j, shift_jis, sjis)";

impl Encoding {
    /// An `--encoding` label, case-insensitive, `_` and `-` alike.
    pub fn from_label(label: &str) -> Option<Encoding> {
        let l = label.trim().to_ascii_lowercase().replace('_', "-");
        match l.as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-8-bom" | "utf8-bom" | "utf-8-sig" => Some(Encoding::Utf8Bom),
            "cp932" | "ms932" | "windows-31j" | "shift-jis" | "sjis" | "windows-932" => {
                Some(Encoding::Cp932)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Cp932 => "CP932 (Shift_JIS)",
        })
    }
}

/// Why a file could not be turned into text: the 1-based line of the first
/// bad byte (when there is one), what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub line: Option<usize>,
    pub message: String,
    pub hint: String,
}

impl DecodeError {
    /// The error as a problem of the file at `path`.
    pub fn problem(self, path: &std::path::Path) -> crate::problem::Problem {
        use crate::problem::{Location, Problem};
        let at = match self.line {
            Some(line) => Location::line(path, line),
            None => Location::file(path),
        };
        Problem::error(at, self.message).hint(self.hint)
    }
}

const SAVE_AS: &str = "save it from Excel as \"CSV UTF-8\" or \"CSV\" (Shift_JIS), or name its \
                       encoding with --encoding";

/// The text of an import file, and the encoding it was in. `forced` is
/// `--encoding`; without it UTF-8 is tried first (with a BOM it is certain),
/// then CP932. Line ends of old Mac files (`\r` alone) become `\n`.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<(String, Encoding), DecodeError> {
    not_csv(bytes)?;
    let (text, encoding) = match forced {
        Some(Encoding::Cp932) => (
            cp932(bytes).map_err(|at| bad(bytes, at, "CP932"))?,
            Encoding::Cp932,
        ),
        Some(_) | None if bytes.starts_with(BOM) => (
            utf8(&bytes[BOM.len()..]).map_err(|at| bad(bytes, at + BOM.len(), "UTF-8"))?,
            Encoding::Utf8Bom,
        ),
        Some(_) => (
            utf8(bytes).map_err(|at| bad(bytes, at, "UTF-8"))?,
            Encoding::Utf8,
        ),
        None => match utf8(bytes) {
            Ok(text) => (text, Encoding::Utf8),
            Err(utf8_at) => match cp932(bytes) {
                Ok(text) => (text, Encoding::Cp932),
                Err(cp932_at) => {
                    return Err(DecodeError {
                        line: Some(line_at(bytes, utf8_at)),
                        message: format!(
                            "the file is neither UTF-8 (invalid bytes on this line) nor CP932 / \
                             Shift_JIS (invalid bytes on line {})",
                            line_at(bytes, cp932_at)
                        ),
                        hint: SAVE_AS.to_string(),
                    })
                }
            },
        },
    };
    Ok((old_mac_line_ends(text), encoding))
}

/// Files that are plainly not CSV text: say what they are.
fn not_csv(bytes: &[u8]) -> Result<(), DecodeError> {
    let what = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        "the file is UTF-16 text (Excel's \"Unicode Text\"), not CSV"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "the file is an Excel workbook (.xlsx), not CSV"
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        "the file is an old Excel workbook (.xls), not CSV"
    } else {
        return Ok(());
    };
    Err(DecodeError {
        line: None,
        message: what.to_string(),
        hint: "save it from Excel as \"CSV UTF-8\" or \"CSV\"".to_string(),
    })
}

fn bad(bytes: &[u8], at: usize, encoding: &str) -> DecodeError {
    DecodeError {
        line: Some(line_at(bytes, at)),
        message: format!(
            "the file is not {encoding} text (the first invalid bytes are on this line)"
        ),
        hint: SAVE_AS.to_string(),
    }
}

/// The text, or the offset of the first invalid byte.
fn utf8(bytes: &[u8]) -> Result<String, usize> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| e.valid_up_to())
}

/// The text, or the offset of the first byte that does not decode.
fn cp932(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = SHIFT_JIS.new_decoder_without_bom_handling();
    // Each byte gives at most one character of at most three UTF-8 bytes.
    let mut text = String::with_capacity(bytes.len().saturating_mul(3).saturating_add(16));
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            // `bad` bytes were malformed, then `after` more were read.
            DecoderResult::Malformed(bad, after) => {
                return Err(read.saturating_sub(usize::from(bad) + usize::from(after)))
            }
            DecoderResult::OutputFull => text.reserve(bytes.len() - read + 16),
        }
    }
}

/// The 1-based line holding byte `at`.
fn line_at(bytes: &[u8], at: usize) -> usize {
    let at = at.min(bytes.len());
    bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

fn old_mac_line_ends(text: String) -> String {
    if text.contains('\r') && !text.contains('\n') {
        text.replace('\r', "\n")
    } else {
        text
    }
}

/// Characters that CP932 writes with a different code point than Unicode
/// text typed elsewhere: the CP932 one, for writing and for comparing names.
pub fn cp932_twin(c: char) -> char {
    match c {
        '\u{301C}' => '\u{FF5E}', // 〜 wave dash → ～
        '\u{2016}' => '\u{2225}', // ‖ → ∥
        '\u{2212}' => '\u{FF0D}', // − minus sign → －
        '\u{00A2}' => '\u{FFE0}', // ¢ → ￠
        '\u{00A3}' => '\u{FFE1}', // £ → ￡
        '\u{00AC}' => '\u{FFE2}', // ¬ → ￢
        '\u{2014}' => '\u{2015}', // — → ―
        _ => c,
    }
}

/// Text as bytes in `encoding`, for `kpi template`. CP932 cannot write every
/// character: the first it cannot is the error.
pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>, char> {
    match encoding {
        Encoding::Utf8 => Ok(text.as_bytes().to_vec()),
        Encoding::Utf8Bom => {
            let mut bytes = BOM.to_vec();
            bytes.extend_from_slice(text.as_bytes());
            Ok(bytes)
        }
        Encoding::Cp932 => {
            let twin: String = text.chars().map(cp932_twin).collect();
            let (bytes, _, unmappable) = SHIFT_JIS.encode(&twin);
            if !unmappable {
                return Ok(bytes.into_owned());
            }
            let mut buf = [0u8; 4];
            Err(twin
                .chars()
                .find(|c| SHIFT_JIS.encode(c.encode_utf8(&mut buf)).2)
                .unwrap_or('\u{FFFD}'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sjis(text: &str) -> Vec<u8> {
        let (bytes, _, bad) = SHIFT_JIS.encode(text);
        assert!(!bad, "{text}");
        bytes.into_owned()
    }

    #[test]
    fn labels() {
        for l in ["cp932", "MS932", "windows-31j", "Shift_JIS", "sjis"] {
            assert_eq!(Encoding::from_label(l), Some(Encoding::Cp932), "{l}");
        }
        assert_eq!(Encoding::from_label("utf-8"), Some(Encoding::Utf8));
        assert_eq!(Encoding::from_label("UTF-8-BOM"), Some(Encoding::Utf8Bom));
        assert_eq!(Encoding::from_label("latin1"), None);
    }

    #[test]
    fn detects_each_encoding() {
        let text = "指標,年度,実績値\n①㈱髙,H27,3\n";
        assert_eq!(
            decode(text.as_bytes(), None).unwrap(),
            (text.to_string(), Encoding::Utf8)
        );
        let mut bom = BOM.to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(
            decode(&bom, None).unwrap(),
            (text.to_string(), Encoding::Utf8Bom)
        );
        assert_eq!(
            decode(&sjis(text), None).unwrap(),
            (text.to_string(), Encoding::Cp932)
        );
        // Forcing an encoding reads the file in it, BOM or not.
        assert_eq!(decode(&bom, Some(Encoding::Utf8)).unwrap().0, text);
        assert_eq!(decode(&sjis(text), Some(Encoding::Cp932)).unwrap().0, text);
    }

    #[test]
    fn bytes_that_decode_in_neither_name_their_line() {
        // 0x82 0x20 is not CP932 (a lead byte with a bad trail) nor UTF-8.
        let bytes = b"kpi,year,value\nfair,2015,3\nfair,2016,\x82\x20\n";
        let e = decode(bytes, None).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("neither UTF-8"), "{}", e.message);
        assert!(e.message.contains("line 3"), "{}", e.message);
        let e = decode(&sjis("a\nb\n実績\n"), Some(Encoding::Utf8)).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("not UTF-8"));
    }

    #[test]
    fn workbooks_and_utf16_are_named() {
        assert!(decode(b"PK\x03\x04rest", None)
            .unwrap_err()
            .message
            .contains(".xlsx"));
        assert!(decode(b"\xFF\xFEk\0", None)
            .unwrap_err()
            .message
            .contains("UTF-16"));
    }

    #[test]
    fn old_mac_line_ends_become_newlines() {
        assert_eq!(decode(b"a\rb\r", None).unwrap().0, "a\nb\n");
        assert_eq!(decode(b"a\r\nb\r\n", None).unwrap().0, "a\r\nb\r\n");
    }

    #[test]
    fn encodes_what_cp932_adds_and_refuses_what_it_lacks() {
        let bytes = encode("①㈱髙〜", Encoding::Cp932).unwrap();
        assert_eq!(bytes, vec![0x87, 0x40, 0x87, 0x8A, 0xFB, 0xFC, 0x81, 0x60]);
        assert_eq!(encode("a𠮷b", Encoding::Cp932), Err('𠮷'));
        assert_eq!(encode("a", Encoding::Utf8Bom).unwrap(), b"\xEF\xBB\xBFa");
    }
}
