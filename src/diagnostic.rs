//! Errors and warnings that point at a place in an input file, written the
//! way compilers write them (`path:line:col: error: …`) so that editors and
//! people find the spot at once.

use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

mod snippet;

/// Line and column (1-based) of a byte offset in text: lines end at `\n`,
/// `\r\n` or a lone `\r`, as the reader splits them; columns count
/// characters. The one place positions are counted.
pub(crate) fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let mut line = 1;
    let mut start = 0;
    for (i, &b) in before.iter().enumerate() {
        let ends = match b {
            b'\n' => true,
            b'\r' => before.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        if ends {
            line += 1;
            start = i + 1;
        }
    }
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The text of an input held in memory (decoded to UTF-8, line endings
/// as in the file), shared by the diagnostics that quote it, so that a
/// snippet is never read from disk again.
#[derive(Clone)]
pub struct SourceText(Arc<str>, Arc<OnceLock<Vec<usize>>>);

impl SourceText {
    pub fn new(text: impl Into<Arc<str>>) -> Self {
        SourceText(text.into(), Arc::default())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where each line starts, after LF, CRLF or a lone CR:
    /// found once, so that a report with thousands of warnings has each
    /// one's line found at once rather than by reading from the top.
    fn line_starts(&self) -> &[usize] {
        self.1.get_or_init(|| {
            let bytes = self.0.as_bytes();
            let mut starts = vec![0];
            let mut i = 0;
            while i < bytes.len() {
                i += match bytes[i] {
                    b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
                    b'\n' | b'\r' => 1,
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                starts.push(i);
            }
            starts
        })
    }

    /// The byte range of line `number` (1-based) without its ending, lines
    /// ending as `line_col` counts them.
    pub(crate) fn line_range(&self, number: usize) -> Option<Range<usize>> {
        let starts = self.line_starts();
        let start = *starts.get(number.checked_sub(1)?)?;
        let bytes = self.0.as_bytes();
        let end = match starts.get(number) {
            Some(&next) if next >= 2 && &bytes[next - 2..next] == b"\r\n" => next - 2,
            Some(&next) => next - 1,
            None => bytes.len(),
        };
        Some(start..end)
    }

    /// Line and column (1-based, the column in characters) of a byte
    /// offset, as [`line_col`] counts them.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let bytes = self.0.as_bytes();
        let offset = offset.min(bytes.len());
        let starts = self.line_starts();
        // `line_col` reads only the bytes before the offset: a `\r` just
        // before it ends a line there, though a `\n` follows.
        if offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
            return (starts.partition_point(|&s| s < offset) + 1, 1);
        }
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let column = String::from_utf8_lossy(&bytes[start..offset])
            .chars()
            .count()
            + 1;
        (line, column)
    }
}

impl PartialEq for SourceText {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for SourceText {}

impl fmt::Debug for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SourceText").field(&self.as_str()).finish()
    }
}

/// A byte range of the source text a diagnostic points at, with what is
/// there when the message alone does not say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Byte offsets in the text as read (decoded to UTF-8): the end is
    /// excluded, and equals the start when the label points between
    /// characters.
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Where in the source text, boxed: most diagnostics have none, and
    /// every `Result` carrying one stays small.
    #[serde(
        rename = "labels",
        skip_serializing_if = "Option::is_none",
        serialize_with = "labels_only"
    )]
    place: Option<Box<Place>>,
}

/// The labels of a diagnostic and the text they are ranges of.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Place {
    /// The first is the place the line and column name.
    labels: Vec<Label>,
    source: Option<SourceText>,
}

/// The JSON form carries the ranges, never the text.
fn labels_only<S: serde::Serializer>(place: &Option<Box<Place>>, s: S) -> Result<S::Ok, S::Error> {
    let labels: &[Label] = place.as_ref().map_or(&[], |p| &p.labels);
    labels.serialize(s)
}

