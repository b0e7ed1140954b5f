//! Hyphens pdftotext took for word breaks. Its default mode joins a word
//! broken at a line's end and drops the hyphen: right for `recommen-`
//! `dations`, wrong for a compound broken at its own hyphen
//! (`государствам-` `участникам` comes as `государствамучастникам`). Only
//! the report itself can tell the two apart: where it writes the compound
//! with its hyphen more often than without, the joined form is a compound
//! broken at a line's end, and gets its hyphen back.

use rustc_hash::{FxHashMap, FxHashSet};

use super::Line;

/// The words of `text`: runs of letters and hyphens between other signs,
/// each with its byte offset.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !(c.is_alphabetic() || c == '-' || super::bidi::is_mark(c)))
        .scan(0, move |at, word| {
            let start = *at;
            *at += word.len()
                + text[start + word.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// A compound: letters on both sides of each hyphen (`по-прежнему`, not
/// `13-88412`, `-` alone or `États-`).
fn is_compound(word: &str) -> bool {
    word.contains('-')
        && word
            .split('-')
            .all(|part| part.chars().any(char::is_alphabetic))
}

/// The lines with each compound that pdftotext joined at a line's end
/// given its hyphens back, by the report's own spelling.
pub fn restore(lines: &mut [Line]) {
    if !lines.iter().any(|l| l.text.contains('-')) {
        return;
    }
    // Each compound's hyphens by its joined form in lower case, and how
    // often the report writes it with them.
    let mut compounds: FxHashMap<String, (Vec<usize>, usize)> = FxHashMap::default();
    for line in lines.iter().filter(|l| l.text.contains('-')) {
        for (_, word) in words(&line.text).filter(|(_, w)| is_compound(w)) {
            let joined = word.replace('-', "").to_lowercase();
            // Where each hyphen stands, counted in letters of the joined form.
            let mut breaks = Vec::new();
            let mut letters = 0;
            for c in word.chars() {
                match c {
                    '-' => breaks.push(letters),
                    _ => letters += 1,
                }
            }
            compounds.entry(joined).or_insert((breaks, 0)).1 += 1;
        }
    }
    if compounds.is_empty() {
        return;
    }
    let lengths: FxHashSet<usize> = compounds.keys().map(|k| k.chars().count()).collect();
    let joined_form = |word: &str| -> Option<String> {
        if word.contains('-') || !lengths.contains(&word.chars().count()) {
            return None;
        }
        let lower = word.to_lowercase();
        compounds.contains_key(&lower).then_some(lower)
    };
    // How often the report writes each compound without its hyphens.
    let mut without: FxHashMap<String, usize> = FxHashMap::default();
    for line in lines.iter() {
        for (_, word) in words(&line.text) {
            if let Some(key) = joined_form(word) {
                *without.entry(key).or_insert(0) += 1;
            }
        }
    }
    for line in lines.iter_mut() {
        let mut fixed: Option<String> = None;
        let mut copied = 0;
        for (at, word) in words(&line.text) {
            let Some(key) = joined_form(word) else {
                continue;
            };
            let (breaks, with) = &compounds[&key];
            if *with <= without[&key] {
                continue;
            }
            let out = fixed.get_or_insert_with(String::new);
            out.push_str(&line.text[copied..at]);
            for (i, c) in word.chars().enumerate() {
                if breaks.contains(&i) {
                    out.push('-');
                }
                out.push(c);
            }
            copied = at + word.len();
        }
        if let Some(mut out) = fixed {
            out.push_str(&line.text[copied..]);
            line.text = out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restored(text: &str) -> Vec<String> {
        let mut lines: Vec<Line> = text
            .lines()
            .enumerate()
            .map(|(i, t)| Line {
                number: i + 1,
                text: t.to_string(),
                page_start: false,
            })
            .collect();
        restore(&mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn a_compound_joined_at_a_line_end_gets_its_hyphen_back() {
        assert_eq!(
            restored("Государствам-участникам следует\nпредупреждения государствамучастникам следует,\nГосударствам-участникам."),
            [
                "Государствам-участникам следует",
                "предупреждения государствам-участникам следует,",
                "Государствам-участникам."
            ]
        );
    }

    #[test]
    fn the_reports_own_spelling_decides() {
        // `cooperation` is the report's spelling, `Co-operation` a name's.
        let text =
            "Economic Co-operation and Development\ncooperation among States\nand cooperation.";
        assert_eq!(restored(text), text.lines().collect::<Vec<_>>());
        // Numbers and signs are not compounds.
        let text = "V.13-88412 and 1388412\nnon- and non";
        assert_eq!(restored(text), text.lines().collect::<Vec<_>>());
    }

    #[test]
    fn every_hyphen_of_the_compound_comes_back() {
        assert_eq!(
            restored("vis-à-vis des États\net visàvis, vis-à-vis"),
            ["vis-à-vis des États", "et vis-à-vis, vis-à-vis"]
        );
    }
}
