//! How a plan file is named in `kpi check`'s annotations (GitHub, JUnit):
//! relative to the repository, or the current folder, with `/`.

use std::path::{Component, Path, PathBuf};

/// The plan file as annotations name it: relative to `$GITHUB_WORKSPACE`
/// (the repository root in GitHub Actions) when the plan is inside it, else
/// relative to the current folder when inside that, else absolute; with `/`.
pub fn display_path(plan: &Path, cwd: &Path, workspace: Option<&Path>) -> String {
    let absolute = normalise(&cwd.join(plan));
    let inside = |base: &Path| {
        let base = normalise(&cwd.join(base));
        absolute
            .strip_prefix(&base)
            .ok()
            .map(Path::to_path_buf)
            .or_else(|| {
                // A symlinked folder (macOS /tmp): compare real paths.
                let real = absolute.canonicalize().ok()?;
                let base = base.canonicalize().ok()?;
                real.strip_prefix(base).ok().map(Path::to_path_buf)
            })
    };
    let shown = workspace
        .and_then(inside)
        .or_else(|| inside(cwd))
        .unwrap_or_else(|| absolute.clone());
    let parts: Vec<String> = shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = parts.join("/");
    if shown.has_root() {
        // `/` then the rest: join put the root in as its own part.
        format!("/{}", joined.trim_start_matches('/'))
    } else {
        joined
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_workspace_then_the_current_folder() {
        let cwd = Path::new("/repo/sub");
        let ws = Some(Path::new("/repo"));
        assert_eq!(display_path(Path::new("kpi.toml"), cwd, ws), "sub/kpi.toml");
        assert_eq!(display_path(Path::new("kpi.toml"), cwd, None), "kpi.toml");
        assert_eq!(
            display_path(Path::new("./plans/../plan/kpi.toml"), cwd, None),
            "plan/kpi.toml"
        );
        assert_eq!(
            display_path(Path::new("/repo/sub/a/kpi.toml"), cwd, None),
            "a/kpi.toml"
        );
        assert_eq!(
            display_path(Path::new("/elsewhere/kpi.toml"), cwd, ws),
            "/elsewhere/kpi.toml"
        );
        // A relative workspace is taken from the current folder.
        assert_eq!(
            display_path(Path::new("kpi.toml"), cwd, Some(Path::new(".."))),
            "sub/kpi.toml"
        );
    }
}
