//! Fiscal years and the ways people write them: `2014`, `FY2014`, `2014年度`,
//! `H26`, `平成26年度`, `令和元年度` (plan-format.md, "Years").

use std::fmt;

use serde::{Deserialize, Serialize};

/// A fiscal year, by the western calendar year in which it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalYear(pub i32);

/// How years are printed (`plan.year_style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum YearStyle {
    /// `H26`, `R1`, `S63`
    Era,
    /// `FY2014`
    #[default]
    Fiscal,
    /// `2014`
    Western,
}

impl YearStyle {
    pub fn parse(s: &str) -> Option<YearStyle> {
        match s {
            "era" => Some(YearStyle::Era),
            "fiscal" => Some(YearStyle::Fiscal),
            "western" => Some(YearStyle::Western),
            _ => None,
        }
    }
}

struct Era {
    letter: char,
    kanji: &'static str,
    /// Western year of the era's first year (year 1).
    first: i32,
    /// Highest year number accepted when parsing.
    last_accepted: i32,
}

/// Showa runs S1 to S64; Heisei past 31 is accepted because plans written
/// before 2019 named their targets that way (`H32` = 2020).
const ERAS: [Era; 3] = [
    Era {
        letter: 'S',
        kanji: "昭和",
        first: 1926,
        last_accepted: 64,
    },
    Era {
        letter: 'H',
        kanji: "平成",
        first: 1989,
        last_accepted: 99,
    },
    Era {
        letter: 'R',
        kanji: "令和",
        first: 2019,
        // R981 is 2999, the last year of WESTERN_RANGE.
        last_accepted: 981,
    },
];

/// The years a plan can reasonably name; anything else is a typo.
const WESTERN_RANGE: std::ops::RangeInclusive<i32> = 1900..=2999;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearError {
    pub text: String,
    /// Why, when the year is well formed but its era never had it (`S65`).
    pub why: Option<String>,
}

impl fmt::Display for YearError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.why {
            Some(why) => write!(f, "`{}` is not a fiscal year: {why}", self.text),
            None => write!(
                f,
                "`{}` is not a fiscal year from 1900 to 2999 (write it as 2014, FY2014, 2014年度, H26 or 平成26年度)",
                self.text
            ),
        }
    }
}

/// Why an era year past the era's end is not a year, where there is more
/// to say than the usual message: Shōwa ended in S64, Reiwa is read to 2999.
fn past_the_era(era: &Era, n: i32) -> Option<String> {
    let next = ERAS
        .iter()
        .find(|e| e.first == era.first + era.last_accepted - 1);
    let (after, western) = (era.first + era.last_accepted - 1, era.first + n - 1);
    match next {
        // Shōwa: S64 is 1989, which is also H1.
        Some(next) => Some(format!(
            "{} ({}) ended in its {}th year ({}{} = {after}, also {}1); for {western} write {western} or {}{}",
            era.kanji,
            era.letter,
            era.last_accepted,
            era.letter,
            era.last_accepted,
            next.letter,
            next.letter,
            western - next.first + 1,
        )),
        None if western > *WESTERN_RANGE.end() => Some(format!(
            "{}{} would be {western}, past 2999, the last year kpi reads",
            era.letter, n
        )),
        None => None,
    }
}

impl std::error::Error for YearError {}

