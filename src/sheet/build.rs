//! From a sheet's rows to the goals, measures and KPIs of a plan: goals and
//! measures from their numbers (with the parents a dotted number implies),
//! one KPI from the rows that list it under several measures, ids made for
//! KPIs the sheet gives none, and an order that `kpi export` gives back.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::cells::{self, Numbered};
use super::columns::Role;
use super::order::sheet_order;
use super::read::{KpiRow, Sheet, SheetRow, NUMERIC_TARGET};
use crate::lang::Lang;
use crate::plan::{Attachment, MeasureParent};
use crate::problem::{Location, Problem, Problems};
use crate::year::YearStyle;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalDraft {
    pub id: String,
    /// `None` when no row names it: the plan names it by its number.
    pub name: Option<String>,
    /// The first row that gives it.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureDraft {
    pub id: String,
    pub name: Option<String>,
    pub parent: MeasureParent,
    /// The goal it leads up to.
    pub goal: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiDraft {
    pub id: String,
    /// True when the sheet gave no id and one was made (`kpi-3`).
    pub generated: bool,
    pub row: KpiRow,
    pub attachment: Attachment,
    /// Every row that lists it, in sheet order.
    pub lines: Vec<usize>,
}

/// What a plan is built from.
#[derive(Debug, Clone)]
pub struct Draft {
    pub title: Option<String>,
    pub year_style: YearStyle,
    pub goals: Vec<GoalDraft>,
    pub measures: Vec<MeasureDraft>,
    pub kpis: Vec<KpiDraft>,
}

/// How a KPI row is matched with another: by the id the sheet gives, else
/// by its name (the first KPI listed with that name).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Id(String),
    Name(String),
}

/// Build the draft plan; every problem found comes back with it.
pub fn build(path: &Path, sheet: &Sheet) -> (Draft, Problems) {
    let mut b = Builder {
        path,
        sheet,
        draft: Draft {
            title: sheet.title.clone(),
            year_style: sheet.year_style,
            goals: Vec::new(),
            measures: Vec::new(),
            kpis: Vec::new(),
        },
        keys: HashMap::new(),
        groups: Vec::new(),
        group_of: HashMap::new(),
        goal_of: HashMap::new(),
        measure_of: HashMap::new(),
        last_measure: None,
        problems: Problems::default(),
    };
    for row in &sheet.rows {
        b.row(row);
    }
    // "The sheet lists no KPI" is said by the caller, which also knows of
    // the problems met reading the rows (a row whose figure is refused is
    // no KPI, and saying so on top of its error would mislead).
    b.make_ids();
    b.check_kpis();
    let order = sheet_order(b.draft.kpis.len(), &b.groups);
    let mut kpis: Vec<Option<KpiDraft>> = b.draft.kpis.drain(..).map(Some).collect();
    b.draft.kpis = order.iter().filter_map(|&i| kpis[i].take()).collect();
    (b.draft, b.problems)
}

struct Builder<'a> {
    path: &'a Path,
    sheet: &'a Sheet,
    draft: Draft,
    keys: HashMap<Key, usize>,
    /// The KPIs listed under each goal (numeric targets) or measure, in
    /// row order: the order export writes them in.
    groups: Vec<Vec<usize>>,
    /// Indexes: a group by the goal (false) or measure (true) it lists,
    /// goals and measures by id.
    group_of: HashMap<(bool, String), usize>,
    goal_of: HashMap<String, usize>,
    measure_of: HashMap<String, usize>,
    /// The goal and measure of the last row that named a measure: a row
    /// of the same goal with an empty measure cell is under it (the cell
    /// was merged down its rows in the spreadsheet).
    last_measure: Option<(String, Numbered)>,
    problems: Problems,
}

