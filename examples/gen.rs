//! Synthetic national-scale plans for the benchmark (benches/README.md).
//! Not part of the `kpi` command line.
//!
//! ```text
//! cargo run --release --example gen -- --kpis 100000 --years 10 --out /tmp/kpi-100k
//! ```
//!
//! writes `kpi.toml` (municipalities of 100 KPIs each, as a prefecture or the
//! nation gathers them: 4 goals, 8 measures under each goal, goal-level and
//! measure-level KPIs in both directions, running totals, milestones, units
//! and Japanese names), `actuals/YYYY.csv` for `--years` fiscal years from
//! FY2015 in the canonical ledger format, and `import-YYYY.csv`: the next
//! year's figures, one row per KPI, in the long shape `kpi import` reads.
//!
//! With `--members M`, a workspace of M members on one ledger and the same
//! KPIs as one plan, for the workspace benchmark (`generate_workspace`).
//!
//! Deterministic: the same arguments (and `--seed`) give the same bytes.
//! Every figure is an integer count of the KPI's smallest unit, so the
//! generator can see, exactly, a pace that would land on a cut-off (0.95 or
//! 0.60) and move the figure by one unit: a float-based peer then agrees with
//! `kpi`'s exact decimals on every status.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const BASELINE_YEAR: i32 = 2014;
const KPIS_PER_CITY: usize = 100;
const GOALS_PER_CITY: usize = 4;
/// Under each goal: 2 policy directions, each with 3 concrete measures.
const DIRECTIONS_PER_GOAL: usize = 2;
const MEASURES_PER_DIRECTION: usize = 3;

/// xorshift64*: small, fast and good enough for synthetic data (also
/// examples/gen_breakdowns.rs's).
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// A kind of indicator: name, unit, direction, scale of its values.
struct Kind {
    name: &'static str,
    unit: &'static str,
    increase: bool,
    cumulative: bool,
    /// Decimals its values are written with.
    decimals: u32,
    /// Typical baseline, in whole units.
    base: i64,
    /// Promised change as a share of the baseline.
    change: f64,
    owner: &'static str,
}

const KINDS: &[Kind] = &[
    Kind {
        name: "市の支援により起業した件数（累計）",
        unit: "件",
        increase: true,
        cumulative: true,
        decimals: 0,
        base: 50,
        change: 2.0,
        owner: "産業振興課",
    },
    Kind {
        name: "就業の場がないことによる転出の理由率",
        unit: "%",
        increase: false,
        cumulative: false,
        decimals: 1,
        base: 3,
        change: 0.3,
        owner: "政策企画課",
    },
    Kind {
        name: "あさか産業フェア参加事業所数",
        unit: "事業所",
        increase: true,
        cumulative: false,
        decimals: 0,
        base: 60,
        change: 0.1,
        owner: "産業振興課",
    },
    Kind {
        name: "労働・社会保険相談件数",
        unit: "件",
        increase: true,
        cumulative: false,
        decimals: 0,
        base: 15,
        change: 0.6,
        owner: "産業振興課",
    },
    Kind {
        name: "保育園待機児童数",
        unit: "人",
        increase: false,
        cumulative: false,
        decimals: 0,
        base: 120,
        change: 0.9,
        owner: "保育課",
    },
    Kind {
        name: "子育て世代の女性の就業率",
        unit: "%",
        increase: true,
        cumulative: false,
        decimals: 1,
        base: 65,
        change: 0.08,
        owner: "人権庶務課",
    },
    Kind {
        name: "観光入込客数",
        unit: "人",
        increase: true,
        cumulative: false,
        decimals: 0,
        base: 250_000,
        change: 0.2,
        owner: "シティ・プロモーション課",
    },
    Kind {
        name: "転入超過数",
        unit: "人",
        increase: true,
        cumulative: false,
        decimals: 0,
        base: 800,
        change: 0.25,
        owner: "政策企画課",
    },
    Kind {
        name: "市民意識調査で住み続けたいと答えた市民の割合",
        unit: "%",
        increase: true,
        cumulative: false,
        decimals: 1,
        base: 72,
        change: 0.1,
        owner: "政策企画課",
    },
    Kind {
        name: "刑法犯認知件数",
        unit: "件",
        increase: false,
        cumulative: false,
        decimals: 0,
        base: 1_500,
        change: 0.2,
        owner: "危機管理室",
    },
    Kind {
        name: "特定健康診査受診率",
        unit: "%",
        increase: true,
        cumulative: false,
        decimals: 2,
        base: 38,
        change: 0.25,
        owner: "保険年金課",
    },
    Kind {
        name: "空き店舗への出店件数（累計）",
        unit: "件",
        increase: true,
        cumulative: true,
        decimals: 0,
        base: 5,
        change: 3.0,
        owner: "産業振興課",
    },
];

