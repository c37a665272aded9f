//! Terminal tables laid out for a width (cli.md `--width`): the one place
//! that measures, wraps, leaves out and draws columns, for `status`, `gap`,
//! `missing`, `show` and the import summary.
//!
//! As the width shrinks, in this order (docs/terminal.md):
//! 1. headers wider than their cells wrap, then cells of wrapping columns
//!    (KPI names) wrap inside their column: at spaces where the text has
//!    them, else at character boundaries (with Japanese line-breaking rules);
//! 2. a cell's year in parentheses (`54件 (R1)`) moves under its value, or
//!    is dropped when it is the column's default year (the plan's target
//!    year in the target column), which the header then shows once;
//! 3. columns are left out by their rank (lowest first), never those
//!    without one; the caller names what was left out in a line under
//!    the table.
//!
//! With no width (pipes and files) every column is drawn at its natural
//! width, as comfy-table drew them before: the same characters, byte for
//! byte, but for headings, which span the table instead of widening its
//! first column.
//!
//! Widths are display columns: East Asian wide characters count two, and
//! under `--ascii` so do characters of ambiguous width (①, ※, ○, △), which
//! the terminals `--ascii` is for draw two wide.
//!
//! One layout can draw several tables (`kpi status` draws one per goal,
//! `kpi missing` one per office) so that their columns line up down the
//! page and the same columns are left out of each.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

mod draw;
mod header;
mod wrap;
pub use draw::{cut, wrap_parts};
#[cfg(test)]
use header::halves;
use header::{header_least, header_lines};
pub use wrap::{wrap, wrap_hanging};

/// How a column's cells sit in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column: its header, how it aligns, and how it gives way.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub align: Align,
    /// Wraps inside its column when the table is too wide (KPI names).
    pub wraps: bool,
    /// A wrapping column (the KPI's name) that first takes the width to
    /// hold each cell in two lines, up to [`COMFORT_CAP`], at the cost of
    /// the columns of the lowest ranks (up to [`MINOR_RANK`]).
    pub comfort: bool,
    /// Left out when the table is too wide: lowest rank first. `None`:
    /// never left out.
    pub drop_rank: Option<u8>,
    /// The year most of the column's cells are in (`R1`): when years give
    /// way, a cell's ` (R1)` is dropped and the header shows it once.
    pub default_year: Option<String>,
}

impl Column {
    pub fn new(header: impl Into<String>, align: Align) -> Column {
        Column {
            header: header.into(),
            align,
            wraps: false,
            comfort: false,
            drop_rank: None,
            default_year: None,
        }
    }

    pub fn wrapping(mut self) -> Column {
        self.wraps = true;
        self
    }

    /// A name column: wraps, and is given room before the minor columns
    /// ([`Column::comfort`]).
    pub fn name(mut self) -> Column {
        self.wraps = true;
        self.comfort = true;
        self
    }

    pub fn drops(mut self, rank: u8) -> Column {
        self.drop_rank = Some(rank);
        self
    }

    pub fn default_year(mut self, year: impl Into<String>) -> Column {
        self.default_year = Some(year.into());
        self
    }

    /// The header as drawn: with the default year under it once the years
    /// have given way.
    fn header_text(&self, years_under: bool) -> String {
        match (&self.default_year, years_under) {
            (Some(year), true) => format!("{}\n({year})", self.header),
            _ => self.header.clone(),
        }
    }

    /// A cell's text as drawn: its year under its value, or dropped when it
    /// is the column's default, once the years have given way.
    /// In a compact table (`compact`) a year gives way only when it is
    /// the column's default: the others stay inline, on the value's line.
    fn cell_text<'a>(
        &self,
        text: &'a str,
        years_under: bool,
        compact: bool,
    ) -> std::borrow::Cow<'a, str> {
        if !years_under || self.wraps {
            return text.into();
        }
        let Some((value, year, mark)) = year_parts(text) else {
            return text.into();
        };
        if compact
            && self
                .default_year
                .as_ref()
                .is_none_or(|d| year != format!("({d})"))
        {
            return text.into();
        }
        let value = match mark {
            "" => value.to_string(),
            mark => format!("{value} {mark}"),
        };
        match &self.default_year {
            Some(default) if year == format!("({default})") => value.into(),
            _ => format!("{value}\n{year}").into(),
        }
    }
}

