//! Reading the strict ledger: every CSV file that `plan.actuals` names,
//! checked row by row against the plan, then merged and checked as a whole
//! (one figure per KPI and year; running totals never go down).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use csv::StringRecord;
use rust_decimal::Decimal;

use super::{Actual, Ledger};
use crate::csv_cells::{self, line_of};
use crate::plan::{FastHash, Plan};
use crate::problem::{closest, LineIndex, Location, Problem, Problems};
use crate::value::parse_plain;
use crate::year::FiscalYear;

pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The columns a ledger file may have, in the order `kpi import` writes them.
pub(super) const KNOWN_COLUMNS: &[&str] = &["kpi", "year", "value", "note", "source"];
pub(super) const REQUIRED_COLUMNS: &[&str] = &["kpi", "year", "value"];

const COLUMNS_HINT: &str =
    "the header row names the columns kpi, year and value, and optionally note and source";
const YEAR_HINT: &str = "write it as 2014, FY2014, 2014年度, H26 or 平成26年度";
const VALUE_HINT: &str =
    "write a plain decimal such as 2788 or 2.4; `kpi import` reads 2,788 and other forms";

/// Read every ledger file the plan names. Ok carries the warnings; Err every
/// problem (errors and warnings), sorted by file and line.
pub fn read(plan: &Plan) -> Result<(Ledger, Problems), Problems> {
    let mut reader = Reader {
        plan,
        ids: id_index(plan),
        ledger: Ledger::empty(plan.kpis.len()),
        problems: Problems::default(),
        next_kpi: 0,
    };
    for file in reader.ledger_files() {
        reader.read_file(&file);
    }
    reader.check_running_totals();
    let problems = reader.problems.sorted();
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok((reader.ledger, problems))
    }
}

/// The ledger files the plan names, in the order `read` reads them, with
/// any problem met finding them.
pub(super) fn files(plan: &Plan) -> (Vec<PathBuf>, Problems) {
    let mut reader = Reader {
        plan,
        ids: HashMap::default(),
        ledger: Ledger::empty(0),
        problems: Problems::default(),
        next_kpi: 0,
    };
    let files = reader.ledger_files();
    (files, reader.problems)
}

/// Each KPI id to its index in `plan.kpis`: a ledger row finds its KPI
/// without a search through a plan of thousands.
pub(crate) fn id_index(plan: &Plan) -> HashMap<&str, usize, FastHash> {
    plan.kpis
        .iter()
        .enumerate()
        .map(|(i, k)| (k.id.as_str(), i))
        .collect()
}

struct Reader<'p> {
    plan: &'p Plan,
    ids: HashMap<&'p str, usize, FastHash>,
    ledger: Ledger,
    problems: Problems,
    /// Where the next row's KPI most likely is: ledgers list KPIs in plan order.
    next_kpi: usize,
}

/// Where each column is in a ledger file's rows, found from its header:
/// the strict reader's, the values-only reader's (`figures`) and the
/// editor's (`edit`), which also lays out new files with it.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    pub(super) kpi: usize,
    pub(super) year: usize,
    pub(super) value: usize,
    pub(super) note: Option<usize>,
    pub(super) source: Option<usize>,
    /// How many fields every row has.
    pub(super) width: usize,
}

impl Columns {
    /// The columns of a header, from where each of `KNOWN_COLUMNS` is
    /// (`None` when a required one is missing).
    pub(super) fn found(found: [Option<usize>; 5], width: usize) -> Option<Columns> {
        Some(Columns {
            kpi: found[0]?,
            year: found[1]?,
            value: found[2]?,
            note: found[3],
            source: found[4],
            width,
        })
    }

    /// A figure as the ledger holds it, from its row's trimmed `field`s:
    /// an empty note or source is none.
    pub(super) fn actual<'r>(
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
            location,
        }
    }
}

