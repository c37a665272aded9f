//! A KPI's line chart as inline SVG, drawn here in a few hundred lines so
//! the report needs no charting crate, no fonts and no images: the actuals,
//! the expected path with its milestones, the target and its year, the
//! baseline, and the projection where there is one. Every piece of plan text
//! is escaped. No `xmlns`: the chart is meant to sit inside an HTML page.

use std::fmt::Write;

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthChar;

use super::chart::Chart;
use super::html::escape;
use super::{Style, Text};
use crate::plan::{Kpi, Point};
use crate::value;
use crate::year::FiscalYear;

pub(crate) const WIDTH: f64 = 420.0;
pub(crate) const TOP: f64 = 30.0;
pub(crate) const PLOT_HEIGHT: f64 = 170.0;
/// Room inside the plot so the first and last points clear the axes.
pub(crate) const PAD: f64 = 14.0;
pub(crate) const FONT: f64 = 13.0;

const ACTUAL: &str = "#000000";
const PLAN: &str = "#0072B2";
const BASELINE: &str = "#777777";
const PROJECTION: &str = "#E69F00";
pub(crate) const GRID: &str = "#DDDDDD";

/// Rough width of text in the chart's units: wide (CJK) characters a full
/// em, others a little over half. Only for placing labels.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c.width() {
            Some(2) => size,
            Some(0) => 0.0,
            _ => size * 0.6,
        })
        .sum()
}

/// The frame of one chart: margins and the value-to-position mapping.
struct Frame<'a> {
    chart: &'a Chart,
    left: f64,
    plot_width: f64,
}

impl Frame<'_> {
    fn x(&self, year: FiscalYear) -> f64 {
        self.left + PAD + self.chart.x(year) * (self.plot_width - 2.0 * PAD)
    }

    fn y(&self, v: Decimal) -> f64 {
        TOP + (1.0 - self.chart.scale.y(v)) * PLOT_HEIGHT
    }

    fn bottom(&self) -> f64 {
        TOP + PLOT_HEIGHT
    }

    fn right(&self) -> f64 {
        self.left + self.plot_width
    }
}

/// A label in the right margin: a word over a value, placed at a value's height.
struct MarginLabel {
    want: f64,
    /// The value the label stands beside.
    at: Decimal,
    word: String,
    value: String,
    colour: &'static str,
}

