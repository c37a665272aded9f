//! `kpi init --successor OLD --baseline-year Y NEW` (workspace.md,
//! "Commands across a workspace"): a new member that follows an old one.
//! Every goal, measure and KPI is copied; each KPI reads its predecessor's
//! series (`indicator`: the old KPI's indicator, else the old KPI's id),
//! and its baseline is the ledger's figure of Y for that series, pinned.
//! A preliminary figure (速報値) is marked in a comment; where the ledger has
//! no figure for Y the old baseline is kept, with its own year, under a
//! `要確認` comment, so that the file is valid and the gap is plain. The
//! targets are the old ones, each under a comment that the planners set
//! them, and `target_year` is a placeholder (Y + 5) with the same comment.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use rust_decimal::Decimal;

use super::member::{self, Joining};
use crate::error::{Error, Result};
use crate::plan::write::{self, long, string as quote};
use crate::plan::{Basis, Direction, Kpi, PathShape, Scoring};
use crate::problem::{Location, Problem, Problems};
use crate::workspace::{self, Found, LoadedWorkspace};
use crate::year::{FiscalYear, YearStyle};

/// The comment on every carried target and on `target_year`.
pub const SET_BY_PLANNERS: &str = "目標値: 計画で定めること (set by the planners)";

/// What the new plan holds, for the summary.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub goals: usize,
    pub measures: usize,
    pub kpis: usize,
    /// Baselines from the ledger, and of them the preliminary ones.
    pub from_ledger: usize,
    pub preliminary: usize,
    /// KPIs with no figure for the year: the old baseline kept.
    pub missing: usize,
    /// KPIs whose old target the new baseline already meets.
    pub met: usize,
    /// Under an old geometric path, the KPIs whose new baseline is at or
    /// below 0, where a geometric path cannot start: the new plan's path
    /// is linear (issue 24, item 4).
    pub linear_for: Vec<String>,
}

pub fn run(
    named: Option<&Path>,
    old: &Path,
    year: FiscalYear,
    new: &Path,
    out: &mut dyn Write,
) -> Result<i32> {
    crate::scope::check_today()?;
    let is_plan = old.join("kpi.toml").is_file()
        || (old.is_file() && old.extension().is_some_and(|e| e == "toml"));
    if !is_plan {
        return Err(Error::Usage(format!(
            "--successor {}: no kpi.toml there; name the folder of the member the new plan follows",
            old.display()
        )));
    }
    let cwd = crate::settings::env().cwd()?;
    let (ws_file, old_plan) =
        match workspace::find(Some(old), named, &cwd).map_err(Error::Invalid)? {
            Found::Member { workspace, plan } => (workspace, plan),
            Found::Plan(plan) => {
                return Err(Error::Usage(format!(
                    "{}: --successor takes a member of a workspace, and this plan is in none (no kpi-workspace.toml above it lists it); bring it in with kpi workspace adopt",
                    plan.display()
                )))
            }
            Found::Root(file) => {
                return Err(Error::Usage(format!(
                    "{}: --successor takes a member's folder, not the workspace's root",
                    file.display()
                )))
            }
        };
    super::refuse_to_overwrite(new)?;
    let joining = member::joining(Some(&ws_file), new)?.expect("a workspace is named");
    let (ws, warnings) = workspace::open_creating(&ws_file).map_err(Error::Invalid)?;
    let Some(old_index) = ws.member_of(&old_plan) else {
        return Err(Error::Usage(format!(
            "{} is not a member of the workspace {}",
            old_plan.display(),
            ws_file.display()
        )));
    };
    // Every member read: the new one is checked against all of them.
    let every: Vec<usize> = (0..ws.members.len()).collect();
    let (loaded, _) = workspace::load(ws, false, &every).map_err(Error::Invalid)?;
    not_begun(&loaded.members[old_index].plan, year)?;
    let mut all = warnings;
    all.extend(loaded.warnings.clone());
    crate::cmd::print_warnings(&all);
    let command = format!(
        "kpi init --successor {} --baseline-year {} {}",
        old.display(),
        year.label(loaded.members[old_index].plan.year_style),
        joining.member
    );
    let (text, counts) = render(&loaded, old_index, year, &command);
    let plan_path = new.join("kpi.toml");
    if let Err(problems) = crate::plan::load_member_str(&plan_path, &text) {
        let mut all = Problems(vec![Problem::error(
            Location::file(&plan_path),
            "the successor plan made from the old one does not validate; nothing was written",
        )
        .hint("report this as a bug of kpi init --successor, with the old plan")]);
        all.extend(problems);
        return Err(Error::Invalid(all));
    }
    super::create_plan(new, &text, Some(&joining))?;
    say(out, new, &loaded, old_index, year, &counts, &joining)?;
    Ok(0)
}

