//! The JSON form of a report's extraction, as `recueil extract` prints it
//! and `recueil batch` writes it: stable field names that scripts rely on.

use crate::model::{LanguageTag, Meeting, MeetingRecommendations, Report};
use rayon::prelude::*;
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
    pub paragraph: String,
    pub line: usize,
    pub heading: Option<&'a str>,
    pub section: Option<&'a str>,
    pub confidence: Option<f64>,
    pub doubtful: bool,
    pub reason: Option<&'a str>,
    /// As the compilation prints it, sub-items inline after their labels.
    pub text: String,
}

pub fn report<'a>(report: &'a Report, classified: &'a MeetingRecommendations) -> ReportOut<'a> {
    ReportOut {
        file: &report.file,
        symbol: report.masthead.symbol.as_deref(),
        language: report.masthead.language.as_ref().map(LanguageTag::as_str),
        meeting: Some(&classified.meeting),
        // A big report's texts are put together on every core; the order
        // is kept.
        recommendations: classified
            .recommendations
            .par_iter()
            .with_min_len(256)
            .map(|c| {
                let (r, d) = (&c.recommendation, &c.decision);
                RecommendationOut {
                    source: format!("{}, para. {}", r.source.report, r.source.paragraph),
                    paragraph: r.source.paragraph.to_string(),
                    line: r.source.line,
                    heading: r.source.heading.as_deref(),
                    section: Some(d.chapter.as_str()),
                    confidence: Some(d.confidence),
                    doubtful: d.doubtful,
                    reason: Some(d.reason.as_str()),
                    text: r.inline_text(),
                }
            })
            .collect(),
    }
}
