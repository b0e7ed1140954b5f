//! Words of a right-to-left script that pdftotext cut with a space. An
//! Arabic face sets some joined letters a little apart, and pdftotext may
//! take the room for a word space: `والأشخاص` comes as `والأش خاص`. Only
//! the report itself can tell such a cut from two words: where the two
//! halves are never words of the report apart from each other, and the
//! report writes the whole as one word elsewhere, or the whole less some
//! letters at one end (`الأشخاص`, the clitic `و` left out), the space
//! goes.

use rustc_hash::FxHashMap;

use super::bidi::{is_mark, is_right_to_left};
use super::Line;

/// Whether `line` may hold a right-to-left letter: the lead bytes of the
/// Hebrew, Arabic and Syriac blocks (and of the presentation forms).
fn may_be_right_to_left(line: &str) -> bool {
    line.bytes().any(|b| matches!(b, 0xd6..=0xdd) || b == 0xef)
}

/// The words of `line` between its spaces, without the signs at their
/// ends, by byte range: only a word's ends are looked at.
fn words(line: &str) -> Vec<(usize, usize)> {
    let letter = |c: char| c.is_alphabetic() || is_mark(c);
    let mut out = Vec::new();
    let mut at = 0;
    for token in line.split(' ') {
        let start = at;
        at += token.len() + 1;
        let core = token.trim_matches(|c: char| !letter(c));
        if core.is_empty() {
            continue;
        }
        let s = start + (core.as_ptr() as usize - token.as_ptr() as usize);
        out.push((s, s + core.len()));
    }
    out
}

/// Whether the report writes `first` and `second` as one word elsewhere:
/// whole, or less some letters at one end, the word holding the most of
/// each half (`والأش` `خاص`: `الأشخاص`; but not `لبروتوكول` `مكافحة`,
/// though `لمكافحة` is a word).
fn written_whole(words: &FxHashMap<&str, usize>, first: &str, second: &str) -> bool {
    let whole = format!("{first}{second}");
    let cut = first.len();
    let letters = |s: &str| s.chars().count();
    let (first_letters, second_letters) = (letters(first), letters(second));
    let from = whole
        .char_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i < cut)
        .filter(|&i| letters(&whole[i..cut]) * 2 > first_letters)
        .any(|i| words.contains_key(&whole[i..]));
    let to = whole
        .char_indices()
        .map(|(i, _)| i)
        .chain([whole.len()])
        .skip_while(|&i| i <= cut)
        .filter(|&i| letters(&whole[cut..i]) * 2 > second_letters)
        .any(|i| words.contains_key(&whole[..i]));
    from || to
}

/// The lines with each cut word whole again.
pub fn rejoin(lines: &mut [Line]) {
    let written: Vec<usize> = (0..lines.len())
        .filter(|&i| may_be_right_to_left(&lines[i].text))
        .collect();
    if written.is_empty() {
        return;
    }
    // How often each word stands alone, and each pair of right-to-left
    // words one space apart.
    let mut alone: FxHashMap<&str, usize> = FxHashMap::default();
    let mut pairs: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    let mut cuts: Vec<(usize, usize, &str, &str)> = Vec::new();
    for &i in &written {
        let text = lines[i].text.as_str();
        let words = words(text);
        for &(s, e) in &words {
            *alone.entry(&text[s..e]).or_insert(0) += 1;
        }
        for pair in words.windows(2) {
            let ((s1, e1), (s2, e2)) = (pair[0], pair[1]);
            let (first, second) = (&text[s1..e1], &text[s2..e2]);
            if s2 == e1 + 1
                && text.as_bytes()[e1] == b' '
                && first.chars().any(is_right_to_left)
                && second.chars().any(is_right_to_left)
            {
                *pairs.entry((first, second)).or_insert(0) += 1;
                cuts.push((i, e1, first, second));
            }
        }
    }
    let mut spaces: Vec<(usize, usize)> = cuts
        .into_iter()
        .filter(|&(_, _, first, second)| {
            let together = pairs[&(first, second)];
            alone[first] == together
                && alone[second] == together
                && written_whole(&alone, first, second)
        })
        .map(|(line, at, _, _)| (line, at))
        .collect();
    // From the end of each line, so that the offsets before stay right.
    spaces.sort_unstable_by(|a, b| b.cmp(a));
    for (line, at) in spaces {
        lines[line].text.remove(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejoined(text: &str) -> Vec<String> {
        crate::source::after_pass(text, |lines| rejoin(lines))
    }

    #[test]
    fn a_word_cut_in_two_is_whole_again() {
        assert_eq!(
            rejoined("لإعلام الأشخاص المعرَّضين\nوالأطفال والأش خاص المحتاجين."),
            ["لإعلام الأشخاص المعرَّضين", "والأطفال والأش خاص المحتاجين."]
                .map(|l| l.replace("والأش خاص", "والأشخاص"))
        );
    }

    #[test]
    fn words_of_the_report_stay_apart() {
        // `في`, `الأمم` are words of their own elsewhere; nothing writes
        // `الأشخاص`.
        for text in [
            "لبروتوكول مكافحة تهريب\nالأمم المتحدة لمكافحة الجريمة",
            "في الوقت\nوفي الوقت فيالوقت",
            "والأش خاص المحتاجين",
            "الأمم المتحدة\nالأممالمتحدة\nالأمم",
        ] {
            let kept = rejoined(text);
            assert_eq!(kept, text.lines().collect::<Vec<_>>(), "{text}");
        }
    }
}
