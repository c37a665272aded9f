//! `[[dimension]]`, `plan.id`, `plan.area_code` and a KPI's `breakdowns`,
//! `total` and `category_target` (breakdowns.md), as the plan's reader
//! reads them: whole, in pieces, and through the plan cache's encoding.

use std::path::Path;

use rust_decimal::Decimal;

use crate::breakdown::{CategoryGoal, CategoryTarget, Total};
use crate::plan::{load_member_str, load_str, load_str_in_pieces, Plan};

const HEAD: &str = "[plan]\ntitle = \"t\"\nbaseline_year = 2019\ntarget_year = 2024\n\n[[goal]]\nid = \"1\"\nname = \"g\"\n";

const AGE: &str = "[[dimension]]\nid = \"age\"\nname = \"年齢\"\ncategories = [\"0歳\", \"1・2歳\", \"3歳以上\"]\n";

const AREA: &str = "[[dimension]]\nid = \"area\"\nname = \"市区町村\"\ncategories = [\"さいたま市\", \"川越市\", \"朝霞市\"]\ncodes = [\"11100\", \"11201\", \"11227\"]\n";

/// A KPI `k` with `fields` after its baseline and target.
fn kpi(id: &str, fields: &str) -> String {
    format!(
        "[[kpi]]\nid = \"{id}\"\nname = \"{id}\"\ngoal = \"1\"\nbaseline = 21\ntarget = 0\n{fields}\n"
    )
}

fn load(text: &str) -> Result<Plan, Vec<String>> {
    load_str(Path::new("kpi.toml"), text)
        .map(|(p, _)| p)
        .map_err(|e| e.0.iter().map(|p| p.to_string()).collect())
}

fn errors(text: &str) -> Vec<String> {
    load(text).err().unwrap_or_default()
}

#[test]
fn dimensions_and_breakdowns_read_in_declaration_order() {
    // KPI first, dimensions after: a KPI may name a dimension declared later.
    let text = format!(
        "{HEAD}{}{AGE}{AREA}",
        kpi(
            "waiting",
            "breakdowns = [\"area\", \"age\"]\ntotal = \"sum\"\ncategory_target = { \"0歳\" = 0, \"朝霞市\" = 3 }"
        )
    );
    let plan = load(&text).unwrap();
    assert_eq!(plan.dimensions.len(), 2);
    assert_eq!(plan.dimensions[0].id, "age");
    // HEAD is 8 lines, the KPI 6 and its 3 of breakdown fields: age's header is line 18.
    assert_eq!(plan.dimensions[0].line, 18);
    assert_eq!(plan.dimensions[1].codes, vec!["11100", "11201", "11227"]);
    let b = plan.kpis[0].breakdown.as_ref().unwrap();
    // area is the plan's dimension 1, age its dimension 0.
    assert_eq!(b.dimensions, vec![1, 0]);
    assert_eq!(b.total, Total::Sum);
    // 0歳 is category 0 of the KPI's second breakdown (age); 朝霞市 category 2 of its first.
    assert_eq!(
        b.category_target,
        Some(CategoryTarget::Each(vec![
            CategoryGoal {
                dimension: 1,
                category: 0,
                target: Decimal::ZERO
            },
            CategoryGoal {
                dimension: 0,
                category: 2,
                target: Decimal::from(3)
            },
        ]))
    );
    assert!(plan.written_breakdowns.is_empty());
}

#[test]
fn total_defaults_to_reported_and_same_aims_at_the_kpi_target() {
    let text = format!(
        "{HEAD}{AGE}{}",
        kpi("w", "breakdowns = [\"age\"]\ncategory_target = \"same\"")
    );
    let plan = load(&text).unwrap();
    let b = plan.kpis[0].breakdown.as_ref().unwrap();
    assert_eq!(b.total, Total::Reported);
    assert_eq!(b.category_target, Some(CategoryTarget::Same));
}

#[test]
fn a_plan_without_dimensions_has_none() {
    let plan = load(&format!("{HEAD}{}", kpi("w", ""))).unwrap();
    assert!(plan.dimensions.is_empty());
    assert!(plan.kpis[0].breakdown.is_none());
    assert_eq!(plan.id, None);
    assert_eq!(plan.area_code, None);
}

#[test]
fn plan_id_and_area_code_are_kept_as_written() {
    let text = HEAD.replace(
        "title = \"t\"",
        "title = \"t\"\nid = \"ASAKA-2\"\narea_code = \"112275\"",
    );
    let plan = load(&format!("{text}{}", kpi("w", ""))).unwrap();
    assert_eq!(plan.id.as_deref(), Some("ASAKA-2"));
    assert_eq!(plan.area_code.as_deref(), Some("112275"));
    // 11227's check digit is 5 (see plan::dimensions): 112274 is refused at line 3.
    let bad = HEAD.replace("title = \"t\"", "title = \"t\"\narea_code = \"112274\"");
    let e = errors(&format!("{bad}{}", kpi("w", "")));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("error: kpi.toml:3:13: area_code \"112274\" has the check digit 4, but the check digit of 11227 is 5"),
        "{e:?}"
    );
    let bad = HEAD.replace("title = \"t\"", "title = \"t\"\nid = \"朝霞\"");
    let e = errors(&format!("{bad}{}", kpi("w", "")));
    assert!(e[0].contains("kpi.toml:3:6: plan.id \"朝霞\""), "{e:?}");
}

