//! `[plan]` and `[evaluation]`: the plan's own fields, and the cut-offs
//! and grade bands its KPIs are scored by.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::{grades, Reader};
use crate::plan::tree::{Node, Table, Value};
use crate::plan::{Basis, GradeBand, PathShape, Plan, Scoring};
use crate::status::Status;
use crate::year::{FiscalYear, YearStyle};

const PLAN_KEYS: &[&str] = &[
    "title",
    "organization",
    "succeeds",
    "fiscal_year_start",
    "year_style",
    "baseline_year",
    "target_year",
    "actuals",
    "reviews",
    "evaluations",
    "id",
    "area_code",
];
const EVALUATION_KEYS: &[&str] = &[
    "on_track",
    "at_risk",
    "stale_after",
    "basis",
    "path",
    "grade",
];

/// The years a plan's points take when they give none.
#[derive(Clone)]
pub(in crate::plan) struct Defaults {
    pub(super) baseline_year: Option<FiscalYear>,
    pub(super) target_year: Option<FiscalYear>,
}

impl Reader<'_> {
    /// What the goals, measures and KPIs need of `[plan]` while the rest of
    /// the file is still being read: the years their points take when they
    /// give none, and how years print in messages (kept by the reader).
    /// `None` if `[plan]` is not a table. Its problems are not reported
    /// here but once, by `head`, when the whole file is read.
    pub(in crate::plan) fn defaults(&mut self, plan_value: &Node) -> Option<Defaults> {
        let before = self.problems.0.len();
        let head = self.head(plan_value);
        self.problems.0.truncate(before);
        head.map(|(_, defaults)| defaults)
    }

    /// The path KPIs follow under `[evaluation]` (or without one), as
    /// `evaluation` reads it; its problems are reported by `evaluation`.
    pub(in crate::plan) fn path_shape(&mut self, value: Option<&Node>) -> PathShape {
        let before = self.problems.0.len();
        let scoring = self.evaluation(value);
        self.problems.0.truncate(before);
        scoring.path
    }

    pub(in crate::plan) fn no_plan(&mut self) {
        self.error(
            0..0,
            "the plan has no [plan] table".to_string(),
            Some("start the file with [plan] and title = \"…\""),
        );
    }

    /// The `[plan]` table: a plan with no goals, measures or KPIs yet, and
    /// the years its points take when they give none. `None` if it is not a
    /// table, when nothing else is worth reading.
    pub(in crate::plan) fn head(&mut self, plan_value: &Node) -> Option<(Plan, Defaults)> {
        let plan_span = plan_value.span.clone();
        let plan_table = self.as_table(plan_value, "[plan]")?;
        self.check_keys(plan_table, PLAN_KEYS, "[plan]");
        let title = self.required_string(plan_table, &plan_span, "title", "[plan]");
        let organization = self
            .string(plan_table, "organization", "[plan]")
            .map(|s| s.0);
        let succeeds = self.string(plan_table, "succeeds", "[plan]").map(|s| s.0);
        let fiscal_year_explicit = plan_table.get("fiscal_year_start").is_some();
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
        let evaluations = self
            .string(plan_table, "evaluations", "[plan]")
            .map_or_else(|| "evaluations".to_string(), |s| s.0);
        let (id, area_code) = self.plan_codes(plan_table);
        let plan = Plan {
            path: self.file.to_path_buf(),
            title: title.map(|t| t.0).unwrap_or_default(),
            succeeds,
            organization,
            fiscal_year_start,
            fiscal_year_explicit,
            year_style,
            actuals: actuals.iter().map(|a| base.join(a)).collect(),
            actuals_explicit,
            reviews: base.join(reviews),
            evaluations: base.join(evaluations),
            scoring: Scoring::default(),
            of_series: false,
            goals: Vec::new(),
            measures: Vec::new(),
            kpis: Vec::new(),
            id,
            area_code,
            dimensions: Vec::new(),
            written_breakdowns: Vec::new(),
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
    pub(in crate::plan) fn evaluation(&mut self, value: Option<&Node>) -> Scoring {
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
        // The bands read as written: one with a problem of its own (a
        // quoted number) is not checked against the others, nor they
        // against it, so that its problem is said once (issue 24, item 25).
        let mut sound = Vec::new();
        for (span, band) in bands {
            let before = self.problems.0.len();
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
            if self.problems.0.len() == before {
                sound.push((span.clone(), grade.clone()));
            }
            read.push((span, grade));
        }
        self.check_bands(&sound);
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
}
