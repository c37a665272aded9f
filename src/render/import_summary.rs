//! What `kpi import` and `kpi record` say they did (or, with `--dry-run`,
//! would do), in Japanese or English: per input file, per year, the ledger
//! files written, and with `--dry-run` every row.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::ledger::import::merge::{Change, Merge};
use crate::ledger::import::{FileInfo, FileShape};
use crate::plan::Plan;
use crate::year::FiscalYear;

/// What a run did, to be told.
pub struct Summary<'a> {
    pub plan: &'a Plan,
    pub merge: &'a Merge,
    /// Each input file with what was found in it.
    pub infos: &'a [(PathBuf, FileInfo)],
    /// The ledger files written (or that would be).
    pub written: &'a [PathBuf],
    pub dry_run: bool,
    /// Every row too (dry run, `kpi record`).
    pub show_rows: bool,
    pub lang: Lang,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    added: usize,
    unchanged: usize,
    replaced: usize,
    refused: usize,
}

impl Counts {
    fn count(&mut self, change: &Change) {
        match change {
            Change::Added => self.added += 1,
            Change::Unchanged => self.unchanged += 1,
            Change::Replaced { .. } => self.replaced += 1,
            Change::Refused { .. } => self.refused += 1,
        }
    }

    fn words(&self, lang: Lang) -> String {
        let w = Words::of(lang);
        let mut s = match lang {
            Lang::En => format!(
                "{} {}, {} {}, {} {}",
                self.added, w.added, self.unchanged, w.unchanged, self.replaced, w.replaced
            ),
            Lang::Ja => format!(
                "{} {}、{} {}、{} {}",
                w.added, self.added, w.unchanged, self.unchanged, w.replaced, self.replaced
            ),
        };
        if self.refused > 0 {
            let _ = match lang {
                Lang::En => write!(s, ", {} {}", self.refused, w.refused),
                Lang::Ja => write!(s, "、{} {}", w.refused, self.refused),
            };
        }
        s
    }
}

/// The words of the summary.
struct Words {
    year: &'static str,
    added: &'static str,
    unchanged: &'static str,
    replaced: &'static str,
    refused: &'static str,
    total: &'static str,
}

impl Words {
    fn of(lang: Lang) -> Words {
        match lang {
            Lang::En => Words {
                year: "year",
                added: "added",
                unchanged: "unchanged",
                replaced: "replaced",
                refused: "refused",
                total: "total",
            },
            Lang::Ja => Words {
                year: "年度",
                added: "追加",
                unchanged: "変更なし",
                replaced: "置換",
                refused: "拒否",
                total: "合計",
            },
        }
    }
}

