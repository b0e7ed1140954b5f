//! Writers: each turns a [`Compilation`](crate::model::Compilation) into one
//! file format. Nothing before this stage knows about formats.

pub mod codes;
pub mod docx;
pub mod extraction;
pub mod json;
pub mod pdf;
pub mod style;
