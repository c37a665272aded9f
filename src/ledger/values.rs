//! The ledger's values alone, for the commands that evaluate them
//! (`status`, `check`, `validate`, `gap`, `report`, …), which never print a
//! figure's note, source or line.
//!
//! `read` keeps every figure's note, source and file and line, so that any
//! problem can be named where it is; for a national ledger of a million
//! figures that is most of the memory `kpi` uses. A ledger with no problem
//! at all, the usual case, is read here by the same reader for its values
//! only: at the first thing `read` would report (an error or a warning) it
//! gives up, and the caller reads the ledger with `read`, which reports it
//! with its file and line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rust_decimal::Decimal;

use super::categories::derive_into;
use super::read::{
    first_in_place, read_clean_split, running_totals_hold, Found, Keeps, ReadProblems, Row, Sink,
};
use super::Ledger;
use crate::breakdown::CategoryKey;
use crate::plan::Plan;
use crate::series::{Remark, Remarks, Series};
use crate::year::FiscalYear;

/// Each KPI's values by year (index = index in `plan.kpis`), and the
/// files read, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerValues {
    pub series: Vec<Series>,
    /// The notes and preliminary flags of the figures that have them.
    pub remarks: Remarks,
    pub files: Vec<PathBuf>,
    /// Category figures (breakdowns.md), per KPI position, by year and
    /// categories; empty for a ledger without dimension columns.
    pub categories: CategoryValues,
    /// The totals in `series` that no row wrote but the sum of a complete
    /// dimension gave (`total = "sum"`): evaluated like any figure, shown
    /// as derived, never exported or written.
    pub derived: BTreeSet<(usize, FiscalYear)>,
}

/// Category values: per KPI position, by (year, categories).
pub type CategoryValues = BTreeMap<usize, BTreeMap<(FiscalYear, CategoryKey), Decimal>>;

impl LedgerValues {
    /// How many figures the ledger holds, over all KPIs and years: the
    /// totals written and the category figures (a derived total is none).
    pub fn figure_count(&self) -> usize {
        let categories: usize = self.categories.values().map(BTreeMap::len).sum();
        self.series.iter().map(Series::len).sum::<usize>() + categories - self.derived.len()
    }
}

impl LedgerValues {
    /// The values of a ledger read with `read` against `plan`, each KPI's
    /// details dropped as it is converted, with the totals derived from
    /// complete dimensions (which need the plan's breakdowns).
    pub fn of(ledger: Ledger, plan: &Plan) -> LedgerValues {
        let mut remarks = Remarks::new();
        for (kpi, figures) in ledger.series.iter().enumerate() {
            for (year, a) in figures {
                if a.note.is_some() || a.preliminary {
                    let remark = Remark {
                        note: a.note.clone(),
                        preliminary: a.preliminary,
                    };
                    remarks.insert((kpi, *year), remark);
                }
            }
        }
        let categories: CategoryValues = ledger
            .categories
            .into_iter()
            .map(|(kpi, figures)| {
                (
                    kpi,
                    figures.into_iter().map(|(k, a)| (k, a.value)).collect(),
                )
            })
            .collect();
        let mut series: Vec<Series> = ledger
            .series
            .into_iter()
            .map(|s| s.into_iter().map(|(y, a)| (y, a.value)).collect())
            .collect();
        // A ledger read past its errors may hold parts that do not add
        // up: reported by `read`; the totals that can be derived still are.
        let (derived, _) = derive_into(plan, &mut series, &categories, |v| *v);
        LedgerValues {
            remarks,
            series,
            files: ledger.files,
            categories,
            derived,
        }
    }
}

/// The values of a ledger in which `read` finds no problem; `None`
/// otherwise (and on any doubt).
/// The ledger's files are read in parallel (`read_clean_split`): a
/// national ledger is a million rows in ten files, one a year.
pub fn read_clean(plan: &Plan) -> Option<LedgerValues> {
    let first = Values(
        vec![Series::new(); plan.kpis.len()],
        Remarks::new(),
        CategoryValues::new(),
    );
    let (mut sink, files) = read_clean_split(plan, first, Figures::default, merge)?;
    let (derived, mismatched) = derive_into(plan, &mut sink.0, &sink.2, |v| *v);
    // Parts that do not add up are the strict reader's to report.
    (!mismatched).then_some(LedgerValues {
        series: sink.0,
        remarks: sink.1,
        files,
        categories: sink.2,
        derived,
    })
}

/// The figures of later runs of files put into the first run's series, in
/// file order; `None` where a KPI has a figure for the same year twice
/// (`read` reports it).
fn merge(mut all: Values, runs: Vec<Figures>) -> Option<Values> {
    for mut run in runs {
        for (kpi, year, value) in run.figures {
            if all.0[kpi as usize].insert(year, value).is_some() {
                return None;
            }
        }
        for (kpi, year, key, value) in run.categories {
            let of_kpi = all.2.entry(kpi as usize).or_default();
            if of_kpi.insert((year, key), value).is_some() {
                return None;
            }
        }
        all.1.append(&mut run.remarks);
    }
    Some(all)
}

/// A later run's figures, one after another: a flat list, let go whole
/// once merged, where series of their own would leave half-empty nodes
/// behind (30 MB more at the peak on a national ledger).
#[derive(Default)]
struct Figures {
    figures: Vec<(u32, FiscalYear, Decimal)>,
    remarks: Remarks,
    categories: Vec<(u32, FiscalYear, CategoryKey, Decimal)>,
}

