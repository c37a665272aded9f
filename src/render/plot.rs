//! The chart of `kpi show` in the terminal: a small character plot of the
//! actuals against the expected path, the baseline, the target and the
//! projection. `--ascii` draws it with ASCII only, for terminals that draw
//! ambiguous-width characters (●, ◎, box drawing) two columns wide.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::chart::{Chart, Scale};
use super::{Style, Text};
use crate::plan::{Kpi, Point};
use crate::value;
use crate::year::FiscalYear;

/// The marks, Unicode then ASCII.
struct Marks {
    actual: char,
    expected: char,
    baseline: char,
    milestone: char,
    target: char,
    projection: char,
    axis: char,
    tick: char,
    rule: char,
    corner: char,
    year: char,
}

const UNICODE: Marks = Marks {
    actual: '●',
    expected: '·',
    baseline: '□',
    milestone: '◆',
    target: '◎',
    projection: '○',
    axis: '│',
    tick: '┤',
    rule: '─',
    corner: '└',
    year: '┬',
};

const ASCII: Marks = Marks {
    actual: '*',
    expected: '.',
    baseline: 'B',
    milestone: 'M',
    target: 'T',
    projection: 'P',
    axis: '|',
    tick: '+',
    rule: '-',
    corner: '+',
    year: '+',
};

pub fn plot(kpi: &Kpi, chart: &Chart, style: &Style) -> String {
    let m = if style.ascii { &ASCII } else { &UNICODE };
    let t = |x| style.lang.text(x);
    let years: Vec<_> = chart.years().collect();
    let mut canvas = Canvas::new(&chart.scale, &years, style);
    canvas.path(&chart.expected, m.expected);
    canvas.put(chart.baseline, m.baseline);
    for ms in &chart.milestones {
        canvas.put(*ms, m.milestone);
    }
    if let Some((_, p)) = chart.projection_line() {
        canvas.put(p, m.projection);
    }
    canvas.put(chart.target, m.target);
    for a in &chart.actuals {
        canvas.put(*a, m.actual);
    }
    let mut legend = vec![
        format!("{} {}", m.actual, t(Text::Actual)),
        format!("{} {}", m.expected, style.lang.text(Text::ExpectedPath)),
    ];
    if !chart.milestones.is_empty() {
        legend.push(format!("{} {}", m.milestone, t(Text::Milestone)));
    }
    legend.push(format!("{} {}", m.target, t(Text::Target)));
    legend.push(format!("{} {}", m.baseline, t(Text::Baseline)));
    if chart.projection_line().is_some() {
        legend.push(format!(
            "{} {}",
            m.projection,
            style.lang.text(Text::Projection)
        ));
    }
    canvas.finish(kpi.unit.as_deref(), &legend, m, style)
}

/// One plan's path on a shared series' chart: its mark and its name, the
/// expected path from its baseline to its target.
pub struct PlanPath<'a> {
    pub mark: char,
    pub label: &'a str,
    pub expected: &'a [Point],
    pub baseline: Point,
    pub target: Point,
}

