use proptest::prelude::*;

use super::*;

fn columns() -> Vec<Column> {
    vec![
        Column::new("KPI", Align::Left).wrapping(),
        Column::new("baseline", Align::Right).drops(3),
        Column::new("latest", Align::Right),
        Column::new("achievement", Align::Right),
        Column::new("pace", Align::Right).drops(4),
        Column::new("status", Align::Left),
        Column::new("trend", Align::Left).drops(1),
    ]
}

fn rows() -> Vec<Row> {
    vec![
        Row::Span(Cell::from(
            "(2) 市民の仕事と生活の両立を実現するまちづくり › ① 勤労者支援と保育サービスの充実",
        )),
        Row::Cells(
            [
                "待機児童数",
                "47人 (H26)",
                "21人 (R1)",
                "55.3%",
                "55.3%",
                "missed",
                "█▅▄▇▅▁",
            ]
            .map(Cell::from)
            .to_vec(),
        ),
        Row::Cells(
            [
                "Number of people in the after-school club waiting list",
                "141人 (H26)",
                "172人 (H30)",
                "-22.0%",
                "-27.5%",
                "worsening",
                "▁▃▆▅█",
            ]
            .map(Cell::from)
            .to_vec(),
        ),
    ]
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn widths_count_wide_characters_two_and_ambiguous_ones_two_under_ascii() {
    assert_eq!(width("abc", false), 3);
    assert_eq!(width("待機児童数", false), 10);
    assert_eq!(width("①※○", false), 3);
    assert_eq!(width("①※○", true), 6);
    assert_eq!(width("ab\n待機", false), 4);
}

#[test]
fn wrapping_breaks_english_at_spaces_and_japanese_anywhere() {
    assert_eq!(
        wrap("number of people waiting", 10, false),
        ["number of", "people", "waiting"]
    );
    assert_eq!(
        wrap("待機児童数の推移", 6, false),
        ["待機児", "童数の", "推移"]
    );
    // A word longer than the line is broken at characters.
    assert_eq!(
        wrap("extraordinarily", 6, false),
        ["extrao", "rdinar", "ily"]
    );
    assert_eq!(wrap("", 6, false), [""]);
}

#[test]
fn unlimited_width_draws_every_column_at_its_natural_width() {
    let drawn = draw(
        &columns(),
        &rows(),
        Frame {
            width: None,
            ascii: false,
            compact: false,
        },
    );
    assert!(drawn.left_out.is_empty());
    let l = lines(&drawn.text);
    // The heading spans the table and does not widen the KPI column: the
    // widest KPI cell is the English name (55 columns).
    assert_eq!(width(l[1], false), width(l[0], false));
    assert!(l[1].starts_with("│ KPI") && l[1].contains(" baseline ┆ "));
    assert!(l[4].contains("55.3%"));
    // Every line, the spanning heading's too, is the width of the rules.
    for line in &l {
        assert_eq!(width(line, false), width(l[0], false), "{line:?}");
    }
    assert_eq!(
        width(&drawn.text, false),
        l.iter().map(|s| width(s, false)).max().unwrap()
    );
}

#[test]
fn at_80_columns_names_wrap_and_the_lowest_ranked_columns_go() {
    let drawn = draw(
        &columns(),
        &rows(),
        Frame {
            width: Some(80),
            ascii: false,
            compact: false,
        },
    );
    for line in lines(&drawn.text) {
        assert!(
            width(line, false) <= 80,
            "{line:?} is {} wide",
            width(line, false)
        );
    }
    // trend goes first, then baseline, then pace; status, latest and achievement stay.
    assert_eq!(drawn.left_out, ["trend"]);
    assert!(drawn.text.contains("missed") && drawn.text.contains("55.3%"));
}

#[test]
fn at_60_columns_more_columns_give_way_in_their_order() {
    let drawn = draw(
        &columns(),
        &rows(),
        Frame {
            width: Some(60),
            ascii: false,
            compact: false,
        },
    );
    for line in lines(&drawn.text) {
        assert!(width(line, false) <= 60, "{line:?}");
    }
    // Left out by rank (trend, baseline, pace), named in table order.
    assert_eq!(drawn.left_out, ["baseline", "pace", "trend"]);
    for kept in [
        "KPI",
        "latest",
        "achievement",
        "status",
        "worsening",
        "172人",
    ] {
        assert!(drawn.text.contains(kept), "{kept} missing:\n{}", drawn.text);
    }
}

#[test]
fn the_ascii_header_rule_has_joints() {
    let drawn = draw(
        &columns(),
        &rows(),
        Frame {
            width: None,
            ascii: true,
            compact: false,
        },
    );
    let l = lines(&drawn.text);
    assert!(l[0].starts_with("+-") && l[0].ends_with("-+"));
    // The rule under the header joins its columns as the top rule does.
    let joints = |s: &str| {
        s.char_indices()
            .filter(|&(_, c)| c == '+')
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    assert_eq!(joints(l[2]), joints(l[0]));
    assert!(l[2].contains("=+="), "{}", l[2]);
}

/// The display columns at which a line has a column separator.
fn separators(line: &str, ascii: bool) -> Vec<usize> {
    let mut at = 0;
    let mut out = Vec::new();
    for c in line.chars() {
        if matches!(
            c,
            '│' | '┆' | '|' | '+' | '┬' | '┴' | '╪' | '┌' | '┐' | '└' | '┘' | '╞' | '╡'
        ) {
            out.push(at);
        }
        at += char_width(c, ascii);
    }
    out
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,12}( [a-z]{1,12}){0,8}",
        "[\u{3041}-\u{3093}\u{4e00}-\u{4e80}]{1,40}",
        "[①-⑩※○△■・a-zあ-ん]{1,30}",
    ]
}

