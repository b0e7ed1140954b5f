//! Right-to-left text (Arabic) in the PDF. The Unicode bidirectional
//! algorithm gives every character of a paragraph its embedding level
//! (odd: right to left), so that numbers and Latin symbols
//! (`CTOC/COP/WG.7/2015/1`) stay left to right inside Arabic text; the
//! font's OpenType rules shape each run of one level; a set line's glyphs
//! are then put in visual order, the order a PDF draws them in.
//!
//! Glyphs are kept in logical order until a line is set, so that the line
//! breaker sees words in reading order; each glyph stands for its own
//! characters in the ToUnicode map, so that text extraction gives the words
//! back in reading order.

use super::fonts::{Face, Glyph};
use super::typeset::PlacedGlyph;
use super::PdfError;
use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level};

/// Whether `text` holds a right-to-left letter, and so needs the algorithm.
pub fn has_right_to_left(text: &str) -> bool {
    // No letter before Hebrew's block is written right to left: most text
    // is answered without looking a character up.
    text.chars()
        .any(|c| c >= '\u{590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// The embedding level of each byte of `text`, and the paragraph's own:
/// `paragraph` if given, else from its first letter (right to left when it
/// is Arabic).
pub fn levels(text: &str, paragraph: Option<u8>) -> (Vec<u8>, u8) {
    let info = BidiInfo::new(text, paragraph.and_then(|l| Level::new(l).ok()));
    let own = info
        .paragraphs
        .first()
        .map_or(paragraph.unwrap_or(0), |p| p.level.number());
    (info.levels.iter().map(|l| l.number()).collect(), own)
}

/// `text` shaped run by run, `levels` giving each of its bytes' level.
pub fn shape(face: &Face, text: &str, levels: &[u8]) -> Result<Vec<Glyph>, PdfError> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, _) in text.char_indices().skip(1) {
        if levels[i] != levels[from] {
            out.extend(face.shape_run(&text[from..i], levels[from])?);
            from = i;
        }
    }
    if from < text.len() {
        out.extend(face.shape_run(&text[from..], levels[from])?);
    }
    Ok(out)
}

/// `text` shaped and placed as one unbroken line in a paragraph of its
/// own, with where its first glyph stands and its width (thousandths of an
/// em).
pub fn single(face: &Face, text: &str) -> Result<(Vec<PlacedGlyph>, f32, f32), PdfError> {
    let (levels, own) = levels(text, None);
    let mut glyphs: Vec<PlacedGlyph> = shape(face, text, &levels)?
        .iter()
        .map(PlacedGlyph::from)
        .collect();
    let (first, width) = place(&mut glyphs, own, |gid| face.advance(gid));
    Ok((glyphs, first, width))
}

/// The order of a line's glyphs on the page (rule L2: from the highest
/// level down to the lowest odd one, every stretch at that level or above
/// is reversed), as indices into the line in logical order.
fn visual(levels: &[u8], paragraph: u8) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let highest = levels.iter().copied().max().unwrap_or(0);
    let lowest = levels.iter().copied().chain([paragraph]).min().unwrap_or(0);
    for level in (lowest | 1..=highest).rev() {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] < level {
                i += 1;
                continue;
            }
            let start = i;
            while i < order.len() && levels[order[i]] >= level {
                i += 1;
            }
            order[start..i].reverse();
        }
    }
    order
}

/// Whether `g` belongs to a word of right-to-left letters: each of its
/// characters is a letter of the script or a mark on one, or it has none
/// (a glyph the font adds to a letter).
pub fn in_word(g: &PlacedGlyph) -> bool {
    g.level % 2 == 1
        && std::iter::once(g.ch)
            .chain(g.tail)
            .take_while(|&c| c != '\0')
            .all(|c| matches!(bidi_class(c), BidiClass::AL | BidiClass::R | BidiClass::NSM))
}

/// Whether `g` is a mark set on the letter before it.
pub fn is_mark(g: &PlacedGlyph) -> bool {
    g.ch != '\0' && bidi_class(g.ch) == BidiClass::NSM
}

