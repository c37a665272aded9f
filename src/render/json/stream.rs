//! Writing a JSON document as it is made, byte for byte as
//! `serde_json::to_writer_pretty` would print it whole: a national plan's
//! documents are some 100 MB (`kpi status`) or 30 MB (`kpi check`), too
//! big to build as a tree. The document around its large arrays (the
//! frame) is small and made whole, with a placeholder where each array
//! goes (`write_framed`); each array is then written in its place, its
//! items made by as many threads as the machine has cores, up to four
//! (`write_array`).

use std::io::{self, Write};
use std::sync::mpsc::sync_channel;

use serde::Serialize;

/// What the frame holds in the place of the array `key`: no string of a
/// plan can make `"key": "\u0000key\u0000"`, since its own quotes are
/// escaped.
pub fn placeholder(key: &str) -> String {
    format!("\u{0}{key}\u{0}")
}

/// `frame` printed pretty, with each of `keys` (in the order the frame
/// holds them, each `placeholder(key)` in the frame) replaced by what
/// `array(key, out)` writes in its place, then a line end.
pub fn write_framed<W: Write>(
    frame: &impl Serialize,
    keys: &[&str],
    mut array: impl FnMut(&str, &mut W) -> io::Result<()>,
    out: &mut W,
) -> io::Result<()> {
    let frame = serde_json::to_vec_pretty(frame)?;
    let mut rest = &frame[..];
    for key in keys {
        let name = format!("\"{key}\": ");
        let marker = format!("{name}{}", serde_json::to_string(&placeholder(key))?);
        let at = rest
            .windows(marker.len())
            .position(|w| w == marker.as_bytes())
            .ok_or_else(|| io::Error::other("the JSON document lost an array"))?;
        out.write_all(&rest[..at + name.len()])?;
        array(key, out)?;
        rest = &rest[at + marker.len()..];
    }
    out.write_all(rest)?;
    out.write_all(b"\n")
}

/// Items per block: about 300 KB of JSON for a KPI.
const BLOCK: usize = 256;

/// How deep the items of an array in the document's object sit: the
/// object, then the array (serde_json's pretty printer indents two spaces
/// a level).
const ITEM_INDENT: &[u8] = b"    ";

/// The depth of the items of such an array (`pretty::Obj::open`'s).
pub const ITEM_DEPTH: usize = 2;

/// An array that is a value of the document's object, each item `doc(item)`,
/// as `serde_json::to_writer_pretty` writes it at that depth.
pub fn write_array<'a, T: Sync, D: Serialize>(
    items: &'a [T],
    doc: impl Fn(&'a T) -> D + Sync,
    out: &mut impl Write,
) -> io::Result<()> {
    write_items(
        items,
        |item, text| {
            let printed = Indented::new(text, ITEM_INDENT);
            Ok(serde_json::to_writer_pretty(printed, &doc(item))?)
        },
        out,
    )
}

/// `write_array` with each item written straight into the text by
/// `item(item, text)`, at `ITEM_DEPTH` (the status document's KPIs, by
/// `pretty`). Blocks of items are made in turn by each thread and written
/// in order, so the bytes are those of one thread, and only a few blocks
/// are held at once.
pub fn write_items<'a, T: Sync>(
    items: &'a [T],
    item: impl Fn(&'a T, &mut Vec<u8>) -> io::Result<()> + Sync,
    out: &mut impl Write,
) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let blocks: Vec<&'a [T]> = items.chunks(BLOCK).collect();
    let item = &item;
    write_ordered(blocks.len(), |b| block_text(blocks[b], item, b == 0), out)?;
    out.write_all(b"\n  ]")
}

/// `make(0)`, `make(1)`, … `make(n - 1)` written in order, made by as
/// many threads as the machine has cores, up to four: worker `w` makes
/// items `w`, `w + workers`, …, each waiting for the writer after one made
/// item, so that only a few are held at once and the bytes are those of
/// one thread.
pub fn write_ordered<W: Write + ?Sized>(
    n: usize,
    make: impl Fn(usize) -> io::Result<Vec<u8>> + Sync,
    out: &mut W,
) -> io::Result<()> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(n);
    if workers <= 1 {
        for i in 0..n {
            out.write_all(&make(i)?)?;
        }
        return Ok(());
    }
    let make = &make;
    std::thread::scope(|scope| -> io::Result<()> {
        let mut made = Vec::with_capacity(workers);
        for worker in 0..workers {
            let (send, receive) = sync_channel(1);
            scope.spawn(move || {
                for i in (worker..n).step_by(workers) {
                    if send.send(make(i)).is_err() {
                        return; // the writer has stopped
                    }
                }
            });
            made.push(receive);
        }
        for i in 0..n {
            let text = made[i % workers]
                .recv()
                .map_err(|_| io::Error::other("a JSON worker stopped"))??;
            out.write_all(&text)?;
        }
        Ok(())
    })
}

/// One block of items, each after its separator and indented to its depth.
fn block_text<'a, T>(
    block: &'a [T],
    item: &impl Fn(&'a T, &mut Vec<u8>) -> io::Result<()>,
    first_block: bool,
) -> io::Result<Vec<u8>> {
    // About 2 KB of JSON a KPI of the status document.
    let mut text = Vec::with_capacity(block.len() * 2400);
    for (i, one) in block.iter().enumerate() {
        text.extend_from_slice(if first_block && i == 0 { b"\n" } else { b",\n" });
        text.extend_from_slice(ITEM_INDENT);
        item(one, &mut text)?;
    }
    Ok(text)
}

/// A writer that indents every line after the first by `indent`: a value
/// printed on its own, at the top level, comes out as it would deeper in
/// a document. JSON strings hold no raw line ends, so every line end is
/// the printer's.
pub struct Indented<'w, W: Write> {
    out: &'w mut W,
    indent: &'static [u8],
}

impl<'w, W: Write> Indented<'w, W> {
    pub fn new(out: &'w mut W, indent: &'static [u8]) -> Self {
        Indented { out, indent }
    }
}

impl<W: Write> Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for line in buf.split_inclusive(|&b| b == b'\n') {
            self.out.write_all(line)?;
            if line.ends_with(b"\n") {
                self.out.write_all(self.indent)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `write_framed` with `write_array` as the document printed whole,
    /// for arrays empty, of one block, and of several blocks.
    #[test]
    fn a_framed_document_is_the_whole_one_byte_for_byte() {
        for n in [0, 1, 3, BLOCK, BLOCK + 1, 3 * BLOCK + 7] {
            let items: Vec<usize> = (0..n).collect();
            let item = |i: &usize| json!({ "i": i, "nested": { "list": [i, i + 1] } });
            let whole = json!({
                "head": { "n": n },
                "items": items.iter().map(item).collect::<Vec<_>>(),
                "empty": [],
                "tail": "end",
            });
            let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
            expected.push(b'\n');
            let frame = json!({
                "head": { "n": n },
                "items": placeholder("items"),
                "empty": placeholder("empty"),
                "tail": "end",
            });
            let mut streamed = Vec::new();
            write_framed(
                &frame,
                &["items", "empty"],
                |key, out| match key {
                    "items" => write_array(&items, item, out),
                    _ => write_array(&[] as &[usize], item, out),
                },
                &mut streamed,
            )
            .unwrap();
            assert!(streamed == expected, "{n} items");
        }
    }
}