/// Full-width ASCII (`２０１４`, `Ｈ２６`, `ＦＹ`) to ASCII; other characters unchanged.
pub fn narrow_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl FiscalYear {
    pub fn parse(text: &str) -> Result<FiscalYear, YearError> {
        let err = || YearError {
            text: text.to_string(),
            why: None,
        };
        let narrow = narrow_ascii(text);
        let s = narrow.trim();
        // A trailing 年度 is allowed on every form: 2014年度, H26年度, 平成26年度.
        let (s, had_nendo) = match s.strip_suffix("年度") {
            Some(rest) => (rest.trim_end(), true),
            None => (s, false),
        };

        if all_digits(s) {
            if s.len() != 4 {
                return Err(err());
            }
            let y: i32 = s.parse().map_err(|_| err())?;
            return if WESTERN_RANGE.contains(&y) {
                Ok(FiscalYear(y))
            } else {
                Err(err())
            };
        }
        if !had_nendo {
            if let Some(rest) = s
                .strip_prefix("FY")
                .or_else(|| s.strip_prefix("fy"))
                .or_else(|| s.strip_prefix("Fy"))
                .or_else(|| s.strip_prefix("fY"))
            {
                // Four characters that read as a year from 1900 to 2999 can
                // only be four digits (a sign leaves three).
                let rest = rest.trim_start();
                match rest.parse::<i32>() {
                    Ok(y) if rest.len() == 4 && WESTERN_RANGE.contains(&y) => {
                        return Ok(FiscalYear(y))
                    }
                    _ => return Err(err()),
                }
            }
        }
        for era in &ERAS {
            let rest = if let Some(rest) = s.strip_prefix(era.kanji) {
                rest
            } else if let Some(first) = s.chars().next() {
                if first.to_ascii_uppercase() == era.letter {
                    &s[first.len_utf8()..]
                } else {
                    continue;
                }
            } else {
                continue;
            };
            let rest = rest.trim();
            let n: i32 = if rest == "元" {
                1
            } else if all_digits(rest) && rest.len() <= 3 {
                rest.parse().map_err(|_| err())?
            } else {
                return Err(err());
            };
            if n > era.last_accepted {
                return Err(YearError {
                    why: past_the_era(era, n),
                    ..err()
                });
            }
            if n < 1 {
                return Err(err());
            }
            return Ok(FiscalYear(era.first + n - 1));
        }
        Err(err())
    }

    pub fn year(self) -> i32 {
        self.0
    }

    /// The era a fiscal year is printed in, and its year number in that era.
    /// Years before Showa have no era label here.
    fn era(self) -> Option<(&'static Era, i32)> {
        ERAS.iter()
            .rev()
            .find(|e| self.0 >= e.first)
            .map(|e| (e, self.0 - e.first + 1))
    }

    /// The short label in a style: `H26`, `FY2014`, `2014`.
    pub fn label(self, style: YearStyle) -> String {
        Label(self, style).to_string()
    }

    /// The long Japanese label: `平成26年度`, `令和元年度`, `2014年度`.
    pub fn label_ja(self, style: YearStyle) -> String {
        match (style, self.era()) {
            (YearStyle::Era, Some((era, 1))) => format!("{}元年度", era.kanji),
            (YearStyle::Era, Some((era, n))) => format!("{}{}年度", era.kanji, n),
            _ => format!("{}年度", self.0),
        }
    }
}

