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
    let source = source::read_file(path, limits.max_bytes)?;
    let parsed = parse::parse(&source)?;
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

/// The model learned from the manifest's earlier editions. An edition with
/// the symbol of the document being compiled is refused: a model must not
/// learn the answers it is asked for.
pub fn learn(manifest: &Manifest, limits: Limits) -> Result<Option<Model>, Diagnostic> {
    let rules = manifest.chapter_rules();
    let mut all = Vec::new();
    let mut names = Vec::new();
    for edition in &manifest.classification.editions {
        let path = manifest.resolve(edition);
        let compiled = read_edition(&path, &rules, limits)?;
        if !compiled.front.symbol.is_empty() && compiled.front.symbol == manifest.document.symbol {
            return Err(Diagnostic::error(
                &manifest.path,
                1,
                1,
                format!(
                    "{} is the edition being compiled; the model cannot learn from it",
                    path.display()
                ),
            ));
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
        Some(m) => m.chapter_rules(),
        None => crate::manifest::default_chapters(&language),
    };
    let classifier = Classifier {
        chapters: &rules,
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
    if paths.is_empty() {
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
    let model = learn(manifest, limits)?;
    classify(&mut extractions, Some(manifest), model.as_ref(), &[])?;
    let recommendations: Vec<Recommendation> = extractions
        .iter()
        .flat_map(|e| e.recommendations.iter().cloned())
        .collect();
    let compilation = compile::compile(manifest, &recommendations)?;
    Ok(Compiled {
        compilation,
        extractions,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
