//! Synthetic prefectural plans with breakdowns, for the scale benchmark of
//! issue 28 (benches/breakdowns.sh). Not part of the `kpi` command line.
//!
//! ```text
//! cargo run --release --example gen_breakdowns -- --out /tmp/kpi-bd
//! ```
//!
//! writes two plans with the same number of ledger figures:
//!
//! - `OUT/breakdowns`: `--kpis` KPIs (100), every one broken down by `area`
//!   (`--municipalities`, 63, with codes) and, on every other KPI, by `age`
//!   too (`--ages`, 14 five-year bands), with a figure for the total, each
//!   municipality, each age band and each municipality × age band, every
//!   year of `--years` (10) from FY2015. Every total is `"sum"` and adds up.
//!   Half the KPIs fall towards 0 with `category_target = "same"` (待機児童
//!   in every municipality), half rise with no category targets.
//! - `OUT/flat`: as many KPIs without breakdowns as the other plan has
//!   figures per year, each with a figure every year: the same number of
//!   ledger rows.
//!
//! With the defaults: 50 × (1 + 63 + 14 + 63 × 14) + 50 × (1 + 63) = 51,200
//! figures a year, 512,000 in all, in each plan. Municipality names and
//! codes are invented. Deterministic: the same arguments give the same
//! bytes.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const FIRST_YEAR: i32 = 2015;

/// examples/gen.rs's generator, for its random numbers.
#[allow(dead_code)]
#[path = "gen.rs"]
mod gen;
use gen::Rng;

/// Uniform in `lo..=hi`.
fn between(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    lo + rng.below((hi - lo + 1) as u64) as i64
}

pub struct Args {
    pub out: PathBuf,
    pub kpis: usize,
    pub municipalities: usize,
    pub ages: usize,
    pub years: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::new(),
        kpis: 100,
        municipalities: 63,
        ages: 14,
        years: 10,
    };
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let number = || value.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(&value)),
            "--kpis" => args.kpis = number()?,
            "--municipalities" => args.municipalities = number()?,
            "--ages" => args.ages = number()?,
            "--years" => args.years = number()?,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    let usage = "usage: gen_breakdowns --out DIR [--kpis 100] [--municipalities 63] [--ages 14] [--years 10]";
    match out {
        Some(o)
            if args.kpis >= 2 && args.municipalities >= 1 && args.ages >= 1 && args.years >= 3 =>
        {
            args.out = o;
            Ok(args)
        }
        _ => Err(usage.to_string()),
    }
}

