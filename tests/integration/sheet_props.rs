//! Properties of `kpi init --from` and `kpi export plan`, on the library:
//! no input makes them panic, and whatever plan a sheet builds, exporting
//! it and building again gives the same sheet back.

use std::path::Path;

use kpi::init::from::build;
use kpi::plan::load_str;
use kpi::render::Lang;
use kpi::sheet::write::sheet;
use proptest::prelude::*;

fn built(bytes: &[u8]) -> Option<String> {
    build(Path::new("s.csv"), bytes, None, Path::new("kpi.toml"))
        .ok()
        .map(|b| b.text)
}

/// One row of a sheet with the header of `HEADER`, from small sets so that
/// rows meet each other: the same KPI under two measures, the same name
/// with other figures, measures under two goals. Most rows are good ones,
/// so that most sheets build.
fn row() -> impl Strategy<Value = String> {
    let goal = prop::sample::select(vec!["", "1", "1", "2", "基本目標1：産業", "1 産業"]);
    let measure = prop::sample::select(vec!["", "1.1", "1.1.1", "1.1.2 育成", "2.1", "1.2.3.4"]);
    let structure = (goal.clone(), measure.clone()).prop_map(|(g, m)| format!(",{g},{m},,,,,,,,"));
    let kpi = (
        prop::sample::select(vec!["", "", "", "a", "c.1"]),
        goal,
        measure,
        prop::sample::select(vec!["率", "件数", "=式", "人数（累計）"]),
        prop::sample::select(vec!["1", "2.50", "-3", "△1", "1,000"]),
        prop::sample::select(vec!["H26", "2014", "FY2015"]),
        prop::sample::select(vec!["3000", "50.０", "0"]),
        prop::sample::select(vec!["R1", "2020"]),
        prop::sample::select(vec!["", "", "7"]),
        prop::sample::select(vec!["", "", "", "○"]),
    )
        .prop_map(|(id, g, m, n, b, by, t, ty, ms, c)| {
            format!("{id},{g},{m},{n},\"{b}\",{by},{t},{ty},{ms},,{c}")
        });
    prop_oneof![1 => structure, 4 => kpi]
}

const HEADER: &str =
    "指標ID,基本目標,施策,指標名,現状値,基準年度,目標値,目標年度,目安値（H28）,方向,累計";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_bytes_make_init_from_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = built(&bytes);
    }

    #[test]
    fn no_text_makes_init_from_panic(body in "[0-9a-zH.,\"\n（）○△％%：: 基本目標施策指標名現状値目標値年度-]{0,300}") {
        let _ = built(format!("{HEADER}\n{body}").as_bytes());
        let _ = built(body.as_bytes());
    }

    #[test]
    fn a_built_plan_exports_and_builds_back_to_the_same_sheet(
        rows in prop::collection::vec(row(), 1..8),
        lang in prop::sample::select(vec![Lang::Ja, Lang::En]),
    ) {
        let text = format!("題\n{HEADER}\n{}\n", rows.join("\n"));
        let Some(plan_text) = built(text.as_bytes()) else {
            return Ok(());
        };
        let (plan, _) = load_str(Path::new("kpi.toml"), &plan_text).expect("a built plan validates");
        let first = sheet(&plan, lang);
        let again = built(first.text.as_bytes()).expect("an exported sheet builds");
        let (plan2, _) = load_str(Path::new("kpi.toml"), &again).expect("validates");
        let second = sheet(&plan2, lang);
        prop_assert_eq!(&first.text, &second.text, "sheet:\n{}\nplan:\n{}", text, plan_text);
    }
}
