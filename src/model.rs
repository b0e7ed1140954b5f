//! The types every stage shares: a report as read, the recommendations drawn
//! from it, and the compilation built from them. Readers produce these,
//! writers consume them; nothing here knows about a file format.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A calendar date, written as ISO 8601 (`2012-05-30`) in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not an ISO date: {s}")))
    }
}

/// Key of a compilation chapter (`prevention`, `protection`, …), as the
/// manifest names it: what a classification decides and a chapter carries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChapterKey(String);

impl ChapterKey {
    pub fn new(key: impl Into<String>) -> ChapterKey {
        ChapterKey(key.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ChapterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ChapterKey {
    fn from(key: &str) -> ChapterKey {
        ChapterKey::new(key)
    }
}

/// ISO 639-1 code of a language (`fr`, `en`): the key of its table in
/// `src/language/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LanguageTag(String);

impl LanguageTag {
    pub fn new(code: impl Into<String>) -> LanguageTag {
        LanguageTag(code.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for LanguageTag {
    fn from(code: &str) -> LanguageTag {
        LanguageTag::new(code)
    }
}

/// Which paragraph of a report a recommendation is, as the compilation
/// cites it: `12`, `3 b)` for an item under a chapeau, or `line 40` for a
/// paragraph the report printed without a number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParagraphRef {
    pub paragraph: ParagraphNumber,
    /// The item's label as printed (`b)`, `(ii)`), for an item promoted to
    /// a recommendation of its own.
    pub item: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParagraphNumber {
    Number(u32),
    /// Printed without a number: cited by the line it starts on.
    Unnumbered {
        line: usize,
    },
}

impl ParagraphRef {
    pub fn number(number: u32) -> ParagraphRef {
        ParagraphRef {
            paragraph: ParagraphNumber::Number(number),
            item: None,
        }
    }

    /// The paragraph's own reference, or the line it starts on.
    pub fn of(number: Option<u32>, line: usize) -> ParagraphRef {
        ParagraphRef {
            paragraph: number.map_or(
                ParagraphNumber::Unnumbered { line },
                ParagraphNumber::Number,
            ),
            item: None,
        }
    }

    pub fn with_item(&self, label: &str) -> ParagraphRef {
        ParagraphRef {
            paragraph: self.paragraph,
            item: Some(label.to_string()),
        }
    }
}

impl fmt::Display for ParagraphRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.paragraph {
            ParagraphNumber::Number(n) => write!(f, "{n}")?,
            ParagraphNumber::Unnumbered { line } => write!(f, "line {line}")?,
        }
        match &self.item {
            Some(item) => write!(f, " {item}"),
            None => Ok(()),
        }
    }
}

impl std::str::FromStr for ParagraphRef {
    type Err = String;

    /// Reads what `Display` writes: `12`, `3 b)`, `line 40`, `line 40 a)`.
    fn from_str(s: &str) -> Result<ParagraphRef, String> {
        let digits = |t: &str| {
            (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        };
        let (paragraph, rest) = match s.strip_prefix("line ") {
            Some(rest) => {
                let (line, item) = split_item(rest);
                let line = digits(line).ok_or_else(|| bad_paragraph(s))?;
                (ParagraphNumber::Unnumbered { line }, item)
            }
            None => {
                let (number, item) = split_item(s);
                let number: usize = digits(number).ok_or_else(|| bad_paragraph(s))?;
                let number = u32::try_from(number).map_err(|_| bad_paragraph(s))?;
                (ParagraphNumber::Number(number), item)
            }
        };
        Ok(ParagraphRef {
            paragraph,
            item: rest.map(str::to_string),
        })
    }
}

fn split_item(s: &str) -> (&str, Option<&str>) {
    match s.split_once(' ') {
        Some((head, item)) => (head, Some(item)),
        None => (s, None),
    }
}

fn bad_paragraph(s: &str) -> String {
    format!("`{s}` is not a paragraph reference (`12`, `3 b)` or `line 40`)")
}

impl Serialize for ParagraphRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ParagraphRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ParagraphRef, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// One session of the body, as a report or a subheading states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// First, second, … meeting of the working group, where known.
    pub ordinal: Option<u32>,
    pub place: String,
    pub start: Date,
    pub end: Date,
}

/// The block at the top right of a UN document's first page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Masthead {
    pub symbol: Option<String>,
    /// The date as printed (`20 juin 2012`).
    pub date: Option<String>,
    /// The edition's language.
    pub language: Option<LanguageTag>,
    /// Job number without the language letter (`V.12-54101`).
    pub job_number: Option<String>,
}

/// A lettered or numbered item inside a paragraph: `a)`, `(a)`, `i)`, `(ii)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The label as printed, punctuation included (`a)`, `(i)`).
    pub label: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// Line of the source where the item starts (0 when built, not read).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub line: usize,
}

/// A paragraph of a report, numbered or not, with its sub-items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub number: Option<u32>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    pub line: usize,
}

/// What a report's chapter holds, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// `A. Title`, a heading inside a chapter (often an agenda item).
    Heading {
        label: String,
        title: String,
        line: usize,
    },
    Paragraph(Paragraph),
}

