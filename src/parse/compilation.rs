//! Reading a published compilation back into the compiled model: the
//! reference edition, or a prior edition that the next one starts from.
//! Its subheadings give each meeting (ordinal, place, dates).

use super::front;
use crate::diagnostic::Diagnostic;
use crate::language;
use crate::model::{
    Block, ChapterKey, Compilation, CompiledChapter, FrontMatter, IntroductionChapter, Meeting,
    MeetingGroup, NumberedParagraph, Report,
};

/// A chapter of the compilation as the manifest names it.
#[derive(Debug, Clone)]
pub struct ChapterName {
    pub key: ChapterKey,
    pub title: String,
}

/// Builds the compiled model of a parsed compilation. `names` gives each
/// chapter its key by title; a chapter whose title matches none is an error.
pub fn read(report: &Report, names: &[ChapterName]) -> Result<Compilation, Diagnostic> {
    let path = &report.file;
    let lang = match &report.masthead.language {
        Some(code) => language::get(code.as_str()).ok_or_else(|| {
            Diagnostic::error(path, 1, 1, format!("no language table for `{code}`"))
        })?,
        None => language::fallback(),
    };
    let mut chapters = report.chapters.iter();
    let first = chapters.next().ok_or_else(|| {
        Diagnostic::error(path, 1, 1, "no chapter found: this is not a compilation")
    })?;
    let introduction = IntroductionChapter {
        numeral: first.numeral.clone(),
        title: first.title.clone(),
        paragraphs: first
            .blocks
            .iter()
            .filter_map(|b| numbered(path, b).transpose())
            .collect::<Result<_, _>>()?,
    };
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut compiled = Vec::new();
    for chapter in chapters {
        let key = names
            .iter()
            .find(|n| same_title(&n.title, &chapter.title))
            .map(|n| n.key.clone())
            .ok_or_else(|| {
                Diagnostic::error(
                    path,
                    chapter.line,
                    1,
                    format!(
                        "chapter {} `{}` matches no chapter of the manifest",
                        chapter.numeral, chapter.title
                    ),
                )
            })?;
        let mut groups: Vec<MeetingGroup> = Vec::new();
        for block in &chapter.blocks {
            match block {
                Block::Heading { label, title, line } => {
                    let (place, start, end) =
                        front::place_and_dates(lang, title).ok_or_else(|| {
                            Diagnostic::error(
                                path,
                                *line,
                                1,
                                format!("subheading {label} names no meeting place and dates"),
                            )
                        })?;
                    let meeting = Meeting {
                        ordinal: front::ordinal(lang, title),
                        place,
                        start,
                        end,
                    };
                    if !meetings.contains(&meeting) {
                        meetings.push(meeting.clone());
                    }
                    groups.push(MeetingGroup {
                        letter: label.clone(),
                        title: title.clone(),
                        meeting,
                        paragraphs: Vec::new(),
                    });
                }
                Block::Paragraph(p) => {
                    let group = groups.last_mut().ok_or_else(|| {
                        Diagnostic::error(
                            path,
                            p.line,
                            1,
                            "a paragraph stands before the chapter's first subheading",
                        )
                    })?;
                    if let Some(paragraph) = numbered(path, block)? {
                        group.paragraphs.push(paragraph);
                    }
                }
            }
        }
        compiled.push(CompiledChapter {
            key,
            numeral: chapter.numeral.clone(),
            title: chapter.title.clone(),
            groups,
        });
    }
    meetings.sort_by_key(|m| m.start);
    Ok(Compilation {
        language: lang.code.clone(),
        front: FrontMatter {
            symbol: report.masthead.symbol.clone().unwrap_or_default(),
            date: report.masthead.date.clone().unwrap_or_default(),
            job_number: report.masthead.job_number.clone().unwrap_or_default(),
            ..FrontMatter::default()
        },
        introduction,
        chapters: compiled,
        meetings,
        review: Vec::new(),
    })
}

fn numbered(path: &str, block: &Block) -> Result<Option<NumberedParagraph>, Diagnostic> {
    match block {
        Block::Paragraph(p) => match p.number {
            Some(number) => Ok(Some(NumberedParagraph {
                number,
                text: p.text.clone(),
                items: p.items.iter().map(strip_lines).collect(),
                source: None,
                classification: None,
            })),
            None => Err(Diagnostic::error(
                path,
                p.line,
                1,
                "unnumbered paragraph in a compilation",
            )),
        },
        Block::Heading { .. } => Ok(None),
    }
}

fn strip_lines(item: &crate::model::Item) -> crate::model::Item {
    crate::model::Item {
        label: item.label.clone(),
        text: item.text.clone(),
        items: item.items.iter().map(strip_lines).collect(),
        line: 0,
    }
}

/// Titles compare without case, spacing or typographic apostrophes.
pub(crate) fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .map(|c| if c == '\'' { '’' } else { c })
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}
