//! Breakdowns (breakdowns.md): one KPI's figures by sex, age, area, …
//!
//! The types here are what the plan declares (`[[dimension]]`, a KPI's
//! `breakdowns`, `total` and `category_target`) and the key a category
//! figure of the ledger is stored under. A plan without dimensions has
//! none of them, and everything it prints is what it printed before.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::exact;

/// `[[dimension]]`: a way a KPI's figure is broken down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    /// ASCII id: the ledger's column name.
    pub id: String,
    /// The printed name (`年齢`), also the workbook's column header.
    pub name: String,
    /// In the order they are printed.
    pub categories: Vec<String>,
    /// Optional codes (全国地方公共団体コード for an area), one per
    /// category in the same order; empty when not written.
    pub codes: Vec<String>,
    /// The line of the `[[dimension]]` header in the file it was declared in.
    pub line: usize,
}

impl Dimension {
    /// The position of the category a ledger or import cell names, by its
    /// name or its code.
    pub fn category(&self, cell: &str) -> Option<usize> {
        self.categories
            .iter()
            .position(|c| c == cell)
            .or_else(|| self.codes.iter().position(|c| c == cell))
    }

    /// The code of category `i`, when the dimension gives codes.
    pub fn code(&self, i: usize) -> Option<&str> {
        self.codes.get(i).map(String::as_str)
    }
}

/// `total`: how a KPI's total relates to its categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Total {
    /// `"sum"`: the categories add up to the total (a count), which is checked.
    Sum,
    /// `"reported"`: the total is a figure of its own (rates, averages).
    Reported,
}

/// `category_target`: what each category aims at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CategoryTarget {
    /// `"same"`: every category aims at the KPI's target.
    Same,
    /// A table of targets per category; a category it does not name has
    /// no target.
    Each(Vec<CategoryGoal>),
}

/// One entry of a `category_target` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryGoal {
    /// Position in the KPI's `breakdowns` (not in the plan's dimensions).
    pub dimension: usize,
    /// Position in that dimension's categories.
    pub category: usize,
    #[serde(with = "exact")]
    pub target: Decimal,
}

/// A KPI's `breakdowns`, `total` and `category_target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// Positions in the plan's `dimensions`, in the order `breakdowns` lists them.
    pub dimensions: Vec<usize>,
    pub total: Total,
    pub category_target: Option<CategoryTarget>,
}

impl Breakdown {
    /// The target of category `category` of the KPI's `dimension`-th
    /// breakdown, given the KPI's own target; `None` when it has none.
    pub fn target_of(
        &self,
        dimension: usize,
        category: usize,
        kpi_target: Decimal,
    ) -> Option<Decimal> {
        match self.category_target.as_ref()? {
            CategoryTarget::Same => Some(kpi_target),
            CategoryTarget::Each(goals) => goals
                .iter()
                .find(|g| g.dimension == dimension && g.category == category)
                .map(|g| g.target),
        }
    }
}

/// Which categories a ledger figure is for: one cell per dimension of the
/// KPI's `breakdowns`, in that order; `None` is the total over that
/// dimension (a blank cell). All `None` is the KPI's total itself, which
/// the ledger keeps where it keeps every KPI's figures.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CategoryKey(pub Box<[Option<u16>]>);

impl CategoryKey {
    /// The one dimension this figure is broken down by, when it is a
    /// single-dimension figure (every other cell blank): (position in
    /// `breakdowns`, category).
    pub fn single(&self) -> Option<(usize, usize)> {
        let mut set = self
            .0
            .iter()
            .enumerate()
            .filter_map(|(d, c)| c.map(|c| (d, c as usize)));
        let first = set.next()?;
        set.next().is_none().then_some(first)
    }

    /// True for a figure of a combination of two or more dimensions.
    pub fn is_combination(&self) -> bool {
        self.0.iter().filter(|c| c.is_some()).count() > 1
    }
}

/// Where a field was written: 1-based line and column in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spot {
    pub line: usize,
    pub column: usize,
}

/// A KPI's `breakdowns`, `total` and `category_target` as written, before
/// they are matched with the plan's dimensions: a workspace member's KPI
/// may name a dimension of the register, known only when the workspace is
/// linked (docs/breakdowns.md, "Plan").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// The KPI's position in the plan's `kpis`.
    pub kpi: usize,
    /// Dimension ids, each once, in the order written; empty when
    /// `breakdowns` is not written.
    pub dimensions: Vec<(String, Spot)>,
    /// Where `breakdowns` was written, if it was.
    pub dimensions_at: Option<Spot>,
    pub total: Option<(Total, Spot)>,
    pub category_target: Option<(WrittenTarget, Spot)>,
}

/// `category_target` as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WrittenTarget {
    Same,
    /// Keys (`0歳`, `age=0歳`) with their targets, in the order written.
    Each(Vec<WrittenGoal>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenGoal {
    pub key: String,
    #[serde(with = "exact")]
    pub target: Decimal,
    pub at: Spot,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(cells: &[Option<u16>]) -> CategoryKey {
        CategoryKey(cells.to_vec().into_boxed_slice())
    }

    #[test]
    fn a_key_with_one_category_is_single_and_two_are_a_combination() {
        assert_eq!(key(&[None, Some(2)]).single(), Some((1, 2)));
        assert!(!key(&[None, Some(2)]).is_combination());
        assert_eq!(key(&[Some(0), Some(1)]).single(), None);
        assert!(key(&[Some(0), Some(1)]).is_combination());
        assert_eq!(key(&[None, None]).single(), None);
    }

    #[test]
    fn a_category_is_found_by_name_or_code() {
        let d = Dimension {
            id: "area".into(),
            name: "市区町村".into(),
            categories: vec!["さいたま市".into(), "川越市".into()],
            codes: vec!["11100".into(), "11201".into()],
            line: 1,
        };
        assert_eq!(d.category("川越市"), Some(1));
        assert_eq!(d.category("11100"), Some(0));
        assert_eq!(d.category("朝霞市"), None);
        assert_eq!(d.code(1), Some("11201"));
    }

    #[test]
    fn same_aims_every_category_at_the_kpi_target_and_a_table_only_those_it_names() {
        let mut b = Breakdown {
            dimensions: vec![0],
            total: Total::Sum,
            category_target: Some(CategoryTarget::Same),
        };
        assert_eq!(
            b.target_of(0, 2, Decimal::new(5, 0)),
            Some(Decimal::new(5, 0))
        );
        b.category_target = Some(CategoryTarget::Each(vec![CategoryGoal {
            dimension: 0,
            category: 1,
            target: Decimal::new(3, 0),
        }]));
        assert_eq!(
            b.target_of(0, 1, Decimal::new(5, 0)),
            Some(Decimal::new(3, 0))
        );
        assert_eq!(b.target_of(0, 0, Decimal::new(5, 0)), None);
        b.category_target = None;
        assert_eq!(b.target_of(0, 1, Decimal::new(5, 0)), None);
    }
}
