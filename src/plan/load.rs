//! Reading `kpi.toml` into a `Plan`, reporting every problem with its line.
//!
//! The TOML is read into spanned values (`tree.rs`) rather than deserialised
//! with serde: serde stops at the first problem, while a plan's author wants
//! every problem in one run, and the raw text of each number keeps the
//! decimals it was written with (`50.0` stays `50.0`).
//!
//! Two readers make those values: the fast reader (`fast/`), which takes the
//! TOML that plans are written in and hands it over one section at a time,
//! and the `toml` crate, which takes everything else and reports syntax
//! errors (docs/plan-reader.md). Both feed the same `Builder`, so a plan
//! means the same, and its problems read the same, whichever read it.

use std::fmt::{self, Display};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::build::{Builder, Kind, Stage};
use super::check::{Entry, KpiEntry, Lines};
use super::fast;
use super::position::Positions;

mod grades;
mod revisions;
use super::tree::{Key, Node, Span, Table, Value};
use super::{
    Attachment, Basis, Direction, Goal, GradeBand, Kpi, Measure, MeasureParent, PathShape, Plan,
    Point, Scoring,
};
use crate::problem::{closest, Location, Problem, Problems};
use crate::status::Status;
use crate::value::parse_toml_number;
use crate::year::{FiscalYear, YearStyle};

const TOP_KEYS: &[&str] = &["plan", "evaluation", "goal", "measure", "kpi"];
const PLAN_KEYS: &[&str] = &[
    "title",
    "organization",
    "fiscal_year_start",
    "year_style",
    "baseline_year",
    "target_year",
    "actuals",
    "reviews",
];
const EVALUATION_KEYS: &[&str] = &[
    "on_track",
    "at_risk",
    "stale_after",
    "basis",
    "path",
    "grade",
];
const GOAL_KEYS: &[&str] = &["id", "name", "aim"];
const MEASURE_KEYS: &[&str] = &["id", "name", "goal", "parent", "description"];
/// Every field a `[[kpi]]` table may have (plan-format.md).
pub const KPI_KEYS: &[&str] = &[
    "id",
    "name",
    "goal",
    "measures",
    "unit",
    "baseline",
    "target",
    "direction",
    "milestones",
    "cumulative",
    "source",
    "owner",
    "note",
    "revisions",
];
const POINT_KEYS: &[&str] = &["value", "year"];

/// Read and validate the plan at `path`. On success, any warnings come along.
pub fn load(path: &Path) -> Result<(Plan, Problems), Problems> {
    // A large plan read before, byte for byte the same, comes from the cache.
    let cache = super::cache::Entry::for_plan(path);
    if let Some(hit) = cache.as_ref().and_then(|c| c.lookup(path)) {
        return Ok(hit);
    }
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                let mut p = Problems::default();
                p.push(
                    Problem::error(Location::file(path), "the plan is not UTF-8 text")
                        .hint("save kpi.toml as UTF-8"),
                );
                return Err(p);
            }
        },
        Err(e) => {
            let mut p = Problems::default();
            p.push(
                Problem::error(Location::file(path), format!("cannot read the plan: {e}"))
                    .hint("check the path given to --plan or KPI_PLAN"),
            );
            return Err(p);
        }
    };
    let loaded = load_str(path, &text);
    if let (Some(cache), Ok((plan, warnings))) = (&cache, &loaded) {
        cache.store(text.as_bytes(), plan, warnings);
    }
    loaded
}

/// Read and validate a plan from its text; `path` names it in messages and
/// anchors the ledger paths.
pub fn load_str(path: &Path, text: &str) -> Result<(Plan, Problems), Problems> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    read_fast(path, text).unwrap_or_else(|| read_toml(path, text))
}

/// Which reader [`load_str_via`] uses.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The fast reader, which gives up on what it does not know.
    Fast,
    /// The `toml` crate, as when the fast reader gives up.
    Toml,
}

/// `load_str` through one reader only, for tests that compare the two:
/// `None` when the fast reader gives up.
#[doc(hidden)]
pub fn load_str_via(
    path: &Path,
    text: &str,
    via: Via,
) -> Option<Result<(Plan, Problems), Problems>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match via {
        Via::Fast => read_fast(path, text),
        Via::Toml => Some(read_toml(path, text)),
    }
}

/// The plan read with the fast reader, one section at a time in the order
/// of the file; `None` if it gave up, or if the order of the file would
/// change what is read (docs/plan-reader.md).
fn read_fast(path: &Path, text: &str) -> Option<Result<(Plan, Problems), Problems>> {
    let mut plan = Builder::new(Reader::new(path, text));
    let mut stage = Stage::Start;
    fast::sections(text, |section| plan.section(&mut stage, section))?;
    Some(plan.end(stage))
}

