//! Shared by the integration tests.

use recueil::model::Compilation;

/// The compilation of the reference document
/// (`CTOC/COP/WG.7/2015/5`), as the pipeline produces it.
pub fn reference_compilation() -> Compilation {
    let path = "/work/dev/reference-compilation.json";
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{path}: {e}"))
}
