//! Lines of prose fitted to the width terminal output is laid out for
//! (cli.md `--width`): titles, goal roll-ups, `kpi check`'s lines, the
//! import summary, and the note under a table that left columns out.
//! Tables themselves are `grid`'s. With no width every line is as it was.

use super::grid::{width, wrap_hanging};
use super::Lang;

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
    let pad = " ".repeat(indent);
    let sep_end = sep.trim_end();
    let mut lines: Vec<String> = line(head.trim_end(), Some(max), ascii, indent)
        .split('\n')
        .map(str::to_string)
        .collect();
    // The head's last line takes items while they fit, then each line does.
    let mut current = lines.pop().unwrap_or_default();
    let mut first_on_line = head.trim_end().is_empty();
    let head_spacer = &head[head.trim_end().len()..];
    for (i, item) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        let piece = if last {
            item.clone()
        } else {
            format!("{item}{sep_end}")
        };
        let joiner = if first_on_line {
            ""
        } else if i == 0 {
            head_spacer
        } else {
            &sep[sep_end.len()..]
        };
        let candidate = format!("{current}{joiner}{piece}");
        if width(&candidate, ascii) <= max || current.trim().is_empty() {
            current = candidate;
        } else {
            lines.push(current);
            current = format!("{pad}{piece}");
        }
        first_on_line = false;
    }
    lines.push(current);
    lines.join("\n")
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
    let text = match lang {
        Lang::Ja => format!(
            "幅に収めるため省いた列: {}（すべて見るには --width {natural} または --format csv）",
            left_out.join("、")
        ),
        Lang::En => format!(
            "left out to fit: {} (to see every column: --width {natural}, or --format csv)",
            left_out.join(", ")
        ),
    };
    Some(line(&text, max, ascii, 2))
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
        // Japanese breaks at characters, filling each line.
        assert_eq!(
            line(
                "待機児童数 放課後児童クラブ入所保留者数",
                Some(16),
                false,
                2
            ),
            "待機児童数 放課\n  後児童クラブ入\n  所保留者数"
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
