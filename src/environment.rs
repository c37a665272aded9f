//! What `kpi` reads from its environment, decided once in `cmd` and handed
//! down as plain settings: boolean variables (`KPI_ASCII`, `KPI_CACHE`),
//! the width terminal tables are laid out for, and whether to colour.

/// A boolean variable's value: `1/true/yes/on` and `0/false/no/off`, in any
/// case, spaces trimmed; an empty value is unset. Anything else is `Err`
/// with a warning to print, and the variable is then taken as unset.
pub fn flag(name: &str, value: Option<&str>) -> Result<Option<bool>, String> {
    let Some(value) = value else {
        return Ok(None);
    };
    match value.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "1" | "true" | "yes" | "on" => Ok(Some(true)),
        "0" | "false" | "no" | "off" => Ok(Some(false)),
        _ => Err(format!(
            "{name}={value:?} is not a yes or no; it is ignored (write 1, true, yes or on; 0, false, no or off)"
        )),
    }
}

/// A boolean variable's `value`, read as `flag` reads it. A value that is
/// neither a yes nor a no is warned about on stderr, once a run, and taken
/// as unset. (The value is `settings::Env::flag`'s to read.)
pub fn flag_or_warn(name: &str, value: Option<&str>) -> Option<bool> {
    match flag(name, value) {
        Ok(v) => v,
        Err(warning) => {
            warn_once(name, &warning);
            None
        }
    }
}

/// Print `warning` for the variable `name` unless this run already did.
fn warn_once(name: &str, warning: &str) {
    static WARNED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut warned = WARNED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !warned.iter().any(|w| w == name) {
        warned.push(name.to_string());
        eprintln!("warning: {warning}");
    }
}

/// The narrowest width terminal output is laid out for: a terminal or a
/// `COLUMNS` narrower than this gets tables this wide (docs/terminal.md).
pub const MIN_WIDTH: usize = 60;

/// The width terminal tables are laid out for (cli.md): `--width N` if
/// given; else the terminal's width when stdout is a terminal; else
/// `COLUMNS` if it is a number; else unlimited (`None`). Never less than
/// [`MIN_WIDTH`].
pub fn table_width(
    given: Option<usize>,
    stdout_terminal_width: Option<usize>,
    columns: Option<&str>,
) -> Option<usize> {
    given
        .or(stdout_terminal_width.filter(|&w| w > 0))
        .or_else(|| {
            columns
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|&c| c > 0)
        })
        .map(|w| w.max(MIN_WIDTH))
}

/// Whether `--color auto` colours: on a terminal, unless `NO_COLOR` is set
/// (to anything but empty) or `TERM` is `dumb`.
pub fn auto_colour(terminal: bool, no_color: Option<&str>, term: Option<&str>) -> bool {
    terminal && no_color.is_none_or(str::is_empty) && term != Some("dumb")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_read_as_people_write_them() {
        for on in ["1", "true", "TRUE", "Yes", "on", " ON ", "True"] {
            assert_eq!(flag("KPI_ASCII", Some(on)), Ok(Some(true)), "{on:?}");
        }
        for off in [
            "0", "false", "False", "no", "NO", "off", "OFF", " off", "No ",
        ] {
            assert_eq!(flag("KPI_CACHE", Some(off)), Ok(Some(false)), "{off:?}");
        }
        assert_eq!(flag("KPI_ASCII", None), Ok(None));
        assert_eq!(flag("KPI_ASCII", Some("")), Ok(None));
        assert_eq!(flag("KPI_ASCII", Some("  ")), Ok(None));
        let warning = flag("KPI_ASCII", Some("maybe")).unwrap_err();
        assert!(warning.contains("KPI_ASCII=\"maybe\""), "{warning}");
        assert!(warning.contains("ignored"), "{warning}");
    }

    #[test]
    fn the_width_is_the_flag_then_the_terminal_then_columns() {
        assert_eq!(table_width(Some(100), Some(80), Some("120")), Some(100));
        assert_eq!(table_width(None, Some(80), Some("120")), Some(80));
        assert_eq!(table_width(None, None, Some("120")), Some(120));
        assert_eq!(table_width(None, None, Some(" 90 ")), Some(90));
        assert_eq!(table_width(None, None, Some("wide")), None);
        assert_eq!(table_width(None, None, Some("0")), None);
        assert_eq!(table_width(None, None, None), None);
        // A terminal that reports no width is not a width.
        assert_eq!(table_width(None, Some(0), Some("100")), Some(100));
        // Narrower than 60 is laid out at 60.
        assert_eq!(table_width(None, Some(40), None), Some(60));
        assert_eq!(table_width(None, None, Some("20")), Some(60));
    }

    #[test]
    fn a_dumb_terminal_gets_no_colour() {
        assert!(auto_colour(true, None, Some("xterm-256color")));
        assert!(!auto_colour(true, None, Some("dumb")));
        assert!(!auto_colour(true, Some("1"), None));
        assert!(auto_colour(true, Some(""), None));
        assert!(!auto_colour(false, None, None));
    }
}
