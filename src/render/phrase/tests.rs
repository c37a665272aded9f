use super::*;

fn split(text: &str) -> String {
    phrases(text).join("|")
}

fn split_units(text: &str) -> String {
    units(text).join("|")
}

#[test]
fn the_seed_names_break_between_phrases() {
    // Each boundary read as a Japanese reader pauses: after a particle
    // (の, と, を, に), before a bracket, never inside a word.
    for (name, want) in [
        (
            "就業の場がないことによる転出の理由率",
            "就業の|場が|ない|ことに|よる|転出の|理由率",
        ),
        (
            "仕事と家庭生活を両立できる就業環境の促進への満足度",
            "仕事と|家庭生活を|両立できる|就業環境の|促進への|満足度",
        ),
        (
            "市の支援により起業した件数（累計）",
            "市の|支援に|より|起業した|件数|（累計）",
        ),
        (
            "延長保育定員（1か月あたり）",
            "延長保育定員|（1か月あたり）",
        ),
        ("病児保育定員（1日あたり）", "病児保育定員|（1日あたり）"),
        (
            "就職支援セミナー参加者の就職率",
            "就職支援セミナー参加者の|就職率",
        ),
        ("中小企業融資実行件数", "中小企業融資実行件数"),
        ("待機児童数", "待機児童数"),
        (
            "市民の仕事と生活の両立を実現するまちづくり",
            "市民の|仕事と|生活の|両立を|実現する|まちづくり",
        ),
    ] {
        assert_eq!(split(name), want, "{name}");
    }
}

#[test]
fn a_long_phrase_breaks_between_its_words() {
    for (phrase, want) in [
        ("中小企業融資実行件数", "中小|企業|融資|実行件数"),
        (
            "商店街活性化推進事業実施回数",
            "商店街|活性化|推進|事業|実施|回数",
        ),
        (
            "放課後児童クラブ入所保留者数",
            "放課後|児童|クラブ|入所|保留者数",
        ),
        ("労働・社会保険相談件数", "労働・|社会|保険|相談件数"),
        ("就職支援セミナー参加者の", "就職|支援|セミナー|参加者の"),
        (
            "あさか産業フェア参加事業所数",
            "あさか|産業|フェア|参加|事業所数",
        ),
        ("産業振興課", "産業|振興課"),
        ("延長保育定員", "延長|保育|定員"),
        ("待機児童数", "待機|児童数"),
    ] {
        assert_eq!(split_units(phrase), want, "{phrase}");
    }
}

#[test]
fn latin_runs_short_brackets_and_kinsoku_hold() {
    // A run of Latin letters is never split; a short bracketed group
    // stays whole; no piece starts with a closing mark or is one character.
    assert_eq!(
        split("状況がoff_track,missedの指標"),
        "状況が|off_track,missedの|指標"
    );
    for text in [
        "（例示）4月1日現在の数値。",
        "目標との差（遅れの大きい順）",
        "子育てしながらの短時間就労を理想としている率",
        "中小企業融資実行件数",
    ] {
        let pieces = phrases(text);
        assert_eq!(pieces.concat(), text);
        for p in &pieces {
            assert!(p.chars().count() > 1, "{text}: {pieces:?}");
            let first = p.chars().next().unwrap();
            assert!(!NO_START.contains(first), "{text}: {pieces:?}");
            let last = p.chars().last().unwrap();
            assert!(!NO_END.contains(last), "{text}: {pieces:?}");
        }
    }
}

#[test]
fn text_without_japanese_is_one_phrase() {
    assert_eq!(
        phrases("after-school waitlist"),
        vec!["after-school waitlist"]
    );
    assert_eq!(phrases(""), vec![""]);
    assert_eq!(units("abc"), vec!["abc"]);
}
