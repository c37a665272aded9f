//! Starting a plan folder (`kpi init`): a commented `kpi.toml` showing
//! every field (or one built from an office's KPI sheet, `from`), an empty
//! `actuals/`, and a README saying what to do next; never over anything.
//! A plan started inside a workspace is a member (`member`); a successor
//! follows an earlier member (`successor`). What is said about it is the
//! command's (`cmd::init`).

pub mod from;
pub mod member;
pub mod successor;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

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

/// Create the plan folder (the plan text, an empty ledger folder unless a
/// member, a README) and, for a member the workspace does not list yet,
/// add it to `members`; on a failure of either, nothing is left, and the
/// error names the path.
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
        undo(&created);
    }
    result
}

/// Remove what was `created`, innermost first.
fn undo(created: &[PathBuf]) {
    for path in created.iter().rev() {
        let _ = std::fs::remove_file(path).or_else(|_| std::fs::remove_dir(path));
    }
}

/// Create `deepest` and the folders above it that do not exist yet,
/// outermost first, each noted in `created`.
fn create_folders(deepest: &Path, created: &mut Vec<PathBuf>) -> Result<()> {
    let mut missing: Vec<PathBuf> = deepest
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    for folder in missing {
        create_folder(&folder)?;
        created.push(folder);
    }
    Ok(())
}

fn create_folder(folder: &Path) -> Result<()> {
    std::fs::create_dir(folder).map_err(|e| {
        Error::Invalid(crate::problem::Problems(vec![crate::atomic::failed(
            folder,
            "create the folder",
            &e,
        )]))
    })
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

/// `member`: a workspace member, which has no `actuals/` of its own.
fn create_all(dir: &Path, plan_text: &str, member: bool, created: &mut Vec<PathBuf>) -> Result<()> {
    let actuals = dir.join("actuals");
    let deepest = if member { dir } else { actuals.as_path() };
    create_folders(deepest, created)?;
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
        create_folder(&reviews)?;
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
pub(crate) fn write_new(path: &Path, text: &str) -> Result<()> {
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
        create_plan(dir.path(), BLANK_PLAN, None).unwrap();
        assert!(refuse_to_overwrite(dir.path()).is_err());
        assert!(create_plan(dir.path(), "x", None).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("kpi.toml")).unwrap(),
            BLANK_PLAN
        );
    }
}
