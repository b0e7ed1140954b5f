//! Clean lines to a report: chapters, headings, numbered paragraphs with
//! sub-items at any depth, footnotes, and the masthead and meeting read
//! from the text. `line` holds the nom grammar of a single line; this module
//! decides, from context, what each opening really is.

pub mod compilation;
pub(crate) mod front;
pub(crate) mod hanging;
pub(crate) mod line;
pub(crate) mod lists;
pub(crate) mod pages;

use crate::diagnostic::Diagnostic;
use crate::language::{chapter_number, heading_index, roman_value};
use crate::model::{Block, Chapter, Footnote, Item, Paragraph, Report};
use crate::source::{Line, Source};
use line::{Counter, Enclosure, Label, Opening};
use rayon::prelude::*;

/// A report with what the parser noticed on the way.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub report: Report,
    pub warnings: Vec<Diagnostic>,
}

/// Parses a cleaned source into a report. Every diagnostic about the
/// source holds its text, and shows the lines it points at.
pub fn parse(source: &Source) -> Result<Parsed, Diagnostic> {
    let Parsed { report, warnings } = parse_lines(source).map_err(|d| source.locate(d))?;
    let warnings = warnings.into_iter().map(|w| source.locate(w)).collect();
    Ok(Parsed { report, warnings })
}

fn parse_lines(source: &Source) -> Result<Parsed, Diagnostic> {
    if source.lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(
            Diagnostic::error(&source.path, 1, 1, "the report is empty: no text in it")
                .with_hint("check that the file is the text of the report, not an empty export"),
        );
    }
    // The running foot often says the language (`V.12-54101 (F)`): its
    // patterns are compiled on another core while the lines are parsed.
    if let Some(language) = front::stated_language(&source.furniture) {
        language.prepare_aside();
    }
    let mut builder = Builder::new(&source.path);
    // Two passes over the lines that need nothing of each other: on two
    // cores for a long text.
    let pages = || pages::read(source);
    let lists = || lists::rebuild(&source.lines);
    let (pages, (rebuilt, orphans)) = if source.is_long() {
        rayon::join(pages, lists)
    } else {
        (pages(), lists())
    };
    builder.pages = pages;
    if let Some(first) = builder.pages.first {
        builder.warnings.push(
            Diagnostic::warning(
                &source.path,
                source
                    .lines
                    .iter()
                    .find(|l| !l.text.trim().is_empty())
                    .map_or(1, |l| l.number),
                1,
                format!("the text starts on page {first}: its first pages are missing"),
            )
            .with_hint("what stands before the first chapter is not read as recommendations"),
        );
    }
    let mut previous: Option<&Line> = None;
    for label in orphans {
        builder.warnings.push(
            Diagnostic::warning(
                &source.path,
                label.number,
                1,
                format!(
                    "the label {} stands alone, away from any text of its list: left out",
                    label.text
                ),
            )
            .with_hint("text drawn by pdftotext's default mode moves hanging labels; its -layout mode keeps them in place"),
        );
    }
    let lines = hanging::join(&rebuilt);
    // What each line opens is read on its own: on every core for a long
    // text, before the lines are fed in order.
    let lines: Vec<&Line> = lines.iter().collect();
    let openings: Vec<Opening> = if source.is_long() {
        lines
            .par_iter()
            .with_min_len(1024)
            .map(|l| line::opening(&l.text))
            .collect()
    } else {
        lines.iter().map(|l| line::opening(&l.text)).collect()
    };
    for (&line, opening) in lines.iter().zip(openings) {
        let gap = previous.is_some_and(|p| line.number > p.number + 1);
        builder.feed(line, opening, line.page_start || gap);
        previous = Some(line);
    }
    builder.end_fragment();
    builder.finish_open();
    let Builder {
        front,
        front_lines: first_page,
        chapters,
        footnotes,
        mut warnings,
        ..
    } = builder;
    let front_lines: Vec<String> = front.into_iter().map(|(_, t)| t).collect();
    let masthead = front::masthead(&first_page, &source.furniture);
    let mut report = Report {
        file: source.path.clone(),
        masthead,
        front: front_lines,
        meeting: None,
        chapters,
        footnotes,
    };
    if report.masthead.language.is_none() {
        report.masthead.language = front::guess_language(&report);
    }
    // The meeting is looked for in every paragraph while the checks read
    // them again: on two cores.
    let (meeting, ()) = rayon::join(
        || front::meeting(&report),
        || {
            for chapter in &report.chapters {
                if chapter.blocks.is_empty() {
                    warnings.push(Diagnostic::warning(
                        &source.path,
                        chapter.line,
                        1,
                        format!("chapter {} has no paragraphs", chapter.numeral),
                    ));
                }
            }
            check_blocks(&source.path, &report.chapters, &mut warnings);
            check_furniture(source, &mut warnings);
        },
    );
    report.meeting = meeting;
    warnings.sort_by_key(|w| w.line);
    Ok(Parsed { report, warnings })
}

