//! The programs some tests need besides cargo, and the one way a test says
//! one is missing. Such a test is `#[ignore = "needs NAME"]` (NAME as
//! below), so that plain `cargo test` lists it as ignored; run with
//! `--include-ignored` (as `dev/test-all` does, after installing them), it
//! calls `need`, which fails, never skips, where the program is missing:
//!
//! `this test needs chromium, which is not installed: apt-get install chromium (dev/test-all installs every program the ignored tests need)`

use std::process::{Command, Stdio};

/// A program a test needs: its name in `#[ignore = "needs NAME"]`, the
/// commands that show it is there (the first that succeeds is the one to
/// run), and how to install it on Debian.
pub struct Program {
    pub name: &'static str,
    probes: &'static [(&'static str, &'static [&'static str])],
    install: &'static str,
}

/// Debian's headless Chromium (the HTML report's tests).
pub const CHROMIUM: Program = Program {
    name: "chromium",
    probes: &[
        ("chromium", &["--version"]),
        ("chromium-browser", &["--version"]),
    ],
    install: "apt-get install chromium",
};

/// tmux, with the ja_JP.UTF-8 locale (the terminal test).
pub const TMUX: Program = Program {
    name: "tmux",
    probes: &[("tmux", &["-V"])],
    install: "apt-get install tmux, and generate the ja_JP.UTF-8 locale",
};

/// LibreOffice Calc, headless (opens kpi's workbooks).
pub const LIBREOFFICE: Program = Program {
    name: "libreoffice",
    probes: &[("soffice", &["--version"])],
    install: "apt-get install libreoffice-calc-nogui",
};

/// Python 3 with openpyxl (writes the offices' workbooks).
pub const OPENPYXL: Program = Program {
    name: "openpyxl",
    probes: &[("python3", &["-c", "import openpyxl"])],
    install: "python3 -m pip install openpyxl",
};

/// Python 3, whose csv module reads kpi's open data back.
pub const PYTHON3: Program = Program {
    name: "python3",
    probes: &[("python3", &["-c", "import csv, json"])],
    install: "apt-get install python3",
};

/// Python 3 with PyYAML (parses Open SDG's front matter).
pub const PYYAML: Program = Program {
    name: "pyyaml",
    probes: &[("python3", &["-c", "import yaml"])],
    install: "python3 -m pip install pyyaml",
};

/// Python 3.11 or later, whose tomllib the benchmark's peer reads plans with.
pub const PYTHON311: Program = Program {
    name: "python3.11",
    probes: &[("python3", &["-c", "import tomllib"])],
    install: "apt-get install python3 (3.11 or later)",
};

/// `script` (util-linux), which gives a command a terminal.
pub const SCRIPT: Program = Program {
    name: "script",
    probes: &[("script", &["--version"])],
    install: "apt-get install bsdutils",
};

/// The command that runs `program`, or a failure in the one wording.
pub fn need(program: &Program) -> &'static str {
    program
        .probes
        .iter()
        .find(|(bin, args)| {
            Command::new(bin)
                .args(*args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .map(|(bin, _)| *bin)
        .unwrap_or_else(|| panic!("{}", missing(program)))
}

/// What a test says when `program` is missing.
pub fn missing(program: &Program) -> String {
    format!(
        "this test needs {}, which is not installed: {} \
         (dev/test-all installs every program the ignored tests need)",
        program.name, program.install
    )
}
