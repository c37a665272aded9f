//! What `kpi import` needs of a clean ledger, found in one pass of the
//! ledger's reader: the few figures the import meets (each pair imported
//! and, for a running total, the nearest figures around each year
//! imported), and the files it may change. The merge needs no more, and a
//! national ledger of a million figures is not held whole for it.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::breakdown::CategoryKey;
use crate::ledger::categories::check;
use crate::ledger::read::{
    first_in_place, read_clean_into, running_totals_hold, Found, Keeps, ReadProblems, Row, Sink,
};
use crate::ledger::values::CategoryValues;
use crate::ledger::{Actual, CategoryFigures, FigureLookup};
use crate::plan::Plan;
use crate::series::Series;
use crate::year::FiscalYear;

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
pub struct KeptFigures(
    pub BTreeMap<(usize, FiscalYear), Actual>,
    /// The category figures (breakdowns.md) of the pairs imported.
    pub CategoryFigures,
);

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

    fn category(&self, kpi: usize, year: FiscalYear, key: &CategoryKey) -> Option<&Actual> {
        self.1.get(&kpi)?.get(&(year, key.clone()))
    }

    fn categories_of(&self, kpi: usize, year: FiscalYear) -> Vec<(&CategoryKey, &Actual)> {
        crate::ledger::categories_of(self.1.get(&kpi), year)
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
    let sink = Keeper {
        plan,
        imported,
        running: vec![Series::new(); plan.kpis.len()],
        seen: Seen::new(plan.kpis.len()),
        kept: KeptFigures::default(),
        holding: Vec::new(),
        holds_one: false,
        totals: BTreeMap::new(),
        categories: CategoryValues::new(),
    };
    let (sink, files) = read_clean_into(plan, sink)?;
    Some(Kept {
        figures: sink.kept,
        files,
        holding: sink.holding,
    })
}

/// `read_clean_keeping`'s sink. The import needs the values of the running
/// totals only (for their check); of the other KPIs it only needs to know
/// that no pair is repeated.
struct Keeper<'a> {
    plan: &'a Plan,
    imported: &'a [Vec<FiscalYear>],
    /// The running totals' values (the others' are left empty).
    running: Vec<Series>,
    /// The pairs seen of the KPIs that are no running totals.
    seen: Seen,
    kept: KeptFigures,
    holding: Vec<PathBuf>,
    /// Whether the file being read has a row for a pair imported.
    holds_one: bool,
    /// The totals of the KPIs with breakdowns that are no running totals,
    /// and every category value: for the sum check.
    totals: BTreeMap<usize, Series>,
    categories: CategoryValues,
}

impl Sink for Keeper<'_> {
    fn pair(&mut self, kpi: usize, year: FiscalYear) {
        self.holds_one = self.holds_one || self.imported[kpi].contains(&year);
    }

    fn figure(&mut self, found: Found, row: &Row<'_>) -> Keeps<'_> {
        let Found { kpi, year, value } = found;
        let cumulative = self.plan.kpis[kpi].cumulative;
        let repeated = if cumulative {
            self.running[kpi].insert(year, value).is_some()
        } else {
            !self.seen.first(kpi, year)
        };
        if repeated {
            return Err(None);
        }
        if !cumulative && self.plan.kpis[kpi].breakdown.is_some() {
            self.totals.entry(kpi).or_default().insert(year, value);
        }
        let years = &self.imported[kpi][..];
        let kept_years = || self.kept.years_of(kpi).collect();
        if !years.is_empty() && keeps(cumulative, years, kept_years, year) {
            // As `read` has it: the line the record starts on, trimmed
            // note and source, empty ones none.
            self.kept.0.insert((kpi, year), row.actual(value));
            if cumulative {
                prune(kpi, years, &mut self.kept);
            }
        }
        Ok(())
    }

    fn category(&mut self, found: Found, key: CategoryKey, row: &Row<'_>) -> Keeps<'_> {
        let Found { kpi, year, value } = found;
        if self.imported[kpi].contains(&year) {
            let kept = self.kept.1.entry(kpi).or_default();
            kept.insert((year, key.clone()), row.actual(value));
        }
        first_in_place(
            self.categories
                .entry(kpi)
                .or_default()
                .insert((year, key), value),
        )
    }

    fn file_read(&mut self, file: &Path) {
        if std::mem::take(&mut self.holds_one) {
            self.holding.push(file.to_path_buf());
        }
    }

    fn running_totals(&self, plan: &Plan, report: &mut ReadProblems) {
        let adds_up = self.categories.iter().all(|(&kpi, figures)| {
            let totals = match self.plan.kpis[kpi].cumulative {
                true => Some(&self.running[kpi]),
                false => self.totals.get(&kpi),
            };
            let total = |y| totals.and_then(|t| t.get(&y)).copied();
            check(plan, kpi, total, figures, |v| *v)
                .mismatches
                .is_empty()
        });
        if !adds_up || !running_totals_hold(plan, &self.running) {
            report.stop();
        }
    }
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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::ledger::read;
    use crate::test_plans::fair_and_startups;

    const HEAD: &str = "kpi,year,value,note\n";

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
        let (plan, _) =
            crate::plan::load_str(&dir.path().join("kpi.toml"), &fair_and_startups()).unwrap();
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
        let (plan, _) =
            crate::plan::load_str(&dir.path().join("kpi.toml"), &fair_and_startups()).unwrap();
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
        // The plan runs to 2022, so that 2021 is within it (a figure after
        // every target year is a warning).
        let plan_text = fair_and_startups().replace("target_year = 2019", "target_year = 2022");
        let (plan, _) = crate::plan::load_str(&dir.path().join("kpi.toml"), &plan_text).unwrap();
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
}
