//! What the model reads of a recommendation: its words, pairs of words and
//! pieces of words (character n-grams), and the words of the report's heading.
//! Pieces of words let `sensibiliser`, `sensibilisation` and `sensibilisés`
//! speak alike, and the elided article (`l’entraide`) and the plural
//! (`campagnes`) are taken off, so that the few dozen examples of an edition
//! go further.

use crate::language::is_stop_word;
use crate::model::ChapterKey;
use std::collections::BTreeMap;

/// A recommendation as features: name and weight, sorted by name.
pub type Features = Vec<(String, f64)>;

/// The manifest's keywords of each chapter (lower case), by chapter key: the
/// secretariat's own words for its themes, read as one more kind of feature
/// (how many of a chapter's keywords the text has), weighed by the model
/// like any other.
pub type Keywords = [(ChapterKey, Vec<String>)];

/// How much each kind of feature weighs, once each kind is scaled to length 1.
const WORDS: f64 = 2.0;
const PIECES: f64 = 1.0;
const HEADING: f64 = 0.6;
const KEYWORDS: f64 = 2.0;

/// Shortest and longest pieces of words.
const PIECE_SIZES: std::ops::RangeInclusive<usize> = 3..=5;

/// Features of a recommendation's text and, if it stood under one, of its
/// report heading.
pub fn of(text: &str, heading: Option<&str>, keywords: &Keywords) -> Features {
    let words = words(text);
    let mut counts: BTreeMap<String, f64> = BTreeMap::new();
    let mut block = |kind: &str, names: Vec<String>, weight: f64| {
        let mut tally: BTreeMap<String, f64> = BTreeMap::new();
        for name in names {
            *tally.entry(format!("{kind}:{name}")).or_default() += 1.0;
        }
        // Counts damped (a word said three times is not three times the
        // evidence), then the kind scaled to length `weight`.
        let damped: Vec<(String, f64)> = tally
            .into_iter()
            .map(|(k, n)| (k, 1.0 + f64::ln(n)))
            .collect();
        let norm = damped.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (k, v) in damped {
                counts.insert(k, weight * v / norm);
            }
        }
    };
    let mut terms = words.clone();
    terms.extend(words.windows(2).map(|w| format!("{} {}", w[0], w[1])));
    block("w", terms, WORDS);
    block("c", pieces(&words), PIECES);
    let lower = text.to_lowercase();
    let found = keywords
        .iter()
        .flat_map(|(chapter, words)| {
            words
                .iter()
                .filter(|k| lower.contains(k.as_str()))
                .map(move |_| chapter.as_str().to_string())
        })
        .collect();
    block("k", found, KEYWORDS);
    if let Some(h) = heading {
        block("h", self::words(h), HEADING);
    }
    counts.into_iter().collect()
}

/// The words that carry meaning: lower case, accents folded, elided
/// articles and stop words dropped, plurals made singular.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fold_accents(&w.to_lowercase()))
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !is_stop_word(w))
        .map(|w| singular(&w))
        .filter(|w| !is_stop_word(w))
        .collect()
}

/// The plural forms both languages share, taken off long enough words.
fn singular(word: &str) -> String {
    let n = word.chars().count();
    if n > 4 {
        if let Some(stem) = word.strip_suffix("aux") {
            return format!("{stem}al");
        }
        if let Some(stem) = word.strip_suffix('s').or_else(|| word.strip_suffix('x')) {
            return stem.to_string();
        }
    }
    word.to_string()
}

/// Character n-grams of each word, with its edges marked.
fn pieces(words: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        let chars: Vec<char> = format!(" {w} ").chars().collect();
        for n in PIECE_SIZES {
            out.extend(chars.windows(n).map(|g| g.iter().collect::<String>()));
        }
    }
    out
}

pub fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'œ' => 'o',
            c => c,
        })
        .collect()
}

/// Dot product of two feature lists (both sorted by name).
pub fn dot(a: &[(String, f64)], b: &[(String, f64)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
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
