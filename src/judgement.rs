//! The office's own judgement of a KPI (evaluation-cycle.md §3): `assessed`
//! and `reason` in `reviews/YEAR.toml`, printed after the computed status,
//! never in its place. Types and words only; `review` reads them and
//! `progress::judged` puts them beside each KPI's figures.

use crate::lang::Lang;
use crate::plan::GradeBand;
use crate::status::Status;

/// The judgement words of evaluation-cycle.md §3 (あきる野市's X, Y, Z).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    NotAssessable,
    NotStarted,
    Completed,
    Discontinued,
}

impl Judgement {
    pub const ALL: [Judgement; 4] = [
        Judgement::NotAssessable,
        Judgement::NotStarted,
        Judgement::Completed,
        Judgement::Discontinued,
    ];

    /// The name written in a review file (stable, as status names are).
    pub fn name(self) -> &'static str {
        match self {
            Judgement::NotAssessable => "not_assessable",
            Judgement::NotStarted => "not_started",
            Judgement::Completed => "completed",
            Judgement::Discontinued => "discontinued",
        }
    }

    pub fn word(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Ja, Judgement::NotAssessable) => "評価困難",
            (Lang::Ja, Judgement::NotStarted) => "未着手",
            (Lang::Ja, Judgement::Completed) => "完了",
            (Lang::Ja, Judgement::Discontinued) => "中止",
            (Lang::En, Judgement::NotAssessable) => "not assessable",
            (Lang::En, Judgement::NotStarted) => "not started",
            (Lang::En, Judgement::Completed) => "completed",
            (Lang::En, Judgement::Discontinued) => "discontinued",
        }
    }
}

/// What an `assessed` value names: one of the plan's grade labels (first,
/// as the plan's own scale), a status, or a judgement word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assessed {
    Grade(String),
    Status(Status),
    Judgement(Judgement),
}

/// An office's judgement of one KPI for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The value as the review file writes it (JSON `assessed.label`).
    pub label: String,
    pub assessed: Assessed,
    pub reason: String,
}

impl Assessment {
    /// The judgement as printed after the status: `B`, `順調` / `on track`,
    /// `評価困難` / `not assessable`.
    pub fn word(&self, lang: Lang) -> String {
        match &self.assessed {
            Assessed::Grade(label) => label.clone(),
            Assessed::Status(s) => lang.status(*s).to_string(),
            Assessed::Judgement(j) => j.word(lang).to_string(),
        }
    }
}

/// What `value` names, or `None` when it is none of the plan's grade
/// labels, the status names and the judgement words.
pub fn classify(value: &str, grades: &[GradeBand]) -> Option<Assessed> {
    if grades.iter().any(|g| g.label == value) {
        return Some(Assessed::Grade(value.to_string()));
    }
    if let Ok(s) = value.parse::<Status>() {
        return Some(Assessed::Status(s));
    }
    Judgement::ALL
        .into_iter()
        .find(|j| j.name() == value)
        .map(Assessed::Judgement)
}

/// Every value `assessed` may take in a plan with these grades, for an
/// error's hint: the labels, then the statuses, then the judgement words.
pub fn known_values(grades: &[GradeBand]) -> Vec<String> {
    let mut out: Vec<String> = grades.iter().map(|g| g.label.clone()).collect();
    out.extend(Status::ALL.iter().map(|s| s.name().to_string()));
    out.extend(Judgement::ALL.iter().map(|j| j.name().to_string()));
    out
}

/// The name of a status or judgement word written as it prints
/// (`評価困難`, `遅れ`, `not assessable`), for the hint of an error.
pub fn name_of_word(word: &str) -> Option<&'static str> {
    let trimmed = word.trim();
    for lang in [Lang::Ja, Lang::En] {
        if let Some(j) = Judgement::ALL.iter().find(|j| j.word(lang) == trimmed) {
            return Some(j.name());
        }
        if let Some(s) = Status::ALL.iter().find(|s| lang.status(**s) == trimmed) {
            return Some(s.name());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(label: &str) -> GradeBand {
        GradeBand {
            label: label.to_string(),
            status: None,
            conditions: Vec::new(),
        }
    }

    #[test]
    fn a_value_is_a_grade_then_a_status_then_a_judgement_word() {
        let grades = [band("A"), band("B"), band("completed")];
        assert_eq!(classify("B", &grades), Some(Assessed::Grade("B".into())));
        assert_eq!(
            classify("off_track", &grades),
            Some(Assessed::Status(Status::OffTrack))
        );
        assert_eq!(
            classify("not_started", &grades),
            Some(Assessed::Judgement(Judgement::NotStarted))
        );
        // The plan's own label wins over a judgement word of the same name.
        assert_eq!(
            classify("completed", &grades),
            Some(Assessed::Grade("completed".into()))
        );
        assert_eq!(classify("C", &grades), None);
        assert_eq!(classify("b", &grades), None);
        assert_eq!(classify("評価困難", &grades), None);
    }

    #[test]
    fn printed_words_name_their_value() {
        assert_eq!(name_of_word("評価困難"), Some("not_assessable"));
        assert_eq!(name_of_word("中止"), Some("discontinued"));
        assert_eq!(name_of_word("遅れ"), Some("off_track"));
        assert_eq!(name_of_word("not started"), Some("not_started"));
        assert_eq!(name_of_word("X"), None);
        let a = Assessment {
            label: "not_assessable".into(),
            assessed: Assessed::Judgement(Judgement::NotAssessable),
            reason: "r".into(),
        };
        assert_eq!(a.word(Lang::Ja), "評価困難");
        assert_eq!(a.word(Lang::En), "not assessable");
    }
}
