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

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::PathBuf;

use csv::StringRecord;

use super::read::{files, Columns, BOM, KNOWN_COLUMNS, REQUIRED_COLUMNS};
use super::{Actual, FigureLookup, Ledger};
use crate::csv_cells::{self, line_of};
use crate::plan::Plan;
use crate::problem::{LineIndex, Location};
use crate::series::Series;
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

/// What `kpi import` needs of a clean ledger, found in one pass over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// What `read` gives of the figures kept (see `read_clean_keeping`),
    /// and of no others.
    pub figures: KeptFigures,
    /// The ledger's files, in the order read.
    pub files: Vec<PathBuf>,
    /// The files with a row for a pair imported, with a figure or without
    /// one: the only files the import may change.
    pub holding: Vec<PathBuf>,
}

/// A few of a ledger's figures, for some of its KPIs, by (KPI index, year).
/// One map for all: a map per KPI would take a node of eleven figures for
/// each of a national plan's KPIs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeptFigures(pub BTreeMap<(usize, FiscalYear), Actual>);

impl KeptFigures {
    fn years_of(&self, kpi: usize) -> impl Iterator<Item = FiscalYear> + Clone + '_ {
        self.of_kpi(kpi).map(|(&(_, year), _)| year)
    }

    fn of_kpi(&self, kpi: usize) -> impl Iterator<Item = (&(usize, FiscalYear), &Actual)> + Clone {
        self.0
            .range((kpi, FiscalYear(i32::MIN))..=(kpi, FiscalYear(i32::MAX)))
    }

    pub fn figure_count(&self) -> usize {
        self.0.len()
    }
}

impl FigureLookup for KeptFigures {
    fn figure(&self, kpi: usize, year: FiscalYear) -> Option<&Actual> {
        self.0.get(&(kpi, year))
    }

    fn figures_of(&self, kpi: usize) -> Vec<(FiscalYear, &Actual)> {
        self.of_kpi(kpi).map(|(&(_, y), a)| (y, a)).collect()
    }
}

/// For a ledger in which `read` finds no problem, what `read` gives
/// (value, note, source, file and line) of the figures an import of
/// `imported` (per KPI, the years it brings) meets: the figure of each pair
/// imported and, for a running total, the nearest figure before and after
/// each year imported, which are all that the running-total check of the
/// merged series can compare it with (the ledger's other figures already
/// hold among themselves). Also the files with a row for a pair imported,
/// so that the import need not read the ledger again to find where its
/// figures go. `None` when `read` would report anything.
pub fn read_clean_keeping(plan: &Plan, imported: &[Vec<FiscalYear>]) -> Option<Kept> {
    read_checked(plan, Some(imported)).map(|(_, kept)| kept)
}

/// Whether a ledger figure of `year` is one `read_clean_keeping` keeps,
/// given the years of the KPI's figures kept so far.
fn keeps(
    cumulative: bool,
    years: &[FiscalYear],
    kept: impl Fn() -> Vec<FiscalYear>,
    year: FiscalYear,
) -> bool {
    if years.contains(&year) {
        return true;
    }
    if !cumulative {
        return false;
    }
    let kept = kept();
    years.iter().any(|&y| {
        // Nearer to `y` than any figure kept on that side of it.
        let (low, high) = if year < y { (year, y) } else { (y, year) };
        year != y && !kept.iter().any(|&k| low < k && k < high)
    })
}

/// Drop a running total's figures that are no longer the nearest to a
/// year imported (a nearer one has been kept since).
fn prune(kpi: usize, years: &[FiscalYear], kept: &mut KeptFigures) {
    let held: Vec<FiscalYear> = kept.years_of(kpi).collect();
    let needed = |k: &FiscalYear| {
        years.contains(k)
            || years.iter().any(|y| {
                let before = held.iter().filter(|h| *h < y).max();
                let after = held.iter().filter(|h| *h > y).min();
                before == Some(k) || after == Some(k)
            })
    };
    for year in held.iter().filter(|k| !needed(k)) {
        kept.0.remove(&(kpi, *year));
    }
}

