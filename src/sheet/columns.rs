//! The columns of a KPI sheet: the headings `kpi init --from` recognises, in
//! Japanese or English and in the variants offices write, and the ones
//! `kpi export` writes. One table serves both, so the two always agree.

use std::path::Path;

use crate::csv_cells::{
    bracketed, duplicate_columns, find_row, heading_key, unread_column, Column, Row,
};
use crate::lang::Lang;
use crate::problem::{Location, Problem, Problems};
use crate::year::FiscalYear;

/// What a column of the sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Id,
    Goal,
    GoalName,
    Measure,
    MeasureName,
    Name,
    Unit,
    Baseline,
    BaselineYear,
    Target,
    TargetYear,
    /// An interim target (目安値); its year is in the heading's brackets.
    Milestone,
    Direction,
    Cumulative,
    /// When figures come (evaluation-cycle.md §1): `frequency`,
    /// `due_years`, `lag`.
    Frequency,
    DueYears,
    Lag,
    Owner,
    Source,
    Note,
}

/// Every role with the headings read for it (Japanese, then English). The
/// first of each language is what export writes.
const NAMES: &[(Role, &[&str], &[&str])] = &[
    (Role::Id, &["指標ID", "指標コード"], &["id", "KPI ID"]),
    (
        Role::Goal,
        &["基本目標", "基本目標番号"],
        &["goal", "goal no"],
    ),
    (
        Role::GoalName,
        &["基本目標名", "基本目標の名称"],
        &["goal name"],
    ),
    (
        Role::Measure,
        &["施策", "具体的な施策", "施策番号"],
        &["measure", "measure no"],
    ),
    (
        Role::MeasureName,
        &["施策名", "具体的な施策名", "施策の名称"],
        &["measure name"],
    ),
    (
        Role::Name,
        &["指標名", "指標", "KPI名", "重要業績評価指標"],
        &["name", "KPI", "KPI name", "indicator"],
    ),
    (Role::Unit, &["単位"], &["unit"]),
    (Role::Baseline, &["現状値", "基準値", "現状"], &["baseline"]),
    (
        Role::BaselineYear,
        &["基準年度", "現状値年度", "基準年", "現状年度"],
        &["baseline year"],
    ),
    (Role::Target, &["目標値", "目標"], &["target"]),
    (Role::TargetYear, &["目標年度", "目標年"], &["target year"]),
    (
        Role::Milestone,
        &["目安値", "期待値", "中間目標値"],
        &["milestone"],
    ),
    (Role::Direction, &["方向", "目標の方向"], &["direction"]),
    (Role::Cumulative, &["累計"], &["cumulative"]),
    (Role::Frequency, &["調査周期", "実績の周期"], &["frequency"]),
    (Role::DueYears, &["調査年度", "実績の年度"], &["due years"]),
    (Role::Lag, &["公表の遅れ", "公表ラグ"], &["lag"]),
    (
        Role::Owner,
        &["担当課", "所管課", "担当", "担当部署"],
        &["owner"],
    ),
    (Role::Source, &["出典", "データ出典", "出所"], &["source"]),
    (Role::Note, &["備考"], &["note", "notes"]),
];

impl Role {
    /// The heading export writes for this role.
    pub fn heading(self, lang: Lang) -> &'static str {
        let names = NAMES.iter().find(|(r, _, _)| *r == self);
        match (names, lang) {
            (Some((_, ja, _)), Lang::Ja) => ja[0],
            (Some((_, _, en)), Lang::En) => en[0],
            (None, _) => "",
        }
    }

    /// The heading of a milestone column: `目安値（H29）`, `milestone (H29)`.
    pub fn milestone_heading(lang: Lang, year: &str) -> String {
        match lang {
            Lang::Ja => format!("{}（{year}）", Role::Milestone.heading(lang)),
            Lang::En => format!("{} ({year})", Role::Milestone.heading(lang)),
        }
    }
}

/// A heading compared without width, case, spaces, `_` or `-`:
/// `KPI ID`, `kpi_id` and `ＫＰＩＩＤ` are one.
fn key(name: &str) -> String {
    heading_key(name)
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .collect()
}

