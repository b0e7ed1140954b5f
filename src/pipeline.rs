//! The stages put together: what the command line runs. Each function takes
//! paths and gives models, so that tests and other front ends can use the
//! pipeline without the command line.

use crate::classify::{self, meeting, Classifier, Example, Model};
use crate::diagnostic::Diagnostic;
use crate::manifest::{ChapterRules, Manifest};
use crate::model::{Compilation, Meeting, Recommendation, Report};
use crate::parse::compilation::ChapterName;
use crate::{compile, extract, parse, source};
use rayon::prelude::*;
use std::borrow::Cow;
use std::path::Path;

/// Limits that protect the machine from unreasonable inputs.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: source::DEFAULT_MAX_BYTES,
        }
    }
}

/// A report read and its recommendations drawn out, not yet classified.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub report: Report,
    pub recommendations: Vec<Recommendation>,
    pub warnings: Vec<Diagnostic>,
}

pub fn read_report(path: &Path, limits: Limits) -> Result<Extraction, Diagnostic> {
    let source = source::read_file(path, limits.max_bytes)?;
    let parsed = parse::parse(&source)?;
    let recommendations = extract::extract(&parsed.report)?;
    Ok(Extraction {
        report: parsed.report,
        recommendations,
        warnings: parsed.warnings,
    })
}

/// Reads a published compilation (text drawn from its PDF) back into the
/// compiled model, naming its chapters by the given titles.
pub fn read_edition(
    path: &Path,
    chapters: &[ChapterRules],
    limits: Limits,
) -> Result<Compilation, Diagnostic> {
    edition_from_source(&source::read_file(path, limits.max_bytes)?, chapters)
}

fn edition_from_source(
    source: &source::Source,
    chapters: &[ChapterRules],
) -> Result<Compilation, Diagnostic> {
    let parsed = parse::parse(source)?;
    let names: Vec<ChapterName> = chapters
        .iter()
        .map(|c| ChapterName {
            key: c.key.clone(),
            title: c.title.clone(),
        })
        .collect();
    parse::compilation::read(&parsed.report, &names)
}

/// The recommendations of an edition as examples to learn from.
pub fn examples(edition: &Compilation) -> Vec<Example> {
    edition
        .chapters
        .iter()
        .flat_map(|c| {
            c.groups.iter().flat_map(move |g| {
                g.paragraphs.iter().map(move |p| {
                    let mut text = p.text.clone();
                    crate::model::push_items_inline(&mut text, &p.items);
                    Example {
                        text,
                        chapter: c.key.clone(),
                    }
                })
            })
        })
        .collect()
}

/// The model learned from the manifest's earlier editions. An edition that
/// is the document being compiled (same symbol), or that already holds a
/// meeting of the reports being compiled, is refused: a model must not
/// learn the answers it is asked for.
pub fn learn(
    manifest: &Manifest,
    limits: Limits,
    compiling: &[Meeting],
) -> Result<Option<Model>, Diagnostic> {
    let rules = manifest.chapter_rules();
    let mut all = Vec::new();
    let mut names = Vec::new();
    for edition in &manifest.classification.editions {
        let path = manifest.resolve(edition);
        let compiled = read_any_edition(&path, &rules, limits)?;
        let same_symbol =
            !compiled.front.symbol.is_empty() && compiled.front.symbol == manifest.document.symbol;
        let shared = compiled
            .meetings
            .iter()
            .find(|m| compiling.iter().any(|c| c.start == m.start));
        if same_symbol || shared.is_some() {
            let why = match shared {
                Some(m) => format!("it already holds the meeting of {} being compiled", m.start),
                None => format!(
                    "it is {}, the edition being compiled",
                    manifest.document.symbol
                ),
            };
            return Err(Diagnostic::error(
                &manifest.path,
                1,
                1,
                format!("the model cannot learn from {}: {why}", path.display()),
            )
            .with_hint("list under classification.editions only earlier editions"));
        }
        names.push(path.display().to_string());
        all.extend(examples(&compiled));
    }
    Ok(Model::train(&all, &names.join(", ")))
}

