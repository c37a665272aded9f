//! Numbers and dates as a spreadsheet shows them.
//!
//! A workbook stores a number as a binary double: the 2.4 an office typed is
//! 2.399999999999999911…, and a computed 0.1 + 0.2 is 0.30000000000000004.
//! Excel shows (and keeps precision to) 15 significant digits, so that is
//! the decimal a figure means: `shown` rounds to 15 significant digits and
//! writes the shortest plain decimal of that.

use rust_decimal::Decimal;

/// The decimal Excel shows for a number cell: 15 significant digits, no
/// trailing zeros, no exponent (`2.4`, `0.3`, `-1500`, `0.000012`).
pub fn shown(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return "0".to_string();
    }
    // `{:.14e}` rounds to 15 significant digits: `2.40000000000000e0`.
    let scientific = format!("{:.14e}", value.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    // The first digit stands at 10^exponent.
    let point = exponent + 1; // digits before the decimal point
    let mut text = String::new();
    if value < 0.0 {
        text.push('-');
    }
    if point <= 0 {
        text.push_str("0.");
        text.extend(std::iter::repeat_n('0', (-point) as usize));
        text.push_str(digits);
    } else if point as usize >= digits.len() {
        text.push_str(digits);
        text.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        text.push_str(whole);
        text.push('.');
        text.push_str(fraction);
    }
    text
}

/// A percent cell's figure in percent: the shown decimal times 100, exactly
/// (`0.19` → `19`, `0.1905` → `19.05`). `None` past the decimal range.
pub fn percent_of(shown: &str) -> Option<String> {
    let value: Decimal = shown.parse().ok()?;
    let percent = value.checked_mul(Decimal::ONE_HUNDRED)?.normalize();
    Some(percent.to_string())
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// `2019-04-01` (the time of day, if any, is ignored).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let day_part = text.split(['T', ' ']).next()?;
        let mut parts = day_part.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }
}

impl Date {
    /// The spreadsheet's serial number of the date: days since 1899-12-30
    /// (Excel's 1900 date system past February 1900, and LibreOffice's).
    pub fn serial(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) - days_from_civil(1899, 12, 30)
    }

    /// The year a date-formatted cell was meant to hold: a year typed into a
    /// cell formatted as a date is stored as the serial number it is (2020
    /// shows as 1905-07-12). A serial between 1900 and 2200 is read as
    /// that year (issue 24, item 14).
    pub fn typed_year(&self) -> Option<i32> {
        let serial = self.serial();
        (1900..=2200).contains(&serial).then_some(serial as i32)
    }
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        // 2.4 is stored as 2.399999999999999911182158029987…
        assert_eq!(shown(2.4), "2.4");
        // One binary step either side of 2.4 (2.4000000000000004, 2.3999999999999995).
        assert_eq!(shown(f64::from_bits(2.4f64.to_bits() + 1)), "2.4");
        assert_eq!(shown(f64::from_bits(2.4f64.to_bits() - 1)), "2.4");
        // 0.1 + 0.2 = 0.30000000000000004440892098500626…: 15 digits give 0.3.
        assert_eq!(shown(0.1 + 0.2), "0.3");
        assert_eq!(shown(2788.0), "2788");
        assert_eq!(shown(-3.0), "-3");
        assert_eq!(shown(1500000.0), "1500000");
        assert_eq!(shown(0.000012), "0.000012");
        assert_eq!(shown(123456789012345.0), "123456789012345");
        // The 16th digit is rounded away: 1234567890123456 → 1.23456789012346e15.
        assert_eq!(shown(1234567890123456.0), "1234567890123460");
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(-0.0), "0");
        assert_eq!(shown(19.05), "19.05");
    }

    #[test]
    fn a_percent_cell_is_its_value_times_a_hundred() {
        assert_eq!(percent_of("0.19").as_deref(), Some("19"));
        assert_eq!(percent_of("0.1905").as_deref(), Some("19.05"));
        assert_eq!(percent_of("1").as_deref(), Some("100"));
        assert_eq!(percent_of("-0.035").as_deref(), Some("-3.5"));
        assert_eq!(percent_of("x"), None);
    }

    #[test]
    fn a_year_typed_into_a_date_cell_is_that_year() {
        let d = |year, month, day| Date { year, month, day };
        // Excel shows serial 2020 as 1905-07-12, 1900 as 1905-03-14, 2200 as 1906-01-08.
        assert_eq!(d(1905, 7, 12).serial(), 2020);
        assert_eq!(d(1905, 7, 12).typed_year(), Some(2020));
        assert_eq!(d(1905, 3, 14).typed_year(), Some(1900));
        assert_eq!(d(1906, 1, 8).typed_year(), Some(2200));
        assert_eq!(d(1906, 1, 9).typed_year(), None);
        assert_eq!(d(1905, 3, 13).typed_year(), None);
        // 2019-04-01 is serial 43556: a date.
        assert_eq!(d(2019, 4, 1).serial(), 43556);
        assert_eq!(d(2019, 4, 1).typed_year(), None);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(
            Date::parse_iso("2019-04-01T00:00:00"),
            Some(Date {
                year: 2019,
                month: 4,
                day: 1
            })
        );
        assert_eq!(
            Date::parse_iso("2020-03-31")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-03-31")
        );
        assert_eq!(Date::parse_iso("2020-13-01"), None);
        assert_eq!(Date::parse_iso("R1"), None);
    }
}
