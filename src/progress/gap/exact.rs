//! The least squares of `kpi gap` in exact integers (docs/gap.md,
//! "Figures"): every value as an integer count of `10^-scale` at one common
//! scale, every sum and product in checked `i128`, and one division at the
//! end of each figure. A 28-digit decimal cannot hold the sums of a long
//! series of large values with many decimals (`Σxv` of 40 values near 10^15
//! with 12 decimals has 30 digits): summed as decimals they would be rounded
//! without a word. Integers are exact up to about 1.7·10^38; past that a
//! product is `None` and the KPI gets no figure rather than a wrong one.

use rust_decimal::Decimal;

/// The largest mantissa a decimal holds: 2^96 - 1.
const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// A decimal as an integer count of `10^-scale`; `None` when the decimal
/// has more decimals than `scale` or the count does not fit.
pub fn scaled(value: Decimal, scale: u32) -> Option<i128> {
    let up = scale.checked_sub(value.scale())?;
    value.mantissa().checked_mul(pow10(up)?)
}

/// `10^k` for the scales of decimals (`k <= 28`).
fn pow10(k: u32) -> Option<i128> {
    10i128.checked_pow(k)
}

/// `(p / 10^p_scale) / (q / 10^q_scale)` as a decimal; `None` for `q = 0`. When both
/// integers fit a decimal this is the decimal division itself (28
/// significant digits); otherwise the fraction is reduced first, and only a
/// fraction that still does not fit is divided in two steps, the integer
/// part exactly and the remainder to 28 digits.
pub fn quotient(p: i128, p_scale: u32, q: i128, q_scale: u32) -> Option<Decimal> {
    let (p, q) = match q.signum() {
        0 => return None,
        1 => (p, q),
        _ => (p.checked_neg()?, q.checked_neg()?),
    };
    if let Some(v) = small_quotient(p, p_scale, q, q_scale) {
        return Some(v);
    }
    let g = gcd(p.unsigned_abs(), q.unsigned_abs());
    let (p, q) = (p / g as i128, q / g as i128);
    if let Some(v) = small_quotient(p, p_scale, q, q_scale) {
        return Some(v);
    }
    let whole = p / q;
    let rest = p % q;
    let rest = fraction(rest, q)?;
    let value = decimal(whole, 0)?.checked_add(rest)?;
    shift(value, p_scale, q_scale)
}

/// The decimal division, when both integers fit a decimal.
fn small_quotient(p: i128, p_scale: u32, q: i128, q_scale: u32) -> Option<Decimal> {
    decimal(p, p_scale)?.checked_div(decimal(q, q_scale)?)
}

fn decimal(mantissa: i128, scale: u32) -> Option<Decimal> {
    if mantissa.unsigned_abs() > MAX_MANTISSA {
        return None;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

/// `r / q` for `|r| < q`: both shifted right until `q` fits a decimal,
/// which keeps 94 of the quotient's bits (28 digits).
fn fraction(r: i128, q: i128) -> Option<Decimal> {
    let bits = 128 - q.unsigned_abs().leading_zeros();
    let drop = bits.saturating_sub(96);
    let (r, q) = (r >> drop, q >> drop);
    decimal(r, 0)?.checked_div(decimal(q, 0)?)
}

/// `value / 10^(p_scale - q_scale)`, or times `10^(q_scale - p_scale)`.
fn shift(value: Decimal, p_scale: u32, q_scale: u32) -> Option<Decimal> {
    if p_scale >= q_scale {
        let k = p_scale - q_scale;
        let mut v = value;
        if v.scale() + k <= 28 {
            v.set_scale(v.scale() + k).ok()?;
            Some(v)
        } else {
            v.checked_div(decimal(pow10(k)?, 0)?)
        }
    } else {
        value.checked_mul(decimal(pow10(q_scale - p_scale)?, 0)?)
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn values_become_integers_at_a_scale() {
        assert_eq!(scaled(d("2.5"), 3), Some(2500));
        assert_eq!(scaled(d("-0.125"), 3), Some(-125));
        assert_eq!(scaled(d("7"), 0), Some(7));
        // More decimals than the scale: no integer holds it.
        assert_eq!(scaled(d("0.125"), 2), None);
    }

    #[test]
    fn small_fractions_divide_as_decimals_do() {
        // 465 / 10 = 46.5, as the decimal division prints it (46.50).
        assert_eq!(quotient(465, 0, 10, 0), Some(d("465") / d("10")));
        assert_eq!(quotient(8, 0, 3, 0), Some(d("8") / d("3")));
        // 2.5 / 0.5 = 5; -1.5 / 3 = -0.5.
        assert_eq!(quotient(25, 1, 5, 1), Some(d("5")));
        assert_eq!(quotient(-15, 1, 3, 0), Some(d("-0.5")));
        assert_eq!(quotient(15, 1, -3, 0), Some(d("-0.5")));
        assert_eq!(quotient(1, 0, 0, 0), None);
    }

    #[test]
    fn large_fractions_are_reduced_or_divided_in_two_steps() {
        // 493827156049365061728349492 · 10^9 / 10^9: reduced, it is the target.
        let t = 493_827_156_049_365_061_728_349_492_i128;
        let big = t * 1_000_000_000;
        assert_eq!(
            quotient(big, 12, 1_000_000_000, 0),
            Some(d("493827156049365.061728349492"))
        );
        // (10^30 + 1) / 1000: no common factor, past a decimal's 96 bits;
        // the whole part 10^27 exactly, the remainder 1/1000 below what 28
        // digits of 10^27 show.
        let p = 10i128.pow(30) + 1;
        assert_eq!(
            quotient(p, 0, 1000, 0),
            Some(d("1000000000000000000000000000"))
        );
        // (10^30 + 1) / 3 is 3.3·10^29, past the largest decimal: no figure.
        assert_eq!(quotient(p, 0, 3, 0), None);
        // (10^29 + 1) / 7 at scale 12: 10^29 + 1 = 7 · 14285714285714285714285714285
        // + 6, so the value is 14285714285714285.714285714285 + (6/7)·10^-12
        // = …714285.714285714285857…, to 28 digits …714286.
        assert_eq!(
            quotient(10i128.pow(29) + 1, 12, 7, 0),
            Some(d("14285714285714285.714285714286"))
        );
        // A denominator past 2^96: 10^30 / (3·10^30) = 1/3 after reducing;
        // (10^30 + 1) / (3·10^30) has no common factor: 0.3333… to 28 digits.
        assert_eq!(
            quotient(10i128.pow(30), 0, 3 * 10i128.pow(30), 0),
            Some(d("1") / d("3"))
        );
        let got = quotient(10i128.pow(30) + 1, 0, 3 * 10i128.pow(30), 0).unwrap();
        assert!((got - d("0.3333333333333333333333333333")).abs() <= d("1e-27"));
    }
}
