//! `--encoding` for the CSV of `status`, `gap` and `missing`
//! (design/distribution.md, "CSV for Excel"; docs/install.md): utf-8 by
//! default, as before; utf-8-bom is a BOM and the same bytes; cp932 is the
//! same text in Shift_JIS; any other format refuses it.

use crate::common::{asaka, kpi_command, Run};

fn run(args: &[&str]) -> Run {
    Run::of_bytes(kpi_command().args(args).arg("--plan").arg(asaka()))
}

#[test]
fn status_gap_and_missing_csv_are_written_in_the_encoding_asked_for() {
    for command in ["status", "gap", "missing"] {
        let csv = ["--lang", "ja", command, "--format", "csv"];
        let plain = run(&csv);
        let utf8 = run(&[&csv[..], &["--encoding", "utf-8"]].concat());
        let bom = run(&[&csv[..], &["--encoding", "utf-8-bom"]].concat());
        let cp932 = run(&[&csv[..], &["--encoding", "cp932"]].concat());
        // missing exits 1 while figures are owed; every run the same.
        for r in [&utf8, &bom, &cp932] {
            assert_eq!(r.code, plain.code, "{r}");
            assert_eq!(r.stderr, plain.stderr, "{r}");
        }
        assert_eq!(utf8.bytes, plain.bytes, "{command}: utf-8 is the default");
        assert_eq!(bom.bytes[..3], *b"\xEF\xBB\xBF", "{command}");
        assert_eq!(bom.bytes[3..], plain.bytes[..], "{command}");
        let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&cp932.bytes);
        assert!(!bad, "{command}: cp932 decodes");
        assert_eq!(text.as_bytes(), &plain.bytes[..], "{command}");
        assert_ne!(
            cp932.bytes, plain.bytes,
            "{command}: Japanese text is re-encoded"
        );
    }
    // The seed plan's 待機児童数 in Shift_JIS (JIS X 0208: 待 0x91D2, 機 0x8B40,
    // 児 0x8E99, 童 0x93B6, 数 0x9094).
    let cp932 = run(&["status", "--format", "csv", "--encoding", "cp932"]);
    let word = b"\x91\xD2\x8B\x40\x8E\x99\x93\xB6\x90\x94";
    assert!(cp932.bytes.windows(word.len()).any(|w| w == word));
}

#[test]
fn encoding_is_for_csv_only_and_names_what_it_takes() {
    for command in ["status", "gap", "missing"] {
        let table = run(&[command, "--encoding", "cp932"]);
        let lines = table.failed();
        assert!(
            lines[0].contains("--encoding is for --format csv"),
            "{table}"
        );
        let unknown = run(&[command, "--format", "csv", "--encoding", "latin1"]);
        let lines = unknown.failed();
        assert!(
            lines[0].contains("unknown encoding \"latin1\""),
            "{unknown}"
        );
    }
}
