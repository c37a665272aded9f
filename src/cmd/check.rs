//! `kpi check`: for CI: flag the KPIs whose status is in `--fail-on`; exit 1
//! if there are any, 0 if none, 2 on any invalid input (cli.md).

pub use crate::args::check::{CheckArgs, CheckFormat, DEFAULT_FAIL_ON};

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::progress::{verdict, Query, StatusFilter};
use crate::render::check::{self as report, CheckReport};
use crate::render::doc::CheckDoc;
use crate::render::many::{style_for, Many, Output, Render};
use crate::render::{fit, Style};
use crate::scope::{Reads, Scope};
use crate::select;
use crate::settings::Settings;

/// `kpi check`'s arguments, checked.
#[derive(Debug)]
pub struct CheckSettings {
    pub query: Query,
    /// The statuses that fail the check.
    pub fail_on: StatusFilter,
    /// The `--fail-on` names as given, each once, for the report.
    pub fail_on_names: Vec<String>,
    pub format: CheckFormat,
    pub quiet: bool,
}

impl CheckArgs {
    pub fn settings(&self) -> Result<CheckSettings> {
        let fail_on = select::status_filter("--fail-on", &self.fail_on)?;
        if fail_on.is_empty() {
            return Err(Error::Usage(format!(
                "--fail-on: no status given; name at least one, e.g. --fail-on {DEFAULT_FAIL_ON}"
            )));
        }
        Ok(CheckSettings {
            query: self.scope.query()?,
            fail_on,
            fail_on_names: fail_on_names(&self.fail_on),
            format: self.format,
            quiet: self.quiet,
        })
    }
}

/// A plan alone, one member or several: each covered member's flags, exit
/// 1 if any member has one. Across several members: text a section per
/// member, then one line for them all; GitHub annotations on each member's
/// own `kpi.toml`; JUnit a test suite per member; JSON the workspace's
/// document around each member's check document.
pub fn run(global: &Settings, settings: &CheckSettings, out: &mut dyn Write) -> Result<i32> {
    // A half-written ledger must not pass: a pending journal is an error.
    let scope = Scope::open(global, Reads::LedgerStrict)?;
    if !settings.quiet {
        super::print_warnings(scope.warnings());
    }
    let (cwd, workspace) = annotation_base()?;
    let docs = scope.each_covered(|m| {
        let eval = super::evaluate(&m.plan, &m.ledger, &settings.query)?;
        Ok(CheckDoc {
            plan: &m.plan,
            flags: verdict::flags(&eval, &settings.fail_on),
            eval,
            fail_on: &settings.fail_on_names,
            file: crate::display_path::display_path(&m.plan.path, &cwd, workspace.as_deref()),
        })
    })?;
    let code = i32::from(docs.iter().any(|d| !d.flags.is_empty()));
    if settings.quiet {
        return Ok(code);
    }
    let base = super::style_years(global, Default::default());
    let written = match crate::output::of(&scope, docs) {
        Output::One(doc) => one(&doc, settings.format, &style_for(doc.plan, &base), out),
        Output::Many(many) => several(&many, settings.format, code, &base, out),
    };
    super::finish(scope);
    verdict_stands(written, code)
}

/// One member's check, as the plan alone prints it.
fn one(
    doc: &CheckDoc,
    format: CheckFormat,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let report = doc.report();
    match format {
        CheckFormat::Text => out.write_all(doc.text(style).as_bytes()),
        // Streamed, as the status document is: a national plan flags tens
        // of thousands of KPIs.
        CheckFormat::Json => doc.write_json(out),
        CheckFormat::Github => out.write_all(report::github::render(&report, style).as_bytes()),
        CheckFormat::Junit => out.write_all(report::junit::render(&report, style).as_bytes()),
    }
}

/// Several members' checks.
fn several(
    many: &Many<CheckDoc>,
    format: CheckFormat,
    code: i32,
    base: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let reports: Vec<CheckReport> = many.parts.iter().map(|p| p.doc.report()).collect();
    let styles: Vec<Style> = many
        .parts
        .iter()
        .map(|p| style_for(p.doc.plan, base))
        .collect();
    match format {
        CheckFormat::Text => {
            let summary = report::text::summary_many(many.name, &reports, base);
            let line = fit::line(&summary, base.width, base.ascii, 2) + "\n";
            out.write_all(many.sections(base, String::new(), Some(&line)).as_bytes())
        }
        CheckFormat::Json => {
            let verdict = Verdict {
                passed: code == 0,
                exit_code: code,
            };
            many.write_json(&verdict, out)
        }
        CheckFormat::Github => {
            let text: String = reports
                .iter()
                .zip(&styles)
                .map(|(report, style)| report::github::render(report, style))
                .collect();
            out.write_all(text.as_bytes())
        }
        CheckFormat::Junit => {
            let named: Vec<(&str, CheckReport)> =
                many.parts.iter().map(|p| p.name).zip(reports).collect();
            out.write_all(report::junit::render_many(&named, &styles).as_bytes())
        }
    }
}

/// The verdict across the members, in the workspace's JSON document.
#[derive(serde::Serialize)]
struct Verdict {
    passed: bool,
    exit_code: i32,
}

/// The current folder and `$GITHUB_WORKSPACE`, which annotations' paths
/// are relative to (`display_path`).
fn annotation_base() -> Result<(PathBuf, Option<PathBuf>)> {
    let env = crate::settings::env();
    let cwd = env.cwd()?;
    let workspace = env.path("GITHUB_WORKSPACE");
    Ok((cwd, workspace))
}

/// The verdict stands even when the reader has gone (`kpi check | head`).
fn verdict_stands(written: std::io::Result<()>, code: i32) -> Result<i32> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(code),
    }
}

/// The `--fail-on` names as given, trimmed, each once.
fn fail_on_names(given: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for n in given.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !names.iter().any(|m| m == n) {
            names.push(n.to_string());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_names_keep_their_order_once_each() {
        let given: Vec<String> = ["missed", " stale", "missed", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(fail_on_names(&given), ["missed", "stale"]);
    }
}
