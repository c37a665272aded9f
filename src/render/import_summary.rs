//! What `kpi import` and `kpi record` say they did (or, with `--dry-run`,
//! would do), in Japanese or English: per input file, per year, the ledger
//! files written, and with `--dry-run` every row.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

use rust_decimal::Decimal;

use super::fit;
use crate::lang::{count, Lang};
use crate::plan::Plan;
use crate::problem::Location;
use crate::year::FiscalYear;

/// What a run did, to be told: filled by the command from its merge.
pub struct Summary<'a> {
    pub plan: &'a Plan,
    /// Every figure of the run with what it does, in the merge's order.
    pub rows: &'a [Row<'a>],
    /// Each input file with what was found in it.
    pub files: &'a [InputFile<'a>],
    /// The ledger files written (or that would be).
    pub written: &'a [PathBuf],
    /// The current folder: paths under it are shown relative to it.
    pub cwd: Option<&'a Path>,
    pub dry_run: bool,
    /// Every row too (dry run, `kpi record`).
    pub show_rows: bool,
    /// Under each row, the fields it writes besides the value: note,
    /// source and flag (`kpi record`, whose row is the one it writes).
    pub show_fields: bool,
    pub lang: Lang,
    /// The width to wrap lines at (`None`: unlimited), and whether
    /// ambiguous-width characters count two.
    pub width: Option<usize>,
    pub ascii: bool,
}

/// One figure of the run and what it does to the ledger.
pub struct Row<'a> {
    /// Index of the KPI in `plan.kpis`.
    pub kpi: usize,
    pub year: FiscalYear,
    pub value: Decimal,
    /// Where the figure was read.
    pub location: &'a Location,
    pub change: Change<'a>,
    /// The row's other fields as they would be written.
    pub note: Option<&'a str>,
    pub source: Option<&'a str>,
    pub preliminary: bool,
}

/// What a figure does to the ledger's figure of its KPI and year.
pub enum Change<'a> {
    Added,
    Unchanged,
    /// The ledger's figure `old`, read at `at`, is replaced.
    Replaced {
        old: Decimal,
        at: &'a Location,
    },
    /// A different figure is in the ledger and replacing was not asked for.
    Refused {
        old: Decimal,
        at: &'a Location,
    },
    /// A preliminary figure of the ledger replaced by a final one (速報値 →
    /// 確定値), which needs no `--replace`.
    Finalised {
        old: Decimal,
        at: &'a Location,
    },
}

/// One input file (or one worksheet of a workbook): how it was read and
/// how many figures it gave.
pub struct InputFile<'a> {
    pub path: &'a Path,
    /// The worksheet, for a workbook: shown instead of the encoding.
    pub sheet: Option<&'a str>,
    /// The encoding's name as shown (`UTF-8`, `CP932 (Shift_JIS)`).
    pub encoding: String,
    pub shape: Shape,
    pub figures: usize,
    /// Cells with no figure.
    pub empty: usize,
}

/// An input file's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `kpi,year,value`
    Long,
    /// `kpi,H27,H28,…`
    Wide { year_columns: usize },
    /// `kpi,year,0歳,1・2歳,計`
    Categories { columns: usize },
}

#[derive(Default, Clone, Copy)]
struct Counts {
    added: usize,
    unchanged: usize,
    replaced: usize,
    refused: usize,
    finalised: usize,
}

impl Counts {
    fn count(&mut self, change: &Change) {
        match change {
            Change::Added => self.added += 1,
            Change::Unchanged => self.unchanged += 1,
            Change::Replaced { .. } => self.replaced += 1,
            Change::Refused { .. } => self.refused += 1,
            Change::Finalised { .. } => self.finalised += 1,
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
        if self.finalised > 0 {
            let _ = match lang {
                Lang::En => write!(s, ", {} {}", self.finalised, w.finalised),
                Lang::Ja => write!(s, "、{} {}", w.finalised, self.finalised),
            };
        }
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
    finalised: &'static str,
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
                finalised: "finalised",
                total: "total",
            },
            Lang::Ja => Words {
                year: "年度",
                added: "追加",
                unchanged: "変更なし",
                replaced: "置換",
                refused: "拒否",
                finalised: "確定",
                total: "合計",
            },
        }
    }
}