impl Summary<'_> {
    pub fn render(&self) -> String {
        let lang = self.lang;
        let mut by_file: BTreeMap<&Path, Counts> = BTreeMap::new();
        let mut by_year: BTreeMap<FiscalYear, Counts> = BTreeMap::new();
        let mut total = Counts::default();
        for m in &self.merge.rows {
            by_file
                .entry(m.figure.location.file.as_path())
                .or_default()
                .count(&m.change);
            by_year.entry(m.figure.year).or_default().count(&m.change);
            total.count(&m.change);
        }
        let mut s = String::new();
        for (path, info) in self.infos {
            let counts = by_file.get(path.as_path()).copied().unwrap_or_default();
            let _ = writeln!(s, "{}", file_line(path, info, &counts, lang));
        }
        if self.show_rows {
            s.push_str(&self.rows());
        }
        let w = Words::of(lang);
        let head = [w.year, w.added, w.unchanged, w.replaced, w.refused];
        let mut table: Vec<[String; 5]> = vec![head.map(str::to_string)];
        let style = self.plan.year_style;
        for (year, c) in by_year
            .iter()
            .map(|(y, c)| (y.label(style), c))
            .chain([(w.total.to_string(), &total)])
        {
            table.push([
                year,
                c.added.to_string(),
                c.unchanged.to_string(),
                c.replaced.to_string(),
                c.refused.to_string(),
            ]);
        }
        let columns = if total.refused > 0 { 5 } else { 4 };
        let _ = writeln!(s);
        for row in &table {
            let mut line = pad_right(&row[0], 8);
            for (cell, h) in row[1..columns].iter().zip(&head[1..columns]) {
                line.push_str(&pad_left(cell, h.width() + 2));
            }
            let _ = writeln!(s, "{line}");
        }
        let _ = writeln!(s);
        let _ = match (lang, total.refused > 0, self.written.is_empty()) {
            (Lang::En, true, _) => writeln!(
                s,
                "refused: nothing written (the conflicts are listed on stderr)"
            ),
            (Lang::Ja, true, _) => writeln!(
                s,
                "拒否: 何も書き込んでいません（食い違いは標準エラーに出力しました）"
            ),
            (Lang::En, false, true) => {
                writeln!(s, "nothing to write: the ledger already holds every figure")
            }
            (Lang::Ja, false, true) => {
                writeln!(
                    s,
                    "書き込むものはありません: 台帳にすべての実績値があります"
                )
            }
            (_, false, false) => {
                let verb = match (lang, self.dry_run) {
                    (Lang::En, true) => "would write",
                    (Lang::En, false) => "wrote",
                    (Lang::Ja, true) => "書き込み予定:",
                    (Lang::Ja, false) => "書き込み:",
                };
                for path in self.written {
                    let _ = writeln!(s, "{verb} {}", shown(path).display());
                }
                Ok(())
            }
        };
        s
    }

    /// Every row of the import with what it does.
    fn rows(&self) -> String {
        let (plan, lang) = (self.plan, self.lang);
        let style = plan.year_style;
        let width = self
            .merge
            .rows
            .iter()
            .map(|m| plan.kpis[m.figure.kpi].id.len())
            .max()
            .unwrap_or(0);
        let mut s = String::from("\n");
        for m in &self.merge.rows {
            let f = &m.figure;
            let (word, detail) = match (lang, &m.change) {
                (Lang::En, Change::Added) => ("add", String::new()),
                (Lang::En, Change::Unchanged) => ("unchanged", String::new()),
                (Lang::En, Change::Replaced { old, at }) => {
                    ("replace", format!(" (was {old} at {at})"))
                }
                (Lang::En, Change::Refused { old, at }) => {
                    ("refuse", format!(" (the ledger has {old} at {at})"))
                }
                (Lang::Ja, Change::Added) => ("追加", String::new()),
                (Lang::Ja, Change::Unchanged) => ("変更なし", String::new()),
                (Lang::Ja, Change::Replaced { old, at }) => {
                    ("置換", format!("（元の値 {old}、{at}）"))
                }
                (Lang::Ja, Change::Refused { old, at }) => {
                    ("拒否", format!("（台帳の値 {old}、{at}）"))
                }
            };
            let _ = writeln!(
                s,
                "{} {:<width$} {} {:<10}{detail}  [{}]",
                pad_right(word, 10),
                plan.kpis[f.kpi].id,
                pad_right(&f.year.label(style), 7),
                f.value.to_string(),
                f.location
            );
        }
        s
    }
}

/// One input file: its encoding, shape and counts.
fn file_line(path: &Path, info: &FileInfo, counts: &Counts, lang: Lang) -> String {
    let (path, counts) = (path.display(), counts.words(lang));
    let encoding = info.encoding;
    match lang {
        Lang::En => {
            let shape = match info.shape {
                FileShape::Long => "long".to_string(),
                FileShape::Wide { year_columns } => format!("wide, {year_columns} year columns"),
            };
            format!(
                "{path}: {encoding}, {shape}: {} figures ({counts}), {} empty (no figure)",
                info.figures, info.empty
            )
        }
        Lang::Ja => {
            let shape = match info.shape {
                FileShape::Long => "縦型".to_string(),
                FileShape::Wide { year_columns } => format!("横型、年度の列 {year_columns}"),
            };
            format!(
                "{path}: {encoding}、{shape}: 実績値 {} 件（{counts}）、空欄 {} 件（実績値なし）",
                info.figures, info.empty
            )
        }
    }
}

/// `text` and spaces to fill `width` terminal columns (a kanji takes two).
fn pad_right(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// A path relative to the current folder when it is under it.
fn shown(path: &Path) -> &Path {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path)
}
