//! Language tables: the words, date forms and patterns of each language the
//! secretariat publishes in. The tables are data (`fr.toml`, `en.toml`), so a
//! new language means a new file, not new code.

mod rule;

use crate::model::{Date, LanguageTag};
pub use crate::parse::line::Counter;
use regex::Regex;
pub use rule::HeadingRule;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Deserialize)]
pub struct ItemLevel {
    /// `alpha` (a, b, …), `alpha_upper` (A, B, …), `roman` (i, ii, …),
    /// `decimal` (1, 2, …) or `letters` (the level's own, in `letters`).
    #[serde(deserialize_with = "counter_style")]
    pub style: Counter,
    /// Where the letter goes: `{})` gives `a)`, `({})` gives `(a)`.
    pub format: String,
    /// The labels in order, for `letters`: Cyrillic `а`, `б`, `в`, Arabic
    /// `أ`, `ب`, `ج`, Chinese `一`, `二`, `三`.
    #[serde(default)]
    pub letters: Vec<String>,
}

impl ItemLevel {
    /// The label of the `index`-th (from 0) item of this level: `(c)`,
    /// `iv)`, `(三)`; past the last of its own letters, they double.
    pub(crate) fn label(&self, index: usize) -> String {
        let key = if self.letters.is_empty() {
            counter(self.style, index)
        } else {
            let n = self.letters.len();
            self.letters[index % n].repeat(index / n + 1)
        };
        self.format.replace("{}", &key)
    }
}

