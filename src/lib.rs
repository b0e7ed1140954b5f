//! recueil: from the raw reports of a UN working group to the consolidated
//! compilation of its recommendations.
//!
//! Data flows one way: `source` (bytes to lines) → `parse` (lines to a
//! report) → `extract` (recommendations) → `classify` → `compile` (the
//! compilation) → `render` (JSON, DOCX, PDF). Each stage depends only on the
//! model and on the stages before it.

pub mod batch;
pub mod classify;
pub mod compile;
pub mod diagnostic;
pub mod diff;
pub mod extract;
pub mod language;
pub mod manifest;
pub mod model;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod source;
