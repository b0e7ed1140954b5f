//! A heading rule of a chapter: a pattern a report heading may match. Most
//! rules are words with `(?i)` before them; those are matched as words,
//! with no regular expression to compile (compiling a case-insensitive
//! pattern of accented words costs more than reading a short report).

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
    /// `(?i)` and words with no special character: found in the lower-case
    /// heading.
    Words(String),
    Pattern(Regex),
}

impl HeadingRule {
    pub fn new(pattern: &str) -> Result<HeadingRule, regex::Error> {
        let matcher = match pattern.strip_prefix("(?i)") {
            Some(words) if !words.is_empty() && !words.contains(SPECIAL) => {
                Matcher::Words(words.to_lowercase())
            }
            _ => Matcher::Pattern(Regex::new(pattern)?),
        };
        Ok(HeadingRule {
            pattern: pattern.to_string(),
            matcher,
        })
    }

    /// Whether the heading matches; `lower` is the heading in lower case.
    pub fn is_match(&self, heading: &str, lower: &str) -> bool {
        match &self.matcher {
            Matcher::Words(words) => lower.contains(words.as_str()),
            Matcher::Pattern(re) => re.is_match(heading),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }
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
        ];
        for pattern in [
            "(?i)prévention",
            "(?i)échange d’informations",
            "(?i)pluri-institutions",
            "(?i)предупреждению",
            "(?i)^rien$",
            "(?i)coop[ée]ration",
            "Prévention",
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
        assert!(matches!(
            HeadingRule::new("(?i)pluri-institutions").unwrap().matcher,
            Matcher::Words(_)
        ));
        assert!(matches!(
            HeadingRule::new("(?i)coop[ée]ration").unwrap().matcher,
            Matcher::Pattern(_)
        ));
        assert!(HeadingRule::new("(?i)(").is_err());
    }
}
