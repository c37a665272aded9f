//! A published evaluation read back: the status JSON document of cli.md
//! with its `published` object. Only what a later evaluation compares is
//! taken; every part of it is checked, so that a damaged or hand-edited
//! file is an error naming the file and the place, never a wrong
//! "previous" column.

use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{KpiSnap, Snapshot};
use crate::problem::{Location, Problem};
use crate::status::Status;
use crate::year::FiscalYear;

/// The file at `path`, read and checked.
pub fn read(path: &Path) -> Result<Snapshot, Problem> {
    let bytes = std::fs::read(path).map_err(|e| {
        Problem::error(
            Location::file(path),
            format!("cannot read the published evaluation: {e}"),
        )
        .hint("check the file's permissions")
    })?;
    parse(path, &bytes)
}

/// A published evaluation's bytes; `path` names it in problems.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Snapshot, Problem> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        let at = match e.line() {
            0 => Location::file(path),
            line => Location {
                column: Some(e.column()),
                ..Location::line(path, line)
            },
        };
        Problem::error(
            at,
            format!("not a published evaluation: invalid JSON ({e})"),
        )
        .hint(HINT)
    })?;
    document(&value)
        .map_err(|what| {
            Problem::error(
                Location::file(path),
                format!("not a published evaluation: {what}"),
            )
            .hint(HINT)
        })
        .map(|mut snap| {
            snap.file = Some(path.to_path_buf());
            snap
        })
}

const HINT: &str = "a published evaluation is written by `kpi publish` and never edited; \
restore it from the office's copy, or publish that year again with `kpi publish --year YEAR --replace`";

/// The document's parts, or what is wrong with it (a JSON path and why).
fn document(v: &Value) -> Result<Snapshot, String> {
    match v.get("schema_version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(n) => return Err(format!("schema_version is {n}; this kpi reads 1")),
        None => return Err("no schema_version".to_string()),
    }
    let year = v
        .pointer("/plan/as_of/year")
        .and_then(Value::as_i64)
        .and_then(|y| i32::try_from(y).ok())
        .ok_or("plan.as_of.year is not a year")?;
    let published = v
        .get("published")
        .and_then(Value::as_object)
        .ok_or("no published object")?;
    let date = published
        .get("date")
        .and_then(Value::as_str)
        .filter(|d| crate::today::Date::parse(d).is_some())
        .ok_or("published.date is not a date (YYYY-MM-DD)")?;
    let kpis = v
        .get("kpis")
        .and_then(Value::as_array)
        .ok_or("kpis is not a list")?;
    let kpis = kpis
        .iter()
        .enumerate()
        .map(|(i, k)| kpi(k).map_err(|what| format!("kpis[{i}]: {what}")))
        .collect::<Result<Vec<_>, _>>()?;
    let goals = match v.get("goals") {
        None => Vec::new(),
        Some(g) => g
            .as_array()
            .ok_or("goals is not a list")?
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let text = |key| g.get(key).and_then(Value::as_str).map(str::to_string);
                text("id")
                    .zip(text("name"))
                    .ok_or_else(|| format!("goals[{i}]: no id or name"))
            })
            .collect::<Result<Vec<_>, _>>()?,
    };
    Ok(Snapshot {
        year: FiscalYear(year),
        file: None,
        date: Some(date.to_string()),
        kpis,
        goals,
    })
}

fn kpi(k: &Value) -> Result<KpiSnap, String> {
    let text = |key: &str| k.get(key).and_then(Value::as_str).map(str::to_string);
    let optional_text = |key: &str| match k.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{key} is not text")),
    };
    let id = text("id").ok_or("no id")?;
    let at = |what: String| format!("{id}: {what}");
    let status = text("status").ok_or_else(|| at("no status".to_string()))?;
    let status = Status::from_str(&status).map_err(at)?;
    Ok(KpiSnap {
        name: text("name").ok_or_else(|| at("no name".to_string()))?,
        unit: optional_text("unit").map_err(at)?,
        goal: optional_text("goal").map_err(at)?,
        status,
        grade: optional_text("grade").map_err(at)?,
        achievement: number_or_null(k.get("achievement"), "achievement").map_err(at)?,
        latest: point_or_null(k.get("latest"), "latest").map_err(at)?,
        target: point_or_null(k.get("target"), "target").map_err(at)?,
        id,
    })
}