/// Every level of item labels the tables know, each once with the
/// shallowest depth (from 0) a table gives it, the shallowest first: `a)`,
/// `(a)`, `а)`, `(أ)` open lists, `i)`, `(一)`, `‘1’` come under them.
pub(crate) fn item_levels() -> &'static [(usize, &'static ItemLevel)] {
    static LEVELS: OnceLock<Vec<(usize, &'static ItemLevel)>> = OnceLock::new();
    LEVELS.get_or_init(|| {
        let mut out: Vec<(usize, &'static ItemLevel)> = Vec::new();
        for language in all() {
            for (depth, level) in language.item_labels.iter().enumerate() {
                let same = |l: &ItemLevel| {
                    l.style == level.style && l.format == level.format && l.letters == level.letters
                };
                match out.iter_mut().find(|(_, l)| same(l)) {
                    Some((d, _)) => *d = (*d).min(depth),
                    None => out.push((depth, level)),
                }
            }
        }
        out.sort_by_key(|(depth, _)| *depth);
        out
    })
}

/// `II.`, `5.`, or in a language whose table says so `ألف-`, `5-`; the
/// point without a language.
pub fn marked(language: Option<&Language>, number: &str) -> String {
    match language {
        Some(l) => l.marked(number),
        None => format!("{number}."),
    }
}

fn full_stop() -> String {
    ".".to_string()
}

fn counter_style<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Counter, D::Error> {
    match String::deserialize(d)?.as_str() {
        "alpha" => Ok(Counter::Alpha),
        "alpha_upper" => Ok(Counter::AlphaUpper),
        "roman" => Ok(Counter::Roman),
        "decimal" => Ok(Counter::Decimal),
        // Which sequence is the parser's business; a table's level has its
        // letters beside the style.
        "letters" => Ok(Counter::Letters(0)),
        other => Err(serde::de::Error::custom(format!(
            "unknown label style `{other}` (alpha, alpha_upper, roman, decimal, letters)"
        ))),
    }
}

/// A chapter of a compilation as a language's table proposes it, for
/// reports read without a manifest.
#[derive(Debug, Clone, Deserialize)]
struct ChapterTable {
    key: String,
    title: String,
    #[serde(default)]
    headings: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
}

/// A built-in chapter with its heading patterns compiled.
#[derive(Debug, Clone)]
pub struct DefaultChapter {
    pub key: String,
    pub title: String,
    pub headings: Vec<HeadingRule>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Table {
    code: String,
    whatlang: String,
    name: String,
    job_letter: String,
    months: Vec<String>,
    ordinals: Vec<String>,
    first_day: String,
    superscript_ordinals: Vec<String>,
    date_single: String,
    date_two_days: String,
    date_same_month: String,
    date_same_year: String,
    date_span: String,
    meeting_heading: String,
    item_labels: Vec<ItemLevel>,
    recommendations_chapter: String,
    chapeau: String,
    introduction_title: String,
    meeting_place: String,
    meeting_ordinal: String,
    word_tag: String,
    list_endings: Vec<String>,
    stop_words: Vec<String>,
    chapters: Vec<ChapterTable>,
    /// A date as the language writes it, `{months}` standing for the month
    /// names; groups `d`, `m`, `y`. Without it: `30 mai 2012`, `1er juin`.
    #[serde(default)]
    date_token: Option<String>,
    /// The ordinals' other grammatical forms, read but never written
    /// (Russian `первое совещание` beside the heading's `первом совещании`).
    #[serde(default)]
    ordinal_forms: Vec<Vec<String>>,
    /// Chapter numerals spelled out (Arabic `أولاً`, Chinese `一`), where the
    /// language does not use roman numerals.
    #[serde(default)]
    chapter_numerals: Vec<String>,
    /// Heading letters spelled out (Arabic `ألف`, `باء`), where the
    /// language does not use A, B, C.
    #[serde(default)]
    heading_letters: Vec<String>,
    /// The hyphenation patterns of the language, by the BCP 47 tag the
    /// `hyphenation` crate knows them by (`en-gb`); none for a language
    /// whose words are not hyphenated.
    #[serde(default)]
    hyphenation: Option<String>,
    /// Written right to left (Arabic): paragraphs laid out from the right.
    #[serde(default)]
    right_to_left: bool,
    /// The full stop that ends a list item made a sentence (`。` in Chinese).
    #[serde(default = "full_stop")]
    full_stop: String,
    /// What closes a chapter numeral, a heading letter and a paragraph
    /// number before its tab: `.` (`II.`, `A.`, `5.`), or the dash of
    /// Arabic documents (`أولاً-`, `ألف-`, `5-`).
    #[serde(default = "full_stop")]
    number_mark: String,
}

#[derive(Debug)]
pub struct Language {
    pub code: LanguageTag,
    /// The code `whatlang` knows the language by (ISO 639-3).
    pub whatlang: String,
    pub name: String,
    pub job_letter: String,
    pub introduction_title: String,
    pub meeting_heading: String,
    pub item_labels: Vec<ItemLevel>,
    months: Vec<String>,
    ordinals: Vec<String>,
    ordinal_forms: Vec<Vec<String>>,
    chapter_numerals: Vec<String>,
    heading_letters: Vec<String>,
    first_day: String,
    superscript_ordinals: Vec<String>,
    date_single: String,
    date_two_days: String,
    date_same_month: String,
    date_same_year: String,
    date_span: String,
    pub recommendations_chapter: LazyRegex,
    pub chapeau: LazyRegex,
    pub meeting_place: LazyRegex,
    pub meeting_ordinal: LazyRegex,
    day_token: LazyRegex,
    /// The tag Word wants on the text for spelling and hyphenation (`fr-FR`).
    pub word_tag: String,
    /// How the last-but-one item of a list ends (`; et`), besides `;`.
    pub list_endings: Vec<String>,
    full_stop: String,
    number_mark: String,
    /// The tag of the language's hyphenation patterns (`en-gb`), if any.
    pub hyphenation: Option<String>,
    /// Written right to left: paragraphs start at the right margin, and
    /// Latin symbols and numbers are embedded in the right-to-left text.
    pub right_to_left: bool,
    /// Words too common in recommendations to say anything about a chapter.
    pub stop_words: Vec<String>,
    chapter_tables: Vec<ChapterTable>,
    /// The chapters with their heading patterns compiled, on first use:
    /// a run needs those of one language at most.
    chapters: OnceLock<Vec<DefaultChapter>>,
    /// Set once `prepare_aside` has given the patterns to the spare cores.
    preparing: std::sync::atomic::AtomicBool,
}

/// Each table with its language's code: a run reads the tables it asks
/// for, not every one (`table_codes_are_their_own` checks the codes).
const TABLES: [(&str, &str); 6] = [
    ("fr", include_str!("fr.toml")),
    ("en", include_str!("en.toml")),
    ("es", include_str!("es.toml")),
    ("ru", include_str!("ru.toml")),
    ("ar", include_str!("ar.toml")),
    ("zh", include_str!("zh.toml")),
];

/// A built-in pattern, compiled the first time it is used: a run reads
/// reports in one or two languages, and compiling every language's
/// patterns would cost more than reading a report.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
    /// The pattern without its word boundaries, if it has any.
    loose: OnceLock<Option<Regex>>,
    /// How many texts `may_match` was asked about.
    asked: std::sync::atomic::AtomicUsize,
    /// The pattern compiled without automata of states (see `few_texts`).
    without_states: OnceLock<regex_automata::meta::Regex>,
}

/// `may_match` builds the loose pattern only once asked about this many
/// texts: a short report is searched faster than the pattern compiles.
const LOOSE_AFTER: usize = 256;

impl LazyRegex {
    fn new(pattern: String) -> LazyRegex {
        LazyRegex {
            pattern,
            compiled: OnceLock::new(),
            loose: OnceLock::new(),
            asked: std::sync::atomic::AtomicUsize::new(0),
            without_states: OnceLock::new(),
        }
    }

    /// The pattern for searching a few short texts: compiled without the
    /// automata that search long texts fast (a reverse automaton to build,
    /// states worked out during the search), which cost more than they
    /// save on a paragraph or two; the same matches.
    pub fn few_texts(&self) -> &regex_automata::meta::Regex {
        self.without_states.get_or_init(|| {
            let config = regex_automata::meta::Config::new().hybrid(false).dfa(false);
            regex_automata::meta::Regex::builder()
                .configure(config)
                .build(&self.pattern)
                .expect("built-in language pattern is valid")
        })
    }

    /// False when the pattern surely has no match in `text`. A word
    /// boundary (`\b`) in text that is not all ASCII makes a pattern slow
    /// to search; without its boundaries it is searched fast and matches
    /// wherever the pattern does, so a text it does not match needs no
    /// other search.
    pub fn may_match(&self, text: &str) -> bool {
        let asked = self
            .asked
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        asked < LOOSE_AFTER || self.loosely_matches(text)
    }

    /// Whether the pattern without its word boundaries matches `text`.
    fn loosely_matches(&self, text: &str) -> bool {
        let loose = self.loose.get_or_init(|| {
            // An escaped backslash would make `\b` ambiguous: not tried.
            let plain = self.pattern.contains(r"\b") && !self.pattern.contains(r"\\");
            plain.then(|| {
                Regex::new(&self.pattern.replace(r"\b", ""))
                    .expect("built-in language pattern is valid")
            })
        });
        loose.as_ref().is_none_or(|l| l.is_match(text))
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled
            .get_or_init(|| Regex::new(&self.pattern).expect("built-in language pattern is valid"))
    }
}

/// The `i`th table, read on first use. Loading a manifest needs its own
/// language's alone; what every language is asked (stop words, month
/// names, list labels) is read later, while reports are read on every core.
fn table(i: usize) -> &'static Language {
    static LANGUAGES: [OnceLock<Language>; TABLES.len()] =
        [const { OnceLock::new() }; TABLES.len()];
    LANGUAGES[i].get_or_init(|| {
        let table: Table = toml::from_str(TABLES[i].1).expect("built-in language table is valid");
        Language::from_table(table)
    })
}

fn all() -> impl Iterator<Item = &'static Language> {
    (0..TABLES.len()).map(table)
}

/// The table for an ISO 639-1 code, if recueil knows the language.
pub fn get(code: &str) -> Option<&'static Language> {
    TABLES.iter().position(|&(c, _)| c == code).map(table)
}

/// The language assumed where nothing says which: the first table's.
pub fn fallback() -> &'static Language {
    table(0)
}

/// Codes of every known language.
pub fn codes() -> Vec<&'static str> {
    TABLES.iter().map(|&(code, _)| code).collect()
}

/// The language of a text, told by `whatlang` from the words themselves
/// (for reports that lost their masthead): one recueil has a table for,
/// or none when the text is too short or in another language.
pub(crate) fn guess(text: &str) -> Option<&'static Language> {
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if words < 3 {
        return None;
    }
    let found = whatlang::detect(text)?.lang().code();
    all().find(|l| l.whatlang == found)
}

