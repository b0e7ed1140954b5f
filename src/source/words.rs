//! The text of a right-to-left PDF (Arabic), set from the words pdftotext
//! finds and where they stand (its -bbox mode), rather than from its
//! -layout text. Arabic faces set vowel marks and some letters off the pen:
//! pdftotext then cuts a word where a mark is drawn inside it (`المنظَّمة`
//! comes as `المن`, `ّ`, `ظمة`), takes the room a joined letter leaves for a
//! word space, and may draw the pieces of one line on two. Here the words
//! of a line are those on one baseline, put in order from left to right;
//! pieces that touch are one word again, a mark goes back into the word
//! under it (or, set off its final letter, to the word at its right); the
//! line is then read in reading order, column by column, by the Unicode
//! bidirectional algorithm, as `bidi` reads pdftotext's own lines.

use super::bidi;

/// A word as pdftotext gives it: its box and its characters in the order
/// they stand on the page, from the left.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
    text: String,
}

impl Word {
    fn height(&self) -> f32 {
        (self.bottom - self.top).max(0.1)
    }
}

/// Room between two pieces, as a share of the line's height: less is one
/// word cut in two, more a word space (a space is a fifth of the height or
/// more, the room a joined letter leaves a few hundredths).
const WORD_SPACE: f32 = 0.1;
/// Room from which two words stand in different columns (the masthead's,
/// a hanging number and its text).
const COLUMN_GAP: f32 = 1.0;
/// Room between two lines, as a share of their height, from which a blank
/// line stands between them, as between paragraphs.
const PARAGRAPH_GAP: f32 = 0.6;

/// The text of the pages pdftotext's -bbox mode describes, line by line in
/// reading order, pages apart by form feeds.
pub fn text(bbox: &str) -> String {
    let mut out = String::with_capacity(bbox.len() / 4);
    for (i, page) in bbox.split("<page ").skip(1).enumerate() {
        if i > 0 {
            out.push('\u{c}');
        }
        out.push_str(&page_text(&words(page)));
    }
    out
}

