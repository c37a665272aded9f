//! `kpi init --from SHEET`: a plan built from an office's KPI sheet. The
//! sheet is read as `kpi import` reads what offices send (encodings, number
//! forms, a header below title lines), turned into goals, measures and
//! KPIs, written as a commented `kpi.toml`, and checked by the plan's own
//! validation before anything is written: every problem is reported at the
//! sheet's row.

use std::path::Path;

use crate::ledger::import::decode::{self, Encoding};
use crate::plan;
use crate::problem::{Location, Problem, Problems};
use crate::sheet::build::{self, Draft};
use crate::sheet::columns::{Header, Role};
use crate::sheet::plan_text::{self, PlanText};
use crate::sheet::read;

/// A plan built from a sheet, ready to write.
#[derive(Debug)]
pub struct Built {
    pub text: String,
    pub encoding: Encoding,
    pub goals: usize,
    pub measures: usize,
    pub kpis: usize,
    /// KPIs given an id by kpi init (`kpi-3`).
    pub generated: usize,
    pub warnings: Problems,
}

/// Build the plan text from a sheet's bytes; `plan_path` is where the plan
/// will be written. On any error, every problem found (errors first).
pub fn build(
    sheet_path: &Path,
    bytes: &[u8],
    encoding: Option<Encoding>,
    plan_path: &Path,
) -> Result<Built, Problems> {
    let (text, encoding) =
        decode::decode(bytes, encoding).map_err(|e| Problems(vec![e.problem(sheet_path)]))?;
    let (sheet, mut problems) = read::read(sheet_path, &text);
    let Some(sheet) = sheet else {
        return Err(errors_first(problems));
    };
    let (draft, found) = build::build(sheet_path, &sheet);
    problems.extend(found);
    if draft.kpis.is_empty() && !problems.has_errors() {
        problems.push(
            Problem::error(Location::file(sheet_path), "the sheet lists no KPI")
                .hint("each KPI is a row with its name, baseline and target below the header"),
        );
    }
    let name = sheet_path.file_name().map_or_else(
        || sheet_path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let stem = sheet_path
        .file_stem()
        .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
    let plan_text = plan_text::render(&draft, &format!("{name} ({encoding})"), &stem);
    // The plan's own checks are the last word; what they find is the
    // sheet's. They run on the rows read well even when others were not, so
    // that one run reports every problem.
    let found = match plan::load_str(plan_path, &plan_text.text) {
        Ok((_, warnings)) => warnings,
        Err(errors) => errors,
    };
    problems.extend(on_sheet(found, &plan_text, &sheet.header, sheet_path));
    if problems.has_errors() {
        return Err(errors_first(problems));
    }
    Ok(summary(&draft, plan_text.text, encoding, problems))
}

fn summary(draft: &Draft, text: String, encoding: Encoding, warnings: Problems) -> Built {
    Built {
        text,
        encoding,
        goals: draft.goals.len(),
        measures: draft.measures.len(),
        kpis: draft.kpis.len(),
        generated: draft.kpis.iter().filter(|k| k.generated).count(),
        warnings,
    }
}

/// Errors in sheet order, then warnings: the first line says what failed.
fn errors_first(problems: Problems) -> Problems {
    let (errors, warnings): (Vec<Problem>, Vec<Problem>) =
        problems.0.into_iter().partition(Problem::is_error);
    let mut all = Problems(errors).sorted();
    all.extend(Problems(warnings).sorted());
    all
}

/// Problems the plan's checks found in the built text, moved to the sheet
/// rows (and column) the offending line came from.
fn on_sheet(found: Problems, text: &PlanText, header: &Header, sheet: &Path) -> Problems {
    let moved = found.0.into_iter().map(|p| {
        let origin = p
            .location
            .line
            .and_then(|l| text.origin(l))
            .filter(|o| !o.lines.is_empty());
        let Some(origin) = origin else {
            return Problem {
                location: Location::file(sheet),
                message: format!("the plan made from the sheet: {}", p.message),
                ..p
            };
        };
        let said = match &origin.kpi {
            Some((id, known_as)) => as_the_sheet_says(&p.message, id, known_as),
            None => p.message,
        };
        let mut message = match origin.role.and_then(|r| heading(header, r)) {
            Some(column) => format!("column `{column}`: {said}"),
            None => said,
        };
        if let [_, more @ ..] = origin.lines.as_slice() {
            if !more.is_empty() {
                let lines: Vec<String> = more.iter().map(usize::to_string).collect();
                message.push_str(&format!(" (also listed on line {})", lines.join(", ")));
            }
        }
        Problem {
            location: Location::line(sheet, origin.lines[0]),
            message,
            ..p
        }
    });
    Problems(moved.collect())
}

/// A plan message naming `KPI {id}` names the KPI as the sheet does: by
/// its name (and its id, when the sheet gives one rather than kpi init).
fn as_the_sheet_says(message: &str, id: &str, known_as: &str) -> String {
    let whole = format!("KPI {id}");
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(&whole) {
        let after = &rest[at + whole.len()..];
        let ends = !after.starts_with(|c: char| c.is_ascii_alphanumeric() || "._-".contains(c));
        out.push_str(&rest[..at]);
        if ends {
            out.push_str("KPI ");
            out.push_str(known_as);
        } else {
            out.push_str(&whole);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The sheet's heading for what a plan line holds: a year given in the
/// value's heading (`現状値（H26）`) is that column's.
fn heading(header: &Header, role: Role) -> Option<String> {
    let column = match role {
        Role::Milestone => header.milestones.first().map(|(c, _)| c),
        Role::BaselineYear => header
            .column(role)
            .or_else(|| header.column(Role::Baseline)),
        Role::TargetYear => header.column(role).or_else(|| header.column(Role::Target)),
        _ => header.column(role),
    };
    column.map(|c| c.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(sheet: &str) -> Result<Built, Vec<String>> {
        build(
            Path::new("s.csv"),
            sheet.as_bytes(),
            None,
            Path::new("kpi.toml"),
        )
        .map_err(|p| p.0.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn a_small_sheet_becomes_a_plan_that_validates() {
        let b = built(
            "テスト計画\n基本目標,施策,指標名,単位,現状値（H26）,目標値（H31）\n\
             1 産業,,就業率,%,40.7,50.0\n1,1.1.1 育成,件数,件,\"2,788\",２９４３\n",
        )
        .unwrap();
        assert_eq!((b.goals, b.measures, b.kpis, b.generated), (1, 2, 2, 2));
        let (plan, _) = plan::load_str(Path::new("kpi.toml"), &b.text).unwrap();
        assert_eq!(plan.title, "テスト計画");
        assert_eq!(plan.measures[0].id, "1.1");
        assert_eq!(plan.measures[0].name, "1.1");
        assert_eq!(plan.kpis[0].id, "kpi-1");
        assert_eq!(plan.kpis[0].target.value.to_string(), "50.0");
        assert_eq!(plan.kpis[1].baseline.value.to_string(), "2788");
        assert!(b.text.contains("target = { value = 50.0 }"), "{}", b.text);
    }

    #[test]
    fn what_the_plan_refuses_is_reported_at_the_sheet_row() {
        // Target year H26 is not after baseline year H31: the plan's check,
        // reported at sheet line 3, column 目標年度. Era years print as the
        // plan prints them: FY2019 is R1 (Reiwa from 2019 on).
        let e = built(
            "基本目標,指標ID,指標名,現状値,基準年度,目標値,目標年度\n\
             1,ok,a,1,H26,2,H31\n1,bad,b,1,H31,2,H26\n",
        )
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("error: s.csv:3: column `目標年度`: the target year of KPI `b` (bad) (H26) is not after its baseline year (R1)"), "{e:?}");
    }

    #[test]
    fn plan_messages_name_the_kpi_as_the_sheet_does() {
        // `KPI a.b` is another id: `.` belongs to ids.
        let m = "direction of KPI a is x; KPI ab, KPI a.b and KPI a (H26)";
        assert_eq!(
            as_the_sheet_says(m, "a", "`率` (a)"),
            "direction of KPI `率` (a) is x; KPI ab, KPI a.b and KPI `率` (a) (H26)"
        );
    }
}
