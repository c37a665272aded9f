//! The `kpis` array of the status JSON, written by as many threads as the
//! machine has cores (up to four): a national plan's array is some 100 MB,
//! the largest part of `kpi status --format json`'s time. Blocks of KPIs are
//! made in turn by each thread and written in order, so the bytes are those
//! of one thread, and only a few blocks are held at once.

use std::io::{self, Write};
use std::sync::mpsc::sync_channel;

use super::{Indented, KpiDoc};
use crate::plan::Plan;
use crate::progress::KpiProgress;
use crate::review::YearReview;

/// KPIs per block: about 300 KB of JSON.
const BLOCK: usize = 256;

/// How deep the array's items sit in the document: the document's object,
/// then the array (serde_json's pretty printer indents two spaces a level).
const ITEM_INDENT: &[u8] = b"    ";

/// Write the array as `serde_json::to_writer_pretty` writes it at the
/// document's second level.
pub(super) fn write(
    plan: &Plan,
    kpis: &[KpiProgress],
    review: &YearReview,
    out: &mut impl Write,
) -> io::Result<()> {
    if kpis.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let blocks: Vec<&[KpiProgress]> = kpis.chunks(BLOCK).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(blocks.len());
    if workers <= 1 {
        for (b, block) in blocks.iter().enumerate() {
            out.write_all(&block_text(plan, review, block, b == 0)?)?;
        }
    } else {
        std::thread::scope(|scope| -> io::Result<()> {
            let mut made = Vec::with_capacity(workers);
            for worker in 0..workers {
                // One block may wait for the writer: memory stays bounded.
                let (send, receive) = sync_channel(1);
                let blocks = &blocks;
                scope.spawn(move || {
                    for b in (worker..blocks.len()).step_by(workers) {
                        if send
                            .send(block_text(plan, review, blocks[b], b == 0))
                            .is_err()
                        {
                            return; // the writer has stopped
                        }
                    }
                });
                made.push(receive);
            }
            for b in 0..blocks.len() {
                let text = made[b % workers]
                    .recv()
                    .map_err(|_| io::Error::other("a JSON worker stopped"))??;
                out.write_all(&text)?;
            }
            Ok(())
        })?;
    }
    out.write_all(b"\n  ]")
}

/// One block of items, each after its separator and indented to its depth.
fn block_text(
    plan: &Plan,
    review: &YearReview,
    block: &[KpiProgress],
    first_block: bool,
) -> io::Result<Vec<u8>> {
    let mut text = Vec::with_capacity(block.len() * 1200);
    for (i, k) in block.iter().enumerate() {
        text.extend_from_slice(if first_block && i == 0 { b"\n" } else { b",\n" });
        text.extend_from_slice(ITEM_INDENT);
        serde_json::to_writer_pretty(
            Indented::new(&mut text, ITEM_INDENT),
            &KpiDoc::new(plan, k, review),
        )?;
    }
    Ok(text)
}