/// `FiscalYear::label`, written where it goes: the status document writes
/// ten labels a KPI for 100,000 KPIs. Only ASCII letters and digits.
#[derive(Clone, Copy)]
pub struct Label(pub FiscalYear, pub YearStyle);

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Label(year, style) = *self;
        match style {
            YearStyle::Western => write!(f, "{}", year.0),
            YearStyle::Fiscal => write!(f, "FY{}", year.0),
            YearStyle::Era => match year.era() {
                Some((era, n)) => write!(f, "{}{}", era.letter, n),
                None => write!(f, "{}", year.0),
            },
        }
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn y(s: &str) -> i32 {
        FiscalYear::parse(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .0
    }

    #[test]
    fn every_form_in_the_table() {
        assert_eq!(y("2014"), 2014);
        assert_eq!(y("FY2014"), 2014);
        assert_eq!(y("2014年度"), 2014);
        assert_eq!(y("H26"), 2014);
        assert_eq!(y("R1"), 2019);
        assert_eq!(y("S63"), 1988);
        assert_eq!(y("平成26年度"), 2014);
        assert_eq!(y("令和元年度"), 2019);
        assert_eq!(y("令和2年度"), 2020);
    }

    #[test]
    fn case_width_and_spacing_do_not_matter() {
        assert_eq!(y("fy2014"), 2014);
        assert_eq!(y("h26"), 2014);
        assert_eq!(y(" H26 "), 2014);
        assert_eq!(y("Ｈ２６"), 2014);
        assert_eq!(y("２０１４年度"), 2014);
        assert_eq!(y("H26年度"), 2014);
        assert_eq!(y("昭和64年度"), 1989);
    }

    #[test]
    fn heisei_past_31_is_accepted() {
        assert_eq!(y("H31"), 2019);
        assert_eq!(y("H32"), 2020);
        assert_eq!(y("平成32年度"), 2020);
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [
            "",
            "H",
            "H0",
            "S65",
            "R0",
            "14",
            "20145",
            "FY14",
            "2014年",
            "X26",
            "H2６x",
            "1800",
            "next year",
            "H-1",
            "平成",
        ] {
            assert!(FiscalYear::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn an_era_year_past_its_era_says_when_the_era_ended() {
        let err = FiscalYear::parse("S65").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`S65` is not a fiscal year: 昭和 (S) ended in its 64th year (S64 = 1989, also H1); for 1990 write 1990 or H2"
        );
        let err = FiscalYear::parse("昭和70年度").unwrap_err();
        assert!(
            err.to_string().contains("for 1995 write 1995 or H7"),
            "{err}"
        );
        // Heisei is read to H99 (plans before 2019 named H32 for 2020).
        assert_eq!(y("H99"), 2087);
        assert!(FiscalYear::parse("H100").unwrap_err().why.is_none());
        // Reiwa to R981 = 2999; R982 would be 3000.
        assert_eq!(y("R981"), 2999);
        let err = FiscalYear::parse("R982").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`R982` is not a fiscal year: R982 would be 3000, past 2999, the last year kpi reads"
        );
    }

    #[test]
    fn each_form_at_its_edges() {
        // Western years: four digits from 1900 to 2999.
        assert_eq!(y("1900"), 1900);
        assert_eq!(y("2999"), 2999);
        for bad in [
            "1899", "3000", "0999", "FY1899", "FY3000", "FY 20", "FY20145",
        ] {
            assert!(FiscalYear::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(y("FY 2014"), 2014);
        assert_eq!(y("Fy2014"), 2014);
        assert_eq!(y("fY2014"), 2014);
        // FY with 年度 is not a form.
        assert!(FiscalYear::parse("FY2014年度").is_err());
        // Era years: 元 is year 1; the kanji or the letter; S1 is 1926.
        assert_eq!(y("S1"), 1926);
        assert_eq!(y("S64"), 1989);
        assert_eq!(y("H1"), 1989);
        assert_eq!(y("平成元年度"), 1989);
        assert_eq!(y("R 2"), 2020);
        assert_eq!(y("令和 2 年度"), 2020);
        // Four digits is no era year (at most three): the usual message,
        // not "would be 3252".
        assert_eq!(FiscalYear::parse("R1234").unwrap_err().why, None);
        assert!(FiscalYear::parse("R元年").is_err());
    }

    #[test]
    fn labels_in_each_style() {
        let fy = FiscalYear(2014);
        assert_eq!(fy.label(YearStyle::Era), "H26");
        assert_eq!(fy.label(YearStyle::Fiscal), "FY2014");
        assert_eq!(fy.label(YearStyle::Western), "2014");
        assert_eq!(FiscalYear(2019).label(YearStyle::Era), "R1");
        assert_eq!(FiscalYear(2020).label(YearStyle::Era), "R2");
        assert_eq!(FiscalYear(2018).label(YearStyle::Era), "H30");
        assert_eq!(FiscalYear(1988).label(YearStyle::Era), "S63");
        assert_eq!(FiscalYear(1989).label(YearStyle::Era), "H1");
        assert_eq!(FiscalYear(2019).label_ja(YearStyle::Era), "令和元年度");
        assert_eq!(FiscalYear(2014).label_ja(YearStyle::Era), "平成26年度");
        assert_eq!(FiscalYear(2014).label_ja(YearStyle::Fiscal), "2014年度");
    }

    #[test]
    fn styles_by_name() {
        assert_eq!(YearStyle::parse("era"), Some(YearStyle::Era));
        assert_eq!(YearStyle::parse("fiscal"), Some(YearStyle::Fiscal));
        assert_eq!(YearStyle::parse("western"), Some(YearStyle::Western));
        assert_eq!(YearStyle::parse("Era"), None);
        assert_eq!(YearStyle::parse(""), None);
        assert_eq!(YearStyle::default(), YearStyle::Fiscal);
    }

    #[test]
    fn a_year_prints_and_reads_as_its_western_number() {
        assert_eq!(FiscalYear(2014).year(), 2014);
        assert_eq!(FiscalYear(2014).to_string(), "2014");
        assert_eq!(FiscalYear(1926).label(YearStyle::Era), "S1");
        // Before Showa there is no era label: the western year.
        assert_eq!(FiscalYear(1925).label(YearStyle::Era), "1925");
        assert_eq!(FiscalYear(1925).label_ja(YearStyle::Era), "1925年度");
        assert_eq!(FiscalYear(1926).label_ja(YearStyle::Era), "昭和元年度");
        assert_eq!(FiscalYear(1927).label_ja(YearStyle::Era), "昭和2年度");
        assert_eq!(FiscalYear(2020).label_ja(YearStyle::Western), "2020年度");
    }

    #[test]
    fn full_width_text_narrows_character_for_character() {
        // U+FF01 ！ to U+FF5E ～ are ASCII ! to ~ shifted by 0xFEE0; the
        // ideographic space is a space; anything else stays.
        assert_eq!(narrow_ascii("！Ｈ２６～"), "!H26~");
        assert_eq!(narrow_ascii("平成\u{3000}26"), "平成 26");
        assert_eq!(narrow_ascii("\u{FF00}\u{FF5F}"), "\u{FF00}\u{FF5F}");
        assert_eq!(narrow_ascii(""), "");
    }

    #[test]
    fn digits_are_ascii_digits_and_at_least_one() {
        assert!(all_digits("2014"));
        assert!(all_digits("0"));
        assert!(!all_digits(""));
        assert!(!all_digits("20a4"));
        assert!(!all_digits("２０"));
    }

    #[test]
    fn each_branch_of_the_parser() {
        // Western: exactly four digits in range, with or without 年度.
        assert_eq!(y("2014年度"), 2014);
        assert_eq!(y("2014 年度"), 2014);
        assert!(FiscalYear::parse("201").is_err());
        // FY: any case, a space allowed after it, four digits in range;
        // never with 年度; `FY` alone or with other text is refused.
        for bad in [
            "FY",
            "FY20１4x",
            "FYH26",
            "FY2014年度",
            "fy3000",
            "FY+999",
            "FY02014",
        ] {
            assert!(FiscalYear::parse(bad).is_err(), "{bad:?}");
        }
        // An era by kanji or by letter in either case; 元 is year 1; the
        // number has one to three digits; spaces around it are allowed.
        assert_eq!(y("s64"), 1989);
        assert_eq!(y("r 1"), 2019);
        assert_eq!(y("昭和 元 年度"), 1926);
        assert_eq!(y("R100"), 2118);
        for bad in [
            "R",
            "R 元元",
            "Rx",
            "R1000",
            "令和",
            "令和0年度",
            "S0",
            "元",
        ] {
            assert!(FiscalYear::parse(bad).is_err(), "{bad:?}");
        }
        // A letter that is no era's: the usual message, no reason.
        let e = FiscalYear::parse("T12").unwrap_err();
        assert_eq!(e.why, None);
        assert_eq!(e.text, "T12");
        assert!(e.to_string().contains("from 1900 to 2999"), "{e}");
        // Past an era's end the reason is given, and the text as written.
        let e = FiscalYear::parse(" Ｓ６５ ").unwrap_err();
        assert_eq!(e.text, " Ｓ６５ ");
        assert!(e.why.is_some());
        // The last year each era accepts, and the first past it.
        assert_eq!(y("S64"), 1989);
        assert_eq!(y("H99"), 2087);
        assert!(FiscalYear::parse("H100").is_err());
    }

    proptest! {
        #[test]
        fn print_then_parse_gives_the_same_year(year in 1926i32..=2999) {
            let fy = FiscalYear(year);
            for style in [YearStyle::Era, YearStyle::Fiscal, YearStyle::Western] {
                let short = fy.label(style);
                prop_assert_eq!(FiscalYear::parse(&short).map(|f| f.0), Ok(year), "{}", short);
                let long = fy.label_ja(style);
                prop_assert_eq!(FiscalYear::parse(&long).map(|f| f.0), Ok(year), "{}", long);
            }
        }
    }
}
