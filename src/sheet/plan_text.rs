//! The `kpi.toml` text of a draft: readable, commented, with the fields in
//! plan-format.md's order and the values as the sheet wrote them (`50.0`
//! stays `50.0`). Each line remembers the sheet rows it came from, so that
//! whatever the plan's own checks find is reported at the sheet's row.

use std::collections::{BTreeMap, HashMap};

use super::build::{Draft, KpiDraft};
use super::columns::Role;
use crate::plan::write::{self, commented, Field, Lines};
use crate::plan::{Attachment, Point};
use crate::year::{FiscalYear, YearStyle};

/// The sheet rows a line of the plan came from, and the column when it
/// came from one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub lines: Vec<usize>,
    pub role: Option<Role>,
    /// For a KPI's lines: its id, and how the sheet knows it (`` `name` ``,
    /// with the id when the sheet gives one).
    pub kpi: Option<(String, String)>,
}

/// A plan's text and where its lines came from.
#[derive(Debug, Clone)]
pub struct PlanText {
    pub text: String,
    /// Plan line → origin, for the lines that came from rows.
    origins: BTreeMap<usize, Origin>,
}

impl PlanText {
    /// Where plan line `line` came from: its own origin, or that of the
    /// table it is in.
    pub fn origin(&self, line: usize) -> Option<&Origin> {
        self.origins.range(..=line).next_back().map(|(_, o)| o)
    }
}

struct Out {
    text: String,
    /// The KPI being written, for its lines' origins.
    kpi: Option<(String, String)>,
    /// The number of the next line.
    line: usize,
    origins: BTreeMap<usize, Origin>,
}

impl Out {
    fn line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
        self.line += 1;
    }

    fn from(&mut self, text: &str, lines: &[usize], role: Option<Role>) {
        let origin = Origin {
            lines: lines.to_vec(),
            role,
            kpi: self.kpi.clone(),
        };
        self.origins.insert(self.line, origin);
        self.line(text);
    }

    /// A line that belongs to no row (the plan's settings, blank lines).
    fn plain(&mut self, text: &str) {
        self.origins.insert(
            self.line,
            Origin {
                lines: Vec::new(),
                role: None,
                kpi: None,
            },
        );
        self.line(text);
    }
}

/// The lines of one table of rows `lines`, each noted with the sheet column
/// its field comes from (`role`).
struct FromRows<'o> {
    out: &'o mut Out,
    lines: &'o [usize],
    role: fn(Field) -> Role,
}

impl Lines for FromRows<'_> {
    fn line(&mut self, text: &str, field: Field) {
        self.out.from(text, self.lines, Some((self.role)(field)));
    }
}

/// A TOML basic string (`plan::write::string`).
pub fn quote(text: &str) -> String {
    write::string(text)
}

/// The year most KPIs give (the earliest of equals): the plan's default.
fn most_common(years: impl Iterator<Item = FiscalYear>) -> FiscalYear {
    let mut counts: BTreeMap<FiscalYear, usize> = BTreeMap::new();
    for y in years {
        *counts.entry(y).or_default() += 1;
    }
    let top = counts.values().copied().max().unwrap_or(0);
    counts
        .into_iter()
        .find(|(_, n)| *n == top)
        .map_or(FiscalYear(2014), |(y, _)| y)
}

/// The plan's text. `from` says what it was built from, for its first line.
pub fn render(draft: &Draft, from: &str, title_fallback: &str) -> PlanText {
    let style = draft.year_style;
    let baseline_year = most_common(draft.kpis.iter().map(|k| k.row.baseline.year));
    let target_year = most_common(draft.kpis.iter().map(|k| k.row.target.year));
    let mut out = Out {
        text: String::new(),
        kpi: None,
        line: 1,
        origins: BTreeMap::new(),
    };
    out.plain(&format!(
        "# Built by `kpi init --from` from the KPI sheet {from}."
    ));
    out.plain("# The format: plan-format.md. Check it with `kpi validate`; see progress with `kpi status`.");
    out.plain(
        "# The sheet gives the goals, measures and KPIs; the settings below that it does not",
    );
    out.plain("# give are the usual ones for a Japanese plan: check them.");
    out.plain("");
    out.plain("[plan]");
    let (title, said) = match &draft.title {
        Some(t) => (t.as_str(), "the sheet's title line"),
        None => (title_fallback, "the sheet has no title line: its file name"),
    };
    out.plain(&commented(&format!("title = {}", quote(title)), said));
    out.plain("# organization = \"○○市\"");
    out.plain(&commented(
        "fiscal_year_start = 4",
        "month the fiscal year starts (April in Japan)",
    ));
    out.plain(&commented(
        &format!("year_style = {}", quote(write::style_name(style))),
        "as the sheet writes its years",
    ));
    for (key, year, what) in [
        ("baseline_year", baseline_year, "baseline"),
        ("target_year", target_year, "target"),
    ] {
        out.plain(&commented(
            &format!("{key} = {}", quote(&year.label(style))),
            &format!("the {what} year of most KPIs; the others give theirs"),
        ));
    }
    out.plain(&commented(
        "actuals = [\"actuals\"]",
        "CSV files or folders of actual figures",
    ));
    out.plain("");
    out.plain("# [evaluation]: the defaults apply (progress.md); `kpi init` without --from shows every setting.");
    out.plain("");
    out.plain("# Goals (基本目標) and measures (施策), as the sheet numbers them. A measure 1.1.1");
    out.plain("# hangs under 1.1; one that no row names is named by its number.");
    for g in &draft.goals {
        out.plain("");
        let mut rows = FromRows {
            out: &mut out,
            lines: &[g.line],
            role: |f| match f {
                Field::Name => Role::GoalName,
                _ => Role::Goal,
            },
        };
        write::goal(&mut rows, &g.id, &named(g.name.as_deref(), &g.id), None);
    }
    for m in &draft.measures {
        out.plain("");
        let mut rows = FromRows {
            out: &mut out,
            lines: &[m.line],
            role: |f| match f {
                Field::Name => Role::MeasureName,
                _ => Role::Measure,
            },
        };
        let name = named(m.name.as_deref(), &m.id);
        write::measure(&mut rows, &m.id, &m.parent, &name, None);
    }
    // The comment above each run of KPIs names their goal or measure.
    let names: HashMap<(bool, &str), &str> = draft
        .goals
        .iter()
        .map(|g| ((false, g.id.as_str()), g.name.as_deref()))
        .chain(
            draft
                .measures
                .iter()
                .map(|m| ((true, m.id.as_str()), m.name.as_deref())),
        )
        .filter_map(|(key, name)| Some((key, name?)))
        .collect();
    let mut group: Option<(bool, &str)> = None;
    for k in &draft.kpis {
        let here = match &k.attachment {
            Attachment::Goal(g) => (false, g.as_str()),
            Attachment::Measures(ms) => (true, ms.first().map_or("", String::as_str)),
        };
        if group != Some(here) {
            let name = names
                .get(&here)
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            let heading = match here {
                (false, g) => format!("# Numeric targets (数値目標) of goal {g}{name}"),
                (true, m) => format!("# Measure {m}{name}"),
            };
            out.plain("");
            out.plain(&heading);
            group = Some(here);
        }
        out.plain("");
        kpi(&mut out, k, baseline_year, target_year, style);
    }
    PlanText {
        text: out.text,
        origins: out.origins,
    }
}

