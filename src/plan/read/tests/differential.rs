//! Differential tests: documents from the grammar, read by the reader and
//! by the `toml` crate.
//!
//! For every document the reader must give the `toml` crate's tree, spans
//! included, or its syntax errors, word for word; and `load_str` must give
//! the same plan and the same problems whichever of the two read the TOML.
//! Each test also counts what it saw, so that it cannot pass on documents
//! that never reach the cases it is about.

use std::cell::Cell;
use std::path::Path;

use proptest::collection::vec;
use proptest::prelude::any;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use super::grammar::{document, plan_document, Choices};
use super::{ours, toml};
use crate::plan::{load_str_in_pieces, load_str_via, Via};

/// What became of a document.
#[derive(Clone, Copy)]
enum Outcome {
    /// Not TOML.
    Refused = 0,
    /// TOML, but a plan with errors (or not read as a plan).
    Taken = 1,
    /// A plan without errors.
    Loaded = 2,
}

/// Runs `cases` documents made by `make` through `check`; returns how many
/// had each outcome.
fn run(
    cases: u32,
    make: fn(&mut Choices) -> String,
    check: fn(&str) -> Result<Outcome, TestCaseError>,
) -> [u32; 3] {
    let counts = Cell::new([0; 3]);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&vec(any::<u8>(), 0..2000), |choices| {
        let doc = make(&mut Choices::new(&choices));
        let outcome = check(&doc)?;
        let mut c = counts.get();
        c[outcome as usize] += 1;
        counts.set(c);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    counts.get()
}

/// The reader's tree, or syntax errors, are the `toml` crate's.
fn same_tree(doc: &str) -> Result<Outcome, TestCaseError> {
    let (ours, toml) = (ours(doc), toml(doc));
    if ours != toml {
        return Err(TestCaseError::fail(format!(
            "the readers differ on {doc:?}\nours: {ours:#?}\ntoml: {toml:#?}"
        )));
    }
    Ok(if ours.is_ok() {
        Outcome::Taken
    } else {
        Outcome::Refused
    })
}

/// `load_str` gives the same plan, or the same problems, whichever parser
/// read the TOML.
fn same_plan(doc: &str) -> Result<Outcome, TestCaseError> {
    same_tree(doc)?;
    let path = Path::new("/plans/kpi.toml");
    let ours = load_str_via(path, doc, Via::Parser);
    let outcome = match &ours {
        Ok(_) => Outcome::Loaded,
        Err(_) => Outcome::Taken,
    };
    let toml = load_str_via(path, doc, Via::Toml);
    // `Debug` shows every field, decimals with their scale, which `==`
    // does not compare (`50.0 == 50`).
    let (ours, toml) = (format!("{ours:#?}"), format!("{toml:#?}"));
    if ours != toml {
        return Err(TestCaseError::fail(format!(
            "the readers differ on {doc:?}\nours: {ours}\ntoml: {toml}"
        )));
    }
    Ok(outcome)
}

#[test]
fn any_document_reads_as_the_toml_crate_reads_it() {
    let [refused, taken, _] = run(4000, document, same_tree);
    // Most documents have some oddity; enough of both kinds must come.
    assert!(
        taken >= 250 && refused >= 250,
        "{taken} documents of 4000 were TOML, {refused} were not"
    );
}

#[test]
fn a_plan_loads_as_through_the_toml_crate() {
    // About a third are clean plans; the others have problems to report.
    let [refused, taken, loaded] = run(1500, plan_document, same_plan);
    assert!(
        loaded >= 200 && taken + refused >= 200,
        "{loaded} plans of 1500 loaded, {taken} had problems, {refused} were not TOML"
    );
}

#[test]
fn a_document_loads_as_through_the_toml_crate() {
    run(1500, document, same_plan);
}

/// A plan read in pieces at once (plan/split.rs) is the plan read whole,
/// problems and all; `Loaded` when some cut of it was read in pieces.
fn same_in_pieces(doc: &str) -> Result<Outcome, TestCaseError> {
    let path = Path::new("/plans/kpi.toml");
    let whole = format!("{:#?}", load_str_in_pieces(path, doc, 1));
    let mut split = false;
    // `split::load` takes the text after its byte-order mark, as
    // `load_str_in_pieces` hands it on; the latter strips one mark itself
    // (a second, a syntax error, must stay for both readings).
    let text = doc.strip_prefix('\u{feff}').unwrap_or(doc);
    for pieces in [2, 3, 7] {
        split |= crate::plan::split::load(path, text, pieces, true).is_some();
        let in_pieces = format!("{:#?}", load_str_in_pieces(path, doc, pieces));
        if in_pieces != whole {
            return Err(TestCaseError::fail(format!(
                "{pieces} pieces differ on {doc:?}\nin pieces: {in_pieces}\nwhole: {whole}"
            )));
        }
    }
    Ok(if split {
        Outcome::Loaded
    } else {
        Outcome::Taken
    })
}

#[test]
fn a_plan_reads_in_pieces_as_whole() {
    let [_, _, split] = run(1500, plan_document, same_in_pieces);
    assert!(
        split >= 150,
        "only {split} plans of 1500 were read in pieces"
    );
}

#[test]
fn a_document_reads_in_pieces_as_whole() {
    run(1500, document, same_in_pieces);
}

/// A document that starts with two byte-order marks: the loader strips
/// one, the second is a syntax error at column 2 (after the first mark's
/// column), however many pieces it is read in. The random test above
/// once stripped both for the pieces and so compared column 1 with 2.
#[test]
fn two_byte_order_marks_read_in_pieces_as_whole() {
    assert!(same_in_pieces("\u{feff}\u{feff}[plan]\n\n").is_ok());
}
