//! Which chapter of the compilation each recommendation goes to, and why.
//! Decisions are taken in this order: an explicit override in the manifest,
//! a rule on the report's own heading, a model learned from earlier
//! editions, keyword rules. Each records its reason and a confidence; those
//! below the manifest's threshold are flagged for a person to confirm. What
//! nothing places goes to the last chapter (`Other recommendations`), flagged.

pub(crate) mod meeting;
pub mod model;

use crate::manifest::{ChapterRules, Override};
use crate::model::{ChapterKey, Classified, Decision, Recommendation};
use aho_corasick::{AhoCorasick, MatchKind};
pub use model::{Example, Model};
use std::cell::RefCell;
use std::sync::Mutex;

pub struct Classifier<'a> {
    pub chapters: &'a [ChapterRules],
    pub overrides: &'a [Override],
    pub model: Option<&'a Model>,
    pub doubt_below: f64,
}

/// Confidence given to a decision taken by a rule on the report's heading.
const HEADING_CONFIDENCE: f64 = 0.95;
/// A model's answer below this is passed over for the keyword rules.
const MODEL_FLOOR: f64 = 0.5;

/// Every chapter's keywords in one automaton, so that a recommendation's
/// text is read once rather than once per keyword; and the heading rules
/// that the last heading matched, since a report's recommendations come
/// heading after heading.
struct KeywordIndex {
    automaton: Option<AhoCorasick>,
    /// Where each chapter's keywords start among the automaton's patterns.
    starts: Vec<usize>,
    last_heading: RefCell<Option<(String, HeadingRules)>>,
}

/// (chapter, rule) of each chapter that has a heading rule matching a
/// heading: the first of its rules that does.
type HeadingRules = Vec<(usize, usize)>;

impl KeywordIndex {
    fn new(chapters: &[ChapterRules]) -> KeywordIndex {
        let mut starts = Vec::with_capacity(chapters.len());
        let mut patterns: Vec<&str> = Vec::new();
        for c in chapters {
            starts.push(patterns.len());
            patterns.extend(c.keywords.iter().map(String::as_str));
        }
        KeywordIndex {
            automaton: automaton(&patterns),
            starts,
            last_heading: RefCell::new(None),
        }
    }

    /// Which of the keywords, in the automaton's order, `lower` contains.
    fn present(&self, chapters: &[ChapterRules], lower: &str) -> Vec<bool> {
        match &self.automaton {
            Some(automaton) => {
                let mut present = vec![false; automaton.patterns_len()];
                for m in automaton.find_overlapping_iter(lower) {
                    present[m.pattern().as_usize()] = true;
                }
                present
            }
            None => chapters
                .iter()
                .flat_map(|c| c.keywords.iter().map(|k| lower.contains(k.as_str())))
                .collect(),
        }
    }

    /// For each chapter that has a heading rule matching `heading`: the
    /// chapter and its first matching rule.
    fn heading_rules(&self, chapters: &[ChapterRules], heading: &str) -> HeadingRules {
        let mut last = self.last_heading.borrow_mut();
        if let Some((seen, matching)) = last.as_ref() {
            if seen == heading {
                return matching.clone();
            }
        }
        let matching: HeadingRules = chapters
            .iter()
            .enumerate()
            .filter_map(|(c, rules)| {
                rules
                    .headings
                    .iter()
                    .position(|r| r.is_match(heading))
                    .map(|r| (c, r))
            })
            .collect();
        *last = Some((heading.to_string(), matching.clone()));
        matching
    }
}

/// The automaton of a list of keywords, built once per run for each list
/// (a batch classifies every report with the same chapters).
fn automaton(patterns: &[&str]) -> Option<AhoCorasick> {
    type Built = Vec<(Vec<String>, Option<AhoCorasick>)>;
    static BUILT: Mutex<Built> = Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, automaton)) = built.iter().find(|(p, _)| p.iter().eq(patterns)) {
        return automaton.clone();
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .ok();
    built.push((
        patterns.iter().map(|p| p.to_string()).collect(),
        automaton.clone(),
    ));
    automaton
}

