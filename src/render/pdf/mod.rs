//! The PDF edition: the compilation set in the house style, A4, with the
//! fonts embedded as subsets, ready to publish.
//!
//! `fonts` reads the faces, `typeset` and `linebreak` set text into lines,
//! `layout`, `masthead` and `paginate` put lines and furniture on pages, and
//! `paint` writes the pages out. The same inputs give the same bytes.

mod fonts;
mod layout;
mod linebreak;
mod masthead;
mod paginate;
mod paint;
mod typeset;

use crate::model::Compilation;
use crate::render::style::HouseStyle;
use std::fmt;
use std::path::PathBuf;

/// The font files the document is set in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFiles {
    pub regular: PathBuf,
    pub bold: PathBuf,
}

impl FontFiles {
    /// Liberation Serif as Debian's `fonts-liberation` installs it: the
    /// metrics of Times New Roman, which the house style calls for.
    pub fn liberation() -> FontFiles {
        let dir = PathBuf::from("/usr/share/fonts/truetype/liberation");
        FontFiles {
            regular: dir.join("LiberationSerif-Regular.ttf"),
            bold: dir.join("LiberationSerif-Bold.ttf"),
        }
    }
}

impl Default for FontFiles {
    fn default() -> FontFiles {
        FontFiles::liberation()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The font file could not be read.
    FontMissing {
        path: PathBuf,
        reason: String,
    },
    /// The file is not a font this writer can use.
    FontUnreadable {
        path: PathBuf,
        reason: String,
    },
    /// The text has a character the font has no glyph for.
    MissingGlyph {
        font: String,
        ch: char,
    },
    Subset {
        font: String,
        reason: String,
    },
    Write(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::FontMissing { path, reason } => {
                write!(f, "cannot read font file {}: {reason}", path.display())
            }
            PdfError::FontUnreadable { path, reason } => {
                write!(f, "cannot use font file {}: {reason}", path.display())
            }
            PdfError::MissingGlyph { font, ch } => write!(
                f,
                "font {font} has no glyph for {ch:?} (U+{:04X}); name a font that has it",
                *ch as u32
            ),
            PdfError::Subset { font, reason } => write!(f, "cannot subset font {font}: {reason}"),
            PdfError::Write(reason) => write!(f, "cannot write the PDF: {reason}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// The compilation as a PDF file's bytes.
pub fn write(
    compilation: &Compilation,
    style: &HouseStyle,
    fonts: &FontFiles,
) -> Result<Vec<u8>, PdfError> {
    let faces = layout::Faces {
        regular: fonts::Face::load(&fonts.regular)?,
        bold: fonts::Face::load(&fonts.bold)?,
    };
    let dictionary = patterns(&compilation.language);
    let kit = layout::Kit {
        style,
        faces: &faces,
        hyphenator: dictionary.as_ref(),
    };
    let pages = layout::pages(compilation, &kit)?;
    let front = &compilation.front;
    let info = paint::Info {
        title: front.title.clone(),
        subject: front.subtitle.clone(),
        author: front.organization.clone(),
        identifier: front.symbol.clone(),
        language: compilation.language.clone(),
        date: printed_date(&front.date).or_else(|| {
            compilation
                .meetings
                .iter()
                .map(|m| m.end)
                .max()
                .and_then(|d| {
                    Some((
                        d.year,
                        u8::try_from(d.month).ok()?,
                        u8::try_from(d.day).ok()?,
                    ))
                })
        }),
    };
    paint::save(&pages, &faces, style, &info)
}

/// Hyphenation patterns for the edition's language, if there are any.
fn patterns(language: &str) -> Option<hyphenation::Standard> {
    use hyphenation::{Language, Load};
    let lang = match language.to_ascii_lowercase().as_str() {
        "fr" => Language::French,
        "en" => Language::EnglishGB,
        "es" => Language::Spanish,
        "ru" => Language::Russian,
        _ => return None,
    };
    hyphenation::Standard::from_embedded(lang).ok()
}

/// Year, month and day of a date as printed on the masthead (`20 août 2015`,
/// `20 August 2015`, `1er juin 2012`).
fn printed_date(s: &str) -> Option<(i32, u8, u8)> {
    const MONTHS: [[&str; 3]; 12] = [
        ["janvier", "january", "enero"],
        ["février", "february", "febrero"],
        ["mars", "march", "marzo"],
        ["avril", "april", "abril"],
        ["mai", "may", "mayo"],
        ["juin", "june", "junio"],
        ["juillet", "july", "julio"],
        ["août", "august", "agosto"],
        ["septembre", "september", "septiembre"],
        ["octobre", "october", "octubre"],
        ["novembre", "november", "noviembre"],
        ["décembre", "december", "diciembre"],
    ];
    let (mut day, mut month, mut year) = (None, None, None);
    for word in s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        let digits: String = lower.chars().take_while(|c| c.is_ascii_digit()).collect();
        if let Some(m) = MONTHS
            .iter()
            .position(|names| names.contains(&lower.as_str()))
        {
            month = Some(m as u8 + 1);
        } else if digits.len() == 4 {
            year = digits.parse().ok();
        } else if (1..=2).contains(&digits.len()) {
            day = digits.parse().ok();
        }
    }
    let (year, month, day) = (year?, month?, day?);
    crate::model::Date::new(year, month as u32, day as u32).map(|_| (year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_dates_are_read() {
        assert_eq!(printed_date("20 août 2015"), Some((2015, 8, 20)));
        assert_eq!(printed_date("1er juin 2012"), Some((2012, 6, 1)));
        assert_eq!(printed_date("20 August 2015"), Some((2015, 8, 20)));
        assert_eq!(printed_date("31 février 2015"), None);
        assert_eq!(printed_date(""), None);
    }
}
