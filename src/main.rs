//! The `recueil` command: a thin layer over the library.

use clap::{Args, Parser, Subcommand};
use recueil::diagnostic::{Diagnostic, Format};
use recueil::manifest::Manifest;
use recueil::pipeline::{self, Limits};
use recueil::{classify, render};
use std::path::PathBuf;
use std::process::ExitCode;

/// Compiles the recommendations adopted by a UN working group, report after
/// report, into the consolidated information document (JSON, DOCX, PDF).
#[derive(Parser)]
#[command(name = "recueil", version, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 on success, 1 on bad input, 2 on bad usage.\nErrors are written as `path:line:col: error: message`."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: Global,
}

#[derive(Args)]
struct Global {
    /// No progress messages; errors and warnings on one line each.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Errors and warnings as JSON, one object per line on stderr.
    #[arg(long = "json-diagnostics", global = true)]
    json_diagnostics: bool,
    /// Refuse input files larger than this many bytes.
    #[arg(long, global = true, default_value_t = recueil::source::DEFAULT_MAX_BYTES, value_name = "BYTES")]
    max_bytes: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Read reports and print their recommendations, classified, as JSON.
    ///
    /// One object per report: file, symbol, language, meeting {ordinal,
    /// place, start, end} and recommendations [{source, line, section,
    /// confidence, reason, text}].
    Extract {
        /// Classify with this manifest's chapters, rules and overrides
        /// (default: the built-in chapters of the report's language).
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
        /// Report files (text drawn from a PDF, in any common encoding).
        #[arg(required = true, value_name = "REPORT")]
        reports: Vec<PathBuf>,
    },
    /// Compile the document a manifest describes into DIR.
    ///
    /// Writes <name>.json, <name>.docx and <name>.pdf in DIR (the name is
    /// the manifest's document.name; the PDF's fonts are the manifest's
    /// [fonts], or Liberation Serif). Doubtful classifications are listed on stderr and in
    /// the JSON's `review`.
    Compile {
        /// The compilation's manifest (TOML).
        #[arg(value_name = "MANIFEST")]
        manifest: PathBuf,
        /// A report to add to those the manifest lists (repeatable).
        #[arg(long = "report", value_name = "FILE")]
        reports: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "output", value_name = "DIR")]
        out: PathBuf,
        /// Fail when a recommendation can't be placed by any rule or model.
        #[arg(long)]
        strict: bool,
        /// Write the doubtful decisions to FILE as [[overrides]] entries,
        /// each quoting its text: once a person has checked (or corrected)
        /// the chapter, confirming is a paste into the manifest.
        #[arg(long, value_name = "FILE")]
        review_overrides: Option<PathBuf>,
    },
    /// List what changed between two editions: recommendations added,
    /// removed, moved to another chapter, renumbered or reworded.
    ///
    /// Each edition may be the text of a published compilation, or the
    /// JSON, DOCX or PDF that recueil wrote.
    Diff {
        #[arg(value_name = "OLD")]
        old: PathBuf,
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Manifest naming the editions' chapters (default: built-in chapters).
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
        /// Print the changes as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Extract every report under DIR (.txt, .docx, .pdf, recursively), in
    /// parallel: one JSON per report in OUT and a summary.json.
    ///
    /// A bad report never stops the batch; the exit status is 1 if any
    /// report failed, and the summary names them.
    Batch {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Output folder.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Classify with this manifest's chapters and rules.
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
    },
    /// Measure the classifier on a published edition: each recommendation
    /// is classified by a model learned from all the others (leave-one-out).
    Evaluate {
        /// A compilation (text drawn from its PDF).
        #[arg(value_name = "EDITION")]
        edition: PathBuf,
        /// Manifest naming the edition's chapters (default: built-in chapters).
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let limits = Limits {
        max_bytes: cli.global.max_bytes,
    };
    let result = match cli.command {
        Command::Extract { manifest, reports } => extract(manifest, &reports, limits, &cli.global),
        Command::Compile {
            manifest,
            reports,
            out,
            strict,
            review_overrides,
        } => compile(
            &manifest,
            &reports,
            &out,
            strict,
            review_overrides.as_deref(),
            limits,
            &cli.global,
        ),
        Command::Evaluate { edition, manifest } => evaluate(&edition, manifest, limits),
        Command::Diff {
            old,
            new,
            manifest,
            json,
        } => diff(&old, &new, manifest, json, limits),
        Command::Batch { dir, out, manifest } => batch(&dir, &out, manifest, limits, &cli.global),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            eprintln!("{}", d.render(cli.global.diagnostic_format()));
            ExitCode::from(1)
        }
    }
}

