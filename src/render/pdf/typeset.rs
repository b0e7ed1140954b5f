//! Text to lines: words become boxes, spaces glue, and the total-fit breaker
//! chooses the lines. Each line comes out as glyphs with the adjustments that
//! place them, so the PDF shows real space glyphs (for text extraction) and
//! the justification is carried by the spacing after each of them.

use super::bidi;
use super::fonts::{glyphs_width, Face, Glyph};
use super::linebreak::{self, Item, Params, FIL, INFINITE_PENALTY};
use super::superscript;
use super::PdfError;
use crate::language::Language;
use hyphenation::{Hyphenator, Standard};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// A glyph as drawn: `adjust` is the TJ number after it, in thousandths of an
/// em, positive moving the next glyph left.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlacedGlyph {
    pub gid: u16,
    pub ch: char,
    /// Further characters the glyph stands for (a ligature's), up to the
    /// first NUL.
    pub tail: [char; 3],
    pub adjust: f32,
    /// Bidirectional level (odd: right to left); 0 without Arabic.
    pub level: u8,
    /// The font's placement of the glyph off the pen (a mark's), in
    /// thousandths of an em; the vertical part raises the glyph.
    pub offset: (f32, f32),
}

impl PlacedGlyph {
    /// The characters the glyph stands for.
    pub fn text(&self) -> String {
        self.chars().collect()
    }

    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        std::iter::once(self.ch)
            .chain(self.tail.iter().copied())
            .take_while(|&c| c != '\0')
    }
}

impl From<&Glyph> for PlacedGlyph {
    fn from(g: &Glyph) -> PlacedGlyph {
        PlacedGlyph {
            gid: g.gid,
            ch: g.ch,
            tail: g.tail,
            adjust: -g.kern,
            level: g.level,
            offset: g.offset,
        }
    }
}

/// One line of set text.
#[derive(Debug, Clone, PartialEq)]
pub struct SetLine {
    /// Where the first glyph stands, from the left of the measure.
    pub indent: f32,
    pub glyphs: Vec<PlacedGlyph>,
    /// From the first glyph's origin to the end of the last one.
    pub width: f32,
    /// How far the glue was stretched (positive) or shrunk: 0 for natural.
    pub ratio: f64,
    /// Set right to left: the line starts at the right of its measure.
    pub mirrored: bool,
    /// From the line's left end to the first glyph drawn (the first in
    /// reading order, at the right of right-to-left text).
    pub first_at: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Justified,
    Ragged,
}

/// A label set before the first line's text: a paragraph number or an
/// item's letter, with the text going on at `text_at` (a tab stop).
#[derive(Debug, Clone, Copy)]
pub struct Lead<'a> {
    pub offset: f32,
    pub label: &'a str,
    pub text_at: f32,
}

/// How a paragraph is set: its face, size, measure and word-space elasticity.
#[derive(Clone, Copy)]
pub struct Setting<'a> {
    pub face: &'a Face,
    pub size: f32,
    pub measure: f32,
    pub align: Align,
    /// Stretch and shrink of a word space, as fractions of its width.
    pub stretch: f32,
    pub shrink: f32,
    /// Patterns for the paragraphs that come out loose unhyphenated.
    pub hyphenator: Option<&'a Patterns>,
    /// The language whose abbreviated ordinals are set raised (`1er`).
    pub language: Option<&'a Language>,
}

/// Liang patterns, with the breaks of each word worked out once: a
/// document says the same words again and again.
pub struct Patterns {
    standard: Standard,
    breaks: RefCell<FxHashMap<String, Vec<usize>>>,
}

impl Patterns {
    pub fn new(standard: Standard) -> Patterns {
        Patterns {
            standard,
            breaks: RefCell::default(),
        }
    }

    /// Where `word` may be broken, in bytes.
    fn breaks(&self, word: &str) -> Vec<usize> {
        if let Some(b) = self.breaks.borrow().get(word) {
            return b.clone();
        }
        let b = self.standard.hyphenate(word).breaks;
        self.breaks.borrow_mut().insert(word.to_string(), b.clone());
        b
    }
}

