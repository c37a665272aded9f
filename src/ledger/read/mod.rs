//! Reading the strict ledger: every CSV file that `plan.actuals` names,
//! checked row by row against the plan, then merged and checked as a whole
//! (one figure per KPI and year; running totals never go down).
//!
//! There is one row loop. What a read keeps of each figure is its `Sink`'s
//! choice: `read` keeps the whole figure (note, source, file and line) and
//! reports every problem; the values-only reads (`ledger::values`, the
//! import's `ledger::import::kept`) keep less and stop, saying nothing, at
//! the first problem `read` would report, so that their caller reads again
//! with `read` to report it.

mod cells;
mod files;
mod header;
mod row;
mod running;

use std::cell::OnceCell;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use csv::StringRecord;
use rust_decimal::Decimal;

pub(crate) use header::{Columns, PRELIMINARY};
pub(crate) use running::{running_total_problems, running_totals_hold, Placed};

use super::years::FigureYears;
use super::{Actual, CategoryFigures, Ledger};
use crate::breakdown::CategoryKey;
use crate::csv_cells::{self, line_of};
use crate::plan::{FastHash, Plan};
use crate::problem::{LineIndex, Location, Problem, Problems};
use crate::unterminated::unterminated_quote;
use crate::year::FiscalYear;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Read every ledger file the plan names. Ok carries the warnings; Err every
/// problem (errors and warnings), sorted by file and line.
pub fn read(plan: &Plan) -> Result<(Ledger, Problems), Problems> {
    let (ledger, problems) = read_past_errors(plan);
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok((ledger, problems))
    }
}

/// `read`, keeping the rows that pass every check beside every problem,
/// errors too: a workspace with a member that could not be read leaves
/// out the rows of series no member it read uses, and keeps the rest.
pub fn read_past_errors(plan: &Plan) -> (Ledger, Problems) {
    let sink = Whole(
        vec![BTreeMap::new(); plan.kpis.len()],
        CategoryFigures::new(),
    );
    let (sink, files, report) = Reader::run(plan, sink, ReadProblems::every());
    let ledger = Ledger {
        series: sink.0,
        files,
        categories: sink.1,
    };
    (ledger, report.problems.sorted())
}

/// `sink` after a pass over a ledger in which `read` finds no problem,
/// with the files read; `None` at the first problem `read` would report
/// (a warning too), which the caller then reads with `read` to report.
pub(crate) fn read_clean_into<S: Sink>(plan: &Plan, sink: S) -> Option<(S, Vec<PathBuf>)> {
    let (sink, files, report) = Reader::run(plan, sink, ReadProblems::stop_at_first());
    (!report.stopped).then_some((sink, files))
}

/// `read_clean_into` with the ledger's files read in parallel: the files,
/// in order, are cut into one run of neighbouring files per core; this
/// thread reads the first run into `first` while each later run is read
/// by a thread of its own into a sink of its own (`make`), and `merge`
/// then puts the later runs into `first` in file order, `None` where a
/// figure of one run repeats one of another (which `read` reports). A
/// ledger of one file, or a machine of one core, is read as
/// `read_clean_into` reads it. Nothing is reported: any problem in any run
/// gives `None`, and the caller reads the ledger with `read`, which says
/// where.
pub(crate) fn read_clean_split<S: Sink, L: Sink + Send>(
    plan: &Plan,
    first: S,
    make: impl Fn() -> L + Sync,
    merge: impl FnOnce(S, Vec<L>) -> Option<S>,
) -> Option<(S, Vec<PathBuf>)> {
    let mut report = ReadProblems::stop_at_first();
    let files = files::ledger_files(plan, &mut report);
    if report.stopped {
        return None;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len())
        .max(1);
    let years = FigureYears::new(plan);
    let run = files.len().div_ceil(threads).max(1);
    let (head, rest) = files.split_at(run.min(files.len()));
    let (first, later) = std::thread::scope(|scope| {
        let (make, years) = (&make, &years);
        let handles: Vec<_> = rest
            .chunks(run)
            .map(|part| scope.spawn(move || read_run(plan, years, part, make())))
            .collect();
        let first = read_run(plan, years, head, first);
        let later: Option<Vec<L>> = handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        (first, later)
    });
    let sink = merge(first?, later?)?;
    sink.running_totals(plan, &mut report);
    (!report.stopped).then_some((sink, files))
}

