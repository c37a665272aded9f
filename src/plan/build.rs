//! A plan put together from what the reader hands over (`read/`): each
//! table of `[[goal]]`, `[[measure]]` and `[[kpi]]` as soon as no later
//! line can change it, then at the end the rest of the document (`[plan]`,
//! `[evaluation]`, the last table of each array, anything written in
//! another form). A large plan's tables are read and let go one at a time.
//!
//! The plan and its problems are what reading the whole document first
//! would give, in whatever order the file is written: a table that comes
//! before `[plan]` waits for it, and a KPI read before `[evaluation]` is
//! known is checked against its path at the end.

use std::mem;

use super::check::{check_built, check_plan, Lines};
use super::fields::{Defaults, Reader};
use super::read::SyntaxError;
use super::tree::{Key, Node, Span, Table, Value};
use super::{Goal, Index, Kpi, Measure, PathShape, Plan};
use crate::breakdown::{Dimension, Written};
use crate::problem::Problems;
use crate::year::YearStyle;

/// What the builder of a later piece of the text needs of `[plan]`.
#[derive(Clone)]
pub(super) struct Seed {
    defaults: Defaults,
    year_style: YearStyle,
}

/// The arrays of tables a plan is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Goal,
    Measure,
    Kpi,
    Dimension,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Goal, Kind::Measure, Kind::Kpi, Kind::Dimension];

    pub fn of(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.path() == name)
    }

    fn path(self) -> &'static str {
        match self {
            Kind::Goal => "goal",
            Kind::Measure => "measure",
            Kind::Kpi => "kpi",
            Kind::Dimension => "dimension",
        }
    }
}

pub(super) struct Builder<'a> {
    pub reader: Reader<'a>,
    /// What goals, measures and KPIs take from `[plan]`, once no later line
    /// can change it.
    defaults: Option<Defaults>,
    /// `[plan]` is not a table: nothing else is read.
    unreadable: bool,
    /// Tables handed over before `[plan]` was known, in file order.
    waiting: Vec<(Kind, Node<'a>)>,
    /// The path of `[evaluation]`, once no later line can change it.
    path: Option<PathShape>,
    /// The KPIs read before the path was known (positions in `kpis`).
    unchecked: Vec<usize>,
    goals: Vec<Goal>,
    measures: Vec<Measure>,
    kpis: Vec<Kpi>,
    dimensions: Vec<Dimension>,
    /// The breakdown fields of the KPIs that write any (positions in `kpis`).
    written: Vec<Written>,
    /// A plan read alone: its KPIs' breakdowns are matched with its own
    /// dimensions at the end; a workspace member's wait for the register's.
    alone: bool,
    lines: Lines,
}

impl<'a> Builder<'a> {
    pub fn new(reader: Reader<'a>) -> Self {
        Builder {
            reader,
            defaults: None,
            unreadable: false,
            waiting: Vec::new(),
            path: None,
            unchecked: Vec::new(),
            goals: Vec::new(),
            measures: Vec::new(),
            kpis: Vec::new(),
            dimensions: Vec::new(),
            written: Vec::new(),
            alone: true,
            lines: Lines::default(),
        }
    }

    /// This builder, for a workspace member: breakdowns are left as
    /// written, to be matched when the workspace is linked.
    pub fn member(self) -> Self {
        Builder {
            alone: false,
            ..self
        }
    }

    /// One table of a top-level array of tables, which no later line can
    /// change; `root` is the document's top level as it stands.
    pub fn item(&mut self, key: &Key, node: Node<'a>, root: &Table) {
        let Some(kind) = Kind::of(&key.name) else {
            return;
        };
        if self.defaults.is_none() && !self.unreadable {
            let Some(plan) = settled(root.get("plan")) else {
                self.waiting.push((kind, node));
                return;
            };
            match self.reader.defaults(plan) {
                Some(defaults) => self.settle(defaults),
                None => self.unreadable = true,
            }
        }
        if kind == Kind::Kpi && self.path.is_none() {
            if let Some(evaluation) = settled(root.get("evaluation")) {
                self.path = Some(self.reader.path_shape(Some(evaluation)));
            }
        }
        self.item_node(kind, &node);
    }

