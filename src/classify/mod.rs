//! Which chapter of the compilation each recommendation goes to, and why.
//! Decisions are taken in this order: an explicit override in the manifest,
//! a rule on the report's own heading, a model learned from earlier
//! editions, keyword rules. Each records its reason and a confidence; those
//! below the manifest's threshold are flagged for a person to confirm.

pub mod evaluate;
pub mod features;
mod fit;
mod keywords;
pub(crate) mod meeting;
pub mod model;
pub mod overrides;
mod spread;

use crate::language::HeadingRule;
use crate::manifest::{ChapterRules, Override};
use crate::model::{ChapterKey, Classified, Decision, Recommendation};
use keywords::KeywordIndex;
pub use model::{Example, Model};

pub struct Classifier<'a> {
    chapters: &'a [ChapterRules],
    overrides: &'a [Override],
    model: Option<&'a Model>,
    doubt_below: f64,
    keywords: std::sync::Arc<KeywordIndex>,
}

/// Confidence given to a decision taken by a rule on the report's heading
/// that nothing contradicts.
const HEADING_CONFIDENCE: f64 = 0.95;
/// A heading rule is put in doubt when the model gives another chapter at
/// least this much more probability than the heading's.
const MODEL_DISSENT: f64 = 0.3;
/// A model learned from fewer recommendations than this is too unsure of
/// itself to put a heading rule in doubt (its probabilities were measured
/// with some ninety).
const DISSENT_EXAMPLES: usize = 60;
/// … or when the text has this many more keywords of another chapter than
/// of the heading's.
const KEYWORD_DISSENT: usize = 2;
/// A heading that speaks of several chapters narrows the choice to them;
/// the text settles it, without review, when the model gives one of them
/// at least this probability (by leave-one-out on the published edition,
/// decisions at 0.9 or more are right 97 times in 100) and no keyword
/// speaks against it.
const SETTLES_AMONG_HEADINGS: f64 = 0.9;

/// The chapters a report heading speaks of: those whose heading rules match
/// it (with the rule), and every chapter it names, by rule or keyword.
pub struct HeadingThemes<'a> {
    pub rules: Vec<(&'a ChapterRules, &'a HeadingRule)>,
    pub named: Vec<&'a str>,
}

fn heading_themes<'a>(
    chapters: &'a [ChapterRules],
    keywords: &KeywordIndex,
    heading: &str,
) -> HeadingThemes<'a> {
    let lower = heading.to_lowercase();
    let found = keywords.scan(&lower);
    let rules: Vec<(&ChapterRules, &HeadingRule)> = chapters
        .iter()
        .filter_map(|c| {
            c.headings
                .iter()
                .find(|r| r.is_match(heading, &lower))
                .map(|r| (c, r))
        })
        .collect();
    let named = chapters
        .iter()
        .enumerate()
        .filter(|(i, c)| rules.iter().any(|(r, _)| r.key == c.key) || found.any_of(*i))
        .map(|(_, c)| c.key.as_str())
        .collect();
    HeadingThemes { rules, named }
}

/// For a run about to classify many recommendations by these chapters:
/// the automaton that finds their keywords quickest is built on a spare
/// core meanwhile.
pub fn prepare_aside(chapters: &[ChapterRules]) {
    KeywordIndex::shared(chapters).prepare_fast_aside();
}

/// The manifest's keywords by chapter, as the model reads them.
pub fn keywords(chapters: &[ChapterRules]) -> Vec<(ChapterKey, Vec<String>)> {
    chapters
        .iter()
        .map(|c| (c.key.clone(), c.keywords.clone()))
        .collect()
}