/// A baseline year not begun has no figures and never had: refused, as a
/// figure for it is (issue 24, item 17).
fn not_begun(plan: &crate::plan::Plan, year: FiscalYear) -> Result<()> {
    let current =
        crate::settings::current_fiscal_year(plan.fiscal_year_start).map_err(Error::Usage)?;
    if year <= current {
        return Ok(());
    }
    let today = crate::settings::today().map_err(Error::Usage)?;
    let label = |y| crate::ledger::years::labelled(plan, y);
    Err(Error::Usage(format!(
        "--baseline-year {}: fiscal year {} has not begun yet (today is {today}, in fiscal year {}); \
         a baseline is a year that has begun, usually the last whose figures are in: name {} or an earlier year; nothing was written",
        label(year),
        year.0,
        label(current),
        label(current)
    )))
}

fn say(
    out: &mut dyn Write,
    new: &Path,
    loaded: &LoadedWorkspace,
    old: usize,
    year: FiscalYear,
    c: &Counts,
    joining: &Joining,
) -> Result<()> {
    let style = loaded.members[old].plan.year_style;
    let y = year.label(style);
    writeln!(
        out,
        "created {}: kpi.toml ({}, {}, {}, succeeding {}), reviews/, README.md",
        new.display(),
        super::count(c.goals, "goal"),
        super::count(c.measures, "measure"),
        super::count(c.kpis, "KPI"),
        loaded.members[old].name
    )?;
    writeln!(
        out,
        "baselines: {} from the ledger's {y} figures ({} preliminary, marked 速報値); {} without a {y} figure kept the old baseline (marked 要確認)",
        c.from_ledger, c.preliminary, c.missing
    )?;
    if !c.linear_for.is_empty() {
        writeln!(
            out,
            "path: linear, not {}'s geometric: a geometric path cannot start at 0 or below, and the {y} baseline of {} is (marked 要確認)",
            loaded.members[old].name,
            named_kpis(&c.linear_for)
        )?;
    }
    if c.met > 0 {
        writeln!(
            out,
            "{} the old target already met by the new baseline: the baseline stands in for the target (marked 要確認)",
            crate::lang::count(c.met, "KPI has", "KPIs have")
        )?;
    }
    joining.say(out)?;
    writeln!(
        out,
        "next: set the targets and target_year (marked {SET_BY_PLANNERS}), then run `kpi validate --plan {}`",
        new.display()
    )?;
    Ok(())
}

