//! Terminal tables laid out for a width (cli.md `--width`, issue 13): the
//! seed plan's `status` and `gap` at 60, 80, 120 and 200 columns, in
//! Japanese and English, with and without `--ascii`, as snapshots reviewed
//! by eye; where the width comes from; and the tables in a real terminal
//! (tmux).

use std::process::Command;
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthStr;

use crate::common::programs::{missing, need, TMUX};
use crate::common::{asaka, kpi_command, run_asaka, Run};

/// Display width: ambiguous-width characters count two under `--ascii`,
/// as the terminals it is for draw them.
fn width(line: &str, ascii: bool) -> usize {
    if ascii {
        line.width_cjk()
    } else {
        line.width()
    }
}

fn assert_fits(out: &str, max: usize, ascii: bool, what: &str) {
    for line in out.lines() {
        assert!(
            width(line, ascii) <= max,
            "{what}: a line of {} columns is wider than {max}:\n{line}\n\n{out}",
            width(line, ascii)
        );
    }
}

const WIDTHS: [usize; 4] = [60, 80, 120, 200];

fn snapshot(command: &str) {
    for lang in ["ja", "en"] {
        for ascii in [false, true] {
            for w in WIDTHS {
                let w_arg = w.to_string();
                let mut args = vec![
                    command, "--lang", lang, "--color", "never", "--width", &w_arg,
                ];
                if ascii {
                    args.push("--ascii");
                }
                let out = run_asaka(&args).ok().to_string();
                let name = format!("{command}_{lang}_{w}{}", if ascii { "_ascii" } else { "" });
                assert_fits(&out, w, ascii, &name);
                insta::assert_snapshot!(name, out);
            }
        }
    }
}

#[test]
fn status_at_each_width() {
    snapshot("status");
}

#[test]
fn gap_at_each_width() {
    snapshot("gap");
}

/// At 80 columns every KPI of the seed plan shows its latest value, its
/// achievement and its status on its row (cli.md, issue 13 item 3).
#[test]
fn at_80_columns_every_kpi_keeps_latest_achievement_and_status() {
    for lang in ["ja", "en"] {
        let out = run_asaka(&["status", "--lang", lang, "--width", "80"])
            .ok()
            .to_string();
        let header = out.lines().find(|l| l.starts_with("│ ")).unwrap();
        let words: &[&str] = match lang {
            "ja" => &["指標", "実績", "達成率", "状況"],
            _ => &["KPI", "latest", "achievement", "status"],
        };
        for w in words {
            assert!(header.contains(w), "{lang}: `{w}` kept at 80:\n{out}");
        }
        // 14 rows (labour-consultations serves two measures), each with its
        // achievement in %, e.g. 60.0% for fair-exhibitors.
        let rows = out
            .lines()
            .filter(|l| l.contains('%') && l.starts_with("│ ") && l.matches('┆').count() >= 3)
            .count();
        assert!(rows >= 11, "{lang}: rows with an achievement:\n{out}");
        for figure in ["66事業所", "60.0%", "2,912人", "-22.0%"] {
            assert!(out.contains(figure), "{lang}: {figure}:\n{out}");
        }
        assert!(out.contains("--width 1"), "the note says how to see it all");
    }
}

/// The width comes from --width, else COLUMNS (stdout is not a terminal
/// here); pipes without COLUMNS get today's full table.
#[test]
fn the_width_is_the_flag_else_columns_else_unlimited() {
    let with = |columns: Option<&str>, flag: Option<&str>| {
        let mut cmd = kpi_command();
        cmd.args(["status", "--lang", "en", "--plan"]).arg(asaka());
        if let Some(c) = columns {
            cmd.env("COLUMNS", c);
        }
        if let Some(f) = flag {
            cmd.args(["--width", f]);
        }
        Run::of(&mut cmd).ok().to_string()
    };
    let full = with(None, None);
    let widest = full.lines().map(|l| l.width()).max().unwrap();
    assert!(widest > 150, "unlimited: {widest}");
    let by_columns = with(Some("90"), None);
    assert_fits(&by_columns, 90, false, "COLUMNS=90");
    assert_eq!(with(Some("90"), Some("120")), with(None, Some("120")));
    assert_fits(&with(Some("90"), Some("120")), 120, false, "--width 120");
    // COLUMNS that is not a number is no width.
    assert_eq!(with(Some("wide"), None), full);
    // A COLUMNS narrower than 60 is laid out at 60.
    assert_eq!(with(Some("30"), None), with(None, Some("60")));
}