enum Piece {
    Word(Vec<Glyph>),
    /// A word space, at its bidirectional level.
    Space(u8),
    Lead {
        offset: f32,
        glyphs: Vec<Glyph>,
    },
    /// A place where a word may be broken with a hyphen added.
    Hyphen,
    /// Room between two Chinese characters, where a line may break and a
    /// justified line stretches.
    Gap,
    Nothing,
}

/// How much the room between two Chinese characters may stretch, in ems:
/// a justified line of Chinese has no spaces to stretch.
const GAP_STRETCH: f32 = 0.25;

/// A paragraph whose every line can be set within this badness (spaces
/// stretched at most 1.44 times their stretch) is not hyphenated.
const PRETOLERANCE: f64 = 300.0;
/// What a break in a word costs (TeX's \hyphenpenalty, doubled: a UN text
/// is hyphenated sparingly).
const HYPHEN_PENALTY: f64 = 100.0;

/// Tokens French sets with a (possibly missing) space that must not break:
/// no line starts with `:` or `»`, none ends with `«`.
fn binds_to_previous(word: &str) -> bool {
    matches!(word, ":" | ";" | "!" | "?" | "»" | "%")
}

fn binds_to_next(word: &str) -> bool {
    word == "«"
}

fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

impl Setting<'_> {
    fn pt(&self, thousandths: f32) -> f32 {
        thousandths * self.size / 1000.0
    }

    /// Sets `text` into lines of the measure: without hyphenation if every
    /// line can be good, else with it.
    pub fn set(&self, text: &str, lead: Option<Lead<'_>>) -> Result<Vec<SetLine>, PdfError> {
        let params = match self.align {
            Align::Justified => Params::justified(self.measure as f64),
            Align::Ragged => Params::ragged(self.measure as f64, 3.0 * self.size as f64),
        };
        let direction = bidi::has_right_to_left(text).then(|| bidi::levels(text, None));
        let direction = direction.as_ref();
        let (items, pieces) = self.items(text, lead, false, direction)?;
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let paragraph = direction.map(|d| d.1);
        let strict = Params {
            tolerance: PRETOLERANCE,
            ..params
        };
        if let Some(breaks) = linebreak::within_tolerance(&items, &strict) {
            return Ok(self.lines(&items, &pieces, &breaks, paragraph));
        }
        // Headings and other ragged text are never hyphenated.
        let hyphenate = self.hyphenator.is_some() && self.align == Align::Justified;
        let (items, pieces) = self.items(text, lead, hyphenate, direction)?;
        let breaks = linebreak::total_fit(&items, &params);
        Ok(self.lines(&items, &pieces, &breaks, paragraph))
    }

    /// The lines the breaks give; `paragraph` is the paragraph's level
    /// when it holds right-to-left text.
    fn lines(
        &self,
        items: &[Item],
        pieces: &[Piece],
        breaks: &[linebreak::Break],
        paragraph: Option<u8>,
    ) -> Vec<SetLine> {
        linebreak::lines(items, breaks)
            .into_iter()
            .zip(breaks)
            .map(|(range, br)| {
                let hyphen = matches!(pieces.get(br.position), Some(Piece::Hyphen));
                self.line(
                    &items[range.clone()],
                    &pieces[range],
                    br.ratio,
                    hyphen,
                    paragraph,
                )
            })
            .collect()
    }

    /// Boxes, glue and penalties for `text`; `direction` holds its bytes'
    /// bidirectional levels and its paragraph's when it has Arabic.
    fn items(
        &self,
        text: &str,
        lead: Option<Lead<'_>>,
        hyphenate: bool,
        direction: Option<&(Vec<u8>, u8)>,
    ) -> Result<(Vec<Item>, Vec<Piece>), PdfError> {
        let space = self.face.space_width(self.size) as f64;
        let glue = Item::Glue {
            width: space,
            stretch: space * self.stretch as f64,
            shrink: space * self.shrink as f64,
        };
        let mut items: Vec<Item> = Vec::new();
        let mut pieces: Vec<Piece> = Vec::new();

        if let Some(lead) = lead {
            let glyphs = match direction {
                Some(&(_, paragraph)) => {
                    let (levels, _) = bidi::levels(lead.label, Some(paragraph));
                    bidi::shape(self.face, lead.label, &levels)?
                }
                None => self.face.shape(lead.label)?,
            };
            let natural = lead.offset + glyphs_width(&glyphs, self.size) + space as f32;
            items.push(Item::Box {
                width: lead.text_at.max(natural) as f64,
            });
            pieces.push(Piece::Lead {
                offset: lead.offset,
                glyphs,
            });
        }

        let mut previous: Option<&str> = None;
        for word in text.split(is_break_space).filter(|w| !w.is_empty()) {
            // Where the word stands in the text, for its levels.
            let at = word.as_ptr() as usize - text.as_ptr() as usize;
            let space_level = direction.map_or(0, |(levels, _)| levels[at.saturating_sub(1)]);
            if let Some(prev) = previous {
                if binds_to_previous(word) || binds_to_next(prev) {
                    items.push(Item::Penalty {
                        width: 0.0,
                        penalty: INFINITE_PENALTY,
                        flagged: false,
                    });
                    pieces.push(Piece::Nothing);
                }
                items.push(glue);
                pieces.push(Piece::Space(space_level));
            }
            previous = Some(word);
            let mut glyphs = match direction {
                Some((levels, _)) => bidi::shape(self.face, word, &levels[at..at + word.len()])?,
                None => self.face.shape(word)?,
            };
            superscript::narrow(self.language, word, &mut glyphs);
            let ideographic = ideographic_breaks(word);
            if !ideographic.is_empty() {
                self.ideographic_fragments(&glyphs, &ideographic, &mut items, &mut pieces);
            } else if glyphs_width(&glyphs, self.size) > self.measure {
                // Too long for any line: let it break anywhere rather than
                // overflow.
                let anywhere: Vec<(usize, bool)> = (1..glyphs.len()).map(|i| (i, false)).collect();
                self.fragments(&glyphs, &anywhere, &mut items, &mut pieces);
            } else {
                let breaks = if hyphenate {
                    self.word_breaks(word)
                } else {
                    Vec::new()
                };
                self.fragments(&glyphs, &breaks, &mut items, &mut pieces);
            }
        }
        if items.is_empty() {
            return Ok((items, pieces));
        }
        for item in [
            Item::Penalty {
                width: 0.0,
                penalty: INFINITE_PENALTY,
                flagged: false,
            },
            Item::Glue {
                width: 0.0,
                stretch: FIL,
                shrink: 0.0,
            },
            Item::Penalty {
                width: 0.0,
                penalty: -INFINITE_PENALTY,
                flagged: false,
            },
        ] {
            items.push(item);
            pieces.push(Piece::Nothing);
        }
        Ok((items, pieces))
    }

    /// Where `word` may break, as glyph (= char) indices, each with whether
    /// a hyphen is added there: at the pattern points of its longest run of
    /// letters. Never after a hyphen the word holds (`open-ended`): a text
    /// layer cannot tell that hyphen from a typesetter's at a line end, and
    /// readers drop it there.
    fn word_breaks(&self, word: &str) -> Vec<(usize, bool)> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        let Some(dict) = self.hyphenator else {
            return out;
        };
        // Letters after an elided article (`l’`, `d’`) up to the first
        // non-letter; acronyms are left whole.
        let mut start = 0;
        let mut best = (0, 0);
        for (i, &c) in chars.iter().enumerate() {
            if !c.is_alphabetic() {
                start = i + 1;
            } else if i + 1 - start > best.1 - best.0 {
                best = (start, i + 1);
            }
        }
        let run: String = chars[best.0..best.1].iter().collect();
        if run.chars().count() < 5 || run.chars().filter(|c| c.is_uppercase()).count() > 1 {
            return out;
        }
        for byte in dict.breaks(&run) {
            let at = run[..byte].chars().count();
            out.push((best.0 + at, true));
        }
        out.sort_unstable();
        out
    }

    /// The glyphs of a run of Chinese as boxes cut at `breaks`, each cut a
    /// glue of no width that stretches when the line is justified.
    fn ideographic_fragments(
        &self,
        glyphs: &[Glyph],
        breaks: &[usize],
        items: &mut Vec<Item>,
        pieces: &mut Vec<Piece>,
    ) {
        let mut from = 0;
        for &at in breaks.iter().chain(std::iter::once(&glyphs.len())) {
            if at <= from || at > glyphs.len() {
                continue;
            }
            let part = &glyphs[from..at];
            items.push(Item::Box {
                width: glyphs_width(part, self.size) as f64,
            });
            pieces.push(Piece::Word(part.to_vec()));
            if at < glyphs.len() {
                items.push(Item::Glue {
                    width: 0.0,
                    stretch: (GAP_STRETCH * self.size) as f64,
                    shrink: 0.0,
                });
                pieces.push(Piece::Gap);
            }
            from = at;
        }
    }

    /// The glyphs of a word as boxes cut at `breaks`. A kern across a cut
    /// goes in a glue after the penalty, so that it vanishes at a line end.
    fn fragments(
        &self,
        glyphs: &[Glyph],
        breaks: &[(usize, bool)],
        items: &mut Vec<Item>,
        pieces: &mut Vec<Piece>,
    ) {
        let hyphen_width = self.pt(self.face.advance(self.face.hyphen.0)) as f64;
        let mut from = 0;
        for &(at, hyphen) in breaks.iter().chain(std::iter::once(&(glyphs.len(), false))) {
            if at <= from || at > glyphs.len() {
                continue;
            }
            let part = &glyphs[from..at];
            let last_kern = part
                .last()
                .filter(|g| !g.shaped)
                .map(|g| g.kern)
                .unwrap_or(0.0);
            let width = glyphs_width(part, self.size) - self.pt(last_kern);
            items.push(Item::Box {
                width: width as f64,
            });
            pieces.push(Piece::Word(part.to_vec()));
            if at < glyphs.len() {
                items.push(Item::Penalty {
                    width: if hyphen { hyphen_width } else { 0.0 },
                    penalty: HYPHEN_PENALTY,
                    flagged: true,
                });
                pieces.push(if hyphen {
                    Piece::Hyphen
                } else {
                    Piece::Nothing
                });
                if last_kern != 0.0 {
                    items.push(Item::Glue {
                        width: self.pt(last_kern) as f64,
                        stretch: 0.0,
                        shrink: 0.0,
                    });
                    pieces.push(Piece::Nothing);
                }
            }
            from = at;
        }
    }

    fn line(
        &self,
        items: &[Item],
        pieces: &[Piece],
        ratio: f64,
        hyphen: bool,
        paragraph: Option<u8>,
    ) -> SetLine {
        let mut glyphs: Vec<PlacedGlyph> = Vec::new();
        let mut indent = 0.0;
        let space_gid = self.face.space;
        let space_adv = self.face.advance(space_gid);
        for (item, piece) in items.iter().zip(pieces) {
            match piece {
                Piece::Lead {
                    offset,
                    glyphs: label,
                } => {
                    indent = *offset;
                    let box_width = match item {
                        Item::Box { width } => *width as f32,
                        _ => 0.0,
                    };
                    push_word(&mut glyphs, label);
                    // The gap to the tab stop is a space glyph widened by the
                    // adjustment after it.
                    let used = offset + glyphs_width(label, self.size) + self.pt(space_adv);
                    glyphs.push(PlacedGlyph {
                        gid: space_gid,
                        ch: ' ',
                        adjust: -(box_width - used) * 1000.0 / self.size,
                        // A tab stop: at the paragraph's level (rule L1).
                        level: paragraph.unwrap_or(0),
                        ..PlacedGlyph::default()
                    });
                }
                Piece::Word(word) => push_word(&mut glyphs, word),
                Piece::Space(level) => {
                    let extra = match *item {
                        Item::Glue {
                            stretch, shrink, ..
                        } if ratio.is_finite() => {
                            if ratio >= 0.0 {
                                ratio * stretch
                            } else {
                                ratio * shrink
                            }
                        }
                        _ => 0.0,
                    };
                    glyphs.push(PlacedGlyph {
                        gid: space_gid,
                        ch: ' ',
                        adjust: -(extra as f32) * 1000.0 / self.size,
                        level: *level,
                        ..PlacedGlyph::default()
                    });
                }
                Piece::Gap => {
                    let extra = match *item {
                        Item::Glue { stretch, .. } if ratio.is_finite() && ratio > 0.0 => {
                            ratio * stretch
                        }
                        _ => 0.0,
                    };
                    if let Some(last) = glyphs.last_mut() {
                        last.adjust -= (extra as f32) * 1000.0 / self.size;
                    }
                }
                Piece::Hyphen | Piece::Nothing => {}
            }
        }
        // A space that ended up last carries nothing worth drawing.
        while glyphs.last().is_some_and(|g| g.ch == ' ') {
            glyphs.pop();
        }
        // Shaped glyphs' adjustments are their own advances; a line with
        // right-to-left text is placed in visual order, drawn in reading
        // order.
        let mut first_at = 0.0;
        let mut placed_width = None;
        match paragraph {
            Some(level) => {
                let (first, width) = bidi::place(&mut glyphs, level, |gid| self.face.advance(gid));
                first_at = self.pt(first);
                placed_width = Some(self.pt(width));
            }
            None => {
                if let Some(last) = glyphs.last_mut() {
                    last.adjust = 0.0;
                }
            }
        }
        if hyphen {
            let (gid, ch) = self.face.hyphen;
            glyphs.push(PlacedGlyph {
                gid,
                ch,
                ..PlacedGlyph::default()
            });
        }
        let width = glyphs
            .iter()
            .map(|g| self.face.advance(g.gid) - g.adjust)
            .sum::<f32>()
            * self.size
            / 1000.0;
        // A document holds all its lines until its pages are written.
        glyphs.shrink_to_fit();
        SetLine {
            indent,
            glyphs,
            width: placed_width.unwrap_or(width),
            ratio,
            mirrored: paragraph.is_some_and(|l| l % 2 == 1),
            first_at,
        }
    }

    /// One line, unbroken (masthead lines, running heads).
    pub fn single(&self, text: &str) -> Result<SetLine, PdfError> {
        if bidi::has_right_to_left(text) {
            let (glyphs, first, width) = bidi::single(self.face, text)?;
            return Ok(SetLine {
                indent: 0.0,
                glyphs,
                width: self.pt(width),
                ratio: 0.0,
                mirrored: false,
                first_at: self.pt(first),
            });
        }
        let mut glyphs = Vec::new();
        let shaped = self.face.shape(text)?;
        push_word(&mut glyphs, &shaped);
        if let Some(last) = glyphs.last_mut() {
            last.adjust = 0.0;
        }
        Ok(SetLine {
            indent: 0.0,
            width: glyphs_width(&shaped, self.size),
            glyphs,
            ratio: 0.0,
            mirrored: false,
            first_at: 0.0,
        })
    }
}

