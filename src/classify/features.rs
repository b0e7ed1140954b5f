//! What the model reads of a recommendation: its words, pairs of words and
//! pieces of words (character n-grams), and the words of the report's heading.
//! Pieces of words let `sensibiliser`, `sensibilisation` and `sensibilisés`
//! speak alike, and the elided article (`l’entraide`) and the plural
//! (`campagnes`) are taken off, so that the few dozen examples of an edition
//! go further.

use super::keywords::KeywordIndex;
use crate::language::is_stop_word;
use crate::model::ChapterKey;
use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::hash::Hasher;

/// A recommendation as features: each feature's number in the
/// [`Vocabulary`] and its weight, in the order of the features' names.
pub type Features = Vec<(u32, f64)>;

/// The manifest's keywords of each chapter (lower case), by chapter key: the
/// secretariat's own words for its themes, read as one more kind of feature
/// (how many of a chapter's keywords the text has), weighed by the model
/// like any other.
pub type Keywords = [(ChapterKey, Vec<String>)];

/// The chapters' keywords, all found in a text in one pass.
pub struct ChapterKeywords {
    chapters: Vec<ChapterKey>,
    index: KeywordIndex,
}

impl ChapterKeywords {
    pub fn new(keywords: &Keywords) -> ChapterKeywords {
        ChapterKeywords {
            chapters: keywords.iter().map(|(c, _)| c.clone()).collect(),
            index: KeywordIndex::of_lists(keywords.iter().map(|(_, words)| words.as_slice())),
        }
    }

    /// Each chapter, with how many of its keywords `text` has once in
    /// lower case.
    fn counts(&self, text: &str) -> Vec<(&str, usize)> {
        let found = self.index.scan_lowering(text);
        self.chapters
            .iter()
            .enumerate()
            .map(|(i, chapter)| (chapter.as_str(), found.count(i)))
            .collect()
    }
}

impl std::fmt::Debug for ChapterKeywords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChapterKeywords")
            .field("chapters", &self.chapters)
            .finish_non_exhaustive()
    }
}

/// How much each kind of feature weighs, once each kind is scaled to length 1.
const WORDS: f64 = 2.0;
const PIECES: f64 = 1.0;
const HEADING: f64 = 0.6;
const KEYWORDS: f64 = 2.0;

/// Shortest and longest pieces of words.
const PIECE_SIZES: std::ops::RangeInclusive<usize> = 3..=5;

/// The kinds of feature, by the letter their names start with (`c:cam`):
/// pieces of words, words of the heading, chapters whose keywords the text
/// has, words and pairs of words. In this order, as their names sort.
const KINDS: [u8; 4] = [b'c', b'h', b'k', b'w'];

/// A name of a feature without its kind, with its first 16 bytes read as
/// one number (zeros after a shorter name): most names are told apart, and
/// put in order, by that number alone.
#[derive(Clone, Copy)]
struct Name<'a> {
    head: u128,
    text: &'a str,
}

impl<'a> Name<'a> {
    fn new(text: &'a str) -> Name<'a> {
        let mut bytes = [0; 16];
        let n = text.len().min(16);
        bytes[..n].copy_from_slice(&text.as_bytes()[..n]);
        Name {
            head: u128::from_be_bytes(bytes),
            text,
        }
    }

    fn short(&self) -> bool {
        self.text.len() <= 16
    }

    /// The order of the names' bytes. Two short names with the same head
    /// differ only by length: the shorter is the start of the longer.
    fn cmp(&self, other: &Name) -> Ordering {
        self.head.cmp(&other.head).then_with(|| {
            if self.short() && other.short() {
                self.text.len().cmp(&other.text.len())
            } else {
                self.text.cmp(other.text)
            }
        })
    }
}

/// The names of the features met in the examples, each numbered once:
/// examples are read into numbers once, and a model's weights are a table
/// indexed by them rather than a map of names.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The number of each name, found by the name's hash: a table of
    /// numbers, each name written once, in `names`.
    numbers: HashTable<u32>,
    /// Every name in full (`c:cam`), one after the other, and where each
    /// ends.
    names: String,
    ends: Vec<u32>,
}

/// The hash of the name `kind:name`.
fn hash(kind: u8, name: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(kind);
    h.write(name);
    h.finish()
}

/// What puts pieces of words in the order of their names: the name's
/// bytes read as one number (zeros after a shorter name), then its length.
struct Piece;

