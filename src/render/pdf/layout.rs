//! The compilation as a flow of blocks (headings, paragraphs, items), and the
//! pages made from it: flow, first-page furniture and running heads put
//! together at their places.

use super::fonts::FontKind;
use super::kit::{Kit, Mark, Page};
use super::paginate::{paginate, Area, Shape};
use super::typeset::{Align, Lead};
use super::PdfError;
use super::{codes, masthead, outline, superscript};
use crate::model::{Compilation, DocBlock, Item, NumberedParagraph};
use crate::render::Location;

/// A block of the flow: its lines' marks are relative to each line's top.
struct Block {
    shape: Shape,
    lines: Vec<Vec<Mark>>,
    /// A heading's outline level and bookmark title.
    heading: Option<(u8, String)>,
}

#[derive(Clone, Copy)]
struct Spacing {
    before: f32,
    after: f32,
}

/// The whole document, page by page.
pub fn pages(c: &Compilation, kit: &Kit<'_>) -> Result<Vec<Page>, PdfError> {
    let st = kit.style;
    let first = masthead::first_page(&c.front, kit)?;
    let mut blocks = flow(c, kit)?;
    let shapes: Vec<Shape> = blocks.iter().map(|b| b.shape.clone()).collect();
    let body = Area {
        top: st.margin_top,
        bottom: st.page_height - st.margin_bottom,
    };
    let first_area = Area {
        top: first.body_top,
        bottom: first.body_bottom,
    };
    let slices = paginate(&shapes, |p| if p == 0 { first_area } else { body }, 2);

    let count = slices.last().map(|s| s.page + 1).unwrap_or(1);
    let mut pages = vec![Page::default(); count];
    pages[0].marks.extend(first.marks);
    pages[0].marks.extend(codes::first_page(c, kit)?);
    for (n, page) in pages.iter_mut().enumerate().skip(1) {
        page.marks.extend(masthead::running(n + 1, &c.front, kit)?);
    }
    for slice in &slices {
        let block = &mut blocks[slice.block];
        if let (Some((level, title)), 0) = (&block.heading, slice.lines.start) {
            pages[slice.page].outline.push(outline::Entry {
                level: *level,
                title: title.clone(),
                page: slice.page,
                top: slice.top,
            });
        }
        let mut top = slice.top;
        for l in slice.lines.clone() {
            let page = &mut pages[slice.page];
            // Each line is on one page: its marks move there.
            page.marks.extend(
                std::mem::take(&mut block.lines[l])
                    .into_iter()
                    .map(|m| m.moved_down(top)),
            );
            top += block.shape.lines[l];
        }
    }
    for page in &mut pages {
        let marks = std::mem::take(&mut page.marks);
        page.marks = superscript::raise(marks, kit.faces, kit.language);
    }
    Ok(pages)
}

fn flow(c: &Compilation, kit: &Kit<'_>) -> Result<Vec<Block>, PdfError> {
    let st = kit.style;
    let heading = Spacing {
        before: st.heading_space_before,
        after: st.heading_space_after,
    };
    let text = Spacing {
        before: 0.0,
        after: st.paragraph_space_after,
    };
    let mut out: Vec<(Block, Spacing)> = Vec::new();
    let mut chapter = "";
    for b in c.blocks() {
        match b {
            DocBlock::Chapter { numeral, title } => {
                chapter = numeral;
                let block = heading_block(
                    kit,
                    (0, numeral),
                    title,
                    st.chapter_size,
                    st.chapter_leading,
                )
                .map_err(|e| e.at(|| Location::Chapter(numeral.to_string())))?;
                out.push((block, heading));
            }
            DocBlock::Subheading { letter, title } => {
                let block =
                    heading_block(kit, (1, letter), title, st.subheading_size, st.body_leading)
                        .map_err(|e| {
                            e.at(|| Location::Subheading {
                                chapter: chapter.to_string(),
                                letter: letter.to_string(),
                            })
                        })?;
                out.push((block, heading));
            }
            DocBlock::Paragraph(p) => {
                let blocks =
                    paragraph_blocks(kit, p).map_err(|e| e.at(|| Location::Paragraph(p.number)))?;
                out.extend(blocks.into_iter().map(|block| (block, text)));
            }
        }
    }
    if !out.is_empty() {
        out.push((end_rule(kit), text));
    }
    // The space between two blocks is the larger of what each asks for.
    let mut after_previous = 0.0f32;
    let mut blocks = Vec::with_capacity(out.len());
    for (mut block, spacing) in out {
        block.shape.space_before = spacing.before.max(after_previous);
        after_previous = spacing.after;
        blocks.push(block);
    }
    Ok(blocks)
}

