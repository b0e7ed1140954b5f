//! A linear model of the compilation's chapters (multinomial logistic
//! regression), learned from recommendations whose chapter is known: those
//! of earlier editions, and those a person or a heading rule placed in the
//! other reports of the compilation. Deterministic (no randomness, fixed
//! order) and explainable: its reason names the words that weighed most.
//! How it is fitted is in `fit.rs`.

use super::features::{ChapterKeywords, Features, Keywords, Vocabulary};
use super::fit::{fit, Examples, Spread, Table, BIAS};
use crate::model::ChapterKey;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

/// One recommendation whose chapter is known.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    /// The report heading it stood under, where known.
    pub heading: Option<String>,
    pub chapter: ChapterKey,
}

#[derive(Debug, Clone)]
pub struct Model {
    chapters: Vec<ChapterKey>,
    reading: Arc<Reading>,
    /// Per feature of the vocabulary, its weight towards each chapter
    /// (`chapters.len()` numbers each, zero for features the model's
    /// examples do not have).
    weights: Vec<f64>,
    bias: Vec<f64>,
    pub examples: usize,
    /// Where the examples came from, for reasons.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub chapter: ChapterKey,
    pub probability: f64,
    /// Every chapter the model knows with its probability, most likely first.
    pub ranking: Vec<(ChapterKey, f64)>,
    /// Words that pulled most towards the chapter.
    pub evidence: Vec<String>,
}

impl Prediction {
    /// The probability of one chapter (0 for a chapter the model never saw).
    pub fn of(&self, chapter: &str) -> f64 {
        self.ranking
            .iter()
            .find(|(c, _)| c.as_str() == chapter)
            .map_or(0.0, |(_, p)| *p)
    }
}

/// Scores are divided by this before the softmax, so that the probabilities
/// match how often the model is right. Measured by leave-one-out on the
/// published edition (`recueil evaluate` prints the accuracy per band).
const TEMPERATURE: f64 = 1.0;

impl Model {
    /// None when there is nothing to learn from.
    pub fn train(examples: &[Example], keywords: &Keywords, source: &str) -> Option<Model> {
        if examples.is_empty() {
            return None;
        }
        Lessons::new(&[examples], keywords).train(&[0], source)
    }

    pub fn predict(&self, text: &str, heading: Option<&str>) -> Prediction {
        let c = self.chapters.len();
        let x = self.reading.features(text, heading);
        let weight = |n: u32| &self.weights[n as usize * c..(n as usize + 1) * c];
        let mut scores: Vec<f64> = self.bias.iter().map(|b| b * BIAS).collect();
        for &(n, v) in x.iter() {
            for (s, wk) in scores.iter_mut().zip(weight(n)) {
                *s += wk * v;
            }
        }
        let probabilities = softmax(&scores);
        let mut order: Vec<usize> = (0..self.chapters.len()).collect();
        order.sort_by(|&a, &b| {
            probabilities[b]
                .total_cmp(&probabilities[a])
                .then(a.cmp(&b))
        });
        let best = order[0];
        let second = order.get(1).copied();
        // A word's pull: what it adds to the chosen chapter over the runner-up.
        let mut evidence: Vec<(f64, &str)> = x
            .iter()
            .filter_map(|&(n, v)| {
                let word = self.reading.vocabulary.name(n).strip_prefix("w:")?;
                let w = weight(n);
                let pull = v * (w[best] - second.map_or(0.0, |s| w[s]));
                (pull > 0.0).then_some((pull, word))
            })
            .collect();
        evidence.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        Prediction {
            chapter: self.chapters[best].clone(),
            probability: probabilities[best],
            ranking: order
                .iter()
                .map(|&k| (self.chapters[k].clone(), probabilities[k]))
                .collect(),
            evidence: evidence
                .into_iter()
                .take(4)
                .map(|(_, w)| w.to_string())
                .collect(),
        }
    }
}

/// How the models of a run read a text: the names of the features their
/// examples have, and the features of each example, read once. Most texts
/// a compilation's models decide are examples of the other reports' models.
#[derive(Debug)]
struct Reading {
    keywords: ChapterKeywords,
    vocabulary: Vocabulary,
    /// Per example (the groups' in order, then the descriptions).
    features: Vec<Features>,
    /// Which example has a text, and under which heading.
    examples: FxHashMap<String, Vec<(Option<String>, usize)>>,
}

