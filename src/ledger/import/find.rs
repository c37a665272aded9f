//! Finding a plan's KPI from what an import file's cell says (its id or
//! name, as people write them), for `normalise`'s reading of the cells.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::decode::cp932_twin;
use crate::plan::{FastHash, Plan};
use crate::problem::quoted;
use crate::suggest;
use crate::year::narrow_ascii;

/// Finding a plan's KPI from what a cell says: its id or its exact name;
/// failing that, the same compared without regard to letter case, width
/// (`ＡＢＣ`, `（`) or the characters CP932 writes differently (`〜`/`～`).
/// A name that several KPIs share names none of them: `Found::Shared`.
pub struct KpiFinder<'p> {
    plan: &'p Plan,
    /// Each name to the KPIs that have it (one, but for a name shared).
    exact: HashMap<&'p str, Names, FastHash>,
    /// Folded id or name → the KPIs it could be; made at the first name
    /// that is not exact (folding 200,000 ids and names of a national plan
    /// costs more than reading its figures).
    folded: OnceCell<HashMap<String, Names, FastHash>>,
    /// In a workspace, where `plan` is the plan of the series: the members'
    /// KPI ids and names, each naming its series.
    aliases: Option<&'p Aliases>,
    /// `aliases`' KPI ids → the series they read.
    alias_ids: HashMap<&'p str, Names, FastHash>,
}

/// What names a series in a workspace besides its own id and name
/// (workspace.md, "`import` and `record`"): a member KPI's id (its series)
/// and a member KPI's name, which must belong to one series.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// A member KPI's id and the series it reads (an index into the
    /// series plan's `kpis`).
    pub ids: Vec<(String, usize)>,
    /// A member KPI's name and the series it reads.
    pub names: Vec<(String, usize)>,
    /// Per series: the members that use it, by name, for messages.
    pub users: Vec<Vec<String>>,
}

/// The KPIs a name or id is found for: one, the usual case, with no
/// allocation; several for a name they share.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Names {
    One(usize),
    Many(Vec<usize>),
}

impl Names {
    fn add(&mut self, i: usize) {
        match self {
            Names::One(first) if *first != i => *self = Names::Many(vec![*first, i]),
            Names::Many(all) if !all.contains(&i) => all.push(i),
            _ => {}
        }
    }

    fn found(&self) -> Found {
        match self {
            Names::One(i) => Found::Kpi(*i),
            Names::Many(all) => Found::Shared(all.clone()),
        }
    }
}

/// What a cell naming a KPI names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One KPI, by index in `plan.kpis`.
    Kpi(usize),
    /// A name that these KPIs share: it names none of them.
    Shared(Vec<usize>),
    /// No KPI.
    Unknown,
}

pub(super) fn fold(text: &str) -> String {
    let twin: String = text
        .chars()
        .map(|c| if c == '¥' { '\\' } else { cp932_twin(c) })
        .collect();
    narrow_ascii(&twin).trim().to_lowercase()
}

impl<'p> KpiFinder<'p> {
    pub fn new(plan: &'p Plan) -> Self {
        // Ids are found through the plan's own index; names need a map.
        let mut exact: HashMap<&'p str, Names, FastHash> = HashMap::default();
        for (i, k) in plan.kpis.iter().enumerate() {
            exact
                .entry(k.name.as_str())
                .and_modify(|n| n.add(i))
                .or_insert(Names::One(i));
        }
        KpiFinder {
            plan,
            exact,
            folded: OnceCell::new(),
            aliases: None,
            alias_ids: HashMap::default(),
        }
    }

    /// A finder over a workspace's plan of the series: a text may name a
    /// series by its id or name, or by a member KPI's id or name.
    pub fn with_aliases(plan: &'p Plan, aliases: &'p Aliases) -> Self {
        let mut finder = KpiFinder::new(plan);
        for (name, s) in &aliases.names {
            finder
                .exact
                .entry(name.as_str())
                .and_modify(|n| n.add(*s))
                .or_insert(Names::One(*s));
        }
        for (id, s) in &aliases.ids {
            finder
                .alias_ids
                .entry(id.as_str())
                .and_modify(|n| n.add(*s))
                .or_insert(Names::One(*s));
        }
        finder.aliases = Some(aliases);
        finder
    }

    fn folded(&self) -> &HashMap<String, Names, FastHash> {
        self.folded.get_or_init(|| {
            let mut folded: HashMap<String, Names, FastHash> = HashMap::default();
            let mut add = |key: String, i: usize| {
                folded
                    .entry(key)
                    .and_modify(|n| n.add(i))
                    .or_insert(Names::One(i));
            };
            for (i, k) in self.plan.kpis.iter().enumerate() {
                add(fold(&k.id), i);
                add(fold(&k.name), i);
            }
            if let Some(aliases) = self.aliases {
                for (text, i) in aliases.ids.iter().chain(&aliases.names) {
                    add(fold(text), *i);
                }
            }
            folded
        })
    }

