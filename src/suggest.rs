//! What to say about a name that is none of the known ones: the known name
//! nearest a typo (`closest`, the "did you mean" of every message), and for
//! an id the plan does not have (a KPI, goal, measure or owner, on the
//! command line or in the ledger) the few close ones (those that start with
//! what was typed, then those that contain it, then close spellings), or
//! all of them when there are only a few (`unknown_id`). No message lists
//! more than `MAX_LISTED` ids, however large the plan. Edit distance is the
//! `strsim` crate's Levenshtein distance, counted in characters.

/// An unknown id's hint names at most this many close matches.
pub const MAX_MATCHES: usize = 3;

/// The plan's ids are listed only when there are at most this many.
pub const MAX_LISTED: usize = 10;

/// The known name nearest to a typo, if it is near enough to be a typo
/// (case is ignored); the first of the nearest in `known`'s order.
pub fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    close_matches(name, known, 1).first().copied()
}

/// Up to `most` known names near enough to `name` to be typos of it,
/// nearest first (in `known`'s order among equals).
pub fn close_matches<'a>(name: &str, known: &[&'a str], most: usize) -> Vec<&'a str> {
    let name = name.to_lowercase();
    let length = name.chars().count();
    let mut near: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (strsim::levenshtein(&name, &k.to_lowercase()), *k))
        // Near enough to be a typo, and not merely short: `zz` is not a typo of `a`.
        .filter(|(d, k)| {
            let k = k.chars().count();
            *d <= 2.max(k / 4) && *d < length.min(k)
        })
        .collect();
    near.sort_by_key(|(d, _)| *d); // stable: equals keep `known`'s order
    near.truncate(most);
    near.into_iter().map(|(_, k)| k).collect()
}

/// Up to `most` known names for what was typed, `given`: those that start
/// with it, then those that contain it (case ignored; `given` of two
/// characters or more, so that one letter does not match half the plan),
/// then close spellings (`close_matches`); each once, in `known`'s order
/// within each kind.
pub fn matches<'a>(given: &str, known: &[&'a str], most: usize) -> Vec<&'a str> {
    let typed = given.trim().to_lowercase();
    let mut out: Vec<&'a str> = Vec::new();
    if typed.chars().count() >= 2 {
        let lower: Vec<String> = known.iter().map(|k| k.to_lowercase()).collect();
        let starting = (0..known.len()).filter(|&i| lower[i].starts_with(&typed));
        let containing = (0..known.len())
            .filter(|&i| !lower[i].starts_with(&typed) && lower[i].contains(&typed));
        out.extend(starting.chain(containing).map(|i| known[i]));
    }
    for k in close_matches(given, known, most) {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out.truncate(most);
    out
}

/// The hint for `given`, which is none of `ids`, the plan's ids of a `kind`
/// (`"KPI"`, `"goal"`, `"measure"`, `"owner"`; `ids` in the order to show
/// them, each once): the close matches, "did you mean `a`, `b` or `c`?"; else all of
/// the plan's ids when it has at most `MAX_LISTED`; else `otherwise`, what
/// to do.
pub fn unknown_id(given: &str, kind: &str, ids: &[&str], otherwise: &str) -> String {
    unknown_id_or_name(given, kind, ids, &[], otherwise)
}

/// `unknown_id` for a KPI that may also be named by its name (`kpi import`,
/// `kpi record`): when no id is close, the close `names`.
pub fn unknown_id_or_name(
    given: &str,
    kind: &str,
    ids: &[&str],
    names: &[&str],
    otherwise: &str,
) -> String {
    let mut near = matches(given, ids, MAX_MATCHES);
    if near.is_empty() {
        near = matches(given, names, MAX_MATCHES);
    }
    if !near.is_empty() {
        return format!("did you mean {}?", quoted(&near, "or"));
    }
    // Members belong to the workspace; every other kind to the plan.
    let whose = if kind == "member" {
        "workspace"
    } else {
        "plan"
    };
    match ids {
        [] => format!("the {whose} has no {}", plural(kind)),
        [only] => format!("the {whose}'s only {kind} is `{only}`"),
        ids if ids.len() <= MAX_LISTED => {
            format!("the {whose}'s {} are {}", plural(kind), quoted(ids, "and"))
        }
        _ => otherwise.to_string(),
    }
}

/// The plural of a kind of id: `series` is its own (issue 24, item 27).
pub fn plural(kind: &str) -> String {
    match kind {
        "series" => kind.to_string(),
        "status" => "statuses".to_string(),
        _ => format!("{kind}s"),
    }
}