/// `sink` after a values-only read of `run`, or `None` at the first problem.
fn read_run<S: Sink>(plan: &Plan, years: &FigureYears, run: &[PathBuf], sink: S) -> Option<S> {
    let mut reader = Reader {
        plan,
        report: ReadProblems::stop_at_first(),
        sink,
        next_kpi: 0,
        years: years.clone(),
    };
    for file in run {
        if reader.report.stopped {
            break;
        }
        reader.read_file(file);
    }
    (!reader.report.stopped).then_some(reader.sink)
}

/// A figure that passed every check of its row: its KPI, year and value.
#[derive(Clone, Copy)]
pub(crate) struct Found {
    pub kpi: usize,
    pub year: FiscalYear,
    pub value: Decimal,
}

/// What a sink says of a figure: kept, or not kept as its place has one
/// (the first figure there when the sink keeps places, else `None`).
pub(crate) type Keeps<'s> = Result<(), Option<&'s Actual>>;

/// `Keeps` for a sink that keeps no places: `old` is what its map held.
pub(crate) fn first_in_place<T>(old: Option<T>) -> Keeps<'static> {
    match old {
        None => Ok(()),
        Some(_) => Err(None),
    }
}

/// Where a read puts what it keeps of the rows that pass every check.
pub(crate) trait Sink {
    /// A row names a known KPI and a valid year, with a figure or without.
    fn pair(&mut self, _kpi: usize, _year: FiscalYear) {}

    /// A row's figure, which passed every check of its row. When its KPI
    /// and year have one already, nothing is kept: `Err` with the first
    /// one, or `Err(None)` from a sink that keeps no places (only
    /// `read_clean_into` reads with those, and it stops there).
    fn figure(&mut self, found: Found, row: &Row<'_>) -> Keeps<'_>;

    /// A row's category figure (breakdowns.md), which passed every check
    /// of its row; `Err` as for `figure`, when its KPI, year and
    /// categories have one already.
    fn category(&mut self, found: Found, key: CategoryKey, row: &Row<'_>) -> Keeps<'_>;

    /// The last row of `file` has been read.
    fn file_read(&mut self, _file: &Path) {}

    /// After the last file: check the running totals kept.
    fn running_totals(&self, plan: &Plan, report: &mut ReadProblems);
}

/// A row's whole figure kept in its place, unless the place has one.
fn keep<'m, K: Ord>(
    place: Entry<'m, K, Actual>,
    value: Decimal,
    row: &Row<'_>,
) -> Result<(), Option<&'m Actual>> {
    match place {
        Entry::Vacant(e) => {
            e.insert(row.actual(value));
            Ok(())
        }
        Entry::Occupied(e) => Err(Some(e.into_mut())),
    }
}

/// `read`'s sink: every figure whole, by KPI and year, and every
/// category figure by KPI, year and categories.
struct Whole(Vec<BTreeMap<FiscalYear, Actual>>, CategoryFigures);

