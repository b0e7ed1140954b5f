//! The stages put together: what the command line runs. Each function takes
//! paths and gives models, so that tests and other front ends can use the
//! pipeline without the command line.

use crate::classify::{self, meeting, Classifier, Example, Model};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::manifest::{ChapterRules, Manifest};
use crate::model::{
    ChapterKey, Classified, Compilation, Decision, Meeting, MeetingRecommendations, ParagraphRef,
    Provenance, Recommendation, Report,
};
use crate::parse::compilation::ChapterName;
use crate::{compile, extract, parse, source};
use rayon::prelude::*;
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
    /// The report's text, for the snippets of diagnostics found later.
    pub text: SourceText,
    /// The report's lines as read. They are kept as long as the
    /// extraction: a big report has tens of thousands (a 2 MB one, 37,000),
    /// and freeing them one by one as it was made took 1.4 ms. A run that
    /// ends once it has written leaves them to the system.
    pub lines: Vec<crate::source::Line>,
}

/// Gives a diagnostic about one of the reports read the report's text.
fn locate(extractions: &[Extraction], diagnostic: Diagnostic) -> Diagnostic {
    match extractions
        .iter()
        .find(|e| e.report.file == diagnostic.path)
    {
        Some(e) => diagnostic.in_source(&e.report.file, &e.text),
        None => diagnostic,
    }
}

pub fn read_report(path: &Path, limits: Limits) -> Result<Extraction, Diagnostic> {
    read_report_in(path, limits, &[])
}

/// A report read with the chapters that hold recommendations told by
/// title patterns (a manifest's), or by the language when there are none.
pub fn read_report_in(
    path: &Path,
    limits: Limits,
    chapters: &[regex::Regex],
) -> Result<Extraction, Diagnostic> {
    extraction_of(source::read_file(path, limits.max_bytes)?, chapters, |_| {})
}

/// What `read_report_in` gives, from the report's text already read;
/// `long_parsed` hears of a long report as soon as it is parsed.
fn extraction_of(
    source: source::Source,
    chapters: &[regex::Regex],
    long_parsed: impl FnOnce(&Report),
) -> Result<Extraction, Diagnostic> {
    let parsed = parse::parse(&source)?;
    if source.is_long() {
        long_parsed(&parsed.report);
    }
    let (recommendations, noticed) =
        extract::extract_from(&parsed.report, chapters).map_err(|d| source.locate(d))?;
    let mut warnings = parsed.warnings;
    warnings.extend(noticed.into_iter().map(|w| source.locate(w)));
    warnings.sort_by_key(|w| w.line);
    Ok(Extraction {
        report: parsed.report,
        recommendations,
        warnings,
        text: source.text,
        lines: source.lines,
    })
}

/// Reads reports and classifies their recommendations, with the manifest's
/// chapters and model if one is given; `warn` hears each report's warnings
/// as it is read.
pub fn extract_reports(
    paths: &[std::path::PathBuf],
    manifest: Option<&Manifest>,
    limits: Limits,
    mut warn: impl FnMut(&Diagnostic),
) -> Result<(Vec<Extraction>, Vec<MeetingRecommendations>), Diagnostic> {
    let mut extractions = Vec::new();
    let chapters = manifest
        .map(Manifest::recommendation_chapters)
        .unwrap_or_default();
    // A long report's keywords are made ready to be searched while its
    // recommendations are drawn out.
    let prepare = |report: &Report| {
        let language = report.masthead.language.as_ref();
        if let Some(language) = language.and_then(|l| crate::language::get(l.as_str())) {
            classify::prepare_aside(crate::manifest::shared_chapter_rules(manifest, language));
        }
    };
    for path in paths {
        let source = source::read_file(path, limits.max_bytes)?;
        let e = extraction_of(source, &chapters, prepare)?;
        e.warnings.iter().for_each(&mut warn);
        extractions.push(e);
    }
    let meetings: Vec<Meeting> = extractions
        .iter()
        .filter_map(|e| e.report.meeting.clone())
        .collect();
    let learning = match manifest {
        Some(m) => {
            let mut learning = learn(m, limits, &meetings)?;
            learn_from_manifest_reports(m, paths, &extractions, limits, &mut learning)?;
            Some(learning)
        }
        None => None,
    };
    let classified = classify(&extractions, manifest, learning.as_ref(), &[])?;
    Ok((extractions, classified))
}

