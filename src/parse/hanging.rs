//! Labels set apart from their text. In a report laid out with hanging
//! indents (number, tab, text), pdftotext's default mode draws each
//! paragraph number, item label or chapter numeral alone on its line and
//! the text after it, often after a blank line, and sometimes several
//! labels in a row before their texts. Here each label goes back in front
//! of the text it stands for, on the label's line, before the lines are
//! parsed.

use super::line::Opening;
use crate::source::Line;
use std::borrow::Cow;
use std::collections::VecDeque;

/// A paragraph number alone (`12.`, or `12-` as Arabic documents close
/// it), and its value.
pub(super) fn number_alone(text: &str) -> Option<u32> {
    let n = text.trim().strip_suffix(['.', '-'])?;
    if n.is_empty() || n.len() > 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

/// What a line holding only a label can be: a paragraph number, a
/// chapter numeral or heading letter with its point or dash, an item label
/// (`(a)`, `а)`, `(أ)`, `(一)`, `‘1’`).
fn label_alone(text: &str) -> bool {
    number_alone(text).is_some()
        || matches!(
            super::line::opening(text),
            Opening::Numbered { title: "", .. } | Opening::Item { text: "", .. }
        )
}

/// A paragraph number alone must be plausible after the last one seen: a
/// year that a sentence wrapped (`2012.`) is not a paragraph number.
fn plausible(text: &str, last: Option<u32>) -> bool {
    match number_alone(text) {
        Some(n) => match last {
            Some(last) => n > last && n <= last + 50,
            None => n <= 500,
        },
        None => true,
    }
}

/// The lines with every label alone joined to the start of the text that
/// follows it, on the text's line (so that line numbers keep increasing). A
/// line that continues a text (no blank line and no label before it) takes
/// no label.
pub fn join(lines: &[Line]) -> Joined<'_> {
    // Most reports have no label alone: their lines stay as they are.
    if !lines.iter().any(|l| label_alone(&l.text)) {
        return Joined::Unchanged(lines);
    }
    let mut out: Vec<Cow<Line>> = Vec::with_capacity(lines.len());
    let mut waiting: VecDeque<&Line> = VecDeque::new();
    let mut last_number: Option<u32> = None;
    // Whether the next text line starts a block of its own.
    let mut starts = true;
    // Whether the texts last read are a list's: after a colon, until a
    // sentence ends.
    let mut list_open = false;
    for line in lines {
        let text = line.text.trim();
        if label_alone(text) && plausible(text, last_number) {
            if let Some(n) = number_alone(text) {
                last_number = Some(n);
            }
            waiting.push_back(line);
            // The label's line stays, blank, so that no line goes missing
            // (a missing line is where furniture was taken out).
            out.push(Cow::Owned(Line {
                number: line.number,
                text: String::new(),
                page_start: false,
            }));
            starts = true;
            continue;
        }
        if text.is_empty() {
            out.push(Cow::Borrowed(line));
            starts = true;
            continue;
        }
        // A paragraph number or heading goes to a text that begins with a
        // capital: a text in lower case is an item that the default mode
        // drew after the next number.
        let takes = starts
            && waiting.front().is_some_and(|l| {
                !l.text.trim().ends_with(['.', '-']) || super::lists::starts_capital(text)
            });
        // In a script without case (Arabic, Chinese) an item's text begins
        // like a paragraph's: inside a list, a number waiting before item
        // labels was drawn before the list's last items, which take the
        // texts that follow, each the label drawn nearest before it.
        let caseless = text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase());
        let item_first = takes
            && caseless
            && list_open
            && waiting
                .front()
                .is_some_and(|l| l.text.trim().ends_with(['.', '-']));
        let label = match item_first {
            true => waiting
                .iter()
                .rposition(|l| matches!(super::line::opening(&l.text), Opening::Item { .. }))
                .and_then(|i| waiting.remove(i))
                .or_else(|| waiting.pop_front()),
            false if takes => waiting.pop_front(),
            false => None,
        };
        if text.ends_with([':', '：']) {
            list_open = true;
        } else if text.ends_with(['.', '。']) {
            list_open = false;
        }
        match label {
            Some(label) => {
                // The label opened a block: the text keeps it apart from
                // what came before, as a blank line would.
                if out.last().is_some_and(|l| !l.text.trim().is_empty()) {
                    out.push(Cow::Owned(Line {
                        number: line.number,
                        text: String::new(),
                        page_start: false,
                    }));
                }
                out.push(Cow::Owned(Line {
                    number: line.number,
                    text: format!("{} {}", label.text.trim(), line.text.trim_start()),
                    page_start: label.page_start || line.page_start,
                }));
            }
            None => out.push(Cow::Borrowed(line)),
        }
        starts = false;
    }
    // Labels that no text followed stay as they were. The lines are in
    // order of their numbers: each label's blank line is found by halving,
    // so that a page of labels alone takes no longer than a page of text.
    for label in waiting {
        let at = out.partition_point(|l| l.number < label.number);
        if let Some(kept) = out.get_mut(at).filter(|l| l.number == label.number) {
            kept.to_mut().text.clone_from(&label.text);
        }
    }
    Joined::Moved(out)
}

