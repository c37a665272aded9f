//! `kpi explain` for people: the terms of `explain::Explanation`, one per
//! line, in the output language (table), or as a Markdown appendix.

use super::markdown::cell;
use super::{fit, with_unit, Lang, Style};
use crate::explain::{Band, Explanation, PointDoc, Rule, Term};
use crate::status::Status;

/// One word in both languages.
fn w(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// The lines of the explanation: (label, text), and the indented lines
/// of the rules and bands under their label.
fn lines(doc: &Explanation, style: &Style) -> Vec<(String, String)> {
    let mut out = figures(doc, style.lang);
    out.extend(standing(doc, style));
    out.extend(publication(doc, style));
    out
}

/// The baseline, the target in force, the due years, the latest figure and
/// the terms of the evaluation.
fn figures(doc: &Explanation, lang: Lang) -> Vec<(String, String)> {
    let unit = doc.kpi.unit.as_deref();
    let point = |p: &PointDoc| {
        let v = p.value.to_string();
        format!("{} ({})", with_unit(&v, unit), p.label)
    };
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, text: String| out.push((label.to_string(), text));
    push(w(lang, "現状値", "baseline"), point(&doc.baseline));
    let mut target = point(&doc.target);
    if let (Some(o), Some(r)) = (&doc.original_target, &doc.revision) {
        let note = r
            .note
            .as_deref()
            .map_or(String::new(), |n| format!(": {n}"));
        target.push_str(&match lang {
            Lang::Ja => format!(
                "（修正: 当初目標 {}、適用開始 {}{note}）",
                point(o),
                r.from.label
            ),
            Lang::En => format!(
                " (revised: original target {}, in force from {}{note})",
                point(o),
                r.from.label
            ),
        });
    }
    push(w(lang, "目標値（適用中）", "target in force"), target);
    let s = &doc.schedule;
    let due: Vec<&str> = s.due_years.iter().map(|y| y.label.as_str()).collect();
    let mut schedule = match (s.frequency, lang) {
        (Some(1), Lang::Ja) => "毎年".to_string(),
        (Some(1), Lang::En) => "every year".to_string(),
        (Some(n), Lang::Ja) => format!("{n}年ごと"),
        (Some(n), Lang::En) => format!("every {n} years"),
        (None, Lang::Ja) => "指定年度".to_string(),
        (None, Lang::En) => "listed years".to_string(),
    };
    schedule.push_str(&format!(": {}", due.join(", ")));
    schedule.push_str(&match lang {
        Lang::Ja => format!(
            "（最終 {}、公表の遅れ {}年）",
            s.final_due_year.label, s.lag
        ),
        Lang::En => format!(" (final {}, lag {})", s.final_due_year.label, s.lag),
    });
    push(w(lang, "実績の時期", "due years"), schedule);
    push(
        w(lang, "最新の実績", "latest figure"),
        doc.latest.as_ref().map_or("-".to_string(), point),
    );
    let terms: [(&str, &str, &Option<Term>); 6] = [
        ("期待値", "expected value", &doc.expected_value),
        ("達成率", "achievement", &doc.achievement),
        ("期待される進捗", "expected by now", &doc.expected),
        ("ペース", "pace", &doc.pace),
        ("目標までの差", "gap to target", &doc.gap),
        ("改善率", "improvement", &doc.improvement),
    ];
    for (ja, en, term) in terms {
        let text = term
            .as_ref()
            .map_or("-".to_string(), |t| t.expression.clone());
        push(w(lang, ja, en), text);
    }
    if doc.basis == "target" {
        push(
            w(lang, "基準", "basis"),
            w(lang, "実績 ÷ 目標", "actual / target").into(),
        );
    }
    out
}

/// The status and the rules that gave it, the grade and its bands, and
/// whether the KPI is stale.
fn standing(doc: &Explanation, style: &Style) -> Vec<(String, String)> {
    let lang = style.lang;
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, text: String| out.push((label.to_string(), text));
    let status: Status = doc.status.name.parse().unwrap_or(Status::NoData);
    push(
        w(lang, "状況", "status"),
        style.status_word(status).to_string(),
    );
    for r in &doc.status.rules {
        let name = r
            .status
            .parse()
            .map_or(r.status, |s: Status| style.status_word(s));
        push("", rule_line(name, r, lang));
    }
    let grade = doc.grade.label.clone().unwrap_or_else(|| "-".to_string());
    push(w(lang, "評価", "grade"), grade);
    for b in &doc.grade.bands {
        push("", band_line(b, lang));
    }
    let st = &doc.staleness;
    let stale = match (st.stale, lang) {
        (true, Lang::Ja) => "更新なし",
        (true, Lang::En) => "stale",
        (false, Lang::Ja) => "該当しない",
        (false, Lang::En) => "not stale",
    };
    push(
        w(lang, "更新なし", "staleness"),
        format!("{stale}: {}", stale_rule(doc, lang)),
    );
    out
}

/// The published evaluations beside this one and the judgement.
fn publication(doc: &Explanation, style: &Style) -> Vec<(String, String)> {
    let lang = style.lang;
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, text: String| out.push((label.to_string(), text));
    // The published evaluations beside this one (evaluation-cycle.md §2).
    let verdict_of = |v: &serde_json::Value| {
        let status = v["status"]
            .as_str()
            .and_then(|s| s.parse::<Status>().ok())
            .map_or("-", |s| style.status_word(s));
        match v["grade"].as_str() {
            Some(g) => format!("{status} ({g})"),
            None => status.to_string(),
        }
    };
    if let Some(p) = &doc.previous {
        let year = p["label"].as_str().unwrap_or_default();
        push(
            w(lang, "前回の評価", "previous evaluation"),
            match lang {
                Lang::Ja => format!("{year}の公表評価: {}", verdict_of(p)),
                Lang::En => format!("published for {year}: {}", verdict_of(p)),
            },
        );
    }
    if let Some(p) = &doc.published {
        let revised = doc.revised_since_publication == Some(true);
        let said = match (lang, revised) {
            (Lang::Ja, false) => format!("{}（公表後の改定なし）", verdict_of(p)),
            (Lang::Ja, true) => format!(
                "{}（公表後に改定: {}）",
                verdict_of(p),
                doc.revisions.join("、")
            ),
            (Lang::En, false) => format!("{} (unchanged since)", verdict_of(p)),
            (Lang::En, true) => format!(
                "{} (revised since: {})",
                verdict_of(p),
                doc.revisions.join("; ")
            ),
        };
        push(w(lang, "公表時", "as published"), said);
    }
    if let Some(a) = &doc.assessed {
        let label = a["label"].as_str().unwrap_or_default();
        // A status or judgement word in the output language; a grade as written.
        let label = match crate::judgement::classify(label, &[]) {
            Some(crate::judgement::Assessed::Status(s)) => style.status_word(s).to_string(),
            Some(crate::judgement::Assessed::Judgement(j)) => j.word(lang).to_string(),
            _ => label.to_string(),
        };
        let reason = a["reason"].as_str().unwrap_or_default();
        push(
            w(lang, "判断", "assessed"),
            match lang {
                Lang::Ja => format!("{label}（理由: {reason}）"),
                Lang::En => format!("{label} (reason: {reason})"),
            },
        );
    }
    out
}

/// Why the KPI is stale or not: the rule's terms in the output language
/// (the JSON keeps the notation, `due years y with L < y ≤ A − lag`).
fn stale_rule(doc: &Explanation, lang: Lang) -> String {
    let st = &doc.staleness;
    match (lang, &doc.latest, &doc.as_of, st.overdue) {
        (Lang::Ja, None, _, _) => "実績がない指標はデータなしで、更新なしにはならない".to_string(),
        (Lang::Ja, Some(l), Some(a), Some(n)) => {
            let lag = doc.schedule.lag;
            let until = if lag == 0 {
                a.label.clone()
            } else {
                format!("{} − {lag}", a.label)
            };
            let cmp = if n >= st.stale_after { "≥" } else { "<" };
            format!(
                "最新の実績（{}）より後、{until}までに実績が出るはずの年度の数 {n} {cmp} stale_after {}",
                l.label, st.stale_after
            )
        }
        _ => st.rule.clone(),
    }
}

fn verdict(holds: bool, lang: Lang) -> &'static str {
    match (holds, lang) {
        (true, Lang::Ja) => "該当",
        (false, Lang::Ja) => "非該当",
        (true, Lang::En) => "holds",
        (false, Lang::En) => "does not hold",
    }
}