/// Settles meetings and chapters for the recommendations of each report.
pub fn classify(
    extractions: &mut [Extraction],
    manifest: Option<&Manifest>,
    model: Option<&Model>,
    known_meetings: &[Meeting],
) -> Result<(), Diagnostic> {
    let language = extractions
        .first()
        .and_then(|e| e.report.masthead.language.clone())
        .unwrap_or_else(|| "fr".into());
    let rules = match manifest {
        Some(m) => Cow::Owned(m.chapter_rules()),
        None => Cow::Borrowed(crate::manifest::default_rules(&language)),
    };
    classify_with_rules(extractions, manifest, &rules, model, known_meetings)
}

/// [`classify`] with the manifest's chapter rules already compiled, for
/// callers that classify report after report with the same rules.
pub fn classify_with_rules(
    extractions: &mut [Extraction],
    manifest: Option<&Manifest>,
    rules: &[ChapterRules],
    model: Option<&Model>,
    known_meetings: &[Meeting],
) -> Result<(), Diagnostic> {
    let classifier = Classifier {
        chapters: rules,
        overrides: manifest.map_or(&[], |m| &m.overrides),
        model,
        doubt_below: manifest.map_or(0.75, |m| m.classification.doubt_below),
    };
    let reports: Vec<&Report> = extractions.iter().map(|e| &e.report).collect();
    let decisions = meeting::assign(
        &reports,
        manifest.map_or(&[], |m| &m.meetings),
        known_meetings,
    )?;
    for (e, decision) in extractions.iter_mut().zip(decisions) {
        for rec in &mut e.recommendations {
            rec.meeting = Some(decision.meeting.clone());
        }
        classify::classify_all(&mut e.recommendations, &classifier);
        for rec in &mut e.recommendations {
            if let Some(c) = &mut rec.classification {
                c.meeting_reason = Some(decision.reason.clone());
            }
        }
    }
    Ok(())
}

/// The outcome of a compile run.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub compilation: Compilation,
    pub extractions: Vec<Extraction>,
}

/// Reads every report of the manifest plus `extra`, and compiles them.
pub fn compile_manifest(
    manifest: &Manifest,
    extra: &[&Path],
    limits: Limits,
    mut progress: impl FnMut(&str),
) -> Result<Compiled, Diagnostic> {
    let mut paths: Vec<std::path::PathBuf> = manifest
        .reports
        .iter()
        .map(|r| manifest.resolve(&r.path))
        .collect();
    paths.extend(extra.iter().map(|p| p.to_path_buf()));
    let base = match &manifest.document.base_edition {
        Some(b) => {
            let path = manifest.resolve(b);
            let edition = read_any_edition(&path, &manifest.chapter_rules(), limits)?;
            let kept = edition_recommendations(&edition, &path.display().to_string());
            progress(&format!(
                "read base edition {}: {} recommendations, {} meetings",
                path.display(),
                kept.len(),
                edition.meetings.len()
            ));
            Some((path, edition, kept))
        }
        None => None,
    };
    if paths.is_empty() && base.is_none() {
        return Err(
            Diagnostic::error(&manifest.path, 1, 1, "no report to compile")
                .with_hint("list reports under [[reports]] or give --report FILE"),
        );
    }
    // Reports are read on every core at once; what is said about them, and
    // the first error, come in the manifest's order all the same.
    let mut read: Vec<_> = paths
        .par_iter()
        .map(|path| Some(read_report(path, limits)))
        .collect();
    let mut extractions = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        if paths[..i].iter().any(|p| same_file(p, path)) {
            return Err(Diagnostic::error(
                path.display().to_string(),
                1,
                1,
                "this report is given twice",
            ));
        }
        let e = read[i].take().expect("each report is read once")?;
        progress(&format!(
            "read {}: {} recommendations",
            path.display(),
            e.recommendations.len()
        ));
        extractions.push(e);
    }
    if let Some((path, edition, _)) = &base {
        for e in &extractions {
            check_new_meeting(e, path, edition)?;
        }
    }
    let compiling: Vec<Meeting> = extractions
        .iter()
        .filter_map(|e| e.report.meeting.clone())
        .collect();
    let model = learn(manifest, limits, &compiling)?;
    let known: Vec<Meeting> = base
        .as_ref()
        .map(|(_, e, _)| e.meetings.clone())
        .unwrap_or_default();
    classify(&mut extractions, Some(manifest), model.as_ref(), &known)?;
    let mut recommendations = base.map(|(_, _, kept)| kept).unwrap_or_default();
    recommendations.extend(
        extractions
            .iter()
            .flat_map(|e| e.recommendations.iter().cloned()),
    );
    let compilation = compile::compile(manifest, &recommendations)?;
    Ok(Compiled {
        compilation,
        extractions,
    })
}