/// The words of one page of -bbox output.
fn words(page: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for chunk in page.split("<word ").skip(1) {
        let Some((attributes, rest)) = chunk.split_once('>') else {
            continue;
        };
        let Some((text, _)) = rest.split_once("</word>") else {
            continue;
        };
        let number = |name: &str| -> Option<f32> {
            let at = attributes.find(&format!("{name}=\""))? + name.len() + 2;
            attributes[at..].split('"').next()?.parse().ok()
        };
        if let (Some(left), Some(top), Some(right), Some(bottom)) = (
            number("xMin"),
            number("yMin"),
            number("xMax"),
            number("yMax"),
        ) {
            out.push(Word {
                left,
                top,
                right,
                bottom,
                text: unescape(text),
            });
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn is_mark(word: &Word) -> bool {
    !word.text.is_empty() && word.text.chars().all(bidi::is_mark)
}

/// The lines of a page: words on one baseline, top to bottom.
fn lines(mut words: Vec<Word>) -> Vec<Vec<Word>> {
    words.sort_by(|a, b| a.bottom.total_cmp(&b.bottom));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line) if (word.bottom - line[0].bottom).abs() <= 0.3 * line[0].height() => {
                line.push(word)
            }
            _ => lines.push(vec![word]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.left.total_cmp(&b.left));
    }
    lines
}

/// A page's lines of text.
fn page_text(words: &[Word]) -> String {
    let mut out = String::new();
    let mut last: Option<(f32, f32)> = None;
    for line in lines(words.to_vec()) {
        let (top, bottom) = (line[0].top, line[0].bottom);
        if let Some((_, last_bottom)) = last {
            if top - last_bottom > PARAGRAPH_GAP * (bottom - top) {
                out.push('\n');
            }
        }
        last = Some((top, bottom));
        out.push_str(&line_text(line));
        out.push('\n');
    }
    out
}

/// One line: its pieces joined into words, its marks put back, then read
/// in reading order.
fn line_text(line: Vec<Word>) -> String {
    let height = line.iter().map(Word::height).fold(0.0, f32::max);
    let (marks, mut pieces): (Vec<Word>, Vec<Word>) = line.into_iter().partition(is_mark);
    for mark in marks {
        place_mark(&mut pieces, mark);
    }
    // The line as it stands on the page, columns three spaces apart.
    let mut page = String::new();
    let mut previous: Option<&Word> = None;
    for piece in &pieces {
        if let Some(before) = previous {
            let gap = (piece.left - before.right) / height;
            if gap >= COLUMN_GAP {
                page.push_str("   ");
            } else if gap >= WORD_SPACE {
                page.push(' ');
            }
        }
        page.push_str(&piece.text);
        previous = Some(piece);
    }
    bidi::page_line_in_reading_order(&page)
}

/// Puts a mark into the piece it is drawn over, before the letter under it
/// (the line is read from the right: the mark then follows its letter); a
/// mark over no piece was set off the end of the word at its right.
fn place_mark(pieces: &mut [Word], mark: Word) {
    let middle = (mark.left + mark.right) / 2.0;
    let under = pieces
        .iter()
        .position(|p| p.left <= middle && middle <= p.right)
        .or_else(|| pieces.iter().position(|p| p.left >= mark.left));
    let Some(i) = under else {
        if let Some(last) = pieces.last_mut() {
            last.text.push_str(&mark.text);
        }
        return;
    };
    let piece = &mut pieces[i];
    let chars: Vec<char> = piece.text.chars().collect();
    let width = (piece.right - piece.left) / chars.len().max(1) as f32;
    let index = (((middle - piece.left) / width).floor().max(0.0) as usize).min(chars.len());
    // A mark on a left-to-right letter follows it on the page too.
    let index = match chars.get(index) {
        Some(&c) if !bidi::is_right_to_left(c) => index + 1,
        _ => index,
    };
    let at: usize = chars[..index.min(chars.len())]
        .iter()
        .map(|c| c.len_utf8())
        .sum();
    piece.text.insert_str(at, &mark.text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(left: f32, right: f32, text: &str) -> Word {
        Word {
            left,
            top: 100.0,
            right,
            bottom: 115.0,
            text: text.to_string(),
        }
    }

    #[test]
    fn a_word_cut_at_its_mark_is_whole_again() {
        // `المنظَّمة عبر`, as -bbox gives it, from the left.
        let line = vec![
            word(276.2, 287.5, "ربع"),
            word(291.0, 301.0, "ةم"),
            word(301.1, 317.5, "ظنملا"),
            word(301.5, 303.9, "\u{651}"),
        ];
        assert_eq!(line_text(line), "المنظ\u{651}مة عبر");
    }

    #[test]
    fn a_mark_set_off_its_last_letter_goes_to_the_word_at_its_right() {
        // `نهجاً شاملاً`: each tanween left of its final alef.
        let line = vec![
            word(10.0, 11.0, "\u{64b}"),
            word(13.3, 30.0, "الماش"),
            word(31.0, 32.0, "\u{64b}"),
            word(34.4, 50.0, "اجهن"),
        ];
        assert_eq!(line_text(line), "نهجا\u{64b} شاملا\u{64b}");
    }

    #[test]
    fn columns_and_numbers_of_a_right_to_left_line() {
        let line = vec![
            word(60.0, 150.0, "Distr.: General"),
            word(300.0, 340.0, "ةينطولا"),
        ];
        assert_eq!(line_text(line), "الوطنية   Distr.: General");
        let line = vec![word(100.0, 200.0, "ديدج صن"), word(500.0, 510.0, "-1")];
        assert_eq!(line_text(line), "1-   نص جديد");
    }

    #[test]
    fn words_are_read_from_the_bbox_output() {
        let bbox = concat!(
            "<doc>\n  <page width=\"595\" height=\"842\">\n",
            "    <word xMin=\"50\" yMin=\"100\" xMax=\"80\" yMax=\"115\">نم</word>\n",
            "    <word xMin=\"84\" yMin=\"100\" xMax=\"120\" yMax=\"115\">لجأ</word>\n",
            "    <word xMin=\"50\" yMin=\"140\" xMax=\"90\" yMax=\"155\">R&amp;D</word>\n",
            "  </page>\n  <page width=\"595\" height=\"842\">\n",
            "    <word xMin=\"50\" yMin=\"100\" xMax=\"80\" yMax=\"115\">2</word>\n",
            "  </page>\n</doc>"
        );
        assert_eq!(text(bbox), "أجل من\n\nR&D\n\u{c}2\n");
    }
}
