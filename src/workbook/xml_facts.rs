//! What a workbook's cells say beyond their values, read from the file's
//! own XML because the reading crate (calamine) does not expose it: which
//! cells carry a percent number format (0.19 shown as 19%), which formula
//! cells have no cached value, and, for OpenDocument, which cells are
//! merged.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// A cell's place: 0-based row and column.
pub type Place = (u32, u32);

/// A merged region, inclusive, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub first: Place,
    pub last: Place,
}

/// What one sheet's XML says about its cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetFacts {
    pub percent: HashSet<Place>,
    pub merged: Vec<Region>,
    /// The farthest cells that hold anything (read before calamine, whose
    /// `.xls` and `.ods` readers fill the whole used range).
    pub extent: Extent,
    /// Hidden rows: the first (0-based) and how many.
    pub hidden: Vec<(u32, u32)>,
}

use super::limits::Extent;

pub(super) type Zip = zip::ZipArchive<Cursor<Vec<u8>>>;

pub(super) fn part(zip: &mut Zip, name: &str) -> Option<Vec<u8>> {
    let mut file = zip.by_name(name).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

pub(super) fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key || a.key.local_name().as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Whether a number format code shows a percent: a `%` outside quoted text
/// and not escaped, in the format's first (positive) section.
pub fn is_percent_code(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' | '_' | '*' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => return false,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// `C7` → (6, 2).
pub fn parse_a1(text: &str) -> Option<Place> {
    let letters: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let digits = &text[letters.len()..];
    if letters.is_empty() || digits.is_empty() {
        return None;
    }
    let col = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// Whether a zip is an Excel binary workbook (`.xlsb`): its workbook part
/// is `xl/workbook.bin`, not `xl/workbook.xml`.
pub fn is_xlsb(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|zip| {
        zip.index_for_name("xl/workbook.bin").is_some()
            && zip.index_for_name("xl/workbook.xml").is_none()
    })
}

/// What calamine does not say of an `.xlsx` sheet's cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XlsxFacts {
    /// Hidden rows (0-based): `<row r="5" hidden="1">`.
    pub hidden_rows: Vec<u32>,
    /// The cells typed as a formula's string (`t="str"`): a formula cell
    /// of that type with an empty `<v/>` saved the empty string.
    pub strings: HashSet<Place>,
}

/// `XlsxFacts` of every sheet of an `.xlsx`/`.xlsm`, by sheet name.
pub fn xlsx(bytes: &[u8]) -> HashMap<String, XlsxFacts> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes.to_vec())) else {
        return out;
    };
    let sheets = part(&mut zip, "xl/workbook.xml")
        .map(|x| sheet_ids(&x))
        .unwrap_or_default();
    let targets = part(&mut zip, "xl/_rels/workbook.xml.rels")
        .map(|x| relationships(&x))
        .unwrap_or_default();
    for (name, rid) in sheets {
        let Some(target) = targets.get(&rid) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        let Ok(file) = zip.by_name(&path) else {
            continue;
        };
        out.insert(name, xlsx_sheet(std::io::BufReader::new(file)));
    }
    out
}

/// One worksheet's facts, read as a stream.
fn xlsx_sheet(xml: impl std::io::BufRead) -> XlsxFacts {
    let mut out = XlsxFacts::default();
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    // Rows and cells without `r` follow the one before.
    let (mut row, mut col) = (0u32, 0u32);
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "row" => {
                    row = attr(&e, "r")
                        .and_then(|r| r.parse::<u32>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(row);
                    col = 0;
                    if attr(&e, "hidden").is_some_and(|h| h == "1" || h == "true") {
                        out.hidden_rows.push(row);
                    }
                }
                "c" => {
                    let place = attr(&e, "r")
                        .and_then(|r| parse_a1(&r))
                        .unwrap_or((row, col));
                    if attr(&e, "t").as_deref() == Some("str") {
                        out.strings.insert(place);
                    }
                    col = place.1.saturating_add(1);
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "row" => row = row.saturating_add(1),
            Ok(Event::End(e)) if e.local_name().as_ref() == "sheetData" => break,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Sheet names and their relationship ids, in workbook order.
fn sheet_ids(xml: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                if let (Some(name), Some(id)) = (attr(&e, "name"), attr(&e, "id")) {
                    out.push((name, id));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn relationships(xml: &[u8]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// `A1:C1` → the region; a single cell `B2` is a region of one.
#[cfg(test)]
pub fn parse_region(text: &str) -> Option<Region> {
    let (first, last) = text.split_once(':').unwrap_or((text, text));
    Some(Region {
        first: parse_a1(first)?,
        last: parse_a1(last)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_codes() {
        assert!(is_percent_code("0%"));
        assert!(is_percent_code("0.0%"));
        assert!(is_percent_code("#,##0.00%;[Red]-#,##0.00%"));
        assert!(!is_percent_code("0.00"));
        assert!(!is_percent_code("0\"%\""));
        assert!(!is_percent_code("0\\%"));
        assert!(!is_percent_code("0;0%"));
        assert!(!is_percent_code("General"));
    }

    #[test]
    fn a1_references() {
        assert_eq!(parse_a1("A1"), Some((0, 0)));
        assert_eq!(parse_a1("C7"), Some((6, 2)));
        assert_eq!(parse_a1("AA10"), Some((9, 26)));
        assert_eq!(parse_a1("A0"), None);
        assert_eq!(parse_a1("7"), None);
        assert_eq!(
            parse_region("B1:D2"),
            Some(Region {
                first: (0, 1),
                last: (1, 3)
            })
        );
    }
}
