//! Hand-worked from evaluation-cycle.md §1 and §5.

use std::path::Path;

use crate::plan::Kpi;
use crate::test_plans::{kpi, plan};
use crate::year::FiscalYear;

/// One KPI from 2014 (baseline) to `target` with the lines `more`.
fn one(target: i32, more: &str) -> Kpi {
    let text = plan(target, &[kpi("k", "k", "value = 10", "value = 20", more)]);
    let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap();
    plan.kpis[0].clone()
}

fn years(ys: &[i32]) -> Vec<FiscalYear> {
    ys.iter().map(|&y| FiscalYear(y)).collect()
}

#[test]
fn due_years_come_every_frequency_years_from_the_baseline_up_to_the_target_year() {
    // Yearly: 2015 … 2019.
    assert_eq!(
        one(2019, "").due_years(),
        years(&[2015, 2016, 2017, 2018, 2019])
    );
    // Every 2 years from 2014: 2016, 2018 (2020 is after the target year 2019).
    assert_eq!(
        one(2019, "frequency = 2\n").due_years(),
        years(&[2016, 2018])
    );
    // Every 5 years from 2014 to 2024: 2019, 2024.
    assert_eq!(
        one(2024, "frequency = 5\n").due_years(),
        years(&[2019, 2024])
    );
    // Every 3 years to 2019: only 2017, which is then the final due year.
    let k = one(2019, "frequency = 3\n");
    assert_eq!(k.due_years(), years(&[2017]));
    assert_eq!(k.final_due_year(), FiscalYear(2017));
    // A yearly KPI's final due year is its target year.
    assert_eq!(one(2019, "").final_due_year(), FiscalYear(2019));
}

#[test]
fn due_years_listed_are_the_years_listed_up_to_the_target_year() {
    // H29 = 2017, R1 = 2019, R4 = 2022 (after the target year 2020).
    let k = one(2020, "due_years = [\"R1\", \"H29\", \"R4\"]\n");
    assert_eq!(k.due_years(), years(&[2017, 2019]));
    assert_eq!(k.final_due_year(), FiscalYear(2019));
    assert!(k.is_due(FiscalYear(2017)));
    assert!(!k.is_due(FiscalYear(2018)));
    assert!(!k.is_due(FiscalYear(2022)));
}

#[test]
fn a_revised_target_year_moves_the_due_years_it_covers() {
    // Every 2 years from 2014; the target year moves from 2018 to 2022 from 2017 on.
    let k = one(
        2018,
        "frequency = 2\nrevisions = [{ from = 2017, target = 25, target_year = 2022 }]\n",
    );
    assert_eq!(k.due_years(), years(&[2016, 2018]));
    assert_eq!(k.revised(0).due_years(), years(&[2016, 2018, 2020, 2022]));
    assert!(k.is_due(FiscalYear(2022)));
    assert_eq!(k.last_collection_year(), Some(FiscalYear(2022)));
}

#[test]
fn the_figure_owed_in_a_collection_year_is_for_that_year_less_the_lag() {
    // Yearly from 2014 to 2019. Lag 0: collecting 2017 asks for 2017.
    let k = one(2019, "");
    assert_eq!(k.owed_in(FiscalYear(2017)), Some(FiscalYear(2017)));
    assert_eq!(k.owed_in(FiscalYear(2014)), None);
    // Lag 1: collecting 2017 asks for 2016; collecting 2015 asks for 2014,
    // the baseline year, which is not due.
    let k = one(2019, "lag = 1\n");
    assert_eq!(k.owed_in(FiscalYear(2017)), Some(FiscalYear(2016)));
    assert_eq!(k.owed_in(FiscalYear(2015)), None);
    // Lag 2: collecting 2021 asks for 2019, the target year; 2022 nothing.
    let k = one(2019, "lag = 2\n");
    assert_eq!(k.owed_in(FiscalYear(2021)), Some(FiscalYear(2019)));
    assert_eq!(k.owed_in(FiscalYear(2022)), None);
    assert_eq!(k.last_collection_year(), Some(FiscalYear(2021)));
    // Every 2 years with lag 1: collecting 2017 asks for 2016; 2018 for 2017, not due.
    let k = one(2019, "frequency = 2\nlag = 1\n");
    assert_eq!(k.owed_in(FiscalYear(2017)), Some(FiscalYear(2016)));
    assert_eq!(k.owed_in(FiscalYear(2018)), None);
    assert_eq!(k.last_collection_year(), Some(FiscalYear(2019)));
}

#[test]
fn overdue_counts_due_years_after_the_latest_figure_up_to_the_as_of_year_less_the_lag() {
    let y = FiscalYear;
    // Yearly, no lag: A − L, as progress.md's staleness rule, also past the target year.
    let k = one(2019, "");
    for (latest, as_of) in [(2015, 2015), (2015, 2017), (2016, 2019), (2017, 2022)] {
        assert_eq!(k.overdue(Some(y(latest)), y(as_of)), as_of - latest);
    }
    // No figure: counted from the baseline year 2014: 2015, 2016, 2017.
    assert_eq!(k.overdue(None, y(2017)), 3);
    // Every 5 years from 2014 (2019, 2024), latest 2019: as of 2023 none
    // is overdue; as of 2024, one (2024).
    let k = one(2024, "frequency = 5\n");
    assert_eq!(k.overdue(Some(y(2019)), y(2023)), 0);
    assert_eq!(k.overdue(Some(y(2019)), y(2024)), 1);
    // With lag 2 the 2024 figure is overdue only from 2026.
    let k = one(2024, "frequency = 5\nlag = 2\n");
    assert_eq!(k.overdue(Some(y(2019)), y(2025)), 0);
    assert_eq!(k.overdue(Some(y(2019)), y(2026)), 1);
    // Yearly with lag 1, latest 2016, as of 2019: 2017 and 2018 are overdue.
    let k = one(2019, "lag = 1\n");
    assert_eq!(k.overdue(Some(y(2016)), y(2019)), 2);
    // Listed 2016 and 2018; latest 2016; as of 2020: 2018 only.
    let k = one(2020, "due_years = [2016, 2018]\n");
    assert_eq!(k.overdue(Some(y(2016)), y(2020)), 1);
    assert_eq!(k.overdue(None, y(2020)), 2);
}
