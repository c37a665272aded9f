//! A KPI's schedule in a sheet (evaluation-cycle.md §1): the columns
//! 調査周期 (`frequency`), 調査年度 (`due_years`) and 公表の遅れ (`lag`), as
//! `kpi export plan` writes them and `kpi init --from` reads them back.
//! Each cell is read here; the reader reports a bad one with its line and
//! column.

use crate::schedule::{Every, Schedule};
use crate::year::{FiscalYear, YearStyle};

pub const FREQUENCY_EXPECTED: &str =
    "expected a figure every N fiscal years: a whole number from 1 to 100, or empty for every year";
pub const LAG_EXPECTED: &str =
    "expected how many fiscal years after its year a figure is published: a whole number from 0 to 100, or empty";
pub const DUE_YEARS_EXPECTED: &str =
    "expected the fiscal years a figure comes, each once, after the baseline year: H29, R1 (or 2017、2019)";

/// A whole number in `bounds`, written with ASCII or full-width digits.
pub fn whole(text: &str, bounds: std::ops::RangeInclusive<i32>) -> Option<i32> {
    let narrow = crate::year::narrow_ascii(text.trim());
    let n: i32 = narrow.parse().ok()?;
    bounds.contains(&n).then_some(n)
}

/// The years of a 調査年度 cell, ascending: separated by commas (`,`,
/// `、`, `，`), `・`, `;` or spaces. `Err` with the part that is not a year,
/// or a year given twice.
pub fn due_years(text: &str) -> Result<Vec<FiscalYear>, String> {
    let mut years = Vec::new();
    for part in text
        .split([',', '、', '，', '・', ';', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match FiscalYear::parse(part) {
            Ok(year) if !years.contains(&year) => years.push(year),
            _ => return Err(part.to_string()),
        }
    }
    if years.is_empty() {
        return Err(text.to_string());
    }
    years.sort();
    Ok(years)
}

/// The three cells `kpi export plan` writes for a schedule: frequency, due
/// years and lag, each empty where the default (every year, no lag) holds.
pub fn cells(schedule: &Schedule, style: YearStyle) -> [String; 3] {
    let (frequency, due) = match &schedule.every {
        Every::Years(1) => (String::new(), String::new()),
        Every::Years(n) => (n.to_string(), String::new()),
        Every::Listed(years) => (
            String::new(),
            years
                .iter()
                .map(|y| y.label(style))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    };
    let lag = match schedule.lag {
        0 => String::new(),
        n => n.to_string(),
    };
    [frequency, due, lag]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_back_as_written() {
        assert_eq!(whole("５", 1..=100), Some(5));
        assert_eq!(whole("0", 1..=100), None);
        assert_eq!(whole("2.5", 0..=100), None);
        assert_eq!(
            due_years("R1、H29").unwrap(),
            [FiscalYear(2017), FiscalYear(2019)]
        );
        assert_eq!(due_years("H29, H29"), Err("H29".to_string()));
        assert_eq!(due_years("H29, soon"), Err("soon".to_string()));
        let listed = Schedule {
            every: Every::Listed(vec![FiscalYear(2017), FiscalYear(2019)]),
            lag: 2,
        };
        assert_eq!(cells(&listed, YearStyle::Era), ["", "H29, R1", "2"]);
        assert_eq!(cells(&Schedule::default(), YearStyle::Era), ["", "", ""]);
    }
}
