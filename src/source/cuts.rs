//! Lines pdftotext's -raw mode cut on right-to-left pages. That mode keeps
//! the order in which the page was drawn, and starts a new line wherever
//! the pen goes back: at every change of direction, so that a number in a
//! sentence, the dash after a paragraph number or a chapter numeral and
//! the quotes round `‘1’` come alone on their lines; and where a face sets
//! a vowel mark off its letter, so that a line of the page comes in pieces,
//! the word under the mark cut between two of them, the pieces after it
//! first (`…عاقب على هذه الجريمة` above `…وأن تكفل أن يُ`). Here the pieces
//! go back in reading order with their cut words whole, and the signs
//! back beside their numbers. What the pieces were cut at, the text alone
//! tells only in part (the page would tell where each piece stands): a
//! line of the page whose pieces the mode drew apart, not one after the
//! other, stays cut.

use rustc_hash::FxHashMap;

use super::bidi::is_mark;
use super::Line;

/// Whether `c` is a vowel mark that sits inside a word (fatha, damma,
/// kasra, shadda, sukun): a line that ends with one was cut inside a
/// word. Tanween (`ً`) ends words: a line may end with it.
fn inner_mark(c: char) -> bool {
    ('\u{64e}'..='\u{652}').contains(&c)
}

/// How often each word (between spaces) stands inside a line of the
/// text, after another: where no cut can have left it.
fn word_counts(lines: &[Line]) -> FxHashMap<&str, usize> {
    let mut counts = FxHashMap::default();
    for word in lines.iter().flat_map(|l| l.text.split_whitespace().skip(1)) {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Line `below` of the page was cut before line `above`, which goes on
/// with it: `above` starts with a mark, which no word does; or `below`
/// ends with a mark that sits inside words, and `above` starts with what
/// the report never writes inside a line (`عاقب` after `يُ`; but `ينبغي`
/// after `أيِّ`, a word ended by its marks, is a word of its own).
fn continues(above: &str, below: &str, words: &FxHashMap<&str, usize>) -> bool {
    let above = above.trim();
    let below = below.trim();
    if above.is_empty() || below.is_empty() {
        return false;
    }
    let first = above.split_whitespace().next().unwrap_or_default();
    above.chars().next().is_some_and(is_mark)
        || below.chars().next_back().is_some_and(inner_mark) && !words.contains_key(first)
}

/// The start of a piece that ends the word cut before it, and the rest:
/// its first word, or its marks alone (`َّ إساءة`), with the letter after
/// them when it stands alone (`َّ ع`: no word is one letter).
fn cut_word(piece: &str) -> (String, &str) {
    let marks: usize = piece
        .chars()
        .take_while(|&c| is_mark(c))
        .map(char::len_utf8)
        .sum();
    if marks > 0 && piece[marks..].starts_with(' ') {
        let after = piece[marks..].trim_start();
        let letter = after.split_whitespace().next().unwrap_or_default();
        if letter.chars().count() == 1 {
            let rest = after[letter.len()..].trim_start();
            return (format!("{}{letter}", &piece[..marks]), rest);
        }
        return (piece[..marks].to_string(), after);
    }
    let end = piece.find(' ').unwrap_or(piece.len());
    (piece[..end].to_string(), piece[end..].trim_start())
}

/// The pieces of one line of the page in reading order, the word cut
/// between two of them whole again. A piece that was all of a cut word
/// leaves no line of its own.
fn mend_pieces(lines: &mut Vec<Line>) {
    let mut joined: Vec<(usize, usize)> = Vec::new();
    {
        let words = word_counts(lines);
        let mut i = 0;
        while i < lines.len() {
            let mut j = i;
            while j + 1 < lines.len() && continues(&lines[j].text, &lines[j + 1].text, &words) {
                j += 1;
            }
            if j > i {
                joined.push((i, j));
            }
            i = j + 1;
        }
    }
    if joined.is_empty() {
        return;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut next = 0;
    for (i, j) in joined {
        out.extend(lines[next..i].iter().cloned());
        // Read from the last piece drawn to the first.
        let pieces: Vec<&str> = (i..=j).rev().map(|k| lines[k].text.trim()).collect();
        let mut texts = Vec::new();
        let mut current = pieces[0].to_string();
        for piece in &pieces[1..] {
            let (fragment, rest) = cut_word(piece);
            current.push_str(&fragment);
            if !rest.is_empty() {
                texts.push(std::mem::replace(&mut current, rest.to_string()));
            }
        }
        texts.push(current);
        for (k, text) in (i..=j).zip(texts) {
            out.push(Line {
                text,
                ..lines[k].clone()
            });
        }
        next = j + 1;
    }
    out.extend(lines[next..].iter().cloned());
    *lines = out;
}

/// A sign the -raw mode sets alone: a number's dash, a label's quote.
fn sign(text: &str) -> Option<char> {
    let mut chars = text.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c @ ('-' | '‘' | '’')), None) => Some(c),
        _ => None,
    }
}