/// Whether a word is a stop word in any known language: a model learns
/// from editions whose language it is not told.
pub(crate) fn is_stop_word(word: &str) -> bool {
    // Asked for every word of every text the model reads: one lookup, not
    // a walk through every language's list.
    static ALL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    ALL.get_or_init(|| {
        all()
            .flat_map(|l| l.stop_words.iter().map(String::as_str))
            .collect()
    })
    .contains(word)
}

/// Year, month and day of a date as a masthead prints it (`20 août 2015`,
/// `20 August 2015`, `1er juin 2012`), in any known language.
pub(crate) fn printed_date(s: &str) -> Option<Date> {
    let (mut day, mut month, mut year) = (None, None, None);
    for word in s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        let digits: String = word.chars().take_while(|c| c.is_ascii_digit()).collect();
        if let Some(m) = all().find_map(|l| l.month_number(word)) {
            month = Some(m);
        } else if digits.len() == 4 {
            year = digits.parse().ok();
        } else if (1..=2).contains(&digits.len()) {
            day = digits.parse().ok();
        }
    }
    Date::new(year?, month?, day?)
}

/// The language whose name (`Français`) or job letter (`F`) this is.
pub(crate) fn by_name_or_letter(word: &str) -> Option<&'static Language> {
    all().find(|l| l.name.eq_ignore_ascii_case(word) || l.job_letter == word)
}

impl Language {
    fn from_table(t: Table) -> Language {
        let months = t
            .months
            .iter()
            .map(|m| regex::escape(m))
            .collect::<Vec<_>>()
            .join("|");
        let token = t.date_token.as_deref().unwrap_or(
            r"(?i)\b(?P<d>\d{1,2})(?:er|st|nd|rd|th)?(?:\s+(?P<m>{months}))?(?:\s+(?P<y>\d{4}))?",
        );
        Language {
            day_token: LazyRegex::new(token.replace("{months}", &months)),
            recommendations_chapter: LazyRegex::new(t.recommendations_chapter),
            chapeau: LazyRegex::new(t.chapeau),
            meeting_place: LazyRegex::new(t.meeting_place),
            meeting_ordinal: LazyRegex::new(t.meeting_ordinal),
            chapter_tables: t.chapters,
            chapters: OnceLock::new(),
            preparing: std::sync::atomic::AtomicBool::new(false),
            word_tag: t.word_tag,
            list_endings: t.list_endings,
            full_stop: t.full_stop,
            number_mark: t.number_mark,
            hyphenation: t.hyphenation,
            right_to_left: t.right_to_left,
            stop_words: t.stop_words,
            code: LanguageTag::new(t.code),
            whatlang: t.whatlang,
            name: t.name,
            job_letter: t.job_letter,
            introduction_title: t.introduction_title,
            meeting_heading: t.meeting_heading,
            item_labels: t.item_labels,
            months: t.months,
            ordinals: t.ordinals,
            ordinal_forms: t.ordinal_forms,
            chapter_numerals: t.chapter_numerals,
            heading_letters: t.heading_letters,
            first_day: t.first_day,
            superscript_ordinals: t.superscript_ordinals,
            date_single: t.date_single,
            date_two_days: t.date_two_days,
            date_same_month: t.date_same_month,
            date_same_year: t.date_same_year,
            date_span: t.date_span,
        }
    }

    /// The patterns a report's meeting is read with, at the end of its
    /// parse, and those its recommendations are then found with: the
    /// meeting's place and dates alone take most of the compiling.
    fn prepare_meeting(&self) {
        self.meeting_ordinal.few_texts();
        self.meeting_place.few_texts();
        for pattern in [&self.recommendations_chapter, &self.chapeau] {
            // Reaching the pattern compiles it.
            let _compiled: &Regex = pattern;
        }
        self.chapters();
    }

    /// The pattern a report's parse needs first, for the date of its
    /// masthead, compiled on the calling thread unless it was already.
    pub(crate) fn prepare_dates(&self) {
        self.day_token.few_texts();
    }

    /// Compiles the patterns on the spare cores, unless that was asked
    /// already: whoever learns the language first (the manifest, a
    /// report's running foot) asks, and only once. Compiling them takes
    /// longer than reading the text and parsing it up to its meeting: the
    /// longest is begun first, and the date the parse needs first is
    /// compiled beside it, unless a thread that would otherwise wait has
    /// compiled it already (`prepare_dates`).
    pub(crate) fn prepare_aside(&'static self) {
        use std::sync::atomic::Ordering;
        if !self.preparing.swap(true, Ordering::Relaxed) {
            rayon::spawn(move || self.prepare_meeting());
            if self.day_token.without_states.get().is_none() {
                rayon::spawn(move || self.prepare_dates());
            }
        }
    }

    /// The chapters the table proposes, with their heading patterns.
    pub fn chapters(&self) -> &[DefaultChapter] {
        self.chapters.get_or_init(|| {
            self.chapter_tables
                .iter()
                .map(|c| DefaultChapter {
                    headings: c
                        .headings
                        .iter()
                        .map(|h| HeadingRule::new(h).expect("built-in language pattern is valid"))
                        .collect(),
                    key: c.key.clone(),
                    title: c.title.clone(),
                    keywords: c.keywords.clone(),
                })
                .collect()
        })
    }

    /// `2` → `deuxième`.
    pub(crate) fn ordinal_word(&self, n: u32) -> Option<&str> {
        self.ordinals
            .get((n as usize).checked_sub(1)?)
            .map(String::as_str)
    }

    /// A chapter's numeral: the table's own (`二`), else roman (`II`).
    pub(crate) fn chapter_numeral(&self, n: u32) -> String {
        match self.chapter_numerals.get((n as usize).wrapping_sub(1)) {
            Some(numeral) => numeral.clone(),
            None => roman(n),
        }
    }

    /// The letter of the heading at `index` from 0: the table's own
    /// (`باء`), else `B`.
    pub(crate) fn heading_letter(&self, index: usize) -> String {
        match self.heading_letters.get(index) {
            Some(letter) => letter.clone(),
            None => counter(Counter::AlphaUpper, index),
        }
    }

    /// A numeral, letter or paragraph number as the text prints it before
    /// its tab: `II.`, `5.`, Arabic `ألف-`, `5-`.
    pub fn marked(&self, number: &str) -> String {
        format!("{number}{}", self.number_mark)
    }

