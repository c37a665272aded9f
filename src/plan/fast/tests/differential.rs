//! Differential tests: documents from the grammar, read by the fast reader
//! and by the `toml` crate.
//!
//! Whenever the fast reader takes a document, the `toml` crate must take it
//! too and build the same tree, spans included; and `load_str` must give
//! the same plan and the same problems through either reader. Each test
//! also counts what the fast reader took, so that it cannot pass by giving
//! up on everything.

use std::cell::Cell;
use std::path::Path;

use proptest::collection::vec;
use proptest::prelude::any;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use super::grammar::{document, plan_document, Choices};
use super::{fast_tree, toml_tree};
use crate::plan::{load_str_via, Via};

/// What became of a document.
#[derive(Clone, Copy)]
enum Outcome {
    GaveUp = 0,
    Taken = 1,
    /// Taken, and a plan without errors.
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

/// The fast reader's tree, if any, is the `toml` crate's.
fn same_tree(doc: &str) -> Result<Outcome, TestCaseError> {
    let Some(fast) = fast_tree(doc) else {
        return Ok(Outcome::GaveUp);
    };
    let toml = toml_tree(doc);
    if toml.as_ref() != Some(&fast) {
        return Err(TestCaseError::fail(format!(
            "the fast reader took {doc:?}\nfast: {fast:#?}\ntoml: {toml:#?}"
        )));
    }
    Ok(Outcome::Taken)
}

/// `load_str` through the fast reader, if it takes the plan, is `load_str`
/// through the `toml` crate: the same plan, the same problems.
fn same_plan(doc: &str) -> Result<Outcome, TestCaseError> {
    same_tree(doc)?;
    let path = Path::new("/plans/kpi.toml");
    let Some(fast) = load_str_via(path, doc, Via::Fast) else {
        return Ok(Outcome::GaveUp);
    };
    let outcome = match fast {
        Ok(_) => Outcome::Loaded,
        Err(_) => Outcome::Taken,
    };
    let toml = load_str_via(path, doc, Via::Toml);
    // `Plan` has no `PartialEq`: its `Debug` shows every field.
    let (fast, toml) = (format!("{:#?}", Some(fast)), format!("{toml:#?}"));
    if fast != toml {
        return Err(TestCaseError::fail(format!(
            "the readers differ on {doc:?}\nfast: {fast}\ntoml: {toml}"
        )));
    }
    Ok(outcome)
}

#[test]
fn any_document_the_fast_reader_takes_is_the_toml_crates_tree() {
    let [_, taken, _] = run(4000, document, same_tree);
    // Most documents have some oddity; enough must be taken to mean something.
    assert!(taken >= 250, "the fast reader took only {taken} of 4000");
}

#[test]
fn a_plan_the_fast_reader_takes_loads_as_through_the_toml_crate() {
    // About a third are clean plans; the others have problems to report.
    let [_, refused, loaded] = run(1500, plan_document, same_plan);
    assert!(
        loaded >= 200 && refused >= 200,
        "the fast reader took {loaded} plans that load and {refused} with problems, of 1500"
    );
}

#[test]
fn a_document_the_fast_reader_takes_loads_as_through_the_toml_crate() {
    run(1500, document, same_plan);
}