impl Piece {
    /// For a name of at most 7 bytes.
    fn short_key(name: &str) -> u64 {
        u64::from_be_bytes(Piece::bytes(name))
    }

    /// For a name of at most 15 bytes.
    fn key(name: &str) -> u128 {
        u128::from_be_bytes(Piece::bytes(name))
    }

    /// The name's bytes, zeros after them, and its length in the last byte.
    fn bytes<const N: usize>(name: &str) -> [u8; N] {
        let mut bytes = [0; N];
        bytes[..name.len()].copy_from_slice(name.as_bytes());
        bytes[N - 1] = name.len() as u8;
        bytes
    }

    /// For any piece: at most five characters, 20 bytes, read as two
    /// numbers.
    fn long_key(name: &str) -> (u128, u32, u8) {
        let mut bytes = [0; 20];
        bytes[..name.len()].copy_from_slice(name.as_bytes());
        let (head, tail) = bytes.split_at(16);
        (
            u128::from_be_bytes(head.try_into().expect("16 bytes")),
            u32::from_be_bytes(tail.try_into().expect("4 bytes")),
            name.len() as u8,
        )
    }
}

impl Vocabulary {
    /// An empty vocabulary with room for `names` names.
    fn with_room(names: usize) -> Vocabulary {
        Vocabulary {
            numbers: HashTable::with_capacity(names),
            names: String::with_capacity(names * 8),
            ends: Vec::with_capacity(names),
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The name of a feature (`w:campagne`, `c:cam`).
    pub fn name(&self, number: u32) -> &str {
        let n = number as usize;
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.names[start..self.ends[n] as usize]
    }

    fn find(&self, kind: u8, name: &str) -> Option<u32> {
        self.numbers
            .find(hash(kind, name.as_bytes()), |&n| {
                let full = self.name(n).as_bytes();
                full[0] == kind && &full[2..] == name.as_bytes()
            })
            .copied()
    }

    fn number(&mut self, kind: u8, name: &str) -> u32 {
        if let Some(n) = self.find(kind, name) {
            return n;
        }
        let n = u32::try_from(self.ends.len()).expect("fewer features than u32::MAX");
        self.names.push(kind as char);
        self.names.push(':');
        self.names.push_str(name);
        self.ends
            .push(u32::try_from(self.names.len()).expect("names shorter than 4 GB"));
        let Vocabulary {
            numbers,
            names,
            ends,
        } = self;
        numbers.insert_unique(hash(kind, name.as_bytes()), n, |&m| {
            let m = m as usize;
            let start = if m == 0 { 0 } else { ends[m - 1] as usize };
            let full = &names.as_bytes()[start..ends[m] as usize];
            hash(full[0], &full[2..])
        });
        n
    }

    /// The vocabulary of `texts` (each with its heading, if any) and the
    /// features of each. Two halves are read side by side, each with a
    /// vocabulary of its own; the second's names are then numbered in the
    /// first's.
    pub fn learn_all(
        texts: &[(&str, Option<&str>)],
        keywords: &ChapterKeywords,
    ) -> (Vocabulary, Vec<Features>) {
        let read = |texts: &[(&str, Option<&str>)]| {
            // About one new name per four bytes of text: room made once.
            let bytes: usize = texts.iter().map(|(text, _)| text.len()).sum();
            let mut v = Vocabulary::with_room(bytes / 4);
            let f: Vec<Features> = texts
                .iter()
                .map(|(text, heading)| v.learn(text, *heading, keywords))
                .collect();
            (v, f)
        };
        // Below this, waking a second thread costs more than it saves.
        const SIDE_BY_SIDE: usize = 32;
        if texts.len() < SIDE_BY_SIDE {
            return read(texts);
        }
        let (first, second) = texts.split_at(texts.len() / 2);
        let ((mut all, mut features), (other, more)) = rayon::join(|| read(first), || read(second));
        let numbers: Vec<u32> = (0..other.len() as u32)
            .map(|n| {
                let name = other.name(n);
                all.number(name.as_bytes()[0], &name[2..])
            })
            .collect();
        features.extend(more.into_iter().map(|mut f| {
            f.iter_mut().for_each(|(n, _)| *n = numbers[*n as usize]);
            f
        }));
        (all, features)
    }

    /// The features of an example to learn from: names not met before are
    /// numbered.
    pub fn learn(
        &mut self,
        text: &str,
        heading: Option<&str>,
        keywords: &ChapterKeywords,
    ) -> Features {
        let words = words(text);
        // Pieces are most of a text's features: numbered, and put in the
        // order of their names by what their bytes read as numbers.
        let (padded, spans) = padded(&words);
        let names = pieces(&padded, &spans);
        let longest = names.iter().map(|n| n.text.len()).max().unwrap_or(0);
        // Most pieces are short: their names are put in order as one
        // number each, which sorts fastest.
        let mut number = |name: &Name| self.number(KINDS[0], name.text);
        let runs = if longest < 8 {
            runs(names.iter().map(|n| (Piece::short_key(n.text), number(n))))
        } else if longest < 16 {
            runs(names.iter().map(|n| (Piece::key(n.text), number(n))))
        } else {
            runs(names.iter().map(|n| (Piece::long_key(n.text), number(n))))
        };
        let mut out = Vec::with_capacity(runs.len() + 2 * words.len());
        scaled(runs.iter().map(|r| r.1), PIECES, |i, v| {
            out.push((runs[i].0, v))
        });
        let counts = keywords.counts(text);
        rest(&words, heading, &counts, |kind, name, value| {
            out.push((self.number(kind, name.text), value));
        });
        out
    }

    /// The features of a text to decide, leaving out those no example had:
    /// no model has a weight for them.
    pub fn read(&self, text: &str, heading: Option<&str>, keywords: &ChapterKeywords) -> Features {
        let counts = keywords.counts(text);
        let mut out = Vec::new();
        each(text, heading, &counts, |kind, name, value| {
            if let Some(n) = self.find(kind, name.text) {
                out.push((n, value));
            }
        });
        out
    }
}

/// Features of a recommendation's text and, if it stood under one, of its
/// report heading, by name, sorted by name: what the numbered features are
/// checked against, the keywords looked for one by one.
pub fn of(text: &str, heading: Option<&str>, keywords: &Keywords) -> Vec<(String, f64)> {
    let lower = text.to_lowercase();
    let counts: Vec<(&str, usize)> = keywords
        .iter()
        .map(|(chapter, words)| {
            let found = words.iter().filter(|k| lower.contains(k.as_str()));
            (chapter.as_str(), found.count())
        })
        .collect();
    let mut out = Vec::new();
    each(text, heading, &counts, |kind, name, value| {
        out.push((format!("{}:{}", kind as char, name.text), value))
    });
    out
}

/// Gives each feature of a text (and heading) to `feature`, with its kind
/// and weight, in the order of the features' names (kind first). `counts`:
/// each chapter with how many of its keywords the text has.
fn each(
    text: &str,
    heading: Option<&str>,
    counts: &[(&str, usize)],
    mut feature: impl FnMut(u8, &Name, f64),
) {
    let words = words(text);
    let (padded, spans) = padded(&words);
    let mut names = pieces(&padded, &spans);
    block(KINDS[0], &mut names, PIECES, &mut feature);
    rest(&words, heading, counts, feature);
}

/// The features of the kinds after pieces of words: words of the heading,
/// chapters whose keywords the text has, words and pairs of words.
fn rest(
    words: &[String],
    heading: Option<&str>,
    counts: &[(&str, usize)],
    mut feature: impl FnMut(u8, &Name, f64),
) {
    let heading = heading.map(self::words);
    let mut names = Vec::new();
    if let Some(words) = &heading {
        names.extend(words.iter().map(|w| Name::new(w)));
        block(KINDS[1], &mut names, HEADING, &mut feature);
    }
    names.clear();
    for &(chapter, count) in counts {
        names.extend(std::iter::repeat_n(Name::new(chapter), count));
    }
    block(KINDS[2], &mut names, KEYWORDS, &mut feature);
    let mut pairs = String::new();
    let mut ends = Vec::with_capacity(words.len());
    for w in words.windows(2) {
        pairs.push_str(&w[0]);
        pairs.push(' ');
        pairs.push_str(&w[1]);
        ends.push(pairs.len());
    }
    names.clear();
    names.extend(words.iter().map(|w| Name::new(w)));
    let mut start = 0;
    for &end in &ends {
        names.push(Name::new(&pairs[start..end]));
        start = end;
    }
    block(KINDS[3], &mut names, WORDS, &mut feature);
}

/// Each piece's number with how many times it is said, in the order of
/// their keys.
fn runs<K: Ord + Copy>(pieces: impl Iterator<Item = (K, u32)>) -> Vec<(u32, usize)> {
    let mut pieces: Vec<(K, u32)> = pieces.collect();
    pieces.sort_unstable_by_key(|p| p.0);
    pieces
        .chunk_by(|a, b| a.1 == b.1)
        .map(|same| (same[0].1, same.len()))
        .collect()
}

/// The features of one kind from its names, said any number of times.
fn block<'a>(
    kind: u8,
    names: &mut [Name<'a>],
    weight: f64,
    feature: &mut impl FnMut(u8, &Name, f64),
) {
    names.sort_unstable_by(Name::cmp);
    let runs: Vec<(Name, usize)> = names
        .chunk_by(|a, b| a.cmp(b) == Ordering::Equal)
        .map(|same| (same[0], same.len()))
        .collect();
    scaled(runs.iter().map(|r| r.1), weight, |i, v| {
        feature(kind, &runs[i].0, v)
    });
}

/// The weights of one kind of feature, from how many times each was said
/// (in the order of their names): counts damped (a word said three times
/// is not three times the evidence), then the kind scaled to length
/// `weight`. Gives each feature's place among them and its weight.
fn scaled(counts: impl Iterator<Item = usize>, weight: f64, mut emit: impl FnMut(usize, f64)) {
    let damped: Vec<f64> = counts.map(|n| 1.0 + f64::ln(n as f64)).collect();
    let norm = damped.iter().map(|v| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (i, v) in damped.iter().enumerate() {
            emit(i, weight * v / norm);
        }
    }
}

/// The words that carry meaning: lower case, accents folded, elided
/// articles and stop words dropped, plurals made singular.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        word.clear();
        if w.is_ascii() {
            word.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            word.extend(w.to_lowercase().chars().map(fold_accent));
        }
        let digits = word.bytes().all(|b| b.is_ascii_digit());
        if word.chars().nth(2).is_none() || digits || is_stop_word(&word) {
            continue;
        }
        let one = singular(&word);
        if !is_stop_word(&one) {
            out.push(one.into_owned());
        }
    }
    out
}

