//! An `.xlsx`/`.xlsm` read sparsely with calamine's cell reader: only the
//! cells the file holds are kept (a stray cell at XFD1048576 costs one
//! cell, not the sheet's extent). One pass gives each cell's value and
//! formula (a formula with no saved value is `Uncached`), a second its
//! style, whose number format says whether a number shows as a percent.
//! Hidden rows and a formula cell's type, which calamine does not expose,
//! come from `xml_facts`.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible, Xlsx, XlsxError};

use super::limits::Extent;
use super::xml_facts::{self, is_percent_code, Place, Region};
use super::{cell, OpenError, Visibility};

/// One worksheet as the file holds it.
pub struct Sparse {
    pub name: String,
    pub visibility: Visibility,
    pub cells: Vec<(Place, super::Cell)>,
    pub merged: Vec<Region>,
    pub hidden_rows: Vec<u32>,
}

type Book = Xlsx<Cursor<Vec<u8>>>;

/// Every worksheet, in order; a sheet past the limits is refused.
pub fn read(bytes: &[u8]) -> Result<Vec<Sparse>, OpenError> {
    let mut book: Book =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| match e {
            XlsxError::Password => OpenError::Protected,
            e => OpenError::Damaged(e.to_string()),
        })?;
    let mut facts = xml_facts::xlsx(bytes);
    let sheets: Vec<(String, Visibility)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), visibility(&s.visible)))
        .collect();
    let mut out = Vec::new();
    for (name, visibility) in sheets {
        let damaged = |e: XlsxError| OpenError::Damaged(format!("sheet {name}: {e}"));
        let facts = facts.remove(&name).unwrap_or_default();
        let (cells, numbers) = values(&mut book, &name, &facts.strings).map_err(damaged)?;
        let mut extent = Extent::default();
        cells.iter().for_each(|(place, _)| extent.add(*place));
        extent.check(&name)?;
        let percent = percent_cells(&mut book, &name, &numbers).map_err(damaged)?;
        let cells = cells
            .into_iter()
            .map(|(place, c)| match c {
                super::Cell::Number { shown, .. } if percent.contains(&place) => (
                    place,
                    super::Cell::Number {
                        shown,
                        percent: true,
                    },
                ),
                c => (place, c),
            })
            .collect();
        let merged = book
            .merge_cells_by_sheet_name(&name)
            .map(|regions| super::regions_of(&regions))
            .unwrap_or_default();
        out.push(Sparse {
            hidden_rows: facts.hidden_rows,
            name,
            visibility,
            cells,
            merged,
        });
    }
    Ok(out)
}

pub fn visibility(v: &SheetVisible) -> Visibility {
    match v {
        SheetVisible::Visible => Visibility::Visible,
        SheetVisible::Hidden => Visibility::Hidden,
        SheetVisible::VeryHidden => Visibility::VeryHidden,
    }
}

/// The cells that hold something, and the places of the number cells.
#[allow(clippy::type_complexity)]
fn values(
    book: &mut Book,
    name: &str,
    strings: &HashSet<Place>,
) -> Result<(Vec<(Place, super::Cell)>, HashSet<Place>), XlsxError> {
    let mut cells = Vec::new();
    let mut numbers = HashSet::new();
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet has no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok((cells, numbers)),
        Err(e) => return Err(e),
    };
    while let Some(found) = reader.next_cell_with_formula()? {
        let data: Data = found.value.into();
        // A formula whose saved result is the empty string (`=IF(A1="","",…)`:
        // `t="str"` with an empty `<v/>`) is an empty cell; one with no saved
        // result at all is `Uncached`.
        let c = match (&data, &found.formula) {
            (Data::Empty, Some(_)) if !strings.contains(&found.pos) => super::Cell::Uncached,
            _ => cell(&data, false, false),
        };
        if c == super::Cell::Empty {
            continue;
        }
        if matches!(c, super::Cell::Number { .. }) {
            numbers.insert(found.pos);
        }
        cells.push((found.pos, c));
    }
    Ok((cells, numbers))
}

/// Which of the number cells carry a percent number format.
fn percent_cells(
    book: &mut Book,
    name: &str,
    numbers: &HashSet<Place>,
) -> Result<HashSet<Place>, XlsxError> {
    let mut out = HashSet::new();
    if numbers.is_empty() {
        return Ok(out);
    }
    let mut reader = book.worksheet_cells_reader(name)?;
    let mut is_percent: HashMap<usize, bool> = HashMap::new();
    while let Some((row, col, style)) = reader.next_style_id()? {
        if !numbers.contains(&(row, col)) {
            continue;
        }
        let styles = reader.styles();
        let percent = *is_percent.entry(style).or_insert_with(|| {
            styles
                .get(style)
                .and_then(|s| s.number_format.as_ref())
                .is_some_and(|f| is_percent_code(&f.format_code))
        });
        if percent {
            out.insert((row, col));
        }
    }
    Ok(out)
}
