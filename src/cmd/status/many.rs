//! `kpi status` across several members of a workspace: the table of
//! members × statuses, then each member's section as a plan alone prints
//! it; JSON, CSV, Markdown and workbooks say the same per member.

use super::{StatusFormat, StatusSettings};
use crate::cmd::output::Sink;
use crate::error::{Error, Result};
use crate::render::{self, workspace as ws};
use crate::scope::Scope;
use crate::settings::Settings;
use crate::workspace::LoadedWorkspace;

pub fn run(
    global: &Settings,
    settings: &StatusSettings,
    scope: &Scope,
    loaded: &LoadedWorkspace,
    sink: Sink,
) -> Result<i32> {
    crate::cmd::print_warnings(scope.warnings());
    let query = &settings.query;
    let evals = scope.each_covered(|m| crate::cmd::evaluate(&m.plan, &m.ledger, query))?;
    let members: Vec<_> = scope.covered_members().collect();
    let bytes: Vec<u8> = match settings.format {
        StatusFormat::Table => {
            let mut style = crate::cmd::style_years(global, Default::default());
            if sink.is_file() {
                style.width = None;
            }
            let lines: Vec<ws::MemberLine> = members
                .iter()
                .zip(&evals)
                .map(|(m, eval)| ws::MemberLine {
                    name: &m.name,
                    plan: &m.plan,
                    eval,
                })
                .collect();
            let mut text = ws::summary(&loaded.workspace.file.name, &lines, &style);
            for (m, eval) in members.iter().zip(&evals) {
                let style = render::Style {
                    year_style: m.plan.year_style,
                    ..style
                };
                text.push('\n');
                text.push_str(&ws::member_heading(&m.name, &style));
                text.push_str(&if eval.kpis.is_empty() {
                    render::table::no_match(&settings.filters, eval, &style)
                } else {
                    render::table::table(&m.plan, eval, settings.compact, &style)
                });
            }
            text.into_bytes()
        }
        StatusFormat::Json => {
            let root = loaded.workspace.root();
            let heads: Vec<ws::MemberHead> = members
                .iter()
                .map(|m| ws::MemberHead {
                    name: &m.name,
                    plan: &m.plan,
                    path: relative(&m.plan.path, root),
                })
                .collect();
            let mut bytes = Vec::new();
            ws::write_json(
                &loaded.workspace.file.name,
                &heads,
                |i, buf| render::json::write(&members[i].plan, &evals[i], buf),
                &mut bytes,
            )?;
            bytes
        }
        StatusFormat::Csv => {
            let judged = render::judged::any(&evals);
            let parts = members.iter().zip(&evals).map(|(m, eval)| {
                let rows = render::csv::rows_judged(&m.plan, eval, judged);
                (m.name.as_str(), rows)
            });
            let bytes = ws::csv_with_plan(&render::csv::header_judged(judged), parts)
                .map_err(|e| Error::Io(std::io::Error::other(e)))?;
            let text = String::from_utf8(bytes).map_err(std::io::Error::other)?;
            crate::cmd::output::encoded(&text, settings.encoding)?
        }
        StatusFormat::Markdown => {
            let style = crate::cmd::style_years(global, Default::default());
            let mut text = String::new();
            for (n, (m, eval)) in members.iter().zip(&evals).enumerate() {
                if n > 0 {
                    text.push('\n');
                }
                let style = render::Style {
                    year_style: m.plan.year_style,
                    ..style
                };
                text.push_str(&render::markdown::render(&m.plan, eval, &style));
            }
            text.into_bytes()
        }
        StatusFormat::Xlsx => {
            let lang = global.lang;
            let mut taken: Vec<String> = Vec::new();
            let sheets: Vec<_> = members
                .iter()
                .zip(&evals)
                .map(|(m, eval)| {
                    let mut sheet = render::xlsx::status::sheet(&m.plan, eval, lang);
                    sheet.name = crate::workbook::write::sheet_name(&m.name, &taken);
                    taken.push(sheet.name.clone());
                    sheet
                })
                .collect();
            crate::workbook::write::tables(&sheets).map_err(crate::cmd::output::xlsx_error)?
        }
    };
    sink.write_whole(&bytes)?;
    crate::cmd::finish(evals);
    Ok(0)
}

/// `path` relative to the workspace's root, with `/` (for JSON readers).
fn relative(path: &std::path::Path, root: &std::path::Path) -> String {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = full.strip_prefix(&root).unwrap_or(&full);
    shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