impl Builder<'_> {
    fn error(&mut self, line: usize, message: String, hint: &str) {
        self.problems
            .push(Problem::error(Location::line(self.path, line), message).hint(hint));
    }

    fn heading(&self, role: Role) -> String {
        self.sheet
            .header
            .column(role)
            .map_or_else(|| role.heading(Lang::Ja).to_string(), |c| c.name.clone())
    }

    fn row(&mut self, row: &SheetRow) {
        let line = row.line;
        let goal = row.goal.id.clone();
        self.goal(&row.goal, line);
        let last = self.last_measure.clone();
        let measure = match (&row.measure, &last) {
            (Some(m), _) => {
                self.last_measure = Some((goal.clone(), m.clone()));
                Some(m.clone())
            }
            (None, Some((of, m))) if *of == goal && !row.numeric_target && row.kpi.is_some() => {
                let m = Numbered {
                    id: m.id.clone(),
                    name: None,
                };
                let kpi = row.kpi.as_ref().map_or("", |k| k.name.as_str());
                self.problems.push(
                    Problem::warning(
                        Location::line(self.path, line),
                        format!(
                            "`{kpi}` has no measure: read as under measure {}, the measure of the rows above (a cell merged down its rows)",
                            m.id
                        ),
                    )
                    .hint(format!(
                        "for a numeric target of goal {goal}, write {NUMERIC_TARGET} in its measure cell, or list numeric targets before the goal's measures"
                    )),
                );
                Some(m)
            }
            _ => None,
        };
        let attach = match &measure {
            Some(m) => {
                let parents = cells::ancestors(&m.id)
                    .into_iter()
                    .map(|id| Numbered { id, name: None });
                // One conflict of goals is enough: the measures below it share it.
                for measure in parents.chain(std::iter::once(m.clone())) {
                    if !self.measure(&measure, &goal, line) {
                        break;
                    }
                }
                Attachment::Measures(vec![m.id.clone()])
            }
            None => Attachment::Goal(goal),
        };
        if let Some(kpi) = &row.kpi {
            self.kpi(kpi, attach, line);
        }
    }

    fn goal(&mut self, given: &Numbered, line: usize) {
        let Some(&i) = self.goal_of.get(&given.id) else {
            self.goal_of
                .insert(given.id.clone(), self.draft.goals.len());
            self.draft.goals.push(GoalDraft {
                id: given.id.clone(),
                name: given.name.clone(),
                line,
            });
            return;
        };
        let first = self.draft.goals[i].line;
        if let Some((had, here)) = rename(&mut self.draft.goals[i].name, &given.name) {
            let message = format!(
                "goal {} is named `{here}` here, but `{had}` on line {first}",
                given.id
            );
            self.error(line, message, "give each goal one name");
        }
    }

    /// Place a measure; false when it is under another goal already.
    fn measure(&mut self, given: &Numbered, goal: &str, line: usize) -> bool {
        let Some(&i) = self.measure_of.get(&given.id) else {
            self.measure_of
                .insert(given.id.clone(), self.draft.measures.len());
            self.draft.measures.push(MeasureDraft {
                id: given.id.clone(),
                name: given.name.clone(),
                parent: cells::implied_parent(&given.id, goal),
                goal: goal.to_string(),
                line,
            });
            return true;
        };
        let (first, first_goal) = (
            self.draft.measures[i].line,
            self.draft.measures[i].goal.clone(),
        );
        if first_goal != goal {
            let message = format!(
                "measure {} is under goal {goal} here, but under goal {first_goal} on line {first}",
                given.id
            );
            self.error(
                line,
                message,
                "a measure hangs under one goal: fix the goal number",
            );
            return false;
        }
        if let Some((had, here)) = rename(&mut self.draft.measures[i].name, &given.name) {
            let message = format!(
                "measure {} is named `{here}` here, but `{had}` on line {first}",
                given.id
            );
            self.error(line, message, "give each measure one name");
        }
        true
    }

    fn kpi(&mut self, row: &KpiRow, attach: Attachment, line: usize) {
        let key = match &row.id {
            Some(id) => Key::Id(id.clone()),
            None => Key::Name(row.name.clone()),
        };
        let Some(&i) = self.keys.get(&key) else {
            let i = self.draft.kpis.len();
            self.keys.insert(key, i);
            // A later row without an id is this KPI when it has its name.
            self.keys.entry(Key::Name(row.name.clone())).or_insert(i);
            self.draft.kpis.push(KpiDraft {
                id: row.id.clone().unwrap_or_default(),
                generated: false,
                row: row.clone(),
                attachment: attach.clone(),
                lines: vec![line],
            });
            self.group(attach, i);
            return;
        };
        let first = self.draft.kpis[i].lines[0];
        if let Some((role, here, there)) =
            difference(&self.draft.kpis[i].row, row, self.sheet.year_style)
        {
            let message = format!(
                "KPI `{}` is on line {first} too, with other figures: column `{}` is `{here}` here and `{there}` on line {first}",
                row.name,
                self.heading(role)
            );
            self.error(line, message, "a KPI listed under two measures has the same figures on both rows; give another KPI another name");
            return;
        }
        let kpi = &mut self.draft.kpis[i];
        let problem = match (&mut kpi.attachment, &attach) {
            (Attachment::Measures(ms), Attachment::Measures(new)) if !ms.contains(&new[0]) => {
                ms.push(new[0].clone());
                None
            }
            (Attachment::Measures(ms), Attachment::Measures(_)) => {
                Some(format!("is listed twice under measure {}", ms[0]))
            }
            (Attachment::Goal(g), Attachment::Goal(new)) if g == new => {
                Some(format!("is listed twice as a numeric target of goal {g}"))
            }
            (Attachment::Goal(g), Attachment::Goal(new)) => Some(format!(
                "is a numeric target of goal {g} there and of goal {new} here"
            )),
            (Attachment::Goal(g), Attachment::Measures(m)) => Some(format!(
                "hangs under goal {g} there (a numeric target) and under measure {} here",
                m[0]
            )),
            (Attachment::Measures(m), Attachment::Goal(g)) => Some(format!(
                "hangs under measure {} there and under goal {g} here (a numeric target)",
                m[0]
            )),
        };
        match problem {
            Some(p) => {
                let message = format!("KPI `{}` {p} (line {first} and this one)", row.name);
                self.error(line, message, "a KPI hangs under one goal (数値目標) or under measures, each once: delete the extra row");
            }
            None => {
                kpi.lines.push(line);
                self.group(attach, i);
            }
        }
    }

    fn group(&mut self, attach: Attachment, kpi: usize) {
        let key = match attach {
            Attachment::Goal(g) => (false, g),
            Attachment::Measures(ms) => (true, ms.into_iter().next().unwrap_or_default()),
        };
        match self.group_of.get(&key) {
            Some(&i) => self.groups[i].push(kpi),
            None => {
                self.group_of.insert(key, self.groups.len());
                self.groups.push(vec![kpi]);
            }
        }
    }

    /// Ids for KPIs the sheet gives none: `kpi-N`, N its place in the sheet.
    fn make_ids(&mut self) {
        let mut used: HashSet<String> = self.draft.kpis.iter().map(|k| k.id.clone()).collect();
        for (n, kpi) in self.draft.kpis.iter_mut().enumerate() {
            if !kpi.id.is_empty() {
                continue;
            }
            let base = format!("kpi-{}", n + 1);
            let mut id = base.clone();
            let mut k = 2;
            while used.contains(&id) {
                id = format!("{base}-{k}");
                k += 1;
            }
            used.insert(id.clone());
            kpi.id = id;
            kpi.generated = true;
        }
    }

    /// What the plan would refuse, said in the sheet's terms.
    fn check_kpis(&mut self) {
        let has_cumulative = self.sheet.header.column(Role::Cumulative).is_some();
        let has_direction = self.sheet.header.column(Role::Direction).is_some();
        for i in 0..self.draft.kpis.len() {
            let kpi = &self.draft.kpis[i];
            let (line, name, row) = (kpi.lines[0], kpi.row.name.clone(), kpi.row.clone());
            if row.baseline.value == row.target.value && row.direction.is_none() {
                let hint = if has_direction {
                    format!(
                        "fill in column `{}`: 増加 if higher is better, 減少 if lower",
                        self.heading(Role::Direction)
                    )
                } else {
                    "add a column 方向 (direction): 増加 if higher is better, 減少 if lower"
                        .to_string()
                };
                let message = format!(
                    "column `{}`: KPI `{name}` has the same baseline and target ({}) and no direction",
                    self.heading(Role::Target),
                    row.target.value
                );
                self.error(line, message, &hint);
            }
            if name.contains("累計") && !row.cumulative && !has_cumulative {
                self.problems.push(
                    Problem::warning(
                        Location::line(self.path, line),
                        format!("KPI `{name}` says 累計 in its name, but the sheet has no 累計 column"),
                    )
                    .hint("add a column 累計 (cumulative) with ○ on running totals, so that kpi checks they never go down"),
                );
            }
        }
    }
}

