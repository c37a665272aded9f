//! A quoted CSV field that never closes swallows every row after it into
//! one cell (the `csv` crate reads to the end of the file). Both the ledger
//! reader and `kpi import` check for it first, so that such a file is an
//! error naming the line where the quote opened, not one long note.

use crate::line_ends::is_lone_cr;

/// The 1-based line of a quote that opens a field and is never closed, if
/// any. Fields are as RFC 4180 and Excel write them: a quote opens a field
/// only at its start; inside, `""` is a quote; `#` comment lines (outside
/// quotes, at the start of a line) are passed over. Lines end at LF, CRLF
/// or a lone CR (`line_ends`).
pub fn unterminated_quote(text: &str) -> Option<usize> {
    let ends_line = |bytes: &[u8], i: usize| bytes[i] == b'\n' || is_lone_cr(bytes, i);
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut i = 0;
    let mut at_field_start = true;
    let mut at_line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if at_line_start && b == b'#' {
            // A comment line, to its end.
            while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                i += 1;
            }
            continue;
        }
        at_line_start = false;
        match b {
            b'"' if at_field_start => {
                let opened = line;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => return Some(opened),
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) if ends_line(bytes, i) => {
                            line += 1;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                at_field_start = false;
                continue;
            }
            b',' => at_field_start = true,
            b'\n' | b'\r' if ends_line(bytes, i) => {
                line += 1;
                at_field_start = true;
                at_line_start = true;
            }
            b'\r' => {}
            _ => at_field_start = false,
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_left_open_is_found_at_its_line() {
        let text = "kpi,year,value,note\nsme-loans,2019,54,ok\nsme-loans,2020,54,\"速報値\nfair,2020,3,\nfair,2021,4,\n";
        assert_eq!(unterminated_quote(text), Some(3));
    }

    #[test]
    fn closed_quotes_escaped_quotes_and_newlines_inside_are_fine() {
        for text in [
            "a,b\n\"x, y\",2\n",
            "a,b\n\"say \"\"hi\"\"\",2\n",
            "a,b\n\"two\nlines\",2\n",
            "a,b\n\"\",2\n",
            "a,b\r\n\"x\"\r\n",
            // A quote inside an unquoted field is text, not an opening.
            "a,b\n5\"1,2\n",
            // A comment line may hold a lone quote.
            "# he said \"hi\na,b\n1,2\n",
            "",
        ] {
            assert_eq!(unterminated_quote(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_line_is_where_the_quote_opened_not_where_the_file_ends() {
        assert_eq!(
            unterminated_quote("a,b\n\"ok\nstill\",1\n2,\"open\n3,4\n5,6\n"),
            Some(4)
        );
        assert_eq!(unterminated_quote("\""), Some(1));
    }
}
