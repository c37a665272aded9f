//! The output language, decided once by `cmd` (from `--lang` or the locale)
//! and handed down to `render`, `sheet` and `ledger`. The words themselves
//! live with their users (`render::i18n`, `render::words`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// The language for people, decided: `flag` (`--lang`) if given, else
    /// the first of `vars` (LC_ALL, LC_MESSAGES, LANG) set and not empty,
    /// else `os_locale` (the Windows user locale, e.g. `ja-JP`). Japanese
    /// for any `ja…` locale, else English.
    pub fn from(flag: Option<Lang>, vars: &[Option<String>], os_locale: Option<&str>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        let locale = vars
            .iter()
            .flatten()
            .map(String::as_str)
            .find(|v| !v.is_empty())
            .or(os_locale)
            .unwrap_or_default();
        Lang::from_locale(locale)
    }

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

/// The user's locale as Windows has it (`ja-JP`), for when no locale
/// variable is set; elsewhere `None`: there the variables are the locale.
#[cfg(windows)]
pub fn os_locale() -> Option<String> {
    sys_locale::get_locale()
}

#[cfg(not(windows))]
pub fn os_locale() -> Option<String> {
    None
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

#[cfg(test)]
mod from_tests {
    use super::Lang;

    fn vars(all: &[Option<&str>; 3]) -> Vec<Option<String>> {
        all.iter().map(|v| v.map(str::to_string)).collect()
    }

    #[test]
    fn with_no_variable_the_os_locale_decides() {
        let none = vars(&[None, None, None]);
        assert_eq!(Lang::from(None, &none, Some("ja-JP")), Lang::Ja);
        assert_eq!(Lang::from(None, &none, Some("en-US")), Lang::En);
        assert_eq!(Lang::from(None, &none, Some("de-DE")), Lang::En);
        assert_eq!(Lang::from(None, &none, None), Lang::En);
        // Set but empty is unset, as POSIX has it.
        let empty = vars(&[Some(""), Some(""), Some("")]);
        assert_eq!(Lang::from(None, &empty, Some("ja-JP")), Lang::Ja);
    }

    #[test]
    fn the_flag_then_the_variables_win_over_the_os_locale() {
        let none = vars(&[None, None, None]);
        assert_eq!(Lang::from(Some(Lang::En), &none, Some("ja-JP")), Lang::En);
        assert_eq!(
            Lang::from(Some(Lang::Ja), &vars(&[Some("C"), None, None]), None),
            Lang::Ja
        );
        let c = vars(&[None, None, Some("C.UTF-8")]);
        assert_eq!(Lang::from(None, &c, Some("ja-JP")), Lang::En);
        let ja = vars(&[None, None, Some("ja_JP.UTF-8")]);
        assert_eq!(Lang::from(None, &ja, Some("en-US")), Lang::Ja);
        // POSIX order: LC_ALL, then LC_MESSAGES, then LANG.
        let order = vars(&[
            Some("en_US.UTF-8"),
            Some("ja_JP.UTF-8"),
            Some("ja_JP.UTF-8"),
        ]);
        assert_eq!(Lang::from(None, &order, None), Lang::En);
        let order = vars(&[None, Some("ja_JP.UTF-8"), Some("en_US.UTF-8")]);
        assert_eq!(Lang::from(None, &order, None), Lang::Ja);
    }
}
