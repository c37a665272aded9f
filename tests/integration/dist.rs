//! The release archives (design/distribution.md; docs/install.md): `bash
//! dist/build` makes the Windows zip, the static Linux tarball and
//! SHA256SUMS, the same bytes twice; the zip's names are flagged UTF-8 and
//! its 使い方.txt is UTF-8 with a BOM and CRLF; the Linux binary is static
//! and runs in an empty folder with an empty environment.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const WINDOWS: &str = "x86_64-pc-windows-gnu";
const LINUX: &str = "x86_64-unknown-linux-musl";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `bash dist/build`, which must succeed; SHA256SUMS as it wrote it.
fn build() -> String {
    let out = Command::new("bash")
        .arg("dist/build")
        .current_dir(root())
        .output()
        .expect("run bash dist/build");
    assert!(
        out.status.success(),
        "dist/build failed ({}; it needs python3, mingw-w64 and the Rust targets: see .ci/run):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    fs::read_to_string(root().join("target/dist/SHA256SUMS")).expect("SHA256SUMS written")
}

fn archive(target: &str, ext: &str) -> PathBuf {
    let version = env!("CARGO_PKG_VERSION");
    root().join(format!("target/dist/kpi-{version}-{target}.{ext}"))
}

fn u16_at(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
}

/// Each entry of a zip's central directory: (name, general-purpose flags).
fn zip_entries(zip: &[u8]) -> Vec<(String, usize)> {
    let end = (0..zip.len() - 21)
        .rev()
        .find(|&i| zip[i..i + 4] == *b"PK\x05\x06")
        .expect("the end of the central directory");
    let (count, mut at) = (u16_at(zip, end + 10), u32_at(zip, end + 16));
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02", "a central directory entry");
        let flags = u16_at(zip, at + 8);
        let (name, extra, comment) = (
            u16_at(zip, at + 28),
            u16_at(zip, at + 30),
            u16_at(zip, at + 32),
        );
        let name_bytes = &zip[at + 46..at + 46 + name];
        out.push((
            String::from_utf8(name_bytes.to_vec()).expect("a UTF-8 name"),
            flags,
        ));
        at += 46 + name + extra + comment;
    }
    out
}

/// A file's bytes out of the zip (with the zip crate kpi reads workbooks with).
fn zip_file(zip: &Path, name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
    bytes
}

#[test]
#[ignore = "needs python3, file and mingw-w64 (dist/build)"]
fn dist_build_makes_the_archives_the_contract_lists_the_same_twice() {
    let sums = build();
    // One line per archive, as sha256sum writes it.
    let version = env!("CARGO_PKG_VERSION");
    let names: Vec<&str> = sums.lines().map(|l| &l[66..]).collect();
    assert_eq!(
        names,
        [
            format!("kpi-{version}-{WINDOWS}.zip"),
            format!("kpi-{version}-{LINUX}.tar.gz")
        ]
    );
    assert!(
        sums.lines().all(|l| l.len() > 66
            && l[..64].chars().all(|c| c.is_ascii_hexdigit())
            && &l[64..66] == "  "),
        "{sums}"
    );
    // Reproducible: a second build gives the same bytes.
    assert_eq!(build(), sums, "a second dist/build gave other archives");

    windows_zip(&archive(WINDOWS, "zip"));
    linux_tarball(&archive(LINUX, "tar.gz"));
}

fn windows_zip(zip: &Path) {
    let top = format!("kpi-{}-{WINDOWS}/", env!("CARGO_PKG_VERSION"));
    let entries = zip_entries(&fs::read(zip).unwrap());
    let names: BTreeSet<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "kpi.exe",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "docs/install.md",
        "docs/design/distribution.md",
        "data/asaka/kpi.toml",
        "completions/kpi.ps1",
        "使い方.txt",
    ] {
        assert!(
            names.contains(format!("{top}{want}").as_str()),
            "{want} in {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n.to_lowercase().ends_with(".dll")),
        "no DLL in the archive: {names:?}"
    );
    // Names in the order written, sorted; the non-ASCII one flagged UTF-8.
    let in_order: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = in_order.clone();
    sorted.sort();
    assert_eq!(in_order, sorted);
    let (_, flags) = entries
        .iter()
        .find(|(n, _)| n.ends_with("使い方.txt"))
        .unwrap();
    assert_eq!(flags & 0x800, 0x800, "bit 11 (UTF-8) of 使い方.txt's flags");
    // 使い方.txt: a BOM, CRLF line ends only, the text of dist/使い方.txt.
    let text = zip_file(zip, &format!("{top}使い方.txt"));
    let text = String::from_utf8(text).expect("UTF-8");
    let body = text.strip_prefix('\u{feff}').expect("a BOM");
    assert!(
        !body.replace("\r\n", "").contains(['\r', '\n']),
        "CRLF only"
    );
    let source = fs::read_to_string(root().join("dist/使い方.txt")).unwrap();
    assert_eq!(body.replace("\r\n", "\n"), source);
    // The Windows binary is a PE file for x64.
    let exe = zip_file(zip, &format!("{top}kpi.exe"));
    assert_eq!(&exe[..2], b"MZ");
}

fn linux_tarball(tarball: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let ok = Command::new("tar")
        .arg("-xzf")
        .arg(tarball)
        .arg("-C")
        .arg(dir.path())
        .status()
        .expect("run tar");
    assert!(ok.success());
    let top = dir
        .path()
        .join(format!("kpi-{}-{LINUX}", env!("CARGO_PKG_VERSION")));
    for want in [
        "kpi",
        "kpi.1",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "docs/install.md",
        "data/asaka/kpi.toml",
        "completions/kpi.bash",
        "completions/_kpi",
        "completions/kpi.fish",
    ] {
        assert!(top.join(want).is_file(), "{want} in the tarball");
    }
    let kpi = top.join("kpi");
    let file = Command::new("file")
        .arg(&kpi)
        .output()
        .expect("run file (needs file)");
    let file = String::from_utf8_lossy(&file.stdout).into_owned();
    assert!(
        file.contains("statically linked") || file.contains("static-pie linked"),
        "{file}"
    );
    // An empty folder, an empty environment (no PATH, no HOME, no LANG).
    let empty = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(&kpi)
            .env_clear()
            .current_dir(empty.path())
            .args(args)
            .output()
            .expect("run the Linux kpi");
        assert_eq!(out.status.code(), Some(0), "kpi {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        run(&["--version"]).trim(),
        format!("kpi {}", env!("CARGO_PKG_VERSION"))
    );
    let plan = top.join("data/asaka");
    let status = run(&["status", "--plan", plan.to_str().unwrap()]);
    // No LANG: English, as on any Linux.
    assert!(status.contains("Goal"), "{status}");
    run(&["init", "plan"]);
    run(&["validate", "--plan", "plan"]);
}
