//! Time to write the reference compilation's PDF, fonts read included.

use criterion::{criterion_group, criterion_main, Criterion};
use recueil::model::Compilation;
use recueil::render::pdf::{write, FontFiles};
use recueil::render::style::UN;
use std::hint::black_box;

/// The compilation of `sources/wg-som`, as `make` builds it.
fn reference() -> Compilation {
    let manifest = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sources/wg-som/compilation.toml"
    );
    let manifest = recueil::manifest::Manifest::load(std::path::Path::new(manifest))
        .expect("the manifest loads");
    recueil::pipeline::compile_manifest(&manifest, &[], Default::default(), |_| {})
        .expect("the sources compile")
        .compilation
}

fn bench(c: &mut Criterion) {
    let compilation = reference();
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
