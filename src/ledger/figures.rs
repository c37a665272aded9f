//! The ledger's figures alone, for the commands that evaluate them
//! (`status`, `check`, `validate`, `gap`, `report`, …), which never print a
//! figure's note, source or line.
//!
//! `read` keeps every figure's note, source and file and line, so that any
//! problem can be named where it is; for a national ledger of a million
//! figures that is most of the memory `kpi` uses. A ledger with no problem
//! at all, the usual case, is read here as values only. This reader makes
//! every check `read` makes, but says nothing: at the first thing `read`
//! would report (an error or a warning) it gives up, and the caller reads
//! the ledger with `read`, which reports it with its file and line.

use std::fs;
use std::path::PathBuf;

use csv::StringRecord;

use super::read::{files, line_of, BOM, KNOWN_COLUMNS, REQUIRED_COLUMNS};
use super::{Actual, Ledger};
use crate::plan::Plan;
use crate::problem::{LineIndex, Location};
use crate::progress::Series;
use crate::value::{out_of_range, parse_plain};
use crate::year::FiscalYear;

/// Each KPI's figures by year (index = index in `plan.kpis`), and the
/// files read, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub series: Vec<Series>,
    pub files: Vec<PathBuf>,
}

impl Figures {
    /// How many figures the ledger holds, over all KPIs and years.
    pub fn figure_count(&self) -> usize {
        self.series.iter().map(Series::len).sum()
    }
}

impl From<Ledger> for Figures {
    /// The values of a ledger read with `read`, each KPI's details dropped
    /// as it is converted.
    fn from(ledger: Ledger) -> Figures {
        Figures {
            series: ledger
                .series
                .into_iter()
                .map(|s| s.into_iter().map(|(y, a)| (y, a.value)).collect())
                .collect(),
            files: ledger.files,
        }
    }
}

/// The figures of a ledger in which `read` finds no problem; `None`
/// otherwise (and on any doubt).
pub fn read_clean(plan: &Plan) -> Option<Figures> {
    read_checked(plan, None).map(|(figures, _)| figures)
}

/// For a ledger in which `read` finds no problem, what `read` gives of the
/// figures `keep` accepts (value, note, source, file and line), and of no
/// others: `kpi import` needs only the figures it meets. `None` otherwise.
pub fn read_clean_keeping(plan: &Plan, keep: &dyn Fn(usize, FiscalYear) -> bool) -> Option<Ledger> {
    read_checked(plan, Some(keep)).map(|(_, kept)| kept)
}

fn read_checked(
    plan: &Plan,
    keep: Option<&dyn Fn(usize, FiscalYear) -> bool>,
) -> Option<(Figures, Ledger)> {
    let (files, problems) = files(plan);
    if !problems.is_empty() {
        return None;
    }
    let mut series = vec![Series::new(); plan.kpis.len()];
    let mut kept = Ledger::empty(if keep.is_some() { plan.kpis.len() } else { 0 });
    let mut next_kpi = 0;
    for file in &files {
        let bytes = fs::read(file).ok()?;
        let bytes = bytes.strip_prefix(BOM).unwrap_or(&bytes);
        let text = std::str::from_utf8(bytes).ok()?;
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let mut record = StringRecord::new();
        let mut columns: Option<Columns> = None;
        // Lines are counted only in a file with a figure to keep.
        let mut lines: Option<LineIndex> = None;
        while csv.read_record(&mut record).ok()? {
            if record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            let Some(c) = &columns else {
                columns = Some(header(&record)?);
                continue;
            };
            if record.len() != c.width {
                return None;
            }
            let field = |i: usize| record.get(i).unwrap_or("").trim();
            let index = kpi_index(plan, field(c.kpi), &mut next_kpi)?;
            let year = FiscalYear::parse(field(c.year)).ok()?;
            let value_text = field(c.value);
            if value_text.is_empty() {
                continue; // no figure for this KPI and year
            }
            let value = parse_plain(value_text)?;
            if out_of_range(value).is_some() || series[index].insert(year, value).is_some() {
                return None;
            }
            if keep.is_some_and(|keep| keep(index, year)) {
                // As `read` has it: the line the record starts on, trimmed
                // note and source, empty ones none.
                let lines = lines.get_or_insert_with(|| LineIndex::new(text));
                let line = record
                    .position()
                    .map_or(1, |p| line_of(text, lines, p.byte()));
                let optional = |column: Option<usize>| {
                    column
                        .map(field)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                };
                let actual = Actual {
                    value,
                    note: optional(c.note),
                    source: optional(c.source),
                    location: Location::line(file, line),
                };
                kept.series[index].insert(year, actual);
            }
        }
        columns?; // a file without a header row is a warning
    }
    kept.files = files.clone();
    running_totals_hold(plan, &series).then_some((Figures { series, files }, kept))
}

