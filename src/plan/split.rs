//! A large plan read in pieces, one a core (docs/plan-reader.md, "In
//! pieces"): the text is cut at lines that start with `[[`, this thread
//! reads the first piece as `load_str` reads a whole plan, and each later
//! piece is read at the same time by a thread of its own, into goals,
//! measures and KPIs that are then put after the first piece's, in file
//! order.
//!
//! A later piece is read apart only where that cannot change what the plan
//! is: it has no syntax error of its own (a string or an array running on
//! past its end would have one), and it holds nothing but tables of
//! `[[goal]]`, `[[measure]]` and `[[kpi]]`, which the first piece has as
//! arrays of tables or not at all. A piece's tables then read just as in
//! the whole text: TOML lets a header reach only the last table of an
//! array, which is in the same piece. The plan is put together only when
//! it has no error: a plan with any, or one that cannot be cut so, is read
//! whole, and every problem is found and worded by that one reading.

use std::ops::Range;
use std::path::Path;
use std::sync::mpsc::{channel, Receiver};

use super::build::{Builder, Kind, Seed};
use super::fields::Reader;
use super::read;
use super::tree::{Table, Value};
use super::Plan;
use crate::problem::Problems;

/// Plans smaller than this are read in one piece: a city's plan reads in a
/// few milliseconds, less than a thread takes to start and be joined.
pub(super) const MIN_SIZE: usize = 512 * 1024;

/// The pieces a plan of `len` bytes is read in: one a core, or one.
pub(super) fn pieces_for(len: usize) -> usize {
    if len < MIN_SIZE {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// The plan read in up to `pieces` pieces, with its warnings; `None` when
/// it cannot be cut, a piece cannot be read apart, or it has an error:
/// the caller reads it whole.
pub(super) fn load(
    path: &Path,
    text: &str,
    pieces: usize,
    alone: bool,
) -> Option<(Plan, Problems)> {
    let ranges = cut(text, pieces);
    if ranges.len() < 2 {
        return None;
    }
    std::thread::scope(|scope| {
        let mut seeds = Vec::new();
        let mut handles = Vec::new();
        for range in &ranges[1..] {
            let (send, receive) = channel();
            seeds.push(send);
            let range = range.clone();
            handles.push(scope.spawn(move || read_later(path, text, range, receive)));
        }
        // The first piece here, meanwhile; the later pieces' tables wait
        // for `[plan]`, sent as soon as it is known.
        let mut first = Builder::new(Reader::new(path, text));
        if !alone {
            first = first.member();
        }
        let mut sent = false;
        let root = read::read_piece(text, ranges[0].clone(), |key, node, root| {
            first.item(&key, node, root);
            if !sent {
                if let Some(seed) = first.seed() {
                    seeds.iter().for_each(|s| drop(s.send(seed.clone())));
                    sent = true;
                }
            }
        })?;
        first.settle_now(&root)?;
        if !sent {
            let seed = first.seed()?;
            seeds.iter().for_each(|s| drop(s.send(seed.clone())));
        }
        // A later piece's `[[kpi]]` adds to the first piece's `kpi`: an
        // array of tables, or nothing yet.
        if !items_open(&root) {
            return None;
        }
        for handle in handles {
            let piece = handle
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))?;
            if let Some(piece) = piece {
                first.absorb(piece, &root);
            }
        }
        first.end(root).ok()
    })
}

/// A later piece, read by a builder of its own once `[plan]` is known;
/// `Some(None)` for a piece with no table, `None` when it cannot be read
/// apart (or `[plan]` never comes).
fn read_later<'a>(
    path: &'a Path,
    text: &'a str,
    range: Range<usize>,
    seed: Receiver<Seed>,
) -> Option<Option<Builder<'a>>> {
    let mut builder: Option<Builder> = None;
    let mut failed = false;
    let root = read::read_piece(text, range, |key, node, _| {
        if failed {
            return;
        }
        let builder = match &mut builder {
            Some(b) => b,
            None => match seed.recv() {
                Ok(seed) => builder.insert(Builder::seeded(Reader::new(path, text), seed)),
                Err(_) => {
                    failed = true;
                    return;
                }
            },
        };
        builder.piece_item(&key, &node);
    })?;
    (!failed && only_items(&root)).then_some(builder)
}

/// True when a later piece's top level holds nothing but arrays of tables
/// of goals, measures and KPIs: it made or reached no other table.
fn only_items(root: &Table) -> bool {
    root.entries
        .iter()
        .all(|(key, node)| Kind::of(&key.name).is_some() && of_tables(&node.value))
}

/// True when the first piece has goals, measures and KPIs as arrays of
/// tables, or not at all: as a later piece adds to them.
fn items_open(root: &Table) -> bool {
    root.entries
        .iter()
        .all(|(key, node)| Kind::of(&key.name).is_none() || of_tables(&node.value))
}

fn of_tables(value: &Value) -> bool {
    matches!(value, Value::Array(array) if array.of_tables)
}

/// `text` cut into up to `pieces` ranges of about the same length, each
/// after the first starting at a line that starts with `[[`.
fn cut(text: &str, pieces: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for i in 1..pieces {
        let from = (text.len() / pieces * i).max(starts[starts.len() - 1]);
        let found = bytes[from..]
            .windows(3)
            .position(|w| w == b"\n[[")
            .map(|at| from + at + 1);
        match found {
            Some(at) if at > starts[starts.len() - 1] => starts.push(at),
            _ => {}
        }
    }
    let mut ranges: Vec<Range<usize>> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    ranges.push(starts[starts.len() - 1]..text.len());
    ranges
}
