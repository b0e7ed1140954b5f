//! Time of each stage, and of the whole, on the 2012 report with its
//! recommendations once, 10 and 100 times over (30 KB, 220 KB, 2.1 MB):
//! read (decode and clean), parse, extract, classify (alone, and with the
//! models `compile` learns from the other report), compile, DOCX, PDF,
//! and end to end from the manifest to the three files' bytes. Growth
//! should be linear: ten times the input, ten times the time.
//! `make bench` runs it; numbers go to target/criterion.

mod common;

use common::corpus;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use recueil::manifest::Manifest;
use recueil::pipeline::{self, Extraction};
use recueil::render::{self, pdf::FontFiles, style::UN};
use std::hint::black_box;
use std::time::Duration;

/// How many times over the recommendations are repeated: all three when
/// benchmarking, the first alone when `cargo test` runs the benchmarks.
fn scales() -> &'static [usize] {
    if common::benchmarking() {
        &[1, 10, 100]
    } else {
        &[1]
    }
}

fn scratch() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("stages")
}

fn reading(c: &mut Criterion) {
    for &copies in scales() {
        let text = corpus::big_report(copies);
        let mut group = c.benchmark_group(format!("report x{copies}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if copies == 100 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(4));
        }
        let bytes = text.as_bytes();
        group.bench_function("read", |b| {
            b.iter(|| recueil::source::from_bytes("r.txt", black_box(bytes)).unwrap())
        });
        let source = recueil::source::from_bytes("r.txt", bytes).unwrap();
        group.bench_function("parse", |b| {
            b.iter(|| recueil::parse::parse(black_box(&source)).unwrap())
        });
        let parsed = recueil::parse::parse(&source).unwrap();
        group.bench_function("extract", |b| {
            b.iter(|| recueil::extract::extract(black_box(&parsed.report)).unwrap())
        });
        let extraction = Extraction {
            recommendations: recueil::extract::extract(&parsed.report).unwrap(),
            report: parsed.report.clone(),
            warnings: parsed.warnings.clone(),
            text: source.text.clone(),
            lines: Vec::new(),
        };
        let extractions = [extraction];
        group.bench_function("classify", |b| {
            b.iter(|| pipeline::classify(black_box(&extractions), None, None, &[]).unwrap())
        });
        group.bench_function("read to classified", |b| {
            b.iter(|| {
                let source = recueil::source::from_bytes("r.txt", black_box(bytes)).unwrap();
                let parsed = recueil::parse::parse(&source).unwrap();
                let e = [Extraction {
                    recommendations: recueil::extract::extract(&parsed.report).unwrap(),
                    report: parsed.report,
                    warnings: parsed.warnings,
                    text: source.text,
                    lines: source.lines,
                }];
                pipeline::classify(&e, None, None, &[]).unwrap()
            })
        });
        group.finish();
    }
}

fn writing(c: &mut Criterion) {
    let fonts = FontFiles::liberation();
    for &copies in scales() {
        let path = corpus::write_manifest(&scratch(), copies).expect("scratch folder");
        let manifest = Manifest::load(&path).expect("the manifest loads");
        let compiled = pipeline::compile_manifest(&manifest, &[], Default::default(), |_| {})
            .expect("the reports compile");
        let extractions = compiled.extractions;
        let classified = compiled.classified;
        let compilation = compiled.compilation;
        let mut group = c.benchmark_group(format!("compilation x{copies}"));
        group.throughput(Throughput::Elements(compilation.paragraphs().count() as u64));
        if copies > 1 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(4));
        }
        // Each report decided by a model learned from the other reports,
        // as `compile` does (`report xN/classify` has no manifest, no model).
        let meetings: Vec<_> = extractions
            .iter()
            .filter_map(|e| e.report.meeting.clone())
            .collect();
        let learning = pipeline::learn(&manifest, Default::default(), &meetings).unwrap();
        group.bench_function("classify (models)", |b| {
            b.iter(|| {
                pipeline::classify(
                    black_box(&extractions),
                    Some(&manifest),
                    Some(&learning),
                    &[],
                )
                .unwrap()
            })
        });
        group.bench_function("compile", |b| {
            b.iter(|| recueil::compile::compile(&manifest, black_box(&classified)).unwrap())
        });
        group.bench_function("JSON", |b| {
            b.iter(|| render::json::write(black_box(&compilation)))
        });
        group.bench_function("DOCX", |b| {
            b.iter(|| render::docx::write(black_box(&compilation), &UN).unwrap())
        });
        group.bench_function("PDF", |b| {
            b.iter(|| render::pdf::write(black_box(&compilation), &UN, &fonts).unwrap())
        });
        group.bench_function("end to end", |b| {
            b.iter(|| {
                let manifest = Manifest::load(&path).unwrap();
                let c = pipeline::compile_manifest(&manifest, &[], Default::default(), |_| {})
                    .unwrap()
                    .compilation;
                (
                    render::json::write(&c),
                    render::docx::write(&c, &UN).unwrap(),
                    render::pdf::write(&c, &UN, &fonts).unwrap(),
                )
            })
        });
        group.finish();
    }
}

criterion_group!(benches, reading, writing);
criterion_main!(benches);
