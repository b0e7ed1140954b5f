//! The JSON form of a report's extraction, as `recueil extract` prints it
//! and `recueil batch` writes it: stable field names that scripts rely on.

use crate::model::{Meeting, Recommendation, Report};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ReportOut<'a> {
    pub file: &'a str,
    pub symbol: Option<&'a str>,
    pub language: Option<&'a str>,
    pub meeting: Option<&'a Meeting>,
    pub recommendations: Vec<RecommendationOut<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RecommendationOut<'a> {
    /// `CTOC/COP/WG.7/2012/6, para. 3 b)`.
    pub source: String,
    pub paragraph: &'a str,
    pub line: usize,
    pub heading: Option<&'a str>,
    pub section: Option<&'a str>,
    pub confidence: Option<f64>,
    pub doubtful: bool,
    pub reason: Option<&'a str>,
    /// As the compilation prints it, sub-items inline after their labels.
    pub text: String,
}

pub fn report<'a>(report: &'a Report, recommendations: &'a [Recommendation]) -> ReportOut<'a> {
    ReportOut {
        file: &report.file,
        symbol: report.masthead.symbol.as_deref(),
        language: report.masthead.language.as_deref(),
        meeting: recommendations
            .first()
            .and_then(|r| r.meeting.as_ref())
            .or(report.meeting.as_ref()),
        recommendations: recommendations
            .iter()
            .map(|r| {
                let c = r.classification.as_ref();
                RecommendationOut {
                    source: format!("{}, para. {}", r.source.report, r.source.paragraph),
                    paragraph: &r.source.paragraph,
                    line: r.source.line,
                    heading: r.source.heading.as_deref(),
                    section: c.map(|c| c.section.as_str()),
                    confidence: c.map(|c| c.confidence),
                    doubtful: c.is_some_and(|c| c.doubtful),
                    reason: c.map(|c| c.reason.as_str()),
                    text: r.inline_text(),
                }
            })
            .collect(),
    }
}
