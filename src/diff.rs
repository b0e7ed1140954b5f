//! What changed between two editions of a compilation: recommendations
//! added, removed, moved to another chapter, renumbered or reworded. A
//! recommendation is recognised across editions by its text: the same text,
//! or failing that the most similar one above a threshold.

use crate::model::{ChapterKey, Compilation, NumberedParagraph};
use serde::Serialize;

/// Below this share of common words, two texts are different recommendations.
const SAME_RECOMMENDATION: f64 = 0.6;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub number: u32,
    pub chapter: ChapterKey,
    pub meeting: Option<u32>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    Added {
        new: Entry,
    },
    Removed {
        old: Entry,
    },
    Moved {
        old: Entry,
        new: Entry,
    },
    Renumbered {
        old: Entry,
        new: Entry,
    },
    Reworded {
        old: Entry,
        new: Entry,
        words: Vec<WordChange>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum WordChange {
    Same(String),
    Deleted(String),
    Inserted(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub unchanged: usize,
}

fn entries(c: &Compilation) -> Vec<Entry> {
    let mut out = Vec::new();
    for chapter in &c.chapters {
        for group in &chapter.groups {
            for p in &group.paragraphs {
                out.push(Entry {
                    number: p.number,
                    chapter: chapter.key.clone(),
                    meeting: group.meeting.ordinal,
                    text: full_text(p),
                });
            }
        }
    }
    out
}

fn full_text(p: &NumberedParagraph) -> String {
    crate::parse::squeeze(&p.inline_text())
}

pub fn diff(old: &Compilation, new: &Compilation) -> Diff {
    let old = entries(old);
    let new = entries(new);
    let mut matched_old = vec![false; old.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut unmatched_new = Vec::new();
    for (j, n) in new.iter().enumerate() {
        match old
            .iter()
            .enumerate()
            .position(|(i, o)| !matched_old[i] && o.text == n.text)
        {
            Some(i) => {
                matched_old[i] = true;
                pairs.push((i, j));
            }
            None => unmatched_new.push(j),
        }
    }
    let mut added = Vec::new();
    for j in unmatched_new {
        let best = old
            .iter()
            .enumerate()
            .filter(|(i, _)| !matched_old[*i])
            .map(|(i, o)| (similarity(&o.text, &new[j].text), i))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        match best {
            Some((score, i)) if score >= SAME_RECOMMENDATION => {
                matched_old[i] = true;
                pairs.push((i, j));
            }
            _ => added.push(j),
        }
    }
    pairs.sort_by_key(|&(_, j)| new[j].number);
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for (i, j) in pairs {
        let (o, n) = (old[i].clone(), new[j].clone());
        if o.text != n.text {
            let words = word_diff(&o.text, &n.text);
            changes.push(Change::Reworded {
                old: o,
                new: n,
                words,
            });
        } else if o.chapter != n.chapter {
            changes.push(Change::Moved { old: o, new: n });
        } else if o.number != n.number {
            changes.push(Change::Renumbered { old: o, new: n });
        } else {
            unchanged += 1;
        }
    }
    changes.extend(added.into_iter().map(|j| Change::Added {
        new: new[j].clone(),
    }));
    changes.extend(
        old.iter()
            .enumerate()
            .filter(|(i, _)| !matched_old[*i])
            .map(|(_, o)| Change::Removed { old: o.clone() }),
    );
    Diff { changes, unchanged }
}

/// Share of words the two texts have in common (Dice coefficient on the
/// longest common subsequence of words).
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<&str> = a.split(' ').collect();
    let b: Vec<&str> = b.split(' ').collect();
    2.0 * lcs_table(&a, &b)[0][0] as f64 / (a.len() + b.len()).max(1) as f64
}

fn lcs_table(a: &[&str], b: &[&str]) -> Vec<Vec<usize>> {
    let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    t
}

/// Word-level differences, runs of the same kind merged.
pub fn word_diff(old: &str, new: &str) -> Vec<WordChange> {
    let a: Vec<&str> = old.split(' ').collect();
    let b: Vec<&str> = new.split(' ').collect();
    let t = lcs_table(&a, &b);
    let mut out: Vec<WordChange> = Vec::new();
    let push = |out: &mut Vec<WordChange>, change: WordChange| match (out.last_mut(), &change) {
        (Some(WordChange::Same(s)), WordChange::Same(w))
        | (Some(WordChange::Deleted(s)), WordChange::Deleted(w))
        | (Some(WordChange::Inserted(s)), WordChange::Inserted(w)) => {
            s.push(' ');
            s.push_str(w);
        }
        _ => out.push(change),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push(&mut out, WordChange::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || t[i][j + 1] >= t[i + 1][j]) {
            push(&mut out, WordChange::Inserted(b[j].to_string()));
            j += 1;
        } else {
            push(&mut out, WordChange::Deleted(a[i].to_string()));
            i += 1;
        }
    }
    out
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(70).collect();
    if text.chars().count() > 70 {
        s.push('…');
    }
    s
}

/// The changes as a person reads them, one line each.
pub fn to_text(d: &Diff) -> String {
    let mut out = String::new();
    let mut counts = [0usize; 5];
    for c in &d.changes {
        let line = match c {
            Change::Added { new } => {
                counts[0] += 1;
                format!(
                    "added       {:>3} [{}] {}",
                    new.number,
                    new.chapter,
                    short(&new.text)
                )
            }
            Change::Removed { old } => {
                counts[1] += 1;
                format!(
                    "removed     {:>3} [{}] {}",
                    old.number,
                    old.chapter,
                    short(&old.text)
                )
            }
            Change::Moved { old, new } => {
                counts[2] += 1;
                format!(
                    "moved       {:>3} → {:<3} {} → {}: {}",
                    old.number,
                    new.number,
                    old.chapter,
                    new.chapter,
                    short(&new.text)
                )
            }
            Change::Renumbered { old, new } => {
                counts[3] += 1;
                format!(
                    "renumbered  {:>3} → {:<3} [{}] {}",
                    old.number,
                    new.number,
                    new.chapter,
                    short(&new.text)
                )
            }
            Change::Reworded { old, new, words } => {
                counts[4] += 1;
                let marked: Vec<String> = words
                    .iter()
                    .map(|w| match w {
                        WordChange::Same(s) => s.clone(),
                        WordChange::Deleted(s) => format!("[-{s}-]"),
                        WordChange::Inserted(s) => format!("{{+{s}+}}"),
                    })
                    .collect();
                format!(
                    "reworded    {:>3} → {:<3} [{}] {}",
                    old.number,
                    new.number,
                    new.chapter,
                    marked.join(" ")
                )
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&format!(
        "{} added, {} removed, {} moved, {} renumbered, {} reworded, {} unchanged\n",
        counts[0], counts[1], counts[2], counts[3], counts[4], d.unchanged
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_only_what_changed() {
        let d = word_diff(
            "les États parties devraient agir",
            "les États devraient agir vite",
        );
        assert_eq!(
            d,
            vec![
                WordChange::Same("les États".into()),
                WordChange::Deleted("parties".into()),
                WordChange::Same("devraient agir".into()),
                WordChange::Inserted("vite".into()),
            ]
        );
    }

    #[test]
    fn similarity_tells_rewording_from_a_new_text() {
        assert!(similarity("a b c d e f", "a b c d e g") > SAME_RECOMMENDATION);
        assert!(similarity("a b c d e f", "u v w x y z") < SAME_RECOMMENDATION);
    }
}
