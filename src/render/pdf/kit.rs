//! What the parts of the PDF layout share: the marks a page is made of,
//! and the kit (style, faces, hyphenation, language) every part sets type
//! with. A leaf: it uses the fonts, the typesetter and the outline's entry,
//! and no part of the layout.

use super::fonts::{Face, FontKind};
use super::outline;
use super::typeset::{Align, Patterns, PlacedGlyph, SetLine, Setting};
use super::PdfError;
use crate::language::Language;
use crate::render::style::HouseStyle;

/// Something drawn on a page; distances from the page's left and top edges.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text {
        x: f32,
        baseline: f32,
        font: FontKind,
        size: f32,
        glyphs: Vec<PlacedGlyph>,
    },
    /// A horizontal rule centred on `y`.
    Rule {
        x: f32,
        y: f32,
        width: f32,
        thickness: f32,
    },
}

impl Mark {
    pub fn moved_down(self, dy: f32) -> Mark {
        match self {
            Mark::Text {
                x,
                baseline,
                font,
                size,
                glyphs,
            } => Mark::Text {
                x,
                baseline: baseline + dy,
                font,
                size,
                glyphs,
            },
            Mark::Rule {
                x,
                y,
                width,
                thickness,
            } => Mark::Rule {
                x,
                y: y + dy,
                width,
                thickness,
            },
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub marks: Vec<Mark>,
    /// The headings that start on the page, for the bookmarks.
    pub outline: Vec<outline::Entry>,
}

pub struct Faces {
    pub regular: Face,
    pub bold: Face,
}

impl Faces {
    pub fn get(&self, kind: FontKind) -> &Face {
        match kind {
            FontKind::Regular => &self.regular,
            FontKind::Bold => &self.bold,
        }
    }
}

/// The style and faces every part of the layout works with.
pub struct Kit<'a> {
    pub style: &'a HouseStyle,
    pub faces: &'a Faces,
    pub hyphenator: Option<&'a Patterns>,
    /// The language whose abbreviated ordinals are set raised (`1er`).
    pub language: Option<&'a Language>,
}

impl<'a> Kit<'a> {
    pub fn setting(&self, font: FontKind, size: f32, measure: f32, align: Align) -> Setting<'a> {
        Setting {
            face: self.faces.get(font),
            size,
            measure,
            align,
            stretch: self.style.space_stretch,
            shrink: self.style.space_shrink,
            hyphenator: self.hyphenator,
            language: self.language,
        }
    }

    /// A set line as a mark, its measure starting at `x`; a right-to-left
    /// line mirrored about the middle of the text area, so that it starts
    /// at the right where a left-to-right one starts at the left.
    pub fn text(&self, x: f32, baseline: f32, font: FontKind, size: f32, line: SetLine) -> Mark {
        let x = if line.mirrored {
            2.0 * self.style.margin_left + self.style.text_width() - x - line.indent - line.width
        } else {
            x + line.indent
        };
        Mark::Text {
            x: x + line.first_at,
            baseline,
            font,
            size,
            glyphs: line.glyphs,
        }
    }

    /// Distance from a line's top to its baseline: the type centred in the
    /// leading, resting on the body face's descent.
    pub fn baseline_offset(&self, leading: f32, size: f32) -> f32 {
        leading - (leading - size) / 2.0 - self.faces.regular.descent() * size
    }

    /// One unbroken line whose right end is at `right`.
    pub fn right_aligned(
        &self,
        right: f32,
        baseline: f32,
        font: FontKind,
        size: f32,
        text: &str,
    ) -> Result<Mark, PdfError> {
        self.unbroken(|width| right - width, baseline, font, size, text)
    }

    pub fn left_aligned(
        &self,
        x: f32,
        baseline: f32,
        font: FontKind,
        size: f32,
        text: &str,
    ) -> Result<Mark, PdfError> {
        self.unbroken(|_| x, baseline, font, size, text)
    }

    /// Width of `text` set unbroken.
    pub fn width(&self, font: FontKind, size: f32, text: &str) -> Result<f32, PdfError> {
        Ok(self
            .setting(font, size, f32::MAX, Align::Ragged)
            .single(text)?
            .width)
    }

    /// One unbroken line, its left end placed by `x` from its width.
    fn unbroken(
        &self,
        x: impl FnOnce(f32) -> f32,
        baseline: f32,
        font: FontKind,
        size: f32,
        text: &str,
    ) -> Result<Mark, PdfError> {
        let line = self
            .setting(font, size, f32::MAX, Align::Ragged)
            .single(text)?;
        Ok(self.text(x(line.width), baseline, font, size, line))
    }
}
