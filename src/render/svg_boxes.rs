//! No text of a chart overlaps another (issue 25, item 14): every `<text>`
//! of every chart of the seed plan's report, in both languages, measured
//! as a box from its position, anchor, font size and the characters'
//! widths (`svg::text_width`, which errs wide), its height 0.9 em above
//! the baseline and 0.2 below, as Japanese fonts draw them, and no two
//! boxes intersect, in the plan's year style and in western years
//! (`FY2014`, the widest year labels). The seed's startups chart has the case:
//! target 157件 and projection 158件 one apart.

use roxmltree::{Document, Node};

use super::{html, svg, Lang, Style};
use crate::progress::Query;
use crate::year::YearStyle;

#[derive(Debug, Clone)]
struct TextBox {
    text: String,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

fn attr(n: Node, name: &str) -> Option<f64> {
    n.attribute(name).and_then(|v| v.parse().ok())
}

/// The sum of the `translate(x,y)`s of a node's ancestors.
fn offset(n: Node) -> (f64, f64) {
    let (mut dx, mut dy) = (0.0, 0.0);
    for a in n.ancestors() {
        if let Some(t) = a.attribute("transform") {
            let inner = t.trim_start_matches("translate(").trim_end_matches(')');
            let mut parts = inner
                .split([',', ' '])
                .filter_map(|p| p.parse::<f64>().ok());
            dx += parts.next().unwrap_or(0.0);
            dy += parts.next().unwrap_or(0.0);
        }
    }
    (dx, dy)
}

fn boxes(svg_text: &str) -> Vec<TextBox> {
    let doc = Document::parse(svg_text).expect("the chart is well-formed XML");
    let root_size = attr(doc.root_element(), "font-size").unwrap_or(13.0);
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let text: String = n.text().unwrap_or("").to_string();
            let size = attr(n, "font-size").unwrap_or(root_size);
            let (dx, dy) = offset(n);
            let x = attr(n, "x").unwrap_or(0.0) + dx;
            let y = attr(n, "y").unwrap_or(0.0) + dy;
            let w = svg::text_width(&text, size);
            let left = match n.attribute("text-anchor") {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            TextBox {
                text,
                left,
                right: left + w,
                top: y - 0.9 * size,
                bottom: y + 0.2 * size,
            }
        })
        .collect()
}

fn overlap(a: &TextBox, b: &TextBox) -> bool {
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
}

fn seed_charts(lang: Lang, western: bool) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/asaka");
    let (plan, _) = crate::plan::load(&dir.join("kpi.toml")).unwrap();
    let figures = crate::ledger::read_clean(&plan).unwrap();
    let eval = Query {
        charts: true,
        ..Query::default()
    }
    .evaluate(&plan, &figures.series);
    let style = Style {
        lang,
        color: false,
        ascii: false,
        year_style: if western {
            YearStyle::Fiscal
        } else {
            plan.year_style
        },
        width: None,
    };
    let page = html::render(&plan, &eval, &style);
    let mut out = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = rest.find("<svg class=\"chart\"") {
        let end = rest[start..].find("</svg>").unwrap() + start + "</svg>".len();
        out.push(rest[start..end].to_string());
        rest = &rest[end..];
    }
    out
}

#[test]
fn no_label_of_a_chart_overlaps_another() {
    for (lang, western) in [(Lang::Ja, false), (Lang::En, false), (Lang::En, true)] {
        let charts = seed_charts(lang, western);
        assert_eq!(charts.len(), 13, "one chart per KPI of the seed");
        for chart in &charts {
            let b = boxes(chart);
            for (i, x) in b.iter().enumerate() {
                for y in &b[i + 1..] {
                    assert!(!overlap(x, y), "{lang:?}: {x:?} overlaps {y:?}");
                }
            }
        }
    }
}

#[test]
fn the_startups_target_and_projection_are_apart() {
    // 市の支援により起業した件数（累計）: target 157件, projection 158件.
    let charts = seed_charts(Lang::Ja, false);
    let chart = charts.iter().find(|c| c.contains(">157件<")).unwrap();
    let b = boxes(chart);
    let find = |t: &str| b.iter().find(|x| x.text == t).unwrap().clone();
    let (target, projection) = (find("157件"), find("158件"));
    assert!(!overlap(&target, &projection), "{target:?} {projection:?}");
    // Each value sits under its own word: the word above does not touch it.
    let word = find("目標値 R1");
    assert!(word.bottom <= target.top, "{word:?} {target:?}");
}
