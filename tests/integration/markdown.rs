//! Plan text in every Markdown output prints as that text (issue 17, item
//! 6): `status`, `gap`, `missing` and `report` escape Markdown's inline
//! syntax in names, owners and headings, so a KPI's name never renders as
//! code, bold, a link or an image in a CI job summary.

use crate::common::Workdir;

const NAME: &str = "**`rm -rf`** [click](javascript:alert(1)) ![i](x.png) _it_ ~~no~~";
/// `NAME` with a backslash before each character of Markdown syntax.
const ESCAPED: &str =
    r"\*\*\`rm -rf\`\*\* \[click\](javascript:alert(1)) !\[i\](x.png) \_it\_ \~\~no\~\~";

fn plan() -> String {
    format!(
        "[plan]\ntitle = \"Plan `x`\"\norganization = \"- not a list\"\n\n\
         [[goal]]\nid = \"1\"\nname = \"Goal **one**\"\n\n\
         [[measure]]\nid = \"1.1\"\ngoal = \"1\"\nname = \"Measure [m](http://e.x)\"\n\n\
         [[kpi]]\nid = \"k\"\nname = \"{}\"\nmeasures = [\"1.1\"]\nowner = \"[o](http://e.x)\"\n\
         baseline = {{ value = 10, year = 2014 }}\ntarget = {{ value = 20, year = 2019 }}\n",
        NAME.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

#[test]
fn plan_text_is_escaped_in_every_markdown_output() {
    // A figure for 2015 only, as of 2016: the KPI is listed by status, gap
    // and report, and owes 2016 for missing.
    let wd = Workdir::with_ledger(&plan(), &[("all.csv", "kpi,year,value\nk,2015,11\n")]).english();
    for args in [
        &["status", "--format", "markdown", "--year", "2016"][..],
        &["gap", "--format", "markdown", "--year", "2016"],
        &["missing", "--format", "markdown", "--year", "2016"],
        &["report", "--format", "markdown", "--year", "2016"],
    ] {
        let run = wd.run(args);
        assert!(matches!(run.code, Some(0 | 1)), "{run}");
        let out = &run.stdout;
        assert!(out.contains(ESCAPED), "{args:?}: the name unescaped\n{out}");
        assert!(!out.contains(NAME), "{args:?}\n{out}");
        assert!(out.contains(r"Plan \`x\`"), "{args:?}: title\n{out}");
        assert!(!out.contains("(javascript:alert(1)) !["), "{args:?}");
    }
    let report = wd.run(&["report", "--format", "markdown", "--year", "2016"]);
    let out = &report.stdout;
    assert!(out.contains(r"Goal \*\*one\*\*"), "{out}");
    assert!(out.contains(r"Measure \[m\](http://e.x)"), "{out}");
    // The organization is a paragraph of its own: not a list item.
    assert!(out.contains("\n\\- not a list\n"), "{out}");
    let missing = wd.run(&["missing", "--format", "markdown", "--year", "2016"]);
    assert!(
        missing.stdout.contains(r"## \[o\](http://e.x) (1 KPI)"),
        "{missing}"
    );
}
