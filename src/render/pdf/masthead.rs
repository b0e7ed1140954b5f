//! Page furniture: the first page's masthead, its footnote and job number,
//! and the running heads and feet of the pages after it.

use super::fonts::FontKind;
use super::kit::{Kit, Mark};
use super::typeset::{Align, Lead};
use super::PdfError;
use crate::model::FrontMatter;

/// The first page's furniture and the room it leaves for the flow.
pub struct FirstPage {
    pub marks: Vec<Mark>,
    pub body_top: f32,
    pub body_bottom: f32,
}

/// Type for a run of masthead lines.
#[derive(Clone, Copy)]
struct Type {
    font: FontKind,
    size: f32,
    leading: f32,
}

/// `text` set ragged in a column of `width` from `x`, first baseline at
/// `baseline`; gives the last line's baseline.
fn column(
    kit: &Kit<'_>,
    marks: &mut Vec<Mark>,
    (x, mut baseline): (f32, f32),
    width: f32,
    t: Type,
    text: &str,
) -> Result<f32, PdfError> {
    let lines = kit
        .setting(t.font, t.size, width, Align::Ragged)
        .set(text, None)?;
    let mut last = baseline - t.leading;
    for line in lines {
        marks.push(kit.text(x, baseline, t.font, t.size, line));
        last = baseline;
        baseline += t.leading;
    }
    Ok(last)
}

pub fn first_page(front: &FrontMatter, kit: &Kit<'_>) -> Result<FirstPage, PdfError> {
    let st = kit.style;
    let left = st.margin_left;
    let right = st.margin_left + st.text_width();
    let lead = st.body_leading;
    let size = st.body_size;
    let mut marks = Vec::new();
    let roman = Type {
        font: FontKind::Regular,
        size,
        leading: lead,
    };
    let bold = Type {
        font: FontKind::Bold,
        ..roman
    };

    // Organisation and symbol, over a heavy rule across the text block.
    let top = st.masthead_top;
    if !front.organization.is_empty() {
        // A long name (`Организация Объединенных Наций`) is set smaller, so
        // as to keep a gap of an em before the symbol.
        let room = st.text_width()
            - kit.width(FontKind::Bold, st.symbol_size, &front.symbol)?
            - st.symbol_size;
        let natural = kit.width(FontKind::Regular, st.organization_size, &front.organization)?;
        let organization_size = if natural > room && natural > 0.0 {
            st.organization_size * room / natural
        } else {
            st.organization_size
        };
        marks.push(kit.left_aligned(
            left,
            top,
            FontKind::Regular,
            organization_size,
            &front.organization,
        )?);
    }
    if !front.symbol.is_empty() {
        marks.push(kit.right_aligned(right, top, FontKind::Bold, st.symbol_size, &front.symbol)?);
    }
    let rule_y = top + st.symbol_rule_drop * st.symbol_size;
    marks.push(Mark::Rule {
        x: left,
        y: rule_y,
        width: st.text_width(),
        thickness: st.rule_thick,
    });

    // Distribution block, right column.
    let dist_x = left + st.distribution_column;
    let mut y = rule_y + lead + st.distribution_space;
    let mut distribution: Vec<&str> = Vec::new();
    if !front.distribution.is_empty() {
        distribution.push(&front.distribution);
    }
    if !front.date.is_empty() {
        distribution.push(&front.date);
    }
    distribution.extend(front.distribution_lines.iter().map(String::as_str));
    for line in distribution {
        marks.push(kit.left_aligned(dist_x, y, FontKind::Regular, size, line)?);
        y += lead;
    }
    let thin_y = y - lead + st.distribution_rule_drop * lead;
    marks.push(Mark::Rule {
        x: left,
        y: thin_y,
        width: st.text_width(),
        thickness: st.rule_thin,
    });

    // Body and meeting on the left: the body's name and the meeting's in
    // bold, place and dates in roman.
    let mut y = thin_y + lead + st.body_space;
    for (i, line) in front.body.iter().enumerate() {
        let t = if st.body_line_is_bold(i, front.body.len()) {
            bold
        } else {
            roman
        };
        let last = column(kit, &mut marks, (left, y), st.masthead_column, t, line)?;
        y = last + lead + if i == 0 { st.body_space } else { 0.0 };
    }
    // A blank line between the meeting and the agenda item.
    y += lead;
    if !front.agenda_item.is_empty() {
        // The same asterisk as the footnote's, so both read back alike.
        let item = format!("{}\u{2217}", front.agenda_item);
        let last = column(kit, &mut marks, (left, y), st.masthead_column, roman, &item)?;
        y = last + lead;
    }
    if !front.agenda_title.is_empty() {
        let last = column(
            kit,
            &mut marks,
            (left, y),
            st.masthead_column,
            bold,
            &front.agenda_title,
        )?;
        y = last + lead;
    }

    // Title and subtitle, hung like a chapter heading.
    let hang_x = left + st.heading_hang;
    let measure = st.text_width() - st.heading_hang - st.paragraph_indent;
    let mut last = y;
    if !front.title.is_empty() {
        y += 2.0 * lead;
        let title = Type {
            font: FontKind::Bold,
            size: st.title_size,
            leading: st.title_leading,
        };
        last = column(kit, &mut marks, (hang_x, y), measure, title, &front.title)?;
        y = last;
    }
    if !front.subtitle.is_empty() {
        y += 2.0 * lead;
        last = column(kit, &mut marks, (hang_x, y), measure, bold, &front.subtitle)?;
    }
    let body_top = last + 2.0 * lead;

    // Footnote to the agenda item's asterisk, under a short rule at the
    // foot of the text block.
    let note_size = st.footnote_size;
    let note_base = st.page_height - st.margin_bottom;
    let mut body_bottom = note_base;
    if !front.agenda_footnote.is_empty() {
        let lines = kit
            .setting(
                FontKind::Regular,
                note_size,
                st.text_width() - 2.0 * st.paragraph_indent,
                Align::Ragged,
            )
            .set(
                &front.agenda_footnote,
                Some(Lead {
                    offset: -st.footnote_hang,
                    label: "\u{2217}",
                    text_at: 0.0,
                }),
            )?;
        let note_lead = st.footnote_leading;
        let first = note_base - note_lead * (lines.len().saturating_sub(1)) as f32;
        for (i, line) in lines.into_iter().enumerate() {
            marks.push(kit.text(
                left + st.paragraph_indent,
                first + note_lead * i as f32,
                FontKind::Regular,
                note_size,
                line,
            ));
        }
        let rule_y = first - note_size - st.footnote_rule_space;
        marks.push(Mark::Rule {
            x: left,
            y: rule_y,
            width: st.footnote_rule,
            thickness: st.rule_thin,
        });
        body_bottom = rule_y - lead;
    }

    // Job number and language at the foot.
    let job = job_with_language(front);
    if !job.is_empty() {
        marks.push(kit.left_aligned(
            left,
            st.page_height - st.footer_distance,
            FontKind::Regular,
            st.job_number_size,
            &job,
        )?);
    }
    Ok(FirstPage {
        marks,
        body_top,
        body_bottom,
    })
}

