//! `kpi-workspace.toml` (workspace.md, "Layout"): `[workspace]` with its
//! members, default members, ledger and fiscal year, and the `[[indicator]]`
//! register. Read here with every problem's line; the members' plans are
//! read by `plan::load`, and linked to the register by `link`.

use std::path::{Path, PathBuf};

use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use crate::problem::{LineIndex, Location, Problem, Problems};
use crate::suggest::closest;

pub const WORKSPACE_FILE: &str = "kpi-workspace.toml";

const WORKSPACE_KEYS: &[&str] = &[
    "name",
    "members",
    "default_members",
    "ledger",
    "fiscal_year_start",
];
const INDICATOR_KEYS: &[&str] = &[
    "id",
    "name",
    "unit",
    "owner",
    "source",
    "cumulative",
    "frequency",
    "due_years",
    "lag",
    "breakdowns",
    "total",
];

/// The workspace file as written, its paths resolved against its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceFile {
    pub path: PathBuf,
    pub name: String,
    /// `members` as written (globs), each with its line.
    pub members: Vec<(String, usize)>,
    /// `default_members` as written, each with its line.
    pub default_members: Vec<(String, usize)>,
    /// Ledger files and folders, resolved against the root.
    pub ledger: Vec<PathBuf>,
    /// False when `ledger` was not written: `ledger/` then, and a missing one is empty.
    pub ledger_explicit: bool,
    pub fiscal_year_start: u32,
    pub indicators: Vec<Indicator>,
    /// The register's `[[dimension]]`s, in the order declared: every
    /// member's plan has them first (breakdowns.md, "Workspaces").
    pub dimensions: Vec<crate::breakdown::Dimension>,
}

/// One `[[indicator]]`: a series that several plans measure, and its facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub owner: Option<String>,
    pub source: Option<String>,
    pub cumulative: bool,
    /// `frequency`, `due_years`, `lag` (evaluation-cycle.md §1): the
    /// series' schedule, which its members' KPIs take; `None` when the
    /// register writes none of them (each member then states its own).
    pub schedule: Option<crate::schedule::Schedule>,
    /// `breakdowns` and `total`, which its members' KPIs take.
    pub breakdown: Option<super::dimensions::SeriesBreakdown>,
    pub line: usize,
}

impl WorkspaceFile {
    pub fn root(&self) -> &Path {
        crate::atomic::parent_or_dot(&self.path)
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

/// Read and check `path`; every problem, or the file with its warnings.
pub fn read(path: &Path) -> Result<(WorkspaceFile, Problems), Problems> {
    let (file, problems) = read_all(path)?;
    if problems.has_errors() {
        Err(problems.sorted())
    } else {
        Ok((file, problems))
    }
}

/// `read`, but the file as far as it could be read beside every problem,
/// errors too (for `kpi validate`, which goes on to the members and the
/// ledger); `Err` only when there is nothing to go on: the file cannot be
/// read, is not UTF-8, or is not TOML.
pub fn read_all(path: &Path) -> Result<(WorkspaceFile, Problems), Problems> {
    let bytes = std::fs::read(path).map_err(|e| {
        Problems(vec![Problem::error(
            Location::file(path),
            format!("cannot read the workspace file: {e}"),
        )
        .hint("check that it exists and that you may read it")])
    })?;
    parse_all(path, &bytes)
}

/// `read` on text already read.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<(WorkspaceFile, Problems), Problems> {
    let (file, problems) = parse_all(path, bytes)?;
    if problems.has_errors() {
        Err(problems.sorted())
    } else {
        Ok((file, problems))
    }
}

/// `read_all` on text already read.
pub fn parse_all(path: &Path, bytes: &[u8]) -> Result<(WorkspaceFile, Problems), Problems> {
    let mut problems = Problems::default();
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.strip_prefix('\u{feff}').unwrap_or(t),
        Err(e) => {
            return Err(Problems(vec![Problem::error(
                Location::file(path),
                format!("not UTF-8 text (byte {})", e.valid_up_to()),
            )
            .hint("save the workspace file as UTF-8")]))
        }
    };
    let lines = LineIndex::new(text);
    let at = |offset: usize| {
        let (line, column) = lines.line_col(text, offset);
        Location {
            column: Some(column),
            ..Location::line(path, line)
        }
    };
    let line_of = |offset: usize| lines.line_col(text, offset).0;
    let root = DeTable::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        Problems(vec![Problem::error(
            at(offset),
            format!("TOML syntax: {}", e.message()),
        )])
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut file = WorkspaceFile {
        path: path.to_path_buf(),
        name: String::new(),
        members: Vec::new(),
        default_members: Vec::new(),
        ledger: vec![base.join("ledger")],
        ledger_explicit: false,
        fiscal_year_start: 1,
        indicators: Vec::new(),
        dimensions: Vec::new(),
    };
    // Per indicator with `breakdowns`: where each of its ids is written.
    let mut named: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut seen_workspace = false;
    for (key, value) in root.get_ref() {
        let key_name = key.get_ref().as_ref();
        match (key_name, value.get_ref()) {
            ("workspace", DeValue::Table(table)) => {
                seen_workspace = true;
                workspace_table(table, &mut file, base, &at, &line_of, &mut problems);
            }
            ("indicator", DeValue::Array(items)) => {
                indicators(items, &mut file, &mut named, &at, &line_of, &mut problems);
            }
            ("dimension", DeValue::Array(items)) => {
                for item in items {
                    let start = item.span().start;
                    let Some(table) = item_table(item, "dimension", &at, &mut problems) else {
                        continue;
                    };
                    let found =
                        super::dimensions::dimension(table, line_of(start), &at, &mut problems);
                    file.dimensions.extend(found);
                }
            }
            ("workspace", _) | ("indicator", _) | ("dimension", _) => problems.push(
                Problem::error(
                    at(key.span().start),
                    format!("`{key_name}` must be written as [{key_name}]"),
                )
                .hint("see docs/design/workspace.md for the layout"),
            ),
            (other, _) => problems.push(unknown_key(
                at(key.span().start),
                other,
                "a workspace file",
                &["workspace", "indicator", "dimension"],
            )),
        }
    }
    if !seen_workspace {
        problems.push(
            Problem::error(
                Location::line(path, 1),
                "the workspace file has no [workspace] table",
            )
            .hint("start it with [workspace], name = \"…\" and members = [\"plans/*\"]"),
        );
    }
    if seen_workspace && file.members.is_empty() {
        problems.push(
            Problem::error(Location::line(path, 1), "the workspace lists no members")
                .hint("add members = [\"plans/*\"] to [workspace]: the folders holding its plans"),
        );
    }
    check_indicator_ids(&file, &mut problems);
    super::dimensions::check_register(&file, &named, &at, &mut problems);
    Ok((file, problems))
}