impl Global {
    fn diagnostic_format(&self) -> Format {
        if self.json_diagnostics {
            Format::Json
        } else if self.quiet {
            Format::Short
        } else {
            Format::Full
        }
    }
}

fn say(global: &Global, message: &str) {
    if !global.quiet {
        eprintln!("{message}");
    }
}

fn warn_all(global: &Global, warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{}", w.render(global.diagnostic_format()));
    }
}

fn extract(
    manifest: Option<PathBuf>,
    reports: &[PathBuf],
    limits: Limits,
    global: &Global,
) -> Result<(), Diagnostic> {
    let manifest = manifest.map(|m| Manifest::load(&m)).transpose()?;
    let mut extractions = Vec::new();
    for path in reports {
        let e = pipeline::read_report(path, limits)?;
        warn_all(global, &e.warnings);
        extractions.push(e);
    }
    let meetings: Vec<_> = extractions
        .iter()
        .filter_map(|e| e.report.meeting.clone())
        .collect();
    let learning = match &manifest {
        Some(m) => Some(pipeline::learn(m, limits, &meetings)?),
        None => None,
    };
    pipeline::classify(&mut extractions, manifest.as_ref(), learning.as_ref(), &[])?;
    let out: Vec<_> = extractions
        .iter()
        .map(|e| render::extraction::report(&e.report, &e.recommendations))
        .collect();
    let json = serde_json::to_string_pretty(&out).expect("extraction always serialises");
    println!("{json}");
    Ok(())
}