/// `I.` or `A.` hanging in the margin of a bold heading whose title wraps
/// under itself. The numeral is a lead reaching back into the hang, with a
/// space stretched to the title, so the heading reads as one line of text.
fn heading_block(
    kit: &Kit<'_>,
    (level, numeral): (u8, &str),
    title: &str,
    size: f32,
    leading: f32,
) -> Result<Block, PdfError> {
    let st = kit.style;
    let measure = st.text_width() - st.heading_hang - st.paragraph_indent;
    let numeral = crate::language::marked(kit.language, numeral);
    let lines = kit
        .setting(FontKind::Bold, size, measure, Align::Ragged)
        .set(
            title,
            Some(Lead {
                offset: -st.heading_hang,
                label: &numeral,
                text_at: 0.0,
            }),
        )?;
    let base = kit.baseline_offset(leading, size);
    let x = st.margin_left + st.heading_hang;
    let n = lines.len();
    Ok(Block {
        shape: Shape {
            space_before: 0.0,
            lines: vec![leading; n],
            keep_with_next: true,
            splittable: false,
        },
        lines: lines
            .into_iter()
            .map(|l| vec![kit.text(x, base, FontKind::Bold, size, l)])
            .collect(),
        heading: Some((level, format!("{numeral} {title}"))),
    })
}

/// A numbered paragraph: its lead text, then one block per item.
fn paragraph_blocks(kit: &Kit<'_>, p: &NumberedParagraph) -> Result<Vec<Block>, PdfError> {
    let st = kit.style;
    let number = crate::language::marked(kit.language, &p.number.to_string());
    let mut out = vec![text_block(
        kit,
        &p.text,
        Lead {
            offset: 0.0,
            label: &number,
            text_at: st.number_tab,
        },
    )?];
    items(kit, &p.items, 1, &mut out)?;
    Ok(out)
}

fn items(kit: &Kit<'_>, list: &[Item], level: usize, out: &mut Vec<Block>) -> Result<(), PdfError> {
    let st = kit.style;
    for item in list {
        let offset = level as f32 * st.item_indent;
        out.push(text_block(
            kit,
            &item.text,
            Lead {
                offset,
                label: &item.label,
                text_at: offset + st.number_tab,
            },
        )?);
        items(kit, &item.items, level + 1, out)?;
    }
    Ok(())
}

/// Justified body text within the paragraph indents.
fn text_block(kit: &Kit<'_>, text: &str, lead: Lead<'_>) -> Result<Block, PdfError> {
    let st = kit.style;
    let measure = st.text_width() - 2.0 * st.paragraph_indent;
    let x = st.margin_left + st.paragraph_indent;
    let lines = kit
        .setting(FontKind::Regular, st.body_size, measure, Align::Justified)
        .set(text, Some(lead))?;
    let base = kit.baseline_offset(st.body_leading, st.body_size);
    let n = lines.len();
    Ok(Block {
        shape: Shape {
            space_before: 0.0,
            lines: vec![st.body_leading; n],
            keep_with_next: false,
            splittable: true,
        },
        lines: lines
            .into_iter()
            .map(|l| vec![kit.text(x, base, FontKind::Regular, st.body_size, l)])
            .collect(),
        heading: None,
    })
}

/// The short centred rule that closes the document.
fn end_rule(kit: &Kit<'_>) -> Block {
    let st = kit.style;
    let height = st.end_rule_space;
    Block {
        shape: Shape {
            space_before: 0.0,
            lines: vec![height],
            keep_with_next: false,
            splittable: false,
        },
        lines: vec![vec![Mark::Rule {
            x: st.margin_left + (st.text_width() - st.end_rule) / 2.0,
            y: height * 0.75,
            width: st.end_rule,
            thickness: st.rule_thin,
        }]],
        heading: None,
    }
}
