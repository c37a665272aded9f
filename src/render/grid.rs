//! Terminal tables laid out for a width (cli.md `--width`): the one place
//! that measures, wraps, leaves out and draws columns, for `status`, `gap`,
//! `missing`, `show` and the import summary.
//!
//! As the width shrinks, in this order (docs/terminal.md):
//! 1. cells of wrapping columns (KPI names) wrap inside their column: at
//!    spaces where the text has them, else at character boundaries;
//! 2. a cell's year in parentheses (`54件 (R1)`) moves under its value;
//! 3. columns are left out by their rank (lowest first), never those
//!    without one; the caller names what was left out in a line under
//!    the table.
//!
//! Widths are display columns: East Asian wide characters count two, and
//! under `--ascii` so do characters of ambiguous width (①, ※, ○, △), which
//! the terminals `--ascii` is for draw two wide.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    /// Left out when the table is too wide: lowest rank first. `None`:
    /// never left out.
    pub drop_rank: Option<u8>,
}

impl Column {
    pub fn new(header: impl Into<String>, align: Align) -> Column {
        Column {
            header: header.into(),
            align,
            wraps: false,
            drop_rank: None,
        }
    }

    pub fn wrapping(mut self) -> Column {
        self.wraps = true;
        self
    }

    pub fn drops(mut self, rank: u8) -> Column {
        self.drop_rank = Some(rank);
        self
    }
}

/// A cell: its text and, when colour is on, the ANSI style to draw it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub ansi: Option<&'static str>,
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
}

/// How to draw: the width to fit (`None`: unlimited) and the characters.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: Option<usize>,
    pub ascii: bool,
}

/// A table drawn, and the columns left out to fit the width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub text: String,
    pub left_out: Vec<String>,
}

/// The narrowest a wrapping column gets before columns are left out.
const WRAP_FLOOR: usize = 16;
/// The narrowest it gets at all.
const WRAP_MIN: usize = 6;

