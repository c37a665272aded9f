//! The office KPI sheet through the binary: `kpi init --from SHEET` builds a
//! plan from it, `kpi export plan` writes it back, and the two round-trip.
//!
//! The seed sheet below is the KPI table of data/asaka/kpi.toml (朝霞市
//! 基本目標１) as an office would type it: a title above the header, years in
//! the headings (現状値（H26）), numbers as printed (`2,788人`, `50.０％`), the
//! goal and measure numbers with their names in the same cell, and
//! 労働・社会保険相談件数 listed under both measures that share it.

use std::path::Path;

use crate::common::{asaka, kpi_command, Run, Workdir};
use kpi::ledger::import::decode::{decode, encode, Encoding};
use serde_json::Value;

/// data/asaka/kpi.toml's KPIs, one row per KPI per measure, with the seed's
/// ids in an id column so the two plans can be compared KPI by KPI.
const SEED_SHEET: &str = "\
朝霞市まち・ひと・しごと創生総合戦略
重要業績評価指標（KPI）一覧　基本目標１

指標ID,基本目標,施策,指標名,単位,現状値（H26）,目標値（H31）,累計,担当課,出典,備考
outflow-no-workplace,基本目標１：産業の活性化と働きやすい環境づくり,,就業の場がないことによる転出の理由率,%,2.4％,1.7％,,,,
short-hours-ideal,1,,子育てしながらの短時間就労を理想としている率,%,40.7％,50.０％,,,,
work-life-satisfaction,1,,仕事と家庭生活を両立できる就業環境の促進への満足度,%,2.0,3.0,,,,
,1,1.1 市内産業の活性化と雇用創出,,,,,,,,

fair-exhibitors,1,1.1.1 産業の育成と支援,あさか産業フェア参加事業所数,事業所,63,68,,産業振興課,産業振興課資料,
startups-supported,1,1.1.1 産業の育成と支援,市の支援により起業した件数（累計）,件,49,157,○,産業振興課,産業振興課資料,
shopping-street-events,1,1.1.2 産業の活性化,商店街活性化推進事業実施回数,回,38,45,,産業振興課,産業振興課資料,
sme-loans,1,1.1.2 産業の活性化,中小企業融資実行件数,件,51,56,,産業振興課,産業振興課資料,
labour-consultations,1,1.1.3 勤労者支援の充実,労働・社会保険相談件数,件,13,21,,産業振興課,産業振興課資料,
job-seminar-employment-rate,1,1.1.3 勤労者支援の充実,就職支援セミナー参加者の就職率,%,19%,23%,,産業振興課,産業振興課資料,
,1,1.2 市民の仕事と生活の両立を実現するまちづくり,,,,,,,,
labour-consultations,1,1.2.1 勤労者支援と保育サービスの充実,労働・社会保険相談件数,件,13,21,,産業振興課,産業振興課資料,
waiting-children,1,1.2.1 勤労者支援と保育サービスの充実,待機児童数,人,47人,0人,,保育課,保育課資料,※基本目標３－（１）－①
after-school-waitlist,1,1.2.1 勤労者支援と保育サービスの充実,放課後児童クラブ入所保留者数,人,141,0,,保育課,保育課資料,※基本目標３－（１）－②
extended-care-capacity,1,1.2.1 勤労者支援と保育サービスの充実,延長保育定員（1か月あたり）,人,\"2,788人\",\"2,943人\",,保育課,保育課資料,※基本目標３－（１）－③
sick-child-care-capacity,1,1.2.1 勤労者支援と保育サービスの充実,病児保育定員（1日あたり）,人,0,5,,保育課,保育課資料,※基本目標３－（１）－③
";

/// The figures `kpi status --format json` reports per KPI that must agree.
const FIGURES: &[&str] = &[
    "name",
    "unit",
    "goals",
    "measures",
    "direction",
    "baseline",
    "target",
    "latest",
    "achievement",
    "expected",
    "pace",
    "gap",
    "status",
    "grade",
    "stale",
    "basis",
];

fn cp932(text: &str) -> Vec<u8> {
    encode(text, Encoding::Cp932).expect("the sheet is CP932 text")
}

