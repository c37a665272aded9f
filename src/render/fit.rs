//! Lines of prose fitted to the width terminal output is laid out for
//! (cli.md `--width`): titles, goal roll-ups, `kpi check`'s lines, the
//! import summary, and the note under a table that left columns out.
//! Tables themselves are `grid`'s. With no width every line is as it was.

use super::grid::{width, wrap_hanging};
use super::{Lang, Style};

/// `text` as `line` fits it to the output's width (a hanging indent of
/// two), and a line break, after `out`.
pub fn push_line(out: &mut String, text: &str, style: &Style) {
    out.push_str(&line(text, style.width, style.ascii, 2));
    out.push('\n');
}

/// `text` wrapped to `max` columns, the lines after the first indented by
/// `indent` spaces; as it is when there is no width or it fits.
pub fn line(text: &str, max: Option<usize>, ascii: bool, indent: usize) -> String {
    let Some(max) = max else {
        return text.to_string();
    };
    if text.split('\n').all(|l| width(l, ascii) <= max) {
        return text.to_string();
    }
    let pad = " ".repeat(indent);
    wrap_hanging(text, max, max.saturating_sub(indent), ascii)
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { l } else { format!("{pad}{l}") })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Units of text in lines of at most `max` columns, broken only between
/// units: each unit is its text and the glue before it (`" "` or `""`),
/// which a break drops. The lines after the first are indented by `indent`
/// spaces; a unit wider than a line wraps inside.
pub fn flow(units: &[(String, &str)], max: usize, ascii: bool, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, (text, glue)) in units.iter().enumerate() {
        let candidate = if i == 0 {
            text.clone()
        } else {
            format!("{current}{glue}{text}")
        };
        if width(&candidate, ascii) <= max || current.trim().is_empty() {
            current = candidate;
            continue;
        }
        lines.push(std::mem::take(&mut current));
        current = format!("{pad}{text}");
    }
    lines.push(current);
    // A unit wider than a line: wrapped at spaces or characters.
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if width(&l, ascii) <= max {
                return l;
            }
            let (first, own) = if i == 0 {
                (max, "")
            } else {
                (max.saturating_sub(indent), pad.as_str())
            };
            wrap_hanging(l.trim_start(), first, max.saturating_sub(indent), ascii)
                .into_iter()
                .enumerate()
                .map(|(j, w)| {
                    if j == 0 {
                        format!("{own}{w}")
                    } else {
                        format!("{pad}{w}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `head` followed by `items` joined with `sep`, wrapped only between items
/// (`達成 3` is never split), the lines after the first indented by
/// `indent` spaces.
pub fn list(
    head: &str,
    items: &[String],
    sep: &str,
    max: Option<usize>,
    ascii: bool,
    indent: usize,
) -> String {
    let whole = format!("{head}{}", items.join(sep));
    let Some(max) = max else {
        return whole;
    };
    if width(&whole, ascii) <= max {
        return whole;
    }
    // The separator's mark stays at the end of a line; its spaces are glue.
    let sep_end = sep.trim_end();
    let glue = &sep[sep_end.len()..];
    let head_text = head.trim_end();
    let head_glue = &head[head_text.len()..];
    let mut units: Vec<(String, &str)> = Vec::new();
    if !head_text.is_empty() {
        // The head may break where it has spaces, as any line does.
        for (i, word) in head_text.split(' ').enumerate() {
            units.push((word.to_string(), if i == 0 { "" } else { " " }));
        }
    }
    for (i, item) in items.iter().enumerate() {
        let text = if i + 1 < items.len() {
            format!("{item}{sep_end}")
        } else {
            item.clone()
        };
        let g = if i == 0 { head_glue } else { glue };
        units.push((text, g));
    }
    if head_text.is_empty() {
        // A head of spaces alone indents the first line.
        if let Some(first) = units.first_mut() {
            first.0 = format!("{head}{}", first.0);
        }
    }
    flow(&units, max, ascii, indent)
}

/// The line under a table that left columns out to fit: which, and how to
/// see them all. `None` when nothing was left out.
pub fn left_out_note(
    lang: Lang,
    left_out: &[String],
    natural: usize,
    max: Option<usize>,
    ascii: bool,
) -> Option<String> {
    if left_out.is_empty() {
        return None;
    }
    let wide = format!("--width {natural}");
    let (head, sep, tail) = match lang {
        Lang::Ja => (
            "幅に収めるため省いた列:",
            "、",
            [
                ("（すべて見るには", ""),
                (wide.as_str(), " "),
                ("または", " "),
                ("--format csv）", " "),
            ],
        ),
        Lang::En => (
            "left out to fit:",
            ", ",
            [
                ("(to see every column:", " "),
                (&format!("{wide},"), " "),
                ("or", " "),
                ("--format csv)", " "),
            ],
        ),
    };
    let (sep_end, glue) = (sep.trim_end(), &sep[sep.trim_end().len()..]);
    let mut units: Vec<(String, &str)> = vec![(head.to_string(), "")];
    for (i, c) in left_out.iter().enumerate() {
        let text = if i + 1 < left_out.len() {
            format!("{c}{sep_end}")
        } else {
            c.clone()
        };
        units.push((text, if i == 0 { " " } else { glue }));
    }
    units.extend(tail.iter().map(|(t, g)| (t.to_string(), *g)));
    Some(match max {
        Some(max) => flow(&units, max, ascii, 2),
        None => units
            .iter()
            .map(|(t, g)| format!("{g}{t}"))
            .collect::<String>()
            .trim_start()
            .to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_fits_or_has_no_width_is_as_it_was() {
        assert_eq!(
            line("kpi check: 5 of 13", None, false, 2),
            "kpi check: 5 of 13"
        );
        assert_eq!(
            line("kpi check: 5 of 13", Some(18), false, 2),
            "kpi check: 5 of 13"
        );
    }

    #[test]
    fn a_long_line_wraps_with_a_hanging_indent() {
        // 33 columns at 14: `sme-loans [worsening]` is 21, so the line
        // breaks at the space; the lines after it have 12 columns past
        // their indent, and the 12 of 中小企業融資 fit on the third.
        assert_eq!(
            line("sme-loans [worsening] 中小企業融資", Some(14), false, 2),
            "sme-loans\n  [worsening]\n  中小企業融資"
        );
        // Japanese breaks between phrases, and a phrase wider than a line
        // between its words (放課後|児童|クラブ|入所|保留者数), never inside one.
        assert_eq!(
            line(
                "待機児童数 放課後児童クラブ入所保留者数",
                Some(16),
                false,
                2
            ),
            "待機児童数\n  放課後児童\n  クラブ入所\n  保留者数"
        );
    }

    #[test]
    fn a_list_breaks_between_items_only() {
        let items: Vec<String> = ["達成 3", "順調 2", "要注意 2", "遅れ 1"]
            .map(String::from)
            .to_vec();
        // `基本目標1 目標 — ` is 17 columns; with `達成 3・順調 2・` (8 + 8)
        // 33 fit in 36; `要注意 2・` (10) would make 43.
        let text = list("基本目標1 目標 — ", &items, "・", Some(36), false, 2);
        assert_eq!(
            text,
            "基本目標1 目標 — 達成 3・順調 2・\n  要注意 2・遅れ 1"
        );
        for l in text.lines() {
            assert!(width(l, false) <= 36, "{l}");
        }
        let en: Vec<String> = ["achieved 3", "on track 2", "at risk 2"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            list("Goal 1 Jobs - ", &en, ", ", Some(30), false, 2),
            "Goal 1 Jobs - achieved 3,\n  on track 2, at risk 2"
        );
        assert_eq!(
            list("Goal 1 Jobs - ", &en, ", ", None, false, 2),
            "Goal 1 Jobs - achieved 3, on track 2, at risk 2"
        );
        // A head of spaces indents every line (a chart's legend).
        assert_eq!(
            list("   ", &en, "  ", Some(26), false, 3),
            "   achieved 3  on track 2\n   at risk 2"
        );
    }

    #[test]
    fn the_note_names_the_columns_and_the_way_to_see_them() {
        let cols = ["trend".to_string(), "expected".to_string()];
        assert_eq!(left_out_note(Lang::En, &[], 170, Some(80), false), None);
        let note = left_out_note(Lang::En, &cols, 170, Some(200), false).unwrap();
        assert_eq!(
            note,
            "left out to fit: trend, expected (to see every column: --width 170, or --format csv)"
        );
        let ja = left_out_note(Lang::Ja, &cols, 170, Some(60), false).unwrap();
        assert!(
            ja.starts_with("幅に収めるため省いた列: trend、expected"),
            "{ja}"
        );
        assert!(ja.lines().all(|l| width(l, false) <= 60), "{ja}");
        assert!(
            ja.contains("--width 170") && ja.contains("--format csv"),
            "{ja}"
        );
    }
}
