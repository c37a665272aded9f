//! `kpi.exe` under Wine (design/distribution.md, "How it is tested here";
//! docs/install.md): cross-built with mingw-w64, in a scratch folder with
//! the stand-in `bcryptprimitives.dll` (tests/fixtures/windows), run with a
//! Japanese Windows user locale (`LANG=ja_JP.UTF-8` for Wine itself, the
//! `ja_JP.UTF-8` locale generated) and no `LANG` on the Windows side (`cmd
//! /c "set LANG=&& kpi.exe …"`). One Wine prefix for every step: Wine's
//! server and `wineboot` are started once with no pipes attached (else
//! their background processes hold each run's output pipes open).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::{asaka, kpi_block, HEAD, TODAY};

const TARGET: &str = "x86_64-pc-windows-gnu";
const MINGW: &str = "x86_64-w64-mingw32-gcc";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `cmd`, which must succeed; its output.
fn must(cmd: &mut Command, what: &str) -> Output {
    let out = cmd.output().unwrap_or_else(|e| {
        panic!(
            "{what}: cannot run {:?}: {e} (install it as .ci/run does)",
            cmd.get_program()
        )
    });
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `kpi.exe`, built for Windows as the archive's is (release, mingw-w64).
fn build_exe() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    must(
        Command::new(cargo)
            .current_dir(root())
            .args(["build", "--release", "--locked", "--target", TARGET])
            .env("CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER", MINGW),
        "cargo build --release --target x86_64-pc-windows-gnu",
    );
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    target.join(TARGET).join("release/kpi.exe")
}

/// A fixture C file compiled with mingw-w64 into `out`.
fn mingw(source: &str, out: &Path, flags: &[&str]) {
    let source = root().join("tests/fixtures/windows").join(source);
    must(
        Command::new(MINGW)
            .arg("-O2")
            .args(flags)
            .arg("-o")
            .arg(out)
            .arg(&source),
        &format!("{MINGW} {}", source.display()),
    );
}

/// A Wine prefix of its own, its server running, and a scratch folder
/// holding `kpi.exe` and the stand-in DLL.
struct Wine {
    prefix: tempfile::TempDir,
    dir: tempfile::TempDir,
}

impl Wine {
    fn start() -> Wine {
        let wine = Wine {
            prefix: tempfile::tempdir().expect("a Wine prefix"),
            dir: tempfile::tempdir().expect("a scratch folder"),
        };
        let clock = std::time::Instant::now();
        fs::copy(build_exe(), wine.file("kpi.exe")).expect("copy kpi.exe");
        eprintln!("kpi.exe built in {:.1} s", clock.elapsed().as_secs_f64());
        let clock = std::time::Instant::now();
        mingw(
            "bcryptprimitives.c",
            &wine.file("bcryptprimitives.dll"),
            &["-shared", "-ladvapi32"],
        );
        // The server, persistent while the test runs, then the prefix made,
        // neither with a pipe of the test attached.
        let quiet = |cmd: &mut Command, what: &str| {
            let status = cmd
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap_or_else(|e| {
                    panic!("{what}: {e} (install wine and wine64 as .ci/run does)")
                });
            assert!(status.success(), "{what} failed: {status}");
        };
        quiet(
            wine.env(&mut Command::new("wineserver")).arg("-p"),
            "wineserver -p",
        );
        quiet(
            wine.env(&mut Command::new("wine")).arg("wineboot"),
            "wine wineboot",
        );
        eprintln!(
            "the stand-in DLL built and Wine started in {:.1} s",
            clock.elapsed().as_secs_f64()
        );
        wine
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The environment of every Wine command: Wine in Japanese, its own
    /// prefix, no debug output, no Mono or Gecko to install; none of the
    /// variables that change kpi's output passed through to Windows (Wine
    /// passes the Unix environment on) but the date the tests take for today.
    fn env<'c>(&self, cmd: &'c mut Command) -> &'c mut Command {
        for var in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "COLUMNS", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        for (var, _) in std::env::vars_os() {
            if var.to_string_lossy().starts_with("KPI_") {
                cmd.env_remove(var);
            }
        }
        cmd.env("WINEPREFIX", self.prefix.path())
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree=;mshtml=")
            .env("LANG", "ja_JP.UTF-8")
            .env("KPI_TODAY", TODAY)
    }

    /// `cmd /c "set LANG=&& EXE ARGS"` in `cwd` (below the scratch folder, a
    /// Unix path),
    /// `exe` as cmd finds it from there: kpi with no LANG on Windows.
    fn kpi_in(&self, cwd: &str, exe: &str, args: &str) -> Output {
        let line = format!("set LANG=&& {exe} {args}");
        self.env(&mut Command::new("wine"))
            .current_dir(self.dir.path().join(cwd))
            .args(["cmd", "/c", &line])
            .stdin(Stdio::null())
            .output()
            .expect("run wine")
    }

    fn kpi(&self, args: &str) -> Output {
        self.kpi_in(".", "kpi.exe", args)
    }

    /// `kpi(args)`, which must exit 0; its stdout.
    fn ok(&self, args: &str) -> String {
        let out = self.kpi(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "kpi.exe {args}: {}",
            shown(&out)
        );
        String::from_utf8(out.stdout).expect("UTF-8 stdout")
    }

    /// This folder's path as Windows under Wine sees it (`Z:\tmp\…`).
    fn windows_path(&self, name: &str) -> String {
        format!("Z:{}", self.file(name).display()).replace('/', "\\")
    }
}