/// `I. Title` and everything up to the next chapter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chapter {
    /// Roman numeral without the point (`II`).
    pub numeral: String,
    pub title: String,
    pub line: usize,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    pub mark: String,
    pub text: String,
    pub line: usize,
}

/// A meeting report as read from its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub file: String,
    pub masthead: Masthead,
    /// The title and other lines of the first page before chapter I.
    pub front: Vec<String>,
    pub meeting: Option<Meeting>,
    pub chapters: Vec<Chapter>,
    pub footnotes: Vec<Footnote>,
}

/// Where a recommendation was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub file: String,
    /// Symbol of the report (`CTOC/COP/WG.7/2012/6`).
    pub report: String,
    /// Paragraph reference in the report (`12`, `3 b)`).
    pub paragraph: ParagraphRef,
    pub line: usize,
    /// The report's own heading the recommendation stood under, if any.
    pub heading: Option<String>,
}

/// The compilation chapter a recommendation goes to, and why, as the
/// compilation records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The compilation chapter (`section` in JSON, the name scripts know).
    #[serde(rename = "section")]
    pub chapter: ChapterKey,
    /// From 0 to 1: how sure the deciding step was.
    pub confidence: f64,
    pub reason: String,
    /// True when a person should confirm the decision.
    pub doubtful: bool,
    /// How the meeting was settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_reason: Option<String>,
}

/// One recommendation as drawn from its report: where it was read and its
/// text, sub-items already labelled for the compilation's level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub source: Provenance,
    /// The lead text, without sub-items.
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

impl Recommendation {
    /// The text with its sub-items inline after their labels: the text
    /// itself, borrowed, when it has none.
    pub fn inline_text(&self) -> Cow<'_, str> {
        match self.items.is_empty() {
            true => Cow::Borrowed(&self.text),
            false => Cow::Owned(inline_text(&self.text, &self.items)),
        }
    }
}

/// A paragraph's text with its sub-items inline after their labels, as a
/// classifier reads it or a diff compares it.
pub fn inline_text(text: &str, items: &[Item]) -> String {
    let mut out = text.to_string();
    push_items_inline(&mut out, items);
    out
}

fn push_items_inline(out: &mut String, items: &[Item]) {
    for item in items {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&item.label);
        out.push(' ');
        out.push_str(&item.text);
        push_items_inline(out, &item.items);
    }
}

/// The chapter decided for one recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub chapter: ChapterKey,
    /// From 0 to 1: how sure the deciding step was.
    pub confidence: f64,
    pub reason: String,
    /// True when a person should confirm the decision.
    pub doubtful: bool,
}

/// A recommendation with its chapter decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    pub recommendation: Recommendation,
    pub decision: Decision,
}

/// The classified recommendations of one meeting (a report, or a
/// subheading of a base edition): the meeting is settled once for all.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRecommendations {
    /// The meeting, its ordinal settled.
    pub meeting: Meeting,
    /// How the meeting was settled.
    pub meeting_reason: String,
    pub recommendations: Vec<Classified>,
}

