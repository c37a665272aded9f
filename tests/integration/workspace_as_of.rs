//! Each plan's default as-of year (issue 24, item 10): the newest year with
//! a figure for one of its own KPIs, capped at its last target year in
//! force; `--year` overrides. A finished plan sharing a series with a newer
//! one is judged as of its own last year, not the other's figures. Every
//! expectation is worked from progress.md and the issue.

use crate::common::Workdir;

/// Member `a` (FY2015 → FY2019): its own `a-own` 100 → 200 and `a-pop` on
/// the shared indicator `pop`; member `b` (FY2020 → FY2025): `b-pop` on
/// `pop`. `a-own` has figures to 2019, `pop` to 2023; `a` has a review of
/// 2019.
fn shared_series() -> Workdir {
    let wd = Workdir::new().english();
    wd.write(
        "kpi-workspace.toml",
        "[workspace]\nname = \"T\"\nmembers = [\"plans/*\"]\nledger = [\"ledger\"]\n\
         fiscal_year_start = 4\n\n[[indicator]]\nid = \"pop\"\nname = \"Population\"\nunit = \"人\"\n",
    );
    wd.write(
        "plans/a/kpi.toml",
        "[plan]\ntitle = \"A\"\nbaseline_year = 2015\ntarget_year = 2019\n\n\
         [[goal]]\nid = \"1\"\nname = \"G\"\n\n\
         [[kpi]]\nid = \"a-own\"\nname = \"Own\"\ngoal = \"1\"\nunit = \"件\"\n\
         baseline = { value = 100 }\ntarget = { value = 200 }\n\n\
         [[kpi]]\nid = \"a-pop\"\nindicator = \"pop\"\ngoal = \"1\"\n\
         baseline = { value = 1000 }\ntarget = { value = 1100 }\n",
    );
    wd.write(
        "plans/a/reviews/2019.toml",
        "[kpi.a-own]\ncomment = \"A's own review of 2019\"\n",
    );
    wd.write(
        "plans/b/kpi.toml",
        "[plan]\ntitle = \"B\"\nbaseline_year = 2020\ntarget_year = 2025\n\n\
         [[goal]]\nid = \"1\"\nname = \"G\"\n\n\
         [[kpi]]\nid = \"b-pop\"\nindicator = \"pop\"\ngoal = \"1\"\n\
         baseline = { value = 1040 }\ntarget = { value = 1200 }\n",
    );
    wd.write(
        "ledger/figures.csv",
        "kpi,year,value\n\
         a-own,2016,120\na-own,2017,140\na-own,2018,160\na-own,2019,180\n\
         pop,2016,1010\npop,2017,1020\npop,2018,1030\npop,2019,1040\n\
         pop,2020,1040\npop,2021,1050\npop,2022,1060\npop,2023,1070\n",
    );
    wd
}

fn kpi<'a>(plan: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    plan["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id)
        .unwrap_or_else(|| panic!("no KPI {id} in {plan}"))
}

#[test]
fn a_finished_member_is_judged_as_of_its_last_target_year() {
    let wd = shared_series();
    let run = wd.run(&["status", "--all", "--format", "json"]);
    let doc = run.json();
    let (a, b) = (&doc["plans"][0], &doc["plans"][1]);
    assert_eq!(a["plan"]["title"], "A", "{run}");
    // A: pop has figures to 2023, but A's target year is 2019: as of 2019.
    assert_eq!(a["plan"]["as_of"]["year"], 2019, "{run}");
    let own = kpi(a, "a-own");
    assert_eq!(own["latest"]["year"], 2019);
    // 2019 - 2019 = 0 < stale_after 2: not stale (as of 2023 it was 4).
    assert_eq!(own["stale"], false);
    // 180 short of 200 in the target year: missed; (180-100)/(200-100) = 0.8.
    assert_eq!(own["status"], "missed");
    assert_eq!(own["achievement"], 0.8);
    // The review of 2019 is shown.
    assert_eq!(own["review"]["comment"], "A's own review of 2019", "{run}");
    // a-pop: 1040 in 2019, (1040-1000)/(1100-1000) = 0.4, missed, not stale.
    let pop = kpi(a, "a-pop");
    assert_eq!(pop["latest"]["year"], 2019);
    assert_eq!(pop["stale"], false);
    // B: figures to 2023, target year 2025: as of 2023.
    assert_eq!(b["plan"]["as_of"]["year"], 2023, "{run}");
    assert_eq!(kpi(b, "b-pop")["latest"]["year"], 2023);
}

