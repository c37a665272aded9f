//! A plan put together from its top-level sections, as either reader hands
//! them over: `[plan]` first, then `[evaluation]` if there is one, then the
//! goals, measures and KPIs one table at a time, so that a large plan's
//! tables are read and let go, never all held at once.

use super::check::{check_built, check_plan, Lines};
use super::load::{Defaults, Reader};
use super::tree::{Node, Section, Span, Table};
use super::{Index, Plan};
use crate::problem::Problems;

/// The arrays of tables a plan is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Goal,
    Measure,
    Kpi,
}

impl Kind {
    fn of(name: &str) -> Option<Kind> {
        match name {
            "goal" => Some(Kind::Goal),
            "measure" => Some(Kind::Measure),
            "kpi" => Some(Kind::Kpi),
            _ => None,
        }
    }

    fn path(self) -> &'static str {
        match self {
            Kind::Goal => "goal",
            Kind::Measure => "measure",
            Kind::Kpi => "kpi",
        }
    }
}

/// How far a plan read in file order has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// Before `[plan]`.
    Start,
    /// `[plan]` is read; goals and measures may come, and `[evaluation]`.
    Head,
    /// `[evaluation]` is read, or a KPI came first and the plan has none.
    Scored,
}

pub(super) struct Builder<'a> {
    pub reader: Reader<'a>,
    /// The plan so far, once its `[plan]` table is read.
    plan: Option<(Plan, Defaults)>,
    lines: Lines,
}

impl<'a> Builder<'a> {
    pub fn new(reader: Reader<'a>) -> Self {
        Builder {
            reader,
            plan: None,
            lines: Lines::default(),
        }
    }

    /// One section of a plan read in file order. `None` when the file's
    /// order would change what is read: a goal, measure or KPI before
    /// `[plan]`, `[evaluation]` after a KPI, or any of these in a shape
    /// that the `toml` crate's reading reports differently. The caller then
    /// reads the plan again with the `toml` crate.
    pub fn section(&mut self, stage: &mut Stage, section: Section) -> Option<()> {
        let (key, node, item) = match section {
            Section::Whole { key, node } => (key, node, false),
            Section::Item { key, first, node } => {
                if first {
                    self.reader.top_key(&key);
                }
                (key, node, true)
            }
        };
        if !item {
            self.reader.top_key(&key);
        }
        match (key.name.as_ref(), *stage) {
            ("plan", Stage::Start) if !item => {
                if !self.head(&node) {
                    return None;
                }
                *stage = Stage::Head;
            }
            ("evaluation", Stage::Head) if !item => {
                self.evaluation(Some(&node));
                *stage = Stage::Scored;
            }
            ("plan" | "evaluation", _) => return None,
            (name, _) => {
                let Some(kind) = Kind::of(name) else {
                    return Some(());
                };
                match *stage {
                    Stage::Start => return None,
                    Stage::Head if kind == Kind::Kpi => {
                        self.evaluation(None);
                        *stage = Stage::Scored;
                    }
                    _ => {}
                }
                if item {
                    self.item(kind, &node);
                } else {
                    self.list(kind, &node);
                }
            }
        }
        Some(())
    }

    /// The plan, once a plan read in file order has ended at `stage`.
    pub fn end(mut self, stage: Stage) -> Result<(Plan, Problems), Problems> {
        match stage {
            Stage::Start => Err(self.no_plan()),
            Stage::Head => {
                self.evaluation(None);
                self.finish()
            }
            Stage::Scored => self.finish(),
        }
    }

    /// The problems of a plan with no `[plan]` table: nothing else is read.
    pub fn no_plan(mut self) -> Problems {
        self.reader.no_plan();
        self.reader.problems.sorted()
    }

    /// `[plan]`; false if it is not a table, when nothing else is read.
    pub fn head(&mut self, node: &Node) -> bool {
        self.plan = self.reader.head(node);
        self.plan.is_some()
    }

    pub fn evaluation(&mut self, node: Option<&Node>) {
        let scoring = self.reader.evaluation(node);
        if let Some((plan, _)) = &mut self.plan {
            plan.scoring = scoring;
        }
    }

    /// The whole value of a top-level `goal`, `measure` or `kpi`.
    pub fn list(&mut self, kind: Kind, node: &Node) {
        for (span, table) in self.reader.tables(node, kind.path()) {
            self.table(kind, &span, table);
        }
    }

    /// One item of a top-level `goal`, `measure` or `kpi` array.
    pub fn item(&mut self, kind: Kind, node: &Node) {
        if let Some(table) = self.reader.item_table(node, kind.path()) {
            self.table(kind, &node.span, table);
        }
    }

    fn table(&mut self, kind: Kind, span: &Span, table: &Table) {
        let Some((plan, defaults)) = &mut self.plan else {
            return;
        };
        let lines = &mut self.lines;
        match kind {
            Kind::Goal => plan.goals.extend(self.reader.goal(span, table, lines)),
            Kind::Measure => plan
                .measures
                .extend(self.reader.measure(span, table, lines)),
            Kind::Kpi => {
                let kpi = self.reader.kpi(span, table, defaults, &plan.scoring, lines);
                plan.kpis.extend(kpi);
            }
        }
    }

    /// The plan, checked as a whole: ids, references, cycles.
    pub fn finish(mut self) -> Result<(Plan, Problems), Problems> {
        let Some((plan, _)) = self.plan.take() else {
            return Err(self.reader.problems.sorted());
        };
        let plan = Plan {
            index: Index::new(&plan),
            ..plan
        };
        // Cross-references are checked even when some tables had problems,
        // from every id that could be read, so that one run reports them all.
        check_plan(&self.lines, &plan.kpis, &mut self.reader);
        check_built(&plan, &mut self.reader);
        if self.reader.problems.has_errors() {
            Err(self.reader.problems.sorted())
        } else {
            Ok((plan, self.reader.problems.sorted()))
        }
    }
}
