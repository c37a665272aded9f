//! Ids to positions in the plan's lists. A national-scale plan has 100,000
//! KPIs and tens of thousands of measures; finding one by scanning the list
//! made reading a ledger and rolling up goals take time proportional to the
//! square of the plan's size.
//!
//! Each list is indexed by the hashes of its ids, sorted: 16 bytes an item,
//! no copy of the ids. A lookup checks the id it finds against the list
//! itself. The lists are not meant to change after loading; one whose
//! length has changed since it was indexed is scanned instead.

use std::hash::{Hash, Hasher};

use super::{MeasureParent, Plan};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Index {
    pub(super) goals: Ids,
    pub(super) measures: Ids,
    pub(super) kpis: Ids,
    /// Each measure under the hash of its parent: a measure's children.
    pub(super) children: Ids,
    /// The KPIs' ids in plan order, one after another.
    kpi_ids: IdsInOrder,
    /// The goal each measure leads up to through its parents (by position),
    /// found once: every KPI's goals are asked for by each report.
    measure_goals: Vec<Option<u32>>,
}

impl Index {
    pub fn new(plan: &Plan) -> Index {
        let mut index = Index {
            goals: Ids::new(plan.goals.iter().map(|g| g.id.as_str())),
            measures: Ids::new(plan.measures.iter().map(|m| m.id.as_str())),
            kpis: Ids::new(plan.kpis.iter().map(|k| k.id.as_str())),
            children: Ids::by_hash(plan.measures.iter().map(|m| parent_hash(&m.parent))),
            kpi_ids: IdsInOrder::new(plan.kpis.iter().map(|k| k.id.as_str())),
            measure_goals: Vec::new(),
        };
        index.measure_goals = index.find_measure_goals(plan);
        index
    }

    /// The goal of every measure: up its parents to one under a goal. A
    /// chain that meets an unknown parent, or goes round in a circle (the
    /// plan's checks report both), leads to no goal.
    fn find_measure_goals(&self, plan: &Plan) -> Vec<Option<u32>> {
        let count = plan.measures.len();
        let mut found: Vec<Option<Option<u32>>> = vec![None; count];
        let mut chain = Vec::new();
        for start in 0..count {
            chain.clear();
            let mut current = Some(start);
            let goal = loop {
                let Some(i) = current else { break None };
                if let Some(known) = found[i] {
                    break known;
                }
                if chain.len() > count {
                    break None; // a circle
                }
                chain.push(i);
                current = match &plan.measures[i].parent {
                    MeasureParent::Measure(p) => self.measures.find(p, &plan.measures, |m| &m.id),
                    MeasureParent::Goal(g) => {
                        let goal = self.goals.find(g, &plan.goals, |g| &g.id);
                        break goal.and_then(|g| u32::try_from(g).ok());
                    }
                };
            };
            for &i in &chain {
                found[i] = Some(goal);
            }
        }
        found.into_iter().map(Option::flatten).collect()
    }

    /// The goal the measure at `position` leads up to, when the index was
    /// made for a list of `measure_count` measures.
    pub(super) fn measure_goal(
        &self,
        position: usize,
        measure_count: usize,
    ) -> Option<Option<usize>> {
        if self.measure_goals.len() != measure_count {
            return None;
        }
        Some(self.measure_goals.get(position)?.map(|g| g as usize))
    }

    /// The id of the KPI at `position` in the plan. Ledger readers meet
    /// KPIs in plan order and try the next one first: reading its id from
    /// one block of text, front to back, spares a cache miss per row that
    /// reaching each KPI's own string costs (a tenth of `kpi status` on a
    /// national ledger).
    pub(super) fn kpi_id(&self, position: usize) -> Option<&str> {
        self.kpi_ids.get(position)
    }

    /// Whether the KPIs' ids were taken from a list of this length.
    pub(super) fn covers_kpis(&self, len: usize) -> bool {
        self.kpi_ids.len() == len
    }
}

