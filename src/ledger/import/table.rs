//! The one path every import table takes, whatever the file: rows of text
//! cells (a CSV file's records, a worksheet's rows) in, the header found
//! (`shape`), each row read into figures (`normalise`), problems out.

use super::normalise::Context;
use super::shape::{self, Header, Shape};
use super::FileShape;
use crate::csv_cells::{self, Row};
use crate::problem::{Problem, Problems};

/// A table's figures and problems, and (when it was read) its shape and
/// how many cells held no figure.
pub struct Found {
    pub figures: Vec<super::Figure>,
    pub problems: Problems,
    pub info: Option<(FileShape, usize)>,
}

/// What reading the rows gave.
pub enum Read {
    /// No row is a header: the rows above (to say why) and the problems met.
    NoHeader {
        above: Vec<Row>,
        problems: Problems,
    },
    Table(Found),
}

/// Read rows as they come: those above the header are kept (to find it, or
/// to say why there is none), the others read into figures. A record that
/// cannot be read (CSV only) comes as its line and a message, turned into a
/// problem by `unreadable_at`.
pub fn read(
    context: &Context,
    records: impl Iterator<Item = Result<Row, (usize, String)>>,
    unreadable_at: impl Fn(usize, &str) -> Problem,
) -> Read {
    let mut records = records.peekable();
    let mut unreadable = Problems::default();
    let mut above = Vec::new();
    let mut found = None;
    for record in records.by_ref() {
        match record {
            Ok(row) => {
                match shape::find_header_with(std::slice::from_ref(&row), &context.plan.dimensions)
                {
                    Some((_, header)) => {
                        found = Some((row, header));
                        break;
                    }
                    None => above.push(row),
                }
            }
            Err((line, message)) => unreadable.push(unreadable_at(line, &message)),
        }
    }
    let Some((header_row, mut header)) = found else {
        return Read::NoHeader {
            above,
            problems: unreadable,
        };
    };
    drop(above);
    // A header over two rows: a group heading (`実績値`, often merged over
    // the year columns) above, the years below.
    let mut header_rows = vec![header_row.cells];
    if let Some(Ok(next)) = records.peek() {
        if let Some(two) = shape::two_row_header(&header_rows[0], &header, next) {
            header = two;
            if let Some(Ok(next)) = records.next() {
                header_rows.push(next.cells);
            }
        }
    }
    header.take_dimensions(&context.plan.dimensions);
    let mut header_problems = Problems::default();
    context.header_problems(&header, &mut header_problems);
    // A file with an unreadable record or a bad header is refused with
    // those problems alone (its rows are not read into figures, but every
    // unreadable record is still found).
    let mut reading = !unreadable.has_errors() && !header_problems.has_errors();
    let mut row_problems = Problems::default();
    let mut figures = Vec::new();
    let mut empty = 0;
    for record in records {
        match record {
            Err((line, message)) => {
                unreadable.push(unreadable_at(line, &message));
                reading = false;
            }
            // The header again (sheets pasted one under another) is no data.
            Ok(row) if !reading || context.is_blank(&row) || header_rows.contains(&row.cells) => {}
            Ok(row) => empty += context.row(&header, &row, &mut figures, &mut row_problems),
        }
    }
    let mut problems = unreadable;
    problems.extend(header_problems);
    if problems.has_errors() {
        return Read::Table(Found {
            figures: Vec::new(),
            problems,
            info: None,
        });
    }
    problems.extend(row_problems);
    let shape = match &header.shape {
        Shape::Long { .. } => FileShape::Long,
        Shape::Wide { years } => FileShape::Wide {
            year_columns: years.len(),
        },
        Shape::Categories { columns, .. } => FileShape::Categories {
            columns: columns.len(),
        },
    };
    Read::Table(Found {
        figures,
        problems,
        info: Some((shape, empty)),
    })
}

impl Context<'_> {
    /// Problems of the header itself: a column named twice, a missing year,
    /// columns that are not read.
    pub fn header_problems(&self, header: &Header, problems: &mut Problems) {
        let line = header.line;
        // A wide file's year headings: a year not begun, or after the plan,
        // said once, at the heading.
        if let Shape::Wide { years } = &header.shape {
            for (column, year) in years {
                let at = || self.cell_at(line, column.index);
                let what = || format!("column {} `{}`", column.index + 1, column.name);
                problems
                    .0
                    .extend(self.years.problem_of(self.plan, *year, at, what));
            }
        }
        for (first, second) in &header.duplicates {
            problems.push(csv_cells::duplicate_columns(
                self.cell_at(line, second.index),
                first,
                second,
            ));
        }
        match (&header.shape, self.year) {
            (Shape::Long { year: None, .. } | Shape::Categories { year: None, .. }, None) => {
                problems.push(
                    Problem::error(
                        self.cell_at(line, header.kpi[0].index),
                        "the header has no year column (year, 年度)",
                    )
                    .hint("add a year column, or give the year with --year"),
                )
            }
            (Shape::Wide { years }, Some(wanted)) => {
                for (column, year) in years.iter().filter(|(_, y)| *y != wanted) {
                    problems.push(
                        Problem::error(
                            self.cell_at(line, column.index),
                            format!(
                                "column {} `{}` is for {}, but --year says {}",
                                column.index + 1,
                                column.name,
                                year.0,
                                wanted.0
                            ),
                        )
                        .hint("import a file with year columns without --year"),
                    );
                }
            }
            _ => {}
        }
        for column in &header.unknown {
            problems.push(csv_cells::unread_column(
                self.cell_at(line, column.index),
                column,
                "kpi import reads kpi (指標), year (年度), value (実績値), note (備考) and source (出典)",
            ));
        }
    }
}
