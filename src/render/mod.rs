//! Writers: each turns a [`Compilation`](crate::model::Compilation) into one
//! file format (and `extraction`, a report's recommendations as JSON).
//! Nothing before this stage knows about formats. The JSON writer also
//! reads its own files back (`json::read`): a compilation recueil wrote is
//! the model itself, so reading it is the writer's inverse, not a reader
//! of reports.

pub mod codes;
pub mod docx;
pub mod extraction;
pub mod json;
pub mod pdf;
pub mod style;

use std::fmt;

/// Where in the compilation a piece of text sits, as an editor would look
/// for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A field of the first page (`title`, `agenda_footnote`, …).
    Front(&'static str),
    Chapter(String),
    Subheading {
        chapter: String,
        letter: String,
    },
    Paragraph(u32),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Front(field) => write!(f, "first page ({field})"),
            Location::Chapter(numeral) => write!(f, "heading of chapter {numeral}"),
            Location::Subheading { chapter, letter } => {
                write!(f, "subheading {letter} of chapter {chapter}")
            }
            Location::Paragraph(n) => write!(f, "paragraph {n}"),
        }
    }
}
