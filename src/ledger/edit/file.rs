//! A ledger file read for changing: its records by byte offsets, so that
//! a figure is set in its own row, a new row goes in its place, and every
//! other byte is kept.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use super::layout::layout;
use super::Key;
use crate::breakdown::{CategoryKey, Dimension};
use crate::csv_cells::{self, push_row, skip_blank_and_comments};
use crate::ledger::import::Figure;
use crate::ledger::read::Columns;
use crate::plan::{FastHash, Plan};
use crate::year::FiscalYear;

const BOM: &str = "\u{FEFF}";

/// One CSV record of a ledger file, by byte offsets into its text.
#[derive(Debug)]
pub(super) struct Record {
    /// Where the blank and comment lines before it begin.
    start: usize,
    /// Where the record itself begins.
    body: usize,
    /// Just past its line end (or the end of the text).
    end: usize,
    pub(super) key: Option<Key>,
    /// The categories of a category figure's row (breakdowns.md); none for
    /// a KPI's total.
    pub(super) categories: Option<CategoryKey>,
    pub(super) empty_value: bool,
}

/// A ledger file read for changing. The figures it is to take are
/// borrowed from the merge: a national import is not copied again.
#[derive(Debug)]
pub struct LedgerFile<'f> {
    pub path: PathBuf,
    bom: bool,
    text: String,
    newline: &'static str,
    pub(super) records: Vec<Record>,
    /// The header's record index and the layout it names.
    header: Option<(usize, Columns)>,
    pub(super) sets: BTreeMap<usize, &'f Figure>,
    pub(super) inserts: Vec<&'f Figure>,
}