impl Sink for Figures {
    fn figure(&mut self, found: Found, row: &Row<'_>) -> Keeps<'_> {
        let Found { kpi, year, value } = found;
        let index = u32::try_from(kpi).map_err(|_| None)?;
        self.figures.push((index, year, value));
        if let Some(remark) = row.remark() {
            // A second remark for the pair is a repeated figure: `merge` says so.
            self.remarks.insert((kpi, year), remark);
        }
        Ok(())
    }

    fn category(&mut self, found: Found, key: CategoryKey, _: &Row<'_>) -> Keeps<'_> {
        let index = u32::try_from(found.kpi).map_err(|_| None)?;
        self.categories.push((index, found.year, key, found.value));
        Ok(())
    }

    fn running_totals(&self, _: &Plan, _: &mut ReadProblems) {}
}

/// `read_clean`'s sink: each KPI's values by year, the remarks, and the
/// category values (whose notes and flags no command prints yet).
struct Values(Vec<Series>, Remarks, CategoryValues);

impl Sink for Values {
    fn figure(&mut self, found: Found, row: &Row<'_>) -> Keeps<'_> {
        let Found { kpi, year, value } = found;
        first_in_place(self.0[kpi].insert(year, value))?;
        if let Some(remark) = row.remark() {
            self.1.insert((kpi, year), remark);
        }
        Ok(())
    }

    fn category(&mut self, found: Found, key: CategoryKey, _: &Row<'_>) -> Keeps<'_> {
        let Found { kpi, year, value } = found;
        first_in_place(self.2.entry(kpi).or_default().insert((year, key), value))
    }

    fn running_totals(&self, plan: &Plan, report: &mut ReadProblems) {
        if !running_totals_hold(plan, &self.0) {
            report.stop();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::ledger::import::kept::read_clean_keeping;
    use crate::ledger::read;
    use crate::test_plans::fair_and_startups;

    /// `read_clean` on a ledger of these files, beside what `read` makes of it.
    fn both(files: &[(&str, &str)]) -> (Option<LedgerValues>, Option<LedgerValues>) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("actuals")).unwrap();
        for (name, text) in files {
            fs::write(dir.path().join("actuals").join(name), text).unwrap();
        }
        let (plan, _) =
            crate::plan::load_str(&dir.path().join("kpi.toml"), &fair_and_startups()).unwrap();
        let strict = match read(&plan) {
            Ok((ledger, problems)) if problems.is_empty() => Some(LedgerValues::of(ledger, &plan)),
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

    /// Eight files, more than one run of files on any machine of two cores
    /// or more: read apart, the figures are those read in one pass; a
    /// figure repeated across runs, or a running total that goes down
    /// from one run to the next, is the strict reader's to report.
    #[test]
    fn files_read_in_parallel_give_the_strict_readers_figures() {
        let year_file = |year: i32, startups: i32| {
            let note = if year == 2016 {
                "\"見込み, 速報\""
            } else {
                ""
            };
            format!(
                "{HEAD}fair-exhibitors,{year},{},{note}\nstartups-supported,{year},{startups},\n",
                year - 2000
            )
        };
        let names: Vec<String> = (2012..2020).map(|y| format!("{y}.csv")).collect();
        let texts: Vec<String> = (2012..2020).map(|y| year_file(y, 49 + y - 2012)).collect();
        let files: Vec<(&str, &str)> = names
            .iter()
            .map(String::as_str)
            .zip(texts.iter().map(String::as_str))
            .collect();
        let (clean, strict) = both(&files);
        assert!(clean.is_some());
        assert_eq!(clean, strict);
        let figures = clean.unwrap();
        assert_eq!(figures.figure_count(), 16);
        assert_eq!(figures.files.len(), 8);
        assert_eq!(figures.remarks.len(), 1, "the note of 2016");
        assert_eq!(figures.series[0][&FiscalYear(2019)].to_string(), "19");

        // The first file's figure for 2012 given again in the last file.
        let mut repeated = texts.clone();
        repeated[7].push_str("fair-exhibitors,2012,99,\n");
        let files: Vec<(&str, &str)> = names
            .iter()
            .map(String::as_str)
            .zip(repeated.iter().map(String::as_str))
            .collect();
        assert_eq!(both(&files), (None, None));

        // A running total lower in the last file than in the first.
        let mut lower = texts.clone();
        lower[7] = year_file(2019, 50);
        let files: Vec<(&str, &str)> = names
            .iter()
            .map(String::as_str)
            .zip(lower.iter().map(String::as_str))
            .collect();
        assert_eq!(both(&files), (None, None));
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
        let (plan, _) =
            crate::plan::load_str(&dir.path().join("kpi.toml"), &fair_and_startups()).unwrap();
        assert!(read_clean(&plan).is_none());
        // A running total at or before its baseline year may be below the baseline.
        let (clean, strict) = both(&[("2014.csv", "kpi,year,value\nstartups-supported,2014,40\n")]);
        assert!(clean.is_some());
        assert_eq!(clean, strict);
        // No ledger folder: an empty ledger, as the strict reader has it.
        let dir = tempfile::tempdir().unwrap();
        let (plan, _) =
            crate::plan::load_str(&dir.path().join("kpi.toml"), &fair_and_startups()).unwrap();
        assert_eq!(read_clean(&plan).map(|f| f.figure_count()), Some(0));
    }
}