impl Reader<'_> {
    /// The files to read, in order: each entry of `plan.actuals` in turn; a
    /// folder gives its `*.csv` files (not sub-folders, not names starting
    /// with `.`) sorted by name. A file named twice is read once.
    fn ledger_files(&mut self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut seen = HashSet::new();
        for entry in &self.plan.actuals {
            let found = match fs::metadata(entry) {
                Ok(meta) if meta.is_dir() => self.folder_files(entry),
                Ok(_) => vec![entry.clone()],
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    if self.plan.actuals_explicit {
                        self.problems.push(
                            Problem::error(
                                Location::file(entry),
                                "the ledger folder or file named in plan.actuals does not exist",
                            )
                            .hint(format!(
                                "create it, or fix `actuals` under [plan] in {}",
                                self.plan.path.display()
                            )),
                        );
                    }
                    // The default `actuals/` missing is just an empty ledger.
                    Vec::new()
                }
                Err(e) => {
                    self.problems.push(
                        Problem::error(
                            Location::file(entry),
                            format!("cannot read the ledger: {e}"),
                        )
                        .hint("check that the folder or file can be read"),
                    );
                    Vec::new()
                }
            };
            for file in found {
                let key = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
                if seen.insert(key) {
                    files.push(file);
                }
            }
        }
        files
    }

    fn folder_files(&mut self, dir: &Path) -> Vec<PathBuf> {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push(
                    Problem::error(
                        Location::file(dir),
                        format!("cannot list the ledger folder: {e}"),
                    )
                    .hint("check that the folder can be read"),
                );
                return Vec::new();
            }
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| is_ledger_file(path))
            .collect();
        files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
        files
    }

    fn read_file(&mut self, path: &Path) {
        self.ledger.files.push(path.to_path_buf());
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.problems.push(
                    Problem::error(Location::file(path), format!("cannot read the file: {e}"))
                        .hint("check that the file can be read"),
                );
                return;
            }
        };
        let bytes = bytes.strip_prefix(BOM).unwrap_or(&bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = &bytes[..e.valid_up_to()];
                let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                self.problems.push(
                    Problem::error(
                        Location::line(path, line),
                        "the file is not UTF-8 text (the first invalid bytes are on this line)",
                    )
                    .hint(
                        "save it as UTF-8, or bring it in with `kpi import`, which also reads \
                         Shift_JIS / CP932",
                    ),
                );
                return;
            }
        };
        let lines = LineIndex::new(text);
        let mut csv = csv_cells::reader(text);
        let mut columns: Option<Columns> = None;
        // One record, read into again and again: a million rows, no million allocations.
        let mut record = StringRecord::new();
        loop {
            match csv.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e
                        .position()
                        .map(|p| line_of(text, &lines, p.byte()))
                        .unwrap_or(1);
                    self.problems.push(
                        Problem::error(Location::line(path, line), format!("unreadable CSV: {e}"))
                            .hint("check the quotes on this line"),
                    );
                    continue;
                }
            };
            let line = record
                .position()
                .map(|p| line_of(text, &lines, p.byte()))
                .unwrap_or(1);
            if record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            match &columns {
                None => match self.header(path, line, &record) {
                    Some(found) => columns = Some(found),
                    // Without the required columns no row can be read.
                    None => return,
                },
                Some(columns) => self.row(path, line, &record, columns),
            }
        }
        if columns.is_none() {
            self.problems.push(
                Problem::warning(
                    Location::file(path),
                    "the file has no header row and no figures",
                )
                .hint("begin a ledger file with the header row kpi,year,value"),
            );
        }
    }

    /// Find the columns by name; `None` when a required one is missing.
    fn header(&mut self, path: &Path, line: usize, record: &StringRecord) -> Option<Columns> {
        let at = || Location::line(path, line);
        let names: Vec<String> = record.iter().map(|n| n.trim().to_lowercase()).collect();
        let mut found: [Option<usize>; 5] = [None; 5];
        let mut unknown = BTreeSet::new();
        for (i, name) in names.iter().enumerate() {
            match KNOWN_COLUMNS.iter().position(|k| k == name) {
                Some(k) if found[k].is_some() => self.problems.push(
                    Problem::error(
                        at(),
                        format!("the column `{name}` appears twice in the header"),
                    )
                    .hint("keep one of the two columns"),
                ),
                Some(k) => found[k] = Some(i),
                None => {
                    if unknown.insert(name.clone()) {
                        let hint = match closest(name, KNOWN_COLUMNS) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => "the ledger reads only the columns kpi, year, value, note and source"
                                .to_string(),
                        };
                        self.problems.push(
                            Problem::warning(at(), format!("unknown column `{name}` is ignored"))
                                .hint(hint),
                        );
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
            self.problems.push(
                Problem::error(
                    at(),
                    format!(
                        "the header lacks the {noun} {missing_list} (columns found: {found_list})"
                    ),
                )
                .hint(COLUMNS_HINT),
            );
            return None;
        }
        Columns::found(found, record.len())
    }

    fn row(&mut self, path: &Path, line: usize, record: &StringRecord, columns: &Columns) {
        let at = || Location::line(path, line);
        if record.len() != columns.width {
            self.problems.push(
                Problem::error(
                    at(),
                    format!(
                        "the row has {} fields but the header has {}",
                        record.len(),
                        columns.width
                    ),
                )
                .hint("give every row one field per header column; quote a note that contains a comma"),
            );
            return;
        }
        let field = |i: usize| record.get(i).unwrap_or("").trim();

        let id = field(columns.kpi);
        let kpi = if id.is_empty() {
            self.problems.push(
                Problem::error(at(), "the row has no KPI id in column `kpi`")
                    .hint("write the KPI's id as the plan gives it"),
            );
            None
        } else {
            let index = self.kpi_index(id);
            if index.is_none() {
                self.problems.push(
                    Problem::error(at(), format!("unknown KPI `{id}` in column `kpi`"))
                        .hint(self.unknown_kpi_hint(id)),
                );
            }
            index
        };

        let year_text = field(columns.year);
        let year = if year_text.is_empty() {
            self.problems
                .push(Problem::error(at(), "the row has no year in column `year`").hint(YEAR_HINT));
            None
        } else {
            match FiscalYear::parse(year_text) {
                Ok(year) => Some(year),
                Err(_) => {
                    self.problems.push(
                        Problem::error(
                            at(),
                            format!("`{year_text}` in column `year` is not a fiscal year"),
                        )
                        .hint(YEAR_HINT),
                    );
                    None
                }
            }
        };

        let value_text = field(columns.value);
        let value = if value_text.is_empty() {
            // No figure for this KPI and year.
            return;
        } else {
            match parse_plain(value_text) {
                Some(value) => match crate::value::out_of_range(value) {
                    None => Some(value),
                    Some(why) => {
                        self.problems.push(
                            Problem::error(at(), format!("column `value`: {why}"))
                                .hint("check the figure, or record the KPI in a larger unit"),
                        );
                        None
                    }
                },
                None => {
                    self.problems.push(
                        Problem::error(
                            at(),
                            format!(
                                "`{value_text}` in column `value` is not a plain decimal number"
                            ),
                        )
                        .hint(VALUE_HINT),
                    );
                    None
                }
            }
        };

        let (Some(kpi), Some(year), Some(value)) = (kpi, year, value) else {
            return;
        };
        let actual = columns.actual(value, field, at());
        self.add(kpi, year, actual);
    }

    /// The KPI with this id: the one after the last found, if it is, else
    /// from the index.
    fn kpi_index(&mut self, id: &str) -> Option<usize> {
        let found = match self.plan.kpis.get(self.next_kpi) {
            Some(k) if k.id == id => Some(self.next_kpi),
            _ => self.ids.get(id).copied(),
        };
        if let Some(i) = found {
            self.next_kpi = i + 1;
        }
        found
    }

    /// Add a figure, keeping one per KPI and year across the whole ledger.
    fn add(&mut self, kpi: usize, year: FiscalYear, actual: Actual) {
        let id = &self.plan.kpis[kpi].id;
        // Labels are made only for a problem: a million rows make none.
        let label = || year.label(self.plan.year_style);
        match self.ledger.series[kpi].get(&year) {
            None => {
                self.ledger.series[kpi].insert(year, actual);
            }
            Some(first) if first.value == actual.value => self.problems.push(
                Problem::warning(
                    actual.location,
                    format!(
                        "`{id}` {} is given twice with the same value `{}` (also at {})",
                        label(),
                        actual.value,
                        first.location
                    ),
                )
                .hint("delete one of the two rows"),
            ),
            Some(first) => self.problems.push(
                Problem::error(
                    actual.location,
                    format!(
                        "`{id}` {} has two different figures: `{}` here and `{}` at {}",
                        label(),
                        actual.value,
                        first.value,
                        first.location
                    ),
                )
                .hint("keep the right figure and delete the other row"),
            ),
        }
    }

    fn check_running_totals(&mut self) {
        for problem in running_total_problems(self.plan, &self.ledger.series) {
            self.problems.push(problem);
        }
    }

    fn unknown_kpi_hint(&self, id: &str) -> String {
        if let Some(kpi) = self.plan.kpis.iter().find(|k| k.name == id) {
            return format!("the ledger names KPIs by id: write `{}`", kpi.id);
        }
        let ids: Vec<&str> = self.plan.kpis.iter().map(|k| k.id.as_str()).collect();
        match closest(id, &ids) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "add it to the plan or fix the id".to_string(),
        }
    }
}

