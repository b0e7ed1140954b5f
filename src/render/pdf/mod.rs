//! The PDF edition: the compilation set in the house style, A4, with the
//! fonts embedded as subsets, ready to publish.
//!
//! `fonts` reads the faces, `typeset` and `linebreak` set text into lines,
//! `layout`, `masthead` and `paginate` put lines and furniture on pages, and
//! `paint` writes the pages out. The same inputs give the same bytes.

mod bidi;
mod codes;
mod content;
mod fonts;
mod kit;
mod layout;
mod linebreak;
mod masthead;
mod outline;
mod paginate;
mod paint;
mod superscript;
mod typeset;

use crate::model::Compilation;
use crate::render::style::HouseStyle;
use crate::render::Location;
use std::fmt;
use std::path::PathBuf;

/// The font files the document is set in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFiles {
    pub regular: PathBuf,
    pub bold: PathBuf,
    /// Regular and bold faces for runs of Latin text, when the two above
    /// are not Latin faces.
    pub latin: Option<(PathBuf, PathBuf)>,
}

impl FontFiles {
    /// The faces a manifest's `[fonts]` names, or Liberation Serif.
    pub fn of(manifest: &crate::manifest::Manifest) -> FontFiles {
        match &manifest.fonts {
            Some(f) => FontFiles {
                regular: manifest.resolve(&f.regular),
                bold: manifest.resolve(&f.bold),
                latin: f
                    .latin
                    .as_ref()
                    .map(|l| (manifest.resolve(&l.regular), manifest.resolve(&l.bold))),
            },
            None => FontFiles::liberation(),
        }
    }

    /// Liberation Serif, the metrics of Times New Roman, which the house
    /// style calls for: where Debian's `fonts-liberation` installs it, or
    /// else wherever fontconfig finds it (a machine without root may have
    /// it in another folder).
    pub fn liberation() -> FontFiles {
        let dir = PathBuf::from("/usr/share/fonts/truetype/liberation");
        let debian = FontFiles {
            regular: dir.join("LiberationSerif-Regular.ttf"),
            bold: dir.join("LiberationSerif-Bold.ttf"),
            latin: None,
        };
        if debian.regular.is_file() && debian.bold.is_file() {
            return debian;
        }
        match (
            fontconfig_file("Liberation Serif:style=Regular", "LiberationSerif-Regular"),
            fontconfig_file("Liberation Serif:style=Bold", "LiberationSerif-Bold"),
        ) {
            (Some(regular), Some(bold)) => FontFiles {
                regular,
                bold,
                latin: None,
            },
            // The Debian paths, so that the error names the package to install.
            _ => debian,
        }
    }
}

