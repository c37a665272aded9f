//! The documents of `kpi status`, `kpi gap` and `kpi check` for one member
//! (or a plan alone), each rendering itself in every format its command
//! offers (`many::Render`, `many::Tabular`). Each owns its evaluation, so
//! that a workspace's members' documents are made in parallel and held
//! side by side.

use std::io::{self, Write};

use super::check::{self, CheckReport};
use super::gap::{self, GapReport};
use super::many::{Render, Tabular};
use super::{Lang, Style};
use crate::plan::Plan;
use crate::progress::verdict::Flag;
use crate::progress::{self, Evaluation};
use crate::workbook::write::TableSheet;

/// `kpi status`'s document: the evaluation of a plan.
pub struct StatusDoc<'a> {
    pub plan: &'a Plan,
    pub eval: Evaluation,
    /// `--compact`: the table one line per KPI.
    pub compact: bool,
    /// The filters as given, for the line that says nothing matched them.
    pub filters: &'a [String],
}

impl Render for StatusDoc<'_> {
    fn plan(&self) -> &Plan {
        self.plan
    }

    fn text(&self, style: &Style) -> String {
        or_no_match(self.filters, &self.eval, style, || {
            super::table::table(self.plan, &self.eval, self.compact, style)
        })
    }

    fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        super::json::write(self.plan, &self.eval, out)
    }
}

impl Tabular for StatusDoc<'_> {
    fn header(judged: bool) -> Vec<&'static str> {
        super::csv::header_judged(judged)
    }

    fn rows(&self, judged: bool) -> Vec<Vec<String>> {
        super::csv::rows_judged(self.plan, &self.eval, judged)
    }

    /// The judgement's columns, when a KPI is assessed.
    fn extra(&self) -> bool {
        super::judged::any([&self.eval])
    }

    fn markdown(&self, style: &Style) -> String {
        super::markdown::render(self.plan, &self.eval, style)
    }

    fn sheet(&self, lang: Lang) -> TableSheet {
        super::xlsx::status::sheet(self.plan, &self.eval, lang)
    }
}

/// The line that says no KPI matched the filters, or else the table.
fn or_no_match(
    filters: &[String],
    eval: &Evaluation,
    style: &Style,
    table: impl FnOnce() -> String,
) -> String {
    if eval.kpis.is_empty() {
        super::table::no_match(filters, eval, style)
    } else {
        table()
    }
}

/// `kpi gap`'s document: the evaluation and its gap rows, worst first.
pub struct GapDoc<'a> {
    pub plan: &'a Plan,
    pub eval: Evaluation,
    pub rows: Vec<progress::gap::Row>,
    /// The filters as given, for the line that says nothing matched them.
    pub filters: &'a [String],
}

impl GapDoc<'_> {
    pub fn report(&self) -> GapReport<'_> {
        GapReport {
            plan: self.plan,
            eval: &self.eval,
            rows: &self.rows,
        }
    }
}

impl Render for GapDoc<'_> {
    fn plan(&self) -> &Plan {
        self.plan
    }

    fn text(&self, style: &Style) -> String {
        or_no_match(self.filters, &self.eval, style, || {
            gap::table(&self.report(), style)
        })
    }

    fn write_json(&self, mut out: &mut dyn Write) -> io::Result<()> {
        gap::write_json(&self.report(), &mut out)
    }
}

impl Tabular for GapDoc<'_> {
    fn header(_: bool) -> Vec<&'static str> {
        gap::csv_header()
    }

    fn rows(&self, _: bool) -> Vec<Vec<String>> {
        gap::csv_rows(&self.report())
    }

    fn markdown(&self, style: &Style) -> String {
        gap::markdown(&self.report(), style)
    }

    fn sheet(&self, lang: Lang) -> TableSheet {
        super::xlsx::gap::sheet(&self.report(), lang)
    }
}

/// `kpi check`'s document: the evaluation and its flagged KPIs.
pub struct CheckDoc<'a> {
    pub plan: &'a Plan,
    pub eval: Evaluation,
    pub flags: Vec<Flag>,
    /// The `--fail-on` names as given, each once.
    pub fail_on: &'a [String],
    /// The plan file as annotations name it.
    pub file: String,
}

impl CheckDoc<'_> {
    pub fn report(&self) -> CheckReport<'_> {
        CheckReport {
            plan: self.plan,
            eval: &self.eval,
            flags: &self.flags,
            fail_on: self.fail_on,
            file: &self.file,
        }
    }
}

impl Render for CheckDoc<'_> {
    fn plan(&self) -> &Plan {
        self.plan
    }

    fn text(&self, style: &Style) -> String {
        check::text::render(&self.report(), style)
    }

    fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        check::json::write(&self.report(), out)
    }
}
