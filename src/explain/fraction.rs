//! Exact ratios as reduced fractions of whole numbers: `3/5`, `-4/5`.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::progress::Ratio;

/// `num / den` reduced, both whole (`0.3 / 0.5` is `3/5`); `None` when the
/// numbers are too long to scale to whole ones exactly.
pub fn reduced(r: Ratio) -> Option<(i128, i128)> {
    let places = r.num.scale().max(r.den.scale());
    let scale = Decimal::from_i128_with_scale(10i128.checked_pow(places)?, 0);
    let n = r.num.checked_mul(scale)?.normalize().to_i128()?;
    let d = r.den.checked_mul(scale)?.normalize().to_i128()?;
    if d == 0 {
        return None;
    }
    let g = gcd(n.unsigned_abs(), d.unsigned_abs()).max(1) as i128;
    let (n, d) = (n / g, d / g);
    Some(if d < 0 { (-n, -d) } else { (n, d) })
}

/// `3/5`, or `3` when the denominator is 1.
pub fn text(r: Ratio) -> Option<String> {
    reduced(r).map(|(n, d)| match d {
        1 => n.to_string(),
        _ => format!("{n}/{d}"),
    })
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(num: &str, den: &str) -> Ratio {
        Ratio::new(num.parse().unwrap(), den.parse().unwrap()).unwrap()
    }

    #[test]
    fn fractions_are_reduced_and_whole() {
        assert_eq!(text(ratio("3", "5")), Some("3/5".into()));
        assert_eq!(text(ratio("6", "10")), Some("3/5".into()));
        assert_eq!(text(ratio("0.3", "0.5")), Some("3/5".into()));
        assert_eq!(text(ratio("-4", "5")), Some("-4/5".into()));
        assert_eq!(text(ratio("4", "-5")), Some("-4/5".into()));
        assert_eq!(text(ratio("2.5", "0.5")), Some("5".into()));
        assert_eq!(text(ratio("0", "7")), Some("0".into()));
        // 0.7 / 2.1 = 7/21 = 1/3
        assert_eq!(text(ratio("0.7", "2.1")), Some("1/3".into()));
    }
}