impl MeetingRecommendations {
    /// How many decisions a person should confirm.
    pub fn doubtful(&self) -> usize {
        self.recommendations
            .iter()
            .filter(|c| c.decision.doubtful)
            .count()
    }
}

/// The first page of the compilation: everything above the introduction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrontMatter {
    /// `Nations Unies`.
    pub organization: String,
    pub symbol: String,
    /// `Distr. générale`.
    pub distribution: String,
    /// Date as printed (`20 août 2015`).
    pub date: String,
    /// Further lines of the distribution block (`Français`, `Original: anglais`).
    pub distribution_lines: Vec<String>,
    /// Job number without language letter (`V.15-06043`).
    pub job_number: String,
    /// Language letter printed after the job number on page one (`F`).
    pub job_language: String,
    /// The body and the meeting (`Conférence des Parties …`, `Groupe de travail …`, `Vienne, 18-20 novembre 2015`).
    pub body: Vec<String>,
    /// `Point 2 de l’ordre du jour provisoire`; the writers add the asterisk.
    pub agenda_item: String,
    pub agenda_title: String,
    /// Text of the asterisk's footnote (`CTOC/COP/WG.7/2015/1.`).
    pub agenda_footnote: String,
    pub title: String,
    pub subtitle: String,
}

/// A numbered paragraph of the compilation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberedParagraph {
    pub number: u32,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// Where the recommendation came from; none for the introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
}

impl NumberedParagraph {
    /// The text with its sub-items inline after their labels.
    pub fn inline_text(&self) -> String {
        inline_text(&self.text, &self.items)
    }
}

/// `A. Recommandations adoptées … à sa première réunion, …` and its paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingGroup {
    /// `A`, `B`, …
    pub letter: String,
    pub title: String,
    pub meeting: Meeting,
    pub paragraphs: Vec<NumberedParagraph>,
}

/// A chapter of the compilation (`II. Recommandations relatives à …`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompiledChapter {
    pub key: ChapterKey,
    pub numeral: String,
    pub title: String,
    pub groups: Vec<MeetingGroup>,
}

/// A recommendation whose classification a person should confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doubt {
    pub number: u32,
    pub source: Provenance,
    pub classification: Classification,
}

/// The consolidated document: what every writer renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compilation {
    pub language: LanguageTag,
    pub front: FrontMatter,
    /// `I. Introduction` and its numbered paragraphs.
    pub introduction: IntroductionChapter,
    pub chapters: Vec<CompiledChapter>,
    pub meetings: Vec<Meeting>,
    #[serde(default)]
    pub review: Vec<Doubt>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntroductionChapter {
    pub numeral: String,
    pub title: String,
    pub paragraphs: Vec<NumberedParagraph>,
}

/// The compilation as a flat run of blocks, in reading order: what a page
/// writer walks through.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DocBlock<'a> {
    Chapter { numeral: &'a str, title: &'a str },
    Subheading { letter: &'a str, title: &'a str },
    Paragraph(&'a NumberedParagraph),
}

impl Compilation {
    pub fn blocks(&self) -> Vec<DocBlock<'_>> {
        let mut out = vec![DocBlock::Chapter {
            numeral: &self.introduction.numeral,
            title: &self.introduction.title,
        }];
        out.extend(self.introduction.paragraphs.iter().map(DocBlock::Paragraph));
        for chapter in &self.chapters {
            out.push(DocBlock::Chapter {
                numeral: &chapter.numeral,
                title: &chapter.title,
            });
            for group in &chapter.groups {
                out.push(DocBlock::Subheading {
                    letter: &group.letter,
                    title: &group.title,
                });
                out.extend(group.paragraphs.iter().map(DocBlock::Paragraph));
            }
        }
        out
    }

    /// Every numbered paragraph, introduction first, in document order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &NumberedParagraph> {
        self.introduction.paragraphs.iter().chain(
            self.chapters
                .iter()
                .flat_map(|c| c.groups.iter().flat_map(|g| g.paragraphs.iter())),
        )
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
