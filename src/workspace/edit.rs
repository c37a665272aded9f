//! Small edits of the text of a workspace file and of a member's plan, made
//! where the value is written so that every other byte (comments, layout)
//! stays as the user wrote it: a folder added to `members`, a plan's
//! `actuals` taken out. The caller writes the result with `crate::atomic`.

use std::path::{Component, Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::Workspace;

/// `text` (a workspace file) with `member` added at the end of
/// `[workspace] members`; `None` when no `members` list is found.
pub fn add_member(text: &str, member: &str) -> Option<String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skip = text.len() - body.len();
    let root = DeTable::parse(body).ok()?;
    let (_, workspace) = root
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "workspace")?;
    let DeValue::Table(table) = workspace.get_ref() else {
        return None;
    };
    let (_, members) = table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "members")?;
    let quoted = crate::plan::write::string(member);
    let mut out = String::with_capacity(text.len() + quoted.len() + 4);
    match members.get_ref() {
        DeValue::Array(items) => {
            let end = match items.last() {
                Some(last) => skip + last.span().end,
                None => skip + members.span().start + 1,
            };
            let separator = if items.is_empty() { "" } else { ", " };
            out.push_str(&text[..end]);
            out.push_str(separator);
            out.push_str(&quoted);
            out.push_str(&text[end..]);
        }
        DeValue::String(_) => {
            // `members = "plans/a"`: made a list of the two.
            let span = members.span();
            let (start, end) = (skip + span.start, skip + span.end);
            out.push_str(&text[..start]);
            out.push('[');
            out.push_str(&text[start..end]);
            out.push_str(", ");
            out.push_str(&quoted);
            out.push(']');
            out.push_str(&text[end..]);
        }
        _ => return None,
    }
    Some(out)
}

/// A setting written where it cannot be taken out as a line of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotOnItsLine;

/// `text` (a plan) with the line of `[plan] key = …` replaced by `comment`
/// (a line of its own); `Ok(None)` when the key is not written, `Err` when
/// it is written in a way that is not a line of its own (inline in a table,
/// or sharing its line with another key).
pub fn replace_plan_key(
    text: &str,
    key: &str,
    comment: &str,
) -> Result<Option<String>, NotOnItsLine> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skip = text.len() - body.len();
    let root = DeTable::parse(body).map_err(|_| NotOnItsLine)?;
    let Some((_, plan)) = root
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "plan")
    else {
        return Ok(None);
    };
    let DeValue::Table(table) = plan.get_ref() else {
        return Err(NotOnItsLine);
    };
    let Some((k, v)) = table.iter().find(|(k, _)| k.get_ref().as_ref() == key) else {
        return Ok(None);
    };
    let (key_start, value_end) = (skip + k.span().start, skip + v.span().end);
    let line_start = text[..key_start].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..key_start].trim().is_empty() {
        return Err(NotOnItsLine);
    }
    let line_end = text[value_end..]
        .find('\n')
        .map_or(text.len(), |i| value_end + i + 1);
    let after = text[value_end..line_end].trim();
    if !(after.is_empty() || after.starts_with('#')) {
        return Err(NotOnItsLine);
    }
    // The line's own end, CRLF kept CRLF (a plan saved by Notepad).
    let newline = if text[..line_end].ends_with("\r\n") {
        "\r\n"
    } else if text[..line_end].ends_with('\n') {
        "\n"
    } else {
        ""
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..line_start]);
    out.push_str(comment);
    out.push_str(newline);
    out.push_str(&text[line_end..]);
    Ok(Some(out))
}

/// `dir` relative to the workspace's root, written with `/` as a members
/// entry is; `None` when it is not below the root. Folders that do not
/// exist yet are allowed (the path is resolved from its nearest existing
/// ancestor).
pub fn member_path(workspace_root: &Path, dir: &Path) -> Option<String> {
    let root = resolve(workspace_root)?;
    let dir = resolve(dir)?;
    let rest = dir.strip_prefix(&root).ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// A path made absolute with symlinks resolved as far as it exists; the
/// rest, which must hold no `..`, appended.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Some(out);
        }
        let name = existing.file_name()?;
        if name == ".." {
            return None;
        }
        rest.push(name);
        existing = existing.parent()?;
    }
}

/// True when a `members` pattern of the workspace lists the folder `member`
/// (a path relative to the root, as `member_path` gives it).
pub fn listed(workspace: &Workspace, member: &str) -> bool {
    let options = glob::MatchOptions {
        require_literal_separator: true,
        ..glob::MatchOptions::new()
    };
    let clean = |p: &str| p.trim_start_matches("./").trim_end_matches('/').to_string();
    let member = clean(member);
    workspace.file.members.iter().any(|(pattern, _)| {
        let pattern = clean(pattern);
        pattern == member
            || glob::Pattern::new(&pattern).is_ok_and(|p| p.matches_with(&member, options))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_is_added_after_the_last_one_and_nothing_else_changes() {
        let text = "# c\n[workspace]\nname = \"x\"\nmembers = [\"plans/*\"]   # globs\nledger = [\"ledger\"]\n";
        assert_eq!(
            add_member(text, "other/new").unwrap(),
            "# c\n[workspace]\nname = \"x\"\nmembers = [\"plans/*\", \"other/new\"]   # globs\nledger = [\"ledger\"]\n"
        );
        let multi = "[workspace]\nmembers = [\n  \"a\",\n  \"b\",\n]\n";
        assert_eq!(
            add_member(multi, "c").unwrap(),
            "[workspace]\nmembers = [\n  \"a\",\n  \"b\", \"c\",\n]\n"
        );
        let one = "[workspace]\nmembers = \"a\"\n";
        assert_eq!(
            add_member(one, "b").unwrap(),
            "[workspace]\nmembers = [\"a\", \"b\"]\n"
        );
    }

    #[test]
    fn the_actuals_line_is_replaced_by_the_comment() {
        let text = "[plan]\ntitle = \"t\"\nactuals = [\"actuals\"]   # ledger\nbaseline_year = \"R1\"\n\n[[kpi]]\nid = \"actuals\"\n";
        assert_eq!(
            replace_plan_key(text, "actuals", "# gone")
                .unwrap()
                .unwrap(),
            "[plan]\ntitle = \"t\"\n# gone\nbaseline_year = \"R1\"\n\n[[kpi]]\nid = \"actuals\"\n"
        );
        assert_eq!(
            replace_plan_key("[plan]\ntitle = \"t\"\n", "actuals", "#"),
            Ok(None)
        );
        assert!(
            replace_plan_key("plan = { title = \"t\", actuals = [] }\n", "actuals", "#").is_err()
        );
    }

    #[test]
    fn a_crlf_plan_and_workspace_file_keep_crlf() {
        // Issue 24, item 28: the comment replacing `actuals` ended in LF.
        let text =
            "[plan]\r\ntitle = \"t\"\r\nactuals = [\"actuals\"]\r\nbaseline_year = \"R1\"\r\n";
        assert_eq!(
            replace_plan_key(text, "actuals", "# gone")
                .unwrap()
                .unwrap(),
            "[plan]\r\ntitle = \"t\"\r\n# gone\r\nbaseline_year = \"R1\"\r\n"
        );
        let ws = "\u{feff}[workspace]\r\nmembers = [\r\n  \"a\",\r\n]\r\nledger = [\"ledger\"]\r\n";
        assert_eq!(
            add_member(ws, "b").unwrap(),
            "\u{feff}[workspace]\r\nmembers = [\r\n  \"a\", \"b\",\r\n]\r\nledger = [\"ledger\"]\r\n"
        );
    }
}
