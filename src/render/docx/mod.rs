//! The compilation as a Word document (`.docx`) that secretariat editors keep
//! working on: named paragraph styles for every kind of block, numbers typed
//! as text, real headers, footers and footnote, and identical bytes for
//! identical input.
//!
//! docx-rs builds the parts; what it cannot say (document language, core
//! properties, the footnote's custom mark and separators, fixed archive
//! timestamps) is settled in `package` on the finished archive, which
//! `canonical` then puts in the schema's order and `theme` completes.

mod body;
mod canonical;
mod check;
mod codes;
mod package;
mod pages;
mod styles;
#[cfg(test)]
mod tests;
mod theme;

use crate::model::{Compilation, LanguageTag};
use crate::render::style::HouseStyle;
use docx_rs::Docx;
use std::fmt;

pub use check::Location;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// A character XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF):
    /// written out, it would make the file unreadable.
    ForbiddenCharacter { location: Location, character: char },
    /// docx-rs or the archive writer failed.
    Package(String),
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::ForbiddenCharacter {
                location,
                character,
            } => write!(
                f,
                "{location}: character U+{:04X} cannot be written to a Word document",
                u32::from(*character)
            ),
            DocxError::Package(msg) => write!(f, "cannot write the Word document: {msg}"),
        }
    }
}

impl std::error::Error for DocxError {}

/// The language tag Word wants on the text (spelling, hyphenation): the
/// language table's, or the code itself for a language without a table.
pub(crate) fn language_tag(code: &LanguageTag) -> String {
    crate::language::get(code.as_str()).map_or_else(|| code.to_string(), |l| l.word_tag.clone())
}

/// Writes the compilation as the bytes of a `.docx` file.
pub fn write(compilation: &Compilation, style: &HouseStyle) -> Result<Vec<u8>, DocxError> {
    check::compilation(compilation)?;
    let mut ids = body::ParaIds::default();
    let docx = Docx::new();
    let docx = styles::add(docx, style);
    let docx = pages::setup(docx, &compilation.front, style, &mut ids);
    let docx = body::add(docx, compilation, style, &mut ids);

    let mut raw = std::io::Cursor::new(Vec::new());
    docx.pack(&mut raw)
        .map_err(|e| DocxError::Package(e.to_string()))?;
    let meta = package::Metadata {
        title: &compilation.front.title,
        subject: &compilation.front.subtitle,
        symbol: &compilation.front.symbol,
        creator: &compilation.front.organization,
        language: language_tag(&compilation.language),
        font: style.body_font,
        first_footer_runs: codes::first_page_runs(compilation, style),
        separator_rule: styles::eighths(style.rule_thin),
        separator_indent: styles::twips(style.text_width() - style.footnote_rule),
    };
    package::finish(&raw.into_inner(), &meta).map_err(DocxError::Package)
}
