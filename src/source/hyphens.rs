//! Hyphens pdftotext took for word breaks. Its default mode joins a word
//! broken at a line's end and drops the hyphen: right for `recommen-`
//! `dations`, wrong for a compound broken at its own hyphen
//! (`государствам-` `участникам` comes as `государствамучастникам`). It
//! also joins the two lines: the word then stands where the page's line
//! ended, in a line longer than the page's. Only the report itself can
//! tell such a break from a spelling: where it writes the compound with
//! its hyphen, and writes it without, where no line was joined, fewer
//! times, a joined form at a line's join gets its hyphen back.

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use super::Line;

/// A character of a word: a letter, a mark on it, or a hyphen.
fn inside(c: char) -> bool {
    match c.is_ascii() {
        true => c.is_ascii_alphabetic() || c == '-',
        false => c.is_alphabetic() || super::bidi::is_mark(c),
    }
}

/// The words of `text` that hold a hyphen, each with its byte offset:
/// only the characters round each hyphen are looked at.
fn hyphenated(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut done = 0;
    text.match_indices('-').filter_map(move |(at, _)| {
        if at < done {
            return None;
        }
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| inside(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| !inside(c))
            .map_or(text.len(), |(i, _)| at + i);
        done = end;
        Some((start, &text[start..end]))
    })
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
    // The width the text was wrapped at: that of its longer lines (most
    // lines of a page are full), if they are lines of a page at all.
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| l.text.trim_end().chars().count())
        .filter(|&n| n > 0)
        .collect();
    widths.sort_unstable();
    let Some(width) = widths
        .get(widths.len() * 4 / 5)
        .copied()
        .filter(|&w| w <= WRAPPED)
    else {
        return;
    };
    // Whether the word at byte `at` of `text` stands where two lines were
    // joined: it starts within the width, in a line longer than any of the
    // page's (whose lengths differ by a few characters).
    let longest = width + width / 8;
    let joins_lines =
        |text: &str| text.len() > longest && text.trim_end().chars().count() > longest;
    let at_join = |text: &str, at: usize| joins_lines(text) && text[..at].chars().count() < width;
    if !lines.iter().any(|l| joins_lines(&l.text)) {
        return;
    }
    // How often the report writes each compound, as it writes it.
    let mut written: FxHashMap<&str, usize> = FxHashMap::default();
    for line in lines.iter().filter(|l| l.text.contains('-')) {
        for (_, word) in hyphenated(&line.text) {
            *written.entry(word).or_insert(0) += 1;
        }
    }
    // Each compound's hyphens by its joined form in lower case, and how
    // often the report writes it with them.
    let mut compounds: FxHashMap<String, (Vec<usize>, usize)> = FxHashMap::default();
    for (word, n) in written.into_iter().filter(|(w, _)| is_compound(w)) {
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
        compounds.entry(joined).or_insert((breaks, 0)).1 += n;
    }
    if compounds.is_empty() {
        return;
    }
    // The compounds joined where two lines were.
    let finder = Finder::new(compounds.keys().map(String::as_str));
    let mut broken: Vec<&str> = lines
        .iter()
        .filter(|l| joins_lines(&l.text))
        .flat_map(|l| {
            finder
                .find(&l.text)
                .into_iter()
                .filter(|&(start, _, _)| at_join(&l.text, start))
                .map(|(_, _, key)| key)
        })
        .collect();
    broken.sort_unstable();
    broken.dedup();
    if broken.is_empty() {
        return;
    }
    // How often the report writes each of those without its hyphens where
    // no line was joined, and each line's joined forms.
    let finder = Finder::new(broken.iter().copied());
    let found: Vec<(usize, Vec<Joined>)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, finder.find(&l.text)))
        .filter(|(_, found)| !found.is_empty())
        .collect();
    let mut without: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, found) in &found {
        for &(start, _, key) in found {
            let spelled = !at_join(&lines[*i].text, start) as usize;
            *without.entry(key).or_insert(0) += spelled;
        }
    }
    let mut mended: Vec<(usize, String)> = Vec::new();
    for (i, found) in &found {
        let text = &lines[*i].text;
        let mut out = String::with_capacity(text.len() + 4);
        let mut copied = 0;
        for &(start, end, key) in found {
            let (breaks, with) = &compounds[key];
            if *with <= without[key] || !at_join(text, start) {
                continue;
            }
            out.push_str(&text[copied..start]);
            for (i, c) in text[start..end].chars().enumerate() {
                if breaks.contains(&i) {
                    out.push('-');
                }
                out.push(c);
            }
            copied = end;
        }
        if copied > 0 {
            out.push_str(&text[copied..]);
            mended.push((*i, out));
        }
    }
    for (i, text) in mended {
        lines[i].text = text;
    }
}

/// A joined form in a line: where it starts and ends, and its compound.
type Joined<'a> = (usize, usize, &'a str);

/// Finds joined forms of compounds in a line, all at once, by what follows
/// their first letter (`осударствамучастникам`), which the text writes in
/// lower case whether the word opens a sentence or not.
struct Finder<'a> {
    by_tail: FxHashMap<&'a str, Vec<&'a str>>,
    tails: Vec<&'a str>,
    automaton: Option<AhoCorasick>,
}

impl<'a> Finder<'a> {
    fn new(keys: impl Iterator<Item = &'a str>) -> Finder<'a> {
        let mut by_tail: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
        for key in keys {
            let first = key.chars().next().map_or(0, char::len_utf8);
            by_tail.entry(&key[first..]).or_default().push(key);
        }
        let mut tails: Vec<&str> = by_tail.keys().copied().filter(|t| !t.is_empty()).collect();
        tails.sort_unstable();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&tails)
            .ok();
        Finder {
            by_tail,
            tails,
            automaton,
        }
    }

    /// Where each joined form of `text` starts and ends, and its compound.
    fn find(&self, text: &str) -> Vec<Joined<'a>> {
        let mut out = Vec::new();
        let Some(automaton) = &self.automaton else {
            return out;
        };
        for m in automaton.find_iter(text) {
            let Some(first) = text[..m.start()].chars().next_back() else {
                continue;
            };
            let start = m.start() - first.len_utf8();
            let before = text[..start].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(inside) || after.is_some_and(inside) {
                continue;
            }
            let lower: String = first.to_lowercase().collect();
            let key = self.by_tail[self.tails[m.pattern().as_usize()]]
                .iter()
                .find(|k| k.starts_with(lower.as_str()));
            if let Some(key) = key {
                out.push((start, m.end(), *key));
            }
        }
        out
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
        crate::source::after_pass(text, |lines| restore(lines))
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