    /// What `text` names: a KPI by its id (ids are unique), else by its
    /// name, else the same folded.
    pub fn lookup(&self, text: &str) -> Found {
        let text = text.trim();
        if self.aliases.is_some() {
            // A series id, or a member KPI's id: together they must name
            // one series (a member's KPI id may be another series' id).
            let mut ids = self.alias_ids.get(text).cloned();
            if let Some(i) = self.plan.kpi_index(text) {
                match &mut ids {
                    Some(names) => names.add(i),
                    None => ids = Some(Names::One(i)),
                }
            }
            if let Some(names) = ids {
                return names.found();
            }
        } else if let Some(i) = self.plan.kpi_index(text) {
            return Found::Kpi(i);
        }
        if let Some(names) = self.exact.get(text) {
            return names.found();
        }
        self.folded()
            .get(&fold(text))
            .map_or(Found::Unknown, Names::found)
    }

    /// The one KPI `text` names, if it names one.
    pub fn find(&self, text: &str) -> Option<usize> {
        match self.lookup(text) {
            Found::Kpi(i) => Some(i),
            Found::Shared(_) | Found::Unknown => None,
        }
    }

    /// The ids of KPIs, for a message: `` `a`, `b` ``.
    pub fn ids(&self, kpis: &[usize]) -> String {
        kpis.iter()
            .map(|&i| format!("`{}`", self.plan.kpis[i].id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The message and hint for a name that several KPIs share.
    pub fn shared(&self, text: &str, kpis: &[usize]) -> (String, String) {
        if let Some(aliases) = self.aliases {
            let mut kpis = kpis.to_vec();
            kpis.sort_unstable();
            let listed: Vec<String> = kpis
                .iter()
                .map(|&i| {
                    let users = aliases.users.get(i).map_or(String::new(), |u| u.join(", "));
                    format!("`{}` ({users})", self.plan.kpis[i].id)
                })
                .collect();
            return (
                format!(
                    "`{}` names {} series of the workspace: {}",
                    quoted(text),
                    kpis.len(),
                    listed.join(", ")
                ),
                if kpis.iter().any(|&i| self.plan.kpis[i].id == text) {
                    // Issue 24, item 19: the id is a series' and another's KPI id.
                    format!("`{}` is a series id and also the id of a member KPI that reads another series, so it names neither: rename that KPI (kpi validate names it); name the other series by its id", quoted(text))
                } else {
                    "name the series by its id (the indicator id, or the KPI id of a series of one plan)"
                        .to_string()
                },
            );
        }
        (
            format!(
                "`{}` is the name of {} KPIs: {}",
                quoted(text),
                kpis.len(),
                self.ids(kpis)
            ),
            "name the KPI by its id; give the KPIs different names in the plan (kpi validate warns of it)"
                .to_string(),
        )
    }

    /// The message for `text`, a KPI the plan does not have (in a
    /// workspace: a series no member uses).
    pub fn unknown(&self, text: &str) -> String {
        match self.aliases {
            None => format!("unknown KPI `{}`", quoted(text)),
            Some(_) => format!(
                "unknown KPI `{}`: no member of the workspace uses such a series or KPI",
                quoted(text)
            ),
        }
    }

    /// What to say about `text`, a KPI the plan does not have.
    pub fn hint(&self, text: &str) -> String {
        let mut ids: Vec<&str> = self.plan.kpis.iter().map(|k| k.id.as_str()).collect();
        let mut names: Vec<&str> = self.plan.kpis.iter().map(|k| k.name.as_str()).collect();
        if let Some(aliases) = self.aliases {
            ids.extend(aliases.ids.iter().map(|(id, _)| id.as_str()));
            names.extend(aliases.names.iter().map(|(name, _)| name.as_str()));
            ids.sort_unstable();
            ids.dedup();
            names.sort_unstable();
            names.dedup();
            let near = suggest::unknown_id_or_name(text, "series", &ids, &names, "");
            return if near.starts_with("did you mean") {
                near
            } else {
                "name a series by its id (kpi-workspace.toml's [[indicator]], or a member's KPI id) or its exact name; a series no member uses cannot be imported".to_string()
            };
        }
        suggest::unknown_id_or_name(
            text,
            "KPI",
            &ids,
            &names,
            "name the KPI by its id or its exact name in the plan",
        )
    }
}