/// `54件 (R1)`, `21人 (R1) ※`: the value, its year in parentheses and the
/// mark after them (a note's `※`, or empty); `None` for text without a
/// final year (`-`, a name).
fn year_parts(text: &str) -> Option<(&str, &str, &str)> {
    if text.contains('\n') {
        return None;
    }
    let (body, mark) = match text.rsplit_once(' ') {
        Some((body, mark))
            if body.ends_with(')')
                && !mark.is_empty()
                && !mark.contains(['(', ')'])
                && mark.chars().count() <= 2 =>
        {
            (body, mark)
        }
        _ => (text, ""),
    };
    if !body.ends_with(')') {
        return None;
    }
    let i = body.rfind(" (")?;
    Some((&body[..i], &body[i + 1..], mark))
}

/// The value more than half of `items` share, if any: the year a column's
/// cells are mostly in, for [`Column::default_year`].
pub fn common_year<T: Ord>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts = std::collections::BTreeMap::new();
    let mut n = 0;
    for item in items {
        *counts.entry(item).or_insert(0usize) += 1;
        n += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, c)| *c)
        .filter(|(_, c)| 2 * c > n)
        .map(|(item, _)| item)
}

/// An ANSI style for a cell when colour is on (SGR parameters: `1;32`).
pub type Ansi = &'static str;

/// A cell: its text and, when colour is on, the ANSI style to draw it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub ansi: Option<Ansi>,
}

impl Cell {
    pub fn styled(text: impl Into<String>, ansi: Option<Ansi>) -> Cell {
        Cell {
            text: text.into(),
            ansi,
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, ansi: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// A row: a KPI's cells, or a heading that spans the table.
#[derive(Debug, Clone)]
pub enum Row {
    Cells(Vec<Cell>),
    Span(Cell),
    /// A heading in parts joined by `sep` (a measure's path): where it is
    /// too wide it breaks between its parts first, the lines after the
    /// first indented.
    Path {
        parts: Vec<String>,
        sep: &'static str,
        ansi: Option<Ansi>,
    },
}

/// How to draw: the width to fit (`None`: unlimited) and the characters.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: Option<usize>,
    pub ascii: bool,
    /// One line per row: names cut with `…` instead of wrapping, a year
    /// that is not the column's default kept inline (`--compact`).
    pub compact: bool,
}

/// A table drawn, and the columns left out to fit the width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub text: String,
    pub left_out: Vec<String>,
}

/// The narrowest a wrapping column gets before columns are left out.
const WRAP_FLOOR: usize = 16;
/// The narrowest a name gets in a compact table before columns are left out.
const COMPACT_FLOOR: usize = 14;
/// The narrowest it gets at all.
const WRAP_MIN: usize = 6;
/// The most a name column asks for before minor columns give way to it.
pub const COMFORT_CAP: usize = 32;
/// The columns that give way to a name column's comfort: these ranks and lower.
pub const MINOR_RANK: u8 = 2;

/// Display width of `text` (its widest line): wide characters two,
/// ambiguous ones two under `ascii`.
pub fn width(text: &str, ascii: bool) -> usize {
    text.split('\n')
        .map(|line| {
            if ascii {
                line.width_cjk()
            } else {
                line.width()
            }
        })
        .max()
        .unwrap_or(0)
}

pub(crate) fn char_width(c: char, ascii: bool) -> usize {
    if ascii {
        c.width_cjk().unwrap_or(0)
    } else {
        c.width().unwrap_or(0)
    }
}

/// What each column needs, measured once over every row.
struct Needs {
    /// Widest cell or header, years inline: the column's natural width.
    inline: Vec<usize>,
    /// Widest cell or header once years have given way.
    under: Vec<usize>,
    /// The narrowest the column gets with its header wrapped, years
    /// inline and under (a wrapping column's are its natural widths).
    least_inline: Vec<usize>,
    least_under: Vec<usize>,
    /// The header's width (a wrapping column never gets narrower).
    header: Vec<usize>,
}

fn measure<'r>(
    columns: &[Column],
    rows: impl Iterator<Item = &'r Row>,
    ascii: bool,
    compact: bool,
) -> Needs {
    let n = columns.len();
    let header: Vec<usize> = columns.iter().map(|c| width(&c.header, ascii)).collect();
    let mut cells_inline = vec![0; n];
    let mut cells_under = vec![0; n];
    for row in rows {
        let Row::Cells(cells) = row else {
            continue;
        };
        for (c, cell) in cells.iter().enumerate().take(n) {
            let w = width(&cell.text, ascii);
            cells_inline[c] = cells_inline[c].max(w);
            let w_under = if columns[c].wraps {
                w
            } else {
                width(&columns[c].cell_text(&cell.text, true, compact), ascii)
            };
            cells_under[c] = cells_under[c].max(w_under);
        }
    }
    let mut needs = Needs {
        inline: Vec::with_capacity(n),
        under: Vec::with_capacity(n),
        least_inline: Vec::with_capacity(n),
        least_under: Vec::with_capacity(n),
        header: header.clone(),
    };
    for (c, col) in columns.iter().enumerate() {
        let under_header = col.header_text(true);
        let inline = cells_inline[c].max(header[c]);
        let under = cells_under[c].max(width(&under_header, ascii));
        needs.inline.push(inline);
        needs.under.push(under);
        if col.wraps {
            needs.least_inline.push(inline);
            needs.least_under.push(under);
        } else {
            needs
                .least_inline
                .push(cells_inline[c].max(header_least(&col.header, ascii)));
            needs
                .least_under
                .push(cells_under[c].max(header_least(&under_header, ascii)));
        }
    }
    needs
}