const GOAL_NAMES: [&str; GOALS_PER_CITY] = [
    "産業の活性化と働きやすい環境づくり",
    "結婚・出産・子育ての希望をかなえるまちづくり",
    "住み続けたい、訪れたいまちの魅力づくり",
    "安心・安全で健やかに暮らせるまちづくり",
];
const PLACE_KANJI: &[char] = &[
    '朝', '霞', '和', '光', '新', '座', '志', '木', '富', '士', '見', '川', '越', '所', '沢', '狭',
    '山', '入', '間', '飯', '能', '秩', '父', '本', '庄', '深', '谷', '熊', '行', '田',
];
const PLACE_SUFFIX: [&str; 3] = ["市", "町", "村"];

pub struct Args {
    pub kpis: usize,
    pub years: usize,
    pub out: PathBuf,
    pub seed: u64,
}

/// The arguments, and `--members M` (a workspace of M members) if given.
fn parse_args() -> Result<(Args, Option<usize>), String> {
    let mut members = None;
    let mut kpis = None;
    let mut years = None;
    let mut out = None;
    let mut seed = 20_240_401;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--kpis" => kpis = Some(value()?.parse().map_err(|e| format!("--kpis: {e}"))?),
            "--years" => years = Some(value()?.parse().map_err(|e| format!("--years: {e}"))?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--members" => members = Some(value()?.parse().map_err(|e| format!("--members: {e}"))?),
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    let usage = "usage: gen --kpis N --years Y --out DIR [--seed S] [--members M]";
    match (kpis, years, out) {
        (Some(kpis), Some(years), Some(out)) if kpis > 0 && years >= 3 => Ok((
            Args {
                kpis,
                years,
                out,
                seed: seed | 1,
            },
            members,
        )),
        _ => Err(format!("{usage} (N ≥ 1, Y ≥ 3)")),
    }
}

fn main() -> ExitCode {
    let run = parse_args().and_then(|(a, members)| match members {
        Some(m) => generate_workspace(&a, m),
        None => generate(&a).map_err(|e| e.to_string()),
    });
    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// One generated KPI: where it hangs and its plan values, in units of 10^-decimals.
struct Spec {
    id: String,
    name: String,
    attachment: String,
    kind: &'static Kind,
    baseline: (i32, i64),
    target: (i32, i64),
    /// Written explicitly: equal baseline and target need it.
    direction: Option<bool>,
    milestones: Vec<(i32, i64)>,
    /// Years with figures: every year up to `last_year` (none when `None`).
    last_year: Option<i32>,
    /// How far along its path the KPI really is (1.0 = as planned).
    performance: f64,
}

impl Spec {
    fn points(&self) -> Vec<(i32, i64)> {
        let mut p = vec![self.baseline];
        p.extend(&self.milestones);
        p.push(self.target);
        p
    }

    /// `E(y)` of progress.md as an exact fraction `num / den` (den > 0).
    fn expected(&self, year: i32) -> (i128, i128) {
        if year <= self.baseline.0 {
            return (self.baseline.1 as i128, 1);
        }
        if year >= self.target.0 {
            return (self.target.1 as i128, 1);
        }
        let points = self.points();
        for pair in points.windows(2) {
            let ((py, pv), (qy, qv)) = (pair[0], pair[1]);
            if year == py {
                return (pv as i128, 1);
            }
            if year > py && year < qy {
                let span = (qy - py) as i128;
                let done = (year - py) as i128;
                return (pv as i128 * span + (qv - pv) as i128 * done, span);
            }
        }
        (self.target.1 as i128, 1)
    }

    /// True when the pace of `a` in `year` is exactly a default cut-off:
    /// the one case where float arithmetic could disagree with exact decimals.
    fn on_a_cut_off(&self, year: i32, a: i64) -> bool {
        let (num, den) = self.expected(year);
        let b = self.baseline.1 as i128;
        // pace = (a - b) / (E - b) = ((a - b) * den) / (num - b * den)
        let p_num = (a as i128 - b) * den;
        let p_den = num - b * den;
        p_den != 0 && (100 * p_num == 95 * p_den || 100 * p_num == 60 * p_den)
    }
}

pub fn generate(args: &Args) -> std::io::Result<()> {
    let mut rng = Rng(args.seed);
    let target_year = BASELINE_YEAR + args.years as i32 + 1;
    let cities = args.kpis.div_ceil(KPIS_PER_CITY);
    fs::create_dir_all(args.out.join("actuals"))?;

    let mut plan = String::with_capacity(args.kpis * 260);
    write_head(&mut plan, args, target_year);
    let mut specs = Vec::with_capacity(args.kpis);
    for city in 0..cities {
        let code = 10_000 + city;
        let place = place_name(&mut rng);
        write_city(&mut plan, code, &place);
        let first = city * KPIS_PER_CITY;
        let count = KPIS_PER_CITY.min(args.kpis - first);
        for j in 0..count {
            let spec = kpi_spec(
                &mut rng,
                code,
                &place,
                j,
                (0, cities),
                args.years,
                target_year,
            );
            write_kpi(&mut plan, &spec, target_year);
            specs.push(spec);
        }
    }
    fs::write(args.out.join("kpi.toml"), plan)?;

    // Figures year by year; each KPI's series carries on from its last value.
    let mut last: Vec<Option<i64>> = vec![None; specs.len()];
    for year in BASELINE_YEAR + 1..=BASELINE_YEAR + args.years as i32 {
        let path = args.out.join("actuals").join(format!("{year}.csv"));
        write_year(&path, &mut rng, &specs, &mut last, year, false)?;
    }
    let import = args.out.join(format!("import-{target_year}.csv"));
    write_year(&import, &mut rng, &specs, &mut last, target_year, true)?;
    Ok(())
}

fn write_head(out: &mut String, args: &Args, target_year: i32) {
    let _ = write!(
        out,
        "# Synthetic plan written by `cargo run --example gen -- --kpis {} --years {} --seed {}`.\n\
         # Names and figures are made up for the benchmark; they describe no real place.\n\
         [plan]\n\
         title = \"地方創生総合戦略 全国集計（合成データ）\"\n\
         organization = \"合成データ\"\n\
         fiscal_year_start = 4\n\
         year_style = \"fiscal\"\n\
         baseline_year = {BASELINE_YEAR}\n\
         target_year = {target_year}\n\
         actuals = [\"actuals\"]\n\n\
         [evaluation]\n\
         on_track = 0.95\n\
         at_risk = 0.60\n\
         stale_after = 2\n\n",
        args.kpis, args.years, args.seed
    );
}

fn place_name(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..2 + rng.below(2) {
        s.push(PLACE_KANJI[rng.below(PLACE_KANJI.len() as u64) as usize]);
    }
    s.push_str(PLACE_SUFFIX[rng.below(3) as usize]);
    s
}

fn write_city(out: &mut String, code: usize, place: &str) {
    for g in 1..=GOALS_PER_CITY {
        let _ = write!(
            out,
            "[[goal]]\nid = \"{code}-{g}\"\nname = \"{place} {}\"\n\n",
            GOAL_NAMES[g - 1]
        );
        for d in 1..=DIRECTIONS_PER_GOAL {
            let _ = write!(
                out,
                "[[measure]]\nid = \"{code}-{g}.{d}\"\ngoal = \"{code}-{g}\"\nname = \"取組方針{d}\"\n\n"
            );
            for m in 1..=MEASURES_PER_DIRECTION {
                let _ = write!(
                    out,
                    "[[measure]]\nid = \"{code}-{g}.{d}.{m}\"\nparent = \"{code}-{g}.{d}\"\nname = \"具体的な施策{d}-{m}\"\n\n"
                );
            }
        }
    }
}

/// A sub-measure id of city `code`: goal `g`, sub-measure `n` (0-based, 0..6).
fn measure_id(code: usize, g: usize, n: usize) -> String {
    let d = n / MEASURES_PER_DIRECTION + 1;
    let m = n % MEASURES_PER_DIRECTION + 1;
    format!("{code}-{g}.{d}.{m}")
}

/// `cities`: the first city and how many a KPI's second measure may be
/// taken from (every city of a plan; a workspace member's own).
fn kpi_spec(
    rng: &mut Rng,
    code: usize,
    place: &str,
    j: usize,
    cities: (usize, usize),
    years: usize,
    target_year: i32,
) -> Spec {
    let kind = &KINDS[rng.below(KINDS.len() as u64) as usize];
    let g = j % GOALS_PER_CITY + 1;
    let per_goal = DIRECTIONS_PER_GOAL * MEASURES_PER_DIRECTION;
    let attachment = if j < GOALS_PER_CITY {
        format!("goal = \"{code}-{g}\"")
    } else {
        let first = measure_id(code, g, (j / GOALS_PER_CITY) % per_goal);
        if rng.chance(0.1) {
            // A KPI serving a second measure, often under another goal (or city).
            let other_code = if rng.chance(0.2) {
                10_000 + cities.0 + rng.below(cities.1 as u64) as usize
            } else {
                code
            };
            let other_g = rng.below(GOALS_PER_CITY as u64) as usize + 1;
            let second = measure_id(other_code, other_g, rng.below(per_goal as u64) as usize);
            if second == first {
                format!("measures = [\"{first}\"]")
            } else {
                format!("measures = [\"{first}\", \"{second}\"]")
            }
        } else {
            format!("measures = [\"{first}\"]")
        }
    };
    let scale = 10i64.pow(kind.decimals);
    let base = (kind.base as f64 * (0.5 + rng.unit()) * scale as f64).round() as i64 + 1;
    let change = ((base as f64 * kind.change * (0.5 + rng.unit())).round() as i64).max(1);
    let by = if rng.chance(0.1) {
        BASELINE_YEAR + 2
    } else {
        BASELINE_YEAR
    };
    let early = BASELINE_YEAR + years as i32 - 2;
    let ty = if rng.chance(0.15) && early > by + 1 {
        early
    } else {
        target_year
    };
    // A few plans promise to hold a level (維持): baseline = target, direction given.
    let hold = !kind.cumulative && rng.chance(0.03);
    let target = if hold {
        base
    } else if kind.increase {
        base + change
    } else {
        (base - change).max(0)
    };
    let target = if target == base && !hold {
        base - 1
    } else {
        target
    };
    let direction = if hold {
        Some(kind.increase)
    } else if rng.chance(0.05) {
        Some(target > base)
    } else {
        None
    };
    let mut milestones = Vec::new();
    if ty - by >= 3 && rng.chance(0.4) {
        let mut year = by + 1 + rng.below((ty - by - 1) as u64) as i32;
        for _ in 0..1 + rng.below(2) {
            if year >= ty {
                break;
            }
            let share = (year - by) as f64 / (ty - by) as f64 * (0.8 + 0.4 * rng.unit());
            let value = base + ((target - base) as f64 * share).round() as i64;
            milestones.push((year, value));
            year += 1 + rng.below(2) as i32;
        }
    }
    let newest = BASELINE_YEAR + years as i32;
    let last_year = if rng.chance(0.03) {
        None
    } else if rng.chance(0.05) {
        Some(newest - 2 - rng.below(2) as i32)
    } else {
        Some(newest)
    };
    let performance = match rng.below(20) {
        0..=1 => -0.3 * rng.unit(),
        2..=6 => 0.3 + 0.5 * rng.unit(),
        7..=15 => 0.85 + 0.2 * rng.unit(),
        _ => 1.05 + 0.3 * rng.unit(),
    };
    Spec {
        id: format!("{code}-k{j:03}"),
        // Numbered, so that no two KPIs share a name (`kpi validate` warns).
        name: format!("{place} {}（{}）", kind.name, j + 1),
        attachment,
        kind,
        baseline: (by, base),
        target: (ty, target),
        direction,
        milestones,
        last_year,
        performance,
    }
}

/// A count of 10^-decimals units as the decimal it stands for: 123, 1 → `12.3`.
fn decimal(units: i64, decimals: u32) -> String {
    if decimals == 0 {
        return units.to_string();
    }
    let scale = 10i64.pow(decimals);
    let sign = if units < 0 { "-" } else { "" };
    let a = units.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        a / scale as u64,
        a % scale as u64,
        width = decimals as usize
    )
}

fn write_kpi(out: &mut String, k: &Spec, target_year: i32) {
    let d = k.kind.decimals;
    let _ = write!(
        out,
        "[[kpi]]\nid = \"{}\"\nname = \"{}\"\n{}\nunit = \"{}\"\n",
        k.id, k.name, k.attachment, k.kind.unit
    );
    let year = |y: i32, default: i32| {
        if y == default {
            String::new()
        } else {
            format!(", year = {y}")
        }
    };
    let _ = writeln!(
        out,
        "baseline = {{ value = {}{} }}",
        decimal(k.baseline.1, d),
        year(k.baseline.0, BASELINE_YEAR)
    );
    let _ = writeln!(
        out,
        "target = {{ value = {}{} }}",
        decimal(k.target.1, d),
        year(k.target.0, target_year)
    );
    if let Some(up) = k.direction {
        let _ = writeln!(
            out,
            "direction = \"{}\"",
            if up { "increase" } else { "decrease" }
        );
    }
    if !k.milestones.is_empty() {
        let items: Vec<String> = k
            .milestones
            .iter()
            .map(|(y, v)| format!("{y} = {}", decimal(*v, d)))
            .collect();
        let _ = writeln!(out, "milestones = {{ {} }}", items.join(", "));
    }
    if k.kind.cumulative {
        out.push_str("cumulative = true\n");
    }
    let _ = writeln!(out, "owner = \"{}\"\n", k.kind.owner);
}

/// One year of figures: a ledger file, or (with `import`) the file to import.
fn write_year(
    path: &Path,
    rng: &mut Rng,
    specs: &[Spec],
    last: &mut [Option<i64>],
    year: i32,
    import: bool,
) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, fs::File::create(path)?);
    out.write_all(b"kpi,year,value,note\n")?;
    for (k, prev) in specs.iter().zip(last.iter_mut()) {
        // A KPI that has stopped reporting (or never did) still has its row,
        // with the value left empty, as offices send it: no figure.
        let reports = import || k.last_year.is_some_and(|l| year <= l);
        if !reports {
            writeln!(out, "{},{year},,", k.id)?;
            continue;
        }
        let a = figure(rng, k, *prev, year);
        *prev = Some(a);
        let note = if rng.chance(0.01) {
            "\"速報値, 確定値は翌年度\""
        } else {
            ""
        };
        writeln!(
            out,
            "{},{year},{},{note}",
            k.id,
            decimal(a, k.kind.decimals)
        )?;
    }
    out.flush()
}

