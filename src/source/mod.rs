//! Reading a source: bytes to clean text lines. Decodes the encoding,
//! splits any line ending, normalises to NFC, and takes out the page
//! furniture of text drawn from a PDF, keeping every line's number in the
//! original file for diagnostics.

pub(crate) mod bidi;
pub(crate) mod cuts;
pub(crate) mod decode;
pub mod docx;
mod file;
pub(crate) mod furniture;
pub(crate) mod hyphens;
pub(crate) mod joins;
pub(crate) mod justified;
pub(crate) mod numbering;
pub(crate) mod pdf;
mod shape;
pub(crate) mod spacing;
pub(crate) mod words;

use crate::diagnostic::{Diagnostic, SourceText};
pub use decode::Encoding;
pub use file::FileBytes;
pub use furniture::Furniture;
use rayon::prelude::*;
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Reports larger than this are refused unless the caller says otherwise.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the original file.
    pub number: usize,
    pub text: String,
    /// The line opened a new page (a form feed stood before it).
    pub page_start: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedLine {
    pub number: usize,
    pub text: String,
    pub furniture: Furniture,
}

/// A source file as clean lines, with what was taken out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: String,
    pub encoding: Encoding,
    /// The decoded text, kept for the snippets of diagnostics.
    pub text: SourceText,
    pub lines: Vec<Line>,
    pub furniture: Vec<RemovedLine>,
}

impl Source {
    /// Whether the text is long enough for its passes to be shared among
    /// the cores (shorter, waking a second thread costs more than it saves).
    pub fn is_long(&self) -> bool {
        self.text.as_str().len() >= PARALLEL_BYTES
    }

    /// A diagnostic about this source, given its text so that it shows the
    /// lines it points at (see `Diagnostic::in_source`).
    pub fn locate(&self, diagnostic: Diagnostic) -> Diagnostic {
        diagnostic.in_source(&self.path, &self.text)
    }
}

/// The bytes of a file, refused when over `max_bytes` (a report, an
/// edition: any input is bounded).
pub fn read_bytes(path: &std::path::Path, max_bytes: u64) -> Result<FileBytes, Diagnostic> {
    let name = path.display().to_string();
    let too_long = "raise the limit with --max-bytes if the file is really a report";
    file::bytes(path, max_bytes).map_err(|refused| match refused {
        file::Refused::Io(e) => {
            Diagnostic::error(&name, 0, 0, format!("cannot read the file: {e}"))
        }
        file::Refused::Directory => {
            Diagnostic::error(&name, 0, 0, "this is a directory, not a report")
        }
        file::Refused::TooLong(len) => Diagnostic::error(
            &name,
            0,
            0,
            format!("the file has {len} bytes, more than the limit of {max_bytes}"),
        )
        .with_hint(too_long),
        file::Refused::GrewTooLong => Diagnostic::error(
            &name,
            0,
            0,
            format!("the file has more than the limit of {max_bytes} bytes"),
        )
        .with_hint(too_long),
    })
}

/// Reads a file from disk, refusing files over `max_bytes`.
pub fn read_file(path: &std::path::Path, max_bytes: u64) -> Result<Source, Diagnostic> {
    let name = path.display().to_string();
    let bytes = read_bytes(path, max_bytes)?;
    let named_docx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if named_docx && !bytes.starts_with(b"PK\x03\x04") {
        return Err(Diagnostic::error(
            &name,
            1,
            1,
            "named .docx, but not a Word document (not a zip archive)",
        )
        .with_hint("save it again from Word, or rename it if it is plain text"));
    }
    from_any(&name, &bytes, max_bytes)
}

/// Text, Word or PDF, told apart by content rather than by name.
pub fn from_any(path: &str, bytes: &[u8], max_bytes: u64) -> Result<Source, Diagnostic> {
    if bytes.starts_with(b"PK\x03\x04") {
        let text = docx::text(bytes, max_bytes).map_err(|e| {
            Diagnostic::error(path, e.paragraph, 1, e.message)
                .with_hint("lines of a Word report are counted in paragraphs")
        })?;
        return from_bytes(path, text.as_bytes());
    }
    if bytes.starts_with(b"%PDF") {
        return from_bytes(path, &pdf::text(path, pdf::TIME_LIMIT)?);
    }
    from_bytes(path, bytes)
}

