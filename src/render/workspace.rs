//! What a command across several members of a workspace prints around
//! each member's own output (workspace.md, "Commands across a workspace"):
//! the table of members × statuses, the heading of a member's section, and
//! the workspace's JSON document around each member's single-plan one.

use std::io::{self, Write};
use std::path::Path;

use serde_json::json;

use super::grid::{Align, Cell, Column, Row};
use super::table::{status_cell, Tables};
use super::Style;
use crate::lang::Lang;
use crate::plan::Plan;
use crate::progress::{Counts, Evaluation};
use crate::status::Status;
use crate::workspace::LoadedMember;

/// One covered member, as the workspace's summary shows it.
pub struct MemberLine<'a> {
    pub name: &'a str,
    pub plan: &'a Plan,
    pub eval: &'a Evaluation,
}

/// The statuses of a member's evaluated KPIs, counted.
pub fn counts(eval: &Evaluation) -> Counts {
    let mut counts = Counts::default();
    for k in &eval.kpis {
        *counts.0.entry(k.status).or_insert(0) += 1;
    }
    counts
}

/// `朝霞市 — 3 plans`, then members × counts per status, one row each.
pub fn summary(workspace: &str, members: &[MemberLine<'_>], style: &Style) -> String {
    let lang = style.lang;
    let title = match lang {
        Lang::Ja => format!("{workspace} — {}計画", members.len()),
        Lang::En => {
            let plans = if members.len() == 1 { "plan" } else { "plans" };
            format!("{workspace} — {} {plans}", members.len())
        }
    };
    let mut columns = vec![
        Column::new(word(lang, "plan"), Align::Left),
        Column::new(word(lang, "title"), Align::Left)
            .wrapping()
            .drops(1),
        Column::new(word(lang, "as of"), Align::Left).drops(2),
    ];
    let all: Vec<Counts> = members.iter().map(|m| counts(m.eval)).collect();
    for status in Status::COUNT_ORDER {
        let column = Column::new(lang.status(status), Align::Right);
        columns.push(column.drops(count_rank(status, &all)));
    }
    columns.push(Column::new(word(lang, "total"), Align::Right));
    let rows: Vec<Row> = members
        .iter()
        .map(|m| {
            let counts = counts(m.eval);
            let mut cells = vec![
                Cell::from(m.name.to_string()),
                Cell::from(m.plan.title.clone()),
                Cell::from(
                    m.eval
                        .as_of
                        .map_or_else(|| "-".to_string(), |y| y.label(m.plan.year_style)),
                ),
            ];
            for status in Status::COUNT_ORDER {
                let n = counts.get(status);
                cells.push(if n == 0 {
                    Cell::from("-".to_string())
                } else {
                    let mut cell = status_cell(status, style);
                    cell.text = n.to_string();
                    cell
                });
            }
            cells.push(Cell::from(counts.total().to_string()));
            Row::Cells(cells)
        })
        .collect();
    let tables = Tables::new(&columns, rows.iter(), style);
    format!("{title}\n\n{}{}", tables.draw(&rows), tables.note())
}

/// When a status's count column gives way to fit the width (issue 24,
/// item 26), after the title and the as-of year: first a status no member
/// has, then the others, the ones that call for action (missed, off
/// track, worsening) last. The total never does.
fn count_rank(status: Status, all: &[Counts]) -> u8 {
    if all.iter().all(|c| c.get(status) == 0) {
        return 3;
    }
    match status {
        Status::NoData => 4,
        Status::Achieved => 5,
        Status::OnTrack => 6,
        Status::AtRisk => 7,
        Status::Worsening => 8,
        Status::OffTrack => 9,
        Status::Missed => 10,
    }
}

/// The line that opens a member's section: `■ sousei-2`.
pub fn member_heading(name: &str, style: &Style) -> String {
    let mark = if style.ascii { "#" } else { "■" };
    format!("{mark} {name}\n\n")
}

fn word(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Ja, "plan") => "計画",
        (Lang::Ja, "title") => "名称",
        (Lang::Ja, "as of") => "時点",
        (Lang::Ja, _) => "計",
        (Lang::En, "plan") => "plan",
        (Lang::En, "title") => "title",
        (Lang::En, "as of") => "as of",
        (Lang::En, _) => "total",
    }
}

/// A member in the workspace document's `members`.
pub struct MemberHead<'a> {
    pub name: &'a str,
    pub plan: &'a Plan,
    pub path: String,
}

