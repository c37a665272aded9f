//! `kpi init`: start a plan folder (`crate::init`): a commented `kpi.toml`
//! showing every field (or, with `--from`, built from an office's KPI
//! sheet), an empty `actuals/`, and a README saying what to do next.
//! Refuses to overwrite anything. Inside a workspace the new plan is a
//! member; `--workspace DIR` starts a workspace instead; `--successor OLD`
//! starts a member from an earlier one.

pub use crate::args::init::InitArgs;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::init::member::{self, Joining};
use crate::init::successor::{self, Counts, SET_BY_PLANNERS};
use crate::init::{self, from, BLANK_PLAN};
use crate::ledger::import::decode::Encoding;
use crate::settings::Settings;
use crate::workspace::WORKSPACE_FILE;
use crate::year::FiscalYear;

/// `kpi init`'s arguments, checked.
#[derive(Debug)]
pub struct InitSettings {
    /// The folder to create the plan in.
    pub dir: PathBuf,
    /// `--from`: the sheet to build the plan from, and its encoding if given.
    pub from: Option<(PathBuf, Option<Encoding>)>,
    /// `--successor OLD --baseline-year Y`.
    pub successor: Option<(PathBuf, FiscalYear)>,
    /// `kpi init --workspace DIR` (no plan folder given): start a workspace there.
    pub new_workspace: Option<PathBuf>,
    /// `--workspace` given with a plan folder: the workspace the plan joins.
    pub workspace: Option<PathBuf>,
}
impl InitArgs {
    /// The settings; `--workspace` is the global option: alone it names the
    /// folder of a new workspace, with a plan folder the workspace it joins.
    pub fn settings(&self, global: &Settings) -> Result<InitSettings> {
        let encoding = self
            .encoding
            .as_deref()
            .map(crate::output::encoding_arg)
            .transpose()?;
        let from = match (&self.from, encoding) {
            (Some(sheet), encoding) => Some((sheet.clone(), encoding)),
            (None, Some(_)) => {
                return Err(Error::Usage(
                    "--encoding is the encoding of the sheet given with --from".to_string(),
                ))
            }
            (None, None) => None,
        };
        let successor = match (&self.successor, &self.baseline_year) {
            (Some(old), Some(year)) => {
                if self.dir.is_none() {
                    return Err(Error::Usage(
                        "--successor needs the new plan's folder: kpi init --successor OLD --baseline-year YEAR NEW"
                            .to_string(),
                    ));
                }
                let year = FiscalYear::parse(year)
                    .map_err(|e| Error::Usage(format!("--baseline-year: {e}")))?;
                Some((old.clone(), year))
            }
            _ => None,
        };
        let (new_workspace, workspace) = match (&global.workspace_flag, &self.dir) {
            (Some(ws), None) => {
                if from.is_some() {
                    return Err(Error::Usage(
                        "kpi init --workspace DIR starts a workspace; --from builds a plan: give the plan's folder too (kpi init --workspace WS --from SHEET plans/NAME)"
                            .to_string(),
                    ));
                }
                (Some(ws.clone()), None)
            }
            (ws, _) => (None, ws.clone()),
        };
        Ok(InitSettings {
            dir: self.dir.clone().unwrap_or_else(|| PathBuf::from(".")),
            from,
            successor,
            new_workspace,
            workspace,
        })
    }
}

pub fn run(global: &Settings, settings: &InitSettings, out: &mut dyn Write) -> Result<i32> {
    let _ = global;
    if let Some(dir) = &settings.new_workspace {
        let file = member::create_workspace(dir)?;
        writeln!(
            out,
            "created {}: {WORKSPACE_FILE} (members = [\"plans/*\"], ledger = [\"ledger\"]), ledger/\nnext: edit {}, then start a member with `kpi init {}`",
            dir.display(),
            file.display(),
            dir.join("plans").join("NAME").display()
        )?;
        return Ok(0);
    }
    let dir = &settings.dir;
    if let Some((old, year)) = &settings.successor {
        let made = successor::prepare(settings.workspace.as_deref(), old, *year, dir)?;
        super::print_warnings(&made.warnings);
        let (text, counts) = successor::text(&made, old, dir)?;
        init::create_plan(dir, &text, Some(&made.joining))?;
        say_successor(out, dir, &made, &counts)?;
        return Ok(0);
    }
    init::refuse_to_overwrite(dir)?;
    let joining = member::joining(settings.workspace.as_deref(), dir)?;
    if let Some((sheet, encoding)) = &settings.from {
        return from_sheet(dir, sheet, *encoding, joining.as_ref(), out);
    }
    let text = match &joining {
        Some(joining) => joining.member_text(BLANK_PLAN, true)?,
        None => BLANK_PLAN.to_string(),
    };
    init::create_plan(dir, &text, joining.as_ref())?;
    match &joining {
        None => writeln!(
            out,
            "created {}: kpi.toml, actuals/, reviews/, README.md\nnext: edit kpi.toml, then run `kpi validate --plan {}`",
            dir.display(),
            dir.display()
        )?,
        Some(joining) => {
            writeln!(
                out,
                "created {}: kpi.toml, reviews/, README.md (a member: its figures are the workspace's ledger)",
                dir.display()
            )?;
            say_joining(joining, out)?;
            writeln!(
                out,
                "next: edit kpi.toml, then run `kpi validate --plan {}`",
                dir.display()
            )?;
        }
    }
    Ok(0)
}