fn exact_role(name: &str) -> Option<Role> {
    let name = key(name);
    NAMES
        .iter()
        .find(|(_, ja, en)| ja.iter().chain(en.iter()).any(|n| key(n) == name))
        .map(|(r, _, _)| *r)
}

/// What a heading names, and the year in its brackets if it has one:
/// `現状値（H26）` is the baseline, of H26 for every row; `実績値（人）`-style
/// brackets that hold no year are read past.
fn role(cell: &str) -> Option<(Role, Option<(FiscalYear, String)>)> {
    if let Some(role) = exact_role(cell) {
        return Some((role, None));
    }
    let narrow = heading_key(cell);
    let (before, inside) = bracketed(&narrow)?;
    let role = exact_role(before)?;
    let year = FiscalYear::parse(inside)
        .ok()
        .map(|y| (y, inside.to_string()));
    Some((role, year))
}

/// The header row of a sheet, read.
#[derive(Debug, Clone)]
pub struct Header {
    pub line: usize,
    /// How many cells the header has, trailing empty ones left out.
    pub width: usize,
    columns: Vec<(Role, Column)>,
    /// Milestone columns with their years, in sheet order.
    pub milestones: Vec<(Column, FiscalYear)>,
    /// The year in the baseline heading's brackets (`現状値（H26）`), as written.
    pub baseline_year: Option<(FiscalYear, String)>,
    pub target_year: Option<(FiscalYear, String)>,
    unknown: Vec<Column>,
    duplicates: Vec<(Column, Column)>,
    yearless: Vec<Column>,
}

impl Header {
    pub fn column(&self, role: Role) -> Option<&Column> {
        self.columns
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c)
    }

    /// The header's own problems: every one, with the header's line.
    pub fn problems(&self, path: &Path) -> Problems {
        let at = || Location::line(path, self.line);
        let mut problems = Problems::default();
        for (first, second) in &self.duplicates {
            problems.push(duplicate_columns(at(), first, second));
        }
        for c in &self.yearless {
            problems.push(
                Problem::error(
                    at(),
                    format!("column {} `{}` gives no year", c.index + 1, c.name),
                )
                .hint("name the milestone's year in brackets: 目安値（H29）, milestone (FY2017)"),
            );
        }
        if self.column(Role::Goal).is_none() && self.column(Role::Measure).is_none() {
            problems.push(
                Problem::error(at(), "the header has no goal or measure column").hint(
                    "add a column 基本目標 (goal) or 施策 (measure) saying where each KPI hangs",
                ),
            );
        }
        let years = [
            (
                Role::Baseline,
                Role::BaselineYear,
                &self.baseline_year,
                "現状値（H26）",
            ),
            (
                Role::Target,
                Role::TargetYear,
                &self.target_year,
                "目標値（H31）",
            ),
        ];
        for (value, year, bracket, example) in years {
            if self.column(year).is_none() && bracket.is_none() {
                let heading = self.column(value).map_or("", |c| c.name.as_str());
                problems.push(
                    Problem::error(
                        at(),
                        format!("column `{heading}` gives no year, and no column does"),
                    )
                    .hint(format!(
                        "add a column {} ({}), or name the year in the heading: {example}",
                        year.heading(Lang::Ja),
                        year.heading(Lang::En)
                    )),
                );
            }
        }
        let reads = format!("kpi init --from reads {}", known_headings());
        for c in &self.unknown {
            problems.push(unread_column(at(), c, &reads));
        }
        problems
    }
}

