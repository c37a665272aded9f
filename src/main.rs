//! The `kpi` binary: parse the command line, run the command, map the
//! outcome to an exit code (0 done, 1 `check` found failing KPIs, 2 error).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kpi::cli::Cli;
use kpi::cmd;
use kpi::error::Error;
use kpi::problem::escape_controls;

fn main() -> ExitCode {
    one_malloc_arena();
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = cmd::run(&cli, &mut out).and_then(|code| match out.flush() {
        // A reader that stops early does not change `check`'s verdict.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::from(e)),
        _ => Ok(code),
    });
    if result.is_err() {
        // On an error stdout carries nothing: what a command had written
        // and not yet sent is dropped, not flushed.
        let _ = out.into_parts();
    } else {
        drop(out);
    }
    match result {
        Ok(code) => ExitCode::from(code as u8),
        // A reader that stops early (`kpi status | head`) is not an error.
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn report(e: &Error) {
    match e {
        Error::Invalid(problems) => {
            for p in &problems.0 {
                eprintln!("{p}");
            }
            let n = problems.errors().count();
            if n > 1 {
                eprintln!("error: {n} problems found; nothing was done");
            }
        }
        // What the user typed may hold control characters: never raw.
        Error::Usage(msg) => eprintln!("error: {}", escape_controls(msg)),
        Error::Io(err) => eprintln!("error: {}", escape_controls(&err.to_string())),
    }
}

/// glibc gives each thread that allocates its own malloc arena, and keeps
/// what a thread freed in its arena: the readers' and the JSON writers'
/// threads raised a national plan's peak memory by a tenth. One arena for
/// the process (the threads allocate little at once, so they seldom wait
/// for it), and blocks of 1 MiB or more always mapped apart, so that the
/// plan's text and the readers' buffers go back to the system when freed
/// (glibc's own threshold rises past them once one is freed). Together a
/// sixth off a national plan's peak (BENCHMARKS.md, "Round three").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: `mallopt` only sets tunables; it is called before any
    // thread is started.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Other C libraries (musl, Windows) have no per-thread arenas to limit.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}