/// A number (exact, as written) or `null`.
fn number_or_null(v: Option<&Value>, key: &str) -> Result<Option<Decimal>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => decimal(n)
            .map(Some)
            .ok_or_else(|| format!("{key} is not a number kpi can read")),
        Some(_) => Err(format!("{key} is not a number")),
    }
}

/// `{ "year": …, "value": … }` or `null`.
fn point_or_null(v: Option<&Value>, key: &str) -> Result<Option<(FiscalYear, Decimal)>, String> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let year = v
        .get("year")
        .and_then(Value::as_i64)
        .and_then(|y| i32::try_from(y).ok())
        .ok_or_else(|| format!("{key}.year is not a year"))?;
    let value = number_or_null(v.get("value"), &format!("{key}.value"))?
        .ok_or_else(|| format!("{key}.value is missing"))?;
    Ok(Some((FiscalYear(year), value)))
}

/// The number's text as an exact decimal (`1e3` too).
fn decimal(n: &serde_json::Number) -> Option<Decimal> {
    let text = n.to_string();
    Decimal::from_str(&text)
        .ok()
        .or_else(|| Decimal::from_scientific(&text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kpis: &str) -> String {
        format!(
            r#"{{"schema_version": 1, "plan": {{"title": "t", "as_of": {{"year": 2018, "label": "H30"}}}},
            "published": {{"date": "2019-06-30", "kpi_version": "0.1.0"}}, "kpis": [{kpis}],
            "goals": [{{"id": "1", "name": "G"}}]}}"#
        )
    }

    const KPI: &str = r#"{"id": "a", "name": "A", "unit": "人", "goal": "1", "status": "at_risk",
        "grade": "B", "achievement": 0.6, "latest": {"year": 2018, "value": 66.0},
        "target": {"year": 2019, "value": 68}}"#;

    #[test]
    fn a_published_file_reads_as_written() {
        let snap = parse(Path::new("e/2018.json"), doc(KPI).as_bytes()).unwrap();
        assert_eq!(snap.year, FiscalYear(2018));
        assert_eq!(snap.date.as_deref(), Some("2019-06-30"));
        let k = &snap.kpis[0];
        assert_eq!(k.status, Status::AtRisk);
        assert_eq!(k.grade.as_deref(), Some("B"));
        assert_eq!(k.achievement, Some(Decimal::new(6, 1)));
        assert_eq!(k.latest, Some((FiscalYear(2018), Decimal::new(66, 0))));
        assert_eq!(k.target, Some((FiscalYear(2019), Decimal::new(68, 0))));
        assert_eq!(snap.goals, vec![("1".to_string(), "G".to_string())]);
    }

    #[test]
    fn a_damaged_file_is_an_error_saying_where() {
        let path = Path::new("e/2018.json");
        let bad = parse(path, b"{\"schema_version\": 1,\n  oops").unwrap_err();
        assert_eq!(bad.location.line, Some(2));
        assert!(bad.message.contains("invalid JSON"), "{bad:?}");
        let bad = parse(path, b"{}").unwrap_err();
        assert!(bad.message.contains("no schema_version"), "{bad:?}");
        let wrong = doc(&KPI.replace("at_risk", "so_so"));
        let bad = parse(path, wrong.as_bytes()).unwrap_err();
        assert!(
            bad.message.contains("kpis[0]: a: unknown status `so_so`"),
            "{bad:?}"
        );
        let wrong = doc(&KPI.replace("66.0", "\"66\""));
        let bad = parse(path, wrong.as_bytes()).unwrap_err();
        assert!(
            bad.message.contains("latest.value is not a number"),
            "{bad:?}"
        );
        let no_date = doc(KPI).replace("2019-06-30", "2019-02-30");
        assert!(parse(path, no_date.as_bytes()).is_err());
    }
}
