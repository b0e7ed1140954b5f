//! A naive Bayes model of the compilation's chapters, learned from the
//! recommendations of earlier editions. Small, deterministic and explainable:
//! its reason names the words that weighed most.

use crate::model::ChapterKey;
use std::collections::BTreeMap;

/// One recommendation of an earlier edition and the chapter it went to.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub chapter: ChapterKey,
}

#[derive(Debug, Clone)]
pub struct Model {
    chapters: Vec<ChapterKey>,
    log_prior: Vec<f64>,
    /// Per stem, its log-likelihood in each chapter.
    log_likelihood: BTreeMap<String, Vec<f64>>,
    log_unseen: Vec<f64>,
    pub examples: usize,
    /// Where the examples came from, for reasons.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub chapter: ChapterKey,
    pub probability: f64,
    /// Stems that pulled most towards the chapter.
    pub evidence: Vec<String>,
}

/// Word stems: lower case, accents folded, first five letters, which is
/// as far as French and English inflections leave a word alone.
fn stems(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(str::to_lowercase)
        .map(|w| fold_accents(&w))
        .filter(|w| w.chars().count() >= 4 && !crate::language::is_stop_word(w))
        .map(|w| w.chars().take(5).collect())
        .collect()
}

fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

impl Model {
    /// None when there is nothing to learn from.
    pub fn train(examples: &[Example], source: &str) -> Option<Model> {
        if examples.is_empty() {
            return None;
        }
        let mut chapters: Vec<ChapterKey> = examples.iter().map(|e| e.chapter.clone()).collect();
        chapters.sort();
        chapters.dedup();
        let n = chapters.len();
        let mut docs = vec![0usize; n];
        let mut totals = vec![0usize; n];
        let mut counts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for e in examples {
            let c = chapters
                .iter()
                .position(|k| *k == e.chapter)
                .expect("chapter was collected");
            docs[c] += 1;
            let mut seen = stems(&e.text);
            seen.sort();
            seen.dedup();
            for stem in seen {
                counts.entry(stem).or_insert_with(|| vec![0; n])[c] += 1;
                totals[c] += 1;
            }
        }
        let vocabulary = counts.len() as f64;
        let denominator: Vec<f64> = totals.iter().map(|&t| t as f64 + vocabulary).collect();
        let log_likelihood = counts
            .into_iter()
            .map(|(stem, per)| {
                let l = per
                    .iter()
                    .zip(&denominator)
                    .map(|(&k, d)| ((k as f64 + 1.0) / d).ln())
                    .collect();
                (stem, l)
            })
            .collect();
        Some(Model {
            log_prior: docs
                .iter()
                .map(|&d| (d as f64 / examples.len() as f64).ln())
                .collect(),
            log_unseen: denominator.iter().map(|d| (1.0 / d).ln()).collect(),
            log_likelihood,
            chapters,
            examples: examples.len(),
            source: source.to_string(),
        })
    }

    pub fn predict(&self, text: &str) -> Prediction {
        let words = stems(text);
        let mut scores = self.log_prior.clone();
        for stem in &words {
            if let Some(l) = self.log_likelihood.get(stem) {
                for (s, v) in scores.iter_mut().zip(l) {
                    *s += v;
                }
            } else {
                for (s, v) in scores.iter_mut().zip(&self.log_unseen) {
                    *s += v;
                }
            }
        }
        let best = (0..scores.len())
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
            .expect("a model has at least one chapter");
        let max = scores[best];
        let sum: f64 = scores.iter().map(|s| (s - max).exp()).sum();
        let mut evidence: Vec<(f64, &String)> = words
            .iter()
            .filter_map(|w| {
                let l = self.log_likelihood.get(w)?;
                let others = l
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != best)
                    .map(|(_, v)| *v);
                let rest = others.fold(f64::NEG_INFINITY, f64::max);
                Some((l[best] - rest, w))
            })
            .collect();
        evidence.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        evidence.dedup_by(|a, b| a.1 == b.1);
        Prediction {
            chapter: self.chapters[best].clone(),
            probability: 1.0 / sum,
            evidence: evidence
                .into_iter()
                .take(4)
                .map(|(_, w)| w.clone())
                .collect(),
        }
    }
}

/// Leave-one-out accuracy: each example predicted by a model learned from
/// all the others. Returns (correct, total) and the misses.
pub fn leave_one_out(examples: &[Example]) -> (usize, usize, Vec<(usize, ChapterKey)>) {
    let mut correct = 0;
    let mut misses = Vec::new();
    for i in 0..examples.len() {
        let rest: Vec<Example> = examples
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, e)| e.clone())
            .collect();
        let Some(model) = Model::train(&rest, "") else {
            continue;
        };
        let p = model.predict(&examples[i].text);
        if p.chapter == examples[i].chapter {
            correct += 1;
        } else {
            misses.push((i, p.chapter));
        }
    }
    (correct, examples.len(), misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(text: &str, chapter: &str) -> Example {
        Example {
            text: text.into(),
            chapter: ChapterKey::new(chapter),
        }
    }

    #[test]
    fn learns_the_words_of_each_chapter() {
        let model = Model::train(
            &[
                ex("campagnes de sensibilisation des jeunes", "prevention"),
                ex("sensibiliser le public par des campagnes", "prevention"),
                ex(
                    "enquêtes et poursuites pénales contre les passeurs",
                    "criminalization",
                ),
                ex("incriminer et poursuivre les passeurs", "criminalization"),
            ],
            "test",
        )
        .unwrap();
        let p = model.predict("des campagnes de sensibilisation");
        assert_eq!(p.chapter.as_str(), "prevention");
        assert!(p.probability > 0.8, "{p:?}");
        assert!(p.evidence.contains(&"campa".to_string()), "{p:?}");
        assert_eq!(
            model.predict("poursuites contre les passeurs").chapter,
            ChapterKey::new("criminalization")
        );
    }

    #[test]
    fn nothing_to_learn_gives_no_model() {
        assert!(Model::train(&[], "none").is_none());
    }

    #[test]
    fn leave_one_out_counts_every_example() {
        let examples = [
            ex("campagnes de sensibilisation", "prevention"),
            ex("sensibilisation par campagnes", "prevention"),
            ex("poursuites pénales", "criminalization"),
            ex("pénales poursuites enquêtes", "criminalization"),
        ];
        let (correct, total, misses) = leave_one_out(&examples);
        assert_eq!(total, 4);
        assert_eq!(correct + misses.len(), 4);
        assert_eq!(correct, 4);
    }
}
