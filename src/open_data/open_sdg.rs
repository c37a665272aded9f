//! `kpi export open-sdg`: per KPI, the data and metadata files Open SDG's
//! site builder (`sdg-build`) reads (breakdowns.md, "Open data"): a
//! standalone indicator `kpi-ID` with `data/indicator_kpi-ID.csv` and
//! `meta/kpi-ID.md`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{dimensions_of, yaml, Figures};
use crate::lang::Lang;
use crate::plan::{Kpi, Plan};
use crate::problem::{Location, Problem, Problems};
use crate::render::i18n::Text;

/// A file to write, by its path under the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: PathBuf,
    pub text: String,
}

/// The data columns besides the KPI's dimensions.
const YEAR: &str = "Year";
const UNITS: &str = "Units";
const STATUS: &str = "Observation status";
const VALUE: &str = "Value";

/// The indicator id of KPI `id`: `kpi-` and the id with `.` and `_` as
/// `-` (sdg-build's default input patterns need a hyphen).
pub fn indicator_id(id: &str) -> String {
    format!("kpi-{}", id.replace(['.', '_'], "-"))
}

/// Every KPI's two files, data then metadata, in plan order; or why the
/// plan cannot be written so: two KPIs whose ids give one indicator id, or
/// a KPI whose data would have two columns of one name.
pub fn render(figures: &Figures, lang: Lang) -> Result<Vec<File>, Problems> {
    let plan = figures.plan;
    let problems = check(plan);
    if problems.has_errors() {
        return Err(problems);
    }
    let mut files = Vec::with_capacity(plan.kpis.len() * 2);
    for (k, kpi) in plan.kpis.iter().enumerate() {
        let id = indicator_id(&kpi.id);
        files.push(File {
            path: PathBuf::from("data").join(format!("indicator_{id}.csv")),
            text: data(figures, k).map_err(|e| csv_problem(plan, e))?,
        });
        files.push(File {
            path: PathBuf::from("meta").join(format!("{id}.md")),
            text: meta(plan, kpi, lang),
        });
    }
    Ok(files)
}

/// KPI `k`'s data: `Year`, a column per dimension of the KPI headed by its
/// name (a blank cell is the total over it), `Units`, `Observation status`
/// and `Value`, a row per figure.
fn data(figures: &Figures, k: usize) -> Result<String, csv::Error> {
    let plan = figures.plan;
    let kpi = &plan.kpis[k];
    let dimensions = dimensions_of(plan, kpi);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec![YEAR];
    header.extend(dimensions.iter().map(|(_, d)| d.name.as_str()));
    header.extend([UNITS, STATUS, VALUE]);
    w.write_record(&header)?;
    let unit = kpi.unit.as_deref().unwrap_or_default();
    for figure in figures.of(k) {
        let year = figure.year.0.to_string();
        let value = figure.actual.value.to_string();
        let mut row: Vec<&str> = Vec::with_capacity(header.len());
        row.push(&year);
        for (at, (_, d)) in dimensions.iter().enumerate() {
            let category = figure.key.and_then(|key| key.0.get(at).copied().flatten());
            row.push(
                category
                    .and_then(|c| d.categories.get(usize::from(c)))
                    .map_or("", String::as_str),
            );
        }
        row.push(unit);
        row.push(if figure.actual.preliminary {
            "Preliminary"
        } else {
            ""
        });
        row.push(&value);
        w.write_record(&row)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// The KPI's metadata: YAML front matter, then its note as the page text.
fn meta(plan: &Plan, kpi: &Kpi, lang: Lang) -> String {
    let text = |s: Option<&str>| yaml::quoted(s.unwrap_or_default());
    // The target in force once every revision has taken force.
    let target = kpi.revisions.last().map_or(kpi.target, |r| r.target);
    let year = match lang {
        Lang::Ja => target.year.label_ja(plan.year_style),
        Lang::En => target.year.label(plan.year_style),
    };
    let label = match lang {
        Lang::Ja => format!("{}（{year}）", lang.text(Text::Target)),
        Lang::En => format!("{} ({year})", lang.text(Text::Target)),
    };
    let mut out = String::from("---\n");
    out.push_str("standalone: true\n");
    out.push_str(&format!("indicator_number: {}\n", yaml::quoted(&kpi.id)));
    out.push_str(&format!("indicator_name: {}\n", yaml::quoted(&kpi.name)));
    out.push_str(&format!("graph_title: {}\n", yaml::quoted(&kpi.name)));
    out.push_str("graph_type: line\n");
    out.push_str("reporting_status: complete\n");
    out.push_str(&format!(
        "source_organisation_1: {}\n",
        text(kpi.source.as_deref())
    ));
    out.push_str(&format!(
        "national_geographical_coverage: {}\n",
        text(plan.organization.as_deref())
    ));
    out.push_str("data_non_statistical: false\n");
    out.push_str(&format!(
        "computation_units: {}\n",
        text(kpi.unit.as_deref())
    ));
    out.push_str("graph_target_lines:\n");
    out.push_str(&format!("  - value: {}\n", target.value));
    out.push_str(&format!("    label_content: {}\n", yaml::quoted(&label)));
    out.push_str("---\n");
    if let Some(note) = kpi.note.as_deref() {
        out.push_str(note);
        if !note.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Two KPIs whose ids give one indicator id would write one file twice;
/// a KPI whose dimensions' names repeat, or are `Year`, `Units`,
/// `Observation status` or `Value`, would write two columns of one name.
fn check(plan: &Plan) -> Problems {
    let mut problems = Problems::default();
    let mut seen: BTreeMap<String, &Kpi> = BTreeMap::new();
    for kpi in &plan.kpis {
        let id = indicator_id(&kpi.id);
        if let Some(first) = seen.get(&id) {
            problems.push(refused(
                plan,
                kpi,
                format!(
                    "KPI {} and KPI {} (line {}) would both be the Open SDG indicator {id}",
                    kpi.id, first.id, first.line
                ),
                "Open SDG's ids turn `.` and `_` into `-`: rename one of the KPIs",
            ));
        } else {
            seen.insert(id, kpi);
        }
        let mut headers = vec![YEAR, UNITS, STATUS, VALUE];
        for (_, d) in dimensions_of(plan, kpi) {
            if headers.contains(&d.name.as_str()) {
                problems.push(refused(
                    plan,
                    kpi,
                    format!(
                        "KPI {}: its Open SDG data would have two columns named \"{}\" (the dimension {})",
                        kpi.id, d.name, d.id
                    ),
                    "give the dimension a name of its own (`name` in its [[dimension]])",
                ));
            }
            headers.push(&d.name);
        }
    }
    problems
}

/// An error at the KPI's line: nothing is written.
fn refused(plan: &Plan, kpi: &Kpi, message: String, hint: &str) -> Problem {
    Problem::error(
        Location::line(&plan.path, kpi.line),
        format!("{message}; nothing was written"),
    )
    .hint(hint)
}

/// The CSV writer only fails writing to memory on what cannot happen.
fn csv_problem(plan: &Plan, e: csv::Error) -> Problems {
    Problems(vec![Problem::error(
        Location::file(&plan.path),
        format!("cannot write the Open SDG data: {e}"),
    )])
}
