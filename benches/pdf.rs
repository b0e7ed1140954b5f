//! Time to write the reference compilation's PDF, fonts read included.

use criterion::{criterion_group, criterion_main, Criterion};
use recueil::model::Compilation;
use recueil::render::pdf::{write, FontFiles};
use recueil::render::style::UN;
use std::hint::black_box;

fn reference() -> Option<Compilation> {
    let text = std::fs::read_to_string("/work/dev/reference-compilation.json").ok()?;
    serde_json::from_str(&text).ok()
}

fn bench(c: &mut Criterion) {
    let Some(compilation) = reference() else {
        eprintln!("no reference compilation at /work/dev/reference-compilation.json");
        return;
    };
    let fonts = FontFiles::liberation();
    c.bench_function("write reference compilation PDF", |b| {
        b.iter(|| write(black_box(&compilation), &UN, &fonts))
    });
}

criterion_group! {
    name = benches;
    // A write takes tens of milliseconds: fewer samples keep the run short.
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
