//! One run that changes the ledger (`kpi import`, `kpi record`): what it
//! writes into (a plan alone, or a workspace's plan of the series), the
//! lock, an interrupted write finished first, the merge, and the write.
//! Not a command: the commands that change the ledger share it.

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::ledger::import::kept::Kept;
use crate::ledger::import::merge::{self, Change, Merge};
use crate::ledger::import::normalise::{Aliases, KpiFinder};
use crate::ledger::import::{Figure, FileInfo, FileShape, ReadAs};
use crate::ledger::{self, edit, journal, recover, write, FigureLookup};
use crate::plan::Plan;
use crate::problem::{Location, Problem, Problems};
use crate::render::import_summary as summary;
use crate::scope;
use crate::settings::Settings;
use crate::workspace::{self, Found};
use crate::year::FiscalYear;

/// One run that changes the ledger: the plan and the lock (unless dry
/// run), any interrupted write finished; the ledger is read in `finish`.
pub struct Session {
    /// The plan; in a workspace, the plan of the series, whose ledger is
    /// the root's and whose folder holds the root's lock and journal.
    pub plan: Plan,
    /// In a workspace: what else names a series (members' KPI ids and names).
    aliases: Option<Aliases>,
    warnings: Problems,
    dry_run: bool,
    /// Print every row in the summary (dry run, `kpi record`).
    pub show_rows: bool,
    /// Under each row, its note, source and flag (`kpi record`).
    pub show_fields: bool,
    /// The summary's language and width.
    lang: Lang,
    width: Option<usize>,
    ascii: bool,
    _lock: Option<write::Lock>,
}

impl Session {
    pub fn start(global: &Settings, dry_run: bool) -> Result<Session> {
        let (plan, aliases, mut warnings) = target(global)?;
        let state = state_folder(&plan);
        let lock = if dry_run {
            // A dry run changes nothing, and finishes nothing: it says so.
            warnings.0.extend(journal::pending_problem(&state));
            None
        } else {
            let lock =
                write::Lock::acquire(&state).map_err(|p| Error::Invalid(Problems(vec![p])))?;
            let folders = temporary_folders(&plan);
            let finished = recover::recover(&state, &folders).map_err(Error::Invalid)?;
            for file in finished {
                eprintln!(
                    "note: {}: finished writing it, as an interrupted import had begun to",
                    file.display()
                );
            }
            Some(lock)
        };
        let style = crate::render::Style::of(global, plan.year_style);
        Ok(Session {
            lang: style.lang,
            width: style.width,
            ascii: style.ascii,
            plan,
            aliases,
            warnings,
            dry_run,
            show_rows: dry_run,
            show_fields: false,
            _lock: lock,
        })
    }