impl<'a> Classifier<'a> {
    pub fn new(
        chapters: &'a [ChapterRules],
        overrides: &'a [Override],
        model: Option<&'a Model>,
        doubt_below: f64,
    ) -> Classifier<'a> {
        Classifier {
            chapters,
            overrides,
            model,
            doubt_below,
            keywords: KeywordIndex::shared(chapters),
        }
    }

    /// The chapter a person or a clear heading rule gave the recommendation,
    /// before any model: what the other reports' models may learn from.
    pub fn settled(&self, rec: &Recommendation) -> Option<ChapterKey> {
        if let Some(o) = overrides::find(self.overrides, rec) {
            return Some(o.chapter.clone());
        }
        let themes = self.heading_themes(rec.source.heading.as_deref()?);
        match (themes.rules.as_slice(), themes.named.len()) {
            ([(chapter, _)], 1) => Some(chapter.key.clone()),
            _ => None,
        }
    }

    pub fn heading_themes(&self, heading: &str) -> HeadingThemes<'a> {
        heading_themes(self.chapters, &self.keywords, heading)
    }

    /// A decision, flagged when asked or when less sure than the manifest's
    /// threshold.
    fn decide(
        &self,
        chapter: &ChapterKey,
        confidence: f64,
        reason: String,
        doubt: bool,
    ) -> Decision {
        Decision {
            chapter: chapter.clone(),
            // Three decimals say all a reader needs and keep outputs stable.
            confidence: (confidence * 1000.0).round() / 1000.0,
            reason,
            doubtful: doubt || confidence < self.doubt_below,
        }
    }

    pub fn classify(&self, rec: &Recommendation) -> Decision {
        let themes = rec
            .source
            .heading
            .as_deref()
            .map(|h| self.heading_themes(h));
        self.classify_under(rec, themes.as_ref())
    }

    /// The decision for `rec`, whose heading speaks of `themes`.
    fn classify_under(&self, rec: &Recommendation, themes: Option<&HeadingThemes>) -> Decision {
        let decide = |chapter: &ChapterKey, confidence: f64, reason: String, doubt: bool| {
            self.decide(chapter, confidence, reason, doubt)
        };
        if let Some(o) = overrides::find(self.overrides, rec) {
            let why = o
                .reason
                .as_deref()
                .filter(|r| !r.is_empty())
                .unwrap_or("confirmed by the secretariat");
            return decide(&o.chapter, 1.0, format!("manifest override: {why}"), false);
        }
        let text = rec.inline_text();
        let heading = rec.source.heading.as_deref();
        // A heading that speaks of several chapters does not say which: the
        // model reads the text alone, and chooses among them.
        let mixed = themes.is_some_and(|t| t.named.len() > 1);
        let prediction = self
            .model
            .map(|m| (m, m.predict(&text, heading.filter(|_| !mixed))));
        let keywords = self.keywords(&text);
        if let (Some(heading), Some(themes)) = (heading, themes) {
            if let ([(chapter, rule)], false) = (themes.rules.as_slice(), mixed) {
                let key = chapter.key.as_str();
                let chosen = &chapter.key;
                let mut doubts = Vec::new();
                // Where the text points when the model overrules the heading.
                let mut overruled = None;
                if let Some((model, p)) = &prediction {
                    if model.examples >= DISSENT_EXAMPLES
                        && p.chapter.as_str() != key
                        && p.probability - p.of(key) >= MODEL_DISSENT
                    {
                        doubts.push(format!(
                            "the text reads as `{}` (model p = {:.2}, `{key}` {:.2}; words: {}), where it is placed",
                            p.chapter,
                            p.probability,
                            p.of(key),
                            p.evidence.join(", ")
                        ));
                        overruled = Some((&p.chapter, p.probability));
                    }
                }
                if let Some((other, _, words)) = keywords.first() {
                    if keywords_dissent(&keywords, chosen) {
                        doubts.push(format!(
                            "the text has keywords of `{other}`: {}",
                            words.join(", ")
                        ));
                    }
                }
                let ruled =
                    format!("report heading “{heading}” matches the rule /{rule}/ of `{key}`");
                if doubts.is_empty() {
                    return decide(chosen, HEADING_CONFIDENCE, ruled, false);
                }
                let (chosen, confidence) = overruled.unwrap_or_else(|| {
                    (chosen, prediction.as_ref().map_or(0.5, |(_, p)| p.of(key)))
                });
                return decide(
                    chosen,
                    confidence,
                    format!("{ruled}, but {}", doubts.join("; ")),
                    true,
                );
            }
            if mixed {
                return self.among_heading_themes(heading, themes, prediction.as_ref(), &keywords);
            }
        }
        if let Some((model, p)) = &prediction {
            let mut reason = model_reason(model, p);
            let mut doubt = false;
            if let Some((other, _, words)) = keywords.first() {
                if keywords_dissent(&keywords, &p.chapter) {
                    doubt = true;
                    reason.push_str(&format!(
                        ", but the text has keywords of `{other}`: {}",
                        words.join(", ")
                    ));
                }
            }
            return decide(&p.chapter, p.probability, reason, doubt);
        }
        if let Some((key, n, words)) = keywords.first() {
            // Keywords alone are a hint for a person, never a decision.
            return decide(
                key,
                keyword_confidence(&keywords, *n),
                format!("keywords of `{key}`: {}", words.join(", ")),
                true,
            );
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

    /// The decision under a heading that speaks of several chapters: the
    /// model chooses from the text, and settles it without review only when
    /// sure of one of the heading's chapters and no keyword speaks against.
    fn among_heading_themes(
        &self,
        heading: &str,
        themes: &HeadingThemes,
        prediction: Option<&(&Model, model::Prediction)>,
        keywords: &[(ChapterKey, usize, Vec<String>)],
    ) -> Decision {
        let named = themes.named.join("`, `");
        let spoken = match themes.rules.as_slice() {
            [] => format!("report heading “{heading}” names `{named}`"),
            [(chapter, rule)] => format!(
                "report heading “{heading}” matches the rule /{rule}/ of `{}` and also names `{}`",
                chapter.key,
                themes
                    .named
                    .iter()
                    .filter(|k| **k != chapter.key.as_str())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("`, `")
            ),
            rules => format!(
                "report heading “{heading}” matches the rules of `{}`",
                rules
                    .iter()
                    .map(|(c, _)| c.key.as_str())
                    .collect::<Vec<_>>()
                    .join("`, `")
            ),
        };
        let decide = |chapter: &ChapterKey, confidence: f64, reason: String, doubt: bool| {
            self.decide(chapter, confidence, reason, doubt)
        };
        // A model learned from few recommendations knows less of the
        // chapters than their keywords say.
        let trusted =
            prediction.filter(|(m, _)| m.examples >= DISSENT_EXAMPLES || keywords.is_empty());
        if let Some((model, p)) = trusted {
            let settled = model.examples >= DISSENT_EXAMPLES
                && p.probability >= SETTLES_AMONG_HEADINGS
                && themes.named.contains(&p.chapter.as_str())
                && !keywords_dissent(keywords, &p.chapter);
            let then = if settled {
                ", which the text settles: "
            } else {
                "; "
            };
            return decide(
                &p.chapter,
                p.probability,
                format!("{spoken}{then}{}", model_reason(model, p)),
                !settled,
            );
        }
        if let Some((key, n, words)) = keywords.first() {
            return decide(
                key,
                keyword_confidence(keywords, *n),
                format!("{spoken}; keywords of `{key}`: {}", words.join(", ")),
                true,
            );
        }
        // Nothing in the text tells: the heading's own rule, for a person
        // to confirm.
        let chapter = themes
            .rules
            .first()
            .map_or_else(|| ChapterKey::new(themes.named[0]), |(c, _)| c.key.clone());
        decide(
            &chapter,
            0.5,
            format!("{spoken}; nothing in the text tells which"),
            true,
        )
    }

    /// The chapters whose keywords the text has, most first (ties in the
    /// manifest's order), with how many and which.
    fn keywords(&self, text: &str) -> Vec<(ChapterKey, usize, Vec<String>)> {
        let found = self.keywords.scan_lowering(text);
        let mut scored: Vec<(ChapterKey, usize, Vec<String>)> = self
            .chapters
            .iter()
            .enumerate()
            // Most chapters have none of their keywords in a text: nothing
            // is made for them.
            .filter(|&(i, _)| found.any_of(i))
            .map(|(i, c)| {
                let words: Vec<String> = found
                    .of(self.chapters, i)
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                (c.key.clone(), words.len(), words)
            })
            .filter(|s| s.1 > 0)
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.1));
        scored
    }
}

