//! Every terminal table and chart of a workspace honours `--width` (issue
//! 24, item 26): the members × statuses table, the indicator's tables of
//! `kpi show`, and the chart of a long series. Each line's display width is
//! measured (ambiguous-width characters two wide under `--ascii`).

use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::common::{Run, Workdir};

fn assert_fits(run: &Run, max: usize, ascii: bool) {
    let out = run.ok();
    for line in out.lines() {
        let w = if ascii {
            line.width_cjk()
        } else {
            line.width()
        };
        assert!(
            w <= max,
            "a line of {w} columns at --width {max}:\n{line}\n\n{run}"
        );
    }
}

fn asaka_workspace() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka-workspace")
}

#[test]
fn the_members_table_and_the_indicator_view_fit_60_and_80_columns() {
    let wd = Workdir::new();
    for w in ["60", "80"] {
        for lang in ["ja", "en"] {
            for ascii in [false, true] {
                for args in [&["status", "--all"][..], &["show", "waiting-children"]] {
                    let mut all = args.to_vec();
                    all.extend(["--width", w, "--lang", lang, "--color", "never"]);
                    if ascii {
                        all.push("--ascii");
                    }
                    let mut cmd = wd.command(&all);
                    let run = Run::of(cmd.current_dir(asaka_workspace()));
                    assert_fits(&run, w.parse().unwrap(), ascii);
                }
            }
        }
    }
}

#[test]
fn the_members_table_names_what_it_left_out_and_keeps_the_total() {
    let wd = Workdir::new().english();
    let mut cmd = wd.command(&["status", "--all", "--width", "60"]);
    let run = Run::of(cmd.current_dir(asaka_workspace()));
    let out = run.ok();
    let table: Vec<&str> = out.lines().take_while(|l| !l.starts_with('■')).collect();
    let header = table
        .iter()
        .find(|l| l.contains("│ plan"))
        .expect("a header");
    assert!(header.contains("total"), "{run}");
    // The title and the as-of year give way first, and are named.
    let note = table.join("\n");
    assert!(note.contains("left out to fit: title, as of"), "{run}");
    // Unlimited: every column, as before.
    let mut cmd = wd.command(&["status", "--all"]);
    let run = Run::of(cmd.current_dir(asaka_workspace()));
    assert!(!run.ok().contains("left out to fit"), "{run}");
}

/// Figures for every year 1990 (baseline) to 2024 (target): 35 years.
fn long_series(kpi: &str) -> String {
    let mut csv = "kpi,year,value\n".to_string();
    for y in 1991..=2024 {
        csv.push_str(&format!("{kpi},{y},{}\n", 100 + (y - 1990) * 3));
    }
    csv
}

#[test]
fn the_chart_of_a_35_year_series_fits_60_columns() {
    let wd = Workdir::new().english();
    wd.plan(
        "[plan]\ntitle = \"Long\"\nbaseline_year = 1990\ntarget_year = 2024\n\n\
         [[goal]]\nid = \"1\"\nname = \"G\"\n\n\
         [[kpi]]\nid = \"k\"\nname = \"K\"\ngoal = \"1\"\nunit = \"件\"\n\
         baseline = { value = 100 }\ntarget = { value = 250 }\n",
    );
    wd.write("actuals/all.csv", long_series("k"));
    for ascii in [false, true] {
        let mut args = vec!["show", "k", "--width", "60"];
        if ascii {
            args.push("--ascii");
        }
        let run = wd.run(&args);
        assert_fits(&run, 60, ascii);
    }
    // Without a width the chart is as before: two columns a year, within
    // about 72 (35 years: 1 + 34 × 2 + 2 plot columns).
    let run = wd.run(&["show", "k"]);
    let axis = run
        .ok()
        .lines()
        .find(|l| l.contains('└'))
        .unwrap()
        .to_string();
    assert!(axis.trim_start().chars().count() > 34 * 2, "{run}");
}

#[test]
fn the_indicator_chart_of_a_35_year_series_fits_60_columns() {
    let wd = Workdir::new().english();
    wd.write(
        "kpi-workspace.toml",
        "[workspace]\nname = \"T\"\nmembers = [\"plans/*\"]\nledger = [\"ledger\"]\n\
         fiscal_year_start = 4\n\n[[indicator]]\nid = \"pop\"\nname = \"Population\"\nunit = \"人\"\n",
    );
    for (name, from, to) in [("a", 1990, 2005), ("b", 2005, 2024)] {
        wd.write(
            &format!("plans/{name}/kpi.toml"),
            format!(
                "[plan]\ntitle = \"{name}\"\nbaseline_year = {from}\ntarget_year = {to}\n\n\
                 [[goal]]\nid = \"1\"\nname = \"G\"\n\n\
                 [[kpi]]\nid = \"{name}-pop\"\nindicator = \"pop\"\ngoal = \"1\"\n\
                 baseline = {{ value = 100 }}\ntarget = {{ value = 300 }}\n"
            ),
        );
    }
    wd.write("ledger/all.csv", long_series("pop"));
    for ascii in [false, true] {
        let mut args = vec!["show", "pop", "--width", "60"];
        if ascii {
            args.push("--ascii");
        }
        let run = wd.run(&args);
        assert_fits(&run, 60, ascii);
    }
}
