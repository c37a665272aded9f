//! Today's date, and the fiscal year it falls in: a figure for a fiscal year
//! that has not begun yet is refused (actuals-format.md).
//!
//! The date is the system clock's, taken in the earliest time zone on earth
//! (UTC+14), so that a fiscal year that has begun anywhere has begun here.
//! `KPI_TODAY=YYYY-MM-DD` sets it instead: it is for tests, which must not
//! depend on the day they run.

use crate::year::FiscalYear;

/// The variable that sets today's date, for tests.
pub const VARIABLE: &str = "KPI_TODAY";

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// `YYYY-MM-DD`, a date that exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let date = Date { year, month, day };
        ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then_some(date)
    }

    /// The fiscal year this date falls in, when fiscal years start in
    /// month `start` (1..=12): fiscal year N runs from month `start` of
    /// calendar year N.
    pub fn fiscal_year(self, start: u32) -> FiscalYear {
        if self.month >= start.clamp(1, 12) {
            FiscalYear(self.year)
        } else {
            FiscalYear(self.year - 1)
        }
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub(crate) fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Today from `KPI_TODAY`'s value when set (not blank), else from the
/// clock (`now`, seconds since the epoch) at UTC+14. A `KPI_TODAY` that is
/// not a date is an error naming it. Pure: `settings::today` gives it the
/// environment and the clock.
pub fn decide(kpi_today: Option<&str>, now: i64) -> Result<Date, String> {
    match kpi_today {
        Some(text) if !text.trim().is_empty() => Date::parse(text).ok_or_else(|| {
            format!("{VARIABLE}=`{text}` is not a date; write it as YYYY-MM-DD, or unset it")
        }),
        _ => Ok(Date::from_days((now + 14 * 3600).div_euclid(86_400))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch_are_calendar_dates() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        // 2000-03-01 is day 11017 (30 years of 365 days, 7 leap days, Jan and Feb 2000).
        assert_eq!(Date::from_days(11_017).to_string(), "2000-03-01");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(Date::from_days(-1).to_string(), "1969-12-31");
    }

    #[test]
    fn a_date_falls_in_the_fiscal_year_that_began_before_it() {
        let march = Date::parse("2025-03-31").unwrap();
        let april = Date::parse("2025-04-01").unwrap();
        assert_eq!(march.fiscal_year(4), FiscalYear(2024));
        assert_eq!(april.fiscal_year(4), FiscalYear(2025));
        assert_eq!(march.fiscal_year(1), FiscalYear(2025));
        assert_eq!(
            Date::parse("2025-12-31").unwrap().fiscal_year(12),
            FiscalYear(2025)
        );
    }

    #[test]
    fn only_real_dates_parse() {
        assert!(Date::parse("2024-02-29").is_some());
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-4",
            "today",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }
}
