//! The lines a diagnostic points at, quoted from the text it holds, with
//! a marker under each labelled range.

use super::{Diagnostic, Label};
use std::ops::Range;

/// Each label's line with a marker under the range, labels of one line
/// under the same line; nothing without the source text.
pub(super) fn render(d: &Diagnostic) -> String {
    let Some(source) = d.source() else {
        return String::new();
    };
    let text = source.as_str();
    let mut placed: Vec<(usize, Range<usize>, &Label)> = d
        .labels()
        .iter()
        .filter_map(|label| {
            let (number, _) = source.line_col(label.start);
            Some((number, source.line_range(number)?, label))
        })
        .collect();
    placed.sort_by_key(|(_, _, label)| label.start);
    let Some(widest) = placed.iter().map(|(n, ..)| n.to_string().len()).max() else {
        return String::new();
    };
    let pad = " ".repeat(widest);
    let mut out = format!("\n{pad} |");
    let mut shown = None;
    for (number, line, label) in &placed {
        let line_text = &text[line.clone()];
        let start = label.start - line.start;
        let end = label.end.min(line.end).max(label.start) - line.start;
        let window = Window::around(line_text, start);
        if shown != Some(*number) {
            out.push_str(&format!("\n{number:>widest$} | {}", window.show(line_text)));
            shown = Some(*number);
        }
        let before = window.width(line_text, start);
        let under = (window.width(line_text, end) - before).max(1);
        let note = label
            .message
            .as_deref()
            .map(|m| format!(" {m}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{pad} | {}{}{note}",
            " ".repeat(before),
            "^".repeat(under)
        ));
    }
    out
}

/// The part of a long line shown around a label: at most `Window::CHARS`
/// characters, elided with `…` on the sides cut off.
struct Window {
    /// Byte offsets in the line.
    from: usize,
    to: usize,
}

impl Window {
    const CHARS: usize = 160;
    /// Characters of context kept before the label on a cut line.
    const BEFORE: usize = 40;

    fn around(line: &str, at: usize) -> Window {
        let offsets: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
        let at_char = offsets.partition_point(|&i| i < at);
        let first = if at_char < Self::CHARS - Self::BEFORE {
            0
        } else {
            at_char - Self::BEFORE
        };
        let from = offsets.get(first).copied().unwrap_or(line.len());
        let to = offsets
            .get(first + Self::CHARS)
            .copied()
            .unwrap_or(line.len());
        Window { from, to }
    }

    fn show(&self, line: &str) -> String {
        let mut shown: String = line[self.from..self.to].chars().map(printable).collect();
        if self.from > 0 {
            shown.insert(0, '…');
        }
        let shown = shown.trim_end().to_string();
        if self.to < line.len() {
            shown + "…"
        } else {
            shown
        }
    }

    /// Terminal columns from the start of the shown line to byte `at`.
    fn width(&self, line: &str, at: usize) -> usize {
        let at = at.clamp(self.from, self.to);
        let elision = usize::from(self.from > 0);
        elision
            + line[self.from..at]
                .chars()
                .map(printable)
                .map(width)
                .sum::<usize>()
    }
}

/// Control characters (a tab, a form feed) are shown as a space, so that
/// the marker line stays aligned and the terminal is not driven by them.
fn printable(c: char) -> char {
    if c.is_control() {
        ' '
    } else {
        c
    }
}

/// Terminal columns a character takes: none for combining marks and
/// zero-width format characters, two for the wide characters of East Asian
/// scripts, one for the rest.
fn width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xFEFF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Diagnostic, Format, SourceText};

    #[test]
    fn a_long_line_is_cut_around_the_label() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let text = SourceText::new(line.as_str());
        let d = Diagnostic::error_at("r.txt", &text, 500..501, "X");
        let shown: Vec<String> = d.render(Format::Full).lines().map(str::to_string).collect();
        // 40 characters before the label after an ellipsis, 160 in all.
        let expected_line = format!("1 | …{}X{}…", "a".repeat(40), "b".repeat(119));
        assert_eq!(shown[2], expected_line);
        assert_eq!(shown[3], format!("  | {}^", " ".repeat(41)));
    }

    #[test]
    fn combining_marks_take_no_column() {
        // E and a combining acute (two bytes), as a report not yet
        // normalised has it: `X` is byte 8, six columns in.
        let text = SourceText::new("E\u{301}tats X");
        let d = Diagnostic::error_at("r.txt", &text, 8..9, "X");
        assert!(d.render(Format::Full).ends_with("\n  |       ^"), "{d:?}");
    }
}