    /// What finds the KPI (in a workspace, the series) a cell or an argument names.
    pub fn finder(&self) -> KpiFinder<'_> {
        match &self.aliases {
            None => KpiFinder::new(&self.plan),
            Some(aliases) => KpiFinder::with_aliases(&self.plan, aliases),
        }
    }

    /// Merge the figures, print the summary, write. `problems` are those met
    /// reading the input; any error among them refuses the whole run.
    pub fn finish(
        mut self,
        figures: Vec<Figure>,
        problems: Problems,
        infos: &[(PathBuf, FileInfo)],
        replace: bool,
        out: &mut dyn Write,
    ) -> Result<i32> {
        // The ledger is read now that the figures are known (before their
        // problems are looked at, so that the ledger's come first, alone).
        let ledger = self.read_ledger(&figures)?;
        self.warnings.extend(problems);
        if self.warnings.has_errors() {
            return Err(Error::Invalid(self.warnings.sorted()));
        }
        let merge = merge::merge(&self.plan, ledger.lookup(), figures, replace);
        let mut all = std::mem::take(&mut self.warnings);
        all.extend(merge.problems.clone());
        let all = all.sorted();
        // On an error stdout stays empty, in a dry run too: the errors on
        // stderr list every row refused.
        if all.has_errors() {
            return Err(Error::Invalid(all));
        }
        for w in all.warnings() {
            eprintln!("{w}");
        }
        let changes: Vec<_> = merge.changes().collect();
        let files = edit::edits(&self.plan, ledger.files(), &changes, ledger.holding())
            .map_err(Error::Invalid)?;
        if !self.dry_run && !files.is_empty() {
            write::commit(&state_folder(&self.plan), &files)
                .map_err(|p| Error::Invalid(Problems(vec![p])))?;
        }
        let written: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
        let text = self.summary(&merge, infos, &written);
        out.write_all(text.as_bytes())?;
        // A national ledger is left to the OS to free (see `cmd::finish`);
        // the session itself is dropped, and with it the lock.
        std::mem::forget(ledger);
        Ok(0)
    }

    /// What the run did, in the user's language.
    fn summary(&self, merge: &Merge, infos: &[(PathBuf, FileInfo)], written: &[PathBuf]) -> String {
        let rows: Vec<summary::Row> = merge
            .rows
            .iter()
            .map(|m| summary::Row {
                kpi: m.figure.kpi,
                year: m.figure.year,
                value: m.figure.value,
                location: &m.figure.location,
                note: m.figure.note.as_deref(),
                source: m.figure.source.as_deref(),
                preliminary: m.figure.preliminary,
                change: match &m.change {
                    Change::Added => summary::Change::Added,
                    Change::Unchanged => summary::Change::Unchanged,
                    Change::Replaced { old, at } if m.finalised => {
                        summary::Change::Finalised { old: *old, at }
                    }
                    Change::Replaced { old, at } => summary::Change::Replaced { old: *old, at },
                    Change::Refused { old, at } => summary::Change::Refused { old: *old, at },
                },
            })
            .collect();
        let files: Vec<summary::InputFile> = infos
            .iter()
            .map(|(path, info)| summary::InputFile {
                path,
                sheet: info.sheet(),
                // A worksheet is named instead (`sheet`).
                encoding: match &info.read_as {
                    ReadAs::Csv(encoding) => encoding.to_string(),
                    ReadAs::Sheet { .. } => String::new(),
                },
                shape: match info.shape {
                    FileShape::Long => summary::Shape::Long,
                    FileShape::Wide { year_columns } => summary::Shape::Wide { year_columns },
                    FileShape::Categories { columns } => summary::Shape::Categories { columns },
                },
                figures: info.figures,
                empty: info.empty,
            })
            .collect();
        let cwd = crate::settings::env().cwd().ok();
        summary::Summary {
            plan: &self.plan,
            rows: &rows,
            files: &files,
            written,
            cwd: cwd.as_deref(),
            dry_run: self.dry_run,
            show_rows: self.show_rows,
            show_fields: self.show_fields,
            lang: self.lang,
            width: self.width,
            ascii: self.ascii,
        }
        .render()
    }

    /// The ledger as the merge needs it. A ledger without any problem (the
    /// usual case) is checked in full but kept only where the import meets
    /// it (`ledger::import::kept::read_clean_keeping`), and the same pass names
    /// the files the import may change. Otherwise the strict reader reads
    /// it all and reports its problems.
    fn read_ledger(&mut self, figures: &[Figure]) -> Result<LedgerRead> {
        let plan = &self.plan;
        let mut years: Vec<Vec<FiscalYear>> = vec![Vec::new(); plan.kpis.len()];
        for f in figures {
            years[f.kpi].push(f.year);
        }
        if let Some(kept) = ledger::import::kept::read_clean_keeping(plan, &years) {
            return Ok(LedgerRead::Kept(kept));
        }
        let (ledger, ledger_warnings) = ledger::read(plan).map_err(|mut problems| {
            problems.push(
                Problem::error(
                    Location::file(&plan.path),
                    "the ledger has the problems above; nothing was imported",
                )
                .hint("fix them (kpi validate lists them) and import again"),
            );
            Error::Invalid(crate::workspace::unmatched_first(&plan.path, problems))
        })?;
        self.warnings.extend(ledger_warnings);
        Ok(LedgerRead::Whole(ledger))
    }
}

