//! `kpi recover`: the way out of an import interrupted between its renames
//! whose ledger files changed since (docs/import.md, "Safety"). Without a
//! choice it says where each file stands; `--finish` gives every file the
//! interrupted import's new content, `--abandon` keeps every file as it is
//! now and removes the journal and the import's temporary files.

pub use crate::args::recover::RecoverArgs;

use std::io::Write;

use crate::error::{Error, Result};
use crate::ledger::journal::{self, shown, State};
use crate::ledger::recover::{self, Recovered};
use crate::ledger::write;
use crate::plan;
use crate::problem::Problems;
use crate::settings::Settings;

/// The workspace's ledger as a plan (`workspace::ledger_plan`).
fn ledger_plan_of(ws_file: &std::path::Path) -> Result<plan::Plan> {
    let (file, warnings) = crate::workspace::file::read(ws_file).map_err(Error::Invalid)?;
    super::print_warnings(&warnings);
    Ok(crate::workspace::ledger_plan(&file))
}

pub fn run(global: &Settings, args: &RecoverArgs, out: &mut dyn Write) -> Result<i32> {
    // In a workspace the journal, the lock and the ledger are the root's.
    let plan = match crate::scope::find(global)? {
        crate::workspace::Found::Plan(path) => {
            let (plan, warnings) = plan::load(&path).map_err(Error::Invalid)?;
            super::print_warnings(&warnings);
            plan
        }
        crate::workspace::Found::Member { workspace, plan } => {
            // Only the workspace file and its members' folders are read:
            // recovery works while a member's plan is broken.
            let (ws, _) = crate::workspace::open_all(&workspace).map_err(Error::Invalid)?;
            crate::scope::member_index(&ws, &plan)?;
            ledger_plan_of(&workspace)?
        }
        crate::workspace::Found::Root(workspace) => ledger_plan_of(&workspace)?,
    };
    let state = crate::ingest::state_folder(&plan);
    let _lock = write::Lock::acquire(&state).map_err(|p| Error::Invalid(Problems(vec![p])))?;
    let places = crate::ingest::temporary_folders(&plan);
    let journal = shown(&journal::path(&state));
    let mut text = String::new();
    if args.abandon {
        let pending = journal::is_pending(&state);
        let done = recover::abandon(&state, &places).map_err(Error::Invalid)?;
        if pending {
            text.push_str(&format!(
                "abandoned the interrupted import (journal {}): every ledger file stays as it is now\n",
                journal.display()
            ));
            for (file, st) in &done.left {
                text.push_str(&format!("  {}: {}\n", file.display(), left_words(*st)));
            }
            text.push_str(&removed(&done));
            text.push_str("next: run the import again; it adds what is missing and lists any conflict with the files as they are\n");
        } else {
            text.push_str("no interrupted import: nothing to abandon\n");
            text.push_str(&removed(&done));
        }
    } else if args.finish {
        match recover::finish(&state, &places).map_err(Error::Invalid)? {
            None => text.push_str("no interrupted import: nothing to finish\n"),
            Some(done) => {
                text.push_str(&format!(
                    "finished the interrupted import (journal {})\n",
                    journal.display()
                ));
                for file in &done.finished {
                    let over = if done.overwritten.contains(file) {
                        " (written over the changes made since)"
                    } else {
                        ""
                    };
                    text.push_str(&format!("  wrote {}{over}\n", file.display()));
                }
                text.push_str(&removed(&done));
            }
        }
    } else {
        match recover::describe(&state).map_err(Error::Invalid)? {
            None => text.push_str("no interrupted import: nothing to recover\n"),
            Some(files) => {
                text.push_str(&format!(
                    "an import was interrupted while it replaced ledger files (journal {}):\n",
                    journal.display()
                ));
                if files.is_empty() {
                    text.push_str(
                        "  the journal cannot be read, so which files it names is not known\n",
                    );
                }
                for (file, st) in &files {
                    match st {
                        Some(st) => text.push_str(&format!(
                            "  {}: {}; {}\n",
                            file.display(),
                            st.words(),
                            st.finish_words()
                        )),
                        None => text.push_str(&format!(
                            "  {}: not known (the journal is from an older kpi)\n",
                            file.display()
                        )),
                    }
                }
                let gone: Vec<String> = files
                    .iter()
                    .filter(|(_, st)| st.is_some_and(State::unfinishable))
                    .map(|(f, _)| f.display().to_string())
                    .collect();
                let changed: Vec<String> = files
                    .iter()
                    .filter(|(_, st)| *st == Some(State::Changed))
                    .map(|(f, _)| f.display().to_string())
                    .collect();
                let over = if changed.is_empty() {
                    String::new()
                } else {
                    format!(", writing over the changes to {}", changed.join(", "))
                };
                if gone.is_empty() {
                    text.push_str(&format!(
                        "kpi recover --finish: give each file the import's new content{over}\n"
                    ));
                } else {
                    text.push_str(&format!(
                        "kpi recover --finish: refused while the import's new version of {} is gone; it changes nothing\n",
                        gone.join(", ")
                    ));
                }
                text.push_str(
                    "kpi recover --abandon: keep every file as it is now and remove the journal and the import's temporary files; then import again\n",
                );
            }
        }
    }
    out.write_all(text.as_bytes())?;
    Ok(0)
}

fn left_words(state: State) -> &'static str {
    match state {
        State::Pending | State::Lost => "kept its content from before the import",
        State::Done => "kept the import's new content, written before the interruption",
        State::Changed | State::ChangedAndGone => "kept its changes made since the import",
    }
}

fn removed(done: &Recovered) -> String {
    match done.removed {
        0 => String::new(),
        1 => "removed 1 temporary file\n".to_string(),
        n => format!("removed {n} temporary files\n"),
    }
}