impl Classifier<'_> {
    pub fn classify(&self, rec: &Recommendation) -> Decision {
        self.classify_with(rec, &KeywordIndex::new(self.chapters))
    }

    fn classify_with(&self, rec: &Recommendation, index: &KeywordIndex) -> Decision {
        let decide = |chapter: &ChapterKey, confidence: f64, reason: String| Decision {
            chapter: chapter.clone(),
            // Three decimals say all a reader needs and keep outputs stable.
            confidence: (confidence * 1000.0).round() / 1000.0,
            reason,
            doubtful: confidence < self.doubt_below,
        };
        if let Some(o) = self
            .overrides
            .iter()
            .find(|o| o.report == rec.source.report && o.paragraph == rec.source.paragraph)
        {
            let why = o
                .reason
                .as_deref()
                .unwrap_or("confirmed by the secretariat");
            return decide(&o.chapter, 1.0, format!("manifest override: {why}"));
        }
        if let Some(heading) = &rec.source.heading {
            let matching = index.heading_rules(self.chapters, heading);
            if let [(chapter, rule)] = matching[..] {
                let (chapter, rule) = (
                    &self.chapters[chapter],
                    &self.chapters[chapter].headings[rule],
                );
                return decide(
                    &chapter.key,
                    HEADING_CONFIDENCE,
                    format!(
                        "report heading “{heading}” matches the rule /{rule}/ of `{}`",
                        chapter.key
                    ),
                );
            }
        }
        let text = rec.inline_text();
        let prediction = self.model.map(|m| (m, m.predict(&text)));
        if let Some((model, p)) = &prediction {
            if p.probability >= MODEL_FLOOR {
                return decide(&p.chapter, p.probability, model_reason(model, p));
            }
        }
        if let Some((key, confidence, words)) = self.keywords(&text, index) {
            return decide(
                &key,
                confidence,
                format!("keywords of `{key}`: {}", words.join(", ")),
            );
        }
        if let Some((model, p)) = &prediction {
            return decide(&p.chapter, p.probability, model_reason(model, p));
        }
        // A manifest always has a chapter; the built-in tables end with `other`.
        let fallback = self
            .chapters
            .last()
            .map_or_else(|| ChapterKey::new("other"), |c| c.key.clone());
        Decision {
            reason: format!("no override, heading rule, model or keyword places it; put in `{fallback}` for review"),
            chapter: fallback,
            confidence: 0.0,
            doubtful: true,
        }
    }

    /// The chapter whose keywords the text has most of, how sure that is, and
    /// the keywords found.
    fn keywords(&self, text: &str, index: &KeywordIndex) -> Option<(ChapterKey, f64, Vec<String>)> {
        let lower = text.to_lowercase();
        let present = index.present(self.chapters, &lower);
        let mut scored: Vec<(usize, &ChapterRules, Vec<String>)> = self
            .chapters
            .iter()
            .zip(&index.starts)
            .map(|(c, &start)| {
                let found: Vec<String> = c
                    .keywords
                    .iter()
                    .zip(&present[start..])
                    .filter(|(_, &here)| here)
                    .map(|(k, _)| k.clone())
                    .collect();
                (found.len(), c, found)
            })
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        let (best, chapter, words) = scored.first()?.clone();
        if best == 0 {
            return None;
        }
        let second = scored.get(1).map_or(0, |s| s.0);
        let confidence = best as f64 / (best + second + 1) as f64;
        Some((chapter.key.clone(), confidence, words))
    }
}

fn model_reason(model: &Model, p: &model::Prediction) -> String {
    format!(
        "model learned from {} recommendations of {}: p = {:.2} (words: {})",
        model.examples,
        model.source,
        p.probability,
        p.evidence.join(", ")
    )
}

/// Decides the chapter of every recommendation.
pub(crate) fn classify_all(recs: &[Recommendation], classifier: &Classifier) -> Vec<Classified> {
    let index = KeywordIndex::new(classifier.chapters);
    recs.iter()
        .map(|rec| Classified {
            decision: classifier.classify_with(rec, &index),
            recommendation: rec.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;

    fn rec(heading: Option<&str>, paragraph: &str, text: &str) -> Recommendation {
        Recommendation {
            source: Provenance {
                file: "r.txt".into(),
                report: "R/1".into(),
                paragraph: paragraph.parse().unwrap(),
                line: 1,
                heading: heading.map(str::to_string),
            },
            text: text.into(),
            items: vec![],
        }
    }

    fn chapters() -> Vec<ChapterRules> {
        crate::manifest::default_chapters(crate::language::get("fr").unwrap())
    }

    #[test]
    fn decisions_in_order_override_heading_keywords() {
        let chapters = chapters();
        let overrides = vec![Override {
            report: "R/1".into(),
            paragraph: "3".parse().unwrap(),
            chapter: "research".into(),
            reason: None,
        }];
        let c = Classifier {
            chapters: &chapters,
            overrides: &overrides,
            model: None,
            doubt_below: 0.75,
        };
        let o = c.classify(&rec(Some("Mesures de prévention"), "3", "Texte."));
        assert_eq!((o.chapter.as_str(), o.confidence), ("research", 1.0));
        assert!(o.reason.starts_with("manifest override"));
        let h = c.classify(&rec(Some("Mesures de prévention"), "4", "Texte."));
        assert_eq!(h.chapter.as_str(), "prevention");
        assert!(!h.doubtful);
        assert!(h.reason.contains("Mesures de prévention"), "{}", h.reason);
        let k = c.classify(&rec(
            Some("Questions de fond"),
            "5",
            "Les États devraient renforcer l’entraide judiciaire et l’extradition.",
        ));
        assert_eq!(k.chapter.as_str(), "cooperation");
        assert!(k.reason.contains("entraide judiciaire"), "{}", k.reason);
    }

    #[test]
    fn nothing_applies_means_doubtful_with_zero_confidence() {
        let chapters = chapters();
        let c = Classifier {
            chapters: &chapters,
            overrides: &[],
            model: None,
            doubt_below: 0.75,
        };
        let d = c.classify(&rec(None, "1", "Texte sans indice."));
        assert_eq!(
            (d.chapter.as_str(), d.confidence, d.doubtful),
            ("other", 0.0, true)
        );
    }

    #[test]
    fn the_model_decides_before_keywords() {
        let chapters = chapters();
        let model = Model::train(
            &[
                Example {
                    text: "centres pluri-institutions".into(),
                    chapter: "research".into(),
                },
                Example {
                    text: "campagnes".into(),
                    chapter: "prevention".into(),
                },
            ],
            "E/1",
        )
        .unwrap();
        let c = Classifier {
            chapters: &chapters,
            overrides: &[],
            model: Some(&model),
            doubt_below: 0.75,
        };
        let d = c.classify(&rec(None, "1", "Des centres pluri-institutions."));
        assert_eq!(d.chapter.as_str(), "research");
        assert!(
            d.reason
                .contains("model learned from 2 recommendations of E/1"),
            "{}",
            d.reason
        );
    }
}