    /// `deuxième` → `2`, in any of the ordinal's forms.
    pub(crate) fn ordinal_number(&self, word: &str) -> Option<u32> {
        let word = word.to_lowercase();
        let same = |o: &String| o.to_lowercase() == word;
        self.ordinals
            .iter()
            .position(same)
            .or_else(|| self.ordinal_forms.iter().position(|f| f.iter().any(same)))
            .map(|i| i as u32 + 1)
    }

    /// Byte ranges, in `text`, of the letters of abbreviated ordinals that
    /// the language sets in superscript: `er` in `au 1er juin`. A word
    /// counts when it is a number and one of the table's endings, whatever
    /// punctuation closes it or a parenthesis opens it.
    pub fn superscript_spans(&self, text: &str) -> Vec<Range<usize>> {
        let mut spans = Vec::new();
        // An ordinal starts with a digit: most text has none to look at.
        if self.superscript_ordinals.is_empty() || !text.bytes().any(|b| b.is_ascii_digit()) {
            return spans;
        }
        for (start, word) in words(text) {
            let lead = word.len() - word.trim_start_matches(['(', '«']).len();
            let core = word[lead..].trim_end_matches([',', ';', ':', '.', ')', '»', '!', '?']);
            let digits = core.len() - core.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let ending = &core[digits..];
            if digits > 0 && self.superscript_ordinals.iter().any(|e| e == ending) {
                let from = start + lead + digits;
                spans.push(from..from + ending.len());
            }
        }
        spans
    }

    /// Whether `word` is the name of a month, in any case.
    pub(crate) fn is_month(&self, word: &str) -> bool {
        self.month_number(word).is_some()
    }

    fn month_number(&self, word: &str) -> Option<u32> {
        let word = word.to_lowercase();
        self.months
            .iter()
            .position(|m| m.to_lowercase() == word)
            .map(|i| i as u32 + 1)
    }

    fn day(&self, d: &Date) -> String {
        if d.day == 1 {
            self.first_day.clone()
        } else {
            d.day.to_string()
        }
    }

    /// The dates of a meeting as a subheading prints them (`du 30 mai au 1er juin 2012`).
    pub(crate) fn date_range(&self, start: Date, end: Date) -> String {
        let template = if start == end {
            &self.date_single
        } else if start.year != end.year {
            &self.date_span
        } else if start.month != end.month {
            &self.date_same_year
        } else if end.day == start.day + 1 {
            // Two days are named, not spanned: `les 6 et 7 novembre 2015`.
            &self.date_two_days
        } else {
            &self.date_same_month
        };
        let month = |d: &Date| self.months[d.month as usize - 1].clone();
        template
            .replace("{d1}", &self.day(&start))
            .replace("{m1}", &month(&start))
            .replace("{y1}", &start.year.to_string())
            .replace("{d2}", &self.day(&end))
            .replace("{m2}", &month(&end))
            .replace("{y2}", &end.year.to_string())
    }

    /// Reads `du 30 mai au 1er juin 2012`, `from 11 to 13 November 2013`,
    /// `le 14 juillet 2015` or `2012年5月30日至6月1日`: a missing month or
    /// year is the other date's.
    pub(crate) fn parse_date_range(&self, text: &str) -> Option<(Date, Date)> {
        let mut tokens: Vec<(u32, Option<u32>, Option<i32>)> = Vec::new();
        // Dates are read in a few lines of a report.
        for c in self.day_token.few_texts().captures_iter(text) {
            let group = |name| c.get_group_by_name(name).map(|span| &text[span]);
            let day = group("d")?.parse().ok()?;
            let month = match group("m") {
                Some(m) => Some(self.month_number(m)?),
                None => None,
            };
            let year = group("y").and_then(|y| y.parse().ok());
            tokens.push((day, month, year));
        }
        if tokens.is_empty() || tokens.len() > 2 {
            return None;
        }
        let (first, last) = (tokens[0], *tokens.last()?);
        let end = Date::new(last.2.or(first.2)?, last.1.or(first.1)?, last.0)?;
        let start = Date::new(
            first.2.unwrap_or(end.year),
            first.1.unwrap_or(end.month),
            first.0,
        )?;
        (start <= end).then_some((start, end))
    }

    /// The subheading of a meeting's recommendations in a compilation.
    pub(crate) fn meeting_heading(
        &self,
        ordinal: u32,
        place: &str,
        start: Date,
        end: Date,
    ) -> Option<String> {
        Some(
            self.meeting_heading
                .replace("{ordinal}", self.ordinal_word(ordinal)?)
                .replace("{place}", place)
                .replace("{dates}", &self.date_range(start, end)),
        )
    }

    /// Label of the `index`-th (from 0) sub-item at `depth` (from 1).
    pub(crate) fn item_label(&self, depth: usize, index: usize) -> String {
        self.item_labels[(depth.max(1) - 1).min(self.item_labels.len() - 1)].label(index)
    }

    /// A list item's text made a sentence of its own: `;` or `; et` becomes
    /// a full stop (`؛` an Arabic one, `；` a Chinese `。`).
    pub(crate) fn close_sentence(&self, text: &mut String) {
        let trimmed = text.trim_end();
        let endings = self.list_endings.iter().map(String::as_str).chain([";"]);
        for ending in endings {
            if let Some(stem) = trimmed.strip_suffix(ending) {
                *text = format!("{stem}{}", self.full_stop);
                return;
            }
        }
    }
}

/// The words of `text` between any spaces (no-break ones included), each
/// with its byte offset.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split(char::is_whitespace).map(move |word| {
        let start = at;
        at += word.len()
            + text[start + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        (start, word)
    })
}

/// `0` → `a`/`i`/`A`/`1` in the given style; past `z`, letters double (`aa`).
/// A level of `letters` is labelled from its own list (`item_label`).
pub fn counter(style: Counter, index: usize) -> String {
    match style {
        Counter::Roman => roman(index as u32 + 1).to_lowercase(),
        Counter::AlphaUpper => alpha(index).to_uppercase(),
        Counter::Decimal => (index + 1).to_string(),
        Counter::Alpha | Counter::Letters(_) => alpha(index),
    }
}

