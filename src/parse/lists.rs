//! Item labels that pdftotext's default mode moved. With hanging indents,
//! an item label (`(a)`, `ii)`, `а)`, `(أ)`, `(一)`) is a column of its
//! own, and the default mode may draw it before another item's text, or at
//! the foot of the page, while the texts themselves stay in order. Within one paragraph, the
//! labels drawn alone are then taken as a set, and given back to the texts
//! in the order the list's grammar allows: a text after a colon opens a
//! sub-list, one after a semicolon goes on with the list; a text that no
//! label is left for continues the text before it. A label that no text can
//! take is reported by the parser. The labels are those of the language
//! tables, whatever the language.

use super::line::{opening, Opening};
use crate::language::{item_levels, Counter, ItemLevel};
use crate::source::Line;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A paragraph number, chapter numeral or heading letter: `12.`, `II.`,
    /// `B.`, `12-`, `ألف-`.
    Opening,
    /// `(a)`, `b)`, `(iv)`.
    Item,
}

/// Labels and numbers drawn alone are short: a longer line is text.
const LONGEST_LABEL: usize = 24;

fn label_kind(text: &str) -> Option<Kind> {
    let t = text.trim();
    // Labels and numbers close with a parenthesis, a point, a dash or a
    // quote: other lines are text, told at once.
    if t.is_empty() || t.len() > LONGEST_LABEL || !t.ends_with([')', '.', '-', '’', '‘']) {
        return None;
    }
    if super::hanging::number_alone(t).is_some() {
        return Some(Kind::Opening);
    }
    match opening(t) {
        Opening::Numbered { title: "", .. } => Some(Kind::Opening),
        Opening::Item { text: "", .. } => Some(Kind::Item),
        _ => None,
    }
}

/// A text line that opens a paragraph by itself (`12. Text`).
fn opens_paragraph(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits <= 4 && t[digits..].starts_with(". ")
}

/// How far past a number drawn alone its text is looked for, and how many
/// labels one paragraph may have for them to be rebuilt: bounds that keep
/// the work linear on any input.
const LOOKAHEAD: usize = 200;
const MAX_LABELS: usize = 200;

/// Labels of one level, as a language table writes them (`a)`, `(i)`,
/// `(一)`, `‘1’`), and the shallowest depth a table gives the level.
#[derive(Clone, Copy)]
struct Style {
    depth: usize,
    level: &'static ItemLevel,
}

impl Style {
    fn label(self, index: usize) -> String {
        self.level.label(index)
    }

    fn is(self, other: Style) -> bool {
        std::ptr::eq(self.level, other.level)
    }

    /// Whether `label` may be one of this level's: its enclosure, and a
    /// key of its kind (`(iv)` for `(i)`, `б)` for `а)`).
    fn fits(self, label: &str) -> bool {
        let Some((before, after)) = self.level.format.split_once("{}") else {
            return false;
        };
        let Some(key) = label
            .strip_prefix(before)
            .and_then(|k| k.strip_suffix(after))
            .filter(|k| !k.is_empty())
        else {
            return false;
        };
        if !self.level.letters.is_empty() {
            return self
                .level
                .letters
                .iter()
                .any(|l| key.starts_with(l.as_str()));
        }
        match self.level.style {
            Counter::Alpha => key.bytes().all(|b| b.is_ascii_lowercase()),
            Counter::Roman => key.bytes().all(|b| b"ivxlcdm".contains(&b)),
            Counter::AlphaUpper => key.bytes().all(|b| b.is_ascii_uppercase()),
            Counter::Decimal => key.bytes().all(|b| b.is_ascii_digit()),
            Counter::Letters(_) => false,
        }
    }
}