fn main() -> ExitCode {
    match parse_args().and_then(|a| generate(&a).map_err(|e| e.to_string())) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Writes both plans; prints and returns the figures each has a year.
pub fn generate(a: &Args) -> std::io::Result<usize> {
    let per_year = broken_down(a, &a.out.join("breakdowns"))?;
    flat(a, per_year, &a.out.join("flat"))?;
    println!(
        "{} figures a year, {} in all, in each plan",
        per_year,
        per_year * a.years
    );
    Ok(per_year)
}

fn plan_head(title: &str, a: &Args) -> String {
    format!(
        "[plan]\ntitle = \"{title}\"\norganization = \"架空県\"\nid = \"BENCH\"\narea_code = \"110001\"\n\
         baseline_year = {FIRST_YEAR}\ntarget_year = {}\n\n[[goal]]\nid = \"1\"\nname = \"目標\"\n\n",
        FIRST_YEAR + a.years as i32 - 1
    )
}

fn quoted(items: impl Iterator<Item = String>) -> String {
    items
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `figures[y][m][g]`: KPI figures by year, municipality and age band (one
/// band for a KPI broken down by area alone), falling or rising by year.
fn series(rng: &mut Rng, a: &Args, bands: usize, falls: bool) -> Vec<Vec<Vec<i64>>> {
    let start: Vec<Vec<i64>> = (0..a.municipalities)
        .map(|_| (0..bands).map(|_| between(rng, 5, 60)).collect())
        .collect();
    (0..a.years as i64)
        .map(|y| {
            start
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|&v| {
                            let trend = if falls {
                                v - v * y / 12
                            } else {
                                v + v * y / 20
                            };
                            (trend + between(rng, -2, 2)).max(0)
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Writes the plan with breakdowns; returns its figures per year.
fn broken_down(a: &Args, dir: &Path) -> std::io::Result<usize> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let towns: Vec<String> = (1..=a.municipalities)
        .map(|i| format!("架空{i:02}市"))
        .collect();
    let ages: Vec<String> = (0..a.ages)
        .map(|i| match i + 1 == a.ages {
            true => format!("{}歳以上", 5 * i),
            false => format!("{}〜{}歳", 5 * i, 5 * i + 4),
        })
        .collect();
    let mut plan = plan_head("ブレークダウンのベンチマーク（架空）", a);
    let codes = quoted((0..a.municipalities).map(|i| format!("{}", 11201 + i)));
    writeln!(
        plan,
        "[[dimension]]\nid = \"area\"\nname = \"市町村\"\ncategories = [{}]\ncodes = [{codes}]\n",
        quoted(towns.iter().cloned())
    )
    .unwrap();
    writeln!(
        plan,
        "[[dimension]]\nid = \"age\"\nname = \"年齢\"\ncategories = [{}]\n",
        quoted(ages.iter().cloned())
    )
    .unwrap();
    let mut years: Vec<String> = (0..a.years).map(|_| String::new()).collect();
    let mut per_year = 0;
    for k in 0..a.kpis {
        let (two, falls) = (k % 2 == 0, k % 4 < 2);
        let bands = if two { a.ages } else { 1 };
        let figures = series(&mut rng, a, bands, falls);
        let total = |y: usize| -> i64 { figures[y].iter().flatten().sum() };
        let id = format!("k{k:03}");
        let baseline = total(0);
        let target = if falls { 0 } else { baseline * 13 / 10 };
        let dims = if two { "\"area\", \"age\"" } else { "\"area\"" };
        let same = if falls {
            "category_target = \"same\"\n"
        } else {
            ""
        };
        writeln!(
            plan,
            "[[kpi]]\nid = \"{id}\"\nname = \"指標{k:03}\"\ngoal = \"1\"\nunit = \"人\"\n\
             baseline = {{ value = {baseline} }}\ntarget = {{ value = {target} }}\n\
             breakdowns = [{dims}]\ntotal = \"sum\"\n{same}"
        )
        .unwrap();
        for (y, text) in years.iter_mut().enumerate() {
            let year = FIRST_YEAR + y as i32;
            let mut row = |v: i64, area: &str, age: &str| {
                writeln!(text, "{id},{year},{v},,,{area},{age}").unwrap();
                if y == 0 {
                    per_year += 1;
                }
            };
            row(total(y), "", "");
            for (m, town) in towns.iter().enumerate() {
                row(figures[y][m].iter().sum(), town, "");
            }
            if two {
                for (g, age) in ages.iter().enumerate() {
                    row(figures[y].iter().map(|r| r[g]).sum(), "", age);
                }
                for (m, town) in towns.iter().enumerate() {
                    for (g, age) in ages.iter().enumerate() {
                        row(figures[y][m][g], town, age);
                    }
                }
            }
        }
    }
    write_plan(dir, &plan, &years, "kpi,year,value,note,flag,area,age\n")?;
    Ok(per_year)
}

/// Writes `count` KPIs without breakdowns, a figure each every year.
fn flat(a: &Args, count: usize, dir: &Path) -> std::io::Result<()> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut plan = plan_head("ブレークダウンなしの比較（架空）", a);
    let mut years: Vec<String> = (0..a.years).map(|_| String::new()).collect();
    for k in 0..count {
        let falls = k % 2 == 0;
        let start = between(&mut rng, 300, 3000);
        let id = format!("k{k:06}");
        let values: Vec<i64> = (0..a.years as i64)
            .map(|y| {
                let trend = if falls {
                    start - start * y / 12
                } else {
                    start + start * y / 20
                };
                (trend + between(&mut rng, -20, 20)).max(0)
            })
            .collect();
        let target = if falls { 0 } else { values[0] * 13 / 10 };
        writeln!(
            plan,
            "[[kpi]]\nid = \"{id}\"\nname = \"指標{k:06}\"\ngoal = \"1\"\nunit = \"人\"\n\
             baseline = {{ value = {} }}\ntarget = {{ value = {target} }}\n",
            values[0]
        )
        .unwrap();
        for (y, text) in years.iter_mut().enumerate() {
            writeln!(text, "{id},{},{},,", FIRST_YEAR + y as i32, values[y]).unwrap();
        }
    }
    write_plan(dir, &plan, &years, "kpi,year,value,note,flag\n")
}

fn write_plan(dir: &Path, plan: &str, years: &[String], header: &str) -> std::io::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir.join("actuals"))?;
    fs::write(dir.join("kpi.toml"), plan)?;
    for (y, text) in years.iter().enumerate() {
        let path = dir.join(format!("actuals/{}.csv", FIRST_YEAR + y as i32));
        let mut out = BufWriter::new(fs::File::create(path)?);
        out.write_all(header.as_bytes())?;
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}
