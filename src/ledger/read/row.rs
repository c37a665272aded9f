//! The checks of one data row: as many fields as the header, a KPI of the
//! plan, a fiscal year, a plain decimal in range, and one figure per KPI
//! and year across the whole ledger.

use rust_decimal::Decimal;

use super::{Found, Reader, Row, Sink};
use crate::breakdown::CategoryKey;
use crate::csv_cells::{row_inside, row_inside_a_cell};
use crate::ledger::Actual;
use crate::plan::Plan;
use crate::problem::{control_name, first_control, quoted, Kind, Location, Problem};
use crate::suggest;
use crate::value::{out_of_range, parse_plain};
use crate::year::FiscalYear;

const YEAR_HINT: &str = "write it as 2014, FY2014, 2014年度, H26 or 平成26年度";
pub(super) const VALUE_HINT: &str =
    "write a plain decimal such as 2788 or 2.4; `kpi import` reads 2,788 and other forms";

impl<S: Sink> Reader<'_, S> {
    pub(super) fn row(&mut self, row: &Row<'_>) {
        let columns = row.columns;
        let at = || row.location();
        if row.record.len() != columns.width {
            self.report.problem(|| {
                Problem::error(
                    at(),
                    format!(
                        "the row has {} fields but the header has {}",
                        row.record.len(),
                        columns.width
                    ),
                )
                .hint("give every row one field per header column; quote a note that contains a comma")
            });
            return;
        }
        if row.record.as_slice().contains(['\n', '\r']) && self.swallowed(row) {
            return;
        }
        let kpi = self.kpi(row.field(columns.kpi), at);
        let mut year = self.year(row.field(columns.year), at);
        if let (Some(kpi), Some(y)) = (kpi, year) {
            if let Some(problem) = self.years.problem(self.plan, kpi, y, at) {
                if problem.is_error() {
                    year = None;
                }
                self.report.problem(|| problem);
            }
        }
        if let (Some(kpi), Some(year)) = (kpi, year) {
            self.sink.pair(kpi, year);
        }
        // A ledger without dimension columns does no more per row than before.
        let key = if columns.dimensions.is_empty() {
            None
        } else {
            match self.categories(kpi, row) {
                Ok(key) => key,
                Err(()) => return,
            }
        };
        for (column, name) in [(columns.note, "note"), (columns.source, "source")] {
            let Some(text) = column.map(|i| row.field(i)) else {
                continue;
            };
            if let Some((place, c)) = first_control(text, |c| matches!(c, '\n' | '\t')) {
                self.report.problem(|| {
                    Problem::error(
                        at(),
                        format!(
                            "column `{name}`: `{}` holds the control character {} (character {place})",
                            quoted(text),
                            control_name(c)
                        ),
                    )
                    .hint("delete the character; a note may hold line breaks and tabs, nothing else of the kind")
                });
                return;
            }
        }
        let value_text = row.field(columns.value);
        if value_text.is_empty() {
            return; // no figure for this KPI and year
        }
        let value = self.value(value_text, at);
        let flag_ok = self.flag(row, at);
        let (Some(kpi), Some(year), Some(value), true) = (kpi, year, value, flag_ok) else {
            return;
        };
        let plan = self.plan;
        let found = Found { kpi, year, value };
        let kept = match &key {
            None => self.sink.figure(found, row),
            Some(key) => self.sink.category(found, key.clone(), row),
        };
        match kept {
            Ok(()) => {}
            Err(Some(first)) => self.report.problem(|| {
                let pair = Pair {
                    kpi,
                    year,
                    key: key.as_ref(),
                };
                repeated(plan, pair, value, at(), first)
            }),
            Err(None) => self.report.stop(),
        }
    }

    /// True, with the error, when a field of the row runs over several
    /// lines and one of them reads as a ledger row (`kpi,year,…`): a quote
    /// left open swallowed the rows up to the next quote.
    fn swallowed(&mut self, row: &Row<'_>) -> bool {
        // A quote open to the end of the file is said once, at the end.
        let rest = row
            .place
            .byte
            .and_then(|b| row.place.text.get(usize::try_from(b).ok()?..));
        if rest
            .and_then(crate::unterminated::unterminated_quote)
            .is_some()
        {
            return false;
        }
        let plan = self.plan;
        let is_row = |line: &str| {
            let mut parts = line.split(',');
            let (Some(kpi), Some(year)) = (parts.next(), parts.next()) else {
                return false;
            };
            plan.kpi_index(kpi.trim()).is_some() && FiscalYear::parse(year.trim()).is_ok()
        };
        for (i, field) in row.record.iter().enumerate() {
            if let Some((_, inner)) = row_inside(field, is_row) {
                let name = row.columns.name(i);
                self.report
                    .problem(|| row_inside_a_cell(row.location(), &name, inner));
                return true;
            }
        }
        false
    }

    /// Whether the row's `flag` is one the ledger knows: empty (a final
    /// figure) or `preliminary` (速報値).
    fn flag(&mut self, row: &Row<'_>, at: impl Fn() -> Location) -> bool {
        let Some(column) = row.columns.flag else {
            return true;
        };
        let flag = row.field(column);
        if flag.is_empty() || super::header::is_preliminary(flag) {
            return true;
        }
        self.report.problem(|| {
            Problem::error(at(), format!("unknown flag `{flag}` in column `flag`")).hint(
                "leave it empty for a final figure (確定値), or write `preliminary` for a 速報値",
            )
        });
        false
    }

    /// The row's KPI, from its id.
    fn kpi(&mut self, id: &str, at: impl Fn() -> Location) -> Option<usize> {
        if id.is_empty() {
            self.report.problem(|| {
                Problem::error(at(), "the row has no KPI id in column `kpi`")
                    .hint("write the KPI's id as the plan gives it")
            });
            return None;
        }
        // Ledgers list KPIs in plan order: the one after the last found
        // is tried first.
        let found = match self.plan.kpi_id_at(self.next_kpi) {
            Some(k) if k == id => Some(self.next_kpi),
            _ => self.plan.kpi_index(id),
        };
        match found {
            Some(i) => self.next_kpi = i + 1,
            None => {
                let plan = self.plan;
                self.report.problem(|| {
                    if is_series_plan(plan) {
                        return Problem::error(
                            at(),
                            format!(
                                "no member of the workspace uses series `{}` (column `kpi`)",
                                quoted(id)
                            ),
                        )
                        .hint(unknown_series_hint(plan, id))
                        .kind(Kind::UnknownKpi(id.to_string()));
                    }
                    Problem::error(
                        at(),
                        format!("unknown KPI `{}` in column `kpi`", quoted(id)),
                    )
                    .hint(unknown_kpi_hint(plan, id))
                    .kind(Kind::UnknownKpi(id.to_string()))
                });
            }
        }
        found
    }

    fn year(&mut self, text: &str, at: impl Fn() -> Location) -> Option<FiscalYear> {
        if text.is_empty() {
            self.report.problem(|| {
                Problem::error(at(), "the row has no year in column `year`").hint(YEAR_HINT)
            });
            return None;
        }
        let year = FiscalYear::parse(text).ok();
        if year.is_none() {
            self.report.problem(|| {
                Problem::error(
                    at(),
                    format!("`{}` in column `year` is not a fiscal year", quoted(text)),
                )
                .hint(YEAR_HINT)
            });
        }
        year
    }

    fn value(&mut self, text: &str, at: impl Fn() -> Location) -> Option<Decimal> {
        let Some(value) = parse_plain(text) else {
            self.report.problem(|| {
                Problem::error(
                    at(),
                    format!(
                        "`{}` in column `value` is not a plain decimal number",
                        quoted(text)
                    ),
                )
                .hint(VALUE_HINT)
            });
            return None;
        };
        match out_of_range(value) {
            None => Some(value),
            Some(why) => {
                self.report.problem(|| {
                    Problem::error(at(), format!("column `value`: {why}"))
                        .hint("check the figure, or record the KPI in a larger unit")
                });
                None
            }
        }
    }
}

