//! Text to lines: words become boxes, spaces glue, and the total-fit breaker
//! chooses the lines. Each line comes out as glyphs with the adjustments that
//! place them, so the PDF shows real space glyphs (for text extraction) and
//! the justification is carried by the spacing after each of them.

use super::fonts::{glyphs_width, Face, Glyph};
use super::linebreak::{self, Item, Params, FIL, INFINITE_PENALTY};
use super::PdfError;

/// A glyph as drawn: `adjust` is the TJ number after it, in thousandths of an
/// em, positive moving the next glyph left.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub gid: u16,
    pub ch: char,
    pub adjust: f32,
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
}

enum Piece {
    Word(Vec<Glyph>),
    Space,
    Lead { offset: f32, glyphs: Vec<Glyph> },
    Nothing,
}

fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

impl Setting<'_> {
    fn pt(&self, thousandths: f32) -> f32 {
        thousandths * self.size / 1000.0
    }

    /// Sets `text` into lines of the measure.
    pub fn set(&self, text: &str, lead: Option<Lead<'_>>) -> Result<Vec<SetLine>, PdfError> {
        let space = self.face.space_width(self.size) as f64;
        let glue = Item::Glue {
            width: space,
            stretch: space * self.stretch as f64,
            shrink: space * self.shrink as f64,
        };
        let mut items: Vec<Item> = Vec::new();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut started = false;

        if let Some(lead) = lead {
            let glyphs = self.face.shape(lead.label)?;
            let natural = lead.offset + glyphs_width(&glyphs, self.size) + space as f32;
            items.push(Item::Box {
                width: lead.text_at.max(natural) as f64,
            });
            pieces.push(Piece::Lead {
                offset: lead.offset,
                glyphs,
            });
            started = true;
        }

        for word in text.split(is_break_space).filter(|w| !w.is_empty()) {
            let glyphs = self.face.shape(word)?;
            let width = glyphs_width(&glyphs, self.size);
            if started && !matches!(pieces.last(), Some(Piece::Lead { .. })) {
                items.push(glue);
                pieces.push(Piece::Space);
            }
            started = true;
            if width > self.measure {
                // Too long for any line: let it break anywhere rather than
                // overflow.
                for (i, g) in glyphs.iter().enumerate() {
                    if i > 0 {
                        items.push(Item::Penalty {
                            width: 0.0,
                            penalty: 50.0,
                            flagged: false,
                        });
                        pieces.push(Piece::Nothing);
                    }
                    let mut g = *g;
                    g.kern = 0.0;
                    items.push(Item::Box {
                        width: self.pt(g.advance) as f64,
                    });
                    pieces.push(Piece::Word(vec![g]));
                }
            } else {
                items.push(Item::Box {
                    width: width as f64,
                });
                pieces.push(Piece::Word(glyphs));
            }
        }
        if items.is_empty() {
            return Ok(Vec::new());
        }
        items.push(Item::Penalty {
            width: 0.0,
            penalty: INFINITE_PENALTY,
            flagged: false,
        });
        pieces.push(Piece::Nothing);
        items.push(Item::Glue {
            width: 0.0,
            stretch: FIL,
            shrink: 0.0,
        });
        pieces.push(Piece::Nothing);
        items.push(Item::Penalty {
            width: 0.0,
            penalty: -INFINITE_PENALTY,
            flagged: false,
        });
        pieces.push(Piece::Nothing);

        let params = match self.align {
            Align::Justified => Params::justified(self.measure as f64),
            Align::Ragged => Params::ragged(self.measure as f64, 3.0 * self.size as f64),
        };
        let breaks = linebreak::total_fit(&items, &params);
        let ranges = linebreak::lines(&items, &breaks);
        Ok(ranges
            .into_iter()
            .zip(&breaks)
            .map(|(range, br)| self.line(&items[range.clone()], &pieces[range], br.ratio))
            .collect())
    }

    fn line(&self, items: &[Item], pieces: &[Piece], ratio: f64) -> SetLine {
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
                    });
                }
                Piece::Word(word) => push_word(&mut glyphs, word),
                Piece::Space => {
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
                    });
                }
                Piece::Nothing => {}
            }
        }
        // A space that ended up last carries nothing worth drawing.
        while glyphs.last().is_some_and(|g| g.ch == ' ') {
            glyphs.pop();
        }
        if let Some(last) = glyphs.last_mut() {
            last.adjust = 0.0;
        }
        let width = glyphs
            .iter()
            .map(|g| self.face.advance(g.gid) - g.adjust)
            .sum::<f32>()
            * self.size
            / 1000.0;
        SetLine {
            indent,
            glyphs,
            width,
            ratio,
        }
    }

    /// One line, unbroken (masthead lines, running heads).
    pub fn single(&self, text: &str) -> Result<SetLine, PdfError> {
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
        })
    }
}

fn push_word(out: &mut Vec<PlacedGlyph>, word: &[Glyph]) {
    out.extend(word.iter().map(|g| PlacedGlyph {
        gid: g.gid,
        ch: g.ch,
        adjust: -g.kern,
    }));
}