/// The KPI's figure for `year`: where its path expects it, scaled by how
/// well the KPI really does, with some noise. A running total never falls
/// below its baseline or its previous figure; no figure falls on a cut-off.
fn figure(rng: &mut Rng, k: &Spec, prev: Option<i64>, year: i32) -> i64 {
    let (num, den) = k.expected(year);
    let b = k.baseline.1 as f64;
    let e = num as f64 / den as f64;
    let noise = (rng.unit() - 0.5) * 0.1 * (k.target.1 - k.baseline.1).abs().max(1) as f64;
    let mut a = (b + (e - b) * k.performance + noise).round() as i64;
    if k.target.1 == k.baseline.1 {
        // A level to hold: a little above or below it.
        a = k.baseline.1 + rng.below(5) as i64 - 2;
    }
    if k.kind.cumulative {
        a = a.max(k.baseline.1).max(prev.unwrap_or(i64::MIN));
    }
    a = a.max(0);
    while k.on_a_cut_off(year, a) {
        a += 1;
    }
    a
}

/// In a generated workspace, every second member shares these KPIs (by
/// position) with the member before it: one KPI in 20.
const SHARED_EVERY: usize = 20;
const SHARED_AT: usize = 5;

/// A workspace of `members` members over one ledger, and the same KPIs as
/// one plan, for the workspace benchmark (benches/README.md):
///
/// - `OUT/plan/`: `kpi.toml` with every KPI and `actuals/`, one row per KPI;
/// - `OUT/workspace/`: `kpi-workspace.toml` (a register of the shared
///   indicators), `plans/mNN/kpi.toml` (each member `--kpis / --members`
///   KPIs, its own cities), and `ledger/`, one row per series.
///
/// Member 2i+1 shares one KPI in 20 with member 2i: a registered indicator
/// both read, the same figures, the same baseline, and a target half as far
/// again (a second term raising the bar). In the plan alone the two KPIs
/// are two, with the same figures. A KPI's second measure is taken from its
/// member's own cities, in both.
pub fn generate_workspace(args: &Args, members: usize) -> Result<(), String> {
    let cities = args.kpis.div_ceil(KPIS_PER_CITY);
    if members == 0 || !args.kpis.is_multiple_of(members * KPIS_PER_CITY) {
        return Err(format!(
            "--members {members}: --kpis must be a multiple of {KPIS_PER_CITY} × the members"
        ));
    }
    let per_member = cities / members;
    let kpis_per_member = per_member * KPIS_PER_CITY;
    let io = |e: std::io::Error| e.to_string();
    let mut rng = Rng(args.seed);
    let target_year = BASELINE_YEAR + args.years as i32 + 1;
    let plan_dir = args.out.join("plan");
    let ws_dir = args.out.join("workspace");
    fs::create_dir_all(plan_dir.join("actuals")).map_err(io)?;
    fs::create_dir_all(ws_dir.join("ledger")).map_err(io)?;

    let mut plan = String::with_capacity(args.kpis * 260);
    write_head(&mut plan, args, target_year);
    let mut member_texts = Vec::with_capacity(members);
    let mut specs: Vec<Spec> = Vec::with_capacity(args.kpis);
    // Per KPI: the index of the KPI whose series it reads (itself, or the
    // previous member's at the same position), and the series' id.
    let mut source = Vec::with_capacity(args.kpis);
    let mut series_ids: Vec<String> = Vec::with_capacity(args.kpis);
    let mut register = String::new();
    for m in 0..members {
        let mut text = String::with_capacity(kpis_per_member * 260);
        let _ = write!(
            text,
            "# Member {} of a synthetic workspace (`gen --members {members}`); made-up names and figures.\n\
             [plan]\n\
             title = \"合成データ 第{}計画\"\n\
             fiscal_year_start = 4\n\
             year_style = \"fiscal\"\n\
             baseline_year = {BASELINE_YEAR}\n\
             target_year = {target_year}\n\n\
             [evaluation]\n\
             on_track = 0.95\n\
             at_risk = 0.60\n\
             stale_after = 2\n\n",
            m + 1,
            m + 1
        );
        let first_city = m * per_member;
        for city in first_city..first_city + per_member {
            let code = 10_000 + city;
            let place = place_name(&mut rng);
            write_city(&mut plan, code, &place);
            write_city(&mut text, code, &place);
            for j in 0..KPIS_PER_CITY {
                let mut spec = kpi_spec(
                    &mut rng,
                    code,
                    &place,
                    j,
                    (first_city, per_member),
                    args.years,
                    target_year,
                );
                let at = specs.len();
                let position = at - m * kpis_per_member;
                let shared = m % 2 == 1 && position % SHARED_EVERY == SHARED_AT;
                let from = if shared { at - kpis_per_member } else { at };
                if shared {
                    spec = raised(&specs[from], spec);
                    if source[from] == from {
                        let id = format!("i-{}", specs[from].id);
                        let k = &specs[from];
                        let _ = write!(
                            register,
                            "[[indicator]]\nid = \"{id}\"\nname = \"{}\"\nunit = \"{}\"\nowner = \"{}\"\ncumulative = {}\n\n",
                            k.kind.name, k.kind.unit, k.kind.owner, k.kind.cumulative
                        );
                        series_ids[from] = id;
                    }
                }
                source.push(from);
                series_ids.push(if shared {
                    series_ids[from].clone()
                } else {
                    spec.id.clone()
                });
                write_kpi(&mut plan, &spec, target_year);
                specs.push(spec);
            }
        }
        member_texts.push(text);
    }
    // The members' KPIs, written once every shared series is known.
    for (m, text) in member_texts.iter_mut().enumerate() {
        for at in m * kpis_per_member..(m + 1) * kpis_per_member {
            let mut block = String::new();
            write_kpi(&mut block, &specs[at], target_year);
            if series_ids[at] != specs[at].id {
                let id_line = format!("id = \"{}\"\n", specs[at].id);
                block = block.replacen(
                    &id_line,
                    &format!("{id_line}indicator = \"{}\"\n", series_ids[at]),
                    1,
                );
            }
            text.push_str(&block);
        }
        let dir = ws_dir.join("plans").join(format!("m{:02}", m + 1));
        fs::create_dir_all(&dir).map_err(io)?;
        fs::write(dir.join("kpi.toml"), text.as_bytes()).map_err(io)?;
    }
    fs::write(plan_dir.join("kpi.toml"), plan).map_err(io)?;
    fs::write(
        ws_dir.join("kpi-workspace.toml"),
        format!(
            "# Synthetic workspace written by `gen --kpis {} --years {} --members {members} --seed {}`.\n\
             [workspace]\nname = \"合成データ\"\nmembers = [\"plans/*\"]\nledger = [\"ledger\"]\nfiscal_year_start = 4\n\n{register}",
            args.kpis, args.years, args.seed
        ),
    )
    .map_err(io)?;

    // Figures year by year: a shared KPI's are its source's.
    let mut last: Vec<Option<i64>> = vec![None; specs.len()];
    for year in BASELINE_YEAR + 1..=BASELINE_YEAR + args.years as i32 {
        let name = format!("{year}.csv");
        let open = |path: PathBuf| -> Result<BufWriter<fs::File>, String> {
            let mut out = BufWriter::with_capacity(1 << 20, fs::File::create(path).map_err(io)?);
            out.write_all(b"kpi,year,value,note\n").map_err(io)?;
            Ok(out)
        };
        let mut alone = open(plan_dir.join("actuals").join(&name))?;
        let mut ledger = open(ws_dir.join("ledger").join(&name))?;
        let mut rows: Vec<String> = Vec::with_capacity(specs.len());
        for (at, k) in specs.iter().enumerate() {
            let row = if source[at] != at {
                rows[source[at]].clone()
            } else if k.last_year.is_none_or(|l| year > l) {
                ",".to_string()
            } else {
                let a = figure(&mut rng, k, last[at], year);
                last[at] = Some(a);
                let note = if rng.chance(0.01) {
                    "\"速報値, 確定値は翌年度\""
                } else {
                    ""
                };
                format!("{},{note}", decimal(a, k.kind.decimals))
            };
            writeln!(alone, "{},{year},{row}", k.id).map_err(io)?;
            if source[at] == at {
                writeln!(ledger, "{},{year},{row}", series_ids[at]).map_err(io)?;
            }
            rows.push(row);
        }
        alone.flush().map_err(io)?;
        ledger.flush().map_err(io)?;
    }
    Ok(())
}

/// A KPI reading `from`'s series: its own id and measures; the series'
/// kind, figures and baseline, its name marked as a second term's; a
/// target half as far again.
fn raised(from: &Spec, own: Spec) -> Spec {
    let (by, b) = from.baseline;
    let t = from.target.1;
    let further = if t == b {
        t
    } else {
        (b + (t - b) * 3 / 2).max(0)
    };
    // A target moved onto the baseline (a decrease floored at 0) keeps the old one.
    let target = if further == b { t } else { further };
    Spec {
        id: own.id,
        name: format!("{}（第2期）", from.name),
        attachment: own.attachment,
        kind: from.kind,
        baseline: (by, b),
        target: (from.target.0, target),
        direction: from.direction,
        milestones: from.milestones.clone(),
        last_year: from.last_year,
        performance: from.performance,
    }
}