/// Where the columns sit: which are kept, how wide each is, and whether
/// years have given way. Made by [`lay_out`], it draws any number of tables
/// of the same columns.
#[derive(Debug, Clone)]
pub struct Layout {
    columns: Vec<Column>,
    keep: Vec<bool>,
    widths: Vec<usize>,
    years_under: bool,
    ascii: bool,
    compact: bool,
    left_out: Vec<String>,
    natural: usize,
}

/// The width a table of these column widths takes: cells, their padding
/// and one border between and around them.
fn total(widths: &[usize], keep: &[bool]) -> usize {
    let kept: Vec<usize> = widths
        .iter()
        .zip(keep)
        .filter(|(_, &k)| k)
        .map(|(&w, _)| w)
        .collect();
    kept.iter().sum::<usize>() + 3 * kept.len() + 1
}

/// Widths for a choice of kept columns and year placement, the wrapping
/// columns given what is left of `limit`, down to `floors`.
fn narrowed(
    columns: &[Column],
    needs: &Needs,
    keep: &[bool],
    years_under: bool,
    limit: Option<usize>,
    floors: &[usize],
) -> Vec<usize> {
    let n = columns.len();
    let (mut widths, least) = if years_under {
        (needs.under.clone(), &needs.least_under)
    } else {
        (needs.inline.clone(), &needs.least_inline)
    };
    if let Some(limit) = limit {
        // Headers wrap first, column by column, where they are wider
        // than their cells; then the wrapping columns (names) narrow.
        for c in 0..n {
            let over = total(&widths, keep).saturating_sub(limit);
            if over == 0 {
                break;
            }
            if keep[c] && !columns[c].wraps {
                widths[c] = widths[c].saturating_sub(over).max(least[c]);
            }
        }
        for c in 0..n {
            let over = total(&widths, keep).saturating_sub(limit);
            if over == 0 {
                break;
            }
            if keep[c] && columns[c].wraps {
                let least = floors[c].max(needs.header[c]).min(widths[c]);
                widths[c] = widths[c].saturating_sub(over).max(least);
            }
        }
    }
    widths
}