impl Sink for Whole {
    fn figure(&mut self, found: Found, row: &Row<'_>) -> Keeps<'_> {
        keep(self.0[found.kpi].entry(found.year), found.value, row)
    }

    fn category(&mut self, found: Found, key: CategoryKey, row: &Row<'_>) -> Keeps<'_> {
        let place = self
            .1
            .entry(found.kpi)
            .or_default()
            .entry((found.year, key));
        keep(place, found.value, row)
    }

    fn running_totals(&self, plan: &Plan, report: &mut ReadProblems) {
        for problem in running_total_problems(plan, &self.0) {
            report.problem(|| problem);
        }
        for (&kpi, figures) in &self.1 {
            for problem in super::categories::sum_problems(plan, kpi, &self.0[kpi], figures) {
                report.problem(|| problem);
            }
        }
    }
}

/// The problems a read meets. A read that stops at the first keeps none:
/// it notes that it stopped, and makes no message.
pub(crate) struct ReadProblems {
    problems: Problems,
    stops: bool,
    stopped: bool,
}

impl ReadProblems {
    fn every() -> ReadProblems {
        ReadProblems {
            problems: Problems::default(),
            stops: false,
            stopped: false,
        }
    }

    fn stop_at_first() -> ReadProblems {
        ReadProblems {
            stops: true,
            ..ReadProblems::every()
        }
    }

    /// A problem, made only when it is reported.
    pub(crate) fn problem(&mut self, make: impl FnOnce() -> Problem) {
        if self.stops {
            self.stopped = true;
        } else {
            self.problems.push(make());
        }
    }

    /// Something `read` reports, found by a sink that cannot name it.
    pub(crate) fn stop(&mut self) {
        debug_assert!(self.stops, "a reporting read must name every problem");
        self.stopped = true;
    }
}

/// Each KPI id to its index in `plan.kpis`: the editor finds a row's KPI
/// without a search through a plan of thousands.
pub(crate) fn id_index(plan: &Plan) -> HashMap<&str, usize, FastHash> {
    plan.kpis
        .iter()
        .enumerate()
        .map(|(i, k)| (k.id.as_str(), i))
        .collect()
}

/// Where a record is in its file. Its line is found only when asked for:
/// a values-only read of a million rows asks for none.
struct Place<'r> {
    file: &'r Path,
    text: &'r str,
    lines: &'r OnceCell<LineIndex>,
    /// Where the CSV reader began the record.
    byte: Option<u64>,
}

impl Place<'_> {
    fn location(&self) -> Location {
        let line = self.byte.map_or(1, |byte| {
            let lines = self
                .lines
                .get_or_init(|| crate::line_ends::line_index(self.text));
            line_of(self.text, lines, byte)
        });
        Location::line(self.file, line)
    }
}

/// A data row of a ledger file, as its checks and its sink see it.
pub(crate) struct Row<'r> {
    record: &'r StringRecord,
    columns: &'r Columns,
    place: &'r Place<'r>,
}

impl Row<'_> {
    /// A field, trimmed; a missing one is empty.
    fn field(&self, i: usize) -> &str {
        self.record.get(i).unwrap_or("").trim()
    }

    pub(crate) fn location(&self) -> Location {
        self.place.location()
    }

    /// The row's note and flag, when it has either.
    pub(crate) fn remark(&self) -> Option<crate::series::Remark> {
        let note = self
            .columns
            .note
            .map(|i| self.field(i))
            .filter(|n| !n.is_empty());
        let preliminary = self
            .columns
            .flag
            .is_some_and(|i| header::is_preliminary(self.field(i)));
        (note.is_some() || preliminary).then(|| crate::series::Remark {
            note: note.map(str::to_string),
            preliminary,
        })
    }

    /// The row's figure with its note, source and place.
    pub(crate) fn actual(&self, value: Decimal) -> Actual {
        self.columns
            .actual(value, |i| self.field(i), self.place.location())
    }
}

/// One pass over the ledger: the one row loop.
struct Reader<'p, S> {
    plan: &'p Plan,
    report: ReadProblems,
    sink: S,
    /// Where the next row's KPI most likely is: ledgers list KPIs in plan order.
    next_kpi: usize,
    /// The years a figure may be for.
    years: FigureYears,
}