/// The lines with the item labels of each paragraph whose labels stand
/// alone given back to the texts by the list's grammar, and the lines of
/// labels no text could take.
pub fn rebuild(lines: &[Line]) -> (Cow<'_, [Line]>, Vec<Line>) {
    // Copied only if a paragraph has labels to give back.
    let mut out = Cow::Borrowed(lines);
    let mut orphans = Vec::new();
    // Paragraphs run from one opening (a label alone or a numbered line)
    // to the next. A number drawn alone starts its paragraph at the first
    // text that begins with a capital: the default mode may draw it before
    // the last items of the paragraph above, whose texts it then leaves to
    // that paragraph. When the text above a paragraph number announced a
    // list (it ends with a colon), that list's items come first, up to the
    // one that ends a sentence: in a script without capitals (Chinese,
    // Arabic), only this tells them from the paragraph's own text.
    let mut starts: Vec<usize> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if opens_paragraph(&l.text) {
            starts.push(i);
        } else if label_kind(&l.text) == Some(Kind::Opening) {
            let reach = (i + 1 + LOOKAHEAD).min(lines.len());
            let text = (i + 1..reach).find(|&j| {
                let t = lines[j].text.trim();
                !t.is_empty() && label_kind(t).is_none()
            });
            let announced = super::hanging::number_alone(&l.text).is_some()
                && text_before(lines, i).is_some_and(|t| ends_with(t, COLON));
            match text {
                Some(j) if starts_capital(&lines[j].text) && !announced => starts.push(j),
                Some(j) => {
                    let capital = (j..(j + LOOKAHEAD).min(lines.len())).find(|&k| {
                        let t = lines[k].text.trim();
                        let after_list = !announced
                            || block_starts(lines, k)
                                && text_before(lines, k).is_some_and(|t| ends_with(t, FULL_STOP));
                        label_kind(t).is_none() && starts_capital(t) && after_list
                            || label_kind(t) == Some(Kind::Opening)
                            || opens_paragraph(t)
                    });
                    starts.push(capital.unwrap_or(j));
                }
                None => starts.push(reach),
            }
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts.push(lines.len());
    for pair in starts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        rebuild_paragraph(&mut out, from, to, &mut orphans);
    }
    (out, orphans)
}

/// The last line of text above line `at`, past blank lines and labels.
fn text_before(lines: &[Line], at: usize) -> Option<&str> {
    lines[at.saturating_sub(LOOKAHEAD)..at]
        .iter()
        .rev()
        .map(|l| l.text.trim())
        .find(|t| !t.is_empty() && label_kind(t).is_none())
}

/// Whether line `at` opens a block of text: a blank line or a label
/// stands above it.
fn block_starts(lines: &[Line], at: usize) -> bool {
    at == 0 || {
        let above = lines[at - 1].text.trim();
        above.is_empty() || label_kind(above).is_some()
    }
}

/// Paragraphs and headings begin with a capital; items often do not.
/// Whether `text` starts as a sentence does: with a capital, a letter of
/// a script without case (Arabic, Chinese) or an opening quotation mark.
pub fn starts_capital(text: &str) -> bool {
    text.trim_start().chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_alphabetic() && !c.is_lowercase()
            || matches!(c, '«' | '“' | '"' | '《')
    })
}

/// Whether `text` ends with one of `signs`.
fn ends_with(text: &str, signs: &[char]) -> bool {
    text.trim_end().ends_with(signs)
}

/// What opens a list, what goes on with one, what ends a sentence, in the
/// scripts' own signs (full-width in Chinese, `؛` in Arabic).
const COLON: &[char] = &[':', '：'];
const SEMICOLON: &[char] = &[';', '；', '؛'];
const FULL_STOP: &[char] = &['.', '。'];

