//! The output language, decided once by `cmd` (from `--lang` or the locale)
//! and handed down to `render`, `sheet` and `ledger`. The words themselves
//! live with their users (`render::i18n`, `render::words`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// The language from the environment, as POSIX orders it: LC_ALL, then
    /// LC_MESSAGES, then LANG. Japanese for any `ja…` locale, else English.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
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
