//! Abbreviated ordinals as French sets them (`1er`, `1re`): the letters
//! smaller and raised, in the proportions Word gives a superscript, so that
//! the PDF matches the Word document. Which letters are raised is the
//! language table's rule, not this module's.
//!
//! The line breaker already measures the raised letters at their smaller
//! size ([`narrow`]); once lines are placed, [`raise`] takes those letters
//! out of their line into a mark of their own and moves the rest of the
//! line on by their width. The text keeps its order in the content stream,
//! so it still searches and copies as `1er`.

use super::fonts::Glyph;
use super::kit::{Faces, Mark};
use super::typeset::PlacedGlyph;
use crate::language::Language;

/// Size of the raised letters, as a fraction of the text's.
pub const SCALE: f32 = 0.65;
/// How far their baseline rises, as a fraction of the text's size.
pub const RISE: f32 = 0.33;

/// Glyph indices of the raised letters in a run of glyphs, one per
/// character as the faces shape them.
fn raised(language: &Language, chars: &str) -> Vec<std::ops::Range<usize>> {
    let index = |byte: usize| chars[..byte].chars().count();
    language
        .superscript_spans(chars)
        .into_iter()
        .map(|r| index(r.start)..index(r.end))
        .collect()
}

/// A word's glyphs with its raised letters measured at their size and not
/// kerned against their neighbours.
pub fn narrow(language: Option<&Language>, word: &str, glyphs: &mut [Glyph]) {
    let Some(language) = language else {
        return;
    };
    if glyphs.len() != word.chars().count() {
        return;
    }
    for range in raised(language, word) {
        if range.start > 0 {
            glyphs[range.start - 1].kern = 0.0;
        }
        for g in &mut glyphs[range] {
            g.advance *= SCALE;
            g.kern = 0.0;
        }
    }
}

/// The marks of a page with the raised letters of every text mark drawn
/// smaller and higher, each run in a mark of its own after its line.
pub fn raise(marks: Vec<Mark>, faces: &Faces, language: Option<&Language>) -> Vec<Mark> {
    let Some(language) = language else {
        return marks;
    };
    let mut out = Vec::with_capacity(marks.len());
    for mark in marks {
        let Mark::Text {
            x,
            baseline,
            font,
            size,
            glyphs,
        } = mark
        else {
            out.push(mark);
            continue;
        };
        let chars: String = glyphs.iter().map(|g| g.ch).collect();
        let spans = raised(language, &chars);
        if spans.is_empty() {
            out.push(Mark::Text {
                x,
                baseline,
                font,
                size,
                glyphs,
            });
            continue;
        }
        let face = faces.get(font);
        let mut line: Vec<PlacedGlyph> = Vec::with_capacity(glyphs.len());
        let mut raised_marks = Vec::new();
        // The pen, in thousandths of an em of the line's size.
        let mut pen = 0.0f32;
        let mut i = 0;
        while i < glyphs.len() {
            let Some(span) = spans.iter().find(|s| s.start == i) else {
                pen += face.advance(glyphs[i].gid) - glyphs[i].adjust;
                line.push(glyphs[i].clone());
                i += 1;
                continue;
            };
            let letters: Vec<PlacedGlyph> = glyphs[span.clone()]
                .iter()
                .map(|g| PlacedGlyph {
                    adjust: 0.0,
                    ..g.clone()
                })
                .collect();
            let width: f32 = letters.iter().map(|g| face.advance(g.gid) * SCALE).sum();
            raised_marks.push(Mark::Text {
                x: x + pen * size / 1000.0,
                baseline: baseline - RISE * size,
                font,
                size: size * SCALE,
                glyphs: letters,
            });
            if let Some(before) = line.last_mut() {
                before.adjust = -width;
            }
            pen += width;
            i = span.end;
        }
        out.push(Mark::Text {
            x,
            baseline,
            font,
            size,
            glyphs: line,
        });
        out.extend(raised_marks);
    }
    out
}