/// `item` as a table, or `None` with the error that each `[[what]]` is one.
fn item_table<'a, 'i>(
    item: &'a Spanned<DeValue<'i>>,
    what: &str,
    at: &dyn Fn(usize) -> Location,
    problems: &mut Problems,
) -> Option<&'a DeTable<'i>> {
    let DeValue::Table(table) = item.get_ref() else {
        let message = format!("each [[{what}]] must be a table");
        problems.push(Problem::error(at(item.span().start), message));
        return None;
    };
    Some(table)
}

/// The `[[indicator]]` tables, into `file.indicators`; `named` gets, per
/// indicator with `breakdowns`, where each of its ids is written.
fn indicators(
    items: &DeArray<'_>,
    file: &mut WorkspaceFile,
    named: &mut Vec<(usize, Vec<usize>)>,
    at: &dyn Fn(usize) -> Location,
    line_of: &dyn Fn(usize) -> usize,
    problems: &mut Problems,
) {
    for item in items {
        let start = item.span().start;
        let Some(table) = item_table(item, "indicator", at, problems) else {
            continue;
        };
        if let Some(mut indicator) = indicator(table, line_of(start), at, problems) {
            let what = format!("indicator `{}`", indicator.id);
            let found = super::dimensions::series_breakdown(table, &what, at, problems);
            if let Some((breakdown, offsets)) = found {
                indicator.breakdown = Some(breakdown);
                named.push((file.indicators.len(), offsets));
            }
            file.indicators.push(indicator);
        }
    }
}

/// The keys of `[workspace]`, into `file`; `base` is the workspace file's
/// folder, which the ledger's paths are relative to.
fn workspace_table(
    table: &DeTable<'_>,
    file: &mut WorkspaceFile,
    base: &Path,
    at: &dyn Fn(usize) -> Location,
    line_of: &dyn Fn(usize) -> usize,
    problems: &mut Problems,
) {
    for (k, v) in table {
        let k_name = k.get_ref().as_ref();
        let start = v.span().start;
        match k_name {
            "name" => match v.get_ref() {
                DeValue::String(s) => file.name = s.to_string(),
                _ => problems.push(text_expected(at(start), "workspace.name")),
            },
            "members" | "default_members" | "ledger" => {
                let Some(list) = strings(v.get_ref(), line_of, start) else {
                    problems.push(
                        Problem::error(
                            at(start),
                            format!("workspace.{k_name} must be a list of paths in quotes"),
                        )
                        .hint(format!("write {k_name} = [\"plans/*\"]")),
                    );
                    continue;
                };
                match k_name {
                    "members" => file.members = list,
                    "default_members" => file.default_members = list,
                    _ => {
                        file.ledger = list.iter().map(|(p, _)| base.join(p)).collect();
                        file.ledger_explicit = true;
                    }
                }
            }
            "fiscal_year_start" => match v.get_ref() {
                DeValue::Integer(n) => match n.as_str().parse::<u32>() {
                    Ok(m) if (1..=12).contains(&m) => file.fiscal_year_start = m,
                    _ => problems.push(
                        Problem::error(
                            at(start),
                            format!(
                                "fiscal_year_start is {}; it is the month the fiscal year starts",
                                n.as_str()
                            ),
                        )
                        .hint("use a month from 1 to 12 (4 for April)"),
                    ),
                },
                _ => problems.push(
                    Problem::error(at(start), "fiscal_year_start must be a month, 1 to 12")
                        .hint("write fiscal_year_start = 4 for April"),
                ),
            },
            other => problems.push(unknown_key(
                at(k.span().start),
                other,
                "[workspace]",
                WORKSPACE_KEYS,
            )),
        }
    }
}