/// Reports read on their own with a manifest learn also from what its
/// overrides and clear heading rules place in the manifest's reports, as
/// compiling them together would. A manifest report that is one of those
/// read, or holds the same meeting, teaches nothing: its answers are the
/// ones asked for.
fn learn_from_manifest_reports(
    manifest: &Manifest,
    paths: &[std::path::PathBuf],
    extractions: &[Extraction],
    limits: Limits,
    learning: &mut Learning,
) -> Result<(), Diagnostic> {
    let rules = manifest.chapter_rules();
    let settler = Classifier::new(
        &rules,
        &manifest.overrides,
        None,
        manifest.classification.doubt_below,
    );
    let chapters = manifest.recommendation_chapters();
    let mut placed = Vec::new();
    for spec in &manifest.reports {
        let path = manifest.resolve(&spec.path);
        if paths.iter().any(|p| same_file(p, &path)) {
            continue;
        }
        let other = read_report_in(&path, limits, &chapters)?;
        let same = extractions.iter().any(|e| {
            e.report.masthead.symbol.is_some()
                && e.report.masthead.symbol == other.report.masthead.symbol
                || e.report
                    .meeting
                    .as_ref()
                    .zip(other.report.meeting.as_ref())
                    .is_some_and(|(a, b)| a.start == b.start)
        });
        if same {
            continue;
        }
        placed.extend(other.recommendations.iter().filter_map(|r| {
            Some(Example {
                text: r.inline_text().into_owned(),
                heading: r.source.heading.clone(),
                chapter: settler.settled(r)?,
            })
        }));
    }
    if placed.is_empty() {
        return Ok(());
    }
    let what = format!(
        "the manifest's reports ({} placed by overrides and heading rules)",
        placed.len()
    );
    learning.source = if learning.source.is_empty() {
        what
    } else {
        format!("{} and {what}", learning.source)
    };
    learning.examples.extend(placed);
    learning.model = Model::train(
        &learning.examples,
        &classify::keywords(&rules),
        &learning.source,
    );
    Ok(())
}

/// How well the model places an edition's recommendations, each by a
/// model learned from all the others (leave-one-out): accuracy, accuracy
/// per confidence band, confusion matrix and misses, as `recueil evaluate`
/// prints them. The manifest's reports, if any, give each recommendation
/// the report heading it stood under (an edition's text does not say).
pub fn evaluate(
    edition: &Compilation,
    manifest: Option<&Manifest>,
    rules: &[ChapterRules],
    limits: Limits,
) -> Result<String, Diagnostic> {
    use std::fmt::Write;
    let mut examples = examples(edition);
    let numbers: Vec<u32> = edition
        .chapters
        .iter()
        .flat_map(|c| c.groups.iter().flat_map(|g| g.paragraphs.iter()))
        .map(|p| p.number)
        .collect();
    let mut headings = 0;
    if let Some(m) = manifest {
        let reports = m
            .reports
            .iter()
            .map(|r| read_report(&m.resolve(&r.path), limits))
            .collect::<Result<Vec<_>, _>>()?;
        headings = attach_headings(&mut examples, &reports);
    }
    let keywords = classify::keywords(rules);
    let order: Vec<ChapterKey> = rules.iter().map(|r| r.key.clone()).collect();
    let doubt_below = manifest.map_or(0.75, |m| m.classification.doubt_below);
    let e = classify::evaluate::evaluate(&examples, &order, &keywords);
    let percent = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "leave-one-out accuracy: {}/{} = {:.1}% (text, keywords and report heading, found for {headings} of {})",
        e.correct,
        e.total,
        100.0 * e.accuracy(),
        e.total
    );
    let (sure, right) = e.above(doubt_below, &examples);
    let _ = writeln!(
        out,
        "placed without review (p >= {doubt_below}): {sure}, of which {right} right ({:.1}%); {} flagged for review",
        percent(right, sure),
        e.total - sure
    );
    let _ = writeln!(out, "accuracy per confidence band:");
    out.push_str(&e.band_lines());
    let _ = writeln!(out, "confusion matrix:");
    out.push_str(&e.matrix());
    let _ = writeln!(out, "misses:");
    for (i, (x, h)) in examples.iter().zip(&e.held).enumerate() {
        if h.chapter != x.chapter {
            let _ = writeln!(
                out,
                "  paragraph {}: {} predicted (p = {:.2}), {} published",
                numbers[i], h.chapter, h.probability, x.chapter
            );
        }
    }
    if headings > 0 {
        let bare: Vec<Example> = examples
            .iter()
            .cloned()
            .map(|mut x| {
                x.heading = None;
                x
            })
            .collect();
        let t = classify::evaluate::evaluate(&bare, &order, &keywords);
        let (sure, right) = t.above(doubt_below, &bare);
        let _ = writeln!(
            out,
            "text and keywords alone (a model learned from an edition's text): {}/{} = {:.1}%; placed without review: {sure}, of which {right} right",
            t.correct,
            t.total,
            100.0 * t.accuracy()
        );
        out.push_str(&t.band_lines());
    }
    Ok(out)
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
    parse::compilation::read(&parsed.report, &names).map_err(|d| source.locate(d))
}