/// Where a file's columns are, and how many fields every row has.
struct Columns {
    kpi: usize,
    year: usize,
    value: usize,
    note: Option<usize>,
    source: Option<usize>,
    width: usize,
}

/// The columns of a header naming only known columns, each once, the
/// required ones among them.
fn header(record: &StringRecord) -> Option<Columns> {
    let mut found = [None; 5];
    for (i, name) in record.iter().enumerate() {
        let name = name.trim().to_lowercase();
        let k = KNOWN_COLUMNS.iter().position(|known| *known == name)?;
        if found[k].replace(i).is_some() {
            return None;
        }
    }
    debug_assert_eq!(&KNOWN_COLUMNS[..REQUIRED_COLUMNS.len()], REQUIRED_COLUMNS);
    Some(Columns {
        kpi: found[0]?,
        year: found[1]?,
        value: found[2]?,
        note: found[3],
        source: found[4],
        width: record.len(),
    })
}

/// The KPI with this id; ledgers list KPIs in plan order, so the one after
/// the last found is tried first.
fn kpi_index(plan: &Plan, id: &str, next: &mut usize) -> Option<usize> {
    let i = match plan.kpis.get(*next) {
        Some(k) if k.id == id => *next,
        _ => plan.kpi_index(id)?,
    };
    *next = i + 1;
    Some(i)
}