proptest! {
    #[test]
    fn no_line_is_wider_than_the_width_and_columns_line_up(
        names in proptest::collection::vec(name(), 1..6),
        heading in name(),
        width_limit in 60usize..=220,
        ascii in any::<bool>(),
    ) {
        let mut rows = vec![Row::Span(Cell::from(heading))];
        for n in &names {
            rows.push(Row::Cells(
                [n.as_str(), "2,788人 (H26)", "2,912人 (H30)", "80.0%", "100.0%", "on track", "▁▃▅▆█"]
                    .map(Cell::from)
                    .to_vec(),
            ));
        }
        let drawn = draw(&columns(), &rows, Frame { width: Some(width_limit), ascii, compact: false });
        let all: Vec<&str> = drawn.text.lines().collect();
        let reference = separators(all[0], ascii);
        for line in &all {
            prop_assert!(width(line, ascii) <= width_limit, "{:?} wider than {}", line, width_limit);
            prop_assert_eq!(width(line, ascii), width(all[0], ascii), "{:?}", line);
        }
        // Every line that is not a spanning heading has its separators where the top rule has its joints.
        for line in all.iter().filter(|l| separators(l, ascii).len() > 2) {
            prop_assert_eq!(separators(line, ascii), reference.clone(), "{:?}", line);
        }
        // Every status word is there, and each name's first characters.
        prop_assert_eq!(drawn.text.matches("on track").count(), names.len());
        prop_assert!(drawn.left_out.iter().all(|c| ["trend", "baseline", "pace"].contains(&c.as_str())));
    }
}

#[test]
fn a_closing_bracket_does_not_start_a_line_nor_an_opening_one_end_it() {
    // At 24 columns the bracketed group, a phrase of its own, goes down
    // whole: neither `）` starts a line nor `（` ends one.
    assert_eq!(
        wrap("病児保育定員（1日あたり）", 24, false),
        ["病児保育定員", "（1日あたり）"]
    );
    // At 14 the group (16 columns) breaks inside, between its words, `（`
    // going down with what it opens.
    assert_eq!(
        wrap("延長保育定員（1か月あたり）", 14, false),
        ["延長保育定員", "（1か", "月あたり）"]
    );
    // A group wider than the line breaks between its words too.
    assert_eq!(
        wrap("保育定員（保育定員）", 10, false),
        ["保育定員", "（保育", "定員）"]
    );
}

