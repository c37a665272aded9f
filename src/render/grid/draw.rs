//! Drawing a laid-out table: borders, rules, cells in their lines, the
//! headings that span the table (`Layout::draw`).

use super::{
    char_width, header_lines, total, width, wrap, wrap_hanging, Align, Ansi, Cell, Layout, Row,
};

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

impl Layout {
    /// The headers of the columns left out to fit, in table order.
    pub fn left_out(&self) -> &[String] {
        &self.left_out
    }

    /// The width the table takes with every column at its natural width.
    pub fn natural_width(&self) -> usize {
        self.natural
    }

    /// The width of the tables this layout draws.
    pub fn width(&self) -> usize {
        total(&self.widths, &self.keep)
    }

    /// Draw one table, ending with a line break.
    pub fn draw(&self, rows: &[Row]) -> String {
        let ascii = self.ascii;
        let columns = &self.columns;
        let widths = &self.widths;
        let kept: Vec<usize> = (0..columns.len()).filter(|&c| self.keep[c]).collect();
        let borders = if ascii { &ASCII } else { &UNICODE };
        let inner = self.width() - 2;
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
            .map(|&c| {
                let text = columns[c].header_text(self.years_under);
                Cell::from(header_lines(&text, widths[c], ascii))
            })
            .collect();
        self.draw_cells(&mut out, &header, &kept, borders, false);
        out.push_str(&rule(borders.head));
        out.push('\n');
        for row in rows {
            match row {
                Row::Cells(cells) => {
                    let cells: Vec<Cell> = kept
                        .iter()
                        .map(|&c| cells.get(c).cloned().unwrap_or_default())
                        .collect();
                    self.draw_cells(&mut out, &cells, &kept, borders, self.years_under);
                }
                Row::Span(cell) => {
                    // A heading across the table, wrapped to its width.
                    let room = inner.saturating_sub(2);
                    let lines = wrap(&cell.text, room, ascii);
                    span_lines(&mut out, &lines, room, cell.ansi, borders, ascii);
                }
                Row::Path { parts, sep, ansi } => {
                    let room = inner.saturating_sub(2);
                    let lines = wrap_parts(parts, sep, room, ascii);
                    span_lines(&mut out, &lines, room, *ansi, borders, ascii);
                }
            }
        }
        out.push_str(&rule(borders.bottom));
        out.push('\n');
        out
    }

    fn draw_cells(
        &self,
        out: &mut String,
        cells: &[Cell],
        kept: &[usize],
        borders: &Borders,
        years_under: bool,
    ) {
        let (ascii, columns, widths) = (self.ascii, &self.columns, &self.widths);
        let lines: Vec<Vec<String>> = cells
            .iter()
            .zip(kept)
            .map(|(cell, &c)| {
                let text = columns[c].cell_text(&cell.text, years_under, self.compact);
                if self.compact && columns[c].wraps {
                    vec![cut(&text, widths[c], ascii)]
                } else {
                    wrap(&text, widths[c], ascii)
                }
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
}

/// The lines of a heading across the table, `room` columns inside its borders.
fn span_lines(
    out: &mut String,
    lines: &[String],
    room: usize,
    ansi: Option<Ansi>,
    borders: &Borders,
    ascii: bool,
) {
    for line in lines {
        let pad = room.saturating_sub(width(line, ascii));
        out.push_str(borders.left);
        out.push_str(&paint(line, ansi));
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(borders.right);
        out.push('\n');
    }
}

/// `parts` joined by `sep` in lines of at most `max` columns: broken
/// between parts where it is too wide (the separator ends the line), the
/// lines after the first indented two; a part wider than a line wraps.
pub fn wrap_parts(parts: &[String], sep: &str, max: usize, ascii: bool) -> Vec<String> {
    let joined = parts.join(sep);
    if width(&joined, ascii) <= max {
        return vec![joined];
    }
    let (sep_end, joiner) = (sep.trim_end(), &sep[sep.trim_end().len()..]);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, part) in parts.iter().enumerate() {
        let piece = if i + 1 < parts.len() {
            format!("{part}{sep_end}")
        } else {
            part.clone()
        };
        let candidate = if current.is_empty() {
            piece.clone()
        } else {
            format!("{current}{joiner}{piece}")
        };
        if current.trim().is_empty() || width(&candidate, ascii) <= max {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = format!("  {piece}");
        }
    }
    lines.push(current);
    let mut out = Vec::new();
    for line in lines {
        if width(&line, ascii) <= max {
            out.push(line);
            continue;
        }
        let indented = line.starts_with("  ");
        let first = if indented { max.saturating_sub(2) } else { max };
        for (j, l) in wrap_hanging(line.trim_start(), first, max.saturating_sub(2), ascii)
            .into_iter()
            .enumerate()
        {
            out.push(if j == 0 && !indented {
                l
            } else {
                format!("  {l}")
            });
        }
    }
    out
}

/// `text` on one line of at most `max` columns: cut with `…` (`...`
/// under `--ascii`, as `…` is of ambiguous width) where it is wider.
pub fn cut(text: &str, max: usize, ascii: bool) -> String {
    let text = text.replace('\n', " ");
    if width(&text, ascii) <= max {
        return text;
    }
    let ellipsis = if ascii { "..." } else { "…" };
    let room = max.saturating_sub(width(ellipsis, ascii));
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = char_width(c, ascii);
        if w + cw > room {
            break;
        }
        out.push(c);
        w += cw;
    }
    format!("{}{ellipsis}", out.trim_end())
}

fn paint(text: &str, ansi: Option<&str>) -> String {
    match ansi {
        Some(code) if !text.is_empty() => format!("\x1b[{code}m{text}\x1b[0m"),
        _ => text.to_string(),
    }
}
