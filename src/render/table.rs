//! `kpi status` as a terminal table: goal by goal, the roll-up in the
//! goal's heading line, measures as headings that span the table, laid out
//! for the width (`grid`, docs/terminal.md).

use super::grid::{self, Align, Ansi, Cell, Column, Frame, Row};
use super::layout::{self, sections};
use super::spark::sparkline;
use super::{fit, legend, Style, Text};
use crate::plan::Plan;
use crate::progress::{Counts, Evaluation, KpiProgress};
use crate::status::Status;

pub fn render(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    render_with(plan, eval, false, false, None, style)
}

/// The table with a trend column: a sparkline of each KPI's figures
/// (`KpiProgress::trend`, which the query asked for).
pub fn render_with_trend(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    render_with(plan, eval, true, false, None, style)
}

/// `kpi status`'s table, with its trend column; compact with `--compact`;
/// with a row per category of the plan's dimension `by` under each KPI
/// broken down by it (`--by`).
pub fn table(
    plan: &Plan,
    eval: &Evaluation,
    compact: bool,
    by: Option<usize>,
    style: &Style,
) -> String {
    render_with(plan, eval, true, compact, by, style)
}

/// `kpi status --compact`: one line per KPI, names cut with `…`, for a
/// quick look at a narrow terminal (docs/terminal.md).
pub fn render_compact(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    render_with(plan, eval, true, true, None, style)
}

/// The columns of the status table and how each gives way: trend first,
/// then expected, pace, gap, target and baseline (a reader compares the
/// baseline and the latest figure first); the name wraps, and takes the
/// room for two lines before the trend and expected give way to it;
/// latest, achievement, status and grade stay.
fn columns(plan: &Plan, eval: &Evaluation, trend: bool, style: &Style) -> Vec<Column> {
    let graded = !plan.scoring.grades.is_empty();
    let t = |x| style.lang.text(x);
    let common = |point: fn(&crate::plan::Kpi) -> crate::plan::Point| {
        grid::common_year(eval.kpis.iter().map(|k| point(&plan.kpis[k.kpi]).year))
            .map(|y| style.year(y))
    };
    let mut baseline = Column::new(t(Text::Baseline), Align::Right).drops(6);
    if let Some(y) = common(|k| k.baseline) {
        baseline = baseline.default_year(y);
    }
    let mut target = Column::new(t(Text::Target), Align::Right).drops(5);
    if let Some(y) = common(|k| k.target) {
        target = target.default_year(y);
    }
    let mut latest = Column::new(t(Text::Latest), Align::Right);
    if let Some(a) = eval.as_of {
        latest = latest.default_year(style.year(a));
    }
    let mut cols = vec![
        Column::new(t(Text::Kpi), Align::Left).name(),
        baseline,
        target,
        latest,
        Column::new(t(Text::Achievement), Align::Right),
        Column::new(t(Text::Expected), Align::Right).drops(2),
        Column::new(t(Text::Pace), Align::Right).drops(3),
        Column::new(t(Text::Gap), Align::Right).drops(4),
        Column::new(t(Text::Status), Align::Left),
    ];
    if graded {
        cols.push(Column::new(t(Text::Grade), Align::Left));
    }
    if super::published::has_previous(eval) {
        // The first of all columns to give way (evaluation-cycle.md §2).
        let header = super::published::header(style.lang);
        cols.push(Column::new(header, Align::Left).drops(0));
    }
    if trend {
        cols.push(Column::new(t(Text::Trend), Align::Left).drops(1));
    }
    cols
}

