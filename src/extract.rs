//! The recommendations of a report: the paragraphs of its recommendations
//! chapter, or the items under a chapeau (`Le Groupe de travail a adopté les
//! recommandations suivantes:`), each with where it was read. Sub-items are
//! relabelled for the level they take in the compilation.

use crate::diagnostic::Diagnostic;
use crate::language::{self, Language};
use crate::model::{Block, Chapter, Item, ParagraphRef, Provenance, Recommendation, Report};

pub fn extract(report: &Report) -> Result<Vec<Recommendation>, Diagnostic> {
    extract_with_warnings(report).map(|(recommendations, _)| recommendations)
}

/// The recommendations of every recommendations chapter, in reading order,
/// and what was noticed on the way: text without a paragraph number among
/// numbered recommendations is reported, never taken as one.
pub fn extract_with_warnings(
    report: &Report,
) -> Result<(Vec<Recommendation>, Vec<Diagnostic>), Diagnostic> {
    extract_from(report, &[])
}

/// As `extract_with_warnings`, with the chapters that hold recommendations
/// told by `chapters` (title patterns) rather than by the language's
/// built-in patterns, when any is given.
pub fn extract_from(
    report: &Report,
    chapters: &[regex::Regex],
) -> Result<(Vec<Recommendation>, Vec<Diagnostic>), Diagnostic> {
    let code = report.masthead.language.as_ref().ok_or_else(|| {
        Diagnostic::error(&report.file, 1, 1, "cannot tell the report's language")
            .with_hint("the masthead should carry `Français`/`English` or a job number such as `V.12-54101 (F)`")
    })?;
    let lang = language::get(code.as_str()).ok_or_else(|| {
        Diagnostic::error(
            &report.file,
            1,
            1,
            format!("no language table for `{code}`"),
        )
    })?;
    let chapters = recommendations_chapters(report, lang, chapters)?;
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for chapter in &chapters {
        chapter_recommendations(report, lang, chapter, &mut out, &mut warnings);
    }
    if out.is_empty() {
        let chapter = chapters[0];
        return Err(Diagnostic::error(
            &report.file,
            chapter.line,
            1,
            format!(
                "the recommendations chapter ({}. {}) holds no recommendation",
                chapter.numeral,
                one_line(&chapter.title)
            ),
        ));
    }
    Ok((out, warnings))
}

fn chapter_recommendations(
    report: &Report,
    lang: &Language,
    chapter: &Chapter,
    out: &mut Vec<Recommendation>,
    warnings: &mut Vec<Diagnostic>,
) {
    let symbol = report
        .masthead
        .symbol
        .clone()
        .unwrap_or_else(|| report.file.clone());
    let provenance = |paragraph: ParagraphRef, line: usize, heading: &Option<String>| Provenance {
        file: report.file.clone(),
        report: symbol.clone(),
        paragraph,
        line,
        heading: heading.clone(),
    };
    let numbered = chapter
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Paragraph(p) if p.number.is_some()));
    // The chapter's own title stands as the heading of what comes before
    // (or without) a heading of the report's.
    let mut heading: Option<String> = Some(chapter.title.clone()).filter(|t| !t.is_empty());
    for block in &chapter.blocks {
        let p = match block {
            Block::Heading { title, .. } => {
                heading = Some(title.clone());
                continue;
            }
            Block::Paragraph(p) => p,
        };
        let number = match p.number {
            Some(_) => ParagraphRef::of(p.number, p.line),
            None if numbered => {
                warnings.push(
                    Diagnostic::warning(
                        &report.file,
                        p.line,
                        1,
                        format!(
                            "text without a paragraph number in chapter {}, not taken as a recommendation: “{}”",
                            chapter.numeral,
                            one_line(&p.text)
                        ),
                    )
                    .with_hint("a page missing, or a paragraph number the reader could not place?"),
                );
                continue;
            }
            None => ParagraphRef::of(None, p.line),
        };
        if lang.chapeau.is_match(&p.text) {
            for item in &p.items {
                let mut items = relabel(&item.items, 1, lang);
                let mut text = open_sentence(&item.text);
                lang.close_sentence(last_text(&mut text, &mut items));
                out.push(Recommendation {
                    source: provenance(number.with_item(&item.label), item.line, &heading),
                    text,
                    items,
                });
            }
            continue;
        }
        out.push(Recommendation {
            source: provenance(number, p.line, &heading),
            text: p.text.clone(),
            items: relabel(&p.items, 1, lang),
        });
    }
}

/// A text cut to one short line, for a message.
fn one_line(text: &str) -> String {
    crate::diagnostic::one_line(text, 60)
}