/// The plural forms both languages share, taken off long enough words.
fn singular(word: &str) -> Cow<'_, str> {
    if word.chars().nth(4).is_some() {
        if let Some(stem) = word.strip_suffix("aux") {
            return Cow::Owned(format!("{stem}al"));
        }
        if let Some(stem) = word.strip_suffix('s').or_else(|| word.strip_suffix('x')) {
            return Cow::Borrowed(stem);
        }
    }
    Cow::Borrowed(word)
}

/// Each word between two spaces, to mark its edges, in one string; and
/// where each is.
fn padded(words: &[String]) -> (String, Vec<std::ops::Range<usize>>) {
    let mut padded = String::with_capacity(words.iter().map(|w| w.len() + 2).sum());
    let mut spans = Vec::with_capacity(words.len());
    for w in words {
        let start = padded.len();
        padded.push(' ');
        padded.push_str(w);
        padded.push(' ');
        spans.push(start..padded.len());
    }
    (padded, spans)
}

/// Character n-grams of each word of `padded` (`spans`: where each is,
/// between its two spaces).
fn pieces<'a>(padded: &'a str, spans: &[std::ops::Range<usize>]) -> Vec<Name<'a>> {
    let mut out = Vec::with_capacity(padded.len() * 3);
    let mut edges = Vec::new();
    for span in spans {
        let w = &padded[span.clone()];
        edges.clear();
        edges.extend(w.char_indices().map(|(i, _)| i));
        edges.push(w.len());
        let chars = edges.len() - 1;
        for n in PIECE_SIZES {
            out.extend((n..=chars).map(|end| Name::new(&w[edges[end - n]..edges[end]])));
        }
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ç' => 'c',
        'œ' => 'o',
        c => c,
    }
}

