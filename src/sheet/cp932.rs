//! What writing a sheet in CP932 would change: `kpi export plan --encoding
//! cp932` must give back, through `kpi init --from`, the text it was given.
//! CP932 has no wave dash `〜`, double bar `‖` or not sign `¬` of its own:
//! it writes their full-width twins (`～`, `∥`, `￢`), which read back as
//! those twins, and it cannot write at all what it lacks (`𠮷`). Every cell
//! whose text would not come back as written is named, by line and column.

use crate::csv_cells::Records;
use crate::ledger::import::decode::{self, Encoding};

/// One cell CP932 would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The sheet's line the cell's row starts on.
    pub line: usize,
    /// The column's heading (`title` for the title line).
    pub column: String,
    pub text: String,
    /// The text read back; `None` when CP932 cannot write it.
    pub back: Option<String>,
}

impl Changed {
    /// `line 4, column `name`: `波〜` reads back as `波～` (〜 U+301C → ～ U+FF5E)`.
    pub fn describe(&self) -> String {
        let at = format!("line {}, column `{}`", self.line, self.column);
        match &self.back {
            None => {
                let lacking: Vec<String> = self
                    .text
                    .chars()
                    .filter(|c| back_from_cp932(&c.to_string()).is_none())
                    .map(|c| format!("{c} U+{:04X}", u32::from(c)))
                    .collect();
                format!(
                    "{at}: `{}` has characters CP932 cannot write ({})",
                    self.text,
                    lacking.join(", ")
                )
            }
            Some(back) => {
                let pairs: Vec<String> = self
                    .text
                    .chars()
                    .zip(back.chars())
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| {
                        format!("{a} U+{:04X} → {b} U+{:04X}", u32::from(a), u32::from(b))
                    })
                    .collect();
                format!(
                    "{at}: `{}` reads back as `{back}` ({})",
                    self.text,
                    pairs.join(", ")
                )
            }
        }
    }
}

/// The text read back from CP932 bytes of `text`; `None` when CP932
/// cannot write it.
fn back_from_cp932(text: &str) -> Option<String> {
    let bytes = decode::encode(text, Encoding::Cp932).ok()?;
    decode::decode(&bytes, Some(Encoding::Cp932))
        .ok()
        .map(|(back, _)| back)
}

/// Every cell of `sheet` (a title line, a header line, rows, as `kpi export
/// plan` writes them) that CP932 would not give back as written.
pub fn changed_cells(sheet: &str) -> Vec<Changed> {
    // Most sheets come back whole: look no further.
    if back_from_cp932(sheet).as_deref() == Some(sheet) {
        return Vec::new();
    }
    let mut header: Vec<String> = Vec::new();
    let mut changed = Vec::new();
    for (n, row) in Records::keeping_quoted(sheet).flatten().enumerate() {
        for (i, text) in row.cells.iter().enumerate() {
            let back = back_from_cp932(text);
            if back.as_deref() != Some(text.as_str()) {
                let column = match n {
                    0 => "title".to_string(),
                    _ => header
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| (i + 1).to_string()),
                };
                changed.push(Changed {
                    line: row.line,
                    column,
                    text: text.clone(),
                    back,
                });
            }
        }
        if n == 1 {
            header = row.cells;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cp932_keeps_is_not_named() {
        let sheet = "朝霞市\r\nid,name,owner\r\na,①㈱髙～ダッシュ,保育課\r\n";
        assert_eq!(changed_cells(sheet), []);
    }

    #[test]
    fn twins_and_missing_characters_are_named_by_line_and_column() {
        // Issue 17, item 11: 〜 ‖ ¬ are written as ～ ∥ ￢ and read back so.
        let sheet = "計画〜\r\nid,name,owner\r\na,波〜ダッシュ‖,保育課\r\nb,x,¬𠮷\r\n";
        let changed = changed_cells(sheet);
        assert_eq!(
            changed,
            [
                Changed {
                    line: 1,
                    column: "title".into(),
                    text: "計画〜".into(),
                    back: Some("計画～".into())
                },
                Changed {
                    line: 3,
                    column: "name".into(),
                    text: "波〜ダッシュ‖".into(),
                    back: Some("波～ダッシュ∥".into())
                },
                Changed {
                    line: 4,
                    column: "owner".into(),
                    text: "¬𠮷".into(),
                    back: None
                },
            ]
        );
        assert_eq!(
            changed[1].describe(),
            "line 3, column `name`: `波〜ダッシュ‖` reads back as `波～ダッシュ∥` \
             (〜 U+301C → ～ U+FF5E, ‖ U+2016 → ∥ U+2225)"
        );
        assert_eq!(
            changed[2].describe(),
            "line 4, column `owner`: `¬𠮷` has characters CP932 cannot write (𠮷 U+20BB7)"
        );
    }
}
