//! `[[goal]]` and `[[measure]]`: the tree a plan's KPIs hang under.

use super::Reader;
use crate::plan::check::{Definition, Lines};
use crate::plan::tree::{Span, Table};
use crate::plan::{Goal, Measure, MeasureParent};

const GOAL_KEYS: &[&str] = &["id", "name", "aim"];
const MEASURE_KEYS: &[&str] = &["id", "name", "goal", "parent", "description"];

impl Reader<'_> {
    /// One `[[goal]]`.
    pub(in crate::plan) fn goal(
        &mut self,
        span: &Span,
        table: &Table,
        lines: &mut Lines,
    ) -> Option<Goal> {
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
    pub(in crate::plan) fn measure(
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
                lines.measures.push(Definition {
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
}