/// Dot product of two feature lists by name (both sorted by name).
#[cfg(test)]
fn dot(a: &[(String, f64)], b: &[(String, f64)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elision_plural_and_accents_are_taken_off() {
        assert_eq!(
            words("l’entraide judiciaire et les campagnes d’information"),
            ["entraide", "judiciaire", "campagne", "information"]
        );
        assert_eq!(words("Des États parties"), Vec::<String>::new());
        assert_eq!(words("travaux internationaux"), ["traval", "international"]);
    }

    #[test]
    fn forms_of_one_word_share_pieces() {
        let a = of("sensibiliser", None, &[]);
        let b = of("sensibilisation", None, &[]);
        let c = of("extradition", None, &[]);
        assert!(dot(&a, &b) > 0.3, "{}", dot(&a, &b));
        assert!(dot(&a, &c) < dot(&a, &b));
    }

    #[test]
    fn learning_reads_as_reading_does() {
        // Pieces of words come numbered from the words already met; the
        // features must be the very ones read from the names, to the bit.
        // Keywords are found by one automaton, and checked here against a
        // search for each: one inside another, one listed twice, an empty
        // one (which every text has), capitals and Cyrillic lowered.
        let list = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let keywords = [
            (
                ChapterKey::new("prevention"),
                list(&["campagne", "sensibilis", "campagne"]),
            ),
            (
                ChapterKey::new("cooperation"),
                list(&["coopération", "ération", "", "entraide"]),
            ),
            (ChapterKey::new("migrants"), list(&["незаконного", "ввоз"])),
        ];
        let texts = [
            (
                "Campagnes de sensibilisation des jeunes migrants",
                Some("Prévention"),
            ),
            (
                "Sensibiliser les jeunes : campagnes, campagnes et campagnes",
                None,
            ),
            (
                "Coopération internationale ; entraide judiciaire internationale",
                None,
            ),
            (
                "Предупреждение незаконного ввоза мигрантов 預防移民 وقاية",
                None,
            ),
            // Pieces longer than 16 bytes, put in order by more than that.
            ("𠀀𠀁𠀂𠀃𠀅 𠀀𠀁𠀂𠀃𠀄 𠀀𠀁𠀂𠀃", None),
        ];
        let found = ChapterKeywords::new(&keywords);
        let mut v = Vocabulary::default();
        for (text, heading) in texts {
            let learned: Vec<(String, u64)> = v
                .learn(text, heading, &found)
                .into_iter()
                .map(|(n, x)| (v.name(n).to_string(), x.to_bits()))
                .collect();
            let read: Vec<(String, u64)> = of(text, heading, &keywords)
                .into_iter()
                .map(|(n, x)| (n, x.to_bits()))
                .collect();
            assert_eq!(learned, read, "{text}");
        }
    }

    #[test]
    fn texts_read_side_by_side_are_read_alike() {
        let words = [
            "campagnes",
            "passeurs",
            "entraide",
            "données",
            "victimes",
            "mer",
        ];
        let texts: Vec<String> = (0..40)
            .map(|i| {
                (0..8)
                    .map(|j| words[(i * 7 + j * j) % words.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let pairs: Vec<(&str, Option<&str>)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), (i % 3 == 0).then_some("Mesures de prévention")))
            .collect();
        let (v, features) = Vocabulary::learn_all(&pairs, &ChapterKeywords::new(&[]));
        assert_eq!(features.len(), pairs.len());
        for ((text, heading), f) in pairs.iter().zip(&features) {
            let learned: Vec<(&str, f64)> = f.iter().map(|&(n, x)| (v.name(n), x)).collect();
            let read = of(text, *heading, &[]);
            let read: Vec<(&str, f64)> = read.iter().map(|(n, x)| (n.as_str(), *x)).collect();
            assert_eq!(learned, read, "{text}");
        }
    }

    #[test]
    fn each_kind_has_its_weight() {
        let keywords = [(ChapterKey::new("prevention"), vec!["campagne".to_string()])];
        let f = of(
            "campagnes de sensibilisation",
            Some("Prévention"),
            &keywords,
        );
        let norm = |kind: &str| {
            f.iter()
                .filter(|(k, _)| k.starts_with(kind))
                .map(|(_, v)| v * v)
                .sum::<f64>()
                .sqrt()
        };
        assert!((norm("w:") - WORDS).abs() < 1e-9);
        assert!((norm("c:") - PIECES).abs() < 1e-9);
        assert!((norm("h:") - HEADING).abs() < 1e-9);
        assert!((norm("k:") - KEYWORDS).abs() < 1e-9);
        assert!(f.iter().any(|(k, _)| k == "k:prevention"));
        assert!(f.windows(2).all(|w| w[0].0 < w[1].0), "sorted by name");
        assert!(f.iter().any(|(k, _)| k == "w:campagne sensibilisation"));
    }
}
