//! Speed of the reading stages on the published compilation (653 lines,
//! 92 paragraphs): decode and clean, parse, and read back into the model.
//! `make bench` runs it; numbers go to target/criterion.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use recueil::parse::compilation::ChapterName;
use std::hint::black_box;

fn reference() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sources/wg-som/editions/CTOC-COP-WG.7-2015-5.fr.txt"
    );
    std::fs::read(path).expect("the published edition in sources/")
}

fn reading(c: &mut Criterion) {
    let bytes = reference();
    let names: Vec<ChapterName> =
        recueil::manifest::default_chapters(recueil::language::fallback())
            .into_iter()
            .map(|r| ChapterName {
                key: r.key,
                title: r.title,
            })
            .collect();
    let mut group = c.benchmark_group("reference");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("source", |b| {
        b.iter(|| recueil::source::from_bytes("ref.txt", black_box(&bytes)).unwrap())
    });
    let source = recueil::source::from_bytes("ref.txt", &bytes).unwrap();
    group.bench_function("parse", |b| {
        b.iter(|| recueil::parse::parse(black_box(&source)).unwrap())
    });
    let report = recueil::parse::parse(&source).unwrap().report;
    group.bench_function("read back", |b| {
        b.iter(|| recueil::parse::compilation::read(black_box(&report), &names).unwrap())
    });
    group.finish();
}

criterion_group!(benches, reading);
criterion_main!(benches);