/// `` `a`, `b` and `c` ``, with `last` before the last.
fn quoted(items: &[&str], last: &str) -> String {
    let quote = |s: &&str| format!("`{s}`");
    match items {
        [] => String::new(),
        [one] => quote(one),
        [init @ .., end] => {
            let init: Vec<String> = init.iter().map(quote).collect();
            format!("{} {last} {}", init.join(", "), quote(end))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODO: &str = "name one the plan has";

    #[test]
    fn closest_is_the_nearest_typo_and_none_for_strangers() {
        let known = ["target", "targets", "baseline"];
        // taget → target 1 edit, targets 2.
        assert_eq!(closest("taget", &known), Some("target"));
        assert_eq!(closest("BASELNE", &known), Some("baseline"));
        assert_eq!(closest("zzzzzz", &known), None);
        // One edit away but as short as the edit: not a typo.
        assert_eq!(closest("zz", &["a"]), None);
        assert_eq!(closest("5", &["1", "2"]), None);
    }

    #[test]
    fn close_matches_are_nearest_first_in_plan_order_among_equals() {
        // jobs-a, jobs-b, jobs-c: 1 edit each from jobs-x; jobs: 2; jabs-a: 2.
        let known = ["jabs-a", "jobs-a", "jobs", "jobs-b", "jobs-c", "jobs-d"];
        assert_eq!(
            close_matches("jobs-x", &known, 3),
            ["jobs-a", "jobs-b", "jobs-c"]
        );
        assert_eq!(
            close_matches("jobs-x", &known, 10),
            ["jobs-a", "jobs-b", "jobs-c", "jobs-d", "jabs-a", "jobs"]
        );
    }

    #[test]
    fn an_unknown_id_names_at_most_three_close_ones() {
        let ids = ["jobs-a", "jobs-b", "jobs-c", "jobs-d", "parks"];
        assert_eq!(
            unknown_id("jobs-x", "KPI", &ids, TODO),
            "did you mean `jobs-a`, `jobs-b` or `jobs-c`?"
        );
        assert_eq!(
            unknown_id("park", "KPI", &ids, TODO),
            "did you mean `parks`?"
        );
        assert_eq!(
            unknown_id("jobs-x", "KPI", &ids[2..], TODO),
            "did you mean `jobs-c` or `jobs-d`?"
        );
    }

    #[test]
    fn with_nothing_close_a_few_ids_are_listed_and_many_are_not() {
        assert_eq!(
            unknown_id("nope", "goal", &[], TODO),
            "the plan has no goals"
        );
        assert_eq!(
            unknown_id("nope", "goal", &["1"], TODO),
            "the plan's only goal is `1`"
        );
        assert_eq!(
            unknown_id("nope", "owner", &["保育課", "産業振興課"], TODO),
            "the plan's owners are `保育課` and `産業振興課`"
        );
        let ten: Vec<String> = (1..=10).map(|i| format!("m{i}")).collect();
        let ten: Vec<&str> = ten.iter().map(String::as_str).collect();
        assert_eq!(
            unknown_id("nope", "measure", &ten, TODO),
            "the plan's measures are `m1`, `m2`, `m3`, `m4`, `m5`, `m6`, `m7`, `m8`, `m9` and `m10`"
        );
        let eleven: Vec<String> = (1..=11).map(|i| format!("m{i}")).collect();
        let eleven: Vec<&str> = eleven.iter().map(String::as_str).collect();
        assert_eq!(unknown_id("nope", "measure", &eleven, TODO), TODO);
    }

    #[test]
    fn ids_that_start_with_or_contain_what_was_typed_come_first() {
        let ids = [
            "waiting-list",
            "children",
            "waiting-children",
            "wait",
            "after-school-waitlist",
        ];
        // `waiting`: two ids start with it, one contains it; `wait` is a
        // close spelling (3 edits: too far for a typo of 7 letters).
        assert_eq!(
            matches("waiting", &ids, 3),
            ["waiting-list", "waiting-children"]
        );
        assert_eq!(
            matches("WAIT", &ids, 3),
            ["waiting-list", "waiting-children", "wait"]
        );
        // Contained, not at the start, after those at the start.
        assert_eq!(
            matches("children", &ids[..3], 3),
            ["children", "waiting-children"]
        );
        assert_eq!(
            matches("list", &ids, 3),
            ["waiting-list", "after-school-waitlist"]
        );
        // One character matches no more than a typo would.
        assert_eq!(matches("w", &ids, 3), Vec::<&str>::new());
        // A typo still finds its id.
        assert_eq!(matches("chidlren", &ids, 3), ["children"]);
        assert_eq!(
            unknown_id("waiting", "KPI", &ids, TODO),
            "did you mean `waiting-list` or `waiting-children`?"
        );
    }

    #[test]
    fn a_japanese_name_is_found_by_a_part_of_it() {
        let ids = ["waiting-children", "sme-loans"];
        let names = ["待機児童数", "中小企業融資実行件数"];
        assert_eq!(
            unknown_id_or_name("待機", "KPI", &ids, &names, TODO),
            "did you mean `待機児童数`?"
        );
        assert_eq!(
            unknown_id_or_name("融資件数", "KPI", &ids, &names, TODO),
            "the plan's KPIs are `waiting-children` and `sme-loans`"
        );
    }

    #[test]
    fn a_name_is_matched_only_when_no_id_is_close() {
        let ids = ["visitors", "parks"];
        let names = ["Visitors to the museum", "Parks opened"];
        assert_eq!(
            unknown_id_or_name("visitor", "KPI", &ids, &names, TODO),
            "did you mean `visitors`?"
        );
        assert_eq!(
            unknown_id_or_name("Parks openned", "KPI", &ids, &names, TODO),
            "did you mean `Parks opened`?"
        );
        // Nothing close: the ids (not the names) are listed.
        assert_eq!(
            unknown_id_or_name("zzz", "KPI", &ids, &names, TODO),
            "the plan's KPIs are `visitors` and `parks`"
        );
    }

    #[test]
    fn series_is_its_own_plural() {
        assert_eq!(
            unknown_id("zzz", "series", &[], TODO),
            "the plan has no series"
        );
        assert_eq!(
            unknown_id("zzz", "series", &["jobs", "kids"], TODO),
            "the plan's series are `jobs` and `kids`"
        );
        assert_eq!(
            unknown_id("zzz", "goal", &["1", "2"], TODO),
            "the plan's goals are `1` and `2`"
        );
        assert_eq!(plural("status"), "statuses");
    }

    #[test]
    fn members_are_the_workspaces() {
        assert_eq!(
            unknown_id("zzz", "member", &[], TODO),
            "the workspace has no members"
        );
        assert_eq!(
            unknown_id("zzz", "member", &["north", "south"], TODO),
            "the workspace's members are `north` and `south`"
        );
    }
}
