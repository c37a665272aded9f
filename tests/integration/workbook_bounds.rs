//! Workbooks under the mistakes people (and programs) make (issue 24):
//! stray far cells, compression bombs and a million empty rows (item 2);
//! formulas whose saved result is the empty string (item 6); years typed
//! into date-formatted cells (item 14). Hidden sheets and rows, merged
//! figures and the template's 区分 are in `workbook_hidden`. The workbooks are
//! written here by hand, part by part, with the zip crate, so that these
//! tests need no other program.

use std::io::Write;
use std::process::Command;

use crate::common::import::workdir;
use crate::common::{kpi_command, Run, Workdir};

/// A worksheet's XML around its rows (`<row>` elements) and what follows
/// `sheetData` (merged cells).
pub fn sheet_xml(rows: &str, after: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData>{after}</worksheet>"#
    )
}

/// A text cell.
pub fn text(at: &str, value: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{value}</t></is></c>"#)
}

/// A number cell.
pub fn number(at: &str, value: &str) -> String {
    format!(r#"<c r="{at}"><v>{value}</v></c>"#)
}

/// A row of cells.
pub fn row(n: usize, cells: &[String]) -> String {
    format!(r#"<row r="{n}">{}</row>"#, cells.concat())
}

/// The long table every test starts from: `kpi,year,value` and visitors'
/// figure for H27 (2015).
pub fn table() -> String {
    [
        row(
            1,
            &[text("A1", "kpi"), text("B1", "year"), text("C1", "value")],
        ),
        row(
            2,
            &[
                text("A2", "visitors"),
                number("B2", "2015"),
                number("C2", "1100"),
            ],
        ),
    ]
    .concat()
}

/// An `.xlsx` of sheets (name, state, worksheet XML), with two cell styles
/// (`s="1"`, a fill; `s="2"`, a date format) and the workbook's parts; `extra` parts are added as
/// they are.
pub fn xlsx(sheets: &[(&str, &str, String)], extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, bytes: &[u8]| {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    };
    let overrides: String = (1..=sheets.len())
        .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        .collect();
    put("[Content_Types].xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#).as_bytes());
    put("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#);
    let entries: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, state, _))| {
            let state = if state.is_empty() {
                String::new()
            } else {
                format!(r#" state="{state}""#)
            };
            format!(
                r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"{state}/>"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    put("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets></workbook>"#).as_bytes());
    let rels: String = (1..=sheets.len())
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    put("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#).as_bytes());
    put("xl/styles.xml", br#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#);
    for (i, (_, _, xml)) in sheets.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), xml.as_bytes());
    }
    for (name, bytes) in extra {
        put(name, bytes);
    }
    zip.finish().unwrap().into_inner()
}

/// `kpi ARGS` in `work` with its address space limited to `mib` MiB
/// (`ulimit -v`): a run that would allocate what the sheet's extent asks
/// for (gigabytes) aborts instead of passing.
fn run_limited(work: &Workdir, mib: u64, args: &[&str]) -> Run {
    let kpi = kpi_command();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {}; exec \"$0\" \"$@\"", mib * 1024))
        .arg(kpi.get_program())
        .args(args)
        .current_dir(work.path())
        .env("LANG", "C");
    for (key, value) in kpi.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    Run::of(&mut cmd)
}

/// Memory enough for kpi on a small workbook, far from the gigabytes a
/// sheet's whole extent would take.
const MEMORY_MIB: u64 = 1024;

#[test]
fn a_stray_far_cell_is_refused_naming_it_within_bounded_memory() {
    for far in ["XFD1048576", "XFD5000"] {
        let work = workdir();
        let rows = table() + &format!(r#"<row r="{}">{}</row>"#, &far[3..], text(far, "x"));
        work.write("far.xlsx", xlsx(&[("実績", "", sheet_xml(&rows, ""))], &[]));
        let run = run_limited(&work, MEMORY_MIB, &["import", "far.xlsx"]);
        run.expect_code(2);
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr.starts_with(&format!(
                "error: far.xlsx: worksheet `実績` holds a cell at {far}, so its used range is {} rows × 16384 columns; kpi reads a worksheet whose cells lie within 1,000,000 cells from A1",
                &far[3..]
            )),
            "{far}: {}",
            run.stderr
        );
        assert!(!work.file("actuals").exists());
    }
}

#[test]
fn empty_styled_cells_and_many_empty_styled_rows_cost_nothing() {
    let work = workdir();
    let mut rows = table();
    // A styled cell far away, as selecting a whole column and filling it leaves.
    rows.push_str(r#"<row r="3"><c r="XFD3" s="1"/></row>"#);
    // A quarter of a million empty styled rows (a million take a minute in
    // a debug build; the time and memory per row are the same).
    for n in 4..=250_003 {
        rows.push_str(&format!(r#"<row r="{n}" s="1" customFormat="1"/>"#));
    }
    rows.push_str(r#"<row r="1048576"><c r="XFD1048576" s="1"/></row>"#);
    work.write(
        "styled.xlsx",
        xlsx(&[("実績", "", sheet_xml(&rows, ""))], &[]),
    );
    let run = run_limited(&work, MEMORY_MIB, &["import", "styled.xlsx"]);
    run.expect_code(0);
    assert_eq!(
        work.read("actuals/2015.csv"),
        "kpi,year,value,note\nvisitors,2015,1100,\n"
    );
}

/// A raw deflate stream of `len` bytes of `a` (len ≥ 1): one literal, then
/// copies of 258 bytes at distance 1, in fixed Huffman codes (RFC 1951).
fn deflate_of_a(len: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            self.acc |= u64::from(value) << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code, written from its most significant bit.
        fn code(&mut self, code: u32, count: u32) {
            let reversed = code.reverse_bits() >> (32 - count);
            self.put(reversed, count);
        }
    }
    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed Huffman codes
    bits.code(0x30 + u32::from(b'a'), 8); // literal `a`
    let mut left = len - 1;
    while left >= 258 {
        bits.code(0b1100_0101, 8); // length code 285: 258 bytes
        bits.code(0, 5); // distance code 0: distance 1
        left -= 258;
    }
    for _ in 0..left {
        bits.code(0x30 + u32::from(b'a'), 8);
    }
    bits.code(0, 7); // end of block (256)
    bits.put(0, 7);
    bits.out
}

/// A zip of one entry stored as `deflated` (claiming `len` bytes and a
/// wrong checksum, as a hand-made bomb may).
fn zip_with_raw_entry(name: &str, deflated: &[u8], len: usize, before: &[u8]) -> Vec<u8> {
    // `before`: a zip whose entries come first; its central directory is
    // rebuilt with the new entry after them.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(before)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        out.raw_copy_file(archive.by_index_raw(i).unwrap()).unwrap();
    }
    let mut bytes = out.finish().unwrap().into_inner();
    // The central directory kpi's zip wrote ends the archive; append the
    // entry's local header and data, then a new central directory.
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let cd_start = archive.central_directory_start() as usize;
    let central = bytes[cd_start..].to_vec();
    let entries = archive.len();
    bytes.truncate(cd_start);
    let offset = bytes.len() as u32;
    let header = |sig: u32, central: bool| {
        let mut h = Vec::new();
        h.extend(sig.to_le_bytes());
        if central {
            h.extend(20u16.to_le_bytes()); // made by
        }
        h.extend(20u16.to_le_bytes()); // needed
        h.extend(0u16.to_le_bytes()); // flags
        h.extend(8u16.to_le_bytes()); // deflated
        h.extend(0u32.to_le_bytes()); // time and date
        h.extend(0u32.to_le_bytes()); // CRC-32 (wrong)
        h.extend((deflated.len() as u32).to_le_bytes());
        h.extend((len as u32).to_le_bytes());
        h.extend((name.len() as u16).to_le_bytes());
        h.extend(0u16.to_le_bytes()); // extra
        if central {
            h.extend([0u8; 6]); // comment, disk, internal attributes
            h.extend(0u32.to_le_bytes()); // external attributes
            h.extend(offset.to_le_bytes());
        }
        h.extend(name.as_bytes());
        h
    };
    bytes.extend(header(0x04034b50, false));
    bytes.extend(deflated);
    let cd_offset = bytes.len() as u32;
    // The old central directory without its end record, then the new entry.
    let eocd = central
        .windows(4)
        .rposition(|w| w == [0x50, 0x4b, 0x05, 0x06])
        .unwrap();
    bytes.extend(&central[..eocd]);
    bytes.extend(header(0x02014b50, true));
    let cd_size = bytes.len() as u32 - cd_offset;
    bytes.extend(0x06054b50u32.to_le_bytes());
    bytes.extend([0u8; 4]);
    bytes.extend(((entries + 1) as u16).to_le_bytes());
    bytes.extend(((entries + 1) as u16).to_le_bytes());
    bytes.extend(cd_size.to_le_bytes());
    bytes.extend(cd_offset.to_le_bytes());
    bytes.extend(0u16.to_le_bytes());
    bytes
}

#[test]
fn a_zip_bomb_is_refused_naming_its_part() {
    let work = workdir();
    let good = xlsx(&[("実績", "", sheet_xml(&table(), ""))], &[]);
    // 300 MiB of `a` in about 1.2 MB: past the 256 MiB a part may hold.
    let len = 300 << 20;
    let bomb = zip_with_raw_entry("xl/media/image1.png", &deflate_of_a(len), len, &good);
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    work.write("bomb.xlsx", bomb);
    let run = run_limited(&work, MEMORY_MIB, &["import", "bomb.xlsx"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr.lines().next().unwrap_or(""),
        "error: bomb.xlsx: its part `xl/media/image1.png` decompresses to more than 256 MiB (a workbook's parts may hold at most 256 MiB each, 1024 MiB in all)",
        "{}",
        run.stderr
    );
}

/// An OpenDocument spreadsheet of one sheet whose `<table:table-row>`
/// elements are `rows`.
pub fn ods(sheet: &str, rows: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(format!(r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#).as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// An OpenDocument text cell and number cell.
fn ods_text(value: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>{value}</text:p></table:table-cell>"#
    )
}

fn ods_number(value: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{value}" calcext:value-type="float"><text:p>{value}</text:p></table:table-cell>"#
    )
}

#[test]
fn a_formula_whose_saved_result_is_the_empty_string_is_an_empty_cell() {
    // visitors H27 has a figure; rate H27's formula saved "" (as Excel
    // writes it, `t="str"` with `<v/>`, and as LibreOffice does, `<v></v>`);
    // balance H27's formula saved no result at all: still an error.
    let formula = |at: &str, v: &str| {
        format!(
            r#"<c r="{at}" t="str"><f>IF(D{0}="","",D{0})</f>{v}</c>"#,
            &at[1..]
        )
    };
    let rows = [
        table(),
        row(
            3,
            &[
                text("A3", "rate"),
                number("B3", "2015"),
                formula("C3", "<v/>"),
            ],
        ),
        row(
            4,
            &[
                text("A4", "startups"),
                number("B4", "2015"),
                formula("C4", "<v></v>"),
            ],
        ),
    ]
    .concat();
    let work = workdir();
    work.write(
        "empty.xlsx",
        xlsx(&[("実績", "", sheet_xml(&rows, ""))], &[]),
    );
    let out = work.ok(&["import", "empty.xlsx"]);
    assert!(
        out.stdout.starts_with("empty.xlsx: sheet 実績, long: 1 figure (1 added, 0 unchanged, 0 replaced), 2 empty (no figure)"),
        "{}",
        out.stdout
    );
    assert_eq!(
        work.read("actuals/2015.csv"),
        "kpi,year,value,note\nvisitors,2015,1100,\n"
    );

    let uncached = [
        table(),
        row(
            3,
            &[
                text("A3", "rate"),
                number("B3", "2015"),
                r#"<c r="C3"><f>1+1</f><v/></c>"#.to_string(),
            ],
        ),
    ]
    .concat();
    let work = workdir();
    work.write(
        "uncached.xlsx",
        xlsx(&[("実績", "", sheet_xml(&uncached, ""))], &[]),
    );
    let stderr = work.refused(&["import", "uncached.xlsx"]);
    assert!(
        stderr.starts_with("error: uncached.xlsx: 実績!C3: column `value`: the cell holds a formula whose result was never saved"),
        "{stderr}"
    );

    // OpenDocument: LibreOffice saves a formula whose result is "" with no
    // value type.
    let row_of =
        |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row_of(&[ods_text("kpi"), ods_text("year"), ods_text("value")]),
        row_of(&[ods_text("visitors"), ods_number("2015"), ods_number("1100")]),
        row_of(&[
            ods_text("rate"),
            ods_number("2015"),
            r#"<table:table-cell table:formula="of:=IF([.D3]=&quot;&quot;;&quot;&quot;;[.D3])"/>"#.to_string(),
        ]),
        row_of(&[
            ods_text("startups"),
            ods_number("2015"),
            r#"<table:table-cell table:formula="of:=IF([.D4]=&quot;&quot;;&quot;&quot;;[.D4])"><text:p/></table:table-cell>"#.to_string(),
        ]),
    ]
    .concat();
    let work = workdir();
    work.write("empty.ods", ods("実績", &rows));
    let out = work.ok(&["import", "empty.ods"]);
    assert!(
        out.stdout.starts_with("empty.ods: sheet 実績, long: 1 figure (1 added, 0 unchanged, 0 replaced), 2 empty (no figure)"),
        "{}",
        out.stdout
    );
}

/// A number cell formatted as a date (`s="2"`, built-in format 14).
fn date_formatted(at: &str, serial: &str) -> String {
    format!(r#"<c r="{at}" s="2"><v>{serial}</v></c>"#)
}

#[test]
fn a_year_typed_into_a_date_formatted_cell_is_that_year() {
    // 2015 typed into cells formatted as dates shows as 1905-07-07; so
    // does a wide sheet's year heading. 43556 (2019-04-01) is a date: FY2019.
    let long = [
        row(
            1,
            &[text("A1", "kpi"), text("B1", "year"), text("C1", "value")],
        ),
        row(
            2,
            &[
                text("A2", "visitors"),
                date_formatted("B2", "2015"),
                number("C2", "1100"),
            ],
        ),
        row(
            3,
            &[
                text("A3", "rate"),
                date_formatted("B3", "43556"),
                number("C3", "55"),
            ],
        ),
    ]
    .concat();
    let wide = [
        row(1, &[text("A1", "kpi"), date_formatted("B1", "2016")]),
        row(2, &[text("A2", "visitors"), number("B2", "1200")]),
    ]
    .concat();
    let work = workdir();
    work.write(
        "dates.xlsx",
        xlsx(
            &[
                ("long", "", sheet_xml(&long, "")),
                ("wide", "", sheet_xml(&wide, "")),
            ],
            &[],
        ),
    );
    let run = work.ok(&["import", "dates.xlsx"]);
    assert_eq!(run.stderr, "", "{run}");
    assert_eq!(
        work.read("actuals/2015.csv"),
        "kpi,year,value,note\nvisitors,2015,1100,\n"
    );
    assert_eq!(
        work.read("actuals/2016.csv"),
        "kpi,year,value,note\nvisitors,2016,1200,\n"
    );
    assert_eq!(
        work.read("actuals/2019.csv"),
        "kpi,year,value,note\nrate,2019,55,\n"
    );
}

/// A workbook openpyxl writes with `=IF(D3="","",D3)` in rate's value
/// cell (an empty string once calculated), as saved by LibreOffice in
/// each format.
const EMPTY_FORMULA: &str = r#"
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "実績"
ws.append(["kpi", "year", "value", "source"])
ws.append(["visitors", 2015, 1100, None])
ws.append(["rate", 2015, '=IF(D3="","",D3)', None])
wb.save("formula.xlsx")
"#;

#[test]
#[ignore = "needs openpyxl, libreoffice"]
fn a_formula_libreoffice_saved_as_the_empty_string_is_an_empty_cell_in_every_format() {
    use crate::workbook::{need_openpyxl, python, soffice};
    need_openpyxl();
    let work = workdir();
    work.write("make.py", EMPTY_FORMULA);
    python(&["make.py"], work.path());
    // LibreOffice calculates the formula and saves its result "" in each format.
    soffice(work.path(), "ods", "saved", &["formula.xlsx"]);
    soffice(work.path(), "xls", "saved", &["formula.xlsx"]);
    soffice(
        work.path(),
        "xlsx:Calc MS Excel 2007 XML",
        "saved/x",
        &["saved/formula.ods"],
    );
    for file in [
        "saved/formula.ods",
        "saved/formula.xls",
        "saved/x/formula.xlsx",
    ] {
        let run = work.ok(&["import", "--dry-run", file]);
        assert!(
            run.stdout.starts_with(&format!(
                "{file}: sheet 実績, long: 1 figure (1 added, 0 unchanged, 0 replaced), 1 empty (no figure)"
            )),
            "{file}: {run}"
        );
    }
}