/// The one pass behind `read_clean` and `read_clean_keeping`. With
/// `imported`, the `Figures` returned hold the running totals only (the
/// import needs no other values), and `Kept` what the import meets.
fn read_checked(plan: &Plan, imported: Option<&[Vec<FiscalYear>]>) -> Option<(Figures, Kept)> {
    let (files, problems) = files(plan);
    if !problems.is_empty() {
        return None;
    }
    let mut series = vec![Series::new(); plan.kpis.len()];
    // An import needs the values of the running totals only (for their
    // check); of the other KPIs it only needs to know no pair is repeated.
    let mut seen = imported.map(|_| Seen::new(plan.kpis.len()));
    let mut kept = KeptFigures::default();
    let mut holding = Vec::new();
    let mut next_kpi = 0;
    for file in &files {
        let mut holds_one = false;
        let bytes = fs::read(file).ok()?;
        let bytes = bytes.strip_prefix(BOM).unwrap_or(&bytes);
        let text = std::str::from_utf8(bytes).ok()?;
        let mut csv = csv_cells::reader(text);
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
            let years = imported.map_or(&[][..], |i| &i[index][..]);
            holds_one = holds_one || years.contains(&year);
            let value_text = field(c.value);
            if value_text.is_empty() {
                continue; // no figure for this KPI and year
            }
            let value = parse_plain(value_text)?;
            let cumulative = plan.kpis[index].cumulative;
            let repeated = match &mut seen {
                Some(seen) if !cumulative => !seen.first(index, year),
                _ => series[index].insert(year, value).is_some(),
            };
            if out_of_range(value).is_some() || repeated {
                return None;
            }
            let kept_years = || kept.years_of(index).collect();
            if !years.is_empty() && keeps(cumulative, years, kept_years, year) {
                // As `read` has it: the line the record starts on, trimmed
                // note and source, empty ones none.
                let lines = lines.get_or_insert_with(|| LineIndex::new(text));
                let line = record
                    .position()
                    .map_or(1, |p| line_of(text, lines, p.byte()));
                let actual = c.actual(value, field, Location::line(file, line));
                kept.0.insert((index, year), actual);
                if cumulative {
                    prune(index, years, &mut kept);
                }
            }
        }
        columns?; // a file without a header row is a warning
        if holds_one {
            holding.push(file.clone());
        }
    }
    let kept = Kept {
        figures: kept,
        files: files.clone(),
        holding,
    };
    running_totals_hold(plan, &series).then_some((Figures { series, files }, kept))
}

/// Which (KPI, year) pairs have had a figure: a bit for each of 64 years
/// per KPI, and a set for any year outside them.
struct Seen {
    bits: Vec<u64>,
    others: HashSet<(usize, FiscalYear)>,
}

impl Seen {
    /// The first of the 64 years with a bit.
    const FIRST_YEAR: i32 = 1990;

    fn new(kpi_count: usize) -> Seen {
        Seen {
            bits: vec![0; kpi_count],
            others: HashSet::new(),
        }
    }

    /// Note a figure of `kpi` for `year`; false when it had one already.
    fn first(&mut self, kpi: usize, year: FiscalYear) -> bool {
        let bit = year.0.checked_sub(Seen::FIRST_YEAR).map(u32::try_from);
        match bit {
            Some(Ok(bit)) if bit < 64 => {
                let had = self.bits[kpi] & (1 << bit) != 0;
                self.bits[kpi] |= 1 << bit;
                !had
            }
            _ => self.others.insert((kpi, year)),
        }
    }
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
    Columns::found(found, record.len())
}