#[test]
fn each_fault_of_a_dimension_is_an_error_at_its_place() {
    // The dimension's header is line 9; its fields follow.
    let dim = "[[dimension]]\nid = \"flag\"\nname = \"n\"\ncategories = [\"a\", \"\", \"a\"]\ncodes = [\"1\", \"1\"]\n";
    let e = errors(&format!("{HEAD}{dim}"));
    // id on line 10, categories on 12 (the list at column 14, its entries
    // at 15, 20 and 24), codes on 13 (the list at 9, its entries at 10 and 15).
    assert_eq!(e.len(), 5, "{e:?}");
    assert!(
        e[0].contains(
            "kpi.toml:10:6: dimension id \"flag\" is the name of the ledger's own column `flag`"
        ),
        "{e:?}"
    );
    assert!(
        e[1].contains("kpi.toml:12:20: category 2 of dimension flag is empty"),
        "{e:?}"
    );
    assert!(
        e[2].contains(
            "kpi.toml:12:24: category \"a\" of dimension flag is given twice (categories 1 and 3)"
        ),
        "{e:?}"
    );
    assert!(
        e[3].contains("kpi.toml:13:9: dimension flag has 2 codes for 3 categories"),
        "{e:?}"
    );
    assert!(
        e[4].contains(
            "kpi.toml:13:15: code \"1\" of dimension flag is given twice (codes 1 and 2)"
        ),
        "{e:?}"
    );
    let dim = "[[dimension]]\nid = \"x\"\nname = \"n\"\ncategories = []\ncodes = [\"1\", \"1\"]\n";
    let e = errors(&format!("{HEAD}{dim}"));
    assert!(
        e[0].contains("kpi.toml:12:14: dimension x has no categories"),
        "{e:?}"
    );
    let dim = "[[dimension]]\nid = \"x\"\nname = \"n\"\ncategories = [\"a\", \"b\"]\ncodes = [\"1\", \"1\"]\n";
    let e = errors(&format!("{HEAD}{dim}"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("kpi.toml:13:15: code \"1\" of dimension x is given twice"),
        "{e:?}"
    );
    let e = errors(&format!("{HEAD}{AGE}{AGE}"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("kpi.toml:13: dimension age is declared twice (first at line 9)"),
        "{e:?}"
    );
    let e = errors(&format!("{HEAD}[[dimension]]\nid = \"x\"\n"));
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].contains("kpi.toml:9:1: dimension x has no `name`"),
        "{e:?}"
    );
    assert!(
        e[1].contains("kpi.toml:9:1: dimension x has no `categories`"),
        "{e:?}"
    );
}

#[test]
fn each_fault_of_a_kpi_breakdown_is_an_error_at_its_place() {
    // The KPI's header is line 13 (after HEAD and AGE); its 7th line is 19.
    let at = |fields: &str| errors(&format!("{HEAD}{AGE}{}", kpi("w", fields)));
    let e = at("breakdowns = [\"ag\"]");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0], "error: kpi.toml:19:15: KPI w is broken down by `ag`, which is no dimension of the plan; did you mean `age`?");
    let e = at("breakdowns = [\"age\", \"age\"]");
    assert!(
        e[0].contains("kpi.toml:19:22: `breakdowns` of KPI w names dimension `age` twice"),
        "{e:?}"
    );
    let e = at("total = \"sum\"");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("kpi.toml:19:9: KPI w has `total` but no `breakdowns`"),
        "{e:?}"
    );
    let e = at("category_target = \"same\"");
    assert!(
        e[0].contains("kpi.toml:19:19: KPI w has `category_target` but no `breakdowns`"),
        "{e:?}"
    );
    let e = at("breakdowns = [\"age\"]\ntotal = \"all\"");
    assert!(
        e[0].contains("kpi.toml:20:9: total of KPI w is \"all\""),
        "{e:?}"
    );
    let e = at("breakdowns = [\"age\"]\ncategory_target = { \"0才\" = 0 }");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("kpi.toml:20:21: category_target of KPI w: \"0才\" is no category of its dimensions (\"age\"); did you mean \"0歳\"?"), "{e:?}");
    let e = at("breakdowns = [\"age\"]\ncategory_target = { \"0歳\" = \"0\" }");
    assert!(
        e[0].contains("kpi.toml:20:28: the category target \"0歳\" of KPI w must be a number"),
        "{e:?}"
    );
    let e = at("breakdowns = [\"age\"]\ncategory_target = \"all\"");
    assert!(
        e[0].contains("kpi.toml:20:19: category_target of KPI w is \"all\""),
        "{e:?}"
    );
    let e = at("breakdowns = []");
    assert!(
        e[0].contains("kpi.toml:19:14: `breakdowns` of KPI w is empty"),
        "{e:?}"
    );
    let e = at("breakdown = [\"age\"]");
    assert!(
        e[0].contains("unknown field `breakdown` in [[kpi]]; did you mean `breakdowns`?"),
        "{e:?}"
    );
}

