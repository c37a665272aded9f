//! Issue 28, the plan's side of breakdowns (docs/design/breakdowns.md,
//! docs/breakdowns.md "Plan"): `kpi validate` on plans and workspaces with
//! `[[dimension]]`s and KPIs broken down by them. Every error is exit 2,
//! nothing on stdout, and names the file and the line worked out by hand
//! from the texts below; the `%` warning leaves exit 0.

use crate::common::Workdir;

/// Lines 1–18; the KPI's `[[kpi]]` is line 20 and its fields start at 27.
const HEAD: &str = r#"[plan]
title = "t"
baseline_year = 2019
target_year = 2024

[[goal]]
id = "1"
name = "g"

[[dimension]]
id = "age"
name = "年齢"
categories = ["0歳", "1・2歳", "3歳以上"]

[[dimension]]
id = "sex"
name = "性別"
categories = ["男", "女"]
"#;

/// The plan with one KPI whose fields after its target are `fields`
/// (from line 27 on), and `unit`.
fn plan(unit: &str, fields: &str) -> String {
    format!(
        "{HEAD}\n[[kpi]]\nid = \"waiting\"\nname = \"待機児童数\"\ngoal = \"1\"\nunit = \"{unit}\"\nbaseline = 21\ntarget = 0\n{fields}\n"
    )
}

fn validate(text: &str) -> crate::common::Run {
    let wd = Workdir::with_plan(text).english();
    wd.run(&["validate"])
}

#[test]
fn a_plan_with_two_dimensions_validates() {
    let run = validate(&plan(
        "人",
        "breakdowns = [\"age\", \"sex\"]\ntotal = \"sum\"\ncategory_target = { \"0歳\" = 0, \"女\" = 0 }",
    ));
    assert_eq!(run.code, Some(0), "{run}");
    assert!(!run.stderr.contains("warning"), "{run}");
}

#[test]
fn an_unknown_dimension_is_an_error_with_a_suggestion() {
    let run = validate(&plan("人", "breakdowns = [\"agee\"]"));
    run.error_at(
        "kpi.toml",
        27,
        &["`agee`", "no dimension of the plan", "did you mean `age`?"],
    );
}

#[test]
fn a_dimension_named_twice_is_an_error() {
    let run = validate(&plan("人", "breakdowns = [\"age\", \"sex\", \"age\"]"));
    run.error_at("kpi.toml", 27, &["names dimension `age` twice"]);
}

#[test]
fn total_without_breakdowns_is_an_error() {
    let run = validate(&plan("人", "total = \"sum\""));
    run.error_at(
        "kpi.toml",
        27,
        &["has `total` but no `breakdowns`", "add breakdowns"],
    );
}

#[test]
fn an_unknown_category_target_is_an_error() {
    // Line 28: category_target.
    let run = validate(&plan(
        "人",
        "breakdowns = [\"age\"]\ncategory_target = { \"1歳\" = 0 }",
    ));
    run.error_at("kpi.toml", 28, &["\"1歳\" is no category", "\"age\""]);
}

#[test]
fn a_category_two_dimensions_share_must_be_qualified() {
    // A third dimension sharing 0歳 with age, declared after the KPI (lines 30–33).
    let text = plan(
        "人",
        "breakdowns = [\"age\", \"cohort\"]\ncategory_target = { \"0歳\" = 0 }\n\n[[dimension]]\nid = \"cohort\"\nname = \"n\"\ncategories = [\"0歳\", \"1歳\"]",
    );
    let run = validate(&text);
    run.error_at(
        "kpi.toml",
        28,
        &[
            "more than one of its dimensions",
            "`age=0歳` or `cohort=0歳`",
        ],
    );
    let fixed = text.replace("{ \"0歳\" = 0 }", "{ \"age=0歳\" = 0 }");
    assert_eq!(validate(&fixed).code, Some(0));
}