/// A paragraph or item longer than this many words, or characters, is
/// reported: it is more likely text the reader failed to split (a missed
/// paragraph number, a page of furniture) than a real paragraph.
pub(crate) const LONG_PARAGRAPH_WORDS: usize = 400;
pub(crate) const LONG_PARAGRAPH_CHARS: usize = 10_000;

/// Warnings about the shape of the chapters: headings with nothing under
/// them, unusually long paragraphs, and a file that stops mid-paragraph.
fn check_blocks(path: &str, chapters: &[Chapter], warnings: &mut Vec<Diagnostic>) {
    fn long(path: &str, what: &str, text: &str, line: usize, warnings: &mut Vec<Diagnostic>) {
        // 400 words take at least 800 bytes, and 10,000 characters as many
        // bytes: most paragraphs are shorter, and need no counting.
        if text.len() <= 2 * LONG_PARAGRAPH_WORDS {
            return;
        }
        let words = text.split_whitespace().count();
        let chars = text.chars().count();
        if words > LONG_PARAGRAPH_WORDS || chars > LONG_PARAGRAPH_CHARS {
            warnings.push(
                Diagnostic::warning(
                    path,
                    line,
                    1,
                    format!("{what} is unusually long ({words} words, {chars} characters)"),
                )
                .with_hint("a paragraph number or a page break the reader missed?"),
            );
        }
    }
    fn items(path: &str, of: &str, list: &[Item], warnings: &mut Vec<Diagnostic>) {
        for item in list {
            let what = format!("item {} of {of}", item.label);
            long(path, &what, &item.text, item.line, warnings);
            items(path, of, &item.items, warnings);
        }
    }
    for chapter in chapters {
        for (i, block) in chapter.blocks.iter().enumerate() {
            match block {
                Block::Heading { label, line, .. } => {
                    let empty = !matches!(chapter.blocks.get(i + 1), Some(Block::Paragraph(_)));
                    if empty {
                        warnings.push(Diagnostic::warning(
                            path,
                            *line,
                            1,
                            format!("heading {label} has no paragraphs"),
                        ));
                    }
                }
                Block::Paragraph(p) => {
                    let what = match p.number {
                        Some(n) => format!("paragraph {n}"),
                        None => format!("the paragraph at line {}", p.line),
                    };
                    long(path, &what, &p.text, p.line, warnings);
                    items(path, &what, &p.items, warnings);
                }
            }
        }
    }
    let last = chapters.last().and_then(|c| c.blocks.last());
    if let Some(Block::Paragraph(p)) = last {
        let (text, line) = last_of(p);
        if p.number.is_some() && !ends_paragraph(text) {
            warnings.push(
                Diagnostic::warning(
                    path,
                    line,
                    1,
                    format!(
                        "the file ends in the middle of paragraph {}: truncated?",
                        p.number.unwrap_or_default()
                    ),
                )
                .with_hint("check that the whole report was exported"),
            );
        }
    }
}

/// The text and line of the last thing written in a paragraph.
fn last_of(p: &Paragraph) -> (&str, usize) {
    let mut items = &p.items;
    let mut last = (p.text.as_str(), p.line);
    while let Some(item) = items.last() {
        last = (item.text.as_str(), item.line);
        items = &item.items;
    }
    last
}

fn ends_paragraph(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['»', '”', '’', '"', ')', ' ', '\u{a0}', '\u{202f}'])
        .ends_with(['.', ':', ';', '!', '?', '…', '。', '：', '；', '؛', '؟'])
}

