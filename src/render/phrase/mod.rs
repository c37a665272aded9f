//! Japanese text in phrases (文節), for breaking lines where a reader
//! pauses: `就業の|場が|ない|ことに|よる|転出の|理由率`, never
//! `中小企業融資実行件/数`.
//!
//! Japanese has no spaces, so a line may break between any two characters;
//! a reader stumbles when it breaks inside a word. [BudouX] finds phrase
//! boundaries with a small model (`budoux-ja.json`, its Japanese model,
//! Apache-2.0, `LICENSE-budoux`): each place between two characters is
//! scored by the characters around it, and a positive score is a boundary.
//! Rules on top of the model keep what it leaves open:
//!
//! - a run of Latin letters and digits (`off_track,missed`) is never split;
//! - the usual line-breaking rules (禁則): no break before a closing
//!   bracket, `、`, `。` or a small kana, nor after an opening bracket;
//!   a break is always allowed before an opening bracket and after a
//!   closing one;
//! - a short bracketed group (`（1か月あたり）`, `（累計）`) stays whole;
//! - no phrase of a single character (`中|小企業` joins up).
//!
//! A phrase too wide for a line breaks inside, in [`units`]: where the
//! script changes (`放課後児童|クラブ|入所保留者数`), after `・`, and
//! between the words of a run of kanji, taken two characters at a time
//! with a following suffix character (`所`, `者`, `数`, `率`, `課` …) kept
//! with them and never a word of one character: `中小|企業|融資|実行件数`,
//! `商店街|活性化|推進|事業|実施|回数`, `産業|振興課`.
//!
//! [BudouX]: https://github.com/google/budoux

use std::collections::HashMap;
use std::sync::OnceLock;

/// Characters that do not start a line (JIS X 4051's closing brackets,
/// punctuation and small kana), nor, for Latin text, `)`, `,` and `.`.
pub const NO_START: &str = ")]},.:;!?%）］｝」』】〕〉》”’、。，．・：；？！ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々";
/// Characters that do not end a line: opening brackets.
pub const NO_END: &str = "([{（［｛「『【〔〈《“‘";

/// Closing brackets and the marks that end a clause: a break may follow.
const CLOSE: &str = "）］｝」』】〕〉》”’、。，．";

/// A bracketed group of at most this many characters, brackets included,
/// is not broken inside.
const SHORT_GROUP: usize = 10;

/// Kanji that end a compound as a suffix of one character (事業所, 保留者,
/// 理由率, 振興課): kept with the two characters before them.
const SUFFIX: &str = "所者数率課費額性化的等別後街員度間件式型済力局部室係館園場会量層感制法権案画論観品物金料税内外中用";

type Model = HashMap<String, HashMap<String, i64>>;

/// BudouX's Japanese model and its base score, read once.
fn model() -> &'static (Model, i64) {
    static MODEL: OnceLock<(Model, i64)> = OnceLock::new();
    MODEL.get_or_init(|| {
        let model: Model = serde_json::from_str(include_str!("budoux-ja.json"))
            .expect("the bundled BudouX model is valid JSON");
        let total: i64 = model.values().flat_map(|g| g.values()).sum();
        (model, -total / 2)
    })
}

/// Whether BudouX puts a phrase boundary before `chars[i]` (0 < i < len).
fn model_boundary(chars: &[char], i: usize) -> bool {
    let (model, base) = model();
    let n = chars.len();
    let get = |group: &str, from: usize, to: usize| -> i64 {
        let key: String = chars[from..to].iter().collect();
        model
            .get(group)
            .and_then(|g| g.get(&key))
            .copied()
            .unwrap_or(0)
    };
    let mut score = *base;
    if i > 2 {
        score += get("UW1", i - 3, i - 2);
    }
    if i > 1 {
        score += get("UW2", i - 2, i - 1);
    }
    score += get("UW3", i - 1, i);
    score += get("UW4", i, i + 1);
    if i + 1 < n {
        score += get("UW5", i + 1, i + 2);
    }
    if i + 2 < n {
        score += get("UW6", i + 2, i + 3);
    }
    if i > 1 {
        score += get("BW1", i - 2, i);
    }
    score += get("BW2", i - 1, i + 1);
    if i + 1 < n {
        score += get("BW3", i, i + 2);
    }
    if i > 2 {
        score += get("TW1", i - 3, i);
    }
    if i > 1 {
        score += get("TW2", i - 2, i + 1);
    }
    if i + 1 < n {
        score += get("TW3", i - 1, i + 2);
    }
    if i + 2 < n {
        score += get("TW4", i, i + 3);
    }
    score > 0
}

fn latin(c: char) -> bool {
    c.is_ascii_graphic()
}

/// The script of a character, for breaks where it changes: kanji 1,
/// katakana 2, hiragana 3, anything else 0.
pub fn script(c: char) -> u8 {
    if kanji(c) {
        1
    } else if katakana(c) {
        2
    } else if matches!(c, '\u{3041}'..='\u{309F}') {
        3
    } else {
        0
    }
}

fn kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' | 'ヶ')
}

fn katakana(c: char) -> bool {
    matches!(c, '\u{30A0}'..='\u{30FF}') && c != '・'
}