/// The seed's actuals, copied beside a plan.
fn copy_seed_actuals(plan_dir: &Path) {
    let to = plan_dir.join("actuals");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(asaka().join("actuals")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

fn status(plan: &Path, year: &str) -> Value {
    let mut cmd = kpi_command();
    cmd.args(["status", "--format", "json", "--year", year, "--plan"])
        .arg(plan);
    Run::of(&mut cmd).json()
}

/// Both plans, with the same ledger, evaluate every KPI the same as of
/// every year of the ledger (H27 to R1).
fn evaluates_the_same(built: &Path, seed: &Path) {
    for year in ["H27", "H28", "H29", "H30", "R1"] {
        let (a, b) = (status(built, year), status(seed, year));
        assert_eq!(a["plan"]["as_of"], b["plan"]["as_of"], "{year}");
        let (ka, kb) = (a["kpis"].as_array().unwrap(), b["kpis"].as_array().unwrap());
        assert_eq!(ka.len(), kb.len(), "{year}: KPI count");
        for k in kb {
            let id = &k["id"];
            let other = ka
                .iter()
                .find(|x| &x["id"] == id)
                .unwrap_or_else(|| panic!("{year}: {id} is missing from the built plan"));
            for field in FIGURES {
                assert_eq!(other[field], k[field], "{year}: {id}: {field}");
            }
        }
        assert_eq!(a["goals"], b["goals"], "{year}: goal roll-ups");
    }
}

fn seed_sheet_becomes_the_seed_plan(bytes: &[u8], encoding: &str) {
    let w = Workdir::new();
    w.write("kpis.csv", bytes);
    let run = w.run(&["init", "--from", "kpis.csv", "plan"]);
    let out = run.ok();
    assert!(
        out.contains("1 goal, 6 measures, 13 KPIs from kpis.csv"),
        "{run}"
    );
    assert!(out.contains(encoding), "{run}");
    assert!(!out.contains("no id"), "every KPI has its id: {run}");
    let plan = w.path().join("plan");
    let mut validate = kpi_command();
    validate.arg("validate").arg("--plan").arg(&plan);
    Run::of(&mut validate).ok();
    copy_seed_actuals(&plan);
    evaluates_the_same(&plan, &asaka());

    // One KPI worked by hand on the built plan (progress.md), as of R1
    // (2019): fair-exhibitors 63 (H26) → 68 (H31), latest H30 = 66.
    // achievement (66-63)/(68-63) = 3/5 = 0.6; E(H30) = 63 + 5·4/5 = 67,
    // expected 4/5 = 0.8; pace (66-63)/(67-63) = 0.75 → at_risk (0.60 ≤
    // 0.75 < 0.95); gap 68 - 66 = 2; stale: 2019 - 2018 = 1 < 2 → false.
    let r = status(&plan, "R1");
    let fair = r["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "fair-exhibitors")
        .unwrap();
    assert_eq!(fair["status"], "at_risk");
    assert_eq!(fair["achievement"], 0.6);
    assert_eq!(fair["expected"], 0.8);
    assert_eq!(fair["pace"], 0.75);
    assert_eq!(fair["gap"], 2);
    assert_eq!(fair["stale"], false);
    // The KPI listed on two rows is one KPI under both measures.
    let labour = r["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["name"] == "労働・社会保険相談件数")
        .collect::<Vec<_>>();
    assert_eq!(labour.len(), 1);
    assert_eq!(labour[0]["measures"], serde_json::json!(["1.1.3", "1.2.1"]));
}

#[test]
fn the_seed_sheet_in_cp932_becomes_a_plan_that_evaluates_as_the_seed() {
    seed_sheet_becomes_the_seed_plan(&cp932(SEED_SHEET), "CP932");
}

#[test]
fn the_seed_sheet_in_utf8_becomes_a_plan_that_evaluates_as_the_seed() {
    seed_sheet_becomes_the_seed_plan(SEED_SHEET.as_bytes(), "UTF-8");
}

#[test]
fn the_built_plan_reads_as_a_person_would_write_it() {
    let (_w, text) = plan_from_sheet(SEED_SHEET);
    for expected in [
        "title = \"朝霞市まち・ひと・しごと創生総合戦略\"",
        "year_style = \"era\"",
        // The years in the headings are every row's: the plan's defaults.
        "baseline_year = \"H26\"",
        "target_year = \"R1\"",
        // A measure named in a row of its own, its parent goal from the number.
        "[[measure]]\nid = \"1.1\"\ngoal = \"1\"\nname = \"市内産業の活性化と雇用創出\"\n",
        "[[measure]]\nid = \"1.1.1\"\nparent = \"1.1\"\nname = \"産業の育成と支援\"\n",
        // The decimals as written: 50.０ is 50.0, 2.0 stays 2.0.
        "target = { value = 50.0 }",
        "baseline = { value = 2.0 }",
        "baseline = { value = 2788 }",
        "measures = [\"1.1.3\", \"1.2.1\"]",
        "cumulative = true",
        "note = \"※基本目標３－（１）－①\"",
        "# sheet lines 14 and 17",
    ] {
        assert!(
            text.contains(expected),
            "kpi.toml lacks `{expected}`:\n{text}"
        );
    }
    // Fields in plan-format.md's order.
    let kpi = &text[text.find("id = \"startups-supported\"").unwrap()..];
    let kpi = &kpi[..kpi.find("\n\n").unwrap()];
    let keys: Vec<&str> = kpi.lines().filter_map(|l| l.split(" = ").next()).collect();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "measures",
            "unit",
            "baseline",
            "target",
            "cumulative",
            "source",
            "owner"
        ]
    );
}

/// A sheet as `kpi export plan --lang ja` writes it, with what the seed
/// lacks: milestones, a flat target with its direction, a running total,
/// negative and decimal values, a KPI on two measures listed in an order
/// only a careful sort keeps (under 1.1.2 `loss` comes before `flat`), a
/// goal with nothing under it, and text a spreadsheet would run as a
/// formula (neutralised with a leading `'`).
const EXPORT_JA: &str = "\
テスト市 総合戦略
指標ID,基本目標,基本目標名,施策,施策名,指標名,単位,現状値,基準年度,目標値,目標年度,目安値（H29）,目安値（H30）,方向,累計,担当課,出典,備考
rate,1,産業,,,満足度,%,40.5,H26,50.0,R1,45.0,,,,,,
,1,産業,1.1,市内産業,,,,,,,,,,,,,
jobs,1,産業,1.1.1,育成,'=雇用者数,人,1000,H26,1200,R1,1080,1140,,○,産業振興課,産業振興課資料,\"'-3 は撤回分, 要確認\"
flat,1,産業,1.1.1,育成,相談窓口数,か所,3,H26,3,R1,,,増加,,'+81課,,
loss,1,産業,1.1.2,活性化,赤字額,百万円,-2.5,H27,-0.50,R2,,,,,,,
flat,1,産業,1.1.2,活性化,相談窓口数,か所,3,H26,3,R1,,,増加,,'+81課,,
,2,くらし,,,,,,,,,,,,,,,
";

/// The same sheet as `--lang en` writes it.
const EXPORT_EN: &str = "\
テスト市 総合戦略
id,goal,goal name,measure,measure name,name,unit,baseline,baseline year,target,target year,milestone (H29),milestone (H30),direction,cumulative,owner,source,note
rate,1,産業,,,満足度,%,40.5,H26,50.0,R1,45.0,,,,,,
,1,産業,1.1,市内産業,,,,,,,,,,,,,
jobs,1,産業,1.1.1,育成,'=雇用者数,人,1000,H26,1200,R1,1080,1140,,yes,産業振興課,産業振興課資料,\"'-3 は撤回分, 要確認\"
flat,1,産業,1.1.1,育成,相談窓口数,か所,3,H26,3,R1,,,increase,,'+81課,,
loss,1,産業,1.1.2,活性化,赤字額,百万円,-2.5,H27,-0.50,R2,,,,,,,
flat,1,産業,1.1.2,活性化,相談窓口数,か所,3,H26,3,R1,,,increase,,'+81課,,
,2,くらし,,,,,,,,,,,,,,,
";

/// A sheet's cells, whatever its encoding and line ends.
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let (text, _) = decode(bytes, None).expect("a sheet kpi can read");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// `kpi init --from kpis.csv plan` on `sheet` in a new folder: the folder
/// and the plan written.
fn plan_from_sheet(sheet: &str) -> (Workdir, String) {
    let w = Workdir::new();
    w.write("kpis.csv", sheet);
    w.run(&["init", "--from", "kpis.csv", "plan"]).ok();
    let text = w.read("plan/kpi.toml");
    (w, text)
}

#[test]
fn sheet_then_init_then_export_gives_the_same_sheet_cell_for_cell() {
    for (sheet, lang, encoding) in [(EXPORT_JA, "ja", "cp932"), (EXPORT_EN, "en", "utf-8-bom")] {
        let (w, _) = plan_from_sheet(sheet);
        let mut cmd = w.command(&[
            "export",
            "plan",
            "--plan",
            "plan",
            "--lang",
            lang,
            "--encoding",
            encoding,
            "--output",
            "back.csv",
        ]);
        Run::of(&mut cmd).ok();
        let back = std::fs::read(w.path().join("back.csv")).unwrap();
        assert_eq!(cells(&back), cells(sheet.as_bytes()), "{lang}");
        if encoding == "cp932" {
            assert!(std::str::from_utf8(&back).is_err(), "written in CP932");
        } else {
            assert!(back.starts_with(b"\xEF\xBB\xBF"), "written with a BOM");
        }
        assert!(
            back.windows(2).any(|p| p == b"\r\n"),
            "CRLF, as Excel writes"
        );
    }
}

#[test]
fn what_the_sheet_says_is_what_the_plan_says() {
    let (_w, text) = plan_from_sheet(EXPORT_JA);
    for expected in [
        // Neutralised text comes back as it was.
        "name = \"=雇用者数\"",
        "note = \"-3 は撤回分, 要確認\"",
        "owner = \"+81課\"",
        "milestones = { H29 = 1080, H30 = 1140 }",
        "milestones = { H29 = 45.0 }",
        "direction = \"increase\"",
        // A baseline and target in other years than most KPIs' say so.
        "baseline = { value = -2.5, year = \"H27\" }",
        "target = { value = -0.50, year = \"R2\" }",
        "measures = [\"1.1.1\", \"1.1.2\"]",
        "[[goal]]\nid = \"2\"\nname = \"くらし\"",
    ] {
        assert!(
            text.contains(expected),
            "kpi.toml lacks `{expected}`:\n{text}"
        );
    }
    // loss must come before flat for 1.1.2's rows to come back in order.
    assert!(text.find("id = \"loss\"").unwrap() < text.find("id = \"flat\"").unwrap());
}

#[test]
fn plan_then_export_then_init_evaluates_the_same() {
    for (lang, encoding) in [("ja", "cp932"), ("en", "utf-8"), ("ja", "utf-8-bom")] {
        let w = Workdir::new();
        let run = Run::of(
            w.command(&[
                "export",
                "plan",
                "--lang",
                lang,
                "--encoding",
                encoding,
                "-o",
                "s.csv",
                "--plan",
            ])
            .arg(asaka()),
        );
        run.ok();
        assert!(
            run.stderr.is_empty(),
            "the seed exports without warnings: {run}"
        );
        w.run(&["init", "--from", "s.csv", "plan"]).ok();
        let plan = w.path().join("plan");
        copy_seed_actuals(&plan);
        evaluates_the_same(&plan, &asaka());
        // And the built plan exports the same sheet again.
        let first = std::fs::read(w.path().join("s.csv")).unwrap();
        let mut cmd = w.command(&[
            "export",
            "plan",
            "--plan",
            "plan",
            "--lang",
            lang,
            "--encoding",
            encoding,
            "-o",
            "t.csv",
        ]);
        Run::of(&mut cmd).ok();
        assert_eq!(
            std::fs::read(w.path().join("t.csv")).unwrap(),
            first,
            "{lang} {encoding}"
        );
    }
}

/// A plan whose text a trimming reader or CP932 would change: spaces
/// around a name and an owner, a name that is ` =x` (a formula once
/// trimmed), and 〜 ‖ ¬, which CP932 writes as ～ ∥ ￢.
const AS_WRITTEN: &str = r#"[plan]
title = "計画 "

[[goal]]
id = "1"
name = "目標"

[[measure]]
id = "1.1"
goal = "1"
name = "施策"

[[kpi]]
id = "a"
name = " =x"
measures = ["1.1"]
owner = " 保育課 "
baseline = { value = 10, year = 2014 }
target = { value = 20, year = 2019 }

[[kpi]]
id = "b"
name = "待機児童〜ゼロ‖"
measures = ["1.1"]
owner = "¬課"
baseline = { value = 10, year = 2014 }
target = { value = 20, year = 2019 }
"#;

#[test]
fn export_then_init_keeps_text_as_written() {
    // Issue 17, item 11: ` =x` and ` 保育課 ` come back with their spaces.
    let w = Workdir::with_plan(AS_WRITTEN);
    w.run(&["export", "plan", "--encoding", "utf-8", "-o", "s.csv"])
        .ok();
    let sheet = w.read("s.csv");
    assert!(sheet.contains(",\" =x\","), "quoted, not trimmed:\n{sheet}");
    w.run(&["init", "--from", "s.csv", "back"]).ok();
    let text = w.read("back/kpi.toml");
    for line in [
        "name = \" =x\"",
        "owner = \" 保育課 \"",
        "name = \"待機児童〜ゼロ‖\"",
        "owner = \"¬課\"",
    ] {
        assert!(text.contains(line), "kpi.toml lacks `{line}`:\n{text}");
    }
    // And the plan built exports the same sheet again.
    let mut cmd = w.command(&[
        "export",
        "plan",
        "--plan",
        "back",
        "--encoding",
        "utf-8",
        "-o",
        "t.csv",
    ]);
    Run::of(&mut cmd).ok();
    assert_eq!(w.read("t.csv"), sheet);
}

#[test]
fn export_in_cp932_refuses_text_cp932_would_change_naming_the_cell() {
    let w = Workdir::with_plan(AS_WRITTEN);
    for output in [Some("s.csv"), None] {
        let mut args = vec!["--lang", "en", "export", "plan", "--encoding", "cp932"];
        if let Some(o) = output {
            args.extend(["-o", o]);
        }
        let run = w.run(&args);
        assert_eq!(run.code, Some(2), "{run}");
        assert!(run.stdout.is_empty(), "{run}");
        // Line 1 the title, 2 the header, 3 `a`, 4 `b`.
        for cell in [
            "line 4, column `name`: `待機児童〜ゼロ‖` reads back as `待機児童～ゼロ∥` (〜 U+301C → ～ U+FF5E, ‖ U+2016 → ∥ U+2225)",
            "line 4, column `owner`: `¬課` reads back as `￢課` (¬ U+00AC → ￢ U+FFE2)",
        ] {
            assert!(run.stderr.contains(cell), "no `{cell}` in {run}");
        }
        assert!(run.stderr.contains("--encoding utf-8-bom"), "{run}");
    }
    assert!(!w.path().join("s.csv").exists(), "nothing written");
    // Text CP932 keeps is written, and reads back as written.
    let kept = AS_WRITTEN
        .replace("〜", "～")
        .replace('‖', "∥")
        .replace('¬', "￢");
    let w = Workdir::with_plan(&kept);
    w.run(&["export", "plan", "--encoding", "cp932", "-o", "s.csv"])
        .ok();
    w.run(&["init", "--from", "s.csv", "back"]).ok();
    let text = w.read("back/kpi.toml");
    assert!(text.contains("name = \"待機児童～ゼロ∥\""), "{text}");
    assert!(text.contains("owner = \"￢課\""), "{text}");
}

#[test]
fn a_sheet_without_ids_gets_kpi_n_in_sheet_order() {
    let w = Workdir::new();
    w.write(
        "kpis.csv",
        "基本目標,施策,指標名,現状値,基準年度,目標値,目標年度\n\
         1,,率,1,H26,2,H31\n\
         1,1.1,件数,5,H26,10,H31\n\
         2,2.1,件数,5,H26,10,H31\n\
         2,2.1,人数,7,H26,3,H31\n",
    );
    let run = w.run(&["init", "--from", "kpis.csv", "plan"]);
    // 件数 on two rows is one KPI: three KPIs, kpi-1 to kpi-3 by first row.
    assert!(run.ok().contains("3 KPIs had no id"), "{run}");
    let text = std::fs::read_to_string(w.path().join("plan/kpi.toml")).unwrap();
    assert!(text.contains("id = \"kpi-1\""), "{text}");
    assert!(text.contains("id = \"kpi-2\""), "{text}");
    assert!(text.contains("id = \"kpi-3\""), "{text}");
    assert!(
        text.contains("made by kpi init: the sheet gives no id"),
        "{text}"
    );
    let k2 = &text[text.find("id = \"kpi-2\"").unwrap()..];
    assert!(
        k2.contains("name = \"件数\"\nmeasures = [\"1.1\", \"2.1\"]"),
        "{text}"
    );
    // Goal 2 and measures named by their numbers: no row names them.
    assert!(
        text.contains("[[goal]]\nid = \"2\"\nname = \"2\""),
        "{text}"
    );
}

#[test]
fn every_problem_is_reported_at_its_row_and_nothing_is_written() {
    let w = Workdir::new();
    w.write(
        "kpis.csv",
        "KPI一覧\n\
         基本目標,施策,指標名,単位,現状値,基準年度,目標値,目標年度,方向,累計\n\
         1,1.1,来訪者数,人,100,H26,about 200,H31,,\n\
         1,1.1,相談件数,件,13,H26,21,H31,,\n\
         1,1.2,相談件数,件,13,H26,22,H31,,\n\
         ,,孤立,件,1,H26,2,H31,,\n\
         1,①,施策番号なし,件,1,H26,2,H31,,\n\
         1,1.1,年度違い,件,1,FY14,2,H31,,\n\
         1,1.1,方向違い,件,1,H26,2,H31,sideways,\n\
         1,1.1,累計違い,件,1,H26,2,H31,,maybe\n\
         1,1.1,空,件,,H26,2,H31,,\n\
         1,1.1,逆転,件,1,H31,2,H26,,\n",
    );
    let run = w.run(&["init", "--from", "kpis.csv", "plan"]);
    let lines = run.failed();
    let find = |line: usize| -> String {
        let place = format!("kpis.csv:{line}:");
        lines
            .iter()
            .find(|l| l.contains(&place))
            .unwrap_or_else(|| panic!("no problem reported at line {line}; {run}"))
            .to_string()
    };
    for (line, texts) in [
        (
            3,
            &[
                "`目標値`",
                "`about 200` is not a number",
                "expected a number",
            ][..],
        ),
        // Same name, other figures: both rows named.
        (5, &["`相談件数`", "line 4", "`目標値`", "`22`", "`21`"][..]),
        (6, &["names no goal or measure"][..]),
        (7, &["`施策`", "`①`", "expected a measure number"][..]),
        (8, &["`基準年度`", "`FY14`", "fiscal year"][..]),
        (9, &["`方向`", "`sideways`", "増加"][..]),
        (10, &["`累計`", "`maybe`", "○"][..]),
        (11, &["`現状値`", "`空` has no baseline"][..]),
        // The plan's own check, at the sheet's row and column.
        (
            12,
            &["`目標年度`", "KPI `逆転`", "not after its baseline year"][..],
        ),
    ] {
        let msg = find(line);
        assert!(msg.starts_with("error: "), "{msg}");
        for t in texts {
            assert!(msg.contains(t), "line {line}: `{msg}` lacks `{t}`");
        }
    }
    assert!(
        run.stderr
            .contains("error: 9 problems found; nothing was done"),
        "{run}"
    );
    assert!(!w.path().join("plan").exists(), "nothing is written");
}

#[test]
fn a_sheet_whose_only_kpi_is_refused_says_why_and_nothing_more() {
    // Excel's scientific notation is no figure kpi reads; the row's error
    // is the one problem (not also "the sheet lists no KPI").
    let w = Workdir::new();
    w.write(
        "kpis.csv",
        "基本目標,施策,指標名,単位,現状値,基準年度,目標値,目標年度\n\
         1,1.1,来訪者数,人,1.00E+03,H26,2000,H31\n",
    );
    let run = w.run(&["init", "--from", "kpis.csv", "plan"]);
    run.expect_code(2);
    let lines = run.failed();
    assert_eq!(lines.len(), 1, "{run}");
    assert!(lines[0].contains("kpis.csv:2:"), "{run}");
    assert!(lines[0].contains("`1.00E+03`"), "{run}");
    assert!(!run.stderr.contains("lists no KPI"), "{run}");
    assert!(!w.path().join("plan").exists(), "nothing is written");
}

#[test]
fn header_and_encoding_problems_name_their_line() {
    let w = Workdir::new();
    w.write("none.csv", "指標名,年度,実績値\nx,H27,3\n");
    // A sheet without a header has no line to name: the file alone.
    let run = w.run(&["init", "--from", "none.csv", "a"]);
    assert!(
        run.failed()[0].contains("none.csv: no header row found"),
        "{run}"
    );

    w.write(
        "dup.csv",
        "基本目標,指標名,現状値（H26）,目標値（H31）,目標値,目安値\n1,x,1,2,3,\n",
    );
    let run = w.run(&["init", "--from", "dup.csv", "a"]);
    let first = run.error_at("dup.csv", 1, &["columns 4 `目標値（H31）` and 5 `目標値`"]);
    assert!(first.contains("keep one"), "{first}");
    assert!(
        run.stderr.contains("column 6 `目安値` gives no year"),
        "{run}"
    );

    // CP932 text with a byte that is neither CP932 nor UTF-8 on line 3.
    let mut bytes = cp932("基本目標,指標名,現状値（H26）,目標値（H31）\n1,来訪者数,1,2\n1,");
    bytes.extend_from_slice(b"\x82\x20,1,2\n");
    w.write("bad.csv", &bytes);
    // Read as UTF-8 it fails on line 1 already; as CP932 on line 3.
    w.run(&["init", "--from", "bad.csv", "a"]).error_at(
        "bad.csv",
        1,
        &["neither UTF-8", "CP932", "line 3"],
    );
    assert!(!w.path().join("a").exists());
}

#[test]
fn init_from_never_overwrites() {
    let w = Workdir::new();
    w.write("kpis.csv", SEED_SHEET);
    w.write("plan/kpi.toml", "# mine\n");
    let run = w.run(&["init", "--from", "kpis.csv", "plan"]);
    assert!(run.failed()[0].contains("already exists"), "{run}");
    assert_eq!(
        std::fs::read_to_string(w.path().join("plan/kpi.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn export_warns_of_what_a_sheet_cannot_say() {
    let w = Workdir::new();
    w.plan(
        "[plan]\ntitle = \"t\"\nbaseline_year = \"H26\"\ntarget_year = \"R1\"\n\n\
         [[goal]]\nid = \"1\"\nname = \"g\"\n\n\
         [[measure]]\nid = \"1.1.1\"\ngoal = \"1\"\nname = \"m\"\n\n\
         [[measure]]\nid = \"産業\"\ngoal = \"1\"\nname = \"n\"\n\n\
         [[kpi]]\nid = \"k\"\nname = \"@k\"\nmeasures = [\"1.1.1\", \"産業\"]\n\
         baseline = { value = 1 }\ntarget = { value = 2 }\n",
    );
    let run = w.run_plan(&["export", "plan", "--lang", "en", "--encoding", "utf-8"]);
    let out = run.ok();
    // 1.1.1 hangs under goal 1 here, but its number says under 1.1.
    assert!(
        run.stderr
            .contains("measure 1.1.1 hangs under goal 1 in the plan")
            && run.stderr.contains("hangs it under measure 1.1"),
        "{run}"
    );
    assert!(
        run.stderr.contains("measure id `産業` is not a number"),
        "{run}"
    );
    // A name that a spreadsheet would run is neutralised, as kpi template does.
    assert!(out.contains(",'@k,"), "{out}");
}

#[test]
fn encoding_is_for_the_sheet_of_from() {
    let w = Workdir::new();
    let run = w.run(&["init", "--encoding", "cp932", "plan"]);
    assert!(run.failed()[0].contains("--from"), "{run}");
    assert!(!w.path().join("plan").exists());
    // A sheet in CP932 read as UTF-8 because --encoding says so: refused.
    w.write("kpis.csv", cp932(SEED_SHEET));
    let run = w.run(&["init", "--from", "kpis.csv", "--encoding", "utf-8", "plan"]);
    run.error_at("kpis.csv", 1, &["not UTF-8"]);
    assert!(!w.path().join("plan").exists());
}
