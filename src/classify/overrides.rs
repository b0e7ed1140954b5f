//! The manifest's overrides: decisions a person confirmed. Each names the
//! report, the paragraph label and the recommendation's text (its opening
//! words, or the short hash the review list shows), so that an override
//! written for one text never lands on another: if a report is re-lettered
//! or reworded, the override is an error that shows both texts.

use crate::diagnostic::Diagnostic;
use crate::manifest::Override;
use crate::model::{Provenance, Recommendation};

/// Words of a recommendation an override quotes by default: enough to tell
/// apart the paragraphs of one report.
const OPENING_WORDS: usize = 12;

/// The text as overrides compare it: whitespace runs as one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short, stable fingerprint of a recommendation's text (FNV-1a, 32 bits,
/// as 8 hex digits): what the review list shows and an override may quote.
pub fn hash(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in squeeze(text).bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// The opening words of a recommendation, as an override quotes them.
pub fn opening(text: &str) -> String {
    let text = squeeze(text);
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= OPENING_WORDS {
        return text;
    }
    format!("{}…", words[..OPENING_WORDS].join(" "))
}

/// Does the override's text (or hash) name this recommendation?
pub fn confirms(o: &Override, rec: &Recommendation) -> bool {
    if let Some(h) = &o.hash {
        if !h.trim().eq_ignore_ascii_case(&hash(&rec.inline_text())) {
            return false;
        }
    }
    if let Some(t) = &o.text {
        let quoted = squeeze(t.trim_end_matches(['…', '.', ' ']));
        if quoted.is_empty() || !squeeze(&rec.inline_text()).starts_with(&quoted) {
            return false;
        }
    }
    o.text.is_some() || o.hash.is_some()
}

fn names(o: &Override, rec: &Recommendation) -> bool {
    o.report == rec.source.report && o.paragraph == rec.source.paragraph
}

/// The override that applies to a recommendation (checked beforehand).
pub fn find<'a>(overrides: &'a [Override], rec: &Recommendation) -> Option<&'a Override> {
    overrides.iter().find(|o| names(o, rec) && confirms(o, rec))
}

/// Every override must confirm exactly the text it quotes. `reports` are the
/// symbols of the reports read; with `complete`, they are all the
/// compilation's, and an override naming any other report is an error too
/// (extraction of a few reports checks only the overrides of those).
pub fn check(
    overrides: &[Override],
    recs: &[&Recommendation],
    reports: &[String],
    complete: bool,
    manifest: &str,
) -> Result<(), Diagnostic> {
    for o in overrides {
        let at = |message: String| Diagnostic::error(manifest, o.line, o.column, message);
        let label = format!("override for {} paragraph {}", o.report, o.paragraph);
        if !reports.contains(&o.report) {
            if complete {
                return Err(at(format!(
                    "{label} matches no recommendation: no report {} is compiled (reports: {})",
                    o.report,
                    reports.join(", ")
                ))
                .with_hint("remove the override, or give the report it was written for"));
            }
            continue;
        }
        let Some(rec) = recs.iter().find(|r| names(o, r)) else {
            let of_report: Vec<String> = recs
                .iter()
                .filter(|r| r.source.report == o.report)
                .map(|r| r.source.paragraph.to_string())
                .collect();
            return Err(at(format!(
                "{label} matches no recommendation: the report has no paragraph {} (its paragraphs: {})",
                o.paragraph,
                of_report.join(", ")
            )));
        };
        if confirms(o, rec) {
            continue;
        }
        let quoted = match (&o.text, &o.hash) {
            (Some(t), _) => format!("“{t}”"),
            (None, Some(h)) => format!("the text of hash {h}"),
            (None, None) => unreachable!("checked when the manifest is read"),
        };
        let elsewhere = recs
            .iter()
            .find(|r| r.source.report == o.report && confirms(o, r))
            .map(|r| format!("; the quoted text is paragraph {} now", r.source.paragraph));
        return Err(at(format!(
            "{label} confirms {quoted}, but that paragraph reads “{}” (hash {}){}",
            opening(&rec.inline_text()),
            hash(&rec.inline_text()),
            elsewhere.unwrap_or_default()
        ))
        .with_hint(
            "check the decision against the report, then update the override's paragraph or text",
        ));
    }
    Ok(())
}