fn rebuild_paragraph(lines: &mut Cow<[Line]>, from: usize, to: usize, orphans: &mut Vec<Line>) {
    let labels: Vec<usize> = (from..to)
        .filter(|&i| label_kind(&lines[i].text) == Some(Kind::Item))
        .collect();
    if labels.is_empty() || labels.len() > MAX_LABELS {
        return;
    }
    let lines = lines.to_mut();
    // Each label drawn alone, with its line.
    let mut available: Vec<(String, usize)> = labels
        .iter()
        .map(|&i| (lines[i].text.trim().to_string(), lines[i].number))
        .collect();
    let has =
        |available: &Vec<(String, usize)>, label: &str| available.iter().any(|(l, _)| l == label);
    // Blocks of text: runs of text lines, each after a blank line or a
    // label; the first is the paragraph's own text.
    let mut blocks: Vec<usize> = Vec::new();
    let mut after_gap = true;
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        let t = line.text.trim();
        if t.is_empty() || label_kind(t).is_some() {
            after_gap = true;
            continue;
        }
        if after_gap {
            blocks.push(i);
        }
        after_gap = false;
    }
    for &i in &labels {
        lines[i].text.clear();
    }
    // The text that ends each block, to read its last character.
    let block_end = |lines: &[Line], start: usize| -> String {
        let mut last = lines[start].text.clone();
        for line in &lines[start + 1..to] {
            let t = line.text.trim();
            if t.is_empty() || label_kind(t).is_some() {
                break;
            }
            last = t.to_string();
        }
        last
    };
    // The levels some label of the paragraph may belong to.
    let styles: Vec<Style> = item_levels()
        .iter()
        .map(|&(depth, level)| Style { depth, level })
        .filter(|s| available.iter().any(|(l, _)| s.fits(l)))
        .collect();
    // Open levels: style and index of the last label given.
    let mut levels: Vec<(Style, usize)> = Vec::new();
    let mut previous = match blocks.first() {
        Some(&b) => block_end(lines, b),
        None => String::new(),
    };
    for &block in blocks.iter().skip(1) {
        let opens = ends_with(&previous, COLON);
        let ends = ends_with(&previous, SEMICOLON) || ends_with(&previous, FULL_STOP) || opens;
        let mut candidates: Vec<(usize, Style, usize)> = Vec::new();
        // A new level: of a style not open yet, those the tables give at
        // this depth first, then the shallowest.
        let mut new_level: Vec<(usize, Style, usize)> = styles
            .iter()
            .filter(|s| !levels.iter().any(|(open, _)| open.is(**s)))
            .map(|&s| (levels.len(), s, 0))
            .collect();
        new_level.sort_by_key(|(depth, s, _)| (s.depth != *depth, s.depth));
        let next_levels: Vec<(usize, Style, usize)> = levels
            .iter()
            .enumerate()
            .rev()
            .map(|(depth, &(s, i))| (depth, s, i + 1))
            .collect();
        if opens {
            candidates.extend(new_level);
            candidates.extend(next_levels);
        } else {
            candidates.extend(next_levels);
            candidates.extend(new_level);
        }
        // A sub-list whose first label was drawn elsewhere still opens
        // when its second one is here.
        let chosen = candidates.into_iter().find(|&(depth, s, i)| {
            has(&available, &s.label(i))
                || opens && depth == levels.len() && i == 0 && has(&available, &s.label(1))
        });
        match chosen {
            Some((depth, style, index)) if ends => {
                let label = style.label(index);
                if let Some(k) = available.iter().position(|(l, _)| *l == label) {
                    available.remove(k);
                }
                levels.truncate(depth);
                levels.push((style, index));
                let text = lines[block].text.trim_start().to_string();
                lines[block].text = format!("{label} {text}");
            }
            // No label left, or the text before is unfinished: it goes on.
            _ => {}
        }
        previous = block_end(lines, block);
    }
    for (label, number) in available {
        orphans.push(Line {
            number,
            text: label,
            page_start: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::numbered_lines as lines;

    fn rebuilt(lines: Vec<Line>) -> (Vec<Line>, Vec<Line>) {
        let (out, orphans) = rebuild(&lines);
        (out.into_owned(), orphans)
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn labels_drawn_out_of_place_go_back_by_the_list_grammar() {
        let (out, orphans) = rebuilt(lines(
            "3.\n\nStates should adopt:\n(a)\n\nfirst;\n\n(b)\n\nsecond, in particular:\n\n(c)\n\ntraining;\n\n(ii)\n\ncampaigns;\n\nroot causes.\n4.\n\nNext.\n",
        ));
        assert_eq!(
            texts(&out),
            [
                "3.",
                "States should adopt:",
                "(a) first;",
                "(b) second, in particular:",
                "(i) training;",
                "(ii) campaigns;",
                "(c) root causes.",
                "4.",
                "Next."
            ],
            "(ii) here says that a sub-list opened, though (i) was drawn elsewhere"
        );
        assert!(orphans.is_empty());
    }

    #[test]
    fn a_label_of_another_paragraph_is_left_over() {
        let (out, orphans) = rebuilt(lines(
            "6.\n\nStates should:\n(a)\n\n(i)\n\nshare;\n\n(b)\n\nconduct.\n",
        ));
        assert_eq!(
            texts(&out),
            ["6.", "States should:", "(a) share;", "(b) conduct."]
        );
        assert_eq!(orphans.len(), 1);
        assert_eq!((orphans[0].number, orphans[0].text.as_str()), (6, "(i)"));
    }

    #[test]
    fn a_number_drawn_before_the_last_items_above_it_leaves_them_there() {
        let (out, orphans) = rebuilt(lines(
            "5.\n\nStates should:\n\n6.\n\n(a)\n\nshare;\n\n(b)\n\nconduct.\n\nStates should also.\n",
        ));
        assert_eq!(
            texts(&out),
            [
                "5.",
                "States should:",
                "6.",
                "(a) share;",
                "(b) conduct.",
                "States should also."
            ]
        );
        assert!(orphans.is_empty());
    }

    #[test]
    fn the_labels_of_every_language_go_back() {
        // Chinese: `(a)` then `(一)`, the first of which was drawn in
        // another paragraph; `(c)` before the texts of `(一)` and `(二)`.
        let (out, orphans) = rebuilt(lines(
            "3.\n\n其中包括：\n(a)\n\n第一；\n\n(b)\n\n第二，特别是：\n\n(c)\n\n培训；\n\n(二)\n\n宣传；\n\n根源。\n4.\n\n下一段。\n",
        ));
        assert_eq!(
            texts(&out),
            [
                "3.",
                "其中包括：",
                "(a) 第一；",
                "(b) 第二，特别是：",
                "(一) 培训；",
                "(二) 宣传；",
                "(c) 根源。",
                "4.",
                "下一段。"
            ]
        );
        assert!(orphans.is_empty());
        // Arabic: `(أ)` then `‘1’`, numbers closed by a dash.
        let (out, _) = rebuilt(lines(
            "3-\n\nما يلي:\n(أ)\n\nالمراقبة؛\n\n(ب)\n\nبناء، ولا سيما:\n\n(ج)\n\nتدريب؛\n\n‘2’\n\nتنظيم؛\n\nتدابير.\n4-\n\nينبغي.\n",
        ));
        assert_eq!(
            texts(&out),
            [
                "3-",
                "ما يلي:",
                "(أ) المراقبة؛",
                "(ب) بناء، ولا سيما:",
                "‘1’ تدريب؛",
                "‘2’ تنظيم؛",
                "(ج) تدابير.",
                "4-",
                "ينبغي."
            ]
        );
        // Russian: Cyrillic `а)` then `i)`.
        let (out, _) = rebuilt(lines(
            "3.\n\nвключающий:\nа)\n\nконтроль;\n\nб)\n\nпотенциал, в частности:\n\nв)\n\nподготовку;\n\nii)\n\nкампании;\n\nмеры.\n",
        ));
        assert_eq!(
            texts(&out),
            [
                "3.",
                "включающий:",
                "а) контроль;",
                "б) потенциал, в частности:",
                "i) подготовку;",
                "ii) кампании;",
                "в) меры."
            ]
        );
    }

    #[test]
    fn without_capitals_the_announced_list_comes_before_the_next_paragraph() {
        // `7.` drawn before the items paragraph 6 announced with its colon:
        // they end at the full stop, and paragraph 7 starts after them.
        let (out, orphans) = rebuilt(lines(
            "6.\n\n缔约国应当：\n\n7.\n\n(一)\n\n(a)\n\n交流；\n\n(b)\n\n调查。\n\n缔约国应当确保。\n",
        ));
        assert_eq!(
            texts(&out),
            [
                "6.",
                "缔约国应当：",
                "7.",
                "(a) 交流；",
                "(b) 调查。",
                "缔约国应当确保。"
            ]
        );
        assert_eq!(orphans.len(), 1);
        assert_eq!((orphans[0].number, orphans[0].text.as_str()), (7, "(一)"));
    }

    #[test]
    fn sub_lists_open_after_a_colon() {
        let (out, _) = rebuilt(lines(
            "1. Lead:\n\n(a)\nfirst:\n\n(i)\none;\n\n(ii)\ntwo;\n\n(b)\nsecond.\n",
        ));
        assert_eq!(
            texts(&out),
            [
                "1. Lead:",
                "(a) first:",
                "(i) one;",
                "(ii) two;",
                "(b) second."
            ]
        );
    }
}
