//! A ledger file's header row: which column is which. The reader checks it
//! (and reports what is wrong); the editor finds the same columns in a
//! header the reader has accepted, and lays out new files with them.

use std::collections::BTreeSet;

use csv::StringRecord;
use rust_decimal::Decimal;

use super::ReadProblems;
use crate::breakdown::Dimension;
use crate::ledger::Actual;
use crate::problem::{Location, Problem};
use crate::suggest::closest;

/// The columns a ledger file may have, in the order `kpi import` writes them.
const KNOWN_COLUMNS: &[&str] = &["kpi", "year", "value", "note", "source", "flag"];
const REQUIRED_COLUMNS: &[&str] = &["kpi", "year", "value"];

const COLUMNS_HINT: &str =
    "the header row names the columns kpi, year and value, and optionally note, source and flag";

/// Where each column is in a ledger file's rows, found from its header.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub(crate) kpi: usize,
    pub(crate) year: usize,
    pub(crate) value: usize,
    pub(crate) note: Option<usize>,
    pub(crate) source: Option<usize>,
    /// `flag`: empty for a final figure, `preliminary` for a 速報値.
    pub(crate) flag: Option<usize>,
    /// How many fields every row has.
    pub(crate) width: usize,
    /// The dimension columns (breakdowns.md): (column, position in
    /// `plan.dimensions`), in header order. Empty for a ledger without
    /// them, which is read exactly as before.
    pub(crate) dimensions: Vec<(usize, usize)>,
}

/// The plan's dimension a header name is the id of.
fn dimension_of(name: &str, dimensions: &[Dimension]) -> Option<usize> {
    dimensions
        .iter()
        .position(|d| d.id.eq_ignore_ascii_case(name))
}

/// A header name as it is compared with `KNOWN_COLUMNS`.
fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Columns {
    /// The columns of a header, from where each of `KNOWN_COLUMNS` is
    /// (`None` when a required one is missing).
    fn found(
        found: [Option<usize>; 6],
        width: usize,
        dimensions: Vec<(usize, usize)>,
    ) -> Option<Columns> {
        debug_assert_eq!(&KNOWN_COLUMNS[..REQUIRED_COLUMNS.len()], REQUIRED_COLUMNS);
        Some(Columns {
            kpi: found[0]?,
            year: found[1]?,
            value: found[2]?,
            note: found[3],
            source: found[4],
            flag: found[5],
            width,
            dimensions,
        })
    }

    /// The columns of a header the reader has accepted (each known column
    /// its first time, unknown ones passed over); `None` without the
    /// required ones. `dimensions` are the plan's.
    pub(crate) fn of_header(record: &StringRecord, dimensions: &[Dimension]) -> Option<Columns> {
        let mut found = [None; 6];
        let mut dims: Vec<(usize, usize)> = Vec::new();
        for (i, name) in record.iter().enumerate() {
            let name = key(name);
            if let Some(k) = KNOWN_COLUMNS.iter().position(|known| *known == name) {
                found[k].get_or_insert(i);
            } else if let Some(d) = dimension_of(&name, dimensions) {
                if !dims.iter().any(|&(_, e)| e == d) {
                    dims.push((i, d));
                }
            }
        }
        Columns::found(found, record.len(), dims)
    }

    /// The name of column `i`, for messages.
    pub(crate) fn name(&self, i: usize) -> String {
        let known = [
            (self.kpi, "kpi"),
            (self.year, "year"),
            (self.value, "value"),
        ];
        if let Some((_, name)) = known.iter().find(|(c, _)| *c == i) {
            return name.to_string();
        }
        [
            (self.note, "note"),
            (self.source, "source"),
            (self.flag, "flag"),
        ]
        .iter()
        .find(|(c, _)| *c == Some(i))
        .map_or_else(|| format!("#{}", i + 1), |(_, name)| name.to_string())
    }

    /// A figure as the ledger holds it, from its row's trimmed `field`s:
    /// an empty note or source is none.
    pub(crate) fn actual<'r>(
        &self,
        value: Decimal,
        field: impl Fn(usize) -> &'r str,
        location: Location,
    ) -> Actual {
        let optional = |column: Option<usize>| {
            column
                .map(&field)
                .filter(|text| !text.is_empty())
                .map(str::to_string)
        };
        Actual {
            value,
            note: optional(self.note),
            source: optional(self.source),
            preliminary: self.flag.is_some_and(|c| is_preliminary(field(c))),
            location,
        }
    }
}

/// The `flag` word of a preliminary figure (速報値).
pub(crate) const PRELIMINARY: &str = "preliminary";

/// Whether a `flag` field marks a preliminary figure.
pub(crate) fn is_preliminary(flag: &str) -> bool {
    flag.eq_ignore_ascii_case(PRELIMINARY)
}

/// Check a header row and find its columns; `None` when a required one is
/// missing. Every problem of the header goes to `report`, at `at`.
pub(super) fn header(
    record: &StringRecord,
    dimensions: &[Dimension],
    at: impl Fn() -> Location,
    report: &mut ReadProblems,
) -> Option<Columns> {
    let mut found: [Option<usize>; 6] = [None; 6];
    let mut dims: Vec<(usize, usize)> = Vec::new();
    let mut unknown = BTreeSet::new();
    for (i, name) in record.iter().map(key).enumerate() {
        let known = KNOWN_COLUMNS.iter().position(|k| *k == name);
        if let (None, Some(d)) = (known, dimension_of(&name, dimensions)) {
            if dims.iter().any(|&(_, e)| e == d) {
                report.problem(|| {
                    Problem::error(
                        at(),
                        format!("the dimension column `{name}` appears twice in the header"),
                    )
                    .hint("keep one of the two columns")
                });
            } else {
                dims.push((i, d));
            }
            continue;
        }
        match known {
            Some(k) if found[k].is_some() => report.problem(|| {
                Problem::error(
                    at(),
                    format!("the column `{name}` appears twice in the header"),
                )
                .hint("keep one of the two columns")
            }),
            Some(k) => found[k] = Some(i),
            None => {
                if unknown.insert(name.clone()) {
                    report.problem(|| {
                        let hint = match closest(&name, KNOWN_COLUMNS) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => "the ledger reads only the columns kpi, year, value, note, source and flag"
                                .to_string(),
                        };
                        Problem::warning(
                            at(),
                            format!(
                                "unknown column `{}` is ignored",
                                crate::problem::quoted(&name)
                            ),
                        )
                            .hint(hint)
                    });
                }
            }
        }
    }
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .zip(found)
        .filter(|(_, i)| i.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        report.problem(|| {
            let found_list = record
                .iter()
                .map(|n| format!("`{}`", n.trim()))
                .collect::<Vec<_>>()
                .join(", ");
            let missing_list = missing
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let noun = if missing.len() == 1 {
                "column"
            } else {
                "columns"
            };
            Problem::error(
                at(),
                format!("the header lacks the {noun} {missing_list} (columns found: {found_list})"),
            )
            .hint(COLUMNS_HINT)
        });
        return None;
    }
    Columns::found(found, record.len(), dims)
}