/// The chart of one KPI. `id` makes the SVG's element ids unique in a page.
pub fn chart(kpi: &Kpi, chart: &Chart, decimals: u32, style: &Style, id: &str) -> String {
    let t = |x| style.lang.text(x);
    let w = |x| style.lang.text(x);
    let ticks: Vec<String> = chart
        .scale
        .ticks
        .iter()
        .map(|v| value::grouped(*v, chart.scale.places))
        .collect();
    let widest = ticks
        .iter()
        .map(|s| text_width(s, FONT))
        .fold(0.0, f64::max);
    let left = (widest + 14.0).max(36.0);
    // Values carry their unit, unless it is long: the unit line above the
    // axis names it, and a long one would crowd the plot.
    let short_unit = kpi.unit.as_deref().is_none_or(|u| u.chars().count() <= 6);
    let value_text = |v: Decimal| {
        if short_unit {
            style.value(kpi, decimals, v)
        } else {
            value::grouped(v, decimals)
        }
    };
    let label = |at: Decimal, word: String, colour| MarginLabel {
        want: 0.0,
        at,
        word,
        value: value_text(at),
        colour,
    };
    let mut labels = vec![
        label(
            chart.target.value,
            format!("{} {}", t(Text::Target), style.year(chart.target.year)),
            PLAN,
        ),
        label(
            chart.baseline.value,
            format!("{} {}", t(Text::Baseline), style.year(chart.baseline.year)),
            BASELINE,
        ),
    ];
    if let Some((_, p)) = chart.projection_line() {
        labels.push(label(
            p.value,
            format!("{} {}", w(Text::Projection), style.year(p.year)),
            PROJECTION,
        ));
    }
    // The right margin fits the widest label, in steps of 10 so that
    // positions stay round; a long unit may still run past the edge.
    let widest_label = labels
        .iter()
        .map(|l| text_width(&l.word, 12.0).max(text_width(&l.value, FONT)))
        .fold(0.0, f64::max);
    let right = ((widest_label + 12.0) / 10.0).ceil().clamp(7.0, 17.0) * 10.0;
    let frame = Frame {
        chart,
        left,
        // Huge tick labels could leave no plot at all; keep some.
        plot_width: (WIDTH - left - right).max(120.0),
    };

    let mut body = String::new();
    axes(&mut body, &frame, &ticks, kpi, style);
    promise(&mut body, &frame);
    actuals(&mut body, &frame, style, &value_text);
    // Direct labels in the right margin: target, baseline, projection.
    for l in &mut labels {
        l.want = frame.y(l.at);
    }
    for (label, y) in place(&labels) {
        let x = frame.right() + 6.0;
        let _ = write!(
            body,
            r##"<text x="{x:.1}" y="{:.1}" font-size="12" fill="#333">{}</text><text x="{x:.1}" y="{:.1}" font-weight="bold" fill="{}">{}</text>"##,
            y - 3.0,
            escape(&label.word),
            y + 12.0,
            label.colour,
            escape(&label.value)
        );
    }
    let legend_top = frame.bottom() + 39.0;
    let (legend, rows) = legend(chart, style, legend_top);
    body.push_str(&legend);
    let height = legend_top + rows as f64 * 16.0;
    let title = escape(&kpi.name);
    let id = escape(id);
    format!(
        r##"<svg class="chart" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" role="img" aria-labelledby="{id}-title" font-family="sans-serif" font-size="{FONT}"><title id="{id}-title">{title}</title>{body}</svg>"##
    )
}

/// The grid and value axis, with the unit above it; the year axis.
fn axes(body: &mut String, frame: &Frame, ticks: &[String], kpi: &Kpi, style: &Style) {
    let w = |x| style.lang.text(x);
    let chart = frame.chart;
    // Grid and value axis, with the unit above it.
    for (tick, label) in chart.scale.ticks.iter().zip(ticks) {
        let y = frame.y(*tick);
        let _ = write!(
            body,
            r##"<line x1="{l:.1}" y1="{y:.1}" x2="{r:.1}" y2="{y:.1}" stroke="{GRID}" stroke-width="1"/><text x="{tx:.1}" y="{ty:.1}" text-anchor="end" fill="#333">{label}</text>"##,
            l = frame.left,
            r = frame.right(),
            tx = frame.left - 5.0,
            ty = y + 4.0,
        );
    }
    if let Some(unit) = kpi.unit.as_deref().filter(|u| !u.is_empty()) {
        let _ = write!(
            body,
            r##"<text x="4" y="{:.1}" fill="#333">{}{}</text>"##,
            TOP - 14.0,
            escape(w(Text::Unit)),
            escape(unit)
        );
    }
    // Year axis: a tick every year, a label every year that has room for one.
    let years: Vec<FiscalYear> = chart.years().collect();
    let label_width = years
        .iter()
        .map(|y| text_width(&style.year(*y), FONT))
        .fold(0.0, f64::max);
    let spacing = (frame.plot_width - 2.0 * PAD) / (years.len().max(2) - 1) as f64;
    // text_width errs wide, so a small margin leaves a visible gap.
    let every = ((label_width + 2.0) / spacing).ceil().max(1.0) as usize;
    let _ = write!(
        body,
        r##"<line x1="{l:.1}" y1="{b:.1}" x2="{r:.1}" y2="{b:.1}" stroke="#333" stroke-width="1"/>"##,
        l = frame.left,
        r = frame.right(),
        b = frame.bottom()
    );
    for (i, year) in years.iter().enumerate() {
        let x = frame.x(*year);
        let _ = write!(
            body,
            r##"<line x1="{x:.1}" y1="{b:.1}" x2="{x:.1}" y2="{b4:.1}" stroke="#333" stroke-width="1"/>"##,
            b = frame.bottom(),
            b4 = frame.bottom() + 4.0
        );
        if i % every == 0 {
            let _ = write!(
                body,
                // Low enough to clear the lowest tick label beside it.
                r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#333">{}</text>"##,
                frame.bottom() + 19.0,
                escape(&style.year(*year))
            );
        }
    }
}