/// A figure's identity: KPI, year and, for a category figure, its categories.
struct Pair<'k> {
    kpi: usize,
    year: FiscalYear,
    key: Option<&'k CategoryKey>,
}

/// A second figure for a KPI and year (and categories): a warning when it repeats the
/// first's value, else an error; both name the first's place.
fn repeated(
    plan: &Plan,
    pair: Pair<'_>,
    value: Decimal,
    here: Location,
    first: &Actual,
) -> Problem {
    let id = &plan.kpis[pair.kpi].id;
    let mut label = pair.year.label(plan.year_style);
    if let Some(key) = pair.key {
        label = format!(
            "{label} ({})",
            crate::ledger::categories::label(plan, pair.kpi, key)
        );
    }
    if first.value == value {
        Problem::warning(
            here,
            format!(
                "`{id}` {label} is given twice with the same value `{value}` (also at {})",
                first.location
            ),
        )
        .hint("delete one of the two rows")
    } else {
        Problem::error(
            here,
            format!(
                "`{id}` {label} has two different figures: `{value}` here and `{}` at {}",
                first.value, first.location
            ),
        )
        .hint("keep the right figure and delete the other row")
    }
}

/// A workspace's plan of the series (`workspace::link`, `Plan::of_series`):
/// its rows name series, not a plan's KPIs.
fn is_series_plan(plan: &Plan) -> bool {
    plan.of_series
}

fn unknown_series_hint(plan: &Plan, id: &str) -> String {
    if let Some(kpi) = plan.kpis.iter().find(|k| k.name == id) {
        return format!("the ledger names series by id: write `{}`", kpi.id);
    }
    let ids: Vec<&str> = plan.kpis.iter().map(|k| k.id.as_str()).collect();
    suggest::unknown_id(
        id,
        "series",
        &ids,
        "a member reads a series by its KPI id or by indicator = \"ID\" (registered in kpi-workspace.toml); fix the id, or delete the row",
    )
}

fn unknown_kpi_hint(plan: &Plan, id: &str) -> String {
    if let Some(kpi) = plan.kpis.iter().find(|k| k.name == id) {
        return format!("the ledger names KPIs by id: write `{}`", kpi.id);
    }
    let ids: Vec<&str> = plan.kpis.iter().map(|k| k.id.as_str()).collect();
    suggest::unknown_id(id, "KPI", &ids, "add it to the plan or fix the id")
}