impl<'p, S: Sink> Reader<'p, S> {
    fn run(plan: &'p Plan, sink: S, report: ReadProblems) -> (S, Vec<PathBuf>, ReadProblems) {
        let mut reader = Reader {
            plan,
            report,
            sink,
            next_kpi: 0,
            years: FigureYears::new(plan),
        };
        let files = files::ledger_files(plan, &mut reader.report);
        for file in &files {
            if reader.report.stopped {
                break;
            }
            reader.read_file(file);
        }
        if !reader.report.stopped {
            reader.sink.running_totals(plan, &mut reader.report);
        }
        (reader.sink, files, reader.report)
    }

    fn read_file(&mut self, path: &Path) {
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.report.problem(|| {
                    Problem::error(Location::file(path), format!("cannot read the file: {e}"))
                        .hint("check that the file can be read")
                });
                return;
            }
        };
        let bytes = bytes.strip_prefix(BOM).unwrap_or(&bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                self.report.problem(|| {
                    let valid = &bytes[..e.valid_up_to()];
                    let line = (0..valid.len())
                        .filter(|&i| valid[i] == b'\n' || crate::line_ends::is_lone_cr(valid, i))
                        .count()
                        + 1;
                    Problem::error(
                        Location::line(path, line),
                        "the file is not UTF-8 text (the first invalid bytes are on this line)",
                    )
                    .hint(
                        "save it as UTF-8, or bring it in with `kpi import`, which also reads \
                         Shift_JIS / CP932",
                    )
                });
                return;
            }
        };
        let lines = OnceCell::new();
        let place = |byte: Option<u64>| Place {
            file: path,
            text,
            lines: &lines,
            byte,
        };
        let mut csv = csv_cells::reader(text);
        let mut columns: Option<Columns> = None;
        // One record, read into again and again: a million rows, no million allocations.
        let mut record = StringRecord::new();
        // Where the last record began: a quote left open swallows the rest
        // of the file into the last record, so only from there can one be.
        let mut last_start = 0;
        let mut header_refused = false;
        while !self.report.stopped {
            match csv.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let at = place(e.position().map(|p| p.byte()));
                    self.report.problem(|| {
                        let line = at.location().line.unwrap_or(1);
                        csv_cells::unreadable(path, line, &e.to_string())
                    });
                    continue;
                }
            };
            let start = record.position().map(|p| p.byte());
            last_start = start.map_or(last_start, |b| usize::try_from(b).unwrap_or(0));
            if record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            let at = place(start);
            match &columns {
                None => match header::header(
                    &record,
                    &self.plan.dimensions,
                    || at.location(),
                    &mut self.report,
                ) {
                    Some(found) => columns = Some(found),
                    // Without the required columns no row can be read.
                    None => {
                        header_refused = true;
                        break;
                    }
                },
                Some(columns) => self.row(&Row {
                    record: &record,
                    columns,
                    place: &at,
                }),
            }
        }
        if let Some(opened) = (!self.report.stopped)
            .then(|| text.get(last_start..))
            .flatten()
            .and_then(unterminated_quote)
            .map(|line| {
                let lines = lines.get_or_init(|| crate::line_ends::line_index(text));
                lines.line_col(text, last_start).0 + line - 1
            })
        {
            self.report.problem(|| unterminated(path, opened));
            return;
        }
        if columns.is_none() && !header_refused && !self.report.stopped {
            self.report.problem(|| {
                Problem::warning(
                    Location::file(path),
                    "the file has no header row and no figures",
                )
                .hint("begin a ledger file with the header row kpi,year,value")
            });
        }
        self.sink.file_read(path);
    }
}

/// A quoted field that opens on `line` and never closes: every row after it
/// would be read into that one field.
pub(crate) fn unterminated(path: &Path, line: usize) -> Problem {
    Problem::error(
        Location::line(path, line),
        "a quoted field opens on this line and is never closed, so every row after it would be read as part of it",
    )
    .hint("close the quote with a second `\"` (write a quote inside a quoted field as `\"\"`), or remove it")
}

#[cfg(test)]
mod tests;