/// A cumulative KPI is a running total: no figure may fall below its
/// baseline (after the baseline year) or below the figure of the nearest
/// earlier year in the ledger.
pub(crate) fn running_total_problems<F: Placed>(
    plan: &Plan,
    series: &[BTreeMap<FiscalYear, F>],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let style = plan.year_style;
    for (kpi, series) in plan.kpis.iter().zip(series) {
        if !kpi.cumulative {
            continue;
        }
        let id = &kpi.id;
        let mut previous: Option<(FiscalYear, &F)> = None;
        for (&year, actual) in series {
            let label = || year.label(style);
            if let Some((prev_year, prev)) = previous.filter(|(_, p)| actual.value() < p.value()) {
                problems.push(
                    Problem::error(
                        actual.location().clone(),
                        format!(
                            "`{id}` is cumulative, but its {} figure `{}` is below its \
                             {} figure `{}` (at {})",
                            label(),
                            actual.value(),
                            prev_year.label(style),
                            prev.value(),
                            prev.location()
                        ),
                    )
                    .hint(
                        "a running total never goes down: fix the figure, or remove \
                         `cumulative = true` from the KPI if it is not a running total",
                    ),
                );
            } else if year > kpi.baseline.year && actual.value() < kpi.baseline.value {
                problems.push(
                    Problem::error(
                        actual.location().clone(),
                        format!(
                            "`{id}` is cumulative, but its {} figure `{}` is below its \
                             {} baseline `{}`",
                            label(),
                            actual.value(),
                            kpi.baseline.year.label(style),
                            kpi.baseline.value
                        ),
                    )
                    .hint(
                        "a running total never falls below its baseline: fix the figure, \
                         or the baseline in the plan",
                    ),
                );
            }
            previous = Some((year, actual));
        }
    }
    problems
}

