//! `[[kpi]]`: one indicator, with its baseline, target, direction and
//! milestones, each checked against the others.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{Defaults, Of, Reader};
use crate::breakdown::Written;
use crate::plan::check::{Definition, KpiEntry, Lines};
use crate::plan::tree::{Table, Value};
use crate::plan::{Attachment, Direction, Kpi, Point};
use crate::year::FiscalYear;

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
    "indicator",
    "frequency",
    "due_years",
    "lag",
    "breakdowns",
    "total",
    "category_target",
];
const POINT_KEYS: &[&str] = &["value", "year"];

/// A KPI with the lines of its id and of its `goal` or `measures`; or, when
/// it has problems, what the checks across the plan need of it.
type KpiRead = Result<(Kpi, usize, usize, Option<Written>), Option<Definition<Option<Attachment>>>>;

impl Reader<'_> {
    /// One `[[kpi]]`. What the checks across the plan need of it is noted in
    /// `lines`: where it was written and, unless it becomes the plan's next
    /// KPI, its id and what it points at. Whether its values suit a
    /// geometric path is checked by `geometric`, once `[evaluation]` is known.
    pub(in crate::plan) fn kpi(
        &mut self,
        span: &Range<usize>,
        table: &Table,
        defaults: &Defaults,
        lines: &mut Lines,
    ) -> Option<(Kpi, Option<Written>)> {
        match self.kpi_fields(span, table, defaults) {
            Ok((kpi, line, ref_line, written)) => {
                lines.kpis.push(KpiEntry::Built { line, ref_line });
                Some((kpi, written))
            }
            Err(Some(entry)) => {
                lines.kpis.push(KpiEntry::Unbuilt(Box::new(entry)));
                None
            }
            Err(None) => None,
        }
    }

    /// A KPI under `path = "geometric"`: every value of its path must be above 0.
    pub(in crate::plan) fn geometric(&mut self, kpi: &Kpi) {
        let nonpositive = std::iter::once(&kpi.baseline)
            .chain(kpi.milestones.iter())
            .chain(std::iter::once(&kpi.target))
            .any(|p| p.value <= Decimal::ZERO);
        if nonpositive {
            self.error_at_line(
                kpi.line,
                format!(
                    "KPI {} has a value at or below 0, so it cannot follow a geometric path",
                    kpi.id
                ),
                Some("use path = \"linear\" in [evaluation], or values above 0"),
            );
        }
    }

    /// A KPI with the lines of its id and of what it points at; or, if it has
    /// problems, what the checks need of it (nothing without an id).
    fn kpi_fields(&mut self, span: &Range<usize>, table: &Table, defaults: &Defaults) -> KpiRead {
        self.check_keys(table, KPI_KEYS, "[[kpi]]");
        let line = self.line(span);
        let id = self.required_string(table, span, "id", "[[kpi]]");
        if let Some((id, id_span)) = &id {
            self.kpi_id(id, id_span);
        }
        let what = format!("KPI {}", id.as_ref().map_or("?", |i| i.0.as_str()));
        // A KPI on a workspace's series may leave its name to the register.
        let indicator = self.string(table, "indicator", &what).map(|s| s.0);
        let name = match (&indicator, table.get("name")) {
            (Some(_), None) => Some((String::new(), span.clone())),
            _ => self.required_string(table, span, "name", &what),
        };
        let unit = self.string(table, "unit", &what).map(|s| s.0);
        let source = self.string(table, "source", &what).map(|s| s.0);
        let owner = self.string(table, "owner", &what).map(|s| s.0);
        let note = self.string(table, "note", &what).map(|s| s.0);
        let cumulative_written = self.bool(table, "cumulative", &what);
        let cumulative = cumulative_written.unwrap_or(false);
        let attachment = self.attachment(table, span, &what);
        let id_line = id.as_ref().map(|(_, id_span)| self.line(id_span));
        let ref_line = match table.get("goal").or_else(|| table.get("measures")) {
            Some(v) => self.line(&v.span),
            None => line,
        };
        // What the checks need of a KPI that cannot be built.
        let unbuilt = |id: Option<String>, attachment: Option<Attachment>| {
            Some(Definition {
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
        let Ok(direction) = self.direction_field(table, &what) else {
            return Err(unbuilt(id.map(|i| i.0), attachment));
        };
        let milestones = self.milestones(table, &what);
        let written = self.breakdown_fields(table, &what);

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

        if target.year <= baseline.year {
            let style = self.year_style;
            let message = format!(
                "the target year of {what} ({}) is not after its baseline year ({})",
                target.year.label(style),
                baseline.year.label(style)
            );
            self.error(
                target_span,
                message,
                Some("a target must lie after the baseline: check both years"),
            );
        }
        let direction = self.direction(direction, &baseline, &target, line, &what);
        let milestones = self.kept_milestones(milestones, &baseline, &target, &what);
        let revisions = self.revisions(table, &what, baseline, target, direction);
        let schedule = self.schedule(table, &what, baseline.year);
        let kpi = Kpi {
            id,
            name,
            attachment,
            unit,
            baseline,
            target,
            direction,
            milestones,
            cumulative,
            source,
            owner,
            note,
            revisions,
            indicator: indicator.map(|id| crate::plan::Link {
                id,
                name_written: table.get("name").is_some(),
                cumulative_written,
                schedule_written: ["frequency", "due_years", "lag"]
                    .iter()
                    .any(|k| table.get(k).is_some()),
            }),
            schedule,
            breakdown: None,
            line,
        };
        Ok((kpi, id_line.unwrap_or(line), ref_line, written))
    }

    /// An id is the key the ledger uses: plain ASCII.
    fn kpi_id(&mut self, id: &str, span: &Range<usize>) {
        if !crate::plan::is_plain_id(id) {
            self.error(
                span.clone(),
                format!("KPI id \"{id}\" has characters other than ASCII letters, digits, `.`, `_`, `-`"),
                Some("the id is the key actuals use: keep it plain, and put the Japanese name in `name`"),
            );
        }
    }

    /// `direction` as written, if it is; `Err` if it names neither way.
    #[allow(clippy::type_complexity)]
    fn direction_field(
        &mut self,
        table: &Table,
        what: &str,
    ) -> Result<Option<(Direction, Range<usize>)>, ()> {
        let Some((s, sp)) = self.string(table, "direction", what) else {
            return Ok(None);
        };
        match s.as_str() {
            "increase" => Ok(Some((Direction::Increase, sp))),
            "decrease" => Ok(Some((Direction::Decrease, sp))),
            _ => {
                self.error(
                    sp,
                    format!("direction of {what} is \"{s}\""),
                    Some("use \"increase\" or \"decrease\""),
                );
                Err(())
            }
        }
    }

    /// The KPI's direction: as written, else inferred from baseline and
    /// target, which must agree with what is written.
    fn direction(
        &mut self,
        written: Option<(Direction, Range<usize>)>,
        baseline: &Point,
        target: &Point,
        line: usize,
        what: &str,
    ) -> Direction {
        let inferred = match target.value.cmp(&baseline.value) {
            std::cmp::Ordering::Greater => Some(Direction::Increase),
            std::cmp::Ordering::Less => Some(Direction::Decrease),
            std::cmp::Ordering::Equal => None,
        };
        match (written, inferred) {
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
        }
    }

    /// The milestones strictly between baseline and target years, each year
    /// once, in year order.
    fn kept_milestones(
        &mut self,
        milestones: Vec<(Point, Range<usize>)>,
        baseline: &Point,
        target: &Point,
        what: &str,
    ) -> Vec<Point> {
        let style = self.year_style;
        let y = |year: FiscalYear| year.label(style);
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
        kept
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
