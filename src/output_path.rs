//! Where a command may write its output (`-o/--output`): never over the
//! plan, a ledger file, or anything inside a ledger folder, the yearly
//! reviews' folder or the published evaluations' folder, however the path
//! is spelled (relative, with `..`, through a symlink). A report or a
//! template written there would destroy the figures it was made from, or
//! the office's evaluation text. On Windows the paths are compared as
//! Windows compares them: `\` and `/` alike, letters in any case, with or
//! without the `\\?\` prefix.

use std::path::{Component, Path, PathBuf};

/// The paths an output must stay off, resolved once.
#[derive(Debug, Clone)]
pub struct Protected {
    plan: Option<PathBuf>,
    /// Ledger entries of `plan.actuals`: folders (nothing inside them) or files.
    ledger: Vec<PathBuf>,
    /// The folders of the yearly reviews (`plan.reviews`): nothing inside them.
    reviews: Vec<PathBuf>,
    /// The folders of the published evaluations (`evaluations/`).
    evaluations: Vec<PathBuf>,
}

/// The folder of a plan's published evaluations (`evaluations/YEAR.json`
/// beside the plan, evaluation-cycle.md).
pub fn evaluations_folder(plan: &Path) -> PathBuf {
    crate::atomic::parent_or_dot(plan).join("evaluations")
}

/// Why an output path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// It is the plan file.
    Plan(PathBuf),
    /// It is a ledger file or inside a ledger folder.
    Ledger { output: PathBuf, ledger: PathBuf },
    /// It is the reviews' folder or inside it.
    Reviews { output: PathBuf, folder: PathBuf },
    /// It is the published evaluations' folder or inside it.
    Evaluations { output: PathBuf, folder: PathBuf },
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Plan(path) => write!(
                f,
                "--output {}: that is the {} file; nothing was written (write the output to another file)",
                path.display(),
                if path.file_name().is_some_and(|n| n == crate::workspace::WORKSPACE_FILE) {
                    "workspace"
                } else {
                    "plan"
                }
            ),
            Refused::Ledger { output, ledger } => write!(
                f,
                "--output {}: that is in the ledger ({}), which kpi reads figures from; nothing was written (write the output outside the ledger folder)",
                output.display(),
                plain(ledger).display()
            ),
            Refused::Reviews { output, folder } => write!(
                f,
                "--output {}: that is in the reviews folder ({}), the office's yearly evaluation texts; nothing was written (write the output outside that folder)",
                output.display(),
                plain(folder).display()
            ),
            Refused::Evaluations { output, folder } => write!(
                f,
                "--output {}: that is in the evaluations folder ({}), the evaluations as published; nothing was written (write the output outside that folder)",
                output.display(),
                plain(folder).display()
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
            reviews: Vec::new(),
            evaluations: Vec::new(),
        }
    }

    /// `new` for a loaded plan: its ledger entries `ledger` and also its
    /// reviews' folder (`plan.reviews`) and evaluations' folder.
    pub fn of_plan(plan: &crate::plan::Plan, ledger: &[PathBuf]) -> Protected {
        Protected {
            reviews: resolve(&plan.reviews).into_iter().collect(),
            evaluations: resolve(&plan.evaluations).into_iter().collect(),
            ..Protected::new(&plan.path, ledger)
        }
    }

    /// `of_plan` for a plan that could not be read: its default reviews'
    /// folder (`reviews/` beside it) and its evaluations' folder.
    pub fn of_folders(plan: &Path, ledger: &[PathBuf]) -> Protected {
        let dir = crate::atomic::parent_or_dot(plan);
        Protected {
            reviews: resolve(&dir.join("reviews")).into_iter().collect(),
            evaluations: resolve(&evaluations_folder(plan)).into_iter().collect(),
            ..Protected::new(plan, ledger)
        }
    }

    /// `Ok` when `output` may be written; else why not.
    pub fn check(&self, output: &Path) -> Result<(), Refused> {
        let Some(resolved) = resolve(output) else {
            // Only a path with no file name (`/`, `..`) cannot be resolved;
            // writing it fails with its own error.
            return Ok(());
        };
        if self.plan.as_deref().is_some_and(|p| same(&resolved, p)) {
            return Err(Refused::Plan(output.to_path_buf()));
        }
        let output = output.to_path_buf();
        let inside = |folders: &[PathBuf]| folders.iter().find(|f| within(&resolved, f)).cloned();
        if let Some(ledger) = inside(&self.ledger) {
            return Err(Refused::Ledger { output, ledger });
        }
        if let Some(folder) = inside(&self.reviews) {
            return Err(Refused::Reviews { output, folder });
        }
        match inside(&self.evaluations) {
            Some(folder) => Err(Refused::Evaluations { output, folder }),
            None => Ok(()),
        }
    }
}