pub fn job_with_language(front: &FrontMatter) -> String {
    match (front.job_number.is_empty(), front.job_language.is_empty()) {
        (true, _) => String::new(),
        (false, true) => front.job_number.clone(),
        (false, false) => format!("{} ({})", front.job_number, front.job_language),
    }
}

/// Head and foot of page `number` (1-based, > 1): the symbol on the outer
/// side at the top; page number outside and job number inside at the foot.
pub fn running(number: usize, front: &FrontMatter, kit: &Kit<'_>) -> Result<Vec<Mark>, PdfError> {
    let st = kit.style;
    let left = st.margin_left;
    let right = st.margin_left + st.text_width();
    let head = st.header_distance + st.running_size;
    let foot = st.page_height - st.footer_distance;
    let odd = number % 2 == 1;
    let page = number.to_string();
    let mut marks = Vec::new();
    if !front.symbol.is_empty() {
        marks.push(if odd {
            kit.right_aligned(right, head, FontKind::Bold, st.running_size, &front.symbol)?
        } else {
            kit.left_aligned(left, head, FontKind::Bold, st.running_size, &front.symbol)?
        });
    }
    let (page_mark, job_mark) = if odd {
        (
            kit.right_aligned(right, foot, FontKind::Bold, st.page_number_size, &page)?,
            kit.left_aligned(
                left,
                foot,
                FontKind::Regular,
                st.job_number_size,
                &front.job_number,
            )?,
        )
    } else {
        (
            kit.left_aligned(left, foot, FontKind::Bold, st.page_number_size, &page)?,
            kit.right_aligned(
                right,
                foot,
                FontKind::Regular,
                st.job_number_size,
                &front.job_number,
            )?,
        )
    };
    // Reading order left to right, as text extraction will give it.
    if odd {
        marks.push(job_mark);
        marks.push(page_mark);
    } else {
        marks.push(page_mark);
        marks.push(job_mark);
    }
    Ok(marks)
}