/// The lines `join` gives: the report's own where no label moved, or its
/// lines and those made by joining, each line of text that did not change
/// borrowed rather than copied.
pub enum Joined<'a> {
    Unchanged(&'a [Line]),
    Moved(Vec<Cow<'a, Line>>),
}

impl Joined<'_> {
    pub fn iter(&self) -> Box<dyn Iterator<Item = &Line> + '_> {
        match self {
            Joined::Unchanged(lines) => Box::new(lines.iter()),
            Joined::Moved(lines) => Box::new(lines.iter().map(|l| l.as_ref())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::numbered_lines as lines;

    fn joined(lines: Vec<Line>) -> Vec<Line> {
        join(&lines).iter().cloned().collect()
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .map(|l| format!("{}:{}", l.number, l.text))
            .collect()
    }

    #[test]
    fn a_number_alone_goes_before_its_text() {
        let joined = joined(lines(
            "I.\n\nRecommendations\n1.\n\nAt its meeting the Group\nadopted:\n(a)\n\nfirst;\n\n(b)\nsecond.\n",
        ));
        assert_eq!(
            texts(&joined),
            [
                "3:I. Recommendations",
                "6:1. At its meeting the Group",
                "7:adopted:",
                "10:(a) first;",
                "13:(b) second."
            ]
        );
    }

    #[test]
    fn labels_in_a_row_go_to_the_texts_that_follow_in_order() {
        let joined = joined(lines(
            "1.\n\nA.\n\nAt its meeting.\n\nPrevention\n\n2.\n\nStates.\n",
        ));
        assert_eq!(
            texts(&joined),
            ["5:1. At its meeting.", "7:A. Prevention", "11:2. States."]
        );
    }

    #[test]
    fn in_a_script_without_case_the_list_above_keeps_its_items() {
        // `7-` drawn before the items of paragraph 6's list.
        let joined = joined(lines(
            "6-\n\nينبغي لها أن:\n7-\n\n(أ)\n\nتتبادل؛\n\n(ب)\n\nتجري.\n\nينبغي للدول.\n",
        ));
        assert_eq!(
            texts(&joined),
            [
                "3:6- ينبغي لها أن:",
                "8:(أ) تتبادل؛",
                "12:(ب) تجري.",
                "14:7- ينبغي للدول."
            ]
        );
    }

    #[test]
    fn a_year_that_a_sentence_wrapped_is_no_label() {
        let joined = joined(lines("5.\n\nHeld in June\n2012.\n\nNext.\n"));
        assert_eq!(texts(&joined), ["3:5. Held in June", "4:2012.", "6:Next."]);
    }
}