/// A figure the running-total check can name: its value and where it is
/// (a ledger's figure, or an import's before it is written).
pub(crate) trait Placed {
    fn value(&self) -> Decimal;
    fn location(&self) -> &Location;
}

impl Placed for Actual {
    fn value(&self) -> Decimal {
        self.value
    }

    fn location(&self) -> &Location {
        &self.location
    }
}

/// A `*.csv` file directly in a ledger folder, not hidden (`kpi import`
/// writes its temporary files with a leading `.`).
fn is_ledger_file(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    !name.to_string_lossy().starts_with('.')
        && path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"))
        && path.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Severity;
    use rust_decimal::Decimal;
    use std::str::FromStr;
    use tempfile::TempDir;

    /// A plan in `dir` with `[plan]` lines `extra`, a plain KPI
    /// `fair-exhibitors` (baseline 10 in 2014) and a running total
    /// `startups-supported` (baseline 49 in 2014).
    fn plan_in(dir: &Path, extra: &str) -> Plan {
        let toml = format!(
            r#"[plan]
title = "t"
baseline_year = 2014
target_year = 2019
{extra}

[[goal]]
id = "1"
name = "g"

[[kpi]]
id = "fair-exhibitors"
name = "あさか産業フェア参加事業所数"
goal = "1"
baseline = {{ value = 10 }}
target = {{ value = 20 }}

[[kpi]]
id = "startups-supported"
name = "s"
goal = "1"
baseline = {{ value = 49 }}
target = {{ value = 157 }}
cumulative = true
"#
        );
        match crate::plan::load_str(&dir.join("kpi.toml"), &toml) {
            Ok((plan, _)) => plan,
            Err(problems) => panic!("test plan does not load: {problems:?}"),
        }
    }

    fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    /// A temporary folder holding the plan and `actuals/` with these files.
    fn setup(files: &[(&str, &str)]) -> (TempDir, Plan) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            write(dir.path(), &format!("actuals/{name}"), text);
        }
        let plan = plan_in(dir.path(), "");
        (dir, plan)
    }

    fn ok(plan: &Plan) -> (Ledger, Problems) {
        match read(plan) {
            Ok(read) => read,
            Err(problems) => panic!("expected the ledger to read, got {problems:#?}"),
        }
    }

    fn err(plan: &Plan) -> Vec<Problem> {
        match read(plan) {
            Ok((ledger, warnings)) => panic!("expected errors, got {ledger:#?} {warnings:#?}"),
            Err(problems) => problems.0,
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    const FAIR: usize = 0;
    const STARTUPS: usize = 1;

    fn figure(ledger: &Ledger, kpi: usize, year: i32) -> &Actual {
        ledger.series[kpi]
            .get(&FiscalYear(year))
            .unwrap_or_else(|| panic!("no figure for kpi {kpi} in {year}"))
    }

    /// Assert one problem's severity, file name, line and message text.
    #[track_caller]
    fn assert_problem(p: &Problem, severity: Severity, file: &str, line: usize, text: &str) {
        assert_eq!(p.severity, severity, "{p}");
        assert_eq!(
            p.location.file.file_name().and_then(|n| n.to_str()),
            Some(file),
            "{p}"
        );
        assert_eq!(p.location.line, Some(line), "{p}");
        assert!(p.message.contains(text), "{p}\nshould contain {text:?}");
    }

    #[test]
    fn reads_figures_with_note_source_and_place() {
        let (dir, plan) = setup(&[(
            "2015.csv",
            "kpi,year,value,note,source\n\
             fair-exhibitors,2015,65,,\n\
             startups-supported,H27,71,\"2 withdrew, counted per 産業振興課\",産業振興課資料\n",
        )]);
        let (ledger, warnings) = ok(&plan);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(ledger.files, vec![dir.path().join("actuals/2015.csv")]);
        assert_eq!(ledger.figure_count(), 2);
        let fair = figure(&ledger, FAIR, 2015);
        assert_eq!(fair.value, d("65"));
        assert_eq!((fair.note.as_deref(), fair.source.as_deref()), (None, None));
        assert_eq!(
            fair.location,
            Location::line(&dir.path().join("actuals/2015.csv"), 2)
        );
        let startups = figure(&ledger, STARTUPS, 2015);
        assert_eq!(startups.value, d("71"));
        assert_eq!(
            startups.note.as_deref(),
            Some("2 withdrew, counted per 産業振興課")
        );
        assert_eq!(startups.source.as_deref(), Some("産業振興課資料"));
        assert_eq!(startups.location.line, Some(3));
    }

    #[test]
    fn comments_and_blank_lines_keep_line_numbers_right() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "# 朝霞市 実績値 2015年度\n\
             # NOTE: illustrative\n\
             \n\
             kpi,year,value,bogus\n\
             # a comment between rows\n\
             fair-exhibitors,2015,65,\n\
             \n\
             # another\n\
             startups-supported,2015,\"7\n1\",\n\
             nope,2016,3,\n",
        )]);
        let problems = err(&plan);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        // The header is on line 4, after two comments and a blank line.
        assert_problem(&problems[0], Severity::Warning, "2015.csv", 4, "`bogus`");
        // A quoted value with a line break starts on line 9...
        assert_problem(&problems[1], Severity::Error, "2015.csv", 9, "`7\n1`");
        // ...and the row after it is on line 11.
        assert_problem(&problems[2], Severity::Error, "2015.csv", 11, "`nope`");

        let (_dir, plan) = setup(&[(
            "2015.csv",
            "# c\nkpi,year,value\n# c\nfair-exhibitors,2015,65\n\n#\nstartups-supported,2015,71\n",
        )]);
        let (ledger, _) = ok(&plan);
        assert_eq!(figure(&ledger, FAIR, 2015).location.line, Some(4));
        assert_eq!(figure(&ledger, STARTUPS, 2015).location.line, Some(7));
    }

    #[test]
    fn crlf_line_ends_keep_line_numbers_right() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "# c\r\nkpi,year,value\r\n\r\nfair-exhibitors,2015,65\r\n# c\r\nstartups-supported,2015,71\r\n",
        )]);
        let (ledger, _) = ok(&plan);
        assert_eq!(figure(&ledger, FAIR, 2015).location.line, Some(4));
        assert_eq!(figure(&ledger, STARTUPS, 2015).location.line, Some(6));
    }

    #[test]
    fn a_byte_order_mark_is_tolerated() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "\u{feff}kpi,year,value\nfair-exhibitors,2015,65\n",
        )]);
        let (ledger, warnings) = ok(&plan);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(figure(&ledger, FAIR, 2015).value, d("65"));

        // Also before a comment line.
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "\u{feff}# title\nkpi,year,value\nfair-exhibitors,2015,65\n",
        )]);
        let (ledger, _) = ok(&plan);
        assert_eq!(figure(&ledger, FAIR, 2015).location.line, Some(3));
    }

    #[test]
    fn columns_are_found_by_name_in_any_case_and_order() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            " Value , NOTE,Year,  KPI \n65,hello,FY2015,fair-exhibitors\n",
        )]);
        let (ledger, warnings) = ok(&plan);
        assert!(warnings.is_empty(), "{warnings:?}");
        let fair = figure(&ledger, FAIR, 2015);
        assert_eq!(fair.value, d("65"));
        assert_eq!(fair.note.as_deref(), Some("hello"));
    }

    #[test]
    fn an_empty_value_is_no_figure() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "kpi,year,value,note\n\
             fair-exhibitors,2015,,not surveyed\n\
             startups-supported,2015,   ,\n\
             fair-exhibitors,2016,66,\n",
        )]);
        let (ledger, warnings) = ok(&plan);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(ledger.figure_count(), 1);
        assert!(!ledger.series[FAIR].contains_key(&FiscalYear(2015)));
        assert!(ledger.series[STARTUPS].is_empty());
    }

    #[test]
    fn an_unknown_column_is_a_warning_once_per_file() {
        let (_dir, plan) = setup(&[
            (
                "2015.csv",
                "kpi,year,value,remarks,remarks\nfair-exhibitors,2015,65,x,y\n",
            ),
            (
                "2016.csv",
                "kpi,year,value,notes\nfair-exhibitors,2016,66,x\n",
            ),
        ]);
        let (ledger, warnings) = ok(&plan);
        assert_eq!(ledger.figure_count(), 2);
        let w = &warnings.0;
        assert_eq!(w.len(), 2, "{w:#?}");
        assert_problem(
            &w[0],
            Severity::Warning,
            "2015.csv",
            1,
            "unknown column `remarks`",
        );
        assert_problem(
            &w[1],
            Severity::Warning,
            "2016.csv",
            1,
            "unknown column `notes`",
        );
        assert_eq!(w[1].hint.as_deref(), Some("did you mean `note`?"));
    }

    #[test]
    fn a_missing_required_column_is_an_error_naming_the_columns_found() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "# title\nkpi,year,amount\nfair-exhibitors,2015,65\n",
        )]);
        let problems = err(&plan);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_problem(&problems[0], Severity::Warning, "2015.csv", 2, "`amount`");
        let p = &problems[1];
        assert_problem(
            p,
            Severity::Error,
            "2015.csv",
            2,
            "lacks the column `value`",
        );
        assert!(
            p.message.contains("columns found: `kpi`, `year`, `amount`"),
            "{p}"
        );
        assert!(p.hint.as_deref().unwrap().contains("kpi, year and value"));
    }

    #[test]
    fn a_bad_year_is_an_error() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "kpi,year,value\nfair-exhibitors,2015,65\nfair-exhibitors,H2x,66\nfair-exhibitors,,67\n",
        )]);
        let problems = err(&plan);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_problem(
            &problems[0],
            Severity::Error,
            "2015.csv",
            3,
            "`H2x` in column `year` is not a fiscal year",
        );
        assert!(problems[0].hint.as_deref().unwrap().contains("H26"));
        assert_problem(&problems[1], Severity::Error, "2015.csv", 4, "no year");
    }

    #[test]
    fn a_value_that_is_not_a_plain_decimal_is_an_error() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "kpi,year,value\n\
             fair-exhibitors,2015,\"2,788\"\n\
             fair-exhibitors,2016,abc\n\
             fair-exhibitors,2017,1.\n\
             fair-exhibitors,2018,-3\n\
             fair-exhibitors,2019,2.4\n",
        )]);
        let problems = err(&plan);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        for (p, (line, text)) in problems.iter().zip([(2, "2,788"), (3, "abc"), (4, "1.")]) {
            assert_problem(
                p,
                Severity::Error,
                "2015.csv",
                line,
                &format!("`{text}` in column `value` is not a plain decimal"),
            );
            assert_eq!(p.hint.as_deref(), Some(VALUE_HINT));
        }
        assert_eq!(
            problems[0].to_string().rsplit_once(": ").unwrap().1,
            "`2,788` in column `value` is not a plain decimal number; write a plain decimal \
             such as 2788 or 2.4; `kpi import` reads 2,788 and other forms"
        );
    }

    #[test]
    fn an_unknown_kpi_is_an_error_with_the_nearest_id() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "kpi,year,value\n\
             fair-exhibitor,2015,65\n\
             population,2015,1\n\
             あさか産業フェア参加事業所数,2015,65\n",
        )]);
        let problems = err(&plan);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert_problem(
            &problems[0],
            Severity::Error,
            "2015.csv",
            2,
            "unknown KPI `fair-exhibitor`",
        );
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean `fair-exhibitors`?")
        );
        assert_problem(
            &problems[1],
            Severity::Error,
            "2015.csv",
            3,
            "unknown KPI `population`",
        );
        assert_eq!(
            problems[1].hint.as_deref(),
            Some("add it to the plan or fix the id")
        );
        assert_problem(&problems[2], Severity::Error, "2015.csv", 4, "unknown KPI");
        assert!(problems[2]
            .hint
            .as_deref()
            .unwrap()
            .contains("`fair-exhibitors`"));
    }

    #[test]
    fn the_same_figure_twice_is_a_warning_naming_both_places() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "kpi,year,value\nfair-exhibitors,2015,2.40\nfair-exhibitors,H27,2.4\n",
        )]);
        let (ledger, warnings) = ok(&plan);
        assert_eq!(ledger.figure_count(), 1);
        assert_eq!(figure(&ledger, FAIR, 2015).location.line, Some(2));
        let w = &warnings.0;
        assert_eq!(w.len(), 1, "{w:#?}");
        assert_problem(
            &w[0],
            Severity::Warning,
            "2015.csv",
            3,
            "given twice with the same value",
        );
        assert!(w[0].message.contains("2015.csv:2"), "{}", w[0]);
    }

    #[test]
    fn two_different_figures_across_files_are_an_error_naming_both() {
        let (_dir, plan) = setup(&[
            ("a.csv", "kpi,year,value\nfair-exhibitors,2015,65\n"),
            ("b.csv", "kpi,year,value\n# c\nfair-exhibitors,2015,70\n"),
        ]);
        let problems = err(&plan);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let p = &problems[0];
        assert_problem(
            p,
            Severity::Error,
            "b.csv",
            3,
            "`fair-exhibitors` FY2015 has two different figures",
        );
        assert!(p.message.contains("`70` here"), "{p}");
        assert!(p.message.contains("`65` at "), "{p}");
        assert!(p.message.contains("a.csv:2"), "{p}");
    }

    #[test]
    fn a_running_total_may_not_fall_below_its_previous_figure() {
        let (_dir, plan) = setup(&[
            ("2015.csv", "kpi,year,value\nstartups-supported,2015,65\n"),
            (
                "2016.csv",
                "kpi,year,value\nstartups-supported,2016,65\nstartups-supported,2018,60\n",
            ),
            // A fall in a plain KPI is no error.
            (
                "2017.csv",
                "kpi,year,value\nfair-exhibitors,2016,9\nfair-exhibitors,2017,5\n",
            ),
        ]);
        let problems = err(&plan);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let p = &problems[0];
        assert_problem(
            p,
            Severity::Error,
            "2016.csv",
            3,
            "`startups-supported` is cumulative, but its FY2018 figure `60` is below its FY2016 figure `65`",
        );
        assert!(p.message.contains("2016.csv:2"), "{p}");
    }

    #[test]
    fn a_running_total_may_not_fall_below_its_baseline() {
        let (_dir, plan) = setup(&[(
            "2016.csv",
            // 2013 is history before the baseline year: not checked against it.
            "kpi,year,value\nstartups-supported,2013,30\nstartups-supported,2016,40\n",
        )]);
        let problems = err(&plan);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_problem(
            &problems[0],
            Severity::Error,
            "2016.csv",
            3,
            "its FY2016 figure `40` is below its FY2014 baseline `49`",
        );
    }

    #[test]
    fn only_visible_csv_files_directly_in_the_folder_are_read_in_name_order() {
        let header = "kpi,year,value\n";
        let (dir, plan) = setup(&[
            ("2016.csv", &format!("{header}fair-exhibitors,2016,66\n")),
            ("2015.CSV", &format!("{header}fair-exhibitors,2015,65\n")),
            (".2017.csv.tmp", "garbage"),
            (".2017.csv", "garbage"),
            ("notes.txt", "garbage"),
            ("old/2014.csv", "garbage"),
            ("sub.csv/x.csv", "garbage"),
        ]);
        let (ledger, warnings) = ok(&plan);
        assert!(warnings.is_empty(), "{warnings:?}");
        let actuals = dir.path().join("actuals");
        assert_eq!(
            ledger.files,
            vec![actuals.join("2015.CSV"), actuals.join("2016.csv")]
        );
        assert_eq!(ledger.figure_count(), 2);
    }

    #[test]
    fn explicit_files_and_folders_are_read_in_order() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "data/b.csv",
            "kpi,year,value\nfair-exhibitors,2016,66\n",
        );
        write(
            dir.path(),
            "data/a.csv",
            "kpi,year,value\nfair-exhibitors,2015,65\n",
        );
        write(
            dir.path(),
            "extra.txt",
            "kpi,year,value\nfair-exhibitors,2017,67\n",
        );
        let plan = plan_in(
            dir.path(),
            r#"actuals = ["extra.txt", "data", "data/a.csv"]"#,
        );
        let (ledger, warnings) = ok(&plan);
        assert!(warnings.is_empty(), "{warnings:?}");
        // A file named twice is read once.
        assert_eq!(
            ledger.files,
            vec![
                dir.path().join("extra.txt"),
                dir.path().join("data/a.csv"),
                dir.path().join("data/b.csv"),
            ]
        );
        assert_eq!(ledger.figure_count(), 3);
    }

    #[test]
    fn a_missing_default_folder_is_an_empty_ledger() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path(), "");
        assert!(!plan.actuals_explicit);
        let (ledger, warnings) = ok(&plan);
        assert!(warnings.is_empty());
        assert_eq!(ledger, Ledger::empty(2));
        assert_eq!(ledger.newest_year(), None);
        assert_eq!(ledger.figure_count(), 0);
    }

    #[test]
    fn a_missing_explicit_path_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path(), r#"actuals = ["actuals", "more.csv"]"#);
        let problems = err(&plan);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        for (p, name) in problems.iter().zip(["actuals", "more.csv"]) {
            assert_eq!(p.severity, Severity::Error);
            assert_eq!(p.location, Location::file(&dir.path().join(name)));
            assert!(p.message.contains("does not exist"), "{p}");
            assert!(p.hint.as_deref().unwrap().contains("actuals"), "{p}");
        }
    }

    #[test]
    fn invalid_utf8_is_an_error_with_its_line() {
        // 実績 in Shift_JIS on line 3.
        let (_dir, plan) = setup(&[]);
        write(
            plan.path.parent().unwrap(),
            "actuals/2015.csv",
            b"kpi,year,value,note\nfair-exhibitors,2015,65,\nfair-exhibitors,2016,66,\x8e\xc0\x90\xd1\n",
        );
        let problems = err(&plan);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_problem(&problems[0], Severity::Error, "2015.csv", 3, "not UTF-8");
        assert!(problems[0].hint.as_deref().unwrap().contains("kpi import"));
    }

    #[test]
    fn a_row_with_the_wrong_number_of_fields_is_an_error() {
        let (_dir, plan) = setup(&[(
            "2015.csv",
            "kpi,year,value,note\n\
             fair-exhibitors,2015,65,2 withdrew, 1 moved\n\
             fair-exhibitors,2016,66\n\
             fair-exhibitors,2017,67,\n\
             ,,,\n",
        )]);
        let problems = err(&plan);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_problem(
            &problems[0],
            Severity::Error,
            "2015.csv",
            2,
            "the row has 5 fields but the header has 4",
        );
        assert_problem(
            &problems[1],
            Severity::Error,
            "2015.csv",
            3,
            "the row has 3 fields but the header has 4",
        );
    }

    #[test]
    fn every_problem_is_reported_in_one_run_sorted_by_file_and_line() {
        let (_dir, plan) = setup(&[
            (
                "2016.csv",
                "kpi,year,value\nstartups-supported,2016,40\nfair-exhibitors,2015,70\n",
            ),
            (
                "2015.csv",
                "kpi,year,value,extra\n\
                 nope,2015,1,\n\
                 fair-exhibitors,H99x,abc,\n\
                 fair-exhibitors,2015,65,\n",
            ),
            ("2017.csv", "kpi,value\nfair-exhibitors,1\n"),
        ]);
        let problems = err(&plan);
        let got: Vec<(Severity, String, Option<usize>)> = problems
            .iter()
            .map(|p| {
                (
                    p.severity,
                    p.location
                        .file
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    p.location.line,
                )
            })
            .collect();
        use Severity::{Error as E, Warning as W};
        assert_eq!(
            got,
            vec![
                (W, "2015.csv".to_string(), Some(1)), // unknown column `extra`
                (E, "2015.csv".to_string(), Some(2)), // unknown KPI
                (E, "2015.csv".to_string(), Some(3)), // bad year
                (E, "2015.csv".to_string(), Some(3)), // bad value
                (E, "2016.csv".to_string(), Some(2)), // below baseline
                (E, "2016.csv".to_string(), Some(3)), // conflict with 2015.csv:4
                (E, "2017.csv".to_string(), Some(1)), // no year column
            ],
            "{problems:#?}"
        );
        assert!(
            problems[5].message.contains("2015.csv:4"),
            "{}",
            problems[5]
        );
    }

    #[test]
    fn the_newest_year_is_over_every_kpi() {
        let (_dir, plan) = setup(&[
            (
                "2015.csv",
                "kpi,year,value\nfair-exhibitors,2015,65\nstartups-supported,2017,60\n",
            ),
            ("2016.csv", "kpi,year,value\nfair-exhibitors,H28,66\n"),
        ]);
        let (ledger, _) = ok(&plan);
        assert_eq!(ledger.newest_year(), Some(FiscalYear(2017)));
        assert_eq!(ledger.figure_count(), 3);
        assert_eq!(Ledger::empty(3).newest_year(), None);
    }

    #[test]
    fn a_file_without_a_header_is_a_warning() {
        let (_dir, plan) = setup(&[("2015.csv", "# only a comment\n\n")]);
        let (ledger, warnings) = ok(&plan);
        assert_eq!(ledger.figure_count(), 0);
        assert_eq!(warnings.0.len(), 1);
        assert_eq!(warnings.0[0].severity, Severity::Warning);
        assert!(warnings.0[0].message.contains("no header row"));
    }

    #[test]
    fn the_seed_ledger_reads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka/kpi.toml");
        let Ok((plan, _)) = crate::plan::load(&root) else {
            return; // the seed plan is another module's concern
        };
        let (ledger, _) = ok(&plan);
        assert_eq!(ledger.files.len(), 5);
        assert!(ledger.figure_count() > 0);
    }
}
