use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::plan::Point;
use crate::progress::evaluate;

/// Goal 1 with measure 1.1, goal 2 with measure 2.1; `up` (1.1, owner A)
/// rises on its path, `down` (1.1, owner B) falls, `none` (2.1, owner A)
/// has no figure.
fn plan_text() -> String {
    let mut text = "[plan]\ntitle = \"q\"\n".to_string();
    for (goal, name) in [("1", "one"), ("2", "two")] {
        text.push_str(&format!(
            "\n[[goal]]\nid = \"{goal}\"\nname = \"{name}\"\n\n\
             [[measure]]\nid = \"{goal}.1\"\ngoal = \"{goal}\"\nname = \"m {goal}.1\"\n"
        ));
    }
    for (id, measure, owner, baseline, target) in [
        ("up", "1.1", "A", 0, 100),
        ("down", "1.1", "B", 50, 100),
        ("none", "2.1", "A", 0, 10),
    ] {
        text.push_str(&format!(
            "\n[[kpi]]\nid = \"{id}\"\nname = \"{id}\"\nmeasures = [\"{measure}\"]\n\
             owner = \"{owner}\"\nbaseline = {{ value = {baseline}, year = 2015 }}\n\
             target = {{ value = {target}, year = 2020 }}\n"
        ));
    }
    text
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn fixture() -> (Plan, Vec<Series>) {
    let (plan, _) = crate::plan::load_str(Path::new("kpi.toml"), &plan_text()).unwrap();
    let up: Series = [(FiscalYear(2016), d("20")), (FiscalYear(2017), d("40"))]
        .into_iter()
        .collect();
    let down: Series = [(FiscalYear(2017), d("40"))].into_iter().collect();
    (plan, vec![up, down, Series::new()])
}

fn ids<'a>(plan: &'a Plan, eval: &Evaluation) -> Vec<&'a str> {
    eval.kpis
        .iter()
        .map(|k| plan.kpis[k.kpi].id.as_str())
        .collect()
}

#[test]
fn no_query_evaluates_every_kpi_as_of_the_newest_figure() {
    let (plan, series) = fixture();
    let eval = Query::default().evaluate(&plan, &series);
    assert_eq!(
        eval,
        evaluate(&plan, &series, Some(FiscalYear(2017)), &[0, 1, 2])
    );
    assert_eq!(ids(&plan, &eval), ["up", "down", "none"]);
    // `none` is due a 2017 figure and has none.
    assert_eq!(eval.missing, 1);
    // Nothing drawn unless asked.
    assert!(eval
        .kpis
        .iter()
        .all(|k| k.trend.is_empty() && k.detail.is_none()));
}

#[test]
fn the_status_filter_keeps_its_kpis_and_counts_only_them() {
    let (plan, series) = fixture();
    let query = Query {
        statuses: StatusFilter {
            statuses: vec![Status::Worsening, Status::NoData],
            stale: false,
            preliminary: false,
            unexplained: false,
        },
        ..Query::default()
    };
    let eval = query.evaluate(&plan, &series);
    // up: 40 by 2017 against E = 40: on track; down: 40 < 50: worsening.
    assert_eq!(ids(&plan, &eval), ["down", "none"]);
    // The same as evaluating the kept KPIs alone: roll-ups and missing agree.
    assert_eq!(
        eval,
        evaluate(&plan, &series, Some(FiscalYear(2017)), &[1, 2])
    );
    assert_eq!(eval.goals[0].counts.total(), 1);
    assert_eq!(eval.goals[0].counts.get(Status::Worsening), 1);
    assert_eq!(eval.goals[1].counts.get(Status::NoData), 1);
    assert_eq!(eval.missing, 1);
}

#[test]
fn a_goal_or_measure_narrows_the_kpis_and_the_roll_ups() {
    let (plan, series) = fixture();
    let scoped = |goal: Option<&str>, measure: Option<&str>, owner: Option<&str>| Query {
        scope: Scope {
            goal: goal.map(str::to_string),
            measure: measure.map(str::to_string),
            owner: owner.map(str::to_string),
        },
        ..Query::default()
    };
    let eval = scoped(Some("2"), None, None).evaluate(&plan, &series);
    assert_eq!(ids(&plan, &eval), ["none"]);
    let goals: Vec<&str> = eval
        .goals
        .iter()
        .map(|r| plan.goals[r.index].id.as_str())
        .collect();
    let measures: Vec<&str> = eval
        .measures
        .iter()
        .map(|r| plan.measures[r.index].id.as_str())
        .collect();
    assert_eq!((goals, measures), (vec!["2"], vec!["2.1"]));

    let eval = scoped(None, Some("1.1"), None).evaluate(&plan, &series);
    assert_eq!(ids(&plan, &eval), ["up", "down"]);
    assert_eq!(eval.goals.len(), 1);
    assert_eq!(plan.goals[eval.goals[0].index].id, "1");
    assert_eq!(eval.goals[0].counts.total(), 2);
    assert_eq!(eval.measures.len(), 1);

    // An owner keeps every roll-up, counting its KPIs alone.
    let eval = scoped(None, None, Some("A")).evaluate(&plan, &series);
    assert_eq!(ids(&plan, &eval), ["up", "none"]);
    assert_eq!((eval.goals.len(), eval.measures.len()), (2, 2));
    assert_eq!(eval.goals[0].counts.total(), 1);
    // An owner the plan lacks keeps nothing (cmd refuses it first).
    assert!(scoped(None, None, Some("Z"))
        .evaluate(&plan, &series)
        .kpis
        .is_empty());
}

#[test]
fn trends_and_charts_are_computed_when_asked() {
    let (plan, series) = fixture();
    let query = Query {
        year: Some(FiscalYear(2016)),
        trends: true,
        charts: true,
        ..Query::default()
    };
    let eval = query.evaluate(&plan, &series);
    let up = &eval.kpis[0];
    let p = |y, v| Point {
        year: FiscalYear(y),
        value: d(v),
    };
    // As of 2016: the baseline and the 2016 figure; 2017 is after.
    assert_eq!(up.trend, vec![p(2015, "0"), p(2016, "20")]);
    let detail = up.detail.as_deref().expect("charts asked for");
    assert_eq!(detail.actuals, vec![p(2016, "20")]);
    assert_eq!(detail.years.len(), 6);
    // 20 a year from 0: the trend reaches 100 by 2020.
    assert_eq!(detail.projection, Some(p(2020, "100")));
    // `down` has no figure by 2016: no trend, no projection.
    assert!(eval.kpis[1].trend.is_empty());
    assert_eq!(eval.kpis[1].detail.as_ref().unwrap().projection, None);

    let (as_of, one) = query.evaluate_one(&plan, &series, 0);
    assert_eq!(as_of, Some(FiscalYear(2016)));
    assert_eq!(&one, up);
}
