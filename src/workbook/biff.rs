//! Percent number formats in a binary `.xls` workbook (BIFF8, Excel 97 and
//! later, and what LibreOffice saves as "Excel 97–2003"), which calamine
//! reads as plain numbers. Walks the `Workbook` stream's records: the
//! number formats (FORMAT), the cell formats (XF) that point at them, the
//! sheets (BOUNDSHEET8), and each number cell's format (NUMBER, RK, MULRK,
//! FORMULA).

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use super::xml_facts::{is_percent_code, SheetFacts};

struct Record<'a> {
    kind: u16,
    data: &'a [u8],
}

fn records(stream: &[u8], from: usize) -> impl Iterator<Item = Record<'_>> {
    let mut at = from;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some(Record { kind, data })
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

/// An `XLUnicodeString`'s characters, from its flags byte on.
fn string(data: &[u8], chars: usize) -> String {
    let Some((&flags, rest)) = data.split_first() else {
        return String::new();
    };
    if flags & 1 == 1 {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .take(chars)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        rest.iter().take(chars).map(|&b| char::from(b)).collect()
    }
}

/// Takes the cells a record holds into the sheet's extent: numbers, text,
/// booleans and errors, and formulas, except one whose result is the empty
/// string (an empty cell).
fn held(facts: &mut SheetFacts, kind: u16, d: &[u8]) {
    let (Some(row), Some(col)) = (u16_at(d, 0), u16_at(d, 2)) else {
        return;
    };
    let last = match kind {
        0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0205 | 0x00D6 => col,
        // FORMULA: a result of type 3 marked by 0xFFFF is the empty string.
        0x0006 if d.get(6) == Some(&3) && u16_at(d, 12) == Some(0xFFFF) => return,
        0x0006 => col,
        // MULRK: the last column closes the record.
        0x00BD => u16_at(d, d.len().saturating_sub(2)).unwrap_or(col),
        _ => return,
    };
    facts.extent.add((u32::from(row), u32::from(last)));
}

/// The percent cells, the hidden rows and how far the cells reach, of
/// every sheet, by sheet name; empty when the file is
/// not a BIFF8 workbook.
pub fn facts(bytes: &[u8]) -> HashMap<String, SheetFacts> {
    let mut out = HashMap::new();
    let Ok(mut file) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return out;
    };
    let mut stream = Vec::new();
    let opened = file
        .open_stream("/Workbook")
        .or_else(|_| file.open_stream("/Book"));
    if opened.and_then(|mut s| s.read_to_end(&mut stream)).is_err() {
        return out;
    }
    let mut percent_formats: HashSet<u16> = [9, 10].into_iter().collect();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for record in records(&stream, 0) {
        match record.kind {
            0x041E => {
                if let (Some(ifmt), Some(cch)) = (u16_at(record.data, 0), u16_at(record.data, 2)) {
                    if is_percent_code(&string(&record.data[4..], cch as usize)) {
                        percent_formats.insert(ifmt);
                    }
                }
            }
            0x00E0 => xf_formats.push(u16_at(record.data, 2).unwrap_or(0)),
            0x0085 if record.data.len() >= 8 => {
                let at = u32::from_le_bytes([
                    record.data[0],
                    record.data[1],
                    record.data[2],
                    record.data[3],
                ]);
                let cch = record.data[6] as usize;
                sheets.push((at as usize, string(&record.data[7..], cch)));
            }
            0x000A => break,
            _ => {}
        }
    }
    let percent_xf = |ixfe: u16| {
        xf_formats
            .get(ixfe as usize)
            .is_some_and(|ifmt| percent_formats.contains(ifmt))
    };
    for (at, name) in sheets {
        let mut facts = SheetFacts::default();
        for record in records(&stream, at).skip(1) {
            let d = record.data;
            held(&mut facts, record.kind, d);
            match record.kind {
                0x0203 | 0x027E | 0x0006 => {
                    if let (Some(row), Some(col), Some(ixfe)) =
                        (u16_at(d, 0), u16_at(d, 2), u16_at(d, 4))
                    {
                        if percent_xf(ixfe) {
                            facts.percent.insert((u32::from(row), u32::from(col)));
                        }
                    }
                }
                0x00BD => {
                    if let (Some(row), Some(first)) = (u16_at(d, 0), u16_at(d, 2)) {
                        let cells = d.len().saturating_sub(6) / 6;
                        for i in 0..cells {
                            if u16_at(d, 4 + 6 * i).is_some_and(percent_xf) {
                                facts
                                    .percent
                                    .insert((u32::from(row), u32::from(first) + i as u32));
                            }
                        }
                    }
                }
                // ROW: `fDyZero` (0x20 of its flags) hides the row.
                0x0208 => {
                    if let (Some(row), Some(flags)) = (u16_at(d, 0), u16_at(d, 12)) {
                        if flags & 0x20 != 0 {
                            facts.hidden.push((u32::from(row), 1));
                        }
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        out.insert(name, facts);
    }
    out
}