#[test]
fn a_width_under_60_is_refused_with_what_to_write() {
    let run = run_asaka(&["status", "--width", "40"]);
    let lines = run.failed();
    assert!(
        lines[0].contains("--width") && run.stderr.contains("60 or more"),
        "{run}"
    );
    let run = run_asaka(&["status", "--width", "wide"]);
    run.failed();
    assert!(run.stderr.contains("number of columns"), "{run}");
}

/// Every terminal table of the other commands fits too: missing, show, check's text.
#[test]
fn missing_show_and_check_fit() {
    for lang in ["ja", "en"] {
        for w in ["60", "80"] {
            for ascii in [false, true] {
                let mut base = vec!["--lang", lang, "--width", w];
                if ascii {
                    base.push("--ascii");
                }
                for command in [
                    &["missing"][..],
                    &["show", "waiting-children"],
                    &["show", "待機児童数"],
                    &["check"],
                ] {
                    let args: Vec<&str> = command.iter().chain(&base).copied().collect();
                    let run = run_asaka(&args);
                    assert!(matches!(run.code, Some(0 | 1)), "{args:?}: {run}");
                    assert_fits(&run.stdout, w.parse().unwrap(), ascii, &args.join(" "));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Through a real terminal
// ---------------------------------------------------------------------------

/// The locale the terminal runs in: ja_JP.UTF-8 where it is installed
/// (`.ci/run` generates it), else C.UTF-8 with `--lang ja`.
pub(crate) fn japanese_locale() -> (&'static str, &'static [&'static str]) {
    let listed = Command::new("locale")
        .arg("-a")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_lowercase())
        .unwrap_or_default();
    if listed
        .lines()
        .any(|l| l == "ja_jp.utf8" || l == "ja_jp.utf-8")
    {
        ("ja_JP.UTF-8", &[])
    } else {
        ("C.UTF-8", &["--lang", "ja"])
    }
}

/// What `kpi ARGS` shows in a tmux pane `cols` wide, as capture-pane reads it.
fn in_tmux(cols: usize, lang: &str, args: &[&str]) -> String {
    in_tmux_plan(&asaka(), cols, lang, args)
}

/// `in_tmux` on the plan `plan`.
pub(crate) fn in_tmux_plan(
    plan: &std::path::Path,
    cols: usize,
    lang: &str,
    args: &[&str],
) -> String {
    let socket = format!("kpi-test-{}-{cols}-{}", std::process::id(), args.join("-"));
    let socket: String = socket
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let kpi = env!("CARGO_BIN_EXE_kpi");
    let mut line = format!("'{kpi}' --plan '{}'", plan.display());
    for a in args {
        line.push_str(&format!(" '{a}'"));
    }
    let script = format!("{line}; echo __kpi_done__; sleep 60");
    let tmux = |extra: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null"])
            .args(extra)
            .env_remove("TMUX")
            .output()
            .unwrap_or_else(|_| panic!("{}", missing(&TMUX)))
    };
    let started = tmux(&[
        "new-session",
        "-d",
        "-x",
        &cols.to_string(),
        "-y",
        "200",
        "-e",
        &format!("LANG={lang}"),
        "-e",
        "LC_ALL=",
        "-e",
        "COLUMNS=",
        "-e",
        "NO_COLOR=",
        &script,
    ]);
    assert!(
        started.status.success(),
        "tmux new-session: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let screen = loop {
        let shot = tmux(&["capture-pane", "-p", "-J", "-S", "-", "-t", "0"]);
        let text = String::from_utf8_lossy(&shot.stdout).to_string();
        if text.contains("__kpi_done__") || Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    tmux(&["kill-server"]);
    assert!(
        screen.contains("__kpi_done__"),
        "kpi did not finish:\n{screen}"
    );
    screen.replace("__kpi_done__", "")
}

#[test]
#[ignore = "needs tmux"]
fn in_a_real_terminal_no_line_is_wider_than_the_pane() {
    need(&TMUX);
    let (lang, lang_args) = japanese_locale();
    for cols in [80, 120] {
        for command in [
            &["status"][..],
            &["gap"],
            &["missing"],
            &["status", "--ascii"],
        ] {
            let args: Vec<&str> = command.iter().chain(lang_args).copied().collect();
            let screen = in_tmux(cols, lang, &args);
            // The table is there, in Japanese, and it is the pane's width at most.
            assert!(screen.contains('┌') || screen.contains('+'), "{screen}");
            assert!(screen.contains("朝霞市"), "{screen}");
            if command[0] != "missing" {
                assert!(screen.contains("状況"), "Japanese headers:\n{screen}");
            }
            // -J joins lines the terminal wrapped: a line wider than the
            // pane would come back whole, wider than the pane.
            for line in screen.lines() {
                assert!(
                    line.width() <= cols,
                    "{args:?} at {cols} ({lang}): a line of {} columns:\n{line}\n\n{screen}",
                    line.width()
                );
            }
        }
    }
}

/// Under --ascii the plan's own ambiguous-width characters count two, so a
/// terminal that draws them two wide still sees every line of a table the
/// same width; without --ascii they count one, as most terminals draw them.
#[test]
fn ascii_counts_the_plans_ambiguous_characters_two_wide() {
    use crate::common::{Workdir, HEAD};
    let plan = format!(
        "{HEAD}[[kpi]]\nid = \"marks\"\nname = \"①相談件数※○△■·\"\nmeasures = [\"1.1\"]\n\
         unit = \"件\"\nbaseline = {{ value = 10, year = \"H26\" }}\ntarget = {{ value = 20, year = \"R1\" }}\n\n\
         [[kpi]]\nid = \"plain\"\nname = \"Plain\"\nmeasures = [\"1.1\"]\n\
         baseline = {{ value = 1, year = \"H26\" }}\ntarget = {{ value = 2, year = \"R1\" }}\n"
    );
    let wd = Workdir::with_ledger(
        &plan,
        &[("2016.csv", "kpi,year,value\nmarks,2016,14\nplain,2016,1\n")],
    );
    for (flags, ascii) in [(&["--ascii"][..], true), (&[][..], false)] {
        for w in [None, Some("60")] {
            let mut args = vec!["status", "--lang", "en", "--color", "never"];
            args.extend(flags);
            if let Some(w) = w {
                args.extend(["--width", w]);
            }
            let out = wd.run(&args).ok().to_string();
            let table: Vec<&str> = out
                .lines()
                .filter(|l| l.starts_with(['+', '|', '┌', '│', '╞', '└']))
                .collect();
            let w0 = width(table[0], ascii);
            for line in &table {
                assert_eq!(width(line, ascii), w0, "{args:?}:\n{line}\n\n{out}");
            }
            if let Some(w) = w {
                assert_fits(&out, w.parse().unwrap(), ascii, &args.join(" "));
            } else {
                assert!(out.contains("①相談件数※○△■·"), "{out}");
            }
        }
    }
}

/// `kpi status --compact`: one line per KPI at 80 columns, names cut with
/// `…` (`...` under `--ascii`), the baseline and latest kept (issue 25,
/// item 12).
#[test]
fn compact_status_is_one_line_per_kpi() {
    for lang in ["ja", "en"] {
        for ascii in [false, true] {
            let mut args = vec!["status", "--lang", lang, "--width", "80", "--compact"];
            if ascii {
                args.push("--ascii");
            }
            let out = run_asaka(&args).ok().to_string();
            assert_fits(&out, 80, ascii, "compact");
            let sep = if ascii { " | " } else { " ┆ " };
            // The seed plan's 13 KPIs, labour-consultations twice (it
            // serves two measures): 14 rows, each on one line, plus the
            // header's two lines (its default years under the headings).
            let rows: Vec<&str> = out.lines().filter(|l| l.contains(sep)).collect();
            assert_eq!(rows.len(), 14 + 2, "{lang}: {out}");
            let cut = if ascii { "..." } else { "…" };
            // 就業の場がないことによる転出の理由率 is 36 columns: cut.
            assert!(
                rows.iter()
                    .any(|r| r.contains("就業の場が") && r.contains(cut)),
                "{out}"
            );
            // fair-exhibitors: baseline 63 (H26), latest 66 (H30) inline.
            assert!(
                rows.iter()
                    .any(|r| r.contains("63事業所") && r.contains("66事業所 (H30)")),
                "{lang} {ascii}: {out}"
            );
        }
    }
}

/// What gives way keeps the reader's first comparison: at 80 columns
/// `status` keeps the baseline beside the latest figure, and `gap` keeps
/// the latest figure beside the per-year rate (issue 25, item 12).
#[test]
fn at_80_columns_the_baseline_and_the_latest_figure_stay() {
    let status = run_asaka(&["status", "--lang", "en", "--width", "80"])
        .ok()
        .to_string();
    let header = status.lines().find(|l| l.starts_with("│ KPI")).unwrap();
    assert!(
        header.contains("baseline") && header.contains("latest"),
        "{status}"
    );
    let gap = run_asaka(&["gap", "--lang", "en", "--width", "80"])
        .ok()
        .to_string();
    let header = gap.lines().find(|l| l.starts_with("│ KPI")).unwrap();
    assert!(
        header.contains("latest") && header.contains("needed"),
        "{gap}"
    );
}