#[test]
fn a_category_two_dimensions_share_needs_its_dimension() {
    let other = "[[dimension]]\nid = \"cohort\"\nname = \"n\"\ncategories = [\"0歳\", \"1歳\"]\n";
    // HEAD 8 lines, AGE 4, other 4: the KPI's header is line 17, its fields from 23.
    let text = |target: &str| {
        format!(
            "{HEAD}{AGE}{other}{}",
            kpi(
                "w",
                &format!("breakdowns = [\"age\", \"cohort\"]\ncategory_target = {{ {target} }}")
            )
        )
    };
    let e = errors(&text("\"0歳\" = 0"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("kpi.toml:24:21: category_target of KPI w: \"0歳\" is a category of more than one of its dimensions; say which: `age=0歳` or `cohort=0歳`"), "{e:?}");
    let plan = load(&text("\"cohort=0歳\" = 1, \"age=0歳\" = 2")).unwrap();
    let b = plan.kpis[0].breakdown.as_ref().unwrap();
    assert_eq!(b.target_of(1, 0, Decimal::ZERO), Some(Decimal::from(1)));
    assert_eq!(b.target_of(0, 0, Decimal::ZERO), Some(Decimal::from(2)));
    // One category named both ways is given twice (KPI with age alone: fields from line 19).
    let e = errors(&format!(
        "{HEAD}{AGE}{}",
        kpi(
            "w",
            "breakdowns = [\"age\"]\ncategory_target = { \"0歳\" = 1, \"age=0歳\" = 2 }"
        )
    ));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("kpi.toml:20:31: category_target of KPI w gives category \"0歳\" of dimension age twice"), "{e:?}");
}

#[test]
fn a_percentage_summed_is_a_warning() {
    let text = format!(
        "{HEAD}{AGE}{}",
        kpi("w", "unit = \"%\"\nbreakdowns = [\"age\"]\ntotal = \"sum\"")
    );
    let (_, warnings) = load_str(Path::new("kpi.toml"), &text).unwrap();
    let shown: Vec<String> = warnings.0.iter().map(|p| p.to_string()).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].starts_with(
            "warning: kpi.toml:21:9: KPI w is a percentage (unit \"%\") with total = \"sum\""
        ),
        "{shown:?}"
    );
}

#[test]
fn a_member_keeps_its_breakdowns_as_written() {
    // No dimension here: a member's may be the register's.
    let text = format!("{HEAD}{}", kpi("w", "breakdowns = [\"age\"]"));
    let (plan, _) = load_member_str(Path::new("kpi.toml"), &text).unwrap();
    assert!(plan.kpis[0].breakdown.is_none());
    assert_eq!(plan.written_breakdowns.len(), 1);
    assert_eq!(plan.written_breakdowns[0].dimensions[0].0, "age");
    assert!(load(&text).is_err(), "alone, the dimension is unknown");
}

#[test]
fn pieces_and_the_cache_encoding_keep_breakdowns() {
    // Enough KPIs for several pieces, a dimension in the middle of them.
    let mut text = HEAD.to_string();
    for i in 0..40 {
        if i == 20 {
            text.push_str(AREA);
        }
        let fields = if i % 2 == 0 {
            "breakdowns = [\"area\"]\ntotal = \"sum\"\ncategory_target = { \"川越市\" = 1.50 }"
        } else {
            ""
        };
        text.push_str(&kpi(&format!("k{i}"), fields));
    }
    text.push_str(AGE);
    let whole = load(&text).unwrap();
    assert!(
        crate::plan::split::load(Path::new("kpi.toml"), &text, 4, true).is_some(),
        "read apart, not whole"
    );
    let (pieces, _) = load_str_in_pieces(Path::new("kpi.toml"), &text, 4).unwrap();
    assert_eq!(pieces, whole);
    assert_eq!(whole.dimensions.len(), 2);
    let b = whole.kpis[38].breakdown.as_ref().unwrap();
    assert_eq!(b.dimensions, vec![0], "area is declared first");
    assert!(whole.kpis[39].breakdown.is_none());
    // The plan cache's encoding (postcard) gives back the same plan, 1.50 with its scale.
    let bytes = postcard::to_allocvec(&whole).unwrap();
    let back: Plan = postcard::from_bytes(&bytes).unwrap();
    let back = Plan {
        path: whole.path.clone(),
        index: whole.index.clone(),
        ..back
    };
    assert_eq!(back, whole);
    let Some(CategoryTarget::Each(goals)) =
        &back.kpis[0].breakdown.as_ref().unwrap().category_target
    else {
        panic!("a table of targets");
    };
    assert_eq!(goals[0].target.to_string(), "1.50");
    // A member's fields as written go through the encoding too.
    let (member, _) = load_member_str(Path::new("kpi.toml"), &text).unwrap();
    let bytes = postcard::to_allocvec(&member).unwrap();
    let back: Plan = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back.written_breakdowns, member.written_breakdowns);
    assert_eq!(back.written_breakdowns.len(), 20);
}
