//! Every chapter's keywords, found in a text in one pass over its bytes.
//! Each recommendation (and each report heading) is searched for the
//! keywords of every chapter; one automaton for them all replaces a
//! substring search per keyword.

use crate::manifest::ChapterRules;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

pub struct KeywordIndex {
    /// For each chapter, in the slice's order, the pattern of each of its
    /// keywords in the manifest's order; none for an empty keyword, which
    /// every text has, as `str::contains` has it.
    patterns: Vec<Vec<Option<usize>>>,
    words: Vec<String>,
    /// Quick to build, slower to walk.
    automaton: Option<NFA>,
    /// Quick to walk, slow to build: built once many texts are scanned.
    fast: OnceLock<Option<DFA>>,
    scanned: AtomicUsize,
    /// The length in bytes of the longest keyword.
    longest: usize,
}

/// After this many texts, the keywords are looked for with the automaton
/// that is quick to walk (it takes about as long to build as scanning this
/// many recommendations with the other).
const FAST_AFTER: usize = 1024;

/// Which keywords a text has.
pub struct Found<'i> {
    index: &'i KeywordIndex,
    present: Vec<bool>,
}

impl KeywordIndex {
    /// The index of these chapters' keywords, built once per run for each
    /// set of keywords: a batch classifies thousands of reports with the
    /// same ones, and building takes longer than reading a short report.
    pub fn shared(chapters: &[ChapterRules]) -> Arc<KeywordIndex> {
        type Built = Vec<(Vec<Vec<String>>, Arc<KeywordIndex>)>;
        // A run meets a manifest's keywords and a language's or two.
        const KEPT: usize = 8;
        static BUILT: Mutex<Built> = Mutex::new(Vec::new());
        let same = |lists: &[Vec<String>]| {
            lists.len() == chapters.len()
                && lists.iter().zip(chapters).all(|(l, c)| *l == c.keywords)
        };
        if let Some((_, index)) = BUILT
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(lists, _)| same(lists))
        {
            return Arc::clone(index);
        }
        let index = Arc::new(KeywordIndex::new(chapters));
        let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        if built.len() == KEPT {
            built.remove(0);
        }
        built.push((
            chapters.iter().map(|c| c.keywords.clone()).collect(),
            Arc::clone(&index),
        ));
        index
    }

    pub fn new(chapters: &[ChapterRules]) -> KeywordIndex {
        KeywordIndex::of_lists(chapters.iter().map(|c| c.keywords.as_slice()))
    }

    /// The index of each chapter's list of keywords, in order.
    pub fn of_lists<'k>(lists: impl IntoIterator<Item = &'k [String]>) -> KeywordIndex {
        let mut words: Vec<String> = Vec::new();
        let patterns = lists
            .into_iter()
            .map(|keywords| {
                keywords
                    .iter()
                    .map(|k| match words.iter().position(|w| w == k) {
                        _ if k.is_empty() => None,
                        Some(i) => Some(i),
                        None => {
                            words.push(k.clone());
                            Some(words.len() - 1)
                        }
                    })
                    .collect()
            })
            .collect();
        // Standard semantics: a state holds every keyword that ends there,
        // those inside a longer one included.
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&words)
            .ok();
        KeywordIndex {
            patterns,
            longest: words.iter().map(String::len).max().unwrap_or(0),
            words,
            automaton,
            fast: OnceLock::new(),
            scanned: AtomicUsize::new(0),
        }
    }

    /// The keywords of every chapter that `lower` (a text in lower case)
    /// has.
    pub fn scan(&self, lower: &str) -> Found<'_> {
        self.scan_text(Text::Lower(lower))
    }

    /// The keywords of every chapter that `text` has once in lower case,
    /// lowered as it is read rather than copied.
    pub fn scan_lowering(&self, text: &str) -> Found<'_> {
        self.scan_text(Text::ToLower(text))
    }

    /// Builds the automaton that is quick to walk on a spare core, for a
    /// run about to scan many texts: scans use it from the first text
    /// that finds it ready.
    pub fn prepare_fast_aside(self: &Arc<Self>) {
        let index = Arc::clone(self);
        rayon::spawn(move || {
            index.fast();
        });
    }

    fn fast(&self) -> Option<&DFA> {
        self.fast
            .get_or_init(|| {
                DFA::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(&self.words)
                    .ok()
            })
            .as_ref()
    }

    fn scan_text(&self, text: Text) -> Found<'_> {
        let mut present = vec![false; self.words.len()];
        let fast = match self.fast.get() {
            Some(ready) => ready.as_ref(),
            None if self.scanned.fetch_add(1, Ordering::Relaxed) < FAST_AFTER => None,
            None => self.fast(),
        };
        match (fast, &self.automaton) {
            (Some(dfa), _) => walk(dfa, &mut present, text, self.longest),
            (None, Some(nfa)) => walk(nfa, &mut present, text, self.longest),
            (None, None) => {}
        }
        Found {
            index: self,
            present,
        }
    }
}

