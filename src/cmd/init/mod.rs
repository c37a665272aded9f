//! `kpi init`: start a plan folder: a commented `kpi.toml` showing every
//! field (or, with `--from`, built from an office's KPI sheet), an empty
//! `actuals/`, and a README saying what to do next. Refuses to overwrite
//! anything. Inside a workspace the new plan is a member: no `actuals`
//! (the ledger is the workspace's), and its folder is added to `members`
//! when no pattern lists it. `--workspace DIR` starts a workspace instead;
//! `--successor OLD` starts a member from an earlier one (`successor`).

pub use crate::args::init::InitArgs;

pub mod from;
pub mod member;
pub mod successor;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ledger::import::decode::Encoding;
use crate::settings::Settings;
use crate::year::FiscalYear;

/// The commented plan a new folder starts with; a test checks it validates.
pub const BLANK_PLAN: &str = include_str!("blank.toml");

const NEXT_STEPS: &str = "# KPI plan

1. Edit `kpi.toml`: goals, measures and KPIs with baselines and targets
   (run `kpi validate` after each change).
2. Send each office its sheet: `kpi template --year YEAR --owner OFFICE`.
3. Load what comes back: `kpi import FILE…` (it writes `actuals/YEAR.csv`).
4. See where things stand: `kpi status`.
";

const MEMBER_NEXT_STEPS: &str = "# KPI plan (a workspace member)

1. Edit `kpi.toml`: goals, measures and KPIs with baselines and targets
   (run `kpi validate` after each change). A KPI that another plan of the
   workspace also measures reads its series: `indicator = \"ID\"`.
2. The figures are the workspace's ledger (`ledger` in kpi-workspace.toml):
   `kpi template`, `kpi import` and `kpi record` write there.
3. See where things stand: `kpi status` here, `kpi status --all` at the root.
";

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
            .map(crate::cmd::output::encoding_arg)
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
        return member::create_workspace(dir, out);
    }
    let dir = &settings.dir;
    if let Some((old, year)) = &settings.successor {
        return successor::run(settings.workspace.as_deref(), old, *year, dir, out);
    }
    refuse_to_overwrite(dir)?;
    let joining = member::joining(settings.workspace.as_deref(), dir)?;
    if let Some((sheet, encoding)) = &settings.from {
        return from_sheet(dir, sheet, *encoding, joining.as_ref(), out);
    }
    let text = match &joining {
        Some(joining) => joining.member_text(BLANK_PLAN, true)?,
        None => BLANK_PLAN.to_string(),
    };
    create_plan(dir, &text, joining.as_ref())?;
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
            joining.say(out)?;
            writeln!(
                out,
                "next: edit kpi.toml, then run `kpi validate --plan {}`",
                dir.display()
            )?;
        }
    }
    Ok(0)
}

/// Create the plan folder and, for a member the workspace does not list
/// yet, add it to `members`; on a failure of either, nothing is left.
pub fn create_plan(dir: &Path, text: &str, joining: Option<&member::Joining>) -> Result<()> {
    let member = joining.is_some();
    let mut created: Vec<PathBuf> = Vec::new();
    let mut result = create_all(dir, text, member, &mut created);
    if result.is_ok() {
        if let Some(joining) = joining {
            result = joining.write();
        }
    }
    if result.is_err() {
        for path in created.iter().rev() {
            let _ = std::fs::remove_file(path).or_else(|_| std::fs::remove_dir(path));
        }
    }
    result
}