impl Reading {
    fn features(&self, text: &str, heading: Option<&str>) -> Cow<'_, Features> {
        let known = self
            .examples
            .get(text)
            .and_then(|under| under.iter().find(|(h, _)| h.as_deref() == heading));
        match known {
            Some(&(_, i)) => Cow::Borrowed(&self.features[i]),
            None => Cow::Owned(self.vocabulary.read(text, heading, &self.keywords)),
        }
    }
}

/// The examples a run's models learn from, read once: each example's
/// features and the table of dot products between examples. Each model is
/// fitted on some of the groups of examples (a report's model never on the
/// report's own), and on each chapter's keywords as one more example of
/// it: the secretariat's own description of the chapter, so that a model
/// learned from few recommendations still knows every chapter.
pub struct Lessons {
    reading: Arc<Reading>,
    /// Per example, its chapter.
    chapters: Vec<ChapterKey>,
    /// Where each group's examples are.
    groups: Vec<Range<usize>>,
    descriptions: Range<usize>,
    /// Dot products between examples (the constant feature included), a
    /// row per example; not kept for many examples (see `fit.rs`).
    gram: Option<Vec<f64>>,
}

impl Lessons {
    pub fn new(groups: &[&[Example]], keywords: &Keywords) -> Lessons {
        Lessons::read(groups, keywords, false)
    }

    /// `table`: keep the table of dot products whatever the number of
    /// examples.
    fn read(groups: &[&[Example]], keywords: &Keywords, table: bool) -> Lessons {
        let descriptions: Vec<Example> = keywords
            .iter()
            .filter(|(_, words)| !words.is_empty())
            .map(|(chapter, words)| Example {
                text: words.join(" "),
                heading: None,
                chapter: chapter.clone(),
            })
            .collect();
        let mut ranges = Vec::with_capacity(groups.len());
        let mut start = 0;
        for group in groups {
            ranges.push(start..start + group.len());
            start += group.len();
        }
        let all: Vec<&Example> = groups
            .iter()
            .flat_map(|g| g.iter())
            .chain(&descriptions)
            .collect();
        let texts: Vec<(&str, Option<&str>)> = all
            .iter()
            .map(|e| (e.text.as_str(), e.heading.as_deref()))
            .collect();
        let found = ChapterKeywords::new(keywords);
        let (vocabulary, features) = Vocabulary::learn_all(&texts, &found);
        let mut examples: FxHashMap<String, Vec<(Option<String>, usize)>> = FxHashMap::default();
        for (i, e) in all.iter().enumerate() {
            let under = examples.entry(e.text.clone()).or_default();
            if !under.iter().any(|(h, _)| *h == e.heading) {
                under.push((e.heading.clone(), i));
            }
        }
        let nonzeros: usize = features.iter().map(Vec::len).sum();
        let gram = (table || worth_a_table(features.len(), nonzeros))
            .then(|| gram(&features, vocabulary.len()));
        Lessons {
            chapters: all.iter().map(|e| e.chapter.clone()).collect(),
            groups: ranges,
            descriptions: start..all.len(),
            gram,
            reading: Arc::new(Reading {
                keywords: found,
                vocabulary,
                features,
                examples,
            }),
        }
    }

    /// The model learned from the examples of `groups` (and the chapters'
    /// descriptions); None when those groups have no example.
    pub fn train(&self, groups: &[usize], source: &str) -> Option<Model> {
        let rows: Vec<usize> = groups
            .iter()
            .flat_map(|&g| self.groups[g].clone())
            .collect();
        if rows.is_empty() {
            return None;
        }
        let counted = rows.len();
        let rows: Vec<usize> = rows.into_iter().chain(self.descriptions.clone()).collect();
        let chapters = chapters_of(rows.iter().map(|&r| &self.chapters[r]));
        let alpha = fit(
            &self.examples(&rows),
            &self.labels(&rows, &chapters),
            chapters.len(),
        );
        let c = chapters.len();
        let mut weights = written_zeros(self.reading.vocabulary.len() * c);
        let mut bias = vec![0.0; c];
        for (i, &row) in rows.iter().enumerate() {
            let a = &alpha[i * c..(i + 1) * c];
            for &(n, v) in &self.reading.features[row] {
                let w = &mut weights[n as usize * c..(n as usize + 1) * c];
                for k in 0..c {
                    w[k] += a[k] * v;
                }
            }
            for k in 0..c {
                bias[k] += a[k] * BIAS;
            }
        }
        Some(Model {
            chapters,
            reading: Arc::clone(&self.reading),
            weights,
            bias,
            examples: counted,
            source: source.to_string(),
        })
    }

