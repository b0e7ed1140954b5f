//! The recommendations of a report: the paragraphs of its recommendations
//! chapter, or the items under a chapeau (`Le Groupe de travail a adopté les
//! recommandations suivantes:`), each with where it was read. Sub-items are
//! relabelled for the level they take in the compilation.

use crate::diagnostic::Diagnostic;
use crate::language::{self, Language};
use crate::model::{Block, Chapter, Item, ParagraphRef, Provenance, Recommendation, Report};

pub fn extract(report: &Report) -> Result<Vec<Recommendation>, Diagnostic> {
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
    let chapter = recommendations_chapter(report, lang)?;
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
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    for block in &chapter.blocks {
        let p = match block {
            Block::Heading { title, .. } => {
                heading = Some(title.clone());
                continue;
            }
            Block::Paragraph(p) => p,
        };
        let number = ParagraphRef::of(p.number, p.line);
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
    if out.is_empty() {
        return Err(Diagnostic::error(
            &report.file,
            chapter.line,
            1,
            format!(
                "the recommendations chapter ({}. {}) holds no recommendation",
                chapter.numeral, chapter.title
            ),
        ));
    }
    Ok(out)
}

fn recommendations_chapter<'r>(
    report: &'r Report,
    lang: &Language,
) -> Result<&'r Chapter, Diagnostic> {
    let mut found = report
        .chapters
        .iter()
        .filter(|c| lang.recommendations_chapter.is_match(&c.title));
    let chapter = found.next().ok_or_else(|| {
        let titles: Vec<String> = report
            .chapters
            .iter()
            .map(|c| format!("{}. {}", c.numeral, c.title))
            .collect();
        Diagnostic::error(
            &report.file,
            1,
            1,
            "the report has no recommendations chapter",
        )
        .with_hint(if titles.is_empty() {
            "no chapter heading (`I. Recommandations`) was found at all".to_string()
        } else {
            format!("chapters found: {}", titles.join("; "))
        })
    })?;
    if let Some(second) = found.next() {
        return Err(Diagnostic::error(
            &report.file,
            second.line,
            1,
            format!(
                "a second recommendations chapter ({}. {})",
                second.numeral, second.title
            ),
        )
        .with_hint(format!(
            "the first is chapter {} at line {}",
            chapter.numeral, chapter.line
        )));
    }
    Ok(chapter)
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
