//! The one composition of a command's output across members
//! (architecture.md, "One output layer"). A command makes one document per
//! covered member (`StatusDoc`, `GapReport`, `CheckReport`); each renders
//! itself as a plan alone prints it (`Render`, `Tabular`); `Output` then
//! prints one member as the plan alone does, and several (`Many`) as the
//! workspace does: headings and sections, Markdown one after another, the
//! workspace's JSON envelope (written by serde, each member's document
//! streamed into its place, made in parallel), CSV with a leading `plan`
//! column, a workbook with a sheet per member. No members is a case here
//! too: an empty envelope, a header alone, an empty text.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::json::stream;
use super::workspace::member_heading;
use super::{Lang, Style};
use crate::plan::Plan;
use crate::workbook::write::TableSheet;

/// A command's document for one member, rendered as a plan alone prints it.
pub trait Render: Sync {
    /// The plan whose years and words the document prints.
    fn plan(&self) -> &Plan;
    /// The text for people (the terminal table or report).
    fn text(&self, style: &Style) -> String;
    /// The JSON document, pretty, ending with a line end.
    fn write_json(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// A document that is a table: CSV, Markdown and a workbook's sheet.
pub trait Tabular: Render {
    /// The CSV's header (the same for every member), with the optional
    /// last columns when `extra`.
    fn header(extra: bool) -> Vec<&'static str>
    where
        Self: Sized;
    /// The CSV's rows, every cell as written; the optional last columns
    /// when `extra`.
    fn rows(&self, extra: bool) -> Vec<Vec<String>>;
    fn markdown(&self, style: &Style) -> String;
    fn sheet(&self, lang: Lang) -> TableSheet;
    /// Whether this document needs the optional last columns (status: the
    /// office's judgement, when a KPI is assessed). Across members, one
    /// that needs them gives them to every member's rows.
    fn extra(&self) -> bool {
        false
    }

    /// The document's typed table.
    fn table(&self) -> Table
    where
        Self: Sized,
    {
        let extra = self.extra();
        Table::new(&Self::header(extra), self.rows(extra))
    }
}

/// A table of text cells under a header: CSV derives from it, and a
/// workspace's adds a `plan` column before it (`Many::csv`).
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str], rows: Vec<Vec<String>>) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
        }
    }

    /// The CSV (header, then a record a row).
    pub fn csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.header)?;
        for row in &self.rows {
            w.write_record(row)?;
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8(bytes).unwrap_or_default())
    }
}

/// A member's document and what names it.
pub struct Part<'a, D> {
    /// The member's name (its folder).
    pub name: &'a str,
    /// The plan's path relative to the workspace's root, with `/`.
    pub path: String,
    pub doc: D,
}

/// Several members' documents, in workspace order.
pub struct Many<'a, D> {
    /// The workspace's name.
    pub name: &'a str,
    pub parts: Vec<Part<'a, D>>,
}

/// The formats of a table-like command (`status`, `gap`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    Xlsx,
}

/// One member's output (a plan alone, a member's folder, `-p` once), or
/// several members'.
pub enum Output<'a, D> {
    One(D),
    Many(Many<'a, D>),
}

/// `style` with the years printed as `plan` prints them.
pub fn style_for(plan: &Plan, style: &Style) -> Style {
    Style {
        year_style: plan.year_style,
        ..*style
    }
}

impl<D: Render> Many<'_, D> {
    /// `prefix`, then a section a member (its heading, then its text), a
    /// blank line between, then `suffix` after a blank line, if any.
    pub fn sections(&self, base: &Style, prefix: String, suffix: Option<&str>) -> String {
        let mut text = prefix;
        for part in &self.parts {
            if !text.is_empty() {
                text.push('\n');
            }
            let style = style_for(part.doc.plan(), base);
            text.push_str(&member_heading(part.name, &style));
            text.push_str(&part.doc.text(&style));
        }
        if let Some(suffix) = suffix {
            text.push('\n');
            text.push_str(suffix);
        }
        text
    }

    /// The workspace's document: `schema_version`, `workspace` (its name
    /// and the covered members), `extra`'s entries, then `plans`, each
    /// member's document as a plan alone prints it. The members' documents
    /// are made in parallel and written in order as they come.
    pub fn write_json(&self, extra: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        let frame = Envelope {
            schema_version: 1,
            workspace: Head {
                name: self.name,
                members: self
                    .parts
                    .iter()
                    .map(|p| MemberHead {
                        name: p.name,
                        title: &p.doc.plan().title,
                        succeeds: p.doc.plan().succeeds.as_deref(),
                        plan: &p.path,
                    })
                    .collect(),
            },
            extra,
            plans: stream::placeholder(PLANS),
        };
        stream::write_framed(
            &frame,
            &[PLANS],
            |_, out| {
                out.write_all(b"[")?;
                stream::write_ordered(
                    self.parts.len(),
                    |i| member_json(&self.parts[i].doc, i == 0),
                    out,
                )?;
                out.write_all(if self.parts.is_empty() {
                    b"]"
                } else {
                    b"\n  ]"
                })
            },
            &mut out,
        )?;
        out.flush()
    }
}