impl Diagnostic {
    pub fn error(
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
            place: None,
        }
    }

    pub fn warning(
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    /// An error at a byte range of a text held in memory: the line and
    /// column are those of the range's start.
    pub fn error_at(
        path: impl Into<String>,
        source: &SourceText,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::error(path, 0, 0, message).at(source, range)
    }

    /// A warning at a byte range of a text held in memory.
    pub fn warning_at(
        path: impl Into<String>,
        source: &SourceText,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::warning(path, 0, 0, message).at(source, range)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Points the diagnostic at `range` of `source`: its line and column
    /// become those of the range's start, and the range its first label.
    pub fn at(mut self, source: &SourceText, range: Range<usize>) -> Self {
        let range = clamp(source.as_str(), range);
        (self.line, self.column) = line_col(source.as_bytes(), range.start);
        let place = self.place.get_or_insert_with(Box::default);
        place.labels.insert(
            0,
            Label {
                start: range.start,
                end: range.end,
                message: None,
            },
        );
        place.source = Some(source.clone());
        self
    }

    /// The ranges of the source text the diagnostic points at.
    pub fn labels(&self) -> &[Label] {
        self.place.as_ref().map_or(&[], |p| &p.labels)
    }

    fn source(&self) -> Option<&SourceText> {
        self.place.as_ref()?.source.as_ref()
    }

    /// One more labelled range of the same source text.
    pub fn with_label(mut self, range: Range<usize>, message: impl Into<String>) -> Self {
        let range = match self.source() {
            Some(source) => clamp(source.as_str(), range),
            None => range,
        };
        let place = self.place.get_or_insert_with(Box::default);
        place.labels.push(Label {
            start: range.start,
            end: range.end,
            message: Some(message.into()),
        });
        self
    }

    /// Gives the diagnostic the text of the file it names, so that it shows
    /// its snippet: when it has no label yet, one is drawn from its line and
    /// column (the whole line for column 1, which says "this line", else
    /// the character there). A diagnostic about another file, about the
    /// whole file (line 0), or already holding its text is left as it is.
    pub fn in_source(mut self, path: &str, source: &SourceText) -> Self {
        if self.path != path || self.source().is_some() || self.line == 0 {
            return self;
        }
        if self.labels().is_empty() {
            let Some(line) = source.line_range(self.line) else {
                return self;
            };
            let text = &source.as_str()[line.clone()];
            let range = if self.column <= 1 {
                let body = text.trim_start_matches(char::is_whitespace);
                let start = line.start + text.len() - body.len();
                start..start + body.trim_end_matches(char::is_whitespace).len()
            } else {
                let at = text
                    .char_indices()
                    .nth(self.column - 1)
                    .map_or(line.end, |(i, _)| line.start + i);
                let end = source.as_str()[at..line.end]
                    .chars()
                    .next()
                    .map_or(at, |c| at + c.len_utf8());
                at..end
            };
            let label = Label {
                start: range.start,
                end: range.end,
                message: None,
            };
            self.place
                .get_or_insert_with(Box::default)
                .labels
                .push(label);
        }
        self.place.get_or_insert_with(Box::default).source = Some(source.clone());
        self
    }
}

impl SourceText {
    fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// A range inside `text` and on character boundaries.
fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

impl Diagnostic {
    /// `path:line:col: error: message`, the line every form starts with.
    fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{}:{}:{}: {kind}: {}",
            self.path,
            self.line.max(1),
            self.column.max(1),
            self.message
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// How diagnostics are shown on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The first line, the offending source line with a marker, the hint.
    Full,
    /// One line per problem.
    Short,
    /// One JSON object per line.
    Json,
}

impl Diagnostic {
    /// The diagnostic as shown to people: in the full form, with the lines
    /// its labels point at when it holds its source text.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Json => serde_json::to_string(self).expect("a diagnostic serialises"),
            Format::Short => self.headline(),
            Format::Full => {
                let mut out = self.headline();
                out.push_str(&snippet::render(self));
                if let Some(hint) = &self.hint {
                    out.push_str(&format!("\n  = hint: {hint}"));
                }
                out
            }
        }
    }
}

