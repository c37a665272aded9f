//! Finding the plan (cli.md, "Finding the plan"): `--plan PATH`, else
//! `$KPI_PLAN`, else `kpi.toml` here or in the nearest parent folder.

use std::path::{Path, PathBuf};

use crate::problem::{Location, Problem};

pub const PLAN_FILE: &str = "kpi.toml";

/// `given` is `--plan` or `$KPI_PLAN` (the caller picks which); a folder
/// means the `kpi.toml` inside it.
pub fn find_plan(given: Option<&Path>, cwd: &Path) -> Result<PathBuf, Problem> {
    if let Some(path) = given {
        let file = if path.is_dir() {
            path.join(PLAN_FILE)
        } else {
            path.to_path_buf()
        };
        if file.is_file() {
            return Ok(file);
        }
        if file.is_dir() {
            return Err(a_folder(&file));
        }
        return Err(
            Problem::error(Location::file(&file), "no plan file here").hint(
                "give --plan the path of a kpi.toml or of the folder holding one (or set KPI_PLAN)",
            ),
        );
    }
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        let candidate = d.join(PLAN_FILE);
        if candidate.is_file() {
            return Ok(candidate);
        }
        if candidate.is_dir() {
            return Err(a_folder(&candidate));
        }
        dir = d.parent();
    }
    Err(Problem::error(
        Location::file(&cwd.join(PLAN_FILE)),
        "no kpi.toml in this folder or any parent folder",
    )
    .hint("run kpi inside a plan's folder, or give --plan PATH (or set KPI_PLAN)"))
}

/// A `kpi.toml` that is a folder: no plan, and no reason to look further up.
fn a_folder(path: &Path) -> Problem {
    Problem::error(
        Location::file(path),
        "this is a folder, not a plan file",
    )
    .hint("a plan is a file named kpi.toml: rename or remove the folder, or give --plan the plan file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_parent_plan() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(PLAN_FILE), "").unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(find_plan(None, &deep).unwrap(), dir.path().join(PLAN_FILE));
    }

    #[test]
    fn a_folder_means_its_kpi_toml_and_a_missing_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(find_plan(Some(dir.path()), dir.path()).is_err());
        std::fs::write(dir.path().join(PLAN_FILE), "").unwrap();
        assert_eq!(
            find_plan(Some(dir.path()), Path::new("/")).unwrap(),
            dir.path().join(PLAN_FILE)
        );
    }

    #[test]
    fn a_kpi_toml_that_is_a_folder_is_said_not_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(PLAN_FILE), "").unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir_all(sub.join(PLAN_FILE)).unwrap();
        for found in [find_plan(None, &sub), find_plan(Some(&sub), &sub)] {
            let p = found.unwrap_err();
            assert_eq!(p.location.file, sub.join(PLAN_FILE));
            assert!(p.message.contains("is a folder"), "{p}");
        }
    }
}
