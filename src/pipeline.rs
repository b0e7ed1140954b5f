//! The stages put together: what the command line runs. Each function takes
//! paths and gives models, so that tests and other front ends can use the
//! pipeline without the command line.

use crate::classify::{self, meeting, Classifier, Example, Model};
use crate::diagnostic::Diagnostic;
use crate::manifest::{ChapterRules, Manifest};
use crate::model::{Compilation, Meeting, Recommendation, Report};
use crate::parse::compilation::ChapterName;
use crate::{compile, extract, parse, source};
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
                        heading: p.source.as_ref().and_then(|s| s.heading.clone()),
                        chapter: c.key.clone(),
                    }
                })
            })
        })
        .collect()
}

/// Gives each example the heading it stood under in its report, when one of
/// the reports holds the same text; returns how many were found. An
/// edition's text does not carry its reports' headings.
pub fn attach_headings(examples: &mut [Example], reports: &[Extraction]) -> usize {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let headings: std::collections::BTreeMap<String, String> = reports
        .iter()
        .flat_map(|e| &e.recommendations)
        .filter_map(|r| Some((squeeze(&r.inline_text()), r.source.heading.clone()?)))
        .collect();
    let mut found = 0;
    for e in examples.iter_mut().filter(|e| e.heading.is_none()) {
        if let Some(h) = headings.get(&squeeze(&e.text)) {
            e.heading = Some(h.clone());
            found += 1;
        }
    }
    found
}

/// What a model may learn from before the reports are read: the
/// recommendations of the manifest's earlier editions, and the model
/// learned from them alone.
#[derive(Debug, Clone, Default)]
pub struct Learning {
    pub examples: Vec<Example>,
    /// The editions, named for reasons.
    pub source: String,
    pub model: Option<Model>,
}

/// What the manifest's earlier editions teach. An edition that is the
/// document being compiled (same symbol), or that already holds a meeting
/// of the reports being compiled, is refused: a model must not learn the
/// answers it is asked for.
pub fn learn(
    manifest: &Manifest,
    limits: Limits,
    compiling: &[Meeting],
) -> Result<Learning, Diagnostic> {
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
    let source = names.join(", ");
    let model = Model::train(&all, &classify::keywords(&rules), &source);
    Ok(Learning {
        examples: all,
        source,
        model,
    })
}

/// Settles meetings and chapters for the recommendations of each report.
/// Each report's model learns from the earlier editions and from the
/// recommendations that overrides and clear heading rules placed in the
/// other reports, never from the report's own.
pub fn classify(
    extractions: &mut [Extraction],
    manifest: Option<&Manifest>,
    learning: Option<&Learning>,
    known_meetings: &[Meeting],
) -> Result<(), Diagnostic> {
    let language = extractions
        .first()
        .and_then(|e| e.report.masthead.language.clone())
        .unwrap_or_else(|| "fr".into());
    let rules = match manifest {
        Some(m) => m.chapter_rules(),
        None => crate::manifest::default_chapters(&language),
    };
    let overrides = manifest.map_or(&[][..], |m| &m.overrides);
    if let Some(m) = manifest {
        let recs: Vec<&Recommendation> = extractions
            .iter()
            .flat_map(|e| &e.recommendations)
            .collect();
        let symbols: Vec<String> = recs.iter().map(|r| r.source.report.clone()).collect();
        classify::overrides::check(overrides, &recs, &symbols, false, &m.path)?;
    }
    let doubt_below = manifest.map_or(0.75, |m| m.classification.doubt_below);
    let settler = Classifier {
        chapters: &rules,
        overrides,
        model: None,
        doubt_below,
    };
    let settled: Vec<Vec<Example>> = extractions
        .iter()
        .map(|e| {
            e.recommendations
                .iter()
                .filter_map(|r| {
                    Some(Example {
                        text: r.inline_text(),
                        heading: r.source.heading.clone(),
                        chapter: settler.settled(r)?,
                    })
                })
                .collect()
        })
        .collect();
    let keywords = classify::keywords(&rules);
    let reports: Vec<&Report> = extractions.iter().map(|e| &e.report).collect();
    let decisions = meeting::assign(
        &reports,
        manifest.map_or(&[], |m| &m.meetings),
        known_meetings,
    )?;
    for (i, (e, decision)) in extractions.iter_mut().zip(decisions).enumerate() {
        let others: Vec<Example> = settled
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .flat_map(|(_, s)| s.iter().cloned())
            .collect();
        let own_model;
        let model = if others.is_empty() {
            learning.and_then(|l| l.model.as_ref())
        } else {
            let mut all = learning.map_or_else(Vec::new, |l| l.examples.clone());
            let placed = format!(
                "recommendations placed by overrides and heading rules in the other reports ({})",
                others.len()
            );
            let source = match learning.filter(|l| !l.source.is_empty()) {
                Some(l) => format!("{} and {placed}", l.source),
                None => placed,
            };
            all.extend(others);
            own_model = Model::train(&all, &keywords, &source);
            own_model.as_ref()
        };
        for rec in &mut e.recommendations {
            rec.meeting = Some(decision.meeting.clone());
        }
        let classifier = Classifier {
            chapters: &rules,
            overrides,
            model,
            doubt_below,
        };
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
        let e = read_report(path, limits)?;
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
    let learning = learn(manifest, limits, &compiling)?;
    let known: Vec<Meeting> = base
        .as_ref()
        .map(|(_, e, _)| e.meetings.clone())
        .unwrap_or_default();
    classify(&mut extractions, Some(manifest), Some(&learning), &known)?;
    let recs: Vec<&Recommendation> = extractions
        .iter()
        .flat_map(|e| &e.recommendations)
        .collect();
    let symbols: Vec<String> = extractions
        .iter()
        .filter_map(|e| e.recommendations.first())
        .map(|r| r.source.report.clone())
        .collect();
    classify::overrides::check(&manifest.overrides, &recs, &symbols, true, &manifest.path)?;
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