fn render_with(
    plan: &Plan,
    eval: &Evaluation,
    trend: bool,
    compact: bool,
    by: Option<usize>,
    style: &Style,
) -> String {
    let (width, ascii) = (style.width, style.ascii);
    let mut out = String::new();
    out.push_str(&fit::line(
        &status_heading(plan, eval, style),
        width,
        ascii,
        2,
    ));
    out.push('\n');
    let graded = !plan.scoring.grades.is_empty();
    let bold = style.color.then_some("1");
    let build = |section: &layout::Section| {
        let mut rows = Vec::new();
        for group in &section.groups {
            rows.push(Row::Path {
                parts: group.heading_parts(plan, style, ascii),
                sep: layout::path_separator(ascii),
                ansi: bold,
            });
            for &row in &group.rows {
                let k = &eval.kpis[row];
                let mut cells = kpi_row(plan, eval, k, style, graded);
                if trend {
                    cells.push(Cell::from(sparkline(&k.trend, eval.as_of, ascii)));
                }
                let width = cells.len();
                rows.push(Row::Cells(cells));
                for r in super::breakdowns::by_rows(plan, k, by, style) {
                    rows.push(by_row(r, width, style));
                }
            }
        }
        rows
    };
    let sections = sections(plan, eval);
    let columns = columns(plan, eval, trend, style);
    // With a width every table is measured before any is drawn; without
    // one each is drawn as it is built (a national plan has thousands).
    let built: Vec<Vec<Row>> = match style.width {
        Some(_) => sections.iter().map(build).collect(),
        None => Vec::new(),
    };
    let tables = Tables::framed(&columns, built.iter().flatten(), style, compact);
    for (i, section) in sections.iter().enumerate() {
        let goal = &plan.goals[section.goal];
        out.push('\n');
        out.push_str(&goal_line(&goal.id, &goal.name, &section.counts, style));
        out.push('\n');
        match built.get(i) {
            Some(rows) => out.push_str(&tables.draw(rows)),
            None => out.push_str(&tables.draw(&build(section))),
        }
    }
    out.push_str(&tables.note());
    for note in super::published::notes(plan, eval, style) {
        out.push_str(&fit::line(&note, width, ascii, 4));
        out.push('\n');
    }
    let shown = |x: Text| tables.shows(style.lang.text(x));
    let seen = legend::Seen::of(eval.kpis.iter(), shown);
    let mut items = legend::items(seen, plan, style);
    if eval
        .kpis
        .iter()
        .any(|k| plan.kpis[k.kpi].breakdown.is_some())
    {
        items.push(super::breakdowns::legend(style));
    }
    out.push_str(&legend::line(&items, style));
    out
}

/// A `--by` row: the category's name, latest figure, achievement and
/// status in their columns of a row `width` cells wide; the rest blank.
fn by_row(r: super::breakdowns::ByRow, width: usize, style: &Style) -> Row {
    let mut cells: Vec<Cell> = (0..width).map(|_| Cell::from(String::new())).collect();
    cells[0] = Cell::from(r.name);
    cells[3] = Cell::from(r.latest);
    cells[4] = Cell::from(r.achievement);
    if let Some(s) = r.status {
        cells[layout::STATUS_COLUMN] = status_cell(s, style);
    }
    Row::Cells(cells)
}

/// The tables of one command. With no width each table is drawn at its
/// natural width, as before; with one, the tables share one layout, so
/// that their columns line up down the page and the same ones are left out
/// of each, and one note under the last names them.
pub struct Tables<'s> {
    columns: Vec<Column>,
    frame: Frame,
    shared: Option<grid::Layout>,
    style: &'s Style,
}

impl<'s> Tables<'s> {
    /// `rows`: every row of every table to be drawn, when there is a width
    /// (unused without one).
    pub fn new<'r>(
        columns: &[Column],
        rows: impl Iterator<Item = &'r Row>,
        style: &'s Style,
    ) -> Tables<'s> {
        Tables::framed(columns, rows, style, false)
    }

    /// As [`Tables::new`], one line per row when `compact` (`--compact`).
    pub fn framed<'r>(
        columns: &[Column],
        rows: impl Iterator<Item = &'r Row>,
        style: &'s Style,
        compact: bool,
    ) -> Tables<'s> {
        let frame = Frame {
            width: style.width,
            ascii: style.ascii,
            compact,
        };
        let shared = style.width.map(|_| grid::lay_out(columns, rows, frame));
        Tables {
            columns: columns.to_vec(),
            frame,
            shared,
            style,
        }
    }

    /// One table, ending with a line break.
    pub fn draw(&self, rows: &[Row]) -> String {
        match &self.shared {
            Some(layout) => layout.draw(rows),
            None => grid::lay_out(&self.columns, rows.iter(), self.frame).draw(rows),
        }
    }

    /// Whether the column of this heading is drawn (not left out to fit).
    pub fn shows(&self, header: &str) -> bool {
        self.shared
            .as_ref()
            .is_none_or(|l| !l.left_out().iter().any(|h| h == header))
    }

    /// The line naming the columns left out, with its line break; empty
    /// when none was.
    pub fn note(&self) -> String {
        let Some(layout) = &self.shared else {
            return String::new();
        };
        fit::left_out_note(
            self.style.lang,
            layout.left_out(),
            layout.natural_width(),
            self.style.width,
            self.style.ascii,
        )
        .map_or_else(String::new, |note| format!("{note}\n"))
    }
}

/// Every table of a command drawn, and the note under them (`Tables`).
pub fn draw_tables(
    columns: &[Column],
    tables: &[Vec<Row>],
    style: &Style,
) -> (Vec<String>, String) {
    let t = Tables::new(columns, tables.iter().flatten(), style);
    (tables.iter().map(|rows| t.draw(rows)).collect(), t.note())
}