fn compile(
    manifest: &std::path::Path,
    reports: &[PathBuf],
    out: &std::path::Path,
    strict: bool,
    review_overrides: Option<&std::path::Path>,
    limits: Limits,
    global: &Global,
) -> Result<(), Diagnostic> {
    let manifest = Manifest::load(manifest)?;
    let extra: Vec<&std::path::Path> = reports.iter().map(PathBuf::as_path).collect();
    let compiled = pipeline::compile_manifest(&manifest, &extra, limits, |m| say(global, m))?;
    for e in &compiled.extractions {
        warn_all(global, &e.warnings);
    }
    let c = &compiled.compilation;
    if strict {
        if let Some(p) = c.paragraphs().find(|p| {
            p.classification
                .as_ref()
                .is_some_and(|c| c.confidence == 0.0)
        }) {
            let s = p.source.as_ref().expect("recommendations have a source");
            return Err(Diagnostic::error(
                &s.file,
                s.line,
                1,
                "no rule or model can place this recommendation (--strict)",
            )
            .with_hint(format!(
                "add an [[overrides]] entry for report \"{}\" paragraph \"{}\"",
                s.report, s.paragraph
            )));
        }
    }
    let mut entries = String::new();
    for d in &c.review {
        let text = c
            .paragraphs()
            .find(|p| p.number == d.number)
            .map(|p| {
                let mut t = p.text.clone();
                recueil::model::push_items_inline(&mut t, &p.items);
                t
            })
            .unwrap_or_default();
        say(
            global,
            &format!(
                "{}:{}:1: review: paragraph {} ({} para. {}, text {} “{}”) → {} ({:.2}): {}",
                d.source.file,
                d.source.line,
                d.number,
                d.source.report,
                d.source.paragraph,
                classify::overrides::hash(&text),
                classify::overrides::opening(&text),
                d.classification.section,
                d.classification.confidence,
                d.classification.reason
            ),
        );
        entries.push_str(&classify::overrides::entry(
            &d.source,
            &text,
            &d.classification.section,
            &format!(
                "review: paragraph {}, placed in `{}` at {:.2}: {}",
                d.number,
                d.classification.section,
                d.classification.confidence,
                d.classification.reason
            ),
        ));
        entries.push('\n');
    }
    if let Some(path) = review_overrides {
        let head = format!(
            "# Doubtful decisions of {}: check each, correct `chapter` where needed,\n# then paste the entries into the manifest.\n\n",
            manifest.path
        );
        recueil::output::write_all(&[(path.to_path_buf(), (head + &entries).into_bytes())])?;
        say(
            global,
            &format!(
                "wrote {} ({} override entries to check)",
                path.display(),
                c.review.len()
            ),
        );
    }
    let name = &manifest.document.name;
    let docx = render::docx::write(c, &render::style::UN).map_err(|e| {
        let message = format!("cannot write the Word document: {e}");
        // Point at the report the offending paragraph came from, if it did.
        let source = match &e {
            render::docx::DocxError::ForbiddenCharacter {
                location: render::docx::Location::Paragraph(n),
                ..
            } => c
                .paragraphs()
                .find(|p| p.number == *n)
                .and_then(|p| p.source.clone()),
            _ => None,
        };
        match source {
            Some(s) => Diagnostic::error(&s.file, s.line, 1, message),
            None => Diagnostic::error(&manifest.path, 0, 0, message),
        }
    })?;
    let fonts = match &manifest.fonts {
        Some(f) => render::pdf::FontFiles {
            regular: manifest.resolve(&f.regular),
            bold: manifest.resolve(&f.bold),
        },
        None => render::pdf::FontFiles::liberation(),
    };
    let pdf = render::pdf::write(c, &render::style::UN, &fonts).map_err(|e| {
        let message = format!("cannot write the PDF: {e}");
        // Point at the first recommendation that holds the missing character.
        let source = match &e {
            render::pdf::PdfError::MissingGlyph { ch, .. } => c
                .paragraphs()
                .find(|p| {
                    let mut text = p.text.clone();
                    recueil::model::push_items_inline(&mut text, &p.items);
                    text.contains(*ch)
                })
                .and_then(|p| p.source.clone()),
            _ => None,
        };
        match source {
            Some(s) => Diagnostic::error(&s.file, s.line, 1, message)
                .with_hint("the JSON keeps every character; the PDF needs a font that has this one ([fonts] in the manifest)"),
            None if matches!(e, render::pdf::PdfError::FontMissing { .. }) => {
                Diagnostic::error(&manifest.path, 0, 0, message).with_hint(
                    "install Liberation Serif (`apt-get install fonts-liberation`, or `make`), or name the fonts in the manifest's [fonts]",
                )
            }
            None => Diagnostic::error(&manifest.path, 0, 0, message),
        }
    })?;
    let files = vec![
        (out.join(format!("{name}.json")), render::json::write(c)),
        (out.join(format!("{name}.docx")), docx),
        (out.join(format!("{name}.pdf")), pdf),
    ];
    recueil::output::write_all(&files)?;
    let count = c.paragraphs().count();
    say(
        global,
        &format!(
            "wrote {} ({} paragraphs, {} chapters, {} meetings, {} to review, {} warnings)",
            files
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            count,
            c.chapters.len(),
            c.meetings.len(),
            c.review.len(),
            compiled
                .extractions
                .iter()
                .map(|e| e.warnings.len())
                .sum::<usize>()
        ),
    );
    Ok(())
}