/// A word's glyphs cut into letters, each with the marks that follow it.
pub fn letters(word: &[PlacedGlyph]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, g) in word.iter().enumerate() {
        match out.last_mut() {
            Some(letter) if is_mark(g) => letter.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// The order a line's glyphs are drawn in: reading order, but each word of
/// right-to-left letters from its left end, letter by letter, each letter
/// before its marks. Text extraction (pdftotext) takes a stretch drawn
/// under one `/ActualText` as running from its first glyph drawn to the
/// end of its last: so the word's stretch covers the word, and starts at a
/// letter on the line, not at a mark set above it.
fn drawing_order(glyphs: &[PlacedGlyph]) -> Vec<usize> {
    let mut order = Vec::with_capacity(glyphs.len());
    let mut i = 0;
    while i < glyphs.len() {
        if !in_word(&glyphs[i]) {
            order.push(i);
            i += 1;
            continue;
        }
        let start = i;
        while i < glyphs.len() && in_word(&glyphs[i]) {
            i += 1;
        }
        for letter in letters(&glyphs[start..i]).into_iter().rev() {
            order.extend(letter.start + start..letter.end + start);
        }
    }
    order
}

/// Places a line's glyphs, given in logical order, where they stand in
/// visual order, and puts them in the order they are drawn in (see
/// `drawing_order`): each glyph's adjustment then moves the pen to the
/// next glyph drawn. `advance` is a glyph's advance in `/W`. Returns where
/// the first glyph drawn stands and the line's width, in thousandths of an
/// em.
pub fn place(
    glyphs: &mut [PlacedGlyph],
    paragraph: u8,
    advance: impl Fn(u16) -> f32,
) -> (f32, f32) {
    let levels: Vec<u8> = glyphs.iter().map(|g| g.level).collect();
    let mut at = vec![0.0f32; glyphs.len()];
    let mut pen = 0.0;
    for i in visual(&levels, paragraph) {
        let g = &glyphs[i];
        at[i] = pen + g.offset.0;
        pen += advance(g.gid) - g.adjust;
    }
    let order = drawing_order(glyphs);
    let drawn: Vec<PlacedGlyph> = order.iter().map(|&i| glyphs[i].clone()).collect();
    let at: Vec<f32> = order.iter().map(|&i| at[i]).collect();
    glyphs.clone_from_slice(&drawn);
    for i in 0..glyphs.len() {
        glyphs[i].adjust = match at.get(i + 1) {
            Some(next) => at[i] + advance(glyphs[i].gid) - next,
            None => 0.0,
        };
    }
    (at.first().copied().unwrap_or(0.0), pen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_before_hebrew_is_right_to_left() {
        let early: Vec<char> = ('\0'..'\u{590}')
            .filter(|c| matches!(bidi_class(*c), BidiClass::R | BidiClass::AL))
            .collect();
        assert!(early.is_empty(), "{early:?}");
        assert!(has_right_to_left("ref. \u{5d0}"));
        assert!(has_right_to_left("\u{627}"));
    }

    fn placed(ch: char, level: u8) -> PlacedGlyph {
        PlacedGlyph {
            ch,
            level,
            ..PlacedGlyph::default()
        }
    }

    #[test]
    fn arabic_is_right_to_left_and_its_numbers_left_to_right() {
        let text = "في 2012";
        let (levels, own) = levels(text, None);
        assert_eq!(own, 1);
        assert_eq!(levels[0], 1);
        assert_eq!(levels[text.find('2').unwrap()], 2);
    }

    #[test]
    fn a_line_is_drawn_right_to_left_with_numbers_kept_left_to_right() {
        // Logical: A B space 1 2 (A, B right-to-left letters).
        let levels = [1, 1, 1, 2, 2];
        let order: String = visual(&levels, 1)
            .into_iter()
            .map(|i| ['A', 'B', ' ', '1', '2'][i])
            .collect();
        assert_eq!(order, "12 BA");
    }

    #[test]
    fn glyphs_stay_in_reading_order_each_at_its_place() {
        // Two right-to-left letters of 500 each: the first drawn at the
        // right (500), the pen then moved back over both to the second (0).
        let mut line = vec![placed('A', 1), placed('B', 1)];
        let (first, width) = place(&mut line, 1, |_| 500.0);
        assert_eq!((first, width), (500.0, 1000.0));
        assert_eq!(line[0].adjust, 1000.0);
        assert_eq!(line[1].adjust, 0.0);
    }

    #[test]
    fn a_word_is_drawn_from_its_left_end_each_letter_before_its_marks() {
        // Logical: ب, a fatha on it, then ت; 500 each, marks 0.
        let fatha = PlacedGlyph {
            gid: 1,
            ..placed('\u{64e}', 1)
        };
        let mut line = vec![placed('ب', 1), fatha, placed('ت', 1)];
        let (first, width) = place(&mut line, 1, |gid| if gid == 1 { 0.0 } else { 500.0 });
        let drawn: String = line.iter().map(|g| g.ch).collect();
        assert_eq!(drawn, "تب\u{64e}");
        assert_eq!((first, width), (0.0, 1000.0));
        // ت at 0, then ب at 500: the pen goes on without adjustment.
        assert_eq!(line[0].adjust, 0.0);
    }

    #[test]
    fn left_to_right_text_keeps_its_places() {
        let mut line = vec![placed('a', 0), placed('b', 0)];
        assert_eq!(place(&mut line, 0, |_| 500.0), (0.0, 1000.0));
        assert_eq!(line[0].adjust, 0.0);
    }
}