/// The plan read with the `toml` crate: every syntax error it finds, or the
/// plan's sections in the order `Builder` takes them.
fn read_toml(path: &Path, text: &str) -> Result<(Plan, Problems), Problems> {
    let mut reader = Reader::new(path, text);
    let (root, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        // One mistake often derails the parser for the rest of its line:
        // the first error of each line is the one worth reading.
        let mut seen_lines = Vec::new();
        for e in syntax_errors {
            let span = e.span().unwrap_or(0..0);
            let line = reader.line(&span);
            if seen_lines.contains(&line) {
                continue;
            }
            seen_lines.push(line);
            let msg = e.message().trim().replace('\n', " ");
            reader.error(span, format!("TOML syntax error: {msg}"), None);
        }
        return Err(reader.problems.sorted());
    }
    let mut plan = Builder::new(reader);
    // The known tables are converted one at a time, each `[[kpi]]` on its
    // own, so that the document is never held twice.
    let [mut head, mut evaluation, mut goal, mut measure, mut kpi] = [None, None, None, None, None];
    for (key, value) in root.into_inner() {
        let key = Key::from(key);
        plan.reader.top_key(&key);
        let slot = match key.name.as_ref() {
            "plan" => &mut head,
            "evaluation" => &mut evaluation,
            "goal" => &mut goal,
            "measure" => &mut measure,
            "kpi" => &mut kpi,
            _ => continue,
        };
        *slot = Some(value);
    }
    let Some(head) = head else {
        return Err(plan.no_plan());
    };
    if !plan.head(&Node::from(head)) {
        return Err(plan.reader.problems.sorted());
    }
    plan.evaluation(evaluation.map(Node::from).as_ref());
    for (kind, value) in [
        (Kind::Goal, goal),
        (Kind::Measure, measure),
        (Kind::Kpi, kpi),
    ] {
        let Some(value) = value else { continue };
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(items) => {
                for item in items {
                    plan.item(kind, &Node::from(item));
                }
            }
            other => plan.list(kind, &Node::from(Spanned::new(span, other))),
        }
    }
    plan.finish()
}

pub(super) struct Reader<'a> {
    file: &'a Path,
    positions: Positions<'a>,
    pub(super) problems: Problems,
    /// How years print in messages: the plan's own style once it is read.
    year_style: YearStyle,
}

impl<'a> Reader<'a> {
    pub(super) fn new(file: &'a Path, text: &'a str) -> Self {
        Reader {
            file,
            positions: Positions::new(text),
            problems: Problems::default(),
            year_style: YearStyle::default(),
        }
    }

    pub(super) fn line(&self, span: &Range<usize>) -> usize {
        self.positions.line(span.start)
    }

    fn location(&self, span: &Range<usize>) -> Location {
        let (line, column) = self.positions.line_col(span.start);
        Location {
            file: self.file.to_path_buf(),
            sheet: None,
            line: Some(line),
            column: Some(column),
        }
    }

    fn error(&mut self, span: Range<usize>, message: String, hint: Option<&str>) {
        let mut p = Problem::error(self.location(&span), message);
        p.hint = hint.map(str::to_string);
        self.problems.push(p);
    }

    pub(super) fn error_at_line(&mut self, line: usize, message: String, hint: Option<&str>) {
        let mut p = Problem::error(Location::line(self.file, line), message);
        p.hint = hint.map(str::to_string);
        self.problems.push(p);
    }

    fn check_keys(&mut self, table: &Table, allowed: &[&str], what: impl Display) {
        for key in table.keys() {
            self.check_key(key, allowed, &what);
        }
    }