/// Whether the text has clearly more keywords of another chapter than of
/// `chosen`.
fn keywords_dissent(scored: &[(ChapterKey, usize, Vec<String>)], chosen: &ChapterKey) -> bool {
    let own = scored.iter().find(|k| &k.0 == chosen).map_or(0, |k| k.1);
    scored
        .first()
        .is_some_and(|(other, n, _)| other != chosen && *n >= own + KEYWORD_DISSENT)
}

/// How far the best chapter's keywords outnumber the others'.
fn keyword_confidence(scored: &[(ChapterKey, usize, Vec<String>)], best: usize) -> f64 {
    let second = scored.get(1).map_or(0, |s| s.1);
    best as f64 / (best + second + 1) as f64
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

/// Decides the chapter of every recommendation. Recommendations come in
/// runs under one heading: what it speaks of is worked out once a run.
pub(crate) fn classify_all(recs: &[Recommendation], classifier: &Classifier) -> Vec<Classified> {
    let mut last: Option<(&str, HeadingThemes)> = None;
    recs.iter()
        .map(|rec| {
            let heading = rec.source.heading.as_deref();
            let themes = heading.map(|h| match last.take() {
                Some((seen, themes)) if seen == h => (h, themes),
                _ => (h, classifier.heading_themes(h)),
            });
            let decision = classifier.classify_under(rec, themes.as_ref().map(|(_, t)| t));
            last = themes.or(last.take());
            Classified {
                decision,
                recommendation: rec.clone(),
            }
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

    /// A classifier with no overrides and the usual threshold.
    fn classifier<'a>(chapters: &'a [ChapterRules], model: Option<&'a Model>) -> Classifier<'a> {
        Classifier::new(chapters, &[], model, 0.75)
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
            text: Some("Texte".into()),
            hash: None,
            chapter: "research".into(),
            reason: None,
            line: 1,
            column: 1,
        }];
        let c = Classifier::new(&chapters, &overrides, None, 0.75);
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
    fn a_heading_is_evidence_not_proof() {
        let chapters = chapters();
        let c = classifier(&chapters, None);
        // One rule, one theme, nothing against: placed without review.
        let clear = c.classify(&rec(Some("Mesures de prévention"), "1", "Texte."));
        assert!(!clear.doubtful);
        // A heading naming two themes (one by rule, one by keyword).
        let two = c.classify(&rec(
            Some("Prévention et entraide judiciaire"),
            "2",
            "Texte.",
        ));
        assert!(two.doubtful, "{}", two.reason);
        assert!(
            two.reason.contains("also names `cooperation`"),
            "{}",
            two.reason
        );
        // A heading matching the rules of two chapters.
        let several = c.classify(&rec(
            Some("Travaux futurs et collecte de données"),
            "3",
            "Les données et la recherche.",
        ));
        assert!(several.doubtful, "{}", several.reason);
        assert!(
            several.reason.contains("matches the rules of"),
            "{}",
            several.reason
        );
        // The text's keywords point elsewhere with a good margin.
        let against = c.classify(&rec(
            Some("Mesures de prévention"),
            "4",
            "L’entraide judiciaire, l’extradition et la coopération bilatérale.",
        ));
        assert_eq!(against.chapter.as_str(), "prevention");
        assert!(against.doubtful, "{}", against.reason);
        assert!(
            against.reason.contains("keywords of `cooperation`"),
            "{}",
            against.reason
        );
    }

    /// A model sure of itself: enough examples of two chapters, each with
    /// words of its own.
    fn sure_model() -> Model {
        let examples: Vec<Example> = (0..40)
            .flat_map(|i| {
                [
                    Example {
                        text: format!("Campagnes de sensibilisation du public, numéro {i}."),
                        heading: None,
                        chapter: "prevention".into(),
                    },
                    Example {
                        text: format!("Recueillir des données statistiques ventilées, série {i}."),
                        heading: None,
                        chapter: "research".into(),
                    },
                ]
            })
            .collect();
        Model::train(&examples, &[], "E/1").unwrap()
    }

    #[test]
    fn the_text_settles_a_heading_of_several_chapters_only_when_sure() {
        let chapters = chapters();
        let model = sure_model();
        let c = classifier(&chapters, Some(&model));
        let heading = Some("Prévention et collecte de données");
        // The heading names both chapters; the text is plainly one of them.
        let sure = c.classify(&rec(
            heading,
            "1",
            "Des campagnes de sensibilisation du public.",
        ));
        assert_eq!(sure.chapter.as_str(), "prevention");
        assert!(
            sure.confidence >= SETTLES_AMONG_HEADINGS,
            "{}",
            sure.confidence
        );
        assert!(!sure.doubtful, "{}", sure.reason);
        assert!(
            sure.reason.contains("which the text settles"),
            "{}",
            sure.reason
        );
        // A text the model cannot tell apart stays for review.
        let unsure = c.classify(&rec(heading, "2", "Les États parties devraient agir."));
        assert!(
            unsure.confidence < SETTLES_AMONG_HEADINGS,
            "{}",
            unsure.confidence
        );
        assert!(unsure.doubtful, "{}", unsure.reason);
        // The model's chapter is not one the heading speaks of: review.
        let heading = Some("Travaux futurs et entraide judiciaire");
        let elsewhere = c.classify(&rec(
            heading,
            "3",
            "Des campagnes de sensibilisation du public.",
        ));
        assert!(elsewhere.doubtful, "{}", elsewhere.reason);
    }

    #[test]
    fn a_heading_that_also_names_another_theme_stands_when_the_text_agrees() {
        let chapters = chapters();
        let model = sure_model();
        let c = classifier(&chapters, Some(&model));
        let heading = Some("Prévention et analyse statistique");
        let agrees = c.classify(&rec(
            heading,
            "1",
            "Des campagnes de sensibilisation du public.",
        ));
        assert_eq!(agrees.chapter.as_str(), "prevention");
        assert!(!agrees.doubtful, "{}", agrees.reason);
        assert!(
            agrees.reason.contains("which the text settles"),
            "{}",
            agrees.reason
        );
        // The text reads as the other theme the heading names: placed there.
        let other = c.classify(&rec(
            heading,
            "2",
            "Recueillir des données statistiques ventilées, série 3.",
        ));
        assert_eq!(other.chapter.as_str(), "research");
        assert!(!other.doubtful, "{}", other.reason);
        // The text reads as a theme the heading does not name: review.
        let heading = Some("Travaux futurs et entraide judiciaire");
        let elsewhere = c.classify(&rec(
            heading,
            "3",
            "Recueillir des données statistiques ventilées.",
        ));
        assert!(elsewhere.doubtful, "{}", elsewhere.reason);
    }

    #[test]
    fn nothing_applies_means_doubtful_with_zero_confidence() {
        let chapters = chapters();
        let c = classifier(&chapters, None);
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
                    heading: None,
                    chapter: "research".into(),
                },
                Example {
                    text: "campagnes".into(),
                    heading: None,
                    chapter: "prevention".into(),
                },
            ],
            &[],
            "E/1",
        )
        .unwrap();
        let c = classifier(&chapters, Some(&model));
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