/// The headings read, for messages: `指標名 (name), …`.
pub fn known_headings() -> String {
    NAMES
        .iter()
        .map(|(_, ja, en)| format!("{} ({})", ja[0], en[0]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a header must name, for the message when none is found.
pub const HEADER_EXPECTED: &str = "a header row naming at least the columns 指標名 (name), \
     現状値 (baseline) and 目標値 (target), with 基本目標 (goal) or 施策 (measure)";

/// The header: the first row naming a KPI's name, baseline and target.
pub fn find_header(rows: &[Row]) -> Option<(usize, Header)> {
    find_row(rows, header)
}

fn header(row: &Row) -> Option<Header> {
    let mut h = Header {
        line: row.line,
        width: row
            .cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |i| i + 1),
        columns: Vec::new(),
        milestones: Vec::new(),
        baseline_year: None,
        target_year: None,
        unknown: Vec::new(),
        duplicates: Vec::new(),
        yearless: Vec::new(),
    };
    for (index, cell) in row.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let column = Column {
            index,
            name: cell.clone(),
        };
        let Some((role, year)) = role(cell) else {
            h.unknown.push(column);
            continue;
        };
        if role == Role::Milestone {
            match year {
                Some((y, _)) => match h.milestones.iter().find(|(_, seen)| *seen == y) {
                    Some((first, _)) => h.duplicates.push((first.clone(), column)),
                    None => h.milestones.push((column, y)),
                },
                None => h.yearless.push(column),
            }
            continue;
        }
        if let Some(first) = h.column(role) {
            h.duplicates.push((first.clone(), column));
            continue;
        }
        match role {
            Role::Baseline => h.baseline_year = year,
            Role::Target => h.target_year = year,
            _ => {}
        }
        h.columns.push((role, column));
    }
    let named = |r| h.column(r).is_some();
    (named(Role::Name) && named(Role::Baseline) && named(Role::Target)).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_cells::rows;

    fn first_header(text: &str) -> Option<Header> {
        let (rows, bad) = rows(text);
        assert!(bad.is_empty(), "{bad:?}");
        find_header(&rows).map(|(_, h)| h)
    }

    #[test]
    fn japanese_headings_with_years_in_brackets_below_a_title() {
        let h = first_header(
            "朝霞市 KPI一覧\n\n基本目標,施策,指標,単位,現状値（H26）,目標値(平成31年度),担当課,出典\n",
        )
        .unwrap();
        assert_eq!(h.line, 3);
        assert_eq!(h.column(Role::Name).unwrap().index, 2);
        assert_eq!(h.baseline_year.as_ref().unwrap().0, FiscalYear(2014));
        assert_eq!(h.target_year.as_ref().unwrap().0, FiscalYear(2019));
        assert!(h.problems(Path::new("s.csv")).is_empty());
    }

    #[test]
    fn english_headings_in_any_case_and_spacing() {
        let h = first_header("KPI_ID,Goal,Measure Name,KPI,Baseline,Baseline Year,TARGET,target year,Milestone (FY2017)\n").unwrap();
        assert_eq!(h.column(Role::Id).unwrap().index, 0);
        assert_eq!(h.column(Role::MeasureName).unwrap().index, 2);
        assert_eq!(h.column(Role::Name).unwrap().index, 3);
        assert_eq!(h.milestones[0].1, FiscalYear(2017));
        assert!(h.problems(Path::new("s.csv")).is_empty());
    }

    #[test]
    fn every_heading_export_writes_is_read_back() {
        for (role, _, _) in NAMES {
            for lang in [Lang::Ja, Lang::En] {
                assert_eq!(exact_role(role.heading(lang)), Some(*role));
            }
        }
        let m = Role::milestone_heading(Lang::Ja, "H29");
        assert_eq!(role(&m).unwrap().1.unwrap().0, FiscalYear(2017));
    }

    #[test]
    fn header_problems_are_all_reported() {
        let h = first_header("指標名,現状値,目標値,目標値,目安値,謎\n").unwrap();
        let p = h.problems(Path::new("s.csv"));
        let text: Vec<String> = p.0.iter().map(|p| p.to_string()).collect();
        let all = text.join("\n");
        assert!(all.contains("columns 3 `目標値` and 4 `目標値`"), "{all}");
        assert!(all.contains("column 5 `目安値` gives no year"), "{all}");
        assert!(all.contains("no goal or measure column"), "{all}");
        assert!(all.contains("column `現状値` gives no year"), "{all}");
        assert!(
            all.contains("warning: s.csv:1: column 6 `謎` is not read"),
            "{all}"
        );
        assert_eq!(p.errors().count(), 5, "{all}");
    }

    #[test]
    fn no_header_without_name_baseline_and_target() {
        assert!(first_header("指標名,現状値\nx,1\n").is_none());
        assert!(first_header("title only\n").is_none());
    }
}