/// The KPI with this id; ledgers list KPIs in plan order, so the one after
/// the last found is tried first.
fn kpi_index(plan: &Plan, id: &str, next: &mut usize) -> Option<usize> {
    let i = match plan.kpi_id_at(*next) {
        Some(k) if k == id => *next,
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
    use crate::test_plans::{kpi, plan};

    /// fair-exhibitors (10 → 20), and startups-supported, a running total (49 → 157).
    fn plan_text() -> String {
        plan(
            2019,
            &[
                kpi(
                    "fair-exhibitors",
                    "あさか産業フェア参加事業所数",
                    "value = 10",
                    "value = 20",
                    "",
                ),
                kpi(
                    "startups-supported",
                    "s",
                    "value = 49",
                    "value = 157",
                    "cumulative = true\n",
                ),
            ],
        )
    }

    /// `read_clean` on a ledger of these files, beside what `read` makes of it.
    fn both(files: &[(&str, &str)]) -> (Option<Figures>, Option<Figures>) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("actuals")).unwrap();
        for (name, text) in files {
            fs::write(dir.path().join("actuals").join(name), text).unwrap();
        }
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), &plan_text()).unwrap();
        let strict = match read(&plan) {
            Ok((ledger, problems)) if problems.is_empty() => Some(Figures::from(ledger)),
            _ => None,
        };
        let clean = read_clean(&plan);
        // An import's read (which keeps the values of running totals only)
        // accepts exactly the ledgers the plain one does.
        let imported = vec![vec![FiscalYear(2015)]; plan.kpis.len()];
        let kept = read_clean_keeping(&plan, &imported);
        assert_eq!(kept.is_some(), clean.is_some(), "{files:?}");
        (clean, strict)
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
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), &plan_text()).unwrap();
        let (strict, problems) = read(&plan).unwrap();
        assert!(problems.is_empty());
        // Importing every year of every KPI keeps every figure.
        let every_year = vec![vec![FiscalYear(2015), FiscalYear(2016)]; 2];
        let all = read_clean_keeping(&plan, &every_year).unwrap();
        assert_eq!(all.files, strict.files);
        assert_eq!(all.figures.figure_count(), strict.figure_count());
        for (kpi, series) in strict.series.iter().enumerate() {
            for (year, actual) in series {
                assert_eq!(
                    all.figures.figure(kpi, *year),
                    Some(actual),
                    "{kpi} {year:?}"
                );
            }
        }
        // Keeping one KPI's 2016 figure only.
        let one_year = [vec![FiscalYear(2016)], vec![]];
        let one = read_clean_keeping(&plan, &one_year).unwrap();
        assert_eq!(one.files, strict.files);
        assert_eq!(one.figures.figure_count(), 1);
        let kept = one.figures.figure(0, FiscalYear(2016)).unwrap();
        assert_eq!(kept, &strict.series[0][&FiscalYear(2016)]);
        assert_eq!(kept.location.line, Some(7));
    }

    #[test]
    fn the_files_holding_a_pair_are_found_with_or_without_a_figure() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("actuals");
        fs::create_dir_all(&folder).unwrap();
        fs::write(
            folder.join("2015.csv"),
            format!("{HEAD}fair-exhibitors,2015,12,\n"),
        )
        .unwrap();
        // 2016.csv has an empty row for fair-exhibitors 2017: an import of
        // that pair fills it, so the file is one the import may change.
        let text = format!("{HEAD}fair-exhibitors,2016,13,\nfair-exhibitors,2017,,\n");
        fs::write(folder.join("2016.csv"), text).unwrap();
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), &plan_text()).unwrap();
        let holding = |pairs: &[(usize, i32)]| {
            let mut years = vec![Vec::new(); 2];
            for &(kpi, year) in pairs {
                years[kpi].push(FiscalYear(year));
            }
            read_clean_keeping(&plan, &years).unwrap().holding
        };
        assert_eq!(holding(&[(0, 2017)]), [folder.join("2016.csv")]);
        assert_eq!(holding(&[(0, 2015)]), [folder.join("2015.csv")]);
        assert_eq!(
            holding(&[(0, 2015), (0, 2016)]),
            [folder.join("2015.csv"), folder.join("2016.csv")]
        );
        // Another KPI's pair, or a year no row has: no file.
        assert!(holding(&[(1, 2015), (0, 2018)]).is_empty());
    }

    #[test]
    fn a_running_total_keeps_the_nearest_figures_around_each_year_imported() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("actuals");
        fs::create_dir_all(&folder).unwrap();
        // startups-supported (index 1) is a running total; files in any order.
        for (year, value) in [(2019, 70), (2015, 50), (2016, 55), (2017, 60), (2021, 80)] {
            let text =
                format!("{HEAD}startups-supported,{year},{value},\nfair-exhibitors,{year},1,\n");
            fs::write(folder.join(format!("{year}.csv")), text).unwrap();
        }
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), &plan_text()).unwrap();
        let kept_years = |imported: &[i32]| {
            let years = vec![vec![], imported.iter().map(|&y| FiscalYear(y)).collect()];
            let kept = read_clean_keeping(&plan, &years).unwrap().figures;
            assert!(
                kept.figures_of(0).is_empty(),
                "nothing of a KPI not imported"
            );
            kept.years_of(1).map(|y| y.0).collect::<Vec<_>>()
        };
        // A year between figures: the one before and the one after.
        assert_eq!(kept_years(&[2018]), [2017, 2019]);
        // A year the ledger has: itself and its two neighbours.
        assert_eq!(kept_years(&[2016]), [2015, 2016, 2017]);
        // Before the first and after the last.
        assert_eq!(kept_years(&[2014]), [2015]);
        assert_eq!(kept_years(&[2022]), [2021]);
        // Two years: the neighbours of each.
        assert_eq!(kept_years(&[2015, 2020]), [2015, 2016, 2019, 2021]);
        // A KPI that is no running total keeps the pairs imported only.
        let years = vec![vec![FiscalYear(2018), FiscalYear(2019)], vec![]];
        let kept = read_clean_keeping(&plan, &years).unwrap().figures;
        assert_eq!(kept.years_of(0).map(|y| y.0).collect::<Vec<_>>(), [2019]);
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
            // A pair repeated in years far from today's, and across a plain
            // KPI and a running total.
            "kpi,year,value\nfair-exhibitors,1989,12\nfair-exhibitors,1989,12\n",
            "kpi,year,value\nfair-exhibitors,2054,12\nfair-exhibitors,2054,13\n",
            "kpi,year,value\nstartups-supported,2016,60\nstartups-supported,2016,61\n",
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
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), &plan_text()).unwrap();
        assert!(read_clean(&plan).is_none());
        // A running total at or before its baseline year may be below the baseline.
        let (clean, strict) = both(&[("2014.csv", "kpi,year,value\nstartups-supported,2014,40\n")]);
        assert!(clean.is_some());
        assert_eq!(clean, strict);
        // No ledger folder: an empty ledger, as the strict reader has it.
        let dir = tempfile::tempdir().unwrap();
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), &plan_text()).unwrap();
        assert_eq!(read_clean(&plan).map(|f| f.figure_count()), Some(0));
    }
}