impl Drop for Wine {
    fn drop(&mut self) {
        let _ = self
            .env(&mut Command::new("wineserver"))
            .arg("-k")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

fn shown(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Copy a folder (the seed plan) into the scratch folder.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else {
            fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// The Linux kpi's stdout for `args` in `cwd`, with `LANG` as given.
fn linux(cwd: &Path, args: &[&str], lang: &str) -> String {
    let mut cmd = crate::common::kpi_command();
    let out = must(
        cmd.current_dir(cwd).env("LANG", lang).args(args),
        "kpi on Linux",
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
#[ignore = "needs wine"]
fn kpi_exe_under_wine_as_a_japanese_windows_user_runs_it() {
    let wine = Wine::start();
    let clock = std::time::Instant::now();
    copy_tree(&asaka(), &wine.file("asaka"));

    // The version, as Cargo.toml has it.
    let version = wine.ok("--version");
    assert_eq!(version.trim(), format!("kpi {}", env!("CARGO_PKG_VERSION")));

    language(&wine);
    line_ends(&wine);
    output_guard(&wine);
    open_elsewhere(&wine);

    // The HTML report, in Japanese.
    wine.ok("report --plan asaka -o report.html");
    let html = fs::read_to_string(wine.file("report.html")).expect("report.html written");
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    assert!(
        html.contains("<html lang=\"ja\""),
        "the report is in Japanese"
    );
    eprintln!(
        "the checks under Wine took {:.1} s",
        clock.elapsed().as_secs_f64()
    );
}

/// The language: the Windows user locale (ja-JP) with no LANG; `--lang`
/// and a variable set on Windows still win.
fn language(wine: &Wine) {
    let status = wine.ok("status --plan asaka");
    // What Linux prints in the same folder, in Japanese, byte for byte.
    let args = ["status", "--plan", "asaka"];
    let japanese = linux(wine.dir.path(), &args, "ja_JP.UTF-8");
    let english = linux(wine.dir.path(), &args, "C.UTF-8");
    assert_ne!(japanese, english);
    assert!(japanese.contains("基本目標"), "{japanese}");
    assert_eq!(status, japanese, "status as a Japanese Windows user");
    assert_eq!(wine.ok("--lang en status --plan asaka"), english);
    let out = wine.kpi_in(".", "set LANG=C&& kpi.exe", "status --plan asaka");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        english,
        "LANG set on Windows wins"
    );
}

/// A ledger file with CRLF line ends, edited by `record` and by `import` of
/// a filled-in template, stays CRLF.
fn line_ends(wine: &Wine) {
    fs::create_dir_all(wine.file("plan/actuals")).unwrap();
    fs::write(
        wine.file("plan/kpi.toml"),
        format!("{HEAD}{}\n{}", kpi_block("a"), kpi_block("b")),
    )
    .unwrap();
    fs::write(
        wine.file("plan/actuals/2016.csv"),
        "kpi,year,value\r\nb,2016,7\r\n",
    )
    .unwrap();
    fs::write(
        wine.file("plan/actuals/2017.csv"),
        "kpi,year,value\r\nb,2017,9\r\n",
    )
    .unwrap();
    wine.ok("record a 2016 14 --plan plan");
    assert_eq!(
        fs::read_to_string(wine.file("plan/actuals/2016.csv")).unwrap(),
        "kpi,year,value\r\na,2016,14\r\nb,2016,7\r\n"
    );
    // The template an office fills in (実績値, 備考, 区分 empty): a's value
    // written, then imported.
    wine.ok("template --year 2017 --plan plan -o t.csv");
    let template = fs::read_to_string(wine.file("t.csv")).expect("t.csv written");
    let filled: String = template
        .split_inclusive("\r\n")
        .map(|line| match line.strip_suffix(",,,\r\n") {
            Some(row) if row.starts_with("a,") => format!("{row},15,,\r\n"),
            _ => line.to_string(),
        })
        .collect();
    assert_ne!(filled, template, "a's row in the template: {template:?}");
    fs::write(wine.file("t.csv"), filled).unwrap();
    wine.ok("import t.csv --plan plan");
    assert_eq!(
        fs::read_to_string(wine.file("plan/actuals/2017.csv")).unwrap(),
        "kpi,year,value\r\na,2017,15\r\nb,2017,9\r\n"
    );
}

/// `-o` into the ledger is refused however Windows spells it.
fn output_guard(wine: &Wine) {
    fs::create_dir_all(wine.file("plan/out")).unwrap();
    let ledger = wine.file("plan/actuals/2016.csv");
    let before = fs::read(&ledger).unwrap();
    let verbatim = format!(r"\\?\{}", wine.windows_path(r"plan\actuals\2016.csv"));
    for output in [
        r"..\actuals\2016.csv".to_string(),
        r"..\ACTUALS\2016.CSV".to_string(),
        r"..\actuals\2031.csv".to_string(),
        verbatim,
    ] {
        let out = wine.kpi_in(
            "plan/out",
            r"..\..\kpi.exe",
            &format!("status --plan .. -o {output}"),
        );
        assert_eq!(out.status.code(), Some(2), "-o {output}: {}", shown(&out));
        assert!(out.stdout.is_empty(), "-o {output}: {}", shown(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("--output {output}: that is in the ledger")),
            "-o {output}: {stderr}"
        );
    }
    assert_eq!(fs::read(&ledger).unwrap(), before);
    assert!(!wine.file("plan/actuals/2031.csv").exists());
}

/// A ledger file open in another program (as Excel holds one): the write
/// is refused naming it, exit 2, and no ledger file changes.
fn open_elsewhere(wine: &Wine) {
    mingw("holdopen.c", &wine.file("holdopen.exe"), &["-municode"]);
    let held = wine.file("plan/actuals/2016.csv");
    let other = wine.file("plan/actuals/2017.csv");
    let (held_before, other_before) = (fs::read(&held).unwrap(), fs::read(&other).unwrap());
    let mut holder = wine
        .env(&mut Command::new("wine"))
        .current_dir(wine.dir.path())
        .args([r"holdopen.exe", r"plan\actuals\2016.csv", "ready", "stop"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start holdopen.exe");
    let start = std::time::Instant::now();
    while !wine.file("ready").exists() {
        assert!(start.elapsed().as_secs() < 60, "holdopen.exe did not start");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // An import of two files, the held one among them: neither changes.
    fs::write(
        wine.file("two.csv"),
        "kpi,year,value\nb,2016,8\nb,2017,10\n",
    )
    .unwrap();
    let out = wine.kpi("import two.csv --replace --plan plan");
    fs::write(wine.file("stop"), "").unwrap();
    let _ = holder.wait();
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(r"error: plan\actuals\2016.csv: cannot write the new ledger file: the file is open in another program; no ledger file was changed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("close 2016.csv in the program that has it open"),
        "{stderr}"
    );
    assert_eq!(fs::read(&held).unwrap(), held_before);
    assert_eq!(fs::read(&other).unwrap(), other_before);
    let strays: Vec<_> = fs::read_dir(wine.file("plan/actuals"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(strays.len(), 2, "no temporary file left: {strays:?}");
}
