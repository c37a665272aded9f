//! The report's chart of a KPI's categories (breakdowns.md, `kpi report`):
//! one line per category, as inline SVG. Colours from the Okabe–Ito
//! palette, which readers with any common colour-vision deficiency tell
//! apart, and a dash pattern and a marker shape per line as a second cue
//! (print in grey, or two colours that still look alike); the legend in
//! the plan's order under the plot.

use std::fmt::Write;

use super::categories::Line;
use super::html::escape;
use super::svg::text_width;
use super::{Style, Text};
use crate::value;
use crate::year::FiscalYear;

use super::svg::{FONT, GRID, PAD, PLOT_HEIGHT, TOP, WIDTH};

/// Okabe & Ito (2008), without its yellow (too faint on white).
pub const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000",
];
/// Dash patterns, solid first; a line's pattern is its position mod 4.
pub const DASHES: [&str; 4] = ["", "6 3", "2 3", "8 3 2 3"];

/// Line `i`'s colour, dash and marker: colour and dash cycle with
/// periods 7 and 4, so the first 28 lines differ in at least one.
pub fn look(i: usize) -> (&'static str, &'static str) {
    (PALETTE[i % PALETTE.len()], DASHES[i % DASHES.len()])
}

/// A marker at (x, y): a circle, square, triangle or diamond by `i`.
fn marker(i: usize, x: f64, y: f64, colour: &str) -> String {
    match i % 4 {
        0 => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{colour}"/>"#),
        1 => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="7" height="7" fill="{colour}"/>"#,
            x - 3.5,
            y - 3.5
        ),
        2 => format!(
            r#"<path d="M{x:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z" fill="{colour}"/>"#,
            y - 4.5,
            x + 4.5,
            y + 3.5,
            x - 4.5,
            y + 3.5
        ),
        _ => format!(
            r#"<path d="M{x:.1},{:.1} L{:.1},{y:.1} L{x:.1},{:.1} L{:.1},{y:.1} Z" fill="{colour}"/>"#,
            y - 4.5,
            x + 4.5,
            y + 4.5,
            x - 4.5
        ),
    }
}

/// The chart; empty when no category has a figure. `id` makes the SVG's
/// ids unique in the page.
pub fn chart(title: &str, unit: Option<&str>, lines: &[Line], style: &Style, id: &str) -> String {
    let Some((first, last, scale)) = super::categories::extent(lines) else {
        return String::new();
    };
    let ticks: Vec<String> = scale
        .ticks
        .iter()
        .map(|v| value::grouped(*v, scale.places))
        .collect();
    let left = (ticks
        .iter()
        .map(|s| text_width(s, FONT))
        .fold(0.0, f64::max)
        + 14.0)
        .max(36.0);
    let plot_width = WIDTH - left - 16.0;
    let span = f64::from((last.0 - first.0).max(1));
    let x = |y: FiscalYear| {
        let f = if first == last {
            0.5
        } else {
            f64::from(y.0 - first.0) / span
        };
        left + PAD + f * (plot_width - 2.0 * PAD)
    };
    let y = |v: rust_decimal::Decimal| TOP + (1.0 - scale.y(v)) * PLOT_HEIGHT;
    let bottom = TOP + PLOT_HEIGHT;
    let mut body = String::new();
    for (tick, label) in scale.ticks.iter().zip(&ticks) {
        let ty = y(*tick);
        let _ = write!(
            body,
            r##"<line x1="{left:.1}" y1="{ty:.1}" x2="{r:.1}" y2="{ty:.1}" stroke="{GRID}" stroke-width="1"/><text x="{tx:.1}" y="{:.1}" text-anchor="end" fill="#333">{label}</text>"##,
            ty + 4.0,
            r = left + plot_width,
            tx = left - 5.0,
        );
    }
    // The dimension over the axis, with the unit.
    let heading = match unit.filter(|u| !u.is_empty()) {
        Some(unit) => format!("{title} ({}{unit})", style.lang.text(Text::Unit)),
        None => title.to_string(),
    };
    let _ = write!(
        body,
        r##"<text x="4" y="{:.1}" fill="#333">{}</text>"##,
        TOP - 14.0,
        escape(&heading)
    );
    let _ = write!(
        body,
        r##"<line x1="{left:.1}" y1="{bottom:.1}" x2="{:.1}" y2="{bottom:.1}" stroke="#333" stroke-width="1"/>"##,
        left + plot_width
    );
    let years: Vec<FiscalYear> = (first.0..=last.0).map(FiscalYear).collect();
    let widest = years
        .iter()
        .map(|y| text_width(&style.year(*y), FONT))
        .fold(0.0, f64::max);
    let spacing = (plot_width - 2.0 * PAD) / span;
    let every = ((widest + 2.0) / spacing).ceil().max(1.0) as usize;
    for (i, year) in years.iter().enumerate() {
        let yx = x(*year);
        let _ = write!(
            body,
            r##"<line x1="{yx:.1}" y1="{bottom:.1}" x2="{yx:.1}" y2="{:.1}" stroke="#333" stroke-width="1"/>"##,
            bottom + 4.0
        );
        if i % every == 0 {
            let _ = write!(
                body,
                r##"<text x="{yx:.1}" y="{:.1}" text-anchor="middle" fill="#333">{}</text>"##,
                bottom + 19.0,
                escape(&style.year(*year))
            );
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let (colour, dash) = look(i);
        let pts: Vec<String> = line
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.year), y(p.value)))
            .collect();
        if pts.len() > 1 {
            let _ = write!(
                body,
                r##"<polyline class="category" data-category="{}" points="{}" fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}" stroke-linejoin="round"/>"##,
                escape(&line.label),
                pts.join(" ")
            );
        }
        for p in &line.points {
            body.push_str(&marker(i, x(p.year), y(p.value), colour));
        }
    }
    let legend_top = bottom + 39.0;
    legend(&mut body, lines, left, legend_top);
    let height = legend_top + lines.len() as f64 * 16.0;
    let id = escape(id);
    format!(
        r##"<svg class="chart categories" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" role="img" aria-labelledby="{id}-title" font-family="sans-serif" font-size="{FONT}"><title id="{id}-title">{}</title>{body}</svg>"##,
        escape(title)
    )
}

/// The legend under the plot: a row per category, in the plan's order,
/// with a sample of its line (colour, dash and marker).
fn legend(body: &mut String, lines: &[Line], left: f64, legend_top: f64) {
    for (i, line) in lines.iter().enumerate() {
        let (colour, dash) = look(i);
        let ly = legend_top + i as f64 * 16.0;
        let _ = write!(
            body,
            r##"<line x1="{left:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>{}<text x="{:.1}" y="{:.1}" fill="#333">{}</text>"##,
            left + 28.0,
            marker(i, left + 14.0, ly, colour),
            left + 34.0,
            ly + 4.0,
            escape(&line.label)
        );
    }
}