#[test]
fn a_duplicate_category_and_codes_that_do_not_match_are_errors() {
    // The age dimension's categories are on line 13.
    let text = plan("人", "").replace(
        "[\"0歳\", \"1・2歳\", \"3歳以上\"]",
        "[\"0歳\", \"1・2歳\", \"0歳\"]",
    );
    validate(&text).error_at(
        "kpi.toml",
        13,
        &["category \"0歳\" of dimension age is given twice"],
    );
    // Codes after the categories, on line 14: three categories, two codes.
    let text = plan("人", "").replace("\"3歳以上\"]\n", "\"3歳以上\"]\ncodes = [\"a\", \"b\"]\n");
    validate(&text).error_at("kpi.toml", 14, &["2 codes for 3 categories"]);
}

#[test]
fn a_dimension_id_may_not_be_a_ledger_column() {
    // The sex dimension's id on line 16.
    let text = plan("人", "").replace("id = \"sex\"", "id = \"note\"");
    validate(&text).error_at("kpi.toml", 16, &["ledger's own column `note`"]);
}

#[test]
fn an_area_code_with_a_wrong_check_digit_is_an_error() {
    // 11227: 6+5+8+6+14 = 39, 39 mod 11 = 6, (11 − 6) mod 10 = 5: 112275, not 112270.
    let text = plan("人", "").replace("title = \"t\"", "title = \"t\"\narea_code = \"112270\"");
    validate(&text).error_at("kpi.toml", 3, &["check digit of 11227 is 5"]);
    let text = plan("人", "").replace(
        "title = \"t\"",
        "title = \"t\"\narea_code = \"112275\"\nid = \"ASAKA\"",
    );
    assert_eq!(validate(&text).code, Some(0));
}

#[test]
fn a_summed_percentage_is_a_warning_and_validates() {
    let run = validate(&plan("%", "breakdowns = [\"sex\"]\ntotal = \"sum\""));
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stderr
            .contains("kpi.toml:28:9: KPI waiting is a percentage"),
        "{run}"
    );
}

const REGISTER: &str = r#"[workspace]
name = "w"
members = ["plans/*"]

[[dimension]]
id = "age"
name = "年齢"
categories = ["0歳", "1・2歳", "3歳以上"]

[[indicator]]
id = "waiting"
name = "待機児童数"
unit = "人"
breakdowns = ["age"]
total = "sum"
"#;

/// A member whose KPI reads `waiting`, with `fields` from line 14, after
/// the member's own `extra` tables (from line 15; the KPI header is line 8).
fn member(extra: &str, fields: &str) -> String {
    format!(
        "[plan]\ntitle = \"m\"\nbaseline_year = 2019\ntarget_year = 2024\n[[goal]]\nid = \"1\"\nname = \"g\"\n[[kpi]]\nid = \"w\"\nindicator = \"waiting\"\ngoal = \"1\"\nbaseline = 21\ntarget = 0\n{fields}\n{extra}"
    )
}

fn workspace(register: &str, a: &str, b: &str) -> Workdir {
    let wd = Workdir::new().english();
    wd.write("kpi-workspace.toml", register)
        .write("plans/a/kpi.toml", a)
        .write("plans/b/kpi.toml", b);
    wd
}

#[test]
fn a_member_takes_the_registers_dimension_and_breakdown() {
    let wd = workspace(
        REGISTER,
        &member("", "category_target = { \"0歳\" = 0 }"),
        &member(
            "[[dimension]]\nid = \"sex\"\nname = \"性別\"\ncategories = [\"男\", \"女\"]\n",
            "breakdowns = [\"age\"]",
        ),
    );
    let run = wd.run(&["validate"]);
    assert_eq!(run.code, Some(0), "{run}");
}

