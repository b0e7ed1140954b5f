//! A linear model of the compilation's chapters (multinomial logistic
//! regression), learned from recommendations whose chapter is known: those
//! of earlier editions, and those a person or a heading rule placed in the
//! other reports of the compilation. Deterministic (no randomness, fixed
//! order) and explainable: its reason names the words that weighed most.
//!
//! With far fewer examples than features, the weights are sought in the
//! span of the examples (w = Σ αᵢ xᵢ, which is where the L2-regularised
//! optimum lies), so training works on the examples' table of dot products
//! and costs the same whatever the number of features.

use super::features::{self, Features, Keywords};
use crate::model::ChapterKey;
use rayon::prelude::*;
use std::collections::BTreeMap;

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
    /// Per feature, its weight towards each chapter.
    weights: BTreeMap<String, Vec<f64>>,
    bias: Vec<f64>,
    keywords: Vec<(ChapterKey, Vec<String>)>,
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

/// Strength of the L2 penalty on the weights.
const PENALTY: f64 = 0.001;
/// Weight of the constant feature that carries each chapter's prior.
const BIAS: f64 = 1.0;
/// Scores are divided by this before the softmax, so that the probabilities
/// match how often the model is right. Measured by leave-one-out on the
/// published edition (`recueil evaluate` prints the accuracy per band).
const TEMPERATURE: f64 = 1.0;
const MAX_STEPS: usize = 4000;
/// Training stops when no coefficient's gradient exceeds this.
const TOLERANCE: f64 = 1e-6;

impl Model {
    /// None when there is nothing to learn from.
    pub fn train(examples: &[Example], keywords: &Keywords, source: &str) -> Option<Model> {
        if examples.is_empty() {
            return None;
        }
        let counted = examples.len();
        let examples = &with_descriptions(examples, keywords);
        let chapters = chapters_of(examples);
        let xs: Vec<Features> = examples
            .iter()
            .map(|e| features::of(&e.text, e.heading.as_deref(), keywords))
            .collect();
        let labels = labels(examples, &chapters);
        let gram = gram(&xs);
        let all: Vec<usize> = (0..xs.len()).collect();
        let alpha = fit(&gram, &all, &labels, chapters.len());
        let c = chapters.len();
        let mut weights: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        let mut bias = vec![0.0; c];
        for (i, x) in xs.iter().enumerate() {
            let a = &alpha[i * c..(i + 1) * c];
            for (name, v) in x {
                let w = weights.entry(name.clone()).or_insert_with(|| vec![0.0; c]);
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
            weights,
            bias,
            keywords: keywords.to_vec(),
            examples: counted,
            source: source.to_string(),
        })
    }

