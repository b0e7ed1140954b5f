//! What a report says about itself: the masthead on its first page, its
//! language, and the meeting it reports on (ordinal, place, dates).

use crate::language::{self, Language};
use crate::model::LanguageTag;
use crate::model::{Block, Masthead, Meeting, Report};
use crate::source::{furniture, Furniture, RemovedLine};
use rayon::prelude::*;

/// Symbol, date, language and job number from the first page's lines and
/// the furniture taken out of the text.
pub fn masthead(front: &[String], removed: &[RemovedLine]) -> Masthead {
    // Each column of a line on its own: text drawn with -layout keeps the
    // masthead's two columns side by side, three spaces or more apart.
    let cells = |lines: usize| {
        front
            .iter()
            .take(lines)
            .flat_map(|l| l.split("   ").map(super::squeeze).filter(|c| !c.is_empty()))
            .collect::<Vec<String>>()
    };
    let symbol = cells(6)
        .iter()
        .find_map(|l| furniture::find_symbol(l).map(str::to_string))
        .or_else(|| {
            removed.iter().find_map(|r| match &r.furniture {
                Furniture::Symbol { symbol } => Some(symbol.clone()),
                _ => None,
            })
        });
    // The first page's job number carries the language letter: `V.12-54101 (F)`.
    let jobs = || {
        removed.iter().filter_map(|r| match &r.furniture {
            Furniture::JobNumber { job, language, .. } => Some((job, language)),
            _ => None,
        })
    };
    let first_page = jobs().find(|(_, language)| language.is_some());
    let job_number = first_page
        .or_else(|| jobs().next())
        .map(|(job, _)| job.clone());
    let first_lines = cells(20);
    let language = first_page
        .and_then(|(_, letter)| language::by_name_or_letter(letter.as_deref()?))
        .or_else(|| {
            first_lines
                .iter()
                .find_map(|l| language::by_name_or_letter(l))
        })
        .map(|l| l.code.clone());
    let date = first_lines.iter().find(|l| is_date(l)).cloned();
    Masthead {
        symbol,
        date,
        language,
        job_number,
    }
}

/// The language a job number's letter gives (`V.12-54101 (F)`), if any.
pub fn stated_language(removed: &[RemovedLine]) -> Option<&'static Language> {
    removed.iter().find_map(|r| match &r.furniture {
        Furniture::JobNumber {
            language: Some(letter),
            ..
        } => language::by_name_or_letter(letter),
        _ => None,
    })
}

fn is_date(line: &str) -> bool {
    // Every language writes the day in digits.
    if !line.chars().any(char::is_numeric) {
        return false;
    }
    language::codes()
        .into_iter()
        .filter_map(language::get)
        .any(|l| {
            // Words first: most lines are not three words with a month of
            // the language, and reading a date compiles its date pattern.
            line.split(' ').count() == 3
                && line.split(' ').any(|w| l.is_month(w))
                && l.parse_date_range(line).is_some_and(|(a, b)| a == b)
        })
}

/// The language of the report's running text, when the masthead doesn't say.
pub fn guess_language(report: &Report) -> Option<LanguageTag> {
    let text: String = report
        .front
        .iter()
        .map(String::as_str)
        .chain(report.chapters.iter().flat_map(|c| {
            std::iter::once(c.title.as_str()).chain(c.blocks.iter().map(|b| match b {
                Block::Paragraph(p) => p.text.as_str(),
                Block::Heading { title, .. } => title.as_str(),
            }))
        }))
        .take(60)
        .collect::<Vec<_>>()
        .join(" ");
    language::guess(&text).map(|l| l.code.clone())
}

/// Every text of the report where a meeting may be stated, title first.
fn statements(report: &Report) -> Vec<&str> {
    let mut texts: Vec<&str> = report.front.iter().map(String::as_str).collect();
    for chapter in &report.chapters {
        for block in &chapter.blocks {
            match block {
                Block::Heading { title, .. } => texts.push(title),
                Block::Paragraph(p) => texts.push(&p.text),
            }
        }
    }
    texts
}

/// The meeting the report is about: place and dates from the first
/// statement that gives them, ordinal from the first that names one.
pub fn meeting(report: &Report) -> Option<Meeting> {
    let lang = language::get(report.masthead.language.as_ref()?.as_str())?;
    let texts = statements(report);
    let (place, start, end) = texts.iter().find_map(|t| place_and_dates(lang, t))?;
    // Most reports name no ordinal: every paragraph is asked, on every core.
    let ordinal = texts.par_iter().find_map_first(|t| ordinal(lang, t));
    Some(Meeting {
        ordinal,
        place,
        start,
        end,
    })
}

pub fn place_and_dates(
    lang: &Language,
    text: &str,
) -> Option<(String, crate::model::Date, crate::model::Date)> {
    // Searched in a few paragraphs or titles, until one states a meeting.
    lang.meeting_place
        .few_texts()
        .captures_iter(text)
        .find_map(|c| {
            let group = |a: &str, b: &str| c.get_group_by_name(a).or(c.get_group_by_name(b));
            let dates = &text[group("dates", "dates2")?];
            let place = &text[group("place", "place2")?];
            let (start, end) = lang.parse_date_range(dates)?;
            Some((place.trim().to_string(), start, end))
        })
}

pub fn ordinal(lang: &Language, text: &str) -> Option<u32> {
    // Every paragraph of a report may be asked: most are ruled out fast.
    if !lang.meeting_ordinal.may_match(text) {
        return None;
    }
    lang.meeting_ordinal
        .few_texts()
        .captures_iter(text)
        .find_map(|c| lang.ordinal_number(&text[c.get_group_by_name("ordinal")?]))
}