    /// What a builder of a later piece of the text, read apart
    /// (plan/split.rs), takes from this one once `[plan]` is known.
    pub fn seed(&self) -> Option<Seed> {
        Some(Seed {
            defaults: self.defaults.clone()?,
            year_style: self.reader.year_style(),
        })
    }

    /// A builder for a later piece of the text: `[plan]` as `seed` has it,
    /// its own reader and lists, no path yet.
    pub fn seeded(reader: Reader<'a>, seed: Seed) -> Builder<'a> {
        let mut reader = reader;
        reader.set_year_style(seed.year_style);
        Builder {
            defaults: Some(seed.defaults),
            ..Builder::new(reader)
        }
    }

    /// What a table handed over would find known once the text up to here
    /// is read, `root` its top level: `[plan]`'s defaults (`None` if not
    /// known: the rest cannot be read apart) and the path of
    /// `[evaluation]`, as `item` finds them.
    pub fn settle_now(&mut self, root: &Table) -> Option<()> {
        if self.defaults.is_none() && !self.unreadable {
            match self.reader.defaults(settled(root.get("plan"))?) {
                Some(defaults) => self.settle(defaults),
                None => self.unreadable = true,
            }
        }
        self.defaults.as_ref()?;
        Some(())
    }

    /// One table of a later piece of the text, read by a fork.
    pub fn piece_item(&mut self, key: &Key, node: &Node) {
        if let Some(kind) = Kind::of(&key.name) {
            self.item_node(kind, node);
        }
    }

    /// What a fork read of the next piece of the text, in file order, as
    /// if this builder had read it; `root` is the document's top level,
    /// which no piece after the first changes.
    pub fn absorb(&mut self, piece: Builder<'a>, root: &Table) {
        self.reader.problems.extend(piece.reader.problems);
        self.goals.extend(piece.goals);
        self.measures.extend(piece.measures);
        self.lines.append(piece.lines);
        self.dimensions.extend(piece.dimensions);
        let offset = self.kpis.len();
        self.written
            .extend(piece.written.into_iter().map(|w| Written {
                kpi: w.kpi + offset,
                ..w
            }));
        // Room for exactly the piece's KPIs, not double the list.
        self.kpis.reserve_exact(piece.kpis.len());
        for kpi in piece.kpis {
            if self.path.is_none() {
                if let Some(evaluation) = settled(root.get("evaluation")) {
                    self.path = Some(self.reader.path_shape(Some(evaluation)));
                }
            }
            match self.path {
                Some(PathShape::Geometric) => self.reader.geometric(&kpi),
                Some(PathShape::Linear) => {}
                None => self.unchecked.push(self.kpis.len()),
            }
            self.kpis.push(kpi);
        }
    }

    /// `[plan]` is known: the tables that waited for it are read.
    fn settle(&mut self, defaults: Defaults) {
        self.defaults = Some(defaults);
        for (kind, node) in mem::take(&mut self.waiting) {
            self.item_node(kind, &node);
        }
    }

    /// The plan, once the whole document is read: `root` holds what was not
    /// handed over before.
    pub fn end(mut self, root: Table<'a>) -> Result<(Plan, Problems), Problems> {
        for key in root.keys() {
            self.reader.top_key(key);
        }
        let Some(head) = root.get("plan") else {
            self.reader.no_plan();
            return Err(self.reader.problems.sorted());
        };
        let Some((plan, defaults)) = self.reader.head(head) else {
            return Err(self.reader.problems.sorted());
        };
        let scoring = self.reader.evaluation(root.get("evaluation"));
        if self.defaults.is_none() {
            self.settle(defaults);
        }
        if self.path.is_none() {
            self.path = Some(scoring.path);
            if scoring.path == PathShape::Geometric {
                for i in mem::take(&mut self.unchecked) {
                    self.reader.geometric(&self.kpis[i]);
                }
            }
        }
        for kind in Kind::ALL {
            let Some(node) = root.get(kind.path()) else {
                continue;
            };
            match &node.value {
                Value::Array(items) => {
                    for item in items.iter() {
                        self.item_node(kind, item);
                    }
                }
                // Reported: each must be written as [[kind]] tables.
                _ => {
                    for (span, table) in self.reader.tables(node, kind.path()) {
                        self.table(kind, &span, table);
                    }
                }
            }
        }
        let plan = Plan {
            scoring,
            goals: mem::take(&mut self.goals),
            measures: mem::take(&mut self.measures),
            kpis: mem::take(&mut self.kpis),
            dimensions: mem::take(&mut self.dimensions),
            written_breakdowns: mem::take(&mut self.written),
            ..plan
        };
        self.finish(plan)
    }

    /// The problems of a plan that is not TOML: the first on each line
    /// (one mistake often derails the parser for the rest of its line),
    /// and nothing found in the tables read before.
    pub fn syntax_errors(mut self, errors: Vec<SyntaxError>) -> Problems {
        self.reader.problems = Problems::default();
        // A set: a bracket left open early in a national plan makes an
        // error of every line after it, and a list searched for each took
        // minutes.
        let mut seen_lines = std::collections::HashSet::new();
        for e in errors {
            let span = e.span.unwrap_or(0..0);
            let line = self.reader.line(&span);
            if !seen_lines.insert(line) {
                continue;
            }
            let msg = e.message.trim().replace('\n', " ");
            self.reader
                .error(span, format!("TOML syntax error: {msg}"), None);
        }
        self.reader.problems.sorted()
    }

    /// One table of a top-level `goal`, `measure` or `kpi` array, once
    /// `[plan]` is known.
    fn item_node(&mut self, kind: Kind, node: &Node) {
        if self.defaults.is_none() {
            return;
        }
        if let Some(table) = self.reader.item_table(node, kind.path()) {
            self.table(kind, &node.span, table);
        }
    }

    fn table(&mut self, kind: Kind, span: &Span, table: &Table) {
        let Some(defaults) = &self.defaults else {
            return;
        };
        let lines = &mut self.lines;
        match kind {
            Kind::Goal => self.goals.extend(self.reader.goal(span, table, lines)),
            Kind::Measure => self
                .measures
                .extend(self.reader.measure(span, table, lines)),
            Kind::Dimension => self.dimensions.extend(self.reader.dimension(span, table)),
            Kind::Kpi => {
                let Some((kpi, written)) = self.reader.kpi(span, table, defaults, lines) else {
                    return;
                };
                if let Some(written) = written {
                    self.written.push(Written {
                        kpi: self.kpis.len(),
                        ..written
                    });
                }
                match self.path {
                    Some(PathShape::Geometric) => self.reader.geometric(&kpi),
                    Some(PathShape::Linear) => {}
                    None => self.unchecked.push(self.kpis.len()),
                }
                self.kpis.push(kpi);
            }
        }
    }

    /// The plan, checked as a whole: ids, references, cycles.
    fn finish(mut self, mut plan: Plan) -> Result<(Plan, Problems), Problems> {
        super::dimensions::declared_once(&plan.path, &plan.dimensions, &mut self.reader.problems);
        if self.alone {
            super::dimensions::resolve_alone(&mut plan, &mut self.reader.problems);
        }
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

/// A top-level table that no later line can change what `[plan]` or
/// `[evaluation]` gives of: any but one made only on the way to a deeper
/// header (`[evaluation.grade]` before `[evaluation]`), whose own header
/// may still come.
fn settled<'t, 'i>(node: Option<&'t Node<'i>>) -> Option<&'t Node<'i>> {
    let node = node?;
    match &node.value {
        Value::Table(t) if t.implicit && !t.dotted => None,
        _ => Some(node),
    }
}
