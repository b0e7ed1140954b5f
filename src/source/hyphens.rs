//! Hyphens pdftotext took for word breaks. Its default mode joins a word
//! broken at a line's end and drops the hyphen: right for `recommen-`
//! `dations`, wrong for a compound broken at its own hyphen
//! (`государствам-` `участникам` comes as `государствамучастникам`). It
//! also joins the two lines: the word then stands where the page's line
//! ended, in a line longer than the page's. Only the report itself can
//! tell such a break from a spelling: where it writes the compound with
//! its hyphen, and writes it without, where no line was joined, fewer
//! times, a joined form at a line's join gets its hyphen back.

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
    // The width the text was wrapped at: that of its longer lines (most
    // lines of a page are full), if they are lines of a page at all.
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| l.text.trim_end().chars().count())
        .filter(|&n| n > 0)
        .collect();
    widths.sort_unstable();
    let width = widths
        .get(widths.len() * 4 / 5)
        .copied()
        .filter(|&w| w <= WRAPPED);
    // Whether the word at byte `at` of `text` stands where two lines were
    // joined: it starts within the width, in a line longer than it.
    let at_join = |text: &str, at: usize| {
        width.is_some_and(|w| text[..at].chars().count() < w && text.trim_end().chars().count() > w)
    };
    // How often the report writes each compound without its hyphens where
    // no line was joined.
    let mut without: FxHashMap<String, usize> = FxHashMap::default();
    for line in lines.iter() {
        for (at, word) in words(&line.text) {
            if let Some(key) = joined_form(word) {
                let spelled = !at_join(&line.text, at) as usize;
                *without.entry(key).or_insert(0) += spelled;
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
            if *with <= without[&key] || !at_join(&line.text, at) {
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

/// Lines of a page are at most this many characters: a text whose lines
/// are longer holds a paragraph a line (typed, or from Word), and joined
/// no lines.
const WRAPPED: usize = 150;

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

    /// Lines of a page forty characters wide around `lines`.
    fn page(lines: &[&str]) -> String {
        let full = "these lines are all of the page's width.";
        let mut out = vec![full; 8];
        out.extend(lines);
        out.join("\n")
    }

    #[test]
    fn a_compound_joined_at_a_line_end_gets_its_hyphen_back() {
        let text = page(&[
            "Государствам-участникам следует принять",
            "предупреждения государствамучастникам следует применять подход,",
        ]);
        assert_eq!(
            restored(&text)[9],
            "предупреждения государствам-участникам следует применять подход,"
        );
        // Once with its hyphen is enough, where the word stands at a join.
        let text = page(&[
            "capacity-building and awareness-raising",
            "of officials, capacity-building and awarenessraising, as well as measures",
        ]);
        assert_eq!(
            restored(&text)[9],
            "of officials, capacity-building and awareness-raising, as well as measures"
        );
    }

    #[test]
    fn the_reports_own_spelling_decides() {
        // `cooperation` is the report's spelling, `Co-operation` a name's.
        let text = page(&[
            "the Economic Co-operation and Development",
            "and cooperation among the States parties.",
            "to strengthen international cooperation among the States, which",
        ]);
        assert_eq!(restored(&text), text.lines().collect::<Vec<_>>());
        // Where no line was joined, the joined form is a spelling.
        let text = page(&["the co-operation of", "and cooperation."]);
        assert_eq!(restored(&text), text.lines().collect::<Vec<_>>());
        // Numbers and signs are not compounds.
        let text = page(&[
            "V.13-88412 and non- and",
            "the foot 1388412 and non a line longer than the page is wide",
        ]);
        assert_eq!(restored(&text), text.lines().collect::<Vec<_>>());
    }

    #[test]
    fn text_of_a_paragraph_a_line_joined_nothing() {
        let long = "x".repeat(160);
        let text = format!("{long} capacity-building\n{long} capacitybuilding {long}");
        assert_eq!(restored(&text), text.lines().collect::<Vec<_>>());
    }

    #[test]
    fn every_hyphen_of_the_compound_comes_back() {
        let text = page(&[
            "vis-à-vis des États",
            "et visàvis des autres États, qui sont aussi parties au Protocole",
        ]);
        assert_eq!(
            restored(&text)[9],
            "et vis-à-vis des autres États, qui sont aussi parties au Protocole"
        );
    }
}