/// The successor's text and what it holds.
pub fn render(
    loaded: &LoadedWorkspace,
    old: usize,
    year: FiscalYear,
    command: &str,
) -> (String, Counts) {
    let member = &loaded.members[old];
    let name = &member.name;
    let plan = &member.plan;
    let style = plan.year_style;
    let y = year.label(style);
    let mut t = String::new();
    let mut counts = Counts {
        goals: plan.goals.len(),
        measures: plan.measures.len(),
        kpis: plan.kpis.len(),
        ..Counts::default()
    };
    let _ = writeln!(
        t,
        "# The successor of member {name} ({}), started with\n#   {command}\n\
         # Every goal, measure and KPI is copied from it. Each KPI reads its predecessor's\n\
         # series (`indicator`) and its baseline is the ledger's {y} figure, pinned (workspace.md).\n\
         # Comments mark what the planners decide or check:\n\
         #   速報値 (preliminary): the ledger's {y} figure is preliminary; check it before publishing.\n\
         #   要確認: no figure for {y} in the ledger: the old baseline is kept, with its own year.\n\
         #   {SET_BY_PLANNERS}: the old target, a placeholder.",
        plan.title
    );
    t.push_str("\n[plan]\n");
    let _ = writeln!(
        t,
        "title = {}  # 要確認: the new plan's title",
        quote(&plan.title)
    );
    if let Some(org) = &plan.organization {
        let _ = writeln!(t, "organization = {}", quote(org));
    }
    let _ = writeln!(t, "succeeds = {}", quote(name));
    let _ = writeln!(t, "year_style = {}", quote(write::style_name(style)));
    let _ = writeln!(t, "baseline_year = {}", quote(&y));
    let _ = writeln!(
        t,
        "target_year = {}  # 目標年度: 計画で定めること (set by the planners); a placeholder, {y} + 5",
        quote(&FiscalYear(year.0 + 5).label(style))
    );
    t.push_str("# actuals, fiscal_year_start: the workspace's (kpi-workspace.toml)\n");
    if plan.scoring.path == PathShape::Geometric {
        counts.linear_for = plan
            .kpis
            .iter()
            .enumerate()
            .filter(|&(k, kpi)| {
                let figure = loaded.ledger.series[member.series_of[k]].get(&year);
                *figure.unwrap_or(&kpi.baseline.value) <= Decimal::ZERO
            })
            .map(|(_, kpi)| kpi.id.clone())
            .collect();
    }
    evaluation(&mut t, &plan.scoring, name, &counts.linear_for, &y);
    for g in &plan.goals {
        t.push('\n');
        let name = format!("name = {}", long(&g.name));
        write::goal(&mut t, &g.id, &name, g.aim.as_deref());
    }
    for m in &plan.measures {
        t.push('\n');
        let name = format!("name = {}", long(&m.name));
        write::measure(&mut t, &m.id, &m.parent, &name, m.description.as_deref());
    }
    for (k, kpi) in plan.kpis.iter().enumerate() {
        let series = member.series_of[k];
        let figure = loaded.ledger.series[series].get(&year).copied();
        let preliminary = loaded
            .ledger
            .remarks
            .get(&(series, year))
            .is_some_and(|r| r.preliminary);
        kpi_text(
            &mut t,
            kpi,
            &loaded.series.kpis[series].id,
            name,
            year,
            figure,
            preliminary,
            style,
            &mut counts,
        );
    }
    (t, counts)
}