/// The plan's promise: its baseline across the plot, a revised target's
/// original path, the expected path, milestones and target; the projection.
fn promise(body: &mut String, frame: &Frame) {
    let chart = frame.chart;
    // The baseline across the plot, and its point.
    let by = frame.y(chart.baseline.value);
    let _ = write!(
        body,
        r##"<line class="baseline" x1="{l:.1}" y1="{by:.1}" x2="{r:.1}" y2="{by:.1}" stroke="{BASELINE}" stroke-width="1.2" stroke-dasharray="2 3"/>"##,
        l = frame.left,
        r = frame.right(),
    );
    // A revised target's original path, faint: what was promised first.
    if !chart.original_expected.is_empty() {
        let original: Vec<String> = chart
            .original_expected
            .iter()
            .map(|p| format!("{:.1},{:.1}", frame.x(p.year), frame.y(p.value)))
            .collect();
        let _ = write!(
            body,
            r##"<polyline class="original" points="{}" fill="none" stroke="{PLAN}" stroke-opacity="0.3" stroke-width="1.2" stroke-dasharray="2 4"/>"##,
            original.join(" ")
        );
    }
    // The expected path, milestones and target: the plan's promise, in blue.
    let path: Vec<String> = chart
        .expected
        .iter()
        .map(|p| format!("{:.1},{:.1}", frame.x(p.year), frame.y(p.value)))
        .collect();
    let _ = write!(
        body,
        r##"<polyline class="expected" points="{}" fill="none" stroke="{PLAN}" stroke-width="1.6" stroke-dasharray="6 4"/>"##,
        path.join(" ")
    );
    for m in &chart.milestones {
        let (x, y) = (frame.x(m.year), frame.y(m.value));
        let _ = write!(
            body,
            r##"<path class="milestone" d="M{x:.1},{:.1} L{:.1},{y:.1} L{x:.1},{:.1} L{:.1},{y:.1} Z" fill="#FFFFFF" stroke="{PLAN}" stroke-width="1.6"/>"##,
            y - 5.5,
            x + 5.5,
            y + 5.5,
            x - 5.5
        );
    }
    let (tx, ty) = (frame.x(chart.target.year), frame.y(chart.target.value));
    let _ = write!(
        body,
        r##"<circle class="target" cx="{tx:.1}" cy="{ty:.1}" r="6.5" fill="#FFFFFF" stroke="{PLAN}" stroke-width="2"/><circle cx="{tx:.1}" cy="{ty:.1}" r="2.5" fill="{PLAN}"/>"##
    );
    // The projection, dotted, from the latest actual to where the trend lands.
    if let Some((a, p)) = chart.projection_line() {
        let _ = write!(
            body,
            r##"<line class="projection" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{PROJECTION}" stroke-width="2.4" stroke-linecap="round" stroke-dasharray="0.1 4.5"/><circle cx="{:.1}" cy="{:.1}" r="4.5" fill="#FFFFFF" stroke="{PROJECTION}" stroke-width="2"/>"##,
            frame.x(a.year),
            frame.y(a.value),
            frame.x(p.year),
            frame.y(p.value),
            frame.x(p.year),
            frame.y(p.value)
        );
    }
}