/// Decodes and cleans the bytes of a text source named `path`.
pub fn from_bytes(path: &str, bytes: &[u8]) -> Result<Source, Diagnostic> {
    let (text, encoding) = decode::decode(bytes).map_err(|e| decode_diagnostic(path, bytes, e))?;
    // Four passes over the whole text, two on each core for a long one.
    let held_and_control = || (SourceText::new(&*text), forbidden_control(&text));
    let lines_and_direction = || {
        let raw_lines: Vec<&str> = split_lines(&text).collect();
        (raw_lines, bidi::drawn_right_to_left(&text))
    };
    let ((held, control), (raw_lines, embedded)) = if text.len() >= PARALLEL_BYTES {
        rayon::join(held_and_control, lines_and_direction)
    } else {
        (held_and_control(), lines_and_direction())
    };
    if let Some((offset, c)) = control {
        return Err(Diagnostic::error_at(
            path,
            &held,
            offset..offset + c.len_utf8(),
            format!(
                "control character U+{:04X} in the text: this looks like a binary file",
                c as u32
            ),
        ));
    }
    // Each line is cleaned on its own, on every core for a long text; only
    // the page starts depend on the lines before.
    let mut read: Vec<ReadLine> = if text.len() >= PARALLEL_BYTES {
        raw_lines
            .par_iter()
            .with_min_len(1024)
            .map(|raw| read_line(raw, embedded))
            .collect()
    } else {
        raw_lines
            .iter()
            .map(|raw| read_line(raw, embedded))
            .collect()
    };
    // The -raw mode cuts a line of a right-to-left page at every change of
    // direction: a number in a sentence comes alone on its line, as a page
    // number would.
    let word_by_word = embedded && bidi::drawn_word_by_word(&text);
    if word_by_word {
        numbers_in_sentences(&mut read);
    }
    let mut lines = Vec::with_capacity(read.len());
    let mut removed = Vec::new();
    let mut page_start = false;
    for (i, line) in read.into_iter().enumerate() {
        let number = i + 1;
        page_start |= line.after_form_feed;
        match line.read {
            Read::Furniture(text, furniture) => removed.push(RemovedLine {
                number,
                text,
                furniture,
            }),
            Read::Text(text, blank) => {
                let opens_page = page_start && !blank;
                if opens_page {
                    page_start = false;
                }
                lines.push(Line {
                    number,
                    text,
                    page_start: opens_page,
                });
            }
        }
    }
    if word_by_word {
        cuts::mend(&mut lines);
    }
    justified::gather(&mut lines);
    hyphens::restore(&mut lines);
    // Words cut with a space: by pdftotext, on right-to-left pages.
    if embedded {
        joins::rejoin(&mut lines);
    }
    Ok(Source {
        path: path.to_string(),
        encoding,
        text: held,
        lines,
        furniture: removed,
    })
}

/// Texts this long are cleaned on every core.
const PARALLEL_BYTES: usize = 128 * 1024;

/// A line as read: furniture, or text (and whether it is blank).
struct ReadLine {
    /// A form feed stood before it: a page starts here or at the next
    /// line of text.
    after_form_feed: bool,
    read: Read,
}

enum Read {
    Furniture(String, Furniture),
    Text(String, bool),
}

/// `embedded`: the text was drawn from right-to-left pages, each line in
/// the order its characters stand on the page.
fn read_line(raw: &str, embedded: bool) -> ReadLine {
    let mut raw = raw;
    let mut after_form_feed = false;
    while let Some(rest) = raw.strip_prefix('\u{c}') {
        after_form_feed = true;
        raw = rest;
    }
    let cleaned = match embedded {
        true => Cow::Owned(clean(&bidi::reading_order(raw)).into_owned()),
        false => clean(raw),
    };
    let trimmed = cleaned.trim_matches(' ');
    let read = match furniture::recognise(trimmed) {
        Some(furniture) => Read::Furniture(trimmed.to_string(), furniture),
        None => Read::Text(
            cleaned.trim_end_matches(' ').to_string(),
            trimmed.is_empty(),
        ),
    };
    ReadLine {
        after_form_feed,
        read,
    }
}

/// Numbers alone taken for page numbers given back to the text, but for
/// those beside the page's break or its other furniture (a running head
/// or foot, a barcode) and not followed by a dash alone (a paragraph
/// number at the top of a page, under the running head).
fn numbers_in_sentences(read: &mut [ReadLine]) {
    let furniture_or_break = |read: &[ReadLine], i: usize| {
        read.get(i).is_none_or(|l| {
            l.after_form_feed
                || matches!(&l.read, Read::Furniture(_, f) if !matches!(f, Furniture::PageNumber { .. }))
        })
    };
    for i in 0..read.len() {
        let Read::Furniture(text, Furniture::PageNumber { .. }) = &read[i].read else {
            continue;
        };
        // A paragraph number's dash, cut from it, follows it alone.
        let dash_after =
            matches!(&read.get(i + 1).map(|l| &l.read), Some(Read::Text(t, _)) if t.trim() == "-");
        let beside_page_edge = read[i].after_form_feed
            || i == 0
            || furniture_or_break(read, i - 1)
            || furniture_or_break(read, i + 1);
        if dash_after || !beside_page_edge {
            read[i].read = Read::Text(text.clone(), false);
        }
    }
}