/// `{ "schema_version": 1, "workspace": { "name", "members" }, "plans":
/// [ … ] }`, each plan's object written by `plan(i, out)` as a document of
/// its own (pretty, ending with a line break), indented into its place:
/// byte for byte what serde_json prints for the whole.
pub fn write_json(
    name: &str,
    members: &[MemberHead<'_>],
    plan: impl FnMut(usize, &mut Vec<u8>) -> io::Result<()>,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_json_with(name, members, &[], plan, out)
}

/// `write_json` with more entries between `workspace` and `plans` (`kpi
/// check`'s verdict across the members: `passed`, `exit_code`).
pub fn write_json_with(
    name: &str,
    members: &[MemberHead<'_>],
    extra: &[(&str, serde_json::Value)],
    mut plan: impl FnMut(usize, &mut Vec<u8>) -> io::Result<()>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let heads: Vec<serde_json::Value> = members
        .iter()
        .map(|m| {
            json!({
                "name": m.name,
                "title": m.plan.title,
                "succeeds": m.plan.succeeds,
                "plan": m.path,
            })
        })
        .collect();
    let head = json!({ "name": name, "members": heads });
    out.write_all(b"{\n  \"schema_version\": 1,\n  \"workspace\": ")?;
    write_indented(&serde_json::to_vec_pretty(&head)?, b"  ", false, &mut out)?;
    for (key, value) in extra {
        out.write_all(b",\n  ")?;
        out.write_all(&serde_json::to_vec(key)?)?;
        out.write_all(b": ")?;
        write_indented(&serde_json::to_vec_pretty(value)?, b"  ", false, &mut out)?;
    }
    out.write_all(b",\n  \"plans\": [")?;
    let mut buffer = Vec::new();
    for i in 0..members.len() {
        buffer.clear();
        plan(i, &mut buffer)?;
        while buffer.last() == Some(&b'\n') {
            buffer.pop();
        }
        out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        write_indented(&buffer, b"    ", false, &mut out)?;
    }
    if members.is_empty() {
        out.write_all(b"]\n}\n")?;
    } else {
        out.write_all(b"\n  ]\n}\n")?;
    }
    out.flush()
}

/// The covered members as the workspace document's `members` names them:
/// each plan's path relative to the workspace's root, with `/`.
pub fn heads<'a>(root: &Path, members: &[&'a LoadedMember]) -> Vec<MemberHead<'a>> {
    members
        .iter()
        .map(|m| MemberHead {
            name: &m.name,
            plan: &m.plan,
            path: relative(&m.plan.path, root),
        })
        .collect()
}

/// `path` relative to the workspace's root, with `/` (for JSON readers).
fn relative(path: &Path, root: &Path) -> String {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = full.strip_prefix(&root).unwrap_or(&full);
    shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Several members' CSV rows as one document: a leading `plan` column
/// naming the member, the header once. The rows are the cells a plan
/// alone's CSV writes (`render::csv::rows`, `render::gap::csv_rows`).
pub fn csv_with_plan<'a>(
    header: &[&str],
    parts: impl IntoIterator<Item = (&'a str, Vec<Vec<String>>)>,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["plan"];
    head.extend_from_slice(header);
    w.write_record(&head)?;
    for (name, rows) in parts {
        let name = crate::csv_cells::neutralise(name);
        for row in rows {
            w.write_field(&name)?;
            w.write_record(&row)?;
        }
    }
    w.into_inner()
        .map_err(|e| csv::Error::from(io::Error::other(e.to_string())))
}

/// `json` (pretty-printed, no raw line breaks inside its strings) with
/// every line after the first indented by `indent`.
fn write_indented(json: &[u8], indent: &[u8], first: bool, out: &mut dyn Write) -> io::Result<()> {
    for (i, line) in json.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        if i > 0 || first {
            out.write_all(indent)?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document written piecewise is what serde_json prints whole.
    #[test]
    fn the_document_is_serde_jsons_pretty_print() {
        let plan = crate::plan::load_str(
            std::path::Path::new("/w/a/kpi.toml"),
            "[plan]\ntitle = \"A\"\nbaseline_year = 2020\ntarget_year = 2024\n[[goal]]\nid = \"1\"\nname = \"g\"\n[[kpi]]\nid = \"k\"\nname = \"n\"\ngoal = \"1\"\nbaseline = { value = 1 }\ntarget = { value = 2 }\n",
        )
        .unwrap()
        .0;
        let docs = [json!({"a": [1, {"b": "x\ny"}], "c": {}}), json!({"d": []})];
        let members = [
            MemberHead {
                name: "a",
                plan: &plan,
                path: "a/kpi.toml".into(),
            },
            MemberHead {
                name: "b",
                plan: &plan,
                path: "b/kpi.toml".into(),
            },
        ];
        let mut out = Vec::new();
        write_json(
            "W",
            &members,
            |i, buf| {
                serde_json::to_writer_pretty(&mut *buf, &docs[i])?;
                buf.push(b'\n');
                Ok(())
            },
            &mut out,
        )
        .unwrap();
        let whole = json!({
            "schema_version": 1,
            "workspace": {"name": "W", "members": [
                {"name": "a", "title": "A", "succeeds": null, "plan": "a/kpi.toml"},
                {"name": "b", "title": "A", "succeeds": null, "plan": "b/kpi.toml"},
            ]},
            "plans": [docs[0].clone(), docs[1].clone()],
        });
        let expected = format!("{}\n", serde_json::to_string_pretty(&whole).unwrap());
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
