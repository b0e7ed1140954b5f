//! Lines pdftotext drew from right-to-left pages (Arabic), put back in
//! reading order. pdftotext takes a line's characters in the order they
//! stand on the page, then turns each right-to-left stretch round and
//! marks the line with embedding controls: U+202B … U+202C round a
//! right-to-left line (or stretch, on a left-to-right page), U+202A …
//! U+202C round each left-to-right stretch inside it, kept as on the page.
//! Its stretches count every sign and space next to a number or a Latin
//! word as left to right, so that `1- ينبغي` comes out `-1 ينبغي` and
//! spaces move round numbers and symbols; in -layout mode, the columns of
//! a line come left to right, a heading's hanging numeral after its title.
//!
//! So the line is put back as it stands on the page, its controls undone,
//! then in reading order by the Unicode bidirectional algorithm, as the
//! writer of the page set it; a line without the controls is left alone.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;
use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level};

const LEFT_TO_RIGHT: char = '\u{202a}';
const RIGHT_TO_LEFT: char = '\u{202b}';
const POP: char = '\u{202c}';

/// Whether some line of `text` carries pdftotext's embedding controls.
pub fn has_embeddings(text: &str) -> bool {
    text.contains([LEFT_TO_RIGHT, RIGHT_TO_LEFT])
}

/// Whether `text` is what pdftotext draws from right-to-left pages: most
/// of its lines marked as laid out from the right (default and -layout
/// modes), or holding right-to-left stretches so marked (the -raw mode
/// marks each word, not the line). Text written so by hand, whose
/// embedding controls belong to it (a name quoted in Arabic), has few
/// such lines, and is read as it is.
pub fn drawn_right_to_left(text: &str) -> bool {
    let (mut marked, mut all) = (0usize, 0usize);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        all += 1;
        if line.contains(RIGHT_TO_LEFT) {
            marked += 1;
        }
    }
    all > 0 && marked * 2 > all
}

/// Whether `text` is what pdftotext's -raw mode draws from right-to-left
/// pages: it marks each right-to-left word rather than the line, so that
/// many lines that hold marked words start with something else (a point,
/// a mark, a word of the other direction).
pub fn drawn_word_by_word(text: &str) -> bool {
    let (mut unmarked, mut all) = (0usize, 0usize);
    for line in text.lines().filter(|l| l.contains(RIGHT_TO_LEFT)) {
        all += 1;
        if !line.trim_start().starts_with(RIGHT_TO_LEFT) {
            unmarked += 1;
        }
    }
    unmarked * 4 > all
}

/// `line` in reading order, without the embedding controls.
pub fn reading_order(line: &str) -> Cow<'_, str> {
    if !has_embeddings(line) {
        return Cow::Borrowed(line);
    }
    let mut chars = line.chars().peekable();
    let mut page = String::with_capacity(line.len());
    // A line whose first stretch is right to left was laid out from the
    // right: pdftotext marks every line of a right-to-left page so.
    let mut right_to_left = None;
    while let Some(c) = chars.next() {
        match c {
            RIGHT_TO_LEFT => {
                right_to_left.get_or_insert(true);
                page.push_str(&right_to_left_stretch(&mut chars));
            }
            LEFT_TO_RIGHT => {
                right_to_left.get_or_insert(false);
                page.push_str(&left_to_right_stretch(&mut chars));
            }
            POP => {}
            c => {
                if !c.is_whitespace() {
                    right_to_left.get_or_insert(false);
                }
                page.push(c);
            }
        }
    }
    // The -raw mode marks words, not lines, and cuts lines where the
    // direction changes: a line of right-to-left letters and no others
    // was laid out from the right, whatever sign stands at its left.
    let right_to_left = right_to_left == Some(true)
        || has_right_to_left(&page)
            && !page
                .chars()
                .any(|c| c.is_alphabetic() && bidi_class(c) == BidiClass::L);
    Cow::Owned(columns_in_reading_order(&page, right_to_left))
}

/// A line of a right-to-left page, as it stands on the page (its
/// characters from the left), in reading order.
pub fn page_line_in_reading_order(page: &str) -> String {
    columns_in_reading_order(page, true)
}

/// A line may hold several columns (the masthead's, a hanging number and
/// its text), two spaces or more apart: each is read on its own, and those
/// of a right-to-left line from the right.
fn columns_in_reading_order(page: &str, right_to_left: bool) -> String {
    let mut columns: Vec<(String, &str)> = Vec::new();
    let mut rest = page;
    while !rest.is_empty() {
        let end = rest.find("  ").unwrap_or(rest.len());
        let gap = rest[end..].len() - rest[end..].trim_start_matches(' ').len();
        columns.push((
            in_reading_order(&rest[..end], right_to_left),
            &rest[end..end + gap],
        ));
        rest = &rest[end + gap..];
    }
    if !right_to_left {
        return columns.into_iter().map(|(t, g)| t + g).collect();
    }
    columns.reverse();
    // Each gap stays between the same two columns.
    let mut out = String::with_capacity(page.len());
    for (i, (text, _)) in columns.iter().enumerate() {
        out.push_str(text);
        if let Some((_, gap)) = columns.get(i + 1) {
            out.push_str(gap);
        }
    }
    out
}

/// One column of a line, as it stands on the page, in reading order.
/// pdftotext marks every line of a right-to-left page alike; a column in
/// Latin letters alone (a masthead line, a job number) was set left to
/// right, one of numbers and signs alone (a hanging `1-`) right to left.
fn in_reading_order(column: &str, right_to_left_line: bool) -> String {
    let right_to_left = right_to_left_line
        && (has_right_to_left(column) || !column.chars().any(char::is_alphabetic));
    let level = match right_to_left {
        true => Level::rtl(),
        false => Level::ltr(),
    };
    let info = BidiInfo::new(column, Some(level));
    match info.paragraphs.first() {
        Some(paragraph) => info
            .reorder_line(paragraph, paragraph.range.clone())
            .into_owned(),
        None => column.to_string(),
    }
}