/// A resolved path as people write it: on Windows without the verbatim
/// prefix `canonicalize` puts before it (`\\?\C:\plan` is `C:\plan`, and
/// `\\?\UNC\server\share` is `\\server\share`).
fn plain(path: &Path) -> PathBuf {
    let text = path.to_string_lossy();
    if let Some(share) = text.strip_prefix(r"\\?\UNC\") {
        PathBuf::from(format!(r"\\{share}"))
    } else if let Some(local) = text.strip_prefix(r"\\?\") {
        PathBuf::from(local)
    } else {
        path.to_path_buf()
    }
}

/// Whether two resolved paths name one file.
fn same(a: &Path, b: &Path) -> bool {
    if cfg!(windows) {
        windows_key(&a.to_string_lossy()) == windows_key(&b.to_string_lossy())
    } else {
        a == b
    }
}

/// Whether a resolved path is `folder` or below it.
fn within(path: &Path, folder: &Path) -> bool {
    if cfg!(windows) {
        let (path, folder) = (
            windows_key(&path.to_string_lossy()),
            windows_key(&folder.to_string_lossy()),
        );
        path.len() >= folder.len() && path[..folder.len()] == folder[..]
    } else {
        path.starts_with(folder)
    }
}

/// A Windows path spelled one way for comparing: its components, in lower
/// case, `\` and `/` alike, `.` and `..` taken out by name, the verbatim
/// prefixes `\\?\` and `\\?\UNC\` (which `canonicalize` gives) dropped, so
/// that `\\?\C:\Plan\Actuals` and `c:/plan/actuals/` are one folder.
/// A pure function of the text, so that it is tested on any system.
pub fn windows_key(path: &str) -> Vec<String> {
    let unified = path.replace('/', "\\");
    let rest = if let Some(unc) = unified.strip_prefix(r"\\?\UNC\") {
        format!(r"\\{unc}")
    } else if let Some(local) = unified
        .strip_prefix(r"\\?\")
        .or_else(|| unified.strip_prefix(r"\\.\"))
    {
        local.to_string()
    } else {
        unified
    };
    // A UNC share keeps its two leading separators as its first component.
    let (head, body) = match rest.strip_prefix(r"\\") {
        Some(body) => (Some(r"\\".to_string()), body.to_string()),
        None => (None, rest),
    };
    let mut parts: Vec<String> = head.into_iter().collect();
    for part in body.split('\\') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.len() > 1 || (parts.len() == 1 && !parts[0].ends_with(':')) {
                    parts.pop();
                }
            }
            name => parts.push(name.to_lowercase()),
        }
    }
    parts
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
        // A workspace's file is protected as its plan; it is named as what it is.
        let ws = dir.path().join("kpi-workspace.toml");
        let err = Protected::new(&ws, &[]).check(&ws).unwrap_err().to_string();
        assert!(err.contains("that is the workspace file"), "{err}");
    }

    #[test]
    fn a_ledger_is_named_without_the_verbatim_prefix() {
        assert_eq!(
            plain(Path::new(r"\\?\Z:\tmp\plan\actuals")),
            Path::new(r"Z:\tmp\plan\actuals")
        );
        assert_eq!(
            plain(Path::new(r"\\?\UNC\server\share\actuals")),
            Path::new(r"\\server\share\actuals")
        );
        assert_eq!(
            plain(Path::new("/tmp/plan/actuals")),
            Path::new("/tmp/plan/actuals")
        );
    }

    #[test]
    fn windows_spellings_of_one_path_are_one_key() {
        let key = |s: &str| windows_key(s);
        let actuals = key(r"C:\Plan\actuals\2019.csv");
        for spelling in [
            r"\\?\C:\Plan\actuals\2019.csv",
            r"c:\plan\ACTUALS\2019.CSV",
            r"C:/Plan/actuals/2019.csv",
            r"C:\Plan\out\..\actuals\.\2019.csv",
            r"C:\Plan\\actuals\2019.csv",
        ] {
            assert_eq!(key(spelling), actuals, "{spelling}");
        }
        assert_eq!(actuals, ["c:", "plan", "actuals", "2019.csv"]);
        // A folder with or without its last separator.
        assert_eq!(key(r"C:\Plan\actuals\"), key(r"C:\Plan\actuals"));
        // `..` at the drive's root stays at the root, as Windows has it.
        assert_eq!(key(r"C:\..\Plan"), key(r"C:\Plan"));
        // A share, verbatim or not; a different share is another path.
        assert_eq!(
            key(r"\\?\UNC\server\share\actuals"),
            key(r"\\Server\Share\Actuals")
        );
        assert_ne!(key(r"\\server\share\a"), key(r"\\server\other\a"));
        // Letters that only look alike are not folded together.
        assert_ne!(key(r"C:\Plan\actuals2"), actuals);
        assert_eq!(key(r"C:\計画\Ａ"), ["c:", "計画", "ａ"]);
    }
}