    fn check_key(&mut self, key: &Key, allowed: &[&str], what: impl Display) {
        let name = key.name.as_ref();
        if !allowed.contains(&name) {
            let hint = match closest(name, allowed) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the fields of {what} are: {}", allowed.join(", ")),
            };
            self.error(
                key.span.clone(),
                format!("unknown field `{name}` in {what}"),
                Some(&hint),
            );
        }
    }

    /// A top-level key of the plan file.
    pub(super) fn top_key(&mut self, key: &Key) {
        self.check_key(key, TOP_KEYS, "the plan file");
    }

    fn as_table<'t, 'i>(
        &mut self,
        value: &'t Node<'i>,
        what: impl Display,
    ) -> Option<&'t Table<'i>> {
        match &value.value {
            Value::Table(t) => Some(t),
            other => {
                self.error(
                    value.span.clone(),
                    format!("{what} must be a table, not {}", other.type_str()),
                    None,
                );
                None
            }
        }
    }

    /// The tables of an array of tables (`[[evaluation.grade]]`), with their
    /// spans. `path` is the table's full name as written in the file.
    pub(super) fn tables<'t, 'i>(
        &mut self,
        value: &'t Node<'i>,
        path: &str,
    ) -> Vec<(Span, &'t Table<'i>)> {
        let Value::Array(items) = &value.value else {
            let key = path.rsplit('.').next().unwrap_or(path);
            self.error(
                value.span.clone(),
                format!(
                    "`{key}` must be written as [[{path}]] tables, not {}",
                    value.value.type_str()
                ),
                None,
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| Some((item.span.clone(), self.item_table(item, path)?)))
            .collect()
    }

    /// One table of an array of tables `[[path]]`.
    pub(super) fn item_table<'t, 'i>(
        &mut self,
        item: &'t Node<'i>,
        path: &str,
    ) -> Option<&'t Table<'i>> {
        self.as_table(item, format_args!("each [[{path}]]"))
    }

    fn string(&mut self, table: &Table, key: &str, what: &str) -> Option<(String, Range<usize>)> {
        let value = table.get(key)?;
        match &value.value {
            Value::String(s) => Some((s.to_string(), value.span.clone())),
            other => {
                self.error(
                    value.span.clone(),
                    format!(
                        "`{key}` of {what} must be a string, not {}",
                        other.type_str()
                    ),
                    Some("put the text in double quotes"),
                );
                None
            }
        }
    }

    fn required_string(
        &mut self,
        table: &Table,
        span: &Range<usize>,
        key: &str,
        what: &str,
    ) -> Option<(String, Range<usize>)> {
        if table.get(key).is_none() {
            self.error(
                span.clone(),
                format!("{what} has no `{key}`"),
                Some(&format!("add `{key} = \"…\"`")),
            );
            return None;
        }
        let (s, sp) = self.string(table, key, what)?;
        if s.trim().is_empty() {
            self.error(sp, format!("`{key}` of {what} is empty"), None);
            return None;
        }
        Some((s, sp))
    }

    fn number(&mut self, value: &Node, what: impl Display) -> Option<Decimal> {
        let raw = match &value.value {
            Value::Integer { text, radix: 10 } => text,
            Value::Float(text) => text,
            Value::String(s) => {
                self.error(
                    value.span.clone(),
                    format!("{what} must be a number, not the string \"{s}\""),
                    Some("write the number without quotes"),
                );
                return None;
            }
            other => {
                self.error(
                    value.span.clone(),
                    format!("{what} must be a number, not {}", other.type_str()),
                    None,
                );
                return None;
            }
        };
        match parse_toml_number(raw) {
            Some(d) => match crate::value::out_of_range(d) {
                None => Some(d),
                Some(why) => {
                    self.error(
                        value.span.clone(),
                        format!("{what}: {why}"),
                        Some("check the value, or write it in a larger unit (千人, 億円)"),
                    );
                    None
                }
            },
            // Finite but past what a decimal holds (1e300): out of range, not malformed.
            None if raw.parse::<f64>().is_ok_and(f64::is_finite) => {
                self.error(
                    value.span.clone(),
                    format!("{what}: `{raw}` is too large: kpi takes values below 1,000,000,000,000,000 (10^15)"),
                    Some("check the value, or write it in a larger unit (千人, 億円)"),
                );
                None
            }
            None => {
                self.error(
                    value.span.clone(),
                    format!("{what} is `{raw}`, which is not a finite decimal number"),
                    Some("write a plain decimal number such as 2.4 or 2788"),
                );
                None
            }
        }
    }

    fn year(&mut self, value: &Node, what: impl Display) -> Option<FiscalYear> {
        let text = match &value.value {
            Value::Integer { text, .. } => text.to_string(),
            Value::String(s) => s.to_string(),
            other => {
                self.error(
                    value.span.clone(),
                    format!("{what} must be a year, not {}", other.type_str()),
                    Some("write a year such as 2014, \"FY2014\" or \"H26\""),
                );
                return None;
            }
        };
        self.year_text(&text, value.span.clone(), what)
    }

    fn year_text(
        &mut self,
        text: &str,
        span: Range<usize>,
        what: impl Display,
    ) -> Option<FiscalYear> {
        match FiscalYear::parse(text) {
            Ok(y) => Some(y),
            Err(e) => {
                self.error(span, format!("{what}: {e}"), None);
                None
            }
        }
    }

    fn bool(&mut self, table: &Table, key: &str, what: &str) -> Option<bool> {
        let value = table.get(key)?;
        match &value.value {
            Value::Boolean(b) => Some(*b),
            other => {
                self.error(
                    value.span.clone(),
                    format!(
                        "`{key}` of {what} must be true or false, not {}",
                        other.type_str()
                    ),
                    None,
                );
                None
            }
        }
    }

    fn integer(&mut self, table: &Table, key: &str, what: &str) -> Option<(i64, Range<usize>)> {
        let value = table.get(key)?;
        let parsed = match &value.value {
            Value::Integer { text, radix } => {
                i64::from_str_radix(&text.replace('_', ""), *radix).ok()
            }
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                value.span.clone(),
                format!("`{key}` of {what} must be a whole number"),
                None,
            );
        }
        parsed.map(|n| (n, value.span.clone()))
    }

    pub(super) fn no_plan(&mut self) {
        self.error(
            0..0,
            "the plan has no [plan] table".to_string(),
            Some("start the file with [plan] and title = \"…\""),
        );
    }

    /// The `[plan]` table: a plan with no goals, measures or KPIs yet, and
    /// the years its points take when they give none. `None` if it is not a
    /// table, when nothing else is worth reading.
    pub(super) fn head(&mut self, plan_value: &Node) -> Option<(Plan, Defaults)> {
        let plan_span = plan_value.span.clone();
        let plan_table = self.as_table(plan_value, "[plan]")?;
        self.check_keys(plan_table, PLAN_KEYS, "[plan]");
        let title = self.required_string(plan_table, &plan_span, "title", "[plan]");
        let organization = self
            .string(plan_table, "organization", "[plan]")
            .map(|s| s.0);
        let fiscal_year_start = match self.integer(plan_table, "fiscal_year_start", "[plan]") {
            Some((n, _)) if (1..=12).contains(&n) => n as u32,
            Some((n, span)) => {
                self.error(
                    span,
                    format!("fiscal_year_start is {n}; it is the month the fiscal year starts"),
                    Some("use a month from 1 to 12 (4 for April)"),
                );
                1
            }
            None => 1,
        };
        let year_style = match self.string(plan_table, "year_style", "[plan]") {
            Some((s, span)) => YearStyle::parse(&s).unwrap_or_else(|| {
                self.error(
                    span,
                    format!("year_style is \"{s}\""),
                    Some("use \"era\", \"fiscal\" or \"western\""),
                );
                YearStyle::default()
            }),
            None => YearStyle::default(),
        };
        self.year_style = year_style;
        let baseline_year = plan_table
            .get("baseline_year")
            .and_then(|v| self.year(v, "plan.baseline_year"));
        let target_year = plan_table
            .get("target_year")
            .and_then(|v| self.year(v, "plan.target_year"));
        let (actuals, actuals_explicit) = self.actuals(plan_table);
        let base = self.file.parent().unwrap_or(Path::new("."));
        let reviews = self
            .string(plan_table, "reviews", "[plan]")
            .map_or_else(|| "reviews".to_string(), |s| s.0);
        let plan = Plan {
            path: self.file.to_path_buf(),
            title: title.map(|t| t.0).unwrap_or_default(),
            organization,
            fiscal_year_start,
            year_style,
            actuals: actuals.iter().map(|a| base.join(a)).collect(),
            actuals_explicit,
            reviews: base.join(reviews),
            scoring: Scoring::default(),
            goals: Vec::new(),
            measures: Vec::new(),
            kpis: Vec::new(),
            index: Default::default(),
        };
        let defaults = Defaults {
            baseline_year,
            target_year,
        };
        Some((plan, defaults))
    }

    fn actuals(&mut self, plan_table: &Table) -> (Vec<PathBuf>, bool) {
        let Some(value) = plan_table.get("actuals") else {
            return (vec![PathBuf::from("actuals")], false);
        };
        let items: Vec<&Node> = match &value.value {
            Value::String(_) => vec![value],
            Value::Array(a) => a.iter().collect(),
            _ => {
                self.error(
                    value.span.clone(),
                    "plan.actuals must be a list of files and folders".to_string(),
                    Some("write actuals = [\"actuals\"]"),
                );
                return (Vec::new(), true);
            }
        };
        let mut paths = Vec::new();
        for item in items {
            match &item.value {
                Value::String(s) if !s.trim().is_empty() => paths.push(PathBuf::from(s.as_ref())),
                _ => self.error(
                    item.span.clone(),
                    "each entry of plan.actuals must be a path in quotes".to_string(),
                    None,
                ),
            }
        }
        (paths, true)
    }

    fn fraction(&mut self, table: &Table, key: &str, what: &str) -> Option<Decimal> {
        let value = table.get(key)?;
        let d = self.number(value, format_args!("`{key}` of {what}"))?;
        if d < Decimal::ZERO {
            self.error(
                value.span.clone(),
                format!("`{key}` of {what} is below 0"),
                None,
            );
            return None;
        }
        Some(d)
    }

    /// `[evaluation]`, or the defaults without one.
    pub(super) fn evaluation(&mut self, value: Option<&Node>) -> Scoring {
        let mut ev = Scoring::default();
        let Some(value) = value else {
            return ev;
        };
        let Some(table) = self.as_table(value, "[evaluation]") else {
            return ev;
        };
        self.check_keys(table, EVALUATION_KEYS, "[evaluation]");
        if let Some(v) = self.fraction(table, "on_track", "[evaluation]") {
            ev.on_track = v;
        }
        if let Some(v) = self.fraction(table, "at_risk", "[evaluation]") {
            ev.at_risk = v;
        }
        if ev.at_risk > ev.on_track {
            self.error(
                value.span.clone(),
                format!(
                    "at_risk ({}) is above on_track ({}) in [evaluation]",
                    ev.at_risk, ev.on_track
                ),
                Some("at_risk is the lower cut-off: set it at or below on_track"),
            );
        }
        match self.integer(table, "stale_after", "[evaluation]") {
            Some((n, _)) if (1..=1000).contains(&n) => ev.stale_after = n as i32,
            Some((n, span)) => self.error(
                span,
                format!("stale_after is {n}"),
                Some("use a number of years of 1 or more"),
            ),
            None => {}
        }
        if let Some((s, span)) = self.string(table, "basis", "[evaluation]") {
            match s.as_str() {
                "baseline" => ev.basis = Basis::Baseline,
                "target" => ev.basis = Basis::Target,
                _ => self.error(
                    span,
                    format!("basis is \"{s}\""),
                    Some("use \"baseline\" or \"target\""),
                ),
            }
        }
        if let Some((s, span)) = self.string(table, "path", "[evaluation]") {
            match s.as_str() {
                "linear" => ev.path = PathShape::Linear,
                "geometric" => ev.path = PathShape::Geometric,
                _ => self.error(
                    span,
                    format!("path is \"{s}\""),
                    Some("use \"linear\" or \"geometric\""),
                ),
            }
        }
        let bands = match table.get("grade") {
            Some(value) => self.tables(value, "evaluation.grade"),
            None => Vec::new(),
        };
        let keys = grades::grade_keys();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let mut read = Vec::new();
        for (span, band) in bands {
            self.check_keys(band, &keys, "[[evaluation.grade]]");
            let label = self.required_string(band, &span, "label", "[[evaluation.grade]]");
            let mut grade = GradeBand {
                label: label.map(|l| l.0).unwrap_or_default(),
                ..GradeBand::default()
            };
            if let Some(v) = band.get("status") {
                grade.status = self.statuses(v);
            }
            grade.conditions = self.grade_conditions(band);
            read.push((span, grade));
        }
        self.check_bands(&read);
        ev.grades = read.into_iter().map(|(_, g)| g).collect();
        ev
    }

    fn statuses(&mut self, value: &Node) -> Option<Vec<Status>> {
        let Value::Array(items) = &value.value else {
            self.error(
                value.span.clone(),
                "status of a grade band must be a list of status names".to_string(),
                Some("write status = [\"achieved\"]"),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.value.as_str().map(str::parse::<Status>) {
                Some(Ok(st)) => out.push(st),
                Some(Err(msg)) => self.error(item.span.clone(), msg, None),
                None => self.error(
                    item.span.clone(),
                    "each status must be a status name in quotes".to_string(),
                    None,
                ),
            }
        }
        Some(out)
    }

    /// One `[[goal]]`.
    pub(super) fn goal(&mut self, span: &Span, table: &Table, lines: &mut Lines) -> Option<Goal> {
        {
            self.check_keys(table, GOAL_KEYS, "[[goal]]");
            let line = self.line(span);
            let id = self.required_string(table, span, "id", "[[goal]]");
            let what = format!("goal {}", id.as_ref().map_or("?", |i| i.0.as_str()));
            let name = self.required_string(table, span, "name", &what);
            let aim = self.string(table, "aim", &what).map(|s| s.0);
            if let Some((id, id_span)) = &id {
                lines.goals.push((id.clone(), self.line(id_span)));
            }
            let (Some((id, _)), Some((name, _))) = (id, name) else {
                return None;
            };
            Some(Goal {
                id,
                name,
                aim,
                line,
            })
        }
    }

    /// One `[[measure]]`.
    pub(super) fn measure(
        &mut self,
        span: &Span,
        table: &Table,
        lines: &mut Lines,
    ) -> Option<Measure> {
        {
            self.check_keys(table, MEASURE_KEYS, "[[measure]]");
            let line = self.line(span);
            let id = self.required_string(table, span, "id", "[[measure]]");
            let what = format!("measure {}", id.as_ref().map_or("?", |i| i.0.as_str()));
            let name = self.required_string(table, span, "name", &what);
            let description = self.string(table, "description", &what).map(|s| s.0);
            let goal = self.string(table, "goal", &what);
            let parent = self.string(table, "parent", &what);
            let (parent, ref_span) = match (goal, parent) {
                (Some((g, sp)), None) => (Some(MeasureParent::Goal(g)), sp),
                (None, Some((p, sp))) => (Some(MeasureParent::Measure(p)), sp),
                (Some(_), Some((_, sp))) => {
                    self.error(
                        sp,
                        format!("{what} has both `goal` and `parent`"),
                        Some("a measure hangs under a goal or under another measure: keep one"),
                    );
                    (None, span.clone())
                }
                (None, None) => {
                    self.error(
                        span.clone(),
                        format!("{what} has neither `goal` nor `parent`"),
                        Some("add goal = \"…\" or parent = \"…\""),
                    );
                    (None, span.clone())
                }
            };
            if let (Some((id, id_span)), Some(parent)) = (&id, &parent) {
                lines.measures.push(Entry {
                    id: id.clone(),
                    line: self.line(id_span),
                    points_at: parent.clone(),
                    ref_line: self.line(&ref_span),
                });
            }
            let (Some((id, _)), Some((name, _)), Some(parent)) = (id, name, parent) else {
                return None;
            };
            Some(Measure {
                id,
                name,
                parent,
                description,
                line,
            })
        }
    }

    /// One `[[kpi]]`. What the checks across the plan need of it is noted in
    /// `lines`: where it was written and, unless it becomes the plan's next
    /// KPI, its id and what it points at.
    pub(super) fn kpi(
        &mut self,
        span: &Range<usize>,
        table: &Table,
        defaults: &Defaults,
        evaluation: &Scoring,
        lines: &mut Lines,
    ) -> Option<Kpi> {
        match self.kpi_fields(span, table, defaults, evaluation) {
            Ok((kpi, line, ref_line)) => {
                lines.kpis.push(KpiEntry::Built { line, ref_line });
                Some(kpi)
            }
            Err(Some(entry)) => {
                lines.kpis.push(KpiEntry::Unbuilt(Box::new(entry)));
                None
            }
            Err(None) => None,
        }
    }

    /// A KPI with the lines of its id and of what it points at; or, if it has
    /// problems, what the checks need of it (nothing without an id).
    fn kpi_fields(
        &mut self,
        span: &Range<usize>,
        table: &Table,
        defaults: &Defaults,
        evaluation: &Scoring,
    ) -> KpiRead {
        self.check_keys(table, KPI_KEYS, "[[kpi]]");
        let line = self.line(span);
        let id = self.required_string(table, span, "id", "[[kpi]]");
        if let Some((id, id_span)) = &id {
            if !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            {
                self.error(
                    id_span.clone(),
                    format!("KPI id \"{id}\" has characters other than ASCII letters, digits, `.`, `_`, `-`"),
                    Some("the id is the key actuals use: keep it plain, and put the Japanese name in `name`"),
                );
            }
        }
        let what = format!("KPI {}", id.as_ref().map_or("?", |i| i.0.as_str()));
        let name = self.required_string(table, span, "name", &what);
        let unit = self.string(table, "unit", &what).map(|s| s.0);
        let source = self.string(table, "source", &what).map(|s| s.0);
        let owner = self.string(table, "owner", &what).map(|s| s.0);
        let note = self.string(table, "note", &what).map(|s| s.0);
        let cumulative = self.bool(table, "cumulative", &what).unwrap_or(false);
        let attachment = self.attachment(table, span, &what);
        let id_line = id.as_ref().map(|(_, id_span)| self.line(id_span));
        let ref_line = match table.get("goal").or_else(|| table.get("measures")) {
            Some(v) => self.line(&v.span),
            None => line,
        };
        // What the checks need of a KPI that cannot be built.
        let unbuilt = |id: Option<String>, attachment: Option<Attachment>| {
            Some(Entry {
                id: id?,
                line: id_line?,
                points_at: attachment,
                ref_line,
            })
        };
        let baseline = self.point(
            table,
            span,
            "baseline",
            defaults.baseline_year,
            "baseline_year",
            &what,
        );
        let target = self.point(
            table,
            span,
            "target",
            defaults.target_year,
            "target_year",
            &what,
        );
        let direction = match self.string(table, "direction", &what) {
            Some((s, sp)) => match s.as_str() {
                "increase" => Some((Direction::Increase, sp)),
                "decrease" => Some((Direction::Decrease, sp)),
                _ => {
                    self.error(
                        sp,
                        format!("direction of {what} is \"{s}\""),
                        Some("use \"increase\" or \"decrease\""),
                    );
                    return Err(unbuilt(id.map(|i| i.0), attachment));
                }
            },
            None => None,
        };
        let milestones = self.milestones(table, &what);

        let (id, name, attachment, baseline, (target, target_span)) =
            match (id, name, attachment, baseline, target) {
                (
                    Some((id, _)),
                    Some((name, _)),
                    Some(attachment),
                    Some((baseline, _)),
                    Some(target),
                ) => (id, name, attachment, baseline, target),
                (id, _, attachment, _, _) => return Err(unbuilt(id.map(|i| i.0), attachment)),
            };

        let style = self.year_style;
        let y = |year: FiscalYear| year.label(style);
        if target.year <= baseline.year {
            let message = format!(
                "the target year of {what} ({}) is not after its baseline year ({})",
                y(target.year),
                y(baseline.year)
            );
            self.error(
                target_span,
                message,
                Some("a target must lie after the baseline: check both years"),
            );
        }
        let inferred = match target.value.cmp(&baseline.value) {
            std::cmp::Ordering::Greater => Some(Direction::Increase),
            std::cmp::Ordering::Less => Some(Direction::Decrease),
            std::cmp::Ordering::Equal => None,
        };
        let direction = match (direction, inferred) {
            (Some((d, _)), None) => d,
            (None, Some(d)) => d,
            (Some((d, sp)), Some(inf)) if d != inf => {
                self.error(
                    sp,
                    format!(
                        "direction of {what} is \"{}\" but the target {} is {} than the baseline {}",
                        d.name(),
                        target.value,
                        if inf == Direction::Increase { "higher" } else { "lower" },
                        baseline.value
                    ),
                    Some("fix the direction, the baseline or the target"),
                );
                d
            }
            (Some((d, _)), Some(_)) => d,
            (None, None) => {
                self.error_at_line(
                    line,
                    format!(
                        "{what} has the same baseline and target ({}) and no direction",
                        baseline.value
                    ),
                    Some("add direction = \"increase\" or \"decrease\" to say which way is better"),
                );
                Direction::Increase
            }
        };
        let mut kept = Vec::new();
        for (point, sp) in milestones {
            if point.year <= baseline.year || point.year >= target.year {
                let message = format!(
                    "milestone {} of {what} is not strictly between the baseline year {} and the target year {}",
                    y(point.year),
                    y(baseline.year),
                    y(target.year)
                );
                self.error(
                    sp,
                    message,
                    Some("move the milestone inside the plan's span or remove it"),
                );
            } else if kept.iter().any(|p: &Point| p.year == point.year) {
                self.error(
                    sp,
                    format!("milestone {} of {what} is given twice", y(point.year)),
                    None,
                );
            } else {
                kept.push(point);
            }
        }
        kept.sort_by_key(|p| p.year);
        let revisions = self.revisions(table, &what, baseline, target, direction);
        if evaluation.path == PathShape::Geometric {
            let nonpositive = std::iter::once(&baseline)
                .chain(kept.iter())
                .chain(std::iter::once(&target))
                .any(|p| p.value <= Decimal::ZERO);
            if nonpositive {
                self.error_at_line(
                    line,
                    format!(
                        "{what} has a value at or below 0, so it cannot follow a geometric path"
                    ),
                    Some("use path = \"linear\" in [evaluation], or values above 0"),
                );
            }
        }
        let kpi = Kpi {
            id,
            name,
            attachment,
            unit,
            baseline,
            target,
            direction,
            milestones: kept,
            cumulative,
            source,
            owner,
            note,
            revisions,
            line,
        };
        Ok((kpi, id_line.unwrap_or(line), ref_line))
    }

    fn attachment(&mut self, table: &Table, span: &Range<usize>, what: &str) -> Option<Attachment> {
        let goal = self.string(table, "goal", what);
        let measures = table.get("measures");
        match (goal, measures) {
            (Some((g, _)), None) => Some(Attachment::Goal(g)),
            (None, Some(value)) => {
                let ids: Vec<String> = match &value.value {
                    Value::Array(items) => items
                        .iter()
                        .filter_map(|i| i.value.as_str().map(str::to_string))
                        .collect(),
                    Value::String(s) => vec![s.to_string()],
                    _ => Vec::new(),
                };
                let count = match &value.value {
                    Value::Array(items) => items.len(),
                    _ => 1,
                };
                if ids.is_empty() || ids.len() != count {
                    self.error(
                        value.span.clone(),
                        format!("`measures` of {what} must be a list of measure ids"),
                        Some("write measures = [\"1.1.1\"]"),
                    );
                    return None;
                }
                Some(Attachment::Measures(ids))
            }
            (Some(_), Some(value)) => {
                self.error(
                    value.span.clone(),
                    format!("{what} has both `goal` and `measures`"),
                    Some("a KPI hangs under a goal (a numeric target) or under measures: keep one"),
                );
                None
            }
            (None, None) => {
                if table.get("goal").is_none() {
                    self.error(
                        span.clone(),
                        format!("{what} has neither `goal` nor `measures`"),
                        Some("add goal = \"…\" or measures = [\"…\"]"),
                    );
                }
                None
            }
        }
    }

    fn point(
        &mut self,
        table: &Table,
        span: &Range<usize>,
        key: &str,
        default_year: Option<FiscalYear>,
        default_name: &str,
        what: &str,
    ) -> Option<(Point, Range<usize>)> {
        let Some(value) = table.get(key) else {
            self.error(
                span.clone(),
                format!("{what} has no `{key}`"),
                Some(&format!("add {key} = {{ value = …, year = \"…\" }}")),
            );
            return None;
        };
        // Written out only if a message needs it.
        let label = Of(key, what);
        // Where a problem with this point's year is best shown: its `year`, else the point.
        let year_span = match &value.value {
            Value::Table(t) => t.get("year").map_or(value.span.clone(), |y| y.span.clone()),
            _ => value.span.clone(),
        };
        let (number, year) = match &value.value {
            Value::Table(t) => {
                self.check_keys(t, POINT_KEYS, label);
                let number = match t.get("value") {
                    Some(v) => self.number(v, format_args!("the value of the {label}")),
                    None => {
                        self.error(
                            value.span.clone(),
                            format!("the {label} has no value"),
                            Some("add value = …"),
                        );
                        None
                    }
                };
                let year = t
                    .get("year")
                    .map(|v| self.year(v, format_args!("the year of the {label}")));
                (number, year)
            }
            // A bare number is accepted as the value, with the plan's default year.
            Value::Integer { .. } | Value::Float(_) => (self.number(value, label), None),
            other => {
                self.error(
                    value.span.clone(),
                    format!(
                        "the {label} must be a table {{ value, year }}, not {}",
                        other.type_str()
                    ),
                    None,
                );
                return None;
            }
        };
        let year = match year {
            Some(y) => y?,
            None => match default_year {
                Some(y) => y,
                None => {
                    self.error(
                        value.span.clone(),
                        format!("the {label} has no year and the plan sets no {default_name}"),
                        Some(&format!(
                            "add year = \"…\" here, or {default_name} to [plan]"
                        )),
                    );
                    return None;
                }
            },
        };
        Some((
            Point {
                year,
                value: number?,
            },
            year_span,
        ))
    }

    fn milestones(&mut self, table: &Table, what: &str) -> Vec<(Point, Range<usize>)> {
        let Some(value) = table.get("milestones") else {
            return Vec::new();
        };
        let Some(t) = self.as_table(value, format_args!("milestones of {what}")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, v) in &t.entries {
            let year = self.year_text(
                &key.name,
                key.span.clone(),
                format_args!("a milestone year of {what}"),
            );
            let number = self.number(v, format_args!("a milestone of {what}"));
            if let (Some(year), Some(value)) = (year, number) {
                out.push((Point { year, value }, key.span.clone()));
            }
        }
        out
    }
}