    pub fn predict(&self, text: &str, heading: Option<&str>) -> Prediction {
        let x = features::of(text, heading, &self.keywords);
        let mut scores: Vec<f64> = self.bias.iter().map(|b| b * BIAS).collect();
        for (name, v) in &x {
            if let Some(w) = self.weights.get(name) {
                for (s, wk) in scores.iter_mut().zip(w) {
                    *s += wk * v;
                }
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
        let mut evidence: Vec<(f64, String)> = x
            .iter()
            .filter(|(name, _)| name.starts_with("w:"))
            .filter_map(|(name, v)| {
                let w = self.weights.get(name)?;
                let pull = v * (w[best] - second.map_or(0.0, |s| w[s]));
                (pull > 0.0).then(|| (pull, name[2..].to_string()))
            })
            .collect();
        evidence.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Prediction {
            chapter: self.chapters[best].clone(),
            probability: probabilities[best],
            ranking: order
                .iter()
                .map(|&k| (self.chapters[k].clone(), probabilities[k]))
                .collect(),
            evidence: evidence.into_iter().take(4).map(|(_, w)| w).collect(),
        }
    }
}

/// The examples, and each chapter's keywords as one more example of it:
/// the secretariat's own description of the chapter, so that a model
/// learned from few recommendations still knows every chapter.
fn with_descriptions(examples: &[Example], keywords: &Keywords) -> Vec<Example> {
    let mut all = examples.to_vec();
    all.extend(
        keywords
            .iter()
            .filter(|(_, words)| !words.is_empty())
            .map(|(chapter, words)| Example {
                text: words.join(" "),
                heading: None,
                chapter: chapter.clone(),
            }),
    );
    all
}

fn chapters_of(examples: &[Example]) -> Vec<ChapterKey> {
    let mut chapters: Vec<ChapterKey> = examples.iter().map(|e| e.chapter.clone()).collect();
    chapters.sort();
    chapters.dedup();
    chapters
}

fn labels(examples: &[Example], chapters: &[ChapterKey]) -> Vec<usize> {
    examples
        .iter()
        .map(|e| {
            chapters
                .iter()
                .position(|k| *k == e.chapter)
                .expect("chapter was collected")
        })
        .collect()
}

/// The table of dot products between examples (the constant feature included).
fn gram(xs: &[Features]) -> Vec<Vec<f64>> {
    let n = xs.len();
    let mut k = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in i..n {
            let v = features::dot(&xs[i], &xs[j]) + BIAS * BIAS;
            k[i][j] = v;
            k[j][i] = v;
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

/// Fits the multinomial logistic regression on the examples `rows` of the
/// table `gram`: minimises the mean cross-entropy plus PENALTY/2 ‖W‖² by
/// accelerated gradient descent (Nesterov, constant momentum for a strongly
/// convex objective). Returns the coefficients α, `rows.len()` × `classes`,
/// row-major; W = Σ αᵢ xᵢ.
fn fit(gram: &[Vec<f64>], rows: &[usize], labels: &[usize], classes: usize) -> Vec<f64> {
    let n = rows.len();
    let c = classes;
    // The table of the examples in use, flat, for a tight inner loop.
    let k: Vec<f64> = rows
        .iter()
        .flat_map(|&a| rows.iter().map(move |&b| gram[a][b]))
        .collect();
    // Lipschitz constant of the gradient: the largest eigenvalue of the
    // table (power iteration from a fixed start), halved for the softmax,
    // over n; plus the penalty.
    let mut v = vec![1.0; n];
    let mut top = 0.0;
    for _ in 0..50 {
        let w: Vec<f64> = k.chunks(n).map(|row| dot(row, &v)).collect();
        top = w.iter().map(|x| x * x).sum::<f64>().sqrt();
        if top == 0.0 {
            break;
        }
        v = w.iter().map(|x| x / top).collect();
    }
    let lipschitz = 1.05 * top / (2.0 * n as f64) + PENALTY;
    let step = 1.0 / lipschitz;
    let q = (PENALTY / lipschitz).sqrt();
    let momentum = (1.0 - q) / (1.0 + q);
    let mut alpha = vec![0.0; n * c];
    let mut previous = alpha.clone();
    let mut y = vec![0.0; n * c];
    let mut scores = vec![0.0; n * c];
    let mut p = vec![0.0; c];
    for _ in 0..MAX_STEPS {
        for ((y, a), before) in y.iter_mut().zip(&alpha).zip(&previous) {
            *y = a + momentum * (a - before);
        }
        scores.iter_mut().for_each(|s| *s = 0.0);
        for (row, out) in k.chunks(n).zip(scores.chunks_mut(c)) {
            for (kab, yb) in row.iter().zip(y.chunks(c)) {
                for (s, yk) in out.iter_mut().zip(yb) {
                    *s += kab * yk;
                }
            }
        }
        let mut largest = 0.0f64;
        previous.copy_from_slice(&alpha);
        for a in 0..n {
            let s = &scores[a * c..(a + 1) * c];
            let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut sum = 0.0;
            for (pk, sk) in p.iter_mut().zip(s) {
                *pk = (sk - max).exp();
                sum += *pk;
            }
            for kk in 0..c {
                let target = if labels[rows[a]] == kk { 1.0 } else { 0.0 };
                let g = (p[kk] / sum - target) / n as f64 + PENALTY * y[a * c + kk];
                largest = largest.max(g.abs());
                alpha[a * c + kk] = y[a * c + kk] - step * g;
            }
        }
        if largest < TOLERANCE {
            break;
        }
    }
    alpha
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
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
    let n = examples.len();
    let examples = &with_descriptions(examples, keywords);
    let chapters = chapters_of(examples);
    let labels = labels(examples, &chapters);
    let xs: Vec<Features> = examples
        .iter()
        .map(|e| features::of(&e.text, e.heading.as_deref(), keywords))
        .collect();
    let gram = gram(&xs);
    let c = chapters.len();
    // Folds are independent: run side by side, collected in order.
    (0..n)
        .into_par_iter()
        .map(|i| {
            let rows: Vec<usize> = (0..examples.len()).filter(|&j| j != i).collect();
            let alpha = fit(&gram, &rows, &labels, c);
            let scores: Vec<f64> = (0..c)
                .map(|k| {
                    rows.iter()
                        .enumerate()
                        .map(|(a, &j)| alpha[a * c + k] * gram[j][i])
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