/// Lines the reader kept as text although they have the shape of a running
/// foot or a barcode it does not know: the furniture may then be read as
/// part of a paragraph.
fn check_furniture(source: &Source, warnings: &mut Vec<Diagnostic>) {
    for line in &source.lines {
        let text = line.text.trim();
        if let Some(what) = crate::source::furniture::unrecognised(text) {
            warnings.push(
                Diagnostic::warning(
                    &source.path,
                    line.number,
                    1,
                    format!("`{text}` looks like {what} of an unknown shape; kept as text"),
                )
                .with_hint(
                    "running feet read `V.15-06043 9` or `2 V.15-06043`, barcodes `*1506043*`",
                ),
            );
        }
    }
}

/// A paragraph being read, with its open levels of sub-items.
struct OpenParagraph {
    number: Option<u32>,
    text: String,
    line: usize,
    /// Innermost level last; each level's items are children of the last
    /// item of the level before.
    levels: Vec<Level>,
}

struct Level {
    counter: Counter,
    enclosure: Enclosure,
    items: Vec<Item>,
    last_key: String,
}

enum Open {
    Nothing,
    ChapterTitle,
    HeadingTitle {
        label: String,
        title: String,
        line: usize,
    },
    Paragraph(OpenParagraph),
    Front,
}

struct Builder {
    path: String,
    front: Vec<(usize, String)>,
    /// The lines before chapter I one by one, as the masthead sets them.
    front_lines: Vec<String>,
    chapters: Vec<Chapter>,
    footnotes: Vec<Footnote>,
    open: Open,
    in_footnotes: bool,
    blank_before: bool,
    last_number: Option<u32>,
    warnings: Vec<Diagnostic>,
    pages: pages::Pages,
    /// Text at the top of a page that follows missing pages: it continues
    /// a paragraph the reader never saw, and is reported, not glued.
    fragment: Option<Fragment>,
}

struct Fragment {
    line: usize,
    pages: (u32, u32),
    text: String,
}

impl Builder {
    fn new(path: &str) -> Builder {
        Builder {
            path: path.to_string(),
            front: Vec::new(),
            front_lines: Vec::new(),
            chapters: Vec::new(),
            footnotes: Vec::new(),
            open: Open::Nothing,
            in_footnotes: false,
            blank_before: true,
            last_number: None,
            warnings: Vec::new(),
            pages: pages::Pages::default(),
            fragment: None,
        }
    }