/// `{0} of {1}`, as `Display`, so that it is written out only for a message.
#[derive(Clone, Copy)]
struct Of<'a>(&'a str, &'a str);

impl Display for Of<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {}", self.0, self.1)
    }
}

/// A KPI with the lines of its id and of its `goal` or `measures`; or, when
/// it has problems, what the checks across the plan need of it.
type KpiRead = Result<(Kpi, usize, usize), Option<Entry<Option<Attachment>>>>;

/// The years a plan's points take when they give none.
pub(super) struct Defaults {
    baseline_year: Option<FiscalYear>,
    target_year: Option<FiscalYear>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::closest;

    const PLAN: &str = r#"[plan]
title = "t"
year_style = "era"
fiscal_year_start = 4
baseline_year = "H26"
target_year = "平成31年度"

[evaluation]
on_track = 1.0
at_risk = 0.9
basis = "target"

[[evaluation.grade]]
label = "A"
pace_at_least = 1.0

[[goal]]
id = "1"
name = "g"

[[measure]]
id = "1.1"
goal = "1"
name = "m"

[[measure]]
id = "1.1.1"
parent = "1.1"
name = "m1"

[[kpi]]
id = "rate"
name = "率"
goal = "1"
unit = "%"
baseline = { value = 40.7 }
target = { value = 50.0 }

[[kpi]]
id = "count"
name = "件数"
measures = ["1.1.1", "1.1"]
baseline = { value = 13, year = 2014 }
target = 21
milestones = { H30 = 19, "FY2016" = 15 }
cumulative = true
"#;