/// A doubtful decision written as an override entry to paste into the
/// manifest once a person has checked it.
pub fn entry(source: &Provenance, text: &str, chapter: &str, why: &str) -> String {
    let quote = |s: &str| toml_string(s);
    let why: String = why.chars().filter(|c| !c.is_control()).collect();
    format!(
        "# {why}\n[[overrides]]\nreport = {}\nparagraph = {}\ntext = {}\nhash = \"{}\"\nchapter = {}\nreason = \"\"\n",
        quote(&source.report),
        quote(&source.paragraph.to_string()),
        quote(&opening(text)),
        hash(text),
        quote(chapter),
    )
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(paragraph: &str, text: &str) -> Recommendation {
        Recommendation {
            source: Provenance {
                file: "r.txt".into(),
                report: "R/1".into(),
                paragraph: paragraph.parse().unwrap(),
                line: 1,
                heading: None,
            },
            text: text.into(),
            items: vec![],
        }
    }

    fn over(paragraph: &str, text: Option<&str>, hash: Option<&str>) -> Override {
        Override {
            report: "R/1".into(),
            paragraph: paragraph.parse().unwrap(),
            text: text.map(str::to_string),
            hash: hash.map(str::to_string),
            chapter: "other".into(),
            reason: None,
            line: 7,
            column: 1,
        }
    }

    #[test]
    fn text_or_hash_confirms_the_recommendation() {
        let r = rec(
            "6 c)",
            "Le Groupe de travail a recommandé  que la Conférence examine.",
        );
        assert!(confirms(
            &over("6 c)", Some("Le Groupe de travail a recommandé…"), None),
            &r
        ));
        assert!(confirms(
            &over("6 c)", None, Some(&hash(&r.inline_text()))),
            &r
        ));
        assert!(!confirms(&over("6 c)", Some("Dix ans après"), None), &r));
        assert!(!confirms(&over("6 c)", None, Some("00000000")), &r));
        assert!(!confirms(&over("6 c)", Some(""), None), &r));
        // Whitespace does not change the hash.
        assert_eq!(
            hash(&r.inline_text()),
            hash("Le Groupe de travail a recommandé que la Conférence examine.")
        );
    }

    #[test]
    fn a_relettered_report_is_an_error_showing_both_texts() {
        let a = rec(
            "6 c)",
            "Dix ans après l’entrée en vigueur de la Convention.",
        );
        let b = rec(
            "6 d)",
            "Le Groupe de travail a recommandé que la Conférence examine.",
        );
        let o = over("6 c)", Some("Le Groupe de travail a recommandé"), None);
        let e = check(&[o], &[&a, &b], &["R/1".into()], true, "m.toml").unwrap_err();
        let text = format!("{e:?}");
        assert!(text.contains("Dix ans après"), "{text}");
        assert!(text.contains("Le Groupe de travail a recommandé"), "{text}");
        assert!(text.contains("paragraph 6 d) now"), "{text}");
        assert_eq!((e.line, e.column), (7, 1));
    }

    #[test]
    fn an_override_matching_nothing_is_an_error() {
        let a = rec("1", "Texte.");
        let missing = over("2", Some("Texte"), None);
        assert!(check(&[missing], &[&a], &["R/1".into()], true, "m").is_err());
        let mut elsewhere = over("1", Some("Texte"), None);
        elsewhere.report = "R/2".into();
        assert!(check(&[elsewhere.clone()], &[&a], &["R/1".into()], true, "m").is_err());
        // Extracting one report checks only that report's overrides.
        assert!(check(&[elsewhere], &[&a], &["R/1".into()], false, "m").is_ok());
        assert!(check(
            &[over("1", Some("Texte"), None)],
            &[&a],
            &["R/1".into()],
            true,
            "m"
        )
        .is_ok());
    }

    #[test]
    fn an_entry_reads_back_as_the_override_it_proposes() {
        let r = rec("3 b)", "Les États \"parties\" devraient sensibiliser le public aux dangers du trafic illicite de migrants par mer.");
        let text = entry(
            &r.source,
            &r.inline_text(),
            "prevention",
            "review: p = 0.55",
        );
        #[derive(serde::Deserialize)]
        struct M {
            overrides: Vec<Override>,
        }
        let m: M = toml::from_str(&text).unwrap();
        let o = &m.overrides[0];
        assert_eq!(
            (o.paragraph.to_string().as_str(), o.chapter.as_str()),
            ("3 b)", "prevention")
        );
        assert!(confirms(o, &r));
        assert!(o.text.as_deref().unwrap().ends_with('…'));
    }
}