    /// `opening`: what `line` opens (`line::opening`).
    fn feed<'l>(&mut self, line: &'l Line, opening: Opening<'l>, page_break: bool) {
        let text = line.text.as_str();
        if page_break {
            self.in_footnotes = false;
            self.end_fragment();
            if let Some(gap) = self.pages.gap_before(line.number) {
                // Nothing read after the gap belongs to what was open before it.
                if let Open::Paragraph(p) = &self.open {
                    if !ends_paragraph(last_text(p)) {
                        let what = p.number.map_or_else(
                            || "the paragraph".to_string(),
                            |n| format!("paragraph {n}"),
                        );
                        self.warnings.push(
                            Diagnostic::warning(
                                &self.path,
                                p.line,
                                1,
                                format!(
                                    "{what} is cut off: the page after page {} is missing",
                                    gap.0
                                ),
                            )
                            .with_hint("find the missing pages to read that paragraph whole"),
                        );
                    }
                }
                self.finish_open();
                self.fragment = Some(Fragment {
                    line: line.number,
                    pages: gap,
                    text: String::new(),
                });
            }
        }
        if let Some(fragment) = &mut self.fragment {
            let ends = matches!(
                opening,
                Opening::Paragraph { .. } | Opening::Numbered { .. } | Opening::FootnoteRule
            );
            if !ends {
                append(&mut fragment.text, text);
                self.blank_before = matches!(opening, Opening::Blank);
                return;
            }
            self.end_fragment();
            self.blank_before = true;
        }
        if self.in_footnotes {
            match opening {
                Opening::Blank => {
                    self.in_footnotes = false;
                    self.blank_before = true;
                    return;
                }
                Opening::Numbered { .. } | Opening::Paragraph { .. }
                    if line::footnote(text).is_none() =>
                {
                    self.in_footnotes = false;
                    self.blank_before = true;
                }
                _ => {
                    match line::footnote(text) {
                        Some((mark, body)) => self.footnotes.push(Footnote {
                            mark: mark.to_string(),
                            text: body.to_string(),
                            line: line.number,
                        }),
                        None => {
                            if let Some(last) = self.footnotes.last_mut() {
                                append(&mut last.text, text);
                            }
                        }
                    }
                    return;
                }
            }
        }
        let fresh = self.blank_before || page_break;
        let opens_body = matches!(
            opening,
            Opening::Paragraph { number: 1, .. } | Opening::Numbered { token: "A", .. }
        );
        // A body with no chapter headings: its headings and paragraphs
        // stand in a chapter without numeral or title. Paragraph 1 and
        // heading A are signs enough, even without a blank line before.
        if opens_body && self.chapters.is_empty() && !self.front.is_empty() {
            self.finish_open();
            self.chapters.push(Chapter {
                numeral: String::new(),
                title: String::new(),
                line: line.number,
                blocks: Vec::new(),
            });
        }
        match opening {
            Opening::Blank => {
                if self.title_complete() {
                    self.finish_open();
                }
                self.blank_before = true;
                return;
            }
            Opening::FootnoteRule => {
                self.in_footnotes = true;
                self.blank_before = true;
                return;
            }
            Opening::Numbered { token, title }
                if (fresh || title.is_empty() || self.is_next(token) || self.is_later(token))
                    && self.numbered(token, title, line.number) =>
            {
                self.blank_before = false;
                return;
            }
            Opening::Paragraph { number, text: body }
                if !self.chapters.is_empty()
                    && self.accepts_paragraph(number, fresh, line.number) =>
            {
                self.finish_open();
                self.last_number = Some(number);
                self.open = Open::Paragraph(OpenParagraph {
                    number: Some(number),
                    text: squeeze(body),
                    line: line.number,
                    levels: Vec::new(),
                });
                self.blank_before = false;
                return;
            }
            Opening::Item { label, text: body } if self.item(label, body, fresh, line.number) => {
                self.blank_before = false;
                return;
            }
            Opening::Text
                if !self.chapters.is_empty() && (fresh || text.trim_start().starts_with('∗')) =>
            {
                // A footnote whose rule was drawn, not typed, as in the PDFs
                // recueil writes: an asterisk mark opening a block, or any
                // line for the mathematical asterisk (`∗`) that no sentence
                // starts with, even right after a paragraph's last line.
                if let Some((mark, body)) =
                    line::footnote(text).filter(|(m, _)| m.starts_with(['*', '∗']))
                {
                    self.footnotes.push(Footnote {
                        mark: mark.to_string(),
                        text: body.to_string(),
                        line: line.number,
                    });
                    self.in_footnotes = true;
                    return;
                }
            }
            _ => {}
        }
        if self.chapters.is_empty() {
            // Columns stay apart: a masthead drawn with -layout sets the
            // distribution block beside the body's name.
            self.front_lines.push(text.trim().to_string());
        }
        self.text(text, line.number, page_break);
        self.blank_before = false;
    }

    fn end_fragment(&mut self) {
        let Some(f) = self.fragment.take() else {
            return;
        };
        if f.text.is_empty() {
            return;
        }
        self.warnings.push(
            Diagnostic::warning(
                &self.path,
                f.line,
                1,
                format!(
                    "page {} follows page {}: the text at its top continues a paragraph of a missing page, and is left out: “{}”",
                    f.pages.1,
                    f.pages.0,
                    crate::diagnostic::one_line(&f.text, 60)
                ),
            )
            .with_hint("find the missing pages to read that paragraph whole"),
        );
    }

    /// The next chapter's number, and the place (from 0) of the next
    /// heading's letter in the current chapter.
    fn expected(&self) -> (u32, Option<u32>) {
        let heading = self.chapters.last().map(|c| {
            let last = c.blocks.iter().rev().find_map(|b| match b {
                Block::Heading { label, .. } => heading_index(label),
                _ => None,
            });
            last.map_or(0, |l| l + 1)
        });
        let numbered = self.chapters.iter().filter(|c| !c.numeral.is_empty());
        (numbered.count() as u32 + 1, heading)
    }

    /// A numeral that is exactly the next chapter's or heading's: taken as
    /// one even without a blank line before it (text drawn from a PDF
    /// often has none).
    fn is_next(&self, token: &str) -> bool {
        let (chapter, heading) = self.expected();
        chapter_number(token) == Some(chapter)
            || heading.is_some() && heading_index(token) == heading
    }

    /// A chapter numeral past the next one, right after a finished
    /// sentence: pages are missing, and text drawn without blank lines
    /// gives nothing else to go by.
    fn is_later(&self, token: &str) -> bool {
        let (chapter, _) = self.expected();
        chapter_number(token).is_some_and(|n| n > chapter && n <= chapter + 5)
            && token.len() > 1
            && self.open_ends_sentence()
    }

    /// Whether what is being read ends a sentence (or is a finished title).
    fn open_ends_sentence(&self) -> bool {
        match &self.open {
            Open::Paragraph(p) => ends_sentence(last_text(p)),
            Open::Front => self.front.last().is_some_and(|(_, t)| ends_sentence(t)),
            _ => self.title_complete(),
        }
    }

    /// `II. Title` or `B. Title`; false when it can be neither here.
    fn numbered(&mut self, token: &str, title: &str, line: usize) -> bool {
        let roman = chapter_number(token);
        let (expected_chapter, expected_heading) = self.expected();
        let letter = heading_index(token);
        let is_letter = letter.is_some();
        let heading_expected =
            is_letter && expected_heading.is_some() && letter == expected_heading;
        let chapter = if roman == Some(expected_chapter) && !heading_expected
            || roman.is_some() && !is_letter
        {
            true
        } else if is_letter && !self.chapters.is_empty() {
            false
        } else if roman.is_some() {
            true
        } else {
            return false;
        };
        self.finish_open();
        if !chapter {
            self.open = Open::HeadingTitle {
                label: token.to_string(),
                title: squeeze(title),
                line,
            };
            return true;
        }
        if roman != Some(expected_chapter) {
            self.warnings.push(Diagnostic::warning(
                &self.path,
                line,
                1,
                format!(
                    "chapter {token} where chapter {} was expected",
                    crate::language::roman(expected_chapter)
                ),
            ));
        }
        self.chapters.push(Chapter {
            numeral: token.to_string(),
            title: squeeze(title),
            line,
            blocks: Vec::new(),
        });
        self.open = Open::ChapterTitle;
        true
    }

    /// A number opens a paragraph when it follows on, or when it starts a
    /// block of its own (numbering that skips or repeats is then reported).
    fn accepts_paragraph(&mut self, number: u32, fresh: bool, line: usize) -> bool {
        let expected = self.last_number.map_or(number, |n| n + 1);
        if number == expected {
            return true;
        }
        // Without a blank line, a number past the next one opens a paragraph
        // only after a finished sentence (pages missing in text drawn
        // without blank lines).
        let skips_after_sentence =
            number > expected && number <= expected + 50 && self.open_ends_sentence();
        if !(fresh || skips_after_sentence) || number == 0 {
            return false;
        }
        let message = match self.last_number {
            Some(last) if number <= last => {
                format!("paragraph {number} repeats or goes back after paragraph {last}")
            }
            Some(last) => format!("paragraph {number} follows paragraph {last}: numbering skips"),
            None => return true,
        };
        self.warnings
            .push(Diagnostic::warning(&self.path, line, 1, message));
        true
    }

    fn item(&mut self, label: Label, body: &str, fresh: bool, line: usize) -> bool {
        let Open::Paragraph(paragraph) = &mut self.open else {
            return false;
        };
        let counter = counter_of(label.key, &paragraph.levels);
        let follows = paragraph.levels.iter().any(|l| {
            l.enclosure == label.enclosure
                && l.counter == counter
                && successor(&l.last_key, counter) == label.key
        });
        let starts = crate::language::is_first_label(label.key);
        // A list opens after a blank line, or right after the colon that
        // announces it (text drawn from a PDF has no blank lines).
        let announced = last_text(paragraph).trim_end().ends_with([':', '：']);
        if !(fresh || follows || announced) || !(follows || starts) {
            return false;
        }
        let depth = paragraph
            .levels
            .iter()
            .position(|l| l.counter == counter && l.enclosure == label.enclosure);
        match depth {
            Some(d) => {
                while paragraph.levels.len() > d + 1 {
                    close_level(&mut paragraph.levels);
                }
            }
            None => paragraph.levels.push(Level {
                counter,
                enclosure: label.enclosure,
                items: Vec::new(),
                last_key: String::new(),
            }),
        }
        let level = paragraph
            .levels
            .last_mut()
            .expect("a level was just ensured");
        level.last_key = label.key.to_string();
        let printed = label.enclosure.print(label.key);
        level.items.push(Item {
            label: printed,
            text: squeeze(body),
            items: Vec::new(),
            line,
        });
        true
    }

    /// A heading's title is open until a blank line, once it has words.
    fn title_complete(&self) -> bool {
        match &self.open {
            Open::ChapterTitle => self.chapters.last().is_some_and(|c| !c.title.is_empty()),
            Open::HeadingTitle { title, .. } => !title.is_empty(),
            _ => false,
        }
    }

    fn text(&mut self, text: &str, line: usize, page_break: bool) {
        let blank_before = self.blank_before;
        let continues_title = !blank_before || !self.title_complete();
        match &mut self.open {
            Open::ChapterTitle if continues_title => {
                if let Some(chapter) = self.chapters.last_mut() {
                    append(&mut chapter.title, text);
                }
            }
            Open::HeadingTitle { title, .. } if continues_title => append(title, text),
            Open::Paragraph(p) if !blank_before || page_break || !ends_sentence(last_text(p)) => {
                append(last_text_mut(p), text)
            }
            Open::Front if !blank_before => {
                if let Some((_, last)) = self.front.last_mut() {
                    append(last, text);
                }
            }
            _ if self.chapters.is_empty() => {
                self.finish_open();
                self.front.push((line, squeeze(text)));
                self.open = Open::Front;
            }
            _ => {
                self.finish_open();
                self.open = Open::Paragraph(OpenParagraph {
                    number: None,
                    text: squeeze(text),
                    line,
                    levels: Vec::new(),
                });
            }
        }
    }

    fn finish_open(&mut self) {
        match std::mem::replace(&mut self.open, Open::Nothing) {
            Open::HeadingTitle { label, title, line } => {
                if let Some(chapter) = self.chapters.last_mut() {
                    chapter.blocks.push(Block::Heading { label, title, line });
                }
            }
            Open::Paragraph(mut p) => {
                while p.levels.len() > 1 {
                    close_level(&mut p.levels);
                }
                let items = p.levels.pop().map(|l| l.items).unwrap_or_default();
                if let Some(chapter) = self.chapters.last_mut() {
                    chapter.blocks.push(Block::Paragraph(Paragraph {
                        number: p.number,
                        text: p.text,
                        items,
                        line: p.line,
                    }));
                }
            }
            Open::Nothing | Open::ChapterTitle | Open::Front => {}
        }
    }
}