/// `kpi init --from SHEET`: the plan built from the sheet, or every problem
/// of the sheet and nothing written.
fn from_sheet(
    dir: &Path,
    sheet: &Path,
    encoding: Option<Encoding>,
    joining: Option<&member::Joining>,
    out: &mut dyn Write,
) -> Result<i32> {
    let bytes = std::fs::read(sheet)
        .map_err(|e| Error::Usage(format!("cannot read {}: {e}", sheet.display())))?;
    let built =
        from::build(sheet, &bytes, encoding, &dir.join("kpi.toml")).map_err(Error::Invalid)?;
    crate::cmd::print_warnings(&built.warnings);
    let text = match joining {
        Some(joining) => joining.member_text(&built.text, false)?,
        None => built.text.clone(),
    };
    create_plan(dir, &text, joining)?;
    writeln!(
        out,
        "created {}: kpi.toml ({}, {}, {} from {}, {}), {}reviews/, README.md",
        dir.display(),
        count(built.goals, "goal"),
        count(built.measures, "measure"),
        count(built.kpis, "KPI"),
        sheet.display(),
        built.encoding,
        if joining.is_some() { "" } else { "actuals/, " }
    )?;
    if let Some(joining) = joining {
        joining.say(out)?;
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

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Nothing that init would write may exist already, and the plan folder
/// must be a folder (or not exist yet).
pub fn refuse_to_overwrite(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: that is a file, not a folder; kpi init creates a plan folder: name a new or empty folder",
            dir.display()
        )));
    }
    for name in ["kpi.toml", "README.md"] {
        let path = dir.join(name);
        if path.exists() {
            return Err(Error::Usage(format!(
                "{} already exists; kpi init never overwrites: choose an empty folder or remove it",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Write a new plan folder: the plan text, an empty ledger folder, a README.
/// On a failure what it had created is removed again, and the error names
/// the path.
pub fn create(dir: &Path, plan_text: &str) -> Result<()> {
    let mut created: Vec<PathBuf> = Vec::new();
    let result = create_all(dir, plan_text, false, &mut created);
    if result.is_err() {
        for path in created.iter().rev() {
            let _ = std::fs::remove_file(path).or_else(|_| std::fs::remove_dir(path));
        }
    }
    result
}

/// `member`: a workspace member, which has no `actuals/` of its own.
fn create_all(dir: &Path, plan_text: &str, member: bool, created: &mut Vec<PathBuf>) -> Result<()> {
    let actuals = dir.join("actuals");
    let deepest = if member { dir } else { actuals.as_path() };
    // The folders that do not exist yet, outermost first.
    let mut missing: Vec<PathBuf> = deepest
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    for folder in missing {
        std::fs::create_dir(&folder).map_err(|e| {
            Error::Invalid(crate::problem::Problems(vec![crate::atomic::failed(
                &folder,
                "create the folder",
                &e,
            )]))
        })?;
        created.push(folder);
    }
    // git does not keep empty folders; the reader skips names starting with `.`.
    let files = [
        (actuals.join(".gitkeep"), ""),
        (dir.join("kpi.toml"), plan_text),
        (
            dir.join("README.md"),
            if member {
                MEMBER_NEXT_STEPS
            } else {
                NEXT_STEPS
            },
        ),
    ];
    for (path, text) in files.into_iter().skip(usize::from(member)) {
        write_new(&path, text)?;
        created.push(path);
    }
    // The yearly review texts go here; the example is a README so that
    // `kpi validate` does not read it as a review.
    let reviews = dir.join("reviews");
    if !reviews.exists() {
        std::fs::create_dir(&reviews).map_err(|e| {
            Error::Invalid(crate::problem::Problems(vec![crate::atomic::failed(
                &reviews,
                "create the folder",
                &e,
            )]))
        })?;
        created.push(reviews.clone());
    }
    let example = reviews.join("README.md");
    write_new(&example, REVIEWS_EXAMPLE)?;
    created.push(example);
    Ok(())
}

/// What `reviews/` holds, with a commented example (plan-format.md).
const REVIEWS_EXAMPLE: &str = include_str!("reviews.md");

/// Create a file that must not exist yet (create_new: never overwrite).
fn write_new(path: &Path, text: &str) -> Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "{} already exists; kpi init never overwrites",
                    path.display()
                ))
            } else {
                Error::Invalid(crate::problem::Problems(vec![crate::atomic::failed(
                    path,
                    "create the file",
                    &e,
                )]))
            }
        })?;
    let written = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
    if let Err(e) = written {
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(Error::Invalid(crate::problem::Problems(vec![
            crate::atomic::failed(path, "write the file", &e),
        ])));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blank_plan_validates_and_has_every_kpi_field() {
        let (plan, warnings) =
            crate::plan::load_str(Path::new("kpi.toml"), BLANK_PLAN).expect("blank plan is valid");
        assert!(warnings.is_empty());
        assert_eq!(plan.kpis.len(), 2);
        for field in crate::plan::KPI_FIELDS {
            assert!(
                BLANK_PLAN.contains(&format!("\n{field} ="))
                    || BLANK_PLAN.contains(&format!("# {field} =")),
                "{field} is shown"
            );
        }
    }

    #[test]
    fn init_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        create(dir.path(), BLANK_PLAN).unwrap();
        assert!(refuse_to_overwrite(dir.path()).is_err());
        assert!(create(dir.path(), "x").is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("kpi.toml")).unwrap(),
            BLANK_PLAN
        );
    }
}
