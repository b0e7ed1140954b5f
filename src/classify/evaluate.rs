//! How well the model places the recommendations of a published edition,
//! each decided by a model learned from all the others (leave-one-out): the
//! accuracy, which chapters it mistakes for which (the confusion matrix) and
//! whether its probabilities mean what they say (accuracy per band).

use super::features::Keywords;
use super::model::{leave_one_out, Example, Held};
use crate::model::ChapterKey;
use std::fmt::Write;

/// Confidence bands: a decision at p is counted in the band [low, next low).
pub const BANDS: &[f64] = &[0.0, 0.5, 0.75, 0.9];

#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Chapter keys, in the order rows and columns are printed.
    pub chapters: Vec<ChapterKey>,
    /// `confusion[published][predicted]`.
    pub confusion: Vec<Vec<usize>>,
    pub held: Vec<Held>,
    pub correct: usize,
    pub total: usize,
    /// Per band: decisions, right ones, mean probability.
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub low: f64,
    pub high: f64,
    pub decisions: usize,
    pub right: usize,
    pub mean_probability: f64,
}

/// Leave-one-out over `examples`; `chapters` gives the order of the matrix
/// (chapters no example has are left out).
pub fn evaluate(examples: &[Example], chapters: &[ChapterKey], keywords: &Keywords) -> Evaluation {
    let held = leave_one_out(examples, keywords);
    let mut keys: Vec<ChapterKey> = chapters
        .iter()
        .filter(|c| examples.iter().any(|e| &e.chapter == *c))
        .cloned()
        .collect();
    for e in examples {
        if !keys.contains(&e.chapter) {
            keys.push(e.chapter.clone());
        }
    }
    let index = |k: &ChapterKey| keys.iter().position(|c| c == k).expect("key collected");
    let mut confusion = vec![vec![0; keys.len()]; keys.len()];
    for (e, h) in examples.iter().zip(&held) {
        confusion[index(&e.chapter)][index(&h.chapter)] += 1;
    }
    let correct = examples
        .iter()
        .zip(&held)
        .filter(|(e, h)| e.chapter == h.chapter)
        .count();
    let bands = BANDS
        .iter()
        .enumerate()
        .map(|(i, &low)| {
            let high = BANDS.get(i + 1).copied().unwrap_or(f64::INFINITY);
            let inside: Vec<(&Example, &Held)> = examples
                .iter()
                .zip(&held)
                .filter(|(_, h)| h.probability >= low && h.probability < high)
                .collect();
            let n = inside.len();
            Band {
                low,
                high: high.min(1.0),
                decisions: n,
                right: inside
                    .iter()
                    .filter(|(e, h)| e.chapter == h.chapter)
                    .count(),
                mean_probability: if n == 0 {
                    0.0
                } else {
                    inside.iter().map(|(_, h)| h.probability).sum::<f64>() / n as f64
                },
            }
        })
        .collect();
    Evaluation {
        chapters: keys,
        confusion,
        correct,
        total: examples.len(),
        held,
        bands,
    }
}

impl Evaluation {
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.total.max(1) as f64
    }

    /// Decisions at or above `threshold`: how many, and how many right.
    pub fn above(&self, threshold: f64, examples: &[Example]) -> (usize, usize) {
        let sure: Vec<(&Example, &Held)> = examples
            .iter()
            .zip(&self.held)
            .filter(|(_, h)| h.probability >= threshold)
            .collect();
        let right = sure.iter().filter(|(e, h)| e.chapter == h.chapter).count();
        (sure.len(), right)
    }

    /// The confusion matrix as a table: published chapters down, the
    /// model's answers across.
    pub fn matrix(&self) -> String {
        let width = self
            .chapters
            .iter()
            .map(|c| c.as_str().chars().count())
            .max()
            .unwrap_or(0)
            .max("published \\ predicted".len());
        let column = self
            .chapters
            .iter()
            .map(|c| c.as_str().chars().count())
            .max()
            .unwrap_or(0)
            .max(5);
        let mut out = format!("{:<width$}", "published \\ predicted");
        for c in &self.chapters {
            let _ = write!(out, " {:>column$}", c.as_str());
        }
        out.push('\n');
        for (c, row) in self.chapters.iter().zip(&self.confusion) {
            let _ = write!(out, "{:<width$}", c.as_str());
            for n in row {
                let _ = write!(out, " {n:>column$}");
            }
            out.push('\n');
        }
        out
    }

    /// One line per band: is a decision made at p right p of the time?
    pub fn band_lines(&self) -> String {
        let mut out = String::new();
        for b in &self.bands {
            let accuracy = if b.decisions == 0 {
                "-".to_string()
            } else {
                format!("{:.1}%", 100.0 * b.right as f64 / b.decisions as f64)
            };
            let _ = writeln!(
                out,
                "  p in [{:.2}, {:.2}{}: {:>3} decisions, {:>3} right ({accuracy}), mean p {:.2}",
                b.low,
                b.high,
                if b.high >= 1.0 { "]" } else { ")" },
                b.decisions,
                b.right,
                b.mean_probability
            );
        }
        out
    }
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

    #[test]
    fn every_example_is_counted_once_in_matrix_and_bands() {
        let examples = [
            ex("campagnes de sensibilisation", "prevention"),
            ex("sensibilisation par des campagnes", "prevention"),
            ex("campagnes pour les jeunes", "prevention"),
            ex("poursuites pénales", "criminalization"),
            ex("poursuites et enquêtes pénales", "criminalization"),
            ex("enquêtes sur les passeurs", "criminalization"),
        ];
        let order = [
            ChapterKey::new("prevention"),
            "research".into(),
            "criminalization".into(),
        ];
        let e = evaluate(&examples, &order, &[]);
        assert_eq!(
            e.chapters,
            [ChapterKey::new("prevention"), "criminalization".into()]
        );
        let cells: usize = e.confusion.iter().flatten().sum();
        assert_eq!(cells, 6);
        let diagonal: usize = (0..2).map(|i| e.confusion[i][i]).sum();
        assert_eq!(diagonal, e.correct);
        assert_eq!(e.bands.iter().map(|b| b.decisions).sum::<usize>(), 6);
        assert_eq!(e.bands.iter().map(|b| b.right).sum::<usize>(), e.correct);
        let (n, right) = e.above(0.0, &examples);
        assert_eq!((n, right), (6, e.correct));
        assert!(e.matrix().lines().nth(1).unwrap().starts_with("prevention"));
    }
}