fn named(name: Option<&str>, id: &str) -> String {
    match name {
        Some(n) => format!("name = {}", quote(n)),
        None => commented(
            &format!("name = {}", quote(id)),
            "no row names it: named by its number",
        ),
    }
}

fn kpi(
    out: &mut Out,
    k: &KpiDraft,
    baseline_year: FiscalYear,
    target_year: FiscalYear,
    style: YearStyle,
) {
    let rows = &k.lines;
    let known_as = if k.generated {
        format!("`{}`", k.row.name)
    } else {
        format!("`{}` ({})", k.row.name, k.id)
    };
    out.kpi = Some((k.id.clone(), known_as));
    let said = match rows.as_slice() {
        [one] => format!("sheet line {one}"),
        [first @ .., last] => format!(
            "sheet lines {} and {last}",
            first
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [] => String::new(),
    };
    out.from(&commented("[[kpi]]", &said), rows, None);
    let id = format!("id = {}", quote(&k.id));
    let id = if k.generated {
        commented(&id, "made by kpi init: the sheet gives no id")
    } else {
        id
    };
    out.from(&id, rows, Some(Role::Id));
    let row = &k.row;
    out.from(
        &format!("name = {}", quote(&row.name)),
        rows,
        Some(Role::Name),
    );
    write::attachment(
        &mut FromRows {
            out: &mut *out,
            lines: rows,
            role: |f| match f {
                Field::Goal => Role::Goal,
                _ => Role::Measure,
            },
        },
        &k.attachment,
    );
    if let Some(unit) = &row.unit {
        out.from(&format!("unit = {}", quote(unit)), rows, Some(Role::Unit));
    }
    let point = |p: &Point, default: FiscalYear| write::point(p, Some(default), style);
    out.from(
        &format!("baseline = {}", point(&row.baseline, baseline_year)),
        rows,
        Some(Role::BaselineYear),
    );
    out.from(
        &format!("target = {}", point(&row.target, target_year)),
        rows,
        Some(Role::TargetYear),
    );
    if let Some(d) = row.direction {
        out.from(
            &format!("direction = {}", quote(d.name())),
            rows,
            Some(Role::Direction),
        );
    }
    if !row.milestones.is_empty() {
        out.from(
            &format!("milestones = {}", write::milestones(&row.milestones, style)),
            rows,
            Some(Role::Milestone),
        );
    }
    if row.cumulative {
        out.from("cumulative = true", rows, Some(Role::Cumulative));
    }
    for line in write::schedule(&row.schedule, style) {
        let role = match line.split(' ').next() {
            Some("frequency") => Role::Frequency,
            Some("due_years") => Role::DueYears,
            _ => Role::Lag,
        };
        out.from(&line, rows, Some(role));
    }
    for (key, value, role) in [
        ("source", &row.source, Role::Source),
        ("owner", &row.owner, Role::Owner),
        ("note", &row.note, Role::Note),
    ] {
        if let Some(v) = value {
            out.from(&format!("{key} = {}", quote(v)), rows, Some(role));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_toml_needs() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(quote("\u{7}"), "\"\\u0007\"");
        assert_eq!(quote("朝霞"), "\"朝霞\"");
    }

    #[test]
    fn the_default_year_is_the_most_common_then_the_earliest() {
        let ys = [2019, 2020, 2020, 2019].map(FiscalYear);
        assert_eq!(most_common(ys.into_iter()), FiscalYear(2019));
        let ys = [2019, 2020, 2020].map(FiscalYear);
        assert_eq!(most_common(ys.into_iter()), FiscalYear(2020));
    }
}