/// A report must bring a meeting the base edition does not have.
fn check_new_meeting(
    e: &Extraction,
    base_path: &Path,
    base: &Compilation,
) -> Result<(), Diagnostic> {
    let Some(meeting) = e.recommendations.first().and_then(|r| r.meeting.as_ref()) else {
        return Ok(());
    };
    if let Some(known) = base
        .meetings
        .iter()
        .find(|m| m.start == meeting.start || (m.ordinal.is_some() && m.ordinal == meeting.ordinal))
    {
        return Err(Diagnostic::error(
            &e.report.file,
            1,
            1,
            format!(
                "this report's meeting (held {} to {}) is already in the base edition {} (meeting {} held {} to {})",
                meeting.start,
                meeting.end,
                base_path.display(),
                known.ordinal.map_or("?".to_string(), |o| o.to_string()),
                known.start,
                known.end
            ),
        )
        .with_hint("a base edition is continued only with the reports of later meetings"));
    }
    Ok(())
}

/// Reads an edition in any form: the JSON recueil writes, or the text of a
/// published compilation. Told apart by content, not by name.
pub fn read_any_edition(
    path: &Path,
    chapters: &[ChapterRules],
    limits: Limits,
) -> Result<Compilation, Diagnostic> {
    let name = path.display().to_string();
    let bytes = source::read_bytes(path, limits.max_bytes)?;
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if bytes[start..].starts_with(b"{") {
        return crate::render::json::read(&bytes).map_err(|e| {
            Diagnostic::error(
                &name,
                e.line(),
                e.column(),
                format!("not a compilation recueil wrote: {e}"),
            )
        });
    }
    edition_from_source(
        &source::from_any(&name, &bytes, limits.max_bytes)?,
        chapters,
    )
}

/// The recommendations of an edition, kept where and as it published them.
pub fn edition_recommendations(edition: &Compilation, name: &str) -> Vec<Recommendation> {
    let symbol = if edition.front.symbol.is_empty() {
        name
    } else {
        &edition.front.symbol
    };
    let mut out = Vec::new();
    for chapter in &edition.chapters {
        for group in &chapter.groups {
            for p in &group.paragraphs {
                out.push(Recommendation {
                    source: p
                        .source
                        .clone()
                        .unwrap_or_else(|| crate::model::Provenance {
                            file: name.to_string(),
                            report: symbol.to_string(),
                            paragraph: p.number.to_string(),
                            line: 0,
                            heading: None,
                        }),
                    text: p.text.clone(),
                    items: p.items.clone(),
                    meeting: Some(group.meeting.clone()),
                    classification: Some(crate::model::Classification {
                        section: chapter.key.clone(),
                        confidence: 1.0,
                        reason: format!("paragraph {} of the base edition {symbol}", p.number),
                        doubtful: false,
                        meeting_reason: Some(format!(
                            "subheading {} of chapter {} in the base edition",
                            group.letter, chapter.numeral
                        )),
                    }),
                });
            }
        }
    }
    out
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