impl<D: Tabular + Sized> Many<'_, D> {
    /// Each member's Markdown, as the plan alone prints it, a blank line
    /// between.
    pub fn markdown(&self, base: &Style) -> String {
        let mut text = String::new();
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(&part.doc.markdown(&style_for(part.doc.plan(), base)));
        }
        text
    }

    /// One table: the header once, a leading `plan` column naming the member.
    pub fn table(&self) -> Table {
        let extra = self.parts.iter().any(|p| p.doc.extra());
        let mut table = Table::new(&["plan"], Vec::new());
        table
            .header
            .extend(D::header(extra).iter().map(|h| h.to_string()));
        for part in &self.parts {
            let name = crate::csv_cells::neutralise(part.name);
            for row in part.doc.rows(extra) {
                let mut cells = Vec::with_capacity(row.len() + 1);
                cells.push(name.clone());
                cells.extend(row);
                table.rows.push(cells);
            }
        }
        table
    }

    /// The workbook's sheets, one a member, named by the member.
    pub fn sheets(&self, lang: Lang) -> Vec<TableSheet> {
        let mut taken: Vec<String> = Vec::new();
        self.parts
            .iter()
            .map(|part| {
                let mut sheet = part.doc.sheet(lang);
                sheet.name = crate::workbook::write::sheet_name(part.name, &taken);
                taken.push(sheet.name.clone());
                sheet
            })
            .collect()
    }
}

const PLANS: &str = "plans";

/// The workspace's JSON document around its members' ones.
#[derive(Serialize)]
struct Envelope<'a, X: Serialize> {
    schema_version: u32,
    workspace: Head<'a>,
    #[serde(flatten)]
    extra: &'a X,
    plans: String,
}

#[derive(Serialize)]
struct Head<'a> {
    name: &'a str,
    members: Vec<MemberHead<'a>>,
}

#[derive(Serialize)]
struct MemberHead<'a> {
    name: &'a str,
    title: &'a str,
    succeeds: Option<&'a str>,
    plan: &'a str,
}

/// A member's document as an item of `plans`: after its separator, every
/// line indented to its depth, without its last line end.
fn member_json(doc: &impl Render, first: bool) -> io::Result<Vec<u8>> {
    let mut own = Vec::new();
    doc.write_json(&mut own)?;
    while own.last() == Some(&b'\n') {
        own.pop();
    }
    let mut text = Vec::with_capacity(own.len() + own.len() / 8);
    text.extend_from_slice(if first { b"\n    " } else { b",\n    " });
    stream::Indented::new(&mut text, b"    ").write_all(&own)?;
    Ok(text)
}