/// A number or a word alone (a paragraph number, a numeral `أولاً`).
fn alone(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= 12 && t.chars().all(|c| c.is_alphanumeric() || is_mark(c))
}

/// A paragraph number: a year has four digits.
fn paragraph_number(text: &str) -> bool {
    let t = text.trim();
    (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// Each dash alone after the number or numeral beside it (a paragraph
/// number before it, as the raw mode draws `1` before `-`; else a word or
/// number after it, as it draws `-` before `أولاً`; else one before), each
/// number alone between two quotes between them: `1-`, `أولاً-`, `‘1’`.
fn mend_signs(lines: &mut [Line]) {
    for i in 0..lines.len() {
        match sign(&lines[i].text) {
            Some('-') => {
                let at = if i > 0 && paragraph_number(&lines[i - 1].text) {
                    i - 1
                } else if lines.get(i + 1).is_some_and(|l| alone(&l.text)) {
                    i + 1
                } else if i > 0 && alone(&lines[i - 1].text) {
                    i - 1
                } else {
                    continue;
                };
                lines[at].text = format!("{}-", lines[at].text.trim());
                lines[i].text.clear();
            }
            Some(_) => {
                let number = |l: &Line| {
                    let t = l.text.trim();
                    !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit())
                };
                if i + 2 < lines.len()
                    && number(&lines[i + 1])
                    && sign(&lines[i + 2].text).is_some_and(|c| c != '-')
                {
                    lines[i].text = format!("‘{}’", lines[i + 1].text.trim());
                    lines[i + 1].text.clear();
                    lines[i + 2].text.clear();
                }
            }
            None => {}
        }
    }
}

/// The lines of text drawn by the -raw mode from right-to-left pages, in
/// reading order (each already is, by `bidi`), mended.
pub fn mend(lines: &mut Vec<Line>) {
    // Signs first: the first piece of a line, cut at a mark, may be a
    // word alone, which a dash above it does not belong to.
    mend_signs(lines);
    mend_pieces(lines);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mended(text: &str) -> Vec<String> {
        crate::source::after_pass(text, mend)
    }

    #[test]
    fn pieces_of_a_line_go_back_in_reading_order() {
        assert_eq!(
            mended("عن طريق البر\nعاقب على هذه الجريمة.\nوالبحر وأن تكفل أن يُ"),
            [
                "عن طريق البر",
                "والبحر وأن تكفل أن يُعاقب",
                "على هذه الجريمة."
            ]
        );
        // Three pieces, the mark starting the pieces drawn first.
        assert_eq!(
            mended("َّى لأسبابه ويحمي\nَّد كثير يتصد\nشد\nحقوق المهاجرين."),
            ["شدَّد", "كثير يتصدَّى", "لأسبابه ويحمي", "حقوق المهاجرين."]
        );
    }

    #[test]
    fn a_piece_that_is_all_of_a_cut_word_leaves_no_line() {
        assert_eq!(
            mended("ينبغي للدول\nَّ ع الدول الأطراف على\nشج\nتُ\nالتعاون."),
            ["ينبغي للدول", "تُشجَّع", "الدول الأطراف على", "التعاون."]
        );
    }

    #[test]
    fn a_word_its_marks_end_is_no_cut() {
        // `ينبغي` is a word of the report: `أيِّ` ended where it is.
        let text = "ينبغي أن\nمن العنف ومن أيِّ\nينبغي للدول\nكما ينبغي";
        assert_eq!(mended(text), text.lines().collect::<Vec<_>>());
    }

    #[test]
    fn signs_go_back_beside_their_numbers() {
        assert_eq!(
            mended("2014\n-\nأولاً\nالتوصيات\n1\n-\nاعتمد الفريق العامل\n‘\n1\n’\nتدريب"),
            [
                "2014",
                "",
                "أولاً-",
                "التوصيات",
                "1-",
                "",
                "اعتمد الفريق العامل",
                "‘1’",
                "",
                "",
                "تدريب"
            ]
        );
    }

    #[test]
    fn a_dash_goes_to_the_number_before_a_piece_of_a_line() {
        assert_eq!(
            mended("8\n-\nَّد كثير من المتكلمين\nشد\nحقوق."),
            ["8-", "", "شدَّد", "كثير من المتكلمين", "حقوق."]
        );
    }

    #[test]
    fn whole_lines_stay() {
        let text = "نهجاً شاملاً\nوالأطفال قضائياً\n- نص\n";
        assert_eq!(mended(text), text.lines().collect::<Vec<_>>());
    }
}
