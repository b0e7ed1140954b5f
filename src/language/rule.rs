//! A heading rule of a chapter: a pattern a report heading may match. Most
//! rules are words, with `(?i)` before them and word boundaries (`\b`)
//! round them or not; those are matched as words, with no regular
//! expression to compile (compiling a case-insensitive pattern of accented
//! words costs more than reading a short report).

use regex::Regex;
use std::fmt;

/// The characters that make a pattern more than words (outside a class,
/// `-`, `#`, `&` and `~` stand for themselves).
const SPECIAL: &[char] = &[
    '\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$',
];

#[derive(Debug, Clone)]
pub struct HeadingRule {
    pattern: String,
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    /// Words with no special character: found in the heading, or in the
    /// lower-case heading after `(?i)`; where the pattern says `\b`, only
    /// at a word boundary.
    Words {
        words: String,
        folded: bool,
        boundary_before: bool,
        boundary_after: bool,
    },
    Pattern(Regex),
}

impl HeadingRule {
    pub fn new(pattern: &str) -> Result<HeadingRule, regex::Error> {
        let (folded, rest) = match pattern.strip_prefix("(?i)") {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let (boundary_before, rest) = match rest.strip_prefix(r"\b") {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let (boundary_after, words) = match rest.strip_suffix(r"\b") {
            Some(words) => (true, words),
            None => (false, rest),
        };
        let matcher = if !words.is_empty() && !words.contains(SPECIAL) {
            Matcher::Words {
                words: if folded {
                    words.to_lowercase()
                } else {
                    words.to_string()
                },
                folded,
                boundary_before,
                boundary_after,
            }
        } else {
            Matcher::Pattern(Regex::new(pattern)?)
        };
        Ok(HeadingRule {
            pattern: pattern.to_string(),
            matcher,
        })
    }

    /// Whether the heading matches; `lower` is the heading in lower case.
    pub fn is_match(&self, heading: &str, lower: &str) -> bool {
        match &self.matcher {
            Matcher::Words {
                words,
                folded,
                boundary_before,
                boundary_after,
            } => {
                let text = if *folded { lower } else { heading };
                text.match_indices(words.as_str()).any(|(at, _)| {
                    (!boundary_before || at_boundary(text, at))
                        && (!boundary_after || at_boundary(text, at + words.len()))
                })
            }
            Matcher::Pattern(re) => re.is_match(heading),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }
}

/// Whether `at` is a word boundary of `text` as `\b` reads it: a word
/// character (`\w`, of any script) on one side and none on the other.
fn at_boundary(text: &str, at: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    word(text[..at].chars().next_back()) != word(text[at..].chars().next())
}

impl fmt::Display for HeadingRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pattern)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way of matching agrees with the regular expression.
    #[test]
    fn words_match_as_the_pattern_would() {
        let headings = [
            "Mesures de prévention",
            "MESURES DE PRÉVENTION",
            "Prévention et sensibilisation",
            "Échange d’informations",
            "Coopération pluri-institutions",
            "Меры по ПРЕДУПРЕЖДЕНИЮ",
            "Rien",
            "Prévention.",
            "Préventionnel",
            "La non-prévention",
            "Data and research",
            "Metadata",
            "DATA_SETS",
            "data²",
            "منع التهريب",
            "والمنع",
        ];
        for pattern in [
            "(?i)prévention",
            "(?i)échange d’informations",
            "(?i)pluri-institutions",
            "(?i)предупреждению",
            "(?i)^rien$",
            "(?i)coop[ée]ration",
            "Prévention",
            r"(?i)\bprévention\b",
            r"(?i)\bprévention",
            r"(?i)prévention\b",
            r"(?i)\bdata\b",
            r"\bData\b",
            r"\bمنع\b",
        ] {
            let rule = HeadingRule::new(pattern).unwrap();
            let re = Regex::new(pattern).unwrap();
            for h in headings {
                assert_eq!(
                    rule.is_match(h, &h.to_lowercase()),
                    re.is_match(h),
                    "{pattern} on {h}"
                );
            }
            assert_eq!(rule.to_string(), pattern);
        }
        for words in ["(?i)pluri-institutions", r"(?i)\bdata\b", r"\bمنع\b"] {
            assert!(matches!(
                HeadingRule::new(words).unwrap().matcher,
                Matcher::Words { .. }
            ));
        }
        assert!(matches!(
            HeadingRule::new("(?i)coop[ée]ration").unwrap().matcher,
            Matcher::Pattern(_)
        ));
        assert!(HeadingRule::new("(?i)(").is_err());
    }
}