impl Summary<'_> {
    pub fn render(&self) -> String {
        let lang = self.lang;
        let mut by_file: BTreeMap<(&Path, Option<&str>), Counts> = BTreeMap::new();
        let mut by_year: BTreeMap<FiscalYear, Counts> = BTreeMap::new();
        let mut total = Counts::default();
        for m in self.rows {
            let sheet = m.location.sheet.as_ref().map(|s| s.name.as_str());
            by_file
                .entry((m.location.file.as_path(), sheet))
                .or_default()
                .count(&m.change);
            by_year.entry(m.year).or_default().count(&m.change);
            total.count(&m.change);
        }
        let mut s = String::new();
        for file in self.files {
            let counts = by_file
                .get(&(file.path, file.sheet))
                .copied()
                .unwrap_or_default();
            let line = file_line(file, &counts, lang);
            let _ = writeln!(s, "{}", fit::line(&line, self.width, self.ascii, 2));
        }
        if self.rows.is_empty() {
            // An unfilled sheet: say so rather than "the ledger has them all".
            let empty: usize = self.files.iter().map(|f| f.empty).sum();
            let line = match lang {
                Lang::En => format!(
                    "nothing to import: no cell holds a figure ({empty} empty); fill in the values and import again"
                ),
                Lang::Ja => format!(
                    "取り込むものはありません: 実績値の入ったセルがありません（空欄 {empty} 件）。実績値を入力してから取り込んでください"
                ),
            };
            let _ = writeln!(s, "\n{}", fit::line(&line, self.width, self.ascii, 2));
            return s;
        }
        if self.show_rows {
            s.push_str(&self.rows());
        }
        let w = Words::of(lang);
        // Figures made final (速報値 → 確定値) and refused ones have a
        // column when there are any.
        let mut head = vec![w.year, w.added, w.unchanged, w.replaced];
        if total.finalised > 0 {
            head.push(w.finalised);
        }
        if total.refused > 0 {
            head.push(w.refused);
        }
        let style = self.plan.year_style;
        let mut table: Vec<Vec<String>> = vec![head.iter().map(|h| h.to_string()).collect()];
        for (year, c) in by_year
            .iter()
            .map(|(y, c)| (y.label(style), c))
            .chain([(w.total.to_string(), &total)])
        {
            let mut row = vec![
                year,
                c.added.to_string(),
                c.unchanged.to_string(),
                c.replaced.to_string(),
            ];
            if total.finalised > 0 {
                row.push(c.finalised.to_string());
            }
            if total.refused > 0 {
                row.push(c.refused.to_string());
            }
            table.push(row);
        }
        let _ = writeln!(s);
        for row in &table {
            let mut line = pad_right(&row[0], 8);
            for (cell, h) in row[1..].iter().zip(&head[1..]) {
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
                    let line = format!("{verb} {}", self.shown(path).display());
                    let _ = writeln!(s, "{}", fit::line(&line, self.width, self.ascii, 2));
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
            .rows
            .iter()
            .map(|m| plan.kpis[m.kpi].id.len())
            .max()
            .unwrap_or(0);
        let mut s = String::from("\n");
        for m in self.rows {
            let (word, detail) = match (lang, &m.change) {
                (Lang::En, Change::Added) => ("add", String::new()),
                (Lang::En, Change::Unchanged) => ("unchanged", String::new()),
                (Lang::En, Change::Replaced { old, at }) => {
                    ("replace", format!(" (was {old} at {at})"))
                }
                (Lang::En, Change::Refused { old, at }) => {
                    ("refuse", format!(" (the ledger has {old} at {at})"))
                }
                (Lang::En, Change::Finalised { old, at }) => {
                    ("finalise", format!(" (was preliminary {old} at {at})"))
                }
                (Lang::Ja, Change::Finalised { old, at }) => {
                    ("確定", format!("（速報値 {old}、{at}）"))
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
            let line = format!(
                "{} {:<width$} {} {:<10}{detail}  [{}]",
                pad_right(word, 10),
                plan.kpis[m.kpi].id,
                pad_right(&m.year.label(style), 7),
                m.value.to_string(),
                m.location
            );
            // Wrapped lines sit under the KPI, past the column of words.
            let _ = writeln!(s, "{}", fit::line(&line, self.width, self.ascii, 11));
            if self.show_fields {
                let line = format!("{}{}", " ".repeat(11), fields(m, lang));
                let _ = writeln!(s, "{}", fit::line(&line, self.width, self.ascii, 11));
            }
        }
        s
    }

    /// A path relative to the current folder when it is under it.
    fn shown<'p>(&self, path: &'p Path) -> &'p Path {
        self.cwd
            .and_then(|cwd| path.strip_prefix(cwd).ok())
            .unwrap_or(path)
    }
}

/// A row's fields besides the value, each named, `-` for an empty one:
/// `note: 速報値, source: -, flag: preliminary`.
fn fields(row: &Row, lang: Lang) -> String {
    use super::i18n::{Text, Word};
    let flag = if row.preliminary {
        lang.text(Text::PreliminaryFigure)
    } else {
        "-"
    };
    let (colon, sep) = match lang {
        Lang::En => (": ", ", "),
        Lang::Ja => (": ", "、"),
    };
    [
        (lang.text(Text::Note), row.note.unwrap_or("-")),
        (lang.text(Text::Source), row.source.unwrap_or("-")),
        (lang.word(Word::Flag), flag),
    ]
    .map(|(name, value)| format!("{name}{colon}{value}"))
    .join(sep)
}

/// One input file: its encoding, shape and counts.
fn file_line(info: &InputFile, counts: &Counts, lang: Lang) -> String {
    let (path, counts) = (info.path.display(), counts.words(lang));
    let encoding = match (info.sheet, lang) {
        (None, _) => info.encoding.clone(),
        (Some(sheet), Lang::En) => format!("sheet {sheet}"),
        (Some(sheet), Lang::Ja) => format!("シート「{sheet}」"),
    };
    match lang {
        Lang::En => {
            let shape = match info.shape {
                Shape::Long => "long".to_string(),
                Shape::Wide { year_columns } => {
                    format!(
                        "wide, {}",
                        count(year_columns, "year column", "year columns")
                    )
                }
                Shape::Categories { columns } => {
                    format!(
                        "wide, {}",
                        count(columns, "category column", "category columns")
                    )
                }
            };
            format!(
                "{path}: {encoding}, {shape}: {} ({counts}), {} empty (no figure)",
                count(info.figures, "figure", "figures"),
                info.empty
            )
        }
        Lang::Ja => {
            let shape = match info.shape {
                Shape::Long => "縦型".to_string(),
                Shape::Wide { year_columns } => format!("横型、年度の列 {year_columns}"),
                Shape::Categories { columns } => format!("横型、内訳の列 {columns}"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans::{kpi, plan};

    /// A plan with the one KPI `jobs`.
    fn jobs() -> Plan {
        let text = plan(2019, &[kpi("jobs", "Jobs", "value = 1", "value = 2", "")]);
        crate::plan::load_str(Path::new("kpi.toml"), &text)
            .unwrap()
            .0
    }

    /// A figure of `jobs` read at `location`, with no note or source.
    fn row<'a>(year: i32, value: i64, location: &'a Location, change: Change<'a>) -> Row<'a> {
        Row {
            kpi: 0,
            year: FiscalYear(year),
            value: Decimal::from(value),
            location,
            note: None,
            source: None,
            preliminary: false,
            change,
        }
    }

    fn at(file: &str, line: usize) -> Location {
        Location {
            file: PathBuf::from(file),
            sheet: None,
            line: Some(line),
            column: None,
        }
    }

    #[test]
    fn counts_by_file_and_year_with_every_row_and_paths_under_the_folder() {
        let plan = jobs();
        let (a2, a3, old) = (
            at("/w/in.csv", 2),
            at("/w/in.csv", 3),
            at("/w/actuals.csv", 5),
        );
        let rows = [
            row(2015, 3, &a2, Change::Added),
            row(
                2016,
                4,
                &a3,
                Change::Replaced {
                    old: Decimal::from(5),
                    at: &old,
                },
            ),
        ];
        let files = [InputFile {
            path: Path::new("/w/in.csv"),
            sheet: None,
            encoding: "UTF-8".to_string(),
            shape: Shape::Long,
            figures: 2,
            empty: 1,
        }];
        let written = [PathBuf::from("/w/actuals.csv")];
        let summary = Summary {
            plan: &plan,
            rows: &rows,
            files: &files,
            written: &written,
            cwd: Some(Path::new("/w")),
            dry_run: true,
            show_rows: true,
            show_fields: false,
            lang: Lang::En,
            width: None,
            ascii: false,
        };
        // Words padded to 10 columns, ids to the longest, years to 7, values
        // to 10; the year table's columns as wide as their headings plus 2.
        let expected = [
            "/w/in.csv: UTF-8, long: 2 figures (1 added, 0 unchanged, 1 replaced), 1 empty (no figure)",
            "",
            "add        jobs FY2015  3           [/w/in.csv:2]",
            "replace    jobs FY2016  4          (was 5 at /w/actuals.csv:5)  [/w/in.csv:3]",
            "",
            "year      added  unchanged  replaced",
            "FY2015        1          0         0",
            "FY2016        0          0         1",
            "total         1          0         1",
            "",
            // Under the current folder: shown relative to it.
            "would write actuals.csv",
            "",
        ];
        assert_eq!(summary.render(), expected.join("\n"));
    }

    #[test]
    fn a_workbook_has_a_line_per_sheet_and_its_rows_name_their_cells() {
        use std::sync::Arc;
        let plan = jobs();
        let sheet = |index: usize, name: &str| {
            Arc::new(crate::problem::SheetRef {
                index,
                name: name.to_string(),
            })
        };
        let (a, b) = (sheet(0, "保育課"), sheet(1, "産業振興課"));
        let book = Path::new("/w/R1.xlsx");
        let (in_a, in_b) = (
            Location::cell(book, &a, 4, 7),
            Location::cell(book, &b, 4, 7),
        );
        let rows = [
            row(2015, 3, &in_a, Change::Added),
            row(2016, 4, &in_b, Change::Unchanged),
        ];
        let file = |sheet| InputFile {
            path: book,
            sheet: Some(sheet),
            encoding: String::new(),
            shape: Shape::Long,
            figures: 1,
            empty: 0,
        };
        let files = [file("保育課"), file("産業振興課")];
        let summary = Summary {
            plan: &plan,
            rows: &rows,
            files: &files,
            written: &[],
            cwd: Some(Path::new("/w")),
            dry_run: true,
            show_rows: true,
            show_fields: false,
            lang: Lang::Ja,
            width: None,
            ascii: false,
        };
        let text = summary.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..4],
            [
                "/w/R1.xlsx: シート「保育課」、縦型: 実績値 1 件（追加 1、変更なし 0、置換 0）、空欄 0 件（実績値なし）",
                "/w/R1.xlsx: シート「産業振興課」、縦型: 実績値 1 件（追加 0、変更なし 1、置換 0）、空欄 0 件（実績値なし）",
                "",
                "追加       jobs FY2015  3           [/w/R1.xlsx: 保育課!G4]",
            ]
        );
    }

    #[test]
    fn an_import_without_a_figure_says_there_is_nothing_to_import() {
        let plan = jobs();
        let files = [InputFile {
            path: Path::new("t.xlsx"),
            sheet: Some("産業振興課"),
            encoding: String::new(),
            shape: Shape::Long,
            figures: 0,
            empty: 3,
        }];
        let summary = Summary {
            plan: &plan,
            rows: &[],
            files: &files,
            written: &[],
            cwd: None,
            dry_run: false,
            show_rows: false,
            show_fields: false,
            lang: Lang::En,
            width: None,
            ascii: false,
        };
        assert_eq!(
            summary.render(),
            "t.xlsx: sheet 産業振興課, long: 0 figures (0 added, 0 unchanged, 0 replaced), 3 empty (no figure)\n\
             \n\
             nothing to import: no cell holds a figure (3 empty); fill in the values and import again\n"
        );
    }
}
