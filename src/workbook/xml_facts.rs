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
    pub uncached: HashSet<Place>,
    pub merged: Vec<Region>,
}

type Zip = zip::ZipArchive<Cursor<Vec<u8>>>;

fn part(zip: &mut Zip, name: &str) -> Option<Vec<u8>> {
    let mut file = zip.by_name(name).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
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

/// Facts of every sheet of an `.xlsx`/`.xlsm`, by sheet name.
pub fn xlsx(bytes: &[u8]) -> HashMap<String, SheetFacts> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes.to_vec())) else {
        return out;
    };
    let percent_styles = part(&mut zip, "xl/styles.xml")
        .map(|x| percent_styles(&x))
        .unwrap_or_default();
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
        if let Some(xml) = part(&mut zip, &path) {
            out.insert(name, xlsx_sheet(&xml, &percent_styles));
        }
    }
    out
}

/// The cell style indexes (`s`) whose number format shows a percent.
fn percent_styles(xml: &[u8]) -> HashSet<usize> {
    let mut custom: HashMap<u32, bool> = HashMap::new();
    let mut styles = HashSet::new();
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut in_cell_xfs = false;
    let mut index = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode")) {
                        if let Ok(id) = id.parse() {
                            custom.insert(id, is_percent_code(&code));
                        }
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id: u32 = attr(&e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    // Built-in 9 is `0%`, 10 is `0.00%`.
                    if matches!(id, 9 | 10) || custom.get(&id) == Some(&true) {
                        styles.insert(index);
                    }
                    index += 1;
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    styles
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

fn xlsx_sheet(xml: &[u8], percent_styles: &HashSet<usize>) -> SheetFacts {
    let mut facts = SheetFacts::default();
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    // The cell being read: its place, whether it has a formula and a value.
    let mut cell: Option<(Place, bool, bool)> = None;
    let mut in_value = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "c" => {
                let place = attr(&e, "r").and_then(|r| parse_a1(&r));
                if let Some(place) = place {
                    let style: usize = attr(&e, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                    if percent_styles.contains(&style) {
                        facts.percent.insert(place);
                    }
                    cell = Some((place, false, false));
                }
            }
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "c" => {
                if let Some(place) = attr(&e, "r").and_then(|r| parse_a1(&r)) {
                    let style: usize = attr(&e, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                    if percent_styles.contains(&style) {
                        facts.percent.insert(place);
                    }
                }
            }
            Ok(Event::Start(e)) if e.local_name().as_ref() == "v" => in_value = true,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "f" => {
                    if let Some(c) = cell.as_mut() {
                        c.1 = true;
                    }
                }
                // An inline string is a value; `<v>` only when it holds
                // text (openpyxl writes `<v />` for a formula it never ran).
                "is" => {
                    if let Some(c) = cell.as_mut() {
                        c.2 = true;
                    }
                }
                "mergeCell" => {
                    if let Some(region) = attr(&e, "ref").and_then(|r| parse_region(&r)) {
                        facts.merged.push(region);
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_value && !t.as_ref().trim().is_empty() => {
                if let Some(c) = cell.as_mut() {
                    c.2 = true;
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "v" => in_value = false,
            Ok(Event::End(e)) if e.local_name().as_ref() == "c" => {
                if let Some((place, formula, value)) = cell.take() {
                    if formula && !value {
                        facts.uncached.insert(place);
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    facts
}

/// `A1:C1` → the region; a single cell `B2` is a region of one.
pub fn parse_region(text: &str) -> Option<Region> {
    let (first, last) = text.split_once(':').unwrap_or((text, text));
    Some(Region {
        first: parse_a1(first)?,
        last: parse_a1(last)?,
    })
}

/// Facts of every sheet of an OpenDocument spreadsheet, by sheet name.
pub fn ods(bytes: &[u8]) -> HashMap<String, SheetFacts> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes.to_vec())) else {
        return out;
    };
    let Some(xml) = part(&mut zip, "content.xml") else {
        return out;
    };
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut sheet: Option<(String, SheetFacts)> = None;
    let (mut row, mut col) = (0u32, 0u32);
    let mut rows_repeated = 1u32;
    loop {
        let event = reader.read_event_into(&mut buf);
        let (e, empty) = match &event {
            Ok(Event::Start(e)) => (Some(e.clone()), false),
            Ok(Event::Empty(e)) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = e {
            match e.local_name().as_ref() {
                "table" => {
                    sheet = Some((attr(&e, "name").unwrap_or_default(), SheetFacts::default()));
                    row = 0;
                }
                "table-row" => {
                    col = 0;
                    rows_repeated = attr(&e, "number-rows-repeated")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(1);
                    if empty {
                        row = row.saturating_add(rows_repeated);
                    }
                }
                "table-cell" | "covered-table-cell" => {
                    let repeated: u32 = attr(&e, "number-columns-repeated")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(1);
                    if let Some((_, facts)) = sheet.as_mut() {
                        let kind = attr(&e, "value-type");
                        if e.local_name().as_ref() == "table-cell" && repeated < 1024 {
                            for c in col..col.saturating_add(repeated) {
                                if kind.as_deref() == Some("percentage") {
                                    facts.percent.insert((row, c));
                                }
                                if kind.is_none() && attr(&e, "formula").is_some() {
                                    facts.uncached.insert((row, c));
                                }
                            }
                            let span = |key: &str| {
                                attr(&e, key)
                                    .and_then(|n| n.parse::<u32>().ok())
                                    .unwrap_or(1)
                            };
                            let (down, across) =
                                (span("number-rows-spanned"), span("number-columns-spanned"));
                            if down > 1 || across > 1 {
                                facts.merged.push(Region {
                                    first: (row, col),
                                    last: (row + down - 1, col + across - 1),
                                });
                            }
                        }
                    }
                    col = col.saturating_add(repeated);
                }
                _ => {}
            }
        }
        match event {
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "table-row" => row = row.saturating_add(rows_repeated),
                "table" => {
                    if let Some((name, facts)) = sheet.take() {
                        out.insert(name, facts);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
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