/// Moves the innermost level's items under the last item of the level before.
fn close_level(levels: &mut Vec<Level>) {
    if let Some(inner) = levels.pop() {
        if let Some(parent) = levels.last_mut().and_then(|l| l.items.last_mut()) {
            parent.items.extend(inner.items);
        }
    }
}

/// `i`, `v`, `x` are letters after `h`, `u`, `w`, and numerals otherwise.
fn counter_of(key: &str, levels: &[Level]) -> Counter {
    if let Some((sequence, _)) = crate::language::label_in_sequence(key) {
        return Counter::Letters(sequence);
    }
    if key.chars().all(|c| c.is_ascii_digit()) {
        return Counter::Decimal;
    }
    if key.chars().all(|c| c.is_ascii_uppercase()) {
        return Counter::AlphaUpper;
    }
    let roman_shaped = roman_value(key).is_some();
    let continues_letters = levels
        .iter()
        .any(|l| l.counter == Counter::Alpha && successor(&l.last_key, Counter::Alpha) == key);
    if roman_shaped
        && !continues_letters
        && (key != "i" || !levels.iter().any(|l| l.last_key == "h"))
    {
        Counter::Roman
    } else {
        Counter::Alpha
    }
}

fn successor(key: &str, counter: Counter) -> String {
    match counter {
        Counter::Roman => roman_value(key)
            .map(|n| crate::language::roman(n + 1).to_lowercase())
            .unwrap_or_default(),
        Counter::Decimal => key
            .parse::<u32>()
            .map(|n| (n + 1).to_string())
            .unwrap_or_default(),
        Counter::Letters(sequence) => crate::language::label_in_sequence(key)
            .and_then(|(_, at)| crate::language::label_at(sequence, at + 1))
            .unwrap_or_default()
            .to_string(),
        Counter::Alpha | Counter::AlphaUpper => {
            let mut chars: Vec<char> = key.chars().collect();
            match chars.last_mut() {
                Some(c) if *c != 'z' && *c != 'Z' => {
                    *c = (*c as u8 + 1) as char;
                    chars.into_iter().collect()
                }
                _ => String::new(),
            }
        }
    }
}