/// A series measured by several plans, on one picture: its figures, and
/// each plan's path (drawn with its own mark), baseline and target. The
/// axes as `plot` draws them.
pub fn plot_paths(
    unit: Option<&str>,
    actuals: &[Point],
    paths: &[PlanPath<'_>],
    style: &Style,
) -> String {
    let m = if style.ascii { &ASCII } else { &UNICODE };
    let t = |x| style.lang.text(x);
    let points = || {
        actuals.iter().chain(
            paths
                .iter()
                .flat_map(|p| p.expected.iter().chain([&p.baseline, &p.target])),
        )
    };
    let (Some(first), Some(last)) = (
        points().map(|p| p.year).min(),
        points().map(|p| p.year).max(),
    ) else {
        return String::new();
    };
    let (lo, hi) = points().fold((None::<Decimal>, None::<Decimal>), |(lo, hi), p| {
        (
            Some(lo.map_or(p.value, |l| l.min(p.value))),
            Some(hi.map_or(p.value, |h| h.max(p.value))),
        )
    });
    let scale = Scale::nice(lo.unwrap_or_default(), hi.unwrap_or_default());
    let years: Vec<FiscalYear> = (first.0..=last.0).map(FiscalYear).collect();
    let mut canvas = Canvas::new(&scale, &years, style);
    for path in paths {
        canvas.path(path.expected, path.mark);
    }
    for path in paths {
        canvas.put(path.baseline, m.baseline);
        canvas.put(path.target, m.target);
    }
    for a in actuals {
        canvas.put(*a, m.actual);
    }
    let mut legend = vec![format!("{} {}", m.actual, t(Text::Actual))];
    for path in paths {
        legend.push(format!(
            "{} {} {}",
            path.mark,
            path.label,
            style.lang.text(Text::ExpectedPath)
        ));
    }
    legend.push(format!("{} {}", m.target, t(Text::Target)));
    legend.push(format!("{} {}", m.baseline, t(Text::Baseline)));
    canvas.finish(unit, &legend, m, style)
}

/// The marks of the category lines, Unicode then ASCII, in the plan's
/// order: each line its own, so that lines read apart without colour.
const LINE_MARKS: [&str; 2] = ["●■▲◆▼○□△◇×", "ox+#@%&=~$"];

/// One line per category (breakdowns.md, `kpi show`): each drawn with its
/// own mark between its figures, the legend in the plan's order. The axes
/// as `plot` draws them; empty when no category has a figure.
pub fn plot_lines(unit: Option<&str>, lines: &[super::categories::Line], style: &Style) -> String {
    let m = if style.ascii { &ASCII } else { &UNICODE };
    let marks: Vec<char> = LINE_MARKS[usize::from(style.ascii)].chars().collect();
    let Some((first, last, scale)) = super::categories::extent(lines) else {
        return String::new();
    };
    let years: Vec<FiscalYear> = (first.0..=last.0).map(FiscalYear).collect();
    let mut canvas = Canvas::new(&scale, &years, style);
    let mark = |i: usize| marks[i % marks.len()];
    for (i, line) in lines.iter().enumerate() {
        canvas.path(&line.points, mark(i));
        // A lone figure has no segment: its mark alone.
        for p in &line.points {
            canvas.put(*p, mark(i));
        }
    }
    let legend: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{} {}", mark(i), l.label))
        .collect();
    canvas.finish(unit, &legend, m, style)
}

/// The character grid both plots draw on: a row a step of the value scale
/// (value labels on the tick rows), a column run a year from `first`.
struct Canvas<'a> {
    scale: &'a Scale,
    first: FiscalYear,
    height: usize,
    /// The width of the value labels.
    lw: usize,
    /// Character columns per year.
    cw: usize,
    labels: Vec<String>,
    tick_labels: Vec<(usize, String)>,
    grid: Vec<Vec<char>>,
}

impl<'a> Canvas<'a> {
    fn new(scale: &'a Scale, years: &[FiscalYear], style: &Style) -> Self {
        let per_tick = match scale.ticks.len() {
            0..=5 => 3,
            6..=8 => 2,
            _ => 1,
        };
        let height = (scale.ticks.len().saturating_sub(1) * per_tick + 1).max(3);
        let labels: Vec<String> = years.iter().map(|y| style.year(*y)).collect();
        let mut canvas = Canvas {
            scale,
            first: years.first().copied().unwrap_or(FiscalYear(0)),
            height,
            lw: 0,
            cw: 0,
            labels,
            tick_labels: Vec::new(),
            grid: Vec::new(),
        };
        // Value labels on the tick rows, right-aligned.
        canvas.tick_labels = scale
            .ticks
            .iter()
            .map(|v| {
                (
                    canvas.row_of(v.to_f64().unwrap_or(0.0)),
                    value::grouped(*v, scale.places),
                )
            })
            .collect();
        canvas.lw = canvas
            .tick_labels
            .iter()
            .map(|(_, l)| l.width())
            .max()
            .unwrap_or(0);
        canvas.cw = year_step(&canvas.labels, years.len(), canvas.lw, style);
        let width = canvas.col_of(years.len().saturating_sub(1)) + 2;
        canvas.grid = vec![vec![' '; width]; height];
        canvas
    }

    fn row_of(&self, v: f64) -> usize {
        let y = self.scale.y_f64(v);
        (((1.0 - y) * (self.height - 1) as f64).round().max(0.0) as usize).min(self.height - 1)
    }

    fn col_of(&self, i: usize) -> usize {
        1 + i * self.cw
    }

    fn col(&self, y: FiscalYear) -> usize {
        self.col_of((y.0 - self.first.0).max(0) as usize)
    }

