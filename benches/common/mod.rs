//! Inputs the benchmarks share.

#[allow(dead_code)]
pub mod corpus;

/// Whether `cargo bench` runs this, rather than `cargo test` checking
/// that the benchmarks still run (it passes no `--bench`): then only the
/// smallest inputs are tried.
#[allow(dead_code)]
pub fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}