#[test]
fn the_member_alone_and_its_show_take_the_same_year() {
    let wd = shared_series();
    let run = wd.run(&["status", "-p", "a", "--format", "json"]);
    assert_eq!(run.json()["plan"]["as_of"]["year"], 2019, "{run}");
    let mut cmd = wd.command(&["show", "a-own", "--format", "json"]);
    let run = crate::common::Run::of(cmd.current_dir(wd.file("plans/a")));
    let shown = run.json();
    assert_eq!(shown["as_of"]["year"], 2019, "{run}");
    // The table of members × statuses says 2019 (R1) for A, 2023 for B.
    let table = wd.run(&["status", "--all"]);
    let text = table.ok();
    assert!(!text.contains("stale"), "{table}");
}

#[test]
fn year_still_overrides_the_cap() {
    let wd = shared_series();
    let run = wd.run(&["status", "--all", "--year", "2023", "--format", "json"]);
    let doc = run.json();
    let a = &doc["plans"][0];
    assert_eq!(a["plan"]["as_of"]["year"], 2023, "{run}");
    // 2023 - 2019 = 4 >= 2: stale, as asked; no review of 2023.
    assert_eq!(kpi(a, "a-own")["stale"], true);
    assert_eq!(kpi(a, "a-own")["review"], serde_json::Value::Null);
    let run = wd.run(&["status", "--all", "--year", "2017", "--format", "json"]);
    let doc = run.json();
    assert_eq!(doc["plans"][0]["plan"]["as_of"]["year"], 2017, "{run}");
    assert_eq!(doc["plans"][1]["plan"]["as_of"]["year"], 2017, "{run}");
}

/// A plan alone 10 (FY2015) → 20 (FY2019), figures to FY2022.
fn plan_alone(revisions: &str) -> Workdir {
    let wd = Workdir::new().english();
    wd.plan(&format!(
        "[plan]\ntitle = \"P\"\nbaseline_year = 2015\ntarget_year = 2019\n\n\
         [[goal]]\nid = \"1\"\nname = \"G\"\n\n\
         [[kpi]]\nid = \"k\"\nname = \"K\"\ngoal = \"1\"\nunit = \"件\"\n\
         baseline = {{ value = 10 }}\ntarget = {{ value = 20 }}\n{revisions}"
    ));
    wd.write(
        "actuals/figures.csv",
        "kpi,year,value\nk,2018,16\nk,2019,18\nk,2020,21\nk,2022,25\n",
    );
    wd
}

#[test]
fn a_plan_alone_with_figures_past_its_target_year_is_capped() {
    let wd = plan_alone("");
    let run = wd.run(&["status", "--format", "json"]);
    let doc = run.json();
    assert_eq!(doc["plan"]["as_of"]["year"], 2019, "{run}");
    // Judged on 2019's 18: (18-10)/(20-10) = 0.8, missed, not stale.
    let k = kpi(&doc, "k");
    assert_eq!(k["latest"]["value"], 18);
    assert_eq!(k["status"], "missed");
    assert_eq!(k["stale"], false);
    // --year 2022 is as asked: still judged on 2019 (after y1 is not
    // scored), and stale (2022 - 2019 = 3).
    let run = wd.run(&["status", "--year", "2022", "--format", "json"]);
    let doc = run.json();
    assert_eq!(doc["plan"]["as_of"]["year"], 2022, "{run}");
    assert_eq!(kpi(&doc, "k")["stale"], true);
}

#[test]
fn a_revision_that_moves_the_target_year_moves_the_cap() {
    // From 2018 on the target is 24 in 2021: figures to 2022 stop at 2021.
    let wd = plan_alone("revisions = [{ from = 2018, target = 24, target_year = 2021 }]\n");
    let run = wd.run(&["status", "--format", "json"]);
    let doc = run.json();
    assert_eq!(doc["plan"]["as_of"]["year"], 2021, "{run}");
    // The newest figure at or before 2021 is 2020's 21, short of 24 but
    // the year is before 2021: pace, not missed. Not stale (2021 - 2020 = 1).
    let k = kpi(&doc, "k");
    assert_eq!(k["latest"]["year"], 2020);
    assert_eq!(k["stale"], false);
}