/// Every sequence of sub-item labels a table spells out, each once.
fn sequences() -> &'static [Vec<String>] {
    static SEQUENCES: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    SEQUENCES.get_or_init(|| {
        let mut out: Vec<Vec<String>> = Vec::new();
        for level in all().flat_map(|l| &l.item_labels) {
            if !level.letters.is_empty() && !out.contains(&level.letters) {
                out.push(level.letters.clone());
            }
        }
        out
    })
}

/// The sequence a spelled-out label belongs to and its place in it
/// (`в` → Cyrillic, 2).
pub(crate) fn label_in_sequence(key: &str) -> Option<(usize, usize)> {
    sequences()
        .iter()
        .enumerate()
        .find_map(|(s, letters)| Some((s, letters.iter().position(|l| l == key)?)))
}

/// The label at `index` of sequence `sequence`.
pub(crate) fn label_at(sequence: usize, index: usize) -> Option<&'static str> {
    Some(sequences().get(sequence)?.get(index)?.as_str())
}

/// Words a line may open with, by their first character, longest first:
/// every line is asked whether it opens with one, and nearly none does, so
/// only the words sharing its first character are tried.
struct Prefixes {
    by_first: Vec<(char, Vec<&'static str>)>,
    /// Whether any word starts with an ASCII character: none of the
    /// tables' does, and a line that does is then ruled out at once.
    ascii: bool,
}

impl Prefixes {
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> Prefixes
    where
        'a: 'static,
    {
        let mut by_first: Vec<(char, Vec<&'static str>)> = Vec::new();
        for word in words {
            let Some(first) = word.chars().next() else {
                continue;
            };
            match by_first.iter_mut().find(|(c, _)| *c == first) {
                Some((_, group)) => group.push(word),
                None => by_first.push((first, vec![word])),
            }
        }
        for (_, group) in &mut by_first {
            group.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        by_first.sort_by_key(|(c, _)| *c);
        let ascii = by_first.iter().any(|(c, _)| c.is_ascii());
        Prefixes { by_first, ascii }
    }

    fn longest(&self, text: &str) -> Option<&'static str> {
        if !self.ascii && text.as_bytes().first().is_some_and(u8::is_ascii) {
            return None;
        }
        let first = text.chars().next()?;
        let at = self
            .by_first
            .binary_search_by_key(&first, |(c, _)| *c)
            .ok()?;
        self.by_first[at]
            .1
            .iter()
            .copied()
            .find(|w| text.starts_with(w))
    }
}

/// The longest spelled-out label `text` starts with (`هـ` rather than `ه`).
pub(crate) fn label_prefix(text: &str) -> Option<&'static str> {
    static LABELS: OnceLock<Prefixes> = OnceLock::new();
    LABELS
        .get_or_init(|| Prefixes::new(sequences().iter().flatten()))
        .longest(text)
}

/// Whether `key` is the first label of a list (`a`, `i`, `A`, `а`, `أ`).
pub(crate) fn is_first_label(key: &str) -> bool {
    matches!(key, "a" | "i" | "A" | "1") || label_in_sequence(key).is_some_and(|(_, i)| i == 0)
}

/// The value of a chapter numeral: roman, or spelled out by a table.
pub(crate) fn chapter_number(token: &str) -> Option<u32> {
    roman_value(token).or_else(|| {
        all().find_map(|l| {
            let at = l.chapter_numerals.iter().position(|n| n == token)?;
            Some(at as u32 + 1)
        })
    })
}

/// The place of a heading letter from 0: `A` → 0, `باء` → 1.
pub(crate) fn heading_index(token: &str) -> Option<u32> {
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_uppercase() {
            return Some(c as u32 - 'A' as u32);
        }
    }
    all().find_map(|l| {
        let at = l.heading_letters.iter().position(|n| n == token)?;
        Some(at as u32)
    })
}

/// The longest chapter numeral or heading letter spelled out by a table
/// that `text` starts with.
pub(crate) fn numeral_prefix(text: &str) -> Option<&'static str> {
    static NUMERALS: OnceLock<Prefixes> = OnceLock::new();
    NUMERALS
        .get_or_init(|| {
            Prefixes::new(all().flat_map(|l| l.chapter_numerals.iter().chain(&l.heading_letters)))
        })
        .longest(text)
}

fn alpha(index: usize) -> String {
    let letter = (b'a' + (index % 26) as u8) as char;
    letter.to_string().repeat(index / 26 + 1)
}