#[allow(clippy::too_many_arguments)]
fn kpi_text(
    t: &mut String,
    kpi: &Kpi,
    series: &str,
    old: &str,
    year: FiscalYear,
    figure: Option<Decimal>,
    preliminary: bool,
    style: YearStyle,
    counts: &mut Counts,
) {
    let y = year.label(style);
    t.push_str("\n[[kpi]]\n");
    let _ = writeln!(t, "id = {}", quote(&kpi.id));
    let _ = writeln!(
        t,
        "indicator = {}  # the series of {old}'s KPI {}",
        quote(series),
        kpi.id
    );
    let _ = writeln!(t, "name = {}", long(&kpi.name));
    write::attachment(t, &kpi.attachment);
    let baseline = match figure {
        Some(value) => {
            counts.from_ledger += 1;
            if preliminary {
                counts.preliminary += 1;
                let _ = writeln!(
                    t,
                    "baseline = {{ value = {value} }}  # 速報値 (preliminary): the ledger's {y} figure is preliminary; check it before publishing"
                );
            } else {
                let _ = writeln!(
                    t,
                    "baseline = {{ value = {value} }}  # the ledger's {y} figure"
                );
            }
            value
        }
        None => {
            counts.missing += 1;
            let old_year = kpi.baseline.year.label(style);
            let _ = writeln!(
                t,
                "# 要確認: no figure for {y} in the ledger; {old}'s baseline ({old_year}) is kept until it is in:\n\
                 # record it (kpi record), then write it here as baseline = {{ value = … }}"
            );
            let _ = writeln!(t, "baseline = {}", write::point(&kpi.baseline, None, style));
            kpi.baseline.value
        }
    };
    let (old_target, revised) = match kpi.revisions.last() {
        Some(r) => (r.target, Some(r.from)),
        None => (kpi.target, None),
    };
    let said = match revised {
        Some(from) => format!(
            "{} ({}, revised from {})",
            old_target.value,
            old_target.year.label(style),
            from.label(style)
        ),
        None => format!("{} ({})", old_target.value, old_target.year.label(style)),
    };
    let ahead = match kpi.direction {
        Direction::Increase => old_target.value > baseline,
        Direction::Decrease => old_target.value < baseline,
    };
    if ahead {
        let _ = writeln!(
            t,
            "target = {{ value = {} }}  # {SET_BY_PLANNERS}; {old}'s target {said}",
            old_target.value
        );
    } else {
        counts.met += 1;
        let _ = writeln!(
            t,
            "# 要確認: the baseline already meets {old}'s target {said}; the baseline stands in for the target\n\
             target = {{ value = {baseline} }}  # {SET_BY_PLANNERS}"
        );
    }
    let _ = writeln!(t, "direction = {}", quote(kpi.direction.name()));
    if !kpi.milestones.is_empty() {
        let _ = writeln!(
            t,
            "# milestones: {old}'s fell within its own term and are not copied"
        );
    }
    if let Some(note) = &kpi.note {
        let _ = writeln!(t, "note = {}", long(note));
    }
}

/// `[evaluation]` as the old plan sets it, its cut-offs and conventions;
/// grade bands are not copied (a comment says so).
///
/// A geometric path cannot start at 0 or below: where the new baseline of
/// a KPI of `linear_for` is, the path is linear, with a comment naming them.
fn evaluation(t: &mut String, scoring: &Scoring, old: &str, linear_for: &[String], y: &str) {
    let default = Scoring::default();
    let mut lines = Vec::new();
    if scoring.on_track != default.on_track {
        lines.push(format!("on_track = {}", scoring.on_track));
    }
    if scoring.at_risk != default.at_risk {
        lines.push(format!("at_risk = {}", scoring.at_risk));
    }
    if scoring.stale_after != default.stale_after {
        lines.push(format!("stale_after = {}", scoring.stale_after));
    }
    if scoring.basis != default.basis {
        lines.push(format!("basis = {}", quote(Basis::name(scoring.basis))));
    }
    if !linear_for.is_empty() {
        lines.push(format!(
            "path = \"linear\"  # 要確認: {old}'s path is \"geometric\", which cannot start at 0 or below, and the {y} baseline of {} is; \
             write path = \"geometric\" once every baseline is above 0",
            named_kpis(linear_for)
        ));
    } else if scoring.path != default.path {
        let path = match scoring.path {
            PathShape::Linear => "linear",
            PathShape::Geometric => "geometric",
        };
        lines.push(format!("path = {}", quote(path)));
    }
    if !lines.is_empty() {
        let _ = writeln!(t, "\n[evaluation]  # as {old} sets it");
        for l in lines {
            let _ = writeln!(t, "{l}");
        }
    }
    if !scoring.grades.is_empty() {
        let _ = writeln!(
            t,
            "# {old}'s [[evaluation.grade]] bands are not copied: copy them from its kpi.toml if this plan grades too"
        );
    }
}

/// `KPI a` or `KPIs a, b`.
fn named_kpis(ids: &[String]) -> String {
    let word = if ids.len() == 1 { "KPI" } else { "KPIs" };
    format!("{word} {}", ids.join(", "))
}
