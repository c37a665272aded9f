//! Settings, once (architecture.md, "The flow"; ripgrep's lowargs →
//! hiargs): the command line as clap parsed it (`crate::cli`) and what the
//! process is given besides it — its environment variables, its current
//! folder, whether stdout is a terminal and how wide, and the clock — become
//! plain settings before any work. This is the only module that reads the
//! environment, the current folder, the terminal or the clock; everything
//! else asks it.
//!
//! `Env` is a snapshot of those, taken once a run (`env()`); a test or a
//! library caller may build one by hand (`Env::with_vars`) and decide
//! settings from it (`Settings::new`) without touching the process.

use std::ffi::{OsStr, OsString};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::cli::{ColorArg, GlobalArgs, LangArg};
use crate::environment;
use crate::lang::Lang;
use crate::today::Date;

/// What the process was given besides its arguments.
pub struct Env {
    vars: Vec<(OsString, OsString)>,
    /// The current folder, or why it cannot be had (a folder since removed).
    cwd: Result<PathBuf, (std::io::ErrorKind, String)>,
    /// Whether stdout is a terminal, and its width if so.
    stdout_terminal: bool,
    terminal_width: Option<usize>,
    /// Seconds since the epoch, when the snapshot was taken.
    now: i64,
}

impl Env {
    /// The process's own: read once.
    fn from_process() -> Env {
        let stdout_terminal = std::io::stdout().is_terminal();
        Env {
            vars: std::env::vars_os().collect(),
            cwd: std::env::current_dir().map_err(|e| (e.kind(), e.to_string())),
            stdout_terminal,
            terminal_width: if stdout_terminal {
                terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
            } else {
                None
            },
            now: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
        }
    }

    /// An environment of these variables only, in `cwd`, not a terminal,
    /// at `now` (seconds since the epoch): for tests.
    pub fn with_vars(vars: &[(&str, &str)], cwd: &Path, now: i64) -> Env {
        Env {
            vars: vars
                .iter()
                .map(|(k, v)| (OsString::from(k), OsString::from(v)))
                .collect(),
            cwd: Ok(cwd.to_path_buf()),
            stdout_terminal: false,
            terminal_width: None,
            now,
        }
    }

    /// A variable's value, if set.
    pub fn var_os(&self, name: &str) -> Option<&OsStr> {
        self.vars
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_os_str())
    }

    /// A variable's value as text (`None` if unset or not Unicode, as
    /// `std::env::var` has it).
    pub fn var(&self, name: &str) -> Option<&str> {
        self.var_os(name).and_then(OsStr::to_str)
    }

    /// A variable naming a path, unset when empty (`KPI_PLAN`, `KPI_WORKSPACE`).
    pub fn path(&self, name: &str) -> Option<PathBuf> {
        self.var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    }

    /// The current folder.
    pub fn cwd(&self) -> std::io::Result<PathBuf> {
        self.cwd
            .clone()
            .map_err(|(kind, text)| std::io::Error::new(kind, text))
    }

    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_terminal
    }

    /// The width of the terminal stdout writes to, if it is one.
    pub fn terminal_width(&self) -> Option<usize> {
        self.terminal_width
    }

    /// A boolean variable, read as `environment::flag` reads it; a value
    /// that is neither a yes nor a no is warned about once a run and taken
    /// as unset (`KPI_ASCII`, `KPI_CACHE`).
    pub fn flag(&self, name: &str) -> Option<bool> {
        let value = self.var_os(name).map(|v| v.to_string_lossy());
        environment::flag_or_warn(name, value.as_deref())
    }

    /// Today: `KPI_TODAY` when set, else the clock at UTC+14 (`today::decide`).
    pub fn today(&self) -> Result<Date, String> {
        crate::today::decide(self.var(crate::today::VARIABLE), self.now)
    }

    /// The language of the locale, as POSIX orders it: LC_ALL, then
    /// LC_MESSAGES, then LANG; where none is set, the operating system's
    /// user locale (Windows only: Linux and macOS go by the variables).
    pub fn locale_lang(&self) -> Lang {
        let vars = ["LC_ALL", "LC_MESSAGES", "LANG"].map(|k| self.var(k).map(str::to_string));
        Lang::from(None, &vars, crate::lang::os_locale().as_deref())
    }
}

/// Today, decided once a run (`Env::today`). A `KPI_TODAY` that is not a
/// date is an error naming it.
pub fn today() -> Result<Date, String> {
    static TODAY: OnceLock<Result<Date, String>> = OnceLock::new();
    TODAY.get_or_init(|| env().today()).clone()
}

/// True when `KPI_TODAY` sets today's date (an error message then says so).
pub fn today_is_set() -> bool {
    env()
        .var(crate::today::VARIABLE)
        .is_some_and(|v| !v.trim().is_empty())
}

/// The newest fiscal year that has begun, for a plan whose fiscal years
/// start in month `start`.
pub fn current_fiscal_year(start: u32) -> Result<crate::year::FiscalYear, String> {
    today().map(|d| d.fiscal_year(start))
}

/// `KPI_CACHE`: the plan cache is used unless it says no (docs/cache.md).
pub fn cache_enabled() -> bool {
    env().flag("KPI_CACHE") != Some(false)
}

/// The process's environment, read once a run.
pub fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(Env::from_process)
}

/// The options every command takes, decided: what the command line says,
/// else what the environment says.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `--plan`, else `$KPI_PLAN`.
    pub plan: Option<PathBuf>,
    /// `--workspace`, else `$KPI_WORKSPACE`.
    pub workspace: Option<PathBuf>,
    /// `--workspace` as given (`kpi init --workspace DIR` makes one there).
    pub workspace_flag: Option<PathBuf>,
    /// `--all`.
    pub all: bool,
    /// `-p NAME`s.
    pub members: Vec<String>,
    /// `--lang`, else the locale.
    pub lang: Lang,
    /// `--color`, else whether stdout is a terminal, `NO_COLOR` and `TERM`.
    pub color: bool,
    /// `--ascii` (else `KPI_ASCII`, read when a table is drawn: `style`).
    pub ascii: bool,
    /// `--width`, else the terminal's, else `COLUMNS`.
    pub width: Option<usize>,
}

impl Settings {
    /// The settings of the command line `global` in `env`.
    pub fn new(global: &GlobalArgs, env: &Env) -> Settings {
        let lang = match global.lang {
            Some(LangArg::Ja) => Lang::Ja,
            Some(LangArg::En) => Lang::En,
            None => env.locale_lang(),
        };
        let color = match global.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => environment::auto_colour(
                env.stdout_is_terminal(),
                env.var_os("NO_COLOR")
                    .map(|v| v.to_string_lossy())
                    .as_deref(),
                env.var_os("TERM").map(|v| v.to_string_lossy()).as_deref(),
            ),
        };
        Settings {
            plan: global.plan.clone().or_else(|| env.path("KPI_PLAN")),
            workspace: global
                .workspace
                .clone()
                .or_else(|| env.path("KPI_WORKSPACE")),
            workspace_flag: global.workspace.clone(),
            all: global.all,
            members: global.members.clone(),
            lang,
            color,
            ascii: global.ascii,
            width: environment::table_width(global.width, env.terminal_width(), env.var("COLUMNS")),
        }
    }
}