/// Display width of `text`: wide characters two, ambiguous ones two under `ascii`.
pub fn width(text: &str, ascii: bool) -> usize {
    text.lines()
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

fn char_width(c: char, ascii: bool) -> usize {
    if ascii {
        c.width_cjk().unwrap_or(0)
    } else {
        c.width().unwrap_or(0)
    }
}

/// `text` in lines of at most `max` columns: at spaces where a line has
/// them, else at character boundaries (Japanese has no spaces to break at).
pub fn wrap(text: &str, max: usize, ascii: bool) -> Vec<String> {
    let max = max.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in split_keep_spaces(para) {
            let w = width(word, ascii);
            if line_w + w <= max {
                line.push_str(word);
                line_w += w;
                continue;
            }
            if word.trim().is_empty() {
                // A space at a break is dropped.
                out.push(std::mem::take(&mut line).trim_end().to_string());
                line_w = 0;
                continue;
            }
            if w <= max && !line.is_empty() && word.is_ascii() {
                out.push(std::mem::take(&mut line).trim_end().to_string());
                line.push_str(word);
                line_w = w;
                continue;
            }
            for c in word.chars() {
                let cw = char_width(c, ascii);
                if line_w + cw > max && !line.is_empty() {
                    out.push(std::mem::take(&mut line).trim_end().to_string());
                    line_w = 0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// Words and the runs of spaces between them, in order.
fn split_keep_spaces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c == ' ';
        match in_space {
            Some(s) if s != space => {
                out.push(&text[start..i]);
                start = i;
            }
            _ => {}
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// `54件 (R1)` → `54件` over `(R1)`; text without a final parenthesis as it is.
fn year_under(text: &str) -> String {
    match text.rfind(" (") {
        Some(i) if text.ends_with(')') && !text.contains('\n') => {
            format!("{}\n{}", &text[..i], &text[i + 1..])
        }
        _ => text.to_string(),
    }
}

struct Borders {
    left: &'static str,
    mid: &'static str,
    right: &'static str,
    top: [char; 4],
    head: [char; 4],
    bottom: [char; 4],
}

const UNICODE: Borders = Borders {
    left: "│ ",
    mid: " ┆ ",
    right: " │",
    top: ['┌', '─', '┬', '┐'],
    head: ['╞', '═', '╪', '╡'],
    bottom: ['└', '─', '┴', '┘'],
};

const ASCII: Borders = Borders {
    left: "| ",
    mid: " | ",
    right: " |",
    top: ['+', '-', '+', '+'],
    head: ['+', '=', '+', '+'],
    bottom: ['+', '-', '+', '+'],
};

/// Lay out and draw `columns` and `rows` in `frame`.
pub fn draw(columns: &[Column], rows: &[Row], frame: Frame) -> Drawn {
    let ascii = frame.ascii;
    let n = columns.len();
    let natural = |c: usize, years_under: bool| -> usize {
        let header = width(&columns[c].header, ascii);
        rows.iter()
            .filter_map(|r| match r {
                Row::Cells(cells) => cells.get(c),
                Row::Span(_) => None,
            })
            .map(|cell| {
                if years_under && !columns[c].wraps {
                    width(&year_under(&cell.text), ascii)
                } else {
                    width(&cell.text, ascii)
                }
            })
            .chain(std::iter::once(header))
            .max()
            .unwrap_or(0)
    };
    let total = |widths: &[usize], keep: &[bool]| -> usize {
        let kept: Vec<usize> = (0..n).filter(|&c| keep[c]).map(|c| widths[c]).collect();
        kept.iter().sum::<usize>() + 3 * kept.len() + 1
    };
    // Widths for a choice of kept columns and year placement, the wrapping
    // columns given what is left of `limit`, down to `floor`.
    let widths_for = |keep: &[bool], years_under: bool, limit: Option<usize>, floor: usize| {
        let mut widths: Vec<usize> = (0..n).map(|c| natural(c, years_under)).collect();
        if let Some(limit) = limit {
            for c in 0..n {
                let over = total(&widths, keep).saturating_sub(limit);
                if over == 0 {
                    break;
                }
                if keep[c] && columns[c].wraps {
                    let least = floor.max(width(&columns[c].header, ascii)).min(widths[c]);
                    widths[c] = widths[c].saturating_sub(over).max(least);
                }
            }
        }
        widths
    };
    let mut keep = vec![true; n];
    let mut years_under = false;
    let mut widths = widths_for(&keep, false, None, WRAP_FLOOR);
    let mut left_out = Vec::new();
    if let Some(limit) = frame.width {
        let mut ranked: Vec<usize> = (0..n).filter(|&c| columns[c].drop_rank.is_some()).collect();
        ranked.sort_by_key(|&c| (columns[c].drop_rank, std::cmp::Reverse(c)));
        // Give way in order: names wrap, years move under their values,
        // then columns go one by one (and years come back inline when
        // that makes room); last, names wrap down to a few characters.
        let mut fitted = false;
        'drops: for k in 0..=ranked.len() {
            keep = (0..n).map(|c| !ranked[..k].contains(&c)).collect();
            for under in [false, true] {
                widths = widths_for(&keep, under, Some(limit), WRAP_FLOOR);
                if total(&widths, &keep) <= limit {
                    years_under = under;
                    fitted = true;
                    break 'drops;
                }
            }
        }
        if !fitted {
            years_under = true;
            widths = widths_for(&keep, true, Some(limit), WRAP_MIN);
        }
        left_out = ranked
            .iter()
            .filter(|&&c| !keep[c])
            .map(|&c| columns[c].header.clone())
            .collect();
    }
    let kept: Vec<usize> = (0..n).filter(|&c| keep[c]).collect();
    let borders = if ascii { &ASCII } else { &UNICODE };
    let inner = total(&widths, &keep) - 2;
    let rule = |chars: [char; 4]| -> String {
        let mut s = String::new();
        s.push(chars[0]);
        for (i, &c) in kept.iter().enumerate() {
            if i > 0 {
                s.push(chars[2]);
            }
            s.extend(std::iter::repeat_n(chars[1], widths[c] + 2));
        }
        s.push(chars[3]);
        s
    };
    let mut out = String::new();
    out.push_str(&rule(borders.top));
    out.push('\n');
    let header: Vec<Cell> = kept
        .iter()
        .map(|&c| Cell::from(columns[c].header.as_str()))
        .collect();
    draw_cells(
        &mut out, &header, &kept, columns, &widths, borders, ascii, false,
    );
    out.push_str(&rule(borders.head));
    out.push('\n');
    for row in rows {
        match row {
            Row::Cells(cells) => {
                let cells: Vec<Cell> = kept
                    .iter()
                    .map(|&c| cells.get(c).cloned().unwrap_or_default())
                    .collect();
                draw_cells(
                    &mut out,
                    &cells,
                    &kept,
                    columns,
                    &widths,
                    borders,
                    ascii,
                    years_under,
                );
            }
            Row::Span(cell) => {
                // A heading across the table: the first column's joints are
                // kept so the rules line up, the text runs over them.
                let room = inner.saturating_sub(2);
                for line in wrap(&cell.text, room, ascii) {
                    let pad = room.saturating_sub(width(&line, ascii));
                    out.push_str(borders.left);
                    out.push_str(&paint(&line, cell.ansi));
                    out.extend(std::iter::repeat_n(' ', pad));
                    out.push_str(borders.right);
                    out.push('\n');
                }
            }
        }
    }
    out.push_str(&rule(borders.bottom));
    out.push('\n');
    Drawn {
        text: out,
        left_out,
    }
}

fn paint(text: &str, ansi: Option<&str>) -> String {
    match ansi {
        Some(code) if !text.is_empty() => format!("\x1b[{code}m{text}\x1b[0m"),
        _ => text.to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_cells(
    out: &mut String,
    cells: &[Cell],
    kept: &[usize],
    columns: &[Column],
    widths: &[usize],
    borders: &Borders,
    ascii: bool,
    years_under: bool,
) {
    let lines: Vec<Vec<String>> = cells
        .iter()
        .zip(kept)
        .map(|(cell, &c)| {
            let text = if years_under && !columns[c].wraps {
                year_under(&cell.text)
            } else {
                cell.text.clone()
            };
            wrap(&text, widths[c], ascii)
        })
        .collect();
    let height = lines.iter().map(Vec::len).max().unwrap_or(1);
    for l in 0..height {
        out.push_str(borders.left);
        for (i, (&c, cell)) in kept.iter().zip(cells).enumerate() {
            if i > 0 {
                out.push_str(borders.mid);
            }
            let text = lines[i].get(l).map_or("", String::as_str);
            let pad = widths[c].saturating_sub(width(text, ascii));
            let painted = paint(text, cell.ansi);
            match columns[c].align {
                Align::Left => {
                    out.push_str(&painted);
                    out.extend(std::iter::repeat_n(' ', pad));
                }
                Align::Right => {
                    out.extend(std::iter::repeat_n(' ', pad));
                    out.push_str(&painted);
                }
            }
        }
        out.push_str(borders.right);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests;
