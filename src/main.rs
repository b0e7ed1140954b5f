//! The `recueil` command: a thin layer over the library.

mod args;
mod heap;

use args::{Cli, Command, Global};
use clap::Parser;
use recueil::diagnostic::Diagnostic;
use recueil::manifest::Manifest;
use recueil::pipeline::{self, Limits};
use recueil::render;
use std::path::PathBuf;
use std::process::ExitCode;

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

fn say(global: &Global, message: &str) {
    if !global.quiet {
        eprintln!("{message}");
    }
}

fn warn_all<'a>(global: &Global, warnings: impl IntoIterator<Item = &'a Diagnostic>) {
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
    let workers = heap::prepare_for_big_reports();
    let manifest = manifest.map(|m| Manifest::load(&m)).transpose()?;
    workers.ready();
    let (extractions, classified) =
        pipeline::extract_reports(reports, manifest.as_ref(), limits, |w| {
            warn_all(global, [w])
        })?;
    let reports: Vec<_> = extractions
        .iter()
        .zip(&classified)
        .map(|(e, c)| (&e.report, c))
        .collect();
    // In pieces of a mebibyte: a big report's JSON in a few writes, not a
    // thousand.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    render::extraction::write_reports(&mut stdout, &reports)
        .and_then(|()| std::io::Write::write_all(&mut stdout, b"\n"))
        .and_then(|()| std::io::Write::flush(&mut stdout))
        .map_err(|e| {
            Diagnostic::error(
                "<stdout>",
                0,
                0,
                format!("cannot write the extraction: {e}"),
            )
        })?;
    // The process ends here: the system takes back the pages at once,
    // where freeing a big report's many small pieces one by one would not.
    std::mem::forget((extractions, classified));
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
    let workers = heap::prepare_for_compiling();
    let manifest = Manifest::load(manifest)?;
    // While the workers start, the main thread compiles the pattern the
    // reports' parse needs first.
    pipeline::prepare_reading_here(&manifest);
    workers.ready();
    let extra: Vec<&std::path::Path> = reports.iter().map(PathBuf::as_path).collect();
    // The other patterns the reports' parse waits for are compiled first,
    // on the spare cores; the faces and hyphenation patterns the PDF
    // needs, which wait until the end, are read after them.
    pipeline::prepare_reading(&manifest);
    let (compiled, tools) = rayon::join(
        || pipeline::compile_manifest(&manifest, &extra, limits, |m| say(global, m)),
        || {
            // The faces are needed last: a report waiting to be parsed
            // goes first.
            while rayon::yield_now() == Some(rayon::Yield::Executed) {}
            pipeline::render_tools(&manifest)
        },
    );
    let compiled = compiled?;
    warn_all(global, compiled.warnings());
    let c = &compiled.compilation;
    if strict {
        compiled.check_all_placed()?;
    }
    for line in compiled.review_lines() {
        say(global, &line);
    }
    heap::give_back_freed_memory();
    let mut files =
        pipeline::render_files(c, &manifest, out, tools).map_err(|d| compiled.locate(d))?;
    let outputs = files.len();
    if let Some(path) = review_overrides {
        files.push((
            path.to_path_buf(),
            compiled.review_overrides(&manifest.path).into_bytes(),
        ));
    }
    let fresh = recueil::output::write_all(&files)?;
    say(
        global,
        &compiled.written(&files[..outputs], &fresh[..outputs]),
    );
    if let Some(path) = review_overrides {
        say(
            global,
            &format!(
                "wrote {} ({} override entries to check)",
                path.display(),
                c.review.len()
            ),
        );
    }
    // As for `extract`: the process ends, and the system takes back the
    // pages at once.
    std::mem::forget((compiled, files, manifest));
    Ok(())
}

fn evaluate(
    edition: &std::path::Path,
    manifest: Option<PathBuf>,
    limits: Limits,
) -> Result<(), Diagnostic> {
    // A manifest given in place of the edition: its own published edition,
    // read with its chapters.
    let (edition, manifest) = if edition.extension().is_some_and(|e| e == "toml") {
        let m = Manifest::load(edition)?;
        let published = m
            .classification
            .editions
            .first()
            .or(m.document.base_edition.as_ref())
            .map(|e| m.resolve(e))
            .ok_or_else(|| {
                Diagnostic::error(
                    edition.display().to_string(),
                    1,
                    1,
                    "this manifest names no published edition to measure the classifier on",
                )
                .with_hint(
                    "give the edition's text: `recueil evaluate EDITION --manifest MANIFEST`, \
                     or name it in the manifest's `classification.editions`",
                )
            })?;
        (published, Some(m))
    } else {
        let m = manifest.map(|m| Manifest::load(&m)).transpose()?;
        (edition.to_path_buf(), m)
    };
    let rules = recueil::manifest::chapter_rules(manifest.as_ref(), recueil::language::fallback());
    let compiled = pipeline::read_edition(&edition, &rules, limits)?;
    print!(
        "{}",
        pipeline::evaluate(&compiled, manifest.as_ref(), &rules, limits)?
    );
    Ok(())
}

fn chapter_rules(
    manifest: Option<PathBuf>,
) -> Result<Vec<recueil::manifest::ChapterRules>, Diagnostic> {
    let manifest = manifest.map(|m| Manifest::load(&m)).transpose()?;
    Ok(recueil::manifest::chapter_rules(
        manifest.as_ref(),
        recueil::language::fallback(),
    ))
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
        let status = s.status();
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
    println!("{}", summary.line(out));
    summary.check(dir)
}