impl<'f> LedgerFile<'f> {
    /// A file that does not exist yet.
    pub fn new(path: PathBuf) -> LedgerFile<'f> {
        LedgerFile {
            path,
            bom: false,
            text: String::new(),
            newline: "\n",
            records: Vec::new(),
            header: None,
            sets: BTreeMap::new(),
            inserts: Vec::new(),
        }
    }

    /// A ledger file the strict reader has accepted; `ids` finds a KPI's
    /// index from its id (`read::id_index`).
    pub fn parse(
        ids: &HashMap<&str, usize, FastHash>,
        plan: &Plan,
        path: PathBuf,
        bytes: &[u8],
    ) -> Result<LedgerFile<'f>, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| "the file is not UTF-8".to_string())?;
        let (bom, text) = match text.strip_prefix(BOM) {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut file = LedgerFile::new(path);
        file.bom = bom;
        file.text = text.to_string();
        let mut csv = csv_cells::reader(text);
        let mut record = csv::StringRecord::new();
        let mut previous_end = 0;
        loop {
            let start = offset(csv.position().byte()).max(previous_end);
            match csv.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(format!("unreadable CSV: {e}")),
            }
            // The reader stops after the `\r` of a `\r\n`: the `\n` is this
            // record's too.
            let mut end = offset(csv.position().byte()).min(text.len());
            if text[..end].ends_with('\r') && text[end..].starts_with('\n') {
                end += 1;
            }
            previous_end = end;
            // Fields are read from the record, not kept: a row that is
            // changed reads its own again (`fields_of`), the others are
            // copied as text (a national ledger has a million rows).
            let blank = record.iter().all(|f| f.trim().is_empty());
            let index = file.records.len();
            let mut rec = Record {
                start,
                body: skip_blank_and_comments(text, start).min(end),
                end,
                key: None,
                categories: None,
                empty_value: false,
            };
            match &file.header {
                None if !blank => {
                    let layout = layout(&record, &plan.dimensions)?;
                    file.newline = if text[rec.body..rec.end].ends_with("\r\n") {
                        "\r\n"
                    } else {
                        "\n"
                    };
                    file.header = Some((index, layout));
                }
                Some((_, layout)) if !blank => {
                    let field = |i: usize| record.get(i).map_or("", |f| f.trim());
                    let kpi = ids.get(field(layout.kpi)).copied();
                    let year = FiscalYear::parse(field(layout.year)).ok();
                    // A category figure is never the KPI's total.
                    let categories = kpi.map(|k| layout.categories(plan, k, field));
                    if let (Some(kpi), Some(year), Some(Ok(categories))) = (kpi, year, categories) {
                        rec.key = Some((kpi, year));
                        rec.categories = categories;
                        rec.empty_value = field(layout.value).is_empty();
                    }
                }
                _ => {}
            }
            file.records.push(rec);
        }
        Ok(file)
    }

    /// Whether a ledger file holds a row, with a figure or without, for one
    /// of `keys`. True also for anything `parse` would refuse, so that
    /// `parse` reports it.
    pub(super) fn holds_any(
        ids: &HashMap<&str, usize, FastHash>,
        dimensions: &[Dimension],
        bytes: &[u8],
        keys: &HashSet<Key, FastHash>,
    ) -> bool {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return true;
        };
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let mut csv = csv_cells::reader(text);
        let mut record = csv::StringRecord::new();
        let mut header: Option<Columns> = None;
        loop {
            match csv.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => return false,
                Err(_) => return true,
            }
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let Some(layout) = &header else {
                match layout(&record, dimensions) {
                    Ok(found) => header = Some(found),
                    Err(_) => return true,
                }
                continue;
            };
            let field = |i: usize| record.get(i).map_or("", |f| f.trim());
            let kpi = ids.get(field(layout.kpi)).copied();
            let year = FiscalYear::parse(field(layout.year)).ok();
            if let (Some(kpi), Some(year)) = (kpi, year) {
                if keys.contains(&(kpi, year)) {
                    return true;
                }
            }
        }
    }

    pub(super) fn is_changed(&self) -> bool {
        !self.sets.is_empty() || !self.inserts.is_empty()
    }

    /// The file's new text.
    pub fn render(&self, plan: &Plan) -> Vec<u8> {
        let nl = self.newline;
        let mut inserts: Vec<&Figure> = self.inserts.clone();
        inserts.sort_by(|a, b| identity(a).cmp(&identity(b)));
        let mut inserts = inserts.into_iter().peekable();
        let figures = self.sets.values().chain(self.inserts.iter()).copied();
        let (layout, extra) = match &self.header {
            Some((_, layout)) => {
                let mut layout = layout.clone();
                let mut extra = Vec::new();
                let figures = figures.clone();
                if layout.note.is_none() && figures.clone().any(|f| f.note.is_some()) {
                    layout.note = Some(layout.width + extra.len());
                    extra.push("note");
                }
                if layout.source.is_none() && figures.clone().any(|f| f.source.is_some()) {
                    layout.source = Some(layout.width + extra.len());
                    extra.push("source");
                }
                if layout.flag.is_none() && figures.clone().any(|f| f.preliminary) {
                    layout.flag = Some(layout.width + extra.len());
                    extra.push("flag");
                }
                // A category figure's dimension the file has no column for.
                for d in needed_dimensions(plan, figures) {
                    if !layout.dimensions.iter().any(|&(_, e)| e == d) {
                        layout.dimensions.push((layout.width + extra.len(), d));
                        extra.push(&plan.dimensions[d].id);
                    }
                }
                layout.width += extra.len();
                (layout, extra)
            }
            None => {
                let mut layout = Columns::canonical(
                    figures.clone().any(|f| f.source.is_some()),
                    figures.clone().any(|f| f.preliminary),
                );
                for d in needed_dimensions(plan, figures) {
                    layout.dimensions.push((layout.width, d));
                    layout.width += 1;
                }
                (layout, Vec::new())
            }
        };
        let mut out = String::with_capacity(self.text.len() + 64 * self.inserts.len() + 64);
        if self.bom {
            out.push_str(BOM);
        }
        let header_at = self.header.as_ref().map(|(i, _)| *i);
        let mut tail = 0;
        for (i, rec) in self.records.iter().enumerate() {
            if let Some((kpi, year)) = rec.key {
                let here = (kpi, year, rec.categories.as_ref());
                while let Some(f) = inserts.next_if(|f| identity(f) < here) {
                    push_row(&mut out, &layout.row(plan, f), nl);
                }
            }
            out.push_str(&self.text[rec.start..rec.body]);
            let body = &self.text[rec.body..rec.end];
            let is_header = Some(i) == header_at;
            if let Some(figure) = self.sets.get(&i) {
                let mut fields = fields_of(body);
                fields.resize(layout.width, String::new());
                layout.fill(&mut fields, figure);
                push_row(&mut out, &fields, nl);
            } else if !extra.is_empty() && (is_header || rec.key.is_some()) {
                // New columns: the header names them, every row gets them empty.
                let mut fields = fields_of(body);
                if is_header {
                    fields.resize(layout.width - extra.len(), String::new());
                    fields.extend(extra.iter().map(|n| n.to_string()));
                } else {
                    fields.resize(layout.width, String::new());
                }
                push_row(&mut out, &fields, nl);
            } else if body.matches('"').count().is_multiple_of(2) {
                out.push_str(body);
                if !body.ends_with(['\n', '\r']) {
                    out.push_str(nl);
                }
            } else {
                // A quote left open at the end of the file would swallow
                // whatever follows it: write the record out afresh.
                push_row(&mut out, &fields_of(body), nl);
            }
            tail = rec.end;
        }
        if header_at.is_none() {
            out.push_str(&self.text[tail..]);
            tail = self.text.len();
            if !out.is_empty() && !out.ends_with(['\n', '\r']) {
                out.push_str(nl);
            }
            let names: Vec<String> = layout.names(plan).iter().map(|n| n.to_string()).collect();
            push_row(&mut out, &names, nl);
        }
        for f in inserts {
            push_row(&mut out, &layout.row(plan, f), nl);
        }
        out.push_str(&self.text[tail..]);
        out.into_bytes()
    }
}