/// The recommendations of an edition as examples to learn from.
pub(crate) fn examples(edition: &Compilation) -> Vec<Example> {
    edition
        .chapters
        .iter()
        .flat_map(|c| {
            c.groups.iter().flat_map(move |g| {
                g.paragraphs.iter().map(move |p| Example {
                    text: p.inline_text(),
                    heading: p.source.as_ref().and_then(|s| s.heading.clone()),
                    chapter: c.key.clone(),
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

/// Settles the meeting of each report and the chapter of each of its
/// recommendations: one result per extraction, in their order. Each
/// report's model learns from the earlier editions and from what overrides
/// and clear heading rules placed in the other reports, never from the
/// report's own recommendations.
pub fn classify(
    extractions: &[Extraction],
    manifest: Option<&Manifest>,
    learning: Option<&Learning>,
    known_meetings: &[Meeting],
) -> Result<Vec<MeetingRecommendations>, Diagnostic> {
    let language = extractions
        .first()
        .and_then(|e| e.report.masthead.language.as_ref())
        .and_then(|code| crate::language::get(code.as_str()))
        .unwrap_or_else(crate::language::fallback);
    let rules = crate::manifest::shared_chapter_rules(manifest, language);
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
    // What each report teaches the others' models: a lone report has no
    // other to teach.
    let settler =
        (extractions.len() > 1).then(|| Classifier::new(rules, overrides, None, doubt_below));
    let settled: Vec<Vec<Example>> = match &settler {
        None => vec![Vec::new()],
        Some(settler) => extractions
            .iter()
            .map(|e| {
                e.recommendations
                    .par_iter()
                    .filter_map(|r| {
                        Some(Example {
                            text: r.inline_text().into_owned(),
                            heading: r.source.heading.clone(),
                            chapter: settler.settled(r)?,
                        })
                    })
                    .collect()
            })
            .collect(),
    };
    let reports: Vec<&Report> = extractions.iter().map(|e| &e.report).collect();
    let decisions = meeting::assign(
        &reports,
        manifest.map_or(&[], |m| &m.meetings),
        known_meetings,
    )
    .map_err(|d| locate(extractions, d))?;
    // Every model of the run learns from these groups of examples: the
    // earlier editions', then each report's settled ones. They are read
    // once; each report's model is fitted on the groups it may see.
    let shared = learning.map_or(&[][..], |l| &l.examples[..]);
    let groups: Vec<&[Example]> = std::iter::once(shared)
        .chain(settled.iter().map(Vec::as_slice))
        .collect();
    let lessons = (settled.iter().filter(|s| !s.is_empty()).count() > 0)
        .then(|| classify::model::Lessons::new(&groups, &classify::keywords(rules)));
    // Reports are decided side by side, each by its own model; results
    // come in the reports' order.
    let out = extractions
        .par_iter()
        .zip(decisions)
        .enumerate()
        .map(|(i, (e, decision))| {
            let others: usize = settled
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, s)| s.len())
                .sum();
            let own_model;
            let model = match &lessons {
                Some(lessons) if others > 0 => {
                    let placed = format!(
                        "the other reports ({others} placed by overrides and heading rules)"
                    );
                    let source = match learning.filter(|l| !l.source.is_empty()) {
                        Some(l) => format!("{} and {placed}", l.source),
                        None => placed,
                    };
                    // Group 0 is the editions'; report j's is group j + 1.
                    let seen: Vec<usize> = (0..groups.len()).filter(|&g| g != i + 1).collect();
                    own_model = lessons.train(&seen, &source);
                    own_model.as_ref()
                }
                _ => learning.and_then(|l| l.model.as_ref()),
            };
            let classifier = Classifier::new(rules, overrides, model, doubt_below);
            // Each recommendation is decided on its own: on every core at
            // once, in pieces small enough that a core done with its own
            // report's model helps decide the other's recommendations.
            let recommendations = e
                .recommendations
                .par_chunks(16)
                .flat_map_iter(|chunk| classify::classify_all(chunk, &classifier))
                .collect();
            MeetingRecommendations {
                meeting: decision.meeting,
                meeting_reason: decision.reason,
                recommendations,
            }
        })
        .collect();
    Ok(out)
}

/// The outcome of a compile run.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub compilation: Compilation,
    pub extractions: Vec<Extraction>,
    /// What went into the compilation: the base edition's meetings, then
    /// the reports', classified.
    pub classified: Vec<MeetingRecommendations>,
}

impl Compiled {
    /// Gives a diagnostic about one of the reports compiled that report's
    /// text, so that it shows the lines it points at.
    pub fn locate(&self, diagnostic: Diagnostic) -> Diagnostic {
        locate(&self.extractions, diagnostic)
    }

    /// Fails at the first recommendation, in document order, that no rule
    /// or model could place (`--strict`).
    pub fn check_all_placed(&self) -> Result<(), Diagnostic> {
        let unplaced = self.compilation.paragraphs().find_map(|p| {
            let c = p.classification.as_ref()?;
            (c.confidence == 0.0).then_some(p.source.as_ref()?)
        });
        match unplaced {
            Some(s) => Err(self.locate(
                Diagnostic::error(
                    &s.file,
                    s.line,
                    1,
                    "no rule or model can place this recommendation (--strict)",
                )
                .with_hint(format!(
                    "add an [[overrides]] entry for report \"{}\" paragraph \"{}\"",
                    s.report, s.paragraph
                )),
            )),
            None => Ok(()),
        }
    }

    /// One line per decision a person should confirm, pointing at the
    /// report line the recommendation was read from.
    pub fn review_lines(&self) -> impl Iterator<Item = String> + '_ {
        self.compilation.review.iter().map(|d| {
            let text = self.text_of(d.number);
            format!(
                "{}:{}:1: review: paragraph {} ({} para. {}, text {} “{}”) → {} ({:.2}): {}",
                d.source.file,
                d.source.line,
                d.number,
                d.source.report,
                d.source.paragraph,
                classify::overrides::hash(&text),
                classify::overrides::opening(&text),
                d.classification.chapter,
                d.classification.confidence,
                d.classification.reason
            )
        })
    }

    /// The doubtful decisions as `[[overrides]]` entries quoting their
    /// text: checked (and the chapter corrected where needed), they are
    /// pasted into the manifest.
    pub fn review_overrides(&self, manifest: &str) -> String {
        let mut out = format!(
            "# Doubtful decisions of {manifest}: check each, correct `chapter` where\n# needed, then paste the entries into the manifest.\n"
        );
        for d in &self.compilation.review {
            let c = &d.classification;
            out.push('\n');
            out.push_str(&classify::overrides::entry(
                &d.source,
                &self.text_of(d.number),
                c.chapter.as_str(),
                &format!(
                    "review: paragraph {}, placed in `{}` at {:.2}: {}",
                    d.number, c.chapter, c.confidence, c.reason
                ),
            ));
        }
        out
    }

    fn text_of(&self, number: u32) -> String {
        self.compilation
            .paragraphs()
            .find(|p| p.number == number)
            .map(|p| p.inline_text())
            .unwrap_or_default()
    }

    /// The closing line of a compile run that wrote `files`.
    /// `fresh`: for each file, whether it was written (false: it held
    /// its bytes already and was left as it was).
    pub fn written(&self, files: &[(std::path::PathBuf, Vec<u8>)], fresh: &[bool]) -> String {
        let c = &self.compilation;
        let names = |wanted: bool| {
            files
                .iter()
                .zip(fresh.iter().chain(std::iter::repeat(&true)))
                .filter(|(_, f)| **f == wanted)
                .map(|((p, _), _)| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (wrote, kept) = (names(true), names(false));
        let done = match (wrote.is_empty(), kept.is_empty()) {
            (_, true) => format!("wrote {wrote}"),
            (true, false) => format!("unchanged: {kept}"),
            (false, false) => format!("wrote {wrote}; unchanged: {kept}"),
        };
        format!(
            "{done} ({} paragraphs, {} chapters, {} meetings, {} to review, {} warnings)",
            c.paragraphs().count(),
            c.chapters.len(),
            c.meetings.len(),
            c.review.len(),
            self.warnings().count()
        )
    }

    /// The warnings of every report read.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.extractions.iter().flat_map(|e| e.warnings.iter())
    }
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
                kept.iter().map(|g| g.recommendations.len()).sum::<usize>(),
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
    prepare_reading(manifest);
    // Reports are read on every core at once; what is said about them, and
    // the first error, come in the manifest's order all the same. Every
    // text is read before any is parsed: the parse waits for the patterns
    // being compiled, and the texts are read meanwhile.
    let chapters = manifest.recommendation_chapters();
    let texts: Vec<_> = paths
        .par_iter()
        .map(|path| source::read_file(path, limits.max_bytes))
        .collect();
    let mut read: Vec<_> = texts
        .into_par_iter()
        .map(|text| Some(text.and_then(|text| extraction_of(text, &chapters, |_| {}))))
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
            check_new_meeting(e, path, edition).map_err(|d| locate(&extractions, d))?;
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
    let mut classified = base.map(|(_, _, kept)| kept).unwrap_or_default();
    classified.extend(classify(
        &extractions,
        Some(manifest),
        Some(&learning),
        &known,
    )?);
    // Every override must have confirmed a recommendation of this compilation.
    let recs: Vec<&Recommendation> = extractions
        .iter()
        .flat_map(|e| &e.recommendations)
        .collect();
    let symbols: Vec<String> = recs.iter().map(|r| r.source.report.clone()).collect();
    classify::overrides::check(&manifest.overrides, &recs, &symbols, true, &manifest.path)?;
    let compilation =
        compile::compile(manifest, &classified).map_err(|d| locate(&extractions, d))?;
    Ok(Compiled {
        compilation,
        extractions,
        classified,
    })
}

/// A report must bring a meeting the base edition does not have.
fn check_new_meeting(
    e: &Extraction,
    base_path: &Path,
    base: &Compilation,
) -> Result<(), Diagnostic> {
    let Some(meeting) = e.report.meeting.as_ref() else {
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

/// The recommendations of an edition, kept where and as it published them:
/// one group per subheading.
pub(crate) fn edition_recommendations(
    edition: &Compilation,
    name: &str,
) -> Vec<MeetingRecommendations> {
    let symbol = if edition.front.symbol.is_empty() {
        name
    } else {
        &edition.front.symbol
    };
    let mut out = Vec::new();
    for chapter in &edition.chapters {
        for group in &chapter.groups {
            out.push(MeetingRecommendations {
                meeting: group.meeting.clone(),
                meeting_reason: format!(
                    "subheading {} of chapter {} in the base edition",
                    group.letter, chapter.numeral
                ),
                recommendations: group
                    .paragraphs
                    .iter()
                    .map(|p| Classified {
                        recommendation: Recommendation {
                            source: p.source.clone().unwrap_or_else(|| Provenance {
                                file: name.to_string(),
                                report: symbol.to_string(),
                                paragraph: ParagraphRef::number(p.number),
                                line: 0,
                                heading: None,
                            }),
                            text: p.text.clone(),
                            items: p.items.clone(),
                        },
                        decision: Decision {
                            chapter: chapter.key.clone(),
                            confidence: 1.0,
                            reason: format!("paragraph {} of the base edition {symbol}", p.number),
                            doubtful: false,
                        },
                    })
                    .collect(),
            });
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

/// What writing a manifest's edition needs besides the edition, made on
/// a spare core while its reports are read and classified. A font that
/// cannot be read is reported when the edition is written, after any
/// error in the reports.
pub struct RenderTools(Result<crate::render::pdf::Tools, crate::render::pdf::PdfError>);

/// Compiles the patterns that reading the manifest's reports will need, on
/// a spare core, if that was not asked already.
pub fn prepare_reading(manifest: &Manifest) {
    if let Some(language) = crate::language::get(manifest.document.language.as_str()) {
        language.prepare_aside();
    }
}

/// Compiles, on the calling thread, the pattern that the manifest's
/// reports' parse needs first: for a thread that would otherwise wait.
pub fn prepare_reading_here(manifest: &Manifest) {
    if let Some(language) = crate::language::get(manifest.document.language.as_str()) {
        language.prepare_dates();
    }
}

pub fn render_tools(manifest: &Manifest) -> RenderTools {
    // The first page's QR code, which both writers draw, is made now, not
    // by one of them while the other waits for it.
    let document = &manifest.document;
    if let Some(language) = crate::language::get(document.language.as_str()) {
        crate::render::codes::document_qr(language.code.as_str(), &document.symbol);
    }
    let fonts = crate::render::pdf::FontFiles::of(manifest);
    RenderTools(crate::render::pdf::Tools::new(
        &fonts,
        manifest.document.language.as_str(),
    ))
}

/// The compilation written as the manifest's JSON, DOCX and PDF files in
/// `out`, not yet on disk. A character a writer cannot set is reported at
/// the report line of the recommendation that holds it.
pub fn render_files(
    c: &Compilation,
    manifest: &Manifest,
    out: &Path,
    tools: RenderTools,
) -> Result<Vec<(std::path::PathBuf, Vec<u8>)>, Diagnostic> {
    use crate::render::{docx, pdf, style, Location};
    let at_source = |source: Option<&Provenance>, message: String| match source {
        Some(s) => Diagnostic::error(&s.file, s.line, 1, message),
        None => Diagnostic::error(&manifest.path, 0, 0, message),
    };
    // The report line a paragraph of the compilation was read from.
    let source_of = |location: &Location| match location {
        Location::Paragraph(n) => c
            .paragraphs()
            .find(|p| p.number == *n)
            .and_then(|p| p.source.as_ref()),
        _ => None,
    };
    let name = &manifest.document.name;
    // The three writers share nothing but the compilation: the PDF, the
    // longest, on one core, the Word document then the JSON on the other.
    let (pdf, (docx, json)) = rayon::join(
        || {
            tools
                .0
                .and_then(|tools| pdf::write_with(c, &style::UN, &tools))
        },
        || (docx::write(c, &style::UN), crate::render::json::write(c)),
    );
    let docx = docx.map_err(|e| {
        let source = match &e {
            docx::DocxError::ForbiddenCharacter { location, .. } => source_of(location),
            docx::DocxError::Package(_) => None,
        };
        at_source(source, format!("cannot write the Word document: {e}"))
    })?;
    let pdf = pdf.map_err(|e| {
        let message = format!("cannot write the PDF: {e}");
        match &e {
            pdf::PdfError::MissingGlyph { location, .. } => {
                let source = location.as_ref().and_then(source_of);
                let d = at_source(source, message);
                if source.is_some() {
                    d.with_hint("the JSON keeps every character; the PDF needs a font that has this one ([fonts] in the manifest)")
                } else {
                    d
                }
            }
            pdf::PdfError::FontMissing { .. } => at_source(None, message).with_hint(
                "install Liberation Serif (`apt-get install fonts-liberation`, or `make`), or name the fonts in the manifest's [fonts]",
            ),
            _ => at_source(None, message),
        }
    })?;
    Ok(vec![
        (out.join(format!("{name}.json")), json),
        (out.join(format!("{name}.docx")), docx),
        (out.join(format!("{name}.pdf")), pdf),
    ])
}