/// The actuals, the baseline's point and the latest figure's label.
fn actuals(
    body: &mut String,
    frame: &Frame,
    style: &Style,
    value_text: &dyn Fn(Decimal) -> String,
) {
    let t = |x| style.lang.text(x);
    let chart = frame.chart;
    let by = frame.y(chart.baseline.value);
    // The actuals: solid black, from the baseline (the figure the plan
    // started from), broken where a year has no figure.
    let mut line = chart.actuals.clone();
    if !line.iter().any(|p| p.year == chart.baseline.year) {
        line.push(chart.baseline);
        line.sort_by_key(|p| p.year);
    }
    for run in runs(&line) {
        if run.len() > 1 {
            let pts: Vec<String> = run
                .iter()
                .map(|p| format!("{:.1},{:.1}", frame.x(p.year), frame.y(p.value)))
                .collect();
            let _ = write!(
                body,
                r##"<polyline class="actual" points="{}" fill="none" stroke="{ACTUAL}" stroke-width="2.2" stroke-linejoin="round"/>"##,
                pts.join(" ")
            );
        }
    }
    for p in &chart.actuals {
        // A figure after the target year is shown, never scored: hollow,
        // and titled so (progress.md).
        if p.year > chart.target.year {
            let _ = write!(
                body,
                r##"<circle class="after-target" cx="{:.1}" cy="{:.1}" r="3.2" fill="#FFFFFF" stroke="{ACTUAL}" stroke-width="1.4"><title>{}</title></circle>"##,
                frame.x(p.year),
                frame.y(p.value),
                t(Text::AfterTarget)
            );
        } else {
            let _ = write!(
                body,
                r##"<circle cx="{:.1}" cy="{:.1}" r="3.2" fill="{ACTUAL}"/>"##,
                frame.x(p.year),
                frame.y(p.value)
            );
        }
    }
    // The baseline's point, over the lines that start from it.
    let _ = write!(
        body,
        r##"<rect x="{:.1}" y="{:.1}" width="7" height="7" fill="{BASELINE}"/>"##,
        frame.x(chart.baseline.year) - 3.5,
        by - 3.5
    );
    if let Some(l) = chart.latest {
        let (x, y) = (frame.x(l.year), frame.y(l.value));
        // Above the point, unless that would leave the plot; near the right
        // edge it ends left of the point, clear of the margin labels.
        let ly = if y - 10.0 < TOP + 4.0 {
            y + 20.0
        } else {
            y - 10.0
        };
        let (lx, anchor) = if x > frame.right() - 40.0 {
            (x - 8.0, "end")
        } else {
            (x, "middle")
        };
        let _ = write!(
            body,
            r##"<circle class="latest" cx="{x:.1}" cy="{y:.1}" r="5" fill="{ACTUAL}" stroke="#FFFFFF" stroke-width="1.5"/><text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}" font-weight="bold" fill="{ACTUAL}" stroke="#FFFFFF" stroke-width="3" paint-order="stroke">{}</text>"##,
            escape(&value_text(l.value))
        );
    }
}

/// Runs of actuals in consecutive years: the line breaks at a missing year.
fn runs(points: &[Point]) -> Vec<&[Point]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        if i == points.len() || points[i].year.0 != points[i - 1].year.0 + 1 {
            out.push(&points[start..i]);
            start = i;
        }
    }
    out
}

/// Margin labels at their values' heights, pushed apart so none overlap,
/// and kept inside the plot's height.
fn place(labels: &[MarginLabel]) -> Vec<(&MarginLabel, f64)> {
    // A label is a word (12px) over a value (13px), 15px apart: with
    // Japanese fonts' ascent and descent about 29px tall; 3px between.
    const GAP: f64 = 32.0;
    let mut order: Vec<&MarginLabel> = labels.iter().collect();
    order.sort_by(|a, b| a.want.total_cmp(&b.want));
    let mut ys: Vec<f64> = Vec::with_capacity(order.len());
    for l in &order {
        let y = match ys.last() {
            Some(prev) => l.want.max(prev + GAP),
            None => l.want.max(TOP),
        };
        ys.push(y);
    }
    let lowest = TOP + PLOT_HEIGHT - 4.0;
    if let Some(&last) = ys.last() {
        if last > lowest {
            let shift = last - lowest;
            for y in &mut ys {
                *y -= shift;
            }
        }
    }
    order.into_iter().zip(ys).collect()
}