/// A figure's identity, the order rows are written in: KPI, year, then
/// its categories (the total first).
fn identity(f: &Figure) -> (usize, FiscalYear, Option<&CategoryKey>) {
    (f.kpi, f.year, f.categories.as_ref())
}

/// The plan's dimensions that `figures`' categories fill, in plan order.
fn needed_dimensions<'a>(plan: &Plan, figures: impl Iterator<Item = &'a Figure>) -> Vec<usize> {
    let mut needed = std::collections::BTreeSet::new();
    for f in figures {
        let (Some(key), Some(b)) = (&f.categories, plan.kpis[f.kpi].breakdown.as_deref()) else {
            continue;
        };
        for (cell, &d) in key.0.iter().zip(&b.dimensions) {
            if cell.is_some() {
                needed.insert(d);
            }
        }
    }
    needed.into_iter().collect()
}

/// The fields of one record's text, read as `LedgerFile::parse` read them.
fn fields_of(body: &str) -> Vec<String> {
    let mut csv = csv_cells::reader(body);
    let mut record = csv::StringRecord::new();
    match csv.read_record(&mut record) {
        Ok(true) => record.iter().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn offset(byte: u64) -> usize {
    usize::try_from(byte).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::read::id_index;
    use crate::problem::Location;
    use crate::test_plans::kpi;
    use rust_decimal::Decimal;
    use std::path::Path;
    use std::str::FromStr;

    /// KPIs in plan order: a, b, c.
    fn plan() -> Plan {
        let ab_c =
            ["a", "b", "c"].map(|id| kpi(id, &id.to_uppercase(), "value = 1", "value = 2", ""));
        let toml = &crate::test_plans::plan(2019, &ab_c);
        crate::plan::load_str(Path::new("/p/kpi.toml"), toml)
            .unwrap_or_else(|p| panic!("{p:?}"))
            .0
    }

    fn figure(kpi: usize, year: i32, value: &str, note: Option<&str>) -> Figure {
        Figure {
            kpi,
            year: FiscalYear(year),
            value: Decimal::from_str(value).unwrap(),
            note: note.map(str::to_string),
            source: None,
            preliminary: false,
            location: Location::file(Path::new("in.csv")),
            categories: None,
        }
    }

    fn edited(text: &str, sets: &[(usize, i32, &str, Option<&str>)], inserts: &[Figure]) -> String {
        let plan = plan();
        let ids = id_index(&plan);
        let mut file =
            LedgerFile::parse(&ids, &plan, PathBuf::from("x.csv"), text.as_bytes()).unwrap();
        let set: Vec<Figure> = sets
            .iter()
            .map(|&(kpi, year, value, note)| figure(kpi, year, value, note))
            .collect();
        for f in &set {
            let key = Some((f.kpi, f.year));
            let i = file.records.iter().position(|r| r.key == key).unwrap();
            file.sets.insert(i, f);
        }
        file.inserts.extend(inserts);
        String::from_utf8(file.render(&plan)).unwrap()
    }

    #[test]
    fn a_new_row_goes_in_plan_order_and_every_other_byte_stays() {
        let text = "# title\n# note\nkpi,year,value,note\na,2015,1,\n# about c\nc,2015,3,\n";
        let out = edited(text, &[], &[figure(1, 2015, "2.40", None)]);
        assert_eq!(
            out,
            "# title\n# note\nkpi,year,value,note\na,2015,1,\nb,2015,2.40,\n# about c\nc,2015,3,\n"
        );
    }

    #[test]
    fn rows_go_by_kpi_then_year_at_the_end_too() {
        let text = "kpi,year,value,note\nb,2015,1,\n";
        let out = edited(
            text,
            &[],
            &[
                figure(2, 2015, "5", None),
                figure(1, 2016, "4", None),
                figure(0, 2015, "3", None),
            ],
        );
        assert_eq!(
            out,
            "kpi,year,value,note\na,2015,3,\nb,2015,1,\nb,2016,4,\nc,2015,5,\n"
        );
    }

    #[test]
    fn a_replaced_figure_changes_its_line_only_keeping_bom_and_crlf() {
        let text = "\u{FEFF}kpi,year,value,note\r\na,H27,1,old\r\nb,2015,2,\r\n";
        let out = edited(text, &[(0, 2015, "7", Some("new, quoted"))], &[]);
        assert_eq!(
            out,
            "\u{FEFF}kpi,year,value,note\r\na,H27,7,\"new, quoted\"\r\nb,2015,2,\r\n"
        );
    }

    #[test]
    fn a_note_for_a_file_without_a_note_column_adds_the_column() {
        let text = "kpi,year,value\na,2015,1\n# c\nb,2015,2";
        let out = edited(text, &[], &[figure(2, 2015, "3", Some("n"))]);
        assert_eq!(
            out,
            "kpi,year,value,note\na,2015,1,\n# c\nb,2015,2,\nc,2015,3,n\n"
        );
    }

    #[test]
    fn an_empty_row_is_filled_in_place() {
        let text = "kpi,year,value,note\na,2015,,\nb,2015,2,\n";
        let plan = plan();
        let ids = id_index(&plan);
        let file = LedgerFile::parse(&ids, &plan, PathBuf::from("x.csv"), text.as_bytes()).unwrap();
        let empty: Vec<bool> = file.records.iter().map(|r| r.empty_value).collect();
        assert_eq!(empty, [false, true, false]);
        let out = edited(text, &[(0, 2015, "-3", None)], &[]);
        assert_eq!(out, "kpi,year,value,note\na,2015,-3,\nb,2015,2,\n");
    }

    /// Found by the `edit` fuzz target: a header ended by a lone `\r`, a
    /// quote inside an unquoted field, a quote left open at the end.
    #[test]
    fn odd_but_valid_files_stay_valid() {
        let text = "# c\nkpi,year,value,no-e\ra,2015,51,x\"# d\nc,H29,3,\"";
        let out = edited(
            text,
            &[(0, 2015, "52", Some("n,o"))],
            &[figure(1, 2015, "-7.05", Some("n,o"))],
        );
        assert_eq!(
            out,
            "# c\nkpi,year,value,no-e,note\na,2015,52,\"x\"\"# d\",\"n,o\"\nb,2015,-7.05,,\"n,o\"\nc,H29,3,,\n"
        );
        // Without new columns the open quote is closed before a row follows.
        let text = "kpi,year,value,note\nc,H29,3,\"";
        let out = edited(text, &[], &[figure(2, 2018, "4", None)]);
        assert_eq!(out, "kpi,year,value,note\nc,H29,3,\nc,2018,4,\n");
    }

    /// Found in review: the strict reader lower-cases column names (so a
    /// Kelvin sign `K` reads as `k`); the editor must read the same header.
    #[test]
    fn a_header_the_strict_reader_takes_is_taken_here_too() {
        let text = "\u{212A}PI,Year,VALUE\na,2015,1\n";
        let plan = plan();
        let ids = id_index(&plan);
        let file = LedgerFile::parse(&ids, &plan, PathBuf::from("x.csv"), text.as_bytes()).unwrap();
        let keys: Vec<_> = file.records.iter().map(|r| r.key).collect();
        assert_eq!(keys, [None, Some((0, FiscalYear(2015)))]);
    }

    #[test]
    fn a_file_of_comments_only_gets_a_header() {
        let out = edited("# only a comment", &[], &[figure(0, 2015, "1", None)]);
        assert_eq!(out, "# only a comment\nkpi,year,value,note\na,2015,1,\n");
    }

    #[test]
    fn a_new_file_is_canonical() {
        let plan = plan();
        let mut file = LedgerFile::new(PathBuf::from("2015.csv"));
        let mut f = figure(1, 2015, "2788", Some("#1, \"quoted\""));
        f.source = Some("課".to_string());
        let g = figure(0, 2015, "1.50", None);
        file.inserts.push(&f);
        file.inserts.push(&g);
        assert_eq!(
            String::from_utf8(file.render(&plan)).unwrap(),
            "kpi,year,value,note,source\na,2015,1.50,,\nb,2015,2788,\"#1, \"\"quoted\"\"\",課\n"
        );
    }
}
