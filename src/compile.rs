//! The consolidated document: the introduction, then each chapter with one
//! subheading per meeting that has recommendations in it, numbered
//! consecutively through the whole document. Every recommendation taken in
//! comes out exactly once, or the compilation fails saying which.

use crate::diagnostic::Diagnostic;
use crate::language;
use crate::manifest::Manifest;
use crate::model::{
    Classification, Compilation, CompiledChapter, Doubt, IntroductionChapter, Meeting,
    MeetingGroup, MeetingRecommendations, NumberedParagraph, ParagraphRef, Recommendation,
};
use std::collections::BTreeMap;

/// Compiles classified recommendations, by meeting, into the document the
/// manifest describes.
pub fn compile(
    manifest: &Manifest,
    input: &[MeetingRecommendations],
) -> Result<Compilation, Diagnostic> {
    let lang = language::get(manifest.document.language.as_str()).ok_or_else(|| {
        Diagnostic::error(
            &manifest.path,
            1,
            1,
            format!("unknown language `{}`", manifest.document.language),
        )
    })?;
    let mut number = 0u32;
    let mut next = || {
        number += 1;
        number
    };
    let introduction = IntroductionChapter {
        numeral: lang.chapter_numeral(1),
        title: manifest
            .introduction
            .title
            .clone()
            .unwrap_or_else(|| lang.introduction_title.clone()),
        paragraphs: manifest
            .introduction
            .paragraphs
            .iter()
            .map(|text| NumberedParagraph {
                number: next(),
                text: crate::parse::squeeze(text),
                items: Vec::new(),
                source: None,
                classification: None,
            })
            .collect(),
    };
    let meetings = meetings_in_order(manifest, input)?;
    let mut chapters = Vec::new();
    for (i, spec) in manifest.chapters.iter().enumerate() {
        let mut groups = Vec::new();
        for meeting in &meetings {
            let mine: Vec<_> = input
                .iter()
                .filter(|g| g.meeting == *meeting)
                .flat_map(|g| {
                    g.recommendations
                        .iter()
                        .filter(|c| c.decision.chapter == spec.key)
                        .map(move |c| (c, &g.meeting_reason))
                })
                .collect();
            if mine.is_empty() {
                continue;
            }
            let ordinal = meeting
                .ordinal
                .expect("meetings_in_order checked every ordinal");
            let title = lang
                .meeting_heading(ordinal, &meeting.place, meeting.start, meeting.end)
                .ok_or_else(|| {
                    Diagnostic::error(
                        &manifest.path,
                        1,
                        1,
                        format!("no ordinal word for meeting {ordinal} in `{}`", lang.code),
                    )
                })?;
            groups.push(MeetingGroup {
                letter: lang.heading_letter(groups.len()),
                title,
                meeting: meeting.clone(),
                paragraphs: mine
                    .into_iter()
                    .map(|(c, meeting_reason)| NumberedParagraph {
                        number: next(),
                        text: c.recommendation.text.clone(),
                        items: c.recommendation.items.clone(),
                        source: Some(c.recommendation.source.clone()),
                        classification: Some(Classification {
                            chapter: c.decision.chapter.clone(),
                            confidence: c.decision.confidence,
                            reason: c.decision.reason.clone(),
                            doubtful: c.decision.doubtful,
                            meeting_reason: Some(meeting_reason.clone()),
                        }),
                    })
                    .collect(),
            });
        }
        chapters.push(CompiledChapter {
            key: spec.key.clone(),
            numeral: lang.chapter_numeral(i as u32 + 2),
            title: spec.title.clone(),
            groups,
        });
    }
    let review = chapters
        .iter()
        .flat_map(|c| c.groups.iter().flat_map(|g| g.paragraphs.iter()))
        .filter_map(|p| {
            let c = p.classification.as_ref().filter(|c| c.doubtful)?;
            Some(Doubt {
                number: p.number,
                source: p.source.clone()?,
                classification: c.clone(),
            })
        })
        .collect();
    let compilation = Compilation {
        language: lang.code.clone(),
        front: manifest.front_matter(),
        introduction,
        chapters,
        meetings,
        review,
    };
    check_conservation(
        &manifest.path,
        input
            .iter()
            .flat_map(|g| g.recommendations.iter().map(|c| &c.recommendation)),
        &compilation,
    )?;
    Ok(compilation)
}