/// Splits on LF, CRLF or a lone CR.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    let mut done = text.is_empty();
    // Most texts end their lines with LF alone, which is searched for
    // faster than either of two characters.
    let lf_only = !text.contains('\r');
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let end = if lf_only {
            rest.find('\n')
        } else {
            rest.find(['\n', '\r'])
        };
        match end {
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                if rest.is_empty() {
                    done = true;
                }
                Some(line)
            }
            None => {
                done = true;
                Some(rest)
            }
        }
    })
}

/// A line with tabs and form feeds as spaces, in NFC. Most lines need
/// neither change: they are borrowed, not copied.
fn clean(raw: &str) -> Cow<'_, str> {
    // Most lines are ASCII or Latin text below U+0300 without tabs: one
    // look at all their bytes at once says there is nothing to change
    // (nothing to space, close up or normalise), but for a soft hyphen
    // (C2 AD), which only a line with a C2 byte may hold.
    let (plain, c2) = raw.bytes().fold((true, false), |(plain, c2), b| {
        (
            plain & (b < 0xcc) & (b != b'\t') & (b != b'\x0c'),
            c2 | (b == 0xc2),
        )
    });
    if plain && !(c2 && raw.contains('\u{ad}')) {
        return Cow::Borrowed(raw);
    }
    let ligature = |c: char| ('\u{fb00}'..='\u{fb06}').contains(&c);
    if raw.contains(|c: char| c == '\u{ad}' || ligature(c)) {
        let spelled = spelled_out(raw);
        if spelled != raw {
            return Cow::Owned(clean(&spelled).into_owned());
        }
    }
    // A form feed inside a line is a page break in a paragraph: a space.
    let spaced = if raw.bytes().any(|b| b == b'\t' || b == b'\x0c') {
        Cow::Owned(raw.replace(['\u{c}', '\t'], " "))
    } else {
        Cow::Borrowed(raw)
    };
    let spaced = match spacing::closed_up(&spaced) {
        Cow::Borrowed(_) => spaced,
        Cow::Owned(closed) => Cow::Owned(closed),
    };
    if surely_nfc(&spaced) || is_nfc_quick(spaced.chars()) == IsNormalized::Yes {
        return spaced;
    }
    Cow::Owned(spaced.nfc().collect())
}