/// The one line printed instead of a table when the filters match no KPI:
/// `no KPI matches --owner 保育課 --status missed as of R1`.
pub fn no_match(filters: &[String], eval: &Evaluation, style: &Style) -> String {
    let filters = filters.join(" ");
    let text = match (style.lang, eval.as_of) {
        (super::Lang::En, as_of) => {
            let when = as_of.map_or_else(
                || "with no actuals".to_string(),
                |a| format!("as of {}", style.year(a)),
            );
            if filters.is_empty() {
                format!("no KPI to show {when}")
            } else {
                format!("no KPI matches {filters} {when}")
            }
        }
        (super::Lang::Ja, as_of) => {
            let when = as_of.map_or_else(
                || style.lang.text(Text::NoActuals).to_string(),
                |a| format!("{}時点", style.year(a)),
            );
            if filters.is_empty() {
                format!("表示する指標はありません（{when}）")
            } else {
                format!("{filters} に該当する指標はありません（{when}）")
            }
        }
    };
    format!("{}\n", fit::line(&text, style.width, style.ascii, 2))
}

pub fn title_line(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let when = match eval.as_of {
        Some(a) => match style.lang {
            super::Lang::Ja => format!("{} {}", style.year(a), style.lang.text(Text::AsOf)),
            super::Lang::En => format!("{} {}", style.lang.text(Text::AsOf), style.year(a)),
        },
        None => style.lang.text(Text::NoActuals).to_string(),
    };
    format!("{}{}{when}", plan.title, style.dash())
}

/// The status heading: the title line, and how many figures are still
/// missing for the as-of year (`kpi missing` lists them).
pub fn status_heading(plan: &Plan, eval: &Evaluation, style: &Style) -> String {
    let title = title_line(plan, eval, style);
    if eval.missing == 0 {
        return title;
    }
    let n = eval.missing;
    match style.lang {
        super::Lang::Ja => format!("{title} (実績未提出 {n}件)"),
        super::Lang::En if n == 1 => format!("{title} (1 figure missing)"),
        super::Lang::En => format!("{title} ({n} figures missing)"),
    }
}

/// `基本目標1 産業の活性化と働きやすい環境づくり`, `Goal 1 …`
pub fn goal_heading(id: &str, name: &str, style: &Style) -> String {
    match style.lang {
        super::Lang::Ja => format!("{}{} {}", style.lang.text(Text::Goal), id, name),
        super::Lang::En => format!("{} {} {}", style.lang.text(Text::Goal), id, name),
    }
}

/// `基本目標1 産業の活性化と働きやすい環境づくり — 達成 2・順調 1`, wrapped
/// at the width between its counts.
pub fn goal_line(id: &str, name: &str, counts: &Counts, style: &Style) -> String {
    let sep = match style.lang {
        super::Lang::Ja => "・",
        super::Lang::En => ", ",
    };
    let head = format!("{}{}", goal_heading(id, name, style), style.dash());
    fit::list(
        &head,
        &counts_items(counts, style),
        sep,
        style.width,
        style.ascii,
        2,
    )
}

pub fn counts_words(counts: &Counts, style: &Style, sep: &str) -> String {
    counts_items(counts, style).join(sep)
}

/// `達成 3`, `on track 2`: each status counted, in the roll-up's order.
pub fn counts_items(counts: &Counts, style: &Style) -> Vec<String> {
    Status::COUNT_ORDER
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{} {}", style.status_word(*s), counts.get(*s)))
        .collect()
}

fn kpi_row(
    plan: &Plan,
    eval: &Evaluation,
    k: &KpiProgress,
    style: &Style,
    graded: bool,
) -> Vec<Cell> {
    let mut texts = layout::cells(plan, k, style, graded);
    texts[0] = super::breakdowns::marked(plan, k, std::mem::take(&mut texts[0]), '\u{a0}', style);
    super::published::cells(plan, eval, k, style, &mut texts);
    texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            if i == layout::STATUS_COLUMN {
                // Coloured by the status now; the publication mark and the
                // office's judgement follow the word.
                let text = text + &super::judged::suffix(k, style);
                Cell::styled(text, style.color.then(|| status_colour(k.status)))
            } else {
                Cell::from(text)
            }
        })
        .collect()
}

/// The status in words, coloured when colour is on: never colour alone.
pub fn status_cell(status: Status, style: &Style) -> Cell {
    Cell::styled(
        style.status_word(status),
        style.color.then(|| status_colour(status)),
    )
}

/// The colour of a status word (SGR): green when achieved or on track,
/// yellow at risk, red off track or missed, magenta worsening, grey with
/// no data; bold for the settled ones.
pub fn status_colour(status: Status) -> Ansi {
    match status {
        Status::Achieved => "1;32",
        Status::OnTrack => "32",
        Status::AtRisk => "33",
        Status::OffTrack => "31",
        Status::Worsening => "1;35",
        Status::Missed => "1;31",
        Status::NoData => "90",
    }
}