/// The meetings of the recommendations, by ordinal; two reports of one
/// meeting, or a meeting without an ordinal, are errors.
fn meetings_in_order(
    manifest: &Manifest,
    input: &[MeetingRecommendations],
) -> Result<Vec<Meeting>, Diagnostic> {
    let mut by_ordinal: BTreeMap<u32, (&Meeting, &str)> = BTreeMap::new();
    let recs = input.iter().flat_map(|g| {
        g.recommendations
            .iter()
            .map(move |c| (&g.meeting, &c.recommendation))
    });
    for (meeting, r) in recs {
        let ordinal = meeting.ordinal.ok_or_else(|| {
            Diagnostic::error(
                &r.source.file,
                1,
                1,
                "cannot tell which meeting (first, second, …) this report is from",
            )
            .with_hint(format!(
                "add [[meetings]] report = \"{}\" ordinal = N to {}",
                r.source.report, manifest.path
            ))
        })?;
        match by_ordinal.get(&ordinal) {
            Some((known, report)) if *known != meeting || *report != r.source.report => {
                return Err(Diagnostic::error(
                    &r.source.file,
                    1,
                    1,
                    format!(
                        "meeting {ordinal} comes from two sources: {} and {}",
                        report, r.source.report
                    ),
                )
                .with_hint("a meeting's report can be compiled only once"));
            }
            Some(_) => {}
            None => {
                by_ordinal.insert(ordinal, (meeting, &r.source.report));
            }
        }
    }
    Ok(by_ordinal.into_values().map(|(m, _)| m.clone()).collect())
}

/// Every recommendation in is one numbered paragraph out, and no other.
pub fn check_conservation<'a>(
    path: &str,
    input: impl IntoIterator<Item = &'a Recommendation>,
    out: &Compilation,
) -> Result<(), Diagnostic> {
    let key = |s: &crate::model::Provenance| (s.report.clone(), s.paragraph.clone());
    let mut wanted: BTreeMap<(String, ParagraphRef), usize> = BTreeMap::new();
    for r in input {
        let n = wanted.entry(key(&r.source)).or_default();
        *n += 1;
        if *n > 1 {
            // Pointed at the second one, in its report where it has a line.
            let (file, line) = if r.source.line > 0 {
                (r.source.file.as_str(), r.source.line)
            } else {
                (path, 1)
            };
            return Err(Diagnostic::error(
                file,
                line,
                1,
                format!(
                    "recommendation {} para. {} was given more than once",
                    r.source.report, r.source.paragraph
                ),
            )
            .with_hint("is the same report listed twice, or a paragraph number repeated?"));
        }
    }
    let mut seen: BTreeMap<(String, ParagraphRef), usize> = BTreeMap::new();
    for p in out.paragraphs().filter_map(|p| p.source.as_ref()) {
        *seen.entry(key(p)).or_default() += 1;
    }
    for (k, _) in wanted.iter() {
        if seen.get(k).copied().unwrap_or(0) != 1 {
            let n = seen.get(k).copied().unwrap_or(0);
            return Err(Diagnostic::error(
                path,
                1,
                1,
                format!(
                    "recommendation {} para. {} appears {n} times in the compilation, not once",
                    k.0, k.1
                ),
            ));
        }
    }
    if let Some((k, _)) = seen.iter().find(|(k, _)| !wanted.contains_key(*k)) {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            format!(
                "the compilation holds {} para. {}, which no report gave",
                k.0, k.1
            ),
        ));
    }
    Ok(())
}