/// Every chapter whose title says it holds recommendations (`I.
/// Recommendations`, `II. General recommendations`, `IV. Recommendations
/// to the Conference`, `Recommandations relatives à …`), in order.
fn recommendations_chapters<'r>(
    report: &'r Report,
    lang: &Language,
    patterns: &[regex::Regex],
) -> Result<Vec<&'r Chapter>, Diagnostic> {
    let holds = |title: &str| {
        if patterns.is_empty() {
            lang.recommendations_chapter.is_match(title)
        } else {
            patterns.iter().any(|p| p.is_match(title))
        }
    };
    let mut found: Vec<&Chapter> = report.chapters.iter().filter(|c| holds(&c.title)).collect();
    // A body without any chapter heading is all recommendations when the
    // report's title says so (`Recommendations adopted by …`).
    // Text drawn without blank lines runs the title into the masthead: the
    // title may start at any capitalised word.
    let titled = |text: &str| {
        text.char_indices()
            .filter(|&(i, c)| c.is_uppercase() && (i == 0 || text[..i].ends_with(' ')))
            .any(|(i, _)| holds(&text[i..]))
    };
    let headed = report.chapters.iter().any(|c| !c.numeral.is_empty());
    if found.is_empty() && !headed && report.front.iter().any(|l| titled(l)) {
        found.extend(report.chapters.iter().filter(|c| c.numeral.is_empty()));
    }
    if found.is_empty() {
        let titles: Vec<String> = report
            .chapters
            .iter()
            .filter(|c| !c.numeral.is_empty())
            .map(|c| format!("{}. {}", c.numeral, one_line(&c.title)))
            .collect();
        return Err(Diagnostic::error(
            &report.file,
            1,
            1,
            "the report has no recommendations chapter",
        )
        .with_hint(if titles.is_empty() {
            "no chapter heading (`I. Recommandations`) was found at all".to_string()
        } else {
            crate::diagnostic::one_line(&format!("chapters found: {}", titles.join("; ")), 160)
        }));
    }
    Ok(found)
}

/// The text that ends a recommendation: its own, or its last sub-item's.
fn last_text<'a>(text: &'a mut String, items: &'a mut [Item]) -> &'a mut String {
    match items.last_mut() {
        Some(last) => last_text(&mut last.text, &mut last.items),
        None => text,
    }
}

