//! The seven statuses of progress.md, in rule order. Their names are a
//! stable contract: CI scripts and JSON consumers key on them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Status {
    NoData,
    Achieved,
    Missed,
    Worsening,
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Status {
    /// Every status in rule order (progress.md, "Status").
    pub const ALL: [Status; 7] = [
        Status::NoData,
        Status::Achieved,
        Status::Missed,
        Status::Worsening,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
    ];

    /// The order roll-up counts are printed in, best first (as in cli.md's JSON).
    pub const COUNT_ORDER: [Status; 7] = [
        Status::Achieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Worsening,
        Status::Missed,
        Status::NoData,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::NoData => "no_data",
            Status::Achieved => "achieved",
            Status::Missed => "missed",
            Status::Worsening => "worsening",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
                format!("unknown status `{s}` (one of {})", names.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for st in Status::ALL {
            assert_eq!(st.name().parse::<Status>(), Ok(st));
        }
        assert!("on-track".parse::<Status>().is_err());
    }
}