/// A text cut to one short line, for a message.
pub fn one_line(text: &str, max: usize) -> String {
    let text: String = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line's range read from the top of the text, as it was found
    /// before lines were indexed.
    fn line_range_by_reading(text: &str, number: usize) -> Option<Range<usize>> {
        let bytes = text.as_bytes();
        let mut line = 1;
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let ending = match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
                b'\n' | b'\r' => 1,
                _ => 0,
            };
            if ending > 0 {
                if line == number {
                    return Some(start..i);
                }
                line += 1;
                i += ending;
                start = i;
            } else {
                i += 1;
            }
        }
        (line == number).then_some(start..bytes.len())
    }

    #[test]
    fn indexed_lines_are_the_lines_read_from_the_top() {
        for text in [
            "",
            "a",
            "\r",
            "\n\n",
            "a\r\nb\rc\n\nd",
            "x\r\n",
            "é\r\r\nü\n",
        ] {
            let held = SourceText::new(text);
            for number in 0..8 {
                assert_eq!(
                    held.line_range(number),
                    line_range_by_reading(text, number),
                    "{text:?} line {number}"
                );
            }
            for offset in 0..=text.len() + 1 {
                assert_eq!(
                    held.line_col(offset),
                    line_col(text.as_bytes(), offset),
                    "{text:?} offset {offset}"
                );
            }
        }
    }

    fn full(d: &Diagnostic) -> String {
        d.render(Format::Full)
    }

    #[test]
    fn without_its_text_a_diagnostic_reads_nothing_from_disk() {
        // Cargo.toml exists and has a line 1, but the diagnostic does not
        // hold it.
        let d = Diagnostic::error("Cargo.toml", 1, 1, "message").with_hint("hint");
        assert_eq!(full(&d), "Cargo.toml:1:1: error: message\n  = hint: hint");
    }

    #[test]
    fn a_range_gives_the_line_and_column_in_characters() {
        let text = SourceText::new("première\r\nÉtat: l’été\n");
        let at = text.as_str().find("été").unwrap();
        let d = Diagnostic::error_at("r.txt", &text, at..at + "été".len(), "ici");
        assert_eq!((d.line, d.column), (2, 9));
        assert_eq!(
            full(&d),
            "r.txt:2:9: error: ici\n  |\n2 | État: l’été\n  |         ^^^"
        );
    }

    #[test]
    fn a_line_and_column_become_a_label_once_the_text_is_given() {
        let text = SourceText::new("un\n  deux trois  \nquatre");
        let whole = Diagnostic::warning("r.txt", 2, 1, "la ligne").in_source("r.txt", &text);
        assert_eq!(whole.labels()[0].start..whole.labels()[0].end, 5..15);
        let one = Diagnostic::warning("r.txt", 2, 8, "le t").in_source("r.txt", &text);
        assert_eq!(
            &text.as_str()[one.labels()[0].start..one.labels()[0].end],
            "t"
        );
        let other = Diagnostic::warning("s.txt", 2, 1, "autre").in_source("r.txt", &text);
        assert!(other.labels().is_empty() && other.source().is_none());
        let past = Diagnostic::warning("r.txt", 9, 1, "après").in_source("r.txt", &text);
        assert!(past.labels().is_empty() && past.source().is_none());
    }

    #[test]
    fn labels_of_one_line_share_it_and_say_what_is_there() {
        let text = SourceText::new("1. A\n2. B et 2. C\n");
        let d = Diagnostic::error_at("r.txt", &text, 5..7, "paragraph 2 twice")
            .with_label(13..15, "again");
        assert_eq!(
            full(&d),
            "r.txt:2:1: error: paragraph 2 twice\n  |\n2 | 2. B et 2. C\n  | ^^\n  |         ^^ again"
        );
    }

    #[test]
    fn the_json_form_has_the_labels_and_not_the_text() {
        // `é` is bytes 5 and 6, the second character of line 2.
        let text = SourceText::new("abc\ndéf\n");
        let d = Diagnostic::error_at("r.txt", &text, 5..7, "é");
        assert_eq!(
            d.render(Format::Json),
            r#"{"severity":"error","path":"r.txt","line":2,"column":2,"message":"é","labels":[{"start":5,"end":7}]}"#
        );
    }
}
