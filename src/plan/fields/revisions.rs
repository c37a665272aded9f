//! A KPI's `revisions` (plan-format.md): revised targets, each in force
//! from a fiscal year on, checked against the span and direction of the
//! target they revise.

use super::Reader;
use rust_decimal::Decimal;

use crate::plan::tree::{Node, Span, Table, Value};
use crate::plan::{Direction, Point, Revision};
use crate::year::FiscalYear;

const REVISION_KEYS: &[&str] = &["from", "target", "target_year", "note"];

impl Reader<'_> {
    /// The revisions of the KPI `what`, every problem reported; a revision
    /// with a problem is left out.
    pub(super) fn revisions(
        &mut self,
        table: &Table,
        what: &str,
        baseline: Point,
        target: Point,
        direction: Direction,
    ) -> Vec<Revision> {
        let Some(value) = table.get("revisions") else {
            return Vec::new();
        };
        let Value::Array(items) = &value.value else {
            self.error(
                value.span.clone(),
                format!(
                    "`revisions` of {what} must be a list of tables, not {}",
                    value.value.type_str()
                ),
                Some("write revisions = [{ from = \"H29\", target = 75, note = \"上方修正\" }]"),
            );
            return Vec::new();
        };
        let style = self.year_style;
        let mut kept: Vec<Revision> = Vec::new();
        // The target in force before each revision.
        let mut in_force = target;
        for item in items.iter() {
            let Some(rev) = self.as_table(item, format_args!("each revision of {what}")) else {
                continue;
            };
            self.check_keys(rev, REVISION_KEYS, format_args!("a revision of {what}"));
            let line = self.line(&item.span);
            let parts = self.revision_parts(rev, &item.span, what, in_force.year);
            let note = self.string(rev, "note", what).map(|s| s.0);
            let Some((from, value, year)) = parts else {
                continue;
            };
            let label = |y: crate::year::FiscalYear| y.label(style);
            let mut ok = true;
            if from <= baseline.year || from > in_force.year {
                self.error(
                    item.span.clone(),
                    format!(
                        "the revision of {what} from {} is outside its span: a revision comes in force after the baseline year {} and at or before the target year then in force {}",
                        label(from),
                        label(baseline.year),
                        label(in_force.year)
                    ),
                    Some("check `from`: the first fiscal year the revised target is judged"),
                );
                ok = false;
            } else if let Some(prev) = kept.last().filter(|p| from <= p.from) {
                self.error(
                    item.span.clone(),
                    format!(
                        "the revisions of {what} are not in order: {} comes after {}",
                        label(from),
                        label(prev.from)
                    ),
                    Some("list revisions oldest first, each from a later year"),
                );
                ok = false;
            }
            if ok && year < from {
                self.error(
                    item.span.clone(),
                    format!(
                        "the revised target year {} of {what} is before the revision comes in force ({})",
                        label(year),
                        label(from)
                    ),
                    Some("a revised target year is at or after `from`"),
                );
                ok = false;
            }
            let s = direction.sign();
            if s * (value - baseline.value) < rust_decimal::Decimal::ZERO {
                self.error(
                    item.span.clone(),
                    format!(
                        "the revised target {value} of {what} contradicts its direction: it is {} than the baseline {}",
                        if direction == Direction::Increase { "lower" } else { "higher" },
                        baseline.value
                    ),
                    Some("a revision keeps the KPI's direction: check the value"),
                );
                ok = false;
            }
            if ok {
                let target = Point { year, value };
                in_force = target;
                kept.push(Revision {
                    from,
                    target,
                    note,
                    line,
                });
            }
        }
        kept
    }

    /// A revision's `from`, `target` and `target_year` (by default
    /// `in_force`, the target year then in force), each problem reported;
    /// `None` when one is missing or wrong.
    fn revision_parts(
        &mut self,
        rev: &Table,
        span: &Span,
        what: &str,
        in_force: FiscalYear,
    ) -> Option<(FiscalYear, Decimal, FiscalYear)> {
        let from = self
            .required(
                rev,
                "from",
                span,
                what,
                "add from = the first fiscal year the revised target is in force",
            )
            .and_then(|v| self.year(v, format_args!("`from` of a revision of {what}")));
        let value = self
            .required(
                rev,
                "target",
                span,
                what,
                "add target = the revised target value",
            )
            .and_then(|v| self.number(v, format_args!("`target` of a revision of {what}")));
        let year = match rev.get("target_year") {
            Some(v) => self.year(v, format_args!("`target_year` of a revision of {what}")),
            None => Some(in_force),
        };
        Some((from?, value?, year?))
    }

    /// A revision's `key`, or `None` with the problem that it has none.
    fn required<'t, 'i>(
        &mut self,
        rev: &'t Table<'i>,
        key: &str,
        span: &Span,
        what: &str,
        hint: &'static str,
    ) -> Option<&'t Node<'i>> {
        let found = rev.get(key);
        if found.is_none() {
            self.error(
                span.clone(),
                format!("a revision of {what} has no `{key}`"),
                Some(hint),
            );
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn problems(revisions: &str) -> Vec<String> {
        let text = format!(
            "[plan]\ntitle = \"t\"\n\n[[goal]]\nid = \"1\"\nname = \"g\"\n\n\
             [[kpi]]\nid = \"k\"\nname = \"k\"\ngoal = \"1\"\n\
             baseline = {{ value = 10, year = 2015 }}\n\
             target = {{ value = 20, year = 2020 }}\n{revisions}\n"
        );
        match crate::plan::load_str(Path::new("kpi.toml"), &text) {
            Ok((_, warnings)) => warnings.0.iter().map(|p| p.to_string()).collect(),
            Err(problems) => problems.0.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_revision_reads_with_its_defaults() {
        let text = "[plan]\ntitle = \"t\"\n[[goal]]\nid = \"1\"\nname = \"g\"\n[[kpi]]\nid = \"k\"\n\
                    name = \"k\"\ngoal = \"1\"\nbaseline = { value = 10, year = 2015 }\n\
                    target = { value = 20, year = 2020 }\n\
                    revisions = [\n  { from = \"H29\", target = 25, note = \"上方修正\" },\n  { from = 2019, target = 30, target_year = \"R4\" },\n]\n";
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), text).unwrap();
        let r = &plan.kpis[0].revisions;
        assert_eq!(r.len(), 2);
        // H29 = 2017; target year defaults to the one in force (2020)
        assert_eq!((r[0].from.0, r[0].target.year.0), (2017, 2020));
        assert_eq!(r[0].target.value.to_string(), "25");
        assert_eq!(r[0].note.as_deref(), Some("上方修正"));
        assert_eq!(r[0].line, 13);
        // R4 = 2022
        assert_eq!((r[1].from.0, r[1].target.year.0), (2019, 2022));
        assert_eq!(r[1].line, 14);
    }

    #[test]
    fn every_problem_of_revisions_is_reported_with_its_line() {
        let p = problems(
            "revisions = [\n\
             { from = 2015, target = 25 },\n\
             { from = 2021, target = 25 },\n\
             { from = 2018, target = 5 },\n\
             { from = 2017, target = 30, target_year = 2016 },\n\
             { from = 2019, target = 30, due = 1 },\n\
             { target = 30 },\n\
             ]",
        );
        let joined = p.join("\n");
        // 2015 is the baseline year: not after it (line 16)
        assert!(
            joined.contains("kpi.toml:15:") && joined.contains("from FY2015 is outside its span"),
            "{joined}"
        );
        // 2021 is after the target year in force 2020 (line 16)
        assert!(
            joined.contains("kpi.toml:16:") && joined.contains("from FY2021 is outside its span"),
            "{joined}"
        );
        // 5 is below the baseline 10 of an increasing KPI (line 16)
        assert!(
            joined.contains("kpi.toml:17:")
                && joined.contains("revised target 5 of KPI k contradicts its direction"),
            "{joined}"
        );
        // target year before from (line 17)
        assert!(
            joined.contains("kpi.toml:18:")
                && joined.contains("before the revision comes in force"),
            "{joined}"
        );
        // unknown field (line 18)
        assert!(
            joined.contains("kpi.toml:19:") && joined.contains("unknown field `due`"),
            "{joined}"
        );
        // one problem per mistake: the out-of-span 2021 is not also "before from"
        assert!(!joined.contains("FY2020 of KPI k is before"), "{joined}");
        // no from (line 20)
        assert!(
            joined.contains("kpi.toml:20:") && joined.contains("has no `from`"),
            "{joined}"
        );
    }

    #[test]
    fn revisions_out_of_order_are_an_error() {
        let p =
            problems("revisions = [{ from = 2018, target = 25 }, { from = 2017, target = 30 }]");
        assert!(
            p.iter()
                .any(|m| m.contains("not in order: FY2017 comes after FY2018")),
            "{p:?}"
        );
    }
}