/// A list of strings, each with its line.
fn strings(
    value: &DeValue<'_>,
    line_of: &dyn Fn(usize) -> usize,
    start: usize,
) -> Option<Vec<(String, usize)>> {
    match value {
        DeValue::Array(items) => items
            .iter()
            .map(|i| match i.get_ref() {
                DeValue::String(s) => Some((s.to_string(), line_of(i.span().start))),
                _ => None,
            })
            .collect(),
        DeValue::String(s) => Some(vec![(s.to_string(), line_of(start))]),
        _ => None,
    }
}

fn indicator(
    table: &DeTable<'_>,
    line: usize,
    at: &dyn Fn(usize) -> Location,
    problems: &mut Problems,
) -> Option<Indicator> {
    let mut found = Indicator {
        id: String::new(),
        name: String::new(),
        unit: None,
        owner: None,
        source: None,
        cumulative: false,
        schedule: None,
        breakdown: None,
        line,
    };
    let mut ok = true;
    for (k, v) in table {
        let k_name = k.get_ref().as_ref();
        let start = v.span().start;
        let text = match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        };
        let slot = match k_name {
            "id" => Some(&mut found.id),
            "name" => Some(&mut found.name),
            _ => None,
        };
        match (k_name, slot, text) {
            (_, Some(slot), Some(t)) => *slot = t,
            ("unit", _, Some(t)) => found.unit = Some(t),
            ("owner", _, Some(t)) => found.owner = Some(t),
            ("source", _, Some(t)) => found.source = Some(t),
            ("cumulative", _, _) => match v.get_ref() {
                DeValue::Boolean(b) => found.cumulative = *b,
                _ => {
                    problems.push(
                        Problem::error(at(start), "cumulative must be true or false")
                            .hint("write cumulative = true for a running total"),
                    );
                    ok = false;
                }
            },
            (other, _, _) if super::schedule::SCHEDULE_KEYS.contains(&other) => {}
            ("breakdowns" | "total", _, _) => {}
            (other, _, _) if !INDICATOR_KEYS.contains(&other) => {
                problems.push(unknown_key(
                    at(k.span().start),
                    other,
                    "[[indicator]]",
                    INDICATOR_KEYS,
                ));
            }
            (other, _, None) => {
                problems.push(text_expected(at(start), &format!("indicator.{other}")));
                ok = false;
            }
            _ => {}
        }
    }
    let what = format!("indicator `{}`", found.id);
    // A schedule with a problem is an error, but the series stays
    // registered, so that its members are not reported as unlinked too.
    found.schedule = super::schedule::read(table, &what, at, problems);
    let here = Location::line(&at(0).file, line);
    for (field, value) in [("id", &found.id), ("name", &found.name)] {
        if value.trim().is_empty() && !problems.0.iter().any(|p| p.location.line == Some(line)) {
            problems.push(
                Problem::error(here.clone(), format!("an [[indicator]] needs a {field}"))
                    .hint(format!("write {field} = \"…\" in the [[indicator]] table")),
            );
            ok = false;
        }
    }
    if !found.id.is_empty() && !crate::plan::is_plain_id(&found.id) {
        problems.push(
            Problem::error(
                here,
                format!("indicator id `{}` is not plain ASCII", found.id),
            )
            .hint("use letters, digits, '-', '_' and '.' only: the ledger keys figures by it"),
        );
        ok = false;
    }
    ok.then_some(found)
}

/// Every indicator id once.
fn check_indicator_ids(file: &WorkspaceFile, problems: &mut Problems) {
    for (i, indicator) in file.indicators.iter().enumerate() {
        if let Some(first) = file.indicators[..i].iter().find(|o| o.id == indicator.id) {
            problems.push(
                Problem::error(
                    Location::line(&file.path, indicator.line),
                    format!(
                        "indicator `{}` is registered twice (first at line {})",
                        indicator.id, first.line
                    ),
                )
                .hint("keep one [[indicator]] per series, or give this one its own id"),
            );
        }
    }
}

fn text_expected(at: Location, what: &str) -> Problem {
    Problem::error(at, format!("{what} must be text in quotes")).hint("write it as \"…\"")
}

fn unknown_key(at: Location, key: &str, table: &str, known: &[&str]) -> Problem {
    let problem = Problem::error(at, format!("unknown field `{key}` in {table}"));
    match closest(key, known) {
        Some(near) => problem.hint(format!("did you mean `{near}`?")),
        None => problem.hint(format!("{table} takes {}", known.join(", "))),
    }
}