    /// The chapter of each example of `rows` as its place in `chapters`.
    fn labels(&self, rows: &[usize], chapters: &[ChapterKey]) -> Vec<usize> {
        rows.iter()
            .map(|&r| {
                chapters
                    .iter()
                    .position(|c| *c == self.chapters[r])
                    .expect("the examples' chapters are among them")
            })
            .collect()
    }

    /// The examples `rows`, as a fit reads them.
    fn examples(&self, rows: &[usize]) -> Examples {
        match &self.gram {
            Some(gram) => Examples::Table(Table::of(gram, self.chapters.len(), rows)),
            None => Examples::Features(Spread::new(
                rows.iter().map(|&r| &self.reading.features[r]).collect(),
                self.reading.vocabulary.len(),
            )),
        }
    }
}

/// The chapters of the examples, sorted, each once.
fn chapters_of<'a>(examples: impl Iterator<Item = &'a ChapterKey>) -> Vec<ChapterKey> {
    let mut chapters: Vec<ChapterKey> = examples.cloned().collect();
    chapters.sort();
    chapters.dedup();
    chapters
}

/// Whether the table of dot products of `examples` costs less than
/// computing their scores from their features at each step.
fn worth_a_table(examples: usize, nonzeros: usize) -> bool {
    examples * examples <= 2 * nonzeros
}

/// `n` zeros, written rather than asked of the allocator as zeroed
/// memory. Fresh zeroed pages are first mapped to the system's shared page
/// of zeros when read; the first write then copies the page and flushes
/// the other cores' address caches, several times the cost of one fault.
/// A table added to before it is written would pay that on every page.
fn written_zeros(n: usize) -> Vec<f64> {
    let mut v = Vec::with_capacity(n);
    v.resize(n, 0.0);
    v
}

/// The table of dot products between examples (the constant feature
/// included), flat. Each example is spread over a table as wide as the
/// vocabulary, and the others read from it, feature by feature in the
/// order of their names, so that each sum is added up in the same order
/// whoever's table it is. Rows are worked out on every core at once.
fn gram(features: &[Features], vocabulary: usize) -> Vec<f64> {
    let n = features.len();
    let rows: Vec<Vec<f64>> = (0..n)
        .into_par_iter()
        .map_init(
            || written_zeros(vocabulary),
            |spread, i| {
                for &(f, v) in &features[i] {
                    spread[f as usize] = v;
                }
                let row = features[i..]
                    .iter()
                    .map(|other| {
                        let mut dot = 0.0;
                        for &(f, v) in other {
                            dot += spread[f as usize] * v;
                        }
                        dot + BIAS * BIAS
                    })
                    .collect();
                for &(f, _) in &features[i] {
                    spread[f as usize] = 0.0;
                }
                row
            },
        )
        .collect();
    let mut k = vec![0.0; n * n];
    for (i, row) in rows.iter().enumerate() {
        for (j, &v) in (i..n).zip(row) {
            k[i * n + j] = v;
            k[j * n + i] = v;
        }
    }
    k
}

fn softmax(scores: &[f64]) -> Vec<f64> {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = scores
        .iter()
        .map(|s| ((s - max) / TEMPERATURE).exp())
        .collect();
    let sum: f64 = e.iter().sum();
    e.iter().map(|v| v / sum).collect()
}

/// One recommendation of a leave-one-out run: what the model learned from
/// all the others said about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub chapter: ChapterKey,
    pub probability: f64,
}

