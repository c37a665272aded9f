//! The output language, decided once by `cmd` (from `--lang` or the locale)
//! and handed down to `render`, `sheet` and `ledger`. The words themselves
//! live with their users (`render::i18n`, `render::words`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// The language of a locale (the first of LC_ALL, LC_MESSAGES and LANG
    /// that is set, `settings::Env::locale_lang`): Japanese for any `ja…`
    /// locale, else English. Pure: the environment is `settings`'s to read.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// `1 goal`, `2 goals`: a count and its English noun, singular for one.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod count_tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "goal", "goals"), "1 goal");
        assert_eq!(count(0, "goal", "goals"), "0 goals");
        assert_eq!(count(13, "KPI", "KPIs"), "13 KPIs");
    }
}