fn last_text(p: &OpenParagraph) -> &str {
    fn deepest(items: &[Item]) -> Option<&str> {
        let last = items.last()?;
        Some(deepest(&last.items).unwrap_or(&last.text))
    }
    p.levels
        .iter()
        .rev()
        .find_map(|l| deepest(&l.items))
        .unwrap_or(&p.text)
}

fn last_text_mut(p: &mut OpenParagraph) -> &mut String {
    fn deepest(item: &mut Item) -> &mut String {
        if item.items.is_empty() {
            &mut item.text
        } else {
            deepest(item.items.last_mut().expect("checked non-empty"))
        }
    }
    match p.levels.iter_mut().rev().find(|l| !l.items.is_empty()) {
        Some(level) => deepest(level.items.last_mut().expect("checked non-empty")),
        None => &mut p.text,
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', ':', ';', '!', '?', '。', '：', '；', '؛', '؟'])
}

/// Joins a wrapped line to what came before it. A word broken after a
/// hyphen (`pluri-` / `institutions`) keeps its hyphen and no space.
pub(crate) fn append(to: &mut String, line: &str) {
    // Squeezed straight onto `to`: this runs for every wrapped line.
    let Some(first) = words(line).next() else {
        return;
    };
    // A soft hyphen ending a line is where a typesetter broke a word.
    if to.ends_with('\u{ad}') {
        to.pop();
    } else {
        let glued = {
            let mut rev = to.chars().rev();
            rev.next() == Some('-')
                && rev.next().is_some_and(char::is_alphabetic)
                && first.chars().next().is_some_and(char::is_lowercase)
        };
        // Chinese is written without spaces: a line wrapped next to a
        // Chinese character or a full-width sign joins without one.
        let unspaced = to.chars().next_back().is_some_and(is_unspaced)
            || first.chars().next().is_some_and(is_unspaced);
        if !to.is_empty() && !glued && !unspaced {
            to.push(' ');
        }
    }
    push_words(to, line);
}

/// The words of a line between ASCII spaces, tabs and line ends (no-break
/// spaces are part of French typography, not gaps between words).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split([' ', '\t', '\n', '\r'])
        .filter(|w| !w.is_empty())
}