/// What an import writes into: a plan alone (today's), or, in a workspace
/// (from a member's folder or the root), the plan of the series, whose
/// ledger is the root's, and what else names a series there. The ledger is
/// read later, under the lock.
fn target(global: &Settings) -> Result<(Plan, Option<Aliases>, Problems)> {
    let ws_file = match scope::find(global)? {
        Found::Plan(path) => {
            let (member, warnings) = scope::read_alone(&path, scope::Reads::Plan)?;
            return Ok((member.plan, None, warnings));
        }
        Found::Member { workspace, plan } => (workspace, Some(plan)),
        Found::Root(workspace) => (workspace, None),
    };
    let (ws_file, plan) = ws_file;
    scope::check_today()?;
    let (workspace, mut warnings) = workspace::open(&ws_file).map_err(Error::Invalid)?;
    // `-p` names are checked, and a plan named (or of this folder) must be
    // a member, though an import writes the one ledger whoever covers it.
    if scope::covered(global, &workspace, plan.as_deref())?.is_empty() {
        return Err(scope::no_member(&workspace, warnings));
    }
    let (linked, link_warnings) = workspace::link_members(&workspace).map_err(Error::Invalid)?;
    warnings.extend(link_warnings);
    let aliases = aliases(&linked);
    Ok((linked.series, Some(aliases), warnings))
}

/// Every member KPI's id and name, naming its series; each series' users.
fn aliases(linked: &workspace::Linked) -> Aliases {
    let mut aliases = Aliases {
        users: vec![Vec::new(); linked.series.kpis.len()],
        ..Aliases::default()
    };
    for member in &linked.members {
        for (kpi, &s) in member.plan.kpis.iter().zip(&member.series_of) {
            aliases.ids.push((kpi.id.clone(), s));
            aliases.names.push((kpi.name.clone(), s));
            if !aliases.users[s].contains(&member.name) {
                aliases.users[s].push(member.name.clone());
            }
        }
    }
    aliases
}

/// The ledger as an import's merge needs it (`Session::read_ledger`).
enum LedgerRead {
    /// A clean ledger: only the figures the import meets.
    Kept(Kept),
    /// A ledger with warnings, read whole by the strict reader.
    Whole(ledger::Ledger),
}

impl LedgerRead {
    fn lookup(&self) -> &dyn FigureLookup {
        match self {
            LedgerRead::Kept(kept) => &kept.figures,
            LedgerRead::Whole(ledger) => ledger,
        }
    }

    fn files(&self) -> &[PathBuf] {
        match self {
            LedgerRead::Kept(kept) => &kept.files,
            LedgerRead::Whole(ledger) => &ledger.files,
        }
    }

    /// The files with a row for a pair imported, when the read found them.
    fn holding(&self) -> Option<&[PathBuf]> {
        match self {
            LedgerRead::Kept(kept) => Some(&kept.holding),
            LedgerRead::Whole(_) => None,
        }
    }
}

/// Where the lock and the journal live: the plan's folder.
pub fn state_folder(plan: &Plan) -> PathBuf {
    crate::atomic::parent_or_dot(&plan.path).to_path_buf()
}

/// Where a ledger write leaves temporary files: the ledger's folders (any
/// temporary file in them), and beside a ledger file elsewhere (a file
/// `plan.actuals` names, or the target of a symlinked ledger file) only
/// those of that file.
pub fn temporary_folders(plan: &Plan) -> Vec<recover::Strays> {
    let mut places: Vec<recover::Strays> = Vec::new();
    let mut add = |place: recover::Strays| {
        if !places.contains(&place) {
            places.push(place);
        }
    };
    let beside = |file: &std::path::Path| {
        let real = crate::atomic::through_links(file);
        recover::Strays {
            folder: crate::atomic::parent_or_dot(&real).to_path_buf(),
            of: real.file_name().map(|n| n.to_string_lossy().into_owned()),
        }
    };
    for entry in &plan.actuals {
        if entry.is_dir() {
            add(recover::Strays {
                folder: entry.clone(),
                of: None,
            });
            for file in std::fs::read_dir(entry).into_iter().flatten().flatten() {
                if file.file_type().is_ok_and(|t| t.is_symlink()) {
                    add(beside(&file.path()));
                }
            }
        } else {
            add(beside(entry));
        }
    }
    places
}