/// A break before `chars[i]` that the line-breaking rules forbid: inside
/// a Latin run, before a closing mark, after an opening one.
fn forbidden(chars: &[char], i: usize) -> bool {
    let (a, b) = (chars[i - 1], chars[i]);
    (latin(a) && latin(b)) || NO_START.contains(b) || NO_END.contains(a)
}

/// For each character, whether it is inside a short bracketed group
/// (after its opening bracket, up to and including its closing one).
fn in_short_group(chars: &[char]) -> Vec<bool> {
    let mut inside = vec![false; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if NO_END.contains(c) {
            open.push(i);
        } else if CLOSE.contains(c) && !"、。，．".contains(c) {
            if let Some(start) = open.pop() {
                if i + 1 - start <= SHORT_GROUP {
                    inside[start + 1..=i].iter_mut().for_each(|x| *x = true);
                }
            }
        }
    }
    inside
}

/// Cut `text` before each of `starts` (character indexes, ascending).
fn cut<'a>(text: &'a str, chars: &[char], starts: &[usize]) -> Vec<&'a str> {
    let mut byte = Vec::with_capacity(chars.len() + 1);
    let mut b = 0;
    for c in chars {
        byte.push(b);
        b += c.len_utf8();
    }
    byte.push(b);
    let mut out = Vec::new();
    let mut from = 0;
    for &s in starts {
        out.push(&text[byte[from]..byte[s]]);
        from = s;
    }
    out.push(&text[byte[from]..]);
    out
}

/// Drop the boundaries that leave a piece of one character, joining it to
/// the piece before (or, at the start, after).
fn no_single(starts: Vec<usize>, len: usize) -> Vec<usize> {
    let mut starts = starts;
    loop {
        let mut edges = vec![0];
        edges.extend(&starts);
        edges.push(len);
        let single = edges.windows(2).position(|w| w[1] - w[0] == 1);
        match single {
            Some(p) if !starts.is_empty() => {
                // The piece `p` is one character: drop the boundary before
                // it, or after it when it is the first.
                let drop = if p == 0 { 0 } else { p - 1 };
                starts.remove(drop);
            }
            _ => return starts,
        }
    }
}

/// `text` in its phrases; joined, they are `text` again. Text without
/// Japanese is one phrase.
pub fn phrases(text: &str) -> Vec<&str> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 2 || text.is_ascii() {
        return vec![text];
    }
    let group = in_short_group(&chars);
    let starts: Vec<usize> = (1..chars.len())
        .filter(|&i| {
            if forbidden(&chars, i) || group[i] {
                return false;
            }
            let (a, b) = (chars[i - 1], chars[i]);
            NO_END.contains(b) || CLOSE.contains(a) || model_boundary(&chars, i)
        })
        .collect();
    let starts = no_single(starts, chars.len());
    cut(text, &chars, &starts)
}

/// A phrase in the smaller units it may break between when it is wider
/// than a line: where the script changes, after `・`, and between the
/// words of a run of kanji (see the module's doc).
pub fn units(phrase: &str) -> Vec<&str> {
    let chars: Vec<char> = phrase.chars().collect();
    if chars.len() < 4 {
        return vec![phrase];
    }
    let mut starts: Vec<usize> = Vec::new();
    let class = |c: char| {
        if kanji(c) {
            1
        } else if katakana(c) {
            2
        } else if latin(c) {
            3
        } else if matches!(c, '\u{3041}'..='\u{309F}') {
            4
        } else {
            0
        }
    };
    for i in 1..chars.len() {
        let (a, b) = (chars[i - 1], chars[i]);
        // Not before Latin text nor before hiragana (okurigana and particles
        // stay with their word).
        let changes = class(a) != class(b) && class(a) != 0 && !matches!(class(b), 0 | 3 | 4);
        if changes || a == '・' || NO_END.contains(b) {
            starts.push(i);
        }
    }
    // The words of each run of kanji.
    let mut i = 0;
    while i < chars.len() {
        if !kanji(chars[i]) {
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !kanji(chars[j]))
            .unwrap_or(chars.len());
        starts.extend(kanji_words(&chars[i..end]).into_iter().map(|w| i + w));
        i = end;
    }
    starts.sort_unstable();
    starts.dedup();
    // A short bracketed group stays whole here too, unless the phrase is
    // the group alone (then it is wider than the line, and must break).
    let group = in_short_group(&chars);
    let whole_group = group[1..].iter().all(|&g| g);
    starts.retain(|&s| {
        s > 0 && s < chars.len() && !forbidden(&chars, s) && (whole_group || !group[s])
    });
    let starts = no_single(starts, chars.len());
    cut(phrase, &chars, &starts)
}

/// Where the words of a run of kanji start (after the first): two
/// characters at a time, a suffix character kept with the pair before it,
/// a last character alone joined to the word before.
fn kanji_words(run: &[char]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let mut end = (i + 2).min(run.len());
        if end < run.len() && SUFFIX.contains(run[end]) {
            end += 1;
        }
        if run.len() - end == 1 {
            end = run.len();
        }
        if end < run.len() {
            starts.push(end);
        }
        i = end;
    }
    starts
}

#[cfg(test)]
mod tests;
