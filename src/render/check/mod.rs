//! `kpi check` output, one module per format: `text` for people, `json`
//! for scripts, `github` workflow annotations, `junit` XML for CI test
//! reports. What they share is here: the report and the words of a flag.

pub mod github;
pub mod json;
pub mod junit;
pub mod text;

use super::{percent_or_dash, Style, Text};
use crate::plan::{Kpi, Plan};
use crate::progress::verdict::Flag;
use crate::progress::{Counts, Evaluation, KpiProgress};

/// Everything a `kpi check` renderer needs.
pub struct CheckReport<'a> {
    pub plan: &'a Plan,
    pub eval: &'a Evaluation,
    pub flags: &'a [Flag],
    /// The `--fail-on` names as given, each once.
    pub fail_on: &'a [String],
    /// The plan file as annotations name it (relative to the workspace).
    pub file: &'a str,
}

impl CheckReport<'_> {
    /// Each flagged KPI with its flag and progress, in evaluation order.
    pub fn flagged(&self) -> impl Iterator<Item = (&Flag, &KpiProgress, &Kpi)> {
        self.flags.iter().map(|f| {
            let k = &self.eval.kpis[f.row];
            (f, k, k.kpi_of(self.plan))
        })
    }

    /// The flag of the KPI in row `row` of the evaluation, if flagged.
    pub fn flag_of(&self, row: usize) -> Option<&Flag> {
        self.flags.iter().find(|f| f.row == row)
    }

    /// Counts per status of every KPI checked.
    pub fn counts(&self) -> Counts {
        self.eval.kpis.iter().map(|k| k.status).collect()
    }

    /// Counts per status of the flagged KPIs.
    pub fn flagged_counts(&self) -> Counts {
        self.flagged().map(|(_, k, _)| k.status).collect()
    }

    /// Why the flagged KPIs were flagged.
    pub fn reasons(&self) -> Reasons {
        Reasons::of(self.flagged().map(|(f, k, _)| (f, k)))
    }

    pub fn stale_count(&self) -> usize {
        self.eval.kpis.iter().filter(|k| k.stale).count()
    }
}

/// Why the flagged KPIs were flagged, counted: by each status `--fail-on`
/// names, by `stale`, by `preliminary` (a KPI flagged for two reasons
/// counts under both), and the statuses of all of them.
#[derive(Debug, Default)]
pub struct Reasons {
    /// The flagged KPIs whose status `--fail-on` names, by status.
    pub by_status: Counts,
    pub by_stale: usize,
    pub by_preliminary: usize,
    /// Every flagged KPI, by status.
    pub statuses: Counts,
}

impl Reasons {
    pub fn of<'f>(flagged: impl Iterator<Item = (&'f Flag, &'f KpiProgress)>) -> Reasons {
        let mut by_status = Vec::new();
        let mut statuses = Vec::new();
        let mut r = Reasons::default();
        for (flag, k) in flagged {
            if flag.by_status {
                by_status.push(k.status);
            }
            r.by_stale += usize::from(flag.by_stale);
            r.by_preliminary += usize::from(flag.by_preliminary);
            statuses.push(k.status);
        }
        r.by_status = by_status.into_iter().collect();
        r.statuses = statuses.into_iter().collect();
        r
    }

    /// True when some KPI was flagged for a reason other than its status:
    /// the summary then says the statuses of those flagged too.
    pub fn beyond_status(&self) -> bool {
        self.by_status.total() < self.statuses.total() || self.by_stale + self.by_preliminary > 0
    }
}

/// `off_track`, or `at_risk, stale`: the status name (stable, as `--fail-on`
/// writes it) and the stale mark.
/// An assessed KPI's label ends with the office's judgement, in stable
/// words: `off_track → B (assessed)` (evaluation-cycle.md §3).
pub fn status_label(k: &KpiProgress) -> String {
    let mut label = if k.stale {
        format!("{}, stale", k.status.name())
    } else {
        k.status.name().to_string()
    };
    if let Some(a) = &k.assessed {
        label.push_str(&format!(" → {} (assessed)", a.label));
    }
    label
}

/// `flag_label`: `status_label` with `unexplained` after the status when
/// `--fail-on unexplained` flagged it: `off_track, unexplained → B (assessed)`.
pub fn flag_label(flag: &Flag, k: &KpiProgress) -> String {
    if !flag.unexplained {
        return status_label(k);
    }
    let label = status_label(k);
    let name = k.status.name();
    format!("{name}, unexplained{}", &label[name.len()..])
}

/// What `--fail-on` names flagged this KPI: `["off_track"]`, `["stale"]`, both.
pub fn reasons(flag: &Flag, k: &KpiProgress) -> Vec<&'static str> {
    let mut out = Vec::new();
    if flag.by_status {
        out.push(k.status.name());
    }
    if flag.unexplained {
        out.push("unexplained");
    }
    if flag.by_stale {
        out.push("stale");
    }
    if flag.by_preliminary {
        out.push("preliminary");
    }
    out
}

/// `latest 16件 (H30), target 21件 (R1)`: the latest figure and the target.
pub fn latest_and_target(kpi: &Kpi, k: &KpiProgress, style: &Style) -> String {
    let t = |x| style.lang.text(x);
    format!(
        "{} {}, {} {}",
        t(Text::Latest),
        style.latest(kpi, k),
        t(Text::Target),
        style.target(kpi, k)
    )
}

/// Every figure of a KPI, one `label: value` per entry, for a failure's detail.
pub fn figures(kpi: &Kpi, k: &KpiProgress, style: &Style) -> Vec<(&'static str, String)> {
    let t = |x| style.lang.text(x);
    vec![
        (t(Text::Status), status_label(k)),
        (
            t(Text::Baseline),
            style.point(kpi, k.decimals, kpi.baseline),
        ),
        (t(Text::Target), style.target(kpi, k)),
        (t(Text::Latest), style.latest(kpi, k)),
        (t(Text::Achievement), percent_or_dash(k.achievement)),
        (t(Text::Expected), percent_or_dash(k.expected)),
        (t(Text::Pace), percent_or_dash(k.pace)),
        (
            t(Text::Gap),
            k.gap
                .map_or("-".to_string(), |g| style.value(kpi, k.decimals, g)),
        ),
    ]
}