/// The plan's path relative to the workspace's root `root`, with `/` (for
/// JSON readers).
pub fn relative(path: &Path, root: &Path) -> String {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = full.strip_prefix(&root).unwrap_or(&full);
    shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// A document standing in for a command's: its JSON a given value.
    struct Doc<'a> {
        plan: &'a Plan,
        json: Value,
        rows: Vec<Vec<String>>,
    }

    impl Render for Doc<'_> {
        fn plan(&self) -> &Plan {
            self.plan
        }
        fn text(&self, _: &Style) -> String {
            format!("{}\n", self.json)
        }
        fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
            serde_json::to_writer_pretty(&mut *out, &self.json)?;
            out.write_all(b"\n")
        }
    }

    impl Tabular for Doc<'_> {
        fn header(_: bool) -> Vec<&'static str> {
            vec!["id", "value"]
        }
        fn rows(&self, _: bool) -> Vec<Vec<String>> {
            self.rows.clone()
        }
        fn markdown(&self, _: &Style) -> String {
            String::new()
        }
        fn sheet(&self, _: Lang) -> TableSheet {
            unimplemented!("not used here")
        }
    }

    fn plan() -> Plan {
        crate::plan::load_str(
            Path::new("/w/a/kpi.toml"),
            "[plan]\ntitle = \"A\"\nbaseline_year = 2020\ntarget_year = 2024\n[[goal]]\nid = \"1\"\nname = \"g\"\n[[kpi]]\nid = \"k\"\nname = \"n\"\ngoal = \"1\"\nbaseline = { value = 1 }\ntarget = { value = 2 }\n",
        )
        .unwrap()
        .0
    }

    fn many<'a>(plan: &'a Plan, jsons: &[Value]) -> Many<'a, Doc<'a>> {
        const NAMES: [&str; 6] = ["a", "=b", "c", "d", "e", "f"];
        Many {
            name: "W",
            parts: jsons
                .iter()
                .enumerate()
                .map(|(i, json)| Part {
                    name: NAMES[i],
                    path: format!("{}/kpi.toml", NAMES[i]),
                    doc: Doc {
                        plan,
                        json: json.clone(),
                        rows: vec![vec![format!("k{i}"), i.to_string()]],
                    },
                })
                .collect(),
        }
    }

    /// The envelope written member by member (in parallel) is what
    /// serde_json prints for the whole document, for 0, 1 and 5 members,
    /// with and without entries of the command's own.
    #[test]
    fn the_envelope_is_serde_jsons_pretty_print_of_the_whole() {
        let plan = plan();
        let docs = [
            json!({"a": [1, {"b": "x\ny"}], "c": {}}),
            json!({"d": []}),
            json!([]),
            json!({"e": {"f": [[], [1]]}}),
            json!("s"),
        ];
        for n in [0, 1, 5] {
            let many = many(&plan, &docs[..n]);
            let heads: Vec<Value> = many
                .parts
                .iter()
                .map(|p| json!({"name": p.name, "title": "A", "succeeds": null, "plan": p.path}))
                .collect();
            let mut out = Vec::new();
            many.write_json(&json!({}), &mut out).unwrap();
            let whole = json!({
                "schema_version": 1,
                "workspace": {"name": "W", "members": heads},
                "plans": docs[..n],
            });
            let expected = format!("{}\n", serde_json::to_string_pretty(&whole).unwrap());
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n} members");

            let mut out = Vec::new();
            many.write_json(&json!({"passed": false, "exit_code": 1}), &mut out)
                .unwrap();
            let whole = json!({
                "schema_version": 1,
                "workspace": {"name": "W", "members": heads},
                "passed": false,
                "exit_code": 1,
                "plans": docs[..n],
            });
            let expected = format!("{}\n", serde_json::to_string_pretty(&whole).unwrap());
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n} members");
        }
    }

    /// The CSV: a `plan` column first, the header once, a member's name
    /// that a spreadsheet would run as a formula neutralised; no members:
    /// the header alone.
    #[test]
    fn the_csv_has_a_plan_column_and_one_header() {
        let plan = plan();
        let many2 = many(&plan, &[json!(1), json!(2)]);
        assert_eq!(
            many2.table().csv().unwrap(),
            "plan,id,value\na,k0,0\n'=b,k1,1\n"
        );
        assert_eq!(many(&plan, &[]).table().csv().unwrap(), "plan,id,value\n");
    }

    /// Sections: the prefix, each member's heading and text, a blank line
    /// between, then the suffix after one.
    #[test]
    fn sections_are_separated_by_a_blank_line() {
        let plan = plan();
        let style = Style {
            lang: Lang::En,
            color: false,
            ascii: true,
            year_style: Default::default(),
            width: None,
        };
        let many2 = many(&plan, &[json!(1), json!(2)]);
        assert_eq!(
            many2.sections(&style, String::new(), Some("end\n")),
            "# a\n\n1\n\n# =b\n\n2\n\nend\n"
        );
        assert_eq!(
            many2.sections(&style, "top\n".into(), None),
            "top\n\n# a\n\n1\n\n# =b\n\n2\n"
        );
        assert_eq!(many(&plan, &[]).sections(&style, String::new(), None), "");
    }
}