/// The file fontconfig gives for `pattern`, if it is the face asked for
/// (fontconfig answers with a substitute rather than nothing).
fn fontconfig_file(pattern: &str, stem: &str) -> Option<PathBuf> {
    let out = std::process::Command::new("fc-match")
        .args(["--format=%{file}", pattern])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8(out.stdout).ok()?);
    let found = path.file_stem()?.to_str()? == stem;
    (out.status.success() && found && path.is_file()).then_some(path)
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
    /// The text has a character the font has no glyph for; where, when
    /// it is in the body of the document.
    MissingGlyph {
        font: String,
        ch: char,
        location: Option<Location>,
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
            PdfError::MissingGlyph { font, ch, .. } => write!(
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

impl PdfError {
    /// The error placed at `location`, if it is a missing glyph not placed yet.
    pub fn at(self, location: impl FnOnce() -> Location) -> PdfError {
        match self {
            PdfError::MissingGlyph {
                font,
                ch,
                location: None,
            } => PdfError::MissingGlyph {
                font,
                ch,
                location: Some(location()),
            },
            other => other,
        }
    }
}

/// The compilation as a PDF file's bytes.
pub fn write(
    compilation: &Compilation,
    style: &HouseStyle,
    fonts: &FontFiles,
) -> Result<Vec<u8>, PdfError> {
    let tools = Tools::new(fonts, compilation.language.as_str())?;
    write_with(compilation, style, &tools)
}

/// What setting an edition needs besides the edition: its faces, read,
/// and its language's hyphenation patterns. Made once, while the reports
/// are still being read.
pub struct Tools {
    faces: kit::Faces,
    dictionary: Option<typeset::Patterns>,
}

impl Tools {
    pub fn new(fonts: &FontFiles, language: &str) -> Result<Tools, PdfError> {
        Ok(Tools {
            faces: faces(fonts)?,
            dictionary: patterns(language),
        })
    }
}

/// The compilation as a PDF file's bytes, set with `tools` (made for its
/// language).
pub fn write_with(
    compilation: &Compilation,
    style: &HouseStyle,
    tools: &Tools,
) -> Result<Vec<u8>, PdfError> {
    let kit = kit::Kit {
        style,
        faces: &tools.faces,
        hyphenator: tools.dictionary.as_ref(),
        language: crate::language::get(compilation.language.as_str()),
    };
    let pages = layout::pages(compilation, &kit)?;
    let info = info(compilation);
    paint::save(&pages, &tools.faces, style, &info)
}

/// The faces the files hold, each with its Latin face if there is one.
fn faces(fonts: &FontFiles) -> Result<kit::Faces, PdfError> {
    let mut faces = kit::Faces {
        regular: fonts::Face::load(&fonts.regular)?,
        bold: fonts::Face::load(&fonts.bold)?,
    };
    if let Some((regular, bold)) = &fonts.latin {
        faces = kit::Faces {
            regular: faces.regular.with_latin(fonts::Face::load(regular)?)?,
            bold: faces.bold.with_latin(fonts::Face::load(bold)?)?,
        };
    }
    Ok(faces)
}

/// What the document says of itself: title, author, language, date.
fn info(compilation: &Compilation) -> paint::Info {
    let front = &compilation.front;
    paint::Info {
        title: front.title.clone(),
        subject: front.subtitle.clone(),
        author: front.organization.clone(),
        identifier: front.symbol.clone(),
        language: compilation.language.to_string(),
        date: crate::language::printed_date(&front.date)
            .or_else(|| compilation.meetings.iter().map(|m| m.end).max())
            .and_then(|d| {
                Some((
                    d.year,
                    u8::try_from(d.month).ok()?,
                    u8::try_from(d.day).ok()?,
                ))
            }),
    }
}

/// Hyphenation patterns for the edition's language, if there are any.
fn patterns(language: &str) -> Option<typeset::Patterns> {
    use hyphenation::{Language, Load};
    let tag = crate::language::get(language)?.hyphenation.as_deref()?;
    hyphenation::Standard::from_embedded(Language::try_from_code(tag)?)
        .ok()
        .map(typeset::Patterns::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        CompiledChapter, Date, FrontMatter, IntroductionChapter, Item, Meeting, MeetingGroup,
        NumberedParagraph,
    };
    use crate::render::style::UN;

    fn paragraph(number: u32, text: &str) -> NumberedParagraph {
        NumberedParagraph {
            number,
            text: text.to_string(),
            items: Vec::new(),
            source: None,
            classification: None,
        }
    }

    fn small() -> Compilation {
        let meeting = Meeting {
            ordinal: Some(1),
            place: "Vienne".to_string(),
            start: Date {
                year: 2012,
                month: 5,
                day: 30,
            },
            end: Date {
                year: 2012,
                month: 6,
                day: 1,
            },
        };
        let long = "Les États parties devraient envisager de renforcer « la coopération » internationale, \
            notamment l’échange d’informations et la formation des agents chargés de l’œuvre commune. "
            .repeat(6);
        let mut with_items = paragraph(3, "Les thèmes suivants:");
        with_items.items = vec![Item {
            label: "a)".to_string(),
            text: "Le trafic illicite de migrants par mer;".to_string(),
            items: Vec::new(),
            line: 0,
        }];
        Compilation {
            language: "fr".into(),
            front: FrontMatter {
                organization: "Nations Unies".to_string(),
                symbol: "CTOC/COP/WG.7/2015/5".to_string(),
                distribution: "Distr. générale".to_string(),
                date: "20 août 2015".to_string(),
                distribution_lines: vec!["Français".to_string()],
                job_number: "V.15-06043".to_string(),
                job_language: "F".to_string(),
                body: vec!["Conférence des Parties".to_string()],
                agenda_item: "Point 2 de l’ordre du jour provisoire".to_string(),
                agenda_title: "Examen des recommandations".to_string(),
                agenda_footnote: "CTOC/COP/WG.7/2015/1.".to_string(),
                title: "Recommandations".to_string(),
                subtitle: "Document d’information".to_string(),
            },
            introduction: IntroductionChapter {
                numeral: "I".to_string(),
                title: "Introduction".to_string(),
                paragraphs: vec![paragraph(1, &long)],
            },
            chapters: vec![CompiledChapter {
                key: "prevention".into(),
                numeral: "II".to_string(),
                title: "Recommandations relatives à la prévention".to_string(),
                groups: vec![MeetingGroup {
                    letter: "A".to_string(),
                    title: "Recommandations adoptées à la première réunion".to_string(),
                    meeting: meeting.clone(),
                    paragraphs: vec![paragraph(2, &long), with_items],
                }],
            }],
            meetings: vec![meeting],
            review: Vec::new(),
        }
    }

    #[test]
    fn two_runs_give_the_same_bytes() {
        let c = small();
        let a = write(&c, &UN, &FontFiles::liberation()).unwrap_or_else(|e| panic!("{e}"));
        let b = write(&c, &UN, &FontFiles::liberation()).unwrap_or_else(|e| panic!("{e}"));
        assert!(a.starts_with(b"%PDF-1.4"));
        assert!(a == b, "two writes differ");
    }

    #[test]
    fn different_documents_get_different_ids() {
        let c = small();
        let mut d = small();
        d.front.title.push_str(" (révisé)");
        let id = |bytes: &[u8]| -> Vec<u8> {
            let at = bytes.windows(3).rposition(|w| w == b"/ID").unwrap_or(0);
            bytes[at..(at + 80).min(bytes.len())].to_vec()
        };
        let a = write(&c, &UN, &FontFiles::liberation()).unwrap_or_else(|e| panic!("{e}"));
        let b = write(&d, &UN, &FontFiles::liberation()).unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(id(&a), id(&b));
    }

    #[test]
    fn a_file_that_is_no_font_is_refused() {
        let fonts = FontFiles {
            regular: PathBuf::from("Cargo.toml"),
            bold: FontFiles::liberation().bold,
            latin: None,
        };
        let err = write(&small(), &UN, &fonts).err();
        assert!(
            matches!(err, Some(PdfError::FontUnreadable { .. })),
            "{err:?}"
        );
    }

    #[test]
    fn a_character_the_font_lacks_is_named() {
        let mut c = small();
        c.introduction.paragraphs[0].text.push_str(" 移民");
        let err = write(&c, &UN, &FontFiles::liberation())
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref().is_some_and(|e| e.contains("U+79FB")),
            "{err:?}"
        );
    }
}