    fn set(&mut self, r: usize, c: usize, mark: char) {
        if let Some(cell) = self.grid.get_mut(r).and_then(|row| row.get_mut(c)) {
            *cell = mark;
        }
    }

    fn put(&mut self, p: Point, mark: char) {
        let (r, c) = (
            self.row_of(p.value.to_f64().unwrap_or(0.0)),
            self.col(p.year),
        );
        self.set(r, c, mark);
    }

    /// An expected path at every character column between its years.
    fn path(&mut self, points: &[Point], mark: char) {
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let (ca, cb) = (self.col(a.year), self.col(b.year));
            let (va, vb) = (
                a.value.to_f64().unwrap_or(0.0),
                b.value.to_f64().unwrap_or(0.0),
            );
            for c in ca..=cb {
                let f = (c - ca) as f64 / (cb - ca).max(1) as f64;
                let r = self.row_of(va + (vb - va) * f);
                self.set(r, c, mark);
            }
        }
    }

    /// The unit, the grid with its value axis, the year axis and labels,
    /// then the legend.
    fn finish(self, unit: Option<&str>, legend: &[String], m: &Marks, style: &Style) -> String {
        let lw = self.lw;
        let mut out = String::new();
        if let Some(unit) = unit.filter(|u| !u.is_empty()) {
            out.push_str(&format!("{}{unit}\n", style.lang.text(Text::Unit)));
        }
        for (r, row) in self.grid.iter().enumerate() {
            let (label, axis) = match self.tick_labels.iter().find(|(tr, _)| *tr == r) {
                Some((_, l)) => (l.as_str(), m.tick),
                None => ("", m.axis),
            };
            let line: String = row.iter().collect();
            out.push_str(&format!("{label:>lw$} {axis}{}\n", line.trim_end()));
        }
        let mut axis = vec![m.rule; self.grid.first().map_or(0, Vec::len)];
        for i in 0..self.labels.len() {
            if let Some(c) = axis.get_mut(self.col_of(i)) {
                *c = m.year;
            }
        }
        out.push_str(&format!(
            "{:>lw$} {}{}\n",
            "",
            m.corner,
            axis.iter().collect::<String>()
        ));
        // Year labels centred under their ticks; a label that would run into
        // the one before is left out.
        let mut line = String::new();
        for (i, label) in self.labels.iter().enumerate() {
            let centre = lw + 2 + self.col_of(i);
            let start = centre.saturating_sub(label.width() / 2);
            let used = line.width();
            if start < used + 1 && i > 0 {
                continue;
            }
            line.push_str(&" ".repeat(start.saturating_sub(used)));
            line.push_str(label);
        }
        out.push_str(line.trim_end());
        out.push('\n');
        let pad = " ".repeat(lw + 2);
        out.push_str(&super::fit::list(
            &pad,
            legend,
            "  ",
            style.width,
            style.ascii,
            lw + 2,
        ));
        out.push('\n');
        out
    }
}

