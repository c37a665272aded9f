//! `kpi show KPI` in a workspace: a member's KPI as the plan alone shows
//! it (`render::show`), then where else its series is used, with each
//! other member's status for it (`series_view::also_in`).

use serde_json::{json, Value};

use super::{fit, Style};
use crate::lang::Lang;
use crate::series_view::Also;

/// The table, then `also in: sousei-1 — achieved` (`also` not empty) (a KPI of another id
/// named beside its member).
pub fn text(text: String, also: &[Also], this_id: &str, style: &Style) -> String {
    let items: Vec<String> = also
        .iter()
        .map(|a| {
            let word = style.status_word(a.status);
            if a.kpi == this_id {
                format!("{} — {word}", a.member)
            } else {
                format!("{} ({}) — {word}", a.member, a.kpi)
            }
        })
        .collect();
    let (lead, sep) = match style.lang {
        Lang::Ja => ("他の計画: ", "、"),
        Lang::En => ("also in: ", ", "),
    };
    let line = fit::line(
        &format!("{lead}{}", items.join(sep)),
        style.width,
        style.ascii,
        2,
    );
    format!("{text}\n{line}\n")
}

/// The plan alone's JSON document with `plan` (the member) and `also_in`.
pub fn json(mut doc: Value, member: &str, also: &[Also]) -> String {
    let also: Vec<Value> = also
        .iter()
        .map(|a| {
            json!({
                "plan": a.member,
                "kpi": a.kpi,
                "status": a.status.name(),
                "as_of": a.as_of.map_or(Value::Null, |y| super::json::year(y, a.year_style)),
            })
        })
        .collect();
    if let Value::Object(map) = &mut doc {
        map.insert("plan".to_string(), Value::from(member));
        map.insert("also_in".to_string(), Value::Array(also));
    }
    super::show::pretty(&doc)
}