/// The key under the plot, wrapped to the chart's width; its rows.
fn legend(chart: &Chart, style: &Style, top: f64) -> (String, usize) {
    let t = |x| style.lang.text(x);
    let mut items: Vec<(String, String)> = vec![
        (
            format!(
                r##"<line x1="0" y1="0" x2="20" y2="0" stroke="{ACTUAL}" stroke-width="2.2"/><circle cx="10" cy="0" r="3.2" fill="{ACTUAL}"/>"##
            ),
            t(Text::Actual).to_string(),
        ),
        (
            format!(
                r##"<line x1="0" y1="0" x2="20" y2="0" stroke="{PLAN}" stroke-width="1.6" stroke-dasharray="6 4"/>"##
            ),
            style.lang.text(Text::ExpectedPath).to_string(),
        ),
    ];
    if !chart.milestones.is_empty() {
        items.push((
            format!(
                r##"<path d="M10,-5.5 L15.5,0 L10,5.5 L4.5,0 Z" fill="#FFFFFF" stroke="{PLAN}" stroke-width="1.6"/>"##
            ),
            t(Text::Milestone).to_string(),
        ));
    }
    items.push((
        format!(
            r##"<circle cx="10" cy="0" r="6" fill="#FFFFFF" stroke="{PLAN}" stroke-width="2"/><circle cx="10" cy="0" r="2.5" fill="{PLAN}"/>"##
        ),
        t(Text::Target).to_string(),
    ));
    items.push((
        format!(
            r##"<line x1="0" y1="0" x2="20" y2="0" stroke="{BASELINE}" stroke-width="1.2" stroke-dasharray="2 3"/><rect x="6.5" y="-3.5" width="7" height="7" fill="{BASELINE}"/>"##
        ),
        t(Text::Baseline).to_string(),
    ));
    if chart.projection_line().is_some() {
        items.push((
            format!(
                r##"<line x1="0" y1="0" x2="20" y2="0" stroke="{PROJECTION}" stroke-width="2.4" stroke-linecap="round" stroke-dasharray="0.1 4.5"/>"##
            ),
            style.lang.text(Text::Projection).to_string(),
        ));
    }
    let mut out = String::new();
    let (mut x, mut row) = (8.0, 0usize);
    for (sample, label) in items {
        let width = 26.0 + text_width(&label, 12.0) + 14.0;
        if x + width > WIDTH - 4.0 && x > 8.0 {
            x = 8.0;
            row += 1;
        }
        let y = top + row as f64 * 16.0;
        let _ = write!(
            out,
            r##"<g transform="translate({x:.1},{y:.1})">{sample}<text x="26" y="3.5" font-size="12" fill="#333">{}</text></g>"##,
            escape(&label)
        );
        x += width;
    }
    (out, row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans::point as p;

    #[test]
    fn the_line_breaks_at_missing_years() {
        let pts = [p(2015, 1), p(2016, 2), p(2018, 3)];
        let r = runs(&pts);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].len(), 2);
        assert_eq!(r[1].len(), 1);
        assert!(runs(&[]).is_empty());
    }

    #[test]
    fn margin_labels_do_not_overlap() {
        let l = |want| MarginLabel {
            want,
            at: Decimal::ZERO,
            word: String::new(),
            value: String::new(),
            colour: PLAN,
        };
        let labels = [l(100.0), l(105.0), l(198.0)];
        let placed = place(&labels);
        let ys: Vec<f64> = placed.iter().map(|(_, y)| *y).collect();
        for pair in ys.windows(2) {
            assert!(pair[1] - pair[0] >= 32.0 - 1e-9, "{ys:?}");
        }
        assert!(ys.iter().all(|y| *y <= TOP + PLOT_HEIGHT - 4.0 + 1e-9));
    }
}