/// Give a name to what has none; when it has another, the two: the name it
/// has and the one given.
fn rename(name: &mut Option<String>, given: &Option<String>) -> Option<(String, String)> {
    match (name.as_ref(), given) {
        (Some(a), Some(b)) if a != b => Some((a.clone(), b.clone())),
        (None, Some(b)) => {
            *name = Some(b.clone());
            None
        }
        _ => None,
    }
}

/// The first column in which two rows of one KPI differ: its role, the
/// second row's text and the first's.
fn difference(first: &KpiRow, here: &KpiRow, style: YearStyle) -> Option<(Role, String, String)> {
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let milestones = |k: &KpiRow| {
        k.milestones
            .iter()
            .map(|p| format!("{} {}", p.year.label(style), p.value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let schedule = |k: &KpiRow| crate::sheet::schedule::cells(&k.schedule, style).join("; ");
    // A column's text in the first row and in this one.
    let both = |role, f: &dyn Fn(&KpiRow) -> String| (role, f(first), f(here));
    let fields: [(Role, String, String); 13] = [
        both(Role::Name, &|k| k.name.clone()),
        both(Role::Unit, &|k| text(&k.unit)),
        both(Role::Baseline, &|k| k.baseline.value.to_string()),
        both(Role::BaselineYear, &|k| k.baseline.year.label(style)),
        both(Role::Target, &|k| k.target.value.to_string()),
        both(Role::TargetYear, &|k| k.target.year.label(style)),
        both(Role::Milestone, &milestones),
        both(Role::Direction, &|k| {
            format!("{:?}", k.direction.map(|d| d.name()))
        }),
        both(Role::Cumulative, &|k| k.cumulative.to_string()),
        both(Role::Frequency, &schedule),
        both(Role::Owner, &|k| text(&k.owner)),
        both(Role::Source, &|k| text(&k.source)),
        both(Role::Note, &|k| text(&k.note)),
    ];
    // Values compare as numbers: `50` and `50.0` are one target.
    let same_number = |a: &str, b: &str| {
        a.parse::<rust_decimal::Decimal>()
            .ok()
            .zip(b.parse().ok())
            .is_some_and(|(x, y)| x == y)
    };
    fields
        .into_iter()
        .find(|(role, a, b)| {
            a != b && !(matches!(role, Role::Baseline | Role::Target) && same_number(a, b))
        })
        .map(|(role, a, b)| (role, b, a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::read::read;

    fn draft(text: &str) -> (Draft, Vec<String>) {
        let path = Path::new("s.csv");
        let (sheet, mut problems) = read(path, text);
        let (draft, found) = build(path, &sheet.expect("a header"));
        problems.extend(found);
        (draft, problems.0.iter().map(|p| p.to_string()).collect())
    }

    const HEAD: &str = "指標ID,施策,指標名,現状値（H26）,目標値（H31）\n";

    #[test]
    fn a_row_without_an_id_is_the_kpi_of_its_name() {
        let (d, p) = draft(&format!("{HEAD}a,1.1,率,1,2\n,1.2,率,1,2\n,1.3,件数,1,2\n"));
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(d.kpis.len(), 2);
        assert_eq!(d.kpis[0].id, "a");
        assert_eq!(
            d.kpis[0].attachment,
            Attachment::Measures(vec!["1.1".into(), "1.2".into()])
        );
        // Made ids count KPIs, not rows: 件数 is the second KPI.
        assert_eq!(d.kpis[1].id, "kpi-2");
        assert!(d.kpis[1].generated);
    }

    #[test]
    fn a_made_id_never_takes_a_given_one() {
        let (d, p) = draft(&format!("{HEAD},1.1,率,1,2\nkpi-1,1.1,件数,1,2\n"));
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(d.kpis[0].id, "kpi-1-2");
        assert_eq!(d.kpis[1].id, "kpi-1");
    }

    #[test]
    fn parents_are_made_from_dotted_numbers_and_named_by_a_row() {
        let (d, p) = draft(&format!("{HEAD},1.2.3.4,率,1,2\n,1.2 両立,,,\n"));
        assert!(p.is_empty(), "{p:?}");
        let ms: Vec<(&str, Option<&str>)> = d
            .measures
            .iter()
            .map(|m| (m.id.as_str(), m.name.as_deref()))
            .collect();
        assert_eq!(
            ms,
            [("1.2", Some("両立")), ("1.2.3", None), ("1.2.3.4", None)]
        );
        assert_eq!(d.measures[0].parent, MeasureParent::Goal("1".into()));
        assert_eq!(d.measures[2].parent, MeasureParent::Measure("1.2.3".into()));
        assert_eq!(d.goals[0].id, "1");
    }

    const WITH_GOAL: &str = "基本目標,施策,指標名,現状値（H26）,目標値（H31）\n";

    fn places(d: &Draft) -> Vec<(&str, Attachment)> {
        d.kpis
            .iter()
            .map(|k| (k.row.name.as_str(), k.attachment.clone()))
            .collect()
    }

    #[test]
    fn a_measure_cell_merged_down_its_rows_names_the_measure_of_every_row() {
        // Saved as CSV, a measure cell merged down three rows is filled on
        // the first only. Numeric targets come before the goal's first measure.
        let (d, p) = draft(&format!(
            "{WITH_GOAL}1,,転出率,1,2\n1,1.1,件数,1,2\n1,,人数,1,2\n1,,割合,1,2\n2,,満足度,1,2\n"
        ));
        let m = |id: &str| Attachment::Measures(vec![id.to_string()]);
        assert_eq!(
            places(&d),
            [
                ("転出率", Attachment::Goal("1".into())),
                ("件数", m("1.1")),
                ("人数", m("1.1")),
                ("割合", m("1.1")),
                // Goal 2 has no measure yet: a numeric target.
                ("満足度", Attachment::Goal("2".into())),
            ]
        );
        // One note for each row that took the measure above, with its line.
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].starts_with("warning: s.csv:4: `人数` has no measure: read as under measure 1.1"),
            "{p:?}"
        );
        assert!(
            p[1].starts_with("warning: s.csv:5: `割合` has no measure"),
            "{p:?}"
        );
    }

    #[test]
    fn a_measure_cell_saying_numeric_target_is_one_after_measures_too() {
        let (d, p) = draft(&format!(
            "{WITH_GOAL}1,1.1,件数,1,2\n1,数値目標,転出率,1,2\n1,,人数,1,2\n"
        ));
        assert_eq!(
            places(&d),
            [
                ("件数", Attachment::Measures(vec!["1.1".into()])),
                ("転出率", Attachment::Goal("1".into())),
                ("人数", Attachment::Measures(vec!["1.1".into()])),
            ]
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("`人数` has no measure"), "{p:?}");
    }
}