/// Lay `columns` out for `frame`, measuring every row of every table that
/// will be drawn with the layout.
pub fn lay_out<'r>(
    columns: &[Column],
    rows: impl Iterator<Item = &'r Row>,
    frame: Frame,
) -> Layout {
    let ascii = frame.ascii;
    let n = columns.len();
    let rows: Vec<&Row> = rows.collect();
    let compact = frame.compact;
    let needs = measure(columns, rows.iter().copied(), ascii, compact);
    let widths_for = |keep: &[bool], years_under: bool, limit: Option<usize>, floors: &[usize]| {
        narrowed(columns, &needs, keep, years_under, limit, floors)
    };
    let all = vec![true; n];
    let natural = total(&needs.inline, &all);
    let mut keep = all;
    let mut years_under = false;
    let mut widths = needs.inline.clone();
    let mut left_out = Vec::new();
    if let Some(limit) = frame.width.filter(|&l| l < natural) {
        let mut ranked: Vec<usize> = (0..n).filter(|&c| columns[c].drop_rank.is_some()).collect();
        ranked.sort_by_key(|&c| (columns[c].drop_rank, std::cmp::Reverse(c)));
        // Give way in order: names wrap, years move under their values,
        // then columns go one by one (and years come back inline when
        // that makes room); last, names wrap down to a few characters.
        // A name column first asks for the room to hold each name in two
        // lines, which only the minor columns give way to.
        // A compact table's names are cut, not wrapped: they give way
        // further before a column does.
        let plain = vec![if compact { COMPACT_FLOOR } else { WRAP_FLOOR }; n];
        let mut passes = Vec::new();
        if columns.iter().any(|c| c.comfort) && !compact {
            let floors: Vec<usize> = (0..n)
                .map(|c| match columns[c].comfort {
                    true => comfort_width(c, &rows, needs.inline[c], ascii),
                    false => WRAP_FLOOR,
                })
                .collect();
            let minor = ranked
                .iter()
                .take_while(|&&c| columns[c].drop_rank <= Some(MINOR_RANK) && !columns[c].wraps)
                .count();
            passes.push((floors, minor));
        }
        passes.push((plain, ranked.len()));
        let mut fitted = false;
        'passes: for (floors, most) in &passes {
            for k in 0..=*most {
                keep = (0..n).map(|c| !ranked[..k].contains(&c)).collect();
                // A compact table drops the default years and keeps the
                // others inline: one line either way.
                let unders: &[bool] = if compact { &[true] } else { &[false, true] };
                let fits: Vec<(bool, Vec<usize>)> = unders
                    .iter()
                    .copied()
                    .map(|under| (under, widths_for(&keep, under, Some(limit), floors)))
                    .filter(|(_, w)| total(w, &keep) <= limit)
                    .collect();
                // Where both fit, the one with fewer lines: years under
                // their values leave the names more room to wrap in.
                let best = fits.into_iter().min_by_key(|(under, w)| {
                    let lines: usize = rows
                        .iter()
                        .map(|r| height(columns, r, w, &keep, *under, frame))
                        .sum();
                    (lines, *under)
                });
                if let Some((under, w)) = best {
                    widths = w;
                    years_under = under;
                    fitted = true;
                    break 'passes;
                }
            }
        }
        if !fitted {
            years_under = true;
            widths = widths_for(&keep, true, Some(limit), &vec![WRAP_MIN; n]);
        }
        left_out = ranked
            .iter()
            .filter(|&&c| !keep[c])
            .map(|&c| columns[c].header.clone())
            .collect();
        // Named in the order the table shows its columns.
        left_out.sort_by_key(|h| columns.iter().position(|c| &c.header == h));
    }
    Layout {
        columns: columns.to_vec(),
        keep,
        widths,
        years_under,
        ascii,
        compact,
        left_out,
        natural,
    }
}

/// The narrowest width, from [`WRAP_FLOOR`] up to [`COMFORT_CAP`] (or the
/// column's natural width), at which every cell of column `c` wraps to
/// two lines at most; the cap when none does.
fn comfort_width(c: usize, rows: &[&Row], natural: usize, ascii: bool) -> usize {
    let cap = COMFORT_CAP.min(natural).max(WRAP_FLOOR);
    let texts: Vec<&str> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Cells(cells) => cells.get(c).map(|cell| cell.text.as_str()),
            _ => None,
        })
        .collect();
    let widest = texts.iter().map(|t| width(t, ascii)).max().unwrap_or(0);
    let mut w = widest.div_ceil(2).clamp(WRAP_FLOOR, cap);
    while w < cap && texts.iter().any(|t| wrap(t, w, ascii).len() > 2) {
        w += 1;
    }
    w
}

/// How many lines a row takes drawn with these widths (a heading: one,
/// as it is the same whatever the columns).
fn height(
    columns: &[Column],
    row: &Row,
    widths: &[usize],
    keep: &[bool],
    years_under: bool,
    frame: Frame,
) -> usize {
    let Row::Cells(cells) = row else {
        return 1;
    };
    if frame.compact {
        return 1;
    }
    cells
        .iter()
        .enumerate()
        .filter(|(c, _)| keep.get(*c).copied().unwrap_or(false))
        .map(|(c, cell)| {
            let text = columns[c].cell_text(&cell.text, years_under, false);
            wrap(&text, widths[c], frame.ascii).len()
        })
        .max()
        .unwrap_or(1)
}

/// Lay out and draw one table of `columns` and `rows` in `frame`.
pub fn draw(columns: &[Column], rows: &[Row], frame: Frame) -> Drawn {
    let layout = lay_out(columns, rows.iter(), frame);
    Drawn {
        text: layout.draw(rows),
        left_out: layout.left_out().to_vec(),
    }
}

#[cfg(test)]
mod tests;
