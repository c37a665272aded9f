//! The chart of `kpi show` in the terminal: a small character plot of the
//! actuals against the expected path, the baseline, the target and the
//! projection. `--ascii` draws it with ASCII only, for terminals that draw
//! ambiguous-width characters (●, ◎, box drawing) two columns wide.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::chart::Chart;
use super::{Style, Text};
use crate::plan::Kpi;
use crate::value;

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
    let scale = &chart.scale;
    let per_tick = match scale.ticks.len() {
        0..=5 => 3,
        6..=8 => 2,
        _ => 1,
    };
    let height = (scale.ticks.len().saturating_sub(1) * per_tick + 1).max(3);
    let row_of = |v: f64| {
        let y = scale.y_f64(v);
        (((1.0 - y) * (height - 1) as f64).round().max(0.0) as usize).min(height - 1)
    };
    let years: Vec<_> = chart.years().collect();
    let labels: Vec<String> = years.iter().map(|y| style.year(*y)).collect();
    // Columns per year: room for the label, narrower for a long span so the
    // plot stays within about 72 columns (labels are then thinned out).
    let widest = labels.iter().map(|l| l.width()).max().unwrap_or(2).max(2) + 2;
    let cw = widest.min(72 / years.len().saturating_sub(1).max(1)).max(2);
    let col_of = |i: usize| 1 + i * cw;
    let width = col_of(years.len().saturating_sub(1)) + 2;
    let mut grid = vec![vec![' '; width]; height];
    let index = |y: crate::year::FiscalYear| (y.0 - chart.first.0).max(0) as usize;

    // The expected path at every character column between its years.
    for pair in chart.expected.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (ca, cb) = (col_of(index(a.year)), col_of(index(b.year)));
        let (va, vb) = (
            a.value.to_f64().unwrap_or(0.0),
            b.value.to_f64().unwrap_or(0.0),
        );
        for c in ca..=cb {
            let f = (c - ca) as f64 / (cb - ca).max(1) as f64;
            let r = row_of(va + (vb - va) * f);
            if let Some(cell) = grid.get_mut(r).and_then(|row| row.get_mut(c)) {
                *cell = m.expected;
            }
        }
    }
    let mut put = |c: usize, v: Decimal, mark: char| {
        let r = row_of(v.to_f64().unwrap_or(0.0));
        if let Some(cell) = grid.get_mut(r).and_then(|row| row.get_mut(c)) {
            *cell = mark;
        }
    };
    put(
        col_of(index(chart.baseline.year)),
        chart.baseline.value,
        m.baseline,
    );
    for ms in &chart.milestones {
        put(col_of(index(ms.year)), ms.value, m.milestone);
    }
    if let Some((_, p)) = chart.projection_line() {
        put(col_of(index(p.year)), p.value, m.projection);
    }
    put(
        col_of(index(chart.target.year)),
        chart.target.value,
        m.target,
    );
    for a in &chart.actuals {
        put(col_of(index(a.year)), a.value, m.actual);
    }

    // Value labels on the tick rows, right-aligned.
    let tick_labels: Vec<(usize, String)> = scale
        .ticks
        .iter()
        .map(|v| {
            (
                row_of(v.to_f64().unwrap_or(0.0)),
                value::grouped(*v, scale.places),
            )
        })
        .collect();
    let lw = tick_labels
        .iter()
        .map(|(_, l)| l.width())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    if let Some(unit) = kpi.unit.as_deref().filter(|u| !u.is_empty()) {
        out.push_str(&format!("{}{unit}\n", style.lang.text(Text::Unit)));
    }
    for (r, row) in grid.iter().enumerate() {
        let (label, axis) = match tick_labels.iter().find(|(tr, _)| *tr == r) {
            Some((_, l)) => (l.as_str(), m.tick),
            None => ("", m.axis),
        };
        let line: String = row.iter().collect();
        out.push_str(&format!("{label:>lw$} {axis}{}\n", line.trim_end()));
    }
    let mut axis = vec![m.rule; width];
    for i in 0..years.len() {
        if let Some(c) = axis.get_mut(col_of(i)) {
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
    for (i, label) in labels.iter().enumerate() {
        let centre = lw + 2 + col_of(i);
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
    out.push_str(&format!("{:>lw$}  {}\n", "", legend.join("  ")));
    out
}