/// A text to scan: in lower case already, or to be lowered on the way.
#[derive(Clone, Copy)]
enum Text<'t> {
    Lower(&'t str),
    ToLower(&'t str),
}

/// Marks in `present` every keyword the automaton meets in the text, whose
/// keywords are at most `longest` bytes long.
fn walk(a: &impl Automaton, present: &mut [bool], text: Text, longest: usize) {
    match text {
        Text::Lower(lower) => walk_bytes(a, present, lower.as_bytes(), longest, |_, b| b),
        Text::ToLower(text) if lowered_byte_by_byte(text.as_bytes()) => {
            walk_bytes(a, present, text.as_bytes(), longest, lower_byte)
        }
        // A capital sigma's lower case depends on the letters round it:
        // only `str::to_lowercase` knows them.
        Text::ToLower(text) if text.contains('Σ') => walk_bytes(
            a,
            present,
            text.to_lowercase().as_bytes(),
            longest,
            |_, b| b,
        ),
        Text::ToLower(text) => LOWERED.with_borrow_mut(|lowered| {
            lower_into(text, lowered);
            walk_bytes(a, present, lowered, longest, |_, b| b);
        }),
    }
}

/// Whether every character of the text is lowered by `lower_byte`, as most
/// of a report's are: ASCII; U+0080 to U+00BF, and the punctuation from
/// U+2000 to U+207F (’, the narrow no-break space), which have no case;
/// U+00C0 to U+00FF, whose capitals are 32 below their small letters but
/// for the sign ×.
fn lowered_byte_by_byte(bytes: &[u8]) -> bool {
    // One pass the compiler can run many bytes at a time, then a look at
    // each lead of three bytes, if any.
    let other = bytes
        .iter()
        .fold(false, |any, &b| any | (b >= 0xc4 && b != 0xe2));
    !other
        && memchr::memchr_iter(0xe2, bytes).all(|i| matches!(bytes.get(i + 1), Some(0x80 | 0x81)))
}

/// `byte` in lower case, told from it and the byte before it.
#[inline(always)]
fn lower_byte(before: u8, byte: u8) -> u8 {
    LOWER[usize::from(before == 0xc3) << 8 | usize::from(byte)]
}

/// Each byte in lower case: after any byte but 0xc3, then after 0xc3. A
/// table rather than tests, which would stand between every two steps.
static LOWER: [u8; 512] = {
    let mut table = [0; 512];
    let mut i = 0;
    while i < 256 {
        let byte = i as u8;
        table[i] = byte.to_ascii_lowercase();
        table[256 + i] = match byte {
            0x80..=0x9e if byte != 0x97 => byte + 0x20,
            _ => byte,
        };
        i += 1;
    }
    table
};

thread_local! {
    /// A text lowered for the scan, its room kept from text to text.
    static LOWERED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The bytes of `text` in lower case, as `str::to_lowercase` gives them
/// for any text without a capital sigma (Σ has no lead byte that
/// `lowered_byte_by_byte` lets through).
fn lower_into(text: &str, lowered: &mut Vec<u8>) {
    lowered.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = text[i..].chars().next().expect("a character starts here");
        let next = i + c.len_utf8();
        if lowered_byte_by_byte(&bytes[i..next]) {
            let mut before = 0;
            for &b in &bytes[i..next] {
                lowered.push(lower_byte(before, b));
                before = b;
            }
        } else {
            let mut buffer = [0; 4];
            for lower in c.to_lowercase() {
                lowered.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
            }
        }
        i = next;
    }
}

/// Walks the bytes, each as `map` gives it from the byte before it and
/// itself, in two halves at once. One walk waits at every byte for the
/// state the last one gave; two walks that need nothing of each other keep
/// the core busy. The second half is walked from `longest - 1` bytes
/// before its start, so that a keyword across the cut is met whole; what
/// both halves meet is marked twice, which changes nothing.
fn walk_bytes(
    a: &impl Automaton,
    present: &mut [bool],
    bytes: &[u8],
    longest: usize,
    map: impl Fn(u8, u8) -> u8,
) {
    // An unanchored start state always exists for a standard automaton.
    let Ok(start): Result<StateID, _> = a.start_state(Anchored::No) else {
        return;
    };
    let overlap = longest.saturating_sub(1);
    if bytes.len() < 2 * overlap + MIN_HALF {
        let (mut state, mut before) = (start, 0);
        for &byte in bytes {
            state = step(a, present, state, map(before, byte));
            before = byte;
        }
        return;
    }
    let from = bytes.len() / 2 - overlap;
    let (first, second) = (&bytes[..bytes.len() / 2], &bytes[from..]);
    let both = first.len().min(second.len());
    let (mut one, mut two) = (start, start);
    // The second half starts past the overlap and the shortest half: a
    // byte stands before it.
    let (mut before_one, mut before_two) = (0, bytes[from - 1]);
    for (&x, &y) in first[..both].iter().zip(&second[..both]) {
        one = step(a, present, one, map(before_one, x));
        two = step(a, present, two, map(before_two, y));
        (before_one, before_two) = (x, y);
    }
    for &byte in &first[both..] {
        one = step(a, present, one, map(before_one, byte));
        before_one = byte;
    }
    for &byte in &second[both..] {
        two = step(a, present, two, map(before_two, byte));
        before_two = byte;
    }
}

/// Texts shorter than this (beyond the overlap) are walked in one go.
const MIN_HALF: usize = 32;

/// The state after `byte`, its keywords marked. Inlined into the loops
/// above: a call at every byte would cost more than the step.
#[inline(always)]
fn step(a: &impl Automaton, present: &mut [bool], state: StateID, byte: u8) -> StateID {
    let state = a.next_state(Anchored::No, state, byte);
    if a.is_match(state) {
        mark(a, present, state);
    }
    state
}

#[cold]
fn mark(a: &impl Automaton, present: &mut [bool], state: StateID) {
    for i in 0..a.match_len(state) {
        present[a.match_pattern(state, i).as_usize()] = true;
    }
}

impl Found<'_> {
    /// The keywords of `chapters[i]` found, each once per time it is
    /// listed, in the manifest's order.
    pub fn of<'c>(&self, chapters: &'c [ChapterRules], i: usize) -> Vec<&'c str> {
        chapters[i]
            .keywords
            .iter()
            .zip(&self.index.patterns[i])
            .filter(|(_, p)| p.is_none_or(|p| self.present[p]))
            .map(|(k, _)| k.as_str())
            .collect()
    }

    /// How many of `chapters[i]`'s keywords were found, each once per
    /// time it is listed.
    pub fn count(&self, i: usize) -> usize {
        self.index.patterns[i]
            .iter()
            .filter(|p| p.is_none_or(|p| self.present[p]))
            .count()
    }

    /// Whether `chapters[i]` has any keyword in the text.
    pub fn any_of(&self, i: usize) -> bool {
        self.index.patterns[i]
            .iter()
            .any(|p| p.is_none_or(|p| self.present[p]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ChapterKey;

    fn chapter(key: &str, keywords: &[&str]) -> ChapterRules {
        ChapterRules {
            key: ChapterKey::new(key),
            title: key.to_string(),
            headings: Vec::new(),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn lowered_on_the_way_as_str_to_lowercase_lowers() {
        // Every character told from its bytes, and some beside them.
        let text: String = ('\0'..='\u{2fff}').filter(|c| *c != 'Σ').collect();
        let lowered = text.to_lowercase();
        let words: Vec<String> = lowered
            .chars()
            .collect::<Vec<_>>()
            .chunks(3)
            .map(|w| w.iter().collect())
            .collect();
        let index = KeywordIndex::new(&[ChapterRules {
            key: ChapterKey::new("all"),
            title: String::new(),
            headings: Vec::new(),
            keywords: words.clone(),
        }]);
        let found = index.scan_lowering(&text);
        assert!(found.present.iter().all(|&p| p), "all found");
        // None of the capitals' keywords is found in the text lowered.
        let upper = [chapter("upper", &["À", "É", "Þ"])];
        let index = KeywordIndex::new(&upper);
        assert!(!index.scan_lowering("ÀÉÞ").any_of(0));
        assert_eq!(
            KeywordIndex::new(&[chapter("x", &["×"])])
                .scan_lowering("×")
                .of(&[chapter("x", &["×"])], 0),
            ["×"]
        );
    }

    #[test]
    fn lowered_byte_by_byte_as_str_to_lowercase_lowers() {
        // The characters told from their bytes alone, each as a keyword
        // with its neighbours.
        let text: String = ('\0'..='\u{ff}').chain('\u{2000}'..='\u{207f}').collect();
        assert!(lowered_byte_by_byte(text.as_bytes()));
        let lowered = text.to_lowercase();
        let mut lower_bytes = Vec::new();
        lower_into(&text, &mut lower_bytes);
        assert_eq!(lower_bytes, lowered.as_bytes());
        let chars: Vec<char> = lowered.chars().collect();
        let words: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
        let index = KeywordIndex::of_lists([words.as_slice()]);
        let found = index.scan_lowering(&text);
        assert!(found.present.iter().all(|&p| p), "all found");
        assert!(!lowered_byte_by_byte("Σ".as_bytes()));
        assert!(
            !lowered_byte_by_byte("\u{2160}".as_bytes()),
            "Ⅰ lowers to ⅰ"
        );
        // A capital sigma ends a word as ς (U+03C2), and is σ (U+03C3)
        // inside one.
        let greek = [chapter(
            "greek",
            &["\u{3c3}\u{3bf}\u{3c2}", "\u{3c3}\u{3bf}\u{3c3}", "\u{3c2} "],
        )];
        let index = KeywordIndex::new(&greek);
        let found = index.scan_lowering("\u{3a3}\u{39f}\u{3a3} \u{3a3}\u{39f}\u{3a3}");
        assert_eq!(found.of(&greek, 0), ["\u{3c3}\u{3bf}\u{3c2}", "\u{3c2} "]);
    }

    #[test]
    fn a_keyword_across_the_cut_between_the_halves_is_found() {
        let chapters = [chapter("c", &["trafic illicite", "é"])];
        let index = KeywordIndex::new(&chapters);
        for len in [0, 10, 40, 41, 60, 61, 62, 100, 101] {
            for at in 0..=len {
                let mut text = "x".repeat(len);
                text.insert_str(at, "Trafic Illicite");
                let found = index.scan_lowering(&text);
                assert_eq!(found.of(&chapters, 0), ["trafic illicite"], "{len}, {at}");
                let mut accented = "É".repeat(len / 2);
                accented.insert_str(at / 2 * 2, "trafic illicite");
                let found = index.scan_lowering(&accented);
                let expected: &[&str] = if len >= 2 {
                    &["trafic illicite", "é"]
                } else {
                    &["trafic illicite"]
                };
                assert_eq!(found.of(&chapters, 0), expected, "{len}, {at}");
            }
        }
    }

    #[test]
    fn the_automaton_built_aside_is_used_from_the_first_text() {
        let chapters = [chapter("protection", &["enfant", "enfants", "illicite"])];
        let index = Arc::new(KeywordIndex::new(&chapters));
        let slow = index.scan("les enfants").present;
        index.prepare_fast_aside();
        let waited = std::time::Instant::now();
        while index.fast.get().is_none() {
            assert!(waited.elapsed().as_secs() < 60, "never built aside");
            std::thread::yield_now();
        }
        let before = index.scanned.load(Ordering::Relaxed);
        let found = index.scan("les enfants");
        assert_eq!(found.present, slow);
        assert_eq!(found.of(&chapters, 0), ["enfant", "enfants"]);
        assert_eq!(
            index.scanned.load(Ordering::Relaxed),
            before,
            "a ready automaton is used without counting texts"
        );
    }

    #[test]
    fn the_same_keywords_share_one_index() {
        let one = [chapter("prevention", &["campagne", "sensibilisation"])];
        let same = [chapter("prevention", &["campagne", "sensibilisation"])];
        let other = [chapter("prevention", &["campagne"])];
        let first = KeywordIndex::shared(&one);
        assert!(Arc::ptr_eq(&first, &KeywordIndex::shared(&same)));
        let third = KeywordIndex::shared(&other);
        assert!(!Arc::ptr_eq(&first, &third));
        assert!(!third.scan("sensibilisation").any_of(0));
        assert!(first.scan("sensibilisation").any_of(0));
    }

    #[test]
    fn finds_what_a_search_per_keyword_finds_in_the_listed_order() {
        let chapters = [
            chapter(
                "prevention",
                &["trafic", "trafic illicite", "campagne", "trafic", ""],
            ),
            chapter("protection", &["enfant", "enfants", "illicite"]),
            chapter("cooperation", &["государств", "участник"]),
            chapter("other", &[]),
        ];
        let index = KeywordIndex::new(&chapters);
        for text in [
            "le trafic illicite de migrants et les enfants",
            "campagne d’information",
            "государствам-участникам",
            "",
            "enfantrafic",
        ] {
            let found = index.scan(text);
            let upper = text.to_uppercase();
            // Past FAST_AFTER, the other automaton finds the same.
            let fast = KeywordIndex::new(&chapters);
            fast.scanned.store(FAST_AFTER, Ordering::Relaxed);
            assert_eq!(fast.scan(text).present, found.present);
            assert!(fast.fast.get().is_some_and(Option::is_some));
            let lowered = index.scan_lowering(&upper);
            assert_eq!(lowered.present, index.scan(&upper.to_lowercase()).present);
            for (i, c) in chapters.iter().enumerate() {
                let by_contains: Vec<&str> = c
                    .keywords
                    .iter()
                    .filter(|k| text.contains(k.as_str()))
                    .map(String::as_str)
                    .collect();
                assert_eq!(found.of(&chapters, i), by_contains, "{text:?}, {}", c.key);
                assert_eq!(found.any_of(i), !by_contains.is_empty());
            }
        }
    }
}
