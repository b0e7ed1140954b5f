//! Spaces pdftotext adds to scripts whose glyphs it places one by one.
//! It takes the room between two glyphs for a word space: so a vowel mark
//! set off its Arabic letter comes after a space (`وفقا ً`), and a figure
//! in Chinese text, which the layout sets a little apart from the
//! characters round it, between spaces (`2012 年 5 月`). Neither script
//! writes those spaces: they go.

use std::borrow::Cow;
use unicode_bidi::{bidi_class, BidiClass};

/// `line` without the spaces pdftotext put before a mark or between a
/// Chinese character and a figure.
pub fn closed_up(line: &str) -> Cow<'_, str> {
    // Lead bytes of the Arabic block and of Chinese (U+3000 to U+9FFF,
    // U+F900 on): most lines have neither, which bytes tell fastest.
    let scripts = line
        .bytes()
        .any(|b| matches!(b, 0xd8..=0xdb | 0xe3..=0xe9 | 0xef));
    if !scripts || !line.contains(' ') {
        return Cow::Borrowed(line);
    }
    let chars: Vec<char> = line.chars().collect();
    let spurious = |i: usize| {
        let (Some(&before), Some(&after)) = (chars.get(i.wrapping_sub(1)), chars.get(i + 1)) else {
            return false;
        };
        chars[i] == ' '
            && (before.is_alphabetic() && bidi_class(after) == BidiClass::NSM
                || is_han(before) && after.is_ascii_digit()
                || before.is_ascii_digit() && is_han(after))
    };
    if !(0..chars.len()).any(spurious) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if !spurious(i) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        if bidi_class(chars[i + 1]) != BidiClass::NSM {
            i += 1;
            continue;
        }
        // The marks go back to the letter before the space. Tanween ends
        // a word: when a letter follows it at once, the space stood on the
        // wrong side of it (`شاملا ًيتضمن`, as the -raw mode draws a word's
        // last mark), and goes after it.
        let marks = chars[i + 1..]
            .iter()
            .take_while(|&&c| bidi_class(c) == BidiClass::NSM)
            .count();
        let next = i + 1 + marks;
        out.extend(&chars[i + 1..next]);
        let tanween = chars[i + 1..next]
            .iter()
            .any(|c| ('\u{64b}'..='\u{64d}').contains(c));
        if tanween && chars.get(next).is_some_and(|c| c.is_alphabetic()) {
            out.push(' ');
        }
        i = next;
    }
    Cow::Owned(out)
}

/// A Chinese character.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_goes_back_to_its_letter() {
        assert_eq!(closed_up("نهجا ً شاملا ً يتضمَّن"), "نهجاً شاملاً يتضمَّن");
        // The space before a mark drawn at a word's end stood after it.
        assert_eq!(closed_up("نهجا ًشاملا ًيتضمَّن"), "نهجاً شاملاً يتضمَّن");
        // Other marks sit inside words: one cut at its mark is whole again.
        assert_eq!(closed_up("المنظ َّمة"), "المنظَّمة");
        // A mark alone, set apart by several spaces, stays where it is.
        assert_eq!(closed_up("تدابير   َّ"), "تدابير   َّ");
    }

    #[test]
    fn figures_in_chinese_text_lose_their_spaces() {
        assert_eq!(
            closed_up("工作组 2012 年 5 月 30 日至 6 月 1 日在维也纳"),
            "工作组2012年5月30日至6月1日在维也纳"
        );
        assert_eq!(
            closed_up("联合国 CTOC/COP/WG.7/2012/6"),
            "联合国 CTOC/COP/WG.7/2012/6"
        );
    }

    #[test]
    fn other_text_is_borrowed() {
        assert!(matches!(
            closed_up("1. Les États parties"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(closed_up("в 2012 году"), Cow::Borrowed(_)));
    }
}