/// A running total never falls below its baseline (after the baseline year)
/// or below its figure of an earlier year.
fn running_totals_hold(plan: &Plan, series: &[Series]) -> bool {
    plan.kpis.iter().zip(series).all(|(kpi, s)| {
        !kpi.cumulative
            || s.iter().zip(s.values().skip(1)).all(|((_, a), b)| b >= a)
                && s.iter()
                    .all(|(year, v)| *year <= kpi.baseline.year || *v >= kpi.baseline.value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::read;

    const PLAN: &str = r#"[plan]
title = "t"
baseline_year = 2014
target_year = 2019

[[goal]]
id = "1"
name = "g"

[[kpi]]
id = "fair-exhibitors"
name = "あさか産業フェア参加事業所数"
goal = "1"
baseline = { value = 10 }
target = { value = 20 }

[[kpi]]
id = "startups-supported"
name = "s"
goal = "1"
baseline = { value = 49 }
target = { value = 157 }
cumulative = true
"#;

    /// `read_clean` on a ledger of these files, beside what `read` makes of it.
    fn both(files: &[(&str, &str)]) -> (Option<Figures>, Option<Figures>) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("actuals")).unwrap();
        for (name, text) in files {
            fs::write(dir.path().join("actuals").join(name), text).unwrap();
        }
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), PLAN).unwrap();
        let strict = match read(&plan) {
            Ok((ledger, problems)) if problems.is_empty() => Some(Figures::from(ledger)),
            _ => None,
        };
        (read_clean(&plan), strict)
    }

    const HEAD: &str = "kpi,year,value,note\n";

    #[test]
    fn a_clean_ledger_gives_the_strict_readers_figures() {
        let ledger_2015 = format!(
            "\u{feff}# comment\n\n{HEAD}fair-exhibitors,2015,12,\"a, b\"\nstartups-supported,H27,60,\n\n"
        );
        let ledger_2016 =
            format!("{HEAD}fair-exhibitors,FY2016,,\nstartups-supported,2016,60.0,\n");
        let files = [
            ("2015.csv", ledger_2015.as_str()),
            ("2016.csv", ledger_2016.as_str()),
        ];
        let (clean, strict) = both(&files);
        assert!(clean.is_some());
        assert_eq!(clean, strict);
        let figures = clean.unwrap();
        assert_eq!(figures.figure_count(), 3, "the empty value is no figure");
        assert_eq!(figures.files.len(), 2);
        // 60.0 keeps its decimal, as the strict reader keeps it.
        assert_eq!(figures.series[1][&FiscalYear(2016)].to_string(), "60.0");
    }

    #[test]
    fn figures_kept_are_the_strict_readers_with_note_source_and_line() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("actuals")).unwrap();
        let text = "\u{feff}# comment\n\nkpi,year,value,note,source\n\
                    fair-exhibitors,2015,12,\" a note \",課\n\
                    # between\n\
                    startups-supported,2015,60,,\n\
                    \"fair-exhibitors\",2016,\"13\",\"two\nlines\",\n\
                    startups-supported,2016,61,x,\n";
        fs::write(dir.path().join("actuals/2015.csv"), text).unwrap();
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), PLAN).unwrap();
        let (strict, problems) = read(&plan).unwrap();
        assert!(problems.is_empty());
        let all = read_clean_keeping(&plan, &|_, _| true).unwrap();
        assert_eq!(all, strict, "every figure kept: the strict reader's ledger");
        // Keeping one KPI's 2016 figure only.
        let one = read_clean_keeping(&plan, &|k, y| k == 0 && y == FiscalYear(2016)).unwrap();
        assert_eq!(one.files, strict.files);
        assert_eq!(one.figure_count(), 1);
        assert_eq!(
            one.series[0][&FiscalYear(2016)],
            strict.series[0][&FiscalYear(2016)]
        );
        assert_eq!(one.series[0][&FiscalYear(2016)].location.line, Some(7));
    }

    #[test]
    fn anything_the_strict_reader_reports_sends_the_ledger_to_it() {
        let cases = [
            // Warnings: an unknown column, a pair given twice with one value, no header.
            "kpi,year,value,remark\nfair-exhibitors,2015,12,x\n",
            "kpi,year,value\nfair-exhibitors,2015,12\nfair-exhibitors,2015,12\n",
            "# only a comment\n",
            // Errors.
            "kpi,year,value\nfair-exhibitors,2015,12\nfair-exhibitors,2015,13\n",
            "kpi,year,value,value\nfair-exhibitors,2015,12,12\n",
            "kpi,value\nfair-exhibitors,12\n",
            "kpi,year,value\nno-such-kpi,2015,12\n",
            "kpi,year,value\nno-such-kpi,2015,\n",
            "kpi,year,value\n,2015,12\n",
            "kpi,year,value\nfair-exhibitors,15,12\n",
            "kpi,year,value\nfair-exhibitors,,12\n",
            "kpi,year,value\nfair-exhibitors,2015,\"2,788\"\n",
            "kpi,year,value\nfair-exhibitors,2015,1e3\n",
            "kpi,year,value\nfair-exhibitors,2015,1000000000000000\n",
            "kpi,year,value\nfair-exhibitors,2015,12,extra\n",
            "kpi,year,value\nstartups-supported,2015,60\nstartups-supported,2016,59\n",
            "kpi,year,value\nstartups-supported,2015,48\n",
        ];
        for case in cases {
            let (clean, strict) = both(&[("2015.csv", case)]);
            assert_eq!(strict, None, "the strict reader should report: {case:?}");
            assert_eq!(clean, None, "read_clean accepted: {case:?}");
        }
        // Not UTF-8.
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("actuals")).unwrap();
        fs::write(
            dir.path().join("actuals/2015.csv"),
            b"kpi,year,value\n\x93\x8c,2015,1\n",
        )
        .unwrap();
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), PLAN).unwrap();
        assert!(read_clean(&plan).is_none());
        // A running total at or before its baseline year may be below the baseline.
        let (clean, strict) = both(&[("2014.csv", "kpi,year,value\nstartups-supported,2014,40\n")]);
        assert!(clean.is_some());
        assert_eq!(clean, strict);
        // No ledger folder: an empty ledger, as the strict reader has it.
        let dir = tempfile::tempdir().unwrap();
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), PLAN).unwrap();
        assert_eq!(read_clean(&plan).map(|f| f.figure_count()), Some(0));
    }
}