/// The text as it is read, not as it was drawn: soft hyphens inside a line
/// (which only say where a word may break) left out, and the Latin
/// ligatures a PDF draws as one glyph (`ﬁ`) spelled out in their letters.
/// A soft hyphen that ends a line is where a word was broken: the parser
/// joins the word there.
fn spelled_out(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let end = text.trim_end().len();
    for (i, c) in text.char_indices() {
        match c {
            '\u{ad}' if i + c.len_utf8() < end => {}
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// Whether every character of `text` is one that NFC leaves alone whatever
/// stands around it: below U+0300 (Latin letters, accented or not), or
/// punctuation from U+2002 to U+203F (’, …, the narrow no-break space).
/// Told from the bytes, faster than the Unicode tables are read.
fn surely_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            // ASCII, continuation bytes and the leads of U+0080 to U+02FF.
            0x00..=0xCB => i += 1,
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && bytes.get(i + 2).is_some_and(|&b| b >= 0x82) =>
            {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

fn forbidden_control(text: &str) -> Option<(usize, char)> {
    // Control characters are C0 and DEL (one byte each) and C1 (U+0080 to
    // U+009F, two bytes from 0xC2): most texts have none, which bytes tell
    // faster than characters.
    // Folded without branching, so that the compiler checks many bytes at
    // once.
    let bytes = text.as_bytes();
    let c0 = bytes.iter().fold(false, |seen, &b| {
        let spacing = matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c');
        seen | (b < 0x20) & !spacing | (b == 0x7f)
    });
    let c1 = bytes.windows(2).fold(false, |seen, w| {
        seen | (w[0] == 0xc2) & (w[1] & 0xe0 == 0x80)
    });
    let suspect = c0 | c1;
    if !suspect {
        return None;
    }
    text.char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
}

fn decode_diagnostic(path: &str, bytes: &[u8], e: decode::DecodeError) -> Diagnostic {
    let (offset, message, binary) = match e {
        decode::DecodeError::Binary { offset } => (
            offset,
            "this is a binary file, not a text report (NUL byte)".to_string(),
            true,
        ),
        decode::DecodeError::Undecodable { offset, reason } => {
            (offset, format!("cannot decode the text: {reason}"), false)
        }
    };
    let hint = if bytes.starts_with(b"PK\x03\x04") {
        "this looks like a zip archive; a Word report must end in .docx"
    } else if bytes.starts_with(b"%PDF") {
        "this is a PDF; give the text drawn from it (pdftotext) instead"
    } else {
        "save the report as UTF-8 text"
    };
    let diagnostic = match binary {
        // A binary file has no lines worth showing.
        true => {
            let (line, column) = position(bytes, offset);
            Diagnostic::error(path, line, column, message)
        }
        false => {
            let (text, at) = readable(bytes, offset);
            let held = SourceText::new(text);
            Diagnostic::error_at(path, &held, at..at + 1, message)
        }
    };
    diagnostic.with_hint(hint)
}

/// Text that could not be decoded, read as well as it can be (bytes that
/// fit no encoding shown as U+FFFD), with the offset in it of byte `offset`
/// of the file: line and column then count characters, as the reader does.
fn readable(bytes: &[u8], offset: usize) -> (String, usize) {
    let offset = offset.min(bytes.len());
    let (text, at) = match decode::utf16_order(bytes) {
        Some((order, shift)) => {
            let lossy = |bytes: &[u8]| -> String {
                char::decode_utf16(decode::utf16_units(bytes, order))
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect()
            };
            let shift = shift.min(offset);
            (lossy(&bytes[shift..]), lossy(&bytes[shift..offset]).len())
        }
        None => {
            let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            let bom = bom.min(offset);
            let text = String::from_utf8_lossy(&bytes[bom..]).into_owned();
            (text, String::from_utf8_lossy(&bytes[bom..offset]).len())
        }
    };
    let at = at.min(text.len());
    (text, at)
}

/// Line and column (1-based) of a byte offset, counting lines as the reader
/// does, and columns in characters (UTF-16 text is decoded for that).
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    if let Some((order, shift)) = decode::utf16_order(bytes) {
        let units = decode::utf16_units(&bytes[shift.min(offset)..offset], order);
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        return crate::diagnostic::line_col(text.as_bytes(), text.len());
    }
    crate::diagnostic::line_col(bytes, offset)
}

/// The text's lines, numbered from 1, through one of the passes that mend
/// pdftotext's text; their texts after it.
#[cfg(test)]
pub(crate) fn after_pass(text: &str, pass: impl FnOnce(&mut Vec<Line>)) -> Vec<String> {
    let mut lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, t)| Line {
            number: i + 1,
            text: t.to_string(),
            page_start: false,
        })
        .collect();
    pass(&mut lines);
    lines.into_iter().map(|l| l.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &Source) -> Vec<&str> {
        source.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn soft_hyphens_go_and_ligatures_are_spelled_out() {
        let text = "Les États par\u{ad}ties, « ﬁnancement » et ﬂux\nen\u{a0}ﬃ\u{301}\nsans rien\ncoopéra\u{ad}\n";
        let source = from_bytes("r.txt", text.as_bytes()).unwrap();
        assert_eq!(
            texts(&source),
            [
                "Les États parties, « financement » et flux",
                // Spelled out, then composed: the accent is the last i's.
                "en\u{a0}ff\u{ed}",
                "sans rien",
                // Where the word was broken: the parser joins it.
                "coopéra\u{ad}"
            ]
        );
        assert!(matches!(clean("sans rien « »"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_line_ending_gives_the_same_lines() {
        let lf = from_bytes("a", b"un\ndeux\n\ntrois").unwrap();
        let crlf = from_bytes("a", b"un\r\ndeux\r\n\r\ntrois").unwrap();
        let cr = from_bytes("a", b"un\rdeux\r\rtrois").unwrap();
        assert_eq!(texts(&lf), ["un", "deux", "", "trois"]);
        assert_eq!(lf.lines, crlf.lines);
        assert_eq!(lf.lines, cr.lines);
        assert_eq!(cr.lines[3].number, 4);
    }

    #[test]
    fn furniture_goes_and_line_numbers_stay() {
        let text = "1. Un texte qui\ncontinue \n\n\u{c}CTOC/COP/WG.7/2012/6\n\nsur la page suivante.\n\n2 V.12-54101\n*1254101*\n";
        let source = from_bytes("r.txt", text.as_bytes()).unwrap();
        assert_eq!(
            texts(&source),
            [
                "1. Un texte qui",
                "continue",
                "",
                "",
                "sur la page suivante.",
                ""
            ]
        );
        assert_eq!(source.lines[4].number, 6);
        assert_eq!(source.furniture.len(), 3);
        assert_eq!(source.furniture[0].number, 4);
    }

    #[test]
    fn numbers_cut_from_right_to_left_sentences_are_text() {
        // As the -raw mode draws right-to-left pages: words marked one by
        // one, a line cut at each change of direction.
        let text = ".\u{202b}التالية\u{202c}\n18\n،\u{202b}إلى\u{202c} \u{202b}من\u{202c}\n\u{202b}نص\u{202c}\n7\n*1408150*\n\u{202b}آخر\u{202c}\n";
        let source = from_bytes("r", text.as_bytes()).unwrap();
        assert!(source.lines.iter().any(|l| l.text == "18"), "{source:#?}");
        assert!(!source.lines.iter().any(|l| l.text == "7"), "{source:#?}");
        assert_eq!(source.furniture.len(), 2);
        // Under the running head, a number with its dash after it opens a
        // paragraph.
        let text = text.to_string()
            + "CTOC/COP/WG.7/2014/2\n8\n-\n\u{202b}نص\u{202c}\n\u{202b}آخر\u{202c}\n،\u{202b}ثالث\u{202c}\n";
        let source = from_bytes("r", text.as_bytes()).unwrap();
        assert!(source.lines.iter().any(|l| l.text == "8-"), "{source:#?}");
        // Text drawn from a left-to-right page keeps its page numbers.
        let source = from_bytes("r", b"Text\n18\nmore text\n").unwrap();
        assert_eq!(source.furniture.len(), 1);
    }

    #[test]
    fn page_start_is_marked_on_the_first_text_line_of_a_page() {
        let source = from_bytes("r", "fin\n\u{c}\n 12. Début".as_bytes()).unwrap();
        assert!(source
            .lines
            .iter()
            .any(|l| l.page_start && l.text == " 12. Début"));
    }

    #[test]
    fn characters_told_in_nfc_by_their_bytes_are() {
        for c in ('\0'..'\u{300}').chain('\u{2000}'..='\u{203f}') {
            let alone = c.to_string();
            if surely_nfc(&alone) {
                assert_eq!(is_nfc_quick(alone.chars()), IsNormalized::Yes, "{c:?}");
                // Not a mark that could join or be reordered with another.
                assert_eq!(
                    unicode_normalization::char::canonical_combining_class(c),
                    0,
                    "{c:?}"
                );
            }
        }
        assert!(!surely_nfc("\u{2000}"), "EN QUAD is a singleton");
        assert!(!surely_nfc("e\u{301}"));
        assert!(surely_nfc("Les États’ « parties »\u{202f}:"));
    }

    #[test]
    fn text_is_normalised_to_nfc() {
        let source = from_bytes("r", "E\u{301}tats".as_bytes()).unwrap();
        assert_eq!(source.lines[0].text, "États");
    }

    #[test]
    fn undecodable_bytes_are_located() {
        let err = from_bytes("r.txt", b"premi\xc3\xa8re ligne\nseconde \xe9").unwrap_err();
        assert_eq!((err.line, err.column), (2, 9));
        assert!(err.to_string().starts_with("r.txt:2:9: error:"), "{err}");
    }

    #[test]
    fn utf16_errors_are_located_in_characters() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("un\r\ndeux é".encode_utf16().flat_map(|u| u.to_le_bytes()));
        bytes.extend([0x00, 0xDC]); // a lone low surrogate
        let err = from_bytes("r.txt", &bytes).unwrap_err();
        assert_eq!((err.line, err.column), (2, 7), "{err}");
        let be: Vec<u8> = "un\ndeux\u{7}"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let err = from_bytes("r.txt", &be).unwrap_err();
        assert_eq!((err.line, err.column), (2, 5), "{err}");
    }

    #[test]
    fn control_characters_are_refused() {
        let err = from_bytes("r.txt", b"ligne\nbad \x07 here").unwrap_err();
        assert_eq!((err.line, err.column), (2, 5));
    }
}