fn push_word(out: &mut Vec<PlacedGlyph>, word: &[Glyph]) {
    out.extend(word.iter().map(PlacedGlyph::from));
}

/// A Chinese character or a full-width sign.
pub fn is_ideographic(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Where a line may break inside a word of Chinese (as char indices): the
/// UAX #14 opportunities next to a Chinese character or full-width sign,
/// never inside a run of Latin letters or digits (`CTOC/COP/WG.7`).
fn ideographic_breaks(word: &str) -> Vec<usize> {
    if !word.chars().any(is_ideographic) {
        return Vec::new();
    }
    unicode_linebreak::linebreaks(word)
        .filter(|&(at, _)| at < word.len())
        .filter(|&(at, _)| {
            let before = word[..at].chars().next_back();
            let after = word[at..].chars().next();
            before.is_some_and(is_ideographic) || after.is_some_and(is_ideographic)
        })
        .map(|(at, _)| word[..at].chars().count())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyphenation::{Language, Load};
    use std::path::Path;

    fn face() -> Face {
        let path = Path::new("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf");
        Face::load(path).unwrap_or_else(|e| {
            panic!("these tests set text in Liberation Serif (fonts-liberation): {e}")
        })
    }

    fn setting<'a>(face: &'a Face, measure: f32, hyphenator: Option<&'a Patterns>) -> Setting<'a> {
        Setting {
            face,
            size: 10.0,
            measure,
            align: Align::Justified,
            stretch: 0.6,
            shrink: 0.25,
            hyphenator,
            language: None,
        }
    }

    const TEXT: &str = "Les États parties voudront peut-être envisager de conférer le caractère \
        d’infraction pénale à l’utilisation abusive de l’identité en vue d’obtenir des documents \
        d’identité à des fins de trafic de migrants, notamment par voie électronique.";

    #[test]
    fn lines_fill_the_measure_and_the_last_is_ragged() {
        let face = face();
        let lines = setting(&face, 250.0, None)
            .set(
                TEXT,
                Some(Lead {
                    offset: 0.0,
                    label: "10.",
                    text_at: 18.0,
                }),
            )
            .unwrap_or_default();
        assert!(lines.len() > 2);
        for line in &lines[..lines.len() - 1] {
            assert!(
                (line.width - 250.0).abs() < 0.05,
                "line of {} pt",
                line.width
            );
        }
        let last = &lines[lines.len() - 1];
        assert!(last.width < 250.0 && last.ratio == 0.0);
        let words: String = lines
            .iter()
            .flat_map(|l| l.glyphs.iter().map(|g| g.ch))
            .collect::<String>();
        assert!(words.starts_with("10. Les États"), "{words}");
    }

    #[test]
    fn hyphenated_lines_stay_within_the_measure() {
        let face = face();
        let dict = Standard::from_embedded(Language::French)
            .ok()
            .map(Patterns::new);
        let lines = setting(&face, 150.0, dict.as_ref())
            .set(TEXT, None)
            .unwrap_or_default();
        assert!(lines.iter().all(|l| l.width <= 150.0 + 0.05));
        let broken = lines
            .iter()
            .filter(|l| l.glyphs.last().is_some_and(|g| g.ch == '\u{ad}'))
            .count();
        assert!(broken > 0, "a narrow measure should need a broken word");
        // Broken words join up again when the soft hyphens are dropped.
        let text: String = lines
            .iter()
            .map(|l| l.glyphs.iter().map(|g| g.ch).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
            .replace("\u{ad} ", "");
        assert_eq!(text, TEXT);
    }

    #[test]
    fn a_word_longer_than_the_measure_is_set_without_panic() {
        let face = face();
        let long = "anticonstitutionnellementanticonstitutionnellement";
        let lines = setting(&face, 60.0, None)
            .set(&format!("un {long} mot"), None)
            .unwrap_or_default();
        assert!(lines.iter().all(|l| l.width <= 60.0 + 0.05));
        let all: String = lines
            .iter()
            .flat_map(|l| l.glyphs.iter().map(|g| g.ch))
            .collect();
        assert!(all.contains("constitution"));
    }

    #[test]
    fn no_line_starts_with_a_colon() {
        let face = face();
        let text = "mot ".repeat(40) + ": fin « citation » encore";
        for measure in [60.0, 80.0, 100.0, 130.0] {
            let lines = setting(&face, measure, None)
                .set(&text, None)
                .unwrap_or_default();
            for l in &lines {
                let s: String = l.glyphs.iter().map(|g| g.ch).collect();
                assert!(
                    !s.starts_with(':') && !s.starts_with('»') && !s.ends_with('«'),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_signs() {
        let text = "审议（CTOC/COP/WG.7/2012/1）。工作组";
        let breaks = ideographic_breaks(text);
        let chars: Vec<char> = text.chars().collect();
        for &at in &breaks {
            assert!(
                !"。，、；：）」".contains(chars[at]),
                "break before {}",
                chars[at]
            );
            assert!(
                !"（「".contains(chars[at - 1]),
                "break after {}",
                chars[at - 1]
            );
            assert!(
                !(chars[at - 1].is_ascii() && chars[at].is_ascii()),
                "break inside CTOC/COP at {at}"
            );
        }
        assert!(breaks.contains(&1), "between 审 and 议");
        assert!(breaks.contains(&2), "before （");
        assert!(ideographic_breaks("CTOC/COP/WG.7/2012/1").is_empty());
    }
}
