//! CRLF files stay CRLF (docs/install.md, design/distribution.md): a ledger
//! file saved by Excel or Notepad, edited by `record` and `import`, keeps
//! its line ends and never ends up mixed; a new file is LF. (`workspace
//! adopt` into a CRLF `kpi.toml`: workspace_init.rs.)

use crate::common::{kpi_block, Workdir, HEAD};

/// A plan of two KPIs, `a` then `b` (H26 → R1, fiscal 2014 to 2019).
fn plan() -> String {
    format!("{HEAD}{}\n{}", kpi_block("a"), kpi_block("b"))
}

/// Whether every line of `text` ends in CRLF (and the last line too).
fn all_crlf(text: &str) -> bool {
    text.ends_with("\r\n") && !text.replace("\r\n", "").contains(['\n', '\r'])
}

#[test]
fn record_into_a_crlf_ledger_file_keeps_crlf() {
    let wd = Workdir::with_ledger(&plan(), &[("2016.csv", "kpi,year,value\r\nb,2016,7\r\n")]);
    wd.ok(&["record", "a", "2016", "14"]);
    // The new row goes before b's (plan order), ending as the file's lines do.
    assert_eq!(
        wd.read("actuals/2016.csv"),
        "kpi,year,value\r\na,2016,14\r\nb,2016,7\r\n"
    );
    wd.ok(&["record", "b", "2016", "8", "--replace"]);
    assert_eq!(
        wd.read("actuals/2016.csv"),
        "kpi,year,value\r\na,2016,14\r\nb,2016,8\r\n"
    );
    // A year with no file yet: a new file, LF.
    wd.ok(&["record", "a", "2017", "15"]);
    assert_eq!(
        wd.read("actuals/2017.csv"),
        "kpi,year,value,note\na,2017,15,\n"
    );
}

#[test]
fn import_into_a_crlf_ledger_file_with_a_bom_keeps_both_and_a_new_column_too() {
    let wd = Workdir::with_ledger(
        &plan(),
        &[(
            "2017.csv",
            "\u{feff}kpi,year,value\r\n# from the office\r\nb,2017,9\r\n",
        )],
    );
    // An LF file to import, with a note: the ledger file gains a note column.
    wd.write("in.csv", "kpi,year,value,note\na,2017,15,暫定\n");
    wd.ok(&["import", "in.csv"]);
    let text = wd.read("actuals/2017.csv");
    assert!(
        text.starts_with("\u{feff}kpi,year,value,note\r\n"),
        "{text:?}"
    );
    assert!(all_crlf(&text), "mixed line ends: {text:?}");
    assert!(text.contains("\r\n# from the office\r\n"), "{text:?}");
    assert!(text.contains("\r\na,2017,15,暫定\r\n"), "{text:?}");
    assert!(text.contains("\r\nb,2017,9"), "{text:?}");
    // The file reads back.
    wd.validate();
}
