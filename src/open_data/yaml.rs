//! YAML strings for Open SDG's front matter: every text is written as a
//! double-quoted scalar, so that no Japanese text, colon, `#`, quote, or a
//! text that reads as a number, a date or `yes` changes its meaning.

/// `text` as a YAML double-quoted scalar (YAML 1.1 and 1.2 read it alike):
/// `\` and `"` escaped, and every character YAML does not print as itself
/// (controls, line and paragraph separators, the byte-order mark) as an
/// escape, so that the scalar stays on one line.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters outside YAML's printable set, and those YAML 1.1 reads as a
/// line break (NEL, LS, PS), and the byte-order mark.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn text_that_yaml_would_read_otherwise_is_quoted_and_escaped() {
        assert_eq!(quoted("待機児童数"), "\"待機児童数\"");
        assert_eq!(quoted("a: b # c"), "\"a: b # c\"");
        assert_eq!(quoted("say \"hi\" \\o/"), "\"say \\\"hi\\\" \\\\o/\"");
        assert_eq!(quoted("two\nlines\r\n"), "\"two\\nlines\\r\\n\"");
        assert_eq!(quoted("\u{7}\u{85}\u{2028}"), "\"\\u0007\\u0085\\u2028\"");
        assert_eq!(quoted(""), "\"\"");
    }
}
