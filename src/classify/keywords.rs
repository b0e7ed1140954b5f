//! Every chapter's keywords, found in a text in one pass over its bytes.
//! Each recommendation (and each report heading) is searched for the
//! keywords of every chapter; one automaton for them all replaces a
//! substring search per keyword.

use crate::manifest::ChapterRules;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use std::sync::{Arc, Mutex};

pub struct KeywordIndex {
    /// For each chapter, in the slice's order, the pattern of each of its
    /// keywords in the manifest's order; none for an empty keyword, which
    /// every text has, as `str::contains` has it.
    patterns: Vec<Vec<Option<usize>>>,
    automaton: Option<NFA>,
    count: usize,
}

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
        let mut words: Vec<&str> = Vec::new();
        let patterns = chapters
            .iter()
            .map(|c| {
                c.keywords
                    .iter()
                    .map(|k| match words.iter().position(|w| w == k) {
                        _ if k.is_empty() => None,
                        Some(i) => Some(i),
                        None => {
                            words.push(k);
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
            automaton,
            count: words.len(),
        }
    }

    /// The keywords of every chapter that `lower` (a text in lower case)
    /// has.
    pub fn scan(&self, lower: &str) -> Found<'_> {
        let mut present = vec![false; self.count];
        if let Some(nfa) = &self.automaton {
            // An unanchored start state always exists for a standard automaton.
            if let Ok(mut state) = nfa.start_state(Anchored::No) {
                for &byte in lower.as_bytes() {
                    state = nfa.next_state(Anchored::No, state, byte);
                    if nfa.is_match(state) {
                        for i in 0..nfa.match_len(state) {
                            present[nfa.match_pattern(state, i).as_usize()] = true;
                        }
                    }
                }
            }
        }
        Found {
            index: self,
            present,
        }
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