#[test]
fn a_members_dimension_that_clashes_with_the_registers_names_both_places() {
    // b's own age (header on line 15: 14 lines of member, its one field line 14).
    let wd = workspace(
        REGISTER,
        &member("", ""),
        &member(
            "[[dimension]]\nid = \"age\"\nname = \"年齢\"\ncategories = [\"0-2歳\", \"3歳以上\"]\n",
            "",
        ),
    );
    let run = wd.run(&["validate"]);
    let line = run.error_at(
        "kpi.toml",
        15,
        &[
            "dimension age is declared again with other categories",
            "kpi-workspace.toml:5",
        ],
    );
    assert!(line.contains("plans/b/kpi.toml"), "{run}");
    // The same declaration repeated exactly is no clash.
    let wd = workspace(
        REGISTER,
        &member("", ""),
        &member(
            "[[dimension]]\nid = \"age\"\nname = \"年齢\"\ncategories = [\"0歳\", \"1・2歳\", \"3歳以上\"]\n",
            "",
        ),
    );
    assert_eq!(wd.run(&["validate"]).code, Some(0));
}

#[test]
fn a_member_restating_the_series_breakdown_must_agree() {
    // b's KPI restates total on line 14.
    let wd = workspace(
        REGISTER,
        &member("", ""),
        &member("", "total = \"reported\""),
    );
    let run = wd.run(&["validate"]);
    run.error_at(
        "kpi.toml",
        14,
        &[
            "restates total = \"reported\"",
            "total = \"sum\"",
            "kpi-workspace.toml, line 10",
        ],
    );
}

#[test]
fn a_registered_breakdown_names_a_register_dimension() {
    // breakdowns of the indicator on line 14 of the register.
    let register = REGISTER.replace("breakdowns = [\"age\"]", "breakdowns = [\"ag\"]");
    let wd = workspace(&register, &member("", ""), &member("", ""));
    let run = wd.run(&["validate"]);
    run.error_at("kpi-workspace.toml", 14, &["`ag`", "did you mean `age`?"]);
}

#[test]
fn export_plan_says_the_sheet_leaves_breakdowns_out() {
    let text = plan("人", "breakdowns = [\"age\", \"sex\"]")
        .replace("title = \"t\"", "title = \"t\"\narea_code = \"11227\"");
    let wd = Workdir::with_plan(&text).english();
    let run = wd.run(&["export", "plan"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stderr.contains("the sheet has no columns for its breakdowns (2 dimensions, 1 KPI broken down), plan.area_code: kpi init --from reads it back without them"),
        "{run}"
    );
    // A plan without them exports as before, without the warning.
    let wd = Workdir::with_plan(&plan("人", "").replace(
        "\n[[dimension]]\nid = \"age\"\nname = \"年齢\"\ncategories = [\"0歳\", \"1・2歳\", \"3歳以上\"]\n\n[[dimension]]\nid = \"sex\"\nname = \"性別\"\ncategories = [\"男\", \"女\"]\n",
        "",
    ))
    .english();
    let run = wd.run(&["export", "plan"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(!run.stderr.contains("no columns"), "{run}");
}

#[test]
fn two_members_breaking_one_series_down_differently_is_an_error() {
    // a's own KPI `w` (header line 8) is read by b's `w2` (header line 8),
    // which restates other breakdowns (line 14). No register entry: b
    // states its own, and one series has one set of columns.
    let register = "[workspace]\nname = \"w\"\nmembers = [\"plans/*\"]\n\n[[dimension]]\nid = \"age\"\nname = \"年齢\"\ncategories = [\"0歳\", \"1歳\"]\n\n[[dimension]]\nid = \"sex\"\nname = \"性別\"\ncategories = [\"男\", \"女\"]\n";
    let a =
        member("", "breakdowns = [\"age\"]").replace("indicator = \"waiting\"\n", "name = \"n\"\n");
    let b = member("", "breakdowns = [\"sex\"]").replace(
        "id = \"w\"\nindicator = \"waiting\"",
        "id = \"w2\"\nindicator = \"w\"",
    );
    let wd = workspace(register, &a, &b);
    let run = wd.run(&["validate"]);
    let first = run.error_at(
        "kpi.toml",
        8,
        &[
            "KPI w2 of member b breaks series `w` down as breakdowns = [\"sex\"]",
            "KPI w of member a",
            "breakdowns = [\"age\"]",
        ],
    );
    assert!(first.contains("plans/b/kpi.toml"), "{run}");
}
