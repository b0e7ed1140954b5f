//! Refuses, before anything is built, text that XML 1.0 cannot carry: an
//! escaped or raw control character would leave Word with a file it calls
//! corrupt, and the editor with no clue where the culprit is.

use super::DocxError;
use crate::model::{Compilation, Item};
pub use crate::render::Location;

/// Tab, line feed and carriage return are the only characters below U+0020
/// that XML 1.0 allows; U+FFFE and U+FFFF are not characters at all.
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn text(location: impl Fn() -> Location, s: &str) -> Result<(), DocxError> {
    match s.chars().find(|&c| forbidden(c)) {
        Some(character) => Err(DocxError::ForbiddenCharacter {
            location: location(),
            character,
        }),
        None => Ok(()),
    }
}

fn items(number: u32, items: &[Item]) -> Result<(), DocxError> {
    for item in items {
        text(|| Location::Paragraph(number), &item.label)?;
        text(|| Location::Paragraph(number), &item.text)?;
        self::items(number, &item.items)?;
    }
    Ok(())
}

pub fn compilation(c: &Compilation) -> Result<(), DocxError> {
    let f = &c.front;
    let single = [
        ("organization", &f.organization),
        ("symbol", &f.symbol),
        ("distribution", &f.distribution),
        ("date", &f.date),
        ("job_number", &f.job_number),
        ("job_language", &f.job_language),
        ("agenda_item", &f.agenda_item),
        ("agenda_title", &f.agenda_title),
        ("agenda_footnote", &f.agenda_footnote),
        ("title", &f.title),
        ("subtitle", &f.subtitle),
    ];
    for (field, value) in single {
        text(|| Location::Front(field), value)?;
    }
    for line in &f.distribution_lines {
        text(|| Location::Front("distribution_lines"), line)?;
    }
    for line in &f.body {
        text(|| Location::Front("body"), line)?;
    }

    let intro = &c.introduction;
    text(|| Location::Chapter(intro.numeral.clone()), &intro.numeral)?;
    text(|| Location::Chapter(intro.numeral.clone()), &intro.title)?;
    for chapter in &c.chapters {
        text(
            || Location::Chapter(chapter.numeral.clone()),
            &chapter.numeral,
        )?;
        text(
            || Location::Chapter(chapter.numeral.clone()),
            &chapter.title,
        )?;
        for group in &chapter.groups {
            let at = || Location::Subheading {
                chapter: chapter.numeral.clone(),
                letter: group.letter.clone(),
            };
            text(at, &group.letter)?;
            text(at, &group.title)?;
        }
    }
    for p in c.paragraphs() {
        text(|| Location::Paragraph(p.number), &p.text)?;
        items(p.number, &p.items)?;
    }
    Ok(())
}
