//! The columns of the rows the editor writes: those a file's header names
//! (found as the strict reader finds them), or a new file's canonical
//! `kpi,year,value,note` (and `source` when a row has one).

use crate::breakdown::{CategoryKey, Dimension};
use crate::ledger::import::Figure;
use crate::ledger::read::Columns;
use crate::plan::Plan;

/// The layout a header names, found as the strict reader finds it.
pub(super) fn layout(
    record: &csv::StringRecord,
    dimensions: &[Dimension],
) -> Result<Columns, String> {
    Columns::of_header(record, dimensions)
        .ok_or_else(|| "the header lacks kpi, year or value".to_string())
}

/// The columns of a new file, and the fields of rows written to a file.
impl Columns {
    /// `kpi,year,value,note`, then `source` and `flag` when a row needs them.
    pub(super) fn canonical(with_source: bool, with_flag: bool) -> Columns {
        let source = with_source.then_some(4);
        let flag = with_flag.then_some(4 + usize::from(with_source));
        Columns {
            kpi: 0,
            year: 1,
            value: 2,
            note: Some(3),
            source,
            flag,
            width: 4 + usize::from(with_source) + usize::from(with_flag),
            dimensions: Vec::new(),
        }
    }

    pub(super) fn names<'p>(&self, plan: &'p Plan) -> Vec<&'p str> {
        let mut names = vec![""; self.width];
        for &(i, d) in &self.dimensions {
            names[i] = &plan.dimensions[d].id;
        }
        names[self.kpi] = "kpi";
        names[self.year] = "year";
        names[self.value] = "value";
        if let Some(i) = self.note {
            names[i] = "note";
        }
        if let Some(i) = self.source {
            names[i] = "source";
        }
        if let Some(i) = self.flag {
            names[i] = "flag";
        }
        names
    }

    /// The fields of a new row for `figure`.
    pub(super) fn row(&self, plan: &Plan, figure: &Figure) -> Vec<String> {
        let mut fields = vec![String::new(); self.width];
        fields[self.kpi] = plan.kpis[figure.kpi].id.clone();
        fields[self.year] = figure.year.0.to_string();
        self.fill(&mut fields, figure);
        let breakdown = plan.kpis[figure.kpi].breakdown.as_deref();
        if let (Some(key), Some(b)) = (&figure.categories, breakdown) {
            for (cell, &d) in key.0.iter().zip(&b.dimensions) {
                let column = self.dimensions.iter().find(|&&(_, e)| e == d);
                if let (Some(c), Some(&(i, _))) = (cell, column) {
                    fields[i] = plan.dimensions[d].categories[usize::from(*c)].clone();
                }
            }
        }
        fields
    }

    /// The categories of a row of KPI `kpi` whose trimmed fields are
    /// `field`: none when its dimension cells are blank; `Err` for a cell
    /// the strict reader refuses (no such row is changed).
    pub(super) fn categories<'r>(
        &self,
        plan: &Plan,
        kpi: usize,
        field: impl Fn(usize) -> &'r str,
    ) -> Result<Option<CategoryKey>, ()> {
        let mut cells: Option<Vec<Option<u16>>> = None;
        for &(column, d) in &self.dimensions {
            let text = field(column);
            if text.is_empty() {
                continue;
            }
            let b = plan.kpis[kpi].breakdown.as_deref().ok_or(())?;
            let at = b.dimensions.iter().position(|&e| e == d).ok_or(())?;
            let category = plan.dimensions[d].category(text).ok_or(())?;
            let len = b.dimensions.len();
            cells.get_or_insert_with(|| vec![None; len])[at] =
                Some(u16::try_from(category).map_err(|_| ())?);
        }
        Ok(cells.map(|c| CategoryKey(c.into_boxed_slice())))
    }

    /// Set value, note and source of a row's fields to the figure's.
    pub(super) fn fill(&self, fields: &mut [String], figure: &Figure) {
        fields[self.value] = figure.value.to_string();
        if let Some(i) = self.note {
            fields[i] = figure.note.clone().unwrap_or_default();
        }
        if let Some(i) = self.source {
            fields[i] = figure.source.clone().unwrap_or_default();
        }
        if let Some(i) = self.flag {
            fields[i] = if figure.preliminary {
                crate::ledger::read::PRELIMINARY.to_string()
            } else {
                String::new()
            };
        }
    }
}