fn rule_line(name: &str, r: &Rule, lang: Lang) -> String {
    format!("{name}: {} → {}", r.why, verdict(r.holds, lang))
}

fn band_line(b: &Band, lang: Lang) -> String {
    let why: Vec<&str> = b.conditions.iter().map(|c| c.why.as_str()).collect();
    let why = if why.is_empty() {
        w(lang, "条件なし", "no condition").to_string()
    } else {
        why.join(", ")
    };
    format!("{}: {why} → {}", b.label, verdict(b.holds, lang))
}

/// Marks that are ambiguous-width in CJK terminals, in ASCII.
fn ascii(text: &str) -> String {
    text.replace('−', "-")
        .replace('×', "*")
        .replace('≥', ">=")
        .replace('≤', "<=")
        .replace('≈', "~")
        .replace('∈', "in")
        .replace('∉', "not in")
        .replace('→', "->")
        .replace('—', "-")
}

fn title(doc: &Explanation, style: &Style) -> String {
    let when = doc.as_of.as_ref().map_or("-", |a| a.label.as_str());
    match style.lang {
        Lang::Ja => format!(
            "{} ({}) — {when} 時点の評価の内訳",
            doc.kpi.name, doc.kpi.id
        ),
        Lang::En => format!(
            "{} ({}) — how it is judged as of {when}",
            doc.kpi.name, doc.kpi.id
        ),
    }
}

/// The terminal text: a title, then a line per term, wrapped at the width.
pub fn table(doc: &Explanation, style: &Style) -> String {
    let fix = |t: String| if style.ascii { ascii(&t) } else { t };
    let mut out = fit::line(&fix(title(doc, style)), style.width, style.ascii, 2);
    out.push('\n');
    for (label, text) in lines(doc, style) {
        let line = if label.is_empty() {
            format!("    {text}")
        } else {
            format!("  {label}: {text}")
        };
        out.push_str(&fit::line(&fix(line), style.width, style.ascii, 6));
        out.push('\n');
    }
    out
}

/// A report's appendix: a heading and a list of the terms.
pub fn markdown(doc: &Explanation, style: &Style) -> String {
    let mut out = format!("### {}\n\n", cell(&title(doc, style)));
    for (label, text) in lines(doc, style) {
        if label.is_empty() {
            out.push_str(&format!("  - {}\n", cell(&text)));
        } else {
            out.push_str(&format!("- **{}**: {}\n", cell(&label), cell(&text)));
        }
    }
    out
}