/// Digits of roman numerals, largest first, subtractive pairs included.
const ROMAN_DIGITS: &[(u32, &str)] = &[
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// The longest numeral up to 3999 (`MMMDCCCLXXXVIII`) has 15 letters.
const ROMAN_MAX_LEN: usize = 15;

/// Upper-case roman numeral of 1 to 3999.
pub(crate) fn roman(n: u32) -> String {
    let mut buffer = [0u8; ROMAN_MAX_LEN + 1];
    match roman_into(n, &mut buffer) {
        Some(numeral) => numeral.to_string(),
        // Past 3999 the thousands simply repeat.
        None => {
            let mut out = "M".repeat((n / 1000) as usize);
            out.push_str(roman_into(n % 1000, &mut buffer).unwrap_or(""));
            out
        }
    }
}

/// Writes the numeral of `n` (1 to 3999) into `buffer`, without allocating.
fn roman_into(mut n: u32, buffer: &mut [u8; ROMAN_MAX_LEN + 1]) -> Option<&str> {
    if n > 3999 {
        return None;
    }
    let mut len = 0;
    for &(value, digits) in ROMAN_DIGITS {
        while n >= value {
            buffer[len..len + digits.len()].copy_from_slice(digits.as_bytes());
            len += digits.len();
            n -= value;
        }
    }
    std::str::from_utf8(&buffer[..len]).ok()
}

/// Value of a roman numeral (either case), if it is one: 1 to 3999 in its
/// one canonical spelling (`XIV`, not `XIIII`). Read in one pass, without
/// allocating: the parser asks this of every label and heading numeral.
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    // The letters as upper case, as `str::to_uppercase` would give them
    // (`ı` is an `I`), into a buffer as long as the longest numeral.
    let mut letters = [0u8; ROMAN_MAX_LEN + 1];
    let mut len = 0;
    for c in s.chars().flat_map(char::to_uppercase) {
        if len == ROMAN_MAX_LEN || !matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M') {
            return None;
        }
        letters[len] = c as u8;
        len += 1;
    }
    let letters = &letters[..len];
    let digit = |b: u8| match b {
        b'I' => 1,
        b'V' => 5,
        b'X' => 10,
        b'L' => 50,
        b'C' => 100,
        b'D' => 500,
        _ => 1000,
    };
    let mut value: i64 = 0;
    for (i, &b) in letters.iter().enumerate() {
        let d = digit(b);
        match letters.get(i + 1) {
            Some(&next) if digit(next) > d => value -= d,
            _ => value += d,
        }
    }
    let value = u32::try_from(value)
        .ok()
        .filter(|v| (1..=3999).contains(v))?;
    // Only the canonical spelling counts: it reads back to the same letters.
    let mut canonical = [0u8; ROMAN_MAX_LEN + 1];
    (roman_into(value, &mut canonical)?.as_bytes() == letters).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_codes_are_their_own() {
        for (i, &(code, _)) in TABLES.iter().enumerate() {
            assert_eq!(table(i).code.as_str(), code);
        }
        assert_eq!(get("ru").map(|l| l.code.as_str()), Some("ru"));
        assert!(get("de").is_none());
    }

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn every_built_in_pattern_compiles() {
        // Patterns are compiled when first used: a bad one must fail here,
        // not in the middle of a run.
        for l in all() {
            let chapters = l.chapter_tables.iter().flat_map(|c| &c.headings);
            for p in [
                &l.day_token,
                &l.recommendations_chapter,
                &l.chapeau,
                &l.meeting_place,
                &l.meeting_ordinal,
            ]
            .into_iter()
            .map(|p| &p.pattern)
            .chain(chapters)
            {
                assert!(Regex::new(p).is_ok(), "{}: {p}", l.code);
            }
        }
    }

    #[test]
    fn french_date_ranges_round_trip() {
        let fr = get("fr").unwrap();
        for (text, start, end) in [
            ("du 30 mai au 1er juin 2012", d(2012, 5, 30), d(2012, 6, 1)),
            (
                "du 11 au 13 novembre 2013",
                d(2013, 11, 11),
                d(2013, 11, 13),
            ),
            ("le 14 juillet 2015", d(2015, 7, 14), d(2015, 7, 14)),
            (
                "du 30 décembre 2012 au 2 janvier 2013",
                d(2012, 12, 30),
                d(2013, 1, 2),
            ),
        ] {
            assert_eq!(fr.parse_date_range(text), Some((start, end)), "{text}");
            assert_eq!(fr.date_range(start, end), text);
        }
    }

    #[test]
    fn english_date_ranges_round_trip() {
        let en = get("en").unwrap();
        for (text, start, end) in [
            ("from 30 May to 1 June 2012", d(2012, 5, 30), d(2012, 6, 1)),
            (
                "from 11 to 13 November 2013",
                d(2013, 11, 11),
                d(2013, 11, 13),
            ),
        ] {
            assert_eq!(en.parse_date_range(text), Some((start, end)), "{text}");
            assert_eq!(en.date_range(start, end), text);
        }
    }

    #[test]
    fn spanish_and_russian_date_ranges_round_trip() {
        let es = get("es").unwrap();
        let ru = get("ru").unwrap();
        for (lang, text, start, end) in [
            (
                es,
                "del 30 de mayo al 1 de junio de 2012",
                d(2012, 5, 30),
                d(2012, 6, 1),
            ),
            (
                es,
                "del 11 al 13 de noviembre de 2013",
                d(2013, 11, 11),
                d(2013, 11, 13),
            ),
            (
                ru,
                "30 мая – 1 июня 2012 года",
                d(2012, 5, 30),
                d(2012, 6, 1),
            ),
            (
                ru,
                "11–13 ноября 2013 года",
                d(2013, 11, 11),
                d(2013, 11, 13),
            ),
            (
                ru,
                "30 декабря 2012 года – 2 января 2013 года",
                d(2012, 12, 30),
                d(2013, 1, 2),
            ),
        ] {
            assert_eq!(lang.parse_date_range(text), Some((start, end)), "{text}");
            assert_eq!(lang.date_range(start, end), text);
        }
    }

    #[test]
    fn arabic_and_chinese_date_ranges_round_trip() {
        let ar = get("ar").unwrap();
        let zh = get("zh").unwrap();
        for (lang, text, start, end) in [
            (
                ar,
                "من 30 أيار/مايو إلى 1 حزيران/يونيه 2012",
                d(2012, 5, 30),
                d(2012, 6, 1),
            ),
            (
                ar,
                "من 11 إلى 13 تشرين الثاني/نوفمبر 2013",
                d(2013, 11, 11),
                d(2013, 11, 13),
            ),
            (zh, "2012年5月30日至6月1日", d(2012, 5, 30), d(2012, 6, 1)),
            (zh, "2013年11月11日至13日", d(2013, 11, 11), d(2013, 11, 13)),
            (
                zh,
                "2012年12月30日至2013年1月2日",
                d(2012, 12, 30),
                d(2013, 1, 2),
            ),
        ] {
            assert_eq!(lang.parse_date_range(text), Some((start, end)), "{text}");
            assert_eq!(lang.date_range(start, end), text);
        }
    }

    /// Two days are named as the UN names them, and read back.
    #[test]
    fn meetings_of_two_days_round_trip() {
        for (code, text) in [
            ("fr", "les 1er et 2 juin 2015"),
            ("en", "on 1 and 2 June 2015"),
            ("es", "los días 1 y 2 de junio de 2015"),
            ("ru", "1 и 2 июня 2015 года"),
            ("ar", "يومي 1 و2 حزيران/يونيه 2015"),
            ("zh", "2015年6月1日和2日"),
        ] {
            let lang = get(code).unwrap();
            let (start, end) = (d(2015, 6, 1), d(2015, 6, 2));
            assert_eq!(lang.date_range(start, end), text, "{code}");
            assert_eq!(
                lang.parse_date_range(text),
                Some((start, end)),
                "{code}: {text}"
            );
        }
    }

    #[test]
    fn meetings_stated_in_other_usual_forms() {
        let ar = get("ar").unwrap();
        let c = ar
            .meeting_place
            .captures("المعقودة في فيينا في الفترة من 30 أيار/مايو إلى 1 حزيران/يونيه 2012")
            .unwrap();
        assert_eq!(&c["place"], "فيينا");
        assert_eq!(
            ar.parse_date_range(&c["dates"]),
            Some((d(2012, 5, 30), d(2012, 6, 1)))
        );
        let ru = get("ru").unwrap();
        let c = ru
            .meeting_place
            .captures("совещания, проведенного в Вене 11–13 ноября 2013 года")
            .unwrap();
        assert_eq!(&c["place"], "Вене");
    }

    #[test]
    fn a_pattern_may_match_wherever_it_matches() {
        let texts = [
            "À sa première réunion, tenue à Vienne",
            "Mesa sa deuxième session",
            "at its fifteenth meeting, held in Vienna",
            "en su segunda reunión",
            "на своем втором совещании",
            "في اجتماعه الأول",
            "工作组第二次会议",
            "sans rien de tel",
        ];
        for lang in all() {
            for text in texts {
                if lang.meeting_ordinal.is_match(text) {
                    assert!(
                        lang.meeting_ordinal.loosely_matches(text),
                        "{}: {text}",
                        lang.code
                    );
                }
            }
        }
        let fr = get("fr").unwrap();
        assert!(fr.meeting_ordinal.is_match(texts[0]));
        assert!(!fr.meeting_ordinal.loosely_matches(texts[7]));
        // The first texts are searched with the pattern itself.
        let fresh = LazyRegex::new(fr.meeting_ordinal.pattern.clone());
        assert!(fresh.may_match(texts[7]));
        for _ in 0..LOOSE_AFTER {
            fresh.may_match(texts[0]);
        }
        assert!(!fresh.may_match(texts[7]));
    }

    #[test]
    fn hyphenation_patterns_are_named_by_tags_the_crate_knows() {
        for lang in all() {
            if let Some(tag) = &lang.hyphenation {
                assert!(
                    hyphenation::Language::try_from_code(tag).is_some(),
                    "{}: {tag}",
                    lang.code
                );
            }
        }
        for code in ["fr", "en", "es", "ru"] {
            assert!(get(code).unwrap().hyphenation.is_some(), "{code}");
        }
    }

    #[test]
    fn spelled_out_numerals_and_labels() {
        assert_eq!(chapter_number("ثالثاً"), Some(3));
        assert_eq!(chapter_number("二"), Some(2));
        assert_eq!(chapter_number("IV"), Some(4));
        assert_eq!(heading_index("جيم"), Some(2));
        assert_eq!(heading_index("C"), Some(2));
        assert_eq!(numeral_prefix("ألف- تدابير"), Some("ألف"));
        assert_eq!(label_prefix("هـ) نص"), Some("هـ"));
        let ar = get("ar").unwrap();
        assert_eq!(ar.item_label(1, 4), "(هـ)");
        assert_eq!(ar.item_label(2, 2), "‘3’");
        assert_eq!(get("zh").unwrap().item_label(2, 3), "(四)");
    }

    #[test]
    fn ordinals_are_read_in_every_form_and_written_in_the_headings() {
        let ru = get("ru").unwrap();
        assert_eq!(ru.ordinal_number("первое"), Some(1));
        assert_eq!(ru.ordinal_number("Втором"), Some(2));
        assert_eq!(ru.ordinal_word(1), Some("первом"));
        assert_eq!(get("es").unwrap().ordinal_word(2), Some("segunda"));
    }

    #[test]
    fn russian_items_take_cyrillic_letters() {
        let ru = get("ru").unwrap();
        assert_eq!(ru.item_label(1, 0), "а)");
        assert_eq!(ru.item_label(1, 9), "к)");
        assert_eq!(ru.item_label(2, 1), "ii)");
        let (cyrillic, at) = label_in_sequence("и").unwrap();
        assert_eq!(label_at(cyrillic, at + 1), Some("к"));
        assert!(is_first_label("а") && !is_first_label("б"));
    }

    #[test]
    fn impossible_dates_are_refused() {
        let fr = get("fr").unwrap();
        assert_eq!(fr.parse_date_range("du 30 au 31 février 2013"), None);
        assert_eq!(fr.parse_date_range("du 13 au 11 novembre 2013"), None);
    }

    #[test]
    fn subheading_is_built_from_the_meeting() {
        let fr = get("fr").unwrap();
        assert_eq!(
            fr.meeting_heading(1, "Vienne", d(2012, 5, 30), d(2012, 6, 1)).unwrap(),
            "Recommandations adoptées par le Groupe de travail à sa première réunion, tenue à Vienne du 30 mai au 1er juin 2012"
        );
        let en = get("en").unwrap();
        assert_eq!(
            en.meeting_heading(2, "Vienna", d(2013, 11, 11), d(2013, 11, 13)).unwrap(),
            "Recommendations adopted by the Working Group at its second meeting, held in Vienna from 11 to 13 November 2013"
        );
    }

    #[test]
    fn ordinals_both_ways() {
        let fr = get("fr").unwrap();
        assert_eq!(fr.ordinal_number("Troisième"), Some(3));
        assert_eq!(fr.ordinal_word(2), Some("deuxième"));
        assert_eq!(fr.ordinal_number("dernière"), None);
    }

    #[test]
    fn every_level_of_labels_once_the_shallowest_first() {
        let levels: Vec<(usize, String)> = item_levels()
            .iter()
            .map(|(depth, level)| (*depth, level.label(1)))
            .collect();
        for (depth, label) in [(0, "b)"), (0, "(b)"), (0, "б)"), (0, "(ب)")] {
            assert!(levels.contains(&(depth, label.to_string())), "{label}");
        }
        for (depth, label) in [(1, "ii)"), (1, "(ii)"), (1, "(二)"), (1, "‘2’"), (2, "B)")] {
            assert!(levels.contains(&(depth, label.to_string())), "{label}");
        }
        assert_eq!(levels.iter().filter(|(_, l)| l == "(b)").count(), 1);
        assert!(levels.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn item_labels_follow_the_level() {
        let fr = get("fr").unwrap();
        let en = get("en").unwrap();
        assert_eq!(fr.item_label(1, 0), "a)");
        assert_eq!(fr.item_label(2, 3), "iv)");
        assert_eq!(en.item_label(1, 1), "(b)");
        assert_eq!(en.item_label(2, 8), "(ix)");
        assert_eq!(counter(Counter::Alpha, 26), "aa");
    }

    #[test]
    fn printed_dates_in_any_known_language() {
        assert_eq!(printed_date("20 août 2015"), Some(d(2015, 8, 20)));
        assert_eq!(printed_date("1er juin 2012"), Some(d(2012, 6, 1)));
        assert_eq!(printed_date("20 August 2015"), Some(d(2015, 8, 20)));
        assert_eq!(printed_date("31 février 2015"), None);
        assert_eq!(printed_date(""), None);
    }

    #[test]
    fn list_items_become_sentences() {
        let fr = get("fr").unwrap();
        for (text, closed) in [
            ("la mer; et", "la mer."),
            ("la mer;", "la mer."),
            ("la mer", "la mer"),
        ] {
            let mut t = text.to_string();
            fr.close_sentence(&mut t);
            assert_eq!(t, closed);
        }
    }

    #[test]
    fn chapters_that_hold_recommendations() {
        let en = get("en").unwrap();
        for title in [
            "Recommendations",
            "General recommendations",
            "Recommendations to the Conference of the States Parties",
            "Conclusions and recommendations",
        ] {
            assert!(en.recommendations_chapter.is_match(title), "{title}");
        }
        for title in ["Summary of deliberations", "Organization of the meeting"] {
            assert!(!en.recommendations_chapter.is_match(title), "{title}");
        }
        let fr = get("fr").unwrap();
        assert!(fr
            .recommendations_chapter
            .is_match("Recommandations relatives à la prévention"));
        assert!(!fr.recommendations_chapter.is_match("Résumé des débats"));
    }

    #[test]
    fn sessions_with_the_place_before_or_after_the_dates() {
        let en = get("en").unwrap();
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        let text = "At its fifteenth session, held in Geneva on 1 and 2 December 2022, the Working Group adopted";
        assert_eq!(
            crate::parse::front::place_and_dates(en, text),
            Some(("Geneva".to_string(), d(2022, 12, 1), d(2022, 12, 2)))
        );
        assert_eq!(crate::parse::front::ordinal(en, text), Some(15));
        assert_eq!(
            crate::parse::front::place_and_dates(
                en,
                "The meeting was held on 2 and 3 December 2021 in Geneva."
            ),
            Some(("Geneva".to_string(), d(2021, 12, 2), d(2021, 12, 3)))
        );
        let fr = get("fr").unwrap();
        assert_eq!(
            crate::parse::front::place_and_dates(
                fr,
                "La réunion s’est tenue les 2 et 3 décembre 2021 à Genève."
            ),
            Some(("Genève".to_string(), d(2021, 12, 2), d(2021, 12, 3)))
        );
    }

    #[test]
    fn the_language_of_a_text_without_masthead() {
        let code = |t: &str| guess(t).map(|l| l.code.as_str());
        assert_eq!(
            code("States parties should strengthen cooperation among law enforcement agencies."),
            Some("en")
        );
        assert_eq!(
            code("Les États parties devraient renforcer la coopération entre leurs services."),
            Some("fr")
        );
        assert_eq!(code("Organisation. Le Groupe de travail."), Some("fr"));
        assert_eq!(
            code("Die Staaten sollten zusammenarbeiten."),
            None,
            "no table"
        );
        assert_eq!(code("12 34"), None);
        assert_eq!(code("Vienne 2012"), None, "too few words to tell");
    }

    #[test]
    fn french_ordinal_letters_are_raised_and_nothing_else() {
        let fr = get("fr").unwrap();
        let text = "du 30 mai au 1er juin, la 1re (2e) session; 1ers. 15 ans, 3em x1er 5/3e";
        let raised: Vec<&str> = fr
            .superscript_spans(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(raised, ["er", "re", "e", "ers"]);
        let at = fr.superscript_spans("au\u{a0}1er\u{a0}juin");
        assert_eq!((at.len(), at.first()), (1, Some(&(5..7))));
        assert!(get("en")
            .unwrap()
            .superscript_spans("the 1st and 2e")
            .is_empty());
    }

    #[test]
    fn headings_are_lettered_and_numbers_marked_as_the_table_says() {
        let (fr, ar) = (get("fr").unwrap(), get("ar").unwrap());
        assert_eq!(
            (fr.heading_letter(1), fr.marked("5")),
            ("B".into(), "5.".into())
        );
        assert_eq!(ar.heading_letter(1), "باء");
        assert_eq!(ar.marked("5"), "5-");
        assert_eq!(marked(Some(ar), &ar.chapter_numeral(1)), "أولاً-");
        assert_eq!(marked(None, "II"), "II.");
        // Past the table's letters, the Latin ones.
        assert_eq!(ar.heading_letter(10), "K");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(7), "VII");
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("IIII"), None);
    }

    /// The reading the parser had before numerals were read in one pass:
    /// every numeral from 1 to 3999 spelled out and compared.
    fn roman_value_by_search(s: &str) -> Option<u32> {
        if s.is_empty() || s.len() > 12 {
            return None;
        }
        let upper = s.to_uppercase();
        (1..=3999).find(|&n| roman(n) == upper)
    }

    #[test]
    fn every_numeral_reads_back_in_both_cases() {
        for n in 1..=3999 {
            let numeral = roman(n);
            let expected = (numeral.len() <= 12).then_some(n);
            assert_eq!(roman_value(&numeral), expected, "{numeral}");
            assert_eq!(roman_value(&numeral.to_lowercase()), expected, "{numeral}");
        }
        assert_eq!(roman(4000), "MMMM");
    }

    #[test]
    fn only_canonical_numerals_are_read() {
        for s in [
            "",
            "a",
            "b",
            "iiii",
            "vv",
            "ic",
            "im",
            "xm",
            "dm",
            "lc",
            "mmmm",
            "iix",
            "xxxx",
            "cmd",
            "vx",
            "ıv",
            "ı",
            "xİ",
            "ﬃ",
            "i ",
            "IVI",
            "MCMXCIX",
            "mmmcmxcix",
            "ix)",
        ] {
            assert_eq!(roman_value(s), roman_value_by_search(s), "{s:?}");
        }
    }
}
