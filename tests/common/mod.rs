//! What the integration tests render.

use recueil::model::Compilation;

/// The compilation of the reference reports.
pub fn reference_compilation() -> Compilation {
    let path = "/work/dev/reference-compilation.json";
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not a compilation: {e}"))
}