fn has_right_to_left(text: &str) -> bool {
    text.chars().any(is_right_to_left)
}

/// A letter of a right-to-left script.
pub fn is_right_to_left(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// A mark set on the letter before it (a vowel mark).
pub fn is_mark(c: char) -> bool {
    bidi_class(c) == BidiClass::NSM
}

/// The characters up to the matching U+202C of a right-to-left stretch, as
/// they stand on the page: its parts in the other order, each of its own
/// letters turned back.
fn right_to_left_stretch(chars: &mut Peekable<Chars>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut own = String::new();
    let flush = |own: &mut String, parts: &mut Vec<String>| {
        if !own.is_empty() {
            parts.push(own.chars().rev().collect());
            own.clear();
        }
    };
    while let Some(c) = chars.next() {
        match c {
            POP => break,
            LEFT_TO_RIGHT => {
                flush(&mut own, &mut parts);
                parts.push(left_to_right_stretch(chars));
            }
            RIGHT_TO_LEFT => {
                flush(&mut own, &mut parts);
                parts.push(right_to_left_stretch(chars));
            }
            c => own.push(c),
        }
    }
    flush(&mut own, &mut parts);
    parts.into_iter().rev().collect()
}

/// The characters up to the matching U+202C of a left-to-right stretch,
/// which pdftotext keeps as they stand on the page.
fn left_to_right_stretch(chars: &mut Peekable<Chars>) -> String {
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            POP => break,
            RIGHT_TO_LEFT => out.push_str(&right_to_left_stretch(chars)),
            LEFT_TO_RIGHT => out.push_str(&left_to_right_stretch(chars)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What pdftotext gives for `text`, written with `<` for U+202B, `[`
    /// for U+202A and `>` for U+202C.
    fn drawn(text: &str) -> String {
        text.replace('<', "\u{202b}")
            .replace('[', "\u{202a}")
            .replace('>', "\u{202c}")
    }

    #[test]
    fn a_paragraph_number_keeps_its_dash_after_it() {
        let line = drawn("<[ -1>ينبغي للدول الأطراف<[.>>");
        assert_eq!(reading_order(&line), "1- ينبغي للدول الأطراف.");
    }

    #[test]
    fn spaces_stay_where_the_writer_set_them_round_numbers() {
        let line = drawn("<عامي [ 2012>و[2013>>");
        assert_eq!(reading_order(&line), "عامي 2012 و2013");
        let line = drawn("<فيينا[ 20-18 ،>تشرين الثاني[/>نوفمبر [2015>>");
        assert_eq!(
            reading_order(&line),
            "فيينا، 18-20 تشرين الثاني/نوفمبر 2015"
        );
    }

    #[test]
    fn columns_of_a_line_come_from_the_right() {
        let line = drawn("     <مقدِّمة>      <أولاً[->>");
        assert_eq!(reading_order(&line).trim_end(), "أولاً-      مقدِّمة");
    }

    #[test]
    fn latin_lines_of_a_right_to_left_page_stay_as_they_are() {
        let line = drawn("        <[CTOC/COP/WG.7/2015/5>>");
        assert_eq!(reading_order(&line).trim(), "CTOC/COP/WG.7/2015/5");
        let line = drawn("<[Distr.: General>>");
        assert_eq!(reading_order(&line), "Distr.: General");
        let line = drawn("<)[V.15-06039 (A>>");
        assert_eq!(reading_order(&line), "V.15-06039 (A)");
    }

    #[test]
    fn columns_keep_their_own_direction() {
        let line = drawn("<[2 December 2014>>        <الوطنية>");
        assert_eq!(reading_order(&line), "الوطنية        2 December 2014");
    }

    #[test]
    fn a_number_alone_is_right_to_left() {
        assert_eq!(reading_order(&drawn("<[-12>>")), "12-");
    }

    #[test]
    fn a_line_of_words_marked_one_by_one_is_right_to_left() {
        // The -raw mode: each word marked, the line as it stands on the
        // page, from the left, its final point first.
        let line = drawn(".<التالية> <التوصيات> ،");
        assert_eq!(reading_order(&line), "، التوصيات التالية.");
        let line = drawn("<المتحدة> <الأمم>");
        assert_eq!(reading_order(&line), "الأمم المتحدة");
        let raw = drawn("<المتحدة> <الأمم>\nCTOC/COP\n.<التالية> <التوصيات>\n");
        assert!(drawn_right_to_left(&raw) && drawn_word_by_word(&raw));
        let default = drawn("<التوصيات التالية.>\n<[CTOC/COP>>\n");
        assert!(drawn_right_to_left(&default) && !drawn_word_by_word(&default));
    }

    #[test]
    fn arabic_inside_a_left_to_right_line() {
        let line = drawn("The word <عربية> here");
        assert_eq!(reading_order(&line), "The word عربية here");
    }

    #[test]
    fn right_to_left_pages_are_told_by_their_marked_lines() {
        assert!(drawn_right_to_left(&drawn("<نص>\n\n   <[CTOC>>\nx\n")));
        assert!(!drawn_right_to_left(&drawn("Text\nmore <نص> quoted\n")));
    }

    #[test]
    fn lines_without_controls_are_borrowed() {
        assert!(matches!(reading_order("1. Texte"), Cow::Borrowed(_)));
        assert!(matches!(reading_order("1- ينبغي"), Cow::Borrowed(_)));
    }
}