/// An item of a list may start in lower case (Russian `а) государствам`);
/// promoted to a paragraph of its own, it starts with a capital.
fn open_sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// Labels sub-items for their depth below a numbered paragraph: a report's
/// `i)` under an item that becomes a paragraph is the compilation's `a)`.
pub(crate) fn relabel(items: &[Item], depth: usize, lang: &Language) -> Vec<Item> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| Item {
            label: lang.item_label(depth, i),
            text: item.text.clone(),
            items: relabel(&item.items, depth + 1, lang),
            line: item.line,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;
    use crate::source::from_bytes;

    fn extract_text(text: &str) -> Result<Vec<Recommendation>, Diagnostic> {
        let parsed = parse(&from_bytes("r.txt", text.as_bytes()).unwrap()).unwrap();
        extract(&parsed.report)
    }

    const HEAD: &str = " Nations Unies CTOC/COP/WG.7/2013/5\n\nFrançais\n\n";

    #[test]
    fn each_paragraph_its_own_recommendation() {
        let recs = extract_text(&format!(
            "{HEAD}  I. Recommandations\n\n1. À sa réunion, le Groupe de travail a adopté les recommandations ci-après.\n\n A. Prévention\n\n2. Les États devraient agir.\n\n3. Les États devraient coopérer.\n\n  II. Résumé des débats\n\n4. Les États ont débattu.\n"
        ))
        .unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].source.paragraph.to_string(), "2");
        assert_eq!(recs[0].source.heading.as_deref(), Some("Prévention"));
        assert_eq!(recs[1].text, "Les États devraient coopérer.");
        assert_eq!(recs[1].source.report, "CTOC/COP/WG.7/2013/5");
    }

    #[test]
    fn a_long_chapter_gives_its_paragraphs_in_order_under_their_headings() {
        let mut text = format!("{HEAD}  I. Recommandations\n\n");
        let mut expected = Vec::new();
        for n in 1..=1024 {
            if n % 100 == 1 {
                text.push_str(&format!(
                    " {}. Thème {n}\n\n",
                    (b'A' + (n / 100) as u8) as char
                ));
            }
            if n == 700 {
                text.push_str(&format!(
                    "{n}. Le Groupe de travail a adopté les recommandations suivantes:\n\n a) Première;\n\n b) Seconde.\n\n"
                ));
                let heading = format!("Thème {}", (n - 1) / 100 * 100 + 1);
                expected.push((format!("{n} a)"), heading.clone()));
                expected.push((format!("{n} b)"), heading));
                continue;
            }
            text.push_str(&format!("{n}. Les États devraient agir, {n}.\n\n"));
            expected.push((n.to_string(), format!("Thème {}", (n - 1) / 100 * 100 + 1)));
        }
        let parsed = parse(&from_bytes("r.txt", text.as_bytes()).unwrap()).unwrap();
        let (recs, warnings) = extract_with_warnings(&parsed.report).unwrap();
        let found: Vec<(String, String)> = recs
            .iter()
            .map(|r| {
                (
                    r.source.paragraph.to_string(),
                    r.source.heading.clone().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(found.len(), expected.len());
        let wrong = found.iter().zip(&expected).position(|(f, e)| f != e);
        assert_eq!(wrong, None, "the first recommendation out of place");
        assert!(warnings.is_empty());
        assert_eq!(recs[41].text, "Les États devraient agir, 42.");
    }

    #[test]
    fn chapeau_items_with_sub_items_relettered() {
        let recs = extract_text(&format!(
            "{HEAD}  I. Recommandations\n\n5. Le Groupe de travail a adopté les recommandations suivantes:\n\n a) Première;\n\n b) Le Groupe a recommandé les thèmes suivants:\n\n i) le trafic;\n\n ii) la mer.\n\n  II. Autre\n\n6. Texte.\n"
        ))
        .unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].text, "Première.", "a list item ends as a sentence");
        assert_eq!(recs[1].source.paragraph.to_string(), "5 b)");
        let labels: Vec<&str> = recs[1].items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["a)", "b)"]);
        assert_eq!(
            recs[1].inline_text(),
            "Le Groupe a recommandé les thèmes suivants: a) le trafic; b) la mer."
        );
    }

    #[test]
    fn every_recommendations_chapter_gives_its_paragraphs_under_its_title() {
        let recs = extract_text(&format!(
            "{HEAD}  I. Recommandations\n\n1. Les États parties devraient agir.\n\n  II. Résumé des débats\n\n2. Les États ont débattu.\n\n  III. Recommandations relatives à la coopération\n\n3. Les États parties devraient coopérer.\n"
        ))
        .unwrap();
        let found: Vec<(String, Option<&str>)> = recs
            .iter()
            .map(|r| (r.source.paragraph.to_string(), r.source.heading.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                ("1".to_string(), Some("Recommandations")),
                (
                    "3".to_string(),
                    Some("Recommandations relatives à la coopération")
                )
            ]
        );
    }

    #[test]
    fn the_manifest_can_say_which_chapters_hold_recommendations() {
        let text = format!(
            "{HEAD}  I. Recommandations\n\n1. Les États parties devraient agir.\n\n  II. Conclusions du Groupe\n\n2. Les États parties devraient coopérer.\n"
        );
        let parsed = parse(&from_bytes("r.txt", text.as_bytes()).unwrap()).unwrap();
        let only = [regex::Regex::new("^Conclusions").unwrap()];
        let (recs, _) = extract_from(&parsed.report, &only).unwrap();
        let found: Vec<String> = recs
            .iter()
            .map(|r| r.source.paragraph.to_string())
            .collect();
        assert_eq!(found, ["2"]);
    }

    #[test]
    fn text_without_a_number_among_numbered_recommendations_is_reported() {
        let parsed = parse(
            &from_bytes(
                "r.txt",
                format!("{HEAD}  I. Recommandations\n\n1. Les États parties devraient agir.\n\n(ii) la mer;\n\n2. Les États parties devraient coopérer.\n").as_bytes(),
            )
            .unwrap(),
        )
        .unwrap();
        let (recs, warnings) = extract_with_warnings(&parsed.report).unwrap();
        assert_eq!(recs.len(), 2);
        assert!(recs
            .iter()
            .all(|r| !r.source.paragraph.to_string().starts_with("line")));
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].message.contains("(ii) la mer;"),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn a_long_list_of_chapters_is_cut_to_one_line() {
        let chapters: String = (1..=12)
            .map(|n| format!("  {}. Organisation des travaux de la session et autres questions diverses\n\n{n}. Texte.\n\n", crate::language::roman(n)))
            .collect();
        let err = extract_text(&format!("{HEAD}{chapters}")).unwrap_err();
        let hint = err.hint.unwrap();
        assert!(
            hint.starts_with("chapters found: I. Organisation"),
            "{hint}"
        );
        assert!(hint.chars().count() <= 161 && hint.ends_with('…'), "{hint}");
    }

    #[test]
    fn a_report_without_recommendations_chapter_is_an_error() {
        let err = extract_text(&format!("{HEAD}  I. Organisation\n\n1. Texte.\n")).unwrap_err();
        assert!(
            err.to_string().contains("no recommendations chapter"),
            "{err}"
        );
        assert!(err.hint.unwrap().contains("I. Organisation"));
    }

    #[test]
    fn an_empty_recommendations_chapter_is_an_error_at_its_line() {
        let err = extract_text(&format!(
            "{HEAD}  I. Recommandations\n\n  II. Organisation\n\n1. Texte.\n"
        ))
        .unwrap_err();
        assert_eq!(err.line, 5);
    }
}
