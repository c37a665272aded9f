//! `kpi workspace adopt DIR` (workspace.md, "Commands across a workspace"):
//! bring an existing plan folder in as a member (`crate::adopt`), and say
//! what was done.

pub use crate::args::workspace::{AdoptArgs, WorkspaceArgs, WorkspaceCommand};

use std::io::Write;

use crate::error::Result;
use crate::settings::Settings;

pub fn run(global: &Settings, args: &WorkspaceArgs, out: &mut dyn Write) -> Result<i32> {
    let WorkspaceCommand::Adopt(adopt) = &args.command;
    let done = crate::adopt::adopt(global.workspace.as_deref(), &adopt.dir)?;
    let verb = if done.already {
        "is already"
    } else {
        "adopted as"
    };
    writeln!(
        out,
        "{} {verb} member {} of {}",
        done.dir.display(),
        done.name,
        done.ws_file.display()
    )?;
    let written: Vec<String> = done
        .written
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    writeln!(
        out,
        "figures: {} merged into the workspace's ledger: {} added, {} already there, {}{}",
        done.figures,
        done.added,
        done.unchanged,
        crate::lang::count(
            done.replaced,
            "preliminary figure made final",
            "preliminary figures made final"
        ),
        if written.is_empty() {
            String::new()
        } else {
            format!(" (wrote {})", written.join(", "))
        }
    )?;
    if let Some(actuals) = &done.actuals_removed {
        writeln!(
            out,
            "removed actuals from {}; its own ledger ({}) is no longer read: remove it once you are satisfied",
            done.plan_path.display(),
            actuals
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    if done.added_to_members {
        writeln!(
            out,
            "added \"{}\" to members in {}",
            done.member,
            done.ws_file.display()
        )?;
    } else {
        writeln!(
            out,
            "the workspace's members already list \"{}\"",
            done.member
        )?;
    }
    Ok(0)
}