    #[test]
    fn a_plan_reads_with_defaults_precision_and_lines() {
        let (plan, warnings) = load_str(Path::new("kpi.toml"), PLAN).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(plan.year_style, YearStyle::Era);
        assert_eq!(plan.fiscal_year_start, 4);
        assert_eq!(plan.scoring.on_track, Decimal::new(10, 1));
        assert_eq!(plan.scoring.basis, Basis::Target);
        assert_eq!(plan.scoring.grades.len(), 1);
        let rate = &plan.kpis[0];
        // Years default from [plan]; 50.0 keeps its one decimal.
        assert_eq!(rate.baseline.year, FiscalYear(2014));
        assert_eq!(rate.target.year, FiscalYear(2019));
        assert_eq!(rate.target.value.to_string(), "50.0");
        assert_eq!(rate.direction, Direction::Increase);
        assert_eq!(rate.line, 31, "the line of the [[kpi]] header");
        let count = &plan.kpis[1];
        assert_eq!(count.target.value, Decimal::from(21));
        // Milestones in year order, whatever order they were written in.
        let years: Vec<i32> = count.milestones.iter().map(|m| m.year.0).collect();
        assert_eq!(years, vec![2016, 2018]);
        assert!(count.cumulative);
        assert_eq!(
            plan.kpi_goals(count).len(),
            1,
            "two measures of one goal: one goal"
        );
        assert!(plan.kpi_under_measure(count, "1.1"));
    }

    #[test]
    fn a_cycle_of_parents_is_reported() {
        let text = PLAN.replace(
            "goal = \"1\"\nname = \"m\"",
            "parent = \"1.1.1\"\nname = \"m\"",
        );
        let problems = load_str(Path::new("kpi.toml"), &text).unwrap_err();
        assert!(
            problems.0.iter().any(|p| p.message.contains("cycle")),
            "{problems:?}"
        );
    }

    #[test]
    fn typos_find_their_field() {
        assert_eq!(closest("taget", KPI_KEYS), Some("target"));
        assert_eq!(closest("mesures", KPI_KEYS), Some("measures"));
        assert_eq!(closest("zzzzzz", KPI_KEYS), None);
    }
}