/// Pushes the words of `text` onto `out`, one space between them. Most
/// lines have single spaces already and are copied whole.
fn push_words(out: &mut String, text: &str) {
    let gap = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|b| !gap(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !gap(b)).map_or(start, |i| i + 1);
    let trimmed = &text[start..end];
    let spaced_once = !trimmed.contains("  ")
        && !trimmed
            .bytes()
            .fold(false, |seen, b| seen | matches!(b, b'\t' | b'\n' | b'\r'));
    if spaced_once {
        out.push_str(trimmed);
        return;
    }
    for (i, word) in words(trimmed).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// A Chinese character or a full-width sign (`。`, `，`, `（`).
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' // CJK signs and punctuation
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
        | '\u{f900}'..='\u{faff}' // CJK compatibility ideographs
        | '\u{ff00}'..='\u{ffef}' // full-width forms
    )
}

/// Collapses runs of white space into one space and trims.
pub(crate) fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_words(&mut out, text);
    out
}

#[cfg(test)]
mod tests;

/// Lines numbered from 1, none opening a page: the input of the unit tests
/// of the line passes.
#[cfg(test)]
pub(crate) fn numbered_lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, t)| Line {
            number: i + 1,
            text: t.to_string(),
            page_start: false,
        })
        .collect()
}