/// Leave-one-out: each example predicted by a model learned from all the
/// others (the table of dot products is built once; features do not depend
/// on the other examples, so each fold sees exactly what a model trained
/// without the example would).
pub fn leave_one_out(examples: &[Example], keywords: &Keywords) -> Vec<Held> {
    let lessons = Lessons::read(&[examples], keywords, true);
    let all = lessons.chapters.len();
    let chapters = chapters_of(lessons.chapters.iter());
    let c = chapters.len();
    let gram = lessons.gram.as_deref().expect("kept for leave-one-out");
    // Folds are independent: run side by side, collected in order.
    (0..examples.len())
        .into_par_iter()
        .map(|i| {
            let rows: Vec<usize> = (0..all).filter(|&j| j != i).collect();
            let alpha = fit(
                &Examples::Table(Table::of(gram, all, &rows)),
                &lessons.labels(&rows, &chapters),
                c,
            );
            let scores: Vec<f64> = (0..c)
                .map(|k| {
                    rows.iter()
                        .enumerate()
                        .map(|(a, &j)| alpha[a * c + k] * gram[j * all + i])
                        .sum()
                })
                .collect();
            let p = softmax(&scores);
            let best = (0..c)
                .max_by(|&a, &b| p[a].total_cmp(&p[b]).then(b.cmp(&a)))
                .expect("at least one chapter");
            Held {
                chapter: chapters[best].clone(),
                probability: p[best],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fit::PENALTY;
    use super::*;

    fn ex(text: &str, chapter: &str) -> Example {
        Example {
            text: text.into(),
            heading: None,
            chapter: chapter.into(),
        }
    }

    fn two_chapters() -> Vec<Example> {
        vec![
            ex("campagnes de sensibilisation des jeunes", "prevention"),
            ex("sensibiliser le public par des campagnes", "prevention"),
            ex(
                "enquêtes et poursuites pénales contre les passeurs",
                "criminalization",
            ),
            ex("incriminer et poursuivre les passeurs", "criminalization"),
        ]
    }

    #[test]
    fn learns_the_words_of_each_chapter() {
        let model = Model::train(&two_chapters(), &[], "test").unwrap();
        let p = model.predict("des campagnes de sensibilisation", None);
        assert_eq!(p.chapter.as_str(), "prevention");
        assert!(p.probability > 0.6, "{p:?}");
        assert!(p.evidence.contains(&"campagne".to_string()), "{p:?}");
        let q = model.predict("poursuites contre les passeurs", None);
        assert_eq!(q.chapter.as_str(), "criminalization");
        assert!((q.of("prevention") + q.of("criminalization") - 1.0).abs() < 1e-9);
        assert_eq!(q.of("research"), 0.0);
    }

    #[test]
    fn forms_of_a_word_it_never_saw_still_count() {
        let model = Model::train(&two_chapters(), &[], "test").unwrap();
        // Neither `sensibilisation` nor `campagne` in this form, only pieces.
        let p = model.predict("sensibilisés par une campagne", None);
        assert_eq!(p.chapter.as_str(), "prevention", "{p:?}");
    }

    #[test]
    fn the_heading_is_evidence_too() {
        let mut examples = two_chapters();
        for e in &mut examples {
            e.heading = Some(match e.chapter.as_str() {
                "prevention" => "Prévention".into(),
                _ => "Incrimination".into(),
            });
        }
        let model = Model::train(&examples, &[], "test").unwrap();
        let bare = model.predict("un texte sans indice", None);
        let headed = model.predict("un texte sans indice", Some("Prévention"));
        assert_eq!(headed.chapter.as_str(), "prevention");
        assert!(headed.of("prevention") > bare.of("prevention"));
    }

    #[test]
    fn training_is_deterministic_and_converges() {
        let a = Model::train(&two_chapters(), &[], "t").unwrap();
        let b = Model::train(&two_chapters(), &[], "t").unwrap();
        assert_eq!(a.weights, b.weights);
        // At the optimum the gradient is zero: Σᵢ αᵢ = 0 per chapter's bias
        // means the mean predicted probability of each chapter equals its
        // share of the examples.
        let share: f64 = two_chapters()
            .iter()
            .map(|e| model_p(&a, &e.text, "prevention"))
            .sum::<f64>()
            / 4.0;
        let prevention = a
            .chapters
            .iter()
            .position(|c| c.as_str() == "prevention")
            .unwrap();
        let expected = 0.5 - PENALTY * a.bias[prevention] / BIAS;
        assert!((share - expected).abs() < 1e-3, "{share}");
    }

    fn model_p(m: &Model, text: &str, chapter: &str) -> f64 {
        m.predict(text, None).of(chapter)
    }

    #[test]
    fn nothing_to_learn_gives_no_model() {
        assert!(Model::train(&[], &[], "none").is_none());
    }

    #[test]
    fn leave_one_out_matches_training_without_the_example() {
        let mut examples = two_chapters();
        examples.push(ex("campagnes pour les jeunes", "prevention"));
        let keywords = [(ChapterKey::new("prevention"), vec!["jeunes".to_string()])];
        let held = leave_one_out(&examples, &keywords);
        assert_eq!(held.len(), 5);
        for (i, h) in held.iter().enumerate() {
            let mut rest = examples.clone();
            let e = rest.remove(i);
            let model = Model::train(&rest, &keywords, "").unwrap();
            let p = model.predict(&e.text, None);
            assert_eq!(h.chapter, p.chapter);
            assert!((h.probability - p.probability).abs() < 1e-9);
        }
    }
}
