//! A status shown by more than its colour: a shape people can tell apart in
//! black and white, and a colour from the Okabe–Ito palette, which readers
//! with the common colour-vision deficiencies can tell apart.
//!
//! The shapes follow the marks Japanese evaluations print (◎ ○ △ ×), with a
//! filled triangle for off track and a falling one for worsening.

use crate::status::Status;

pub fn glyph(status: Status) -> &'static str {
    match status {
        Status::Achieved => "◎",
        Status::OnTrack => "○",
        Status::AtRisk => "△",
        Status::OffTrack => "▲",
        Status::Worsening => "▼",
        Status::Missed => "×",
        Status::NoData => "－",
    }
}

/// The shape in ASCII (`--ascii`): a letter per status, since the shapes
/// are ambiguous-width characters that CJK terminals draw two columns wide.
pub fn glyph_ascii(status: Status) -> &'static str {
    match status {
        Status::Achieved => "A",
        Status::OnTrack => "O",
        Status::AtRisk => "R",
        Status::OffTrack => "F",
        Status::Worsening => "W",
        Status::Missed => "M",
        Status::NoData => "-",
    }
}

/// The shape for a style: `glyph`, or `glyph_ascii` under `--ascii`.
pub fn glyph_for(status: Status, ascii: bool) -> &'static str {
    if ascii {
        glyph_ascii(status)
    } else {
        glyph(status)
    }
}

/// The status colour (Okabe & Ito 2008; grey for no data, which is no verdict).
pub fn colour(status: Status) -> &'static str {
    match status {
        Status::Achieved => "#009E73",
        Status::OnTrack => "#0072B2",
        Status::AtRisk => "#E69F00",
        Status::OffTrack => "#D55E00",
        Status::Worsening => "#CC79A7",
        Status::Missed => "#000000",
        Status::NoData => "#BBBBBB",
    }
}

/// Text colour that reads on `colour(status)`.
pub fn ink(status: Status) -> &'static str {
    match status {
        Status::AtRisk | Status::NoData | Status::Worsening => "#000000",
        _ => "#FFFFFF",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_shape_and_colour() {
        let shapes: std::collections::BTreeSet<_> = Status::ALL.iter().map(|s| glyph(*s)).collect();
        let colours: std::collections::BTreeSet<_> =
            Status::ALL.iter().map(|s| colour(*s)).collect();
        assert_eq!(shapes.len(), Status::ALL.len());
        assert_eq!(colours.len(), Status::ALL.len());
    }
}