fn evaluate(
    edition: &std::path::Path,
    manifest: Option<PathBuf>,
    limits: Limits,
) -> Result<(), Diagnostic> {
    let manifest = manifest.map(|m| Manifest::load(&m)).transpose()?;
    let rules = match &manifest {
        Some(m) => m.chapter_rules(),
        None => recueil::manifest::default_chapters("fr"),
    };
    let compiled = pipeline::read_edition(edition, &rules, limits)?;
    let mut examples = pipeline::examples(&compiled);
    let numbers: Vec<u32> = compiled
        .chapters
        .iter()
        .flat_map(|c| {
            c.groups
                .iter()
                .flat_map(|g| g.paragraphs.iter().map(|p| p.number))
        })
        .collect();
    // An edition's text does not say which report heading each
    // recommendation stood under; the manifest's reports do.
    let mut headings = 0;
    if let Some(m) = &manifest {
        let reports = m
            .reports
            .iter()
            .map(|r| pipeline::read_report(&m.resolve(&r.path), limits))
            .collect::<Result<Vec<_>, _>>()?;
        headings = pipeline::attach_headings(&mut examples, &reports);
    }
    let keywords = classify::keywords(&rules);
    let order: Vec<String> = rules.iter().map(|r| r.key.clone()).collect();
    let doubt_below = manifest
        .as_ref()
        .map_or(0.75, |m| m.classification.doubt_below);
    let e = classify::evaluate::evaluate(&examples, &order, &keywords);
    let percent = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "leave-one-out accuracy: {}/{} = {:.1}% (text, keywords and report heading, found for {headings} of {})",
        e.correct,
        e.total,
        100.0 * e.accuracy(),
        e.total
    );
    let (sure, right) = e.above(doubt_below, &examples);
    println!(
        "placed without review (p >= {doubt_below}): {sure}, of which {right} right ({:.1}%); {} flagged for review",
        percent(right, sure),
        e.total - sure
    );
    println!("accuracy per confidence band:");
    print!("{}", e.band_lines());
    println!("confusion matrix:");
    print!("{}", e.matrix());
    println!("misses:");
    for (i, (x, h)) in examples.iter().zip(&e.held).enumerate() {
        if h.chapter != x.chapter {
            println!(
                "  paragraph {}: {} predicted (p = {:.2}), {} published",
                numbers[i], h.chapter, h.probability, x.chapter
            );
        }
    }
    if headings > 0 {
        let bare: Vec<classify::Example> = examples
            .iter()
            .cloned()
            .map(|mut x| {
                x.heading = None;
                x
            })
            .collect();
        let t = classify::evaluate::evaluate(&bare, &order, &keywords);
        let (sure, right) = t.above(doubt_below, &bare);
        println!(
            "text and keywords alone (a model learned from an edition's text): {}/{} = {:.1}%; placed without review: {sure}, of which {right} right",
            t.correct,
            t.total,
            100.0 * t.accuracy()
        );
        print!("{}", t.band_lines());
    }
    Ok(())
}

fn chapter_rules(
    manifest: Option<PathBuf>,
) -> Result<Vec<recueil::manifest::ChapterRules>, Diagnostic> {
    Ok(match manifest {
        Some(m) => Manifest::load(&m)?.chapter_rules(),
        None => recueil::manifest::default_chapters("fr"),
    })
}

fn diff(
    old: &std::path::Path,
    new: &std::path::Path,
    manifest: Option<PathBuf>,
    json: bool,
    limits: Limits,
) -> Result<(), Diagnostic> {
    let rules = chapter_rules(manifest)?;
    let old = pipeline::read_any_edition(old, &rules, limits)?;
    let new = pipeline::read_any_edition(new, &rules, limits)?;
    let d = recueil::diff::diff(&old, &new);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&d).expect("a diff serialises")
        );
    } else {
        print!("{}", recueil::diff::to_text(&d));
    }
    Ok(())
}

fn batch(
    dir: &std::path::Path,
    out: &std::path::Path,
    manifest: Option<PathBuf>,
    limits: Limits,
    global: &Global,
) -> Result<(), Diagnostic> {
    use std::io::IsTerminal;
    let manifest = manifest.map(|m| Manifest::load(&m)).transpose()?;
    let reports = recueil::batch::find_reports(dir)?;
    let total = reports.len() as u64;
    let bar = (!global.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
            bar.set_style(style);
        }
        bar
    });
    let done = std::sync::atomic::AtomicUsize::new(0);
    let report = |s: &recueil::batch::ReportSummary| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let status = match &s.error {
            Some(e) => format!("FAILED: {e}"),
            None => format!(
                "{} recommendations, {} doubtful",
                s.recommendations, s.doubtful
            ),
        };
        match &bar {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(s.file.clone());
                if s.error.is_some() {
                    bar.println(format!("{}: {status}", s.file));
                }
            }
            None if !global.quiet => eprintln!("[{n}/{total}] {}: {status}", s.file),
            None => {}
        }
    };
    let summary = recueil::batch::run(&reports, dir, out, manifest.as_ref(), limits, &report)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    println!(
        "{} reports, {} failed, {} recommendations, {} doubtful, {} warnings; summary in {}",
        summary.total_reports,
        summary.failed,
        summary.total_recommendations,
        summary.total_doubtful,
        summary.total_warnings,
        out.join("summary.json").display()
    );
    if summary.failed > 0 {
        let failed: Vec<&str> = summary
            .reports
            .iter()
            .filter(|r| r.error.is_some())
            .map(|r| r.file.as_str())
            .collect();
        return Err(Diagnostic::error(
            dir.display().to_string(),
            0,
            0,
            format!("{} report(s) failed: {}", failed.len(), failed.join(", ")),
        ));
    }
    Ok(())
}