/// Character columns per year: room for the widest label, narrower for a
/// long span so the plot stays within about 72 columns, and within the
/// width terminal output is laid out for past its value labels (`lw`;
/// labels are then thinned out). Two at least, or one under a width: a
/// long series (35 years) then fits 60 columns (issue 24, item 26).
fn year_step(labels: &[String], years: usize, lw: usize, style: &Style) -> usize {
    let room = style.width.map_or(72, |w| 72.min(w.saturating_sub(lw + 5)));
    let widest = labels.iter().map(|l| l.width()).max().unwrap_or(2).max(2) + 2;
    let least = if style.width.is_some() { 1 } else { 2 };
    widest.min(room / years.saturating_sub(1).max(1)).max(least)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::lang::Lang;
    use crate::render::chart::Scale;
    use crate::test_plans::{kpi, plan, point as p};
    use crate::year::{FiscalYear, YearStyle};

    fn style(ascii: bool) -> Style {
        Style {
            lang: Lang::En,
            color: false,
            ascii,
            year_style: YearStyle::Fiscal,
            width: None,
        }
    }

    /// 0 in 2014 to 100 in 2018 on a straight path, 20 in 2015 and 60 in
    /// 2016, the trend landing at 75; drawn on an axis 0..100 ticked at 50.
    fn chart(first: i32, last: i32) -> (Kpi, Chart) {
        let text = plan(2018, &[kpi("k", "K", "value = 0", "value = 100", "")]);
        let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &text).unwrap();
        let chart = Chart {
            first: FiscalYear(first),
            last: FiscalYear(last),
            actuals: vec![p(2015, 20), p(2016, 60)],
            expected: (0..=4).map(|i| p(2014 + i, 25 * i64::from(i))).collect(),
            original_expected: Vec::new(),
            milestones: vec![],
            baseline: p(2014, 0),
            target: p(2018, 100),
            latest: Some(p(2016, 60)),
            projection: Some(p(2018, 75)),
            scale: Scale {
                lo: Decimal::ZERO,
                hi: Decimal::from(100),
                ticks: vec![Decimal::ZERO, Decimal::from(50), Decimal::from(100)],
                places: 0,
            },
        };
        (plan.kpis[0].clone(), chart)
    }

    /// The mark at grid row `row`, column `col`: each plot line starts with
    /// the tick labels (3 wide: "100"), a space and the axis.
    fn at(plot: &str, row: usize, col: usize) -> char {
        let line = plot.lines().nth(row).unwrap();
        line.chars().nth(3 + 2 + col).unwrap_or(' ')
    }

    #[test]
    fn points_sit_at_their_rows_and_columns() {
        let (kpi, chart) = chart(2014, 2018);
        let plot = plot(&kpi, &chart, &style(false));
        // Three ticks: 3 rows a tick, 2·3 + 1 = 7 rows; a value v sits on row
        // round((1 - v/100)·6). Labels "FY2014" are 6 wide, so a year takes
        // 6 + 2 = 8 columns (5 years need 32 < 72): year i at column 1 + 8i.
        // Baseline 0 (2014): row 6, column 1.
        assert_eq!(at(&plot, 6, 1), '□');
        // 20 (2015): row round(4.8) = 5, column 9; 60 (2016): row round(2.4) = 2, column 17.
        assert_eq!(at(&plot, 5, 9), '●');
        assert_eq!(at(&plot, 2, 17), '●');
        // Target 100 (2018): row 0, column 33; the trend's 75: row round(1.5) = 2.
        assert_eq!(at(&plot, 0, 33), '◎');
        assert_eq!(at(&plot, 2, 33), '○');
        // The expected path between 2014 (0, column 1) and 2015 (25, column 9):
        // at column 5, half way, 12.5: row round(5.25) = 5.
        assert_eq!(at(&plot, 5, 5), '·');
        // 2017's 75 on the path: row 2, column 25.
        assert_eq!(at(&plot, 2, 25), '·');
        let lines: Vec<&str> = plot.lines().collect();
        // Tick labels on rows 0, 3 and 6 (100, 50, 0), right-aligned.
        assert!(lines[0].starts_with("100 ┤"), "{plot}");
        assert!(lines[3].starts_with(" 50 ┤"), "{plot}");
        assert!(lines[6].starts_with("  0 ┤"), "{plot}");
        assert!(lines[1].starts_with("    │"), "{plot}");
        // The year axis: a tick under each year's column.
        assert_eq!(lines[7], format!("    └─┬{}─", "───────┬".repeat(4)));
        // Year labels centred under their ticks: "FY2014" centred on
        // 5 + 1 = 6 starts at 6 - 3 = 3, and so on every 8 columns.
        assert_eq!(lines[8], "   FY2014  FY2015  FY2016  FY2017  FY2018");
        assert_eq!(
            lines[9],
            "     ● actual  · expected path  ◎ target  □ baseline  ○ projection"
        );
    }

    #[test]
    fn a_long_span_narrows_the_columns_and_thins_the_labels() {
        // 2000..2030: 30 steps in at most 72 columns: 72/30 = 2 a year, so
        // year i sits at column 1 + 2i and a label is left out where it would
        // run into the one before.
        let (kpi, chart) = chart(2000, 2030);
        let plot = plot(&kpi, &chart, &style(true));
        // 2016's 60: column 1 + 2·16 = 33, row 2; the baseline at 1 + 2·14 = 29, row 6.
        assert_eq!(at(&plot, 2, 33), '*');
        assert_eq!(at(&plot, 6, 29), 'B');
        assert_eq!(at(&plot, 0, 37), 'T');
        let labels = plot.lines().nth(8).unwrap();
        // "FY2000" centred on 5 + 1 = 6 starts at 3; the next that fits is
        // 2004 (centre 5 + 9 = 14, start 11 > 3 + 6 + 1), every fourth year.
        assert!(labels.starts_with("   FY2000  FY2004  FY2008"), "{labels}");
    }
}
