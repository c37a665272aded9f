//! Table headers: how narrow one wraps, and its lines at a width (at its
//! spaces, a Japanese word too wide in two balanced halves).

use super::{width, wrap};
use crate::render::phrase::{script, NO_END, NO_START};

/// The narrowest a header wraps to: at its spaces, a Japanese word of more
/// than four characters in two halves (`needed per year` as `needed` over
/// `per year`, `必要な年平均` as `必要な` over `年平均`; `年度` stays whole).
pub(super) fn header_least(text: &str, ascii: bool) -> usize {
    let word = text
        .split([' ', '\n'])
        .map(|w| {
            let ww = width(w, ascii);
            if w.is_ascii() || ww <= JAPANESE_HEADER_WHOLE {
                ww
            } else {
                let (a, b) = halves(w, ascii);
                width(a, ascii).max(width(b, ascii))
            }
        })
        .max()
        .unwrap_or(0);
    word.max(width(text, ascii).div_ceil(2))
}

/// A Japanese header this wide or narrower never wraps.
const JAPANESE_HEADER_WHOLE: usize = 8;

/// `word` in two where the wider half is narrowest: between two words
/// where the script changes (`目標|までの差`, `必要な|年平均`), two characters
/// or more on each side, when there is such a place; else anywhere allowed.
pub(super) fn halves(word: &str, ascii: bool) -> (&str, &str) {
    let total = width(word, ascii);
    let chars = word.chars().count();
    let mut anywhere = (usize::MAX, word.len());
    let mut between_words = (usize::MAX, word.len());
    for (n, (i, c)) in word.char_indices().enumerate().skip(1) {
        // Not before a closing mark or a slash (`必要/実績`), nor after an opening one.
        let before = word[..i].chars().last();
        if NO_START.contains(c) || c == '/' || before.is_some_and(|b| NO_END.contains(b)) {
            continue;
        }
        let left = width(&word[..i], ascii);
        let wider = left.max(total - left);
        if wider < anywhere.0 {
            anywhere = (wider, i);
        }
        let changes = before.is_some_and(|b| {
            let (a, b) = (script(b), script(c));
            a != 0 && b != 0 && a != b
        });
        if changes && n >= 2 && chars - n >= 2 && wider < between_words.0 {
            between_words = (wider, i);
        }
    }
    let best = if between_words.0 < usize::MAX {
        between_words
    } else {
        anywhere
    };
    word.split_at(best.1)
}

/// A header in lines of at most `max` columns: as it is when it fits, else
/// wrapped at its spaces, a Japanese word too wide in two halves.
pub(super) fn header_lines(text: &str, max: usize, ascii: bool) -> String {
    if width(text, ascii) <= max {
        return text.to_string();
    }
    let words: Vec<String> = text
        .split('\n')
        .map(|line| {
            line.split(' ')
                .map(|w| {
                    if !w.is_ascii() && width(w, ascii) > max {
                        let (a, b) = halves(w, ascii);
                        format!("{a}\n{b}")
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    wrap(&words.join("\n"), max, ascii).join("\n")
}