/// `kpi init --from SHEET`: the plan built from the sheet, or every problem
/// of the sheet and nothing written.
fn from_sheet(
    dir: &Path,
    sheet: &Path,
    encoding: Option<Encoding>,
    joining: Option<&Joining>,
    out: &mut dyn Write,
) -> Result<i32> {
    let bytes = std::fs::read(sheet)
        .map_err(|e| Error::Usage(format!("cannot read {}: {e}", sheet.display())))?;
    let built =
        from::build(sheet, &bytes, encoding, &dir.join("kpi.toml")).map_err(Error::Invalid)?;
    super::print_warnings(&built.warnings);
    let text = match joining {
        Some(joining) => joining.member_text(&built.text, false)?,
        None => built.text.clone(),
    };
    init::create_plan(dir, &text, joining)?;
    writeln!(
        out,
        "created {}: kpi.toml ({} from {}, {}), {}reviews/, README.md",
        dir.display(),
        holding(built.goals, built.measures, built.kpis),
        sheet.display(),
        built.encoding,
        if joining.is_some() { "" } else { "actuals/, " }
    )?;
    if let Some(joining) = joining {
        say_joining(joining, out)?;
    }
    if built.generated > 0 {
        writeln!(
            out,
            "{} no id: {} kpi-N by {} place in the sheet; rename {} in kpi.toml before recording actuals",
            crate::lang::count(built.generated, "KPI had", "KPIs had"),
            if built.generated == 1 { "it is" } else { "they are" },
            if built.generated == 1 { "its" } else { "their" },
            if built.generated == 1 { "it" } else { "them" },
        )?;
    }
    writeln!(
        out,
        "next: check kpi.toml, then run `kpi validate --plan {}`",
        dir.display()
    )?;
    Ok(0)
}

/// `2 goals, 1 measure, 3 KPIs`.
fn holding(goals: usize, measures: usize, kpis: usize) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        count(goals, "goal"),
        count(measures, "measure"),
        count(kpis, "KPI")
    )
}

/// Tell the user what happened to `members` (and to example KPI ids).
fn say_joining(joining: &Joining, out: &mut dyn Write) -> Result<()> {
    for (old, new) in joining.renamed().iter() {
        writeln!(
            out,
            "example KPI `{old}` written as `{new}`: the workspace already uses `{old}`"
        )?;
    }
    match &joining.new_text {
        Some(_) => writeln!(
            out,
            "added \"{}\" to members in {}",
            joining.member,
            joining.file.display()
        )?,
        None => writeln!(
            out,
            "a member of the workspace {}: its members already list \"{}\"",
            joining.file.display(),
            joining.member
        )?,
    }
    Ok(())
}

/// What `kpi init --successor` made.
fn say_successor(
    out: &mut dyn Write,
    new: &Path,
    made: &successor::Successor,
    c: &Counts,
) -> Result<()> {
    let old = &made.loaded.members[made.old];
    let y = made.year.label(old.plan.year_style);
    writeln!(
        out,
        "created {}: kpi.toml ({}, succeeding {}), reviews/, README.md",
        new.display(),
        holding(c.goals, c.measures, c.kpis),
        old.name
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
            old.name,
            successor::named_kpis(&c.linear_for)
        )?;
    }
    if c.met > 0 {
        writeln!(
            out,
            "{} the old target already met by the new baseline: the baseline stands in for the target (marked 要確認)",
            crate::lang::count(c.met, "KPI has", "KPIs have")
        )?;
    }
    say_joining(&made.joining, out)?;
    writeln!(
        out,
        "next: set the targets and target_year (marked {SET_BY_PLANNERS}), then run `kpi validate --plan {}`",
        new.display()
    )?;
    Ok(())
}