#[test]
fn a_path_breaks_between_its_parts_first() {
    let parts = [
        "(2) 市民の仕事と生活の両立を実現するまちづくり".to_string(),
        "① 勤労者支援と保育サービスの充実".to_string(),
    ];
    // 46 + 3 + 32 = 81 columns: too wide for 56, so the path breaks after
    // its separator and the second measure goes whole to an indented line.
    assert_eq!(
        wrap_parts(&parts, " › ", 56, false),
        [
            "(2) 市民の仕事と生活の両立を実現するまちづくり ›",
            "  ① 勤労者支援と保育サービスの充実"
        ]
    );
    assert_eq!(
        wrap_parts(&parts, " › ", 81, false),
        ["(2) 市民の仕事と生活の両立を実現するまちづくり › ① 勤労者支援と保育サービスの充実"]
    );
    // A part wider than the line wraps inside, under the same indent.
    let lines = wrap_parts(&parts, " > ", 30, true);
    assert!(lines.iter().all(|l| width(l, true) <= 30), "{lines:?}");
    assert!(lines[1..].iter().all(|l| l.starts_with("  ")), "{lines:?}");
    assert_eq!(
        lines.concat().replace(' ', ""),
        parts.join(">").replace(' ', "")
    );
}

#[test]
fn latin_inside_japanese_text_is_not_broken_when_it_fits_a_line() {
    // `off_track,worsening,missed）：遅れ` has no space to break at: the
    // Latin run goes whole to the next line rather than `wor` / `sening`.
    assert_eq!(
        wrap(
            "（R1時点、fail-on: off_track,worsening,missed）：遅れ 1",
            30,
            false
        ),
        [
            "（R1時点、fail-on:",
            "off_track,worsening,missed）：",
            "遅れ 1"
        ]
    );
    // A run longer than a line fills the line and breaks at characters.
    assert_eq!(wrap("件数abcdefghij", 8, false), ["件数abcd", "efghij"]);
}

#[test]
fn a_year_moves_under_its_value_or_goes_when_it_is_the_columns_default() {
    let latest = Column::new("latest", Align::Right).default_year("R1");
    let under = |t: &str| latest.cell_text(t, true, false).into_owned();
    assert_eq!(under("21人 (R1)"), "21人");
    assert_eq!(under("16件 (H30)"), "16件\n(H30)");
    // A note's mark stays with the value.
    assert_eq!(under("21人 (R1) ※"), "21人 ※");
    assert_eq!(under("23.6% (R1, prelim.) ※"), "23.6% ※\n(R1, prelim.)");
    assert_eq!(under("45.2% (H29, stale)"), "45.2%\n(H29, stale)");
    assert_eq!(under("-"), "-");
    // Inline, every year stays where it is.
    assert_eq!(latest.cell_text("21人 (R1) ※", false, false), "21人 (R1) ※");
    assert_eq!(latest.header_text(true), "latest\n(R1)");
}

#[test]
fn headers_wrap_at_spaces_or_in_balanced_halves() {
    // Between words where the script changes (issue 25, item 11), never
    // inside one (目標ま / での差), nor leaving one character on a line.
    assert_eq!(halves("必要な年平均", false), ("必要な", "年平均"));
    assert_eq!(halves("これまでの年平均", false), ("これまでの", "年平均"));
    assert_eq!(halves("目標までの差", false), ("目標", "までの差"));
    assert_eq!(
        halves("傾向での目標年度の見込み", false),
        ("傾向での", "目標年度の見込み")
    );
    assert_eq!(halves("必要/実績", false), ("必要/", "実績"));
    assert_eq!(header_lines("必要な年平均", 10, false), "必要な\n年平均");
    assert_eq!(
        header_lines("needed per year", 10, false),
        "needed per\nyear"
    );
    assert_eq!(
        header_lines("needed per year", 8, false),
        "needed\nper year"
    );
    // Short Japanese headers stay whole: 年度 is never 年 over 度.
    assert_eq!(header_least("年度", false), 4);
    assert_eq!(header_least("実績値", false), 6);
    assert_eq!(header_least("必要な年平均", false), 6);
    assert_eq!(header_least("needed per year", false), 8);
}

#[test]
fn a_phrase_goes_down_whole_unless_it_would_leave_the_line_nearly_empty() {
    // 延長保育定員 (12 columns) fills a third of 25: the bracketed group
    // (15) goes down whole rather than `（1か` / `月あたり）`.
    assert_eq!(
        wrap("延長保育定員（1か月あたり）", 25, false),
        ["延長保育定員", "（1か月あたり）"]
    );
    // あさか (6) is less than a third of 23: the next phrase's words fill
    // the line (`あさか` alone above 22 columns would waste it).
    assert_eq!(
        wrap("あさか産業フェア参加事業所数", 23, false),
        ["あさか産業フェア参加", "事業所数"]
    );
}