/// Ids one after another in one string, with where each ends.
#[derive(Debug, Clone, Default, PartialEq)]
struct IdsInOrder {
    text: String,
    ends: Vec<usize>,
}

impl IdsInOrder {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> IdsInOrder {
        let mut list = IdsInOrder::default();
        for id in ids {
            list.text.push_str(id);
            list.ends.push(list.text.len());
        }
        list
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, position: usize) -> Option<&str> {
        let end = *self.ends.get(position)?;
        let start = match position {
            0 => 0,
            _ => self.ends[position - 1],
        };
        self.text.get(start..end)
    }
}

/// The hash a measure's parent is indexed by (goal and measure ids apart).
pub(super) fn parent_hash(parent: &MeasureParent) -> u64 {
    let mut h = IdHasher::default();
    match parent {
        MeasureParent::Goal(g) => (0u8, g.as_str()).hash(&mut h),
        MeasureParent::Measure(m) => (1u8, m.as_str()).hash(&mut h),
    }
    h.finish()
}

/// (hash of the id, position), sorted: the first position of an id comes first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ids(Vec<(u64, u32)>);

fn hash(id: &str) -> u64 {
    let mut h = IdHasher::default();
    id.hash(&mut h);
    h.finish()
}

impl Ids {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Ids {
        Ids::by_hash(ids.map(hash))
    }

    fn by_hash(hashes: impl Iterator<Item = u64>) -> Ids {
        let mut v: Vec<(u64, u32)> = hashes
            .enumerate()
            .map(|(i, h)| (h, u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        v.sort_unstable();
        Ids(v)
    }

    /// Whether the index was made for a list of this length.
    pub(super) fn covers(&self, len: usize) -> bool {
        self.0.len() == len
    }

    /// The positions indexed under `h`, in ascending order.
    pub(super) fn under(&self, h: u64) -> impl Iterator<Item = usize> + '_ {
        let start = self.0.partition_point(|&(k, _)| k < h);
        self.0[start..]
            .iter()
            .take_while(move |&&(k, _)| k == h)
            .map(|&(_, i)| i as usize)
    }

    /// The first position in `items` whose id is `id`.
    pub(super) fn find<T>(
        &self,
        id: &str,
        items: &[T],
        id_of: impl Fn(&T) -> &String,
    ) -> Option<usize> {
        if self.0.len() != items.len() {
            // Items added or removed since indexing (or never indexed): scan.
            return items.iter().position(|item| id_of(item) == id);
        }
        let h = hash(id);
        let start = self.0.partition_point(|&(k, _)| k < h);
        self.0[start..]
            .iter()
            .take_while(|&&(k, _)| k == h)
            .map(|&(_, i)| i as usize)
            .find(|&i| items.get(i).is_some_and(|item| id_of(item) == id))
    }
}

/// FxHash, as in rustc: ids are short and a plan is its author's own file,
/// so a fast hash fits better than the default SipHash, in which indexing and
/// checking a 100,000-KPI plan spent much of their time.
#[derive(Default)]
pub struct IdHasher(u64);

/// Maps and sets keyed by ids (or by KPI and year) hash with `IdHasher`.
pub type FastHash = std::hash::BuildHasherDefault<IdHasher>;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::test_plans::plain_kpis;

    #[test]
    fn kpi_ids_in_plan_order_and_never_stale() {
        let text = plain_kpis(&[("a", "A"), ("pop-2", "B")]);
        let (mut plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap();
        assert_eq!(plan.kpi_id_at(0), Some("a"));
        assert_eq!(plan.kpi_id_at(1), Some("pop-2"));
        assert_eq!(plan.kpi_id_at(2), None);
        // A list changed after loading is read itself, not the index's copy.
        plan.kpis.swap(0, 1);
        plan.kpis.pop();
        assert_eq!(plan.kpi_id_at(0), Some("pop-2"));
        assert_eq!(plan.kpi_id_at(1), None);
    }
}
