//! Where a command may write its output (`-o/--output`): never over the
//! plan, a ledger file, or anything inside a ledger folder, however the
//! path is spelled (relative, with `..`, through a symlink). A report or a
//! template written there would destroy the figures it was made from.

use std::path::{Component, Path, PathBuf};

/// The paths an output must stay off, resolved once.
#[derive(Debug, Clone)]
pub struct Protected {
    plan: Option<PathBuf>,
    /// Ledger entries of `plan.actuals`: folders (nothing inside them) or files.
    ledger: Vec<PathBuf>,
}

/// Why an output path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// It is the plan file.
    Plan(PathBuf),
    /// It is a ledger file or inside a ledger folder.
    Ledger { output: PathBuf, ledger: PathBuf },
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Plan(path) => write!(
                f,
                "--output {}: that is the plan file; nothing was written (write the output to another file)",
                path.display()
            ),
            Refused::Ledger { output, ledger } => write!(
                f,
                "--output {}: that is in the ledger ({}), which kpi reads figures from; nothing was written (write the output outside the ledger folder)",
                output.display(),
                ledger.display()
            ),
        }
    }
}

impl Protected {
    /// The plan file and its ledger entries (`plan.actuals`, resolved).
    pub fn new(plan: &Path, ledger: &[PathBuf]) -> Protected {
        Protected {
            plan: resolve(plan),
            ledger: ledger.iter().filter_map(|p| resolve(p)).collect(),
        }
    }

    /// `Ok` when `output` may be written; else why not.
    pub fn check(&self, output: &Path) -> Result<(), Refused> {
        let Some(resolved) = resolve(output) else {
            // Only a path with no file name (`/`, `..`) cannot be resolved;
            // writing it fails with its own error.
            return Ok(());
        };
        if self.plan.as_deref() == Some(resolved.as_path()) {
            return Err(Refused::Plan(output.to_path_buf()));
        }
        match self.ledger.iter().find(|l| resolved.starts_with(l)) {
            Some(ledger) => Err(Refused::Ledger {
                output: output.to_path_buf(),
                ledger: ledger.clone(),
            }),
            None => Ok(()),
        }
    }
}

/// A path as the file system finds it: symlinks followed, `.` and `..`
/// taken out. Where the path does not exist (yet), its nearest existing
/// folder is resolved and the rest appended; a symlink that points nowhere
/// is where it points.
fn resolve(path: &Path) -> Option<PathBuf> {
    resolve_within(path, 40)
}

/// `resolve`, following at most `links` more symlinks that point nowhere
/// (a loop of links is given up on as the operating system gives up).
fn resolve_within(path: &Path, links: usize) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    // A dangling symlink: writing it writes its target.
    if let Ok(target) = std::fs::read_link(path) {
        if links == 0 {
            return None;
        }
        let base = path.parent().unwrap_or(Path::new("."));
        return resolve_within(&base.join(target), links - 1);
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        crate::settings::env().cwd().ok()?.join(path)
    };
    // The nearest ancestor that exists, and the components below it (`..`
    // among them is taken out by name: a writer that made the missing
    // folders would go there).
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    let real = loop {
        match base.canonicalize() {
            Ok(real) => break real,
            Err(_) => {
                rest.push(base.components().next_back()?);
                base = base.parent()?;
            }
        }
    };
    let mut out = real;
    for component in rest.iter().rev() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => out.push(name),
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Protected) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("kpi.toml"), "").unwrap();
        std::fs::create_dir_all(root.join("actuals")).unwrap();
        std::fs::write(root.join("actuals/2019.csv"), "").unwrap();
        std::fs::write(root.join("extra.csv"), "").unwrap();
        let protected = Protected::new(
            &root.join("kpi.toml"),
            &[root.join("actuals"), root.join("extra.csv")],
        );
        (dir, protected)
    }

    #[test]
    fn the_plan_and_the_ledger_are_refused_however_spelled() {
        let (dir, p) = setup();
        let root = dir.path();
        std::fs::create_dir_all(root.join("out")).unwrap();
        for refused in [
            root.join("kpi.toml"),
            root.join("out/../kpi.toml"),
            root.join("./actuals/2019.csv"),
            root.join("actuals/2020.csv"),
            root.join("actuals/sub/x.csv"),
            root.join("nowhere/../actuals/x.csv"),
            root.join("actuals"),
            root.join("extra.csv"),
        ] {
            assert!(
                p.check(&refused).is_err(),
                "{} must be refused",
                refused.display()
            );
        }
        assert!(matches!(
            p.check(&root.join("kpi.toml")),
            Err(Refused::Plan(_))
        ));
        for fine in [
            root.join("report.html"),
            root.join("out/kpi.toml"),
            root.join("actuals.csv"),
        ] {
            assert_eq!(p.check(&fine), Ok(()), "{}", fine.display());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_the_ledger_is_refused() {
        let (dir, p) = setup();
        let root = dir.path();
        std::os::unix::fs::symlink(root.join("actuals/2019.csv"), root.join("link.csv")).unwrap();
        std::os::unix::fs::symlink(root.join("actuals"), root.join("dirlink")).unwrap();
        std::os::unix::fs::symlink(root.join("actuals/2031.csv"), root.join("dangling.csv"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("kpi.toml"), root.join("plan-link.toml")).unwrap();
        for refused in [
            "link.csv",
            "dirlink/new.csv",
            "dangling.csv",
            "plan-link.toml",
        ] {
            assert!(
                p.check(&root.join(refused)).is_err(),
                "{refused} must be refused"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_of_links_is_no_endless_search() {
        let (dir, p) = setup();
        let root = dir.path();
        std::os::unix::fs::symlink(root.join("b"), root.join("a")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("b")).unwrap();
        // Writing it fails with its own error; it is no ledger path.
        assert_eq!(p.check(&root.join("a")), Ok(()));
    }

    #[test]
    fn the_message_says_what_and_what_to_do() {
        let (dir, p) = setup();
        let err = p
            .check(&dir.path().join("actuals/2019.csv"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("is in the ledger"), "{err}");
        assert!(err.contains("nothing was written"), "{err}");
        let err = p
            .check(&dir.path().join("kpi.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("that is the plan file"), "{err}");
    }
}
