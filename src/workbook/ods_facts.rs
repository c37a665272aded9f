//! What an OpenDocument spreadsheet's `content.xml` says beyond the values
//! calamine reads: percent cells, merged cells, hidden rows, and how far its
//! cells reach (read as a stream, before calamine fills the used range).
//!
//! A formula cell with no value type is an empty cell: that is how
//! LibreOffice saves a formula whose result is the empty string
//! (`=IF(A1="";"";…)`), and LibreOffice saves every other result with its
//! type (issue 24, item 6).

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::xml_facts::{attr, Place, Region, SheetFacts};

/// Facts of every sheet, by sheet name.
pub fn ods(bytes: &[u8]) -> HashMap<String, SheetFacts> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let Ok(file) = zip.by_name("content.xml") else {
        return out;
    };
    let mut reader = Reader::from_reader(BufReader::new(file));
    let mut buf = Vec::new();
    let mut walk = Walk::default();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => walk.start(&e, false),
            Ok(Event::Empty(e)) => walk.start(&e, true),
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "table-row" => walk.row = walk.row.saturating_add(walk.rows_repeated),
                "table-cell" => walk.end_cell(),
                "table" => {
                    if let Some((name, facts)) = walk.sheet.take() {
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

#[derive(Default)]
struct Walk {
    sheet: Option<(String, SheetFacts)>,
    row: u32,
    col: u32,
    rows_repeated: u32,
    /// The places of the cell being read, while it may still turn out to
    /// hold text (`<text:p>`).
    open: Option<Vec<Place>>,
}

impl Walk {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        match e.local_name().as_ref() {
            "table" => {
                self.sheet = Some((attr(e, "name").unwrap_or_default(), SheetFacts::default()));
                self.row = 0;
            }
            "table-row" => self.start_row(e, empty),
            "table-cell" | "covered-table-cell" => self.start_cell(e, empty),
            // Text below a cell with no value type: it holds something.
            "p" => {
                if let Some(places) = self.open.take() {
                    self.hold(&places);
                }
            }
            _ => {}
        }
    }

    fn start_row(&mut self, e: &BytesStart, empty: bool) {
        self.col = 0;
        self.rows_repeated = attr(e, "number-rows-repeated")
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        let hidden = attr(e, "visibility").is_some_and(|v| v == "collapse" || v == "filter");
        if let (true, Some((_, facts))) = (hidden, self.sheet.as_mut()) {
            facts.hidden.push((self.row, self.rows_repeated));
        }
        if empty {
            self.row = self.row.saturating_add(self.rows_repeated);
        }
    }

    fn start_cell(&mut self, e: &BytesStart, empty: bool) {
        let repeated: u32 = attr(e, "number-columns-repeated")
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        let (row, col) = (self.row, self.col);
        self.col = col.saturating_add(repeated);
        if e.local_name().as_ref() != "table-cell" {
            return;
        }
        let Some((_, facts)) = self.sheet.as_mut() else {
            return;
        };
        let kind = attr(e, "value-type");
        // The places a cell stands for: its repeats across and down (only
        // their corners when they are many; they only widen the extent).
        let last = (
            row.saturating_add(self.rows_repeated - 1),
            col.saturating_add(repeated - 1),
        );
        let places: Vec<Place> = if repeated.saturating_mul(self.rows_repeated) <= 1024 {
            (row..=last.0)
                .flat_map(|r| (col..=last.1).map(move |c| (r, c)))
                .collect()
        } else {
            vec![(row, col), last]
        };
        if kind.as_deref() == Some("percentage") {
            facts.percent.extend(places.iter().copied());
        }
        let span = |key: &str| {
            attr(e, key)
                .and_then(|n| n.parse::<u32>().ok())
                .unwrap_or(1)
        };
        let (down, across) = (span("number-rows-spanned"), span("number-columns-spanned"));
        if down > 1 || across > 1 {
            facts.merged.push(Region {
                first: (row, col),
                last: (row + down - 1, col + across - 1),
            });
        }
        if kind.is_some() {
            self.hold(&places);
        } else if !empty {
            self.open = Some(places);
        }
    }

    fn end_cell(&mut self) {
        self.open = None;
    }

    fn hold(&mut self, places: &[Place]) {
        if let Some((_, facts)) = self.sheet.as_mut() {
            places.iter().for_each(|p| facts.extent.add(*p));
        }
    }
}
